//! What changed since the previous briefing: computed between a period's
//! snapshot and the previous period's, so a briefing can say it in a page.

use crate::scales::{Confidence, ImplementationStatus, ReviewState};
use crate::snapshots::{RecommendationSnapshot, Return, Snapshot};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Changes {
    pub status: Vec<ScaleChange<ImplementationStatus>>,
    pub confidence: Vec<ScaleChange<Confidence>>,
    pub completed: Vec<MilestoneRef>,
    pub slipped: Vec<Slip>,
    pub newly_overdue: Vec<MilestoneRef>,
    /// New notes by kind key, only kinds with any.
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Slip {
    pub number: i64,
    pub title: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
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

/// The changes from `previous` (none: everything counts as new) to
/// `current`.
pub fn between(previous: Option<&Snapshot>, current: &Snapshot) -> Changes {
    let mut out = Changes::default();
    for rec in &current.recommendations {
        let before = previous.and_then(|p| p.recommendation(rec.number));
        compare(&mut out, before, rec);
    }
    out
}

fn compare(
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

    for m in &now.milestones {
        let old = before.and_then(|b| {
            b.milestones
                .iter()
                .find(|o| o.milestone.id == m.milestone.id)
        });
        let r = |m: &crate::milestones::Milestone| MilestoneRef {
            number: n,
            title: m.title.clone(),
            due: m.current_due,
        };
        let done = m.milestone.completed_on.is_some();
        if done && old.is_none_or(|o| o.milestone.completed_on.is_none()) {
            out.completed.push(r(&m.milestone));
        }
        if let Some(o) = old {
            if m.milestone.current_due > o.milestone.current_due {
                out.slipped.push(Slip {
                    number: n,
                    title: m.milestone.title.clone(),
                    from: o.milestone.current_due,
                    to: m.milestone.current_due,
                    reason: m
                        .milestone
                        .revisions
                        .last()
                        .map(|v| v.reason.clone())
                        .unwrap_or_default(),
                });
            }
        }
        if m.overdue && !old.is_some_and(|o| o.overdue) {
            out.newly_overdue.push(r(&m.milestone));
        }
    }

    for (kind, count) in &now.evidence_counts {
        let had = before
            .and_then(|b| b.evidence_counts.get(kind))
            .copied()
            .unwrap_or(0);
        if count > &had {
            *out.new_evidence.entry(kind.clone()).or_default() += count - had;
        }
    }
}
