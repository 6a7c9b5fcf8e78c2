//! Reading a JSON export back into a data file, losslessly or not at all.
//!
//! The whole document is checked before anything is written: its format and
//! version, every field (by the same rules the app applies to what users
//! type), every reference between records, and the seal of every audit
//! event, so a trail edited in transit is refused. Problems are reported
//! with the JSON path of the first one, e.g. `$.milestones[3].current_due`.
//!
//! The tracker is then built in a temporary file beside the target, in one
//! transaction, checked again by SQLite, and only then moved into place with
//! an atomic rename: a crash or a refusal at any point leaves the target as
//! it was. Ids, dates, authors and the audit trail come across unchanged;
//! the import itself is recorded as one more event at the end of the trail.
//!
//! A data file that already holds entries is replaced only when asked to,
//! and then only after it has been kept as a checked backup.

mod check;
mod insert;

use crate::actor::Actor;
use crate::audit::{self, Action, Subject};
use crate::clock::Clock;
use crate::db;
use crate::error::{CoreError, Result};
use crate::export::json::ExportDocument;
use crate::progress::Progress;
use crate::replace::{self, Operator, Replacement, Staged};
use crate::seals;
use crate::tracker::Tracker;
use crate::verify;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use serde::Deserialize;
use std::path::{Path, PathBuf};

impl std::fmt::Debug for Imported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Imported")
            .field("data_file", &self.tracker.path())
            .field("previous_kept_as", &self.previous_kept_as)
            .field("events", &self.events)
            .finish()
    }
}

/// Parses and checks an export without writing anything; `today` is the
/// day nothing in it may be dated after.
pub fn parse(bytes: &[u8], today: NaiveDate) -> Result<ExportDocument> {
    check_header(bytes)?;
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let doc: ExportDocument = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let location = json_path(&e.path().to_string());
        CoreError::InvalidImport {
            location,
            reason: without_position(&e.into_inner()),
        }
    })?;
    de.end()
        .map_err(|e| invalid("$", format!("is followed by other text ({e})")))?;
    // The typed reading above took the dates; their exact form is checked
    // on the text, where each date's path is known.
    let dates: check::Dates = serde_json::from_slice(bytes)
        .map_err(|e| invalid("$", format!("is not valid JSON ({})", without_position(&e))))?;
    check::dates(&dates)?;
    check::document(&doc, today)?;
    Ok(doc)
}

/// What an import did.
pub struct Imported {
    pub tracker: Tracker,
    /// Where the data file's previous content was kept, if there was any.
    pub previous_kept_as: Option<PathBuf>,
    /// How many audit events came with the export.
    pub events: usize,
}

/// Imports the export `bytes` (read from `source`, a name for the audit
/// trail) into `data_file`. A data file that does not exist yet is created
/// from the export; one that holds nothing but the seeded report is
/// replaced; one that holds entries is refused unless `replace`, which
/// keeps it as a backup first (byte for byte, if it is damaged).
pub fn import(
    data_file: &Path,
    source: &str,
    bytes: &[u8],
    replace: bool,
    clock: Box<dyn Clock>,
    by: Operator<'_>,
) -> Result<Imported> {
    let Operator {
        actor,
        machine,
        witness,
    } = by;
    let doc = parse(bytes, clock.today())?;
    let record = serde_json::json!({
        "source": source,
        "sha256": crate::files::sha256_hex(bytes),
        "format_version": doc.format_version,
        "exported_at": doc.exported_at,
        "events_imported": doc.audit.len(),
    });
    let replacement = Replacement {
        action: Action::Import,
        actor,
        machine,
        details: record,
        protect: Vec::new(),
    };
    let now = audit::timestamp(clock.now());
    let staged = Staged::built(data_file, |path| build(path, &doc, &now, actor, machine))?;
    let events = doc.audit.len();
    let (tracker, previous_kept_as) = match Tracker::open(data_file, clock.boxed()) {
        Ok(t) => {
            if has_entries(t.connection())? && !replace {
                return Err(CoreError::NotEmpty(data_file.to_owned()));
            }
            let mut t = t.with_machine(machine);
            t.set_witness(witness);
            let kept = replace::into_open(&mut t, staged, replacement, &Progress::none())?;
            (t, kept)
        }
        Err(CoreError::Missing(_)) => {
            replace::into_path(data_file, staged, clock, replacement, witness)?
        }
        Err(e) if replace && replace::replaceable_when_unreadable(&e) => {
            replace::into_path(data_file, staged, clock, replacement, witness)?
        }
        Err(e) => return Err(e),
    };
    Ok(Imported {
        tracker,
        previous_kept_as,
        events,
    })
}

