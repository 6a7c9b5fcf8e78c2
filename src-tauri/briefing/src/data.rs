//! The data file the template reads: the snapshot, what changed, and every
//! word and date already written out in the briefing's language.
//!
//! All user text reaches typst only as values in this JSON, never as markup,
//! so a note holding typst syntax prints as the characters it is. Text is
//! prepared here for printing: characters no shipped font can draw are
//! replaced (a PDF/UA export must not fail on one character), invisible
//! formatting characters are dropped, and very long words get break
//! opportunities so that they wrap instead of running off the page.

use crate::labels::{definition, Labels, Language, Wording};
use crate::BriefingOptions;
use chrono::NaiveDate;
use followthrough_core::changes::{self, Changes};
use followthrough_core::scales::{Confidence, ImplementationStatus, Trend};
use followthrough_core::snapshots::{BriefingSource, MilestoneSnapshot, RecommendationSnapshot};
use serde::Serialize;
use serde_json::{json, Value};

/// How many open milestones the timeline figure shows.
pub const TIMELINE_ROWS: usize = 30;

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
    out
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
    let changes = changes::between(source.previous.as_ref(), s);

    let recommendations: Vec<Value> = s
        .recommendations
        .iter()
        .map(|r| recommendation(r, source, lang, &p))
        .collect();

    let confidence_counts: Vec<Value> = Confidence::ALL
        .iter()
        .map(|c| {
            let n = s
                .recommendations
                .iter()
                .filter(|r| r.assessment.as_ref().is_some_and(|a| a.confidence == *c))
                .count();
            json!({ "key": c.key(), "label": term("confidence", c.key()), "count": n })
        })
        .collect();
    let status_counts: Vec<Value> = ImplementationStatus::ALL
        .iter()
        .map(|st| {
            let n = s
                .recommendations
                .iter()
                .filter(|r| r.assessment.as_ref().is_some_and(|a| a.status == *st))
                .count();
            json!({ "key": st.key(), "label": term("status", st.key()), "count": n })
        })
        .collect();
    let not_reported = s
        .recommendations
        .iter()
        .filter(|r| r.assessment.is_none())
        .count();
    let (total, done, overdue) = s.recommendations.iter().fold((0, 0, 0), |(t, d, o), r| {
        let c = r.milestone_counts();
        (t + c.total, d + c.done, o + c.overdue)
    });

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
        "generated": lang.instant(&s.taken_at),
        "fingerprint": source.fingerprint,
        "trail": source.trail_head.as_ref().map(|h| json!({
            "event": h.event_id,
            "hash": h.hash.get(..16).unwrap_or(&h.hash),
        })),
        "summary_lines": summary_lines(lang, &confidence_counts, &status_counts, not_reported, total, done, overdue),
        "summary": {
            "confidence": confidence_counts,
            "status": status_counts,
            "not_reported": not_reported,
            "milestones_total": total,
            "milestones_done": done,
            "milestones_overdue": overdue,
        },
        "recommendations": recommendations,
        "attention": attention(s, lang, &p),
        "changes": changes_json(&changes, source.previous.is_some(), s, lang, &p),
        "timeline": timeline(s, lang, &p),
        "definitions": definitions,
    })
}

/// How many of a recommendation's notes of the period are printed (the
/// newest); the others are counted.
pub const NOTES_PER_RECOMMENDATION: usize = 20;

/// How many characters of a note are printed.
pub const NOTE_CHARS: usize = 1_500;

/// `text` cut to `max` characters, with an ellipsis when it was longer.
fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_owned(),
        Some((i, _)) => format!("{}…", &text[..i]),
    }
}

/// The three lines under the title: confidence, status and milestones.
fn summary_lines(
    lang: Language,
    confidence: &[Value],
    status: &[Value],
    not_reported: usize,
    milestones: i64,
    done: i64,
    overdue: i64,
) -> Vec<Value> {
    let l = lang.labels();
    let counts = |items: &[Value]| -> String {
        let mut parts: Vec<String> = items
            .iter()
            .filter(|i| i["count"].as_u64().unwrap_or(0) > 0)
            .map(|i| {
                let n = i["count"].as_i64().unwrap_or(0);
                format!("{} {}", i["label"].as_str().unwrap_or(""), lang.number(n))
            })
            .collect();
        if not_reported > 0 {
            parts.push(format!(
                "{} {}",
                l.not_reported,
                lang.number(not_reported as i64)
            ));
        }
        parts.join(" · ")
    };
    let (done, milestones, overdue) = (
        lang.number(done),
        lang.number(milestones),
        lang.number(overdue),
    );
    let milestone_line = match lang {
        Language::English => format!("{done} of {milestones} done · {overdue} overdue"),
        Language::French => format!("{done} sur {milestones} terminés · {overdue} en retard"),
    };
    vec![
        json!({ "label": l.confidence, "text": counts(confidence) }),
        json!({ "label": l.status, "text": counts(status) }),
        json!({ "label": l.milestones, "text": milestone_line }),
    ]
}

