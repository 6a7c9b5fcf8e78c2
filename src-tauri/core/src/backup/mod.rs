//! Backups of the data file, and restoring one.
//!
//! A backup is written so that it is either complete and checked or absent:
//! SQLite's `VACUUM INTO` copies a consistent snapshot into a temporary file
//! in the `backups` folder beside the data file, the copy is flushed to disk
//! and passes `PRAGMA integrity_check` and the tracker marker test, and only
//! then is it renamed to its final name (and the folder flushed). Rotation
//! keeps the newest ten plus the newest of each of the last twelve months.
//!
//! Several processes may back up at once: each writes its own working file
//! and takes a final name no other backup has (a hard link never replaces
//! a file). Rotation never removes the backup just written, nor one a
//! restore is using.
//!
//! A restore ([`restore`], [`Tracker::restore`]) checks the chosen backup,
//! keeps the current content as a backup first (byte for byte when it does
//! not open) and replaces the content whole, recording the restore in the
//! audit trail of the restored content (see [`crate::replace`]).
//!
//! This module writes and rotates backups; [`restore`](mod@restore) puts
//! one back, and [`checked`] says which backups are sound and which one
//! restores a file that does not open.

mod checked;
mod restore;

pub use checked::{check, find, newest_good, recovery_hint, summaries, BackupSummary};
pub use restore::restore;

use crate::actor::Actor;
use crate::audit::{Action, Subject};
use crate::error::{CoreError, Result};
use crate::files;
use crate::progress::{self, Progress, Stage};
use crate::tracker::Tracker;
use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// How many of the newest backups are always kept.
pub const KEEP_NEWEST: usize = 10;
/// How many months back one backup per month is kept.
pub const KEEP_MONTHS: i32 = 12;

const STAMP: &str = "%Y%m%dT%H%M%SZ";

/// The folder that holds the backups of `data_file`.
pub fn backups_dir(data_file: &Path) -> PathBuf {
    data_file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("backups")
}

fn stem(data_file: &Path) -> String {
    data_file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "followthrough".to_owned())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupFile {
    pub path: PathBuf,
    /// When the backup was taken, from its name.
    pub taken_at: DateTime<Utc>,
}

/// The backups of `data_file`, newest first.
pub fn list(data_file: &Path) -> Result<Vec<BackupFile>> {
    let dir = backups_dir(data_file);
    let prefix = format!("{}-", stem(data_file));
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(files::io_error(format!("cannot read {}", dir.display()), e)),
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".sqlite3"))
        else {
            continue;
        };
        // A second backup in the same second is written as `<stamp>-2`.
        let (stamp, n) = match rest.split_once('-') {
            Some((stamp, n)) => match n.parse::<u32>() {
                Ok(n) => (stamp, n),
                Err(_) => continue,
            },
            None => (rest, 1),
        };
        if let Ok(t) = NaiveDateTime::parse_from_str(stamp, STAMP) {
            found.push((t.and_utc(), n, entry.path()));
        }
    }
    found.sort_by_key(|b| std::cmp::Reverse((b.0, b.1)));
    Ok(found
        .into_iter()
        .map(|(taken_at, _, path)| BackupFile { path, taken_at })
        .collect())
}

/// Which backups rotation keeps, given them newest first: the newest
/// [`KEEP_NEWEST`], and the newest of each of the [`KEEP_MONTHS`] months up
/// to `now`.
pub fn to_keep(backups: &[BackupFile], now: DateTime<Utc>) -> Vec<bool> {
    let month_index = |t: DateTime<Utc>| t.year() * 12 + t.month0() as i32;
    let oldest_month = month_index(now) - (KEEP_MONTHS - 1);
    let mut months_seen = std::collections::HashSet::new();
    backups
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let m = month_index(b.taken_at);
            let first_of_month = m >= oldest_month && months_seen.insert(m);
            i < KEEP_NEWEST || first_of_month
        })
        .collect()
}

/// Whether a new backup is due: none yet, or the newest is a day old.
pub fn due(newest: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    newest.is_none_or(|at| now - at >= chrono::Duration::hours(24))
}

