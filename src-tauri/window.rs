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
    let tracker = Tracker::open(&data_file, Box::new(SystemClock))
        .map(|t| t.with_machine(&followthrough_core::actor::machine_name()))
        .map_err(|e| open_error(&data_file, &e));
    if let Err(report) = &tracker {
        eprintln!("followthrough: {}", report.message);
    }
    let state = AppState::new(tracker, data_file, actor, settings_file);
    tauri::Builder::default()
        .setup(|app| {
            daily_backups(app.handle().clone());
            Ok(())
        })
        .manage(state)
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!("tauri.conf.json"))
        .map_err(|e| format!("the window could not start: {e}"))
}

/// The report shown when the data file cannot be opened; for a damaged file
/// it names the newest good backup.
fn open_error(data_file: &std::path::Path, e: &followthrough_core::CoreError) -> ErrorReport {
    let mut report = ErrorReport::from(e);
    if matches!(e, followthrough_core::CoreError::Damaged { .. }) {
        if let Ok(Some(good)) = followthrough_core::backup::newest_good(data_file) {
            report.message = format!(
                "{}\nThe newest good backup is {}. Restore it with: followthrough restore \"{}\" --db \"{}\"",
                report.message,
                good.display(),
                good.display(),
                data_file.display()
            );
        }
    }
    report
}

/// Backs the tracker up when the app starts (off the window's start-up
/// path, before the user can have changed much) and then once a day while
/// it runs.
fn daily_backups(app: tauri::AppHandle) {
    use tauri::Manager;
    std::thread::spawn(move || {
        let mut first = true;
        loop {
            let state = app.state::<AppState>();
            if state.open_error().is_some() {
                return;
            }
            if let Ok(actor) = state.actor() {
                let result = if first {
                    state.with_tracker(|t| t.backup_now(&actor).map(Some))
                } else {
                    state.with_tracker(|t| t.backup_if_due(&actor))
                };
                if let Err(e) = result {
                    eprintln!(
                        "followthrough: the automatic backup failed: {}",
                        e.report().message
                    );
                }
            }
            first = false;
            std::thread::sleep(std::time::Duration::from_secs(60 * 60));
        }
    });
}
