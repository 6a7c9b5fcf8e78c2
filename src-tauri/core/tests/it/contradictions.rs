//! Reports that contradict themselves or the tracker, flagged for the
//! deputy minister.

use crate::common::*;
use followthrough_core::assessments::AssessmentInput;
use followthrough_core::contradictions::{self, Contradiction};
use followthrough_core::scales::Confidence;

fn flagged(f: &mut Fixture, period: i64, number: i64) -> Vec<Contradiction> {
    let source = f.tracker.briefing_source(period).unwrap();
    contradictions::of(source.snapshot.recommendation(number).unwrap())
}

fn report(
    f: &mut Fixture,
    period: i64,
    number: i64,
    status: &str,
    confidence: &str,
    commentary: &str,
) {
    let recommendation_id = f.rec(number);
    f.tracker
        .report_assessment(
            &f.ea,
            &AssessmentInput {
                period_id: period,
                recommendation_id,
                status: status.into(),
                confidence: confidence.into(),
                commentary: commentary.into(),
                ..Default::default()
            },
        )
        .unwrap();
}

#[test]
fn each_contradiction_is_flagged_and_a_consistent_report_is_not() {
    let mut f = fixture();
    let q3 = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    f.milestone(1, "Still open", "2027-01-15");
    f.milestone(2, "Overdue", "2026-11-01");
    f.milestone(3, "Done", "2026-11-01");
    report(&mut f, q3, 1, "fully_implemented", "red", "Finished.");
    report(&mut f, q3, 2, "in_process", "green", "Going well.");
    report(
        &mut f,
        q3,
        4,
        "in_process",
        "amber_red",
        "All work is on track.",
    );
    report(
        &mut f,
        q3,
        5,
        "in_process",
        "red",
        "The work is not on track.",
    );
    report(&mut f, q3, 6, "in_process", "amber", "On track.");

    assert_eq!(
        flagged(&mut f, q3, 1),
        [
            Contradiction::ImplementedWithOpenMilestones { open: 1 },
            Contradiction::ImplementedWithLowConfidence {
                confidence: Confidence::Red
            },
        ]
    );
    assert_eq!(
        flagged(&mut f, q3, 2),
        [Contradiction::GreenWithOverdueMilestones { overdue: 1 }]
    );
    assert_eq!(
        flagged(&mut f, q3, 4),
        [Contradiction::DoubtButOnPlan {
            confidence: Confidence::AmberRed
        }]
    );
    // Said plainly, or not in doubt: nothing to flag.
    assert!(flagged(&mut f, q3, 5).is_empty());
    assert!(flagged(&mut f, q3, 6).is_empty());
    // Not reported: nothing to contradict.
    assert!(flagged(&mut f, q3, 7).is_empty());
}
