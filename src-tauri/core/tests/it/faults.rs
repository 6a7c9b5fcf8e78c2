//! Mistakes and faults met by the core in one process: restores after many
//! backups and over damaged files, damaged and odd files of every kind met
//! on opening, hard links, audit ids at the end of their range, and names
//! that differ only in how they are written. (Kills and races between
//! processes are in `crash.rs`; a full disk in `disk_full.rs`.)

use crate::common::*;
use followthrough_core::backup;
use followthrough_core::{Actor, ErrorCode, FixedClock, Operator, Tracker};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn clock(at: &str) -> Box<FixedClock> {
    Box::new(FixedClock(at.parse().unwrap()))
}

fn owners(t: &mut Tracker) -> Vec<String> {
    t.owners().unwrap().into_iter().map(|o| o.name).collect()
}

/// A tracker with `n` backups taken an hour apart, each after one more
/// owner was added; returns the backups, oldest first.
fn with_backups(n: u32) -> (Fixture, Vec<PathBuf>) {
    let f = fixture();
    let path = f.path();
    drop(f.tracker);
    let ea = Actor::new("Executive Assistant").unwrap();
    let mut taken = Vec::new();
    for i in 0..n {
        let mut t = Tracker::open(
            &path,
            clock(&format!("2026-11-{:02}T{:02}:00:00Z", 1 + i / 20, i % 20)),
        )
        .unwrap();
        t.add_owner(
            &ea,
            &followthrough_core::owners::OwnerInput {
                name: format!("Owner {i}"),
                ..Default::default()
            },
        )
        .unwrap();
        taken.push(t.backup_now(&ea).unwrap());
    }
    let tracker = Tracker::open(&path, clock("2026-11-25T12:00:00Z")).unwrap();
    (Fixture { tracker, ..f }, taken)
}

#[test]
fn the_oldest_of_many_backups_can_be_restored_and_stays_while_it_is() {
    let (mut f, taken) = with_backups(12);
    let kept: Vec<PathBuf> = backup::list(&f.path())
        .unwrap()
        .into_iter()
        .map(|b| b.path)
        .collect();
    assert_eq!(
        kept.len(),
        backup::KEEP_NEWEST,
        "rotation kept the newest ten"
    );
    let oldest = kept.last().unwrap().clone();
    assert_eq!(oldest, taken[2]);
    let previous = f
        .tracker
        .restore(
            &oldest,
            &f.ea,
            &followthrough_core::progress::Progress::none(),
        )
        .unwrap()
        .unwrap();
    assert_eq!(owners(&mut f.tracker), ["Owner 0", "Owner 1", "Owner 2"]);
    assert!(oldest.exists(), "the restored backup was not rotated away");
    assert!(previous.exists(), "the content before the restore is kept");
    backup::check(&previous).unwrap();
    f.tracker.verify().unwrap();
    // Restoring it again, now that it is the oldest of eleven, works too.
    f.tracker
        .restore(
            &oldest,
            &f.ea,
            &followthrough_core::progress::Progress::none(),
        )
        .unwrap();
    assert!(oldest.exists());
}

#[test]
fn a_damaged_current_file_is_kept_byte_for_byte_and_the_backup_restored() {
    let (f, taken) = with_backups(2);
    let data = f.path();
    drop(f.tracker);
    // Fold the log into the file, then zero one page in the middle.
    Connection::open(&data)
        .unwrap()
        .pragma_update(None, "journal_mode", "DELETE")
        .unwrap();
    let mut bytes = std::fs::read(&data).unwrap();
    let page = 4096 * 3;
    bytes[page..page + 4096].fill(0);
    std::fs::write(&data, &bytes).unwrap();
    let e = Tracker::open(&data, clock("2026-11-25T12:00:00Z"))
        .err()
        .unwrap();
    assert_eq!(e.code(), ErrorCode::Damaged, "{e}");

    let (mut t, kept) = backup::restore(
        &data,
        &taken[0],
        clock("2026-11-25T13:00:00Z"),
        Operator {
            actor: &f.ea,
            machine: "test",
            witness: None,
        },
        &followthrough_core::progress::Progress::none(),
    )
    .unwrap();
    let kept = kept.unwrap();
    assert_eq!(
        std::fs::read(&kept).unwrap(),
        bytes,
        "kept exactly as it was"
    );
    assert_eq!(owners(&mut t), ["Owner 0"]);
    t.verify().unwrap();
    let trail = t.audit_trail(&Default::default()).unwrap();
    assert_eq!(trail[0].action, "restore");
}

