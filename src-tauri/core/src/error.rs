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
    /// Holds characters that draw nothing (zero-width spaces, direction
    /// marks), which would let one name pass for two.
    InvisibleCharacter,
    /// Shorter than a passphrase must be.
    TooShort,
    /// Not the passphrase the key file was locked with.
    WrongPassphrase,
    /// Not a Followthrough key file (or a damaged one).
    NotAKeyFile,
    /// Not a Followthrough public key's text.
    NotAPublicKey,
    /// A key already on the tracker's register of reviewers.
    AlreadyRegistered,
    /// Not the same as the text it repeats (a passphrase typed twice).
    Differs,
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
            Rule::InvisibleCharacter => "contains an invisible character",
            Rule::TooShort => "is too short",
            Rule::WrongPassphrase => "is not the passphrase of this key",
            Rule::NotAKeyFile => "is not a Followthrough key file",
            Rule::NotAPublicKey => "is not a Followthrough public key",
            Rule::AlreadyRegistered => "is already registered as a reviewer of this tracker",
            Rule::Differs => "differs from the first",
        }
    }
}

/// The stable codes sent to the UI as `{code, message}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    InvalidInput,
    NotFound,
    /// `details`: `label`, the period whose label is taken.
    PeriodLabelTaken,
    /// `details`: `label`, `starts_on`, `ends_on` of the period overlapped.
    PeriodsOverlap,
    /// `details`: `name`, `lead_of`, `supporting`, `milestones`,
    /// `open_milestones`.
    OwnerHoldsWork,
    /// `details`: `title`, `state` of the milestone.
    MilestoneClosed,
    PeriodSignedOff,
    /// `details`: `label`, `missing` and `unaccepted` (recommendation
    /// numbers).
    PeriodIncomplete,
    EvidenceRequired,
    SameReviewer,
    /// `details`: `state`, the review state the assessment already has.
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
    /// No tracker exists at the path, and the command does not create one.
    Missing,
    /// The path is a folder, a device or a pipe, or has other names (hard
    /// links): not a file a tracker can be kept in.
    NotAFile,
    /// A new tracker was to be created where a file already is.
    Exists,
    /// Other processes use the file, so its content cannot be replaced now
    /// (or it is being replaced, so it cannot be opened now).
    Busy,
    DiskFull,
    /// An output (export, briefing) would have replaced something it must
    /// never replace; `reason` says what.
    OutputRefused,
    /// The file holds records, a structure or frozen snapshots that its
    /// audit trail does not account for: it was changed outside the program.
    Tampered,
    /// The audit trail ends before an event this computer has already seen
    /// in it: events were removed, or an older copy was put in its place.
    TrailBehindWitness,
    /// The user stopped a long operation before it changed anything; the
    /// window says so quietly rather than as a failure.
    Cancelled,
    /// The tracker has a registered reviewer, so a review by a typed name
    /// is refused: the window points to the signed flow.
    SignatureRequired,
    /// The key that signed (or would sign) is not on the tracker's
    /// register of reviewers, or was removed from it.
    NotAReviewer,
    /// A decision or a package of another tracker.
    NotThisTracker,
    /// The report changed after the reviewer was shown it.
    ChangedSinceReview,
    /// A review package or response was refused whole; `details`:
    /// `reason`, an [`ExchangeRefusal`].
    ExchangeRefused,
}

/// Why a review package or response was refused whole. Serialised so the
/// window can say it in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExchangeRefusal {
    /// It cannot be decrypted with this person's key: made for someone
    /// else, not a Followthrough file, or changed on the way.
    NotReadable,
    /// It decrypts, but what it holds is not what Followthrough writes.
    Damaged,
    /// A review package where a response was expected, or the reverse.
    WrongKind,
    /// A signature inside does not hold: changed after it was signed.
    BadSignature,
    /// A response to a package this tracker did not send.
    NotSentHere,
    /// The sender's key is not one this person has confirmed.
    UntrustedSender,
}

