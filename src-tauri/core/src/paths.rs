//! Where Followthrough keeps its files by default.
//!
//! The data file lives in the operating system's per-user application-data
//! folder (on Linux `$XDG_DATA_HOME/<identifier>`, usually
//! `~/.local/share/ca.followthrough.desktop`), the same folder the desktop
//! shell uses. `--db PATH` and `FOLLOWTHROUGH_DB` override it.

use std::path::{Path, PathBuf};

/// The application identifier, shared with `tauri.conf.json`.
pub const APP_IDENTIFIER: &str = "ca.followthrough.desktop";

/// The environment variable that names a data file.
pub const DB_ENV: &str = "FOLLOWTHROUGH_DB";

pub const DATA_FILE_NAME: &str = "followthrough.sqlite3";

/// The per-user application-data folder, if the system has one.
pub fn data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER))
}

/// The per-user configuration folder (preferences such as the actor name).
pub fn config_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join(APP_IDENTIFIER))
}

pub fn default_data_file() -> Option<PathBuf> {
    data_dir().map(|d| d.join(DATA_FILE_NAME))
}

/// Which data file to open: the explicit path, else `FOLLOWTHROUGH_DB`,
/// else the default. Returns whether the default was chosen, since only the
/// default folder is created on demand.
pub fn resolve_data_file(explicit: Option<&Path>) -> Option<(PathBuf, bool)> {
    if let Some(p) = explicit {
        return Some((p.to_owned(), false));
    }
    if let Some(p) = std::env::var_os(DB_ENV).filter(|v| !v.is_empty()) {
        return Some((PathBuf::from(p), false));
    }
    default_data_file().map(|p| (p, true))
}
