//! What changed in a period: computed from the period's snapshot, read at
//! the period's end, so a briefing can say it in a page.
//!
//! Work is credited to the period its dates fall in, whenever the period
//! was signed off: a milestone completed, moved later or come due inside
//! the period, and a note observed inside it. Only the assessments — the
//! status, confidence, risks and decisions reported — are compared with the
//! previous period's, as recorded at each sign-off.

use crate::scales::{Confidence, ImplementationStatus, ReviewState};
use crate::snapshots::{RecommendationSnapshot, Return, Snapshot};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Changes {
    pub status: Vec<ScaleChange<ImplementationStatus>>,
    pub confidence: Vec<ScaleChange<Confidence>>,
    pub completed: Vec<Completion>,
    pub slipped: Vec<Slip>,
    pub newly_overdue: Vec<MilestoneRef>,
    /// The notes observed in the period, by kind key, only kinds with any.
    pub new_evidence: BTreeMap<String, i64>,
    /// Risks and decisions required that read differently from last time.
    pub new_risks: Vec<TextChange>,
    pub new_decisions: Vec<TextChange>,
    pub returned: Vec<Returned>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScaleChange<T> {
    pub number: i64,
    pub from: Option<T>,
    pub to: T,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MilestoneRef {
    pub number: i64,
    pub title: String,
    pub due: NaiveDate,
}

/// A milestone done within the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Completion {
    pub number: i64,
    pub title: String,
    pub due: NaiveDate,
    pub completed_on: NaiveDate,
    /// Days after its due date it was done (0 when on time or early).
    pub days_late: i64,
}

/// A milestone whose due date lies later at the period's end than it did
/// when the period began.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Slip {
    pub number: i64,
    pub title: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The reason given for the period's last move.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextChange {
    pub number: i64,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Returned {
    pub number: i64,
    #[serde(flatten)]
    pub at: Return,
}

/// What changed in `current`'s period, its assessments compared with
/// `previous` (none: every assessment counts as new). Both are read at
/// their period's end ([`Snapshot::at_period_end`]) first, so a snapshot
/// may be given as stored.
pub fn between(previous: Option<&Snapshot>, current: &Snapshot) -> Changes {
    let current = current.read_at_period_end();
    let previous = previous.map(Snapshot::read_at_period_end);
    let (first, last) = (current.period.starts_on, current.figures_on());
    let mut out = Changes::default();
    for rec in &current.recommendations {
        let before = previous.as_ref().and_then(|p| p.recommendation(rec.number));
        compare_assessments(&mut out, before, rec);
        dated_work(&mut out, rec, first, last);
    }
    out
}

fn compare_assessments(
    out: &mut Changes,
    before: Option<&RecommendationSnapshot>,
    now: &RecommendationSnapshot,
) {
    let n = now.number;
    let was = before.and_then(|b| b.assessment.as_ref());
    if let Some(a) = &now.assessment {
        if was.map(|w| w.status) != Some(a.status) {
            out.status.push(ScaleChange {
                number: n,
                from: was.map(|w| w.status),
                to: a.status,
            });
        }
        if was.map(|w| w.confidence) != Some(a.confidence) {
            out.confidence.push(ScaleChange {
                number: n,
                from: was.map(|w| w.confidence),
                to: a.confidence,
            });
        }
        let fresh = |text: &str, old: Option<&str>| !text.trim().is_empty() && Some(text) != old;
        if fresh(&a.risks, was.map(|w| w.risks.as_str())) {
            out.new_risks.push(TextChange {
                number: n,
                text: a.risks.clone(),
            });
        }
        if fresh(
            &a.decisions_required,
            was.map(|w| w.decisions_required.as_str()),
        ) {
            out.new_decisions.push(TextChange {
                number: n,
                text: a.decisions_required.clone(),
            });
        }
        if a.review_state == ReviewState::Returned || !now.returns.is_empty() {
            for r in &now.returns {
                out.returned.push(Returned {
                    number: n,
                    at: r.clone(),
                });
            }
        }
    }
}

/// The milestone work and the notes dated from `first` to `last`.
fn dated_work(out: &mut Changes, now: &RecommendationSnapshot, first: NaiveDate, last: NaiveDate) {
    let n = now.number;
    let within = |d: NaiveDate| first <= d && d <= last;
    let Some(eve) = first.pred_opt() else { return };
    for m in &now.milestones {
        let ms = &m.milestone;
        if let Some(done) = ms.completed_on.filter(|d| within(*d)) {
            out.completed.push(Completion {
                number: n,
                title: ms.title.clone(),
                due: ms.current_due,
                completed_on: done,
                days_late: (done - ms.current_due).num_days().max(0),
            });
        }
        // Moved within the period and due later than when it began: a
        // milestone added during the period counts from its first date.
        let moves: Vec<_> = ms
            .revisions
            .iter()
            .filter(|r| r.revised_on().is_some_and(within))
            .collect();
        if let (Some(first_move), Some(last_move)) = (moves.first(), moves.last()) {
            if ms.current_due > first_move.old_due {
                out.slipped.push(Slip {
                    number: n,
                    title: ms.title.clone(),
                    from: first_move.old_due,
                    to: ms.current_due,
                    reason: last_move.reason.clone(),
                });
            }
        }
        // Overdue at the period's end and not on the eve of its first day.
        if m.overdue && !ms.as_at(eve).is_overdue(eve) {
            out.newly_overdue.push(MilestoneRef {
                number: n,
                title: ms.title.clone(),
                due: ms.current_due,
            });
        }
    }
    for note in now.period_evidence.iter().filter(|e| within(e.observed_on)) {
        *out.new_evidence
            .entry(note.kind.key().to_owned())
            .or_default() += 1;
    }
}
