//! Opening the desktop window on a data file.

use crate::commands;
use crate::state::AppState;
use followthrough_core::instance::InstanceLock;
use followthrough_core::witness::Witness;
use followthrough_core::{Actor, CoreError};
use std::path::PathBuf;

/// Opens the tracker and runs the window until it is closed. A data file
/// that cannot be opened does not stop the window: it shows the reason. A
/// data file another window already has open does: that window is the one
/// to use, so no second window opens.
pub fn run(data_file: PathBuf, actor: Actor, settings_file: Option<PathBuf>) -> Result<(), String> {
    if cfg!(target_os = "linux")
        && std::env::var_os("DISPLAY").is_none()
        && std::env::var_os("WAYLAND_DISPLAY").is_none()
    {
        return Err(
            "no graphical display is available to open the window (DISPLAY and WAYLAND_DISPLAY are unset); the subcommands work without one, see --help".into(),
        );
    }
    // Held while this function runs the window; the operating system
    // releases it when the process ends, however it ends.
    let _instance = match InstanceLock::acquire(&data_file) {
        Ok(lock) => Some(lock),
        Err(e @ CoreError::AlreadyOpen(_)) => return Err(e.to_string()),
        // A folder where no lock file can be made: opening the tracker there
        // reports the real problem in the window, and a file system without
        // locks should not keep the user out.
        Err(e) => {
            eprintln!("followthrough: opening without the single-window lock: {e}");
            None
        }
    };
    // Opened beside the window's start; the first command waits for it.
    let state = AppState::opening(data_file, actor, settings_file, Witness::for_user());
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            restore_zoom(app);
            daily_backups(app.handle().clone());
            Ok(())
        })
        .manage(state)
        .manage(crate::exchange::Exchange::for_user())
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!("tauri.conf.json"))
        .map_err(|e| format!("the window could not start: {e}"))
}

/// Opens the window at the zoom the user last chose.
fn restore_zoom(app: &tauri::App) {
    use tauri::Manager;
    let zoom = app.state::<AppState>().settings().zoom_percent;
    if let (Some(percent), Some(window)) = (zoom, app.get_webview_window("main")) {
        if percent != 100 {
            if let Err(e) = window.set_zoom(f64::from(percent) / 100.0) {
                eprintln!("followthrough: the saved zoom could not be applied: {e}");
            }
        }
    }
}

/// Checks the whole file a second after start-up, then backs the tracker up
/// (five seconds in, off the window's start-up path, before the user can
/// have changed much) and once a day while it runs. The copy is made
/// through a connection of its own, so the window stays responsive while a
/// large file is copied and checked; only the
/// audit record takes the tracker, briefly. While the data file is not
/// open (a damaged file not yet restored) there is nothing to back up; the
/// hourly look continues, so a tracker restored from the window is backed
/// up too.
fn daily_backups(app: tauri::AppHandle) {
    use tauri::Manager;
    std::thread::spawn(move || {
        // The full integrity check first, once the window has painted
        // (opening ran the quick check only, within its time budget); then
        // the backup, a few seconds later: on a large tracker the copy and
        // its check keep a core busy for a few seconds.
        std::thread::sleep(std::time::Duration::from_secs(1));
        app.state::<AppState>().check_fully();
        std::thread::sleep(std::time::Duration::from_secs(4));
        let mut first = true;
        loop {
            let state = app.state::<AppState>();
            let open = matches!(state.open_error(), Ok(None));
            if let (true, Ok(actor)) = (open, state.actor()) {
                if let Err(e) = state.back_up_if_due(&actor, first) {
                    eprintln!(
                        "followthrough: the automatic backup failed: {}",
                        e.report().message
                    );
                }
                first = false;
            }
            std::thread::sleep(std::time::Duration::from_secs(60 * 60));
        }
    });
}
