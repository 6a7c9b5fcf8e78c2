//! The user's own preferences, kept outside the tracker, and the window's
//! start-up mark.

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use followthrough_core::language::Language;
use tauri::State;

#[tauri::command(async)]
pub fn set_actor(state: State<'_, AppState>, name: String) -> AppResult<String> {
    Ok(state.set_actor(&name)?.to_string())
}

#[tauri::command(async)]
pub fn set_language(state: State<'_, AppState>, language: String) -> AppResult<Language> {
    let language = Language::parse("language", &language)?;
    state.update_settings(|s| s.language = Some(language))?;
    Ok(language)
}

#[tauri::command(async)]
pub fn set_review_mode(state: State<'_, AppState>, on: bool) -> AppResult<bool> {
    state.update_settings(|s| s.review_mode = on)?;
    Ok(on)
}

/// Zooms the window's page to `percent` (50 to 300) and keeps it for the
/// next start. The page's own Ctrl+= / Ctrl+- / Ctrl+0 call this.
#[tauri::command(async)]
pub fn set_zoom(
    webview: tauri::Webview,
    state: State<'_, AppState>,
    percent: u32,
) -> AppResult<u16> {
    let percent = followthrough_core::settings::check_zoom(percent)?;
    webview
        .set_zoom(f64::from(percent) / 100.0)
        .map_err(|e| AppError::Window(e.to_string()))?;
    state.update_settings(|s| s.zoom_percent = Some(percent))?;
    Ok(percent)
}

/// The window has painted the dashboard with `rows` recommendations. When
/// `FOLLOWTHROUGH_READY_MARK` is set, a line on standard error says so, for
/// start-up checks and timing.
#[tauri::command(async)]
pub fn ui_ready(rows: u32) {
    if std::env::var_os("FOLLOWTHROUGH_READY_MARK").is_some() {
        eprintln!("followthrough: ui-ready rows={rows}");
    }
}
