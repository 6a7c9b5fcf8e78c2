//! Assessments that say two things at once: flagged in the briefing for the
//! deputy minister, who decides which to believe.
//!
//! Each rule compares what was reported with the tracker's own records for
//! the same period (the snapshot, read at the period's end), never with a
//! judgement of the program's: a "Fully implemented" report while
//! milestones are still open, or a Red rating whose commentary says all is
//! on plan, is worth a question before it is accepted.

use crate::scales::{Confidence, ImplementationStatus};
use crate::snapshots::RecommendationSnapshot;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Contradiction {
    /// Reported fully implemented while milestones are still open.
    ImplementedWithOpenMilestones { open: usize },
    /// Reported fully implemented with Amber/Red or Red confidence.
    ImplementedWithLowConfidence { confidence: Confidence },
    /// Rated Amber/Red or Red, with commentary that says all is on plan.
    DoubtButOnPlan { confidence: Confidence },
    /// Rated Green with milestones overdue.
    GreenWithOverdueMilestones { overdue: usize },
}

/// Phrases that say work is on plan, in English and French, lower case.
const ON_PLAN: [&str; 14] = [
    "on track",
    "on plan",
    "as planned",
    "on schedule",
    "on target",
    "no issues",
    "no concerns",
    "sur la bonne voie",
    "comme prévu",
    "dans les délais",
    "conformément au plan",
    "selon le plan",
    "aucun problème",
    "en bonne voie",
];

/// Whether `text` says the work is on plan (one of [`ON_PLAN`], not
/// preceded by "not" / "pas").
fn says_on_plan(text: &str) -> bool {
    let text = text.to_lowercase();
    ON_PLAN.iter().any(|phrase| {
        text.match_indices(phrase).any(|(at, _)| {
            let before = text[..at].trim_end();
            !(before.ends_with("not") || before.ends_with("pas") || before.ends_with("no longer"))
        })
    })
}

/// What this period's assessment of `r` contradicts, in a fixed order.
pub fn of(r: &RecommendationSnapshot) -> Vec<Contradiction> {
    let Some(a) = &r.assessment else {
        return Vec::new();
    };
    let open = r
        .milestones
        .iter()
        .filter(|m| m.milestone.state.is_open())
        .count();
    let overdue = r.milestones.iter().filter(|m| m.overdue).count();
    let doubt = a.confidence.rank() <= Confidence::AmberRed.rank();
    let mut out = Vec::new();
    if a.status == ImplementationStatus::FullyImplemented {
        if open > 0 {
            out.push(Contradiction::ImplementedWithOpenMilestones { open });
        }
        if doubt {
            out.push(Contradiction::ImplementedWithLowConfidence {
                confidence: a.confidence,
            });
        }
    }
    if doubt && says_on_plan(&a.commentary) {
        out.push(Contradiction::DoubtButOnPlan {
            confidence: a.confidence,
        });
    }
    if a.confidence == Confidence::Green && overdue > 0 {
        out.push(Contradiction::GreenWithOverdueMilestones { overdue });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::says_on_plan;

    #[test]
    fn on_plan_is_read_in_both_languages_and_not_when_denied() {
        assert!(says_on_plan("Everything is On track for March."));
        assert!(says_on_plan("Les travaux avancent comme prévu."));
        assert!(!says_on_plan("The work is not on track."));
        assert!(!says_on_plan("Ce n'est pas dans les délais."));
        assert!(!says_on_plan("Treasury Board timing is the critical path."));
    }
}
