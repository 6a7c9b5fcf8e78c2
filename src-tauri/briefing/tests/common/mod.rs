//! Helpers shared by the briefing's tests.
//!
//! Set `FOLLOWTHROUGH_BRIEFING_OUT` to a folder to keep the PDFs the tests
//! make, for looking at them.
#![allow(dead_code)]

use followthrough_briefing::{BriefingOptions, Language};

/// The options a person exporting would see by default in `language`,
/// prepared by the executive assistant, without the annex.
pub fn options(language: Language) -> BriefingOptions {
    BriefingOptions {
        language,
        organization: BriefingOptions::default_organization(language).into(),
        marking: BriefingOptions::default_marking(language).into(),
        prepared_by: "Executive Assistant".into(),
        annex: false,
    }
}

/// Keeps `pdf` as `name` in `FOLLOWTHROUGH_BRIEFING_OUT`, when it is set.
pub fn keep(name: &str, pdf: &[u8]) {
    if let Ok(dir) = std::env::var("FOLLOWTHROUGH_BRIEFING_OUT") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(std::path::Path::new(&dir).join(name), pdf).unwrap();
    }
}

/// What poppler's `pdftotext` extracts from `pdf`, with `args` (a reader's
/// copy of the text; `-layout` keeps lines as laid out).
pub fn pdftotext(pdf: &[u8], args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(args)
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
