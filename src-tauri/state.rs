//! What the running window holds: the open tracker (or why it could not be
//! opened), the actor and where preferences are saved.

use crate::error::{AppError, AppResult};
use followthrough_core::settings::Settings;
use followthrough_core::{Actor, ErrorReport, Tracker};
use std::path::PathBuf;
use std::sync::Mutex;

pub struct AppState {
    tracker: Result<Mutex<Tracker>, ErrorReport>,
    pub data_file: PathBuf,
    actor: Mutex<Actor>,
    settings_file: Option<PathBuf>,
}

impl AppState {
    pub fn new(
        tracker: Result<Tracker, ErrorReport>,
        data_file: PathBuf,
        actor: Actor,
        settings_file: Option<PathBuf>,
    ) -> Self {
        AppState {
            tracker: tracker.map(Mutex::new),
            data_file,
            actor: Mutex::new(actor),
            settings_file,
        }
    }

    /// Runs `f` with the open tracker.
    pub fn with_tracker<T>(
        &self,
        f: impl FnOnce(&mut Tracker) -> followthrough_core::Result<T>,
    ) -> AppResult<T> {
        let lock = self
            .tracker
            .as_ref()
            .map_err(|r| AppError::NotOpen(r.clone()))?;
        let mut tracker = lock.lock().map_err(|_| AppError::Poisoned)?;
        Ok(f(&mut tracker)?)
    }

    pub fn open_error(&self) -> Option<ErrorReport> {
        self.tracker.as_ref().err().cloned()
    }

    pub fn actor(&self) -> AppResult<Actor> {
        Ok(self.actor.lock().map_err(|_| AppError::Poisoned)?.clone())
    }

    /// Sets the actor's name and remembers it for the next start.
    pub fn set_actor(&self, name: &str) -> AppResult<Actor> {
        let actor = Actor::new(name)?;
        self.update_settings(|s| s.actor = Some(actor.to_string()))?;
        *self.actor.lock().map_err(|_| AppError::Poisoned)? = actor.clone();
        Ok(actor)
    }

    /// The saved preferences (defaults when none are saved).
    pub fn settings(&self) -> Settings {
        self.settings_file
            .as_deref()
            .map(Settings::load)
            .unwrap_or_default()
    }

    /// Changes and saves the preferences.
    pub fn update_settings(&self, change: impl FnOnce(&mut Settings)) -> AppResult<Settings> {
        let mut settings = self.settings();
        change(&mut settings);
        if let Some(path) = &self.settings_file {
            settings.save(path)?;
        }
        Ok(settings)
    }
}

/// The language the window starts in when none was chosen: French when the
/// operating system's locale is French, else English.
pub fn system_language() -> &'static str {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    if locale.to_ascii_lowercase().starts_with("fr") {
        "fr"
    } else {
        "en"
    }
}
