//! One window per data file.
//!
//! The window holds an exclusive operating-system lock on a small file beside
//! the data file (`<data file>.window.lock`) for as long as it runs. A second window
//! on the same file is refused with [`CoreError::AlreadyOpen`] instead of
//! opening beside the first, where each would show stale data after the
//! other's changes and a restore in one would replace the file under the
//! other.
//!
//! The lock belongs to the operating system (`flock` on Unix, `LockFileEx`
//! on Windows), not to a process-id file: it ends with the process however
//! the process ends, so a crash never leaves a stale lock behind.
//!
//! The command line shares the file with a window through SQLite's
//! transactions and busy timeout. Replacing the whole content (restore,
//! import) needs exclusive use of the file ([`crate::lock::TrackerLock`]),
//! which a window's shared use refuses.

use crate::error::{CoreError, Result};
use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

/// Held while a window has the data file open; released on drop.
#[derive(Debug)]
pub struct InstanceLock {
    file: File,
    path: PathBuf,
}

impl InstanceLock {
    /// Takes the lock of `data_file` without waiting: fails with
    /// [`CoreError::AlreadyOpen`] when another window (in this process or
    /// another) holds it.
    pub fn acquire(data_file: &Path) -> Result<Self> {
        let path = crate::lock::lock_path(data_file, "window.lock");
        let file = crate::lock::open_lock_file(&path)?;
        match file.try_lock() {
            Ok(()) => Ok(InstanceLock { file, path }),
            Err(TryLockError::WouldBlock) => Err(CoreError::AlreadyOpen(data_file.to_owned())),
            Err(TryLockError::Error(e)) => {
                Err(CoreError::io(format!("cannot lock {}", path.display()), e))
            }
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for InstanceLock {
    fn drop(&mut self) {
        // Closing the file would release the lock too; unlocking says so.
        let _ = self.file.unlock();
    }
}
