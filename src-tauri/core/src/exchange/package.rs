//! The review package: one file holding everything a reviewer needs to
//! review a period offline, signed by the executive assistant and
//! encrypted to the reviewer.
//!
//! It carries the period as the briefing would show it now (the
//! assessments as reported with their commentary, risks and decisions
//! required, the returns, the milestones that matter to the period with
//! their revisions and slip, the period's evidence notes) and the previous
//! period's for trends: a [`Snapshot`], which stays the same size however
//! many years the tracker holds. Each assessment travels with the hash of
//! its report, which the reviewer's decision on it will name.
//!
//! Writing a package is recorded in the trail (`send_for_review`), with its
//! identity and those hashes: a response is applied only to a package this
//! tracker sent.

use super::envelope::{self, Kind};
use crate::actor::Actor;
use crate::audit::{self, Action};
use crate::error::{CoreError, Result};
use crate::keys::{PublicKey, SecretKey};
use crate::periods;
use crate::reviewers;
use crate::scales::PeriodState;
use crate::snapshots::Snapshot;
use crate::tracker::Tracker;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FORMAT: &str = "followthrough-review-package";
/// The file name's ending, which the window's dialogs filter on.
pub const EXTENSION: &str = "ftreview";

/// What a package holds once opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackageContent {
    pub format: String,
    pub version: u32,
    pub package_id: String,
    pub tracker_id: String,
    pub made_at: String,
    /// Who sent it (the name on the executive assistant's key).
    pub sender: String,
    /// The reviewer it is for, and their key's fingerprint.
    pub reviewer: String,
    pub reviewer_key: String,
    /// The period as it stands, read as its briefing would be.
    pub snapshot: Snapshot,
    /// The previous period's, for trends.
    pub previous: Option<Snapshot>,
    /// The hash of each assessment's report as packaged, by assessment id
    /// ([`crate::assessments::reported_hash`]).
    pub reported: BTreeMap<i64, String>,
}

impl PackageContent {
    pub fn period_id(&self) -> i64 {
        self.snapshot.period.id
    }
}

/// A package written.
#[derive(Debug, Clone, Serialize)]
pub struct PackageWritten {
    pub path: PathBuf,
    pub package_id: String,
    pub period: String,
    pub reviewer: String,
    pub bytes: u64,
}

/// What the trail records of a package sent, read back when a response
/// to it arrives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sent {
    pub package_id: String,
    pub period_id: i64,
    pub period: String,
    pub reviewer_id: i64,
    pub reviewer: String,
    pub reviewer_key: String,
    /// The sender's key's fingerprint: responses are encrypted to it.
    pub sender_key: String,
    pub reported: BTreeMap<i64, String>,
}

/// The package this tracker sent with identity `package_id`, if it sent one.
pub(crate) fn sent(conn: &Connection, package_id: &str) -> Result<Option<Sent>> {
    let details: Option<String> = conn
        .prepare_cached(
            "SELECT after_json FROM audit_event
             WHERE action = ?1 AND json_extract(after_json, '$.package_id') = ?2
             ORDER BY id LIMIT 1",
        )?
        .query_row(
            rusqlite::params![Action::SendForReview.as_str(), package_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(details.and_then(|d| serde_json::from_str(&d).ok()))
}

/// The package's content for period `period_id` and `reviewer`.
fn content(
    t: &mut Tracker,
    sender: &PublicKey,
    reviewer: &reviewers::Reviewer,
    period_id: i64,
) -> Result<PackageContent> {
    let made_at = audit::timestamp(t.clock().now());
    let tracker_id = t.tracker_id().to_owned();
    let source = t.briefing_source(period_id)?;
    let reported = source
        .snapshot
        .recommendations
        .iter()
        .filter_map(|r| r.assessment.as_ref())
        .map(|a| (a.id, crate::assessments::reported_hash(a)))
        .collect();
    Ok(PackageContent {
        format: FORMAT.to_owned(),
        version: 1,
        package_id: super::new_id()?,
        tracker_id,
        made_at,
        sender: sender.name().to_owned(),
        reviewer: reviewer.name.clone(),
        reviewer_key: reviewer.fingerprint.clone(),
        snapshot: source.snapshot,
        previous: source.previous,
        reported,
    })
}

impl Tracker {
    /// Writes a review package of the open period `period_id` for the
    /// registered reviewer `reviewer_id` to `target`, signed with the
    /// sender's unlocked `key`, and records it in the trail.
    pub fn write_review_package(
        &mut self,
        actor: &Actor,
        key: &SecretKey,
        reviewer_id: i64,
        period_id: i64,
        target: &Path,
    ) -> Result<PackageWritten> {
        let (reviewer, period) =
            self.read(|c| Ok((reviewers::get(c, reviewer_id)?, periods::get(c, period_id)?)))?;
        if !reviewer.registered() {
            return Err(CoreError::NotAReviewer);
        }
        if period.state == PeriodState::SignedOff {
            return Err(CoreError::PeriodSignedOff(period.label));
        }
        let to = reviewer.key()?;
        let content = content(self, key.public(), &reviewer, period_id)?;
        let text = serde_json::to_string(&content).expect("a package serialises");
        let sealed = envelope::seal(
            Kind::ReviewPackage,
            &text,
            key,
            &to,
            &format!(
                "Followthrough review package: {} for {}",
                period.label, reviewer.name
            ),
        )?;
        let sent = Sent {
            package_id: content.package_id.clone(),
            period_id,
            period: period.label.clone(),
            reviewer_id,
            reviewer: reviewer.name.clone(),
            reviewer_key: reviewer.fingerprint.clone(),
            sender_key: key.public().fingerprint().as_str().to_owned(),
            reported: content.reported.clone(),
        };
        let bytes = sealed.len() as u64;
        let mut written = self.deliver(
            actor,
            Action::SendForReview,
            serde_json::to_value(&sent).expect("a record serialises"),
            &[(target.to_owned(), sealed)],
        )?;
        Ok(PackageWritten {
            path: written.remove(0),
            package_id: sent.package_id,
            period: period.label,
            reviewer: sent.reviewer,
            bytes,
        })
    }
}

/// Opens a package with the reviewer's unlocked key: decrypted, its
/// signature checked against the sender's key inside it, and meant for
/// this key. Whether the sender is trusted is the inbox's question.
pub fn open(bytes: &[u8], key: &SecretKey) -> Result<(PackageContent, PublicKey)> {
    let opened = envelope::open(Kind::ReviewPackage, bytes, key)?;
    let content: PackageContent = serde_json::from_str(&opened.content)
        .map_err(|_| envelope::refused(crate::ExchangeRefusal::Damaged))?;
    if content.format != FORMAT || content.version != 1 {
        return Err(envelope::refused(crate::ExchangeRefusal::Damaged));
    }
    if content.reviewer_key != key.public().fingerprint().as_str() {
        return Err(envelope::refused(crate::ExchangeRefusal::NotReadable));
    }
    Ok((content, opened.sender))
}
