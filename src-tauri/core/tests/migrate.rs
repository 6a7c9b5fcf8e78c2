//! The migration runner, tested from the first schema version on.

mod common;

use common::*;
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
