//! The reviewer's laptop: a new sender is confirmed first; work in progress
//! survives closing the program; the rules are said before sending.

use super::*;
use followthrough_core::scales::DecisionKind;
use followthrough_core::{ErrorCode, Rule};

#[test]
fn a_new_senders_fingerprint_is_shown_before_anything_opens() {
    let mut two = TwoComputers::new();
    let bytes = two.send();
    let inbox = two.inbox();
    match inbox.receive(&bytes, &two.dm_key, false, NOW).unwrap() {
        Received::NeedsTrust {
            sender,
            fingerprint,
        } => {
            assert_eq!(sender, "Executive Assistant");
            assert_eq!(fingerprint, two.ea_key.public().fingerprint().as_str());
        }
        other => panic!("opened without confirming: {other:?}"),
    }
    assert!(
        inbox.list().unwrap().is_empty(),
        "nothing kept before confirming"
    );
    two.open(&bytes);
    assert_eq!(inbox.trusted().len(), 1);
    // The next package from the same key opens at once; one in the same
    // name but another key is asked about again.
    let again = two.send();
    assert!(matches!(
        inbox.receive(&again, &two.dm_key, false, NOW).unwrap(),
        Received::Opened { .. }
    ));
    two.ea_key = SecretKey::generate("Executive Assistant").unwrap();
    let impostor = two.send();
    assert!(matches!(
        inbox.receive(&impostor, &two.dm_key, false, NOW).unwrap(),
        Received::NeedsTrust { .. }
    ));
}

#[test]
fn work_in_progress_is_kept_encrypted_and_continues_when_the_package_is_opened_again() {
    let mut two = TwoComputers::new();
    let bytes = two.send();
    let mut session = two.open(&bytes);
    let first = TwoComputers::assessment(&session, 1);
    let fifth = TwoComputers::assessment(&session, 5);
    session.decide(first, "accept", "", NOW).unwrap();
    session
        .decide(fifth, "return", "Which ministries?", NOW)
        .unwrap();
    two.inbox().save(&session, two.dm_key.public()).unwrap();
    let draft_file = two
        .laptop
        .path()
        .join("reviews")
        .join(&session.package.package_id)
        .join("draft.age");
    let stored = std::fs::read(&draft_file).unwrap();
    assert!(
        !String::from_utf8_lossy(&stored).contains("Which ministries"),
        "kept encrypted"
    );

    // The program closes; the package is opened again, from the inbox or
    // from the file.
    let listed = two.inbox().list().unwrap();
    assert_eq!(listed.len(), 1);
    let reopened = two
        .inbox()
        .session(&listed[0].package_id, &two.dm_key)
        .unwrap();
    assert_eq!(reopened.draft, session.draft);
    let from_file = two.open(&bytes);
    assert_eq!(
        from_file.draft.decisions[&fifth].decision,
        DecisionKind::Return
    );
}

#[test]
fn the_rules_are_said_on_the_laptop_before_anything_is_sent() {
    let mut two = TwoComputers::new();
    let id = two
        .office
        .report(two.period_id, 3, "fully_implemented", "green");
    let bytes = two.send();
    let mut session = two.open(&bytes);
    assert_eq!(TwoComputers::assessment(&session, 3), id);
    let before = session.draft.clone();
    assert_code(
        session.decide(id, "accept", "", NOW),
        ErrorCode::EvidenceRequired,
    );
    assert_invalid(
        session.decide(id, "return", " ", NOW),
        "comment",
        Rule::Required,
    );
    assert_invalid(
        session.decide(id, "approve", "", NOW),
        "decision",
        Rule::UnknownValue,
    );
    assert_code(session.decide(999, "return", "?", NOW), ErrorCode::NotFound);
    assert_code(session.sign_off(true, NOW), ErrorCode::PeriodIncomplete);
    assert_eq!(session.draft, before);
    // Nothing decided: nothing to send.
    let e = two
        .inbox()
        .write_response(
            &mut session,
            &two.dm_key,
            NOW,
            &two.laptop.path().join("own.sqlite3"),
            &two.laptop.path().join("r.ftdecisions"),
        )
        .unwrap_err();
    assert_invalid::<()>(Err(e), "decisions", Rule::Required);
}
