//! The milestone timeline figure.

use super::cut;
use crate::labels::{Language, Wording};
use chrono::NaiveDate;
use followthrough_core::snapshots::MilestoneSnapshot;
use serde_json::{json, Value};

/// How many open milestones the timeline figure shows.
pub const TIMELINE_ROWS: usize = 30;

/// A row's label stays on one line.
const LABEL_CHARS: usize = 42;
/// The open milestones due soonest, placed on one date axis, with the
/// figure's alternative text.
pub(super) fn json(
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
                "title": p(&cut(&m.milestone.title, LABEL_CHARS)),
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