#[test]
fn an_empty_data_file_is_replaced_by_a_restore_and_kept() {
    let (f, taken) = with_backups(1);
    let data = f.path();
    drop(f.tracker);
    std::fs::write(&data, b"").unwrap();
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", data.display()));
    }
    let (mut t, kept) = backup::restore(
        &data,
        &taken[0],
        clock("2026-11-25T13:00:00Z"),
        Operator {
            actor: &f.ea,
            machine: "test",
            witness: None,
        },
        &followthrough_core::progress::Progress::none(),
    )
    .unwrap();
    assert_eq!(std::fs::read(kept.unwrap()).unwrap(), b"");
    assert_eq!(owners(&mut t), ["Owner 0"]);
}

/// Every file in a folder with its bytes.
fn folder(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    all.sort();
    all
}

/// Opens `path` (in a thread, so a file that would block cannot hang the
/// test) and returns the error.
fn refused(path: &Path) -> followthrough_core::CoreError {
    let p = path.to_owned();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(Tracker::open(&p, Box::new(FixedClock::on(date(TODAY)))).err());
    });
    rx.recv_timeout(Duration::from_secs(10))
        .expect("opening answers at once")
        .expect("the file is refused")
}

/// Writes a tracker, then changes its header at `offset` to `value`.
fn with_header(dir: &Path, name: &str, offset: usize, value: &[u8]) -> PathBuf {
    let f = fixture();
    let src = f.path();
    drop(f.tracker);
    Connection::open(&src)
        .unwrap()
        .pragma_update(None, "journal_mode", "DELETE")
        .unwrap();
    let mut bytes = std::fs::read(&src).unwrap();
    bytes[offset..offset + value.len()].copy_from_slice(value);
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn damaged_and_odd_files_are_refused_with_a_clear_message_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut cases: Vec<(PathBuf, ErrorCode, &str)> = Vec::new();

    let empty = d.join("empty.sqlite3");
    std::fs::write(&empty, b"").unwrap();
    cases.push((empty, ErrorCode::Damaged, "empty"));

    // user_version is the big-endian integer at byte 60.
    cases.push((
        with_header(d, "minus-one.sqlite3", 60, &(-1i32).to_be_bytes()),
        ErrorCode::Damaged,
        "data version is -1",
    ));
    cases.push((
        with_header(d, "huge.sqlite3", 60, &i32::MAX.to_be_bytes()),
        ErrorCode::NewerSchema,
        "newer",
    ));
    // Our marker, an earlier version, and tables that are not that
    // version's: refused before any migration runs.
    cases.push((
        with_header(d, "foreign-version.sqlite3", 60, &3i32.to_be_bytes()),
        ErrorCode::Tampered,
        "structure is not that of a version-3 tracker",
    ));

    let zeroed = with_header(d, "zeroed.sqlite3", 0, b"SQLite");
    {
        let mut bytes = std::fs::read(&zeroed).unwrap();
        let n = bytes.len();
        bytes[n - 8192..n - 4096].fill(0);
        std::fs::write(&zeroed, bytes).unwrap();
    }
    cases.push((zeroed, ErrorCode::Damaged, "damaged"));

    let truncated = with_header(d, "truncated.sqlite3", 0, b"SQLite");
    {
        let bytes = std::fs::read(&truncated).unwrap();
        std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    }
    cases.push((truncated, ErrorCode::Damaged, "damaged"));

    let folder_path = d.join("a-folder");
    std::fs::create_dir(&folder_path).unwrap();
    cases.push((folder_path, ErrorCode::NotAFile, "not a regular file"));

    #[cfg(unix)]
    {
        let fifo = d.join("pipe.sqlite3");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        cases.push((fifo, ErrorCode::NotAFile, "not a regular file"));
        cases.push((
            PathBuf::from("/dev/null"),
            ErrorCode::NotAFile,
            "not a regular file",
        ));
        let dangling = d.join("dangling.sqlite3");
        std::os::unix::fs::symlink(d.join("nowhere"), &dangling).unwrap();
        cases.push((dangling, ErrorCode::NotAFile, "not a regular file"));
    }

    let before = folder(d);
    for (path, code, says) in &cases {
        let e = refused(path);
        assert_eq!(e.code(), *code, "{}: {e}", path.display());
        assert!(e.to_string().contains(says), "{}: {e}", path.display());
        assert!(!e.to_string().contains("CREATE"), "no raw SQL: {e}");
    }
    assert_eq!(folder(d), before, "nothing in the folder changed");
    assert!(
        !Path::new("/dev/null-journal").exists(),
        "nothing written beside /dev/null"
    );
    // Creating is refused where any of them is.
    for (path, _, _) in cases.iter().filter(|(p, _, _)| p.starts_with(d)) {
        let e = Tracker::create(path, Box::new(FixedClock::on(date(TODAY))))
            .err()
            .unwrap();
        assert_eq!(e.code(), ErrorCode::Exists, "{}: {e}", path.display());
    }
    assert_eq!(folder(d), before);
}

