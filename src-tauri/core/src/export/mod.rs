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
}

impl Tracker {
    /// Records in the audit trail that the tracker's content left the app:
    /// in what form, to where, and the SHA-256 of each file written, so a
    /// copy found later can be matched to its export. Called once the files
    /// are written; the export itself holds the trail as it was before.
    pub fn record_export(
        &mut self,
        actor: &Actor,
        format: &str,
        files: &[(String, &[u8])],
    ) -> Result<()> {
        self.record_output(
            actor,
            Action::Export,
            serde_json::json!({ "format": format }),
            files,
        )
    }

    /// Records a PDF briefing written to `file`: which period, in which
    /// language, from which snapshot (its fingerprint), and whether it was
    /// a draft.
    pub fn record_briefing(
        &mut self,
        actor: &Actor,
        briefing: &BriefingRecord<'_>,
        file: &str,
        bytes: &[u8],
    ) -> Result<()> {
        let details = serde_json::json!({
            "period": briefing.period_label,
            "language": briefing.language,
            "snapshot_fingerprint": briefing.fingerprint,
            "draft": briefing.draft,
        });
        self.record_output(
            actor,
            Action::Briefing,
            details,
            &[(file.to_owned(), bytes)],
        )
    }

    fn record_output(
        &mut self,
        actor: &Actor,
        action: Action,
        mut details: serde_json::Value,
        files: &[(String, &[u8])],
    ) -> Result<()> {
        let files: Vec<serde_json::Value> = files
            .iter()
            .map(|(name, bytes)| {
                serde_json::json!({ "file": name, "sha256": crate::files::sha256_hex(bytes) })
            })
            .collect();
        details["files"] = files.into();
        self.write(actor, |ch| {
            ch.audit(action, Subject::TRACKER, None::<&()>, Some(&details))
        })
    }

    /// Writes an output of this tracker (an export, a briefing) to `target`
    /// whole, refusing any path that would destroy an input
    /// ([`crate::output`]). Returns the path written.
    pub fn write_output(&self, target: &Path, bytes: &[u8]) -> Result<PathBuf> {
        crate::output::write(self.path(), target, bytes)
    }
}
