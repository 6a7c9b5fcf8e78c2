//! What the running window holds: the open tracker (or why it could not be
//! opened), the actor and where preferences are saved.

use crate::error::{AppError, AppResult};
use crate::operations::Operations;
use followthrough_core::actor::machine_name;
use followthrough_core::language::Language;
use followthrough_core::progress::Progress;
use followthrough_core::settings::Settings;
use followthrough_core::witness::Witness;
use followthrough_core::{backup, Actor, CoreError, ErrorReport, Operator, SystemClock, Tracker};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::thread::JoinHandle;

type Opened = Result<Tracker, ErrorReport>;

pub struct AppState {
    /// The open tracker, or why the data file could not be opened. Behind one
    /// lock so that a restore replaces its content, or puts a restored
    /// tracker in its place, while no command is using it.
    tracker: Mutex<Opened>,
    /// The tracker being opened beside the window's start (its quick check
    /// takes up to a tenth of a second on a large file, while WebKit
    /// starts): the first command waits for it.
    opening: Mutex<Option<JoinHandle<Opened>>>,
    pub data_file: PathBuf,
    actor: Mutex<Actor>,
    settings_file: Option<PathBuf>,
    /// Held while the preferences file is read, changed and written, so
    /// that two commands changing different preferences keep both.
    settings_lock: Mutex<()>,
    /// This computer's record of the newest event seen in each tracker.
    witness: Option<Witness>,
    /// The long operations running, to cancel one.
    pub operations: Operations,
}

/// Opens the data file for the window, creating it on first use, and checks
/// it against the witness. For a damaged file, the report names the newest
/// good backup.
pub fn open_tracker(data_file: &Path, witness: Option<Witness>) -> Result<Tracker, ErrorReport> {
    Tracker::open_or_create(data_file, Box::new(SystemClock))
        .map(|t| t.with_machine(&machine_name()))
        .and_then(|t| match witness {
            Some(w) => t.with_witness(w),
            None => Ok(t),
        })
        .map_err(|e| open_failure(data_file, &e))
}

/// Why the data file did not open, with the way back when a backup is one.
pub fn open_failure(data_file: &Path, e: &CoreError) -> ErrorReport {
    let mut report = ErrorReport::from(e);
    if let Some(hint) = backup::recovery_hint(data_file, e) {
        report.message = format!("{}\n{hint}", report.message);
    }
    report
}

impl AppState {
    pub fn new(
        tracker: Result<Tracker, ErrorReport>,
        data_file: PathBuf,
        actor: Actor,
        settings_file: Option<PathBuf>,
    ) -> Self {
        AppState {
            tracker: Mutex::new(tracker),
            opening: Mutex::new(None),
            data_file,
            actor: Mutex::new(actor),
            settings_file,
            settings_lock: Mutex::new(()),
            witness: None,
            operations: Operations::default(),
        }
    }

    /// A state whose tracker opens on a thread of its own, so the window
    /// can start meanwhile.
    pub fn opening(
        data_file: PathBuf,
        actor: Actor,
        settings_file: Option<PathBuf>,
        witness: Option<Witness>,
    ) -> Self {
        let (file, w) = (data_file.clone(), witness.clone());
        let opening = std::thread::spawn(move || {
            let opened = open_tracker(&file, w);
            if let Err(report) = &opened {
                eprintln!("followthrough: {}", report.message);
            }
            opened
        });
        let placeholder = Err(ErrorReport::new(
            followthrough_core::ErrorCode::Database,
            "the data file is being opened".into(),
        ));
        let mut state =
            AppState::new(placeholder, data_file, actor, settings_file).with_witness(witness);
        state.opening = Mutex::new(Some(opening));
        state
    }

