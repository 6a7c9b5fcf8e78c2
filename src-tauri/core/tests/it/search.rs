//! Search across evidence, milestones and assessment text.

use crate::common::*;
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

#[test]
fn words_are_found_from_their_start_whatever_their_case() {
    let mut f = fixture();
    f.evidence(
        1,
        "progress",
        "2026-11-01",
        "Approvals pending at TREASURY Board",
    );
    f.evidence(1, "progress", "2026-11-02", "Évaluation du projet pilote");
    assert_eq!(f.tracker.search("approv").unwrap().len(), 1);
    assert_eq!(f.tracker.search("treasury board").unwrap().len(), 1);
    assert_eq!(
        f.tracker.search("Board at").unwrap().len(),
        0,
        "the words as typed, in order"
    );
    assert_eq!(
        f.tracker.search("proval").unwrap().len(),
        0,
        "not from inside a word"
    );
    assert_eq!(f.tracker.search("évaluation").unwrap().len(), 1);
    assert_eq!(f.tracker.search("ÉVALUATION DU").unwrap().len(), 1);
}

#[test]
fn the_index_follows_every_change_to_the_text() {
    let mut f = fixture();
    let m = f.milestone(2, "Draft the platform charter", "2026-12-15");
    assert_eq!(f.tracker.search("charter").unwrap().len(), 1);
    f.tracker
        .edit_milestone(&f.ea, m, "Publish the platform mandate", None)
        .unwrap();
    assert_eq!(f.tracker.search("charter").unwrap().len(), 0);
    let hits = f.tracker.search("mandate").unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, m);
    let integrity: String = f
        .tracker
        .connection()
        .query_row(
            "INSERT INTO milestone_search (milestone_search, rank) VALUES ('integrity-check', 1) RETURNING 'ok'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(integrity, "ok", "the index matches its table");
}

#[test]
fn notes_written_before_the_index_existed_are_found() {
    use followthrough_core::db::migrate;
    // Made by the program at data version 3, before the search index.
    let (_dir, path, _) = old_tracker(3);
    let mut t = reopen(&path, TODAY);
    assert_eq!(
        migrate::version(t.connection()).unwrap(),
        migrate::latest_version()
    );
    let hits = t.search("treasury").unwrap();
    assert!(
        hits.iter()
            .any(|h| h.text == "[SAMPLE] Treasury Board submission drafted."),
        "{hits:?}"
    );
    assert_eq!(t.search("rdims 2231").unwrap()[0].field, "source_ref");
    t.verify().unwrap();
}