fn recommendation(
    r: &RecommendationSnapshot,
    source: &BriefingSource,
    lang: Language,
    p: &dyn Fn(&str) -> String,
) -> Value {
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
        .map(|m| json!({ "title": p(&m.milestone.title), "due": lang.short_date(m.milestone.current_due), "overdue": m.overdue }));
    let counts = r.milestone_counts();
    let milestones: Vec<Value> = r
        .milestones
        .iter()
        .map(|m| {
            json!({
                "title": p(&m.milestone.title),
                "owner": m.owner.as_deref().map(p),
                "baseline": lang.short_date(m.milestone.baseline_due),
                "current": lang.short_date(m.milestone.current_due),
                "slip_days": m.slip_days,
                // "+12 days", "-3 jours", "0": signed, separated as the
                // language separates thousands.
                "slip_text": match m.slip_days {
                    0 => "0".to_owned(),
                    d if d > 0 => format!("+{}", lang.days(d)),
                    d => lang.days(d),
                },
                "replans": m.milestone.revisions.len(),
                "reason": m.milestone.revisions.last().map(|v| p(&v.reason)),
                "state": term("milestone", m.milestone.state.key()),
                "overdue": m.overdue,
            })
        })
        .collect();
    // The newest notes, each cut to a length a page can hold: a period
    // holding thousands of long notes still gives a briefing of bounded
    // size and memory; the rest are counted.
    let shown = r.period_evidence.len().min(NOTES_PER_RECOMMENDATION);
    let more_evidence = r.period_evidence.len() - shown;
    let evidence: Vec<Value> = r.period_evidence[more_evidence..]
        .iter()
        .map(|e| {
            json!({
                "observed": lang.short_date(e.observed_on),
                "kind": term("evidence", e.kind.key()),
                "author": p(&cut(&e.author, NOTE_CHARS)),
                "text": p(&cut(&e.text, NOTE_CHARS)),
                "source": p(&cut(&e.source_ref, NOTE_CHARS)),
            })
        })
        .collect();
    let evidence_counts: Vec<Value> = r
        .evidence_counts
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| json!({ "kind": term("evidence", k), "count": n, "count_text": lang.number(*n) }))
        .collect();
    let assessment = a.map(|a| {
        json!({
            "status": term("status", a.status.key()),
            "confidence_key": a.confidence.key(),
            "confidence": term("confidence", a.confidence.key()),
            "accepted_status": a.accepted_status.map(|s| term("status", s.key())),
            "accepted_confidence": a.accepted_confidence.map(|c| term("confidence", c.key())),
            "accepted_confidence_key": a.accepted_confidence.map(|c| c.key()),
            "review": term("review", a.review_state.key()),
            "review_comment": p(&a.review_comment),
            "commentary": p(&a.commentary),
            "next_steps": p(&a.next_steps),
            "risks": p(&a.risks),
            "decisions_required": p(&a.decisions_required),
            "reported_by": p(&a.reported_by),
        })
    });
    json!({
        "number": r.number,
        "title": p(&r.title),
        "lead_sentence": p(&r.lead),
        // The report's text opens with the lead sentence: print the rest.
        "text": p(r.text.strip_prefix(r.lead.as_str()).unwrap_or(&r.text).trim_start()),
        "lead": r.lead_owner.as_ref().map(|o| p(&o.name)),
        "lead_role": r.lead_owner.as_ref().map(|o| p(&[o.title.as_str(), o.unit.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(", "))),
        "supporting": r.supporting_owners.iter().map(|o| p(&o.name)).collect::<Vec<_>>(),
        "target_date": r.target_date.map(|d| lang.date(d)),
        "assessment": assessment,
        "trend": trend_key.map(|k| term("trend", k)),
        "trend_key": trend_key,
        "milestones_done": counts.done,
        "milestones_total": counts.total,
        "milestones_text": format!("{}/{}", lang.number(counts.done), lang.number(counts.total)),
        "next": next,
        "milestones": milestones,
        "evidence": evidence,
        "more_evidence": more_evidence,
        "evidence_counts": evidence_counts,
    })
}

