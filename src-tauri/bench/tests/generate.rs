//! Generated benchmark trackers: the counts the scale promises, a history a
//! real office could have written (signed-off periods, re-planned and
//! completed milestones, a sound audit chain), and the same content every
//! time.

use followthrough_bench::generate::{generate, Generated, NOTES, PERIODS};
use followthrough_core::{FixedClock, Tracker};

fn today() -> chrono::NaiveDate {
    "2026-11-25".parse().unwrap()
}

#[test]
fn a_generated_tracker_has_the_promised_size_and_a_plausible_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.sqlite3");
    let made = generate(&path, 1, today(), 7).unwrap();
    assert_eq!(
        made,
        Generated {
            milestones: 200,
            notes: NOTES,
            periods: PERIODS,
            owners: 12,
        }
    );

    let mut t = Tracker::open(&path, Box::new(FixedClock::on(today()))).unwrap();
    t.verify()
        .expect("integrity, references and the audit chain hold");
    let periods = t.periods().unwrap();
    assert_eq!(periods.len(), 8);
    let signed = periods
        .iter()
        .filter(|p| p.state.key() == "signed_off")
        .count();
    assert_eq!(signed, 7, "all but the last period are signed off");
    let current = t
        .current_period()
        .unwrap()
        .expect("today is in the last period");
    assert_eq!(current.id, periods.last().unwrap().id);

    let milestones = t.milestones(None).unwrap();
    assert_eq!(milestones.len(), 200);
    assert!(milestones.iter().any(|m| m.state.key() == "done"));
    assert!(milestones.iter().any(|m| !m.revisions.is_empty()));
    assert!(milestones.iter().any(|m| m.state.key() == "cancelled"));
    let synchronous: i64 = t
        .connection()
        .pragma_query_value(None, "synchronous", |r| r.get(0))
        .unwrap();
    assert_eq!(synchronous, 2, "the app's durable setting is back");

    let dashboard = t.dashboard().unwrap();
    assert_eq!(dashboard.rows.len(), 8);
    assert!(dashboard.rows.iter().all(|r| r.status.is_some()));
}

#[test]
fn the_same_seed_gives_the_same_tracker_and_an_existing_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // Each tracker has an identity of its own, drawn at random when it is
    // created, which every event's seal covers; all else is the same.
    let export = |name: &str| {
        let path = dir.path().join(name);
        generate(&path, 1, today(), 11).unwrap();
        let mut t = Tracker::open(&path, Box::new(FixedClock::on(today()))).unwrap();
        let mut v: serde_json::Value = serde_json::from_str(&t.export_json().unwrap()).unwrap();
        let doc = v.as_object_mut().unwrap();
        doc.remove("tracker_id");
        doc.remove("trail_head");
        for e in doc["audit"].as_array_mut().unwrap() {
            let e = e.as_object_mut().unwrap();
            for key in ["hash", "prev_hash"] {
                e.remove(key);
            }
            if e["action"] == "create_tracker" {
                e.remove("after");
                e.remove("records");
            }
        }
        v
    };
    assert!(
        export("a.sqlite3") == export("b.sqlite3"),
        "identical exports"
    );
    let err = generate(&dir.path().join("a.sqlite3"), 1, today(), 11).unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
}
