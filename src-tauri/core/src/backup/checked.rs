//! Which backups are sound: the check a backup passes before it is listed
//! as good or restored, the list the window shows, and what to tell
//! someone whose data file does not open (the window and the command line
//! say the same).

use super::list;
use crate::db::{self, Found};
use crate::error::{CoreError, Result};
use crate::files;
use crate::progress::{Progress, Stage};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Checks that `path` is a complete, undamaged tracker this program can
/// open, without changing it.
pub fn check(path: &Path) -> Result<()> {
    match db::inspect(path)? {
        Found::Tracker { .. } => {}
        Found::Missing => return Err(CoreError::Missing(path.to_owned())),
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    crate::verify::integrity(&conn, path)
}

/// The newest backup of `data_file` that passes [`check`], to offer when the
/// data file is damaged.
pub fn newest_good(data_file: &Path) -> Result<Option<PathBuf>> {
    Ok(list(data_file)?
        .into_iter()
        .map(|b| b.path)
        .find(|p| check(p).is_ok()))
}

/// What to tell someone whose data file failed to open with `e`, after
/// the reason: the newest good backup and the command that restores it,
/// and, when the file is sound but not what this computer last saw there,
/// the command that keeps it as it is. `None` when no backup is a remedy.
/// The window and the command line say the same.
pub fn recovery_hint(data_file: &Path, e: &CoreError) -> Option<String> {
    if !e.restorable() {
        return None;
    }
    let data = shell_word(data_file);
    let mut hint = match newest_good(data_file) {
        Ok(Some(good)) => format!(
            "The newest good backup is {}; restore it with:\n  followthrough restore {} --db {data}",
            good.display(),
            shell_word(&good)
        ),
        _ => "No good backup of it was found.".to_owned(),
    };
    if e.trustable() {
        hint.push_str(&format!(
            "\nIf you put this copy in place on purpose, keep it with:\n  followthrough trust --db {data}"
        ));
    }
    Some(hint)
}

/// A path as one word of a shell command, quoted only when it must be.
fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+,:@%".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
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

/// The backups of `data_file`, newest first, each checked (reported as
/// [`Stage::CheckingBackups`], one step a backup).
pub fn summaries(data_file: &Path, progress: &Progress<'_>) -> Result<Vec<BackupSummary>> {
    let backups = list(data_file)?;
    let total = backups.len() as u64;
    backups
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            progress.step(Stage::CheckingBackups, i as u64, total, false);
            let size_bytes = std::fs::metadata(&b.path)
                .map_err(files::io(format!("cannot read {}", b.path.display())))?
                .len();
            Ok(BackupSummary {
                name: files::name_of(&b.path),
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
        .find(|p| files::name_of(p) == name)
        .ok_or_else(|| CoreError::not_found("backup", name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_in_a_command_is_quoted_only_when_it_must_be() {
        assert_eq!(
            shell_word(Path::new("/home/ea/tracker.sqlite3")),
            "/home/ea/tracker.sqlite3"
        );
        assert_eq!(
            shell_word(Path::new("/home/ea/My tracker.sqlite3")),
            "'/home/ea/My tracker.sqlite3'"
        );
        assert_eq!(shell_word(Path::new("/tmp/l'été")), "'/tmp/l'\\''été'");
    }
}
