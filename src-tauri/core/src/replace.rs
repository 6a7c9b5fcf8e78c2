//! Replacing a tracker's whole content: what a restore and an import share.
//!
//! The new content is first made complete under a working name beside the
//! data file ([`Staged`]): copied or built, brought to the latest schema,
//! given the event that records the replacement (with the newest event of
//! the content it replaces), checked completely, and closed so that the one
//! file holds everything. Only then does it take the data file's place:
//!
//! - over a tracker that opens, with exclusive use of the file (no other
//!   process may have it open, so no acknowledged write can slip between
//!   the keeping of the old content and its replacement): the old content
//!   is kept as a checked backup, then the new content is copied into the
//!   live database with SQLite's online backup, in one transaction. A kill
//!   at any moment leaves the old content or the new, never a mixture, and
//!   the file is never renamed or unlinked under anyone;
//! - over a file that does not open (damaged, or changed outside the
//!   program): the file and its side files are kept byte for byte, then the
//!   new file is renamed into place (its log removed first, as it belongs
//!   to the old content);
//! - where there is no file: the new file is linked into place, never
//!   replacing one that appeared meanwhile.

use crate::actor::Actor;
use crate::audit::{self, Action, Subject};
use crate::backup;
use crate::clock::Clock;
use crate::error::{CoreError, Result};
use crate::files;
use crate::lock::{self, TrackerLock};
use crate::progress::{Progress, Stage};
use crate::seals::{self, Head, Seals};
use crate::tracker::Tracker;
use crate::witness::Witness;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// Who replaces a tracker's content, on which computer, and the witness to
/// keep up to date.
pub struct Operator<'a> {
    pub actor: &'a Actor,
    pub machine: &'a str,
    pub witness: Option<Witness>,
}

/// A complete tracker under a working name beside the data file; removed
/// when dropped, whatever happened.
pub(crate) struct Staged {
    path: PathBuf,
}

impl Drop for Staged {
    fn drop(&mut self) {
        files::remove_database_files(&self.path);
    }
}

/// What the event recording a replacement says.
pub(crate) struct Replacement<'a> {
    pub action: Action,
    pub actor: &'a Actor,
    pub machine: &'a str,
    /// The event's details; `previous_kept_as` is added once known.
    pub details: serde_json::Value,
    /// Backups that keeping the old content must not rotate away (the one
    /// being restored).
    pub protect: Vec<PathBuf>,
}

impl Staged {
    /// A working name beside `data_file` for content being prepared.
    fn new(data_file: &Path, purpose: &str) -> Self {
        files::remove_stale_working_files(files::folder_of(data_file), purpose);
        Staged {
            path: files::working_name(data_file, purpose),
        }
    }

