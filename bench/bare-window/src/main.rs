//! One window, one static page. The page calls `ready` once it has painted,
//! and with `FOLLOWTHROUGH_READY_MARK` set the app says so on standard
//! error, exactly as Followthrough does, so the two start-ups are timed the
//! same way.

#[tauri::command]
fn ready() {
    if std::env::var_os("FOLLOWTHROUGH_READY_MARK").is_some() {
        eprintln!("bare-window: ui-ready");
    }
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!())
        .expect("the window runs");
}
