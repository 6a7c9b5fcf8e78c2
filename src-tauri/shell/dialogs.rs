//! The system's file dialogs, drawn over the window in the interface's
//! language: the window never names a path itself; the user chooses one
//! here and the command reads or writes only that file.

use crate::error::{AppError, AppResult};
use crate::state::{interface_language, AppState};
use followthrough_core::language::Language;
use std::path::PathBuf;
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

/// What a dialog asks, in both languages, and the files it shows.
pub struct Ask<'a> {
    pub title: [&'a str; 2],
    pub filter: [&'a str; 2],
    pub extensions: &'a [&'a str],
    pub file_name: Option<String>,
}

fn pick<'a>(app: &AppHandle, pair: [&'a str; 2]) -> &'a str {
    match interface_language(&app.state::<AppState>().settings()) {
        Language::English => pair[0],
        Language::French => pair[1],
    }
}

fn start_folder(app: &AppHandle) -> Option<PathBuf> {
    app.path()
        .document_dir()
        .ok()
        .filter(|p| p.is_dir())
        .or_else(|| app.path().home_dir().ok())
}

fn into_path(chosen: tauri_plugin_dialog::FilePath) -> AppResult<PathBuf> {
    chosen
        .into_path()
        .map_err(|e| AppError::Dialog(format!("the chosen location is not a file: {e}")))
}

/// The dialog `ask` describes, over `window`, opening in the documents
/// folder (else the home folder).
fn dialog(
    app: &AppHandle,
    window: &tauri::WebviewWindow,
    ask: &Ask<'static>,
) -> tauri_plugin_dialog::FileDialogBuilder<tauri::Wry> {
    let mut dialog = app
        .dialog()
        .file()
        .set_parent(window)
        .set_title(pick(app, ask.title))
        .add_filter(pick(app, ask.filter), ask.extensions);
    if let Some(name) = &ask.file_name {
        dialog = dialog.set_file_name(name);
    }
    if let Some(folder) = start_folder(app) {
        dialog = dialog.set_directory(folder);
    }
    dialog
}

/// The save dialog; `None` when the user cancels. The chosen name gets the
/// first extension if it has none.
pub async fn save(
    app: &AppHandle,
    window: tauri::WebviewWindow,
    ask: Ask<'static>,
) -> AppResult<Option<PathBuf>> {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        match dialog(&app, &window, &ask).blocking_save_file() {
            None => Ok(None),
            Some(chosen) => {
                let mut path = into_path(chosen)?;
                if path.extension().is_none() {
                    path.set_extension(ask.extensions[0]);
                }
                Ok(Some(path))
            }
        }
    })
    .await
    .map_err(|_| AppError::Poisoned)?
}

/// The open dialog; `None` when the user cancels.
pub async fn open(
    app: &AppHandle,
    window: tauri::WebviewWindow,
    ask: Ask<'static>,
) -> AppResult<Option<PathBuf>> {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        dialog(&app, &window, &ask)
            .blocking_pick_file()
            .map(into_path)
            .transpose()
    })
    .await
    .map_err(|_| AppError::Poisoned)?
}

/// Reads a file the user chose, up to `max` bytes (a review file is small;
/// a huge one is not Followthrough's).
pub fn read(path: &std::path::Path, max: u64) -> AppResult<Vec<u8>> {
    let fail = |e: std::io::Error| {
        AppError::Core(followthrough_core::CoreError::Io {
            context: format!("cannot read {}", path.display()),
            source: e,
        })
    };
    let meta = std::fs::metadata(path).map_err(fail)?;
    if !meta.is_file() {
        return Err(followthrough_core::CoreError::NotAFile(path.to_owned()).into());
    }
    if meta.len() > max {
        return Err(followthrough_core::CoreError::ExchangeRefused {
            reason: followthrough_core::ExchangeRefusal::Damaged,
        }
        .into());
    }
    std::fs::read(path).map_err(fail)
}
