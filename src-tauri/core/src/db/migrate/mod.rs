//! A small `user_version` migration runner.
//!
//! Migration *n* (counting from 1) brings the schema from version n-1 to n.
//! Each runs in its own IMMEDIATE transaction that also sets the version, so
//! a crash leaves the file at a whole version, and two processes opening a
//! new file at once cannot both apply the same step. Shipped migrations are
//! never edited or removed: changes are new files appended here.
//!
//! Each step stands alone: its SQL, and where data must be rewritten in a
//! way SQL cannot express, a function in this folder written for the schema
//! of its own version and frozen with it. A step never calls today's code,
//! whose queries expect the latest schema: a file three versions behind
//! would meet tables that do not exist yet. Work that needs the latest
//! schema (rebuilding snapshots of old sign-offs, sealing the records of an
//! old file into its audit trail) runs after every migration, in
//! [`crate::upkeep`].

mod v2_seal_events;

use super::APPLICATION_ID;
use crate::error::{CoreError, Result};
use rusqlite::{Connection, Transaction, TransactionBehavior};

/// One step of the schema: its SQL and, where data must be rewritten in a
/// way SQL cannot express, a frozen function of this folder run in the same
/// transaction after it.
pub struct Migration {
    pub sql: &'static str,
    pub then: Option<fn(&Transaction<'_>) -> Result<()>>,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        sql: include_str!("../../../migrations/0001_initial.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("../../../migrations/0002_audit_chain.sql"),
        then: Some(v2_seal_events::run),
    },
    Migration {
        sql: include_str!("../../../migrations/0003_period_snapshots.sql"),
        // Snapshots of periods signed off before this version are rebuilt
        // after the last migration (`upkeep`): building one reads tables
        // that later versions add.
        then: None,
    },
    Migration {
        sql: include_str!("../../../migrations/0004_search_and_scale.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("../../../migrations/0005_running_counts.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("../../../migrations/0006_record_seals.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("../../../migrations/0007_reviewers.sql"),
        then: None,
    },
];

/// Seals, in id order, audit events that were written before the chain
/// existed, exactly as migration 2 seals them (an import of an export made
/// at data version 1 holds such events).
pub(crate) fn seal_events_of_version_1(tx: &Transaction<'_>) -> Result<()> {
    v2_seal_events::run(tx)
}

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
        // `inspect` refuses other versions before a file gets here; this
        // keeps the index in range whatever the caller.
        let Some(step) = usize::try_from(current)
            .ok()
            .and_then(|i| MIGRATIONS.get(i))
        else {
            return Err(CoreError::Damaged {
                path: tx.path().unwrap_or_default().into(),
                detail: format!("its data version is {current}, which no Followthrough writes"),
            });
        };
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
