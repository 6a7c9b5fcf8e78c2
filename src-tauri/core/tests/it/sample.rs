//! The sample tracker.

use crate::common::*;
use followthrough_core::scales::{EvidenceKind, PeriodState, ReviewState};
use followthrough_core::{sample, ErrorCode, FixedClock};

#[test]
fn the_sample_is_marked_and_shows_every_situation() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.sqlite3");
    let mut t = sample::create(&path, Box::new(FixedClock::on(date(TODAY)))).unwrap();
    assert!(t.is_sample().unwrap());

    let owners = t.owners().unwrap();
    assert!(owners.len() >= 5);
    assert!(owners.iter().all(|o| o.name.ends_with("(sample)")));
    assert!(owners.iter().any(|o| !o.active));

    let milestones = t.milestones(None).unwrap();
    let today = date(TODAY);
    assert!(
        milestones
            .iter()
            .any(|m| m.slip_days() > 0 && m.replans() >= 2),
        "re-planned twice"
    );
    assert!(milestones.iter().any(|m| m.is_overdue(today)), "overdue");
    assert!(
        milestones
            .iter()
            .any(|m| m.is_overdue(today) && m.slip_days() > 0),
        "slipped and overdue"
    );
    assert!(milestones.iter().any(|m| m.completed_on.is_some()));

    let notes = t.evidence(None, None).unwrap();
    for kind in EvidenceKind::ALL {
        assert!(
            notes.iter().any(|n| n.kind == *kind),
            "a note of kind {kind:?}"
        );
    }
    assert!(notes.iter().all(|n| n.text.starts_with("[SAMPLE]")));

    let periods = t.periods().unwrap();
    assert_eq!(periods.len(), 2);
    assert_eq!(periods[0].state, PeriodState::SignedOff);
    assert_eq!(periods[1].state, PeriodState::Open);
    assert_eq!(periods[1].label, "2026-27 Q3");
    let current = t.assessments(Some(periods[1].id), None).unwrap();
    assert!(current
        .iter()
        .any(|a| a.review_state == ReviewState::Accepted));
    assert!(current
        .iter()
        .any(|a| a.review_state == ReviewState::Returned));
    assert!(current
        .iter()
        .any(|a| a.review_state == ReviewState::Pending));
    assert!(current.iter().any(|a| !a.decisions_required.is_empty()));

    let d = t.dashboard().unwrap();
    assert!(d.rows.iter().any(|r| r.stale));
    assert!(
        d.rows.iter().any(|r| r.status.is_none()),
        "one recommendation not yet reported"
    );
}

#[test]
fn the_sample_is_written_only_to_a_new_file() {
    let f = fixture();
    let path = f.path();
    let before = f.snapshot();
    drop(f.tracker);
    let e = assert_code(
        sample::create(&path, Box::new(FixedClock::on(date(TODAY)))).map(|_| ()),
        ErrorCode::Exists,
    );
    assert!(e.to_string().contains("already exists"), "{e}");
    let t = reopen(&path, TODAY);
    assert_eq!(snapshot(t.connection()), before);
}

#[test]
fn an_ordinary_tracker_is_not_a_sample() {
    let f = fixture();
    assert!(!f.tracker.is_sample().unwrap());
}
