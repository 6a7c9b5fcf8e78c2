//! Owners and target dates of recommendations.

use crate::common::*;
use followthrough_core::{ErrorCode, Rule};

#[test]
fn lead_and_supporting_owners_are_assigned_and_replaced() {
    let mut f = fixture();
    let (a, b, c) = (f.owner("A"), f.owner("B"), f.owner("C"));
    let rec = f.rec(3);
    let r = f
        .tracker
        .assign_owners(&f.ea, rec, Some(a), &[c, b])
        .unwrap();
    assert_eq!(r.lead_owner_id, Some(a));
    assert_eq!(r.supporting_owner_ids, vec![b, c]);
    let r = f.tracker.assign_owners(&f.ea, rec, Some(b), &[a]).unwrap();
    assert_eq!(r.lead_owner_id, Some(b));
    assert_eq!(r.supporting_owner_ids, vec![a]);
    let r = f.tracker.assign_owners(&f.ea, rec, None, &[]).unwrap();
    assert_eq!(r.lead_owner_id, None);
    assert!(r.supporting_owner_ids.is_empty());
    let trail = f.tracker.audit_trail(&Default::default()).unwrap();
    assert_eq!(trail[0].action, "assign_owners");
    assert_eq!(trail[0].recommendation_id, Some(rec));
}

#[test]
fn bad_assignments_are_refused_and_change_nothing() {
    let mut f = fixture();
    let (a, b) = (f.owner("A"), f.owner("B"));
    let gone = f.owner("Gone");
    f.tracker.set_owner_active(&f.ea, gone, false).unwrap();
    let rec = f.rec(1);
    let before = f.snapshot();
    assert_invalid(
        f.tracker.assign_owners(&f.ea, rec, Some(9999), &[]),
        "lead_owner_id",
        Rule::UnknownValue,
    );
    assert_invalid(
        f.tracker.assign_owners(&f.ea, rec, Some(gone), &[]),
        "lead_owner_id",
        Rule::Inactive,
    );
    assert_invalid(
        f.tracker.assign_owners(&f.ea, rec, Some(a), &[gone]),
        "supporting_owner_ids",
        Rule::Inactive,
    );
    assert_invalid(
        f.tracker.assign_owners(&f.ea, rec, Some(a), &[b, b]),
        "supporting_owner_ids",
        Rule::Duplicate,
    );
    assert_invalid(
        f.tracker.assign_owners(&f.ea, rec, Some(a), &[a]),
        "supporting_owner_ids",
        Rule::Duplicate,
    );
    assert_code(
        f.tracker.assign_owners(&f.ea, 9999, Some(a), &[]),
        ErrorCode::NotFound,
    );
    assert_eq!(f.snapshot(), before);
}

#[test]
fn an_inactive_owner_already_assigned_can_stay_assigned() {
    let mut f = fixture();
    let (a, b) = (f.owner("A"), f.owner("B"));
    let rec = f.rec(1);
    f.tracker.assign_owners(&f.ea, rec, Some(a), &[b]).unwrap();
    f.tracker.set_owner_active(&f.ea, a, false).unwrap();
    f.tracker.set_owner_active(&f.ea, b, false).unwrap();
    let r = f.tracker.assign_owners(&f.ea, rec, Some(a), &[b]).unwrap();
    assert_eq!(r.lead_owner_id, Some(a));
}

#[test]
fn target_dates_are_validated() {
    let mut f = fixture();
    let rec = f.rec(2);
    let r = f
        .tracker
        .set_target_date(&f.ea, rec, Some("2027-03-31"))
        .unwrap();
    assert_eq!(r.target_date, Some(date("2027-03-31")));
    let before = f.snapshot();
    assert_invalid(
        f.tracker.set_target_date(&f.ea, rec, Some("2027-02-30")),
        "target_date",
        Rule::NotADate,
    );
    assert_invalid(
        f.tracker.set_target_date(&f.ea, rec, Some("3000-01-01")),
        "target_date",
        Rule::DateOutOfRange,
    );
    assert_eq!(f.snapshot(), before);
    let r = f.tracker.set_target_date(&f.ea, rec, None).unwrap();
    assert_eq!(r.target_date, None);
}
