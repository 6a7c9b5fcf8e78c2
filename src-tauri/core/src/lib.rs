//! Followthrough's core: the tracker's domain rules, its SQLite storage and
//! its exports, with no GUI type anywhere.
//!
//! The desktop window, the command line and the tests all drive the same
//! API, so a rule enforced here is enforced everywhere. Time comes in
//! through a [`Clock`] and the person acting through an [`Actor`]; nothing
//! here reads the wall clock or the environment on its own. Every failure
//! is a [`CoreError`] with a stable [`ErrorCode`].
//!
//! The entry points:
//! - an open [`Tracker`] ([`Tracker::open`], [`Tracker::create`],
//!   [`Tracker::open_or_create`]): every use case, one transaction each,
//!   and the screens' read models ([`pages`], [`dashboard`], [`search`]);
//! - the file-level operations, which work on a data file whether or not it
//!   opens: [`backup`] (take, list and check backups, [`backup::restore`]),
//!   [`import::import`] (a JSON export into a new or emptied tracker),
//!   [`sample::create`] (a sample tracker), [`verify`] (the integrity of a
//!   file) and [`export`] (JSON, CSV and the briefing's source);
//! - long operations report through [`progress::Progress`] and can be
//!   stopped where stopping leaves nothing behind.
//!
//! The rest is vocabulary ([`scales`], [`language`], [`seals::RecordKind`],
//! [`audit::Action`]) and the records' own modules, one per table.

pub mod actor;
pub mod assessments;
pub mod audit;
pub mod backup;
pub mod changes;
mod clock;
pub mod contradictions;
pub mod dashboard;
pub mod db;
pub mod decisions;
mod error;
pub mod evidence;
pub mod exchange;
pub mod export;
pub mod files;
pub mod history;
pub mod import;
pub mod instance;
pub mod keyring;
pub mod keys;
pub mod language;
mod lock;
pub mod milestones;
pub mod output;
pub mod owners;
pub mod pages;
pub mod paths;
pub mod periods;
pub mod progress;
pub mod recommendations;
mod replace;
pub mod reviewers;
pub mod sample;
pub mod scales;
pub mod seals;
pub mod search;
pub mod seed;
pub mod settings;
pub mod snapshots;
mod tracker;
mod upkeep;
pub mod validate;
pub mod verify;
pub mod witness;

pub use actor::Actor;
pub use clock::{Clock, FixedClock, ManualClock, SystemClock};
pub use error::{CoreError, ErrorCode, ErrorReport, ExchangeRefusal, OutputRefusal, Result, Rule};
pub use replace::Operator;
pub use tracker::Tracker;

/// The program's version, printed by `--version` and recorded in exports.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
