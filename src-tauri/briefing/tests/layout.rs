//! The briefing's layout holds whatever the tracker holds: page 1 keeps
//! the lists for the deputy minister, and each recommendation fits on one
//! page, with every text at its longest and every list at its fullest.

mod common;

use common::{keep, options, pdftotext};
use followthrough_briefing::{render, BriefingOptions, Language, Wording};
use followthrough_core::assessments::AssessmentInput;
use followthrough_core::evidence::NewEvidence;
use followthrough_core::milestones::NewMilestone;
use followthrough_core::owners::OwnerInput;
use followthrough_core::periods::NewPeriod;
use followthrough_core::validate::limit;
use followthrough_core::{Actor, FixedClock, Tracker};

/// One line of `n` characters.
fn line(n: usize, word: &str) -> String {
    long(n, word).replace('\n', " ")
}

/// Text of `n` characters over many lines, the way a long note is typed.
fn long(n: usize, word: &str) -> String {
    let mut out = String::new();
    while out.chars().count() < n {
        out.push_str(word);
        out.push(if out.len() % 90 < word.len() {
            '\n'
        } else {
            ' '
        });
    }
    out.chars().take(n).collect::<String>().trim().to_owned()
}

/// Every field at its limit: owners with the longest names, a dozen
/// milestones per recommendation (overdue, moved with long reasons, done
/// in the period), forty notes each, and every assessment's texts at
/// 20,000 characters, with decisions required and returns.
fn fullest(dir: &std::path::Path) -> (Tracker, i64) {
    let mut t = Tracker::create(
        &dir.join("t.sqlite3"),
        Box::new(FixedClock::on("2026-11-25".parse().unwrap())),
    )
    .unwrap();
    let ea = Actor::new("Executive Assistant").unwrap();
    let dm = Actor::new("Deputy Minister").unwrap();
    let period = t
        .open_period(
            &ea,
            &NewPeriod {
                label: "2026-27 Q3".into(),
                starts_on: "2026-10-01".into(),
                ends_on: "2026-12-31".into(),
            },
        )
        .unwrap()
        .id;
    let owners: Vec<i64> = (0..6)
        .map(|i| {
            t.add_owner(
                &ea,
                &OwnerInput {
                    name: line(limit::NAME, &format!("Wolfeschlegelsteinhausen{i}")),
                    title: line(limit::NAME, "Assistant Deputy Minister"),
                    unit: line(limit::NAME, "Digital Transformation Branch"),
                    email: "someone@example.org".into(),
                },
            )
            .unwrap()
            .id
        })
        .collect();
    let owner = owners[0];
    for n in 1..=8 {
        let rec = t.recommendation_by_number(n).unwrap().id;
        t.assign_owners(&ea, rec, Some(owner), &owners[1..])
            .unwrap();
        for i in 0..12 {
            let due = format!("2026-{:02}-{:02}", 9 + i % 4, 1 + i);
            let m = t
                .add_milestone(
                    &ea,
                    &NewMilestone {
                        recommendation_id: rec,
                        title: line(limit::TITLE, "Milestone"),
                        owner_id: Some(owner),
                        due: due.clone(),
                    },
                )
                .unwrap();
            if i % 3 == 0 {
                t.move_milestone(&ea, m.id, "2026-11-20", &long(limit::REASON, "because"))
                    .unwrap();
            }
            if i % 4 == 1 {
                t.set_milestone_state(&ea, m.id, "done", Some("2026-10-15"))
                    .unwrap();
            }
        }
        for i in 0..40 {
            t.add_evidence(
                &ea,
                &NewEvidence {
                    recommendation_id: rec,
                    observed_on: Some(format!("2026-10-{:02}", 1 + i % 28)),
                    kind: ["progress", "risk", "decision", "metric"][i % 4].into(),
                    text: long(limit::LONG_TEXT, "evidence"),
                    source_ref: line(limit::SOURCE, "reference"),
                    ..Default::default()
                },
            )
            .unwrap();
        }
        let a = t
            .report_assessment(
                &ea,
                &AssessmentInput {
                    period_id: period,
                    recommendation_id: rec,
                    status: "fully_implemented".into(),
                    confidence: "red".into(),
                    commentary: long(limit::LONG_TEXT, "commentary on track"),
                    next_steps: long(limit::LONG_TEXT, "next"),
                    risks: long(limit::LONG_TEXT, "risk"),
                    decisions_required: long(limit::LONG_TEXT, "decide"),
                },
            )
            .unwrap();
        if n % 2 == 0 {
            t.return_assessment(&dm, a.id, &long(limit::LONG_TEXT, "why"))
                .unwrap();
        }
    }
    (t, period)
}

