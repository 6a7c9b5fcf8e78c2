//! The History screen's questions of the trail: kinds of change, people and
//! the person's own days.

use crate::common::*;
use followthrough_core::audit::Action;
use followthrough_core::history::{ChangeKind, HistoryQuery};
use followthrough_core::{ErrorCode, Rule};

/// A trail with work on three days by two people: an owner added on
/// November 2, a milestone added and moved on November 3 by the executive
/// assistant, a note on November 4 by the deputy minister.
fn worked() -> Fixture {
    let (mut f, clock) = fixture_moving("2026-11-02");
    f.owner("Lead");
    clock.set(date("2026-11-03"));
    let m = f.milestone(1, "Plan", "2026-12-01");
    f.tracker
        .move_milestone(&f.ea, m, "2026-12-15", "Waiting on the board")
        .unwrap();
    clock.set(date("2026-11-04"));
    let input = followthrough_core::evidence::NewEvidence {
        recommendation_id: f.rec(2),
        milestone_id: None,
        observed_on: None,
        kind: "decision".into(),
        author: None,
        text: "Agreed".into(),
        source_ref: String::new(),
    };
    let dm = f.dm.clone();
    f.tracker.add_evidence(&dm, &input).unwrap();
    f
}

fn actions(f: &mut Fixture, query: HistoryQuery) -> Vec<String> {
    f.tracker
        .history(&query)
        .unwrap()
        .into_iter()
        .map(|e| e.event.action)
        .collect()
}

#[test]
fn every_action_is_in_all_and_in_exactly_one_kind() {
    // Every word the vocabulary can store (read from its source, so a new
    // action cannot be missed) is an action of ALL.
    let source = include_str!("../../src/audit.rs");
    let body = &source[source.find("pub fn as_str(self)").unwrap()..];
    let body = &body[..body.find("\n    }\n").unwrap()];
    let mut words: Vec<&str> = body
        .split("=> \"")
        .skip(1)
        .map(|w| &w[..w.find('"').unwrap()])
        .collect();
    words.sort_unstable();
    let mut all: Vec<&str> = Action::ALL.iter().map(|a| a.as_str()).collect();
    all.sort_unstable();
    assert_eq!(all, words);

    let mut listed: Vec<&str> = ChangeKind::ALL
        .iter()
        .flat_map(|k| k.actions().into_iter().map(|a| a.as_str()))
        .collect();
    listed.sort_unstable();
    assert_eq!(listed, words, "each action in exactly one kind");
    assert!(ChangeKind::ALL.iter().all(|k| !k.actions().is_empty()));
    assert_eq!(Action::ReturnAssessment.kind(), ChangeKind::Assessments);
}

#[test]
fn a_kind_a_person_and_a_recommendation_narrow_the_trail() {
    let mut f = worked();
    let milestones = actions(
        &mut f,
        HistoryQuery {
            kind: Some(ChangeKind::Milestones),
            ..Default::default()
        },
    );
    assert_eq!(milestones, ["move_milestone", "add_milestone"]);

    let by_dm = actions(
        &mut f,
        HistoryQuery {
            actor: Some(" Deputy Minister ".into()),
            ..Default::default()
        },
    );
    assert_eq!(by_dm, ["add_evidence"]);

    let rec2 = f.rec(2);
    let on_2 = actions(
        &mut f,
        HistoryQuery {
            recommendation_id: Some(rec2),
            kind: Some(ChangeKind::Evidence),
            ..Default::default()
        },
    );
    assert_eq!(on_2, ["add_evidence"]);

    let people = f
        .tracker
        .history_page(&HistoryQuery::default())
        .unwrap()
        .people;
    assert!(people.contains(&"Deputy Minister".to_owned()), "{people:?}");
    assert!(
        people.contains(&"Executive Assistant".to_owned()),
        "{people:?}"
    );
}

