//! Reporting periods: open while the office reports and the deputy minister
//! reviews, then signed off and frozen.

use crate::actor::Actor;
use crate::audit::{Action, Subject};
use crate::error::{CoreError, Result};
use crate::scales::{PeriodState, ReviewState};
use crate::seals::{Head, RecordKind};
use crate::tracker::Tracker;
use crate::validate::{self, limit, Lines};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub id: i64,
    pub label: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub state: PeriodState,
    pub signed_off_at: Option<String>,
    pub signed_off_by: Option<String>,
}

/// What a user enters to open a period.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewPeriod {
    pub label: String,
    pub starts_on: String,
    pub ends_on: String,
}

const COLUMNS: &str = "id, label, starts_on, ends_on, state, signed_off_at, signed_off_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Period> {
    Ok(Period {
        id: r.get(0)?,
        label: r.get(1)?,
        starts_on: r.get(2)?,
        ends_on: r.get(3)?,
        state: r.get(4)?,
        signed_off_at: r.get(5)?,
        signed_off_by: r.get(6)?,
    })
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Period> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM period WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| CoreError::not_found("reporting period", id))
}

pub(crate) fn by_label(conn: &Connection, label: &str) -> Result<Period> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM period WHERE label = ?1"))?
        .query_row([label], from_row)
        .optional()?
        .ok_or_else(|| CoreError::not_found("reporting period", label))
}

/// All periods, oldest first.
pub(crate) fn list(conn: &Connection) -> Result<Vec<Period>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM period ORDER BY starts_on, id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The period being reported on `today`: the latest one that has started,
/// or, before any has, the earliest. Returns it with the one before it.
pub(crate) fn current_and_previous(
    conn: &Connection,
    today: NaiveDate,
) -> Result<(Option<Period>, Option<Period>)> {
    // Two seeks along the start-date index, however many periods there are.
    let current = match conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM period WHERE starts_on <= ?1
             ORDER BY starts_on DESC, id DESC LIMIT 1"
        ))?
        .query_row([today], from_row)
        .optional()?
    {
        Some(p) => Some(p),
        None => conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM period ORDER BY starts_on, id LIMIT 1"
            ))?
            .query_row([], from_row)
            .optional()?,
    };
    let previous = match &current {
        None => None,
        Some(p) => before(conn, p)?,
    };
    Ok((current, previous))
}

/// The period just before `period` in the order of [`list`].
pub(crate) fn before(conn: &Connection, period: &Period) -> Result<Option<Period>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM period WHERE (starts_on, id) < (?1, ?2)
             ORDER BY starts_on DESC, id DESC LIMIT 1"
        ))?
        .query_row(params![period.starts_on, period.id], from_row)
        .optional()?)
}

/// The snapshot fingerprint each period's sign-off event recorded, by
/// period id (sign-offs made before snapshots existed recorded none).
pub(crate) fn sign_off_fingerprints(
    conn: &Connection,
) -> Result<std::collections::HashMap<i64, String>> {
    let rows: Vec<(i64, Option<String>)> = conn
        .prepare_cached(
            "SELECT entity_id, json_extract(after_json, '$.snapshot_fingerprint')
             FROM audit_event WHERE action = ?1 AND entity_kind = ?2 ORDER BY id",
        )?
        .query_map(
            params![Action::SignOffPeriod.as_str(), RecordKind::Period.as_str()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, f)| f.map(|f| (id, f)))
        .collect())
}

/// A period is signed off only once every recommendation has an assessment
/// in it that the deputy minister accepted. `rows` gives each
/// recommendation's number and its assessment's review state, if any.
pub(crate) fn check_complete(label: &str, rows: &[(i64, Option<ReviewState>)]) -> Result<()> {
    let missing: Vec<String> = rows
        .iter()
        .filter(|(_, s)| s.is_none())
        .map(|(n, _)| n.to_string())
        .collect();
    let unaccepted: Vec<String> = rows
        .iter()
        .filter(|(_, s)| matches!(s, Some(ReviewState::Pending | ReviewState::Returned)))
        .map(|(n, _)| n.to_string())
        .collect();
    let mut reasons = Vec::new();
    if !missing.is_empty() {
        reasons.push(format!(
            "no assessment for recommendation(s) {}",
            missing.join(", ")
        ));
    }
    if !unaccepted.is_empty() {
        reasons.push(format!(
            "assessment(s) not yet accepted for recommendation(s) {}",
            unaccepted.join(", ")
        ));
    }
    if reasons.is_empty() {
        Ok(())
    } else {
        Err(CoreError::PeriodIncomplete {
            label: label.to_owned(),
            reason: reasons.join("; "),
        })
    }
}

