//! Opening data files: new, existing, and the ones that must be refused
//! without being touched.

mod migrate;

use crate::common::*;
use followthrough_core::db::{self, Found, APPLICATION_ID};
use followthrough_core::{ErrorCode, FixedClock, Tracker};
use rusqlite::Connection;
use std::path::Path;

fn open(path: &Path) -> Result<Tracker, followthrough_core::CoreError> {
    Tracker::open(path, Box::new(FixedClock::on(date(TODAY))))
}

/// Every file in the folder with its bytes, to prove nothing was written.
fn folder_state(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_new_file_gets_the_schema_marker_and_durable_settings() {
    let f = fixture();
    let c = f.tracker.connection();
    let app_id: i32 = c
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(app_id, APPLICATION_ID);
    assert_eq!(
        db::migrate::version(c).unwrap(),
        db::migrate::latest_version()
    );
    let mode: String = c
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let sync: i64 = c
        .pragma_query_value(None, "synchronous", |r| r.get(0))
        .unwrap();
    assert_eq!(sync, 2, "synchronous=FULL");
    let fk: i64 = c
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    let busy: i64 = c
        .pragma_query_value(None, "busy_timeout", |r| r.get(0))
        .unwrap();
    assert!(busy >= 5_000, "busy_timeout {busy}");
    assert_eq!(
        db::inspect(&f.path()).unwrap(),
        Found::Tracker {
            version: db::migrate::latest_version()
        }
    );
}

#[test]
fn an_empty_file_is_refused_as_damaged_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.sqlite3");
    std::fs::write(&path, b"").unwrap();
    let before = folder_state(dir.path());
    let e = assert_code(open(&path).map(|_| ()), ErrorCode::Damaged);
    assert!(e.to_string().contains("empty"), "{e}");
    assert_code(
        Tracker::open_or_create(&path, Box::new(FixedClock::on(date(TODAY)))).map(|_| ()),
        ErrorCode::Damaged,
    );
    assert_code(
        Tracker::create(&path, Box::new(FixedClock::on(date(TODAY)))).map(|_| ()),
        ErrorCode::Exists,
    );
    assert_eq!(folder_state(dir.path()), before);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(
        &path,
        "Minutes of the meeting, not a database.\n".repeat(20),
    )
    .unwrap();
    let before = folder_state(dir.path());
    let e = assert_code(open(&path).map(|_| ()), ErrorCode::NotADatabase);
    assert!(e.to_string().contains("notes.txt"), "{e}");
    assert!(e.to_string().contains("left untouched"), "{e}");
    assert_eq!(folder_state(dir.path()), before);
}

#[test]
fn a_truncated_database_header_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("short.sqlite3");
    std::fs::write(&path, b"SQLite format 3\0short").unwrap();
    let before = folder_state(dir.path());
    assert_code(open(&path).map(|_| ()), ErrorCode::NotADatabase);
    assert_eq!(folder_state(dir.path()), before);
}

#[test]
fn another_programs_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("contacts.db");
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE contact (name TEXT); INSERT INTO contact VALUES ('A');")
            .unwrap();
    }
    let before = folder_state(dir.path());
    let e = assert_code(open(&path).map(|_| ()), ErrorCode::ForeignDatabase);
    assert!(e.to_string().contains("contacts.db"), "{e}");
    assert_eq!(folder_state(dir.path()), before);
}

#[test]
fn a_file_from_a_newer_version_is_refused_and_left_untouched() {
    let f = fixture();
    let path = f.path();
    let dir = f.dir;
    drop(f.tracker);
    {
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", db::migrate::latest_version() + 1)
            .unwrap();
        // Checkpoint and leave rollback mode so the file alone is the state.
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = folder_state(dir.path());
    let e = assert_code(open(&path).map(|_| ()), ErrorCode::NewerSchema);
    assert!(e.to_string().contains("newer"), "{e}");
    assert_eq!(folder_state(dir.path()), before);
}

#[test]
fn a_missing_file_is_reported_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.sqlite3");
    let e = assert_code(open(&path).map(|_| ()), ErrorCode::Missing);
    assert!(e.to_string().contains("t.sqlite3"), "{e}");
    assert!(folder_state(dir.path()).is_empty());
}

#[test]
fn a_missing_folder_is_reported_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder").join("t.sqlite3");
    assert_code(open(&path).map(|_| ()), ErrorCode::Missing);
    assert_code(
        Tracker::create(&path, Box::new(FixedClock::on(date(TODAY)))).map(|_| ()),
        ErrorCode::Io,
    );
    assert!(!dir.path().join("no-such-folder").exists());
}
