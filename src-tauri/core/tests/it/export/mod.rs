//! JSON and CSV exports.

use crate::common::*;
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
    assert_eq!(v["format_version"], 4);
    assert_eq!(v["tracker_id"], f.tracker.tracker_id());
    assert_eq!(v["tracker_id"].as_str().unwrap().len(), 32);
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
    assert_eq!(audit[0]["action"], "create_tracker", "oldest first");
    assert_eq!(audit[1]["action"], "seed_report");
    assert_eq!(audit.len() as i64, audit_count(&f.tracker));
    let last = audit.last().unwrap();
    assert_eq!(
        v["trail_head"]["event_id"], last["id"],
        "the head is the newest event"
    );
    assert_eq!(v["trail_head"]["hash"], last["hash"]);
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
            "audit.csv",
            "briefing_periods.csv"
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

fn csv_rows(path: &std::path::Path) -> Vec<std::collections::HashMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut r =
        csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    r.records()
        .map(|rec| {
            header
                .iter()
                .cloned()
                .zip(rec.unwrap().iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

#[test]
fn the_briefing_period_view_says_per_period_what_each_briefing_says() {
    let mut f = fixture();
    let lead = f.owner("Amira Haddad");
    let rec = f.rec(1);
    f.tracker
        .assign_owners(&f.ea, rec, Some(lead), &[])
        .unwrap();
    let m = f.milestone(1, "Publish the standard", "2026-09-01");
    f.milestone(1, "=Train the approvers", "2027-02-01");
    f.evidence(1, "progress", "2026-08-10", "Mapped 17 approvals.");
    let q2 = f.period("2026-27 Q2", "2026-07-01", "2026-09-30");
    f.complete_period(q2, "amber");
    f.tracker.sign_off_period(&f.dm, q2).unwrap();
    let q3 = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    f.tracker
        .move_milestone(&f.ea, m, "2026-11-01", "Waiting for legal review")
        .unwrap();
    f.report(q3, 1, "in_process", "amber_red");
    f.evidence(1, "risk", "2026-11-20", "Legal review is late.");

    let out = f.dir.path().join("csv");
    f.tracker.export_csv(&f.ea, &out).unwrap();
    let rows = csv_rows(&out.join("briefing_periods.csv"));
    assert_eq!(
        rows.len(),
        16,
        "eight recommendations in each of two periods"
    );

    let q2_fingerprint = f.tracker.period_snapshot(q2).unwrap().unwrap().fingerprint;
    let (q2_rows, q3_rows): (Vec<_>, Vec<_>) =
        rows.iter().partition(|r| r["period"] == "2026-27 Q2");
    assert_eq!(q2_rows.len(), 8);
    let first = q2_rows[0];
    assert_eq!(first["number"], "1");
    assert_eq!(first["period_state"], "Signed off");
    assert_eq!(first["made_from"], "signed-off snapshot");
    assert_eq!(first["snapshot_fingerprint"], q2_fingerprint);
    assert_eq!(first["lead_owner"], "Amira Haddad");
    assert_eq!(first["confidence"], "Amber");
    assert_eq!(first["confidence_trend"], "New this period");
    assert_eq!(first["review_state"], "Accepted");
    // "=Train the approvers" was added after Q2 ended and is first due
    // after it: not part of Q2.
    assert_eq!(first["milestones_total"], "1");
    assert_eq!(first["next_milestone_due"], "2026-09-01");
    assert_eq!(first["evidence_notes_in_period"], "1");

    let now = q3_rows[0];
    assert_eq!(now["period"], "2026-27 Q3");
    assert_eq!(now["made_from"], "live data (draft)");
    assert_eq!(now["snapshot_fingerprint"].len(), 64);
    assert_eq!(now["status"], "In the process of being implemented");
    assert_eq!(now["confidence"], "Amber/Red");
    assert_eq!(now["confidence_trend"], "Worsened");
    assert_eq!(now["review_state"], "Awaiting review");
    assert_eq!(
        now["milestones_overdue"], "1",
        "due 2026-11-01, today 2026-11-25"
    );
    assert_eq!(now["milestones_slipped"], "1");
    assert_eq!(now["next_milestone"], "Publish the standard");
    assert_eq!(now["next_milestone_due"], "2026-11-01");
    assert_eq!(now["evidence_notes_in_period"], "1");
    assert_eq!(q3_rows[1]["status"], "", "not reported in Q3");
    assert_eq!(q3_rows[1]["confidence_trend"], "");

    // Formula-like user text is neutralised here as in every CSV file.
    let text = std::fs::read_to_string(out.join("briefing_periods.csv")).unwrap();
    assert!(!text.contains(",=Train"), "{text}");
}
