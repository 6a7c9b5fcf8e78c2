//! One window per data file: the instance lock.

use followthrough_core::instance::InstanceLock;
use followthrough_core::ErrorCode;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

/// Set in a child process of this test binary: the data file whose lock the
/// child takes and holds until it is killed.
const HOLD_ENV: &str = "FOLLOWTHROUGH_TEST_HOLD_LOCK";

fn refused(data: &Path) {
    let e = InstanceLock::acquire(data).expect_err("a second lock is refused");
    assert_eq!(e.code(), ErrorCode::AlreadyOpen);
    assert_eq!(
        e.to_string(),
        format!(
            "Followthrough is already open on {} in another window; use that window",
            data.display()
        )
    );
}

#[test]
fn a_second_lock_on_the_same_file_is_refused_until_the_first_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("tracker.sqlite3");
    let first = InstanceLock::acquire(&data).unwrap();
    assert_eq!(
        first.path(),
        dir.path()
            .canonicalize()
            .unwrap()
            .join("tracker.sqlite3.window.lock")
    );
    refused(&data);

    // Another spelling of the same path is the same file.
    let dotted = dir.path().join(".").join("tracker.sqlite3");
    assert_eq!(
        InstanceLock::acquire(&dotted).unwrap_err().code(),
        ErrorCode::AlreadyOpen
    );

    drop(first);
    let again = InstanceLock::acquire(&data).expect("free again after drop");
    assert!(again.path().exists(), "the lock file stays");
}

#[test]
fn a_lock_on_another_data_file_is_independent() {
    let dir = tempfile::tempdir().unwrap();
    let _a = InstanceLock::acquire(&dir.path().join("a.sqlite3")).unwrap();
    let _b = InstanceLock::acquire(&dir.path().join("b.sqlite3")).unwrap();
    refused(&dir.path().join("a.sqlite3"));
}

#[test]
fn a_missing_folder_is_an_io_error_not_already_open() {
    let dir = tempfile::tempdir().unwrap();
    let e = InstanceLock::acquire(&dir.path().join("missing/tracker.sqlite3")).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Io);
}

/// The lock is the operating system's: another process is refused while it
/// holds it, and a process killed outright (SIGKILL on Unix, no destructor
/// runs) leaves no stale lock. The child is this test binary, re-run to
/// execute only this test with `HOLD_ENV` set. A child that matched no test
/// would exit without printing "holding", which fails this test.
#[test]
fn a_lock_held_by_a_killed_process_is_released() {
    if let Some(data) = std::env::var_os(HOLD_ENV) {
        let _held = InstanceLock::acquire(Path::new(&data)).expect("the child takes the lock");
        println!("holding");
        loop {
            std::thread::sleep(std::time::Duration::from_secs(60));
        }
    }

    // The harness names a test by its path inside the test binary's crate:
    // `instance::a_lock_held_by_a_killed_process_is_released`.
    let this_test = concat!(
        module_path!(),
        "::a_lock_held_by_a_killed_process_is_released"
    )
    .split_once("::")
    .unwrap()
    .1;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("tracker.sqlite3");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", this_test, "--nocapture", "--test-threads=1"])
        .env(HOLD_ENV, &data)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let holding = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .any(|line| line.contains("holding"));
    if !holding {
        let _ = child.kill();
        panic!("the child process did not take the lock");
    }

    refused(&data);

    child.kill().unwrap();
    child.wait().unwrap();
    let _mine = InstanceLock::acquire(&data).expect("released when its process died");
}
