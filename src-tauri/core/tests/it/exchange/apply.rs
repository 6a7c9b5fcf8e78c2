//! Applying a response: the round trip; refused whole when it is not what
//! it claims; stale decisions listed beside valid ones; replay changes
//! nothing; a property test over random decision sets.

use super::*;
use followthrough_core::assessments::AssessmentInput;
use followthrough_core::exchange::apply::Outcome;
use followthrough_core::scales::{DecisionKind, PeriodState, ReviewState};
use followthrough_core::ErrorCode;
use proptest::prelude::*;

fn refusal(e: &followthrough_core::CoreError) -> Option<String> {
    e.details()
        .and_then(|d| d["reason"].as_str().map(str::to_owned))
}

#[test]
fn the_round_trip_accepts_one_and_returns_another_with_the_signatures_kept() {
    let mut two = TwoComputers::new();
    let bytes = two.send();
    let mut session = two.open(&bytes);
    let first = TwoComputers::assessment(&session, 1);
    let fifth = TwoComputers::assessment(&session, 5);
    session.decide(first, "accept", "", NOW).unwrap();
    session
        .decide(fifth, "return", "Which ministries?", NOW)
        .unwrap();
    let response = two.respond(&mut session);

    let before = two.office.snapshot();
    let preview = two
        .office
        .tracker
        .preview_response(&response, &two.ea_key)
        .unwrap();
    assert_eq!(two.office.snapshot(), before, "a preview changes nothing");
    assert!(!preview.applied);
    assert_eq!(preview.reviewer, "Deputy Minister");
    assert_eq!(preview.period, "2026-27 Q3");
    assert_eq!(preview.items.len(), 2);
    assert!(preview.items.iter().all(|i| i.outcome == Outcome::Applied));

    let office = &mut two.office;
    let applied = office
        .tracker
        .apply_response(&office.ea, &response, &two.ea_key)
        .unwrap();
    assert!(applied.applied);
    assert_eq!(applied.changes(), 2);
    let a = office.tracker.assessment(first).unwrap();
    assert_eq!(
        (a.review_state, a.reviewed_by.as_deref()),
        (ReviewState::Accepted, Some("Deputy Minister"))
    );
    let b = office.tracker.assessment(fifth).unwrap();
    assert_eq!(
        (b.review_state, b.review_comment.as_str()),
        (ReviewState::Returned, "Which ministries?")
    );
    let kept = office.tracker.signed_decisions().unwrap();
    assert_eq!(kept.len(), 2);
    assert_eq!(kept[0].applied_by, "Executive Assistant");
    assert!(two
        .dm_key
        .public()
        .verify(kept[0].statement.as_bytes(), &kept[0].signature));
    office.tracker.verify().unwrap();

    // Replay: nothing changes, and it says so.
    let before = office.snapshot();
    let again = office
        .tracker
        .apply_response(&office.ea, &response, &two.ea_key)
        .unwrap();
    assert_eq!(again.changes(), 0);
    assert!(again
        .items
        .iter()
        .all(|i| i.outcome == Outcome::AlreadyApplied));
    assert_eq!(office.snapshot(), before);
}

#[test]
fn a_whole_period_accepted_and_signed_off_from_the_laptop() {
    let mut two = TwoComputers::new();
    let bytes = two.send();
    let mut session = two.open(&bytes);
    for n in 1..=8 {
        let id = TwoComputers::assessment(&session, n);
        session.decide(id, "accept", "", NOW).unwrap();
    }
    session.sign_off(true, NOW).unwrap();
    let response = two.respond(&mut session);
    let office = &mut two.office;
    let applied = office
        .tracker
        .apply_response(&office.ea, &response, &two.ea_key)
        .unwrap();
    assert_eq!(applied.changes(), 9);
    assert_eq!(
        applied.items.last().unwrap().decision,
        DecisionKind::SignOff
    );
    let period = office
        .tracker
        .periods()
        .unwrap()
        .into_iter()
        .find(|p| p.id == two.period_id)
        .unwrap();
    assert_eq!(period.state, PeriodState::SignedOff);
    assert_eq!(period.signed_off_by.as_deref(), Some("Deputy Minister"));
    office.tracker.verify().unwrap();
}

