//! Backups, restore and the handling of damaged files.

use crate::common::*;
use followthrough_core::backup::{self, backups_dir};
use followthrough_core::Operator;
use followthrough_core::{Actor, ErrorCode, FixedClock, Tracker};
use serde_json::Value;
use std::path::Path;

fn export(t: &mut Tracker) -> Value {
    let mut v: Value = serde_json::from_str(&t.export_json().unwrap()).unwrap();
    v.as_object_mut().unwrap().remove("exported_at");
    v.as_object_mut().unwrap().remove("audit");
    v.as_object_mut().unwrap().remove("trail_head");
    v
}

fn clock(at: &str) -> Box<FixedClock> {
    Box::new(FixedClock(at.parse().unwrap()))
}

#[test]
fn a_backup_is_a_complete_checked_copy_beside_the_data() {
    let mut f = fixture();
    f.owner("Kept in the backup");
    f.milestone(1, "Plan", "2026-12-01");
    let path = f.tracker.backup_now(&f.ea).unwrap();
    assert_eq!(path.parent().unwrap(), backups_dir(&f.path()));
    assert_eq!(
        path.file_name().unwrap().to_string_lossy(),
        "tracker-20261125T120000Z.sqlite3"
    );
    backup::check(&path).unwrap();
    let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let live = export(&mut f.tracker);
    let mut copy = Tracker::open(&path, clock("2026-11-25T12:00:00Z")).unwrap();
    assert_eq!(export(&mut copy), live);
    let trail = f.tracker.audit_trail(&Default::default()).unwrap();
    assert_eq!(trail[0].action, "backup");
}

#[test]
fn backups_are_taken_at_most_daily_when_due_and_rotated() {
    let f = fixture();
    let data = f.path();
    drop(f.tracker);
    let actor = Actor::new("Executive Assistant").unwrap();
    let mut t = Tracker::open(&data, clock("2026-11-25T08:00:00Z")).unwrap();
    assert!(t.backup_if_due(&actor).unwrap().is_some(), "none yet: due");
    let mut t = Tracker::open(&data, clock("2026-11-25T20:00:00Z")).unwrap();
    assert!(
        t.backup_if_due(&actor).unwrap().is_none(),
        "12 hours later: not due"
    );
    let mut t = Tracker::open(&data, clock("2026-11-26T08:30:00Z")).unwrap();
    assert!(
        t.backup_if_due(&actor).unwrap().is_some(),
        "a day later: due"
    );

    // Many more backups: only the newest ten (all in one month) survive.
    for hour in 0..15 {
        let mut t = Tracker::open(&data, clock(&format!("2026-11-27T{hour:02}:00:00Z"))).unwrap();
        t.backup_now(&actor).unwrap();
    }
    let kept = backup::list(&data).unwrap();
    assert_eq!(kept.len(), 10);
    assert_eq!(kept[0].taken_at.to_rfc3339(), "2026-11-27T14:00:00+00:00");
}

#[test]
fn restore_replaces_the_data_keeps_the_current_file_and_is_audited() {
    let mut f = fixture();
    f.owner("Before the mistake");
    let good = f.tracker.backup_now(&f.ea).unwrap();
    let before = export(&mut f.tracker);
    f.owner("Entered after the backup");
    let data = f.path();
    drop(f.tracker);

    let (mut t, kept) = backup::restore(
        &data,
        &good,
        clock("2026-11-25T13:00:00Z"),
        Operator {
            actor: &f.ea,
            machine: "test-machine",
            witness: None,
        },
        &followthrough_core::progress::Progress::none(),
    )
    .unwrap();
    assert_eq!(export(&mut t), before);
    let trail = t.audit_trail(&Default::default()).unwrap();
    assert_eq!(trail[0].action, "restore");
    assert_eq!(
        trail[0].after.as_ref().unwrap()["from"],
        good.display().to_string()
    );

    // What was there before the restore is kept and can itself be restored.
    let kept = kept.unwrap();
    let mut previous = Tracker::open(&kept, clock("2026-11-25T13:00:00Z")).unwrap();
    assert!(previous
        .owners()
        .unwrap()
        .iter()
        .any(|o| o.name == "Entered after the backup"));
}

#[test]
fn a_bad_backup_is_refused_and_the_data_file_is_untouched() {
    let f = fixture();
    let data = f.path();
    drop(f.tracker);
    let original = std::fs::read(&data).unwrap();
    let bad = f.dir.path().join("not-a-backup.sqlite3");
    std::fs::write(&bad, "garbage".repeat(50)).unwrap();
    assert_code(
        backup::restore(
            &data,
            &bad,
            clock("2026-11-25T13:00:00Z"),
            Operator {
                actor: &f.ea,
                machine: "test-machine",
                witness: None,
            },
            &followthrough_core::progress::Progress::none(),
        )
        .map(|_| ()),
        ErrorCode::NotADatabase,
    );
    let missing = f.dir.path().join("missing.sqlite3");
    assert!(backup::restore(
        &data,
        &missing,
        clock("2026-11-25T13:00:00Z"),
        Operator {
            actor: &f.ea,
            machine: "test-machine",
            witness: None,
        },
        &followthrough_core::progress::Progress::none(),
    )
    .is_err());
    assert_eq!(std::fs::read(&data).unwrap(), original);
    assert!(!backups_dir(&data).exists(), "nothing was written");
}

