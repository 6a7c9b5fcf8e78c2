//! The window's commands: one per use case, each a thin call into the core
//! with the current actor. Registered in one place, [`handler`]; `build.rs`
//! lists the same names so each needs an explicit grant in
//! `src-tauri/permissions/`.
//!
//! Arguments keep the core's snake_case names on the JavaScript side too.

use crate::error::{AppError, AppResult};
use crate::state::{system_language, AppState};
use followthrough_briefing::{
    suggested_file_name, with_pdf_extension, write_briefing, BriefingOptions, Language,
    WrittenBriefing,
};
use followthrough_core::assessments::{Assessment, AssessmentInput};
use followthrough_core::audit::{AuditEvent, AuditFilter};
use followthrough_core::backup::{self, BackupSummary};
use followthrough_core::dashboard::Dashboard;
use followthrough_core::evidence::{Evidence, NewEvidence};
use followthrough_core::milestones::{Milestone, NewMilestone};
use followthrough_core::owners::{Owner, OwnerInput};
use followthrough_core::pages::{
    EvidenceFeed, OwnerRow, PageScope, PeriodPage, RecommendationPage,
};
use followthrough_core::periods::{NewPeriod, Period};
use followthrough_core::recommendations::Recommendation;
use followthrough_core::scales::EvidenceKind;
use followthrough_core::search::SearchHit;
use followthrough_core::{CoreError, ErrorReport, Rule};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;
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
        evidence_feed,
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
        trust_data_file,
        briefing_page,
        export_briefing,
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

/// A recommendation's page: the recent part of its lists, or all of its
/// milestones or periods when asked.
#[tauri::command(rename_all = "snake_case")]
fn recommendation_page(
    state: State<'_, AppState>,
    id: i64,
    all_milestones: Option<bool>,
    all_assessments: Option<bool>,
) -> AppResult<RecommendationPage> {
    let scope = PageScope {
        all_milestones: all_milestones.unwrap_or(false),
        all_assessments: all_assessments.unwrap_or(false),
    };
    state.with_tracker(|t| t.recommendation_page(id, scope))
}

