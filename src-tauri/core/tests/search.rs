//! Search across evidence, milestones and assessment text.

mod common;

use common::*;
use followthrough_core::search::HitKind;
use followthrough_core::Rule;

#[test]
fn search_finds_notes_milestones_and_commentary_with_their_recommendation() {
    let mut f = fixture();
    f.evidence(
        2,
        "risk",
        "2026-11-01",
        "Procurement of the survey tool is delayed",
    );
    f.evidence(3, "document", "2026-11-02", "Unrelated note");
    f.milestone(4, "Survey results published", "2026-12-15");
    let p = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    let rec5 = f.rec(5);
    f.tracker
        .report_assessment(
            &f.ea,
            &followthrough_core::assessments::AssessmentInput {
                period_id: p,
                recommendation_id: rec5,
                status: "in_process".into(),
                confidence: "amber".into(),
                risks: "The SURVEY may slip".into(),
                ..Default::default()
            },
        )
        .unwrap();

    let hits = f.tracker.search("survey").unwrap();
    let found: Vec<(HitKind, i64, &str)> = hits
        .iter()
        .map(|h| (h.kind.clone(), h.recommendation_number, h.field))
        .collect();
    assert_eq!(
        found,
        vec![
            (HitKind::Assessment, 5, "risks"),
            (HitKind::Milestone, 4, "title"),
            (HitKind::Evidence, 2, "text"),
        ],
        "newest date first"
    );
    assert_eq!(hits[0].period_label.as_deref(), Some("2026-27 Q3"));
}

#[test]
fn search_terms_match_literally() {
    let mut f = fixture();
    f.evidence(1, "metric", "2026-11-01", "Coverage reached 100% in Q2");
    f.evidence(1, "metric", "2026-11-02", "Coverage reached 1000 in Q2");
    f.evidence(1, "document", "2026-11-03", "See file_name_v2");
    f.evidence(1, "document", "2026-11-04", "See fileXnameXv2");
    assert_eq!(f.tracker.search("100%").unwrap().len(), 1);
    assert_eq!(f.tracker.search("file_name").unwrap().len(), 1);
    assert_eq!(
        f.tracker
            .search("'; DROP TABLE evidence; --")
            .unwrap()
            .len(),
        0
    );
    assert_eq!(f.tracker.evidence(None, None).unwrap().len(), 4);
    assert_invalid(f.tracker.search("  "), "query", Rule::Required);
}

#[test]
fn a_source_reference_is_searchable() {
    let mut f = fixture();
    let rec = f.rec(6);
    f.tracker
        .add_evidence(
            &f.ea,
            &followthrough_core::evidence::NewEvidence {
                recommendation_id: rec,
                kind: "document".into(),
                text: "Terms of reference approved".into(),
                source_ref: "RDIMS 12345".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let hits = f.tracker.search("rdims").unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].field, "source_ref");
    assert_eq!(hits[0].recommendation_id, rec);
}
