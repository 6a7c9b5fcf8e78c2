//! Signed decisions at the computer: once a reviewer is registered, only
//! their signature reviews; every rule of a review still holds; `verify`
//! re-checks each signature.

use crate::common::*;
use crate::reviewers::{dm_key, register};
use followthrough_core::assessments::reported_hash;
use followthrough_core::decisions::{DecisionInput, Statement};
use followthrough_core::keys::SecretKey;
use followthrough_core::scales::{DecisionKind, ReviewState};
use followthrough_core::{Actor, CoreError, FixedClock, Operator, Tracker};
use followthrough_core::{ErrorCode, Rule};
use proptest::prelude::*;
use std::path::Path;

/// Imports the export at `export` into a new tracker at `target`.
fn try_import_into(export: &Path, target: &Path) -> Result<Tracker, CoreError> {
    let bytes = std::fs::read(export).unwrap();
    followthrough_core::import::import(
        target,
        "export.json",
        &bytes,
        false,
        Box::new(FixedClock::on(date(TODAY))),
        Operator {
            actor: &Actor::new("Records Officer").unwrap(),
            machine: "records-laptop",
            witness: None,
        },
    )?;
    Tracker::open(target, Box::new(FixedClock::on(date(TODAY))))
}

fn import_into(export: &Path, target: &Path) -> Tracker {
    try_import_into(export, target).unwrap()
}

/// Opens the file at `path` and checks it whole: the first problem found.
fn checked(path: &Path) -> Result<(), CoreError> {
    Tracker::open(path, Box::new(FixedClock::on(date(TODAY))))?.verify()
}

fn decision(f: &mut Fixture, assessment: i64, kind: &str, comment: &str) -> DecisionInput {
    let a = f.tracker.assessment(assessment).unwrap();
    DecisionInput {
        period_id: a.period_id,
        assessment_id: Some(assessment),
        decision: kind.into(),
        comment: comment.into(),
        reported: Some(reported_hash(&a)),
    }
}

#[test]
fn once_a_reviewer_is_registered_a_typed_name_accepts_nothing() {
    let mut f = fixture();
    let p = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    let id = f.report(p, 1, "in_process", "amber");
    register(&mut f, &dm_key());
    let before = f.snapshot();
    // The executive assistant types the deputy minister's name.
    assert_code(
        f.tracker.accept_assessment(&f.dm, id),
        ErrorCode::SignatureRequired,
    );
    assert_code(
        f.tracker.return_assessment(&f.dm, id, "Why?"),
        ErrorCode::SignatureRequired,
    );
    assert_code(
        f.tracker.sign_off_period(&f.dm, p),
        ErrorCode::SignatureRequired,
    );
    assert_eq!(f.snapshot(), before);
    // The page says so before anyone tries.
    let rec = f.rec(1);
    let page = f
        .tracker
        .recommendation_page(rec, Default::default())
        .unwrap()
        .for_reviewer(&f.dm);
    assert!(page.signatures_required);
    assert_eq!(
        page.review_refusal.unwrap().code,
        ErrorCode::SignatureRequired
    );
}

#[test]
fn a_registered_reviewer_accepts_and_returns_with_their_key_and_the_signature_is_kept() {
    let mut f = fixture();
    let p = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    let first = f.report(p, 1, "in_process", "amber");
    let second = f.report(p, 2, "in_process", "red");
    let key = dm_key();
    register(&mut f, &key);

    let input = decision(&mut f, first, "accept", "");
    let accepted = f.tracker.decide(&key, &input).unwrap();
    assert_eq!(accepted.decision, DecisionKind::Accept);
    let a = f.tracker.assessment(first).unwrap();
    assert_eq!(a.review_state, ReviewState::Accepted);
    assert_eq!(a.reviewed_by.as_deref(), Some("Deputy Minister"));

    let input = decision(&mut f, second, "return", "Why is this red?");
    f.tracker.decide(&key, &input).unwrap();
    let b = f.tracker.assessment(second).unwrap();
    assert_eq!(b.review_state, ReviewState::Returned);
    assert_eq!(b.review_comment, "Why is this red?");

    // The statement is what was decided, and the reviewer's key signed it.
    let kept = f.tracker.signed_decisions().unwrap();
    assert_eq!(kept.len(), 2);
    let statement = Statement::parse(&kept[1].statement).unwrap();
    assert_eq!(statement.decision, DecisionKind::Return);
    assert_eq!(statement.comment, "Why is this red?");
    assert_eq!(statement.recommendation, Some(2));
    assert_eq!(statement.tracker_id, f.tracker.tracker_id());
    assert_eq!(statement.key, key.public().fingerprint().as_str());
    assert!(key
        .public()
        .verify(kept[1].statement.as_bytes(), &kept[1].signature));

    // The event is the reviewer's, and the page names the signer.
    let events = f.tracker.audit_trail(&Default::default()).unwrap();
    assert_eq!(
        (events[0].action.as_str(), events[0].actor.as_str()),
        ("return_assessment", "Deputy Minister")
    );
    let rec = f.rec(1);
    let page = f
        .tracker
        .recommendation_page(rec, Default::default())
        .unwrap();
    let signed = page.assessments.last().unwrap().signed.clone().unwrap();
    assert_eq!(signed.reviewer, "Deputy Minister");
    assert_eq!(signed.key, key.public().fingerprint().short());
    f.tracker.verify().unwrap();
}

