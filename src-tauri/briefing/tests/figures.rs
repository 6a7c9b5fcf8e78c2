//! The briefing's figures against a second, simple computation from the
//! JSON export, over generated histories: milestones added, moved and done
//! on days spread over two quarters, notes observed on any day, and the
//! first quarter signed off on a day chosen anywhere after it ended.
//!
//! The second computation reads only the export (milestones with their
//! revisions, notes, the audit trail) and the rules as the README states
//! them; it shares no code with the briefing's.

use chrono::{Days, NaiveDate};
use followthrough_briefing::{data_json, BriefingOptions, Language};
use followthrough_core::assessments::AssessmentInput;
use followthrough_core::evidence::NewEvidence;
use followthrough_core::export::json::ExportDocument;
use followthrough_core::milestones::NewMilestone;
use followthrough_core::periods::NewPeriod;
use followthrough_core::{Actor, ManualClock, Tracker};
use proptest::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;

const KINDS: [&str; 6] = [
    "progress", "decision", "risk", "issue", "document", "metric",
];

fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap() + Days::new(offset)
}

/// Offsets from June 1, 2026: Q2 is days 30 to 121, Q3 days 122 to 213.
const Q2: (u64, u64) = (30, 121);
const Q3: (u64, u64) = (122, 213);
/// "Today" when the briefings are made: December 18.
const LAST: u64 = 200;

#[derive(Debug, Clone)]
struct Plan {
    rec: i64,
    added: u64,
    baseline: u64,
    /// (days after the previous event, days the due date moves)
    moves: Vec<(u64, i64)>,
    /// Days after the last move it is done, if it is.
    done_after: Option<u64>,
}

fn plan() -> impl Strategy<Value = Plan> {
    (
        1i64..=3,
        0u64..LAST,
        0u64..260,
        proptest::collection::vec((0u64..40, -20i64..60), 0..3),
        proptest::option::of(0u64..90),
    )
        .prop_map(|(rec, added, baseline, moves, done_after)| Plan {
            rec,
            added,
            baseline,
            moves,
            done_after,
        })
}

#[derive(Debug, Clone)]
enum Event {
    Add(usize),
    Move(usize, i64),
    Done(usize),
    Note(i64, usize),
    SignOff,
}

fn timeline(plans: &[Plan], notes: &[(i64, u64, usize)], sign_off: u64) -> Vec<(u64, Event)> {
    let mut out = vec![(sign_off, Event::SignOff)];
    for (i, p) in plans.iter().enumerate() {
        out.push((p.added, Event::Add(i)));
        let mut at = p.added;
        for (after, shift) in &p.moves {
            at += after;
            if at > LAST {
                break;
            }
            out.push((at, Event::Move(i, *shift)));
        }
        if let Some(after) = p.done_after {
            if at + after <= LAST {
                out.push((at + after, Event::Done(i)));
            }
        }
    }
    for (rec, observed, kind) in notes {
        out.push((*observed, Event::Note(*rec, *kind)));
    }
    // Stable: the events of one milestone keep their order on one day.
    out.sort_by_key(|(d, _)| *d);
    out
}

