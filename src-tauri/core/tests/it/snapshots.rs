//! Period snapshots: frozen at sign-off, fingerprinted, and the source of
//! every briefing.

use crate::common::*;
use followthrough_core::changes;
use followthrough_core::db::migrate;
use followthrough_core::owners::OwnerInput;
use followthrough_core::{ErrorCode, FixedClock, Tracker};
use rusqlite::Connection;

/// A tracker with Q2 signed off and Q3 under way.
fn two_periods() -> (Fixture, i64, i64) {
    let mut f = fixture();
    let lead = f.owner("Amira Haddad");
    let rec = f.rec(1);
    f.tracker
        .assign_owners(&f.ea, rec, Some(lead), &[])
        .unwrap();
    f.milestone(1, "Draft the approvals map", "2026-09-15");
    f.milestone(1, "Publish the standard", "2026-12-01");
    f.evidence(1, "progress", "2026-08-10", "Mapped 17 approvals.");
    let q2 = f.period("2026-27 Q2", "2026-07-01", "2026-09-30");
    f.complete_period(q2, "amber");
    f.tracker.sign_off_period(&f.dm, q2).unwrap();
    let q3 = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    (f, q2, q3)
}

#[test]
fn signing_off_freezes_a_fingerprinted_snapshot() {
    let (mut f, q2, _) = two_periods();
    let stored = f.tracker.period_snapshot(q2).unwrap().expect("frozen");
    assert!(!stored.reconstructed);
    assert_eq!(stored.fingerprint.len(), 64);
    assert_eq!(stored.fingerprint, stored.content.fingerprint());
    let s = &stored.content;
    assert_eq!(s.period.label, "2026-27 Q2");
    assert_eq!(s.recommendations.len(), 8);
    let r1 = s.recommendation(1).unwrap();
    assert_eq!(r1.lead_owner.as_ref().unwrap().name, "Amira Haddad");
    assert_eq!(r1.assessment.as_ref().unwrap().confidence.key(), "amber");
    // "Publish the standard" was added after Q2 ended and is first due
    // after it: not part of Q2.
    let titles: Vec<_> = r1
        .milestones
        .iter()
        .map(|m| m.milestone.title.as_str())
        .collect();
    assert_eq!(titles, ["Draft the approvals map"]);
    assert_eq!(r1.evidence_counts["progress"], 1);
    assert_eq!(r1.period_evidence[0].text, "Mapped 17 approvals.");
    // The sign-off event names the snapshot.
    let event = f
        .tracker
        .audit_trail(&Default::default())
        .unwrap()
        .into_iter()
        .find(|e| e.action == "sign_off_period")
        .unwrap();
    assert_eq!(
        event.after.unwrap()["snapshot_fingerprint"],
        stored.fingerprint.as_str()
    );
}

#[test]
fn a_signed_off_briefing_source_never_changes_afterwards() {
    let (mut f, q2, _) = two_periods();
    let before = f.tracker.briefing_source(q2).unwrap();
    assert!(!before.draft);
    // Later work, even work dated inside the signed-off period.
    let id = f.owner("Later Owner");
    let rec = f.rec(1);
    f.tracker.assign_owners(&f.ea, rec, Some(id), &[]).unwrap();
    f.evidence(1, "risk", "2026-08-20", "Remembered late.");
    let m = f.milestone(1, "Later", "2027-01-01");
    f.tracker
        .move_milestone(&f.ea, m, "2027-02-01", "Later still")
        .unwrap();
    let after = f.tracker.briefing_source(q2).unwrap();
    assert_eq!(after, before);
    let reopened = reopen(&f.path(), "2027-06-01").briefing_source(q2).unwrap();
    assert_eq!(reopened.fingerprint, before.fingerprint);
}

