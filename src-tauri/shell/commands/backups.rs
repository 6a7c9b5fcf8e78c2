//! Backups: the list (each checked, which takes a while on a large
//! tracker), a backup now, a restore, and keeping a file whose trail ends
//! early. The long ones run as operations with progress.

use crate::error::AppResult;
use crate::operations;
use crate::state::AppState;
use followthrough_core::backup::{self, BackupSummary};
use followthrough_core::progress::Step;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

#[derive(Serialize)]
pub struct BackupList {
    /// The folder the backups are in, to tell the user where they are.
    folder: String,
    /// Newest first.
    backups: Vec<BackupSummary>,
}

/// The backups of the data file. Works while the data file cannot be
/// opened, so a damaged file can be restored from the window.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_backups(
    app: AppHandle,
    operation: u32,
    on_progress: Channel<Step>,
) -> AppResult<BackupList> {
    operations::run(app, operation, on_progress, |state, progress| {
        Ok(BackupList {
            folder: backup::backups_dir(&state.data_file).display().to_string(),
            backups: backup::summaries(&state.data_file, progress)?,
        })
    })
    .await
}

/// Writes a checked backup now and returns where. The copy is made
/// through a connection of its own, so the other screens keep working
/// meanwhile; only the audit record takes the tracker, briefly.
#[tauri::command(rename_all = "snake_case")]
pub async fn backup_now(
    app: AppHandle,
    operation: u32,
    on_progress: Channel<Step>,
) -> AppResult<String> {
    operations::run(app, operation, on_progress, |state, progress| {
        let actor = state.actor()?;
        let path = state.back_up(&actor, progress)?;
        Ok(path.display().to_string())
    })
    .await
}

#[derive(Serialize)]
pub struct Restored {
    /// The name of the backup that now holds what was there before.
    previous_kept_as: Option<String>,
}

/// Restores the listed backup called `name`. The page can only name a
/// backup from the list: any other name, or a path, is refused by the core.
#[tauri::command(rename_all = "snake_case")]
pub async fn restore_backup(
    app: AppHandle,
    name: String,
    operation: u32,
    on_progress: Channel<Step>,
) -> AppResult<Restored> {
    operations::run(app, operation, on_progress, move |state, progress| {
        let actor = state.actor()?;
        let backup = backup::find(&state.data_file, &name)?;
        let kept = state.restore(&backup, &actor, progress)?;
        Ok(Restored {
            previous_kept_as: kept
                .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned())),
        })
    })
    .await
}

/// Accepts the data file as it is, though its audit trail ends before the
/// newest event this computer saw in it; recorded in the trail. Opening it
/// checks the whole file, so this runs off the window's thread too.
#[tauri::command(async)]
pub fn trust_data_file(state: State<'_, AppState>) -> AppResult<()> {
    let actor = state.actor()?;
    state.trust_data_file(&actor)
}
