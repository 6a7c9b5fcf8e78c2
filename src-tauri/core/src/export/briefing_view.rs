//! The briefing-period view for spreadsheets: one row per reporting period
//! and recommendation, with what the period's briefing says of it.
//!
//! Each signed-off period's row comes from its frozen snapshot, so the
//! spreadsheet and the PDF briefing of that period agree value for value and
//! carry the same fingerprint; an open period's rows come from the live data
//! and say so. Scale values are written in words, as in the other CSV
//! files; the cells are plain strings, and the CSV writer neutralises
//! formula-like text.

use crate::scales::Trend;
use crate::snapshots::{PeriodReading, RecommendationSnapshot, Snapshot};
use std::collections::HashMap;

/// The file name in a CSV export.
pub const FILE_NAME: &str = "briefing_periods.csv";

pub const HEADER: &[&str] = &[
    "period",
    "period_starts_on",
    "period_ends_on",
    "period_state",
    "made_from",
    "snapshot_fingerprint",
    "as_of",
    "number",
    "title",
    "lead_owner",
    "status",
    "confidence",
    "confidence_trend",
    "accepted_status",
    "accepted_confidence",
    "review_state",
    "milestones_done",
    "milestones_total",
    "milestones_overdue",
    "milestones_slipped",
    "next_milestone",
    "next_milestone_due",
    "evidence_notes_in_period",
    "commentary",
    "next_steps",
    "risks",
    "decisions_required",
];

/// The rows of the view from each period's snapshot and whether it was made
/// from live data, periods in the order given (oldest first), then
/// recommendations by number. Cells are unescaped text.
pub fn rows(periods: &[PeriodReading]) -> Vec<Vec<String>> {
    let by_period: HashMap<i64, &Snapshot> = periods
        .iter()
        .map(|r| (r.snapshot.period.id, &r.snapshot))
        .collect();
    let mut out = Vec::new();
    for PeriodReading {
        snapshot: s,
        fingerprint,
        draft,
    } in periods
    {
        let previous = s.previous_period_id.and_then(|id| by_period.get(&id));
        for rec in &s.recommendations {
            let before = previous.and_then(|prev| prev.recommendation(rec.number));
            let mut row = vec![
                s.period.label.clone(),
                s.period.starts_on.to_string(),
                s.period.ends_on.to_string(),
                s.period.state.label().to_owned(),
                if *draft {
                    "live data (draft)"
                } else {
                    "signed-off snapshot"
                }
                .to_owned(),
                fingerprint.clone(),
                s.as_of.to_string(),
            ];
            row.extend(recommendation_cells(rec, before, s));
            out.push(row);
        }
    }
    out
}

fn recommendation_cells(
    rec: &RecommendationSnapshot,
    before: Option<&RecommendationSnapshot>,
    s: &Snapshot,
) -> Vec<String> {
    let a = rec.assessment.as_ref();
    let text = |f: fn(&crate::assessments::Assessment) -> &str| {
        a.map(|a| f(a).to_owned()).unwrap_or_default()
    };
    let trend = Trend::between(
        a.map(|a| a.confidence),
        before
            .and_then(|b| b.assessment.as_ref())
            .map(|b| b.confidence),
    );
    let counts = rec.milestone_counts();
    let next = rec.next_milestone();
    vec![
        rec.number.to_string(),
        rec.title.clone(),
        rec.lead_owner
            .as_ref()
            .map(|o| o.name.clone())
            .unwrap_or_default(),
        a.map(|a| a.status.label().to_owned()).unwrap_or_default(),
        a.map(|a| a.confidence.label().to_owned())
            .unwrap_or_default(),
        trend.map(|t| t.label().to_owned()).unwrap_or_default(),
        a.and_then(|a| a.accepted_status)
            .map(|v| v.label().to_owned())
            .unwrap_or_default(),
        a.and_then(|a| a.accepted_confidence)
            .map(|v| v.label().to_owned())
            .unwrap_or_default(),
        a.map(|a| a.review_state.label().to_owned())
            .unwrap_or_default(),
        counts.done.to_string(),
        counts.total.to_string(),
        counts.overdue.to_string(),
        rec.milestones
            .iter()
            .filter(|m| m.slip_days > 0)
            .count()
            .to_string(),
        next.map(|m| m.milestone.title.clone()).unwrap_or_default(),
        next.map(|m| m.milestone.current_due.to_string())
            .unwrap_or_default(),
        rec.period_evidence
            .iter()
            .filter(|n| n.observed_on >= s.period.starts_on)
            .count()
            .to_string(),
        text(|a| &a.commentary),
        text(|a| &a.next_steps),
        text(|a| &a.risks),
        text(|a| &a.decisions_required),
    ]
}