#[test]
fn two_spellings_of_one_name_are_one_person_to_filter_by() {
    let mut f = worked();
    // The same deputy minister, recorded once as "deputy  minister".
    let other = followthrough_core::Actor::new("deputy  minister").unwrap();
    f.tracker
        .add_owner(
            &other,
            &followthrough_core::owners::OwnerInput {
                name: "Second".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let people = f
        .tracker
        .history_page(&HistoryQuery::default())
        .unwrap()
        .people;
    let dm = people
        .iter()
        .filter(|p| followthrough_core::actor::same_person(p, "Deputy Minister"))
        .count();
    assert_eq!(dm, 1, "{people:?}");
    let by_dm = actions(
        &mut f,
        HistoryQuery {
            actor: Some("DEPUTY MINISTER".into()),
            ..Default::default()
        },
    );
    assert_eq!(by_dm, ["add_owner", "add_evidence"]);
}

#[test]
fn days_are_the_persons_own_from_local_midnight_to_midnight() {
    let mut f = worked();
    let day = |f: &mut Fixture, from: &str, to: &str, offset: i32| {
        actions(
            f,
            HistoryQuery {
                from: from.into(),
                to: to.into(),
                from_offset_minutes: offset,
                to_offset_minutes: offset,
                kind: Some(ChangeKind::Milestones),
                ..Default::default()
            },
        )
    };
    // The milestone work was done at noon UTC on November 3.
    assert_eq!(day(&mut f, "2026-11-03", "2026-11-03", 0).len(), 2);
    assert_eq!(
        day(&mut f, "2026-11-03", "2026-11-03", -300).len(),
        2,
        "Ottawa: 07:00 on the 3rd"
    );
    assert_eq!(
        day(&mut f, "2026-11-03", "2026-11-03", 780).len(),
        0,
        "UTC+13: 01:00 on the 4th"
    );
    assert_eq!(
        day(&mut f, "2026-11-04", "", 780).len(),
        2,
        "from the 4th on, UTC+13"
    );
    assert_eq!(day(&mut f, "", "2026-11-02", 0).len(), 0, "up to the 2nd");
    // Across a change of clocks each day has its own offset: from the 3rd
    // in UTC+13 (from 11:00 UTC on the 2nd) to the 3rd in UTC-5 (until
    // 05:00 UTC on the 4th) holds the work done at noon UTC on the 3rd.
    let across = actions(
        &mut f,
        HistoryQuery {
            from: "2026-11-03".into(),
            to: "2026-11-03".into(),
            from_offset_minutes: 780,
            to_offset_minutes: -300,
            kind: Some(ChangeKind::Milestones),
            ..Default::default()
        },
    );
    assert_eq!(across.len(), 2);
}

#[test]
fn a_bad_day_is_refused_by_field() {
    let mut f = worked();
    let refused = |f: &mut Fixture, query: HistoryQuery| {
        let e = f.tracker.history(&query).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidInput);
        (e.field().unwrap(), e.rule().unwrap())
    };
    let q = |from: &str, to: &str| HistoryQuery {
        from: from.into(),
        to: to.into(),
        ..Default::default()
    };
    assert_eq!(
        refused(&mut f, q("2026-13-01", "")),
        ("from", Rule::NotADate)
    );
    assert_eq!(refused(&mut f, q("", "yesterday")), ("to", Rule::NotADate));
    assert_eq!(
        refused(&mut f, q("2026-11-04", "2026-11-03")),
        ("to", Rule::EndBeforeStart)
    );
    assert_eq!(
        refused(
            &mut f,
            HistoryQuery {
                to_offset_minutes: 24 * 60,
                ..Default::default()
            }
        ),
        ("to_offset_minutes", Rule::NotInRange)
    );
}

#[test]
fn the_history_page_comes_with_its_events_or_says_why_the_query_is_wrong() {
    let mut f = worked();
    let page = f
        .tracker
        .history_page(&HistoryQuery {
            kind: Some(ChangeKind::Milestones),
            limit: Some(1),
            ..Default::default()
        })
        .unwrap();
    assert!(page.refused.is_none());
    let shown: Vec<&str> = page
        .events
        .iter()
        .map(|e| e.event.action.as_str())
        .collect();
    assert_eq!(shown, ["move_milestone"]);
    assert_eq!(page.recommendations.len(), 8);

    let refused = f
        .tracker
        .history_page(&HistoryQuery {
            from: "2026-02-30".into(),
            ..Default::default()
        })
        .unwrap();
    assert!(refused.events.is_empty());
    let why = refused.refused.expect("the wrong day is named");
    assert_eq!(why.field, Some("from"));
    assert_eq!(why.rule, Some(Rule::NotADate));
    assert!(!refused.people.is_empty(), "the filters are still offered");
}

#[test]
fn a_review_by_name_says_it_was_not_signed_and_other_events_say_nothing() {
    let mut f = fixture();
    let p = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    let id = f.report(p, 1, "in_process", "amber");
    let dm = f.dm.clone();
    f.tracker.accept_assessment(&dm, id).unwrap();
    let page = f.tracker.history_page(&HistoryQuery::default()).unwrap();
    let json = serde_json::to_value(&page.events).unwrap();
    for e in json.as_array().unwrap() {
        match e["action"].as_str().unwrap() {
            // `null`: made by name.
            "accept_assessment" => assert_eq!(e.get("signed"), Some(&serde_json::Value::Null)),
            _ => assert!(e.get("signed").is_none(), "{e}"),
        }
    }
    let dash = f.tracker.dashboard().unwrap();
    let row = dash.rows.iter().find(|r| r.number == 1).unwrap();
    assert_eq!(row.reviewed_by.as_deref(), Some(dm.as_str()));
    assert!(row.signed.is_none());
}
