//! File-system steps every writer of whole files shares: names for working
//! files that no two processes ever share, flushing a folder after a rename,
//! and naming a full disk as such.
//!
//! A file that must be whole or absent is written under a working name,
//! flushed, and renamed (or hard-linked, where an existing file must never
//! be replaced) to its final name; the folder is flushed after, so the
//! rename survives a power cut.

use crate::error::{CoreError, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The folder a path lives in (`.` for a bare file name).
pub fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The file name of `path` as text, for building the names of its
/// companions.
pub fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `path` with `suffix` appended to its name (`tracker.sqlite3-wal`).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// The files SQLite keeps beside a database while it is in use.
pub const SQLITE_SIDE_FILES: [&str; 3] = ["-wal", "-shm", "-journal"];

/// A hidden working name beside `path` that no other process or thread
/// uses: `.tracker.sqlite3.restoring-4711-1732890000123456789-3`. The
/// process id, the time and a counter make it unique, so two backups (or
/// two imports) running at once never write into each other's file.
pub fn working_name(path: &Path, purpose: &str) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    folder_of(path).join(format!(
        ".{}.{purpose}-{}-{nanos}-{n}",
        name_of(path),
        std::process::id()
    ))
}

/// Whether `name` is a working name made by [`working_name`] for `purpose`.
pub fn is_working_name(name: &str, purpose: &str) -> bool {
    name.starts_with('.') && name.contains(&format!(".{purpose}-"))
}

/// Whether `name` is a working name made by [`working_name`] for any
/// purpose: hidden, ending in the process id, the time and a counter.
fn is_any_working_name(name: &str) -> bool {
    let mut parts = name.rsplitn(4, '-');
    let numbers = (&mut parts)
        .take(3)
        .filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        .count();
    name.starts_with('.') && numbers == 3 && parts.next().is_some_and(|rest| rest.contains('.'))
}

/// Removes the working names that still point at the file `placed`, and
/// returns how many it removed. [`link_into_place`] gives a complete file
/// its name with a hard link and then drops the working name; a process
/// stopped between the two leaves one file with two names, which would
/// otherwise be refused as hard-linked (a backup that cannot be restored,
/// a tracker that cannot be opened). The working name adds nothing: the
/// file under it is the placed file itself.
#[cfg(unix)]
pub fn drop_leftover_working_names(placed: &Path) -> usize {
    use std::os::unix::fs::MetadataExt;
    let Ok(target) = std::fs::symlink_metadata(placed) else {
        return 0;
    };
    let Ok(entries) = std::fs::read_dir(folder_of(placed)) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !is_any_working_name(&name) {
            continue;
        }
        let same = std::fs::symlink_metadata(entry.path())
            .is_ok_and(|m| m.dev() == target.dev() && m.ino() == target.ino());
        if same && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Removes a SQLite file and its side files, ignoring what is not there.
pub fn remove_database_files(path: &Path) {
    let _ = std::fs::remove_file(path);
    for suffix in SQLITE_SIDE_FILES {
        let _ = std::fs::remove_file(with_suffix(path, suffix));
    }
}

/// An I/O failure, named as a full disk when it is one (so the user reads
/// "the disk is full", not "No space left on device (os error 28)").
pub fn io_error(context: impl Into<String>, e: std::io::Error) -> CoreError {
    let context = context.into();
    if is_disk_full(&e) {
        CoreError::DiskFull { context }
    } else {
        CoreError::io(context, e)
    }
}

/// Wraps [`io_error`] for `map_err`.
pub fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> CoreError {
    let context = context.into();
    move |e| io_error(context, e)
}

/// Says what could not be written when SQLite found the disk full.
pub fn when_full(context: impl Into<String>) -> impl FnOnce(rusqlite::Error) -> CoreError {
    let context = context.into();
    move |e| match CoreError::from(e) {
        CoreError::DiskFull { .. } => CoreError::DiskFull { context },
        other => other,
    }
}

fn is_disk_full(e: &std::io::Error) -> bool {
    // ENOSPC and EDQUOT (a full quota) on Unix; ERROR_DISK_FULL on Windows.
    e.kind() == std::io::ErrorKind::StorageFull
        || e.kind() == std::io::ErrorKind::QuotaExceeded
        || matches!(e.raw_os_error(), Some(28) | Some(122))
}

/// Flushes a folder's entries: a rename or a new link is durable only once
/// its folder is.
pub fn sync_dir(dir: &Path) -> Result<()> {
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

/// Flushes a file's content to disk.
pub fn sync_file(path: &Path) -> Result<()> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(io(format!("cannot flush {}", path.display())))
}

/// Writes `bytes` into a new working file beside `target` and flushes it.
/// The caller renames or links it into place.
pub fn write_working_file(target: &Path, purpose: &str, bytes: &[u8]) -> Result<PathBuf> {
    let tmp = working_name(target, purpose);
    let written = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()
    })();
    match written {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(io_error(format!("cannot write {}", target.display()), e))
        }
    }
}