/// A page of a recommendation's evidence notes, newest first, of one kind
/// (`kind`) or all.
#[tauri::command(rename_all = "snake_case")]
fn evidence_feed(
    state: State<'_, AppState>,
    recommendation_id: i64,
    kind: Option<String>,
    offset: u32,
    limit: u32,
) -> AppResult<EvidenceFeed> {
    let kind = kind.map(|k| EvidenceKind::parse("kind", &k)).transpose()?;
    state.with_tracker(|t| t.evidence_feed(recommendation_id, kind, offset, limit))
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
    before_id: Option<i64>,
) -> AppResult<Vec<AuditEvent>> {
    let filter = AuditFilter {
        recommendation_id,
        limit,
        before_id,
        ..Default::default()
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

/// Accepts the data file as it is, though its audit trail ends before the
/// newest event this computer saw in it; recorded in the trail.
#[tauri::command]
fn trust_data_file(state: State<'_, AppState>) -> AppResult<()> {
    let actor = state.actor()?;
    state.trust_data_file(&actor)
}

/// A reporting period a briefing can be made of.
#[derive(Serialize)]
pub struct BriefingPeriod {
    #[serde(flatten)]
    period: Period,
    /// The fingerprint of the frozen snapshot of a signed-off period.
    fingerprint: Option<String>,
}

#[derive(Serialize)]
pub struct BriefingDefaults {
    marking: &'static str,
    organization: &'static str,
}

#[derive(Serialize)]
pub struct BriefingPage {
    /// Oldest first.
    periods: Vec<BriefingPeriod>,
    current_period_id: Option<i64>,
    /// The marking and organization a briefing starts with, by language.
    defaults: BTreeMap<&'static str, BriefingDefaults>,
}

/// What the briefing screen offers: the periods, which one is current, and
/// the default marking and organization in each language.
#[tauri::command]
fn briefing_page(state: State<'_, AppState>) -> AppResult<BriefingPage> {
    let (periods, current, fingerprints) = state.with_tracker(|t| {
        Ok::<_, CoreError>((
            t.periods()?,
            t.current_period()?,
            t.snapshot_fingerprints()?,
        ))
    })?;
    let defaults = [Language::English, Language::French]
        .into_iter()
        .map(|l| {
            (
                l.code(),
                BriefingDefaults {
                    marking: BriefingOptions::default_marking(l),
                    organization: BriefingOptions::default_organization(l),
                },
            )
        })
        .collect();
    Ok(BriefingPage {
        periods: periods
            .into_iter()
            .map(|p| BriefingPeriod {
                fingerprint: fingerprints.get(&p.id).cloned(),
                period: p,
            })
            .collect(),
        current_period_id: current.map(|p| p.id),
        defaults,
    })
}

#[derive(Deserialize)]
pub struct BriefingRequest {
    period_id: i64,
    /// `en` or `fr`.
    language: String,
    marking: String,
    organization: String,
    /// Open the file in the system's PDF viewer once it is written.
    open_after: bool,
}

#[derive(Serialize)]
pub struct ExportedBriefing {
    written: WrittenBriefing,
    /// The file was written but no program could open it.
    open_failed: bool,
}

/// "Export briefing…": checks the choices, asks where to save in the
/// system's save dialog, then typesets the briefing, writes it there and
/// records it. `None` when the user cancels the dialog (nothing is written).
/// Async so the dialog waits off the main thread, which draws it.
#[tauri::command]
async fn export_briefing(
    app: tauri::AppHandle,
    window: tauri::WebviewWindow,
    state: State<'_, AppState>,
    request: BriefingRequest,
) -> AppResult<Option<ExportedBriefing>> {
    let language = Language::from_code(&request.language).ok_or(CoreError::Invalid {
        field: "language",
        rule: Rule::UnknownValue,
    })?;
    let actor = state.actor()?;
    let options = BriefingOptions {
        language,
        organization: request.organization,
        marking: request.marking,
        prepared_by: actor.to_string(),
    };
    // Bad choices are reported before any dialog opens.
    options.check()?;
    let period = state.with_tracker(|t| t.period(request.period_id))?;

    let Some(path) = ask_where_to_save(&app, &window, &state, &period.label, language)? else {
        return Ok(None);
    };
    let written = state.with_tracker(|t| write_briefing(t, &actor, &period, &options, &path))?;
    if let Some(folder) = path.parent() {
        let folder = folder.display().to_string();
        // Only a convenience: a preferences file that cannot be written
        // does not undo a briefing that was.
        let _ = state.update_settings(|s| s.briefing_folder = Some(folder));
    }
    let mut open_failed = false;
    if request.open_after {
        use tauri_plugin_opener::OpenerExt;
        if let Err(e) = app
            .opener()
            .open_path(path.display().to_string(), None::<&str>)
        {
            eprintln!("followthrough: cannot open {}: {e}", path.display());
            open_failed = true;
        }
    }
    Ok(Some(ExportedBriefing {
        written,
        open_failed,
    }))
}

/// The system's save dialog over the window, in the interface's language,
/// opening in the folder of the last briefing (else the documents folder)
/// with a file name made of the period and language.
fn ask_where_to_save(
    app: &tauri::AppHandle,
    window: &tauri::WebviewWindow,
    state: &AppState,
    period_label: &str,
    language: Language,
) -> AppResult<Option<PathBuf>> {
    use tauri::Manager;
    use tauri_plugin_dialog::DialogExt;
    let settings = state.settings();
    let interface = settings
        .language
        .clone()
        .unwrap_or_else(|| system_language().to_owned());
    let (title, filter) = if interface == "fr" {
        ("Enregistrer la note d'information", "Document PDF")
    } else {
        ("Save the briefing", "PDF document")
    };
    let folder = settings
        .briefing_folder
        .map(PathBuf::from)
        .filter(|p| p.is_dir())
        .or_else(|| app.path().document_dir().ok().filter(|p| p.is_dir()))
        .or_else(|| app.path().home_dir().ok());
    let mut dialog = app
        .dialog()
        .file()
        .set_parent(window)
        .set_title(title)
        .set_file_name(suggested_file_name(period_label, language))
        .add_filter(filter, &["pdf"]);
    if let Some(folder) = folder {
        dialog = dialog.set_directory(folder);
    }
    match dialog.blocking_save_file() {
        None => Ok(None),
        Some(chosen) => {
            let path = chosen
                .into_path()
                .map_err(|e| AppError::Dialog(format!("the chosen location is not a file: {e}")))?;
            Ok(Some(with_pdf_extension(path)))
        }
    }
}
