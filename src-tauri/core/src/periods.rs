//! Reporting periods: open while the office reports and the deputy minister
//! reviews, then signed off and frozen.

use crate::actor::Actor;
use crate::audit::{Action, Subject};
use crate::error::{CoreError, Result};
use crate::scales::{PeriodState, ReviewState};
use crate::seals::{Head, RecordKind};
use crate::tracker::Tracker;
use crate::validate::{self, limit, Lines};
use chrono::{Datelike, Days, Months, NaiveDate};
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

/// What a user enters to open a period (and what the period screen
/// suggests: see [`suggested_next`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewPeriod {
    pub label: String,
    pub starts_on: String,
    pub ends_on: String,
}

/// The reporting quarter containing `d`, on Ontario's April–March fiscal
/// year: its label (e.g. "2026-27 Q3") and first and last days.
pub fn fiscal_quarter(d: NaiveDate) -> (String, NaiveDate, NaiveDate) {
    let fy_start_year = if d.month() >= 4 {
        d.year()
    } else {
        d.year() - 1
    };
    let q = ((d.month() + 8) % 12) / 3 + 1;
    let start_month = [4, 7, 10, 1][(q - 1) as usize];
    let start_year = if q == 4 {
        fy_start_year + 1
    } else {
        fy_start_year
    };
    let start = NaiveDate::from_ymd_opt(start_year, start_month, 1).expect("first of month");
    let end = start + Months::new(3) - Days::new(1);
    let label = format!("{}-{:02} Q{q}", fy_start_year, (fy_start_year + 1) % 100);
    (label, start, end)
}

/// The period to suggest opening next: the quarter after the latest
/// period, or the quarter containing `today` when there is none.
pub fn suggested_next(periods: &[Period], today: NaiveDate) -> NewPeriod {
    let after = periods
        .iter()
        .map(|p| p.ends_on)
        .max()
        .and_then(|end| end.succ_opt());
    let (label, starts_on, ends_on) = fiscal_quarter(after.unwrap_or(today));
    NewPeriod {
        label,
        starts_on: starts_on.to_string(),
        ends_on: ends_on.to_string(),
    }
}

/// The rules of a period's own fields (a one-line label; an end not
/// before its start), for the use case and the importer alike. That labels
/// are unique and periods never overlap is checked against the others.
pub(crate) fn check_fields(label: &str, starts_on: NaiveDate, ends_on: NaiveDate) -> Result<()> {
    validate::required("label", label, limit::LABEL, Lines::Single)?;
    validate::ordered("ends_on", starts_on, ends_on)
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

/// What stands between an open period and its sign-off, as recommendation
/// numbers in order: a period is signed off only once every recommendation
/// has an assessment in it that the deputy minister accepted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Outstanding {
    /// No assessment reported in the period.
    pub not_reported: Vec<i64>,
    /// Reported, awaiting the deputy minister's review.
    pub awaiting_review: Vec<i64>,
    /// Returned by the deputy minister, not yet reported again.
    pub returned: Vec<i64>,
}

impl Outstanding {
    /// From each recommendation's number and its assessment's review state
    /// in the period, if it has one.
    pub fn of(rows: &[(i64, Option<ReviewState>)]) -> Self {
        let numbers = |keep: fn(&Option<ReviewState>) -> bool| -> Vec<i64> {
            let mut n: Vec<i64> = rows
                .iter()
                .filter(|(_, s)| keep(s))
                .map(|(n, _)| *n)
                .collect();
            n.sort_unstable();
            n
        };
        Outstanding {
            not_reported: numbers(|s| s.is_none()),
            awaiting_review: numbers(|s| matches!(s, Some(ReviewState::Pending))),
            returned: numbers(|s| matches!(s, Some(ReviewState::Returned))),
        }
    }

    /// Nothing outstanding: the period can be signed off.
    pub fn is_empty(&self) -> bool {
        self.not_reported.is_empty() && self.awaiting_review.is_empty() && self.returned.is_empty()
    }

    /// Refuses the sign-off of the period `label` while anything is outstanding.
    pub(crate) fn check(self, label: &str) -> Result<()> {
        if self.is_empty() {
            return Ok(());
        }
        let mut unaccepted = [self.awaiting_review, self.returned].concat();
        unaccepted.sort_unstable();
        Err(CoreError::PeriodIncomplete {
            label: label.to_owned(),
            missing: self.not_reported,
            unaccepted,
        })
    }
}