/// What the deputy minister is asked to look at: decisions required,
/// assessments returned, delivery in doubt, and overdue milestones.
fn attention(
    s: &followthrough_core::snapshots::Snapshot,
    lang: Language,
    p: &dyn Fn(&str) -> String,
) -> Vec<Value> {
    let l = lang.labels();
    let mut items = Vec::new();
    for r in &s.recommendations {
        let Some(a) = &r.assessment else { continue };
        if !a.decisions_required.trim().is_empty() {
            items.push(json!({ "number": r.number, "what": l.decision_required, "text": p(&a.decisions_required) }));
        }
        if a.review_state == followthrough_core::scales::ReviewState::Returned {
            items.push(json!({ "number": r.number, "what": l.returned_by_dm, "text": p(&a.review_comment) }));
        }
        if a.confidence.rank() <= Confidence::AmberRed.rank() {
            let text = if a.risks.trim().is_empty() {
                a.commentary.clone()
            } else {
                a.risks.clone()
            };
            items.push(json!({
                "number": r.number,
                "what": format!("{} ({})", l.low_confidence, lang.term(&format!("confidence.{}", a.confidence.key()))),
                "text": p(&text),
            }));
        }
        let overdue: Vec<String> = r
            .milestones
            .iter()
            .filter(|m| m.overdue)
            .map(|m| {
                format!(
                    "{} ({})",
                    m.milestone.title,
                    lang.short_date(m.milestone.current_due)
                )
            })
            .collect();
        if !overdue.is_empty() {
            items.push(json!({ "number": r.number, "what": l.overdue_milestones, "text": p(&overdue.join("; ")) }));
        }
    }
    items
}

fn changes_json(
    c: &Changes,
    has_previous: bool,
    s: &followthrough_core::snapshots::Snapshot,
    lang: Language,
    p: &dyn Fn(&str) -> String,
) -> Value {
    let l = lang.labels();
    let title = |n: i64| s.recommendation(n).map(|r| p(&r.title)).unwrap_or_default();
    let from_to = |from: Option<String>, to: String| {
        format!("{} → {}", from.unwrap_or_else(|| l.was_none.to_owned()), to)
    };
    let mut groups: Vec<Value> = Vec::new();
    let group = |groups: &mut Vec<Value>, heading: &str, items: Vec<Value>| {
        if !items.is_empty() {
            groups.push(json!({ "heading": heading, "items": items }));
        }
    };
    group(
        &mut groups,
        l.status_changes,
        c.status
            .iter()
            .map(|x| json!({ "number": x.number, "title": title(x.number), "text": from_to(x.from.map(|f| lang.term(&format!("status.{}", f.key())).to_owned()), lang.term(&format!("status.{}", x.to.key())).to_owned()) }))
            .collect(),
    );
    group(
        &mut groups,
        l.confidence_changes,
        c.confidence
            .iter()
            .map(|x| json!({ "number": x.number, "title": title(x.number), "text": from_to(x.from.map(|f| lang.term(&format!("confidence.{}", f.key())).to_owned()), lang.term(&format!("confidence.{}", x.to.key())).to_owned()) }))
            .collect(),
    );
    group(
        &mut groups,
        l.completed,
        c.completed
            .iter()
            .map(|m| json!({ "number": m.number, "title": p(&m.title), "text": lang.done_on(m.completed_on, m.days_late) }))
            .collect(),
    );
    group(
        &mut groups,
        l.slipped,
        c.slipped
            .iter()
            .map(|m| json!({
                "number": m.number,
                "title": p(&m.title),
                "text": format!("{} → {}", lang.short_date(m.from), lang.short_date(m.to)),
                "detail": if m.reason.is_empty() { Value::Null } else { Value::from(format!("{}{} {}", l.reason, l.colon, p(&m.reason))) },
            }))
            .collect(),
    );
    group(
        &mut groups,
        l.newly_overdue,
        c.newly_overdue
            .iter()
            .map(|m| json!({ "number": m.number, "title": p(&m.title), "text": lang.short_date(m.due) }))
            .collect(),
    );
    if !c.new_evidence.is_empty() {
        let text = c
            .new_evidence
            .iter()
            .map(|(k, n)| {
                format!(
                    "{} {}",
                    lang.term(&format!("evidence.{k}")),
                    lang.number(*n)
                )
            })
            .collect::<Vec<_>>()
            .join(" · ");
        groups.push(json!({ "heading": l.new_evidence, "items": [{ "number": Value::Null, "title": "", "text": text }] }));
    }
    group(
        &mut groups,
        l.new_risks,
        c.new_risks
            .iter()
            .map(|x| json!({ "number": x.number, "title": title(x.number), "text": p(&x.text) }))
            .collect(),
    );
    group(
        &mut groups,
        l.new_decisions,
        c.new_decisions
            .iter()
            .map(|x| json!({ "number": x.number, "title": title(x.number), "text": p(&x.text) }))
            .collect(),
    );
    group(
        &mut groups,
        l.returned,
        c.returned
            .iter()
            .map(|x| json!({ "number": x.number, "title": title(x.number), "text": format!("{} — {}", lang.instant(&x.at.at), p(&x.at.comment)) }))
            .collect(),
    );
    let note = if !has_previous {
        Some(l.changes_first)
    } else if groups.is_empty() {
        Some(l.changes_none)
    } else {
        None
    };
    json!({
        "note": note,
        "groups": groups,
        // The counts behind the lists, for tests and for looking at.
        "figures": {
            "completed": c.completed.len(),
            "slipped": c.slipped.len(),
            "newly_overdue": c.newly_overdue.len(),
            "new_evidence": c.new_evidence,
        },
    })
}

