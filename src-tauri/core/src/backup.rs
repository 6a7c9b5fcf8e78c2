//! Backups of the data file, and restoring one.
//!
//! A backup is written so that it is either complete and checked or absent:
//! SQLite's `VACUUM INTO` copies a consistent snapshot into a temporary file
//! in the `backups` folder beside the data file, the copy is flushed to disk
//! and passes `PRAGMA integrity_check` and the tracker marker test, and only
//! then is it renamed to its final name (and the folder flushed). Rotation
//! keeps the newest ten plus the newest of each of the last twelve months.
//!
//! A restore checks the chosen backup the same way, keeps the current file
//! as a backup first, replaces the data file atomically and records the
//! restore in the audit trail of the restored file.

use crate::actor::Actor;
use crate::audit::Subject;
use crate::clock::Clock;
use crate::db::{self, Found};
use crate::error::{CoreError, Result};
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
        Err(e) => return Err(CoreError::io(format!("cannot read {}", dir.display()), e)),
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

fn io(context: String) -> impl FnOnce(std::io::Error) -> CoreError {
    move |e| CoreError::io(context, e)
}

/// Flushes a folder's entries (a rename is durable only once its folder is).
fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(io(format!("cannot flush {}", dir.display())))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Checks that `path` is a complete, undamaged tracker this program can
/// open, without changing it.
pub fn check(path: &Path) -> Result<()> {
    match db::inspect(path)? {
        Found::Tracker { .. } => {}
        Found::Fresh => {
            return Err(CoreError::Damaged {
                path: path.to_owned(),
                detail: "the file is empty".to_owned(),
            })
        }
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    integrity(&conn, path)
}

/// Runs `PRAGMA integrity_check` and `foreign_key_check`.
pub fn integrity(conn: &Connection, path: &Path) -> Result<()> {
    let damaged = |detail: String| CoreError::Damaged {
        path: path.to_owned(),
        detail,
    };
    let rows: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| damaged(e.to_string()))?;
    if rows != ["ok"] {
        return Err(damaged(rows.join("; ")));
    }
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .map_err(|e| damaged(e.to_string()))?;
    if broken > 0 {
        return Err(damaged(format!(
            "{broken} broken reference(s) between records"
        )));
    }
    for (counts, table, column) in [
        ("milestone_count", "milestone", "state"),
        ("evidence_count", "evidence", "kind"),
    ] {
        if !running_counts_agree(conn, counts, table, column).map_err(|e| damaged(e.to_string()))? {
            return Err(damaged(format!(
                "the running counts in {counts} disagree with the {table} rows \
                 (the file was changed outside Followthrough)"
            )));
        }
    }
    Ok(())
}

/// Whether a table of running counts (schema 5) holds exactly the counts of
/// the rows it counts. Files from before schema 5 have none to check.
fn running_counts_agree(
    conn: &Connection,
    counts: &str,
    table: &str,
    column: &str,
) -> rusqlite::Result<bool> {
    let present: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1)",
        [counts],
        |r| r.get(0),
    )?;
    if !present {
        return Ok(true);
    }
    let actual = format!("SELECT recommendation_id, {column}, count(*) FROM {table} GROUP BY 1, 2");
    let kept = format!("SELECT recommendation_id, {column}, n FROM {counts} WHERE n > 0");
    conn.query_row(
        &format!(
            "SELECT NOT EXISTS ({actual} EXCEPT {kept}) AND NOT EXISTS ({kept} EXCEPT {actual})"
        ),
        [],
        |r| r.get(0),
    )
}