impl ExchangeRefusal {
    fn describe(self) -> &'static str {
        match self {
            ExchangeRefusal::NotReadable => "it cannot be opened with this key: it was made for someone else, or changed on the way",
            ExchangeRefusal::Damaged => "it is not a file Followthrough wrote, or it is damaged",
            ExchangeRefusal::WrongKind => "it is not the kind of file expected here (a review package where a response was expected, or the reverse)",
            ExchangeRefusal::BadSignature => "a signature in it does not hold: it was changed after it was signed",
            ExchangeRefusal::NotSentHere => "it answers a review package this tracker did not send",
            ExchangeRefusal::UntrustedSender => "its sender's key has not been confirmed on this computer",
        }
    }
}

/// Why an output path was refused. Serialised so the window can say it in
/// the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutputRefusal {
    DataFile,
    SideFile,
    Backup,
    Database,
    NotARegularFile,
}

impl OutputRefusal {
    fn describe(self) -> &'static str {
        match self {
            OutputRefusal::DataFile => "is the tracker's data file",
            OutputRefusal::SideFile => {
                "is one of the files SQLite or Followthrough keeps beside the data file"
            }
            OutputRefusal::Backup => "is in the tracker's backups folder",
            OutputRefusal::Database => {
                "is a database (a tracker or another program's), which an output never replaces"
            }
            OutputRefusal::NotARegularFile => {
                "is not a regular file (a folder, a device or a pipe)"
            }
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("{field} {}", .rule.describe())]
    Invalid { field: &'static str, rule: Rule },

    #[error("{entity} {id} does not exist")]
    NotFound { entity: &'static str, id: String },

    #[error("a reporting period called \"{label}\" already exists")]
    PeriodLabelTaken { label: String },

    #[error("the dates overlap reporting period \"{label}\" ({starts_on} to {ends_on})")]
    PeriodsOverlap {
        label: String,
        starts_on: chrono::NaiveDate,
        ends_on: chrono::NaiveDate,
    },

    /// An owner who leads, supports or owns milestones cannot be deleted
    /// (the history would lose who did the work); deactivating keeps it.
    #[error(
        "{name} still owns work ({}, {}, {}, {open_milestones} of them open); deactivate the owner instead",
        count(*.lead_of, "recommendation as lead", "recommendations as lead"),
        count(*.supporting, "as supporting owner", "as supporting owner"),
        count(*.milestones, "milestone", "milestones")
    )]
    OwnerHoldsWork {
        name: String,
        lead_of: i64,
        supporting: i64,
        milestones: i64,
        open_milestones: i64,
    },

    #[error("milestone \"{title}\" is {} and its due date can no longer move", .state.label().to_lowercase())]
    MilestoneClosed {
        title: String,
        state: crate::scales::MilestoneState,
    },

    #[error("reporting period {0} is signed off and can no longer be changed")]
    PeriodSignedOff(String),

    /// Sign-off needs an accepted assessment of every recommendation;
    /// `missing` and `unaccepted` are the recommendations' numbers.
    #[error("reporting period {label} cannot be signed off yet: {}", incomplete_reason(.missing, .unaccepted))]
    PeriodIncomplete {
        label: String,
        missing: Vec<i64>,
        unaccepted: Vec<i64>,
    },

