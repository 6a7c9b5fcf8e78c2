//! [`Tracker`]: one open data file and the clock, the single API surface that
//! the window, the command line and the tests all use.
//!
//! Each public method is one use case and runs in one transaction: its
//! checks, its writes and its audit events commit together or not at all.
//!
//! Three ways to get one, so that only what means to create a tracker
//! creates one: [`Tracker::open`] (an existing file only), [`Tracker::create`]
//! (a new file only, built under a working name and linked into place
//! whole), and [`Tracker::open_or_create`] (the window on its data file).

use crate::actor::Actor;
use crate::audit::{self, Change};
use crate::clock::Clock;
use crate::db::{self, Found};
use crate::error::{CoreError, Result};
use crate::files;
use crate::lock::{self, TrackerLock};
use crate::witness::Witness;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
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

/// Refuses, without writing anything, what is not an existing tracker.
fn inspect(path: &Path) -> Result<()> {
    match db::inspect(path).map_err(|e| damaged(path, e))? {
        Found::Missing => Err(CoreError::Missing(path.to_owned())),
        Found::Tracker { .. } => Ok(()),
    }
}

pub struct Tracker {
    // Declared first so it is dropped first: the connection closes before
    // the lock that lets it be open is released.
    pub(crate) conn: Connection,
    pub(crate) clock: Box<dyn Clock>,
    path: PathBuf,
    /// The computer's name, recorded on every audit event.
    machine: String,
    /// This process's use of the file (none for a tracker being built
    /// under a working name, which no one else can know of).
    pub(crate) lock: Option<TrackerLock>,
    /// The tracker's permanent identity (`meta.tracker_id`).
    tracker_id: String,
    witness: Option<Witness>,
}

impl Tracker {
    /// Opens the existing tracker at `path`. A missing file is
    /// [`CoreError::Missing`]: only the commands that mean to create a
    /// tracker create one.
    pub fn open(path: &Path, clock: Box<dyn Clock>) -> Result<Self> {
        // A file that is refused is refused before anything (even the lock
        // file) is written beside it.
        inspect(path)?;
        let lock = TrackerLock::shared(path)?;
        Self::open_inspected(path, clock, Some(lock)).map_err(|e| damaged(path, e))
    }

    /// Opens the tracker at `path` with a lock already held.
    pub(crate) fn open_locked(
        path: &Path,
        clock: Box<dyn Clock>,
        lock: TrackerLock,
    ) -> Result<Self> {
        inspect(path)?;
        Self::open_inspected(path, clock, Some(lock)).map_err(|e| damaged(path, e))
    }

    /// Opens a tracker under a working name that no other process knows
    /// (one a restore or an import is preparing), without a lock.
    pub(crate) fn open_working(path: &Path, clock: Box<dyn Clock>) -> Result<Self> {
        inspect(path)?;
        Self::open_inspected(path, clock, None).map_err(|e| damaged(path, e))
    }

    fn open_inspected(
        path: &Path,
        clock: Box<dyn Clock>,
        lock: Option<TrackerLock>,
    ) -> Result<Self> {
        let conn = db::open_existing(path)?;
        let mut tracker = Tracker {
            conn,
            clock,
            path: path.to_owned(),
            machine: String::new(),
            lock,
            tracker_id: String::new(),
            witness: None,
        };
        crate::upkeep::run(&mut tracker)?;
        tracker.load_identity()?;
        Ok(tracker)
    }

    /// Creates a new tracker at `path` (the schema and the seeded report
    /// with its eight recommendations). Refuses a path where any file is.
    pub fn create(path: &Path, clock: Box<dyn Clock>) -> Result<Self> {
        Self::create_with(path, clock, |_| Ok(()))
    }

    /// Creates a new tracker at `path` and lets `fill` write into it before
    /// it takes its name, so the file appears complete or not at all (the
    /// sample tracker is made this way).
    pub fn create_with(
        path: &Path,
        clock: Box<dyn Clock>,
        fill: impl FnOnce(&mut Tracker) -> Result<()>,
    ) -> Result<Self> {
        let exists = || std::fs::symlink_metadata(path).is_ok();
        if exists() {
            return Err(CoreError::Exists(path.to_owned()));
        }
        let folder = files::folder_of(path);
        if !folder.is_dir() {
            return Err(files::io_error(
                format!("cannot create {}", path.display()),
                std::io::Error::new(std::io::ErrorKind::NotFound, "its folder does not exist"),
            ));
        }
        let lock = TrackerLock::exclusive(path, lock::WAIT_FOR_USERS)?;
        if exists() {
            return Err(CoreError::Exists(path.to_owned()));
        }
        files::remove_stale_working_files(folder, "creating");
        let work = files::working_name(path, "creating");
        let built = (|| {
            let mut t = Tracker {
                conn: db::create_working(&work)?,
                clock,
                path: work.clone(),
                machine: String::new(),
                lock: None,
                tracker_id: String::new(),
                witness: None,
            };
            crate::upkeep::run(&mut t)?;
            t.load_identity()?;
            fill(&mut t)?;
            t.close()
        })();
        let clock = match built.and_then(|clock| {
            if files::link_into_place(&work, path)? {
                Ok(clock)
            } else {
                Err(CoreError::Exists(path.to_owned()))
            }
        }) {
            Ok(clock) => clock,
            Err(e) => {
                files::remove_database_files(&work);
                return Err(e);
            }
        };
        let mut t = Self::open_locked(path, clock, lock)?;
        if let Some(l) = t.lock.as_mut() {
            l.downgrade()?;
        }
        Ok(t)
    }

