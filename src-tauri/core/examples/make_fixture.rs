//! Makes the fixture tracker of one schema version with the program as it
//! was at that version: the SAMPLE tracker on a fixed date, and its JSON
//! export. Usage: make_fixture OUT.sqlite3 OUT.json
//!
//! From data version 7 the fixture also registers a reviewer by key and
//! holds their signed decisions (the sample itself keeps the review by
//! name), so every table of the version has content.
use followthrough_core::decisions::DecisionInput;
use followthrough_core::keys::SecretKey;
use followthrough_core::reviewers::ReviewerInput;
use followthrough_core::{sample, Actor, FixedClock};

fn main() {
    let mut args = std::env::args().skip(1);
    let out = args.next().expect("output path");
    let json = args.next().expect("export path");
    let noon = chrono::DateTime::parse_from_rfc3339("2026-11-25T12:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let mut t = sample::create(std::path::Path::new(&out), Box::new(FixedClock(noon)))
        .expect("sample tracker");

    let ea = Actor::new("Alex Morgan (sample EA)").unwrap();
    let key = SecretKey::generate("Deputy Minister (sample)").unwrap();
    t.add_reviewer(
        &ea,
        &ReviewerInput {
            public_key: key.public().to_text(),
            ..Default::default()
        },
    )
    .expect("register the reviewer");
    let pending: Vec<_> = t
        .assessments(None, None)
        .unwrap()
        .into_iter()
        .filter(|a| a.review_state == followthrough_core::scales::ReviewState::Pending)
        .collect();
    for (a, (decision, comment)) in pending.iter().zip([
        ("accept", ""),
        (
            "return",
            "[SAMPLE] Which two ministries, and when will they confirm?",
        ),
    ]) {
        t.decide(
            &key,
            &DecisionInput {
                period_id: a.period_id,
                assessment_id: Some(a.id),
                decision: decision.into(),
                comment: comment.into(),
                reported: Some(followthrough_core::assessments::reported_hash(a)),
            },
        )
        .expect("a signed decision");
    }

    std::fs::write(&json, t.export_json().expect("export")).expect("write the export");
    // Closing the last connection folds the write-ahead log into the file,
    // so the one file is the whole tracker.
    drop(t);
    assert!(!std::path::Path::new(&format!("{out}-wal")).exists());
}
