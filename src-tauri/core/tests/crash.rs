//! Crash safety: a writer process is killed with SIGKILL at random moments,
//! and after every kill the data file must be sound and hold every write the
//! writer acknowledged.
//!
//! This program is both sides. Run normally, it is the harness: it starts
//! itself again with `--child MODE PATH` and kills that child. The child
//! performs acknowledged work: it prints a line for a write only after the
//! write's commit has returned, so every printed line is a promise the file
//! must keep.
//!
//! Four kinds of work are killed: ordinary writes (each a whole use case
//! with its audit event), backups, imports and a schema migration. After
//! every kill the harness checks `PRAGMA integrity_check`, that every
//! acknowledged write is present, that no use case is half visible (every
//! record has its audit event and the reverse, every moved milestone's date
//! matches its revisions), that the audit chain verifies, and that the
//! tracker opens normally.
//!
//! It also runs two writer processes on one data file at the same time (as
//! the app and the command line may): neither loses a write. Whole-content
//! replacements are killed too (restores, and imports that replace a
//! tracker), and raced against short-lived writers such as command-line
//! calls: no acknowledged write is lost (it is in the tracker, or in the
//! copy the replacement kept), and no file is left malformed. Two backups
//! started at once both finish. Each fixture tracker made by an earlier
//! version is migrated under kills.
//!
//! `FOLLOWTHROUGH_CRASH_KILLS` sets the number of kills of the writer (200
//! by default, as CI runs it; the other kinds get a fifth each), and
//! `FOLLOWTHROUGH_CRASH_SEED` replays a run.

#[cfg(unix)]
#[path = "it/common/mod.rs"]
mod common;

#[cfg(unix)]
fn main() {
    harness::main();
}

#[cfg(not(unix))]
fn main() {
    eprintln!("the crash harness needs SIGKILL, a Unix signal; nothing to run here");
}

#[cfg(unix)]
mod harness {
    use super::common::*;
    use followthrough_core::backup;
    use followthrough_core::db::migrate;
    use followthrough_core::evidence::NewEvidence;
    use followthrough_core::export::json::ExportDocument;
    use followthrough_core::milestones::NewMilestone;
    use followthrough_core::Operator;
    use followthrough_core::{audit, import, Actor, FixedClock, SystemClock, Tracker};
    use rusqlite::{Connection, OpenFlags};
    use std::io::{BufRead, BufReader, Write};
    use std::path::{Path, PathBuf};
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    pub fn main() {
        let args: Vec<String> = std::env::args().collect();
        if let Some(i) = args.iter().position(|a| a == "--child") {
            child(&args[i + 1], Path::new(&args[i + 2]));
            return;
        }
        let kills: u32 = env_number("FOLLOWTHROUGH_CRASH_KILLS").unwrap_or(200);
        let seed = env_number("FOLLOWTHROUGH_CRASH_SEED").unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
        println!("crash harness: seed {seed} (set FOLLOWTHROUGH_CRASH_SEED={seed} to replay)");
        let mut rng = Rng(seed);
        let started = Instant::now();
        let fifth = (kills / 5).max(1);
        concurrent_writers();
        writes(kills, &mut rng);
        backups(fifth, &mut rng);
        imports(fifth, &mut rng);
        migrations(fifth, &mut rng);
        old_versions_migrated_under_kills(fifth, &mut rng);
        replacements_killed("restore", fifth, &mut rng);
        replacements_killed("import-replace", fifth, &mut rng);
        concurrent_backups(env_number("FOLLOWTHROUGH_BACKUP_PAIRS").unwrap_or(50));
        replacements_raced(
            "restore",
            env_number("FOLLOWTHROUGH_RACE_ROUNDS").unwrap_or(200),
        );
        replacements_raced(
            "import-replace",
            env_number("FOLLOWTHROUGH_RACE_ROUNDS")
                .map(|n: u32| n * 3 / 4)
                .unwrap_or(150),
        );
        println!(
            "crash harness: ok ({kills} kills of the writer and {} each of backup, import and migration, in {:.1?})",
            (kills / 5).max(1),
            started.elapsed()
        );
    }

