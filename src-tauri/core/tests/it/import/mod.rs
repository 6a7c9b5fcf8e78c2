//! Importing a JSON export: lossless, checked as a whole first, all or
//! nothing, and never over a tracker's entries unless asked.

mod properties;

use crate::common::*;
use followthrough_core::backup;
use followthrough_core::export::json::ExportDocument;
use followthrough_core::import;
use followthrough_core::Operator;
use followthrough_core::{sample, Actor, CoreError, ErrorCode, FixedClock, Tracker};
use serde_json::Value;
use std::path::Path;

fn clock() -> Box<FixedClock> {
    Box::new(FixedClock::on(date(TODAY)))
}

fn importer() -> Actor {
    Actor::new("Records Officer").unwrap()
}

fn run(target: &Path, bytes: &[u8], replace: bool) -> Result<import::Imported, CoreError> {
    import::import(
        target,
        "export.json",
        bytes,
        replace,
        clock(),
        Operator {
            actor: &importer(),
            machine: "records-laptop",
            witness: None,
        },
    )
}

fn populated() -> Fixture {
    let mut f = fixture();
    let lead = f.owner("Amira Haddad");
    let helper = f.owner("Jean Tremblay");
    let rec = f.rec(2);
    f.tracker
        .assign_owners(&f.ea, rec, Some(lead), &[helper])
        .unwrap();
    f.tracker
        .set_target_date(&f.ea, rec, Some("2027-03-31"))
        .unwrap();
    let m = f.milestone(2, "Publish the standard", "2026-12-01");
    f.tracker
        .move_milestone(&f.ea, m, "2027-01-15", "Consultation ran long")
        .unwrap();
    f.tracker
        .move_milestone(&f.ea, m, "2027-02-01", "Translation")
        .unwrap();
    let done = f.milestone(3, "Draft", "2026-10-01");
    f.tracker
        .set_milestone_state(&f.ea, done, "done", Some("2026-10-02"))
        .unwrap();
    f.evidence(
        2,
        "decision",
        "2026-11-20",
        "Deputy agreed the scope.\nSee minutes.",
    );
    let p = f.period("2026-27 Q2", "2026-07-01", "2026-09-30");
    f.complete_period(p, "amber");
    f.tracker.sign_off_period(&f.dm, p).unwrap();
    let q = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    let a = f.report(q, 2, "in_process", "amber_red");
    f.tracker
        .return_assessment(&f.dm, a, "Say what changed since Q2.")
        .unwrap();
    f
}

/// The export's text, as the app writes it.
fn export_of(t: &mut Tracker) -> String {
    t.export_json().unwrap()
}

/// The second export, with the one event the import itself recorded taken
/// off the end of its trail (and returned).
fn split_import_event(text: &str) -> (String, followthrough_core::audit::AuditEvent) {
    let mut doc: ExportDocument = serde_json::from_str(text).unwrap();
    let event = doc.audit.pop().expect("the import's event");
    assert_eq!(doc.trail_head.as_ref().unwrap().event_id, event.id);
    // Without the import's event, the head is the event before it.
    doc.trail_head = doc.audit.last().map(|e| followthrough_core::seals::Head {
        event_id: e.id,
        hash: e.hash.clone().unwrap(),
    });
    let mut rest = serde_json::to_string_pretty(&doc).unwrap();
    rest.push('\n');
    (rest, event)
}

#[test]
fn export_import_export_gives_the_same_document_plus_the_import_event() {
    let mut f = populated();
    let first = export_of(&mut f.tracker);
    let target = f.dir.path().join("copy.sqlite3");
    let mut imported = run(&target, first.as_bytes(), false).unwrap();
    assert_eq!(imported.previous_kept_as, None);
    let second = export_of(&mut imported.tracker);

    let (rest, event) = split_import_event(&second);
    assert_eq!(rest, first, "everything exported comes back byte for byte");
    assert_eq!(event.action, "import");
    assert_eq!(event.actor, "Records Officer");
    assert_eq!(event.machine, "records-laptop");
    let after = event.after.unwrap();
    assert_eq!(after["source"], "export.json");
    assert_eq!(after["events_imported"], audit_count(&f.tracker));
    assert_eq!(after["sha256"].as_str().unwrap().len(), 64);
    imported.tracker.verify().unwrap();
}

#[test]
fn the_sample_tracker_round_trips_and_stays_marked_as_a_sample() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("sample.sqlite3");
    let mut s = sample::create(&original, clock()).unwrap();
    let first = export_of(&mut s);
    let target = dir.path().join("copy.sqlite3");
    let mut imported = run(&target, first.as_bytes(), false).unwrap();
    assert!(imported.tracker.is_sample().unwrap());
    let (rest, _) = split_import_event(&export_of(&mut imported.tracker));
    assert_eq!(rest, first);
}

