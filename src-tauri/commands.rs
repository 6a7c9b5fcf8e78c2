//! The window's commands: one per use case, each a thin call into the core
//! with the current actor. Registered in one place, [`handler`]; `build.rs`
//! lists the same names so each needs an explicit grant in
//! `src-tauri/permissions/`.
//!
//! Arguments keep the core's snake_case names on the JavaScript side too.

use crate::error::{AppError, AppResult};
use crate::state::{system_language, AppState};
use followthrough_core::assessments::{Assessment, AssessmentInput};
use followthrough_core::audit::{AuditEvent, AuditFilter};
use followthrough_core::backup::{self, BackupSummary};
use followthrough_core::dashboard::Dashboard;
use followthrough_core::evidence::{Evidence, NewEvidence};
use followthrough_core::milestones::{Milestone, NewMilestone};
use followthrough_core::owners::{Owner, OwnerInput};
use followthrough_core::pages::{OwnerRow, PeriodPage, RecommendationPage};
use followthrough_core::periods::{NewPeriod, Period};
use followthrough_core::recommendations::Recommendation;
use followthrough_core::search::SearchHit;
use followthrough_core::{CoreError, ErrorReport, Rule};
use serde::Serialize;
use tauri::State;

pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app_info,
        dashboard,
        set_actor,
        set_language,
        set_review_mode,
        ui_ready,
        recommendation_page,
        owner_rows,
        period_page,
        search,
        audit_trail,
        add_owner,
        update_owner,
        set_owner_active,
        delete_owner,
        assign_owners,
        set_target_date,
        add_milestone,
        edit_milestone,
        move_milestone,
        set_milestone_state,
        add_evidence,
        open_period,
        sign_off_period,
        report_assessment,
        accept_assessment,
        return_assessment,
        list_backups,
        backup_now,
        restore_backup,
    ]
}

#[derive(Serialize)]
pub struct AppInfo {
    version: &'static str,
    data_file: String,
    actor: String,
    language: String,
    review_mode: bool,
    sample: bool,
    /// Why the data file could not be opened, if it could not.
    open_error: Option<ErrorReport>,
}

#[tauri::command]
fn app_info(state: State<'_, AppState>) -> AppResult<AppInfo> {
    let (sample, open_error) = match state.with_tracker(|t| t.is_sample()) {
        Ok(sample) => (sample, None),
        Err(AppError::NotOpen(report)) => (false, Some(report)),
        Err(e) => return Err(e),
    };
    let settings = state.settings();
    Ok(AppInfo {
        version: followthrough_core::VERSION,
        data_file: state.data_file.display().to_string(),
        actor: state.actor()?.to_string(),
        language: settings
            .language
            .unwrap_or_else(|| system_language().to_owned()),
        review_mode: settings.review_mode,
        sample,
        open_error,
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

#[tauri::command]
fn set_language(state: State<'_, AppState>, language: String) -> AppResult<String> {
    if !matches!(language.as_str(), "en" | "fr") {
        return Err(AppError::Core(CoreError::Invalid {
            field: "language",
            rule: Rule::UnknownValue,
        }));
    }
    state.update_settings(|s| s.language = Some(language.clone()))?;
    Ok(language)
}

#[tauri::command]
fn set_review_mode(state: State<'_, AppState>, on: bool) -> AppResult<bool> {
    state.update_settings(|s| s.review_mode = on)?;
    Ok(on)
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

#[tauri::command(rename_all = "snake_case")]
fn recommendation_page(state: State<'_, AppState>, id: i64) -> AppResult<RecommendationPage> {
    state.with_tracker(|t| t.recommendation_page(id))
}

#[tauri::command]
fn owner_rows(state: State<'_, AppState>) -> AppResult<Vec<OwnerRow>> {
    state.with_tracker(|t| t.owner_rows())
}

#[tauri::command(rename_all = "snake_case")]
fn period_page(state: State<'_, AppState>, id: Option<i64>) -> AppResult<PeriodPage> {
    state.with_tracker(|t| t.period_page(id))
}

#[tauri::command]
fn search(state: State<'_, AppState>, query: String) -> AppResult<Vec<SearchHit>> {
    state.with_tracker(|t| t.search(&query))
}

#[tauri::command(rename_all = "snake_case")]
fn audit_trail(
    state: State<'_, AppState>,
    recommendation_id: Option<i64>,
    limit: Option<u32>,
) -> AppResult<Vec<AuditEvent>> {
    let filter = AuditFilter {
        recommendation_id,
        entity: None,
        limit,
    };
    state.with_tracker(|t| t.audit_trail(&filter))
}

#[tauri::command]
fn add_owner(state: State<'_, AppState>, input: OwnerInput) -> AppResult<Owner> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.add_owner(&actor, &input))
}

#[tauri::command]
fn update_owner(state: State<'_, AppState>, id: i64, input: OwnerInput) -> AppResult<Owner> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.update_owner(&actor, id, &input))
}

#[tauri::command]
fn set_owner_active(state: State<'_, AppState>, id: i64, active: bool) -> AppResult<Owner> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.set_owner_active(&actor, id, active))
}

#[tauri::command]
fn delete_owner(state: State<'_, AppState>, id: i64) -> AppResult<()> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.delete_owner(&actor, id))
}

#[tauri::command(rename_all = "snake_case")]
fn assign_owners(
    state: State<'_, AppState>,
    recommendation_id: i64,
    lead: Option<i64>,
    supporting: Vec<i64>,
) -> AppResult<Recommendation> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.assign_owners(&actor, recommendation_id, lead, &supporting))
}

#[tauri::command(rename_all = "snake_case")]
fn set_target_date(
    state: State<'_, AppState>,
    recommendation_id: i64,
    target: Option<String>,
) -> AppResult<Recommendation> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.set_target_date(&actor, recommendation_id, target.as_deref()))
}

