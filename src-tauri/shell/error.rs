//! The shell's error type: what a command sends back to the window.
//!
//! It serialises as the core's `{code, message, field?, rule?, details?}` report, so
//! the UI branches on `code` (and shows field errors beside their field) and
//! never reads the message to decide anything.

use followthrough_briefing::BriefingError;
use followthrough_core::{CoreError, ErrorCode, ErrorReport};
use serde::{Serialize, Serializer};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Core(#[from] CoreError),

    /// The data file could not be opened at start-up; every command answers
    /// with the reason until the user chooses another file.
    #[error("{}", .0.message)]
    NotOpen(ErrorReport),

    #[error("the tracker is in use by a command that failed; restart Followthrough")]
    Poisoned,

    #[error(transparent)]
    Briefing(#[from] BriefingError),

    /// The save dialog could not be shown or gave a path that is not a file.
    #[error("{0}")]
    Dialog(String),

    /// The window refused a change to itself (its zoom).
    #[error("the window could not be changed: {0}")]
    Window(String),
}

impl AppError {
    pub fn report(&self) -> ErrorReport {
        match self {
            AppError::Core(e) => ErrorReport::from(e),
            AppError::NotOpen(r) => r.clone(),
            AppError::Poisoned => ErrorReport::new(ErrorCode::Database, self.to_string()),
            AppError::Briefing(e) => e.report(),
            AppError::Dialog(_) | AppError::Window(_) => {
                ErrorReport::new(ErrorCode::Io, self.to_string())
            }
        }
    }
}

impl Serialize for AppError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.report().serialize(s)
    }
}

pub type AppResult<T> = Result<T, AppError>;
