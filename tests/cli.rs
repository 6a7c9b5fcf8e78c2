//! The `followthrough` command line, run as a user would run it.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_followthrough"));
    // Keep the user's real data and preferences out of every test.
    c.env_remove("FOLLOWTHROUGH_DB");
    let home = std::env::temp_dir().join("followthrough-cli-tests-home");
    c.env("XDG_DATA_HOME", home.join("data"));
    c.env("XDG_CONFIG_HOME", home.join("config"));
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run followthrough")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn failed(out: &Output) -> String {
    assert!(!out.status.success(), "expected failure");
    assert!(out.stdout.is_empty(), "nothing on stdout after an error");
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn db(dir: &Path) -> (PathBuf, String) {
    let p = dir.join("tracker.sqlite3");
    let s = p.to_str().unwrap().to_owned();
    (p, s)
}

/// The report's own words for each recommendation, from the fixture the core
/// tests also use.
fn report_texts() -> Vec<String> {
    let excerpt = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src-tauri/core/tests/fixtures/making-digital-happen-recommendations.txt"),
    )
    .unwrap();
    let mut texts: Vec<String> = Vec::new();
    for line in excerpt.lines() {
        if let Some(item) = line.strip_prefix("-  **") {
            let (_, rest) = item.split_once(". ").unwrap();
            let (lead, tail) = rest.split_once("**").unwrap();
            let tail = tail.trim();
            texts.push(if tail.is_empty() {
                lead.to_owned()
            } else {
                format!("{lead} {tail}")
            });
        } else if let Some(last) = texts.last_mut() {
            if !line.trim().is_empty() {
                last.push(' ');
                last.push_str(line.trim());
            }
        }
    }
    texts
}

