//! Assessments: the two-key rule, the evidence gate and re-reporting.

use crate::common::*;
use followthrough_core::assessments::AssessmentInput;
use followthrough_core::scales::{Confidence, ImplementationStatus, ReviewState};
use followthrough_core::{Actor, ErrorCode, Rule};

#[test]
fn the_reported_values_carry_who_and_when() {
    let mut f = fixture();
    let p = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    let id = f.report(p, 2, "in_process", "amber_green");
    let a = f.tracker.assessment(id).unwrap();
    assert_eq!(a.status, ImplementationStatus::InProcess);
    assert_eq!(a.confidence, Confidence::AmberGreen);
    assert_eq!(a.reported_by, "Executive Assistant");
    assert_eq!(a.reported_at, "2026-11-25T12:00:00.000Z");
    assert_eq!(a.review_state, ReviewState::Pending);
    assert_eq!((a.accepted_status, a.accepted_confidence), (None, None));
}

#[test]
fn the_person_who_reported_cannot_also_accept_or_return() {
    let mut f = fixture();
    let p = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    let id = f.report(p, 1, "in_process", "amber");
    let before = f.snapshot();
    let e = assert_code(
        f.tracker.accept_assessment(&f.ea, id),
        ErrorCode::SameReviewer,
    );
    assert!(e.to_string().contains("second person"), "{e}");
    assert_code(
        f.tracker.return_assessment(&f.ea, id, "Hmm"),
        ErrorCode::SameReviewer,
    );
    assert_eq!(f.snapshot(), before);

    let a = f.tracker.accept_assessment(&f.dm, id).unwrap();
    assert_eq!(a.review_state, ReviewState::Accepted);
    assert_eq!(a.reviewed_by.as_deref(), Some("Deputy Minister"));
    assert_eq!(a.accepted_status, Some(ImplementationStatus::InProcess));
    assert_eq!(a.accepted_confidence, Some(Confidence::Amber));
    assert_code(
        f.tracker.accept_assessment(&f.dm, id),
        ErrorCode::ReviewState,
    );
}

#[test]
fn a_return_needs_a_comment_and_a_new_report_awaits_a_new_review() {
    let mut f = fixture();
    let p = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    let id = f.report(p, 3, "in_process", "green");
    f.tracker.accept_assessment(&f.dm, id).unwrap();

    let before = f.snapshot();
    assert_invalid(
        f.tracker.return_assessment(&f.dm, id, "  "),
        "comment",
        Rule::Required,
    );
    assert_eq!(f.snapshot(), before);

    // The EA revises the claim; the accepted position stays on record.
    let id2 = f.report(p, 3, "in_process", "amber");
    assert_eq!(id2, id);
    let a = f.tracker.assessment(id).unwrap();
    assert_eq!(a.review_state, ReviewState::Pending);
    assert_eq!(a.confidence, Confidence::Amber);
    assert_eq!(a.accepted_confidence, Some(Confidence::Green));

    let a = f
        .tracker
        .return_assessment(&f.dm, id, "What changed since last month?")
        .unwrap();
    assert_eq!(a.review_state, ReviewState::Returned);
    assert_eq!(a.review_comment, "What changed since last month?");
    assert_eq!(a.accepted_confidence, Some(Confidence::Green));
    assert_code(
        f.tracker.return_assessment(&f.dm, id, "Again"),
        ErrorCode::ReviewState,
    );

    f.report(p, 3, "in_process", "amber_red");
    let a = f.tracker.accept_assessment(&f.dm, id).unwrap();
    assert_eq!(a.accepted_confidence, Some(Confidence::AmberRed));
    assert_eq!(a.review_comment, "", "acceptance clears the question");
}

#[test]
fn fully_implemented_cannot_be_accepted_without_evidence_by_the_period_end() {
    let mut f = fixture_on("2027-01-20");
    let p = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    let id = f.report(p, 8, "fully_implemented", "green");
    let before = f.snapshot();
    let e = assert_code(
        f.tracker.accept_assessment(&f.dm, id),
        ErrorCode::EvidenceRequired,
    );
    assert!(e.to_string().contains("recommendation 8"), "{e}");
    assert!(e.to_string().contains("2026-27 Q3"), "{e}");
    assert_eq!(f.snapshot(), before);

    // Evidence after the period, or on another recommendation, does not count.
    f.evidence(8, "metric", "2027-01-05", "Late figure");
    f.evidence(7, "document", "2026-11-01", "Other recommendation");
    assert_code(
        f.tracker.accept_assessment(&f.dm, id),
        ErrorCode::EvidenceRequired,
    );

    // Returning it is always possible.
    f.tracker
        .return_assessment(&f.dm, id, "Show me the evidence")
        .unwrap();

    // Evidence observed within (or before) the period opens the gate.
    f.evidence(
        8,
        "document",
        "2026-12-31",
        "Performance framework published",
    );
    let a = f.tracker.accept_assessment(&f.dm, id).unwrap();
    assert_eq!(
        a.accepted_status,
        Some(ImplementationStatus::FullyImplemented)
    );
}

#[test]
fn other_statuses_need_no_evidence() {
    let mut f = fixture();
    let p = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    for (n, status) in [
        (1, "in_process"),
        (2, "little_or_no_progress"),
        (3, "will_not_be_implemented"),
        (4, "no_longer_applicable"),
    ] {
        let id = f.report(p, n, status, "amber");
        f.tracker.accept_assessment(&f.dm, id).unwrap();
    }
}

#[test]
fn bad_reports_are_refused_and_change_nothing() {
    let mut f = fixture();
    let p = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    let rec = f.rec(1);
    let before = f.snapshot();
    let base = AssessmentInput {
        period_id: p,
        recommendation_id: rec,
        status: "in_process".into(),
        confidence: "amber".into(),
        ..Default::default()
    };
    let cases = [
        (
            AssessmentInput {
                status: "done".into(),
                ..base.clone()
            },
            "status",
            Rule::UnknownValue,
        ),
        (
            AssessmentInput {
                status: "".into(),
                ..base.clone()
            },
            "status",
            Rule::UnknownValue,
        ),
        (
            AssessmentInput {
                confidence: "Amber".into(),
                ..base.clone()
            },
            "confidence",
            Rule::UnknownValue,
        ),
        (
            AssessmentInput {
                period_id: 9999,
                ..base.clone()
            },
            "period_id",
            Rule::UnknownValue,
        ),
        (
            AssessmentInput {
                recommendation_id: 9999,
                ..base.clone()
            },
            "recommendation_id",
            Rule::UnknownValue,
        ),
        (
            AssessmentInput {
                commentary: "x".repeat(20_001),
                ..base.clone()
            },
            "commentary",
            Rule::TooLong,
        ),
        (
            AssessmentInput {
                risks: "\u{1b}[31m".into(),
                ..base.clone()
            },
            "risks",
            Rule::ControlCharacter,
        ),
    ];
    for (input, field, rule) in cases {
        assert_invalid(f.tracker.report_assessment(&f.ea, &input), field, rule);
    }
    assert_code(
        f.tracker.accept_assessment(&f.dm, 9999),
        ErrorCode::NotFound,
    );
    assert_eq!(f.snapshot(), before);
}

#[test]
fn an_actor_name_is_validated() {
    assert!(Actor::new("").is_err());
    assert!(Actor::new(&"n".repeat(121)).is_err());
    assert!(Actor::new("Line\nbreak").is_err());
    assert_eq!(Actor::new("Sam Lee").unwrap().as_str(), "Sam Lee");
}
