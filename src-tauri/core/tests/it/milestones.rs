//! Milestones: due-date revisions, slip, states and their rules.

use crate::common::*;
use followthrough_core::milestones::NewMilestone;
use followthrough_core::scales::MilestoneState;
use followthrough_core::{ErrorCode, Rule};

#[test]
fn moving_a_due_date_keeps_the_baseline_and_a_revision_with_its_reason() {
    let mut f = fixture();
    let id = f.milestone(1, "Map approval steps", "2026-10-01");
    let m = f.tracker.milestone(id).unwrap();
    assert_eq!(
        (m.baseline_due, m.current_due),
        (date("2026-10-01"), date("2026-10-01"))
    );
    assert_eq!((m.slip_days(), m.replans()), (0, 0));
    assert_eq!(m.state, MilestoneState::Planned);

    f.tracker
        .move_milestone(&f.ea, id, "2026-10-31", "Waiting for Treasury Board")
        .unwrap();
    let m = f
        .tracker
        .move_milestone(&f.ea, id, "2026-12-15", "Privacy review added a step")
        .unwrap();
    assert_eq!(m.baseline_due, date("2026-10-01"));
    assert_eq!(m.current_due, date("2026-12-15"));
    assert_eq!(m.slip_days(), 75);
    assert_eq!(m.replans(), 2);
    let r = &m.revisions;
    assert_eq!(
        (r[0].old_due, r[0].new_due),
        (date("2026-10-01"), date("2026-10-31"))
    );
    assert_eq!(r[0].reason, "Waiting for Treasury Board");
    assert_eq!(
        (r[1].old_due, r[1].new_due),
        (date("2026-10-31"), date("2026-12-15"))
    );
    assert_eq!(r[1].revised_by, "Executive Assistant");
    assert_eq!(r[1].revised_at, "2026-11-25T12:00:00.000Z");

    // Brought forward: negative slip.
    let m = f
        .tracker
        .move_milestone(&f.ea, id, "2026-09-20", "Done sooner than planned")
        .unwrap();
    assert_eq!(m.slip_days(), -11);

    let trail = f.tracker.audit_trail(&Default::default()).unwrap();
    assert_eq!(trail[0].action, "move_milestone");
    assert_eq!(
        trail[0].before.as_ref().unwrap()["current_due"],
        "2026-12-15"
    );
    assert_eq!(
        trail[0].after.as_ref().unwrap()["current_due"],
        "2026-09-20"
    );
}

#[test]
fn a_move_needs_a_reason_a_real_date_and_a_change() {
    let mut f = fixture();
    let id = f.milestone(1, "Plan", "2026-12-01");
    let before = f.snapshot();
    assert_invalid(
        f.tracker.move_milestone(&f.ea, id, "2027-01-15", ""),
        "reason",
        Rule::Required,
    );
    assert_invalid(
        f.tracker.move_milestone(&f.ea, id, "2027-01-15", " \n "),
        "reason",
        Rule::Required,
    );
    assert_invalid(
        f.tracker.move_milestone(&f.ea, id, "2027-13-01", "why"),
        "new_due",
        Rule::NotADate,
    );
    assert_invalid(
        f.tracker.move_milestone(&f.ea, id, "", "why"),
        "new_due",
        Rule::Required,
    );
    assert_invalid(
        f.tracker.move_milestone(&f.ea, id, "2026-12-01", "why"),
        "new_due",
        Rule::Unchanged,
    );
    assert_code(
        f.tracker.move_milestone(&f.ea, 9999, "2027-01-15", "why"),
        ErrorCode::NotFound,
    );
    assert_eq!(f.snapshot(), before);
}

#[test]
fn new_milestones_are_validated() {
    let mut f = fixture();
    let rec = f.rec(1);
    let gone = f.owner("Gone");
    f.tracker.set_owner_active(&f.ea, gone, false).unwrap();
    let before = f.snapshot();
    let base = NewMilestone {
        recommendation_id: rec,
        title: "Title".into(),
        owner_id: None,
        due: "2026-12-01".into(),
    };
    let cases = [
        (
            NewMilestone {
                title: "".into(),
                ..base.clone()
            },
            "title",
            Rule::Required,
        ),
        (
            NewMilestone {
                title: "t".repeat(301),
                ..base.clone()
            },
            "title",
            Rule::TooLong,
        ),
        (
            NewMilestone {
                due: "2026-11-31".into(),
                ..base.clone()
            },
            "due",
            Rule::NotADate,
        ),
        (
            NewMilestone {
                due: "1999-01-01".into(),
                ..base.clone()
            },
            "due",
            Rule::DateOutOfRange,
        ),
        (
            NewMilestone {
                recommendation_id: 9999,
                ..base.clone()
            },
            "recommendation_id",
            Rule::UnknownValue,
        ),
        (
            NewMilestone {
                owner_id: Some(9999),
                ..base.clone()
            },
            "owner_id",
            Rule::UnknownValue,
        ),
        (
            NewMilestone {
                owner_id: Some(gone),
                ..base.clone()
            },
            "owner_id",
            Rule::Inactive,
        ),
    ];
    for (input, field, rule) in cases {
        assert_invalid(f.tracker.add_milestone(&f.ea, &input), field, rule);
    }
    assert_eq!(f.snapshot(), before);
}

