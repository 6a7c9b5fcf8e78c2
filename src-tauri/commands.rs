//! The window's commands: one per use case, each a thin call into the core.
//! Registered in one place, [`handler`]; `build.rs` lists the same names so
//! each needs an explicit grant in `src-tauri/permissions/`.

use crate::error::AppResult;
use crate::state::AppState;
use followthrough_core::dashboard::Dashboard;
use followthrough_core::ErrorReport;
use serde::Serialize;
use tauri::State;

pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![app_info, dashboard, set_actor, ui_ready]
}

#[derive(Serialize)]
pub struct AppInfo {
    version: &'static str,
    data_file: String,
    actor: String,
    sample: bool,
    /// Why the data file could not be opened, if it could not.
    open_error: Option<ErrorReport>,
}

#[tauri::command]
fn app_info(state: State<'_, AppState>) -> AppResult<AppInfo> {
    let sample = match state.open_error() {
        Some(_) => false,
        None => state.with_tracker(|t| t.is_sample())?,
    };
    Ok(AppInfo {
        version: followthrough_core::VERSION,
        data_file: state.data_file.display().to_string(),
        actor: state.actor()?.to_string(),
        sample,
        open_error: state.open_error(),
    })
}

#[tauri::command]
fn dashboard(state: State<'_, AppState>) -> AppResult<Dashboard> {
    state.with_tracker(|t| t.dashboard())
}

#[tauri::command]
fn set_actor(state: State<'_, AppState>, name: String) -> AppResult<String> {
    Ok(state.set_actor(&name)?.to_string())
}

/// The window has painted the dashboard with `rows` recommendations. When
/// `FOLLOWTHROUGH_READY_MARK` is set, a line on standard error says so, for
/// start-up checks and timing.
#[tauri::command]
fn ui_ready(rows: u32) {
    if std::env::var_os("FOLLOWTHROUGH_READY_MARK").is_some() {
        eprintln!("followthrough: ui-ready rows={rows}");
    }
}
