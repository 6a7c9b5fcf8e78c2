//! The core's one error type.
//!
//! Every failure a user can cause or meet has a stable [`ErrorCode`] that the
//! window and the command line branch on; the English message is for logs and
//! the CLI only. The UI translates by code (and, for validation, by field and
//! rule), so no caller ever matches on message text.

use serde::Serialize;
use std::path::PathBuf;

/// Which rule an input broke. Serialised in `snake_case` so the UI can pick
/// the sentence in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    Required,
    TooLong,
    ControlCharacter,
    NotADate,
    DateOutOfRange,
    EndBeforeStart,
    InFuture,
    NotAnEmail,
    UnknownValue,
    NotInRange,
    Inactive,
    Duplicate,
    Unchanged,
}

impl Rule {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Rule::Required => "is required",
            Rule::TooLong => "is too long",
            Rule::ControlCharacter => "contains a control character",
            Rule::NotADate => "is not a date in the form YYYY-MM-DD",
            Rule::DateOutOfRange => "must be between 2000-01-01 and 2100-12-31",
            Rule::EndBeforeStart => "cannot be before the start date",
            Rule::InFuture => "cannot be in the future",
            Rule::NotAnEmail => "is not an email address",
            Rule::UnknownValue => "is not one of the allowed values",
            Rule::NotInRange => "is out of range",
            Rule::Inactive => "names an owner who is no longer active",
            Rule::Duplicate => "lists the same owner twice, or the lead owner again",
            Rule::Unchanged => "is the same as the current value",
        }
    }
}

/// The stable codes sent to the UI as `{code, message}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    InvalidInput,
    NotFound,
    Conflict,
    PeriodSignedOff,
    PeriodIncomplete,
    EvidenceRequired,
    SameReviewer,
    ReviewState,
    NotADatabase,
    ForeignDatabase,
    NewerSchema,
    AlreadyOpen,
    Damaged,
    AuditChainBroken,
    InvalidImport,
    NotEmpty,
    Database,
    Io,
    /// The briefing could not be typeset or written as PDF: a fault of the
    /// program, reported by the briefing layer (user text is only data).
    BriefingFailed,
}

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("{field} {}", .rule.describe())]
    Invalid { field: &'static str, rule: Rule },

    #[error("{entity} {id} does not exist")]
    NotFound { entity: &'static str, id: String },

    #[error("{0}")]
    Conflict(String),

    #[error("reporting period {0} is signed off and can no longer be changed")]
    PeriodSignedOff(String),

    #[error("reporting period {label} cannot be signed off yet: {reason}")]
    PeriodIncomplete { label: String, reason: String },

    #[error(
        "\"Fully implemented\" cannot be accepted for recommendation {number}: \
         it has no evidence note dated on or before the end of {period}"
    )]
    EvidenceRequired { number: i64, period: String },

    #[error("{actor} reported this assessment and cannot also review it: a second person must accept or return it")]
    SameReviewer { actor: String },

    #[error("{0}")]
    ReviewState(String),

    #[error("{} is not a SQLite database; it was left untouched", .0.display())]
    NotADatabase(PathBuf),

    #[error("{} is a database of another application, not a Followthrough tracker; it was left untouched", .0.display())]
    ForeignDatabase(PathBuf),

    #[error("{} was written by a newer Followthrough (data version {found}, this program knows up to {supported}); it was left untouched", .path.display())]
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    /// Another window holds the data file's instance lock.
    #[error("Followthrough is already open on {} in another window; use that window", .0.display())]
    AlreadyOpen(PathBuf),

    #[error("{} is damaged ({detail}); it was left untouched", .path.display())]
    Damaged { path: PathBuf, detail: String },

    #[error("the audit trail of {} is broken at event {event_id}: {reason}", .path.display())]
    AuditChainBroken {
        path: PathBuf,
        event_id: i64,
        reason: String,
    },

    /// An import document that cannot be taken as it is; `location` is the
    /// JSON path of the first problem (e.g. `$.milestones[3].current_due`).
    #[error("the import was refused, nothing was changed: {location} {reason}")]
    InvalidImport { location: String, reason: String },

    #[error("{} already holds entries, so nothing was imported; to replace them with the export, import with --replace (the current file is backed up first)", .0.display())]
    NotEmpty(PathBuf),

    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),

    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

impl CoreError {
    pub fn code(&self) -> ErrorCode {
        match self {
            CoreError::Invalid { .. } => ErrorCode::InvalidInput,
            CoreError::NotFound { .. } => ErrorCode::NotFound,
            CoreError::Conflict(_) => ErrorCode::Conflict,
            CoreError::PeriodSignedOff(_) => ErrorCode::PeriodSignedOff,
            CoreError::PeriodIncomplete { .. } => ErrorCode::PeriodIncomplete,
            CoreError::EvidenceRequired { .. } => ErrorCode::EvidenceRequired,
            CoreError::SameReviewer { .. } => ErrorCode::SameReviewer,
            CoreError::ReviewState(_) => ErrorCode::ReviewState,
            CoreError::NotADatabase(_) => ErrorCode::NotADatabase,
            CoreError::ForeignDatabase(_) => ErrorCode::ForeignDatabase,
            CoreError::NewerSchema { .. } => ErrorCode::NewerSchema,
            CoreError::AlreadyOpen(_) => ErrorCode::AlreadyOpen,
            CoreError::Damaged { .. } => ErrorCode::Damaged,
            CoreError::AuditChainBroken { .. } => ErrorCode::AuditChainBroken,
            CoreError::InvalidImport { .. } => ErrorCode::InvalidImport,
            CoreError::NotEmpty(_) => ErrorCode::NotEmpty,
            CoreError::Database(_) => ErrorCode::Database,
            CoreError::Io { .. } => ErrorCode::Io,
        }
    }

    /// The field an input error belongs to, so a form can show it there.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            CoreError::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }

    pub fn rule(&self) -> Option<Rule> {
        match self {
            CoreError::Invalid { rule, .. } => Some(*rule),
            _ => None,
        }
    }

    pub(crate) fn invalid(field: &'static str, rule: Rule) -> Self {
        CoreError::Invalid { field, rule }
    }

    pub(crate) fn not_found(entity: &'static str, id: impl ToString) -> Self {
        CoreError::NotFound {
            entity,
            id: id.to_string(),
        }
    }

    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        CoreError::Io {
            context: context.into(),
            source,
        }
    }
}

/// The shape every front end sends on: `{code, message, field?, rule?}`.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorReport {
    pub code: ErrorCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<Rule>,
}

impl From<&CoreError> for ErrorReport {
    fn from(e: &CoreError) -> Self {
        ErrorReport {
            code: e.code(),
            message: e.to_string(),
            field: e.field(),
            rule: e.rule(),
        }
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;
