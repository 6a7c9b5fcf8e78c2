//! Evidence notes: validation, attribution and the feed order.

use crate::common::*;
use followthrough_core::evidence::NewEvidence;
use followthrough_core::scales::EvidenceKind;
use followthrough_core::Rule;

#[test]
fn a_note_defaults_to_today_and_its_author_to_the_actor() {
    let mut f = fixture();
    let rec = f.rec(4);
    let n = f
        .tracker
        .add_evidence(
            &f.ea,
            &NewEvidence {
                recommendation_id: rec,
                kind: "decision".into(),
                text: "ExCo agreed the guide's outline.\nSee minutes.".into(),
                source_ref: "ExCo minutes 2026-11-20, item 4".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(n.observed_on, date(TODAY));
    assert_eq!(n.author, "Executive Assistant");
    assert_eq!(n.kind, EvidenceKind::Decision);
    assert_eq!(n.recorded_at, "2026-11-25T12:00:00.000Z");
    let trail = f.tracker.audit_trail(&Default::default()).unwrap();
    assert_eq!(trail[0].action, "add_evidence");
    assert_eq!(trail[0].recommendation_id, Some(rec));
    assert_eq!(trail[0].after.as_ref().unwrap()["text"], n.text);
}

#[test]
fn the_feed_is_newest_first_and_filters_by_kind() {
    let mut f = fixture();
    f.evidence(1, "progress", "2026-09-01", "first");
    f.evidence(1, "risk", "2026-11-01", "second");
    f.evidence(1, "progress", "2026-10-01", "third");
    f.evidence(2, "progress", "2026-11-20", "other recommendation");
    let rec = f.rec(1);
    let all = f.tracker.evidence(Some(rec), None).unwrap();
    let texts: Vec<&str> = all.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["second", "third", "first"]);
    let progress = f
        .tracker
        .evidence(Some(rec), Some(EvidenceKind::Progress))
        .unwrap();
    assert_eq!(progress.len(), 2);
    assert!(progress.iter().all(|n| n.kind == EvidenceKind::Progress));
}

#[test]
fn bad_notes_are_refused_and_change_nothing() {
    let mut f = fixture();
    let rec = f.rec(1);
    let other = f.milestone(2, "Other recommendation's milestone", "2026-12-01");
    let before = f.snapshot();
    let base = NewEvidence {
        recommendation_id: rec,
        kind: "progress".into(),
        text: "Some text".into(),
        ..Default::default()
    };
    let cases = [
        (
            NewEvidence {
                text: "".into(),
                ..base.clone()
            },
            "text",
            Rule::Required,
        ),
        (
            NewEvidence {
                text: "x".repeat(20_001),
                ..base.clone()
            },
            "text",
            Rule::TooLong,
        ),
        (
            NewEvidence {
                text: "nul\0byte".into(),
                ..base.clone()
            },
            "text",
            Rule::ControlCharacter,
        ),
        (
            NewEvidence {
                kind: "rumour".into(),
                ..base.clone()
            },
            "kind",
            Rule::UnknownValue,
        ),
        (
            NewEvidence {
                kind: "".into(),
                ..base.clone()
            },
            "kind",
            Rule::UnknownValue,
        ),
        (
            NewEvidence {
                observed_on: Some("2026-11-26".into()),
                ..base.clone()
            },
            "observed_on",
            Rule::InFuture,
        ),
        (
            NewEvidence {
                observed_on: Some("26/11/2026".into()),
                ..base.clone()
            },
            "observed_on",
            Rule::NotADate,
        ),
        (
            NewEvidence {
                recommendation_id: 9999,
                ..base.clone()
            },
            "recommendation_id",
            Rule::UnknownValue,
        ),
        (
            NewEvidence {
                milestone_id: Some(other),
                ..base.clone()
            },
            "milestone_id",
            Rule::UnknownValue,
        ),
        (
            NewEvidence {
                milestone_id: Some(9999),
                ..base.clone()
            },
            "milestone_id",
            Rule::UnknownValue,
        ),
        (
            NewEvidence {
                source_ref: "a\nb".into(),
                ..base.clone()
            },
            "source_ref",
            Rule::ControlCharacter,
        ),
    ];
    for (input, field, rule) in cases {
        assert_invalid(f.tracker.add_evidence(&f.ea, &input), field, rule);
    }
    assert_eq!(f.snapshot(), before);
}

#[test]
fn a_note_can_name_a_milestone_of_its_recommendation() {
    let mut f = fixture();
    let rec = f.rec(6);
    let m = f.milestone(6, "Terms of reference", "2026-10-01");
    let n = f
        .tracker
        .add_evidence(
            &f.ea,
            &NewEvidence {
                recommendation_id: rec,
                milestone_id: Some(m),
                kind: "document".into(),
                author: Some("Hélène Roy".into()),
                text: "Terms of reference approved.".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(n.milestone_id, Some(m));
    assert_eq!(n.author, "Hélène Roy");
    assert_eq!(n.recorded_by, "Executive Assistant");
}