/// Writes a checked backup of the open tracker and rotates old ones,
/// never removing those in `protect`. Safe to run in several processes at
/// once: each writes its own working file and takes a name no other
/// backup has.
///
/// Reports the copy as `stage` and its check as [`Stage::Checking`]; the
/// user may stop it until the copy is checked (its working file is then
/// removed).
pub(crate) fn write(
    conn: &Connection,
    data_file: &Path,
    now: DateTime<Utc>,
    protect: &[&Path],
    (progress, stage): (&Progress<'_>, Stage),
) -> Result<PathBuf> {
    let dir = backups_dir(data_file);
    std::fs::create_dir_all(&dir).map_err(files::io(format!("cannot create {}", dir.display())))?;
    files::remove_stale_working_files(&dir, "backup");
    let base = format!("{}-{}", stem(data_file), now.format(STAMP));
    let tmp = files::working_name(&dir.join(format!("{base}.sqlite3")), "backup");
    let result = (|| {
        copy_into_file(conn, &tmp, (progress, stage), || {
            format!("cannot write a backup in {}", dir.display())
        })?;
        progress.check()?;
        progress.stage(Stage::Checking, true);
        check(&tmp)?;
        progress.check()?;
        // A second backup in the same second is written as `<stamp>-2`.
        for n in 1.. {
            let name = if n == 1 {
                format!("{base}.sqlite3")
            } else {
                format!("{base}-{n}.sqlite3")
            };
            let target = dir.join(name);
            if files::link_into_place(&tmp, &target)? {
                return Ok(target);
            }
        }
        unreachable!("the counter runs until a name is free")
    })();
    let target = match result {
        Ok(t) => t,
        Err(e) => {
            files::remove_database_files(&tmp);
            return Err(e);
        }
    };
    let mut keep: Vec<&Path> = protect.to_vec();
    keep.push(&target);
    rotate(data_file, now, &keep)?;
    Ok(target)
}

/// Copies the database open on `conn` into a new file at `to` with
/// SQLite's `VACUUM INTO` (a consistent snapshot, compacted), flushed to
/// disk, reporting how much of it is written as `stage`. `context` says
/// what was being written if the disk is full.
pub(crate) fn copy_into_file(
    conn: &Connection,
    to: &Path,
    (progress, stage): (&Progress<'_>, Stage),
    context: impl FnOnce() -> String,
) -> Result<()> {
    let size: u64 = conn
        .query_row(
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
            [],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| n.max(0) as u64)?;
    let written = || std::fs::metadata(to).map(|m| m.len()).unwrap_or(0);
    progress::watched(progress, conn, (stage, size, true), written, || {
        conn.execute("VACUUM INTO ?1", [to.to_string_lossy()])
            .map(drop)
            .map_err(files::when_full(context()))
    })?;
    files::sync_file(to)
}

/// Keeps a data file that does not open, and its side files, byte for
/// byte in the backups folder (`<stem>-unreadable-<stamp>.bin`), before a
/// restore or an import replaces it.
pub(crate) fn keep_unreadable(data_file: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    let dir = backups_dir(data_file);
    std::fs::create_dir_all(&dir).map_err(files::io(format!("cannot create {}", dir.display())))?;
    let base = format!("{}-unreadable-{}", stem(data_file), now.format(STAMP));
    let copy_to = |from: &Path, to: &Path| -> Result<()> {
        let tmp = files::working_name(to, "keeping");
        let copied = std::fs::copy(from, &tmp)
            .map_err(files::io(format!(
                "cannot keep a copy of {}",
                from.display()
            )))
            .and_then(|_| files::sync_file(&tmp))
            .and_then(|_| files::link_into_place(&tmp, to));
        let _ = std::fs::remove_file(&tmp);
        match copied? {
            true => Ok(()),
            false => Err(CoreError::Exists(to.to_owned())),
        }
    };
    for n in 1.. {
        let name = if n == 1 {
            format!("{base}.bin")
        } else {
            format!("{base}-{n}.bin")
        };
        let target = dir.join(&name);
        if std::fs::symlink_metadata(&target).is_ok() {
            continue;
        }
        copy_to(data_file, &target)?;
        for suffix in files::SQLITE_SIDE_FILES {
            let side = files::with_suffix(data_file, suffix);
            if side.exists() {
                copy_to(&side, &files::with_suffix(&target, suffix))?;
            }
        }
        files::sync_dir(&dir)?;
        return Ok(target);
    }
    unreachable!("the counter runs until a name is free")
}

fn rotate(data_file: &Path, now: DateTime<Utc>, protect: &[&Path]) -> Result<()> {
    let all = list(data_file)?;
    for (b, keep) in all.iter().zip(to_keep(&all, now)) {
        if !keep && !protect.iter().any(|p| same_path(p, &b.path)) {
            match std::fs::remove_file(&b.path) {
                Ok(()) => {}
                // Another backup running at the same time rotated it first.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(files::io_error(
                        format!("cannot remove old backup {}", b.path.display()),
                        e,
                    ))
                }
            }
        }
    }
    Ok(())
}