#[test]
fn an_open_period_is_briefed_from_live_data_as_a_draft() {
    let (mut f, q2, q3) = two_periods();
    let source = f.tracker.briefing_source(q3).unwrap();
    assert!(source.draft);
    assert_eq!(source.previous.as_ref().unwrap().period.id, q2);
    assert_eq!(source.snapshot.as_of, date(TODAY));
    // Same data, same fingerprint.
    assert_eq!(
        f.tracker.briefing_source(q3).unwrap().fingerprint,
        source.fingerprint
    );
}

#[test]
fn the_fingerprint_changes_when_any_shown_value_changes() {
    let (mut f, _, q3) = two_periods();
    let mut last = f.tracker.briefing_source(q3).unwrap().fingerprint;
    let mut changed = |f: &mut Fixture, what: &str| {
        let now = f.tracker.briefing_source(q3).unwrap().fingerprint;
        assert_ne!(now, last, "{what} changes the fingerprint");
        last = now;
    };
    let lead = f.tracker.owners().unwrap()[0].id;
    f.tracker
        .update_owner(
            &f.ea,
            lead,
            &OwnerInput {
                name: "Amira Haddad-Roy".into(),
                ..Default::default()
            },
        )
        .unwrap();
    changed(&mut f, "an owner's name");
    f.evidence(1, "decision", "2026-11-01", "Scope agreed.");
    changed(&mut f, "a note");
    let a = f.report(q3, 1, "in_process", "amber_red");
    changed(&mut f, "an assessment");
    f.tracker
        .return_assessment(&f.dm, a, "More detail.")
        .unwrap();
    changed(&mut f, "a return");
    let r1 = f.rec(1);
    let m = f.tracker.milestones(Some(r1)).unwrap()[1].id;
    f.tracker
        .move_milestone(&f.ea, m, "2027-01-15", "Consultation")
        .unwrap();
    changed(&mut f, "a milestone date");
    f.tracker
        .set_milestone_state(&f.ea, m, "done", Some("2026-11-20"))
        .unwrap();
    changed(&mut f, "a milestone's state");
    let rec = f.rec(2);
    f.tracker
        .set_target_date(&f.ea, rec, Some("2027-06-30"))
        .unwrap();
    changed(&mut f, "a target date");
}

#[test]
fn a_snapshot_cannot_be_changed_or_deleted_and_an_edit_is_detected() {
    let (f, q2, _) = two_periods();
    let path = f.path();
    drop(f.tracker);
    let c = Connection::open(&path).unwrap();
    for sql in [
        "UPDATE period_snapshot SET fingerprint = fingerprint",
        "DELETE FROM period_snapshot",
    ] {
        let e = c.execute(sql, []).unwrap_err();
        assert!(e.to_string().contains("frozen"), "{e}");
    }
    // Past the triggers (another tool): a file whose trigger is gone is
    // refused as it stands...
    let trigger: String = c
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE name = 'period_snapshot_no_update'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    c.execute_batch("DROP TRIGGER period_snapshot_no_update")
        .unwrap();
    c.execute(
        "UPDATE period_snapshot SET content = replace(content, 'Amira Haddad', 'Someone Else')",
        [],
    )
    .unwrap();
    let e = Tracker::open(&path, Box::new(FixedClock::on(date(TODAY))))
        .err()
        .unwrap();
    assert_eq!(e.code(), ErrorCode::Tampered, "{e}");
    // ...and with the trigger put back, the edit no longer matches.
    c.execute_batch(&trigger).unwrap();
    drop(c);
    let mut t = reopen(&path, TODAY);
    let e = t.briefing_source(q2).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Damaged);
    assert!(t.verify().is_err());
}