    /// A checked copy of the tracker `source` (a backup), brought to the
    /// latest schema.
    pub(crate) fn copy_of(
        data_file: &Path,
        source: &Path,
        clock: &dyn Clock,
        progress: &Progress<'_>,
    ) -> Result<Self> {
        progress.stage(Stage::Checking, true);
        backup::check(source)?;
        progress.check()?;
        let staged = Staged::new(data_file, "restoring");
        let from = Connection::open_with_flags(source, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        backup::copy_into_file(&from, &staged.path, (progress, Stage::Copying), || {
            format!("cannot prepare the restore beside {}", data_file.display())
        })?;
        drop(from);
        progress.check()?;
        // Opening migrates an older backup and seals its records if it
        // predates seals; closing folds the log into the file.
        Tracker::open_working(&staged.path, clock.boxed())?.close()?;
        Ok(staged)
    }

    /// A tracker built by `build` into a new working file (an import).
    pub(crate) fn built(data_file: &Path, build: impl FnOnce(&Path) -> Result<()>) -> Result<Self> {
        let staged = Staged::new(data_file, "importing");
        build(&staged.path)?;
        Ok(staged)
    }

    /// Writes the event that records the replacement, checks the whole
    /// file, and closes it.
    fn finish(
        &self,
        clock: &dyn Clock,
        r: &Replacement<'_>,
        kept: Option<&Path>,
        replaced: Option<Head>,
    ) -> Result<()> {
        let mut t = Tracker::open_working(&self.path, clock.boxed())?.with_machine(r.machine);
        let mut details = r.details.clone();
        details["previous_kept_as"] = kept.map(|p| p.display().to_string()).into();
        t.write(r.actor, |ch| {
            let seal = seals::current(ch.tx, seals::RecordKind::Tracker, 0)?;
            let records = Seals {
                replaced: replaced.clone(),
                ..Seals::changed(vec![(seals::RecordKind::Tracker, 0, seal)])
            };
            ch.audit_sealed(
                r.action,
                Subject::TRACKER,
                None::<&()>,
                Some(&details),
                &records,
            )
        })?;
        let path = self.path.clone();
        t.read(|c| crate::verify::file(c, &path))?;
        t.close()?;
        files::sync_file(&self.path)
    }
}

/// Whether a tracker that fails to open this way may be replaced (its
/// content kept byte for byte): it is ours but broken. Another program's
/// file, or a path that is no file, is never replaced.
pub(crate) fn replaceable_when_unreadable(e: &CoreError) -> bool {
    matches!(
        e,
        CoreError::Damaged { .. } | CoreError::Tampered { .. } | CoreError::AuditChainBroken { .. }
    )
}

/// Replaces the content of the open tracker `t` with `staged`. Returns
/// where the old content was kept.
pub(crate) fn into_open(
    t: &mut Tracker,
    staged: Staged,
    r: Replacement<'_>,
    progress: &Progress<'_>,
) -> Result<Option<PathBuf>> {
    let lock = t.lock.as_mut().expect("an open data file is locked");
    lock.upgrade(lock::WAIT_FOR_USERS)?;
    let result = (|| -> Result<Option<PathBuf>> {
        let now = t.clock.now();
        let replaced = audit::head(&t.conn)?;
        let protect: Vec<&Path> = r.protect.iter().map(PathBuf::as_path).collect();
        let kept = backup::write(
            &t.conn,
            t.path(),
            now,
            &protect,
            (progress, Stage::KeepingCurrent),
        )?;
        // From here on the work finishes: the current content is kept.
        progress.stage(Stage::Replacing, false);
        staged.finish(t.clock(), &r, Some(&kept), replaced)?;
        copy_into(&staged.path, &mut t.conn)?;
        Ok(Some(kept))
    })();
    let lock = t.lock.as_mut().expect("an open data file is locked");
    let downgraded = lock.downgrade();
    let kept = result?;
    downgraded?;
    t.reload()?;
    t.note_head();
    Ok(kept)
}

/// Copies the whole database at `from` into the live database `to`, in one
/// transaction (SQLite's online backup, all pages in one step).
fn copy_into(from: &Path, to: &mut Connection) -> Result<()> {
    let page_size = |c: &Connection| -> rusqlite::Result<i64> {
        c.pragma_query_value(None, "page_size", |r| r.get(0))
    };
    let source = Connection::open(from)?;
    let wanted = page_size(to)?;
    let live: PathBuf = to.path().unwrap_or_default().into();
    if page_size(&source)? != wanted {
        // A database in write-ahead-log mode cannot change its page size,
        // so the copy takes the live file's first.
        source.pragma_update(None, "journal_mode", "DELETE")?;
        source.pragma_update(None, "page_size", wanted)?;
        source.execute_batch("VACUUM")?;
    }
    let backup = rusqlite::backup::Backup::new(&source, to)?;
    let deadline = std::time::Instant::now() + crate::db::BUSY_TIMEOUT;
    loop {
        match backup.step(-1)? {
            rusqlite::backup::StepResult::Done => return Ok(()),
            rusqlite::backup::StepResult::More => {}
            _ if std::time::Instant::now() > deadline => {
                return Err(CoreError::Busy {
                    path: live,
                    replacing: false,
                })
            }
            _ => std::thread::sleep(std::time::Duration::from_millis(20)),
        }
    }
}

/// Puts `staged` at `data_file`, where there is no file or one that does
/// not open (see [`replaceable_when_unreadable`]), and opens the result.
pub(crate) fn into_path(
    data_file: &Path,
    staged: Staged,
    clock: Box<dyn Clock>,
    r: Replacement<'_>,
    witness: Option<Witness>,
) -> Result<(Tracker, Option<PathBuf>)> {
    let present = std::fs::symlink_metadata(data_file).is_ok();
    if !present {
        // Finished before anything is written beside the data file, so a
        // refusal leaves the folder as it was.
        staged.finish(&*clock, &r, None, None)?;
    }
    let lock = TrackerLock::exclusive(data_file, lock::WAIT_FOR_USERS)?;
    let kept = if present {
        let kept = backup::keep_unreadable(data_file, clock.now())?;
        staged.finish(&*clock, &r, Some(&kept), None)?;
        Some(kept)
    } else {
        None
    };
    if present {
        // The log of the old content must not be replayed onto the new.
        for suffix in files::SQLITE_SIDE_FILES {
            let side = files::with_suffix(data_file, suffix);
            if side.exists() {
                std::fs::remove_file(&side)
                    .map_err(files::io(format!("cannot remove {}", side.display())))?;
            }
        }
        files::rename_into_place(&staged.path, data_file)?;
    } else if !files::link_into_place(&staged.path, data_file)? {
        return Err(CoreError::Exists(data_file.to_owned()));
    }
    let mut t = Tracker::open_locked(data_file, clock, lock)?.with_machine(r.machine);
    if let Some(l) = t.lock.as_mut() {
        l.downgrade()?;
    }
    t.set_witness(witness);
    t.note_head();
    Ok((t, kept))
}
