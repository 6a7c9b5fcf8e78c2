//! The witness: this computer's record of the newest audit event it has
//! seen in each tracker, kept outside the data file.
//!
//! The hash chain proves that no event inside the trail was changed, but a
//! trail cut short at its end (the newest events deleted, and the records
//! they sealed put back) is still a whole chain. So the program notes, after
//! every change it writes, the id and hash of the trail's newest event in a
//! small log in the user's settings folder, one log per data file (by its
//! full path), with the tracker's identity. When the tracker is opened, and
//! when it is verified, the file at that path must still be that tracker
//! and its trail must still hold that event with that hash; a restore or an
//! import that deliberately goes back (or puts another tracker there)
//! records the head it replaced, which explains the gap.
//!
//! Logs are kept per path, not per identity alone, because copies of one
//! tracker (a backup, an import of its export) share its identity but each
//! has a history of its own from the moment it was made.
//!
//! Someone able to rewrite both the data file and the witness can still
//! forge history; the witness raises the bar from "edit one file" to "edit
//! two, on the right computer". Backups, exports and briefings carry the
//! head too, so copies held elsewhere can show a later trimming.
//!
//! Each note is one line appended to the log (a few microseconds, so every
//! save can afford it), and the newest line counts. It is not flushed to
//! disk: it is written after the change it follows is safely on disk, so a
//! note lost to a power cut leaves the witness behind the trail, never
//! ahead of it: weaker, never wrong. A torn or unreadable line is skipped,
//! and a missing log means nothing was seen. A log that grows past a few
//! kilobytes is rewritten to its newest line.

use crate::error::{CoreError, Result};
use crate::seals::Head;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A log longer than this is rewritten to its newest line.
const COMPACT_AT: u64 = 16 * 1024;

/// What the witness says of the tracker at one path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seen {
    /// The data file's full path.
    pub path: String,
    pub tracker_id: String,
    pub event_id: i64,
    pub hash: String,
    /// When this computer noted it (UTC).
    pub seen_at: String,
}

/// The witness folder (normally `witness/` in the settings folder).
#[derive(Debug, Clone)]
pub struct Witness {
    dir: PathBuf,
    /// The last data file's log, worked out once.
    resolved: Arc<Mutex<Option<(PathBuf, PathBuf, String)>>>,
}