/// Writes a checked backup of the open tracker and rotates old ones.
pub(crate) fn write(conn: &Connection, data_file: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    let dir = backups_dir(data_file);
    std::fs::create_dir_all(&dir).map_err(io(format!("cannot create {}", dir.display())))?;
    let mut name = format!("{}-{}.sqlite3", stem(data_file), now.format(STAMP));
    let mut n = 1;
    while dir.join(&name).exists() {
        n += 1;
        name = format!("{}-{}-{n}.sqlite3", stem(data_file), now.format(STAMP));
    }
    let target = dir.join(&name);
    let tmp = dir.join(format!(".{name}.tmp"));
    let _ = std::fs::remove_file(&tmp);
    let result = (|| {
        conn.execute("VACUUM INTO ?1", [tmp.to_string_lossy()])?;
        std::fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(io(format!("cannot flush {}", tmp.display())))?;
        check(&tmp)?;
        std::fs::rename(&tmp, &target).map_err(io(format!("cannot write {}", target.display())))?;
        sync_dir(&dir)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    rotate(data_file, now)?;
    Ok(target)
}

fn rotate(data_file: &Path, now: DateTime<Utc>) -> Result<()> {
    let all = list(data_file)?;
    for (b, keep) in all.iter().zip(to_keep(&all, now)) {
        if !keep {
            std::fs::remove_file(&b.path)
                .map_err(io(format!("cannot remove old backup {}", b.path.display())))?;
        }
    }
    Ok(())
}

/// Writes a checked backup of the tracker at `data_file` through a
/// connection of its own, so that a long copy of a large file never holds
/// up the tracker a window has open (WAL lets the copy read a consistent
/// snapshot while the window reads and writes). Record it afterwards with
/// [`Tracker::record_backup`].
pub fn take(data_file: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    let conn = Connection::open_with_flags(
        data_file,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(crate::db::BUSY_TIMEOUT)?;
    write(&conn, data_file, now)
}

impl Tracker {
    /// Backs the tracker up now and records it in the audit trail.
    pub fn backup_now(&mut self, actor: &Actor) -> Result<PathBuf> {
        let now = self.clock.now();
        let path = write(&self.conn, self.path(), now)?;
        self.record_backup(actor, &path)?;
        Ok(path)
    }

    /// Records in the audit trail a backup written by [`take`].
    pub fn record_backup(&mut self, actor: &Actor, path: &Path) -> Result<()> {
        let file = path.display().to_string();
        self.write(actor, |ch| {
            ch.audit(
                "backup",
                Subject {
                    kind: "tracker",
                    id: 0,
                    recommendation_id: None,
                },
                None::<&()>,
                Some(&serde_json::json!({ "file": file })),
            )
        })
    }

    /// When the newest backup of the tracker was taken, if there is one.
    pub fn newest_backup_time(&self) -> Result<Option<DateTime<Utc>>> {
        Ok(list(self.path())?.into_iter().next().map(|b| b.taken_at))
    }

    /// Backs up unless a backup was taken in the last 24 hours. Returns the
    /// new backup, if one was written.
    pub fn backup_if_due(&mut self, actor: &Actor) -> Result<Option<PathBuf>> {
        let now = self.clock.now();
        let newest = list(self.path())?.into_iter().next();
        match newest {
            Some(b) if now - b.taken_at < chrono::Duration::hours(24) => Ok(None),
            _ => self.backup_now(actor).map(Some),
        }
    }

    /// Checks the open file: integrity, references, and the audit chain.
    pub fn verify(&mut self) -> Result<()> {
        let path = self.path().to_owned();
        integrity(&self.conn, &path)?;
        match crate::audit::verify_chain(&self.conn)? {
            None => Ok(()),
            Some(link) => Err(CoreError::AuditChainBroken {
                path,
                event_id: link.event_id,
                reason: link.reason,
            }),
        }
    }
}

/// Replaces `data_file` with the backup at `backup`, after checking the
/// backup and keeping the current file as a backup. Nothing else may have the
/// data file open. Returns the restored tracker and where the previous
/// content was kept.
pub fn restore(
    data_file: &Path,
    backup: &Path,
    clock: Box<dyn Clock>,
    actor: &Actor,
    machine: &str,
) -> Result<(Tracker, Option<PathBuf>)> {
    check(backup)?;
    let now = clock.now();

    // Keep what is there now. A readable tracker is backed up the usual way;
    // anything else is kept byte for byte.
    let kept = if data_file.exists() {
        match Tracker::open(data_file, Box::new(crate::clock::FixedClock(now))) {
            Ok(t) => Some(write(&t.conn, data_file, now)?),
            Err(_) => {
                let dir = backups_dir(data_file);
                std::fs::create_dir_all(&dir)
                    .map_err(io(format!("cannot create {}", dir.display())))?;
                let copy = dir.join(format!(
                    "{}-unreadable-{}.bin",
                    stem(data_file),
                    now.format(STAMP)
                ));
                std::fs::copy(data_file, &copy)
                    .map_err(io(format!("cannot keep a copy of {}", data_file.display())))?;
                Some(copy)
            }
        }
    } else {
        None
    };

    let dir = data_file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.restoring",
        data_file.file_name().unwrap_or_default().to_string_lossy()
    ));
    let result = std::fs::copy(backup, &tmp)
        .map_err(io(format!("cannot copy {}", backup.display())))
        .and_then(|_| move_into_place(&tmp, data_file));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }

    let mut tracker = Tracker::open(data_file, clock)?.with_machine(machine);
    let from = backup.display().to_string();
    let kept_as = kept.as_ref().map(|p| p.display().to_string());
    tracker.write(actor, |ch| {
        ch.audit(
            "restore",
            Subject {
                kind: "tracker",
                id: 0,
                recommendation_id: None,
            },
            None::<&()>,
            Some(&serde_json::json!({ "from": from, "previous_kept_as": kept_as })),
        )
    })?;
    Ok((tracker, kept))
}

