//! JSON and CSV exports.

mod common;

use common::*;
use serde_json::Value;

fn populated() -> Fixture {
    let mut f = fixture();
    let o = f.owner("=HYPERLINK(\"http://evil.example\",\"click\")");
    let rec = f.rec(1);
    f.tracker.assign_owners(&f.ea, rec, Some(o), &[]).unwrap();
    let m = f.milestone(1, "Plan, with \"quotes\"", "2026-12-01");
    f.tracker
        .move_milestone(&f.ea, m, "2027-01-10", "Line one\nline two")
        .unwrap();
    f.evidence(1, "risk", "2026-11-20", "+cmd|' /C calc'!A0");
    let p = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    let a = f.report(p, 1, "in_process", "amber");
    f.tracker.accept_assessment(&f.dm, a).unwrap();
    f
}

#[test]
fn the_json_export_holds_the_whole_tracker_with_a_format_version() {
    let mut f = populated();
    let v: Value = serde_json::from_str(&f.tracker.export_json().unwrap()).unwrap();
    assert_eq!(v["format"], "followthrough-export");
    assert_eq!(v["format_version"], 2);
    assert_eq!(
        v["schema_version"],
        followthrough_core::db::migrate::latest_version()
    );
    assert_eq!(v["exported_at"], "2026-11-25T12:00:00.000Z");
    assert_eq!(v["sample"], false);
    assert_eq!(v["report"]["title"], "Making Digital Happen");
    for key in [
        "recommendations",
        "owners",
        "milestones",
        "evidence",
        "periods",
        "assessments",
        "snapshots",
        "audit",
    ] {
        assert!(v[key].is_array(), "{key}");
    }
    let recs = v["recommendations"].as_array().unwrap();
    assert_eq!(recs.len(), 8);
    for (i, r) in recs.iter().enumerate() {
        assert_eq!(r["number"], i as i64 + 1);
        assert_eq!(r["text"], followthrough_core::seed::RECOMMENDATIONS[i].text);
        assert!(r["title"].is_string());
    }
    let m = &v["milestones"][0];
    assert_eq!(m["baseline_due"], "2026-12-01");
    assert_eq!(m["current_due"], "2027-01-10");
    assert_eq!(m["revisions"][0]["reason"], "Line one\nline two");
    assert_eq!(v["assessments"][0]["review_state"], "accepted");
    assert_eq!(v["assessments"][0]["status"], "in_process");
    let audit = v["audit"].as_array().unwrap();
    assert_eq!(audit[0]["action"], "seed_report", "oldest first");
    assert_eq!(audit.len() as i64, audit_count(&f.tracker));
}

#[test]
fn the_csv_export_writes_one_spreadsheet_safe_file_per_table() {
    let mut f = populated();
    let out = f.dir.path().join("csv");
    let files = f.tracker.export_csv(&f.ea, &out).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "recommendations.csv",
            "owners.csv",
            "milestones.csv",
            "milestone_revisions.csv",
            "evidence.csv",
            "periods.csv",
            "assessments.csv",
            "audit.csv"
        ]
    );
    let read = |name: &str| std::fs::read_to_string(out.join(name)).unwrap();
    let owners = read("owners.csv");
    assert!(owners.starts_with("\u{feff}id,name,title,unit,email,active\r\n"));
    assert!(
        owners.contains("'=HYPERLINK("),
        "formula neutralised: {owners}"
    );
    assert!(!owners.contains(",=HYPERLINK"), "{owners}");

    let body = |text: &str| {
        let mut r =
            csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        r.records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    };
    let evidence = body(&read("evidence.csv"));
    assert_eq!(evidence[0][6], "'+cmd|' /C calc'!A0");
    assert_eq!(evidence[0][4], "Risk");
    let milestones = body(&read("milestones.csv"));
    assert_eq!(milestones[0][2], "Plan, with \"quotes\"");
    assert_eq!(milestones[0][6], "40", "slip in days");
    assert_eq!(milestones[0][7], "1", "re-plans");
    let revisions = body(&read("milestone_revisions.csv"));
    assert_eq!(revisions[0][6], "Line one\nline two");
    let recs = body(&read("recommendations.csv"));
    assert_eq!(recs.len(), 8);
    assert_eq!(recs[0][6], "'=HYPERLINK(\"http://evil.example\",\"click\")");
    let assessments = body(&read("assessments.csv"));
    assert_eq!(assessments[0][3], "In the process of being implemented");
    assert_eq!(assessments[0][11], "Accepted");
}