#[tauri::command]
fn add_milestone(state: State<'_, AppState>, input: NewMilestone) -> AppResult<Milestone> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.add_milestone(&actor, &input))
}

#[tauri::command(rename_all = "snake_case")]
fn edit_milestone(
    state: State<'_, AppState>,
    id: i64,
    title: String,
    owner_id: Option<i64>,
) -> AppResult<Milestone> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.edit_milestone(&actor, id, &title, owner_id))
}

#[tauri::command(rename_all = "snake_case")]
fn move_milestone(
    state: State<'_, AppState>,
    id: i64,
    new_due: String,
    reason: String,
) -> AppResult<Milestone> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.move_milestone(&actor, id, &new_due, &reason))
}

#[tauri::command(rename_all = "snake_case")]
fn set_milestone_state(
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

#[tauri::command]
fn add_evidence(state: State<'_, AppState>, input: NewEvidence) -> AppResult<Evidence> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.add_evidence(&actor, &input))
}

#[tauri::command]
fn open_period(state: State<'_, AppState>, input: NewPeriod) -> AppResult<Period> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.open_period(&actor, &input))
}

#[tauri::command]
fn sign_off_period(state: State<'_, AppState>, id: i64) -> AppResult<Period> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.sign_off_period(&actor, id))
}

#[tauri::command]
fn report_assessment(state: State<'_, AppState>, input: AssessmentInput) -> AppResult<Assessment> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.report_assessment(&actor, &input))
}

#[tauri::command]
fn accept_assessment(state: State<'_, AppState>, id: i64) -> AppResult<Assessment> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.accept_assessment(&actor, id))
}

#[tauri::command]
fn return_assessment(
    state: State<'_, AppState>,
    id: i64,
    comment: String,
) -> AppResult<Assessment> {
    let actor = state.actor()?;
    state.with_tracker(|t| t.return_assessment(&actor, id, &comment))
}

#[derive(Serialize)]
pub struct BackupList {
    /// The folder the backups are in, to tell the user where they are.
    folder: String,
    /// Newest first.
    backups: Vec<BackupSummary>,
}

/// The backups of the data file. Works while the data file cannot be
/// opened, so a damaged file can be restored from the window.
#[tauri::command]
fn list_backups(state: State<'_, AppState>) -> AppResult<BackupList> {
    Ok(BackupList {
        folder: backup::backups_dir(&state.data_file).display().to_string(),
        backups: backup::summaries(&state.data_file)?,
    })
}

/// Writes a checked backup now and returns where.
#[tauri::command]
fn backup_now(state: State<'_, AppState>) -> AppResult<String> {
    let actor = state.actor()?;
    let path = state.with_tracker(|t| t.backup_now(&actor))?;
    Ok(path.display().to_string())
}

#[derive(Serialize)]
pub struct Restored {
    /// The name of the backup that now holds what was there before.
    previous_kept_as: Option<String>,
}

/// Restores the listed backup called `name`. The page can only name a
/// backup from the list: any other name, or a path, is refused by the core.
#[tauri::command]
fn restore_backup(state: State<'_, AppState>, name: String) -> AppResult<Restored> {
    let actor = state.actor()?;
    let backup = backup::find(&state.data_file, &name)?;
    let kept = state.restore(&backup, &actor)?;
    Ok(Restored {
        previous_kept_as: kept
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned())),
    })
}
