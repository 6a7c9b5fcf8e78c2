//! The command line: `followthrough` with no subcommand opens the window;
//! subcommands use the same core for scripts and tests.

use clap::{Parser, Subcommand, ValueEnum};
use followthrough_briefing::{write_briefing, BriefingError, BriefingOptions, Language};
use followthrough_core::actor::machine_name;
use followthrough_core::dashboard::Dashboard;
use followthrough_core::export;
use followthrough_core::output::Hashing;
use followthrough_core::paths;
use followthrough_core::settings::Settings;
use followthrough_core::witness::Witness;
use followthrough_core::{
    backup, import, sample, Actor, CoreError, Operator, SystemClock, Tracker,
};
use std::io::Write;
use std::path::{Path, PathBuf};

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
    db: Option<PathBuf>,

    /// The name recorded on changes (default: the saved preference, else the
    /// operating-system user).
    #[arg(long, global = true, value_name = "NAME")]
    actor: Option<String>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
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
        #[arg(long, value_enum, default_value = "en")]
        lang: BriefLanguage,
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
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum BriefLanguage {
    En,
    Fr,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum ExportFormat {
    Json,
    Csv,
}

/// A failure of the command line, printed on standard error.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Core(#[from] CoreError),
    #[error("{0}")]
    Usage(String),
    #[error("cannot write to standard output: {0}")]
    Stdout(std::io::Error),
}

impl From<BriefingError> for CliError {
    fn from(e: BriefingError) -> Self {
        match e {
            BriefingError::Core(e) => CliError::Core(e),
            other => CliError::Usage(other.to_string()),
        }
    }
}

fn settings_file() -> Option<PathBuf> {
    paths::config_dir().map(|d| d.join("settings.json"))
}

fn resolve_actor(explicit: Option<&str>) -> Result<Actor, CliError> {
    if let Some(name) = explicit {
        return Ok(Actor::new(name)?);
    }
    let saved = settings_file()
        .map(|p| Settings::load(&p))
        .and_then(|s| s.actor)
        .and_then(|name| Actor::new(&name).ok());
    Ok(saved.unwrap_or_else(Actor::from_os))
}

/// Resolves the data file; creates the default folder when it is used.
fn data_file(explicit: Option<&Path>) -> Result<PathBuf, CliError> {
    let (path, is_default) = paths::resolve_data_file(explicit).ok_or_else(|| {
        CliError::Usage(
            "this system has no application-data folder; name a data file with --db PATH".into(),
        )
    })?;
    // Shown in the window's header and in messages: make it unambiguous.
    let path = std::path::absolute(&path).unwrap_or(path);
    if is_default {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| CoreError::Io {
                context: format!("cannot create {}", dir.display()),
                source: e,
            })?;
        }
    }
    Ok(path)
}

/// Opens an existing tracker, checked against this computer's witness.
fn open(path: &Path) -> Result<Tracker, CliError> {
    let opened =
        Tracker::open(path, Box::new(SystemClock)).map(|t| t.with_machine(&machine_name()));
    let opened = match (opened, Witness::for_user()) {
        (Ok(t), Some(w)) => t.with_witness(w),
        (opened, _) => opened,
    };
    opened.map_err(|e| with_backup_hint(path, e))
}

/// Who replaces a tracker's content: the actor, on this computer, keeping
/// this computer's witness.
fn operator<'a>(actor: &'a Actor, machine: &'a str) -> Operator<'a> {
    Operator {
        actor,
        machine,
        witness: Witness::for_user(),
    }
}

/// For a damaged file, names the newest good backup and how to restore it.
fn with_backup_hint(path: &Path, e: CoreError) -> CliError {
    if !matches!(
        e,
        CoreError::Damaged { .. }
            | CoreError::Tampered { .. }
            | CoreError::AuditChainBroken { .. }
            | CoreError::TrailBehindWitness { .. }
            | CoreError::NotTheWitnessedTracker { .. }
    ) {
        return e.into();
    }
    let trust = if matches!(
        e,
        CoreError::TrailBehindWitness { .. } | CoreError::NotTheWitnessedTracker { .. }
    ) {
        format!(
            "\nIf you put this copy in place on purpose, keep it with:\n  followthrough trust --db {}",
            path.display()
        )
    } else {
        String::new()
    };
    match backup::newest_good(path) {
        Ok(Some(good)) => CliError::Usage(format!(
            "{e}\nThe newest good backup is {good}; restore it with:\n  followthrough restore {good} --db {data}{trust}",
            good = good.display(),
            data = path.display()
        )),
        _ => CliError::Usage(format!("{e}\nNo good backup of it was found.{trust}")),
    }
}

fn print(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .map_err(CliError::Stdout)
}

