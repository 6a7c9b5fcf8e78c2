//! Followthrough's PDF briefing for the deputy minister: a period snapshot
//! typeset in-process with typst, in English or French, as tagged PDF/UA-1
//! with the fonts embedded.
//!
//! The same snapshot and options always give the same bytes: the data file
//! holds only the snapshot (whose time, not the wall clock's, is printed),
//! the PDF's identifier and timestamp are derived from the snapshot, and
//! the typst world can read nothing but the template and that data. This
//! crate is free of GUI types, so the window, the command line and the tests
//! share it.

pub mod data;
pub mod export;
pub mod labels;
mod world;

pub use export::{
    deliver, read_source, suggested_file_name, with_pdf_extension, write_briefing, WrittenBriefing,
};
pub use labels::{Language, Wording};

use followthrough_core::snapshots::BriefingSource;
use followthrough_core::{CoreError, ErrorCode, ErrorReport};
use typst::diag::SourceDiagnostic;
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

/// What the person exporting chooses.
#[derive(Debug, Clone)]
pub struct BriefingOptions {
    pub language: Language,
    /// Printed in the title block.
    pub organization: String,
    /// A security or handling marking, printed on every page.
    pub marking: String,
    /// Who "Prepared by" names; empty leaves the line out (see
    /// [`BriefingOptions::preparer`]).
    pub prepared_by: String,
    /// Adds the evidence annex: every note of the period, and each text a
    /// recommendation's page had to cut, in full.
    pub annex: bool,
}

impl BriefingOptions {
    /// The organization named when none is given.
    pub fn default_organization(language: Language) -> &'static str {
        match language {
            Language::English => "Office of the Deputy Minister",
            Language::French => "Bureau du sous-ministre",
        }
    }

    /// Who a briefing made by `actor` says prepared it: the name set in the
    /// program, else the operating system's user; nobody (the line left
    /// out) when neither is known, never "unknown".
    pub fn preparer(actor: &followthrough_core::Actor) -> String {
        actor.known_name().unwrap_or_default().to_owned()
    }

    /// The marking printed when none is given.
    pub fn default_marking(language: Language) -> &'static str {
        match language {
            Language::English => "CONFIDENTIAL — Advice to the Deputy Minister",
            Language::French => "CONFIDENTIEL — Conseils au sous-ministre",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BriefingError {
    /// The tracker refused (a period that does not exist, a snapshot that
    /// fails its fingerprint), an option was invalid, or the file could not
    /// be written.
    #[error(transparent)]
    Core(#[from] CoreError),
    /// The template could not be typeset: a fault of the program, never of
    /// the user's data (which reaches typst only as values).
    #[error("the briefing could not be typeset: {0}")]
    Typeset(String),
    #[error("the briefing could not be written as PDF: {0}")]
    Pdf(String),
}

impl BriefingError {
    /// What a front end shows: the core's report for the core's errors
    /// (with the field of an invalid option), `briefing_failed` otherwise.
    pub fn report(&self) -> ErrorReport {
        match self {
            BriefingError::Core(e) => ErrorReport::from(e),
            BriefingError::Typeset(_) | BriefingError::Pdf(_) => {
                ErrorReport::new(ErrorCode::BriefingFailed, self.to_string())
            }
        }
    }
}

fn messages(diagnostics: &[SourceDiagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| {
            let hints: Vec<&str> = d.hints.iter().map(|h| h.v.as_str()).collect();
            if hints.is_empty() {
                d.message.to_string()
            } else {
                format!("{} ({})", d.message, hints.join("; "))
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The JSON the template reads, for tests and for looking at.
pub fn data_json(source: &BriefingSource, options: &BriefingOptions) -> String {
    serde_json::to_string_pretty(&data::build(source, options, &world::covered))
        .expect("the briefing data serialises")
}

/// Typesets the briefing and returns the PDF's bytes.
pub fn render(
    source: &BriefingSource,
    options: &BriefingOptions,
) -> Result<Vec<u8>, BriefingError> {
    render_counted(source, options).map(|(pdf, _)| pdf)
}

/// Typesets the briefing and returns the PDF's bytes and its number of
/// pages (which the benchmark reports).
pub fn render_counted(
    source: &BriefingSource,
    options: &BriefingOptions,
) -> Result<(Vec<u8>, usize), BriefingError> {
    let world = world::BriefingWorld::new(data_json(source, options));
    let warned = typst::compile::<PagedDocument>(&world);
    let document = warned
        .output
        .map_err(|errors| BriefingError::Typeset(messages(&errors)))?;
    let standards = PdfStandards::new(&[PdfStandard::Ua_1])
        .map_err(|e| BriefingError::Pdf(e.message().to_string()))?;
    let options = PdfOptions {
        // Derived from the content, so the same snapshot gives the same file.
        ident: Smart::Custom(format!(
            "{}-{}",
            source.fingerprint,
            options.language.code()
        )),
        timestamp: timestamp(&source.snapshot.taken_at),
        standards,
        tagged: true,
        ..PdfOptions::default()
    };
    let pages = document.pages().len();
    let pdf = typst_pdf::pdf(&document, &options).map_err(|e| BriefingError::Pdf(messages(&e)));
    // A long-running window must not keep every past layout in memory.
    typst::comemo::evict(0);
    Ok((pdf?, pages))
}

fn timestamp(stored: &str) -> Option<Timestamp> {
    use chrono::{Datelike, Timelike};
    let t = chrono::NaiveDateTime::parse_from_str(stored, "%Y-%m-%dT%H:%M:%S%.3fZ").ok()?;
    let dt = Datetime::from_ymd_hms(
        t.year(),
        t.month() as u8,
        t.day() as u8,
        t.hour() as u8,
        t.minute() as u8,
        t.second() as u8,
    )?;
    Some(Timestamp::new_utc(dt))
}