#[test]
fn a_tracker_holding_entries_is_refused_and_left_unchanged() {
    let mut source = populated();
    let text = export_of(&mut source.tracker);
    let mut f = fixture();
    f.owner("Someone already here");
    let before = f.snapshot();
    let e = run(&f.path(), text.as_bytes(), false).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotEmpty);
    assert!(e.to_string().contains("--replace"), "{e}");
    assert_eq!(snapshot(reopen(&f.path(), TODAY).connection()), before);
    assert!(backup::list(&f.path()).unwrap().is_empty());
}

#[test]
fn replace_keeps_the_current_file_as_a_backup_first() {
    let mut source = populated();
    let text = export_of(&mut source.tracker);
    let mut f = fixture();
    f.owner("Replaced but kept");
    let old = f.snapshot();
    let path = f.path();
    drop(f.tracker);

    let mut imported = run(&path, text.as_bytes(), true).unwrap();
    let kept = imported.previous_kept_as.clone().expect("a backup");
    backup::check(&kept).unwrap();
    let kept_tracker = Tracker::open(&kept, clock()).unwrap();
    assert_eq!(snapshot(kept_tracker.connection()), old);

    let (rest, event) = split_import_event(&export_of(&mut imported.tracker));
    assert_eq!(rest, text);
    assert_eq!(
        event.after.unwrap()["previous_kept_as"],
        kept.display().to_string()
    );
}

#[test]
fn a_tracker_with_only_the_seeded_report_is_replaced_without_asking() {
    let mut source = populated();
    let text = export_of(&mut source.tracker);
    let f = fixture();
    let path = f.path();
    drop(f.tracker);
    let imported = run(&path, text.as_bytes(), false).unwrap();
    assert!(imported.previous_kept_as.is_some());
}

/// Edits the exported JSON, imports it into a new file, and expects a
/// refusal at `location`; nothing may be created.
#[track_caller]
fn refused_at(edit: impl FnOnce(&mut Value), location: &str) -> String {
    let mut f = populated();
    let mut v: Value = serde_json::from_str(&export_of(&mut f.tracker)).unwrap();
    edit(&mut v);
    let bytes = serde_json::to_vec_pretty(&v).unwrap();
    refused_bytes(&bytes, location)
}

#[track_caller]
fn refused_bytes(bytes: &[u8], location: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("new.sqlite3");
    let e = run(&target, bytes, false).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidImport, "{e}");
    let CoreError::InvalidImport { location: at, .. } = &e else {
        unreachable!()
    };
    assert_eq!(at, location, "{e}");
    assert!(!target.exists(), "nothing is created on a refusal");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "no working file is left behind: {left:?}");
    e.to_string()
}

#[test]
fn errors_name_the_json_path_of_the_problem() {
    refused_bytes(b"", "$");
    refused_bytes(b"{\"format\": ", "$");
    refused_bytes(b"[1, 2]", "$");
    refused_bytes(b"{\"format\": \"something-else\"}", "$.format");
    refused_bytes(b"{}", "$.format");
    let newer = refused_at(
        |v| v["format_version"] = (followthrough_core::export::json::FORMAT_VERSION + 1).into(),
        "$.format_version",
    );
    assert!(newer.contains("newer Followthrough"), "{newer}");
    refused_at(|v| v["schema_version"] = 99.into(), "$.schema_version");
    refused_at(
        |v| v["milestones"][0]["current_due"] = "2027-02-30".into(),
        "$.milestones[0].current_due",
    );
    refused_at(
        |v| v["milestones"][0]["current_due"] = "2027-03-01".into(),
        "$.milestones[0].current_due",
    );
    refused_at(
        |v| v["owners"][1]["email"] = "not an address".into(),
        "$.owners[1].email",
    );
    refused_at(|v| v["owners"][0]["name"] = "  ".into(), "$.owners[0].name");
    refused_at(
        |v| v["owners"][0]["nickname"] = "extra".into(),
        "$.owners[0].nickname",
    );
    refused_at(
        |v| v["evidence"][0]["kind"] = "rumour".into(),
        "$.evidence[0].kind",
    );
    refused_at(
        |v| v["evidence"][0]["text"] = "a\u{0}b".into(),
        "$.evidence[0].text",
    );
    refused_at(
        |v| v["recommendations"][1]["lead_owner_id"] = 999.into(),
        "$.recommendations[1].lead_owner_id",
    );
    refused_at(
        |v| {
            let dup = v["owners"][0]["id"].clone();
            v["owners"][1]["id"] = dup;
        },
        "$.owners[1].id",
    );
    refused_at(
        |v| v["recommendations"].as_array_mut().unwrap().truncate(7),
        "$.recommendations",
    );
    refused_at(
        |v| v["periods"][1]["starts_on"] = "2026-09-01".into(),
        "$.periods[1].starts_on",
    );
    refused_at(
        |v| v["assessments"][0]["period_id"] = 77.into(),
        "$.assessments[0].period_id",
    );
    refused_at(
        |v| v["evidence"][0]["recorded_at"] = "yesterday".into(),
        "$.evidence[0].recorded_at",
    );
    refused_at(
        |v| v["report"]["key"] = "another-report".into(),
        "$.report.key",
    );
    let mut trailing = export_of(&mut populated().tracker).into_bytes();
    trailing.extend_from_slice(b"{}");
    let msg = refused_bytes(&trailing, "$");
    assert!(msg.contains("trailing"), "{msg}");
}

