//! Opening the desktop window on a data file.

use crate::commands;
use crate::state::AppState;
use followthrough_core::{Actor, ErrorReport, SystemClock, Tracker};
use std::path::PathBuf;

/// Opens the tracker and runs the window until it is closed. A data file
/// that cannot be opened does not stop the window: it shows the reason.
pub fn run(data_file: PathBuf, actor: Actor, settings_file: Option<PathBuf>) -> Result<(), String> {
    if cfg!(target_os = "linux")
        && std::env::var_os("DISPLAY").is_none()
        && std::env::var_os("WAYLAND_DISPLAY").is_none()
    {
        return Err(
            "no graphical display is available to open the window (DISPLAY and WAYLAND_DISPLAY are unset); the subcommands work without one, see --help".into(),
        );
    }
    let tracker =
        Tracker::open(&data_file, Box::new(SystemClock)).map_err(|e| ErrorReport::from(&e));
    if let Err(report) = &tracker {
        eprintln!("followthrough: {}", report.message);
    }
    let state = AppState::new(tracker, data_file, actor, settings_file);
    tauri::Builder::default()
        .manage(state)
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!("tauri.conf.json"))
        .map_err(|e| format!("the window could not start: {e}"))
}
