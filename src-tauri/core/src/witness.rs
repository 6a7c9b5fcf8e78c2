//! The witness: this computer's record of the newest audit event it has
//! seen in each tracker, kept outside the data file.
//!
//! The hash chain proves that no event inside the trail was changed, but a
//! trail cut short at its end (the newest events deleted, and the records
//! they sealed put back) is still a whole chain. So the program notes, after
//! every change it writes, the id and hash of the trail's newest event in a
//! small file in the user's settings folder, filed under the data file's
//! full path, with the tracker's identity. When the tracker is opened, and
//! when it is verified, the file at that path must still be that tracker
//! and its trail must still hold that event with that hash; a restore or an
//! import that deliberately goes back (or puts another tracker there)
//! records the head it replaced, which explains the gap.
//!
//! Entries are filed by path, not by identity alone, because copies of one
//! tracker (a backup, an import of its export) share its identity but each
//! has a history of its own from the moment it was made.
//!
//! Someone able to rewrite both the data file and this file can still
//! forge history; the witness raises the bar from "edit one file" to "edit
//! two, on the right computer". Backups, exports and briefings carry the
//! head too, so copies held elsewhere can show a later trimming.
//!
//! The witness is a convenience for detection, never a reason to lose
//! work: a missing or unreadable witness file is treated as empty and
//! written again, and a failure to write it does not undo the change.

use crate::error::{CoreError, Result};
use crate::seals::Head;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::OpenOptions;
use std::path::{Path, PathBuf};

const FORMAT: &str = "followthrough-witness";

/// What the witness file says of the tracker at one path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seen {
    pub tracker_id: String,
    pub event_id: i64,
    pub hash: String,
    /// When this computer last wrote it (UTC).
    pub seen_at: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct WitnessFile {
    format: String,
    trackers: BTreeMap<String, Seen>,
}

/// The witness file at a path (normally `witness.json` in the settings
/// folder).
#[derive(Debug, Clone)]
pub struct Witness {
    path: PathBuf,
}

impl Witness {
    pub fn at(path: impl Into<PathBuf>) -> Self {
        Witness { path: path.into() }
    }

    /// The witness in the user's settings folder, if the system has one.
    pub fn for_user() -> Option<Self> {
        crate::paths::config_dir().map(|d| Witness::at(d.join("witness.json")))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn read(&self) -> WitnessFile {
        std::fs::read(&self.path)
            .ok()
            .and_then(|b| serde_json::from_slice::<WitnessFile>(&b).ok())
            .filter(|w| w.format == FORMAT)
            .unwrap_or_default()
    }

    /// What this computer last saw of the tracker at `data_file`.
    pub fn seen(&self, data_file: &Path) -> Option<Seen> {
        self.read().trackers.get(&key(data_file)).cloned()
    }

    /// Notes `head` as the newest event of the tracker `tracker_id` at
    /// `data_file`. Only moves forward, unless `reset` (a restore or import
    /// that went back on purpose, or the user accepting an older copy).
    pub fn record(
        &self,
        data_file: &Path,
        tracker_id: &str,
        head: &Head,
        now: &str,
        reset: bool,
    ) -> Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(crate::files::io(format!("cannot create {}", dir.display())))?;
        }
        // Two processes noting at once must not lose each other's entries:
        // read, change and write under a lock of the witness's own.
        let lock_path = crate::files::with_suffix(&self.path, ".lock");
        let lock = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .map_err(crate::files::io(format!(
                "cannot open {}",
                lock_path.display()
            )))?;
        lock.lock().map_err(crate::files::io(format!(
            "cannot lock {}",
            lock_path.display()
        )))?;
        let mut file = self.read();
        file.format = FORMAT.to_owned();
        let key = key(data_file);
        let newer = file
            .trackers
            .get(&key)
            .is_none_or(|s| reset || s.tracker_id != tracker_id || s.event_id < head.event_id);
        if newer {
            file.trackers.insert(
                key,
                Seen {
                    tracker_id: tracker_id.to_owned(),
                    event_id: head.event_id,
                    hash: head.hash.clone(),
                    seen_at: now.to_owned(),
                },
            );
            let bytes = serde_json::to_vec_pretty(&file).expect("the witness serialises");
            crate::output::write_own_file(&self.path, &bytes)?;
        }
        let _ = lock.unlock();
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
