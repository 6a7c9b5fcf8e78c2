//! The reviewer's side: packages received on their laptop, the senders
//! they have confirmed, and their work in progress on each.
//!
//! A folder of the reviewer's own (beside their settings) holds, per
//! package, the package as received (still encrypted to them), a short
//! description to list it by, and their draft decisions, encrypted to
//! their own key, written after every change: closing the laptop loses
//! nothing, and opening the same package again continues where they left
//! off. Nothing here needs the tracker's data file.
//!
//! The first package from a sender is not opened until the reviewer
//! confirms the sender's fingerprint (read to them over the telephone,
//! say); after that, a package signed by another key in that name is
//! asked about again, never taken on trust.

use super::envelope::refused;
use super::package::{self, PackageContent};
use crate::error::{CoreError, ExchangeRefusal, Result, Rule};
use crate::keys::{encrypt, PublicKey, SecretKey};
use crate::scales::{DecisionKind, ReviewState};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const TRUSTED: &str = "trusted-senders.json";
const PACKAGE: &str = "package.ftreview";
const ABOUT: &str = "about.json";
const DRAFT: &str = "draft.age";

/// A sender whose key the reviewer confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustedSender {
    pub name: String,
    pub fingerprint: String,
    pub trusted_at: String,
}

/// What the inbox lists a package by, readable without the key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct About {
    pub package_id: String,
    pub period: String,
    pub sender: String,
    pub sender_key: String,
    /// The sender's public key's text: the response is encrypted to it.
    pub sender_public_key: String,
    pub made_at: String,
    pub received_at: String,
    /// When decisions were last sent back, if they were.
    #[serde(default)]
    pub sent_at: Option<String>,
}

/// One decision in progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftDecision {
    pub decision: DecisionKind,
    pub comment: String,
    pub decided_at: String,
}

/// The reviewer's work in progress on one package.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// By assessment id.
    pub decisions: BTreeMap<i64, DraftDecision>,
    /// When the reviewer chose to sign the period off, if they did.
    pub sign_off: Option<String>,
}

/// A package open for review: what it holds and the work so far.
#[derive(Debug, Clone, Serialize)]
pub struct Session {
    pub about: About,
    pub package: PackageContent,
    pub draft: Draft,
}

/// What receiving a package came to.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Received {
    /// The sender's key is new here: shown to be confirmed first.
    NeedsTrust {
        sender: String,
        fingerprint: String,
    },
    Opened {
        session: Box<Session>,
    },
}

fn io(context: &str, e: std::io::Error) -> CoreError {
    crate::files::io_error(context.to_owned(), e)
}

/// Writes `bytes` to `path` whole (a working name, then one rename), so a
/// crash leaves the previous version.
fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = crate::files::folder_of(path);
    std::fs::create_dir_all(dir).map_err(|e| io("cannot create the review folder", e))?;
    let working = crate::files::working_name(path, "inbox");
    std::fs::write(&working, bytes).map_err(|e| io("cannot save the review", e))?;
    crate::files::sync_file(&working)?;
    crate::files::rename_into_place(&working, path)
}

/// A package id as a folder name: hex only, so a package cannot name a
/// path outside the inbox.
fn checked_id(id: &str) -> Result<&str> {
    if id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(id)
    } else {
        Err(refused(ExchangeRefusal::Damaged))
    }
}

/// The reviewer's inbox, in the folder `dir`.
pub struct Inbox {
    dir: PathBuf,
}

