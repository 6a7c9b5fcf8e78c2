//! Typesetting briefings: the sample tracker in both languages, hostile text,
//! and byte-for-byte reproducibility of a signed-off period.
//!
//! Set `FOLLOWTHROUGH_BRIEFING_OUT` to a folder to keep the PDFs these tests
//! make, for looking at them.

mod common;

use common::{keep, options, pdftotext};
use followthrough_briefing::{data_json, render, BriefingOptions, Language};
use followthrough_core::evidence::NewEvidence;
use followthrough_core::{sample, Actor, FixedClock, Tracker};

fn today() -> chrono::NaiveDate {
    "2026-11-25".parse().unwrap()
}

fn sample_tracker(dir: &std::path::Path) -> Tracker {
    sample::create(
        &dir.join("sample.sqlite3"),
        Box::new(FixedClock::on(today())),
    )
    .unwrap()
}

/// The text of a PDF, through poppler's `pdftotext`, with line breaks and
/// the break opportunities added to long words removed.
fn pdf_text(pdf: &[u8]) -> String {
    pdftotext(pdf, &[])
        .replace('\u{200B}', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn periods(t: &mut Tracker) -> (i64, i64) {
    let all = t.periods().unwrap();
    let signed = all
        .iter()
        .find(|p| p.state.key() == "signed_off")
        .expect("the sample has a signed-off period");
    let open = all
        .iter()
        .find(|p| p.state.key() == "open")
        .expect("the sample has an open period");
    (signed.id, open.id)
}

#[test]
fn the_sample_tracker_briefs_in_english_and_french() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = sample_tracker(dir.path());
    let (signed, open) = periods(&mut t);
    for (period, draft) in [(signed, false), (open, true)] {
        let source = t.briefing_source(period).unwrap();
        assert_eq!(source.draft, draft);
        for lang in [Language::English, Language::French] {
            let pdf = render(&source, &options(lang)).unwrap();
            assert!(pdf.starts_with(b"%PDF-"), "a PDF");
            keep(
                &format!(
                    "sample-{}-{}.pdf",
                    if draft { "draft" } else { "signed" },
                    lang.code()
                ),
                &pdf,
            );
        }
    }
}

/// Counts of a thousand and more take the language's thousands separator
/// wherever the briefing prints them.
#[test]
fn large_counts_are_separated_as_each_language_writes_them() {
    use followthrough_core::milestones::NewMilestone;
    let dir = tempfile::tempdir().unwrap();
    let mut t = sample_tracker(dir.path());
    let ea = Actor::new("Executive Assistant").unwrap();
    for i in 0..1000 {
        t.add_milestone(
            &ea,
            &NewMilestone {
                recommendation_id: 2,
                title: format!("Step {i}"),
                due: "2027-06-30".into(),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let (_, open) = periods(&mut t);
    let source = t.briefing_source(open).unwrap();
    for (lang, separator) in [(Language::English, ","), (Language::French, "\u{a0}")] {
        let data: serde_json::Value =
            serde_json::from_str(&data_json(&source, &options(lang))).unwrap();
        let rec = &data["recommendations"][1];
        let total = rec["milestones_total"].as_i64().unwrap();
        assert!(total >= 1000);
        let expected = format!(
            "{}/{}{separator}{:03}",
            rec["milestones_done"],
            total / 1000,
            total % 1000
        );
        assert_eq!(rec["milestones_text"], expected.as_str());
        let summary = data["summary_lines"][2]["text"].as_str().unwrap();
        assert!(summary.contains(separator), "{summary}");
    }
}

/// "Prepared by" names the person when one is known, and is left out
/// (never "unknown") when neither the program nor the system gives a name.
#[test]
fn prepared_by_names_a_known_person_or_is_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = sample_tracker(dir.path());
    let (_, open) = periods(&mut t);
    let source = t.briefing_source(open).unwrap();
    let placeholder = Actor::new(Actor::PLACEHOLDER).unwrap();
    for (actor, shown) in [
        (Actor::new("Alex Morgan").unwrap(), true),
        (placeholder, false),
    ] {
        let options = BriefingOptions {
            prepared_by: BriefingOptions::preparer(&actor),
            ..options(Language::English)
        };
        let text = pdf_text(&render(&source, &options).unwrap());
        assert_eq!(text.contains("Prepared by Alex Morgan"), shown, "{text}");
        assert!(!text.contains("Prepared by unknown"), "{text}");
        assert_eq!(text.contains("Prepared by"), shown);
    }
}

#[test]
fn the_same_snapshot_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = sample_tracker(dir.path());
    let (signed, _) = periods(&mut t);
    let first = render(
        &t.briefing_source(signed).unwrap(),
        &options(Language::English),
    )
    .unwrap();
    // Later, on another day, after more work: the signed-off period's
    // briefing is the same file.
    let mut later = Tracker::open(
        &dir.path().join("sample.sqlite3"),
        Box::new(FixedClock::on("2027-03-01".parse().unwrap())),
    )
    .unwrap();
    later
        .add_evidence(
            &Actor::new("Someone").unwrap(),
            &NewEvidence {
                recommendation_id: 1,
                kind: "progress".into(),
                text: "Written after the sign-off.".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let second = render(
        &later.briefing_source(signed).unwrap(),
        &options(Language::English),
    )
    .unwrap();
    assert!(first == second, "byte-identical PDFs");
}

#[test]
fn hostile_text_prints_literally_and_never_fails_the_export() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = sample_tracker(dir.path());
    let (_, open) = periods(&mut t);
    let notes = [
        "#panic(\"x\")",
        "*bold* and _emphasis_ and $x^2$ and <script>alert(1)</script>",
        "]#set page(fill: red)[",
        "#read(\"/etc/passwd\")",
        &"x".repeat(400),
        "https://example.org/a/very/long/path/that/keeps/going/and/going/without/any/space/at/all/index.html?query=1&other=2",
        "Élaborer la stratégie numérique « clé » — étape 2",
        "ᐃᓄᒃᑎᑐᑦ ᑐᑭᓯᐅᑎ",
        "التحول الرقمي في الحكومة",
        "Launched 🚀 👩🏽‍💻 🇨🇦 ✅",
        "\u{202e}reversed\u{202c} and \u{200f}marks",
        "e\u{301}\u{302}\u{303} combining",
    ];
    let actor = Actor::new("Executive Assistant").unwrap();
    for n in notes {
        t.add_evidence(
            &actor,
            &NewEvidence {
                recommendation_id: 1,
                kind: "risk".into(),
                text: n.into(),
                source_ref: n.lines().next().unwrap().into(),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let source = t.briefing_source(open).unwrap();
    for lang in [Language::English, Language::French] {
        // With the annex, which prints every note of the period (the
        // recommendation's page prints the newest three).
        let options = |lang| BriefingOptions {
            annex: true,
            ..options(lang)
        };
        let data = data_json(&source, &options(lang));
        assert!(
            data.contains("#panic(\\\"x\\\")"),
            "typst syntax travels as data"
        );
        let pdf = render(&source, &options(lang)).expect("hostile text never fails an export");
        keep(&format!("hostile-{}.pdf", lang.code()), &pdf);
        let text = pdf_text(&pdf);
        for literal in [
            "#panic(\"x\")",
            "*bold* and _emphasis_ and $x^2$ and <script>alert(1)</script>",
            "]#set page(fill: red)[",
            "#read(\"/etc/passwd\")",
            "ᐃᓄᒃᑎᑐᑦ ᑐᑭᓯᐅᑎ",
            "Élaborer la stratégie numérique « clé »",
        ] {
            assert!(text.contains(literal), "{literal:?} prints literally");
        }
        // The 400-character word wraps within the page instead of being cut.
        let xs: usize = text
            .split(|c: char| c != 'x')
            .map(str::len)
            .filter(|n| *n >= 10)
            .sum();
        assert!(xs >= 400, "all 400 characters are printed ({xs})");
    }
}

/// Each review says who made it and whether a registered reviewer's key
/// signed it; the sign-off line too.
#[test]
fn who_reviewed_and_whether_a_key_signed_it_is_printed() {
    use followthrough_core::assessments::reported_hash;
    use followthrough_core::decisions::DecisionInput;
    use followthrough_core::keys::SecretKey;
    use followthrough_core::reviewers::ReviewerInput;
    use followthrough_core::scales::ReviewState;

    let dir = tempfile::tempdir().unwrap();
    let mut t = sample_tracker(dir.path());
    let (signed, open) = periods(&mut t);

    // The sample's reviews were made by name, before any key.
    let source = t.briefing_source(signed).unwrap();
    let en = pdf_text(&render(&source, &options(Language::English)).unwrap());
    assert!(
        en.contains("by name, not signed"),
        "the sign-off line and each review say so: {en}"
    );
    let fr = pdf_text(&render(&source, &options(Language::French)).unwrap());
    assert!(fr.contains("par nom, sans signature"), "{fr}");

    // A registered reviewer accepts one report of the open period with
    // their key: its page says the key.
    let key = SecretKey::generate("Deputy Minister").unwrap();
    let ea = Actor::new("Executive Assistant").unwrap();
    let input = ReviewerInput {
        public_key: key.public().to_text(),
        ..Default::default()
    };
    t.add_reviewer(&ea, &input).unwrap();
    let pending = t
        .assessments(Some(open), None)
        .unwrap()
        .into_iter()
        .find(|a| a.review_state == ReviewState::Pending)
        .expect("the sample's open period has a report awaiting review");
    let decision = DecisionInput {
        period_id: open,
        assessment_id: Some(pending.id),
        decision: "accept".into(),
        comment: String::new(),
        reported: Some(reported_hash(&pending)),
    };
    t.decide(&key, &decision).unwrap();
    let short = key.public().fingerprint().short().to_owned();
    let source = t.briefing_source(open).unwrap();
    let pdf = render(&source, &options(Language::English)).unwrap();
    keep("signed-review-en.pdf", &pdf);
    let en = pdf_text(&pdf);
    assert!(
        en.contains(&format!(
            "by Deputy Minister on November 25, 2026 · signed with key {short}"
        )),
        "{en}"
    );
    let fr = pdf_text(&render(&source, &options(Language::French)).unwrap());
    assert!(
        fr.contains(&format!(
            "par Deputy Minister le 25 novembre 2026 · signé avec la clé {short}"
        )),
        "{fr}"
    );
}