#[test]
fn version_is_printed() {
    let out = ok(&run(&["--version"]));
    assert_eq!(
        out.trim(),
        format!("followthrough {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn json_export_of_a_new_file_reproduces_the_reports_words() {
    let dir = tempfile::tempdir().unwrap();
    let (_, path) = db(dir.path());
    ok(&run(&["create", "--db", &path]));
    let v: Value =
        serde_json::from_str(&ok(&run(&["export", "--format", "json", "--db", &path]))).unwrap();
    assert_eq!(v["format_version"], 4);
    for key in [
        "report",
        "recommendations",
        "owners",
        "milestones",
        "evidence",
        "periods",
        "assessments",
        "reviewers",
        "decisions",
    ] {
        assert!(!v[key].is_null(), "{key}");
    }
    let recs = v["recommendations"].as_array().unwrap();
    let texts = report_texts();
    assert_eq!(recs.len(), 8);
    for (i, rec) in recs.iter().enumerate() {
        assert_eq!(rec["number"], i as i64 + 1);
        assert_eq!(
            rec["text"].as_str().unwrap(),
            texts[i],
            "recommendation {}",
            i + 1
        );
        assert!(!rec["title"].as_str().unwrap().is_empty());
    }
}

#[test]
fn db_is_accepted_before_or_after_the_subcommand_and_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let (_, path) = db(dir.path());
    ok(&run(&["create", "--db", &path]));
    let before: Value =
        serde_json::from_str(&ok(&run(&["--db", &path, "status", "--json"]))).unwrap();
    let after: Value =
        serde_json::from_str(&ok(&run(&["status", "--json", "--db", &path]))).unwrap();
    let env: Value = serde_json::from_str(&ok(&bin()
        .env("FOLLOWTHROUGH_DB", &path)
        .args(["status", "--json"])
        .output()
        .unwrap()))
    .unwrap();
    assert_eq!(before, after);
    assert_eq!(before, env);
    let rows = before["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 8);
    for key in [
        "number",
        "title",
        "lead_owner",
        "status",
        "accepted_status",
        "confidence",
        "accepted_confidence",
        "milestones_done",
        "milestones_total",
        "overdue_milestones",
        "days_since_evidence",
    ] {
        assert!(rows[0].get(key).is_some(), "status row has {key}");
    }
}

#[test]
fn the_default_data_file_is_created_in_the_app_data_folder() {
    let home = tempfile::tempdir().unwrap();
    let file = home
        .path()
        .join("ca.followthrough.desktop/followthrough.sqlite3");
    // Only a command that means to create a tracker creates one.
    for args in [
        vec!["status", "--json"],
        vec!["verify"],
        vec!["backup"],
        vec!["export", "--format", "json"],
    ] {
        let err = failed(
            &bin()
                .env("XDG_DATA_HOME", home.path())
                .args(&args)
                .output()
                .unwrap(),
        );
        assert!(err.contains("there is no tracker at"), "{args:?}: {err}");
        assert!(!file.exists(), "{args:?} created {}", file.display());
    }
    ok(&bin()
        .env("XDG_DATA_HOME", home.path())
        .args(["create"])
        .output()
        .unwrap());
    assert!(file.is_file(), "{} exists", file.display());
    let err = failed(
        &bin()
            .env("XDG_DATA_HOME", home.path())
            .args(["create"])
            .output()
            .unwrap(),
    );
    assert!(err.contains("already exists"), "{err}");
    ok(&bin()
        .env("XDG_DATA_HOME", home.path())
        .args(["status", "--json"])
        .output()
        .unwrap());
    let v: Value = serde_json::from_str(&ok(&bin()
        .env("XDG_DATA_HOME", home.path())
        .args(["export", "--format", "json"])
        .output()
        .unwrap()))
    .unwrap();
    assert_eq!(
        v["sample"], false,
        "the default file never holds sample data"
    );
    assert!(v["owners"].as_array().unwrap().is_empty());
}

#[test]
fn status_prints_a_readable_table() {
    let dir = tempfile::tempdir().unwrap();
    let (_, path) = db(dir.path());
    ok(&run(&["sample", "--db", &path]));
    let out = ok(&run(&["status", "--db", &path]));
    assert!(out.contains("Reporting period 2"), "{out}");
    assert!(
        out.contains("Leaner approvals for digital security"),
        "{out}"
    );
    assert!(out.contains("Amber/Red"), "{out}");
    assert!(out.contains("not reported"), "{out}");
    assert_eq!(
        out.lines()
            .filter(|l| l.trim_start().starts_with(char::is_numeric))
            .count(),
        8
    );
}

#[test]
fn sample_writes_a_separate_marked_tracker_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let (_, path) = db(dir.path());
    ok(&run(&["sample", "--db", &path]));
    let v: Value =
        serde_json::from_str(&ok(&run(&["export", "--format", "json", "--db", &path]))).unwrap();
    assert_eq!(v["sample"], true);
    assert_eq!(v["periods"].as_array().unwrap().len(), 2);
    let before = std::fs::read(&path).unwrap();
    let err = failed(&run(&["sample", "--db", &path]));
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);

    let err = failed(&run(&["sample"]));
    assert!(err.contains("--db"), "{err}");
}

#[test]
fn csv_export_writes_a_folder_of_files() {
    let dir = tempfile::tempdir().unwrap();
    let (_, path) = db(dir.path());
    ok(&run(&["sample", "--db", &path]));
    let out = dir.path().join("csv");
    ok(&run(&[
        "export",
        "--format",
        "csv",
        "--out",
        out.to_str().unwrap(),
        "--db",
        &path,
    ]));
    for name in [
        "recommendations",
        "owners",
        "milestones",
        "milestone_revisions",
        "evidence",
        "periods",
        "assessments",
        "audit",
        "briefing_periods",
    ] {
        let text = std::fs::read_to_string(out.join(format!("{name}.csv"))).unwrap();
        assert!(text.starts_with('\u{feff}'), "{name} has a BOM");
        assert!(text.lines().count() > 1, "{name} has rows");
    }
    let err = failed(&run(&["export", "--format", "csv", "--db", &path]));
    assert!(err.contains("--out"), "{err}");
}

#[test]
fn json_export_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let (_, path) = db(dir.path());
    ok(&run(&["create", "--db", &path]));
    let out = dir.path().join("export.json");
    ok(&run(&[
        "export",
        "--format",
        "json",
        "--db",
        &path,
        "--out",
        out.to_str().unwrap(),
    ]));
    let v: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["recommendations"].as_array().unwrap().len(), 8);
}

