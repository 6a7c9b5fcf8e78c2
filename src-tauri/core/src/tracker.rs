//! [`Tracker`]: one open data file and the clock, the single API surface that
//! the window, the command line and the tests all use.
//!
//! Each public method is one use case and runs in one transaction: its
//! checks, its writes and its audit events commit together or not at all.

use crate::actor::Actor;
use crate::audit::{self, Change};
use crate::clock::Clock;
use crate::db;
use crate::error::{CoreError, Result};
use crate::seed;
use rusqlite::{Connection, TransactionBehavior};
use std::path::{Path, PathBuf};

/// Names a corruption SQLite reports while opening as damage to the file.
fn damaged(path: &Path, e: CoreError) -> CoreError {
    match &e {
        CoreError::Database(inner)
            if matches!(
                inner.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
            ) =>
        {
            CoreError::Damaged {
                path: path.to_owned(),
                detail: inner.to_string(),
            }
        }
        _ => e,
    }
}

pub struct Tracker {
    pub(crate) conn: Connection,
    pub(crate) clock: Box<dyn Clock>,
    path: PathBuf,
    /// The computer's name, recorded on every audit event.
    machine: String,
}

impl Tracker {
    /// Opens the tracker at `path`, creating it (schema and the seeded
    /// report with its eight recommendations) if it does not exist yet.
    /// Opening again adds nothing.
    pub fn open(path: &Path, clock: Box<dyn Clock>) -> Result<Self> {
        Self::open_unchecked(path, clock).map_err(|e| damaged(path, e))
    }

    fn open_unchecked(path: &Path, clock: Box<dyn Clock>) -> Result<Self> {
        let conn = db::open(path)?;
        let mut tracker = Tracker {
            conn,
            clock,
            path: path.to_owned(),
            machine: String::new(),
        };
        let system = Actor::system();
        tracker.write(&system, seed::ensure)?;
        Ok(tracker)
    }

    /// Names the computer recorded on the audit events this tracker writes
    /// (front ends pass the operating system's host name).
    pub fn with_machine(mut self, machine: &str) -> Self {
        self.machine = machine.to_owned();
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Read access for queries that live beside their table's module.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    pub fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    /// Runs one use case in an IMMEDIATE transaction (taking the write lock
    /// up front, so two processes never deadlock upgrading a read), with the
    /// time and the actor its audit events need. Any error rolls back.
    pub(crate) fn write<T>(
        &mut self,
        actor: &Actor,
        f: impl FnOnce(&Change<'_>) -> Result<T>,
    ) -> Result<T> {
        let now = audit::timestamp(self.clock.now());
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = {
            let change = Change {
                tx: &tx,
                now,
                actor,
                machine: &self.machine,
            };
            f(&change)?
        };
        tx.commit()?;
        Ok(out)
    }

    /// Runs reads in one deferred transaction so they see one consistent
    /// state even while another process writes.
    pub(crate) fn read<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let out = f(&tx)?;
        tx.finish()?;
        Ok(out)
    }

    /// Whether this file was made by `followthrough sample`.
    pub fn is_sample(&self) -> Result<bool> {
        let kind: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'kind'", [], |r| {
                r.get(0)
            })
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })?;
        Ok(kind.as_deref() == Some("sample"))
    }

    pub fn audit_trail(&mut self, filter: &audit::AuditFilter) -> Result<Vec<audit::AuditEvent>> {
        self.read(|c| audit::list(c, filter))
    }
}
