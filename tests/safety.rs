//! What the command line does with mistakes and odd files, run as a user
//! would run it: outputs that would destroy an input are refused, odd data
//! files are refused without hanging or writing, trackers made by earlier
//! versions open, verify, export and brief, a trail cut short is caught
//! and can be accepted on purpose, and real spreadsheet programs read the
//! CSV export as text.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

/// The program with a preferences folder of its own (so a witness) per
/// `home`.
fn bin(home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_followthrough"));
    c.env_remove("FOLLOWTHROUGH_DB");
    c.env("XDG_DATA_HOME", home.join("data"));
    c.env("XDG_CONFIG_HOME", home.join("config"));
    c.stdin(Stdio::null());
    c
}

/// Runs with a time limit: a command that would block (on a pipe, say)
/// fails the test instead of hanging it.
fn run(home: &Path, args: &[&str]) -> Output {
    let child = bin(home)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(out) => out.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("followthrough {args:?} did not finish");
        }
    }
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn failed(out: &Output) -> String {
    assert!(!out.status.success(), "expected a refusal");
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// What a tracker holds, as the export says it, without the moment of
/// export and the export events themselves.
fn content(home: &Path, db: &str) -> Value {
    let mut v: Value =
        serde_json::from_str(&ok(&run(home, &["export", "--format", "json", "--db", db]))).unwrap();
    let doc = v.as_object_mut().unwrap();
    doc.remove("exported_at");
    doc.remove("trail_head");
    let events = doc["audit"].as_array_mut().unwrap();
    events.retain(|e| e["action"] != "export" && e["action"] != "backup");
    v
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn outputs_never_replace_an_input() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let dir = h.join("work");
    std::fs::create_dir(&dir).unwrap();
    let data = dir.join("tracker.sqlite3");
    let db = s(&data);
    ok(&run(h, &["sample", "--db", &db]));
    let backup_line = String::from_utf8(run(h, &["backup", "--db", &db]).stderr).unwrap();
    let backup = PathBuf::from(
        backup_line
            .trim()
            .strip_prefix("followthrough: backed up to ")
            .unwrap(),
    );
    let other = dir.join("other.sqlite3");
    ok(&run(h, &["create", "--db", &s(&other)]));
    let foreign = dir.join("contacts.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE contact (name TEXT)")
        .unwrap();
    let linked = dir.join("linked-name.sqlite3");
    std::os::unix::fs::symlink(&data, &linked).unwrap();
    let folder = dir.join("a-folder");
    std::fs::create_dir(&folder).unwrap();
    let fifo = dir.join("pipe");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    // A device node of the test's own (never /dev/null: a rename over it
    // would replace the system's).
    let device = dir.join("null-device");
    let made = Command::new("mknod")
        .arg(&device)
        .args(["c", "1", "3"])
        .status()
        .unwrap();
    assert!(
        made.success(),
        "mknod needs root: run the test command as root"
    );

    let before = content(h, &db);
    let refused: Vec<(PathBuf, &str)> = vec![
        (data.clone(), "data file"),
        (dir.join("tracker.sqlite3-wal"), "beside the data file"),
        (dir.join("tracker.sqlite3-shm"), "beside the data file"),
        (dir.join("tracker.sqlite3-journal"), "beside the data file"),
        (dir.join("tracker.sqlite3.lock"), "beside the data file"),
        (
            dir.join("tracker.sqlite3.window.lock"),
            "beside the data file",
        ),
        (backup.clone(), "backups folder"),
        (dir.join("backups").join("new-name.json"), "backups folder"),
        (other.clone(), "a database"),
        (foreign.clone(), "a database"),
        (linked.clone(), "data file"),
        (folder.clone(), "not a regular file"),
        (fifo.clone(), "not a regular file"),
        (device.clone(), "not a regular file"),
    ];
    let bytes_of = |p: &Path| std::fs::read(p).ok();
    for (target, why) in &refused {
        let was = if target.is_file() {
            bytes_of(target)
        } else {
            None
        };
        for args in [
            vec!["export", "--format", "json", "--out"],
            vec!["brief", "--out"],
        ] {
            let mut args: Vec<String> = args.into_iter().map(str::to_owned).collect();
            args.push(s(target));
            args.extend(["--db".to_owned(), db.clone()]);
            let refs: Vec<&str> = args.iter().map(String::as_str).collect();
            let err = failed(&run(h, &refs));
            assert!(err.contains("nothing was written"), "{args:?}: {err}");
            assert!(err.contains(why), "{args:?} says why ({why}): {err}");
            assert!(!err.contains("wrote"), "{args:?}: {err}");
        }
        if target.is_file() {
            assert_eq!(bytes_of(target), was, "{} unchanged", target.display());
        }
    }
    assert!(std::fs::metadata(&device)
        .unwrap()
        .file_type()
        .is_char_device_like());
    // A CSV export into the backups folder is refused as a whole.
    let err = failed(&run(
        h,
        &[
            "export",
            "--format",
            "csv",
            "--out",
            &s(&dir.join("backups")),
            "--db",
            &db,
        ],
    ));
    assert!(err.contains("backups folder"), "{err}");
    assert_eq!(content(h, &db), before, "the tracker is as it was");
    ok(&run(h, &["verify", "--db", &db]));

    // A symbolic link to an ordinary file is written through: the link
    // stays, the file it points to gets the export.
    let real = dir.join("real-export.json");
    std::fs::write(&real, "old").unwrap();
    let link = dir.join("export-link.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    ok(&run(
        h,
        &[
            "export",
            "--format",
            "json",
            "--out",
            &s(&link),
            "--db",
            &db,
        ],
    ));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let v: Value = serde_json::from_slice(&std::fs::read(&real).unwrap()).unwrap();
    assert_eq!(v["format"], "followthrough-export");
}

