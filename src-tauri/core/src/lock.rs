//! Who is using a data file: shared use by every process that has the
//! tracker open, exclusive use to replace its whole content.
//!
//! SQLite's own locks keep two writers from corrupting the file, but they
//! cannot keep a write from being lost when the whole file is replaced (a
//! restore, an import): a command that saves a note just after the current
//! content was kept aside, and just before the replacement, would see its
//! note acknowledged and then gone. So every process that opens a tracker
//! holds a *shared* operating-system lock on `<data file>.lock` for as long
//! as it has the tracker open, and replacing the content needs the
//! *exclusive* lock, which is granted only when no other process uses the
//! file. A replacement waits a moment for short commands to finish, then
//! refuses with [`CoreError::Busy`]; a command started during a replacement
//! waits for it to end.
//!
//! The lock is the operating system's (`flock` on Unix, `LockFileEx` on
//! Windows), so it ends with its process however the process ends. The lock
//! file is never removed: removing it would let a process that opened it
//! just before lock a file the next process no longer sees.

use crate::error::{CoreError, Result};
use crate::files;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long opening a tracker waits while another process replaces its
/// content (a restore of a large tracker takes a few seconds).
pub const WAIT_FOR_REPLACEMENT: Duration = Duration::from_secs(60);

/// How long a replacement waits for the commands using the file to finish.
pub const WAIT_FOR_USERS: Duration = Duration::from_secs(3);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Shared,
    Exclusive,
}

/// A held lock on a data file; released on drop.
#[derive(Debug)]
pub struct TrackerLock {
    file: File,
    path: PathBuf,
    data_file: PathBuf,
    mode: Mode,
}

impl TrackerLock {
    /// Shared use: waits while another process replaces the file.
    pub fn shared(data_file: &Path) -> Result<Self> {
        Self::take(data_file, Mode::Shared, WAIT_FOR_REPLACEMENT)
    }

    /// Exclusive use, to replace the whole content: waits up to `wait` for
    /// the processes using the file to finish, then refuses.
    pub fn exclusive(data_file: &Path, wait: Duration) -> Result<Self> {
        Self::take(data_file, Mode::Exclusive, wait)
    }

    fn take(data_file: &Path, mode: Mode, wait: Duration) -> Result<Self> {
        let path = lock_path(data_file, "lock");
        let file = open_lock_file(&path)?;
        let mut lock = TrackerLock {
            file,
            path,
            data_file: data_file.to_owned(),
            mode,
        };
        lock.wait_for(mode, wait)?;
        Ok(lock)
    }

    /// Polls for the lock until `wait` has passed; a blocking lock call
    /// could wait forever.
    fn wait_for(&mut self, mode: Mode, wait: Duration) -> Result<()> {
        let deadline = Instant::now() + wait;
        loop {
            let tried = match mode {
                Mode::Shared => self.file.try_lock_shared(),
                Mode::Exclusive => self.file.try_lock(),
            };
            match tried {
                Ok(()) => {
                    self.mode = mode;
                    return Ok(());
                }
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(CoreError::Busy {
                        path: self.data_file.clone(),
                        replacing: mode == Mode::Shared,
                    })
                }
                Err(TryLockError::Error(e)) => {
                    return Err(files::io_error(
                        format!("cannot lock {}", self.path.display()),
                        e,
                    ))
                }
            }
        }
    }

    /// Turns shared use into exclusive use for a replacement. If other
    /// processes keep using the file past `wait`, fails with
    /// [`CoreError::Busy`] and holds shared use again.
    pub fn upgrade(&mut self, wait: Duration) -> Result<()> {
        if self.mode == Mode::Exclusive {
            return Ok(());
        }
        // Converting a lock may drop it first (flock does), so on failure
        // shared use is taken again before returning.
        match self.wait_for(Mode::Exclusive, wait) {
            Ok(()) => Ok(()),
            Err(e) => {
                self.wait_for(Mode::Shared, WAIT_FOR_REPLACEMENT)?;
                Err(e)
            }
        }
    }

    /// Back to shared use once a replacement is done.
    pub fn downgrade(&mut self) -> Result<()> {
        if self.mode == Mode::Shared {
            return Ok(());
        }
        self.wait_for(Mode::Shared, WAIT_FOR_REPLACEMENT)
    }
}

impl Drop for TrackerLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// Opens (creating) a lock file. It is never truncated or removed: removing
/// it on release would let a process that opened it just before lock a file
/// that the next process no longer sees.
pub(crate) fn open_lock_file(path: &Path) -> Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(files::io(format!("cannot open {}", path.display())))
}

/// `<data file>.<suffix>`, beside the data file. The folder is resolved
/// first, so `./tracker.sqlite3` and its absolute path share one lock (as
/// do two names of a data file reached through a symbolic link, once it
/// exists). Hard links are refused when a tracker is opened, so a file has
/// one name and one lock.
pub(crate) fn lock_path(data_file: &Path, suffix: &str) -> PathBuf {
    let resolved = std::fs::canonicalize(data_file).ok().or_else(|| {
        let name = data_file.file_name()?;
        Some(
            std::fs::canonicalize(files::folder_of(data_file))
                .ok()?
                .join(name),
        )
    });
    let mut lock = resolved
        .unwrap_or_else(|| data_file.to_owned())
        .into_os_string();
    lock.push(".");
    lock.push(suffix);
    PathBuf::from(lock)
}
