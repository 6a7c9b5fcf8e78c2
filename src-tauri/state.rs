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
        if let Some(path) = &self.settings_file {
            let mut settings = Settings::load(path);
            settings.actor = Some(actor.to_string());
            settings.save(path)?;
        }
        *self.actor.lock().map_err(|_| AppError::Poisoned)? = actor.clone();
        Ok(actor)
    }
}
