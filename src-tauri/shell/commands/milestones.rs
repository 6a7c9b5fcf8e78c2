//! A recommendation's milestones: added, edited, re-planned, finished.

use crate::error::AppResult;
use crate::state::AppState;
use followthrough_core::milestones::{Milestone, NewMilestone};
use tauri::State;

#[tauri::command(async)]
pub fn add_milestone(state: State<'_, AppState>, input: NewMilestone) -> AppResult<Milestone> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.add_milestone(&actor, &input))
}

/// A milestone's title and owner.
#[tauri::command(async, rename_all = "snake_case")]
pub fn edit_milestone(
    state: State<'_, AppState>,
    id: i64,
    title: String,
    owner_id: Option<i64>,
) -> AppResult<Milestone> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.edit_milestone(&actor, id, &title, owner_id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn move_milestone(
    state: State<'_, AppState>,
    id: i64,
    new_due: String,
    reason: String,
) -> AppResult<Milestone> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.move_milestone(&actor, id, &new_due, &reason))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn set_milestone_state(
    state: State<'_, AppState>,
    id: i64,
    milestone_state: String,
    completed_on: Option<String>,
) -> AppResult<Milestone> {
    let actor = state.actor()?;
    state.with_tracker(|t| {
        t.set_milestone_state(&actor, id, &milestone_state, completed_on.as_deref())
    })
}