/// `is_char_device` without pulling in the Unix extension trait at every
/// call site.
trait CharDevice {
    fn is_char_device_like(&self) -> bool;
}

impl CharDevice for std::fs::FileType {
    fn is_char_device_like(&self) -> bool {
        use std::os::unix::fs::FileTypeExt;
        self.is_char_device()
    }
}

#[test]
fn odd_data_files_are_refused_at_once_and_left_as_they_were() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let dir = h.join("work");
    std::fs::create_dir(&dir).unwrap();
    let empty = dir.join("empty.sqlite3");
    std::fs::write(&empty, "").unwrap();
    let fifo = dir.join("pipe.sqlite3");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let text = dir.join("notes.txt");
    std::fs::write(&text, "not a database\n".repeat(20)).unwrap();
    let missing = dir.join("missing.sqlite3");
    let cases: [(&Path, &str); 5] = [
        (&empty, "empty"),
        (&fifo, "not a regular file"),
        (&text, "not a SQLite database"),
        (&missing, "there is no tracker"),
        (Path::new("/dev/null"), "not a regular file"),
    ];
    let listing = || {
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let before = listing();
    for (path, says) in cases {
        for command in [
            vec!["status"],
            vec!["verify"],
            vec!["backup"],
            vec!["export", "--format", "json"],
        ] {
            let mut args = command.clone();
            let db = s(path);
            args.extend(["--db", &db]);
            let err = failed(&run(h, &args));
            assert!(err.contains(says), "{args:?}: {err}");
        }
    }
    assert_eq!(listing(), before, "nothing created beside them");
    assert_eq!(std::fs::read(&empty).unwrap(), b"");
    assert!(!Path::new("/dev/null-journal").exists());
}

/// The fixture trackers, one per data version, made by earlier programs.
fn fixtures() -> Vec<(i64, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/core/tests/fixtures/trackers");
    let mut all: Vec<(i64, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            let name = p.file_name()?.to_str()?.to_owned();
            let v: i64 = name
                .strip_prefix('v')?
                .strip_suffix(".sqlite3")?
                .parse()
                .ok()?;
            Some((v, p))
        })
        .collect();
    all.sort();
    all
}

