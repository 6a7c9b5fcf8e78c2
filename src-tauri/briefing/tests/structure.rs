//! The briefing's tagged structure read back (PDF/UA under a strict
//! reading), in both languages: the language of every part, lists, row
//! headers, the figure and its caption, the handling marking as text, and
//! right-to-left text in logical order.
//!
//! `tests/pdf/structure.py` reads the PDF with pikepdf (Debian's
//! python3-pikepdf, so the Debian interpreter, `/usr/bin/python3`) and
//! prints what it found; the assertions are here.

mod common;

use common::{keep, options, pdftotext};
use followthrough_briefing::{render, Language};
use followthrough_core::evidence::NewEvidence;
use followthrough_core::{sample, Actor, FixedClock};
use serde_json::Value;

const ARABIC: &str = "التحول الرقمي في الحكومة";
const AUTHOR: &str = "فاطمة الزهراء";

fn structure(pdf: &[u8]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.pdf");
    std::fs::write(&path, pdf).unwrap();
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pdf/structure.py");
    let out = std::process::Command::new("/usr/bin/python3")
        .arg(&script)
        .arg(&path)
        .output()
        .expect("Debian's python3 with python3-pikepdf is needed");
    assert!(
        out.status.success(),
        "structure.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Text with white space and invisible formatting removed: a PDF need not
/// store the spaces between words.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
                )
        })
        .collect()
}

fn text(v: &Value) -> String {
    squeeze(v["text"].as_str().unwrap_or(""))
}

/// The text of every marked-content sequence whose language `keep` accepts.
fn marked(s: &Value, keep: impl Fn(Option<&str>) -> bool) -> String {
    s["marked"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| keep(m["lang"].as_str()))
        .map(text)
        .collect()
}

fn elements<'a>(s: &'a Value, kind: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
    s["elements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(move |e| e["type"] == kind)
}