    /// The tracker's slot, once it is open (or known not to open).
    fn slot(&self) -> AppResult<MutexGuard<'_, Opened>> {
        let mut slot = self.tracker.lock().map_err(|_| AppError::Poisoned)?;
        let pending = self.opening.lock().map_err(|_| AppError::Poisoned)?.take();
        if let Some(handle) = pending {
            *slot = handle.join().map_err(|_| AppError::Poisoned)?;
        }
        Ok(slot)
    }

    /// Keeps this computer's witness with every change from now on.
    pub fn with_witness(mut self, witness: Option<Witness>) -> Self {
        self.witness = witness;
        self
    }

    /// SQLite's full integrity check of the open tracker, through a
    /// read-only connection of its own (opening ran only the quick check,
    /// within a time budget, so that a large tracker opens fast). A file
    /// found damaged is closed: every command then answers with why, and
    /// the window offers the newest good backup. Returns whether the file
    /// passed.
    pub fn check_fully(&self) -> bool {
        if !matches!(self.open_error(), Ok(None)) {
            return false;
        }
        match followthrough_core::verify::integrity_of_file(&self.data_file) {
            Ok(()) => true,
            Err(e) => {
                eprintln!("followthrough: {e}");
                if let Ok(mut slot) = self.slot() {
                    *slot = Err(open_failure(&self.data_file, &e));
                }
                false
            }
        }
    }

    /// Runs `f` with the open tracker.
    pub fn with_tracker<T, E>(&self, f: impl FnOnce(&mut Tracker) -> Result<T, E>) -> AppResult<T>
    where
        AppError: From<E>,
    {
        let mut slot = self.slot()?;
        let tracker = slot.as_mut().map_err(|r| AppError::NotOpen(r.clone()))?;
        Ok(f(tracker)?)
    }

    pub fn open_error(&self) -> AppResult<Option<ErrorReport>> {
        let slot = self.slot()?;
        Ok(slot.as_ref().err().cloned())
    }

    /// Restores `backup` (a listed backup of the data file): into the open
    /// tracker, whose content is replaced in place (refused while another
    /// window or command uses the file), or, when the file did not open,
    /// in the file's place. Returns where the previous content was kept.
    pub fn restore(
        &self,
        backup: &Path,
        actor: &Actor,
        progress: &Progress<'_>,
    ) -> AppResult<Option<PathBuf>> {
        let mut slot = self.slot()?;
        if let Ok(tracker) = slot.as_mut() {
            return Ok(tracker.restore(backup, actor, progress)?);
        }
        let machine = machine_name();
        match backup::restore(
            &self.data_file,
            backup,
            Box::new(SystemClock),
            Operator {
                actor,
                machine: &machine,
                witness: self.witness.clone(),
            },
            progress,
        ) {
            Ok((tracker, kept)) => {
                *slot = Ok(tracker);
                Ok(kept)
            }
            Err(e) => {
                // Whatever the file holds now is what the window shows next.
                *slot = open_tracker(&self.data_file, self.witness.clone());
                Err(e.into())
            }
        }
    }

    /// Accepts the data file as it now is, though its trail ends before the
    /// newest event this computer saw in it (an older copy put in place on
    /// purpose). The decision is recorded in the trail.
    pub fn trust_data_file(&self, actor: &Actor) -> AppResult<()> {
        let mut slot = self.slot()?;
        let Some(witness) = self.witness.clone() else {
            return Ok(());
        };
        let tracker = Tracker::open_trusting(
            &self.data_file,
            Box::new(SystemClock),
            witness,
            actor,
            &machine_name(),
        )?;
        *slot = Ok(tracker);
        Ok(())
    }

    /// Writes a checked backup of the tracker now and records it. The copy
    /// is made through a connection of its own, without holding the
    /// tracker, so other commands go on meanwhile; only the record takes
    /// it, briefly.
    pub fn back_up(&self, actor: &Actor, progress: &Progress<'_>) -> AppResult<PathBuf> {
        let now = self.with_tracker(|t| Ok::<_, CoreError>(t.clock().now()))?;
        let path = backup::take(&self.data_file, now, progress)?;
        progress.stage(followthrough_core::progress::Stage::Recording, false);
        self.with_tracker(|t| t.record_backup(actor, &path))?;
        Ok(path)
    }

    /// Backs the tracker up if one is due (see the core's
    /// `backup::due`), or always when `starting`: a window backs up when it
    /// starts. Returns the backup, if one was written.
    pub fn back_up_if_due(&self, actor: &Actor, starting: bool) -> AppResult<Option<PathBuf>> {
        if !starting && !self.with_tracker(|t| t.backup_due())? {
            return Ok(None);
        }
        self.back_up(actor, &Progress::none()).map(Some)
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
        let _held = self.settings_lock.lock().map_err(|_| AppError::Poisoned)?;
        let mut settings = self.settings();
        change(&mut settings);
        if let Some(path) = &self.settings_file {
            settings.save(path)?;
        }
        Ok(settings)
    }
}

/// The language the window starts in when none was chosen: the operating
/// system's (see [`Language::of_locale`]).
pub fn system_language() -> Language {
    let vars = ["LC_ALL", "LC_MESSAGES", "LANG"].map(|k| std::env::var(k).ok());
    Language::of_locale(vars.iter().map(Option::as_deref))
}

/// The interface's language: the one chosen, else the system's.
pub fn interface_language(settings: &Settings) -> Language {
    settings.language.unwrap_or_else(system_language)
}

#[cfg(test)]
mod tests {
    use super::*;
    use followthrough_core::owners::OwnerInput;
    use followthrough_core::ErrorCode;

    fn actor() -> Actor {
        Actor::new("Executive Assistant").unwrap()
    }

    fn add_owner(t: &mut Tracker, name: &str) {
        let input = OwnerInput {
            name: name.into(),
            title: String::new(),
            unit: String::new(),
            email: String::new(),
        };
        t.add_owner(&actor(), &input).unwrap();
    }

