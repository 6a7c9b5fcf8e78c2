//! Writing a briefing to a file: what the window's "Export briefing…" and
//! the command line's `brief` share.

use followthrough_briefing::{write_briefing, BriefingError, BriefingOptions, Language};
use followthrough_core::audit::AuditFilter;
use followthrough_core::{sample, Actor, ErrorCode, FixedClock, Rule, Tracker};

fn sample_tracker(dir: &std::path::Path) -> Tracker {
    sample::create(
        &dir.join("sample.sqlite3"),
        Box::new(FixedClock::on("2026-11-25".parse().unwrap())),
    )
    .unwrap()
}

fn options(marking: &str, organization: &str) -> BriefingOptions {
    BriefingOptions {
        language: Language::French,
        organization: organization.into(),
        marking: marking.into(),
        prepared_by: "Adjointe exécutive".into(),
        annex: false,
    }
}

#[test]
fn a_briefing_is_written_and_recorded_with_its_fingerprint() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = sample_tracker(dir.path());
    let actor = Actor::new("Adjointe exécutive").unwrap();
    let period = t
        .current_period()
        .unwrap()
        .expect("the sample has an open period");
    let out = dir.path().join("note.pdf");

    let written = write_briefing(
        &mut t,
        &actor,
        &period,
        &options("PROTÉGÉ B", "Bureau du sous-ministre"),
        &out,
    )
    .unwrap();
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(written.bytes, bytes.len());
    assert!(written.draft, "an open period gives a draft");
    assert_eq!(written.period_label, period.label);
    assert_eq!(
        written.fingerprint,
        t.briefing_source(period.id).unwrap().fingerprint
    );

    let last = &t.audit_trail(&AuditFilter::default()).unwrap()[0];
    assert_eq!(last.action, "briefing");
    assert_eq!(last.actor, "Adjointe exécutive");
    let after = last.after.as_ref().unwrap();
    assert_eq!(after["language"], "fr");
    assert_eq!(after["snapshot_fingerprint"], written.fingerprint.as_str());
    assert_eq!(after["draft"], true);
    assert_eq!(after["files"][0]["file"], out.display().to_string());
}

#[test]
fn invalid_options_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = sample_tracker(dir.path());
    let actor = Actor::new("Executive Assistant").unwrap();
    let period = t.current_period().unwrap().unwrap();
    let out = dir.path().join("brief.pdf");
    let events = t.audit_trail(&AuditFilter::default()).unwrap().len();
    for (marking, organization, field, rule) in [
        ("   ", "Office", "marking", Rule::Required),
        ("SECRET\u{7}", "Office", "marking", Rule::ControlCharacter),
        (
            "Line one\nline two",
            "Office",
            "marking",
            Rule::ControlCharacter,
        ),
        (
            "CONFIDENTIAL",
            &"x".repeat(201),
            "organization",
            Rule::TooLong,
        ),
    ] {
        let err = write_briefing(
            &mut t,
            &actor,
            &period,
            &options(marking, organization),
            &out,
        )
        .unwrap_err();
        let report = err.report();
        assert_eq!(report.code, ErrorCode::InvalidInput, "{marking:?}");
        assert_eq!(report.field, Some(field));
        assert_eq!(report.rule, Some(rule));
        assert!(matches!(err, BriefingError::Core(_)));
    }
    assert!(!out.exists(), "nothing written");
    assert_eq!(
        t.audit_trail(&AuditFilter::default()).unwrap().len(),
        events,
        "nothing recorded"
    );
}

#[test]
fn a_file_that_cannot_be_written_leaves_no_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = sample_tracker(dir.path());
    let actor = Actor::new("Executive Assistant").unwrap();
    let period = t.current_period().unwrap().unwrap();
    let events = t.audit_trail(&AuditFilter::default()).unwrap().len();
    let out = dir.path().join("no such folder").join("brief.pdf");
    let err =
        write_briefing(&mut t, &actor, &period, &options("CONFIDENTIEL", ""), &out).unwrap_err();
    assert_eq!(err.report().code, ErrorCode::Io);
    assert_eq!(
        t.audit_trail(&AuditFilter::default()).unwrap().len(),
        events
    );
}
