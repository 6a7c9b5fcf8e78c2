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
    /// Print this program's manual page (roff), for packaging.
    #[command(hide = true)]
    Manual,
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