#[test]
fn lone_surrogates_and_nul_escaped_in_json_are_refused_at_their_field() {
    let mut f = populated();
    let text = export_of(&mut f.tracker);
    let note = "\"text\": \"Deputy agreed the scope.\\nSee minutes.\"";
    assert!(text.contains(note), "the note is in the export");
    for bad in ["\\ud800", "\\udfff x", "\\u0000"] {
        let edited = text.replace(note, &format!("\"text\": \"{bad}\""));
        refused_bytes(edited.as_bytes(), "$.evidence[0].text");
    }
}

#[test]
fn a_snapshot_edited_in_transit_is_refused() {
    let msg = refused_at(
        |v| v["snapshots"][0]["content"]["recommendations"][1]["title"] = "Rewritten".into(),
        "$.snapshots[0].fingerprint",
    );
    assert!(msg.contains("frozen"), "{msg}");
    refused_at(
        |v| v["snapshots"][0]["period_id"] = v["periods"][1]["id"].clone(),
        "$.snapshots[0].period_id",
    );
}

#[test]
fn an_export_from_before_snapshots_gets_them_reconstructed() {
    // Made by the program at data version 2, when exports (format 1) had
    // no snapshots and no record seals.
    let text = include_bytes!("../../fixtures/trackers/v2-export.json");
    let v: Value = serde_json::from_slice(text).unwrap();
    assert_eq!(v["format_version"], 1);
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("old.sqlite3");
    let mut t = run(&target, text, false).unwrap().tracker;
    let signed = t
        .periods()
        .unwrap()
        .into_iter()
        .find(|p| p.state == followthrough_core::scales::PeriodState::SignedOff)
        .expect("the sample signs a period off");
    let snapshot = t.period_snapshot(signed.id).unwrap().expect("a snapshot");
    assert!(snapshot.reconstructed);
    assert_eq!(snapshot.fingerprint, snapshot.content.fingerprint());
    t.verify().unwrap();
}

#[test]
fn an_audit_trail_edited_in_transit_is_refused_at_the_edited_event() {
    let msg = refused_at(
        |v| v["audit"][3]["actor"] = "Someone Else".into(),
        "$.audit[3]",
    );
    assert!(msg.contains("changed"), "{msg}");
    refused_at(
        |v| {
            v["audit"].as_array_mut().unwrap().remove(2);
        },
        "$.audit[2]",
    );
    refused_at(
        |v| v["audit"][5]["after"]["title"] = "Rewritten".into(),
        "$.audit[5]",
    );
}

#[test]
fn a_file_that_is_not_a_tracker_is_never_replaced() {
    let mut source = populated();
    let text = export_of(&mut source.tracker);
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("notes.txt");
    std::fs::write(&target, "my notes").unwrap();
    let e = run(&target, text.as_bytes(), true).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotADatabase);
    assert_eq!(std::fs::read(&target).unwrap(), b"my notes");
}

