//! Followthrough's core: the tracker's domain rules, its SQLite storage and
//! its exports, with no GUI type anywhere.
//!
//! The desktop window, the command line and the tests all drive the same
//! [`Tracker`] API, so a rule enforced here is enforced everywhere. Time
//! comes in through a [`Clock`] and the person acting through an [`Actor`];
//! nothing here reads the wall clock or the environment on its own.

pub mod actor;
pub mod assessments;
pub mod audit;
pub mod backup;
pub mod changes;
pub mod clock;
pub mod dashboard;
pub mod db;
pub mod error;
pub mod evidence;
pub mod export;
pub mod files;
pub mod import;
pub mod instance;
pub mod language;
pub mod lock;
pub mod milestones;
pub mod output;
pub mod owners;
pub mod pages;
pub mod paths;
pub mod periods;
pub mod progress;
pub mod recommendations;
mod replace;
pub mod sample;
pub mod scales;
pub mod seals;
pub mod search;
pub mod seed;
pub mod settings;
pub mod snapshots;
pub mod tracker;
mod upkeep;
pub mod validate;
pub mod verify;
pub mod witness;

pub use actor::Actor;
pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{CoreError, ErrorCode, ErrorReport, OutputRefusal, Result, Rule};
pub use replace::Operator;
pub use tracker::Tracker;

/// The program's version, printed by `--version` and recorded in exports.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