/// The open milestones due soonest, placed on one date axis, with the
/// figure's alternative text.
fn timeline(
    s: &followthrough_core::snapshots::Snapshot,
    lang: Language,
    p: &dyn Fn(&str) -> String,
) -> Value {
    let mut open: Vec<(i64, &MilestoneSnapshot)> = s
        .recommendations
        .iter()
        .flat_map(|r| r.milestones.iter().map(move |m| (r.number, m)))
        .filter(|(_, m)| m.milestone.state.is_open())
        .collect();
    open.sort_by_key(|(n, m)| (m.milestone.current_due, *n, m.milestone.id));
    open.truncate(TIMELINE_ROWS);
    if open.is_empty() {
        return Value::Null;
    }
    let dates: Vec<NaiveDate> = open
        .iter()
        .flat_map(|(_, m)| [m.milestone.baseline_due, m.milestone.current_due])
        .chain([s.as_of])
        .collect();
    let start = *dates.iter().min().expect("dates");
    let end = *dates.iter().max().expect("dates");
    let span = (end - start).num_days().max(1) as f64;
    let at = |d: NaiveDate| (d - start).num_days() as f64 / span;
    let rows: Vec<Value> = open
        .iter()
        .map(|(n, m)| {
            json!({
                "number": n,
                "title": p(&m.milestone.title),
                "baseline": at(m.milestone.baseline_due),
                "current": at(m.milestone.current_due),
                "overdue": m.overdue,
                "slipped": m.slip_days > 0,
            })
        })
        .collect();
    let slipped = open.iter().filter(|(_, m)| m.slip_days > 0).count();
    let overdue = open.iter().filter(|(_, m)| m.overdue).count();
    let longest = open.iter().map(|(_, m)| m.slip_days).max().unwrap_or(0);
    let alt = match lang {
        Language::English => format!(
            "Timeline of the {} open milestones due soonest, from {} to {}. {} of them have moved later than planned (the largest slip is {}) and {} are overdue as of {}.",
            open.len(), lang.date(start), lang.date(end), slipped, lang.days(longest), overdue, lang.date(s.as_of)
        ),
        Language::French => format!(
            "Calendrier des {} jalons ouverts les plus proches, du {} au {}. {} ont été repoussés (l'écart le plus grand est de {}) et {} sont en retard en date du {}.",
            open.len(), lang.date(start), lang.date(end), slipped, lang.days(longest), overdue, lang.date(s.as_of)
        ),
    };
    json!({
        "rows": rows,
        "start": lang.short_date(start),
        "end": lang.short_date(end),
        "today": at(s.as_of),
        "today_label": lang.short_date(s.as_of),
        "alt": alt,
    })
}