    fn owner_names(state: &AppState) -> Vec<String> {
        state
            .with_tracker(|t| t.owners())
            .unwrap()
            .into_iter()
            .map(|o| o.name)
            .collect()
    }

    #[test]
    fn a_restore_replaces_the_tracker_the_window_has_open() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("tracker.sqlite3");
        let mut tracker = open_tracker(&data, None).unwrap();
        add_owner(&mut tracker, "Before the backup");
        let good = tracker.backup_now(&actor()).unwrap();
        add_owner(&mut tracker, "After the backup");
        let state = AppState::new(Ok(tracker), data.clone(), actor(), None);

        let kept = state.restore(&good, &actor(), &Progress::none()).unwrap();
        assert_eq!(owner_names(&state), ["Before the backup"]);
        let kept = kept.expect("the previous content is kept");
        assert_ne!(kept, good);
        let mut previous = Tracker::open(&kept, Box::new(SystemClock)).unwrap();
        assert_eq!(previous.owners().unwrap().len(), 2);
        let trail = state
            .with_tracker(|t| t.audit_trail(&Default::default()))
            .unwrap();
        assert_eq!(trail[0].action, "restore");
    }

    #[test]
    fn a_tracker_opened_beside_the_windows_start_is_there_for_the_first_command() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("tracker.sqlite3");
        let state = AppState::opening(data.clone(), actor(), None, None);
        add_owner_through(&state, "First");
        assert_eq!(owner_names(&state), ["First"]);
        assert!(state.open_error().unwrap().is_none());
        // A file that does not open is reported the same way.
        let bad = dir.path().join("notes.txt");
        std::fs::write(
            &bad,
            "not a tracker, but long enough to have a header of its own",
        )
        .unwrap();
        let state = AppState::opening(bad, actor(), None, None);
        assert_eq!(
            state.open_error().unwrap().unwrap().code,
            ErrorCode::NotADatabase
        );
    }

    fn add_owner_through(state: &AppState, name: &str) {
        state
            .with_tracker(|t| {
                t.add_owner(
                    &actor(),
                    &OwnerInput {
                        name: name.into(),
                        ..Default::default()
                    },
                )
            })
            .unwrap();
    }

    #[test]
    fn damage_found_by_the_full_check_after_start_closes_the_tracker() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("tracker.sqlite3");
        let mut tracker = open_tracker(&data, None).unwrap();
        for i in 0..60 {
            add_owner(&mut tracker, &format!("Owner {i} {}", "x".repeat(150)));
        }
        tracker.backup_now(&actor()).unwrap();
        tracker
            .connection()
            .pragma_update(None, "wal_checkpoint", "TRUNCATE")
            .unwrap();
        let state = AppState::new(Ok(tracker), data.clone(), actor(), None);
        assert!(state.check_fully(), "a sound file passes");
        // Damage after opening, as a failing disk would.
        let mut bytes = std::fs::read(&data).unwrap();
        let n = bytes.len();
        bytes[n - 8192..n - 4096].fill(0);
        std::fs::write(&data, bytes).unwrap();
        assert!(!state.check_fully());
        let report = state.open_error().unwrap().expect("closed");
        assert_eq!(report.code, ErrorCode::Damaged);
        assert!(
            report.message.contains("newest good backup"),
            "{}",
            report.message
        );
        assert!(matches!(
            state.with_tracker(|t| t.owners()),
            Err(AppError::NotOpen(_))
        ));
    }

    #[test]
    fn a_window_opened_on_a_damaged_file_recovers_by_restoring() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("tracker.sqlite3");
        let mut tracker = open_tracker(&data, None).unwrap();
        add_owner(&mut tracker, "Kept safe");
        for i in 0..40 {
            add_owner(&mut tracker, &format!("Owner {i} {}", "x".repeat(80)));
        }
        tracker.backup_now(&actor()).unwrap();
        drop(tracker);
        // The damage goes into the file itself, not a write-ahead log.
        let t = Tracker::open(&data, Box::new(SystemClock)).unwrap();
        t.connection()
            .pragma_update(None, "journal_mode", "DELETE")
            .unwrap();
        drop(t);
        let mut bytes = std::fs::read(&data).unwrap();
        bytes[4096..].fill(0xA5);
        std::fs::write(&data, bytes).unwrap();

        let opened = open_tracker(&data, None);
        let report = opened.as_ref().err().expect("a damaged file is reported");
        assert_eq!(report.code, ErrorCode::Damaged);
        let state = AppState::new(opened, data.clone(), actor(), None);
        assert!(matches!(
            state.with_tracker(|t| t.owners()),
            Err(AppError::NotOpen(_))
        ));

        let good = backup::newest_good(&data).unwrap().expect("a good backup");
        state.restore(&good, &actor(), &Progress::none()).unwrap();
        assert!(state.open_error().unwrap().is_none());
        assert!(owner_names(&state).contains(&"Kept safe".to_owned()));
    }
}
