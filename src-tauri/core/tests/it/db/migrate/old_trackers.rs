//! Trackers made by earlier versions of the program open, migrate, verify,
//! export and import with nothing lost (`tests/fixtures/trackers/`, one per
//! data version, each made by the program as it was at that version).

use crate::common::*;
use followthrough_core::db::migrate;
use followthrough_core::scales::PeriodState;
use followthrough_core::{FixedClock, Operator, Tracker};
use serde_json::Value;

const RECORDS: [&str; 7] = [
    "recommendations",
    "owners",
    "milestones",
    "evidence",
    "periods",
    "assessments",
    "report",
];

fn versions() -> std::ops::RangeInclusive<i64> {
    1..=migrate::latest_version()
}

#[test]
fn there_is_a_fixture_for_every_data_version() {
    for v in versions() {
        let (_dir, path, export) = old_tracker(v);
        let c = rusqlite::Connection::open(&path).unwrap();
        assert_eq!(migrate::version(&c).unwrap(), v, "fixture v{v}");
        let doc: Value = serde_json::from_str(&export).unwrap();
        assert_eq!(
            doc["schema_version"], v,
            "its export was made by the same program"
        );
        // Content in every table the version has.
        let tables: Vec<String> = c
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
                   AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_search_%'",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for t in tables {
            let n: i64 = c
                .query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))
                .unwrap();
            assert!(n > 0, "fixture v{v}: table {t} holds something");
        }
    }
}

#[test]
fn every_old_tracker_migrates_and_keeps_everything() {
    for v in versions() {
        let (_dir, path, export) = old_tracker(v);
        let old: Value = serde_json::from_str(&export).unwrap();
        let old_events = old["audit"].as_array().unwrap().clone();
        let mut t = reopen(&path, TODAY);
        assert_eq!(
            migrate::version(t.connection()).unwrap(),
            migrate::latest_version(),
            "v{v} brought up to date"
        );
        t.verify()
            .unwrap_or_else(|e| panic!("v{v} verifies after migrating: {e}"));
        let now: Value = serde_json::from_str(&t.export_json().unwrap()).unwrap();
        for key in RECORDS {
            assert_eq!(now[key], old[key], "v{v}: {key} kept exactly");
        }
        // The register and the signed decisions (data version 7 on).
        for key in ["reviewers", "decisions"] {
            let expected = if v >= 7 {
                old[key].clone()
            } else {
                Value::Array(vec![])
            };
            assert_eq!(now[key], expected, "v{v}: {key}");
        }
        // Every old event is kept; those sealed before keep their seals.
        // A file made before record seals (version 6) gains the one event
        // that seals them; later versions gain nothing.
        let events = now["audit"].as_array().unwrap();
        if v < 6 {
            assert!(
                events.len() > old_events.len(),
                "v{v}: the trail grew by the event that seals its records"
            );
        } else {
            assert_eq!(events.len(), old_events.len(), "v{v}: nothing to add");
        }
        for (before, after) in old_events.iter().zip(events) {
            for field in [
                "id",
                "at",
                "actor",
                "action",
                "entity_id",
                "before",
                "after",
            ] {
                assert_eq!(
                    after[field], before[field],
                    "v{v}: event {} {field}",
                    before["id"]
                );
            }
            if !before["hash"].is_null() {
                assert_eq!(
                    after["hash"], before["hash"],
                    "v{v}: event {}'s seal",
                    before["id"]
                );
            }
        }
        // The period signed off then has its frozen snapshot now.
        let signed = t
            .periods()
            .unwrap()
            .into_iter()
            .find(|p| p.state == PeriodState::SignedOff)
            .expect("the sample signs a period off");
        let snapshot = t.period_snapshot(signed.id).unwrap().expect("a snapshot");
        assert_eq!(
            snapshot.reconstructed,
            v < 3,
            "v{v}: rebuilt only before version 3"
        );
        let source = t.briefing_source(signed.id).unwrap();
        assert!(!source.draft);
        assert_eq!(
            source.trail_head.as_ref().map(|h| h.event_id),
            Some(
                events
                    .iter()
                    .filter(|e| e["action"] == "sign_off_period")
                    .map(|e| e["id"].as_i64().unwrap())
                    .next_back()
                    .unwrap()
            ),
            "v{v}: the briefing names the sign-off event"
        );
        // Opening again changes nothing more.
        drop(t);
        let before = snapshot_of(&path);
        drop(reopen(&path, TODAY));
        assert_eq!(
            snapshot_of(&path),
            before,
            "v{v}: a second open adds nothing"
        );
    }
}

fn snapshot_of(path: &std::path::Path) -> String {
    snapshot(&rusqlite::Connection::open(path).unwrap())
}

#[test]
fn every_old_tracker_and_its_own_export_import_into_a_new_file() {
    for v in versions() {
        let (dir, path, export) = old_tracker(v);
        let import = |target: &std::path::Path, bytes: &[u8]| {
            followthrough_core::import::import(
                target,
                "fixture.json",
                bytes,
                false,
                Box::new(FixedClock::on(date(TODAY))),
                Operator {
                    actor: &followthrough_core::Actor::new("Records Officer").unwrap(),
                    machine: "test",
                    witness: None,
                },
            )
        };
        // The export the old program made (an older format).
        let from_old = dir.path().join("from-old-export.sqlite3");
        let mut t = import(&from_old, export.as_bytes())
            .unwrap_or_else(|e| panic!("v{v}'s own export imports: {e}"))
            .tracker;
        t.verify().unwrap();
        // The migrated tracker's export, in today's format.
        let text = reopen(&path, TODAY).export_json().unwrap();
        let from_new = dir.path().join("from-new-export.sqlite3");
        let mut t = import(&from_new, text.as_bytes()).unwrap().tracker;
        t.verify().unwrap();
        let again: Value = serde_json::from_str(&t.export_json().unwrap()).unwrap();
        let first: Value = serde_json::from_str(&text).unwrap();
        for key in RECORDS {
            assert_eq!(again[key], first[key], "v{v}: {key} survive the round trip");
        }
    }
}

#[test]
fn an_old_tracker_restored_from_an_old_backup_is_brought_up_to_date() {
    // A backup made by an earlier version is itself an old tracker.
    let (dir, old_backup, _) = old_tracker(2);
    let mut f = fixture();
    f.owner("Entered today");
    let data = f.path();
    drop(f.tracker);
    let mut t = Tracker::open(&data, Box::new(FixedClock::on(date(TODAY)))).unwrap();
    let kept = t
        .restore(
            &old_backup,
            &followthrough_core::Actor::new("EA").unwrap(),
            &followthrough_core::progress::Progress::none(),
        )
        .unwrap();
    assert!(kept.is_some());
    assert_eq!(
        migrate::version(t.connection()).unwrap(),
        migrate::latest_version()
    );
    t.verify().unwrap();
    assert!(t
        .owners()
        .unwrap()
        .iter()
        .all(|o| o.name != "Entered today"));
    drop(dir);
}