#[test]
fn a_foreign_file_is_refused_with_a_clear_message_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("budget.xlsx");
    std::fs::write(&path, b"PK\x03\x04 not a tracker").unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = failed(&run(&["status", "--db", path.to_str().unwrap()]));
    assert!(err.starts_with("followthrough: error: "), "{err}");
    assert!(
        err.contains("budget.xlsx") && err.contains("not a SQLite database"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no -wal or -shm left behind"
    );
}

#[test]
fn usage_errors_exit_non_zero() {
    let out = run(&["export", "--format", "xml"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("xml"));
    let out = run(&["frobnicate"]);
    assert!(!out.status.success());
}

#[test]
fn an_invalid_actor_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (_, path) = db(dir.path());
    let err = failed(&run(&["status", "--db", &path, "--actor", ""]));
    assert!(err.contains("actor is required"), "{err}");
}

#[test]
fn backup_verify_and_restore_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (path, db_arg) = db(dir.path());
    ok(&run(&["sample", "--db", &db_arg]));
    let out = run(&["backup", "--db", &db_arg]);
    ok(&out);
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    let backup = said
        .trim()
        .strip_prefix("followthrough: backed up to ")
        .expect(&said)
        .to_owned();
    assert!(Path::new(&backup).starts_with(dir.path().join("backups")));
    assert!(ok(&run(&["verify", "--db", &db_arg]))
        .trim_end()
        .ends_with(": ok"));

    // Damage the data file (each command closes it, which checkpoints the
    // write-ahead log into it): status names it and the backup to restore.
    assert!(!Path::new(&format!("{}-wal", path.display())).exists());
    let mut bytes = std::fs::read(&path).unwrap();
    for b in &mut bytes[4096..] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = failed(&run(&["status", "--db", &db_arg]));
    assert!(err.contains("is damaged"), "{err}");
    assert!(
        err.contains(&format!("followthrough restore {backup}")),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "the damaged file is left as it was"
    );

    ok(&run(&["restore", &backup, "--db", &db_arg]));
    assert!(ok(&run(&["verify", "--db", &db_arg]))
        .trim_end()
        .ends_with(": ok"));
    let v: Value =
        serde_json::from_str(&ok(&run(&["export", "--format", "json", "--db", &db_arg]))).unwrap();
    assert_eq!(v["sample"], true);
    assert_eq!(
        v["audit"].as_array().unwrap().last().unwrap()["action"],
        "restore"
    );
}

#[test]
fn import_creates_a_tracker_from_an_export_and_refuses_to_overwrite_entries() {
    let dir = tempfile::tempdir().unwrap();
    let (_, source) = db(dir.path());
    ok(&run(&["sample", "--db", &source]));
    let export = dir.path().join("export.json");
    let export_arg = export.display().to_string();
    ok(&run(&[
        "export",
        "--format",
        "json",
        "--out",
        &export_arg,
        "--db",
        &source,
    ]));

    // A new file is created from the export, its history included.
    let copy = dir.path().join("copy.sqlite3").display().to_string();
    let out = run(&["import", &export_arg, "--db", &copy]);
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("imported"));
    let status = |db: &str| ok(&run(&["status", "--db", db]));
    assert_eq!(status(&copy), status(&source));
    assert!(ok(&run(&["verify", "--db", &copy]))
        .trim_end()
        .ends_with(": ok"));
    let v: Value =
        serde_json::from_str(&ok(&run(&["export", "--format", "json", "--db", &copy]))).unwrap();
    let actions: Vec<&str> = v["audit"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions.last(), Some(&"import"));
    assert!(actions.contains(&"mark_sample"), "the history came across");

    // Importing again over the entries is refused, then allowed with
    // --replace, which keeps a backup first.
    let err = failed(&run(&["import", &export_arg, "--db", &copy]));
    assert!(
        err.contains("already holds entries") && err.contains("--replace"),
        "{err}"
    );
    let out = run(&["import", &export_arg, "--replace", "--db", &copy]);
    ok(&out);
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(said.contains("the previous content is kept in"), "{said}");
    assert_eq!(
        std::fs::read_dir(dir.path().join("backups"))
            .unwrap()
            .count(),
        1
    );
}

