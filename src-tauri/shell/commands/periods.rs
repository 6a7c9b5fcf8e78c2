//! Reporting periods and the two keys of each assessment: the executive
//! assistant reports, the deputy minister accepts or returns, and signs the
//! period off.

use crate::error::AppResult;
use crate::state::AppState;
use followthrough_core::assessments::{Assessment, AssessmentInput};
use followthrough_core::periods::{NewPeriod, Period};
use tauri::State;

#[tauri::command(async)]
pub fn open_period(state: State<'_, AppState>, input: NewPeriod) -> AppResult<Period> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.open_period(&actor, &input))
}

#[tauri::command(async)]
pub fn sign_off_period(state: State<'_, AppState>, id: i64) -> AppResult<Period> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.sign_off_period(&actor, id))
}

#[tauri::command(async)]
pub fn report_assessment(
    state: State<'_, AppState>,
    input: AssessmentInput,
) -> AppResult<Assessment> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.report_assessment(&actor, &input))
}

#[tauri::command(async)]
pub fn accept_assessment(state: State<'_, AppState>, id: i64) -> AppResult<Assessment> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.accept_assessment(&actor, id))
}

#[tauri::command(async)]
pub fn return_assessment(
    state: State<'_, AppState>,
    id: i64,
    comment: String,
) -> AppResult<Assessment> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.return_assessment(&actor, id, &comment))
}
