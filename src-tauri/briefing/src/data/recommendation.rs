//! One recommendation's page, and the optional evidence annex.
//!
//! The page holds what a deputy minister reads about one recommendation,
//! bounded so that it fits on one page whatever the tracker holds: the
//! assessment's texts cut to a few lines, the milestones that matter this
//! period (the rest counted), and the period's evidence as counts by kind
//! with its newest notes (the rest counted, and printed in full in the
//! annex when it is asked for).

use super::{cut, one_line, rec_title, NAME_CHARS, TITLE_CHARS};
use crate::labels::{Language, Wording};
use followthrough_core::assessments::Assessment;
use followthrough_core::decisions::Signer;
use followthrough_core::scales::{MilestoneState, ReviewState, Trend};
use followthrough_core::snapshots::{
    BriefingSource, MilestoneSnapshot, RecommendationSnapshot, Snapshot,
};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// How many milestones a recommendation's page lists.
pub const MILESTONE_ROWS: usize = 4;

/// How many of the period's notes a recommendation's page prints.
pub const NOTES_SHOWN: usize = 3;

/// How many characters of a note the annex prints.
pub const NOTE_CHARS: usize = 1_500;

/// How many characters, and lines, of each of the assessment's texts (and
/// of a note) a recommendation's page prints.
pub const TEXT_CHARS: usize = 180;
const TEXT_LINES: usize = 3;
const NOTE_EXCERPT: usize = 100;
const NOTE_LINES: usize = 2;
/// A milestone's reason or a note's source.
const CELL_CHARS: usize = 70;
/// The deputy minister's comment, on the review line.
const REVIEW_CHARS: usize = 120;
/// A note's source, on the line above the note.
const SOURCE_CHARS: usize = 50;
/// A milestone's title in the page's table.
const ROW_TITLE_CHARS: usize = 70;
/// How many supporting owners a page names; the rest are counted.
const SUPPORTING_NAMED: usize = 3;

/// `text` cut to `chars` characters and `lines` lines, and whether it was.
fn excerpt(text: &str, chars: usize, lines: usize) -> (String, bool) {
    let text = text.trim();
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(lines)
        .collect();
    let joined = kept.join("\n");
    let short = cut(&joined, chars);
    let was_cut = short != text;
    if was_cut && !short.ends_with('…') {
        (format!("{short} …"), true)
    } else {
        (short, was_cut)
    }
}

/// The deputy minister's comment on one line, and whether it was cut.
fn review_line(text: &str) -> (String, bool) {
    let whole = one_line(text, usize::MAX);
    (
        one_line(text, REVIEW_CHARS),
        whole.chars().count() > REVIEW_CHARS,
    )
}

/// Whether the page cuts an assessment's text.
fn text_is_cut(text: &str) -> bool {
    excerpt(text, TEXT_CHARS, TEXT_LINES).1
}

/// Why a milestone is shown, most pressing first; `None`: only counted.
fn priority(
    m: &MilestoneSnapshot,
    first: chrono::NaiveDate,
    last: chrono::NaiveDate,
) -> Option<u8> {
    let ms = &m.milestone;
    if m.overdue {
        Some(0)
    } else if ms.completed_on.is_some_and(|d| first <= d && d <= last) {
        Some(1)
    } else if ms.state.is_open() && m.slip_days > 0 {
        Some(2)
    } else if ms.state.is_open() {
        Some(3)
    } else {
        None
    }
}

