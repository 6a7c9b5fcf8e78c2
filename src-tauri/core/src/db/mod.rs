//! Opening a data file safely.
//!
//! A file is inspected read-only before anything is written to it: a file
//! that is not SQLite, a SQLite database of another program, or a tracker
//! written by a newer Followthrough is refused and left exactly as it was.
//! Only then is it opened for writing, configured for durability, migrated
//! and seeded.

pub mod migrate;

use crate::error::{CoreError, Result};
use rusqlite::{Connection, OpenFlags};
use std::io::Read;
use std::path::Path;
use std::time::Duration;

/// Marks a SQLite file as a Followthrough tracker (`PRAGMA application_id`,
/// the ASCII bytes "FTHR").
pub const APPLICATION_ID: i32 = 0x4654_4852;

/// How long a writer waits for another process (the app and the CLI on the
/// same file) before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What is found at a path before it is opened for writing.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    /// Nothing there yet, an empty file, or an empty SQLite database.
    Fresh,
    /// A tracker at the given schema version.
    Tracker { version: i64 },
}

/// Looks at `path` without changing it.
pub fn inspect(path: &Path) -> Result<Found> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::Fresh),
        Err(e) => return Err(CoreError::io(format!("cannot read {}", path.display()), e)),
    };
    let mut header = Vec::with_capacity(100);
    file.by_ref()
        .take(100)
        .read_to_end(&mut header)
        .map_err(|e| CoreError::io(format!("cannot read {}", path.display()), e))?;
    if header.is_empty() {
        return Ok(Found::Fresh);
    }
    if header.len() < 100 || &header[..16] != SQLITE_MAGIC {
        return Err(CoreError::NotADatabase(path.to_owned()));
    }
    drop(file);

    let not_a_db = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => CoreError::NotADatabase(path.to_owned()),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => CoreError::Damaged {
            path: path.to_owned(),
            detail: e.to_string(),
        },
        _ => CoreError::Database(e),
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(not_a_db)?;
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(not_a_db)?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(not_a_db)?;
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(not_a_db)?;

    if app_id == APPLICATION_ID {
        let supported = migrate::latest_version();
        if version > supported {
            return Err(CoreError::NewerSchema {
                path: path.to_owned(),
                found: version,
                supported,
            });
        }
        Ok(Found::Tracker { version })
    } else if app_id == 0 && version == 0 && objects == 0 {
        Ok(Found::Fresh)
    } else {
        Err(CoreError::ForeignDatabase(path.to_owned()))
    }
}

/// Opens (creating if needed) the tracker at `path` and brings its schema up
/// to date. Seeding is the caller's next step.
pub fn open(path: &Path) -> Result<Connection> {
    inspect(path)?;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if !parent.is_dir() {
            return Err(CoreError::io(
                format!("cannot create {}", path.display()),
                std::io::Error::new(std::io::ErrorKind::NotFound, "its folder does not exist"),
            ));
        }
    }
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    configure(&conn)?;
    migrate::run(&mut conn)?;
    Ok(conn)
}

/// Durability first: WAL with `synchronous=FULL` makes every acknowledged
/// commit survive a power cut; foreign keys are enforced on every
/// connection; a busy timeout lets the app and the CLI share a file.
fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(CoreError::Conflict(format!(
            "the data file could not be switched to write-ahead logging (journal mode is {mode})"
        )));
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(())
}
