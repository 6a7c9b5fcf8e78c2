//! Running a subcommand: each resolves the data file and the actor, then
//! makes one call into the core (or the briefing) and says what it did on
//! standard error.

use super::args::{Cli, Command, ExportFormat};
use super::output::{print, status_table};
use super::CliError;
use followthrough_briefing::{write_briefing, BriefingOptions};
use followthrough_core::actor::machine_name;
use followthrough_core::export;
use followthrough_core::output::Hashing;
use followthrough_core::paths;
use followthrough_core::progress::Progress;
use followthrough_core::settings::Settings;
use followthrough_core::witness::Witness;
use followthrough_core::{
    backup, import, sample, Actor, CoreError, Operator, SystemClock, Tracker,
};
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(cli: Cli) -> Result<(), CliError> {
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
                &Progress::none(),
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
            annex,
        }) => {
            let mut t = open(&data_file(cli.db.as_deref())?)?;
            let language = lang;
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
                prepared_by: BriefingOptions::preparer(&actor),
                annex,
            };
            let written = write_briefing(&mut t, &actor, &period, &options, &out)?;
            eprintln!(
                "followthrough: wrote the {}briefing of {} to {} ({} {})",
                if written.draft { "DRAFT " } else { "" },
                written.period_label,
                out.display(),
                if written.draft {
                    "draft fingerprint"
                } else {
                    "snapshot"
                },
                written.fingerprint
            );
            Ok(())
        }
        Some(Command::Keys { action }) => super::review::keys(action),
        Some(Command::Reviewer { action }) => {
            let mut t = open(&data_file(cli.db.as_deref())?)?;
            super::review::reviewer(&mut t, &actor, action)
        }
        Some(Command::Review { action }) => {
            let data = data_file(cli.db.as_deref())?;
            super::review::review(|| open(&data), &data, &actor, action)
        }
        Some(Command::Manual) => std::io::stdout()
            .write_all(&super::manual())
            .map_err(CliError::Stdout),
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

/// For a file a backup can remedy, adds the way back (the core's
/// [`backup::recovery_hint`], which the window shows too).
fn with_backup_hint(path: &Path, e: CoreError) -> CliError {
    match backup::recovery_hint(path, &e) {
        Some(hint) => CliError::Usage(format!("{e}\n{hint}")),
        None => e.into(),
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