/// The event that signed `period_id` off, as the newest event of the trail
/// the period's snapshot belongs to: what its briefing names as its place
/// in the audit trail.
pub(crate) fn sign_off_event(conn: &Connection, period_id: i64) -> Result<Option<Head>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, hash FROM audit_event
             WHERE action = ?1 AND entity_kind = ?2 AND entity_id = ?3 AND hash IS NOT NULL
             ORDER BY id DESC LIMIT 1",
        )?
        .query_row(
            params![
                Action::SignOffPeriod.as_str(),
                RecordKind::Period.as_str(),
                period_id
            ],
            |r| {
                Ok(Head {
                    event_id: r.get(0)?,
                    hash: r.get(1)?,
                })
            },
        )
        .optional()?)
}

/// Refuses any change to a signed-off period.
pub(crate) fn require_open(period: &Period) -> Result<()> {
    match period.state {
        PeriodState::Open => Ok(()),
        PeriodState::SignedOff => Err(CoreError::PeriodSignedOff(period.label.clone())),
    }
}

fn subject(id: i64) -> Subject {
    Subject {
        kind: RecordKind::Period,
        id,
        recommendation_id: None,
    }
}

impl Tracker {
    pub fn periods(&mut self) -> Result<Vec<Period>> {
        self.read(list)
    }

    pub fn period(&mut self, id: i64) -> Result<Period> {
        self.read(|c| get(c, id))
    }

    pub fn period_by_label(&mut self, label: &str) -> Result<Period> {
        self.read(|c| by_label(c, label))
    }

    /// The period being reported on today, if any exists.
    pub fn current_period(&mut self) -> Result<Option<Period>> {
        let today = self.clock.today();
        self.read(|c| current_and_previous(c, today).map(|(cur, _)| cur))
    }

    /// Opens a reporting period. Labels are unique and periods never overlap.
    pub fn open_period(&mut self, actor: &Actor, input: &NewPeriod) -> Result<Period> {
        validate::required("label", &input.label, limit::LABEL, Lines::Single)?;
        let start = validate::date("starts_on", &input.starts_on)?;
        let end = validate::date("ends_on", &input.ends_on)?;
        validate::ordered("ends_on", start, end)?;
        self.write(actor, |ch| {
            if by_label(ch.tx, &input.label).is_ok() {
                return Err(CoreError::Conflict(format!(
                    "a reporting period called \"{}\" already exists",
                    input.label
                )));
            }
            if let Some(other) = list(ch.tx)?
                .into_iter()
                .find(|p| p.starts_on <= end && start <= p.ends_on)
            {
                return Err(CoreError::Conflict(format!(
                    "the dates overlap reporting period \"{}\" ({} to {})",
                    other.label, other.starts_on, other.ends_on
                )));
            }
            ch.tx.execute(
                "INSERT INTO period (label, starts_on, ends_on) VALUES (?1, ?2, ?3)",
                params![input.label, start, end],
            )?;
            let p = get(ch.tx, ch.tx.last_insert_rowid())?;
            ch.audit(Action::OpenPeriod, subject(p.id), None::<&()>, Some(&p))?;
            Ok(p)
        })
    }

    /// Signs a period off, after which it and its assessments are read-only.
    /// Every recommendation must have an assessment the deputy minister has
    /// accepted: a period with open questions cannot be closed.
    pub fn sign_off_period(&mut self, actor: &Actor, id: i64) -> Result<Period> {
        self.write(actor, |ch| {
            let before = get(ch.tx, id)?;
            require_open(&before)?;
            let mut stmt = ch.tx.prepare(
                "SELECT r.number, a.review_state
                 FROM recommendation r
                 LEFT JOIN assessment a ON a.recommendation_id = r.id AND a.period_id = ?1
                 ORDER BY r.number",
            )?;
            let rows: Vec<(i64, Option<ReviewState>)> = stmt
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            check_complete(&before.label, &rows)?;
            ch.tx.execute(
                "UPDATE period SET state = 'signed_off', signed_off_at = ?2, signed_off_by = ?3 WHERE id = ?1",
                params![id, ch.now, ch.actor.as_str()],
            )?;
            let after = get(ch.tx, id)?;
            let snapshot = crate::snapshots::freeze(ch.tx, &after, &ch.now)?;
            // The event names the frozen snapshot by its fingerprint.
            let mut recorded = serde_json::to_value(&after).expect("a period serialises");
            recorded["snapshot_fingerprint"] = snapshot.fingerprint.into();
            ch.audit(Action::SignOffPeriod, subject(id), Some(&before), Some(&recorded))?;
            Ok(after)
        })
    }
}
