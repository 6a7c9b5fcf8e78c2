//! The user's own preferences, kept outside the tracker, and the window's
//! start-up mark.

use crate::error::AppResult;
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

/// The window has painted the dashboard with `rows` recommendations. When
/// `FOLLOWTHROUGH_READY_MARK` is set, a line on standard error says so, for
/// start-up checks and timing.
#[tauri::command(async)]
pub fn ui_ready(rows: u32) {
    if std::env::var_os("FOLLOWTHROUGH_READY_MARK").is_some() {
        eprintln!("followthrough: ui-ready rows={rows}");
    }
}