#[test]
fn an_invalid_export_is_refused_with_the_json_path_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let (_, source) = db(dir.path());
    ok(&run(&["sample", "--db", &source]));
    let mut v: Value =
        serde_json::from_str(&ok(&run(&["export", "--format", "json", "--db", &source]))).unwrap();
    v["milestones"][2]["baseline_due"] = "2026-13-01".into();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    let target = dir.path().join("new.sqlite3");
    let err = failed(&run(&[
        "import",
        &bad.display().to_string(),
        "--db",
        &target.display().to_string(),
    ]));
    assert!(err.contains("$.milestones[2].baseline_due"), "{err}");
    assert!(err.contains("nothing was changed"), "{err}");
    assert!(!target.exists());
}

#[test]
fn exports_are_recorded_in_the_audit_trail_with_a_fingerprint() {
    let dir = tempfile::tempdir().unwrap();
    let (_, db_arg) = db(dir.path());
    ok(&run(&["sample", "--db", &db_arg]));
    let out = dir.path().join("export.json");
    ok(&run(&[
        "export",
        "--format",
        "json",
        "--out",
        &out.display().to_string(),
        "--db",
        &db_arg,
    ]));
    let csv_dir = dir.path().join("csv");
    ok(&run(&[
        "export",
        "--format",
        "csv",
        "--out",
        &csv_dir.display().to_string(),
        "--db",
        &db_arg,
    ]));
    let v: Value =
        serde_json::from_str(&ok(&run(&["export", "--format", "json", "--db", &db_arg]))).unwrap();
    let exports: Vec<&Value> = v["audit"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "export")
        .collect();
    assert_eq!(exports.len(), 2);
    let json = &exports[0]["after"];
    assert_eq!(json["format"], "json");
    assert_eq!(json["files"][0]["file"], out.display().to_string());
    use sha2::Digest;
    let digest = sha2::Sha256::digest(std::fs::read(&out).unwrap());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(json["files"][0]["sha256"], hex);
    assert_eq!(exports[1]["after"]["format"], "csv");
    assert!(exports[1]["after"]["files"].as_array().unwrap().len() >= 6);
}

