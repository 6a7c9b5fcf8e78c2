//! The owners of recommendations and milestones.

use crate::error::AppResult;
use crate::state::AppState;
use followthrough_core::owners::{Owner, OwnerInput};
use tauri::State;

#[tauri::command(async)]
pub fn add_owner(state: State<'_, AppState>, input: OwnerInput) -> AppResult<Owner> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.add_owner(&actor, &input))
}

#[tauri::command(async)]
pub fn update_owner(state: State<'_, AppState>, id: i64, input: OwnerInput) -> AppResult<Owner> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.update_owner(&actor, id, &input))
}

#[tauri::command(async)]
pub fn set_owner_active(state: State<'_, AppState>, id: i64, active: bool) -> AppResult<Owner> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.set_owner_active(&actor, id, active))
}

#[tauri::command(async)]
pub fn delete_owner(state: State<'_, AppState>, id: i64) -> AppResult<()> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.delete_owner(&actor, id))
}