/// The text of each page, through poppler's `pdftotext`.
fn pages(pdf: &[u8]) -> Vec<String> {
    pdftotext(pdf, &["-layout"])
        .split('\u{c}')
        .map(|p| p.replace('\u{200B}', ""))
        .collect()
}

#[test]
fn page_one_holds_the_lists_and_each_recommendation_fits_one_page() {
    let dir = tempfile::tempdir().unwrap();
    let (mut t, period) = fullest(dir.path());
    let source = t.briefing_source(period).unwrap();
    for (language, lists, last_list, evidence_heading, not_shown, scales) in [
        (
            Language::English,
            "For your decision and review",
            "Reports that contradict themselves or the tracker",
            "Evidence notes of the period",
            "are not printed here",
            "The two scales",
        ),
        (
            Language::French,
            "Pour décision et examen",
            "Déclarations qui se contredisent ou contredisent le suivi",
            "Pièces justificatives de la période",
            "ne sont pas reproduites ici",
            "Les deux échelles",
        ),
    ] {
        let pdf = render(&source, &options(language)).unwrap();
        keep(&format!("fullest-{}.pdf", language.code()), &pdf);
        let pages = pages(&pdf);
        assert!(
            pages[0].contains(lists),
            "{language:?}: the lists open page 1"
        );
        // Every list fits on page 1: the last one, and what it leaves out
        // counted, are there.
        let page_one = pages[0]
            .split(last_list)
            .nth(1)
            .unwrap_or_else(|| panic!("{language:?}: the last list is on page 1"));
        assert!(
            page_one.contains(&language.and_more(21)),
            "{language:?}: page 1 never overflows: the last list ends on it"
        );
        let titles: Vec<String> = source
            .snapshot
            .recommendations
            .iter()
            .map(|r| {
                let title = match language {
                    // The unofficial French short titles.
                    Language::French => followthrough_core::seed::french(&r.title).unwrap().title,
                    Language::English => &r.title,
                };
                format!("{}. {title}", r.number)
            })
            .collect();
        let mut starts = Vec::new();
        for title in &titles {
            let on: Vec<usize> = (0..pages.len())
                .filter(|i| pages[*i].lines().any(|l| l.trim() == title))
                .collect();
            assert_eq!(on.len(), 1, "{language:?}: {title} heads one page");
            let page = &pages[on[0]];
            // The section's last parts are on the page its heading is on.
            assert!(
                page.contains(evidence_heading),
                "{language:?}: {title}: its evidence is on its page"
            );
            assert!(
                page.contains(not_shown),
                "{language:?}: {title}: its last line is on its page"
            );
            starts.push(on[0]);
        }
        // One page each: nothing of a recommendation runs over.
        let first = starts[0];
        assert_eq!(
            starts,
            (first..first + 8).collect::<Vec<_>>(),
            "{language:?}"
        );
        assert!(
            pages[first + 8].contains(scales),
            "{language:?}: the definitions follow"
        );
        // Page 1 and its continuation, what changed, the timeline, eight
        // pages, the definitions: a briefing read in minutes.
        assert!(pages.len() <= 16, "{language:?}: {} pages", pages.len());
    }
}

#[test]
fn the_annex_prints_every_note_of_the_period_and_each_text_cut() {
    let dir = tempfile::tempdir().unwrap();
    let (mut t, period) = fullest(dir.path());
    let source = t.briefing_source(period).unwrap();
    let notes: usize = source
        .snapshot
        .recommendations
        .iter()
        .map(|r| r.period_evidence.len())
        .sum();
    assert_eq!(notes, 320);
    let options = |annex| BriefingOptions {
        language: Language::English,
        organization: "Office".into(),
        marking: "Marking".into(),
        prepared_by: String::new(),
        annex,
    };
    let without = pages(&render(&source, &options(false)).unwrap()).concat();
    let with = pages(&render(&source, &options(true)).unwrap()).concat();
    assert!(!without.contains("Annex: the period's evidence"));
    assert!(with.contains("Annex: the period's evidence"));
    assert!(with.contains("they are in the annex."));
    // Each note's line names its source; the pages print three notes for
    // each recommendation, the annex all of them.
    let sources = |text: &str| text.matches("Source: reference").count();
    assert_eq!(sources(&without), 8 * 3);
    assert_eq!(sources(&with), 8 * 3 + notes);
    // The texts cut to fit a page, in full: the commentary's last words.
    assert!(with.matches("TEXTS IN FULL").count() == 8);
}
