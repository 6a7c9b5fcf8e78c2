//! The audit trail: one event per change, in the change's transaction.

use crate::common::*;
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
fn a_history_read_page_by_page_is_the_whole_history_once() {
    let mut f = fixture();
    for i in 0..7 {
        f.evidence(1, "progress", "2026-11-01", &format!("Note {i}"));
        f.evidence(2, "risk", "2026-11-01", &format!("Other {i}"));
    }
    let rec = f.rec(1);
    let whole = f
        .tracker
        .audit_trail(&AuditFilter {
            recommendation_id: Some(rec),
            ..Default::default()
        })
        .unwrap();
    let mut paged = Vec::new();
    let mut before_id = None;
    loop {
        let page = f
            .tracker
            .audit_trail(&AuditFilter {
                recommendation_id: Some(rec),
                limit: Some(3),
                before_id,
                ..Default::default()
            })
            .unwrap();
        if page.is_empty() {
            break;
        }
        before_id = Some(page.last().unwrap().id);
        paged.extend(page);
    }
    let ids = |events: &[followthrough_core::audit::AuditEvent]| {
        events.iter().map(|e| e.id).collect::<Vec<_>>()
    };
    assert_eq!(ids(&paged), ids(&whole));
    assert_eq!(whole.len(), 8, "its seed and its seven notes");
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
            entity: Some((followthrough_core::seals::RecordKind::Milestone, m)),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].entity_id, Some(m));
}

mod chain {
    use crate::common::*;
    use followthrough_core::audit::verify_chain;
    use followthrough_core::ErrorCode;
    use rusqlite::Connection;

    fn busy_tracker() -> Fixture {
        let mut f = fixture();
        let o = f.owner("Owner");
        let rec = f.rec(2);
        f.tracker.assign_owners(&f.ea, rec, Some(o), &[]).unwrap();
        f.milestone(2, "Launch", "2026-12-01");
        f.evidence(2, "progress", "2026-11-20", "Launched");
        f
    }

    #[test]
    fn every_event_is_sealed_and_linked_to_the_one_before() {
        let mut f = busy_tracker();
        assert_eq!(verify_chain(f.tracker.connection()).unwrap(), None);
        f.tracker.verify().unwrap();
        let trail = f.tracker.audit_trail(&Default::default()).unwrap();
        for pair in trail.windows(2) {
            assert_eq!(
                pair[0].prev_hash, pair[1].hash,
                "event {} links to {}",
                pair[0].id, pair[1].id
            );
        }
        let first = trail.last().unwrap();
        assert_eq!(first.prev_hash, None);
        assert_eq!(first.hash.as_ref().unwrap().len(), 64);
        assert_eq!(trail[0].app_version, followthrough_core::VERSION);
    }

    #[test]
    fn the_trail_refuses_updates_and_deletes() {
        let f = busy_tracker();
        let c = f.tracker.connection();
        let before = f.snapshot();
        let e = c
            .execute(
                "UPDATE audit_event SET actor = 'Someone else' WHERE id = 3",
                [],
            )
            .unwrap_err();
        assert!(e.to_string().contains("append-only"), "{e}");
        let e = c
            .execute("DELETE FROM audit_event WHERE id = 3", [])
            .unwrap_err();
        assert!(e.to_string().contains("append-only"), "{e}");
        assert_eq!(f.snapshot(), before);
    }

    /// Changes the file as a careful attacker would: the triggers dropped,
    /// the change made, and the triggers put back exactly as they were.
    fn tamper(path: &std::path::Path, sql: &str) {
        let c = Connection::open(path).unwrap();
        let triggers: Vec<String> = c
            .prepare(
                "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_event'",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        c.execute_batch(
            "DROP TRIGGER audit_event_sealed_no_update; DROP TRIGGER audit_event_no_delete;",
        )
        .unwrap();
        c.execute_batch(sql).unwrap();
        for t in triggers {
            c.execute_batch(&t).unwrap();
        }
    }

    #[test]
    fn an_edited_event_is_found() {
        let f = busy_tracker();
        let path = f.path();
        drop(f.tracker);
        tamper(
            &path,
            "UPDATE audit_event SET after_json = '{\"name\":\"Someone else\"}' WHERE id = 10",
        );
        let mut t = reopen(&path, TODAY);
        let link = verify_chain(t.connection()).unwrap().unwrap();
        assert_eq!(link.event_id, 10);
        assert!(link.reason.contains("changed"), "{}", link.reason);
        let e = t.verify().unwrap_err();
        assert_eq!(e.code(), ErrorCode::AuditChainBroken);
        assert!(e.to_string().contains("event 10"), "{e}");
    }

    #[test]
    fn a_removed_event_is_found_at_the_next_one() {
        let f = busy_tracker();
        let path = f.path();
        drop(f.tracker);
        tamper(&path, "DELETE FROM audit_event WHERE id = 10");
        let t = reopen(&path, TODAY);
        let link = verify_chain(t.connection()).unwrap().unwrap();
        assert_eq!(link.event_id, 11);
        assert!(link.reason.contains("removed"), "{}", link.reason);
    }
}