impl Inbox {
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Inbox { dir: dir.into() }
    }

    fn folder(&self, package_id: &str) -> Result<PathBuf> {
        Ok(self.dir.join(checked_id(package_id)?))
    }

    pub fn trusted(&self) -> Vec<TrustedSender> {
        std::fs::read(self.dir.join(TRUSTED))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    fn trust(&self, sender: &PublicKey, now: &str) -> Result<()> {
        let mut all = self.trusted();
        let fingerprint = sender.fingerprint().as_str().to_owned();
        if !all.iter().any(|t| t.fingerprint == fingerprint) {
            all.push(TrustedSender {
                name: sender.name().to_owned(),
                fingerprint,
                trusted_at: now.to_owned(),
            });
            let text = serde_json::to_vec_pretty(&all).expect("a list serialises");
            write_whole(&self.dir.join(TRUSTED), &text)?;
        }
        Ok(())
    }

    /// Every package received, newest first.
    pub fn list(&self) -> Result<Vec<About>> {
        let mut out = Vec::new();
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Ok(out);
        };
        for entry in entries.flatten() {
            if let Ok(bytes) = std::fs::read(entry.path().join(ABOUT)) {
                if let Ok(about) = serde_json::from_slice::<About>(&bytes) {
                    out.push(about);
                }
            }
        }
        out.sort_by(|a, b| b.received_at.cmp(&a.received_at));
        Ok(out)
    }

    /// Receives a package with the reviewer's unlocked key. A sender not
    /// yet confirmed is returned to be confirmed (`trust` says the
    /// reviewer has just confirmed them). A package received before opens
    /// with the work done on it so far.
    pub fn receive(
        &self,
        bytes: &[u8],
        key: &SecretKey,
        trust: bool,
        now: &str,
    ) -> Result<Received> {
        let (content, sender) = package::open(bytes, key)?;
        let fingerprint = sender.fingerprint();
        let known = self
            .trusted()
            .iter()
            .any(|t| t.fingerprint == fingerprint.as_str());
        if !known && !trust {
            return Ok(Received::NeedsTrust {
                sender: sender.name().to_owned(),
                fingerprint: fingerprint.as_str().to_owned(),
            });
        }
        self.trust(&sender, now)?;
        let folder = self.folder(&content.package_id)?;
        if !folder.join(ABOUT).exists() {
            write_whole(&folder.join(PACKAGE), bytes)?;
            let about = About {
                package_id: content.package_id.clone(),
                period: content.snapshot.period.label.clone(),
                sender: sender.name().to_owned(),
                sender_key: fingerprint.as_str().to_owned(),
                sender_public_key: sender.to_text(),
                made_at: content.made_at.clone(),
                received_at: now.to_owned(),
                sent_at: None,
            };
            write_whole(
                &folder.join(ABOUT),
                &serde_json::to_vec_pretty(&about).expect("serialises"),
            )?;
        }
        Ok(Received::Opened {
            session: Box::new(self.session(&content.package_id, key)?),
        })
    }

    /// Opens a package received before, with the work done on it.
    pub fn session(&self, package_id: &str, key: &SecretKey) -> Result<Session> {
        let folder = self.folder(package_id)?;
        let about: About = std::fs::read(folder.join(ABOUT))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .ok_or_else(|| CoreError::not_found("review package", package_id))?;
        let bytes = std::fs::read(folder.join(PACKAGE))
            .map_err(|e| io("cannot read the review package", e))?;
        let (package, sender) = package::open(&bytes, key)?;
        if sender.fingerprint().as_str() != about.sender_key {
            return Err(refused(ExchangeRefusal::UntrustedSender));
        }
        let draft = match std::fs::read(folder.join(DRAFT)) {
            Ok(sealed) => key
                .decrypt(&sealed)
                .and_then(|plain| serde_json::from_slice(&plain).ok())
                .ok_or_else(|| refused(ExchangeRefusal::NotReadable))?,
            Err(_) => Draft::default(),
        };
        Ok(Session {
            about,
            package,
            draft,
        })
    }

    /// Saves the work in progress, encrypted to the reviewer's own key.
    pub fn save(&self, session: &Session, me: &PublicKey) -> Result<()> {
        let plain = serde_json::to_vec(&session.draft).expect("a draft serialises");
        write_whole(
            &self.folder(&session.package.package_id)?.join(DRAFT),
            &encrypt(&plain, me)?,
        )
    }

    /// Notes that the decisions were sent back at `at`.
    pub(crate) fn mark_sent(&self, session: &mut Session, at: &str) -> Result<()> {
        session.about.sent_at = Some(at.to_owned());
        write_whole(
            &self.folder(&session.package.package_id)?.join(ABOUT),
            &serde_json::to_vec_pretty(&session.about).expect("serialises"),
        )
    }
}

impl Session {
    /// Whether the assessment `id` can be accepted on what the package
    /// shows: the evidence gate, as the tracker will apply it.
    fn evidence_gate(&self, id: i64) -> Result<()> {
        let Some(rec) = self
            .package
            .snapshot
            .recommendations
            .iter()
            .find(|r| r.assessment.as_ref().is_some_and(|a| a.id == id))
        else {
            return Err(CoreError::not_found("assessment", id));
        };
        let a = rec.assessment.as_ref().expect("found by its assessment");
        let has_evidence = rec.evidence_counts.values().sum::<i64>() > 0;
        crate::assessments::check_evidence_gate(
            a.status,
            has_evidence,
            rec.number,
            &self.package.snapshot.period.label,
        )
    }

    /// Records (or changes) the reviewer's decision on assessment `id`.
    /// Refused, changing nothing, as the tracker would refuse it: a return
    /// without a comment, "Fully implemented" without evidence.
    pub fn decide(&mut self, id: i64, decision: &str, comment: &str, now: &str) -> Result<()> {
        let decision = DecisionKind::parse("decision", decision)?;
        let comment = comment.trim();
        if decision == DecisionKind::SignOff {
            return Err(CoreError::invalid("decision", Rule::UnknownValue));
        }
        crate::decisions::check_comment(decision, comment)?;
        if decision == DecisionKind::Accept {
            self.evidence_gate(id)?;
        }
        if !self.package.reported.contains_key(&id) {
            return Err(CoreError::not_found("assessment", id));
        }
        self.draft.decisions.insert(
            id,
            DraftDecision {
                decision,
                comment: comment.to_owned(),
                decided_at: now.to_owned(),
            },
        );
        // A change of mind after choosing to sign off asks for it again.
        self.draft.sign_off = None;
        Ok(())
    }

    /// Takes back the decision on assessment `id`.
    pub fn undecide(&mut self, id: i64) {
        self.draft.decisions.remove(&id);
        self.draft.sign_off = None;
    }

    /// The recommendation numbers that would not be accepted with the
    /// decisions so far: not reported, or not accepted.
    pub fn outstanding(&self) -> Vec<i64> {
        self.package
            .snapshot
            .recommendations
            .iter()
            .filter(|r| match &r.assessment {
                None => true,
                Some(a) => match self.draft.decisions.get(&a.id) {
                    Some(d) => d.decision != DecisionKind::Accept,
                    None => a.review_state != ReviewState::Accepted,
                },
            })
            .map(|r| r.number)
            .collect()
    }

    /// Chooses to sign the period off with the decisions: only once every
    /// recommendation would be accepted.
    pub fn sign_off(&mut self, yes: bool, now: &str) -> Result<()> {
        if !yes {
            self.draft.sign_off = None;
            return Ok(());
        }
        let outstanding = self.outstanding();
        if !outstanding.is_empty() {
            return Err(CoreError::PeriodIncomplete {
                label: self.package.snapshot.period.label.clone(),
                missing: Vec::new(),
                unaccepted: outstanding,
            });
        }
        self.draft.sign_off = Some(now.to_owned());
        Ok(())
    }
}