/// Runs the command line and returns the process exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("followthrough: error: {e}");
            1
        }
    }
}

fn run(cli: Cli) -> Result<(), CliError> {
    let actor = resolve_actor(cli.actor.as_deref())?;
    match cli.command {
        None => {
            let path = data_file(cli.db.as_deref())?;
            crate::window::run(path, actor, settings_file()).map_err(CliError::Usage)
        }
        Some(Command::Status { json }) => {
            let mut t = open(&data_file(cli.db.as_deref())?)?;
            let dash = t.dashboard()?;
            if json {
                let mut text = serde_json::to_string_pretty(&dash).expect("dashboard serialises");
                text.push('\n');
                print(&text)
            } else {
                print(&status_table(&dash))
            }
        }
        Some(Command::Export { format, out }) => {
            let mut t = open(&data_file(cli.db.as_deref())?)?;
            match (format, out) {
                (ExportFormat::Json, None) => {
                    // Hashed, recorded, then printed: never whole in memory.
                    let doc = t.export_document()?;
                    let digest = Hashing::digest_of(|w| export::json::write(&doc, w))?;
                    t.record_export(&actor, "json", &[("standard output".into(), digest)])?;
                    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                    export::json::write(&doc, &mut out)?;
                    out.flush().map_err(CliError::Stdout)
                }
                (ExportFormat::Json, Some(path)) => {
                    let written = t.deliver_export_json(&actor, &path)?;
                    eprintln!("followthrough: wrote {}", written.display());
                    Ok(())
                }
                (ExportFormat::Csv, Some(dir)) => {
                    for path in t.export_csv(&actor, &dir)? {
                        eprintln!("followthrough: wrote {}", path.display());
                    }
                    Ok(())
                }
                (ExportFormat::Csv, None) => Err(CliError::Usage(
                    "CSV export writes one file per table: name a folder with --out DIR".into(),
                )),
            }
        }
        Some(Command::Backup) => {
            let mut t = open(&data_file(cli.db.as_deref())?)?;
            let path = t.backup_now(&actor)?;
            eprintln!("followthrough: backed up to {}", path.display());
            Ok(())
        }
        Some(Command::Restore { backup: from }) => {
            let data = data_file(cli.db.as_deref())?;
            let machine = machine_name();
            let (_, kept) = backup::restore(
                &data,
                &from,
                Box::new(SystemClock),
                operator(&actor, &machine),
            )?;
            if let Some(kept) = kept {
                eprintln!(
                    "followthrough: the previous content is kept in {}",
                    kept.display()
                );
            }
            eprintln!(
                "followthrough: restored {} from {}",
                data.display(),
                from.display()
            );
            Ok(())
        }
        Some(Command::Verify) => {
            let data = data_file(cli.db.as_deref())?;
            let mut t = open(&data)?;
            t.verify().map_err(|e| with_backup_hint(&data, e))?;
            print(&format!("{}: ok\n", data.display()))
        }
        Some(Command::Trust) => {
            let data = data_file(cli.db.as_deref())?;
            let witness = Witness::for_user().ok_or_else(|| {
                CliError::Usage(
                    "this system has no settings folder, so there is no witness to update".into(),
                )
            })?;
            let mut t = Tracker::open_trusting(
                &data,
                Box::new(SystemClock),
                witness,
                &actor,
                &machine_name(),
            )?;
            t.verify().map_err(|e| with_backup_hint(&data, e))?;
            eprintln!(
                "followthrough: {} is in use as it is; the decision is recorded in its audit trail",
                data.display()
            );
            Ok(())
        }
        Some(Command::Import { path, replace }) => {
            let data = data_file(cli.db.as_deref())?;
            let bytes = read_input(&path)?;
            let machine = machine_name();
            let done = import::import(
                &data,
                &path.display().to_string(),
                &bytes,
                replace,
                Box::new(SystemClock),
                operator(&actor, &machine),
            )?;
            if let Some(kept) = &done.previous_kept_as {
                eprintln!(
                    "followthrough: the previous content is kept in {}",
                    kept.display()
                );
            }
            eprintln!(
                "followthrough: imported {} into {} ({} history events)",
                path.display(),
                data.display(),
                done.events
            );
            Ok(())
        }
        Some(Command::Brief {
            period,
            lang,
            out,
            marking,
            organization,
        }) => {
            let mut t = open(&data_file(cli.db.as_deref())?)?;
            let language = match lang {
                BriefLanguage::En => Language::English,
                BriefLanguage::Fr => Language::French,
            };
            let period = if period == "current" {
                t.current_period()?.ok_or_else(|| {
                    CliError::Usage("there is no reporting period yet: open one first".into())
                })?
            } else {
                t.period_by_label(&period)?
            };
            let options = BriefingOptions {
                language,
                organization: organization
                    .unwrap_or_else(|| BriefingOptions::default_organization(language).into()),
                marking: marking
                    .unwrap_or_else(|| BriefingOptions::default_marking(language).into()),
                prepared_by: actor.to_string(),
            };
            let written = write_briefing(&mut t, &actor, &period, &options, &out)?;
            eprintln!(
                "followthrough: wrote the {}briefing of {} to {} (snapshot {})",
                if written.draft { "DRAFT " } else { "" },
                written.period_label,
                out.display(),
                written.fingerprint
            );
            Ok(())
        }
        Some(Command::Create) => {
            let path = data_file(cli.db.as_deref())?;
            Tracker::create(&path, Box::new(SystemClock))?;
            eprintln!("followthrough: created a new tracker at {}", path.display());
            Ok(())
        }
        Some(Command::Sample) => {
            let path = cli.db.ok_or_else(|| {
                CliError::Usage(
                    "sample writes a separate tracker: name a new file with --db PATH".into(),
                )
            })?;
            if paths::default_data_file().is_some_and(|d| same_file(&d, &path)) {
                return Err(CliError::Usage(
                    "the sample is never written to the default data file; choose another path"
                        .into(),
                ));
            }
            sample::create(&path, Box::new(SystemClock))?;
            eprintln!(
                "followthrough: wrote a SAMPLE tracker to {}",
                path.display()
            );
            Ok(())
        }
    }
}

