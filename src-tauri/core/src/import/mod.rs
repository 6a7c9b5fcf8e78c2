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
use crate::audit::{self, Subject};
use crate::backup;
use crate::clock::{Clock, FixedClock};
use crate::db::{self, Found};
use crate::error::{CoreError, Result};
use crate::export::json::ExportDocument;
use crate::tracker::Tracker;
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

/// Parses and checks an export without writing anything.
pub fn parse(bytes: &[u8]) -> Result<ExportDocument> {
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
    check::document(&doc)?;
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
/// trail) into `data_file`. A data file that does not exist yet, or holds
/// nothing but the seeded report, is created from the export; one that holds
/// entries is refused unless `replace`, which keeps it as a backup first.
pub fn import(
    data_file: &Path,
    source: &str,
    bytes: &[u8],
    replace: bool,
    clock: Box<dyn Clock>,
    actor: &Actor,
    machine: &str,
) -> Result<Imported> {
    let doc = parse(bytes)?;
    let now = clock.now();

    let previous_kept_as = match db::inspect(data_file)? {
        Found::Fresh => None,
        Found::Tracker { .. } => {
            let current = Tracker::open(data_file, Box::new(FixedClock(now)))?;
            if has_entries(current.connection())? && !replace {
                return Err(CoreError::NotEmpty(data_file.to_owned()));
            }
            Some(backup::write(current.connection(), data_file, now)?)
        }
    };

    let record = serde_json::json!({
        "source": source,
        "sha256": sha256_hex(bytes),
        "format_version": doc.format_version,
        "exported_at": doc.exported_at,
        "events_imported": doc.audit.len(),
        "previous_kept_as": previous_kept_as.as_ref().map(|p| p.display().to_string()),
    });
    let tmp = sibling(data_file, "importing");
    remove_database_files(&tmp);
    let built = build(&tmp, &doc, &audit::timestamp(now), actor, machine, &record);
    let placed = built.and_then(|()| backup::move_into_place(&tmp, data_file));
    if let Err(e) = placed {
        remove_database_files(&tmp);
        return Err(e);
    }
    let tracker = Tracker::open(data_file, clock)?.with_machine(machine);
    Ok(Imported {
        tracker,
        previous_kept_as,
        events: doc.audit.len(),
    })
}

/// Writes the whole document and the import's own event into a new file at
/// `path`, in one transaction that commits only if SQLite finds the result
/// sound and its audit chain whole.
fn build(
    path: &Path,
    doc: &ExportDocument,
    now: &str,
    actor: &Actor,
    machine: &str,
    record: &serde_json::Value,
) -> Result<()> {
    let mut conn = db::open(path)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    insert::document(&tx, doc)?;
    let change = audit::Change {
        tx: &tx,
        now: now.to_owned(),
        actor,
        machine,
    };
    change.audit(
        "import",
        Subject {
            kind: "tracker",
            id: 0,
            recommendation_id: None,
        },
        None::<&()>,
        Some(record),
    )?;
    backup::integrity(&tx, path)?;
    if let Some(link) = audit::verify_chain(&tx)? {
        return Err(CoreError::AuditChainBroken {
            path: path.to_owned(),
            event_id: link.event_id,
            reason: link.reason,
        });
    }
    tx.commit()?;
    // Closing folds the write-ahead log into the file, so the one file that
    // is moved into place holds everything.
    conn.close().map_err(|(_, e)| CoreError::Database(e))?;
    Ok(())
}

/// Whether the tracker holds anything a person entered: any audit event
/// beyond the seeding of the report and the program's own housekeeping.
fn has_entries(conn: &Connection) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM audit_event
             WHERE action NOT IN ('seed_report', 'seed_recommendation', 'backup', 'export', 'briefing')
             LIMIT 1",
            [],
            |_| Ok(()),
        )
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

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A hidden working file beside `path`, e.g. `.tracker.sqlite3.importing`.
fn sibling(path: &Path, what: &str) -> PathBuf {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    dir.join(format!(".{name}.{what}"))
}

/// Removes a SQLite file and its side files, ignoring what is not there.
fn remove_database_files(path: &Path) {
    let _ = std::fs::remove_file(path);
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
}
