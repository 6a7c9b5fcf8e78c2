//! The complete tracker as one JSON document.
//!
//! Everything needed to rebuild the tracker is here, with its ids and its
//! audit trail; `format_version` changes whenever the shape does, so an
//! importer can refuse what it does not understand.

use crate::assessments::{self, Assessment};
use crate::audit::{self, AuditEvent, AuditFilter};
use crate::db::migrate;
use crate::decisions::{self, SignedDecision};
use crate::error::{CoreError, Result};
use crate::evidence::{self, Evidence};
use crate::milestones::{self, Milestone};
use crate::owners::{self, Owner};
use crate::periods::{self, Period};
use crate::recommendations::{self, Recommendation, Report};
use crate::reviewers::{self, Reviewer};
use crate::seals::Head;
use crate::snapshots::{self, StoredSnapshot};
use crate::tracker::Tracker;
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "followthrough-export";
/// Version 2 added `snapshots`; version 3 the tracker's identity, the
/// trail's head and the record seals of each event; version 4 the register
/// of reviewers and their signed decisions. Versions 1 to 3 are still read.
pub const FORMAT_VERSION: u32 = 4;

/// The exchange format, written by [`Tracker::export_json`] and read back by
/// [`crate::import`]. Unknown fields are refused when reading, so nothing in
/// a document is ever silently dropped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportDocument {
    pub format: String,
    pub format_version: u32,
    pub schema_version: i64,
    pub exported_at: String,
    /// The tracker's permanent identity (format version 3 on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracker_id: Option<String>,
    /// The newest event of `audit` when the export was made, so a copy of
    /// the export shows how far the trail reached (format version 3 on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trail_head: Option<Head>,
    pub sample: bool,
    pub report: Report,
    pub recommendations: Vec<Recommendation>,
    pub owners: Vec<Owner>,
    pub milestones: Vec<Milestone>,
    pub evidence: Vec<Evidence>,
    pub periods: Vec<Period>,
    pub assessments: Vec<Assessment>,
    /// The frozen snapshots of signed-off periods, oldest period first.
    #[serde(default)]
    pub snapshots: Vec<StoredSnapshot>,
    /// Everyone ever registered to review the tracker (format version 4 on).
    #[serde(default)]
    pub reviewers: Vec<Reviewer>,
    /// The decisions they signed, oldest first (format version 4 on).
    #[serde(default)]
    pub decisions: Vec<SignedDecision>,
    /// Oldest first.
    pub audit: Vec<AuditEvent>,
}

impl Tracker {
    /// Gathers the whole tracker in one consistent read.
    pub fn export_document(&mut self) -> Result<ExportDocument> {
        let exported_at = audit::timestamp(self.clock.now());
        let sample = self.is_sample()?;
        let tracker_id = Some(self.tracker_id().to_owned()).filter(|id| !id.is_empty());
        self.read(|c| {
            let report = recommendations::reports(c)?
                .into_iter()
                .next()
                .ok_or_else(|| CoreError::not_found("report", "seeded"))?;
            let mut audit = audit::list(
                c,
                &AuditFilter {
                    with_seals: true,
                    ..Default::default()
                },
            )?;
            audit.reverse();
            Ok(ExportDocument {
                format: FORMAT.to_owned(),
                format_version: FORMAT_VERSION,
                schema_version: migrate::version(c)?,
                exported_at,
                tracker_id,
                trail_head: audit::head(c)?,
                sample,
                report,
                recommendations: recommendations::list(c)?,
                owners: owners::list(c)?,
                milestones: milestones::list(c, None)?,
                evidence: evidence::list(c, None, None)?,
                periods: periods::list(c)?,
                assessments: assessments::list(c, None, None)?,
                snapshots: snapshots::list(c)?,
                reviewers: reviewers::list(c)?,
                decisions: decisions::list(c)?,
                audit,
            })
        })
    }

    /// The export as pretty-printed JSON text, ending with a newline.
    pub fn export_json(&mut self) -> Result<String> {
        let doc = self.export_document()?;
        let mut bytes = Vec::new();
        write(&doc, &mut bytes)?;
        Ok(String::from_utf8(bytes).expect("JSON is UTF-8"))
    }
}

/// Writes `doc` as the export's text (pretty-printed, ending with a
/// newline) piece by piece to `w`.
pub fn write(doc: &ExportDocument, w: &mut dyn std::io::Write) -> Result<()> {
    let fail = |e: std::io::Error| crate::files::io_error("cannot write the export", e);
    serde_json::to_writer_pretty(&mut *w, doc).map_err(|e| {
        if e.is_io() {
            fail(e.into())
        } else {
            CoreError::io(
                "cannot encode the export",
                std::io::Error::new(std::io::ErrorKind::InvalidData, e),
            )
        }
    })?;
    w.write_all(b"\n").map_err(fail)
}
