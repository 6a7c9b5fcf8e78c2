//! Property tests of the exchange format, and a fuzzer for the importer.
//!
//! - Round trip: for generated trackers (arbitrary and hostile text in every
//!   field the API takes), export → import into a new file → export gives
//!   the same JSON, byte for byte, plus the import's own audit event.
//! - Fuzzing: mutated exports (bytes flipped, inserted and cut; values
//!   swapped for hostile ones) never panic the importer and never leave a
//!   partial write: a refused import creates nothing and changes nothing.
//!
//! CI runs a short session; `PROPTEST_CASES=5000 cargo test --release -p
//! followthrough-core --test it import::properties` runs a long one.

use crate::common::*;
use followthrough_core::assessments::AssessmentInput;
use followthrough_core::evidence::NewEvidence;
use followthrough_core::export::json::ExportDocument;
use followthrough_core::import;
use followthrough_core::milestones::NewMilestone;
use followthrough_core::owners::OwnerInput;
use followthrough_core::periods::NewPeriod;
use followthrough_core::Operator;
use followthrough_core::{Actor, FixedClock};
use proptest::prelude::*;
use serde_json::Value;
use std::path::Path;
use std::sync::OnceLock;

/// `PROPTEST_CASES` when set, else a count that keeps CI quick.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn hostile() -> &'static [String] {
    static ALL: OnceLock<Vec<String>> = OnceLock::new();
    ALL.get_or_init(|| {
        let items: Vec<Value> =
            serde_json::from_str(include_str!("../../fixtures/hostile-strings.json")).unwrap();
        items
            .iter()
            .map(|i| i["text"].as_str().unwrap().to_owned())
            .collect()
    })
}

/// Text for a field: from the hostile catalogue, fully arbitrary Unicode, or
/// ordinary words.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        (0..hostile().len()).prop_map(|i| hostile()[i].clone()),
        any::<String>(),
        "[A-Za-zÀ-ÿ ,.'-]{1,40}",
    ]
}

#[derive(Debug, Clone)]
enum Op {
    Owner(String, String),
    Milestone(i64, String, u32),
    Move(usize, u32, String),
    Done(usize),
    Note(i64, usize, String, String, String),
    Period(String),
    Report(i64, usize, usize, String, String),
    Accept(usize),
    Return(usize, String),
    Assign(i64, usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (text(), text()).prop_map(|(n, t)| Op::Owner(n, t)),
        (1..=8i64, text(), 0..400u32).prop_map(|(r, t, d)| Op::Milestone(r, t, d)),
        (0..8usize, 1..200u32, text()).prop_map(|(m, d, r)| Op::Move(m, d, r)),
        (0..8usize).prop_map(Op::Done),
        (1..=8i64, 0..6usize, text(), text(), text())
            .prop_map(|(r, k, t, s, a)| Op::Note(r, k, t, s, a)),
        text().prop_map(Op::Period),
        (1..=8i64, 0..5usize, 0..5usize, text(), text())
            .prop_map(|(r, s, c, t, n)| Op::Report(r, s, c, t, n)),
        (0..8usize).prop_map(Op::Accept),
        (0..8usize, text()).prop_map(|(a, c)| Op::Return(a, c)),
        (1..=8i64, 0..4usize, 0..4usize).prop_map(|(r, l, s)| Op::Assign(r, l, s)),
    ]
}

const KINDS: [&str; 6] = [
    "progress", "decision", "risk", "issue", "document", "metric",
];
const STATUSES: [&str; 5] = [
    "fully_implemented",
    "in_process",
    "little_or_no_progress",
    "will_not_be_implemented",
    "no_longer_applicable",
];
const CONFIDENCES: [&str; 5] = ["green", "amber_green", "amber", "amber_red", "red"];

