//! Exports for people and programs outside the app: a complete JSON document
//! (the tracker's exchange format) and, for spreadsheets, one CSV file per
//! table plus a briefing-period view.

pub mod briefing_view;
pub mod csv;
pub mod json;

use crate::actor::Actor;
use crate::audit::Subject;
use crate::error::{CoreError, Result};
use crate::tracker::Tracker;
use std::io::Write;
use std::path::Path;

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
            "export",
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
        self.record_output(actor, "briefing", details, &[(file.to_owned(), bytes)])
    }

    fn record_output(
        &mut self,
        actor: &Actor,
        action: &str,
        mut details: serde_json::Value,
        files: &[(String, &[u8])],
    ) -> Result<()> {
        use sha2::{Digest, Sha256};
        let files: Vec<serde_json::Value> = files
            .iter()
            .map(|(name, bytes)| {
                let sha256: String = Sha256::digest(bytes)
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect();
                serde_json::json!({ "file": name, "sha256": sha256 })
            })
            .collect();
        details["files"] = files.into();
        self.write(actor, |ch| {
            ch.audit(
                action,
                Subject {
                    kind: "tracker",
                    id: 0,
                    recommendation_id: None,
                },
                None::<&()>,
                Some(&details),
            )
        })
    }
}

/// Writes `bytes` to `path` so that a reader never sees half a file: into a
/// temporary file beside it, flushed to disk, then renamed over the target.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| {
            CoreError::io(
                format!("cannot write {}", path.display()),
                std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"),
            )
        })?
        .to_string_lossy();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let fail = |e| CoreError::io(format!("cannot write {}", path.display()), e);
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(fail)
}
