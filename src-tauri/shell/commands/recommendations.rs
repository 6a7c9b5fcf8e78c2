//! Who leads and supports a recommendation, and its target date.

use crate::error::AppResult;
use crate::state::AppState;
use followthrough_core::recommendations::Recommendation;
use tauri::State;

#[tauri::command(async, rename_all = "snake_case")]
pub fn assign_owners(
    state: State<'_, AppState>,
    recommendation_id: i64,
    lead: Option<i64>,
    supporting: Vec<i64>,
) -> AppResult<Recommendation> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.assign_owners(&actor, recommendation_id, lead, &supporting))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn set_target_date(
    state: State<'_, AppState>,
    recommendation_id: i64,
    target: Option<String>,
) -> AppResult<Recommendation> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.set_target_date(&actor, recommendation_id, target.as_deref()))
}