#[test]
fn ids_authors_and_dates_are_preserved() {
    let mut f = populated();
    let text = export_of(&mut f.tracker);
    let target = f.dir.path().join("copy.sqlite3");
    let mut t = run(&target, text.as_bytes(), false).unwrap().tracker;
    let original = f.tracker.export_document().unwrap();
    let copy = t.export_document().unwrap();
    assert_eq!(copy.milestones, original.milestones);
    assert_eq!(copy.evidence, original.evidence);
    assert_eq!(copy.assessments, original.assessments);
    assert_eq!(copy.periods, original.periods);
    assert_eq!(copy.audit[..original.audit.len()], original.audit[..]);
    // New work continues after the imported ids.
    let next = t
        .add_owner(
            &importer(),
            &followthrough_core::owners::OwnerInput {
                name: "After import".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(original.owners.iter().all(|o| o.id < next.id));
    t.verify().unwrap();
}

/// The document as an export made at data version 1 would carry it: no
/// seals, no chain, no snapshots, no identity. Nothing then vouches for
/// its content except the rules every record must keep, which is what
/// these tests reach. (A current export edited this way is refused
/// earlier, by its seals.)
fn as_version_1(v: &mut Value) {
    let doc = v.as_object_mut().unwrap();
    doc.insert("format_version".into(), 1.into());
    doc.insert("schema_version".into(), 1.into());
    for key in ["snapshots", "tracker_id", "trail_head"] {
        doc.remove(key);
    }
    for e in doc["audit"].as_array_mut().unwrap() {
        let e = e.as_object_mut().unwrap();
        for key in ["machine", "app_version", "prev_hash", "hash", "records"] {
            e.remove(key);
        }
    }
}

#[test]
fn an_unchanged_export_in_the_oldest_format_imports() {
    let mut f = populated();
    let mut v: Value = serde_json::from_str(&export_of(&mut f.tracker)).unwrap();
    as_version_1(&mut v);
    let dir = tempfile::tempdir().unwrap();
    let mut t = run(
        &dir.path().join("t.sqlite3"),
        &serde_json::to_vec(&v).unwrap(),
        false,
    )
    .unwrap()
    .tracker;
    t.verify().unwrap();
}

#[test]
fn an_export_that_breaks_a_rule_of_the_tracker_is_refused_where_it_breaks_it() {
    fn legacy(edit: impl Fn(&mut Value)) -> impl FnOnce(&mut Value) {
        move |v: &mut Value| {
            as_version_1(v);
            edit(v);
        }
    }
    // The reporter accepting their own report, under another spelling.
    let msg = refused_at(
        legacy(|v: &mut Value| {
            let a = &mut v["assessments"][0];
            a["reviewed_by"] =
                format!(" {} ", a["reported_by"].as_str().unwrap().to_uppercase()).into();
        }),
        "$.assessments[0].reviewed_by",
    );
    assert!(msg.contains("cannot also review"), "{msg}");
    // A period signed off while a review is pending.
    refused_at(
        legacy(|v: &mut Value| v["assessments"][0]["review_state"] = "pending".into()),
        "$.periods[0].state",
    );
    // Evidence observed after it was recorded, and after today.
    refused_at(
        legacy(|v: &mut Value| v["evidence"][0]["observed_on"] = "2027-06-01".into()),
        "$.evidence[0].observed_on",
    );
    // "Fully implemented" accepted with no evidence in or before the period.
    refused_at(
        legacy(|v: &mut Value| {
            let a = &mut v["assessments"][0];
            a["status"] = "fully_implemented".into();
            a["accepted_status"] = "fully_implemented".into();
        }),
        "$.assessments[0].review_state",
    );
    // Accepted values that are not what was reported.
    refused_at(
        legacy(|v: &mut Value| v["assessments"][1]["accepted_confidence"] = "green".into()),
        "$.assessments[1].accepted_status",
    );
    // A milestone done in the future.
    refused_at(
        legacy(|v: &mut Value| v["milestones"][0]["completed_on"] = "2030-01-01".into()),
        "$.milestones[0].completed_on",
    );
}

#[test]
fn dates_ids_and_seals_are_taken_only_in_their_exact_form() {
    // Dates exactly YYYY-MM-DD.
    for loose in [
        "2026-1-5",
        "2026-01-5",
        " 2026-01-05",
        "2026-01-05 ",
        "+2026-01-05",
    ] {
        refused_at(
            |v| v["milestones"][0]["baseline_due"] = loose.into(),
            "$.milestones[0].baseline_due",
        );
    }
    // Ids a JSON reader keeps exactly, and no further.
    for id in [0i64, -3, 9_007_199_254_740_992, i64::MAX] {
        refused_at(|v| v["owners"][0]["id"] = id.into(), "$.owners[0].id");
        refused_at(move |v| v["audit"][5]["id"] = id.into(), "$.audit[5].id");
    }
    // A record changed in transit, with its event left as it was.
    let msg = refused_at(
        |v| v["owners"][0]["name"] = "Someone else".into(),
        "$.owners[0]",
    );
    assert!(msg.contains("not what the audit trail recorded"), "{msg}");
    // The newest events cut off, with the head left as it was.
    let msg = refused_at(
        |v| {
            v["audit"].as_array_mut().unwrap().pop();
        },
        "$.trail_head",
    );
    assert!(msg.contains("newest event"), "{msg}");
}
