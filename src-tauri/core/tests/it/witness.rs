//! The witness: this computer's record of each data file's newest event.

use crate::common::*;
use followthrough_core::witness::Witness;
use followthrough_core::{ErrorCode, FixedClock, Tracker};

fn open_with(
    path: &std::path::Path,
    w: &Witness,
) -> Result<Tracker, followthrough_core::CoreError> {
    Tracker::open(path, Box::new(FixedClock::on(date(TODAY))))?.with_witness(w.clone())
}

#[test]
fn a_restore_in_place_keeps_the_witness_in_step() {
    let mut f = fixture();
    let w = Witness::at(f.dir.path().join("config/witness"));
    let path = f.path();
    drop(f.tracker);
    let mut t = open_with(&path, &w).unwrap();
    f.tracker = t;
    f.owner("Before");
    let good = f.tracker.backup_now(&f.ea).unwrap();
    f.owner("After");
    f.tracker
        .restore(
            &good,
            &f.ea,
            &followthrough_core::progress::Progress::none(),
        )
        .unwrap();
    let head = f.tracker.trail_head().unwrap().unwrap();
    let seen = w.seen(&path).unwrap();
    assert_eq!((seen.event_id, seen.hash), (head.event_id, head.hash));
    drop(f.tracker);
    t = open_with(&path, &w).unwrap();
    t.verify().unwrap();
}

#[test]
fn a_trimmed_trail_is_caught_on_open() {
    let mut f = fixture();
    let w = Witness::at(f.dir.path().join("config/witness"));
    let path = f.path();
    drop(f.tracker);
    f.tracker = open_with(&path, &w).unwrap();
    f.owner("Kept");
    let copy = f.dir.path().join("older.sqlite3");
    f.tracker
        .connection()
        .execute("VACUUM INTO ?1", [copy.to_str().unwrap()])
        .unwrap();
    f.owner("Added later");
    drop(f.tracker);
    // The older copy put in the file's place, outside the program.
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    std::fs::rename(&copy, &path).unwrap();
    let e = open_with(&path, &w).err().unwrap();
    assert_eq!(e.code(), ErrorCode::TrailBehindWitness, "{e}");
    // Without the witness (another computer) it opens; verify passes, as
    // nothing inside the file betrays the cut.
    let mut t = reopen(&path, TODAY);
    t.verify().unwrap();
}
