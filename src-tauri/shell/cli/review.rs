//! The command line's keys, register and review packages: each resolves
//! what it needs (the keyring, the inbox, the data file, a passphrase),
//! makes one call into the core and says what it did.

use super::args::{KeysAction, ReviewAction, ReviewerAction};
use super::output::print;
use super::CliError;
use followthrough_core::audit::timestamp;
use followthrough_core::exchange::apply::{Applying, Outcome};
use followthrough_core::exchange::inbox::{Inbox, Received, Session};
use followthrough_core::keyring::Keyring;
use followthrough_core::keys::SecretKey;
use followthrough_core::reviewers::ReviewerInput;
use followthrough_core::{paths, Actor, Clock, SystemClock, Tracker};
use std::io::IsTerminal;
use std::path::Path;

/// The environment variable a script gives a passphrase in.
const PASSPHRASE_ENV: &str = "FOLLOWTHROUGH_PASSPHRASE";

/// The passphrase: from FOLLOWTHROUGH_PASSPHRASE, else asked on the
/// terminal (not shown), else the first line of standard input.
fn passphrase(prompt: &str) -> Result<String, CliError> {
    if let Ok(p) = std::env::var(PASSPHRASE_ENV) {
        return Ok(p);
    }
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password(prompt).map_err(|e| CliError::Usage(e.to_string()));
    }
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| CliError::Usage(format!("cannot read the passphrase: {e}")))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn keyring() -> Result<Keyring, CliError> {
    Keyring::for_user().ok_or_else(|| {
        CliError::Usage("this system has no settings folder to keep your key in".into())
    })
}

fn unlock() -> Result<SecretKey, CliError> {
    let ring = keyring()?;
    if ring.public().is_none() {
        return Err(CliError::Usage(
            "you have no key on this computer yet: make one with `followthrough keys new --name NAME`".into(),
        ));
    }
    Ok(ring.unlock(&passphrase("Passphrase of your key: ")?)?)
}

fn inbox() -> Result<Inbox, CliError> {
    paths::data_dir()
        .map(|d| Inbox::at(d.join("reviews")))
        .ok_or_else(|| CliError::Usage("this system has no application-data folder".into()))
}

fn now() -> String {
    timestamp(SystemClock.now())
}

pub fn keys(action: KeysAction) -> Result<(), CliError> {
    let ring = keyring()?;
    match action {
        KeysAction::New { name } => {
            let first = passphrase("Passphrase for your new key (10 characters or more): ")?;
            if std::io::stdin().is_terminal() && std::env::var(PASSPHRASE_ENV).is_err() {
                let again = passphrase("The same passphrase again: ")?;
                if again != first {
                    return Err(CliError::Usage(
                        "the two passphrases differ; nothing was made".into(),
                    ));
                }
            }
            let public = ring.create(&name, &first)?;
            eprintln!(
                "followthrough: made your key, locked with your passphrase, in {}",
                ring.key_file().display()
            );
            print(&public.to_text())
        }
        KeysAction::Show => match ring.public() {
            Some(public) => print(&public.to_text()),
            None => Err(CliError::Usage(
                "you have no key on this computer yet: make one with `followthrough keys new --name NAME`".into(),
            )),
        },
    }
}

pub fn reviewer(t: &mut Tracker, actor: &Actor, action: ReviewerAction) -> Result<(), CliError> {
    match action {
        ReviewerAction::Add {
            key_file,
            name,
            role,
        } => {
            let text = std::fs::read_to_string(&key_file)
                .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", key_file.display())))?;
            let r = t.add_reviewer(
                actor,
                &ReviewerInput {
                    name: name.unwrap_or_default(),
                    role: role.unwrap_or_default(),
                    public_key: text,
                },
            )?;
            eprintln!(
                "followthrough: registered {} ({}) as reviewer {}, key {}; from now on only their signed decisions review this tracker",
                r.name,
                r.role.label().to_lowercase(),
                r.id,
                r.fingerprint
            );
            Ok(())
        }
        ReviewerAction::List => {
            let mut out = String::new();
            for r in t.reviewers()? {
                out.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}\n",
                    r.id,
                    r.name,
                    r.role.key(),
                    r.fingerprint,
                    match &r.removed_at {
                        Some(at) => format!("removed {at} by {}", r.removed_by.unwrap_or_default()),
                        None => format!("registered {} by {}", r.added_at, r.added_by),
                    }
                ));
            }
            print(&out)
        }
        ReviewerAction::Remove { id } => {
            let r = t.remove_reviewer(actor, id)?;
            eprintln!(
                "followthrough: removed {} ({}) from the reviewers",
                r.name, r.fingerprint
            );
            Ok(())
        }
    }
}

/// The session of a package in the inbox, with the key that opens it.
fn session(package: &str) -> Result<(Inbox, SecretKey, Session), CliError> {
    let key = unlock()?;
    let inbox = inbox()?;
    let session = inbox.session(package, &key)?;
    Ok((inbox, key, session))
}

/// The period and its reports, with the decisions so far.
fn describe(session: &Session) -> String {
    let p = &session.package;
    let mut out = format!(
        "package {}\nperiod {} ({} to {}), sent by {} on {}\n",
        p.package_id,
        p.snapshot.period.label,
        p.snapshot.period.starts_on,
        p.snapshot.period.ends_on,
        session.about.sender,
        p.made_at
    );
    for rec in &p.snapshot.recommendations {
        let Some(a) = &rec.assessment else {
            out.push_str(&format!("{:>2}  not reported\n", rec.number));
            continue;
        };
        let decided = match session.draft.decisions.get(&a.id) {
            Some(d) if d.comment.is_empty() => format!("you: {}", d.decision.key()),
            Some(d) => format!("you: {} \"{}\"", d.decision.key(), d.comment),
            None => format!("({})", a.review_state.key()),
        };
        out.push_str(&format!(
            "{:>2}  {} / {}  {}\n",
            rec.number,
            a.status.label(),
            a.confidence.label(),
            decided
        ));
    }
    if session.draft.sign_off.is_some() {
        out.push_str("you: sign off the period\n");
    }
    out
}

