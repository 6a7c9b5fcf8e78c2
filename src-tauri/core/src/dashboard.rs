//! The at-a-glance view: for each recommendation, where it stands in the
//! current reporting period, how it moved since the previous one, and what
//! needs attention. The command line's `status` prints this; the window's
//! dashboard draws it.

use crate::assessments::{self, Assessment};
use crate::decisions::{Signer, Signers};
use crate::error::Result;
use crate::milestones;
use crate::periods::{self, Period};
use crate::recommendations;
use crate::scales::{Confidence, ImplementationStatus, ReviewState, Trend};
use crate::tracker::Tracker;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashMap;

/// Days without a new evidence note after which a recommendation is stale.
pub const STALE_AFTER_DAYS: i64 = 30;

#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    pub as_of: NaiveDate,
    pub period: Option<Period>,
    pub previous_period: Option<Period>,
    pub rows: Vec<DashboardRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NextMilestone {
    pub id: i64,
    pub title: String,
    pub due: NaiveDate,
}

#[derive(Debug, Clone, Serialize)]
pub struct DashboardRow {
    pub recommendation_id: i64,
    pub number: i64,
    pub title: String,
    pub lead_owner: Option<String>,
    pub assessment_id: Option<i64>,
    pub status: Option<ImplementationStatus>,
    pub confidence: Option<Confidence>,
    pub accepted_status: Option<ImplementationStatus>,
    pub accepted_confidence: Option<Confidence>,
    pub review_state: Option<ReviewState>,
    pub review_comment: String,
    /// Who reviewed this period's report, and when.
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<String>,
    /// Who signed that review with their key; `None` for a review by name
    /// (or no review yet).
    pub signed: Option<Signer>,
    pub decisions_required: String,
    /// Reported confidence against the previous period's reported confidence;
    /// `None` while nothing is reported this period.
    pub trend: Option<Trend>,
    pub milestones_done: i64,
    /// Milestones that count: all but the cancelled ones.
    pub milestones_total: i64,
    pub overdue_milestones: i64,
    pub next_milestone: Option<NextMilestone>,
    pub last_evidence_on: Option<NaiveDate>,
    pub days_since_evidence: Option<i64>,
    /// No evidence at all, or none for more than [`STALE_AFTER_DAYS`].
    pub stale: bool,
}

pub(crate) fn build(conn: &Connection, today: NaiveDate) -> Result<Dashboard> {
    let (period, previous) = periods::current_and_previous(conn, today)?;
    let by_rec = |p: &Option<Period>| -> Result<HashMap<i64, Assessment>> {
        Ok(match p {
            None => HashMap::new(),
            Some(p) => assessments::list(conn, Some(p.id), None)?
                .into_iter()
                .map(|a| (a.recommendation_id, a))
                .collect(),
        })
    };
    let current = by_rec(&period)?;
    let earlier = by_rec(&previous)?;

    let owner_names: HashMap<i64, String> = conn
        .prepare_cached("SELECT id, name FROM owner")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;

    // Per recommendation, a few lookups of running counts and indexes (the
    // counts, the next open milestone, the newest note), so the dashboard
    // costs the same however many milestones and notes the years have added.
    let mut newest_note =
        conn.prepare_cached("SELECT max(observed_on) FROM evidence WHERE recommendation_id = ?1")?;
    let signers = Signers::of(conn)?;
    let mut rows = Vec::new();
    for rec in recommendations::list(conn)? {
        let a = current.get(&rec.id);
        let counts = milestones::counts(conn, rec.id, today)?;
        let next = milestones::next_open(conn, rec.id)?.map(|(id, title, due)| NextMilestone {
            id,
            title,
            due,
        });
        let last: Option<NaiveDate> = newest_note.query_row([rec.id], |r| r.get(0))?;
        let days = last.map(|d| (today - d).num_days());
        rows.push(DashboardRow {
            recommendation_id: rec.id,
            number: rec.number,
            title: rec.title,
            lead_owner: rec
                .lead_owner_id
                .and_then(|id| owner_names.get(&id).cloned()),
            assessment_id: a.map(|a| a.id),
            status: a.map(|a| a.status),
            confidence: a.map(|a| a.confidence),
            accepted_status: a.and_then(|a| a.accepted_status),
            accepted_confidence: a.and_then(|a| a.accepted_confidence),
            review_state: a.map(|a| a.review_state),
            review_comment: a.map(|a| a.review_comment.clone()).unwrap_or_default(),
            reviewed_by: a.and_then(|a| a.reviewed_by.clone()),
            reviewed_at: a.and_then(|a| a.reviewed_at.clone()),
            signed: match a {
                Some(a) => signers.review(a)?,
                None => None,
            },
            decisions_required: a.map(|a| a.decisions_required.clone()).unwrap_or_default(),
            trend: Trend::between(
                a.map(|a| a.confidence),
                earlier.get(&rec.id).map(|b| b.confidence),
            ),
            milestones_done: counts.done,
            milestones_total: counts.total,
            overdue_milestones: counts.overdue,
            next_milestone: next,
            last_evidence_on: last,
            days_since_evidence: days,
            stale: days.is_none_or(|d| d > STALE_AFTER_DAYS),
        });
    }

    Ok(Dashboard {
        as_of: today,
        period,
        previous_period: previous,
        rows,
    })
}

impl Tracker {
    pub fn dashboard(&mut self) -> Result<Dashboard> {
        let today = self.clock.today();
        self.read(|c| build(c, today))
    }
}
