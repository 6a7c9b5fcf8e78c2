//! The migration runner, tested from the first schema version on.

mod old_trackers;

use crate::common::*;
use followthrough_core::db::{migrate, APPLICATION_ID};
use rusqlite::Connection;

#[test]
fn migrations_are_numbered_from_one_and_all_applied() {
    assert_eq!(
        migrate::latest_version() as usize,
        migrate::MIGRATIONS.len()
    );
    let dir = tempfile::tempdir().unwrap();
    let mut c = Connection::open(dir.path().join("t.sqlite3")).unwrap();
    migrate::run(&mut c).unwrap();
    assert_eq!(migrate::version(&c).unwrap(), migrate::latest_version());
    let app_id: i32 = c
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(app_id, APPLICATION_ID);
}

#[test]
fn running_migrations_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Connection::open(dir.path().join("t.sqlite3")).unwrap();
    migrate::run(&mut c).unwrap();
    let schema = |c: &Connection| -> Vec<String> {
        c.prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let first = schema(&c);
    migrate::run(&mut c).unwrap();
    assert_eq!(schema(&c), first);
    assert_eq!(migrate::version(&c).unwrap(), migrate::latest_version());
}

/// A tracker made at each earlier schema version, holding data, opens with
/// the current program: every later migration applies and the data stays.
#[test]
fn every_earlier_version_migrates_to_the_latest_with_its_data() {
    for start in 1..=migrate::latest_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite3");
        {
            let mut c = Connection::open(&path).unwrap();
            migrate::run_to(&mut c, start).unwrap();
            assert_eq!(migrate::version(&c).unwrap(), start);
            c.execute(
                "INSERT INTO owner (name, title, unit, email) VALUES ('Kept Owner', '', '', '')",
                [],
            )
            .unwrap();
        }
        let mut t = reopen(&path, TODAY);
        assert_eq!(
            migrate::version(t.connection()).unwrap(),
            migrate::latest_version()
        );
        let owners = t.owners().unwrap();
        assert_eq!(owners.len(), 1);
        assert_eq!(owners[0].name, "Kept Owner");
        assert_eq!(t.recommendations().unwrap().len(), 8);
    }
}

#[test]
fn events_written_before_the_chain_are_sealed_by_the_migration() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.sqlite3");
    {
        let mut c = Connection::open(&path).unwrap();
        migrate::run_to(&mut c, 1).unwrap();
        for i in 0..3 {
            c.execute(
                "INSERT INTO audit_event (at, actor, action, entity_kind, entity_id, after_json)
                 VALUES ('2026-01-01T00:00:00.000Z', 'Old', 'add_owner', 'owner', ?1, '{}')",
                [i],
            )
            .unwrap();
        }
    }
    let mut t = reopen(&path, TODAY);
    assert_eq!(
        followthrough_core::audit::verify_chain(t.connection()).unwrap(),
        None
    );
    t.verify().unwrap();
    let trail = t.audit_trail(&Default::default()).unwrap();
    let old: Vec<_> = trail.iter().filter(|e| e.actor == "Old").collect();
    assert_eq!(old.len(), 3);
    assert!(old.iter().all(|e| e.hash.is_some()));
}

/// The running counts of schema 5, against a count of the rows themselves.
fn counts_agree(c: &Connection) -> bool {
    let rows = |sql: String| -> Vec<(i64, String, i64)> {
        c.prepare(&sql)
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let pairs = [
        ("milestone_count", "milestone", "state"),
        ("evidence_count", "evidence", "kind"),
    ];
    pairs.iter().all(|(counts, table, column)| {
        rows(format!(
            "SELECT recommendation_id, {column}, count(*) FROM {table} GROUP BY 1, 2 ORDER BY 1, 2"
        )) == rows(format!(
            "SELECT recommendation_id, {column}, n FROM {counts} WHERE n > 0 ORDER BY 1, 2"
        ))
    })
}

#[test]
fn the_running_counts_follow_every_new_milestone_state_and_note() {
    let mut f = fixture();
    let mut ids = Vec::new();
    for i in 0..12 {
        ids.push(f.milestone(1 + i % 3, &format!("Milestone {i}"), "2027-03-31"));
    }
    for (i, kind) in [
        "progress", "decision", "risk", "issue", "document", "metric",
    ]
    .iter()
    .cycle()
    .take(20)
    .enumerate()
    {
        f.evidence(1 + (i as i64) % 4, kind, "2026-11-20", "Observed");
    }
    let paths: [&[&str]; 6] = [
        &["in_progress", "done"],
        &["done", "in_progress", "cancelled"],
        &["deferred", "planned"],
        &["cancelled"],
        &["in_progress", "deferred", "done"],
        &[],
    ];
    for (id, path) in ids.iter().zip(paths.iter().cycle()) {
        for state in path.iter() {
            f.tracker
                .set_milestone_state(&f.ea, *id, state, None)
                .unwrap();
        }
    }
    assert!(counts_agree(f.tracker.connection()));
    let n: i64 = f
        .tracker
        .connection()
        .query_row("SELECT sum(n) FROM milestone_count", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 12);
    f.tracker.verify().unwrap();

    // The dashboard's figures come from the counts.
    let row = f.tracker.dashboard().unwrap().rows.remove(0);
    let (done, total): (i64, i64) = f
        .tracker
        .connection()
        .query_row(
            "SELECT sum(state = 'done'), sum(state <> 'cancelled') FROM milestone
             WHERE recommendation_id = ?1",
            [row.recommendation_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((row.milestones_done, row.milestones_total), (done, total));
}

#[test]
fn schema_5_counts_the_milestones_and_notes_an_earlier_file_holds() {
    // Made by the program at data version 4, before the running counts.
    let (_dir, path, export) = old_tracker(4);
    let mut t = reopen(&path, TODAY);
    assert_eq!(
        migrate::version(t.connection()).unwrap(),
        migrate::latest_version()
    );
    assert!(counts_agree(t.connection()));
    let doc: serde_json::Value = serde_json::from_str(&export).unwrap();
    let risks = doc["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["recommendation_id"] == 1 && e["kind"] == "risk")
        .count() as i64;
    let n: i64 = t
        .connection()
        .query_row(
            "SELECT n FROM evidence_count WHERE recommendation_id = 1 AND kind = 'risk'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, risks);
    t.verify().unwrap();
}