fn describe_applying(a: &Applying) -> String {
    let mut out = format!(
        "{} decisions by {} (key {}) on {}{}\n",
        a.items.len(),
        a.reviewer,
        a.reviewer_key,
        a.period,
        if a.applied {
            ""
        } else {
            " — not applied (dry run)"
        }
    );
    for i in &a.items {
        let what = match i.recommendation {
            Some(n) => format!("{} recommendation {n}", i.decision.key()),
            None => "sign off the period".to_owned(),
        };
        let outcome = match i.outcome {
            Outcome::Applied if a.applied => "applied".to_owned(),
            Outcome::Applied => "will apply".to_owned(),
            Outcome::AlreadyApplied => "already applied".to_owned(),
            Outcome::ChangedSinceReview => {
                "not applied: changed since review; send it again".to_owned()
            }
            Outcome::Refused => format!(
                "not applied: {}",
                i.refusal
                    .as_ref()
                    .map(|r| r.message.as_str())
                    .unwrap_or_default()
            ),
        };
        out.push_str(&format!("  {what}: {outcome}\n"));
    }
    if a.applied && a.changes() == 0 {
        out.push_str("nothing changed\n");
    }
    out
}

pub fn review(
    db: impl FnOnce() -> Result<Tracker, CliError>,
    data_file: &Path,
    actor: &Actor,
    action: ReviewAction,
) -> Result<(), CliError> {
    match action {
        ReviewAction::Send {
            period,
            reviewer,
            out,
        } => {
            let mut t = db()?;
            let period = if period == "current" {
                t.current_period()?.ok_or_else(|| {
                    CliError::Usage("there is no reporting period yet: open one first".into())
                })?
            } else {
                t.period_by_label(&period)?
            };
            let key = unlock()?;
            let written = t.write_review_package(actor, &key, reviewer, period.id, &out)?;
            eprintln!(
                "followthrough: wrote the review package of {} for {} to {} ({} bytes)",
                written.period,
                written.reviewer,
                written.path.display(),
                written.bytes
            );
            Ok(())
        }
        ReviewAction::Open { file, trust } => {
            let bytes = std::fs::read(&file)
                .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", file.display())))?;
            let key = unlock()?;
            let inbox = inbox()?;
            let received = inbox.receive(&bytes, &key, false, &now())?;
            let session = match received {
                Received::Opened { session } => *session,
                Received::NeedsTrust {
                    sender,
                    fingerprint,
                } => {
                    let confirmed = trust.as_deref().map(|t| t.replace(' ', "").to_uppercase());
                    if confirmed.as_deref() != Some(fingerprint.replace(' ', "").as_str()) {
                        return Err(CliError::Usage(format!(
                            "this package is signed by {sender}, key {fingerprint}, which you have not confirmed on this computer: compare the fingerprint with them (by telephone, say), then open it again with --trust \"{fingerprint}\""
                        )));
                    }
                    match inbox.receive(&bytes, &key, true, &now())? {
                        Received::Opened { session } => *session,
                        Received::NeedsTrust { .. } => unreachable!("trusted just now"),
                    }
                }
            };
            print(&describe(&session))
        }
        ReviewAction::Decide {
            package,
            recommendation,
            accept,
            return_with,
        } => {
            let (inbox, key, mut session) = session(&package)?;
            let id = session
                .package
                .snapshot
                .recommendations
                .iter()
                .find(|r| r.number == recommendation)
                .and_then(|r| r.assessment.as_ref())
                .map(|a| a.id)
                .ok_or_else(|| {
                    CliError::Usage(format!(
                        "recommendation {recommendation} has no report in this package"
                    ))
                })?;
            match (accept, return_with) {
                (true, None) => session.decide(id, "accept", "", &now())?,
                (false, Some(comment)) => session.decide(id, "return", &comment, &now())?,
                _ => {
                    return Err(CliError::Usage(
                        "say --accept, or --return \"your question\"".into(),
                    ))
                }
            }
            inbox.save(&session, key.public())?;
            print(&describe(&session))
        }
        ReviewAction::SignOff { package } => {
            let (inbox, key, mut session) = session(&package)?;
            session.sign_off(true, &now())?;
            inbox.save(&session, key.public())?;
            print(&describe(&session))
        }
        ReviewAction::Respond { package, out } => {
            let (inbox, key, mut session) = session(&package)?;
            let written = inbox.write_response(&mut session, &key, &now(), data_file, &out)?;
            eprintln!(
                "followthrough: wrote {} signed decision{}{} to {}",
                written.decisions,
                if written.decisions == 1 { "" } else { "s" },
                if written.sign_off {
                    " (with the sign-off)"
                } else {
                    ""
                },
                written.path.display()
            );
            Ok(())
        }
        ReviewAction::Apply { file, dry_run } => {
            let bytes = std::fs::read(&file)
                .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", file.display())))?;
            let mut t = db()?;
            let key = unlock()?;
            let result = if dry_run {
                t.preview_response(&bytes, &key)?
            } else {
                t.apply_response(actor, &bytes, &key)?
            };
            print(&describe_applying(&result))
        }
    }
}