#[test]
fn the_structure_holds_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = sample::create(
        &dir.path().join("sample.sqlite3"),
        Box::new(FixedClock::on("2026-11-25".parse().unwrap())),
    )
    .unwrap();
    let ea = Actor::new("Executive Assistant").unwrap();
    let first = t.recommendation_by_number(1).unwrap().id;
    // A note in Arabic, newest of the period so that its page prints it.
    t.add_evidence(
        &ea,
        &NewEvidence {
            recommendation_id: first,
            observed_on: Some("2026-11-25".into()),
            kind: "progress".into(),
            text: ARABIC.into(),
            // An Arabic name with a number after it on the same line.
            author: Some(AUTHOR.into()),
            source_ref: "2026-11".into(),
            ..Default::default()
        },
    )
    .unwrap();
    // And one with a character no shipped font draws.
    t.add_evidence(
        &ea,
        &NewEvidence {
            recommendation_id: first,
            observed_on: Some("2026-11-25".into()),
            kind: "progress".into(),
            text: "Launched 🚀 on time 🎉".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let open = t
        .periods()
        .unwrap()
        .into_iter()
        .find(|p| p.signed_off_at.is_none())
        .unwrap();
    let source = t.briefing_source(open.id).unwrap();
    let lead = squeeze(&source.snapshot.recommendation(1).unwrap().lead);

    for (language, code, reported, accepted) in [
        (Language::English, "en-CA", "Reported", "Accepted"),
        (Language::French, "fr-CA", "Déclaré", "Accepté"),
    ] {
        let options = options(language);
        let pdf = render(&source, &options).unwrap();
        keep(&format!("structure-{}.pdf", language.code()), &pdf);
        let s = structure(&pdf);
        let at = format!("{language:?}");
        assert_eq!(s["lang"], code, "{at}: the document's language");

        // Language of parts: the report's words are tagged English in a
        // French briefing, and the Arabic note Arabic in both.
        if language == Language::French {
            let english = marked(&s, |l| l.is_some_and(|l| l.starts_with("en")));
            assert!(
                english.contains("MakingDigitalHappen"),
                "{at}: the report's title is English"
            );
            assert!(
                english.contains(&lead),
                "{at}: the report's recommendation is English"
            );
            let french = marked(&s, |l| l.is_none_or(|l| l.starts_with("fr")));
            assert!(!french.contains(&lead), "{at}: no part of it is French");
        }
        // A PDF stores right-to-left glyphs in the order they are drawn
        // (right to left); readers put them back in the order typed, as
        // poppler does below.
        let drawn = |t: &str| squeeze(t).chars().rev().collect::<String>();
        let arabic = marked(&s, |l| l.is_some_and(|l| l.starts_with("ar")));
        assert!(
            arabic.contains(&drawn(ARABIC)),
            "{at}: the Arabic note is tagged Arabic: {arabic:?}"
        );
        assert!(
            arabic.contains(&drawn(AUTHOR)),
            "{at}: the Arabic name is tagged Arabic"
        );
        // Isolated, the name cannot capture the number after it: the line
        // is drawn date, kind, name, then "Source: 2026-11" to its right.
        let all = marked(&s, |_| true);
        let name = all.find(&drawn(AUTHOR)).expect("the name is printed");
        let source = all
            .find("2026-11")
            .expect("the source is printed whole, in order");
        assert!(name < source, "{at}: the number stays after the name");
        let extracted = pdftotext(&pdf, &[]);
        assert!(
            extracted.contains(ARABIC),
            "{at}: extracted in the order it was typed"
        );

        // Characters no shipped font draws are drawn as �, and the PDF
        // keeps each as the text the glyph stands for: the first through
        // the font's map, any other through /ActualText.
        let all = marked(&s, |_| true);
        assert!(all.contains("Launched🚀ontime🎉"), "{at}: {all:?}");
        let actual: Vec<&str> = s["actual_texts"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert!(
            actual.iter().any(|a| a.contains('🎉') || a.contains('🚀')),
            "{at}: {actual:?}"
        );
        assert!(
            pdftotext(&pdf, &[]).contains("Launched 🚀 on time 🎉"),
            "{at}"
        );

        // Lists are lists: each item of page 1's lists is an LI in an L.
        let items: Vec<&Value> = elements(&s, "LI").collect();
        assert!(items.len() >= 8, "{at}: page 1's lists are tagged as lists");
        assert!(items.iter().all(|i| i["parent"] == "L"), "{at}");
        assert!(elements(&s, "P").count() > 10, "{at}: paragraphs are P");

        // "Reported" and "Accepted" head their rows; no header is empty.
        let row_headers: Vec<String> = elements(&s, "TH")
            .filter(|h| h["scope"] == "Row")
            .map(text)
            .collect();
        assert_eq!(
            row_headers.iter().filter(|h| *h == reported).count(),
            7,
            "{at}: {row_headers:?}"
        );
        assert_eq!(
            row_headers.iter().filter(|h| *h == accepted).count(),
            7,
            "{at}"
        );
        assert!(
            elements(&s, "TH").all(|h| !text(h).is_empty()),
            "{at}: no empty header cell"
        );

        // The caption belongs to its figure: both in the figure's group,
        // and the figure says in words what it shows.
        let figures: Vec<&Value> = elements(&s, "Figure").collect();
        let captions: Vec<&Value> = elements(&s, "Caption").collect();
        assert_eq!((figures.len(), captions.len()), (1, 1), "{at}");
        assert_eq!(
            figures[0]["parent_index"], captions[0]["parent_index"],
            "{at}: caption and figure together"
        );
        assert!(
            figures[0]["alt"].as_str().unwrap().len() > 80,
            "{at}: the figure's alternative text"
        );

        // The handling marking is said once as text on page 1, not only in
        // the page furniture.
        let marking = squeeze(&options.marking);
        let first = s["marked"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["page"] == 0)
            .unwrap();
        assert_eq!(text(first), marking, "{at}: page 1 opens with the marking");
        assert!(
            squeeze(s["artifacts"].as_str().unwrap()).contains(&marking),
            "{at}: and the header repeats it"
        );
    }
}