/// Gives the complete file at `tmp` the name `target` without ever
/// replacing a file already there: a hard link fails if `target` exists.
/// Returns `false` (and leaves `tmp`) when the name is taken. On a file
/// system without hard links, falls back to a rename after checking that
/// the name is free.
pub fn link_into_place(tmp: &Path, target: &Path) -> Result<bool> {
    match std::fs::hard_link(tmp, target) {
        Ok(()) => {
            let _ = std::fs::remove_file(tmp);
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Ok(false),
        Err(e) if is_disk_full(&e) => {
            return Err(io_error(format!("cannot create {}", target.display()), e))
        }
        Err(_) => {
            if std::fs::symlink_metadata(target).is_ok() {
                return Ok(false);
            }
            std::fs::rename(tmp, target)
                .map_err(io(format!("cannot create {}", target.display())))?;
        }
    }
    sync_dir(folder_of(target))?;
    Ok(true)
}

/// Replaces `target` with the complete, flushed file at `tmp` in one rename,
/// then flushes the folder.
pub fn rename_into_place(tmp: &Path, target: &Path) -> Result<()> {
    std::fs::rename(tmp, target).map_err(io(format!("cannot replace {}", target.display())))?;
    sync_dir(folder_of(target))
}

/// Removes working files of `purpose` beside `path` left by a process that
/// was killed, once they are older than an hour (a younger one may belong
/// to a process still at work).
pub fn remove_stale_working_files(dir: &Path, purpose: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let hour = std::time::Duration::from_secs(3600);
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !is_working_name(&name, purpose) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > hour);
        if old {
            remove_database_files(&entry.path());
        }
    }
}

/// SHA-256 of `bytes`, in lowercase hex: how the program fingerprints files,
/// snapshots and audit events.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(bytes))
}

/// A digest in lowercase hex, as every fingerprint is written.
pub fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_names_never_repeat() {
        let p = Path::new("/tmp/tracker.sqlite3");
        let names: std::collections::HashSet<PathBuf> =
            (0..1000).map(|_| working_name(p, "backup")).collect();
        assert_eq!(names.len(), 1000);
        let one = working_name(p, "backup");
        assert!(is_working_name(&name_of(&one), "backup"));
        assert!(!is_working_name(&name_of(&one), "restoring"));
    }

    #[test]
    fn linking_never_replaces_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("t");
        std::fs::write(&target, "kept").unwrap();
        let tmp = write_working_file(&target, "w", b"new").unwrap();
        assert!(!link_into_place(&tmp, &target).unwrap());
        assert_eq!(std::fs::read(&target).unwrap(), b"kept");
        let free = dir.path().join("u");
        assert!(link_into_place(&tmp, &free).unwrap());
        assert_eq!(std::fs::read(&free).unwrap(), b"new");
        assert!(!tmp.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_working_name_left_by_an_interrupted_placing_is_dropped_and_no_other_name() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("tracker-20261130T072608Z.sqlite3");
        let tmp = write_working_file(&target, "backup", b"copy").unwrap();
        // Stopped after the link, before the working name was removed.
        std::fs::hard_link(&tmp, &target).unwrap();
        let other = dir.path().join("someone-elses-link.sqlite3");
        std::fs::hard_link(&target, &other).unwrap();
        assert!(is_any_working_name(&name_of(&tmp)));
        assert!(!is_any_working_name(&name_of(&other)));
        assert!(!is_any_working_name(".tracker.sqlite3-wal"));
        assert_eq!(drop_leftover_working_names(&target), 1);
        assert!(!tmp.exists());
        assert!(other.exists(), "a name the program did not make is kept");
        assert_eq!(std::fs::read(&target).unwrap(), b"copy");
        assert_eq!(drop_leftover_working_names(&target), 0);
    }
}