/// Each recommendation's number and the review state of its assessment in
/// period `id`, if any: what `Outstanding::of` reads.
pub(crate) fn review_states(conn: &Connection, id: i64) -> Result<Vec<(i64, Option<ReviewState>)>> {
    Ok(conn
        .prepare_cached(
            "SELECT r.number, a.review_state
             FROM recommendation r
             LEFT JOIN assessment a ON a.recommendation_id = r.id AND a.period_id = ?1
             ORDER BY r.number",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
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
        let start = validate::date("starts_on", &input.starts_on)?;
        let end = validate::date("ends_on", &input.ends_on)?;
        check_fields(&input.label, start, end)?;
        self.write(actor, |ch| {
            if by_label(ch.tx, &input.label).is_ok() {
                return Err(CoreError::PeriodLabelTaken {
                    label: input.label.clone(),
                });
            }
            if let Some(other) = list(ch.tx)?
                .into_iter()
                .find(|p| p.starts_on <= end && start <= p.ends_on)
            {
                return Err(CoreError::PeriodsOverlap {
                    label: other.label,
                    starts_on: other.starts_on,
                    ends_on: other.ends_on,
                });
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
    /// By name: only while the tracker has no registered reviewer (then a
    /// signed decision does it, see [`crate::decisions`]).
    pub fn sign_off_period(&mut self, actor: &Actor, id: i64) -> Result<Period> {
        self.write(actor, |ch| {
            crate::reviewers::require_none_registered(ch.tx)?;
            let (before, after, recorded) = sign_off(ch, id)?;
            ch.audit(
                Action::SignOffPeriod,
                subject(id),
                Some(&before),
                Some(&recorded),
            )?;
            Ok(after)
        })
    }
}

/// Signs period `id` off as `ch.actor` and freezes its snapshot; the caller
/// records the event. Gives the period before and after, and the value the
/// event records (the period with its snapshot's fingerprint).
pub(crate) fn sign_off(
    ch: &crate::audit::Change<'_>,
    id: i64,
) -> Result<(Period, Period, serde_json::Value)> {
    let before = get(ch.tx, id)?;
    require_open(&before)?;
    Outstanding::of(&review_states(ch.tx, id)?).check(&before.label)?;
    ch.tx.execute(
        "UPDATE period SET state = 'signed_off', signed_off_at = ?2, signed_off_by = ?3 WHERE id = ?1",
        params![id, ch.now, ch.actor.as_str()],
    )?;
    let after = get(ch.tx, id)?;
    let snapshot = crate::snapshots::freeze(ch.tx, &after, &ch.now)?;
    // The event names the frozen snapshot by its fingerprint.
    let mut recorded = serde_json::to_value(&after).expect("a period serialises");
    recorded["snapshot_fingerprint"] = snapshot.fingerprint.into();
    Ok((before, after, recorded))
}

pub(crate) fn subject_of(id: i64) -> Subject {
    subject(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn quarters_follow_the_april_fiscal_year() {
        assert_eq!(
            fiscal_quarter(d("2026-11-25")),
            ("2026-27 Q3".into(), d("2026-10-01"), d("2026-12-31"))
        );
        assert_eq!(
            fiscal_quarter(d("2027-02-01")),
            ("2026-27 Q4".into(), d("2027-01-01"), d("2027-03-31"))
        );
        assert_eq!(
            fiscal_quarter(d("2026-04-01")),
            ("2026-27 Q1".into(), d("2026-04-01"), d("2026-06-30"))
        );
        assert_eq!(
            fiscal_quarter(d("2099-09-30")),
            ("2099-00 Q2".into(), d("2099-07-01"), d("2099-09-30"))
        );
    }

    #[test]
    fn the_suggested_period_is_the_quarter_after_the_latest() {
        let today = d("2026-11-25");
        assert_eq!(suggested_next(&[], today).label, "2026-27 Q3");
        let period = |label: &str, starts: &str, ends: &str| Period {
            id: 1,
            label: label.into(),
            starts_on: d(starts),
            ends_on: d(ends),
            state: PeriodState::Open,
            signed_off_at: None,
            signed_off_by: None,
        };
        let periods = [
            period("2026-27 Q3", "2026-10-01", "2026-12-31"),
            period("2026-27 Q2", "2026-07-01", "2026-09-30"),
        ];
        assert_eq!(
            suggested_next(&periods, today),
            NewPeriod {
                label: "2026-27 Q4".into(),
                starts_on: "2027-01-01".into(),
                ends_on: "2027-03-31".into(),
            }
        );
    }
}
