//! Writing a briefing to a file: the one path the window and the command
//! line share, so both check the same inputs, write the same bytes the same
//! safe way and leave the same record in the audit trail.

use crate::{render, BriefingError, BriefingOptions, Language};
use followthrough_core::export::BriefingRecord;
use followthrough_core::periods::Period;
use followthrough_core::snapshots::BriefingSource;
use followthrough_core::validate::{self, limit, Lines};
use followthrough_core::{Actor, Tracker};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// What was written.
#[derive(Debug, Clone, Serialize)]
pub struct WrittenBriefing {
    pub path: PathBuf,
    pub period_label: String,
    /// The SHA-256 fingerprint of the snapshot the briefing was made from.
    pub fingerprint: String,
    /// Made from live data (an open period): every page says DRAFT.
    pub draft: bool,
    pub bytes: usize,
}

impl BriefingOptions {
    /// Checks what the person exporting typed: the marking is required and
    /// the organization may be empty; both are one line of ordinary text.
    pub fn check(&self) -> Result<(), BriefingError> {
        validate::required("marking", &self.marking, limit::NAME, Lines::Single)?;
        validate::optional(
            "organization",
            &self.organization,
            limit::NAME,
            Lines::Single,
        )?;
        Ok(())
    }
}

/// The file name a save dialog suggests: the period and the language, in
/// characters every file system accepts, e.g. `Briefing 2026-27 Q3 EN.pdf`.
pub fn suggested_file_name(period_label: &str, language: Language) -> String {
    let word = match language {
        Language::English => "Briefing",
        Language::French => "Note d'information",
    };
    let label: String = period_label
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    // No hidden file, and no run of spaces where characters were dropped.
    let words: Vec<&str> = label
        .trim_start_matches(|c: char| c == '.' || c.is_whitespace())
        .split_whitespace()
        .collect();
    let mut name = vec![word];
    name.extend(words);
    format!(
        "{} {}.pdf",
        name.join(" "),
        language.code().to_ascii_uppercase()
    )
}

/// Gives a path chosen without an extension the `.pdf` one, as save
/// dialogs on Linux leave it to the program.
pub fn with_pdf_extension(path: PathBuf) -> PathBuf {
    let has_pdf = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if has_pdf {
        path
    } else {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(".pdf");
        path.with_file_name(name)
    }
}

/// Typesets the briefing of `period`, writes it to `out` whole and records
/// it in the audit trail with the snapshot's fingerprint and the file's
/// SHA-256 ([`Tracker::deliver_briefing`]): a reader never sees half a
/// file, a failure leaves any earlier file there as it was and records
/// nothing, and a path that would destroy an input (the data file, say) is
/// refused before anything is typeset.
pub fn write_briefing(
    tracker: &mut Tracker,
    actor: &Actor,
    period: &Period,
    options: &BriefingOptions,
    out: &Path,
) -> Result<WrittenBriefing, BriefingError> {
    let source = read_source(tracker, period, options, out)?;
    let pdf = render(&source, options)?;
    deliver(tracker, actor, &source, options, out, pdf)
}

/// The first step of [`write_briefing`]: checks the options and the output
/// path, and reads what the briefing shows. The window runs the steps
/// apart so that typesetting holds no lock on the tracker.
pub fn read_source(
    tracker: &mut Tracker,
    period: &Period,
    options: &BriefingOptions,
    out: &Path,
) -> Result<BriefingSource, BriefingError> {
    options.check()?;
    followthrough_core::output::check(tracker.path(), out)?;
    Ok(tracker.briefing_source(period.id)?)
}

/// The last step of [`write_briefing`]: writes the typeset `pdf` of
/// `source` to `out` and records it in the audit trail.
pub fn deliver(
    tracker: &mut Tracker,
    actor: &Actor,
    source: &BriefingSource,
    options: &BriefingOptions,
    out: &Path,
    pdf: Vec<u8>,
) -> Result<WrittenBriefing, BriefingError> {
    let bytes = pdf.len();
    let period_label = source.snapshot.period.label.clone();
    let out = tracker.deliver_briefing(
        actor,
        &BriefingRecord {
            period_label: &period_label,
            language: options.language.code(),
            fingerprint: &source.fingerprint,
            draft: source.draft,
            annex: options.annex,
        },
        out,
        pdf,
    )?;
    Ok(WrittenBriefing {
        path: out,
        period_label,
        fingerprint: source.fingerprint.clone(),
        draft: source.draft,
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggested_names_are_safe_file_names() {
        assert_eq!(
            suggested_file_name("2026-27 Q3", Language::English),
            "Briefing 2026-27 Q3 EN.pdf"
        );
        assert_eq!(
            suggested_file_name("Q3/Q4: \"draft\"", Language::French),
            "Note d'information Q3-Q4- -draft- FR.pdf"
        );
        assert_eq!(
            suggested_file_name("..\u{7}hidden", Language::English),
            "Briefing hidden EN.pdf"
        );
        assert_eq!(
            suggested_file_name("", Language::English),
            "Briefing EN.pdf"
        );
    }

    #[test]
    fn a_pdf_extension_is_added_only_when_missing() {
        assert_eq!(
            with_pdf_extension("/tmp/brief".into()),
            PathBuf::from("/tmp/brief.pdf")
        );
        assert_eq!(
            with_pdf_extension("/tmp/brief.PDF".into()),
            PathBuf::from("/tmp/brief.PDF")
        );
        assert_eq!(
            with_pdf_extension("/tmp/brief.v2".into()),
            PathBuf::from("/tmp/brief.v2.pdf")
        );
    }
}