#[test]
fn every_rule_of_a_review_holds_for_a_signed_decision() {
    let mut f = fixture();
    let p = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    let full = f.report(p, 3, "fully_implemented", "green");
    let key = dm_key();
    register(&mut f, &key);
    let before = f.snapshot();

    // The evidence gate, whoever signs.
    let input = decision(&mut f, full, "accept", "");
    assert_code(f.tracker.decide(&key, &input), ErrorCode::EvidenceRequired);
    // A return needs its question.
    let input = decision(&mut f, full, "return", "  ");
    assert_invalid(f.tracker.decide(&key, &input), "comment", Rule::Required);
    // A key not on the register.
    let stranger = SecretKey::generate("Deputy Minister").unwrap();
    let input = decision(&mut f, full, "return", "Evidence?");
    assert_code(f.tracker.decide(&stranger, &input), ErrorCode::NotAReviewer);
    // A report other than the one shown.
    let mut input = decision(&mut f, full, "return", "Evidence?");
    input.reported = Some("0".repeat(64));
    assert_code(
        f.tracker.decide(&key, &input),
        ErrorCode::ChangedSinceReview,
    );
    // Sign-off with the period incomplete.
    let input = DecisionInput {
        period_id: p,
        decision: "sign_off".into(),
        ..Default::default()
    };
    assert_code(f.tracker.decide(&key, &input), ErrorCode::PeriodIncomplete);
    assert_eq!(f.snapshot(), before);

    // The reviewer who reported cannot review: a key registered under the
    // reporter's name is still the reporter.
    let ea_key = SecretKey::generate("Executive Assistant").unwrap();
    register(&mut f, &ea_key);
    let input = decision(&mut f, full, "return", "Evidence?");
    assert_code(f.tracker.decide(&ea_key, &input), ErrorCode::SameReviewer);
}

#[test]
fn a_removed_reviewer_signs_nothing_new_and_what_they_signed_still_verifies() {
    let mut f = fixture();
    let p = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    let id = f.report(p, 1, "in_process", "amber");
    let key = dm_key();
    let reviewer = register(&mut f, &key);
    let input = decision(&mut f, id, "return", "Why?");
    f.tracker.decide(&key, &input).unwrap();
    f.tracker.remove_reviewer(&f.ea, reviewer).unwrap();
    let id = f.report(p, 1, "in_process", "green");
    let input = decision(&mut f, id, "accept", "");
    assert_code(f.tracker.decide(&key, &input), ErrorCode::NotAReviewer);
    // With nobody registered, the single-computer flow is back.
    f.tracker.accept_assessment(&f.dm, id).unwrap();
    f.tracker.verify().unwrap();
}

#[test]
fn a_whole_period_signed_off_by_signature_and_exported_and_imported_whole() {
    let mut f = fixture();
    let p = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    let key = dm_key();
    register(&mut f, &key);
    for n in 1..=8 {
        let id = f.report(p, n, "in_process", "green");
        let input = decision(&mut f, id, "accept", "");
        f.tracker.decide(&key, &input).unwrap();
    }
    let input = DecisionInput {
        period_id: p,
        decision: "sign_off".into(),
        ..Default::default()
    };
    f.tracker.decide(&key, &input).unwrap();
    let period = f
        .tracker
        .periods()
        .unwrap()
        .into_iter()
        .find(|q| q.id == p)
        .unwrap();
    assert_eq!(period.signed_off_by.as_deref(), Some("Deputy Minister"));
    f.tracker.verify().unwrap();

    let json = f.tracker.export_json().unwrap();
    let doc: followthrough_core::export::json::ExportDocument =
        serde_json::from_str(&json).unwrap();
    assert_eq!((doc.reviewers.len(), doc.decisions.len()), (1, 9));
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.sqlite3");
    let export = dir.path().join("export.json");
    std::fs::write(&export, &json).unwrap();
    let mut imported = import_into(&export, &copy);
    imported.verify().unwrap();
    assert_eq!(
        imported.signed_decisions().unwrap(),
        f.tracker.signed_decisions().unwrap()
    );

    // An export whose decision was edited is refused whole.
    let edited = json.replacen(
        r#"\"decision\":\"accept\""#,
        r#"\"decision\":\"return\""#,
        1,
    );
    assert_ne!(edited, json);
    std::fs::write(&export, &edited).unwrap();
    let refused = try_import_into(&export, &dir.path().join("other.sqlite3"))
        .err()
        .expect("refused");
    assert_eq!(refused.code(), ErrorCode::InvalidImport, "{refused}");
}