#[cfg(unix)]
#[test]
fn a_tracker_with_a_second_name_is_refused() {
    let f = fixture();
    let path = f.path();
    drop(f.tracker);
    let other = f.dir.path().join("other-name.sqlite3");
    std::fs::hard_link(&path, &other).unwrap();
    for p in [&path, &other] {
        let e = refused(p);
        assert_eq!(e.code(), ErrorCode::NotAFile, "{e}");
        assert!(e.to_string().contains("hard links"), "{e}");
    }
    std::fs::remove_file(&other).unwrap();
    reopen(&path, TODAY).verify().unwrap();
}

#[test]
fn an_audit_id_at_the_end_of_its_range_stops_writes_cleanly() {
    let mut f = fixture();
    let last = followthrough_core::audit::MAX_ID;
    // Another tool appends an event with the largest id (the triggers
    // allow inserts; the chain check would report it, but a write must
    // not wrap the id or fail obscurely first).
    f.tracker
        .connection()
        .execute(
            "INSERT INTO audit_event (id, at, actor, action, entity_kind, entity_id) VALUES (?1, 'x', 'x', 'x', 'x', 0)",
            [last],
        )
        .unwrap();
    let before = f.snapshot();
    let e = f
        .tracker
        .add_owner(
            &f.ea,
            &followthrough_core::owners::OwnerInput {
                name: "Never written".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Damaged, "{e}");
    assert!(e.to_string().contains("no event can be written"), "{e}");
    assert_eq!(f.snapshot(), before, "nothing changed");
}

#[test]
fn a_name_written_differently_is_still_the_reporters() {
    let mut f = fixture();
    let p = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    let reporter = Actor::new("Alex Morgan").unwrap();
    let rec = f.rec(1);
    let a = f
        .tracker
        .report_assessment(
            &reporter,
            &followthrough_core::assessments::AssessmentInput {
                period_id: p,
                recommendation_id: rec,
                status: "in_process".into(),
                confidence: "amber".into(),
                ..Default::default()
            },
        )
        .unwrap();
    for same in [
        "Alex Morgan ",
        " alex morgan",
        "ALEX  MORGAN",
        "Alex\u{00A0}Morgan",
        "Ａｌｅｘ Morgan",
    ] {
        let who = Actor::new(same).unwrap();
        let e = f.tracker.accept_assessment(&who, a.id).unwrap_err();
        assert_eq!(e.code(), ErrorCode::SameReviewer, "{same:?}: {e}");
    }
    for hidden in ["Alex\u{200B} Morgan", "Alex Morgan\u{2060}"] {
        assert_eq!(
            Actor::new(hidden).unwrap_err().rule(),
            Some(followthrough_core::Rule::InvisibleCharacter)
        );
    }
    f.tracker.accept_assessment(&f.dm, a.id).unwrap();
}
