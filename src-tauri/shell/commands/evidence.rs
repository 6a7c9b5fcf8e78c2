//! Evidence notes.

use crate::error::AppResult;
use crate::state::AppState;
use followthrough_core::evidence::{Evidence, NewEvidence};
use tauri::State;

#[tauri::command(async)]
pub fn add_evidence(state: State<'_, AppState>, input: NewEvidence) -> AppResult<Evidence> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.add_evidence(&actor, &input))
}
