//! Exports for people and programs outside the app: a complete JSON document
//! (the tracker's exchange format) and, for spreadsheets, one CSV file per
//! table plus a briefing-period view.

pub mod briefing_view;
pub mod csv;
pub mod json;

use crate::actor::Actor;
use crate::audit::{Action, Subject};
use crate::error::Result;
use crate::tracker::Tracker;
use std::path::{Path, PathBuf};

/// What the audit trail says of a briefing.
pub struct BriefingRecord<'a> {
    pub period_label: &'a str,
    pub language: &'a str,
    pub fingerprint: &'a str,
    pub draft: bool,
    /// The evidence annex was printed.
    pub annex: bool,
}

impl Tracker {
    /// Records in the audit trail that the tracker's content left the app
    /// on standard output, with the SHA-256 of what is printed. Called
    /// before it is printed.
    pub fn record_export(
        &mut self,
        actor: &Actor,
        format: &str,
        files: &[(String, String)],
    ) -> Result<()> {
        self.record_output(
            actor,
            Action::Export,
            serde_json::json!({ "format": format }),
            files,
        )
    }

    /// Writes the JSON export to `target` piece by piece (never whole in
    /// memory) and records it, as [`Tracker::deliver_export`] does.
    pub fn deliver_export_json(&mut self, actor: &Actor, target: &Path) -> Result<PathBuf> {
        let doc = self.export_document()?;
        let (prepared, digest) =
            crate::output::prepare_with(self.path(), target, |w| json::write(&doc, w))?;
        drop(doc);
        let mut written = self.place_recorded(
            actor,
            Action::Export,
            serde_json::json!({ "format": "json" }),
            vec![(prepared, digest)],
        )?;
        Ok(written.remove(0))
    }

    /// Writes export files and records them: each is written whole beside
    /// its target first, then the export is recorded (which files, and the
    /// SHA-256 of each), then each takes its name. So an output that fails
    /// (a full disk, a refused path) is neither written nor recorded, and
    /// an earlier file at the target stays as it was. Returns the paths
    /// written.
    pub fn deliver_export(
        &mut self,
        actor: &Actor,
        format: &str,
        outputs: &[(PathBuf, Vec<u8>)],
    ) -> Result<Vec<PathBuf>> {
        self.deliver(
            actor,
            Action::Export,
            serde_json::json!({ "format": format }),
            outputs,
        )
    }

    /// Writes a PDF briefing to `target` and records it, as
    /// [`Tracker::deliver_export`] does: which period, in which language,
    /// from which snapshot (its fingerprint), whether it was a draft and
    /// whether it held the evidence annex.
    pub fn deliver_briefing(
        &mut self,
        actor: &Actor,
        briefing: &BriefingRecord<'_>,
        target: &Path,
        bytes: Vec<u8>,
    ) -> Result<PathBuf> {
        let details = serde_json::json!({
            "period": briefing.period_label,
            "language": briefing.language,
            "snapshot_fingerprint": briefing.fingerprint,
            "draft": briefing.draft,
            "annex": briefing.annex,
        });
        let mut written = self.deliver(
            actor,
            Action::Briefing,
            details,
            &[(target.to_owned(), bytes)],
        )?;
        Ok(written.remove(0))
    }

    pub(crate) fn deliver(
        &mut self,
        actor: &Actor,
        action: Action,
        details: serde_json::Value,
        outputs: &[(PathBuf, Vec<u8>)],
    ) -> Result<Vec<PathBuf>> {
        let prepared: Vec<(crate::output::Prepared, String)> = outputs
            .iter()
            .map(|(target, bytes)| crate::output::prepare(self.path(), target, bytes))
            .collect::<Result<_>>()?;
        self.place_recorded(actor, action, details, prepared)
    }

    /// Records outputs written beside their targets, then gives each its
    /// name.
    fn place_recorded(
        &mut self,
        actor: &Actor,
        action: Action,
        details: serde_json::Value,
        prepared: Vec<(crate::output::Prepared, String)>,
    ) -> Result<Vec<PathBuf>> {
        let named: Vec<(String, String)> = prepared
            .iter()
            .map(|(p, digest)| (p.target().display().to_string(), digest.clone()))
            .collect();
        self.record_output(actor, action, details, &named)?;
        prepared.into_iter().map(|(p, _)| p.place()).collect()
    }

    fn record_output(
        &mut self,
        actor: &Actor,
        action: Action,
        mut details: serde_json::Value,
        files: &[(String, String)],
    ) -> Result<()> {
        let files: Vec<serde_json::Value> = files
            .iter()
            .map(|(name, sha256)| serde_json::json!({ "file": name, "sha256": sha256 }))
            .collect();
        details["files"] = files.into();
        self.write(actor, |ch| {
            ch.audit(action, Subject::TRACKER, None::<&()>, Some(&details))
        })
    }
}
