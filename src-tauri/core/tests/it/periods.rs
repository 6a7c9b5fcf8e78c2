//! Reporting periods: opening, overlap, sign-off and the frozen state.

use crate::common::*;
use followthrough_core::periods::NewPeriod;
use followthrough_core::scales::PeriodState;
use followthrough_core::{ErrorCode, Rule};

fn new(label: &str, start: &str, end: &str) -> NewPeriod {
    NewPeriod {
        label: label.into(),
        starts_on: start.into(),
        ends_on: end.into(),
    }
}

#[test]
fn periods_open_validated_and_without_overlap() {
    let mut f = fixture();
    let q2 = f.period("2026-27 Q2", "2026-07-01", "2026-09-30");
    let before = f.snapshot();
    assert_invalid(
        f.tracker
            .open_period(&f.ea, &new("", "2026-10-01", "2026-12-31")),
        "label",
        Rule::Required,
    );
    assert_invalid(
        f.tracker
            .open_period(&f.ea, &new(&"L".repeat(41), "2026-10-01", "2026-12-31")),
        "label",
        Rule::TooLong,
    );
    assert_invalid(
        f.tracker
            .open_period(&f.ea, &new("Q3", "2026-10-01", "2026-09-30")),
        "ends_on",
        Rule::EndBeforeStart,
    );
    assert_invalid(
        f.tracker
            .open_period(&f.ea, &new("Q3", "2026-10-32", "2026-12-31")),
        "starts_on",
        Rule::NotADate,
    );
    let e = assert_code(
        f.tracker
            .open_period(&f.ea, &new("2026-27 Q2", "2027-01-01", "2027-03-31")),
        ErrorCode::PeriodLabelTaken,
    );
    assert!(e.to_string().contains("already exists"), "{e}");
    assert_eq!(e.field(), Some("label"));
    assert_eq!(e.details().unwrap()["label"], "2026-27 Q2");
    let e = assert_code(
        f.tracker
            .open_period(&f.ea, &new("Overlap", "2026-09-30", "2026-12-31")),
        ErrorCode::PeriodsOverlap,
    );
    assert!(e.to_string().contains("overlap"), "{e}");
    assert_eq!(e.field(), Some("starts_on"));
    let overlapped = e.details().unwrap();
    assert_eq!(overlapped["starts_on"], "2026-07-01");
    assert_eq!(overlapped["ends_on"], "2026-09-30");
    assert_eq!(f.snapshot(), before);

    let q3 = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    let periods = f.tracker.periods().unwrap();
    assert_eq!(
        periods.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![q2, q3]
    );
    assert_eq!(f.tracker.current_period().unwrap().unwrap().id, q3);
}

#[test]
fn the_current_period_is_the_latest_that_has_started() {
    let mut f = fixture();
    assert!(f.tracker.current_period().unwrap().is_none());
    let future = f.period("2027-28 Q1", "2027-04-01", "2027-06-30");
    assert_eq!(
        f.tracker.current_period().unwrap().unwrap().id,
        future,
        "before any has started, the earliest"
    );
    let q3 = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    assert_eq!(f.tracker.current_period().unwrap().unwrap().id, q3);
}

#[test]
fn sign_off_needs_every_assessment_accepted_then_freezes_the_period() {
    let mut f = fixture();
    let p = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    for n in 1..=7 {
        let id = f.report(p, n, "in_process", "amber");
        f.tracker.accept_assessment(&f.dm, id).unwrap();
    }
    let before = f.snapshot();
    let e = assert_code(
        f.tracker.sign_off_period(&f.dm, p),
        ErrorCode::PeriodIncomplete,
    );
    assert!(
        e.to_string().contains("no assessment for recommendation 8"),
        "{e}"
    );
    assert_eq!(e.details().unwrap()["missing"], serde_json::json!([8]));
    assert_eq!(e.details().unwrap()["unaccepted"], serde_json::json!([]));
    assert_eq!(f.snapshot(), before, "a refused sign-off changes nothing");
    let last = f.report(p, 8, "in_process", "green");
    let e = assert_code(
        f.tracker.sign_off_period(&f.dm, p),
        ErrorCode::PeriodIncomplete,
    );
    assert!(
        e.to_string()
            .contains("the assessment of recommendation 8 is not yet accepted"),
        "{e}"
    );
    assert_eq!(e.details().unwrap()["unaccepted"], serde_json::json!([8]));
    f.tracker
        .return_assessment(&f.dm, last, "Why green?")
        .unwrap();
    assert_code(
        f.tracker.sign_off_period(&f.dm, p),
        ErrorCode::PeriodIncomplete,
    );

    let id = f.report(p, 8, "in_process", "amber_green");
    assert_eq!(id, last, "a new report replaces the period's assessment");
    f.tracker.accept_assessment(&f.dm, id).unwrap();
    let signed = f.tracker.sign_off_period(&f.dm, p).unwrap();
    assert_eq!(signed.state, PeriodState::SignedOff);
    assert_eq!(signed.signed_off_by.as_deref(), Some("Deputy Minister"));
    assert_eq!(
        signed.signed_off_at.as_deref(),
        Some("2026-11-25T12:00:00.000Z")
    );

    let frozen = f.snapshot();
    let rec = f.rec(1);
    let a1 = f.tracker.assessments(Some(p), Some(rec)).unwrap()[0].id;
    assert_code(
        f.tracker.sign_off_period(&f.dm, p),
        ErrorCode::PeriodSignedOff,
    );
    assert_code(
        f.tracker.report_assessment(
            &f.ea,
            &followthrough_core::assessments::AssessmentInput {
                period_id: p,
                recommendation_id: rec,
                status: "fully_implemented".into(),
                confidence: "green".into(),
                ..Default::default()
            },
        ),
        ErrorCode::PeriodSignedOff,
    );
    assert_code(
        f.tracker.accept_assessment(&f.dm, a1),
        ErrorCode::PeriodSignedOff,
    );
    assert_code(
        f.tracker.return_assessment(&f.dm, a1, "Reopen?"),
        ErrorCode::PeriodSignedOff,
    );
    assert_eq!(f.snapshot(), frozen);
}
