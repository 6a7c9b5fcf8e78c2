//! A full disk: every operation that runs out of space says "the disk is
//! full", leaves the tracker (and any earlier output) as it was, records
//! nothing it did not do, and leaves no working file behind.
//!
//! Each case runs on a small tmpfs mounted by the test, which needs root
//! (the test command runs as root; it says so if it cannot mount).

#![cfg(target_os = "linux")]

use crate::common::*;
use followthrough_core::evidence::NewEvidence;
use followthrough_core::{backup, Actor, ErrorCode, FixedClock, Operator, Tracker};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A tmpfs of `kib` KiB, unmounted when dropped.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(kib: u32) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(dir.path())
            .status()
            .expect("run mount");
        assert!(
            status.success(),
            "this test mounts a small tmpfs to fill it, which needs root: run the test command as root"
        );
        SmallDisk { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the disk, then frees `leave` bytes of the filler.
    fn fill_leaving(&self, leave: u64) {
        let filler = self.path().join("filler");
        let mut f = std::fs::File::create(&filler).unwrap();
        let block = vec![0x5Au8; 4096];
        while f.write_all(&block).is_ok() {}
        drop(f);
        let len = std::fs::metadata(&filler).unwrap().len();
        let f = std::fs::OpenOptions::new()
            .write(true)
            .open(&filler)
            .unwrap();
        f.set_len(len.saturating_sub(leave)).unwrap();
    }

    fn free_up(&self) {
        let _ = std::fs::remove_file(self.path().join("filler"));
    }

    /// Names in the folder (and the backups folder) starting with a dot:
    /// working files.
    fn working_files(&self) -> Vec<String> {
        let mut found = Vec::new();
        for dir in [self.path().to_owned(), self.path().join("backups")] {
            if let Ok(entries) = std::fs::read_dir(&dir) {
                found.extend(
                    entries
                        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                        .filter(|n| n.starts_with('.')),
                );
            }
        }
        found
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

fn ea() -> Actor {
    Actor::new("Executive Assistant").unwrap()
}

fn note(t: &mut Tracker, i: usize) -> followthrough_core::Result<i64> {
    t.add_evidence(
        &ea(),
        &NewEvidence {
            recommendation_id: (i % 8) as i64 + 1,
            kind: "progress".into(),
            text: format!("note {i} {}", "x".repeat(1000)),
            ..Default::default()
        },
    )
    .map(|e| e.id)
}

/// What the tracker holds, without the moment of reading.
fn content(path: &Path) -> String {
    let mut t = reopen(path, TODAY);
    let mut v: serde_json::Value = serde_json::from_str(&t.export_json().unwrap()).unwrap();
    v.as_object_mut().unwrap().remove("exported_at");
    v.to_string()
}

fn assert_disk_full<T: std::fmt::Debug>(r: followthrough_core::Result<T>, what: &str) {
    let e = r.expect_err(what);
    assert_eq!(e.code(), ErrorCode::DiskFull, "{what}: {e}");
    assert!(e.to_string().contains("the disk is full"), "{what}: {e}");
}

#[test]
fn notes_written_until_the_disk_is_full_are_all_kept_and_the_next_is_refused() {
    let disk = SmallDisk::mount(4096);
    let path = disk.path().join("tracker.sqlite3");
    let mut t = Tracker::create(&path, Box::new(FixedClock::on(date(TODAY)))).unwrap();
    disk.fill_leaving(1024 * 1024);
    let mut kept = Vec::new();
    let refused = (0..10_000)
        .map(|i| note(&mut t, i))
        .find_map(|r| match r {
            Ok(id) => {
                kept.push(id);
                None
            }
            Err(e) => Some(e),
        })
        .expect("the disk filled up");
    assert_eq!(refused.code(), ErrorCode::DiskFull, "{refused}");
    assert!(kept.len() > 10, "notes were written first ({})", kept.len());
    drop(t);
    disk.free_up();
    let mut t = reopen(&path, TODAY);
    let ids: Vec<i64> = t
        .evidence(None, None)
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    for id in &kept {
        assert!(ids.contains(id), "acknowledged note {id} kept");
    }
    assert_eq!(ids.len(), kept.len(), "the refused note is not there");
    note(&mut t, 0).unwrap();
    t.verify().unwrap();
}

/// A tracker on the small disk, a larger export to bring in, and what the
/// tracker holds before.
fn tracker_and_export(disk: &SmallDisk) -> (PathBuf, String, String) {
    let path = disk.path().join("tracker.sqlite3");
    let mut t = Tracker::create(&path, Box::new(FixedClock::on(date(TODAY)))).unwrap();
    note(&mut t, 0).unwrap();
    drop(t);
    let elsewhere = tempfile::tempdir().unwrap();
    let big = elsewhere.path().join("big.sqlite3");
    let mut b = Tracker::create(&big, Box::new(FixedClock::on(date(TODAY)))).unwrap();
    for i in 0..300 {
        note(&mut b, i).unwrap();
    }
    let export = b.export_json().unwrap();
    (path.clone(), export, content(&path))
}

#[test]
fn an_import_that_runs_out_of_space_changes_nothing() {
    let disk = SmallDisk::mount(16384);
    let (path, export, before) = tracker_and_export(&disk);
    disk.fill_leaving(200 * 1024);
    let done = followthrough_core::import::import(
        &path,
        "big.json",
        export.as_bytes(),
        true,
        Box::new(FixedClock::on(date(TODAY))),
        Operator {
            actor: &ea(),
            machine: "test",
            witness: None,
        },
    );
    assert_disk_full(done.map(|_| ()), "import --replace");
    assert_eq!(disk.working_files(), Vec::<String>::new());
    disk.free_up();
    assert_eq!(content(&path), before, "the tracker is as it was");
    for b in backup::list(&path).unwrap() {
        backup::check(&b.path).unwrap();
    }
}

#[test]
fn a_restore_or_a_backup_that_runs_out_of_space_changes_nothing() {
    let disk = SmallDisk::mount(16384);
    let path = disk.path().join("tracker.sqlite3");
    let mut t = Tracker::create(&path, Box::new(FixedClock::on(date(TODAY)))).unwrap();
    for i in 0..200 {
        note(&mut t, i).unwrap();
    }
    let good = t.backup_now(&ea()).unwrap();
    note(&mut t, 999).unwrap();
    drop(t);
    let before = content(&path);
    let backups_before = backup::list(&path).unwrap().len();
    disk.fill_leaving(64 * 1024);

    let mut t = reopen(&path, TODAY);
    assert_disk_full(
        t.restore(
            &good,
            &ea(),
            &followthrough_core::progress::Progress::none(),
        ),
        "restore",
    );
    assert_disk_full(t.backup_now(&ea()), "backup");
    drop(t);
    assert_eq!(disk.working_files(), Vec::<String>::new());
    assert_eq!(
        backup::list(&path).unwrap().len(),
        backups_before,
        "no partial backup named"
    );
    disk.free_up();
    assert_eq!(content(&path), before, "the tracker is as it was");
    for b in backup::list(&path).unwrap() {
        backup::check(&b.path).unwrap();
    }
}

#[test]
fn an_export_to_a_full_disk_is_neither_written_nor_recorded() {
    let disk = SmallDisk::mount(512);
    let mut f = fixture();
    for i in 0..100 {
        note(&mut f.tracker, i).unwrap();
    }
    let target = disk.path().join("export.json");
    std::fs::write(&target, "an earlier export").unwrap();
    let csv = disk.path().join("csv");
    std::fs::create_dir(&csv).unwrap();
    disk.fill_leaving(16 * 1024);
    let events = audit_count(&f.tracker);
    let text = f.tracker.export_json().unwrap();
    assert_disk_full(
        f.tracker
            .deliver_export(&f.ea, "json", &[(target.clone(), text.into_bytes())]),
        "JSON export",
    );
    assert_disk_full(f.tracker.export_csv(&f.ea, &csv), "CSV export");
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "an earlier export"
    );
    assert_eq!(
        std::fs::read_dir(&csv).unwrap().count(),
        0,
        "no CSV file written"
    );
    assert_eq!(audit_count(&f.tracker), events, "no export recorded");
    assert_eq!(disk.working_files(), Vec::<String>::new());
}
