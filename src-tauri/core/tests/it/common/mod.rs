//! Helpers shared by the core's integration tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use followthrough_core::assessments::AssessmentInput;
use followthrough_core::evidence::NewEvidence;
use followthrough_core::milestones::NewMilestone;
use followthrough_core::owners::OwnerInput;
use followthrough_core::periods::NewPeriod;
use followthrough_core::{Actor, CoreError, ErrorCode, FixedClock, ManualClock, Rule, Tracker};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

pub const TODAY: &str = "2026-11-25";

pub fn date(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub tracker: Tracker,
    pub ea: Actor,
    pub dm: Actor,
}

impl Fixture {
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("tracker.sqlite3")
    }

    pub fn rec(&mut self, number: i64) -> i64 {
        self.tracker.recommendation_by_number(number).unwrap().id
    }

    pub fn owner(&mut self, name: &str) -> i64 {
        self.tracker
            .add_owner(
                &self.ea,
                &OwnerInput {
                    name: name.into(),
                    title: "Director".into(),
                    unit: "Digital Policy".into(),
                    email: "someone@example.org".into(),
                },
            )
            .unwrap()
            .id
    }

    pub fn milestone(&mut self, number: i64, title: &str, due: &str) -> i64 {
        let recommendation_id = self.rec(number);
        self.tracker
            .add_milestone(
                &self.ea,
                &NewMilestone {
                    recommendation_id,
                    title: title.into(),
                    owner_id: None,
                    due: due.into(),
                },
            )
            .unwrap()
            .id
    }

    pub fn evidence(&mut self, number: i64, kind: &str, observed_on: &str, text: &str) -> i64 {
        let recommendation_id = self.rec(number);
        self.tracker
            .add_evidence(
                &self.ea,
                &NewEvidence {
                    recommendation_id,
                    observed_on: Some(observed_on.into()),
                    kind: kind.into(),
                    text: text.into(),
                    ..Default::default()
                },
            )
            .unwrap()
            .id
    }

    pub fn period(&mut self, label: &str, start: &str, end: &str) -> i64 {
        self.tracker
            .open_period(
                &self.ea,
                &NewPeriod {
                    label: label.into(),
                    starts_on: start.into(),
                    ends_on: end.into(),
                },
            )
            .unwrap()
            .id
    }

    pub fn report(&mut self, period_id: i64, number: i64, status: &str, confidence: &str) -> i64 {
        let recommendation_id = self.rec(number);
        self.tracker
            .report_assessment(
                &self.ea,
                &AssessmentInput {
                    period_id,
                    recommendation_id,
                    status: status.into(),
                    confidence: confidence.into(),
                    commentary: "On track".into(),
                    ..Default::default()
                },
            )
            .unwrap()
            .id
    }

    /// Reports and accepts all eight recommendations in a period.
    pub fn complete_period(&mut self, period_id: i64, confidence: &str) {
        for n in 1..=8 {
            let id = self.report(period_id, n, "in_process", confidence);
            self.tracker.accept_assessment(&self.dm, id).unwrap();
        }
    }

    /// Every row of every table, as text: equal snapshots mean nothing
    /// changed.
    pub fn snapshot(&self) -> String {
        snapshot(self.tracker.connection())
    }
}

/// A new tracker in a temporary folder, on 2026-11-25.
pub fn fixture() -> Fixture {
    fixture_on(TODAY)
}

pub fn fixture_on(today: &str) -> Fixture {
    fixture_with(Box::new(FixedClock::on(date(today))))
}

/// A new tracker whose clock the test moves, starting on `day`.
pub fn fixture_moving(day: &str) -> (Fixture, ManualClock) {
    let clock = ManualClock::on(date(day));
    (fixture_with(Box::new(clock.clone())), clock)
}

fn fixture_with(clock: Box<dyn followthrough_core::Clock>) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tracker.sqlite3");
    let tracker = Tracker::create(&path, clock).unwrap();
    Fixture {
        dir,
        tracker,
        ea: Actor::new("Executive Assistant").unwrap(),
        dm: Actor::new("Deputy Minister").unwrap(),
    }
}

/// A copy, in a new temporary folder, of the fixture tracker the program
/// made at data version `version` (`tests/fixtures/trackers/`), with its
/// export.
pub fn old_tracker(version: i64) -> (tempfile::TempDir, PathBuf, String) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/trackers");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tracker.sqlite3");
    std::fs::copy(fixtures.join(format!("v{version}.sqlite3")), &path).unwrap();
    let export = std::fs::read_to_string(fixtures.join(format!("v{version}-export.json"))).unwrap();
    (dir, path, export)
}

pub fn reopen(path: &Path, today: &str) -> Tracker {
    Tracker::open(path, Box::new(FixedClock::on(date(today)))).unwrap()
}

pub fn snapshot(conn: &Connection) -> String {
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables.retain(|t| !t.starts_with("sqlite_"));
    let mut out = String::new();
    for t in tables {
        out.push_str(&format!("## {t}\n"));
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1"))
            .unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let cells: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect();
                Ok(cells.join(" | "))
            })
            .unwrap();
        for row in rows {
            out.push_str(&row.unwrap());
            out.push('\n');
        }
    }
    out
}

/// Asserts an input error on `field` for `rule`.
#[track_caller]
pub fn assert_invalid<T: std::fmt::Debug>(r: Result<T, CoreError>, field: &str, rule: Rule) {
    let e = r.expect_err("expected an input error");
    assert_eq!(e.code(), ErrorCode::InvalidInput, "{e}");
    assert_eq!(e.field(), Some(field), "{e}");
    assert_eq!(e.rule(), Some(rule), "{e}");
    assert!(!e.to_string().is_empty());
}

/// Asserts an error with the given code.
#[track_caller]
pub fn assert_code<T: std::fmt::Debug>(r: Result<T, CoreError>, code: ErrorCode) -> CoreError {
    let e = r.expect_err("expected an error");
    assert_eq!(e.code(), code, "{e}");
    e
}

pub fn audit_count(t: &Tracker) -> i64 {
    followthrough_core::audit::count(t.connection()).unwrap()
}