#[test]
fn restore_and_import_refuse_while_a_window_has_the_file_open() {
    let dir = tempfile::tempdir().unwrap();
    let (path, db_arg) = db(dir.path());
    ok(&run(&["sample", "--db", &db_arg]));
    let export = dir.path().join("export.json");
    let export_arg = export.display().to_string();
    ok(&run(&[
        "export",
        "--format",
        "json",
        "--out",
        &export_arg,
        "--db",
        &db_arg,
    ]));
    let out = run(&["backup", "--db", &db_arg]);
    ok(&out);
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    let backup = said
        .trim()
        .strip_prefix("followthrough: backed up to ")
        .expect(&said)
        .to_owned();
    let before = std::fs::read(&path).unwrap();

    // What a window holds while it is open: the tracker, in use.
    let window =
        followthrough_core::Tracker::open(&path, Box::new(followthrough_core::SystemClock))
            .unwrap();
    for args in [
        vec!["restore", backup.as_str(), "--db", &db_arg],
        vec!["import", &export_arg, "--replace", "--db", &db_arg],
    ] {
        let err = failed(&run(&args));
        assert!(
            err.contains("is in use by another Followthrough window or command"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // Reading and exporting beside an open window stays possible.
    ok(&run(&["status", "--db", &db_arg]));
    drop(window);
    ok(&run(&["restore", &backup, "--db", &db_arg]));
}

/// The hostile-string catalogue the core tests use.
fn hostile_strings() -> Vec<String> {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src-tauri/core/tests/fixtures/hostile-strings.json"),
    )
    .unwrap();
    let items: Vec<Value> = serde_json::from_str(&text).unwrap();
    items
        .iter()
        .map(|i| i["text"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn hostile_text_survives_export_and_import_through_the_command_line_byte_for_byte() {
    use followthrough_core::evidence::NewEvidence;
    use followthrough_core::milestones::NewMilestone;
    use followthrough_core::owners::OwnerInput;
    use followthrough_core::{Actor, SystemClock, Tracker};

    let dir = tempfile::tempdir().unwrap();
    let (path, db_arg) = db(dir.path());
    // Every string the core accepts, in owners, milestones, re-plan reasons
    // and notes (what it refuses is tested field by field in the core).
    let mut stored = Vec::new();
    {
        let mut t = Tracker::create(&path, Box::new(SystemClock)).unwrap();
        let ea = Actor::new("Executive Assistant").unwrap();
        for (i, s) in hostile_strings().iter().enumerate() {
            let rec = (i % 8) as i64 + 1;
            let owner = t.add_owner(
                &ea,
                &OwnerInput {
                    name: s.clone(),
                    ..Default::default()
                },
            );
            let milestone = t.add_milestone(
                &ea,
                &NewMilestone {
                    recommendation_id: rec,
                    title: s.clone(),
                    owner_id: None,
                    due: "2027-01-01".into(),
                },
            );
            if let Ok(m) = &milestone {
                t.move_milestone(&ea, m.id, "2027-02-01", s).unwrap();
            }
            let note = t.add_evidence(
                &ea,
                &NewEvidence {
                    recommendation_id: rec,
                    kind: "risk".into(),
                    text: s.clone(),
                    source_ref: if s.contains('\n') {
                        String::new()
                    } else {
                        s.clone()
                    },
                    ..Default::default()
                },
            );
            if owner.is_ok() || milestone.is_ok() || note.is_ok() {
                stored.push(s.clone());
            }
        }
    }
    assert!(stored.len() > 30, "most of the catalogue is stored");

    let first = ok(&run(&["export", "--format", "json", "--db", &db_arg]));
    let export = dir.path().join("hostile.json");
    std::fs::write(&export, &first).unwrap();
    let copy = dir.path().join("copy.sqlite3").display().to_string();
    ok(&run(&[
        "import",
        &export.display().to_string(),
        "--db",
        &copy,
    ]));
    let second: Value =
        serde_json::from_str(&ok(&run(&["export", "--format", "json", "--db", &copy]))).unwrap();
    let mut first: Value = serde_json::from_str(&first).unwrap();
    let mut second = second;
    // The copy's trail ends with its own import; everything else is equal.
    let trail = second["audit"].as_array_mut().unwrap();
    assert_eq!(trail.pop().unwrap()["action"], "import");
    for doc in [&mut first, &mut second] {
        doc.as_object_mut().unwrap().remove("exported_at");
        doc.as_object_mut().unwrap().remove("trail_head");
    }
    assert_eq!(first, second);
    let notes: Vec<&str> = second["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    for s in &stored {
        if notes.contains(&s.as_str()) {
            continue;
        }
        let owners = second["owners"].as_array().unwrap();
        assert!(
            owners.iter().any(|o| o["name"] == s.as_str()),
            "{s:?} came back somewhere"
        );
    }

    // In CSV, nothing a spreadsheet would run as a formula.
    let csv_dir = dir.path().join("csv");
    ok(&run(&[
        "export",
        "--format",
        "csv",
        "--out",
        &csv_dir.display().to_string(),
        "--db",
        &copy,
    ]));
    let evidence = std::fs::read_to_string(csv_dir.join("evidence.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(evidence.trim_start_matches('\u{feff}').as_bytes());
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            let first = cell.chars().next();
            assert!(
                !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
                "a formula reaches the spreadsheet: {cell:?}"
            );
        }
    }
}

/// Runs a poppler tool on a PDF and returns its standard output.
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let mut command = Command::new(tool);
    command.args(args).arg(pdf);
    if tool == "pdftotext" {
        command.arg("-");
    }
    let out = command
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils) is needed: {e}"));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn short_date(iso: &str) -> String {
    let d: chrono::NaiveDate = iso.parse().unwrap();
    d.format("%b %-d, %Y").to_string()
}

#[test]
fn brief_writes_a_tagged_pdf_that_says_where_each_recommendation_stands() {
    let dir = tempfile::tempdir().unwrap();
    let (_, db_arg) = db(dir.path());
    ok(&run(&["sample", "--db", &db_arg]));
    let doc: Value =
        serde_json::from_str(&ok(&run(&["export", "--format", "json", "--db", &db_arg]))).unwrap();
    let open = doc["periods"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["state"] == "open")
        .unwrap();
    let label = open["label"].as_str().unwrap();

    let pdf = dir.path().join("briefing.pdf");
    let out = run(&[
        "brief",
        "--period",
        label,
        "--lang",
        "en",
        "--out",
        pdf.to_str().unwrap(),
        "--db",
        &db_arg,
    ]);
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("DRAFT"));
    let text = words(&poppler("pdftotext", &[], &pdf));
    assert!(
        text.contains("On the recommendations of Making Digital Happen (2019)"),
        "the title block names the report: {text}"
    );

    for r in doc["recommendations"].as_array().unwrap() {
        let heading = format!("{}. {}", r["number"], r["title"].as_str().unwrap());
        assert!(text.contains(&words(&heading)), "section {heading}");
    }
    let labels = [
        ("in_process", "In the process of being implemented"),
        ("fully_implemented", "Fully implemented"),
        ("little_or_no_progress", "Little or no progress"),
        ("amber_red", "Amber/Red"),
        ("amber_green", "Amber/Green"),
        ("green", "Green"),
        ("red", "Red"),
    ];
    for a in doc["assessments"].as_array().unwrap() {
        if a["period_id"] != open["id"] {
            continue;
        }
        for key in [&a["status"], &a["confidence"]] {
            let (_, words_for) = labels.iter().find(|(k, _)| key == k).unwrap_or(&("", ""));
            assert!(text.contains(words_for), "{key} in words");
        }
    }
    let mut slipped = 0;
    for m in doc["milestones"].as_array().unwrap() {
        if m["baseline_due"] != m["current_due"] {
            let both = format!(
                "{} {}",
                short_date(m["baseline_due"].as_str().unwrap()),
                short_date(m["current_due"].as_str().unwrap())
            );
            assert!(
                text.contains(&both),
                "slipped milestone with both dates: {both}"
            );
            slipped += 1;
        }
    }
    assert!(slipped > 0, "the sample has slipped milestones");
    assert!(text.contains("What changed in the period"));
    assert!(
        text.contains("Confidence Amber/Green → Amber") || text.contains("→"),
        "a change from → to"
    );
    assert!(text.contains("DRAFT"));

    let fonts = poppler("pdffonts", &[], &pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cols[cols.len() - 5], "yes", "font embedded: {row}");
    }
    let info = poppler("pdfinfo", &[], &pdf);
    assert!(info.contains("Status Briefing"), "{info}");
    assert!(info.contains("Tagged:          yes"), "{info}");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(
        bytes.windows(12).any(|w| w == b"/Lang(en-CA)"),
        "the language is declared"
    );
    let structure = poppler("pdfinfo", &["-struct"], &pdf);
    assert!(
        structure.contains("H1") && structure.contains("Table"),
        "a structure tree"
    );

    // The briefing is recorded in the audit trail with its fingerprint.
    let after: Value =
        serde_json::from_str(&ok(&run(&["export", "--format", "json", "--db", &db_arg]))).unwrap();
    let event = after["audit"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|e| e["action"] == "briefing")
        .expect("audited");
    assert_eq!(event["after"]["period"], label);
    assert_eq!(event["after"]["draft"], true);
    assert_eq!(
        event["after"]["snapshot_fingerprint"]
            .as_str()
            .unwrap()
            .len(),
        64
    );
}

#[test]
fn a_signed_off_period_briefs_to_the_same_bytes_every_time_in_french_too() {
    let dir = tempfile::tempdir().unwrap();
    let (_, db_arg) = db(dir.path());
    ok(&run(&["sample", "--db", &db_arg]));
    let doc: Value =
        serde_json::from_str(&ok(&run(&["export", "--format", "json", "--db", &db_arg]))).unwrap();
    let signed = doc["periods"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["state"] == "signed_off")
        .unwrap()["label"]
        .as_str()
        .unwrap()
        .to_owned();
    let brief = |name: &str| {
        let pdf = dir.path().join(name);
        ok(&run(&[
            "brief",
            "--period",
            &signed,
            "--lang",
            "fr",
            "--out",
            pdf.to_str().unwrap(),
            "--db",
            &db_arg,
        ]));
        std::fs::read(pdf).unwrap()
    };
    let first = brief("a.pdf");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = brief("b.pdf");
    assert!(first == second, "byte-identical");
    let text = words(&poppler("pdftotext", &[], &dir.path().join("a.pdf")));
    assert!(
        text.contains("Note d'information sur l'état d'avancement"),
        "{text}"
    );
    assert!(text.contains("Ce qui a changé pendant la période"));
    assert!(
        text.contains("Sur les recommandations du rapport Making Digital Happen (2019)"),
        "the title block names the report: {text}"
    );
    assert!(
        !text.contains("ÉBAUCHE"),
        "a signed-off period is not a draft"
    );
    assert!(std::fs::read(dir.path().join("a.pdf"))
        .unwrap()
        .windows(12)
        .any(|w| w == b"/Lang(fr-CA)"));

    let err = failed(&run(&[
        "brief",
        "--period",
        "1999 Q9",
        "--out",
        "/tmp/x.pdf",
        "--db",
        &db_arg,
    ]));
    assert!(err.contains("1999 Q9"), "{err}");
}

/// With no name saved and none from the system, the briefing leaves
/// "Prepared by" out rather than printing "unknown"; `--actor` names
/// whoever prepared it.
#[test]
fn brief_names_who_prepared_it_only_when_someone_is_known() {
    let dir = tempfile::tempdir().unwrap();
    let (_, db_arg) = db(dir.path());
    ok(&run(&["sample", "--db", &db_arg]));
    let brief = |name: &str, actor: Option<&str>| {
        let pdf = dir.path().join(name);
        let mut c = bin();
        c.env("XDG_CONFIG_HOME", dir.path().join("nobody-config"));
        for var in ["USER", "USERNAME", "LOGNAME"] {
            c.env_remove(var);
        }
        c.args(["brief", "--out", pdf.to_str().unwrap(), "--db", &db_arg]);
        if let Some(a) = actor {
            c.args(["--actor", a]);
        }
        ok(&c.output().unwrap());
        words(&poppler("pdftotext", &[], &pdf))
    };
    let nobody = brief("nobody.pdf", None);
    assert!(!nobody.contains("Prepared by"), "{nobody}");
    assert!(!nobody.contains("unknown"), "{nobody}");
    let named = brief("named.pdf", Some("Alex Morgan"));
    assert!(named.contains("Prepared by Alex Morgan"), "{named}");
}

/// A person's own computer: their own settings and data folders.
fn person(home: &Path) -> impl Fn(&[&str]) -> Output + '_ {
    move |args: &[&str]| {
        bin()
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("FOLLOWTHROUGH_PASSPHRASE", "a passphrase of one's own")
            .args(args)
            .output()
            .expect("run followthrough")
    }
}

