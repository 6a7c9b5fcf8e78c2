//! The audit trail: one event per change, in the change's transaction.

mod common;

use common::*;
use followthrough_core::audit::AuditFilter;

/// Runs a full working session and checks that every successful write left
/// exactly one event, and every refused one none.
#[test]
fn every_write_leaves_exactly_one_event_and_refusals_leave_none() {
    let mut f = fixture();
    let mut expected = audit_count(&f.tracker);
    let step = |f: &mut Fixture, ok: bool, action: &str, expected: &mut i64| {
        if ok {
            *expected += 1;
        }
        assert_eq!(audit_count(&f.tracker), *expected, "after {action}");
        if ok {
            let last = &f
                .tracker
                .audit_trail(&AuditFilter {
                    limit: Some(1),
                    ..Default::default()
                })
                .unwrap()[0];
            assert_eq!(last.action, action);
            assert_eq!(last.at, "2026-11-25T12:00:00.000Z");
        }
    };
    let o = f.owner("Owner");
    step(&mut f, true, "add_owner", &mut expected);
    let rec = f.rec(1);
    f.tracker.assign_owners(&f.ea, rec, Some(o), &[]).unwrap();
    step(&mut f, true, "assign_owners", &mut expected);
    f.tracker
        .set_target_date(&f.ea, rec, Some("2027-06-30"))
        .unwrap();
    step(&mut f, true, "set_target_date", &mut expected);
    let m = f.milestone(1, "Plan", "2026-12-01");
    step(&mut f, true, "add_milestone", &mut expected);
    f.tracker
        .move_milestone(&f.ea, m, "2027-01-15", "Holidays")
        .unwrap();
    step(&mut f, true, "move_milestone", &mut expected);
    assert!(f
        .tracker
        .move_milestone(&f.ea, m, "2027-01-20", "")
        .is_err());
    step(&mut f, false, "refused move", &mut expected);
    f.tracker
        .set_milestone_state(&f.ea, m, "in_progress", None)
        .unwrap();
    step(&mut f, true, "set_milestone_state", &mut expected);
    f.tracker
        .edit_milestone(&f.ea, m, "Plan v2", Some(o))
        .unwrap();
    step(&mut f, true, "edit_milestone", &mut expected);
    f.evidence(1, "progress", "2026-11-20", "Drafted");
    step(&mut f, true, "add_evidence", &mut expected);
    let p = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    step(&mut f, true, "open_period", &mut expected);
    let a = f.report(p, 1, "in_process", "amber");
    step(&mut f, true, "report_assessment", &mut expected);
    assert!(f.tracker.accept_assessment(&f.ea, a).is_err());
    step(&mut f, false, "refused acceptance", &mut expected);
    f.tracker.return_assessment(&f.dm, a, "Why amber?").unwrap();
    step(&mut f, true, "return_assessment", &mut expected);
    f.report(p, 1, "in_process", "amber_green");
    step(&mut f, true, "report_assessment", &mut expected);
    f.tracker.accept_assessment(&f.dm, a).unwrap();
    step(&mut f, true, "accept_assessment", &mut expected);
    f.tracker.set_owner_active(&f.ea, o, false).unwrap();
    step(&mut f, true, "deactivate_owner", &mut expected);
    f.tracker
        .update_owner(
            &f.ea,
            o,
            &followthrough_core::owners::OwnerInput {
                name: "Renamed".into(),
                ..Default::default()
            },
        )
        .unwrap();
    step(&mut f, true, "update_owner", &mut expected);
}

#[test]
fn the_history_of_one_recommendation_lists_only_its_changes() {
    let mut f = fixture();
    f.milestone(1, "One", "2026-12-01");
    f.milestone(2, "Two", "2026-12-01");
    f.evidence(1, "risk", "2026-11-01", "Risk on one");
    let rec = f.rec(1);
    let history = f
        .tracker
        .audit_trail(&AuditFilter {
            recommendation_id: Some(rec),
            ..Default::default()
        })
        .unwrap();
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["add_evidence", "add_milestone", "seed_recommendation"]
    );
    assert!(history.iter().all(|e| e.recommendation_id == Some(rec)));
}

#[test]
fn events_of_one_entity_can_be_listed() {
    let mut f = fixture();
    let m = f.milestone(1, "One", "2026-12-01");
    f.tracker
        .move_milestone(&f.ea, m, "2026-12-20", "Later")
        .unwrap();
    let events = f
        .tracker
        .audit_trail(&AuditFilter {
            entity: Some(("milestone".into(), m)),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].entity_id, Some(m));
}