/// Applies the operations through the public API. Refusals are expected
/// (hostile text, impossible states) and simply skipped: what matters is
/// what the tracker holds afterwards.
fn build(ops: &[Op]) -> Fixture {
    let mut f = fixture();
    let (ea, dm) = (f.ea.clone(), f.dm.clone());
    let mut owners = Vec::new();
    let mut milestones = Vec::new();
    let mut assessments = Vec::new();
    let mut quarter = 0u32;
    let pick = |v: &Vec<i64>, i: usize| (!v.is_empty()).then(|| v[i % v.len()]);
    for op in ops {
        let t = &mut f.tracker;
        match op {
            Op::Owner(name, title) => {
                let input = OwnerInput {
                    name: name.clone(),
                    title: title.clone(),
                    ..Default::default()
                };
                if let Ok(o) = t.add_owner(&ea, &input) {
                    owners.push(o.id);
                }
            }
            Op::Milestone(rec, title, days) => {
                let due = date("2026-01-01") + chrono::Days::new(u64::from(*days));
                let input = NewMilestone {
                    recommendation_id: *rec,
                    title: title.clone(),
                    owner_id: pick(&owners, *days as usize),
                    due: due.to_string(),
                };
                if let Ok(m) = t.add_milestone(&ea, &input) {
                    milestones.push(m.id);
                }
            }
            Op::Move(i, days, reason) => {
                if let Some(m) = pick(&milestones, *i) {
                    let current = t.milestone(m).unwrap().current_due;
                    let to = current + chrono::Days::new(u64::from(*days));
                    let _ = t.move_milestone(&ea, m, &to.to_string(), reason);
                }
            }
            Op::Done(i) => {
                if let Some(m) = pick(&milestones, *i) {
                    let _ = t.set_milestone_state(&ea, m, "done", Some("2026-11-01"));
                }
            }
            Op::Note(rec, kind, text, source, author) => {
                let input = NewEvidence {
                    recommendation_id: *rec,
                    milestone_id: None,
                    observed_on: Some("2026-11-02".into()),
                    kind: KINDS[*kind].into(),
                    author: Some(author.clone()),
                    text: text.clone(),
                    source_ref: source.clone(),
                };
                let _ = t.add_evidence(&ea, &input);
            }
            Op::Period(label) => {
                let start = date("2025-04-01") + chrono::Months::new(3 * quarter);
                let end = start + chrono::Months::new(3) - chrono::Days::new(1);
                let input = NewPeriod {
                    label: label.clone(),
                    starts_on: start.to_string(),
                    ends_on: end.to_string(),
                };
                if t.open_period(&ea, &input).is_ok() {
                    quarter += 1;
                }
            }
            Op::Report(rec, status, confidence, commentary, risks) => {
                if let Ok(Some(p)) = t.current_period() {
                    let input = AssessmentInput {
                        period_id: p.id,
                        recommendation_id: *rec,
                        status: STATUSES[*status].into(),
                        confidence: CONFIDENCES[*confidence].into(),
                        commentary: commentary.clone(),
                        risks: risks.clone(),
                        ..Default::default()
                    };
                    if let Ok(a) = t.report_assessment(&ea, &input) {
                        assessments.push(a.id);
                    }
                }
            }
            Op::Accept(i) => {
                if let Some(a) = pick(&assessments, *i) {
                    let _ = t.accept_assessment(&dm, a);
                }
            }
            Op::Return(i, comment) => {
                if let Some(a) = pick(&assessments, *i) {
                    let _ = t.return_assessment(&dm, a, comment);
                }
            }
            Op::Assign(rec, lead, support) => {
                let lead = pick(&owners, *lead);
                let support: Vec<i64> = pick(&owners, *support)
                    .filter(|s| Some(*s) != lead)
                    .into_iter()
                    .collect();
                let _ = t.assign_owners(&ea, *rec, lead, &support);
            }
        }
    }
    f
}

fn import_into(
    target: &Path,
    bytes: &[u8],
    replace: bool,
) -> followthrough_core::Result<import::Imported> {
    import::import(
        target,
        "generated.json",
        bytes,
        replace,
        Box::new(FixedClock::on(date(TODAY))),
        Operator {
            actor: &Actor::new("Importer").unwrap(),
            machine: "test-machine",
            witness: None,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(32),
        max_shrink_iters: 64,
        ..ProptestConfig::default()
    })]

    #[test]
    fn export_import_export_is_the_identity(ops in proptest::collection::vec(op(), 0..40)) {
        let mut f = build(&ops);
        let first = f.tracker.export_json().unwrap();
        let target = f.dir.path().join("copy.sqlite3");
        let mut copy = import_into(&target, first.as_bytes(), false).unwrap().tracker;
        let second = copy.export_json().unwrap();
        let mut doc: ExportDocument = serde_json::from_str(&second).unwrap();
        let event = doc.audit.pop().unwrap();
        prop_assert_eq!(event.action.as_str(), "import");
        doc.trail_head = doc.audit.last().map(|e| followthrough_core::seals::Head {
            event_id: e.id,
            hash: e.hash.clone().unwrap(),
        });
        let mut rest = serde_json::to_string_pretty(&doc).unwrap();
        rest.push('\n');
        prop_assert_eq!(rest, first);
        copy.verify().unwrap();
    }
}