/// Reads an input file named on the command line: a regular file only (a
/// pipe would block, a device never ends).
fn read_input(path: &Path) -> Result<Vec<u8>, CliError> {
    let meta = std::fs::metadata(path).map_err(|e| CoreError::Io {
        context: format!("cannot read {}", path.display()),
        source: e,
    })?;
    if !meta.is_file() {
        return Err(CoreError::NotAFile(path.to_owned()).into());
    }
    std::fs::read(path).map_err(|e| {
        CoreError::Io {
            context: format!("cannot read {}", path.display()),
            source: e,
        }
        .into()
    })
}

fn same_file(a: &Path, b: &Path) -> bool {
    let canon = |p: &Path| {
        p.parent()
            .and_then(|d| d.canonicalize().ok())
            .map(|d| d.join(p.file_name().unwrap_or_default()))
    };
    a == b || (canon(a).is_some() && canon(a) == canon(b))
}

fn cut(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        format!("{s:width$}")
    } else {
        let mut t: String = s.chars().take(width - 1).collect();
        t.push('…');
        t
    }
}

/// The dashboard as a plain-text table for a terminal.
fn status_table(d: &Dashboard) -> String {
    let mut out = String::new();
    match &d.period {
        Some(p) => out.push_str(&format!(
            "Reporting period {} ({} to {}, {}), as of {}\n\n",
            p.label,
            p.starts_on,
            p.ends_on,
            p.state.label().to_lowercase(),
            d.as_of
        )),
        None => out.push_str(&format!("No reporting period yet, as of {}\n\n", d.as_of)),
    }
    out.push_str(&format!(
        "{:>2}  {:<44}  {:<24}  {:<36}  {:<12}  {:>5}  {:>7}  {}\n",
        "#",
        "Recommendation",
        "Lead",
        "Status (reported)",
        "Confidence",
        "Done",
        "Overdue",
        "Last evidence"
    ));
    for r in &d.rows {
        let status = r.status.map(|s| s.label()).unwrap_or("not reported");
        let confidence = r.confidence.map(|c| c.label()).unwrap_or("—");
        let evidence = match (r.last_evidence_on, r.days_since_evidence) {
            (Some(day), Some(n)) => format!(
                "{day} ({n} day{} ago){}",
                if n == 1 { "" } else { "s" },
                if r.stale { ", stale" } else { "" }
            ),
            _ => "none".to_owned(),
        };
        out.push_str(&format!(
            "{:>2}  {}  {}  {}  {}  {:>5}  {:>7}  {}\n",
            r.number,
            cut(&r.title, 44),
            cut(r.lead_owner.as_deref().unwrap_or("—"), 24),
            cut(status, 36),
            cut(confidence, 12),
            format!("{}/{}", r.milestones_done, r.milestones_total),
            r.overdue_milestones,
            evidence
        ));
        if let (Some(accepted), Some(conf)) = (r.accepted_status, r.accepted_confidence) {
            if Some(accepted) != r.status || Some(conf) != r.confidence {
                out.push_str(&format!(
                    "    accepted: {}, {}\n",
                    accepted.label(),
                    conf.label()
                ));
            }
        }
        if let Some(state) = r.review_state {
            out.push_str(&format!("    review: {}\n", state.label().to_lowercase()));
        }
    }
    out
}
