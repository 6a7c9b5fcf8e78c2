//! Briefings: what the briefing screen offers, and "Export briefing…",
//! which asks where to save in the system's dialog, then reads, typesets
//! and writes the PDF as an operation with progress. Typesetting holds no
//! lock on the tracker, so the other screens keep working meanwhile.

use crate::error::{AppError, AppResult};
use crate::operations;
use crate::state::{interface_language, AppState};
use followthrough_briefing::{
    deliver, read_source, render, suggested_file_name, with_pdf_extension, BriefingOptions,
    Language, WrittenBriefing,
};
use followthrough_core::pages::BriefingPage;
use followthrough_core::progress::{Stage, Step};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

#[derive(Serialize)]
pub struct BriefingDefaults {
    marking: &'static str,
    organization: &'static str,
}

#[derive(Serialize)]
pub struct BriefingScreen {
    #[serde(flatten)]
    page: BriefingPage,
    /// The marking and organization a briefing starts with, by language.
    defaults: BTreeMap<Language, BriefingDefaults>,
}

/// What the briefing screen offers: the core's read model of the periods,
/// and the default marking and organization in each language.
#[tauri::command(async)]
pub fn briefing_page(state: State<'_, AppState>) -> AppResult<BriefingScreen> {
    let page = state.with_tracker(|t| t.briefing_page())?;
    let defaults = Language::ALL
        .into_iter()
        .map(|l| {
            let defaults = BriefingDefaults {
                marking: BriefingOptions::default_marking(l),
                organization: BriefingOptions::default_organization(l),
            };
            (l, defaults)
        })
        .collect();
    Ok(BriefingScreen { page, defaults })
}

#[derive(Deserialize)]
pub struct BriefingRequest {
    period_id: i64,
    language: String,
    marking: String,
    organization: String,
    /// Add the evidence annex.
    #[serde(default)]
    annex: bool,
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
#[tauri::command(rename_all = "snake_case")]
pub async fn export_briefing(
    app: AppHandle,
    window: tauri::WebviewWindow,
    request: BriefingRequest,
    operation: u32,
    on_progress: Channel<Step>,
) -> AppResult<Option<ExportedBriefing>> {
    let (options, period) = {
        use tauri::Manager;
        let state = app.state::<AppState>();
        let language = Language::parse("language", &request.language)?;
        let options = BriefingOptions {
            language,
            organization: request.organization,
            marking: request.marking,
            prepared_by: BriefingOptions::preparer(&state.actor()?),
            annex: request.annex,
        };
        // Bad choices are reported before any dialog opens.
        options.check()?;
        let period = state.with_tracker(|t| t.period(request.period_id))?;
        (options, period)
    };
    // The dialog waits for the user: on a thread of the blocking pool, not
    // on one of the few async workers other commands run on.
    let asked = {
        let (app, label, language) = (app.clone(), period.label.clone(), options.language);
        tauri::async_runtime::spawn_blocking(move || {
            ask_where_to_save(&app, &window, &label, language)
        })
        .await
        .map_err(|_| AppError::Poisoned)??
    };
    let Some(path) = asked else {
        return Ok(None);
    };
    let written = operations::run(
        app.clone(),
        operation,
        on_progress,
        move |state, progress| {
            let actor = state.actor()?;
            progress.stage(Stage::Reading, true);
            let source = state.with_tracker(|t| read_source(t, &period, &options, &path))?;
            progress.check()?;
            progress.stage(Stage::Typesetting, true);
            let pdf = render(&source, &options)?;
            progress.check()?;
            progress.stage(Stage::Writing, false);
            let written =
                state.with_tracker(|t| deliver(t, &actor, &source, &options, &path, pdf))?;
            if let Some(folder) = path.parent() {
                let folder = folder.display().to_string();
                // Only a convenience: a preferences file that cannot be written
                // does not undo a briefing that was.
                let _ = state.update_settings(|s| s.briefing_folder = Some(folder));
            }
            Ok(written)
        },
    )
    .await?;
    let mut open_failed = false;
    if request.open_after {
        use tauri_plugin_opener::OpenerExt;
        let shown = written.path.display().to_string();
        if let Err(e) = app.opener().open_path(shown.clone(), None::<&str>) {
            eprintln!("followthrough: cannot open {shown}: {e}");
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
/// with a file name made of the period and language. The dialog is drawn by
/// the main thread; this waits for the answer on the command's own thread.
fn ask_where_to_save(
    app: &AppHandle,
    window: &tauri::WebviewWindow,
    period_label: &str,
    language: Language,
) -> AppResult<Option<PathBuf>> {
    use tauri::Manager;
    use tauri_plugin_dialog::DialogExt;
    let settings = app.state::<AppState>().settings();
    let (title, filter) = match interface_language(&settings) {
        Language::French => ("Enregistrer la note d'information", "Document PDF"),
        Language::English => ("Save the briefing", "PDF document"),
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