/// Writes the whole document into a new file at `path`, in one
/// transaction that commits only if SQLite finds the result sound and its
/// audit chain whole. The event recording the import is added when the
/// file takes the data file's place.
fn build(path: &Path, doc: &ExportDocument, now: &str, actor: &Actor, machine: &str) -> Result<()> {
    let mut conn = db::create_working(path)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    insert::document(&tx, doc)?;
    // A trail that seals no records (an export made before data version
    // 6) is sealed now, as the file stands: the import vouches for what it
    // brought in, which the checks above found consistent.
    let sealing: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM audit_event WHERE records IS NOT NULL)",
        [],
        |r| r.get(0),
    )?;
    if !sealing {
        let change = audit::Change::new(&tx, now.to_owned(), actor, machine);
        let all = seals::everything(&tx)?;
        let after = serde_json::json!({
            "records_sealed": all.records.len(),
            "events_before": doc.audit.len(),
        });
        change.audit_sealed(
            Action::SealRecords,
            Subject::TRACKER,
            None::<&()>,
            Some(&after),
            &all,
        )?;
    }
    verify::integrity(&tx, path)?;
    if let Some(link) = audit::verify_chain(&tx)? {
        return Err(CoreError::AuditChainBroken {
            path: path.to_owned(),
            event_id: link.event_id,
            reason: link.reason,
        });
    }
    tx.commit()?;
    // Closing folds the write-ahead log into the file.
    conn.close().map_err(|(_, e)| CoreError::from(e))?;
    Ok(())
}

/// Whether the tracker holds anything a person entered: any audit event
/// beyond the seeding of the report and the program's own housekeeping.
fn has_entries(conn: &Connection) -> Result<bool> {
    let housekeeping = [
        Action::CreateTracker,
        Action::SealRecords,
        Action::SeedReport,
        Action::SeedRecommendation,
        Action::Backup,
        Action::Export,
        Action::Briefing,
    ]
    .map(Action::as_str);
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM audit_event WHERE action NOT IN (?1, ?2, ?3, ?4, ?5, ?6, ?7) LIMIT 1",
        )?
        .query_row(housekeeping, |_| Ok(()))
        .optional()?
        .is_some())
}

/// Refuses, before the full parse, a document that is not an export or is
/// in a format this program does not read, with a message that says so
/// (rather than the first unexpected field of a newer format).
fn check_header(bytes: &[u8]) -> Result<()> {
    #[derive(Deserialize)]
    struct Header {
        format: Option<serde_json::Value>,
        format_version: Option<serde_json::Value>,
    }
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first.is_some_and(|b| *b != b'{') {
        return Err(invalid(
            "$",
            "is not a Followthrough export (a JSON object is expected)",
        ));
    }
    let header: Header = serde_json::from_slice(bytes).map_err(|e| {
        if e.is_syntax() || e.is_eof() {
            invalid("$", format!("is not valid JSON ({e})"))
        } else {
            invalid(
                "$",
                "is not a Followthrough export (a JSON object is expected)",
            )
        }
    })?;
    use crate::export::json::{FORMAT, FORMAT_VERSION};
    if header.format.as_ref().and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(invalid(
            "$.format",
            format!("must be \"{FORMAT}\": the file is not a Followthrough export"),
        ));
    }
    match header.format_version.as_ref().and_then(|v| v.as_u64()) {
        Some(v) if (1..=u64::from(FORMAT_VERSION)).contains(&v) => Ok(()),
        Some(v) if v > u64::from(FORMAT_VERSION) => Err(invalid(
            "$.format_version",
            format!(
                "is {v}: the export was made by a newer Followthrough (this program reads version {FORMAT_VERSION})"
            ),
        )),
        _ => Err(invalid(
            "$.format_version",
            format!("must be a version from 1 to {FORMAT_VERSION}"),
        )),
    }
}

pub(crate) fn invalid(location: &str, reason: impl Into<String>) -> CoreError {
    CoreError::InvalidImport {
        location: location.to_owned(),
        reason: reason.into(),
    }
}

/// `milestones[3].title` → `$.milestones[3].title`; the root is `$`.
fn json_path(serde_path: &str) -> String {
    if serde_path == "." || serde_path.is_empty() {
        "$".to_owned()
    } else {
        format!("$.{serde_path}")
    }
}

/// serde_json appends "at line L column C" to its messages; the JSON path
/// already says where, and is stable when a file is re-indented.
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) if e.line() > 0 => text[..i].to_owned(),
        _ => text,
    }
}