    fn env_number<T: std::str::FromStr>(name: &str) -> Option<T> {
        std::env::var(name).ok().and_then(|v| v.parse().ok())
    }

    /// xorshift64*: enough randomness for kill times, and replayable.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1)
        }
    }

    /// Starts a child doing `mode` on `path`, kills it after a random delay
    /// of up to `window`, and returns the lines it acknowledged.
    fn run_and_kill(mode: &str, path: &Path, window: Duration, rng: &mut Rng) -> Vec<String> {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--child", mode, &path.display().to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the child");
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut lines = Vec::new();
            let mut r = BufReader::new(stdout);
            let mut buf = Vec::new();
            while r.read_until(b'\n', &mut buf).unwrap_or(0) > 0 {
                // A line cut by the kill was never a complete promise.
                if buf.ends_with(b"\n") {
                    lines.push(String::from_utf8_lossy(&buf).trim_end().to_owned());
                }
                buf.clear();
            }
            lines
        });
        let delay = rng.below(window.as_micros() as u64);
        std::thread::sleep(Duration::from_micros(delay));
        child.kill().expect("SIGKILL the child");
        child.wait().unwrap();
        reader.join().unwrap()
    }

    // ----- the child side -----

    fn child(mode: &str, path: &Path) {
        let mut out = std::io::stdout().lock();
        let mut ack = |line: String| {
            out.write_all(line.as_bytes()).unwrap();
            out.write_all(b"\n").unwrap();
            out.flush().unwrap();
        };
        let actor = Actor::new("Crash Writer").unwrap();
        match mode {
            "writes" => {
                let mut t = Tracker::open_or_create(path, Box::new(SystemClock)).unwrap();
                let mut last_milestone = None;
                for i in 0u64.. {
                    match i % 3 {
                        0 => {
                            let e = t
                                .add_evidence(
                                    &actor,
                                    &NewEvidence {
                                        recommendation_id: (i % 8) as i64 + 1,
                                        kind: "progress".into(),
                                        text: format!("acknowledged note {i}"),
                                        ..Default::default()
                                    },
                                )
                                .unwrap();
                            ack(format!("evidence {} {i}", e.id));
                        }
                        1 => {
                            let m = t
                                .add_milestone(
                                    &actor,
                                    &NewMilestone {
                                        recommendation_id: (i % 8) as i64 + 1,
                                        title: format!("acknowledged milestone {i}"),
                                        owner_id: None,
                                        due: "2027-01-01".into(),
                                    },
                                )
                                .unwrap();
                            last_milestone = Some(m.id);
                            ack(format!("milestone {} {i}", m.id));
                        }
                        _ => {
                            let m = last_milestone.unwrap();
                            let due = date("2027-01-01") + chrono::Days::new(i);
                            t.move_milestone(&actor, m, &due.to_string(), &format!("move {i}"))
                                .unwrap();
                            ack(format!("move {m} {due}"));
                        }
                    }
                }
            }
            "notes" => {
                // Two of these run at once: the busy timeout and IMMEDIATE
                // transactions make them take turns.
                let mut t = Tracker::open(path, Box::new(SystemClock)).unwrap();
                let tag = std::process::id();
                // Start together: wait for the harness's go-ahead.
                ack("ready".into());
                while !path.with_extension("go").exists() {
                    std::thread::sleep(Duration::from_millis(1));
                }
                for i in 0..CONCURRENT_NOTES {
                    let e = t
                        .add_evidence(
                            &actor,
                            &NewEvidence {
                                recommendation_id: i % 8 + 1,
                                kind: "progress".into(),
                                text: format!("concurrent {tag} {i}"),
                                ..Default::default()
                            },
                        )
                        .unwrap();
                    ack(format!("{tag} {}", e.id));
                    // A person or a script pauses between saves; without a
                    // pause, one writer would hold the lock back to back
                    // and the two would merely take turns in bulk.
                    std::thread::sleep(Duration::from_millis(1));
                }
            }
            "backup" => {
                let mut t = Tracker::open(path, Box::new(SystemClock)).unwrap();
                loop {
                    let b = t.backup_now(&actor).unwrap();
                    ack(format!("backup {}", b.display()));
                }
            }
            "import" => {
                let source = path.with_extension("json");
                let bytes = std::fs::read(&source).unwrap();
                import::import(
                    path,
                    "crash.json",
                    &bytes,
                    false,
                    Box::new(SystemClock),
                    Operator {
                        actor: &actor,
                        machine: "crash-machine",
                        witness: None,
                    },
                )
                .unwrap();
                ack("imported".into());
            }
            "migrate" => {
                Tracker::open(path, Box::new(SystemClock)).unwrap();
                ack("migrated".into());
            }
            "restore" => {
                // The backup to restore waits beside the data file.
                let from = path.with_extension("backup");
                let mut t = Tracker::open(path, Box::new(SystemClock)).unwrap();
                match t.restore(
                    &from,
                    &actor,
                    &followthrough_core::progress::Progress::none(),
                ) {
                    Ok(kept) => ack(format!("restored {}", kept.unwrap().display())),
                    Err(e) if e.code() == followthrough_core::ErrorCode::Busy => ack("busy".into()),
                    Err(e) => panic!("restore: {e}"),
                }
            }
            "import-replace" => {
                let source = path.with_extension("json");
                let bytes = std::fs::read(&source).unwrap();
                let done = import::import(
                    path,
                    "crash.json",
                    &bytes,
                    true,
                    Box::new(SystemClock),
                    followthrough_core::Operator {
                        actor: &actor,
                        machine: "crash-machine",
                        witness: None,
                    },
                );
                match done {
                    Ok(done) => ack(format!(
                        "restored {}",
                        done.previous_kept_as.unwrap().display()
                    )),
                    Err(e) if e.code() == followthrough_core::ErrorCode::Busy => ack("busy".into()),
                    Err(e) => panic!("import: {e}"),
                }
            }
            "one-note" => {
                // A command-line call: open, write one note, end.
                let tag = std::env::var("FOLLOWTHROUGH_NOTE").unwrap();
                let mut t = Tracker::open(path, Box::new(SystemClock)).unwrap();
                t.add_evidence(
                    &actor,
                    &NewEvidence {
                        recommendation_id: 1,
                        kind: "progress".into(),
                        text: format!("raced note {tag}"),
                        ..Default::default()
                    },
                )
                .unwrap();
                ack(format!("note {tag}"));
            }
            "backup-once" => {
                let mut t = Tracker::open(path, Box::new(SystemClock)).unwrap();
                let b = t.backup_now(&actor).unwrap();
                ack(format!("backup {}", b.display()));
            }
            other => panic!("unknown child mode {other}"),
        }
    }

    // ----- the checks -----

    /// SQLite's own check, on a read-only connection, before anything
    /// opens the file for writing (which would recover the log first).
    fn integrity_ok(path: &Path) {
        let c = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        let rows: Vec<String> = c
            .prepare("PRAGMA integrity_check")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(rows, ["ok"], "integrity of {}", path.display());
    }

    fn count(c: &Connection, sql: &str) -> i64 {
        c.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// No use case is half visible: each record has exactly the event that
    /// created it, and each milestone's date is where its revisions left it.
    fn whole_use_cases(t: &Tracker) {
        let c = t.connection();
        let pairs = [
            ("evidence", "add_evidence"),
            ("milestone", "add_milestone"),
            ("milestone_revision", "move_milestone"),
        ];
        for (table, action) in pairs {
            let rows = count(c, &format!("SELECT count(*) FROM {table}"));
            let events = count(
                c,
                &format!("SELECT count(*) FROM audit_event WHERE action = '{action}'"),
            );
            assert_eq!(rows, events, "{table} rows and their {action} events");
        }
        let mismatched = count(
            c,
            "SELECT count(*) FROM milestone m
             WHERE current_due != coalesce(
                 (SELECT new_due FROM milestone_revision r WHERE r.milestone_id = m.id
                  ORDER BY r.id DESC LIMIT 1),
                 baseline_due)",
        );
        assert_eq!(
            mismatched, 0,
            "milestones whose date disagrees with its revisions"
        );
        assert_eq!(audit::verify_chain(c).unwrap(), None, "the audit chain");
    }

    /// What the file holds, as the acknowledgement lines would name it.
    struct Present(std::collections::HashSet<String>);

    impl Present {
        fn read(c: &Connection) -> Self {
            let mut all = std::collections::HashSet::new();
            let queries = [
                "SELECT 'evidence ' || id || ' ' || substr(text, 19) FROM evidence
                 WHERE text LIKE 'acknowledged note %'",
                "SELECT 'milestone ' || id || ' ' || substr(title, 24) FROM milestone
                 WHERE title LIKE 'acknowledged milestone %'",
                "SELECT 'move ' || milestone_id || ' ' || new_due FROM milestone_revision",
            ];
            for sql in queries {
                let mut stmt = c.prepare(sql).unwrap();
                let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
                all.extend(rows.map(Result::unwrap));
            }
            Present(all)
        }

        fn holds(&self, line: &str) -> bool {
            self.0.contains(line)
        }
    }

    const CONCURRENT_NOTES: i64 = 300;

    fn concurrent_writers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tracker.sqlite3");
        drop(Tracker::create(&path, Box::new(SystemClock)).unwrap());
        let spawn = || {
            Command::new(std::env::current_exe().unwrap())
                .args(["--child", "notes", &path.display().to_string()])
                .stdout(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let mut children = [spawn(), spawn()];
        let mut readers: Vec<_> = children
            .iter_mut()
            .map(|c| BufReader::new(c.stdout.take().unwrap()))
            .collect();
        for r in &mut readers {
            let mut line = String::new();
            r.read_line(&mut line).unwrap();
            assert_eq!(line.trim_end(), "ready");
        }
        std::fs::write(path.with_extension("go"), "").unwrap();
        let mut acked = Vec::new();
        for (child, r) in children.iter_mut().zip(readers) {
            acked.extend(r.lines().map(Result::unwrap));
            assert!(
                child.wait().unwrap().success(),
                "a concurrent writer failed"
            );
        }
        assert_eq!(acked.len() as i64, 2 * CONCURRENT_NOTES);
        integrity_ok(&path);
        let t = Tracker::open(&path, Box::new(SystemClock)).unwrap();
        whole_use_cases(&t);
        let c = t.connection();
        for line in &acked {
            let (tag, id) = line.split_once(' ').unwrap();
            let found = count(
                c,
                &format!("SELECT count(*) FROM evidence WHERE id = {id} AND text LIKE 'concurrent {tag} %'"),
            );
            assert_eq!(found, 1, "a concurrent write was lost: {line}");
        }
        assert_eq!(
            count(c, "SELECT count(*) FROM evidence"),
            2 * CONCURRENT_NOTES
        );
        // The two really wrote at the same time: their notes interleave.
        let writers: Vec<String> = c
            .prepare("SELECT text FROM evidence ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .map(|t| t.unwrap().split(' ').nth(1).unwrap().to_owned())
            .collect();
        let switches = writers.windows(2).filter(|w| w[0] != w[1]).count();
        assert!(
            switches > 1,
            "the writers did not overlap ({switches} switches)"
        );
        println!(
            "crash harness: two processes wrote {} notes at once ({switches} hand-overs between them), none lost",
            2 * CONCURRENT_NOTES
        );
    }

    fn writes(kills: u32, rng: &mut Rng) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tracker.sqlite3");
        let mut promised: Vec<String> = Vec::new();
        for _ in 0..kills {
            promised.extend(run_and_kill(
                "writes",
                &path,
                Duration::from_millis(150),
                rng,
            ));
            if !path.exists() {
                continue; // killed before the file was created
            }
            integrity_ok(&path);
            let mut t = Tracker::open(&path, Box::new(SystemClock)).unwrap();
            t.dashboard().expect("the app's first screen loads");
            whole_use_cases(&t);
            let present = Present::read(t.connection());
            for line in &promised {
                assert!(present.holds(line), "acknowledged write lost: {line}");
            }
        }
        assert!(
            promised.len() as u32 > kills,
            "the writer acknowledged only {} writes in {kills} runs: the harness did not exercise it",
            promised.len()
        );
        println!(
            "crash harness: {kills} kills of the writer, {} acknowledged writes all kept",
            promised.len()
        );
    }

    fn backups(kills: u32, rng: &mut Rng) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tracker.sqlite3");
        let mut f = Tracker::create(&path, Box::new(SystemClock)).unwrap();
        for i in 0..200 {
            f.add_evidence(
                &Actor::new("Writer").unwrap(),
                &NewEvidence {
                    recommendation_id: i % 8 + 1,
                    kind: "progress".into(),
                    text: format!("note {i} {}", "x".repeat(500)),
                    ..Default::default()
                },
            )
            .unwrap();
        }
        drop(f);
        let mut promised = Vec::new();
        for _ in 0..kills {
            promised.extend(run_and_kill(
                "backup",
                &path,
                Duration::from_millis(120),
                rng,
            ));
            integrity_ok(&path);
            let mut t = Tracker::open(&path, Box::new(SystemClock)).unwrap();
            t.verify().unwrap();
            // Whatever carries a backup's name is a complete, checked copy.
            for b in backup::list(&path).unwrap() {
                backup::check(&b.path).unwrap();
            }
            for line in &promised {
                let file = PathBuf::from(line.strip_prefix("backup ").unwrap());
                let kept = backup::list(&path).unwrap().iter().any(|b| b.path == file);
                // Rotation may have removed an old one; any kept is sound.
                if kept {
                    backup::check(&file).unwrap();
                }
            }
        }
        assert!(
            kills < 10 || !promised.is_empty(),
            "no backup finished in {kills} runs: the harness did not exercise it"
        );
        println!("crash harness: {kills} kills during backups, every named backup sound");
    }

    fn imports(kills: u32, rng: &mut Rng) {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("source.sqlite3");
        let text = sample_export(&source);
        let target = dir.path().join("target.sqlite3");
        std::fs::write(target.with_extension("json"), &text).unwrap();
        let mut completed = 0;
        for _ in 0..kills {
            let acked = run_and_kill("import", &target, Duration::from_millis(40), rng);
            if target.exists() {
                // All or nothing: a file in place is the whole export.
                integrity_ok(&target);
                let mut t = Tracker::open(&target, Box::new(SystemClock)).unwrap();
                t.verify().unwrap();
                let mut doc: ExportDocument =
                    serde_json::from_str(&t.export_json().unwrap()).unwrap();
                let original: ExportDocument = serde_json::from_str(&text).unwrap();
                assert_eq!(doc.audit.pop().unwrap().action, "import");
                assert_eq!(doc.evidence, original.evidence);
                assert_eq!(doc.audit, original.audit);
                completed += 1;
                drop(t);
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
                }
            } else {
                assert!(acked.is_empty(), "an acknowledged import is missing");
            }
        }
        // A working file left by a kill never blocks the next import.
        let done = import::import(
            &target,
            "crash.json",
            text.as_bytes(),
            false,
            Box::new(SystemClock),
            Operator {
                actor: &Actor::new("Importer").unwrap(),
                machine: "m",
                witness: None,
            },
        );
        assert!(done.is_ok(), "an import after the kills: {:?}", done.err());
        println!("crash harness: {kills} kills during imports ({completed} finished), never a partial file");
    }

    /// How many notes a tracker holds.
    fn notes(path: &Path) -> i64 {
        let c = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        count(&c, "SELECT count(*) FROM evidence")
    }

    /// A tracker of 300 notes with a backup of it, then 60 notes more: a
    /// replacement gives the tracker back its 300 notes.
    fn before_and_after(dir: &Path) -> (PathBuf, i64, i64) {
        let path = dir.join("tracker.sqlite3");
        let mut t = Tracker::create(&path, Box::new(SystemClock)).unwrap();
        let writer = Actor::new("Writer").unwrap();
        let note = |t: &mut Tracker, i: i64| {
            t.add_evidence(
                &writer,
                &NewEvidence {
                    recommendation_id: i % 8 + 1,
                    kind: "progress".into(),
                    text: format!("note {i} {}", "x".repeat(300)),
                    ..Default::default()
                },
            )
            .unwrap();
        };
        for i in 0..300 {
            note(&mut t, i);
        }
        let b = t.backup_now(&writer).unwrap();
        std::fs::copy(&b, path.with_extension("backup")).unwrap();
        std::fs::write(path.with_extension("json"), t.export_json().unwrap()).unwrap();
        for i in 300..360 {
            note(&mut t, i);
        }
        (path, 300, 360)
    }

    /// Restores (or imports with --replace) killed at random moments: the
    /// tracker is always the old content or the new, whole, openable and
    /// verified; an acknowledged replacement always took effect.
    fn replacements_killed(mode: &str, kills: u32, rng: &mut Rng) {
        let dir = tempfile::tempdir().unwrap();
        let (path, replaced_count, _) = before_and_after(dir.path());
        // Kills fall anywhere in a whole run: time one first.
        let timed = Instant::now();
        let out = Command::new(std::env::current_exe().unwrap())
            .args(["--child", mode, &path.display().to_string()])
            .output()
            .unwrap();
        assert!(out.status.success(), "an uninterrupted {mode}");
        let window = timed.elapsed() + Duration::from_millis(5);
        refill(&path);
        let mut finished = 0;
        for _ in 0..kills {
            let before = notes(&path);
            let acked = run_and_kill(mode, &path, window, rng);
            integrity_ok(&path);
            let mut t = Tracker::open(&path, Box::new(SystemClock))
                .unwrap_or_else(|e| panic!("{mode} killed: the tracker opens: {e}"));
            t.verify().unwrap();
            whole_use_cases(&t);
            let now = notes(&path);
            assert!(
                now == before || now == replaced_count,
                "{mode} killed: old or new content ({before} or {replaced_count} notes), found {now}"
            );
            if acked.iter().any(|l| l.starts_with("restored")) {
                finished += 1;
                assert_eq!(now, replaced_count, "{mode} acknowledged: it took effect");
            }
            if now == replaced_count && now != before {
                let newest = &t.audit_trail(&Default::default()).unwrap()[0];
                assert!(
                    ["restore", "import"].contains(&newest.action.as_str()),
                    "{mode}: the replacement is recorded ({})",
                    newest.action
                );
            }
            drop(t);
            refill(&path);
        }
        println!("crash harness: {kills} kills during {mode} ({finished} finished, within {window:.0?}), always the old or the new content, whole");
    }

    /// Back to the longer content for the next round, through the program.
    fn refill(path: &Path) {
        let mut t = Tracker::open(path, Box::new(SystemClock)).unwrap();
        let writer = Actor::new("Writer").unwrap();
        while notes(path) < 360 {
            t.add_evidence(
                &writer,
                &NewEvidence {
                    recommendation_id: 1,
                    kind: "progress".into(),
                    text: "again".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        }
    }

    /// A replacement raced against short-lived writers, round after round:
    /// every acknowledged note is in the tracker or in the copy the
    /// replacement kept of what it replaced.
    fn replacements_raced(mode: &str, rounds: u32) {
        let dir = tempfile::tempdir().unwrap();
        let (path, _, _) = before_and_after(dir.path());
        let exe = std::env::current_exe().unwrap();
        let mut acked_notes: Vec<String> = Vec::new();
        // What each replacement kept, read at once: rotation may remove a
        // kept copy rounds later, as it removes any old backup.
        let mut everywhere = std::collections::HashSet::new();
        let mut replaced = 0;
        let mut busy = 0;
        let started = Instant::now();
        let held = |file: &Path| -> std::collections::HashSet<String> {
            let c = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
            let tags = c
                .prepare("SELECT substr(text, 12) FROM evidence WHERE text LIKE 'raced note %'")
                .unwrap()
                .query_map([], |r| r.get::<_, String>(0))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            tags
        };
        for round in 0..rounds {
            let writers: Vec<_> = (0..2)
                .map(|w| {
                    let exe = exe.clone();
                    let path = path.clone();
                    std::thread::spawn(move || {
                        let mut acks = Vec::new();
                        for i in 0..3 {
                            let out = Command::new(&exe)
                                .args(["--child", "one-note", &path.display().to_string()])
                                .env("FOLLOWTHROUGH_NOTE", format!("{round}-{w}-{i}"))
                                .stderr(Stdio::null())
                                .output()
                                .unwrap();
                            assert!(out.status.success(), "a writer failed");
                            acks.extend(
                                String::from_utf8(out.stdout)
                                    .unwrap()
                                    .lines()
                                    .map(str::to_owned),
                            );
                        }
                        acks
                    })
                })
                .collect();
            std::thread::sleep(Duration::from_millis(u64::from(round % 7) * 3));
            let out = Command::new(&exe)
                .args(["--child", mode, &path.display().to_string()])
                .stderr(Stdio::null())
                .output()
                .unwrap();
            assert!(out.status.success(), "the {mode} failed");
            let said = String::from_utf8(out.stdout).unwrap();
            match said.trim().strip_prefix("restored ") {
                Some(kept) => {
                    let kept = PathBuf::from(kept);
                    backup::check(&kept).unwrap();
                    everywhere.extend(held(&kept));
                    replaced += 1;
                }
                None => {
                    assert_eq!(said.trim(), "busy");
                    busy += 1;
                }
            }
            for w in writers {
                acked_notes.extend(w.join().unwrap());
            }
            integrity_ok(&path);
        }
        let mut t = Tracker::open(&path, Box::new(SystemClock)).unwrap();
        t.verify().unwrap();
        everywhere.extend(held(&path));
        for b in backup::list(&path).unwrap() {
            backup::check(&b.path).unwrap();
        }
        for line in &acked_notes {
            let tag = line.strip_prefix("note ").unwrap();
            assert!(
                everywhere.contains(tag),
                "{mode}: an acknowledged note was lost: {tag}"
            );
        }
        assert!(
            replaced > rounds / 2,
            "most {mode}s ran ({busy} found the file busy)"
        );
        println!(
            "crash harness: {rounds} {mode}s raced against {} acknowledged writes ({busy} refused as busy), none lost, in {:.1?}",
            acked_notes.len(),
            started.elapsed()
        );
    }

    /// Two backups started at the same moment both finish, under names of
    /// their own, and every named backup is whole.
    fn concurrent_backups(pairs: u32) {
        let dir = tempfile::tempdir().unwrap();
        let (path, _, _) = before_and_after(dir.path());
        let exe = std::env::current_exe().unwrap();
        for _ in 0..pairs {
            let mut names = std::collections::HashSet::new();
            let children: Vec<_> = (0..2)
                .map(|_| {
                    Command::new(&exe)
                        .args(["--child", "backup-once", &path.display().to_string()])
                        .stdout(Stdio::piped())
                        .stderr(Stdio::piped())
                        .spawn()
                        .unwrap()
                })
                .collect();
            for c in children {
                let out = c.wait_with_output().unwrap();
                assert!(
                    out.status.success(),
                    "a backup run beside another failed: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                let line = String::from_utf8(out.stdout).unwrap();
                let file = line.trim().strip_prefix("backup ").unwrap().to_owned();
                assert!(names.insert(file), "two backups took one name");
            }
        }
        for b in backup::list(&path).unwrap() {
            backup::check(&b.path).unwrap();
        }
        let leftovers: Vec<_> = std::fs::read_dir(backup::backups_dir(&path))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(leftovers.is_empty(), "working files left: {leftovers:?}");
        println!("crash harness: {pairs} pairs of backups run at once, all finished under names of their own");
    }

    /// The fixture tracker of every earlier data version, migrated under
    /// kills: always a whole version, and it opens and verifies with all
    /// its notes.
    fn old_versions_migrated_under_kills(kills: u32, rng: &mut Rng) {
        let latest = migrate::latest_version();
        for v in 1..latest {
            let (dir, template, _) = old_tracker(v);
            let expected = notes(&template);
            let path = dir.path().join("killed.sqlite3");
            for _ in 0..kills / 4 + 1 {
                for suffix in ["", "-wal", "-shm", "-journal"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
                std::fs::copy(&template, &path).unwrap();
                run_and_kill("migrate", &path, Duration::from_millis(150), rng);
                integrity_ok(&path);
                let found = {
                    let c = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY)
                        .unwrap();
                    migrate::version(&c).unwrap()
                };
                assert!(
                    (v..=latest).contains(&found),
                    "v{v}: a whole version, found {found}"
                );
                let mut t = Tracker::open(&path, Box::new(SystemClock)).unwrap();
                t.verify().unwrap();
                assert_eq!(notes(&path), expected, "v{v}: every note kept");
            }
        }
        println!("crash harness: the trackers of data versions 1..{latest} migrated under kills, every one whole");
    }

    fn sample_export(path: &Path) -> String {
        let mut t = followthrough_core::sample::create(path, Box::new(FixedClock::on(date(TODAY))))
            .unwrap();
        t.export_json().unwrap()
    }

    /// A tracker at schema version 1 with a long audit trail, so that the
    /// migration to version 2 (which seals every event) takes a while.
    fn version_one_file(path: &Path) -> i64 {
        let mut c = Connection::open(path).unwrap();
        c.pragma_update(None, "journal_mode", "WAL").unwrap();
        migrate::run_to(&mut c, 1).unwrap();
        let tx = c.transaction().unwrap();
        for i in 0..20_000 {
            tx.execute(
                "INSERT INTO audit_event (at, actor, action, entity_kind, entity_id, after_json)
                 VALUES ('2026-01-01T00:00:00.000Z', 'Old Writer', 'add_owner', 'owner', ?1, '{\"n\":1}')",
                [i],
            )
            .unwrap();
        }
        tx.commit().unwrap();
        20_000
    }

    fn migrations(kills: u32, rng: &mut Rng) {
        let dir = tempfile::tempdir().unwrap();
        let template = dir.path().join("template.sqlite3");
        let events = version_one_file(&template);
        // Fold the log into the file so that one copy is the whole tracker.
        Connection::open(&template).unwrap().close().unwrap();
        let path = dir.path().join("tracker.sqlite3");
        let latest = migrate::latest_version();
        let mut seen = vec![0; latest as usize + 1];
        for _ in 0..kills {
            for suffix in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
            std::fs::copy(&template, &path).unwrap();
            run_and_kill("migrate", &path, Duration::from_millis(600), rng);
            integrity_ok(&path);
            let v = {
                let c =
                    Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
                migrate::version(&c).unwrap()
            };
            assert!(
                (1..=latest).contains(&v),
                "a whole schema version, found {v}"
            );
            seen[v as usize] += 1;
            let mut t = Tracker::open(&path, Box::new(SystemClock)).unwrap();
            t.verify().unwrap();
            let kept = count(
                t.connection(),
                "SELECT count(*) FROM audit_event WHERE actor = 'Old Writer'",
            );
            assert_eq!(kept, events, "every event survives the migration");
        }
        println!(
            "crash harness: {kills} kills during migration (files left at versions 1..={latest}: {:?}), every file whole",
            &seen[1..]
        );
    }
}