#[test]
fn done_records_a_completion_date_that_is_not_in_the_future() {
    let mut f = fixture();
    let id = f.milestone(2, "Launch network", "2026-11-01");
    let before = f.snapshot();
    assert_invalid(
        f.tracker
            .set_milestone_state(&f.ea, id, "done", Some("2026-11-26")),
        "completed_on",
        Rule::InFuture,
    );
    assert_invalid(
        f.tracker.set_milestone_state(&f.ea, id, "finished", None),
        "state",
        Rule::UnknownValue,
    );
    assert_eq!(f.snapshot(), before);

    let m = f
        .tracker
        .set_milestone_state(&f.ea, id, "done", None)
        .unwrap();
    assert_eq!(m.state, MilestoneState::Done);
    assert_eq!(m.completed_on, Some(date(TODAY)), "defaults to today");
    assert!(!m.is_overdue(date(TODAY)));

    let e = assert_code(
        f.tracker.move_milestone(&f.ea, id, "2026-12-01", "late"),
        ErrorCode::MilestoneClosed,
    );
    assert!(e.to_string().contains("done"), "{e}");
    assert_eq!(
        e.details().unwrap()["state"],
        "done",
        "the window names the state in the user's language"
    );

    let m = f
        .tracker
        .set_milestone_state(&f.ea, id, "in_progress", None)
        .unwrap();
    assert_eq!(m.completed_on, None, "reopening clears the completion date");
    assert!(m.is_overdue(date(TODAY)));
}

#[test]
fn overdue_means_open_and_past_the_current_due_date() {
    let mut f = fixture();
    let id = f.milestone(1, "Plan", "2026-11-24");
    let m = f.tracker.milestone(id).unwrap();
    assert!(m.is_overdue(date("2026-11-25")));
    assert!(
        !m.is_overdue(date("2026-11-24")),
        "due today is not overdue"
    );
    let m = f
        .tracker
        .set_milestone_state(&f.ea, id, "deferred", None)
        .unwrap();
    assert!(!m.is_overdue(date("2026-11-25")));
}

#[test]
fn edits_change_title_and_owner_but_never_dates() {
    let mut f = fixture();
    let o = f.owner("Owner");
    let id = f.milestone(1, "Old title", "2026-12-01");
    let m = f
        .tracker
        .edit_milestone(&f.ea, id, "New title", Some(o))
        .unwrap();
    assert_eq!((m.title.as_str(), m.owner_id), ("New title", Some(o)));
    assert_eq!(m.current_due, date("2026-12-01"));
    assert_invalid(
        f.tracker.edit_milestone(&f.ea, id, "", None),
        "title",
        Rule::Required,
    );
}

#[test]
fn as_at_a_day_sets_aside_later_moves_and_completions() {
    let (mut f, clock) = fixture_moving("2026-07-01");
    let id = f.milestone(1, "Publish the standard", "2026-08-15");
    f.tracker
        .set_milestone_state(&f.ea, id, "in_progress", None)
        .unwrap();
    clock.set(date("2026-08-10"));
    f.tracker
        .move_milestone(&f.ea, id, "2026-09-15", "Translation")
        .unwrap();
    clock.set(date("2026-10-05"));
    f.tracker
        .move_milestone(&f.ea, id, "2026-10-20", "Legal review")
        .unwrap();
    clock.set(date("2026-11-02"));
    f.tracker
        .set_milestone_state(&f.ea, id, "done", Some("2026-11-01"))
        .unwrap();
    let m = f.tracker.milestones(None).unwrap().remove(0);

    let end_of_q2 = m.as_at(date("2026-09-30"));
    assert_eq!(end_of_q2.current_due, date("2026-09-15"));
    assert_eq!(end_of_q2.revisions.len(), 1);
    assert_eq!(end_of_q2.completed_on, None);
    assert!(end_of_q2.state.is_open());
    assert!(end_of_q2.is_overdue(date("2026-09-30")));
    assert_eq!(end_of_q2.slip_days(), 31);

    let before_any = m.as_at(date("2026-08-09"));
    assert_eq!(before_any.current_due, date("2026-08-15"));
    assert!(before_any.revisions.is_empty());

    // The day a move or a completion was made counts as made.
    assert_eq!(m.as_at(date("2026-10-05")).current_due, date("2026-10-20"));
    assert_eq!(m.as_at(date("2026-11-01")), m);
    assert_eq!(m.as_at(date("2027-01-01")), m);
}