    /// Opens the tracker at `path`, creating it first if no file is there.
    pub fn open_or_create(path: &Path, clock: Box<dyn Clock>) -> Result<Self> {
        if std::fs::symlink_metadata(path).is_err() {
            // Two windows starting at once: the second finds the first's.
            return match Self::create(path, clock.boxed()) {
                Err(CoreError::Exists(_)) => Self::open(path, clock),
                other => other,
            };
        }
        Self::open(path, clock)
    }

    /// Closes the connection, folding the write-ahead log into the file,
    /// and gives the clock back.
    pub(crate) fn close(self) -> Result<Box<dyn Clock>> {
        let Tracker { conn, clock, .. } = self;
        conn.close().map_err(|(_, e)| CoreError::from(e))?;
        Ok(clock)
    }

    fn load_identity(&mut self) -> Result<()> {
        self.tracker_id = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'tracker_id'", [], |r| {
                r.get(0)
            })
            .optional()?
            .unwrap_or_default();
        Ok(())
    }

    /// The tracker's permanent identity, the same in its backups, exports
    /// and imports.
    pub fn tracker_id(&self) -> &str {
        &self.tracker_id
    }

    /// Names the computer recorded on the audit events this tracker writes
    /// (front ends pass the operating system's host name).
    pub fn with_machine(mut self, machine: &str) -> Self {
        self.machine = machine.to_owned();
        self
    }

    /// The computer's name recorded on events.
    pub fn machine(&self) -> &str {
        &self.machine
    }

    /// Checks the trail against this computer's witness (it must still hold
    /// the newest event seen here) and keeps the witness up to date from
    /// now on, after every change.
    pub fn with_witness(mut self, witness: Witness) -> Result<Self> {
        witness.check(&self.conn, &self.tracker_id, &self.path)?;
        self.witness = Some(witness);
        self.note_head();
        Ok(self)
    }

    /// Keeps the witness up to date without checking it first (a restore
    /// or an import, which replace what the witness saw).
    pub(crate) fn set_witness(&mut self, witness: Option<Witness>) {
        self.witness = witness;
    }

    /// Opens the tracker at `path` and accepts it as it now is, though its
    /// trail ends before the newest event `witness` saw in it (an older
    /// copy the user put in place on purpose): records the decision, with
    /// both heads, in the trail, and follows the witness from there.
    pub fn open_trusting(
        path: &Path,
        clock: Box<dyn Clock>,
        witness: Witness,
        actor: &Actor,
        machine: &str,
    ) -> Result<Self> {
        let mut t = Self::open(path, clock)?.with_machine(machine);
        if witness.check(&t.conn, &t.tracker_id, path).is_ok() {
            // Nothing to accept: the file is what this computer saw.
            t.witness = Some(witness);
            t.note_head();
            return Ok(t);
        }
        let seen = witness.seen(path);
        let head = t.trail_head()?;
        t.write(actor, |ch| {
            ch.audit(
                crate::audit::Action::TrustFile,
                crate::audit::Subject::TRACKER,
                None::<&()>,
                Some(&serde_json::json!({ "witnessed": seen, "found": head })),
            )
        })?;
        t.witness = Some(witness);
        t.note_head();
        Ok(t)
    }

    pub fn witness(&self) -> Option<&Witness> {
        self.witness.as_ref()
    }

    /// Notes the trail's newest event in the witness, if there is one.
    pub(crate) fn note_head(&self) {
        let Some(w) = &self.witness else { return };
        if let Ok(Some(head)) = audit::head(&self.conn) {
            let now = audit::timestamp(self.clock.now());
            // A witness that cannot be written weakens detection; it never
            // undoes the change the user made.
            let _ = w.record(&self.path, &self.tracker_id, &head, &now);
        }
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
        let (out, head) = {
            let change = Change::new(&tx, now.clone(), actor, &self.machine);
            let out = f(&change)?;
            (out, change.head.into_inner())
        };
        tx.commit()?;
        if let (Some(w), Some(head)) = (&self.witness, head) {
            let _ = w.record(&self.path, &self.tracker_id, &head, &now);
        }
        Ok(out)
    }

    /// Runs a use case as [`Tracker::write`] does, then rolls it back: what
    /// it would do, found by doing it (a preview), with nothing kept.
    pub(crate) fn rehearse<T>(
        &mut self,
        actor: &Actor,
        f: impl FnOnce(&Change<'_>) -> Result<T>,
    ) -> Result<T> {
        let now = audit::timestamp(self.clock.now());
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let change = Change::new(&tx, now, actor, &self.machine);
        f(&change)
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
            .optional()?;
        Ok(kind.as_deref() == Some("sample"))
    }

    pub fn audit_trail(&mut self, filter: &audit::AuditFilter) -> Result<Vec<audit::AuditEvent>> {
        self.read(|c| audit::list(c, filter))
    }

    /// The events the History screen asks for, newest first, or which part
    /// of the question is wrong.
    pub fn history(
        &mut self,
        query: &crate::history::HistoryQuery,
    ) -> Result<Vec<crate::history::HistoryEvent>> {
        self.read(|c| {
            // The spellings of the person asked about, when one is.
            let recorded = match query.actor {
                Some(_) => crate::history::recorded_names(c)?,
                None => Vec::new(),
            };
            let events = audit::list(c, &query.filter(&recorded)?)?;
            crate::history::shown(&crate::decisions::Signers::of(c)?, events)
        })
    }

    /// The newest event of the trail (what exports, backups and briefings
    /// record as its head).
    pub fn trail_head(&mut self) -> Result<Option<crate::seals::Head>> {
        self.read(audit::head)
    }

    /// Re-reads what the tracker caches after its content was replaced
    /// in place (a restore or an import).
    pub(crate) fn reload(&mut self) -> Result<()> {
        self.load_identity()
    }
}
