//! The structure a tracker of each data version must have: its tables,
//! indexes, triggers and virtual tables, exactly as the migrations create
//! them.
//!
//! A file whose `user_version` says N but whose structure is not what
//! migrations 1..N make (a table missing, a CHECK loosened, an append-only
//! trigger dropped, a trigger added that rewrites data) is not a tracker
//! this program can trust: migrating it would fail half way with SQLite's
//! words, and using it would let a rule be bypassed. The expected structure
//! is made by running the migrations on an empty database in memory, so
//! there is no second description of the schema to keep in step.
//!
//! The internal tables of the full-text indexes are created by SQLite's FTS5
//! module, not by the migrations, and their text may differ between SQLite
//! versions (quoting, spacing); their columns are compared instead (names,
//! declared types as SQLite reads them, without regard to case, and keys),
//! and their content is checked by FTS5's own integrity check.

use super::migrate;
use crate::error::{CoreError, Result};
use rusqlite::Connection;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

/// One entry of `sqlite_schema`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaObject {
    pub kind: String,
    pub name: String,
    pub table: String,
    pub sql: Option<String>,
}

const FTS5_SHADOW: [&str; 5] = ["_data", "_idx", "_content", "_docsize", "_config"];

/// The file's structure, without SQLite's own tables and the FTS5
/// module's internal tables, ordered by name.
pub(crate) fn objects(conn: &Connection) -> rusqlite::Result<Vec<SchemaObject>> {
    let all: Vec<SchemaObject> = conn
        .prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name")?
        .query_map([], |r| {
            Ok(SchemaObject {
                kind: r.get(0)?,
                name: r.get(1)?,
                table: r.get(2)?,
                sql: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let virtual_tables: Vec<String> = all
        .iter()
        .filter(|o| {
            o.kind == "table"
                && o.sql
                    .as_deref()
                    .is_some_and(|s| s.starts_with("CREATE VIRTUAL TABLE"))
        })
        .map(|o| o.name.clone())
        .collect();
    let shadow = |name: &str| {
        virtual_tables.iter().any(|vt| {
            FTS5_SHADOW
                .iter()
                .any(|suffix| name == format!("{vt}{suffix}"))
        })
    };
    Ok(all
        .into_iter()
        .filter(|o| !o.name.starts_with("sqlite_") && !shadow(&o.name))
        .collect())
}

/// The structure migrations 1..=`version` give an empty database, made
/// once per version in this process.
fn expected(version: i64) -> Result<Vec<SchemaObject>> {
    static CACHE: OnceLock<Mutex<HashMap<i64, Vec<SchemaObject>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(found) = cache.lock().ok().and_then(|c| c.get(&version).cloned()) {
        return Ok(found);
    }
    let mut conn = Connection::open_in_memory()?;
    migrate::run_to(&mut conn, version)?;
    let made = objects(&conn)?;
    if let Ok(mut c) = cache.lock() {
        c.insert(version, made.clone());
    }
    Ok(made)
}

/// The columns of the FTS5 module's internal tables, by table: name,
/// declared type in lower case, whether it is part of the key.
type ShadowColumns = Vec<(String, Vec<(String, String, i64)>)>;

fn shadow_columns(conn: &Connection) -> rusqlite::Result<ShadowColumns> {
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE '%\\_search\\_%' ESCAPE '\\'
             ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    names
        .into_iter()
        .map(|table| {
            let columns = conn
                .prepare("SELECT name, lower(type), pk FROM pragma_table_info(?1) ORDER BY cid")?
                .query_map([&table], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            Ok((table, columns))
        })
        .collect()
}

/// What migrations 1..=`version` give the FTS5 internal tables of an
/// empty database (see [`shadow_columns`]).
fn expected_shadow(version: i64) -> Result<ShadowColumns> {
    static CACHE: OnceLock<Mutex<HashMap<i64, ShadowColumns>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(found) = cache.lock().ok().and_then(|c| c.get(&version).cloned()) {
        return Ok(found);
    }
    let mut conn = Connection::open_in_memory()?;
    migrate::run_to(&mut conn, version)?;
    let made = shadow_columns(&conn)?;
    if let Ok(mut c) = cache.lock() {
        c.insert(version, made.clone());
    }
    Ok(made)
}

/// Refuses a file whose structure is not exactly that of its data version.
pub fn check_schema(conn: &Connection, version: i64, path: &Path) -> Result<()> {
    let damaged = |e: rusqlite::Error| CoreError::Damaged {
        path: path.to_owned(),
        detail: e.to_string(),
    };
    let found = objects(conn).map_err(damaged)?;
    let wanted = expected(version)?;
    if found == wanted {
        let shadow = shadow_columns(conn).map_err(damaged)?;
        let wanted_shadow = expected_shadow(version)?;
        if let Some((table, _)) = wanted_shadow.iter().find(|w| !shadow.contains(w)) {
            return Err(CoreError::Tampered {
                path: path.to_owned(),
                detail: format!(
                    "its structure is not that of a version-{version} tracker: the columns of table {table} were altered"
                ),
            });
        }
        return Ok(());
    }
    let describe = |o: &SchemaObject| format!("{} {}", o.kind, o.name);
    let detail = match (
        wanted.iter().find(|w| !found.contains(w)),
        found.iter().find(|f| !wanted.contains(f)),
    ) {
        (Some(w), Some(f)) if w.name == f.name => format!("{} was altered", describe(w)),
        (Some(w), _) => format!("{} is missing or altered", describe(w)),
        (None, Some(f)) => format!("{} was added", describe(f)),
        (None, None) => "its objects are not in their expected order".to_owned(),
    };
    Err(CoreError::Tampered {
        path: path.to_owned(),
        detail: format!("its structure is not that of a version-{version} tracker: {detail}"),
    })
}