/// Builds the tracker, the work done on the days the timeline says.
fn build(
    dir: &std::path::Path,
    plans: &[Plan],
    notes: &[(i64, u64, usize)],
    sign_off: u64,
) -> Tracker {
    let clock = ManualClock::on(day(0));
    let mut t = Tracker::create(&dir.join("t.sqlite3"), Box::new(clock.clone())).unwrap();
    let ea = Actor::new("Executive Assistant").unwrap();
    let dm = Actor::new("Deputy Minister").unwrap();
    let rec = |t: &mut Tracker, n: i64| t.recommendation_by_number(n).unwrap().id;
    let q2 = t
        .open_period(
            &ea,
            &NewPeriod {
                label: "2026-27 Q2".into(),
                starts_on: day(Q2.0).to_string(),
                ends_on: day(Q2.1).to_string(),
            },
        )
        .unwrap()
        .id;
    t.open_period(
        &ea,
        &NewPeriod {
            label: "2026-27 Q3".into(),
            starts_on: day(Q3.0).to_string(),
            ends_on: day(Q3.1).to_string(),
        },
    )
    .unwrap();
    for n in 1..=8 {
        let recommendation_id = rec(&mut t, n);
        let a = t
            .report_assessment(
                &ea,
                &AssessmentInput {
                    period_id: q2,
                    recommendation_id,
                    status: "in_process".into(),
                    confidence: "amber".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        t.accept_assessment(&dm, a.id).unwrap();
    }
    let mut ids = vec![0i64; plans.len()];
    for (d, event) in timeline(plans, notes, sign_off) {
        clock.set(day(d));
        match event {
            Event::Add(i) => {
                let recommendation_id = rec(&mut t, plans[i].rec);
                let m = t
                    .add_milestone(
                        &ea,
                        &NewMilestone {
                            recommendation_id,
                            title: format!("Milestone {i}"),
                            owner_id: None,
                            due: day(plans[i].baseline).to_string(),
                        },
                    )
                    .unwrap();
                t.set_milestone_state(&ea, m.id, "in_progress", None)
                    .unwrap();
                ids[i] = m.id;
            }
            Event::Move(i, shift) => {
                let current = t.milestone(ids[i]).unwrap().current_due;
                let to = current
                    .checked_add_signed(chrono::Duration::days(shift))
                    .unwrap();
                if to != current {
                    t.move_milestone(&ea, ids[i], &to.to_string(), "Replanned")
                        .unwrap();
                }
            }
            Event::Done(i) => {
                t.set_milestone_state(&ea, ids[i], "done", None).unwrap();
            }
            Event::Note(n, kind) => {
                let recommendation_id = rec(&mut t, n);
                t.add_evidence(
                    &ea,
                    &NewEvidence {
                        recommendation_id,
                        observed_on: Some(day(d).to_string()),
                        kind: KINDS[kind].into(),
                        text: "Observed.".into(),
                        ..Default::default()
                    },
                )
                .unwrap();
            }
            Event::SignOff => {
                t.sign_off_period(&dm, q2).unwrap();
            }
        }
    }
    clock.set(day(LAST));
    t
}

/// The figures of the period from `first` to `last`, computed from the
/// export alone.
#[derive(Debug, PartialEq)]
struct Figures {
    done: i64,
    total: i64,
    overdue: i64,
    completed: i64,
    slipped: i64,
    newly_overdue: i64,
    new_evidence: BTreeMap<String, i64>,
}

fn date_of(instant: &str) -> NaiveDate {
    instant[..10].parse().unwrap()
}

/// `frozen`: the event that signed the period off, if it was; what was
/// entered after it is not in the period's snapshot.
fn expected(
    doc: &ExportDocument,
    first: NaiveDate,
    last: NaiveDate,
    frozen: Option<i64>,
) -> Figures {
    let added = |action: &str| -> BTreeMap<i64, (i64, NaiveDate)> {
        doc.audit
            .iter()
            .filter(|e| e.action == action)
            .map(|e| (e.entity_id.unwrap(), (e.id, date_of(&e.at))))
            .collect()
    };
    let (milestones, notes) = (added("add_milestone"), added("add_evidence"));
    let known = |event: i64| frozen.is_none_or(|f| event < f);
    let eve = first.pred_opt().unwrap();
    let mut f = Figures {
        done: 0,
        total: 0,
        overdue: 0,
        completed: 0,
        slipped: 0,
        newly_overdue: 0,
        new_evidence: BTreeMap::new(),
    };
    for m in &doc.milestones {
        let (event, on) = milestones[&m.id];
        // Entered after the sign-off, or added after the period and first
        // due after it: not the period's.
        if !known(event) || (on > last && m.baseline_due > last) {
            continue;
        }
        let due_on = |d: NaiveDate| {
            m.revisions
                .iter()
                .filter(|r| date_of(&r.revised_at) <= d)
                .fold(m.baseline_due, |_, r| r.new_due)
        };
        let done_by = |d: NaiveDate| m.completed_on.is_some_and(|c| c <= d);
        let overdue_on = |d: NaiveDate| !done_by(d) && due_on(d) < d;
        f.total += 1;
        f.done += i64::from(done_by(last));
        f.overdue += i64::from(overdue_on(last));
        f.completed += i64::from(m.completed_on.is_some_and(|c| first <= c && c <= last));
        let moved_within = m.revisions.iter().any(|r| {
            let on = date_of(&r.revised_at);
            first <= on && on <= last
        });
        f.slipped += i64::from(moved_within && due_on(last) > due_on(eve));
        f.newly_overdue += i64::from(overdue_on(last) && !overdue_on(eve));
    }
    for n in doc
        .evidence
        .iter()
        .filter(|n| first <= n.observed_on && n.observed_on <= last && known(notes[&n.id].0))
    {
        *f.new_evidence.entry(n.kind.key().to_owned()).or_default() += 1;
    }
    f
}

fn briefed(data: &Value) -> Figures {
    let n = |v: &Value| v.as_i64().unwrap();
    let c = &data["changes"]["figures"];
    Figures {
        done: n(&data["summary"]["milestones_done"]),
        total: n(&data["summary"]["milestones_total"]),
        overdue: n(&data["summary"]["milestones_overdue"]),
        completed: n(&c["completed"]),
        slipped: n(&c["slipped"]),
        newly_overdue: n(&c["newly_overdue"]),
        new_evidence: c["new_evidence"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), n(v)))
            .collect(),
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), max_shrink_iters: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_briefing_s_figures_agree_with_the_export(
        plans in proptest::collection::vec(plan(), 1..7),
        notes in proptest::collection::vec((1i64..=3, 0u64..LAST, 0usize..6), 0..8),
        sign_off in (Q2.1 + 1)..LAST,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut t = build(dir.path(), &plans, &notes, sign_off);
        let doc: ExportDocument = serde_json::from_str(&t.export_json().unwrap()).unwrap();
        let options = BriefingOptions {
            language: Language::English,
            organization: "Office".into(),
            marking: "Marking".into(),
            prepared_by: String::new(),
            annex: false,
        };
        let periods = t.periods().unwrap();
        // Q2 read at its end, however late it was signed off; Q3 (open)
        // up to today.
        let signed_off = doc.audit.iter().find(|e| e.action == "sign_off_period").map(|e| e.id);
        for (p, last, frozen) in [(&periods[0], day(Q2.1), signed_off), (&periods[1], day(LAST), None)] {
            let source = t.briefing_source(p.id).unwrap();
            let data: Value = serde_json::from_str(&data_json(&source, &options)).unwrap();
            prop_assert_eq!(briefed(&data), expected(&doc, p.starts_on, last, frozen), "period {}", p.label);
        }
    }
}
