//! Evidence notes: dated, attributed facts that show progress (or its
//! absence). They are what a status claim is checked against, so they are
//! only ever added, never rewritten.

use crate::actor::Actor;
use crate::audit::{Action, Subject};
use crate::error::{CoreError, Result, Rule};
use crate::recommendations;
use crate::scales::EvidenceKind;
use crate::seals::RecordKind;
use crate::tracker::Tracker;
use crate::validate::{self, limit, Lines};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub id: i64,
    pub recommendation_id: i64,
    pub milestone_id: Option<i64>,
    pub observed_on: NaiveDate,
    pub kind: EvidenceKind,
    pub author: String,
    pub text: String,
    /// Where the proof lives: a document title, a file reference or a link,
    /// kept as text and never followed.
    pub source_ref: String,
    pub recorded_at: String,
    pub recorded_by: String,
}

/// What a user enters for a note.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewEvidence {
    pub recommendation_id: i64,
    pub milestone_id: Option<i64>,
    /// Defaults to today.
    pub observed_on: Option<String>,
    pub kind: String,
    /// Defaults to the actor.
    pub author: Option<String>,
    pub text: String,
    pub source_ref: String,
}

/// The rules of an evidence note's text fields, for the use case and the
/// importer alike.
pub(crate) fn check_fields(author: &str, text: &str, source_ref: &str) -> Result<()> {
    validate::required("author", author, limit::NAME, Lines::Single)?;
    validate::required("text", text, limit::LONG_TEXT, Lines::Multi)?;
    validate::optional("source_ref", source_ref, limit::SOURCE, Lines::Single)
}

const COLUMNS: &str = "id, recommendation_id, milestone_id, observed_on, kind, author, text, source_ref, recorded_at, recorded_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Evidence> {
    Ok(Evidence {
        id: r.get(0)?,
        recommendation_id: r.get(1)?,
        milestone_id: r.get(2)?,
        observed_on: r.get(3)?,
        kind: r.get(4)?,
        author: r.get(5)?,
        text: r.get(6)?,
        source_ref: r.get(7)?,
        recorded_at: r.get(8)?,
        recorded_by: r.get(9)?,
    })
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Evidence> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM evidence WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| CoreError::not_found("evidence note", id))
}

/// Notes of one recommendation (or all), newest first, optionally of one kind.
pub(crate) fn list(
    conn: &Connection,
    recommendation_id: Option<i64>,
    kind: Option<EvidenceKind>,
) -> Result<Vec<Evidence>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM evidence
         WHERE (?1 IS NULL OR recommendation_id = ?1) AND (?2 IS NULL OR kind = ?2)
         ORDER BY observed_on DESC, id DESC"
    ))?;
    let rows = stmt.query_map(params![recommendation_id, kind], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// `limit` notes of a recommendation (of one kind, or all) after the
/// `offset` newest, newest first.
pub(crate) fn page(
    conn: &Connection,
    recommendation_id: i64,
    kind: Option<EvidenceKind>,
    offset: u32,
    limit: u32,
) -> Result<Vec<Evidence>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM evidence
         WHERE recommendation_id = ?1 AND (?2 IS NULL OR kind = ?2)
         ORDER BY observed_on DESC, id DESC LIMIT ?3 OFFSET ?4"
    ))?;
    let rows = stmt.query_map(params![recommendation_id, kind, limit, offset], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many notes a recommendation has (of one kind, or all).
pub(crate) fn count(
    conn: &Connection,
    recommendation_id: i64,
    kind: Option<EvidenceKind>,
) -> Result<i64> {
    // From the running counts (schema 5), not by reading the notes.
    Ok(conn
        .prepare_cached(
            "SELECT coalesce(sum(n), 0) FROM evidence_count
             WHERE recommendation_id = ?1 AND (?2 IS NULL OR kind = ?2)",
        )?
        .query_row(params![recommendation_id, kind], |r| r.get(0))?)
}

/// A recommendation's notes observed from `from` to `to`, both included,
/// oldest first.
pub(crate) fn observed_between(
    conn: &Connection,
    recommendation_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Evidence>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM evidence
         WHERE recommendation_id = ?1 AND observed_on BETWEEN ?2 AND ?3
         ORDER BY observed_on, id"
    ))?;
    let rows = stmt.query_map(params![recommendation_id, from, to], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many notes of each kind a recommendation has, observed on or before
/// `until`.
pub(crate) fn counts_by_kind(
    conn: &Connection,
    recommendation_id: i64,
    until: NaiveDate,
) -> Result<Vec<(EvidenceKind, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, count(*) FROM evidence
         WHERE recommendation_id = ?1 AND observed_on <= ?2 GROUP BY kind",
    )?;
    let rows = stmt.query_map(params![recommendation_id, until], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether a recommendation has any note observed on or before `date`.
pub(crate) fn exists_by(
    conn: &Connection,
    recommendation_id: i64,
    date: NaiveDate,
) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM evidence WHERE recommendation_id = ?1 AND observed_on <= ?2)",
        params![recommendation_id, date],
        |r| r.get(0),
    )?)
}

impl Tracker {
    pub fn evidence(
        &mut self,
        recommendation_id: Option<i64>,
        kind: Option<EvidenceKind>,
    ) -> Result<Vec<Evidence>> {
        self.read(|c| list(c, recommendation_id, kind))
    }

    pub fn add_evidence(&mut self, actor: &Actor, input: &NewEvidence) -> Result<Evidence> {
        let kind = EvidenceKind::parse("kind", &input.kind)?;
        let today = self.clock.today();
        let observed =
            validate::optional_date("observed_on", input.observed_on.as_deref())?.unwrap_or(today);
        validate::not_after("observed_on", observed, today)?;
        let author = match &input.author {
            Some(a) if !a.is_empty() => a.as_str(),
            _ => actor.as_str(),
        };
        check_fields(author, &input.text, &input.source_ref)?;
        self.write(actor, |ch| {
            recommendations::require(ch.tx, "recommendation_id", input.recommendation_id)?;
            if let Some(m) = input.milestone_id {
                let of: Option<i64> = ch
                    .tx
                    .query_row(
                        "SELECT recommendation_id FROM milestone WHERE id = ?1",
                        [m],
                        |r| r.get(0),
                    )
                    .optional()?;
                if of != Some(input.recommendation_id) {
                    return Err(CoreError::invalid("milestone_id", Rule::UnknownValue));
                }
            }
            ch.tx.execute(
                "INSERT INTO evidence (recommendation_id, milestone_id, observed_on, kind, author, text, source_ref, recorded_at, recorded_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    input.recommendation_id,
                    input.milestone_id,
                    observed,
                    kind,
                    author,
                    input.text,
                    input.source_ref,
                    ch.now,
                    ch.actor.as_str()
                ],
            )?;
            let note = get(ch.tx, ch.tx.last_insert_rowid())?;
            ch.audit(
                Action::AddEvidence,
                Subject {
                    kind: RecordKind::Evidence,
                    id: note.id,
                    recommendation_id: Some(note.recommendation_id),
                },
                None::<&()>,
                Some(&note),
            )?;
            Ok(note)
        })
    }
}
