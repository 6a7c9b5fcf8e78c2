//! Seeding: the report's eight recommendations, word for word, once.

use crate::common::*;
use followthrough_core::seed::RECOMMENDATIONS;

/// The recommendations as the report prints them, parsed from the excerpt
/// kept in `tests/fixtures`: (number, bold lead sentence, whole text).
fn from_report() -> Vec<(i64, String, String)> {
    let excerpt = include_str!("../../fixtures/making-digital-happen-recommendations.txt");
    let mut recs: Vec<(i64, String, String)> = Vec::new();
    for line in excerpt.lines() {
        if let Some(item) = line.strip_prefix("-  **") {
            let (number, rest) = item.split_once(". ").expect("numbered item");
            let (lead, tail) = rest.split_once("**").expect("bold lead");
            let tail = tail.trim();
            let text = if tail.is_empty() {
                lead.to_owned()
            } else {
                format!("{lead} {tail}")
            };
            recs.push((number.parse().unwrap(), lead.to_owned(), text));
        } else if let Some(last) = recs.last_mut() {
            // A paragraph that runs over a page break continues here.
            if !line.trim().is_empty() {
                last.2.push(' ');
                last.2.push_str(line.trim());
            }
        }
    }
    recs
}

#[test]
fn the_excerpt_holds_all_eight_recommendations() {
    let recs = from_report();
    assert_eq!(
        recs.iter().map(|r| r.0).collect::<Vec<_>>(),
        (1..=8).collect::<Vec<_>>()
    );
    assert!(recs[3]
        .2
        .contains("Professional development practices could also be streamlined"));
}

#[test]
fn seeded_recommendations_are_worded_exactly_as_the_report() {
    let mut f = fixture();
    let seeded = f.tracker.recommendations().unwrap();
    let expected = from_report();
    assert_eq!(seeded.len(), 8);
    for (rec, (number, lead, text)) in seeded.iter().zip(&expected) {
        assert_eq!(rec.number, *number);
        assert_eq!(&rec.lead, lead, "lead of recommendation {number}");
        assert_eq!(&rec.text, text, "text of recommendation {number}");
        assert!(rec.text.starts_with(&rec.lead));
        assert!(!rec.title.is_empty() && rec.title.chars().count() <= 60);
        assert!(rec.findings.contains("What We Heard") || rec.findings.contains("What To Do"));
        assert!(rec.lead_owner_id.is_none() && rec.target_date.is_none());
    }
}

#[test]
fn the_report_is_recorded_with_its_authors_and_date() {
    let mut f = fixture();
    let reports = f.tracker.reports().unwrap();
    assert_eq!(reports.len(), 1);
    let r = &reports[0];
    assert_eq!(r.title, "Making Digital Happen");
    assert_eq!(
        r.subtitle,
        "Ontario's Public Service and the Challenges of Digital Governance"
    );
    assert_eq!(
        r.authors,
        vec![
            "Jonathan Craft",
            "Evert Lindquist",
            "Justin Longo",
            "Heather Millar"
        ]
    );
    assert_eq!(r.published, "2019-04");
}

#[test]
fn opening_again_adds_nothing() {
    let f = fixture();
    let path = f.path();
    let before = f.snapshot();
    let events = audit_count(&f.tracker);
    assert_eq!(
        events,
        1 + 1 + RECOMMENDATIONS.len() as i64,
        "the tracker's creation, then one seed event each"
    );
    drop(f.tracker);
    for _ in 0..3 {
        let t = reopen(&path, "2027-01-10");
        assert_eq!(snapshot(t.connection()), before);
    }
}

#[test]
fn a_recommendation_removed_behind_the_programs_back_is_reported_not_put_back() {
    let f = fixture();
    let path = f.path();
    f.tracker
        .connection()
        .execute("DELETE FROM recommendation WHERE number = 8", [])
        .unwrap();
    drop(f.tracker);
    let mut t = reopen(&path, TODAY);
    // Re-seeding it would hide the removal from verify.
    assert_eq!(t.recommendations().unwrap().len(), 7);
    let e = t.verify().unwrap_err();
    assert_eq!(e.code(), followthrough_core::ErrorCode::Tampered, "{e}");
    assert!(e.to_string().contains("recommendation"), "{e}");
}

#[test]
fn a_file_from_before_seals_missing_a_seeded_record_gets_it_before_sealing() {
    use followthrough_core::db::migrate;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v5.sqlite3");
    {
        let mut c = rusqlite::Connection::open(&path).unwrap();
        migrate::run_to(&mut c, 5).unwrap();
    }
    let mut t = reopen(&path, TODAY);
    let recs = t.recommendations().unwrap();
    assert_eq!(recs.len(), 8);
    assert_eq!(recs[7].text, RECOMMENDATIONS[7].text);
    t.verify().unwrap();
}