#[test]
fn periods_signed_off_before_snapshots_get_a_reconstructed_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.sqlite3");
    {
        let mut c = Connection::open(&path).unwrap();
        migrate::run_to(&mut c, 2).unwrap();
        c.execute_batch(
            "INSERT INTO report (key, title, authors, published)
                 VALUES ('making-digital-happen-2019', 'Making Digital Happen', '[]', '2019-04');
             INSERT INTO period (label, starts_on, ends_on, state, signed_off_at, signed_off_by)
                 VALUES ('2025-26 Q4', '2026-01-01', '2026-03-31', 'signed_off',
                         '2026-04-10T15:00:00.000Z', 'Deputy Minister');",
        )
        .unwrap();
    }
    let mut t = Tracker::open(&path, Box::new(FixedClock::on(date(TODAY)))).unwrap();
    let p = t.period_by_label("2025-26 Q4").unwrap();
    let s = t.period_snapshot(p.id).unwrap().expect("reconstructed");
    assert!(s.reconstructed);
    assert_eq!(s.taken_at, "2026-04-10T15:00:00.000Z");
    // Read at the period's end, however late it was signed off.
    assert_eq!(s.content.as_of, date("2026-03-31"));
    t.verify().unwrap();
}

#[test]
fn what_changed_between_two_periods() {
    let (mut f, _, q3) = two_periods();
    let r1 = f.rec(1);
    let m = f.tracker.milestones(Some(r1)).unwrap();
    let (overdue, publish) = (m[0].id, m[1].id);
    let _ = overdue; // due 2026-09-15, open: overdue at Q2's sign-off too
    f.tracker
        .move_milestone(&f.ea, publish, "2027-02-01", "Translation took longer")
        .unwrap();
    let late = f.milestone(2, "Name the ADM lead", "2026-11-01");
    let done = f.milestone(3, "Circulate the green paper", "2026-11-20");
    f.tracker
        .set_milestone_state(&f.ea, done, "done", Some("2026-11-19"))
        .unwrap();
    f.evidence(1, "risk", "2026-11-02", "Legal review may slip.");
    f.evidence(1, "decision", "2026-11-03", "DM chose option B.");
    let a = f.report(q3, 1, "little_or_no_progress", "red");
    f.tracker.return_assessment(&f.dm, a, "Say why.").unwrap();
    let input = followthrough_core::assessments::AssessmentInput {
        period_id: q3,
        recommendation_id: f.rec(1),
        status: "little_or_no_progress".into(),
        confidence: "red".into(),
        risks: "Legal review.".into(),
        decisions_required: "Approve option B funding.".into(),
        ..Default::default()
    };
    f.tracker.report_assessment(&f.ea, &input).unwrap();

    let source = f.tracker.briefing_source(q3).unwrap();
    let c = changes::between(source.previous.as_ref(), &source.snapshot);
    let status: Vec<_> = c
        .status
        .iter()
        .map(|s| (s.number, s.from.map(|x| x.key()), s.to.key()))
        .collect();
    assert_eq!(status, [(1, Some("in_process"), "little_or_no_progress")]);
    assert_eq!(c.confidence[0].from.unwrap().key(), "amber");
    assert_eq!(c.confidence[0].to.key(), "red");
    assert_eq!(c.slipped.len(), 1);
    assert_eq!(c.slipped[0].from, date("2026-12-01"));
    assert_eq!(c.slipped[0].to, date("2027-02-01"));
    assert_eq!(c.slipped[0].reason, "Translation took longer");
    assert_eq!(c.completed.len(), 1);
    assert_eq!(c.completed[0].title, "Circulate the green paper");
    let newly: Vec<&str> = c.newly_overdue.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(
        newly,
        ["Name the ADM lead"],
        "the Q2 one was already overdue"
    );
    let _ = late;
    assert_eq!(c.new_evidence.get("risk"), Some(&1));
    assert_eq!(c.new_evidence.get("decision"), Some(&1));
    assert_eq!(c.new_evidence.get("progress"), None);
    assert_eq!(c.new_risks[0].text, "Legal review.");
    assert_eq!(c.new_decisions[0].text, "Approve option B funding.");
    assert_eq!(c.returned.len(), 1);
    assert_eq!(c.returned[0].at.comment, "Say why.");
    assert_eq!(c.returned[0].at.by, "Deputy Minister");
}