/// Makes the complete tracker at `tmp` the data file: flushed, then renamed
/// over it (the old file's write-ahead log is removed first, as it belongs
/// to the old content), then the folder flushed. Where no data file exists
/// yet, a hard link puts it in place without ever replacing a file that
/// appeared meanwhile.
pub(crate) fn move_into_place(tmp: &Path, data_file: &Path) -> Result<()> {
    let dir = data_file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::File::open(tmp)
        .and_then(|f| f.sync_all())
        .map_err(io(format!("cannot flush {}", tmp.display())))?;
    if data_file.exists() {
        for suffix in ["-wal", "-shm"] {
            let mut side = data_file.as_os_str().to_owned();
            side.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(side));
        }
        std::fs::rename(tmp, data_file)
            .map_err(io(format!("cannot replace {}", data_file.display())))?;
    } else {
        match std::fs::hard_link(tmp, data_file) {
            Ok(()) => {
                let _ = std::fs::remove_file(tmp);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(CoreError::io(
                    format!("cannot create {}", data_file.display()),
                    e,
                ))
            }
            // A file system without hard links: a plain rename.
            Err(_) => std::fs::rename(tmp, data_file)
                .map_err(io(format!("cannot create {}", data_file.display())))?,
        }
    }
    sync_dir(dir)
}

/// The newest backup of `data_file` that passes [`check`], to offer when the
/// data file is damaged.
pub fn newest_good(data_file: &Path) -> Result<Option<PathBuf>> {
    Ok(list(data_file)?
        .into_iter()
        .map(|b| b.path)
        .find(|p| check(p).is_ok()))
}

/// A backup as the window lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupSummary {
    /// The file's name in the backups folder: the only way the window can
    /// name a backup to restore.
    pub name: String,
    pub taken_at: DateTime<Utc>,
    pub size_bytes: u64,
    /// Whether it passes [`check`], so that it can be restored.
    pub good: bool,
}

/// The backups of `data_file`, newest first, each checked.
pub fn summaries(data_file: &Path) -> Result<Vec<BackupSummary>> {
    list(data_file)?
        .into_iter()
        .map(|b| {
            let size_bytes = std::fs::metadata(&b.path)
                .map_err(io(format!("cannot read {}", b.path.display())))?
                .len();
            Ok(BackupSummary {
                name: file_name(&b.path),
                taken_at: b.taken_at,
                size_bytes,
                good: check(&b.path).is_ok(),
            })
        })
        .collect()
}

/// The backup of `data_file` called `name`. Only the name of a listed
/// backup is accepted, so a caller (the window) can never point a restore
/// at another file: a path, `..`, or any other file in the folder is
/// refused as not found.
pub fn find(data_file: &Path, name: &str) -> Result<PathBuf> {
    list(data_file)?
        .into_iter()
        .map(|b| b.path)
        .find(|p| file_name(p) == name)
        .ok_or_else(|| CoreError::not_found("backup", name))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
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