/// A populated export full of hostile text: the fuzzers' starting point.
fn seed_export() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let ops: Vec<Op> = hostile()
            .iter()
            .enumerate()
            .flat_map(|(i, s)| {
                let rec = (i % 8) as i64 + 1;
                [
                    Op::Owner(s.clone(), "Director".into()),
                    Op::Milestone(rec, s.clone(), i as u32 * 3),
                    Op::Move(i, 10, s.clone()),
                    Op::Note(rec, i % 6, s.clone(), s.clone(), "Author".into()),
                    Op::Assign(rec, i, i + 1),
                ]
            })
            .chain([
                Op::Period("2025-26 Q1".into()),
                Op::Report(1, 1, 2, hostile()[5].clone(), hostile()[20].clone()),
                Op::Return(0, "Please say more.".into()),
            ])
            .collect();
        build(&ops).tracker.export_json().unwrap()
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Cut(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let token = prop_oneof![
        proptest::collection::vec(any::<u8>(), 1..4),
        prop::sample::select(vec![
            b"\"".to_vec(),
            b"}".to_vec(),
            b"]".to_vec(),
            b",".to_vec(),
            b"null".to_vec(),
            b"-1".to_vec(),
            b"1e999".to_vec(),
            b"\\ud800".to_vec(),
            b"\\u0000".to_vec(),
            b"\xff\xfe".to_vec(),
            b"0".to_vec(),
        ]),
    ];
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(p, b)| Mutation::Flip(p, b)),
        (any::<usize>(), token).prop_map(|(p, t)| Mutation::Insert(p, t)),
        (any::<usize>(), 1..64usize).prop_map(|(p, n)| Mutation::Cut(p, n)),
    ]
}

fn mutate(base: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = base.to_vec();
    for m in mutations {
        let len = bytes.len().max(1);
        match m {
            Mutation::Flip(p, b) => {
                if !bytes.is_empty() {
                    bytes[p % len] = *b;
                }
            }
            Mutation::Insert(p, t) => {
                let at = p % (bytes.len() + 1);
                bytes.splice(at..at, t.iter().copied());
            }
            Mutation::Cut(p, n) => {
                let at = p % len;
                let end = (at + n).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
        }
    }
    bytes
}

/// Replaces the value at a random place in the document with a hostile one,
/// so mutations reach the checks behind the parser.
fn swap_value(node: &mut Value, seed: u64, replacement: Value) {
    let len = match node {
        Value::Object(map) => map.len(),
        Value::Array(items) => items.len(),
        _ => 0,
    };
    if len == 0 {
        *node = replacement;
        return;
    }
    let i = (seed % len as u64) as usize;
    let child = match node {
        Value::Object(map) => map.values_mut().nth(i).unwrap(),
        Value::Array(items) => &mut items[i],
        _ => unreachable!(),
    };
    if seed / 7 == 0 {
        *child = replacement;
    } else {
        swap_value(child, seed / 7, replacement);
    }
}

fn hostile_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<i64>().prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        text().prop_map(Value::from),
        Just(serde_json::json!([])),
        Just(serde_json::json!({})),
        Just(Value::from("2026-02-30")),
        Just(Value::from(1e300)),
    ]
}

/// The importer's contract on any input: no panic; a refusal creates
/// nothing, leaves no working file and changes no existing data file.
fn check_importer_on(bytes: &[u8]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new.sqlite3");
    match import_into(&new, bytes, false) {
        Ok(mut done) => done.tracker.verify().unwrap(),
        Err(_) => {
            let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
            prop_assert!(left.is_empty(), "a refused import left {:?}", left);
        }
    }

    // The same over a tracker with entries, with --replace.
    let existing = dir.path().join("existing.sqlite3");
    {
        let mut t =
            followthrough_core::Tracker::create(&existing, Box::new(FixedClock::on(date(TODAY))))
                .unwrap();
        t.add_owner(
            &Actor::new("Someone").unwrap(),
            &OwnerInput {
                name: "Kept".into(),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let before = snapshot(crate::common::reopen(&existing, TODAY).connection());
    if import_into(&existing, bytes, true).is_err() {
        let after = snapshot(crate::common::reopen(&existing, TODAY).connection());
        prop_assert!(after == before, "a refused import changed the data file");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(400),
        max_shrink_iters: 256,
        ..ProptestConfig::default()
    })]

    #[test]
    fn fuzzed_bytes_never_panic_or_write_partially(
        mutations in proptest::collection::vec(mutation(), 1..6)
    ) {
        check_importer_on(&mutate(seed_export().as_bytes(), &mutations))?;
    }

    #[test]
    fn fuzzed_values_never_panic_or_write_partially(
        swaps in proptest::collection::vec((any::<u64>(), hostile_value()), 1..4)
    ) {
        let mut doc: Value = serde_json::from_str(seed_export()).unwrap();
        for (seed, value) in swaps {
            swap_value(&mut doc, seed, value);
        }
        check_importer_on(&serde_json::to_vec_pretty(&doc).unwrap())?;
    }
}
