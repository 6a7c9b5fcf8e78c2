//! Long operations the window starts (a backup, a restore, checking the
//! backups, a briefing): each runs on a thread of Tauri's blocking pool,
//! never on the window's main thread or an async worker, reports its steps
//! on the channel the window passed in, and can be asked to stop through
//! `cancel_operation` with the number the window gave it.

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use followthrough_core::progress::{Progress, Step};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager};

/// The cancel flags of the operations now running, by the window's number.
#[derive(Default)]
pub struct Operations {
    running: Mutex<HashMap<u32, Arc<AtomicBool>>>,
}

impl Operations {
    fn start(&self, id: u32) -> Arc<AtomicBool> {
        let flag = Arc::new(AtomicBool::new(false));
        if let Ok(mut running) = self.running.lock() {
            running.insert(id, flag.clone());
        }
        flag
    }

    fn finish(&self, id: u32) {
        if let Ok(mut running) = self.running.lock() {
            running.remove(&id);
        }
    }

    /// Asks operation `id` to stop where stopping leaves nothing behind.
    /// Whether it was running.
    pub fn cancel(&self, id: u32) -> bool {
        match self.running.lock() {
            Ok(running) => running
                .get(&id)
                .map(|f| f.store(true, Ordering::Relaxed))
                .is_some(),
            Err(_) => false,
        }
    }
}

/// Runs `work` off the window's threads as operation `id`, its steps sent
/// on `channel`.
pub async fn run<T: Send + 'static>(
    app: AppHandle,
    id: u32,
    channel: Channel<Step>,
    work: impl FnOnce(&AppState, &Progress<'_>) -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let cancel = state.operations.start(id);
        let report = move |step: Step| {
            // A window that went away no longer listens; the work goes on.
            let _ = channel.send(step);
        };
        let result = work(&state, &Progress::new(&report, Some(&cancel)));
        state.operations.finish(id);
        result
    })
    .await
    .map_err(|_| AppError::Poisoned)?
}