#[test]
fn two_people_review_a_period_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (_, t) = db(dir.path());
    let (office, laptop) = (dir.path().join("office"), dir.path().join("laptop"));
    let ea = person(&office);
    let dm = person(&laptop);
    let file = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    ok(&ea(&["sample", "--db", &t]));

    // Each makes a key on their own computer; the deputy minister sends
    // the public half, which the assistant registers.
    let ea_public = ok(&ea(&["keys", "new", "--name", "Alex Morgan"]));
    let dm_public = ok(&dm(&["keys", "new", "--name", "Deputy Minister"]));
    assert!(
        dm_public.starts_with("Followthrough public key\n"),
        "{dm_public}"
    );
    std::fs::write(file("dm.pub"), &dm_public).unwrap();
    ok(&ea(&["reviewer", "add", &file("dm.pub"), "--db", &t]));
    let listed = ok(&ea(&["reviewer", "list", "--db", &t]));
    assert!(
        listed.starts_with("1\tDeputy Minister\tdeputy_minister\t"),
        "{listed}"
    );

    // The package goes to the laptop; its sender is confirmed first.
    ok(&ea(&[
        "review",
        "send",
        "--reviewer",
        "1",
        "--out",
        &file("q3.ftreview"),
        "--db",
        &t,
    ]));
    let refused = failed(&dm(&["review", "open", &file("q3.ftreview")]));
    let ea_fingerprint = ea_public
        .lines()
        .find_map(|l| l.strip_prefix("fingerprint: "))
        .unwrap();
    assert!(refused.contains(ea_fingerprint), "{refused}");
    let opened = ok(&dm(&[
        "review",
        "open",
        &file("q3.ftreview"),
        "--trust",
        ea_fingerprint,
    ]));
    let package = opened
        .lines()
        .next()
        .unwrap()
        .strip_prefix("package ")
        .unwrap()
        .to_owned();
    assert!(
        opened.contains(" 5  Little or no progress / Red  (pending)"),
        "{opened}"
    );

    ok(&dm(&[
        "review",
        "decide",
        "--package",
        &package,
        "--recommendation",
        "1",
        "--accept",
    ]));
    let decided = ok(&dm(&[
        "review",
        "decide",
        "--package",
        &package,
        "--recommendation",
        "5",
        "--return",
        "Which ministries?",
    ]));
    assert!(
        decided.contains(" 5  Little or no progress / Red  you: return \"Which ministries?\""),
        "{decided}"
    );
    // Opened again later, the work is there.
    let again = ok(&dm(&["review", "open", &file("q3.ftreview")]));
    assert!(again.contains("you: accept"), "{again}");
    ok(&dm(&[
        "review",
        "respond",
        "--package",
        &package,
        "--out",
        &file("q3.ftdecisions"),
    ]));

    // Back at the office: shown, applied, and applied once only.
    let shown = ok(&ea(&[
        "review",
        "apply",
        &file("q3.ftdecisions"),
        "--dry-run",
        "--db",
        &t,
    ]));
    assert!(
        shown.contains("accept recommendation 1: will apply"),
        "{shown}"
    );
    let applied = ok(&ea(&[
        "review",
        "apply",
        &file("q3.ftdecisions"),
        "--db",
        &t,
    ]));
    assert!(
        applied.contains("return recommendation 5: applied"),
        "{applied}"
    );
    let replay = ok(&ea(&[
        "review",
        "apply",
        &file("q3.ftdecisions"),
        "--db",
        &t,
    ]));
    assert!(
        replay.contains("already applied") && replay.contains("nothing changed"),
        "{replay}"
    );
    ok(&ea(&["verify", "--db", &t]));
    let status: Value = serde_json::from_str(&ok(&ea(&["status", "--json", "--db", &t]))).unwrap();
    assert!(status.to_string().contains("Which ministries?"), "{status}");
    // Who reviewed, and that the reviewer's key signed it; the sample's
    // reviews say they were made by name.
    let status = ok(&ea(&["status", "--db", &t]));
    assert!(
        status.contains("review: accepted by Deputy Minister on ")
            && status.contains(", signed with key ")
            && status.contains("by name, not signed"),
        "{status}"
    );

    // The wrong passphrase changes nothing and says why.
    let wrong = bin()
        .env("XDG_DATA_HOME", dir.path().join("office/data"))
        .env("XDG_CONFIG_HOME", dir.path().join("office/config"))
        .env("FOLLOWTHROUGH_PASSPHRASE", "not the passphrase")
        .args(["review", "apply", &file("q3.ftdecisions"), "--db", &t])
        .output()
        .unwrap();
    assert!(failed(&wrong).contains("passphrase"));
}