/// Overwrites every page but the first (the header) with noise, as a disk
/// fault or a half-copied file would.
fn damage(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    let page = 4096;
    assert!(bytes.len() > 3 * page);
    for b in &mut bytes[page..] {
        *b = 0xA5;
    }
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_damaged_file_is_reported_by_name_and_a_good_backup_is_found() {
    let mut f = fixture();
    for i in 0..40 {
        f.evidence(
            1,
            "progress",
            "2026-11-01",
            &format!("Note {i} {}", "text ".repeat(40)),
        );
    }
    let good = f.tracker.backup_now(&f.ea).unwrap();
    let data = f.path();
    drop(f.tracker);
    // Leave a rollback-journal file so the damage is in the file itself.
    {
        let c = rusqlite::Connection::open(&data).unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    damage(&data);
    let damaged_bytes = std::fs::read(&data).unwrap();

    let opened = Tracker::open(&data, clock("2026-11-25T13:00:00Z"));
    let verdict = match opened {
        Err(e) => e,
        Ok(mut t) => t.verify().unwrap_err(),
    };
    assert_eq!(verdict.code(), ErrorCode::Damaged, "{verdict}");
    assert!(verdict.to_string().contains("tracker.sqlite3"), "{verdict}");
    assert_eq!(backup::newest_good(&data).unwrap(), Some(good.clone()));

    let (mut t, kept) = backup::restore(
        &data,
        &good,
        clock("2026-11-25T13:00:00Z"),
        Operator {
            actor: &f.ea,
            machine: "test-machine",
            witness: None,
        },
        &followthrough_core::progress::Progress::none(),
    )
    .unwrap();
    t.verify().unwrap();
    assert_eq!(t.evidence(None, None).unwrap().len(), 40);
    let kept = kept.unwrap();
    assert_eq!(
        std::fs::read(&kept).unwrap(),
        damaged_bytes,
        "the damaged file is kept as it was"
    );
}

#[test]
fn the_window_lists_backups_newest_first_with_size_and_check() {
    let mut f = fixture();
    let first = f.tracker.backup_now(&f.ea).unwrap();
    // The same second again: written as `-2`, and listed as the newer one.
    let second = f.tracker.backup_now(&f.ea).unwrap();
    assert_eq!(
        second.file_name().unwrap().to_string_lossy(),
        "tracker-20261125T120000Z-2.sqlite3"
    );
    let data = f.path();
    let broken = backups_dir(&data).join("tracker-20261124T090000Z.sqlite3");
    std::fs::write(&broken, "not a tracker").unwrap();

    let listed = backup::summaries(&data, &followthrough_core::progress::Progress::none()).unwrap();
    let names: Vec<&str> = listed.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "tracker-20261125T120000Z-2.sqlite3",
            "tracker-20261125T120000Z.sqlite3",
            "tracker-20261124T090000Z.sqlite3"
        ]
    );
    assert_eq!(listed[1].taken_at.to_rfc3339(), "2026-11-25T12:00:00+00:00");
    assert_eq!(
        listed[1].size_bytes,
        std::fs::metadata(&first).unwrap().len()
    );
    assert!(listed[0].good && listed[1].good);
    assert!(!listed[2].good, "a file that fails the check is marked");
    assert_eq!(listed[2].size_bytes, "not a tracker".len() as u64);
}

#[test]
fn a_backup_is_found_by_its_listed_name_only() {
    let mut f = fixture();
    let good = f.tracker.backup_now(&f.ea).unwrap();
    let data = f.path();
    let name = good.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(backup::find(&data, &name).unwrap(), good);

    let dir = backups_dir(&data);
    std::fs::write(dir.join("notes.sqlite3"), "other").unwrap();
    std::fs::write(dir.join("tracker-unreadable-20261125T120000Z.bin"), "x").unwrap();
    let data_name = data.file_name().unwrap().to_string_lossy().into_owned();
    for refused in [
        String::new(),
        "notes.sqlite3".to_owned(),
        "tracker-unreadable-20261125T120000Z.bin".to_owned(),
        format!("../{data_name}"),
        format!("./{name}"),
        good.display().to_string(),
        data.display().to_string(),
    ] {
        let e = assert_code(backup::find(&data, &refused), ErrorCode::NotFound);
        assert!(e.to_string().contains("backup"), "{e}");
    }
}

#[test]
fn a_backup_taken_beside_an_open_tracker_leaves_it_free_to_write() {
    let mut f = fixture();
    f.owner("In the copy");
    // Another connection copies while this tracker holds the file open
    // (the window's daily backup); the tracker keeps writing meanwhile.
    let now = "2026-11-25T13:00:00Z".parse().unwrap();
    let path = backup::take(
        &f.path(),
        now,
        &followthrough_core::progress::Progress::none(),
    )
    .unwrap();
    f.owner("After the copy");
    backup::check(&path).unwrap();
    let mut copy = Tracker::open(&path, clock("2026-11-25T13:00:00Z")).unwrap();
    let names: Vec<String> = copy.owners().unwrap().into_iter().map(|o| o.name).collect();
    assert_eq!(names, ["In the copy"]);

    let before = audit_count(&f.tracker);
    f.tracker.record_backup(&f.ea, &path).unwrap();
    assert_eq!(audit_count(&f.tracker), before + 1);
    let event = &f.tracker.audit_trail(&Default::default()).unwrap()[0];
    assert_eq!(event.action, "backup");
    assert_eq!(
        f.tracker.newest_backup_time().unwrap(),
        Some(now),
        "the next daily backup is counted from this one"
    );
}

#[test]
fn a_running_count_changed_outside_the_app_is_reported_as_tampering() {
    let mut f = fixture();
    f.milestone(1, "Counted", "2027-01-31");
    f.tracker.verify().unwrap();
    let rec = f.rec(1);
    f.tracker
        .connection()
        .execute(
            "UPDATE milestone_count SET n = n + 1 WHERE recommendation_id = ?1",
            [rec],
        )
        .unwrap();
    let e = assert_code(f.tracker.verify(), ErrorCode::Tampered);
    assert!(e.to_string().contains("milestone_count"), "{e}");
}