#[test]
fn verify_catches_a_signed_decision_edited_in_the_file() {
    let mut f = fixture();
    let p = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    let id = f.report(p, 1, "in_process", "amber");
    let key = dm_key();
    register(&mut f, &key);
    let input = decision(&mut f, id, "return", "Why?");
    f.tracker.decide(&key, &input).unwrap();
    f.tracker.verify().unwrap();
    let path = f.path();
    drop(f.tracker);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "UPDATE signed_decision SET statement = replace(statement, 'Why?', 'Fine.')",
        [],
    )
    .unwrap();
    drop(conn);
    let e = checked(&path).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Tampered, "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]

    /// Any mix of accepts and returns over the eight reports, each signed:
    /// every state is what its latest decision says, there is one signed
    /// decision per decision, and the file verifies.
    #[test]
    fn any_set_of_signed_decisions_leaves_a_file_that_verifies(
        choices in proptest::collection::vec((1i64..=8, any::<bool>()), 1..12)
    ) {
        let mut f = fixture();
        let p = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
        let key = dm_key();
        let ids: Vec<i64> = (1..=8).map(|n| f.report(p, n, "in_process", "amber")).collect();
        register(&mut f, &key);
        let mut expected = std::collections::HashMap::new();
        let mut applied = 0;
        for (n, accept) in choices {
            let id = ids[(n - 1) as usize];
            let state = f.tracker.assessment(id).unwrap().review_state;
            let wanted = if accept { ReviewState::Accepted } else { ReviewState::Returned };
            let input = decision(&mut f, id, if accept { "accept" } else { "return" }, "A question");
            let result = f.tracker.decide(&key, &input);
            if state == wanted {
                prop_assert_eq!(result.unwrap_err().code(), ErrorCode::ReviewState);
            } else {
                result.unwrap();
                applied += 1;
                expected.insert(id, wanted);
            }
        }
        for (id, state) in expected {
            prop_assert_eq!(f.tracker.assessment(id).unwrap().review_state, state);
        }
        prop_assert_eq!(f.tracker.signed_decisions().unwrap().len(), applied);
        f.tracker.verify().unwrap();
    }
}

#[test]
fn the_dashboard_the_history_and_the_period_snapshot_say_who_signed() {
    let mut f = fixture();
    let p = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    let key = dm_key();
    let short = key.public().fingerprint().short().to_owned();
    register(&mut f, &key);
    for n in 1..=8 {
        let id = f.report(p, n, "in_process", "green");
        let input = decision(&mut f, id, "accept", "");
        f.tracker.decide(&key, &input).unwrap();
    }
    let signed_by_dm = |s: &Option<followthrough_core::decisions::Signer>| {
        s.as_ref()
            .is_some_and(|s| s.reviewer == "Deputy Minister" && s.key == short)
    };

    let dash = f.tracker.dashboard().unwrap();
    assert!(dash.rows.iter().all(|r| signed_by_dm(&r.signed)
        && r.reviewed_by.as_deref() == Some("Deputy Minister")
        && r.reviewed_at.is_some()));

    let input = DecisionInput {
        period_id: p,
        decision: "sign_off".into(),
        ..Default::default()
    };
    f.tracker.decide(&key, &input).unwrap();

    // Each review on the trail says who signed it; a report says nothing.
    let page = f.tracker.history_page(&Default::default()).unwrap();
    for e in &page.events {
        match e.event.action.as_str() {
            "accept_assessment" | "sign_off_period" => {
                assert!(signed_by_dm(e.signed.as_ref().unwrap()), "{e:?}")
            }
            _ => assert!(e.signed.is_none(), "{e:?}"),
        }
    }
    let json = serde_json::to_value(&page.events).unwrap();
    let report = json
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "report_assessment")
        .unwrap();
    assert!(report.get("signed").is_none(), "left out: {report}");

    // The period's screen says who signed it off, and each review.
    let page = f.tracker.period_page(Some(p)).unwrap();
    assert!(signed_by_dm(&page.sign_off_signed));
    assert!(page.rows.iter().all(|r| signed_by_dm(&r.signed)));

    // The snapshot frozen at sign-off names the signer of the sign-off and
    // of each review, so a briefing says it years later.
    let source = f.tracker.briefing_source(p).unwrap();
    assert!(signed_by_dm(&source.snapshot.sign_off_signer));
    assert!(source
        .snapshot
        .recommendations
        .iter()
        .all(|r| signed_by_dm(&r.review_signer)));
    f.tracker.verify().unwrap();
}
