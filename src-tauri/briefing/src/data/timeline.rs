//! The milestone timeline figure: the open milestones due soonest on one
//! date axis chosen for the period, with month ticks and every mark inside
//! the plot.
//!
//! The axis runs from a little before the period to a few months after it
//! (and no further: one milestone due years away would otherwise squeeze
//! every other mark into a corner); a date beyond either end is drawn at
//! that end as an arrow pointing to where it lies.

use super::cut;
use crate::labels::{Language, Wording};
use chrono::{Datelike, Days, Months, NaiveDate};
use followthrough_core::snapshots::{MilestoneSnapshot, Snapshot};
use serde_json::{json, Value};

/// How many open milestones the timeline figure shows.
pub const TIMELINE_ROWS: usize = 30;

/// A row's label stays on one line.
const LABEL_CHARS: usize = 42;

/// The least room between the origin's label and the first month's, as a
/// share of the axis.
const MIN_TICK_GAP: f64 = 0.14;

/// How far the axis may reach before the period's first day and after its
/// last.
const BEFORE: Days = Days::new(92);
const AFTER: Months = Months::new(6);

/// Where a date falls on the axis from `lo` to `hi`: its place (0 to 1,
/// kept inside) and -1 or 1 when it lies beyond an end.
fn place(d: NaiveDate, lo: NaiveDate, hi: NaiveDate) -> (f64, i8) {
    let span = (hi - lo).num_days().max(1) as f64;
    if d < lo {
        (0.0, -1)
    } else if d > hi {
        (1.0, 1)
    } else {
        ((d - lo).num_days() as f64 / span, 0)
    }
}

/// The first of each month from `lo` to `hi`, every `step` months so that
/// the labels never crowd.
fn month_ticks(lo: NaiveDate, hi: NaiveDate) -> Vec<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(lo.year(), lo.month(), 1).expect("first of a month");
    let months = (hi.year() - lo.year()) * 12 + hi.month() as i32 - lo.month() as i32 + 1;
    let step = (months / 8 + 1) as u32;
    (0..=months as u32)
        .step_by(step as usize)
        .filter_map(|i| first.checked_add_months(Months::new(i)))
        .filter(|d| *d >= lo && *d <= hi)
        .collect()
}

pub(super) fn json(s: &Snapshot, lang: Language, p: &dyn Fn(&str) -> String) -> Value {
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
        .chain([s.as_of, s.period.starts_on, s.period.ends_on])
        .collect();
    let period = (s.period.starts_on, s.period.ends_on);
    let floor = period.0.checked_sub_days(BEFORE).unwrap_or(period.0);
    let ceiling = period.1.checked_add_months(AFTER).unwrap_or(period.1);
    let lo = (*dates.iter().min().expect("dates")).max(floor);
    let hi = (*dates.iter().max().expect("dates")).min(ceiling);
    let at = |d: NaiveDate| place(d, lo, hi);
    let rows: Vec<Value> = open
        .iter()
        .map(|(n, m)| {
            let (baseline, baseline_beyond) = at(m.milestone.baseline_due);
            let (current, current_beyond) = at(m.milestone.current_due);
            json!({
                "number": n,
                "title": p(&cut(&m.milestone.title, LABEL_CHARS)),
                "baseline": baseline,
                "baseline_beyond": baseline_beyond,
                "current": current,
                "current_beyond": current_beyond,
                "overdue": m.overdue,
                "slipped": m.slip_days > 0,
            })
        })
        .collect();
    // The axis's start is labelled at its origin: by its month when it
    // starts on the first, else by its date (and a month tick too close to
    // it is left out, so that labels never overlap).
    let months = month_ticks(lo, hi);
    let mut ticks: Vec<Value> = Vec::new();
    if months.first() != Some(&lo) {
        ticks.push(json!({ "at": 0.0, "label": lang.short_date(lo) }));
    }
    ticks.extend(
        months
            .into_iter()
            // A label sits to the right of its tick: none past the end.
            .filter(|d| (*d == lo || at(*d).0 >= MIN_TICK_GAP) && at(*d).0 <= 1.0 - MIN_TICK_GAP)
            .map(|d| json!({ "at": at(d).0, "label": lang.month(d) })),
    );
    let slipped = open.iter().filter(|(_, m)| m.slip_days > 0).count();
    let overdue = open.iter().filter(|(_, m)| m.overdue).count();
    let beyond = open
        .iter()
        .filter(|(_, m)| {
            [m.milestone.baseline_due, m.milestone.current_due]
                .iter()
                .any(|d| at(*d).1 != 0)
        })
        .count();
    let longest = open.iter().map(|(_, m)| m.slip_days).max().unwrap_or(0);
    let alt = match lang {
        Language::English => format!(
            "Timeline of the {} open milestones due soonest, from {} to {}. {} of them have moved later than planned (the largest slip is {}) and {} are overdue as of {}.{}",
            open.len(), lang.date(lo), lang.date(hi), slipped, lang.days(longest), overdue, lang.date(s.as_of),
            if beyond > 0 { format!(" {beyond} have a date beyond the axis, drawn as an arrow at its end.") } else { String::new() }
        ),
        Language::French => format!(
            "Calendrier des {} jalons ouverts les plus proches, du {} au {}. {} ont été repoussés (l'écart le plus grand est de {}) et {} sont en retard en date du {}.{}",
            open.len(), lang.date(lo), lang.date(hi), slipped, lang.days(longest), overdue, lang.date(s.as_of),
            if beyond > 0 { format!(" {beyond} ont une date hors de l'axe, marquée d'une flèche à son extrémité.") } else { String::new() }
        ),
    };
    json!({
        "rows": rows,
        "start": lang.short_date(lo),
        "end": lang.short_date(hi),
        "ticks": ticks,
        "today": at(s.as_of).0,
        "today_label": lang.short_date(s.as_of),
        "any_slipped": slipped > 0,
        "any_overdue": overdue > 0,
        "any_beyond": beyond > 0,
        "alt": alt,
    })
}
