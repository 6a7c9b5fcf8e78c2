//! Recommendations of a report: their seeded wording, and the owners and
//! target date the office assigns to them.

use crate::actor::Actor;
use crate::audit::{Action, Subject};
use crate::error::{CoreError, Result, Rule};
use crate::owners;
use crate::seals::RecordKind;
use crate::tracker::Tracker;
use crate::validate;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub id: i64,
    pub key: String,
    pub title: String,
    pub subtitle: String,
    pub authors: Vec<String>,
    pub publisher: String,
    pub published: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    pub id: i64,
    pub report_id: i64,
    pub number: i64,
    pub title: String,
    /// The sentence the report sets in bold.
    pub lead: String,
    /// The whole recommendation as the report words it.
    pub text: String,
    pub findings: String,
    pub target_date: Option<NaiveDate>,
    pub lead_owner_id: Option<i64>,
    pub supporting_owner_ids: Vec<i64>,
}

const COLUMNS: &str =
    "id, report_id, number, title, lead_sentence, text, findings, target_date, lead_owner_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Recommendation> {
    Ok(Recommendation {
        id: r.get(0)?,
        report_id: r.get(1)?,
        number: r.get(2)?,
        title: r.get(3)?,
        lead: r.get(4)?,
        text: r.get(5)?,
        findings: r.get(6)?,
        target_date: r.get(7)?,
        lead_owner_id: r.get(8)?,
        supporting_owner_ids: Vec::new(),
    })
}

fn supporting(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT owner_id FROM supporting_owner WHERE recommendation_id = ?1 ORDER BY owner_id",
    )?;
    let ids = stmt.query_map([id], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Recommendation> {
    let mut rec = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM recommendation WHERE id = ?1"
        ))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| CoreError::not_found("recommendation", id))?;
    rec.supporting_owner_ids = supporting(conn, id)?;
    Ok(rec)
}

/// Checks that a recommendation exists, for a reference in `field`.
pub(crate) fn require(conn: &Connection, field: &'static str, id: i64) -> Result<()> {
    let found: Option<i64> = conn
        .query_row("SELECT id FROM recommendation WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    found
        .map(|_| ())
        .ok_or(CoreError::invalid(field, Rule::UnknownValue))
}

pub(crate) fn list(conn: &Connection) -> Result<Vec<Recommendation>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM recommendation ORDER BY report_id, number"
    ))?;
    let mut recs: Vec<Recommendation> = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    for rec in &mut recs {
        rec.supporting_owner_ids = supporting(conn, rec.id)?;
    }
    Ok(recs)
}

/// One report, by id.
pub(crate) fn report(conn: &Connection, id: i64) -> Result<Report> {
    reports(conn)?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(|| CoreError::not_found("report", id))
}

pub(crate) fn reports(conn: &Connection) -> Result<Vec<Report>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, key, title, subtitle, authors, publisher, published FROM report ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        let authors: String = r.get(4)?;
        Ok(Report {
            id: r.get(0)?,
            key: r.get(1)?,
            title: r.get(2)?,
            subtitle: r.get(3)?,
            authors: serde_json::from_str(&authors).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, e.into())
            })?,
            publisher: r.get(5)?,
            published: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn subject(id: i64) -> Subject {
    Subject {
        kind: RecordKind::Recommendation,
        id,
        recommendation_id: Some(id),
    }
}

impl Tracker {
    pub fn reports(&mut self) -> Result<Vec<Report>> {
        self.read(reports)
    }

    pub fn recommendations(&mut self) -> Result<Vec<Recommendation>> {
        self.read(list)
    }

    pub fn recommendation(&mut self, id: i64) -> Result<Recommendation> {
        self.read(|c| get(c, id))
    }

    /// Finds a recommendation by its number in the (first) report.
    pub fn recommendation_by_number(&mut self, number: i64) -> Result<Recommendation> {
        self.read(|c| {
            let id: i64 = c
                .query_row(
                    "SELECT id FROM recommendation WHERE number = ?1 ORDER BY report_id LIMIT 1",
                    [number],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| CoreError::not_found("recommendation number", number))?;
            get(c, id)
        })
    }

    /// Names the lead owner (or none) and the supporting owners, replacing
    /// the previous assignment. Only active owners can be given work; an
    /// owner appears once, and the lead is not also supporting.
    pub fn assign_owners(
        &mut self,
        actor: &Actor,
        recommendation_id: i64,
        lead: Option<i64>,
        supporting: &[i64],
    ) -> Result<Recommendation> {
        let mut seen = std::collections::BTreeSet::new();
        if supporting
            .iter()
            .any(|id| !seen.insert(*id) || Some(*id) == lead)
        {
            return Err(CoreError::invalid("supporting_owner_ids", Rule::Duplicate));
        }
        self.write(actor, |ch| {
            let before = get(ch.tx, recommendation_id)?;
            if let Some(id) = lead {
                if before.lead_owner_id != Some(id) {
                    owners::require_active(ch.tx, "lead_owner_id", id)?;
                }
            }
            for id in supporting {
                if !before.supporting_owner_ids.contains(id) {
                    owners::require_active(ch.tx, "supporting_owner_ids", *id)?;
                }
            }
            ch.tx.execute(
                "UPDATE recommendation SET lead_owner_id = ?2 WHERE id = ?1",
                params![recommendation_id, lead],
            )?;
            ch.tx.execute(
                "DELETE FROM supporting_owner WHERE recommendation_id = ?1",
                [recommendation_id],
            )?;
            for id in supporting {
                ch.tx.execute(
                    "INSERT INTO supporting_owner (recommendation_id, owner_id) VALUES (?1, ?2)",
                    params![recommendation_id, id],
                )?;
            }
            let after = get(ch.tx, recommendation_id)?;
            ch.audit(
                Action::AssignOwners,
                subject(recommendation_id),
                Some(&before),
                Some(&after),
            )?;
            Ok(after)
        })
    }

    /// Sets or clears the date by which the recommendation should be
    /// implemented.
    pub fn set_target_date(
        &mut self,
        actor: &Actor,
        recommendation_id: i64,
        target: Option<&str>,
    ) -> Result<Recommendation> {
        let target = validate::optional_date("target_date", target)?;
        self.write(actor, |ch| {
            let before = get(ch.tx, recommendation_id)?;
            ch.tx.execute(
                "UPDATE recommendation SET target_date = ?2 WHERE id = ?1",
                params![recommendation_id, target],
            )?;
            let after = get(ch.tx, recommendation_id)?;
            ch.audit(
                Action::SetTargetDate,
                subject(recommendation_id),
                Some(&before),
                Some(&after),
            )?;
            Ok(after)
        })
    }
}