#[test]
fn a_snapshot_lists_the_milestones_of_its_period_and_counts_them_all() {
    let mut f = fixture();
    let early = f.milestone(1, "Finished long ago", "2026-03-01");
    f.tracker
        .set_milestone_state(&f.ea, early, "done", Some("2026-02-20"))
        .unwrap();
    let dropped = f.milestone(1, "Dropped last spring", "2026-04-01");
    f.tracker
        .set_milestone_state(&f.ea, dropped, "cancelled", None)
        .unwrap();
    let late = f.milestone(1, "Still open from last year", "2026-06-01");
    let finished_now = f.milestone(1, "Finished this quarter", "2026-09-15");
    f.tracker
        .set_milestone_state(&f.ea, finished_now, "done", Some("2026-10-10"))
        .unwrap();
    let ahead = f.milestone(1, "Next year", "2027-05-01");
    let q3 = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");

    let source = f.tracker.briefing_source(q3).unwrap();
    let rec = source.snapshot.recommendation(1).unwrap();
    let listed: Vec<i64> = rec.milestones.iter().map(|m| m.milestone.id).collect();
    assert_eq!(
        listed,
        vec![late, finished_now, ahead],
        "work finished or dropped before the period is counted, not listed"
    );
    let counts = rec.milestone_counts();
    assert_eq!((counts.done, counts.total, counts.overdue), (2, 4, 1));
    assert_eq!(rec.next_milestone().unwrap().milestone.id, late);
}

/// Earlier versions froze a late sign-off with the records as they stood at
/// sign-off; such a snapshot is read at its period's end.
#[test]
fn a_snapshot_frozen_after_its_period_ended_is_read_at_the_period_s_end() {
    let (mut f, clock) = fixture_moving("2026-10-01");
    let late = f.milestone(1, "Done after the period", "2026-10-20");
    let moved = f.milestone(1, "Moved after the period", "2026-12-01");
    let q = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    clock.set(date("2026-11-10"));
    f.tracker
        .set_milestone_state(&f.ea, late, "done", None)
        .unwrap();
    f.tracker
        .move_milestone(&f.ea, moved, "2027-01-15", "Later")
        .unwrap();
    f.evidence(1, "progress", "2026-11-05", "After the period.");
    f.evidence(1, "progress", "2026-10-15", "Within it.");
    // As an earlier version froze a period that ended on October 31 when
    // it was signed off on November 10.
    let mut old = f.tracker.briefing_source(q).unwrap().snapshot;
    old.period.ends_on = date("2026-10-31");
    assert_eq!(old.as_of, date("2026-11-10"));

    let read = old.clone().at_period_end();
    assert_eq!(read.as_of, date("2026-10-31"));
    let r1 = read.recommendation(1).unwrap();
    let by_title = |t: &str| {
        r1.milestones
            .iter()
            .find(|m| m.milestone.title == t)
            .unwrap()
    };
    let done = by_title("Done after the period");
    assert_eq!(done.milestone.completed_on, None);
    assert!(done.overdue, "due October 20, open on October 31");
    let moved = by_title("Moved after the period");
    assert_eq!(moved.milestone.current_due, date("2026-12-01"));
    assert!(moved.milestone.revisions.is_empty());
    let counts = r1.milestone_counts();
    assert_eq!((counts.done, counts.total, counts.overdue), (0, 2, 1));
    let notes: Vec<&str> = r1.period_evidence.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(notes, ["Within it."]);
    // Reading twice changes nothing, and what changed reads it the same.
    assert_eq!(read.clone().at_period_end(), read);
    let c = changes::between(None, &old);
    assert!(c.completed.is_empty() && c.slipped.is_empty());
    assert_eq!(c.newly_overdue.len(), 1);
    assert_eq!(c.new_evidence.values().sum::<i64>(), 1);
}
