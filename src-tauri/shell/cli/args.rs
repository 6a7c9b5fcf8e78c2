//! What the command line accepts: the global options and the subcommands,
//! with the help text `--help` and the manual page show.

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use followthrough_core::language::Language;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "followthrough",
    version,
    about = "Tracks how an executive office implements the recommendations of Making Digital Happen.",
    long_about = "Tracks how an executive office implements the recommendations of Making Digital Happen.\n\nWith no subcommand, opens the desktop window."
)]
pub struct Cli {
    /// The data file to use (default: FOLLOWTHROUGH_DB, else the per-user
    /// application-data folder).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// The name recorded on changes (default: the saved preference, else the
    /// operating-system user).
    #[arg(long, global = true, value_name = "NAME")]
    pub actor: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Show where each recommendation stands in the current reporting period.
    Status {
        /// Print the dashboard as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Export the whole tracker.
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// A file for JSON (standard output when omitted); a folder for CSV.
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
    },
    /// Write the PDF status briefing of a reporting period: from its frozen
    /// snapshot once signed off, else from the tracker as it stands, marked
    /// DRAFT on every page.
    Brief {
        /// The period's label, or `current`.
        #[arg(long, default_value = "current", value_name = "LABEL")]
        period: String,
        /// The briefing's language.
        #[arg(long, default_value = "en", value_parser = language())]
        lang: Language,
        /// Where to write the PDF.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The handling marking printed on every page (default: CONFIDENTIAL
        /// — Advice to the Deputy Minister, or its French equivalent).
        #[arg(long, value_name = "TEXT")]
        marking: Option<String>,
        /// The organization named in the title block.
        #[arg(long, value_name = "TEXT")]
        organization: Option<String>,
        /// Add the evidence annex: every note of the period, and each text
        /// a recommendation's page had to cut, in full.
        #[arg(long)]
        annex: bool,
    },
    /// Create a new, empty tracker (the report and its eight
    /// recommendations) at --db, or at the default data file; refuses a
    /// path where a file already is. The window creates its data file the
    /// same way on first start.
    Create,
    /// Write a new tracker filled with clearly marked SAMPLE data (needs
    /// --db; never the default data file).
    Sample,
    /// Back the data file up now, into the `backups` folder beside it.
    Backup,
    /// Replace the data file with a backup, after checking the backup and
    /// keeping the current file as a backup.
    Restore {
        /// The backup to restore.
        backup: PathBuf,
    },
    /// Check the data file: integrity, structure, search indexes, the audit
    /// trail's chain and record seals, frozen snapshots, this computer's
    /// witness of the trail and the backups' place in it.
    Verify,
    /// Use the data file as it now is, though its audit trail ends before
    /// the newest event this computer saw in it (an older copy you put in
    /// place on purpose). The decision is recorded in the trail.
    Trust,
    /// Read a JSON export (from `export --format json`) into the data file.
    /// The whole file is checked first and written in one step or not at
    /// all. A data file that does not exist yet is created from it, with its
    /// ids and history; one that already holds entries is refused unless
    /// --replace is given.
    Import {
        /// The JSON export to read.
        path: PathBuf,
        /// Replace a tracker that holds entries (it is backed up first).
        #[arg(long)]
        replace: bool,
    },
    /// Your own key pair: it signs the review packages you send and the
    /// decisions you take. The private key stays on this computer, locked
    /// with your passphrase (read from FOLLOWTHROUGH_PASSPHRASE, or asked).
    Keys {
        #[command(subcommand)]
        action: KeysAction,
    },
    /// The people who may review this tracker, each by their public key.
    /// Once one is registered, only their signed decisions accept, return
    /// or sign off.
    Reviewer {
        #[command(subcommand)]
        action: ReviewerAction,
    },
    /// Review packages and the decisions that come back: `send` and `apply`
    /// at the office; `open`, `decide`, `sign-off` and `respond` on the
    /// reviewer's computer.
    Review {
        #[command(subcommand)]
        action: ReviewAction,
    },
    /// Print this program's manual page (roff), for packaging.
    #[command(hide = true)]
    Manual,
}

#[derive(Subcommand, Debug)]
pub enum KeysAction {
    /// Make your key pair, locked with a passphrase (at least 10 characters).
    New {
        /// Your name, as others will see it on what you sign.
        #[arg(long)]
        name: String,
    },
    /// Print your public key, to send to the others, with its fingerprint.
    Show,
}

#[derive(Subcommand, Debug)]
pub enum ReviewerAction {
    /// Register a reviewer from their public key's file.
    Add {
        /// The public key, as `keys show` printed it.
        key_file: PathBuf,
        /// The name to register (default: the name in the key).
        #[arg(long)]
        name: Option<String>,
        /// deputy_minister (the default), associate_deputy_minister or delegate.
        #[arg(long)]
        role: Option<String>,
    },
    /// List everyone registered, and those removed.
    List,
    /// Take a reviewer off the register (their key signs nothing new here).
    Remove {
        /// The reviewer's number, as `reviewer list` shows it.
        id: i64,
    },
}

#[derive(Subcommand, Debug)]
pub enum ReviewAction {
    /// Write a review package of a period for a registered reviewer,
    /// signed with your key and encrypted to theirs.
    Send {
        /// The period's label, or `current`.
        #[arg(long, default_value = "current", value_name = "LABEL")]
        period: String,
        /// The reviewer's number, as `reviewer list` shows it.
        #[arg(long)]
        reviewer: i64,
        /// Where to write the package.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Open a review package into this computer's inbox and print the
    /// period's reports with your decisions so far.
    Open {
        /// The package.
        file: PathBuf,
        /// The sender's fingerprint, as you confirmed it with them: needed
        /// the first time a sender's package is opened here.
        #[arg(long, value_name = "FINGERPRINT")]
        trust: Option<String>,
    },
    /// Record your decision on a report of a package in your inbox.
    Decide {
        /// The package's identity, as `review open` printed it.
        #[arg(long)]
        package: String,
        /// The recommendation's number.
        #[arg(long)]
        recommendation: i64,
        /// Accept the report.
        #[arg(long, conflicts_with = "return_with")]
        accept: bool,
        /// Return the report with this question.
        #[arg(long = "return", value_name = "COMMENT")]
        return_with: Option<String>,
    },
    /// Choose to sign the period off with your decisions (every report
    /// accepted).
    SignOff {
        #[arg(long)]
        package: String,
    },
    /// Write your decisions on a package, each signed, for its sender.
    Respond {
        #[arg(long)]
        package: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Check a response and apply the decisions that hold.
    Apply {
        /// The response.
        file: PathBuf,
        /// Show what applying would do, changing nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum ExportFormat {
    Json,
    Csv,
}

/// `en` or `fr`, listed in `--help`, read as the core's [`Language`].
fn language() -> impl TypedValueParser<Value = Language> {
    PossibleValuesParser::new(Language::ALL.map(Language::code))
        .map(|code| Language::from_code(&code).expect("one of the possible values"))
}
