//! `followthrough-bench`: generates trackers at a scale and times the core's
//! operations on them, next to the limits SQLite itself sets on this
//! machine. Results are JSON on standard output (or `--out`), for
//! `scripts/bench.sh` to turn into `docs/PERFORMANCE.md`.
//!
//! ```text
//! followthrough-bench generate --scale 10 --out FILE
//! followthrough-bench core --scale sample|1|10|100 --data DIR [--out FILE]
//! ```
//!
//! Build and run it in release mode; a debug build measures the compiler's
//! unoptimised code, not the app.

use chrono::NaiveDate;
use followthrough_bench::generate::{generate, SteppingClock};
use followthrough_bench::measure::{summarise, time, Timing};
use followthrough_briefing::{render, render_counted, BriefingOptions, Language};
use followthrough_core::audit::AuditFilter;
use followthrough_core::evidence::NewEvidence;
use followthrough_core::files;
use followthrough_core::pages::PageScope;
use followthrough_core::{import, sample, Actor, FixedClock, Tracker};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The day the generated histories end, so every run measures the same data.
const TODAY: &str = "2026-11-25";
const SEED: u64 = 2019;

fn today() -> NaiveDate {
    TODAY.parse().expect("a date")
}

fn usage() -> ! {
    eprintln!(
        "usage: followthrough-bench generate --scale N --out FILE\n       followthrough-bench long-notes --out FILE\n       followthrough-bench core --scale sample|N --data DIR [--out FILE]"
    );
    std::process::exit(2)
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("generate") => {
            let scale: usize = arg(&args, "--scale")
                .and_then(|s| s.parse().ok())
                .unwrap_or_else(|| usage());
            let out = PathBuf::from(arg(&args, "--out").unwrap_or_else(|| usage()));
            let started = Instant::now();
            generate(&out, scale, today(), SEED)
                .map(|made| {
                    eprintln!(
                        "generated {} at {scale}x in {:.1} s: {made:?}",
                        out.display(),
                        started.elapsed().as_secs_f64()
                    )
                })
                .map_err(|e| e.to_string())
        }
        Some("long-notes") => {
            let out = PathBuf::from(arg(&args, "--out").unwrap_or_else(|| usage()));
            let started = Instant::now();
            followthrough_bench::generate::generate_long_notes(&out, today(), SEED)
                .map(|n| {
                    eprintln!(
                        "generated {} with {n} long notes in {:.1} s",
                        out.display(),
                        started.elapsed().as_secs_f64()
                    )
                })
                .map_err(|e| e.to_string())
        }
        Some("core") => {
            let scale = arg(&args, "--scale").unwrap_or_else(|| usage());
            let data = PathBuf::from(arg(&args, "--data").unwrap_or_else(|| usage()));
            core(&scale, &data).and_then(|report| {
                let json = serde_json::to_string_pretty(&report).expect("serialises");
                match arg(&args, "--out") {
                    Some(out) => std::fs::write(&out, json).map_err(|e| format!("{out}: {e}")),
                    None => {
                        println!("{json}");
                        Ok(())
                    }
                }
            })
        }
        _ => usage(),
    };
    if let Err(e) = result {
        eprintln!("followthrough-bench: {e}");
        std::process::exit(1);
    }
}

