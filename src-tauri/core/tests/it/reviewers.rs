//! The register of reviewers: added by public key, audited, removed
//! without losing what they signed.

use crate::common::*;
use followthrough_core::keys::SecretKey;
use followthrough_core::reviewers::ReviewerInput;
use followthrough_core::scales::ReviewerRole;
use followthrough_core::{ErrorCode, Rule};

pub fn dm_key() -> SecretKey {
    SecretKey::generate("Deputy Minister").unwrap()
}

pub fn register(f: &mut Fixture, key: &SecretKey) -> i64 {
    f.tracker
        .add_reviewer(
            &f.ea,
            &ReviewerInput {
                public_key: key.public().to_text(),
                ..Default::default()
            },
        )
        .unwrap()
        .id
}

#[test]
fn a_reviewer_is_registered_by_public_key_and_the_trail_says_who_did_it() {
    let mut f = fixture();
    let key = dm_key();
    let id = register(&mut f, &key);
    let r = &f.tracker.reviewers().unwrap()[0];
    assert_eq!(r.id, id);
    assert_eq!(
        r.name, "Deputy Minister",
        "the key's own name when none is given"
    );
    assert_eq!(r.role, ReviewerRole::DeputyMinister);
    assert_eq!(r.fingerprint, key.public().fingerprint().as_str());
    assert_eq!(r.added_by, "Executive Assistant");
    assert!(r.registered());
    let history = f.tracker.audit_trail(&Default::default()).unwrap();
    assert_eq!(history[0].action, "add_reviewer");
    f.tracker.verify().unwrap();
}

#[test]
fn a_bad_key_a_second_registration_or_an_unknown_role_changes_nothing() {
    let mut f = fixture();
    let key = dm_key();
    register(&mut f, &key);
    let before = f.snapshot();
    let add = |f: &mut Fixture, public_key: String, role: &str| {
        f.tracker.add_reviewer(
            &f.ea,
            &ReviewerInput {
                name: String::new(),
                role: role.into(),
                public_key,
            },
        )
    };
    assert_invalid(
        add(&mut f, "not a key".into(), ""),
        "public_key",
        Rule::NotAPublicKey,
    );
    assert_invalid(
        add(&mut f, key.public().to_text(), ""),
        "public_key",
        Rule::AlreadyRegistered,
    );
    assert_invalid(
        add(&mut f, dm_key().public().to_text(), "minister"),
        "role",
        Rule::UnknownValue,
    );
    assert_eq!(f.snapshot(), before);
}

#[test]
fn a_removed_reviewer_stays_on_record_and_their_key_can_be_registered_again() {
    let mut f = fixture();
    let key = dm_key();
    let id = register(&mut f, &key);
    let removed = f.tracker.remove_reviewer(&f.ea, id).unwrap();
    assert_eq!(removed.removed_by.as_deref(), Some("Executive Assistant"));
    assert_invalid(
        f.tracker.remove_reviewer(&f.ea, id),
        "reviewer",
        Rule::Inactive,
    );
    assert_code(f.tracker.remove_reviewer(&f.ea, 99), ErrorCode::NotFound);
    let again = register(&mut f, &key);
    assert_ne!(again, id);
    assert_eq!(f.tracker.reviewers().unwrap().len(), 2);
    f.tracker.verify().unwrap();
}
