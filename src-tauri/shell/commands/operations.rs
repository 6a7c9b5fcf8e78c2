//! The long operations the window started (see `crate::operations`).

use crate::error::AppResult;
use crate::state::AppState;
use tauri::State;

/// Asks the long operation the window numbered `operation` to stop, where
/// stopping leaves nothing behind. Whether it was still running.
#[tauri::command(async)]
pub fn cancel_operation(state: State<'_, AppState>, operation: u32) -> AppResult<bool> {
    Ok(state.operations.cancel(operation))
}