#[test]
fn trackers_made_by_earlier_versions_open_verify_export_and_brief() {
    let found = fixtures();
    assert!(found.len() >= 6, "a fixture per data version");
    for (v, fixture) in found {
        let home = tempfile::tempdir().unwrap();
        let h = home.path();
        let data = h.join("tracker.sqlite3");
        std::fs::copy(&fixture, &data).unwrap();
        let db = s(&data);
        ok(&run(h, &["verify", "--db", &db]));
        let doc: Value =
            serde_json::from_str(&ok(&run(h, &["export", "--format", "json", "--db", &db])))
                .unwrap();
        let signed = doc["periods"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["state"] == "signed_off")
            .unwrap()["label"]
            .as_str()
            .unwrap()
            .to_owned();
        let pdf = h.join("briefing.pdf");
        let said = run(
            h,
            &["brief", "--period", &signed, "--out", &s(&pdf), "--db", &db],
        );
        ok(&said);
        assert!(
            !String::from_utf8_lossy(&said.stderr).contains("DRAFT"),
            "v{v}: from the frozen snapshot"
        );
        let text = Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(
            text.contains(&signed),
            "v{v}: the briefing names its period"
        );
        assert!(
            text.contains("Audit trail"),
            "v{v}: and its place in the trail"
        );
        let status = ok(&run(h, &["status", "--db", &db]));
        assert!(status.contains("Reporting period"), "v{v}: {status}");
    }
}

#[test]
fn a_trail_cut_short_is_caught_and_can_be_kept_on_purpose() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let data = h.join("tracker.sqlite3");
    let db = s(&data);
    ok(&run(h, &["sample", "--db", &db]));
    ok(&run(h, &["verify", "--db", &db]));
    // An older copy, then more work, then the older copy put back by hand.
    let older = h.join("older.sqlite3");
    std::fs::copy(&data, &older).unwrap();
    ok(&run(h, &["backup", "--db", &db]));
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{db}{suffix}"));
    }
    std::fs::rename(&older, &data).unwrap();
    let err = failed(&run(h, &["status", "--db", &db]));
    assert!(err.contains("no longer holds event"), "{err}");
    assert!(err.contains("followthrough trust"), "{err}");
    assert!(err.contains("followthrough restore"), "{err}");
    let said = run(h, &["trust", "--db", &db]);
    ok(&said);
    assert!(String::from_utf8_lossy(&said.stderr).contains("recorded"));
    ok(&run(h, &["verify", "--db", &db]));
    let doc: Value =
        serde_json::from_str(&ok(&run(h, &["export", "--format", "json", "--db", &db]))).unwrap();
    assert!(doc["audit"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "trust_file"));
}

#[test]
fn spreadsheet_programs_read_every_cell_of_the_csv_export_as_text() {
    for tool in ["ssconvert", "soffice"] {
        let found = Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .stdout(Stdio::null())
            .status()
            .unwrap()
            .success();
        assert!(
            found,
            "{tool} is needed to open the CSV export as a spreadsheet user would (scripts/setup-debian.sh installs it)"
        );
    }
    use followthrough_core::evidence::NewEvidence;
    use followthrough_core::owners::OwnerInput;
    use followthrough_core::{Actor, SystemClock, Tracker};
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let data = h.join("tracker.sqlite3");
    let catalogue: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("src-tauri/core/tests/fixtures/hostile-strings.json"),
        )
        .unwrap(),
    )
    .unwrap();
    {
        let mut t = Tracker::create(&data, Box::new(SystemClock)).unwrap();
        let ea = Actor::new("Executive Assistant").unwrap();
        for (i, item) in catalogue.iter().enumerate() {
            let text = item["text"].as_str().unwrap();
            let _ = t.add_owner(
                &ea,
                &OwnerInput {
                    name: text.to_owned(),
                    title: text.to_owned(),
                    ..Default::default()
                },
            );
            let _ = t.add_evidence(
                &ea,
                &NewEvidence {
                    recommendation_id: (i % 8) as i64 + 1,
                    kind: "progress".into(),
                    text: text.to_owned(),
                    source_ref: text.to_owned(),
                    ..Default::default()
                },
            );
        }
    }
    let out = h.join("csv");
    ok(&run(
        h,
        &[
            "export",
            "--format",
            "csv",
            "--out",
            &s(&out),
            "--db",
            &s(&data),
        ],
    ));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/spreadsheets/check_csv.py");
    let checked = Command::new("python3")
        .arg(&script)
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        checked.status.success(),
        "a spreadsheet program took a cell for something other than text:\n{}{}",
        String::from_utf8_lossy(&checked.stdout),
        String::from_utf8_lossy(&checked.stderr)
    );
}