pub(super) fn json(
    r: &RecommendationSnapshot,
    source: &BriefingSource,
    lang: Language,
    annex: bool,
    p: &dyn Fn(&str) -> String,
) -> Value {
    let s = &source.snapshot;
    let term = |prefix: &str, key: &str| lang.term(&format!("{prefix}.{key}"));
    let before = source
        .previous
        .as_ref()
        .and_then(|prev| prev.recommendation(r.number))
        .and_then(|b| b.assessment.as_ref())
        .map(|a| a.confidence);
    let a = r.assessment.as_ref();
    let trend_key = Trend::between(a.map(|a| a.confidence), before).map(Trend::key);
    let next = r
        .next_milestone()
        .map(|m| json!({ "title": p(&cut(&m.milestone.title, TITLE_CHARS)), "due": lang.short_date(m.milestone.current_due), "overdue": m.overdue }));
    let counts = r.milestone_counts();

    // The milestones that matter this period, by due date; the rest counted.
    let (first, last) = (s.period.starts_on, s.figures_on());
    let mut ranked: Vec<(u8, &MilestoneSnapshot)> = r
        .milestones
        .iter()
        .filter_map(|m| priority(m, first, last).map(|k| (k, m)))
        .collect();
    ranked.sort_by_key(|(k, m)| (*k, m.milestone.current_due, m.milestone.id));
    ranked.truncate(MILESTONE_ROWS);
    let mut shown: Vec<&MilestoneSnapshot> = ranked.into_iter().map(|(_, m)| m).collect();
    shown.sort_by_key(|m| (m.milestone.current_due, m.milestone.id));
    let is_shown = |m: &MilestoneSnapshot| shown.iter().any(|x| x.milestone.id == m.milestone.id);
    let shown_done = shown
        .iter()
        .filter(|m| m.milestone.state == MilestoneState::Done)
        .count() as i64;
    let hidden_open = r
        .milestones
        .iter()
        .filter(|m| m.milestone.state.is_open() && !is_shown(m))
        .count() as i64;
    let hidden_set_aside = r
        .milestones
        .iter()
        .filter(|m| {
            matches!(
                m.milestone.state,
                MilestoneState::Deferred | MilestoneState::Cancelled
            ) && !is_shown(m)
        })
        .count() as i64;
    let hidden = lang.milestones_not_shown(counts.done - shown_done, hidden_open, hidden_set_aside);
    let milestones: Vec<Value> = shown
        .iter()
        .map(|m| {
            let ms = &m.milestone;
            let state = term("milestone", ms.state.key());
            json!({
                "title": p(&cut(&ms.title, ROW_TITLE_CHARS)),
                "owner": m.owner.as_deref().map(|o| p(&cut(o, NAME_CHARS))),
                "baseline": lang.short_date(ms.baseline_due),
                "current": lang.short_date(ms.current_due),
                "slip_days": m.slip_days,
                // "+12 days", "-3 jours", "0": signed, separated as the
                // language separates thousands.
                "slip_text": match m.slip_days {
                    0 => "0".to_owned(),
                    d if d > 0 => format!("+{}", lang.days(d)),
                    d => lang.days(d),
                },
                "reason": ms.revisions.last().filter(|_| m.slip_days != 0).map(|v| p(&cut(&v.reason, CELL_CHARS))),
                "state": match ms.completed_on {
                    Some(d) => format!("{state} · {}", lang.short_date(d)),
                    None => state.to_owned(),
                },
                "overdue": m.overdue,
            })
        })
        .collect();

    // The period's evidence: counts by kind, and the newest notes.
    let mut by_kind: BTreeMap<&str, i64> = BTreeMap::new();
    for n in &r.period_evidence {
        *by_kind.entry(n.kind.key()).or_default() += 1;
    }
    let evidence_counts = by_kind
        .iter()
        .map(|(k, n)| format!("{} {}", term("evidence", k), lang.number(*n)))
        .collect::<Vec<_>>()
        .join(" · ");
    let notes: Vec<Value> = r
        .period_evidence
        .iter()
        .rev()
        .take(NOTES_SHOWN)
        .map(|e| {
            json!({
                "observed": lang.short_date(e.observed_on),
                "kind": term("evidence", e.kind.key()),
                "author": p(&cut(&e.author, NAME_CHARS)),
                "text": p(&excerpt(&e.text, NOTE_EXCERPT, NOTE_LINES).0),
                "source": p(&cut(&e.source_ref, SOURCE_CHARS)),
            })
        })
        .collect();
    let more_notes = r.period_evidence.len().saturating_sub(NOTES_SHOWN) as i64;

    // "A, B, C and 2 more".
    let mut names: Vec<String> = r
        .supporting_owners
        .iter()
        .take(SUPPORTING_NAMED)
        .map(|o| p(&cut(&o.name, NAME_CHARS)))
        .collect();
    let unnamed = r.supporting_owners.len().saturating_sub(SUPPORTING_NAMED);
    if unnamed > 0 {
        names.push(lang.and_more(unnamed as i64));
    }
    let supporting = names.join(", ");

    let any_cut = std::cell::Cell::new(false);
    let text = |t: &str| {
        let (t, was_cut) = excerpt(t, TEXT_CHARS, TEXT_LINES);
        any_cut.set(any_cut.get() || was_cut);
        p(&t)
    };
    let assessment = a.map(|a| {
        let (review, review_cut) = review_line(&a.review_comment);
        any_cut.set(any_cut.get() || review_cut);
        json!({
            "status": term("status", a.status.key()),
            "confidence_key": a.confidence.key(),
            "confidence": term("confidence", a.confidence.key()),
            "accepted_status": a.accepted_status.map(|s| term("status", s.key())),
            "accepted_confidence": a.accepted_confidence.map(|c| term("confidence", c.key())),
            "accepted_confidence_key": a.accepted_confidence.map(|c| c.key()),
            "review": term("review", a.review_state.key()),
            // Who reviewed and whether a key signed it; none while the
            // report awaits review.
            "reviewed": reviewed(a, r.review_signer.as_ref(), lang, p),
            "review_comment": p(&review),
            "commentary": text(&a.commentary),
            "next_steps": text(&a.next_steps),
            "risks": text(&a.risks),
            "decisions_required": text(&a.decisions_required),
            "reported_by": p(&cut(&a.reported_by, NAME_CHARS)),
        })
    });
    json!({
        "number": r.number,
        "title": p(&rec_title(r, lang)),
        "lead_sentence": p(&r.lead),
        // The report's text opens with the lead sentence: print the rest.
        "text": p(r.text.strip_prefix(r.lead.as_str()).unwrap_or(&r.text).trim_start()),
        "lead": r.lead_owner.as_ref().map(|o| p(&cut(&o.name, NAME_CHARS))),
        "lead_role": r.lead_owner.as_ref().map(|o| p(&cut(&[o.title.as_str(), o.unit.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(", "), 2 * NAME_CHARS))),
        "supporting": supporting,
        "target_date": r.target_date.map(|d| lang.date(d)),
        "assessment": assessment,
        "texts_cut": any_cut.get().then(|| lang.texts_cut(annex)),
        "trend": trend_key.map(|k| term("trend", k)),
        "trend_key": trend_key,
        "milestones_done": counts.done,
        "milestones_total": counts.total,
        "milestones_text": format!("{}/{}", lang.number(counts.done), lang.number(counts.total)),
        "next": next,
        "milestones": milestones,
        "milestones_hidden": hidden,
        "evidence_counts": evidence_counts,
        "evidence": notes,
        "more_notes": (more_notes > 0).then(|| lang.more_notes(more_notes, annex)),
    })
}

/// "by Alex Morgan on November 20, 2026 · signed with key ABCD 1234", for
/// an accepted or returned report; none while it awaits review.
fn reviewed(
    a: &Assessment,
    signer: Option<&Signer>,
    lang: Language,
    p: &dyn Fn(&str) -> String,
) -> Option<String> {
    let by = a.reviewed_by.as_deref()?;
    let on = a.reviewed_at.as_deref()?.get(..10)?.parse().ok()?;
    (a.review_state != ReviewState::Pending).then(|| {
        format!(
            "{} · {}",
            p(&lang.reviewed_by(&cut(by, NAME_CHARS), on)),
            p(&lang.signature(signer.map(|s| s.key.as_str())))
        )
    })
}

/// Every note of the period, by recommendation, newest first, each cut to
/// [`NOTE_CHARS`]; and the assessment's texts in full.
pub(super) fn annex(s: &Snapshot, lang: Language, p: &dyn Fn(&str) -> String) -> Value {
    let l = lang.labels();
    let sections: Vec<Value> = s
        .recommendations
        .iter()
        .filter(|r| !r.period_evidence.is_empty() || r.assessment.is_some())
        .map(|r| {
            let texts: Vec<Value> = r
                .assessment
                .iter()
                .flat_map(|a| {
                    [
                        (
                            l.review,
                            &a.review_comment,
                            (|t| review_line(t).1) as fn(&str) -> bool,
                        ),
                        (l.commentary, &a.commentary, text_is_cut),
                        (l.next_steps, &a.next_steps, text_is_cut),
                        (l.risks, &a.risks, text_is_cut),
                        (l.decisions_required, &a.decisions_required, text_is_cut),
                    ]
                })
                // Only the texts the recommendation's page had to cut.
                .filter(|(_, t, was_cut)| was_cut(t))
                .map(|(label, t, _)| json!({ "label": label, "text": p(&cut(t, 20_000)) }))
                .collect();
            let notes: Vec<Value> = r
                .period_evidence
                .iter()
                .rev()
                .map(|e| {
                    json!({
                        "observed": lang.short_date(e.observed_on),
                        "kind": lang.term(&format!("evidence.{}", e.kind.key())),
                        "author": p(&cut(&e.author, NAME_CHARS)),
                        "text": p(&cut(&e.text, NOTE_CHARS)),
                        "source": p(&cut(&e.source_ref, NOTE_CHARS)),
                    })
                })
                .collect();
            json!({ "number": r.number, "title": p(&rec_title(r, lang)), "texts": texts, "notes": notes })
        })
        .filter(|v| {
            !v["texts"].as_array().unwrap().is_empty() || !v["notes"].as_array().unwrap().is_empty()
        })
        .collect();
    json!({ "sections": sections })
}