fn same_path(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// Writes a checked backup of the tracker at `data_file` through a
/// connection of its own, so that a long copy of a large file never holds
/// up the tracker a window has open (WAL lets the copy read a consistent
/// snapshot while the window reads and writes). The calling process must
/// already use the file (hold its lock). Record it afterwards with
/// [`Tracker::record_backup`].
pub fn take(data_file: &Path, now: DateTime<Utc>, progress: &Progress<'_>) -> Result<PathBuf> {
    let conn = Connection::open_with_flags(
        data_file,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(crate::db::BUSY_TIMEOUT)?;
    write(&conn, data_file, now, &[], (progress, Stage::Copying))
}

impl Tracker {
    /// Backs the tracker up now and records it in the audit trail.
    pub fn backup_now(&mut self, actor: &Actor) -> Result<PathBuf> {
        let now = self.clock.now();
        let path = write(
            &self.conn,
            self.path(),
            now,
            &[],
            (&Progress::none(), Stage::Copying),
        )?;
        self.record_backup(actor, &path)?;
        Ok(path)
    }

    /// Records in the audit trail a backup written by [`take`] or
    /// [`Tracker::backup_now`], with the newest event the backup holds.
    pub fn record_backup(&mut self, actor: &Actor, path: &Path) -> Result<()> {
        let file = path.display().to_string();
        let head = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .ok()
            .and_then(|c| crate::audit::head(&c).ok().flatten());
        self.write(actor, |ch| {
            ch.audit(
                Action::Backup,
                Subject::TRACKER,
                None::<&()>,
                Some(&serde_json::json!({ "file": file, "head": head })),
            )
        })
    }

    /// When the newest backup of the tracker was taken, if there is one.
    pub fn newest_backup_time(&self) -> Result<Option<DateTime<Utc>>> {
        Ok(list(self.path())?.into_iter().next().map(|b| b.taken_at))
    }

    /// Whether a backup is due (see [`due`]).
    pub fn backup_due(&self) -> Result<bool> {
        Ok(due(self.newest_backup_time()?, self.clock.now()))
    }

    /// Backs up unless a backup was taken in the last 24 hours. Returns the
    /// new backup, if one was written.
    pub fn backup_if_due(&mut self, actor: &Actor) -> Result<Option<PathBuf>> {
        if self.backup_due()? {
            self.backup_now(actor).map(Some)
        } else {
            Ok(None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32) -> BackupFile {
        BackupFile {
            path: PathBuf::from(format!("{y}-{m}-{d}")),
            taken_at: Utc.with_ymd_and_hms(y, m, d, 9, 0, 0).unwrap(),
        }
    }

    #[test]
    fn rotation_keeps_the_newest_ten_and_one_a_month_for_a_year() {
        // Daily backups for 400 days, newest first.
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
        let all: Vec<BackupFile> = (0..400)
            .map(|i| {
                let t = now - chrono::Duration::days(i);
                at(t.year(), t.month(), t.day())
            })
            .collect();
        let keep = to_keep(&all, now);
        let kept: Vec<&BackupFile> = all
            .iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(b, _)| b)
            .collect();
        assert!(keep[..10].iter().all(|k| *k), "the newest ten");
        // Newest ten (Nov 16–25) plus the newest of each earlier month
        // from Dec 2025 to Oct 2026.
        assert_eq!(kept.len(), 10 + 11);
        assert!(kept
            .iter()
            .all(|b| b.taken_at > Utc.with_ymd_and_hms(2025, 12, 1, 0, 0, 0).unwrap()));
        assert!(kept
            .iter()
            .any(|b| b.taken_at.month() == 12 && b.taken_at.year() == 2025));
    }

    #[test]
    fn few_backups_are_all_kept() {
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
        let all = vec![at(2026, 11, 20), at(2024, 1, 1)];
        assert_eq!(to_keep(&all, now), vec![true, true]);
    }
}
