//! The review package: what it carries, who can open it.

use super::*;
use followthrough_core::exchange::package;
use followthrough_core::ErrorCode;

#[test]
fn a_package_carries_the_period_its_reports_and_their_hashes_and_is_recorded() {
    let mut two = TwoComputers::new();
    let before = audit_count(&two.office.tracker);
    let bytes = two.send();
    assert!(bytes.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"));
    let (content, sender) = package::open(&bytes, &two.dm_key).unwrap();
    assert_eq!(sender.fingerprint(), two.ea_key.public().fingerprint());
    assert_eq!(content.tracker_id, two.office.tracker.tracker_id());
    assert_eq!(content.snapshot.period.label, "2026-27 Q3");
    assert_eq!(content.snapshot.recommendations.len(), 8);
    assert_eq!(content.reported.len(), 8);
    for rec in &content.snapshot.recommendations {
        let a = rec.assessment.as_ref().unwrap();
        let now = two.office.tracker.assessment(a.id).unwrap();
        assert_eq!(
            content.reported[&a.id],
            followthrough_core::assessments::reported_hash(&now)
        );
    }
    assert_eq!(
        audit_count(&two.office.tracker),
        before + 1,
        "sending is recorded"
    );
    let events = two.office.tracker.audit_trail(&Default::default()).unwrap();
    assert_eq!(events[0].action, "send_for_review");
}

#[test]
fn only_the_reviewer_opens_it_and_a_flipped_byte_anywhere_is_refused() {
    let mut two = TwoComputers::new();
    let bytes = two.send();
    // Another person's key, the sender's own included.
    for key in [SecretKey::generate("Deputy Minister").unwrap(), two.ea_key] {
        let e = package::open(&bytes, &key).unwrap_err();
        assert_eq!(e.code(), ErrorCode::ExchangeRefused);
    }
    // Every byte, flipped in turn (a stride keeps the test quick).
    let mut refused = 0;
    for i in (0..bytes.len()).step_by(7) {
        let mut changed = bytes.clone();
        changed[i] ^= 0x20;
        match package::open(&changed, &two.dm_key) {
            Err(e) => {
                assert_eq!(e.code(), ErrorCode::ExchangeRefused, "byte {i}");
                refused += 1;
            }
            // Armor tolerates a few changes that decode to the same bytes
            // (the case of the header's letters is not one of them).
            Ok((content, _)) => assert_eq!(content, package::open(&bytes, &two.dm_key).unwrap().0),
        }
    }
    assert!(
        refused > bytes.len() / 8,
        "{refused} refused of {}",
        bytes.len() / 7
    );
}

#[test]
fn a_package_is_for_a_registered_reviewer_and_an_open_period() {
    let mut two = TwoComputers::new();
    let target = two.office.dir.path().join("x.ftreview");
    let before = two.office.snapshot();
    let office = &mut two.office;
    office
        .tracker
        .remove_reviewer(&office.ea, two.reviewer_id)
        .unwrap();
    let after_removal = office.snapshot();
    let e = office
        .tracker
        .write_review_package(
            &office.ea,
            &two.ea_key,
            two.reviewer_id,
            two.period_id,
            &target,
        )
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotAReviewer);
    assert_ne!(before, after_removal);
    assert_eq!(office.snapshot(), after_removal);
    assert!(!target.exists());
}
