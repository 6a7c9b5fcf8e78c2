//! Opening a data file safely.
//!
//! A file is inspected read-only before anything is written to it: only a
//! regular file with one name is considered; an empty file, a file that is
//! not SQLite, a SQLite database of another program, a tracker written by a
//! newer Followthrough, a tracker whose structure is not that of its data
//! version, and a file that fails SQLite's quick check are all refused and
//! left exactly as they were. Only then is it opened for writing,
//! configured for durability and migrated.
//!
//! Opening never creates a file: a new tracker is built under a working name
//! and linked into place whole (see [`crate::tracker::Tracker::create`]), so
//! the data file's name only ever holds a complete tracker.

pub mod migrate;
mod schema;

use crate::error::{CoreError, Result};
use crate::files;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::time::{Duration, Instant};

pub use schema::{check_schema, SchemaObject};

/// Marks a SQLite file as a Followthrough tracker (`PRAGMA application_id`,
/// the ASCII bytes "FTHR").
pub const APPLICATION_ID: i32 = 0x4654_4852;

/// How long a writer waits for another process (the app and the CLI on the
/// same file) before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// How long opening spends on SQLite's quick check before trusting the
/// rest to the full check (`verify`, and the window's check after it
/// starts). A small tracker is checked whole in a few milliseconds.
pub const QUICK_CHECK_BUDGET: Duration = Duration::from_millis(100);

/// What is found at a path before it is opened for writing.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    /// Nothing there yet.
    Missing,
    /// A tracker at the given schema version, whose structure is that of
    /// its version and which passed the quick check.
    Tracker { version: i64 },
}

/// Looks at `path` without changing it (beyond dropping a working name an
/// interrupted placing left on it: see [`files::drop_leftover_working_names`]).
pub fn inspect(path: &Path) -> Result<Found> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // A symbolic link to nowhere is not an empty place to write.
            return match std::fs::symlink_metadata(path) {
                Ok(_) => Err(CoreError::NotAFile(path.to_owned())),
                Err(_) => Ok(Found::Missing),
            };
        }
        Err(e) => {
            return Err(files::io_error(
                format!("cannot read {}", path.display()),
                e,
            ))
        }
    };
    // A pipe would block the read below forever, and a device is no file.
    if !meta.is_file() {
        return Err(CoreError::NotAFile(path.to_owned()));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 && meta.nlink() > 1 + files::drop_leftover_working_names(path) as u64 {
            return Err(CoreError::HardLinked(path.to_owned()));
        }
    }
    if meta.len() == 0 {
        return Err(CoreError::Damaged {
            path: path.to_owned(),
            detail: "the file is empty (0 bytes)".to_owned(),
        });
    }
    // The header is read through SQLite, never by opening the file
    // directly: closing a second descriptor of a database file releases
    // the locks SQLite holds on it in this process (a window restoring, a
    // benchmark opening twice).

    let not_a_db = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => CoreError::NotADatabase(path.to_owned()),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => CoreError::Damaged {
            path: path.to_owned(),
            detail: e.to_string(),
        },
        _ => CoreError::from(e),
    };
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(not_a_db)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(not_a_db)?;
    // Short files and files of other formats fail here, as SQLite reads
    // the header.
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(not_a_db)?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(not_a_db)?;
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(not_a_db)?;

    if app_id != APPLICATION_ID {
        return Err(if app_id == 0 && version == 0 && objects == 0 {
            CoreError::Damaged {
                path: path.to_owned(),
                detail: "the file is an empty database that holds no tracker".to_owned(),
            }
        } else {
            CoreError::ForeignDatabase(path.to_owned())
        });
    }
    let supported = migrate::latest_version();
    if version > supported {
        return Err(CoreError::NewerSchema {
            path: path.to_owned(),
            found: version,
            supported,
        });
    }
    if version < 1 {
        return Err(CoreError::Damaged {
            path: path.to_owned(),
            detail: format!("its data version is {version}, which no Followthrough writes"),
        });
    }
    check_schema(&conn, version, path)?;
    quick_check(&mut conn, path, QUICK_CHECK_BUDGET)?;
    Ok(Found::Tracker { version })
}

/// SQLite's quick check (every page and record readable and well formed),
/// stopped after `budget`: what it covered in that time must be sound.
fn quick_check(conn: &mut Connection, path: &Path, budget: Duration) -> Result<()> {
    let deadline = Instant::now() + budget;
    conn.progress_handler(1000, Some(move || Instant::now() > deadline))?;
    let rows: rusqlite::Result<Vec<String>> = conn
        .prepare("PRAGMA quick_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect());
    conn.progress_handler(0, None::<fn() -> bool>)?;
    match rows {
        Ok(rows) if rows == ["ok"] => Ok(()),
        Ok(rows) => Err(CoreError::Damaged {
            path: path.to_owned(),
            detail: rows.join("; "),
        }),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted) => {
            Ok(())
        }
        Err(e) => Err(CoreError::Damaged {
            path: path.to_owned(),
            detail: e.to_string(),
        }),
    }
}

/// Opens the tracker at `path`, which [`inspect`] found, for writing and
/// brings its schema up to date. Never creates a file.
pub(crate) fn open_existing(path: &Path) -> Result<Connection> {
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    configure(&conn)?;
    migrate::run(&mut conn).map_err(|e| migration_failed(path, e))?;
    Ok(conn)
}

/// Creates a tracker's schema in a new working file at `path` (which must
/// not exist yet). The caller fills it and links it into place.
pub(crate) fn create_working(path: &Path) -> Result<Connection> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(files::io(format!("cannot create {}", path.display())))?;
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    configure(&conn)?;
    migrate::run(&mut conn)?;
    Ok(conn)
}

/// A migration that fails on a file which passed [`inspect`] is a fault of
/// the file (its content breaks a constraint the new version adds), never
/// left half done: each step is one transaction.
fn migration_failed(path: &Path, e: CoreError) -> CoreError {
    match e {
        CoreError::Database(inner) => CoreError::Damaged {
            path: path.to_owned(),
            detail: format!("it could not be brought up to date ({inner})"),
        },
        e => e,
    }
}

/// Durability first: WAL with `synchronous=FULL` makes every acknowledged
/// commit survive a power cut; foreign keys are enforced on every
/// connection; a busy timeout lets the app and the CLI share a file.
pub(crate) fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(CoreError::Damaged {
            path: conn.path().unwrap_or_default().into(),
            detail: format!(
                "it could not be switched to write-ahead logging (journal mode is {mode})"
            ),
        });
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // Every query the screens run stays prepared: a recommendation's page
    // alone runs more than rusqlite's default of 16, and a statement pushed
    // out of the cache is prepared again on every visit (a third of the
    // page's time, measured).
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(())
}

/// How many prepared statements a connection keeps (see [`configure`]).
const STATEMENT_CACHE: usize = 128;
