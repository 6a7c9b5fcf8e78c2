//! "What changed": the period's changes in words, each list capped so the
//! section stays a page or two however busy the period was.

use super::{cut, one_line, rec_title, TITLE_CHARS};
use crate::labels::{Language, Wording};
use followthrough_core::changes::Changes;
use serde_json::{json, Value};

/// How many items each list of changes shows; the rest are counted.
pub const CHANGE_ITEMS: usize = 8;

/// How many characters of a user's text a change shows.
const TEXT_CHARS: usize = 200;

pub(super) fn json(
    c: &Changes,
    has_previous: bool,
    s: &followthrough_core::snapshots::Snapshot,
    lang: Language,
    p: &dyn Fn(&str) -> String,
) -> Value {
    let l = lang.labels();
    let title = |n: i64| {
        s.recommendation(n)
            .map(|r| p(&rec_title(r, lang)))
            .unwrap_or_default()
    };
    let from_to = |from: Option<String>, to: String| {
        format!("{} → {}", from.unwrap_or_else(|| l.was_none.to_owned()), to)
    };
    let mut groups: Vec<Value> = Vec::new();
    let group = |groups: &mut Vec<Value>, heading: &str, mut items: Vec<Value>| {
        if !items.is_empty() {
            let more = items.len().saturating_sub(CHANGE_ITEMS);
            items.truncate(CHANGE_ITEMS);
            groups.push(json!({
                "heading": heading,
                "items": items,
                "more": (more > 0).then(|| lang.and_more(more as i64)),
            }));
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
            .map(|m| json!({ "number": m.number, "title": p(&cut(&m.title, TITLE_CHARS)), "text": lang.done_on(m.completed_on, m.days_late) }))
            .collect(),
    );
    group(
        &mut groups,
        l.slipped,
        c.slipped
            .iter()
            .map(|m| json!({
                "number": m.number,
                "title": p(&cut(&m.title, TITLE_CHARS)),
                "text": format!("{} → {}", lang.short_date(m.from), lang.short_date(m.to)),
                "detail": if m.reason.is_empty() { Value::Null } else { Value::from(format!("{}{} {}", l.reason, l.colon, p(&one_line(&m.reason, TEXT_CHARS)))) },
            }))
            .collect(),
    );
    group(
        &mut groups,
        l.newly_overdue,
        c.newly_overdue
            .iter()
            .map(|m| json!({ "number": m.number, "title": p(&cut(&m.title, TITLE_CHARS)), "text": lang.short_date(m.due) }))
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
            .map(|x| json!({ "number": x.number, "title": title(x.number), "text": p(&one_line(&x.text, TEXT_CHARS)) }))
            .collect(),
    );
    group(
        &mut groups,
        l.new_decisions,
        c.new_decisions
            .iter()
            .map(|x| json!({ "number": x.number, "title": title(x.number), "text": p(&one_line(&x.text, TEXT_CHARS)) }))
            .collect(),
    );
    group(
        &mut groups,
        l.returned,
        c.returned
            .iter()
            .map(|x| json!({ "number": x.number, "title": title(x.number), "text": format!("{} — {}", lang.instant(&x.at.at), p(&one_line(&x.at.comment, TEXT_CHARS))) }))
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
