//! Owners: validation, edits, deactivation and the delete rule.

use crate::common::*;
use followthrough_core::owners::OwnerInput;
use followthrough_core::{ErrorCode, Rule};

fn input(name: &str, email: &str) -> OwnerInput {
    OwnerInput {
        name: name.into(),
        title: "Director".into(),
        unit: "Unit".into(),
        email: email.into(),
    }
}

#[test]
fn an_owner_is_added_edited_and_audited() {
    let mut f = fixture();
    let events = audit_count(&f.tracker);
    let o = f
        .tracker
        .add_owner(&f.ea, &input("Priya Natarajan", "priya@example.org"))
        .unwrap();
    assert!(o.active);
    let edited = f
        .tracker
        .update_owner(&f.ea, o.id, &input("Priya N. Natarajan", ""))
        .unwrap();
    assert_eq!(edited.name, "Priya N. Natarajan");
    assert_eq!(edited.email, "");
    assert_eq!(f.tracker.owner(o.id).unwrap(), edited);
    assert_eq!(audit_count(&f.tracker), events + 2);
    let trail = f.tracker.audit_trail(&Default::default()).unwrap();
    assert_eq!(trail[0].action, "update_owner");
    assert_eq!(trail[0].actor, "Executive Assistant");
    assert_eq!(trail[0].before.as_ref().unwrap()["name"], "Priya Natarajan");
    assert_eq!(
        trail[0].after.as_ref().unwrap()["name"],
        "Priya N. Natarajan"
    );
    assert_eq!(trail[1].action, "add_owner");
    assert!(trail[1].before.is_none());
}

#[test]
fn bad_owner_input_is_refused_and_changes_nothing() {
    let mut f = fixture();
    let id = f.owner("Existing");
    let before = f.snapshot();
    let long = "x".repeat(201);
    let cases: Vec<(OwnerInput, &str, Rule)> = vec![
        (input("", ""), "name", Rule::Required),
        (input("   ", ""), "name", Rule::Required),
        (input(&long, ""), "name", Rule::TooLong),
        (input("Bad\u{7}Bell", ""), "name", Rule::ControlCharacter),
        (input("Name", "not-an-email"), "email", Rule::NotAnEmail),
        (
            OwnerInput {
                title: "a\nb".into(),
                ..input("Name", "")
            },
            "title",
            Rule::ControlCharacter,
        ),
    ];
    for (bad, field, rule) in cases {
        assert_invalid(f.tracker.add_owner(&f.ea, &bad), field, rule);
        assert_invalid(f.tracker.update_owner(&f.ea, id, &bad), field, rule);
    }
    assert_code(
        f.tracker.update_owner(&f.ea, 9999, &input("Name", "")),
        ErrorCode::NotFound,
    );
    assert_eq!(f.snapshot(), before);
}

#[test]
fn an_owner_with_work_cannot_be_deleted_but_can_be_deactivated() {
    let mut f = fixture();
    let busy = f.owner("Busy Owner");
    let idle = f.owner("Idle Owner");
    let rec = f.rec(1);
    f.tracker
        .assign_owners(&f.ea, rec, Some(busy), &[])
        .unwrap();

    let before = f.snapshot();
    let e = assert_code(
        f.tracker.delete_owner(&f.ea, busy),
        ErrorCode::OwnerHoldsWork,
    );
    assert!(e.to_string().contains("deactivate"), "{e}");
    let work = e.details().unwrap();
    assert_eq!(work["lead_of"], 1, "{work}");
    assert_eq!(f.snapshot(), before);

    let o = f.tracker.set_owner_active(&f.ea, busy, false).unwrap();
    assert!(!o.active);
    assert_eq!(
        f.tracker.recommendation(rec).unwrap().lead_owner_id,
        Some(busy),
        "deactivation keeps existing assignments"
    );

    f.tracker.delete_owner(&f.ea, idle).unwrap();
    assert_code(f.tracker.owner(idle), ErrorCode::NotFound);
    let trail = f.tracker.audit_trail(&Default::default()).unwrap();
    assert_eq!(trail[0].action, "delete_owner");
    assert_eq!(trail[0].before.as_ref().unwrap()["name"], "Idle Owner");
    assert!(trail[0].after.is_none());
}

#[test]
fn an_owner_holding_a_finished_milestone_still_cannot_be_deleted() {
    let mut f = fixture();
    let o = f.owner("Finisher");
    let m = f.milestone(2, "Launch", "2026-10-01");
    f.tracker
        .edit_milestone(&f.ea, m, "Launch", Some(o))
        .unwrap();
    f.tracker
        .set_milestone_state(&f.ea, m, "done", Some("2026-10-02"))
        .unwrap();
    let load = f.tracker.owner_load(o).unwrap();
    assert_eq!((load.open_milestones, load.all_milestones), (0, 1));
    assert_code(f.tracker.delete_owner(&f.ea, o), ErrorCode::OwnerHoldsWork);
}
