//! The data file the template reads: the snapshot, what changed, and every
//! word and date already written out in the briefing's language.
//!
//! All user text reaches typst only as values in this JSON, never as markup,
//! so a note holding typst syntax prints as the characters it is. Text is
//! prepared here for printing: invisible formatting characters are dropped
//! (a character no other shipped font can draw is drawn by the replacement
//! font as �, the PDF keeping the character as its actual text; see
//! `world.rs`), very long words get break
//! opportunities so that they wrap instead of running off the page, and
//! right-to-left text is isolated from what surrounds it.

use crate::labels::{definition, Labels, Wording};
use crate::BriefingOptions;
use followthrough_core::scales::{Confidence, ImplementationStatus};
use followthrough_core::snapshots::BriefingSource;
use serde::Serialize;
use serde_json::{json, Value};

mod changes;
mod front;
mod recommendation;
mod timeline;

pub use front::{ITEM_CHARS, LIST_ITEMS};
pub use recommendation::{MILESTONE_ROWS, NOTES_SHOWN, NOTE_CHARS, TEXT_CHARS};
pub use timeline::TIMELINE_ROWS;

/// Prepares user text for typesetting. `covered` says whether a shipped
/// font has a glyph for a character.
pub fn printable(text: &str, covered: &dyn Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = 0usize;
    for c in text.chars() {
        let c = match c {
            '\t' => ' ',
            '\r' => continue,
            // Invisible formatting: joiners, direction marks and overrides,
            // variation selectors, the byte-order mark, tag characters.
            '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{E0000}'..='\u{E007F}' => continue,
            '\u{2028}' | '\u{2029}' => '\n',
            c if c.is_control() && c != '\n' => continue,
            c if c == '\n' || covered(c) => c,
            _ => '\u{FFFD}',
        };
        let c = if c == '\u{FFFD}' && !covered(c) {
            '?'
        } else {
            c
        };
        if c.is_whitespace() || matches!(c, '-' | '/' | '–' | '—') {
            run = 0;
        } else {
            run += 1;
            // A word longer than a table cell can hold gets a break
            // opportunity every 24 characters.
            if run > 24 {
                out.push('\u{200B}');
                run = 1;
            }
        }
        out.push(c);
    }
    // Right-to-left text is isolated (first-strong isolate … pop), so it
    // cannot capture the dates and numbers the briefing prints beside it.
    if out.chars().any(is_right_to_left) {
        format!("\u{2068}{out}\u{2069}")
    } else {
        out
    }
}

/// A letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana,
/// N'Ko and their presentation forms).
fn is_right_to_left(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}
#[derive(Serialize)]
struct Term {
    key: &'static str,
    label: &'static str,
    definition: &'static str,
}

/// Builds the JSON the template reads.
pub fn build(
    source: &BriefingSource,
    options: &BriefingOptions,
    covered: &dyn Fn(char) -> bool,
) -> Value {
    let lang = options.language;
    let l: Labels = lang.labels();
    let p = |s: &str| printable(s, covered);
    let s = &source.snapshot;
    let term = |prefix: &str, key: &str| lang.term(&format!("{prefix}.{key}"));
    let what_changed = followthrough_core::changes::between(source.previous.as_ref(), s);

    let recommendations: Vec<Value> = s
        .recommendations
        .iter()
        .map(|r| recommendation::json(r, source, lang, options.annex, &p))
        .collect();
    let counts = front::counts(s);

    let definitions = json!({
        "status": ImplementationStatus::ALL.iter().map(|st| Term {
            key: st.key(),
            label: term("status", st.key()),
            definition: definition(lang, &format!("status.{}", st.key())),
        }).collect::<Vec<_>>(),
        "confidence": Confidence::ALL.iter().map(|c| Term {
            key: c.key(),
            label: term("confidence", c.key()),
            definition: definition(lang, &format!("confidence.{}", c.key())),
        }).collect::<Vec<_>>(),
    });

    let period = &s.period;
    let signed_off = match (&period.signed_off_at, &period.signed_off_by) {
        (Some(at), Some(by)) if !source.draft => Some(json!({
            "by": p(by),
            "at": lang.instant(at),
            "how": p(&lang.signature(s.sign_off_signer.as_ref().map(|s| s.key.as_str()))),
        })),
        _ => None,
    };

    json!({
        "lang": lang.code(),
        "labels": l,
        "title": l.title,
        "organization": p(&options.organization),
        "marking": p(&options.marking),
        "prepared_by": p(&options.prepared_by),
        "report": p(&s.report_title),
        "report_subtitle": p(&s.report_subtitle),
        // The year the report was published, from its `YYYY-MM` date.
        "report_year": source.report_published.as_deref().and_then(|d| d.get(..4)),
        "draft": source.draft,
        "period": {
            "label": p(&period.label),
            "dates": format!("{} – {}", lang.date(period.starts_on), lang.date(period.ends_on)),
            "state": term("period", period.state.key()),
        },
        "signed_off": signed_off,
        "as_of": lang.date(s.as_of),
        // When the snapshot was frozen (signed off) or the draft made.
        "taken": lang.instant(&s.taken_at),
        "fingerprint": source.fingerprint,
        "trail": source.trail_head.as_ref().map(|h| json!({
            "event": h.event_id,
            "hash": h.hash.get(..16).unwrap_or(&h.hash),
        })),
        "for_decision": front::for_decision(s, lang, &p),
        "summary_lines": front::summary_lines(s, &counts, lang),
        "summary": {
            "accepted": counts.accepted,
            "awaiting_review": counts.pending,
            "returned": counts.returned,
            "not_reported": counts.not_reported,
            "milestones_total": counts.milestones_total,
            "milestones_done": counts.milestones_done,
            "milestones_overdue": counts.milestones_overdue,
        },
        "recommendations": recommendations,
        "changes": changes::json(&what_changed, source.previous.is_some(), s, lang, &p),
        "timeline": timeline::json(s, lang, &p),
        "annex": options.annex.then(|| recommendation::annex(s, lang, &p)),
        "definitions": definitions,
    })
}

/// A recommendation's short title in the briefing's language: in French,
/// this program's unofficial translation of a seeded title (the briefing
/// says so), else the title as the tracker holds it.
pub(crate) fn rec_title(
    r: &followthrough_core::snapshots::RecommendationSnapshot,
    lang: crate::labels::Language,
) -> String {
    match lang {
        crate::labels::Language::French => followthrough_core::seed::french(&r.title)
            .map_or(r.title.as_str(), |f| f.title)
            .to_owned(),
        crate::labels::Language::English => r.title.clone(),
    }
}

/// How many characters of a person's name a briefing prints.
pub const NAME_CHARS: usize = 32;

/// How many characters of a milestone's title a table or list prints.
pub const TITLE_CHARS: usize = 90;

/// A user's text on one line (runs of white space made one space), cut to
/// `max` characters.
pub(crate) fn one_line(text: &str, max: usize) -> String {
    cut(&text.split_whitespace().collect::<Vec<_>>().join(" "), max)
}

/// `text` cut to `max` characters, with an ellipsis when it was longer.
pub(crate) fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_owned(),
        Some((i, _)) => format!("{}…", &text[..i]),
    }
}