impl Witness {
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Witness {
            dir: dir.into(),
            resolved: Arc::default(),
        }
    }

    /// The witness in the user's settings folder, if the system has one.
    pub fn for_user() -> Option<Self> {
        crate::paths::config_dir().map(|d| Witness::at(d.join("witness")))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The log of `data_file`, and the file's full path.
    fn log_of(&self, data_file: &Path) -> (PathBuf, String) {
        if let Ok(cache) = self.resolved.lock() {
            if let Some((file, log, key)) = cache.as_ref() {
                if file == data_file {
                    return (log.clone(), key.clone());
                }
            }
        }
        let key = key(data_file);
        let name = crate::files::sha256_hex(key.as_bytes());
        let log = self.dir.join(format!("{}.log", &name[..32]));
        if let Ok(mut cache) = self.resolved.lock() {
            *cache = Some((data_file.to_owned(), log.clone(), key.clone()));
        }
        (log, key)
    }

    /// What this computer last noted of the tracker at `data_file`.
    pub fn seen(&self, data_file: &Path) -> Option<Seen> {
        let (log, key) = self.log_of(data_file);
        let text = std::fs::read_to_string(log).ok()?;
        text.lines()
            .rev()
            .filter_map(|line| serde_json::from_str::<Seen>(line).ok())
            .find(|s| s.path == key)
    }

    /// Notes `head` as the newest event of the tracker `tracker_id` at
    /// `data_file`.
    pub fn record(&self, data_file: &Path, tracker_id: &str, head: &Head, now: &str) -> Result<()> {
        let (log, key) = self.log_of(data_file);
        let seen = Seen {
            path: key,
            tracker_id: tracker_id.to_owned(),
            event_id: head.event_id,
            hash: head.hash.clone(),
            seen_at: now.to_owned(),
        };
        let mut line = serde_json::to_vec(&seen).expect("a note serialises");
        line.push(b'\n');
        let fail = |e| crate::files::io_error(format!("cannot write {}", log.display()), e);
        let append = |create_dir: bool| -> std::io::Result<u64> {
            if create_dir {
                std::fs::create_dir_all(&self.dir)?;
            }
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&log)?;
            // One write of a short line: appended whole, never interleaved
            // with another process's.
            f.write_all(&line)?;
            Ok(f.metadata()?.len())
        };
        let len = match append(false) {
            Ok(len) => len,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => append(true).map_err(fail)?,
            Err(e) => return Err(fail(e)),
        };
        if len > COMPACT_AT {
            let tmp = crate::files::working_name(&log, "compacting");
            std::fs::write(&tmp, &line)
                .and_then(|()| std::fs::rename(&tmp, &log))
                .map_err(|e| {
                    let _ = std::fs::remove_file(&tmp);
                    fail(e)
                })?;
        }
        Ok(())
    }

    /// Checks that the tracker `tracker_id` in `conn`, at `data_file`, is
    /// the one this computer last saw there and that its trail still holds
    /// the newest event seen, or records that it replaced it.
    pub(crate) fn check(
        &self,
        conn: &rusqlite::Connection,
        tracker_id: &str,
        data_file: &Path,
    ) -> Result<()> {
        let Some(seen) = self.seen(data_file) else {
            return Ok(());
        };
        let head = Head {
            event_id: seen.event_id,
            hash: seen.hash.clone(),
        };
        let same_tracker = seen.tracker_id == tracker_id;
        if (same_tracker && crate::audit::holds(conn, &head)?)
            || crate::audit::replaced(conn, &head)?
        {
            return Ok(());
        }
        if !same_tracker {
            return Err(CoreError::NotTheWitnessedTracker {
                path: data_file.to_owned(),
                seen_at: seen.seen_at,
            });
        }
        let found = crate::audit::head(conn)?.map(|h| h.event_id).unwrap_or(0);
        Err(CoreError::TrailBehindWitness {
            path: data_file.to_owned(),
            found,
            witnessed: seen.event_id,
            seen_at: seen.seen_at,
        })
    }
}

/// The witness's key for a data file: its full path, symbolic links
/// resolved (the file's folder when the file is not there).
fn key(data_file: &Path) -> String {
    std::fs::canonicalize(data_file)
        .ok()
        .or_else(|| {
            let folder = std::fs::canonicalize(crate::files::folder_of(data_file)).ok()?;
            Some(folder.join(data_file.file_name()?))
        })
        .unwrap_or_else(|| data_file.to_owned())
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(id: i64) -> Head {
        Head {
            event_id: id,
            hash: format!("{id:064}"),
        }
    }

    #[test]
    fn the_newest_note_counts_and_torn_lines_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let w = Witness::at(dir.path().join("witness"));
        let data = dir.path().join("t.sqlite3");
        assert_eq!(w.seen(&data), None);
        for id in 1..=3 {
            w.record(&data, "abc", &head(id), "now").unwrap();
        }
        assert_eq!(w.seen(&data).unwrap().event_id, 3);
        // A torn last line (a power cut mid-write) is skipped.
        let log = std::fs::read_dir(dir.path().join("witness"))
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let mut f = std::fs::OpenOptions::new().append(true).open(&log).unwrap();
        f.write_all(b"{\"path\":\"/x\",\"trac").unwrap();
        assert_eq!(w.seen(&data).unwrap().event_id, 3);
        // Another data file has a log of its own.
        assert_eq!(w.seen(&dir.path().join("other.sqlite3")), None);
    }

    #[test]
    fn a_long_log_is_rewritten_to_its_newest_note() {
        let dir = tempfile::tempdir().unwrap();
        let w = Witness::at(dir.path().join("witness"));
        let data = dir.path().join("t.sqlite3");
        for id in 1..=500 {
            w.record(&data, "abc", &head(id), "now").unwrap();
        }
        assert_eq!(w.seen(&data).unwrap().event_id, 500);
        let size: u64 = std::fs::read_dir(dir.path().join("witness"))
            .unwrap()
            .map(|e| e.unwrap().metadata().unwrap().len())
            .sum();
        assert!(
            size <= COMPACT_AT + 512,
            "the log stays small ({size} bytes)"
        );
    }
}
