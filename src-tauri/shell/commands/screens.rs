//! The read models of the window's screens, each read in one transaction
//! by the core (`followthrough_core::pages` and the dashboard).

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use followthrough_core::dashboard::Dashboard;
use followthrough_core::history::{HistoryEvent, HistoryQuery};
use followthrough_core::language::Language;
use followthrough_core::pages::{
    EvidenceFeed, HistoryPage, OwnerRow, PageScope, PeriodPage, RecommendationPage,
};
use followthrough_core::scales::EvidenceKind;
use followthrough_core::search::SearchHit;
use followthrough_core::ErrorReport;
use serde::Serialize;
use tauri::State;

#[derive(Serialize)]
pub struct AppInfo {
    version: &'static str,
    data_file: String,
    actor: String,
    /// Whether the person gave their name here (saved in the settings), or
    /// it is only the operating system's: the window asks once for it.
    actor_chosen: bool,
    /// The name the first-start question offers: the operating system's
    /// user, or none when it gives none.
    suggested_actor: Option<String>,
    language: Language,
    review_mode: bool,
    /// The window's zoom, in percent.
    zoom_percent: u16,
    sample: bool,
    /// Why the data file could not be opened, if it could not.
    open_error: Option<ErrorReport>,
}

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> AppResult<AppInfo> {
    let (sample, open_error) = match state.with_tracker(|t| t.is_sample()) {
        Ok(sample) => (sample, None),
        Err(AppError::NotOpen(report)) => (false, Some(report)),
        Err(e) => return Err(e),
    };
    let settings = state.settings();
    let actor = state.actor()?;
    Ok(AppInfo {
        version: followthrough_core::VERSION,
        data_file: state.data_file.display().to_string(),
        actor: actor.to_string(),
        actor_chosen: settings.actor.is_some(),
        suggested_actor: actor.known_name().map(str::to_owned),
        language: crate::state::interface_language(&settings),
        review_mode: settings.review_mode,
        zoom_percent: settings.zoom_percent.unwrap_or(100),
        sample,
        open_error,
    })
}

#[tauri::command(async)]
pub fn dashboard(state: State<'_, AppState>) -> AppResult<Dashboard> {
    state.with_tracker(|t| t.dashboard())
}

/// A recommendation's page: the recent part of its lists, or all of its
/// milestones or periods when asked.
#[tauri::command(async, rename_all = "snake_case")]
pub fn recommendation_page(
    state: State<'_, AppState>,
    id: i64,
    all_milestones: Option<bool>,
    all_assessments: Option<bool>,
) -> AppResult<RecommendationPage> {
    let scope = PageScope {
        all_milestones: all_milestones.unwrap_or(false),
        all_assessments: all_assessments.unwrap_or(false),
    };
    let viewer = state.actor()?;
    state.with_tracker(|t| {
        t.recommendation_page(id, scope)
            .map(|p| p.for_reviewer(&viewer))
    })
}

/// A page of a recommendation's evidence notes, newest first, of one kind
/// (`kind`) or all.
#[tauri::command(async, rename_all = "snake_case")]
pub fn evidence_feed(
    state: State<'_, AppState>,
    recommendation_id: i64,
    kind: Option<String>,
    offset: u32,
    limit: u32,
) -> AppResult<EvidenceFeed> {
    let kind = kind.map(|k| EvidenceKind::parse("kind", &k)).transpose()?;
    state.with_tracker(|t| t.evidence_feed(recommendation_id, kind, offset, limit))
}

#[tauri::command(async)]
pub fn owner_rows(state: State<'_, AppState>) -> AppResult<Vec<OwnerRow>> {
    state.with_tracker(|t| t.owner_rows())
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn period_page(state: State<'_, AppState>, id: Option<i64>) -> AppResult<PeriodPage> {
    state.with_tracker(|t| t.period_page(id))
}

#[tauri::command(async)]
pub fn search(state: State<'_, AppState>, query: String) -> AppResult<Vec<SearchHit>> {
    state.with_tracker(|t| t.search(&query))
}

/// Events of the audit trail, newest first, as the History screen and a
/// recommendation's latest changes ask for them.
#[tauri::command(async)]
pub fn history(state: State<'_, AppState>, query: HistoryQuery) -> AppResult<Vec<HistoryEvent>> {
    state.with_tracker(|t| t.history(&query))
}

/// The History screen: its names and filters, and the first events `query`
/// asks for.
#[tauri::command(async)]
pub fn history_page(state: State<'_, AppState>, query: HistoryQuery) -> AppResult<HistoryPage> {
    state.with_tracker(|t| t.history_page(&query))
}