#[derive(Serialize)]
struct CoreReport {
    scale: String,
    file_bytes: u64,
    milestones: usize,
    notes: usize,
    periods: usize,
    /// The current period's briefing in English: pages and bytes.
    briefing_pages: usize,
    briefing_bytes: usize,
    /// The current period's review package, and a response of a decision
    /// on each of its reports: bytes.
    package_bytes: usize,
    response_bytes: usize,
    timings: Vec<Timing>,
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// A tracker to measure: the sample, or a generated one (made once and kept
/// in `data`, then copied so that writes never change the original).
fn tracker_file(scale: &str, data: &Path) -> Result<PathBuf, String> {
    std::fs::create_dir_all(data).map_err(err)?;
    let original = data.join(format!("tracker-{scale}.sqlite3"));
    if !original.exists() {
        let partial = data.join(format!("tracker-{scale}.partial.sqlite3"));
        let _ = std::fs::remove_file(&partial);
        if scale == "sample" {
            sample::create(&partial, Box::new(FixedClock::on(today()))).map_err(err)?;
        } else {
            let n: usize = scale
                .parse()
                .map_err(|_| format!("unknown scale {scale}"))?;
            let started = Instant::now();
            generate(&partial, n, today(), SEED).map_err(err)?;
            eprintln!(
                "generated the {n}x tracker in {:.1} s",
                started.elapsed().as_secs_f64()
            );
        }
        std::fs::rename(&partial, &original).map_err(err)?;
    }
    // A tracker kept from an earlier version of the program is brought to
    // the current schema once, here, as a user's file is on its first open
    // after an update; otherwise every window start measured on a copy of it
    // would include that migration.
    drop(open(&original)?);
    let copy = data.join(format!("measured-{scale}.sqlite3"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", copy.display()));
    }
    std::fs::copy(&original, &copy).map_err(err)?;
    let _ = std::fs::remove_dir_all(witness_of(&copy));
    Ok(copy)
}

/// Where the witness of a measured tracker is kept: beside it, and
/// removed whenever the tracker is copied afresh (the copy is, to the
/// witness, an older file put in place).
fn witness_of(path: &Path) -> PathBuf {
    files::with_suffix(path, ".witness")
}

/// Opens a tracker as the program does for a user: checked against a
/// witness of its trail, which every save then updates.
fn open(path: &Path) -> Result<Tracker, String> {
    let witness = followthrough_core::witness::Witness::at(witness_of(path));
    Tracker::open(path, Box::new(FixedClock::on(today())))
        .and_then(|t| t.with_witness(witness))
        .map_err(err)
}

fn core(scale: &str, data: &Path) -> Result<CoreReport, String> {
    let path = tracker_file(scale, data)?;
    let file_bytes = std::fs::metadata(&path).map_err(err)?.len();
    let mut t = open(&path)?;
    let recs = t.recommendations().map_err(err)?;
    let milestones = t.milestones(None).map_err(err)?.len();
    let notes: i64 = t
        .connection()
        .query_row("SELECT count(*) FROM evidence", [], |r| r.get(0))
        .map_err(err)?;
    let periods = t.periods().map_err(err)?;
    let current = t
        .current_period()
        .map_err(err)?
        .ok_or("the tracker has no current period")?;
    let busiest = recs[0].id;
    let ea = Actor::new("Executive Assistant (benchmark)").map_err(err)?;
    let budget = Duration::from_secs(20);
    let mut timings = Vec::new();

    timings.push(time("open the data file", 30, budget, || {
        open(&path).expect("opens")
    }));
    timings.push(time("dashboard", 200, budget, || {
        t.dashboard().expect("dashboard")
    }));
    timings.push(time("recommendation page", 100, budget, || {
        t.recommendation_page(busiest, PageScope::default())
            .expect("page")
    }));
    let mut n = 0;
    timings.push(time(
        "durable save of an evidence note",
        200,
        budget,
        || {
            n += 1;
            t.add_evidence(
                &ea,
                &NewEvidence {
                    recommendation_id: busiest,
                    kind: "progress".into(),
                    text: format!("Benchmark note {n}: the approval path pilot met its target."),
                    ..Default::default()
                },
            )
            .expect("saved")
        },
    ));
    timings.push(time(
        "recommendation page, every list in full (its shape before paging)",
        20,
        budget,
        || {
            let page = t
                .recommendation_page(
                    busiest,
                    PageScope {
                        all_milestones: true,
                        all_assessments: true,
                    },
                )
                .expect("page");
            let notes = t.evidence(Some(busiest), None).expect("notes");
            let history = t
                .audit_trail(&AuditFilter {
                    recommendation_id: Some(busiest),
                    ..Default::default()
                })
                .expect("history");
            (page, notes, history)
        },
    ));
    timings.push(time("search evidence: common word", 50, budget, || {
        t.search("procurement").expect("search")
    }));
    timings.push(time("search evidence: rare phrase", 50, budget, || {
        t.search("licensing portal").expect("search")
    }));
    timings.push(time(
        "search evidence by scanning every note (before the index)",
        20,
        budget,
        || scan(&t, "procurement"),
    ));
    timings.push(time("snapshot a period", 30, budget, || {
        t.briefing_source(current.id).expect("snapshot")
    }));
    let source = t.briefing_source(current.id).map_err(err)?;
    let options = BriefingOptions {
        language: Language::English,
        organization: BriefingOptions::default_organization(Language::English).into(),
        marking: BriefingOptions::default_marking(Language::English).into(),
        prepared_by: "Executive Assistant".into(),
        annex: false,
    };
    timings.push(time("briefing PDF (warm)", 20, budget, || {
        render(&source, &options).expect("pdf")
    }));
    let (pdf, briefing_pages) = render_counted(&source, &options).map_err(err)?;
    let json = t.export_json().map_err(err)?;
    timings.push(time("JSON export", 10, budget, || {
        t.export_json().expect("export")
    }));
    let import_dir = data.join(format!("import-{scale}"));
    let mut imports = Vec::new();
    for i in 0..3 {
        let _ = std::fs::remove_dir_all(&import_dir);
        std::fs::create_dir_all(&import_dir).map_err(err)?;
        let target = import_dir.join(format!("imported-{i}.sqlite3"));
        let started = Instant::now();
        import::import(
            &target,
            "benchmark export",
            json.as_bytes(),
            false,
            Box::new(SteppingClock::at(today())),
            followthrough_core::Operator {
                actor: &ea,
                machine: "benchmark",
                witness: None,
            },
        )
        .map_err(err)?;
        imports.push(started.elapsed());
    }
    let _ = std::fs::remove_dir_all(&import_dir);
    timings.push(summarise("JSON import into a new file", imports));
    let review = review_package(&mut t, &ea, current.id, data, scale, budget)?;
    timings.extend(review.timings);
    timings.extend(baselines(data)?);

    Ok(CoreReport {
        scale: scale.to_owned(),
        file_bytes,
        milestones,
        notes: notes as usize,
        periods: periods.len(),
        briefing_pages,
        briefing_bytes: pdf.len(),
        package_bytes: review.package_bytes,
        response_bytes: review.response_bytes,
        timings,
    })
}

struct ReviewReport {
    timings: Vec<Timing>,
    package_bytes: usize,
    response_bytes: usize,
}

/// The two-laptop review of the current period: the package written (and
/// recorded), opened on the laptop, a response of a decision on every
/// report checked and applied (previewed: the same work, rolled back; then
/// applied once). Last of the measures, since it registers a reviewer.
fn review_package(
    t: &mut Tracker,
    ea: &Actor,
    period: i64,
    data: &Path,
    scale: &str,
    budget: Duration,
) -> Result<ReviewReport, String> {
    use followthrough_core::exchange::inbox::{Inbox, Received};
    use followthrough_core::exchange::package;
    use followthrough_core::keys::SecretKey;
    use followthrough_core::reviewers::ReviewerInput;
    let ea_key = SecretKey::generate("Executive Assistant (benchmark)").map_err(err)?;
    let dm_key = SecretKey::generate("Deputy Minister (benchmark)").map_err(err)?;
    let reviewer = t
        .add_reviewer(
            ea,
            &ReviewerInput {
                public_key: dm_key.public().to_text(),
                ..Default::default()
            },
        )
        .map_err(err)?;
    let dir = data.join(format!("review-{scale}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(err)?;
    let target = dir.join("package.ftreview");
    let mut timings = Vec::new();
    timings.push(time(
        "review package: write (signed, encrypted, recorded)",
        20,
        budget,
        || {
            t.write_review_package(ea, &ea_key, reviewer.id, period, &target)
                .expect("package")
        },
    ));
    let bytes = std::fs::read(&target).map_err(err)?;
    timings.push(time(
        "review package: open on the laptop",
        20,
        budget,
        || package::open(&bytes, &dm_key).expect("opens"),
    ));
    let inbox = Inbox::at(dir.join("inbox"));
    let Received::Opened { session } = inbox
        .receive(&bytes, &dm_key, true, "2026-11-26T09:00:00.000Z")
        .map_err(err)?
    else {
        return Err("the package did not open".into());
    };
    let mut session = *session;
    let ids: Vec<i64> = session.package.reported.keys().copied().collect();
    for id in ids {
        session
            .decide(
                id,
                "return",
                "A question from the benchmark",
                "2026-11-26T09:00:00.000Z",
            )
            .map_err(err)?;
    }
    let response = dir.join("decisions.ftdecisions");
    inbox
        .write_response(
            &mut session,
            &dm_key,
            "2026-11-26T09:05:00.000Z",
            &dir.join("own.sqlite3"),
            &response,
        )
        .map_err(err)?;
    let answer = std::fs::read(&response).map_err(err)?;
    timings.push(time(
        "review decisions: check and preview",
        20,
        budget,
        || t.preview_response(&answer, &ea_key).expect("preview"),
    ));
    let started = Instant::now();
    let applied = t.apply_response(ea, &answer, &ea_key).map_err(err)?;
    timings.push(summarise(
        "review decisions: apply",
        vec![started.elapsed()],
    ));
    if applied.changes() == 0 {
        return Err("no decision applied".into());
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(ReviewReport {
        timings,
        package_bytes: bytes.len(),
        response_bytes: answer.len(),
    })
}

/// What SQLite itself costs on this machine with the app's settings: a
/// one-row INSERT committed durably (the floor for any durable save) and a
/// primary-key SELECT (the floor for any read).
fn baselines(data: &Path) -> Result<Vec<Timing>, String> {
    let path = data.join("baseline.sqlite3");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let c = rusqlite::Connection::open(&path).map_err(err)?;
    c.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;
         CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL);",
    )
    .map_err(err)?;
    let budget = Duration::from_secs(20);
    let mut n = 0;
    let insert = time(
        "baseline: raw INSERT commit (synchronous=FULL)",
        200,
        budget,
        || {
            n += 1;
            c.execute(
                "INSERT INTO note (text) VALUES (?1)",
                [format!(
                    "Benchmark note {n}: the approval path pilot met its target."
                )],
            )
            .expect("insert")
        },
    );
    let mut id = 0_i64;
    let select = time("baseline: primary-key SELECT", 2_000, budget, || {
        id = id % n.max(1) + 1;
        c.query_row("SELECT text FROM note WHERE id = ?1", [id], |r| {
            r.get::<_, String>(0)
        })
        .expect("select")
    });
    Ok(vec![insert, select])
}

/// The evidence half of search as it was before the full-text index: LIKE
/// over every note's text and source, then the literal check.
fn scan(t: &Tracker, word: &str) -> usize {
    let mut stmt = t
        .connection()
        .prepare_cached(
            "SELECT e.id, e.text, e.source_ref FROM evidence e
             JOIN recommendation r ON r.id = e.recommendation_id
             WHERE e.text LIKE ?1 OR e.source_ref LIKE ?1",
        )
        .expect("prepares");
    let pattern = format!("%{word}%");
    stmt.query_map([pattern], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })
    .expect("runs")
    .filter(|row| {
        row.as_ref()
            .is_ok_and(|(_, text, source)| text.contains(word) || source.contains(word))
    })
    .count()
}
