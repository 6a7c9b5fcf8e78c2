//! Seeding a tracker with the report and its recommendations.
//!
//! Runs every time a file is opened, inside one transaction, and inserts
//! only what is missing: opening a file twice adds nothing, and a file that
//! predates a seeded record gets it (with its audit event) the next time.

mod report;

pub use report::{SeedRecommendation, SeedReport, RECOMMENDATIONS, REPORT};

use crate::audit::{Action, Change, Subject};
use crate::error::Result;
use crate::seals::RecordKind;
use rusqlite::{params, OptionalExtension};
use serde_json::json;

pub(crate) fn ensure(change: &Change<'_>) -> Result<()> {
    let tx = change.tx;
    let existing: Option<i64> = tx
        .query_row("SELECT id FROM report WHERE key = ?1", [REPORT.key], |r| {
            r.get(0)
        })
        .optional()?;
    let report_id = match existing {
        Some(id) => id,
        None => {
            let authors = serde_json::to_string(REPORT.authors).expect("strings serialise");
            tx.execute(
                "INSERT INTO report (key, title, subtitle, authors, publisher, published)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    REPORT.key,
                    REPORT.title,
                    REPORT.subtitle,
                    authors,
                    REPORT.publisher,
                    REPORT.published
                ],
            )?;
            let id = tx.last_insert_rowid();
            change.audit(
                Action::SeedReport,
                Subject {
                    kind: RecordKind::Report,
                    id,
                    recommendation_id: None,
                },
                None::<&()>,
                Some(&json!({
                    "key": REPORT.key,
                    "title": REPORT.title,
                    "subtitle": REPORT.subtitle,
                    "authors": REPORT.authors,
                    "publisher": REPORT.publisher,
                    "published": REPORT.published,
                })),
            )?;
            id
        }
    };

    for rec in &RECOMMENDATIONS {
        let inserted = tx.execute(
            "INSERT INTO recommendation (report_id, number, title, lead_sentence, text, findings)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6
             WHERE NOT EXISTS (SELECT 1 FROM recommendation WHERE report_id = ?1 AND number = ?2)",
            params![
                report_id,
                rec.number,
                rec.title,
                rec.lead,
                rec.text,
                rec.findings
            ],
        )?;
        if inserted == 1 {
            let id = tx.last_insert_rowid();
            change.audit(
                Action::SeedRecommendation,
                Subject {
                    kind: RecordKind::Recommendation,
                    id,
                    recommendation_id: Some(id),
                },
                None::<&()>,
                Some(&json!({
                    "number": rec.number,
                    "title": rec.title,
                    "lead": rec.lead,
                    "text": rec.text,
                    "findings": rec.findings,
                })),
            )?;
        }
    }
    Ok(())
}

/// A seeded recommendation's short title and findings in French: this
/// program's unofficial translation (the report exists in English only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct French {
    pub title: &'static str,
    /// The report's own words in it are marked `[[en:…]]`.
    pub findings: &'static str,
}

/// The French of a seeded recommendation, found by its English short title
/// (a recommendation whose title is not the seeded one has none).
pub fn french(english_title: &str) -> Option<French> {
    RECOMMENDATIONS
        .iter()
        .find(|r| r.title == english_title)
        .map(|r| French {
            title: r.title_fr,
            findings: r.findings_fr,
        })
}