    #[error(
        "\"Fully implemented\" cannot be accepted for recommendation {number}: \
         it has no evidence note dated on or before the end of {period}"
    )]
    EvidenceRequired { number: i64, period: String },

    #[error("{actor} reported this assessment and cannot also review it: a second person must accept or return it")]
    SameReviewer { actor: String },

    /// The assessment is already in the review state asked for.
    #[error("{}", match .0 {
        crate::scales::ReviewState::Returned => "this assessment is already returned and awaits a new report",
        _ => "this assessment is already accepted",
    })]
    AlreadyReviewed(crate::scales::ReviewState),

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
    Database(rusqlite::Error),

    #[error("there is no tracker at {}; start the window to create one there, or use `followthrough import` or `followthrough sample`", .0.display())]
    Missing(PathBuf),

    #[error("{} is not a regular file (a folder, a device or a pipe); a tracker is kept in a file", .0.display())]
    NotAFile(PathBuf),

    #[error("{} has other names (hard links); a tracker must have one name so that one window and one lock guard it: copy the file instead", .0.display())]
    HardLinked(PathBuf),

    #[error("{} already exists; a new tracker is written only where no file is", .0.display())]
    Exists(PathBuf),

    #[error("{}", if *.replacing {
        format!("{} is being replaced by a restore or an import; try again in a moment", .path.display())
    } else {
        format!("{} is in use by another Followthrough window or command; close it (or let it finish), then try again; nothing was changed", .path.display())
    })]
    Busy { path: PathBuf, replacing: bool },

    #[error("{context}: the disk is full")]
    DiskFull { context: String },

    #[error("nothing was written: {} {}", .path.display(), .reason.describe())]
    OutputRefused {
        path: PathBuf,
        reason: OutputRefusal,
    },

    #[error("{} was changed outside Followthrough: {detail}", .path.display())]
    Tampered { path: PathBuf, detail: String },

    #[error("the audit trail of {} no longer holds event {witnessed} as this computer saw it on {seen_at} (the trail now ends at event {found}): events were removed or rewritten, or an older copy of the file was put in its place; it was left untouched", .path.display())]
    TrailBehindWitness {
        path: PathBuf,
        found: i64,
        witnessed: i64,
        seen_at: String,
    },

    #[error("{} is not the tracker this computer last saw at that place (on {seen_at}): the file was replaced by another tracker outside Followthrough; it was left untouched", .path.display())]
    NotTheWitnessedTracker { path: PathBuf, seen_at: String },

    #[error("stopped as asked; nothing was changed")]
    Cancelled,

    #[error("this tracker has a registered reviewer, so only a decision the reviewer signs with their key accepts, returns or signs off; nothing was changed")]
    SignatureRequired,

    #[error("the key is not on this tracker's register of reviewers (or was removed from it); nothing was changed")]
    NotAReviewer,

    #[error("this was made for another tracker; nothing was changed")]
    NotThisTracker,

    #[error("the report changed after the reviewer was shown it; review the new report; nothing was changed")]
    ChangedSinceReview,

    #[error("refused, nothing was changed: {}", .reason.describe())]
    ExchangeRefused { reason: ExchangeRefusal },

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
            CoreError::PeriodLabelTaken { .. } => ErrorCode::PeriodLabelTaken,
            CoreError::PeriodsOverlap { .. } => ErrorCode::PeriodsOverlap,
            CoreError::OwnerHoldsWork { .. } => ErrorCode::OwnerHoldsWork,
            CoreError::MilestoneClosed { .. } => ErrorCode::MilestoneClosed,
            CoreError::PeriodSignedOff(_) => ErrorCode::PeriodSignedOff,
            CoreError::PeriodIncomplete { .. } => ErrorCode::PeriodIncomplete,
            CoreError::EvidenceRequired { .. } => ErrorCode::EvidenceRequired,
            CoreError::SameReviewer { .. } => ErrorCode::SameReviewer,
            CoreError::AlreadyReviewed(_) => ErrorCode::ReviewState,
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
            CoreError::Missing(_) => ErrorCode::Missing,
            CoreError::NotAFile(_) | CoreError::HardLinked(_) => ErrorCode::NotAFile,
            CoreError::Exists(_) => ErrorCode::Exists,
            CoreError::Busy { .. } => ErrorCode::Busy,
            CoreError::DiskFull { .. } => ErrorCode::DiskFull,
            CoreError::OutputRefused { .. } => ErrorCode::OutputRefused,
            CoreError::Tampered { .. } => ErrorCode::Tampered,
            CoreError::TrailBehindWitness { .. } | CoreError::NotTheWitnessedTracker { .. } => {
                ErrorCode::TrailBehindWitness
            }
            CoreError::Cancelled => ErrorCode::Cancelled,
            CoreError::SignatureRequired => ErrorCode::SignatureRequired,
            CoreError::NotAReviewer => ErrorCode::NotAReviewer,
            CoreError::NotThisTracker => ErrorCode::NotThisTracker,
            CoreError::ChangedSinceReview => ErrorCode::ChangedSinceReview,
            CoreError::ExchangeRefused { .. } => ErrorCode::ExchangeRefused,
        }
    }

    /// Whether the data file failed to open in a way a backup can remedy:
    /// damaged, changed outside Followthrough, or behind this computer's
    /// witness.
    pub fn restorable(&self) -> bool {
        matches!(
            self,
            CoreError::Damaged { .. }
                | CoreError::Tampered { .. }
                | CoreError::AuditChainBroken { .. }
                | CoreError::TrailBehindWitness { .. }
                | CoreError::NotTheWitnessedTracker { .. }
        )
    }

    /// Whether the user may instead keep the file as it is (`trust`): it
    /// is sound, but not what this computer last saw at that place.
    pub fn trustable(&self) -> bool {
        matches!(
            self,
            CoreError::TrailBehindWitness { .. } | CoreError::NotTheWitnessedTracker { .. }
        )
    }

    /// The field an input error belongs to, so a form can show it there.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            CoreError::Invalid { field, .. } => Some(field),
            CoreError::PeriodLabelTaken { .. } => Some("label"),
            CoreError::PeriodsOverlap { .. } => Some("starts_on"),
            _ => None,
        }
    }

    /// The facts a front end needs to say this error in the user's
    /// language, by name (see the codes' documentation); none for errors
    /// whose code says it all.
    pub fn details(&self) -> Option<serde_json::Value> {
        use serde_json::json;
        Some(match self {
            CoreError::PeriodLabelTaken { label } => json!({ "label": label }),
            CoreError::PeriodsOverlap {
                label,
                starts_on,
                ends_on,
            } => json!({ "label": label, "starts_on": starts_on, "ends_on": ends_on }),
            CoreError::OwnerHoldsWork {
                name,
                lead_of,
                supporting,
                milestones,
                open_milestones,
            } => json!({
                "name": name,
                "lead_of": lead_of,
                "supporting": supporting,
                "milestones": milestones,
                "open_milestones": open_milestones,
            }),
            CoreError::MilestoneClosed { title, state } => {
                json!({ "title": title, "state": state })
            }
            CoreError::PeriodIncomplete {
                label,
                missing,
                unaccepted,
            } => json!({ "label": label, "missing": missing, "unaccepted": unaccepted }),
            CoreError::AlreadyReviewed(state) => json!({ "state": state }),
            CoreError::ExchangeRefused { reason } => json!({ "reason": reason }),
            _ => return None,
        })
    }

    /// Why an output was refused, for the window to say it.
    pub fn refusal(&self) -> Option<OutputRefusal> {
        match self {
            CoreError::OutputRefused { reason, .. } => Some(*reason),
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

/// The shape every front end sends on: `{code, message, field?, rule?,
/// refusal?, details?}`.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorReport {
    pub code: ErrorCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<Rule>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refusal: Option<OutputRefusal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<serde_json::Value>,
}

impl ErrorReport {
    /// A report that names no field, rule or refusal.
    pub fn new(code: ErrorCode, message: String) -> Self {
        ErrorReport {
            code,
            message,
            field: None,
            rule: None,
            refusal: None,
            details: None,
        }
    }
}

impl From<&CoreError> for ErrorReport {
    fn from(e: &CoreError) -> Self {
        ErrorReport {
            code: e.code(),
            message: e.to_string(),
            field: e.field(),
            rule: e.rule(),
            refusal: e.refusal(),
            details: e.details(),
        }
    }
}

/// SQLite's "database or disk is full" is the disk being full (or the file
/// reaching its size limit): said so, rather than as a database error.
impl From<rusqlite::Error> for CoreError {
    fn from(e: rusqlite::Error) -> Self {
        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) {
            CoreError::DiskFull {
                context: "cannot write the data file".to_owned(),
            }
        } else {
            CoreError::Database(e)
        }
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

/// "1 milestone", "3 milestones": the English messages' counts.
fn count(n: i64, one: &str, other: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { other })
}

/// Why a period cannot be signed off, in English.
fn incomplete_reason(missing: &[i64], unaccepted: &[i64]) -> String {
    let numbers = |n: &[i64]| n.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    let mut reasons = Vec::new();
    if !missing.is_empty() {
        let which = if missing.len() == 1 {
            "recommendation"
        } else {
            "recommendations"
        };
        reasons.push(format!("no assessment for {which} {}", numbers(missing)));
    }
    if !unaccepted.is_empty() {
        let which = if unaccepted.len() == 1 {
            "recommendation"
        } else {
            "recommendations"
        };
        reasons.push(format!(
            "the assessment of {which} {} is not yet accepted",
            numbers(unaccepted)
        ));
    }
    reasons.join("; ")
}