#[test]
fn a_decision_on_a_report_changed_since_the_package_is_listed_not_applied() {
    let mut two = TwoComputers::new();
    let bytes = two.send();
    let mut session = two.open(&bytes);
    let first = TwoComputers::assessment(&session, 1);
    let second = TwoComputers::assessment(&session, 2);
    session.decide(first, "accept", "", NOW).unwrap();
    session.decide(second, "accept", "", NOW).unwrap();
    for n in 1..=8 {
        if n > 2 {
            let id = TwoComputers::assessment(&session, n);
            session.decide(id, "accept", "", NOW).unwrap();
        }
    }
    session.sign_off(true, NOW).unwrap();
    let response = two.respond(&mut session);
    // Meanwhile the assistant reports recommendation 2 again.
    let rec = two.office.rec(2);
    let office = &mut two.office;
    office
        .tracker
        .report_assessment(
            &office.ea,
            &AssessmentInput {
                period_id: two.period_id,
                recommendation_id: rec,
                status: "in_process".into(),
                confidence: "red".into(),
                commentary: "Worse than thought".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let applied = office
        .tracker
        .apply_response(&office.ea, &response, &two.ea_key)
        .unwrap();
    let outcome = |n: i64| {
        applied
            .items
            .iter()
            .find(|i| i.recommendation == Some(n))
            .unwrap()
            .outcome
    };
    assert_eq!(outcome(1), Outcome::Applied);
    assert_eq!(outcome(2), Outcome::ChangedSinceReview);
    // The sign-off cannot stand without recommendation 2: refused, listed.
    let sign_off = applied.items.last().unwrap();
    assert_eq!(
        (sign_off.decision, sign_off.outcome),
        (DecisionKind::SignOff, Outcome::Refused)
    );
    assert_eq!(
        sign_off.refusal.as_ref().unwrap().code,
        ErrorCode::PeriodIncomplete
    );
    assert_eq!(
        office.tracker.assessment(second).unwrap().review_state,
        ReviewState::Pending
    );
    assert_eq!(applied.changes(), 7);
    office.tracker.verify().unwrap();
}

#[test]
fn a_flipped_byte_anywhere_in_a_response_is_refused_whole() {
    let mut two = TwoComputers::new();
    let bytes = two.send();
    let mut session = two.open(&bytes);
    let first = TwoComputers::assessment(&session, 1);
    session.decide(first, "accept", "", NOW).unwrap();
    let response = two.respond(&mut session);
    let before = two.office.snapshot();
    for i in (0..response.len()).step_by(11) {
        let mut changed = response.clone();
        changed[i] ^= 0x20;
        let office = &mut two.office;
        if let Err(e) = office
            .tracker
            .apply_response(&office.ea, &changed, &two.ea_key)
        {
            assert_eq!(e.code(), ErrorCode::ExchangeRefused, "byte {i}: {e}");
            assert_eq!(office.snapshot(), before, "byte {i}");
        } else {
            // Armor that decodes to the same bytes: the same response.
            let office = &mut two.office;
            assert_eq!(
                office.tracker.assessment(first).unwrap().review_state,
                ReviewState::Accepted
            );
            return;
        }
    }
}

#[test]
fn a_response_for_someone_else_from_someone_unknown_or_for_another_tracker_is_refused() {
    let mut two = TwoComputers::new();
    let bytes = two.send();
    let mut session = two.open(&bytes);
    let first = TwoComputers::assessment(&session, 1);
    session.decide(first, "accept", "", NOW).unwrap();
    let response = two.respond(&mut session);
    let before = two.office.snapshot();

    // Opened with another key than the one that sent the package.
    let other_ea = SecretKey::generate("Executive Assistant").unwrap();
    let e = two
        .office
        .tracker
        .preview_response(&response, &other_ea)
        .unwrap_err();
    assert_eq!(refusal(&e).as_deref(), Some("not_readable"));

    // A package given where a response is expected.
    let e = two
        .office
        .tracker
        .preview_response(&bytes, &two.dm_key)
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::ExchangeRefused);

    // The reviewer removed before the response arrives: refused.
    let office = &mut two.office;
    office
        .tracker
        .remove_reviewer(&office.ea, two.reviewer_id)
        .unwrap();
    let removed = office.snapshot();
    let e = office
        .tracker
        .apply_response(&office.ea, &response, &two.ea_key)
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotAReviewer);
    assert_eq!(office.snapshot(), removed);
    assert_ne!(before, removed);

    // Another tracker, which registered the same reviewer but sent nothing.
    let mut elsewhere = fixture();
    crate::reviewers::register(&mut elsewhere, &two.dm_key);
    let e = elsewhere
        .tracker
        .preview_response(&response, &two.ea_key)
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotThisTracker);
}

#[test]
fn a_response_to_a_package_this_tracker_did_not_send_is_refused() {
    // The same tracker file copied: the copy never recorded the package.
    let mut two = TwoComputers::new();
    let copy_dir = tempfile::tempdir().unwrap();
    let copy = copy_dir.path().join("copy.sqlite3");
    two.office
        .tracker
        .connection()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    std::fs::copy(two.office.path(), &copy).unwrap();
    let bytes = two.send();
    let mut session = two.open(&bytes);
    let first = TwoComputers::assessment(&session, 1);
    session.decide(first, "accept", "", NOW).unwrap();
    let response = two.respond(&mut session);
    let mut copied = reopen(&copy, TODAY);
    let e = copied.preview_response(&response, &two.ea_key).unwrap_err();
    assert_eq!(refusal(&e).as_deref(), Some("not_sent_here"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, .. ProptestConfig::default() })]

    /// Any set of decisions on the laptop, applied at the office: each
    /// report ends as its decision says, one signed decision is kept per
    /// decision, the file verifies, and applying again changes nothing.
    #[test]
    fn any_set_of_decisions_goes_round_and_applies_once(
        choices in proptest::collection::btree_map(1i64..=8, any::<bool>(), 1..=8)
    ) {
        let mut two = TwoComputers::new();
        let bytes = two.send();
        let mut session = two.open(&bytes);
        for (n, accept) in &choices {
            let id = TwoComputers::assessment(&session, *n);
            if *accept {
                session.decide(id, "accept", "", NOW).unwrap();
            } else {
                session.decide(id, "return", "A question", NOW).unwrap();
            }
        }
        let response = two.respond(&mut session);
        let office = &mut two.office;
        let applied = office.tracker.apply_response(&office.ea, &response, &two.ea_key).unwrap();
        prop_assert_eq!(applied.changes(), choices.len());
        for (n, accept) in &choices {
            let id = TwoComputers::assessment(&session, *n);
            let state = office.tracker.assessment(id).unwrap().review_state;
            prop_assert_eq!(state, if *accept { ReviewState::Accepted } else { ReviewState::Returned });
        }
        prop_assert_eq!(office.tracker.signed_decisions().unwrap().len(), choices.len());
        office.tracker.verify().unwrap();
        let before = office.snapshot();
        let again = office.tracker.apply_response(&office.ea, &response, &two.ea_key).unwrap();
        prop_assert_eq!(again.changes(), 0);
        prop_assert_eq!(office.snapshot(), before);
    }
}
