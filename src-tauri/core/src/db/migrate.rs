//! A small `user_version` migration runner.
//!
//! Migration *n* (counting from 1) brings the schema from version n-1 to n.
//! Each runs in its own IMMEDIATE transaction that also sets the version, so
//! a crash leaves the file at a whole version, and two processes opening a
//! new file at once cannot both apply the same step. Shipped migrations are
//! never edited or removed: changes are new files appended here.

use super::APPLICATION_ID;
use crate::error::{CoreError, Result};
use rusqlite::{Connection, Transaction, TransactionBehavior};

/// One step of the schema: its SQL and, where data must be rewritten in a
/// way SQL cannot express, a function run in the same transaction after it.
pub struct Migration {
    pub sql: &'static str,
    pub then: Option<fn(&Transaction<'_>) -> Result<()>>,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        sql: include_str!("../../migrations/0001_initial.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("../../migrations/0002_audit_chain.sql"),
        then: Some(crate::audit::seal_unsealed),
    },
    Migration {
        sql: include_str!("../../migrations/0003_period_snapshots.sql"),
        then: Some(crate::snapshots::reconstruct_missing),
    },
    Migration {
        sql: include_str!("../../migrations/0004_search_and_scale.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("../../migrations/0005_running_counts.sql"),
        then: None,
    },
];

pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Applies every migration the file has not had yet.
pub fn run(conn: &mut Connection) -> Result<()> {
    run_to(conn, latest_version())
}

/// Applies migrations up to `target` (tests use this to build old files).
pub fn run_to(conn: &mut Connection, target: i64) -> Result<()> {
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = version(&tx)?;
        if current > latest_version() {
            return Err(CoreError::NewerSchema {
                path: tx.path().unwrap_or_default().into(),
                found: current,
                supported: latest_version(),
            });
        }
        if current >= target {
            return Ok(());
        }
        let step = &MIGRATIONS[current as usize];
        tx.execute_batch(step.sql)?;
        if let Some(then) = step.then {
            then(&tx)?;
        }
        if current == 0 {
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        tx.pragma_update(None, "user_version", current + 1)?;
        tx.commit()?;
    }
}
