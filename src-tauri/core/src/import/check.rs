//! The checks an export must pass before anything is written: every field by
//! the rules the app applies to what people type, every reference between
//! records, and the audit trail's seals. The first problem is reported with
//! its JSON path.

use super::invalid;
use crate::audit;
use crate::error::{CoreError, Result};
use crate::export::json::ExportDocument;
use crate::scales::{MilestoneState, PeriodState};
use crate::seed;
use crate::validate::{self, limit, Lines};
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::{HashMap, HashSet};

pub(super) fn document(doc: &ExportDocument) -> Result<()> {
    let latest = crate::db::migrate::latest_version();
    if !(1..=latest).contains(&doc.schema_version) {
        return Err(invalid(
            "$.schema_version",
            format!("must be between 1 and {latest} (the data versions this program knows)"),
        ));
    }
    instant("$.exported_at", &doc.exported_at)?;
    report(doc)?;
    let owners = owners(doc)?;
    let recommendations = recommendations(doc, &owners)?;
    let milestones = milestones(doc, &recommendations, &owners)?;
    evidence(doc, &recommendations, &milestones)?;
    let periods = periods(doc)?;
    assessments(doc, &periods, &recommendations)?;
    frozen(doc)?;
    trail(doc)
}

/// Maps a field rule broken at `location` to an import error there.
fn at(location: &str, r: Result<()>) -> Result<()> {
    r.map_err(|e| match e {
        CoreError::Invalid { rule, .. } => invalid(location, rule.describe()),
        e => e,
    })
}

fn required(location: &str, value: &str, max: usize, lines: Lines) -> Result<()> {
    at(location, validate::required("", value, max, lines))
}

fn optional(location: &str, value: &str, max: usize, lines: Lines) -> Result<()> {
    at(location, validate::optional("", value, max, lines))
}

fn actor(location: &str, value: &str) -> Result<()> {
    required(location, value, limit::ACTOR, Lines::Single)
}

fn date(location: &str, d: NaiveDate) -> Result<()> {
    if d < validate::EARLIEST || d > validate::LATEST {
        return Err(invalid(
            location,
            "must be between 2000-01-01 and 2100-12-31",
        ));
    }
    Ok(())
}

/// A UTC instant exactly as the data file writes it
/// (`YYYY-MM-DDTHH:MM:SS.sssZ`).
fn instant(location: &str, value: &str) -> Result<()> {
    let parsed = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S%.3fZ");
    match parsed {
        Ok(t) if audit::timestamp(t.and_utc()) == value => Ok(()),
        _ => Err(invalid(
            location,
            "is not a UTC time in the form YYYY-MM-DDTHH:MM:SS.sssZ",
        )),
    }
}

/// Ids must be positive and unique within their table.
fn ids(table: &str, ids: impl IntoIterator<Item = i64>) -> Result<HashMap<i64, usize>> {
    let mut seen = HashMap::new();
    for (i, id) in ids.into_iter().enumerate() {
        if id < 1 {
            return Err(invalid(&format!("$.{table}[{i}].id"), "must be 1 or more"));
        }
        if let Some(first) = seen.insert(id, i) {
            return Err(invalid(
                &format!("$.{table}[{i}].id"),
                format!("repeats the id of $.{table}[{first}]"),
            ));
        }
    }
    Ok(seen)
}

fn reference(location: &str, id: i64, known: &HashMap<i64, usize>, what: &str) -> Result<()> {
    if known.contains_key(&id) {
        Ok(())
    } else {
        Err(invalid(
            location,
            format!("names {what} {id}, which is not in the export"),
        ))
    }
}

fn report(doc: &ExportDocument) -> Result<()> {
    let r = &doc.report;
    if r.key != seed::REPORT.key {
        return Err(invalid(
            "$.report.key",
            format!(
                "must be \"{}\", the report this program tracks",
                seed::REPORT.key
            ),
        ));
    }
    if r.id < 1 {
        return Err(invalid("$.report.id", "must be 1 or more"));
    }
    required("$.report.title", &r.title, limit::TITLE, Lines::Single)?;
    optional(
        "$.report.subtitle",
        &r.subtitle,
        limit::TITLE,
        Lines::Single,
    )?;
    for (i, a) in r.authors.iter().enumerate() {
        required(
            &format!("$.report.authors[{i}]"),
            a,
            limit::NAME,
            Lines::Single,
        )?;
    }
    optional(
        "$.report.publisher",
        &r.publisher,
        limit::NAME,
        Lines::Single,
    )?;
    // As the report gives it ("January 2019"): checked as text only.
    required(
        "$.report.published",
        &r.published,
        limit::LABEL,
        Lines::Single,
    )
}

fn owners(doc: &ExportDocument) -> Result<HashMap<i64, usize>> {
    let known = ids("owners", doc.owners.iter().map(|o| o.id))?;
    for (i, o) in doc.owners.iter().enumerate() {
        let p = |f: &str| format!("$.owners[{i}].{f}");
        required(&p("name"), &o.name, limit::NAME, Lines::Single)?;
        optional(&p("title"), &o.title, limit::NAME, Lines::Single)?;
        optional(&p("unit"), &o.unit, limit::NAME, Lines::Single)?;
        at(&p("email"), validate::email("", &o.email))?;
    }
    Ok(known)
}

fn recommendations(
    doc: &ExportDocument,
    owners: &HashMap<i64, usize>,
) -> Result<HashMap<i64, usize>> {
    let known = ids("recommendations", doc.recommendations.iter().map(|r| r.id))?;
    let mut numbers = HashSet::new();
    for (i, r) in doc.recommendations.iter().enumerate() {
        let p = |f: &str| format!("$.recommendations[{i}].{f}");
        if r.report_id != doc.report.id {
            return Err(invalid(&p("report_id"), "must be the id of $.report"));
        }
        if !numbers.insert(r.number) {
            return Err(invalid(
                &p("number"),
                "repeats another recommendation's number",
            ));
        }
        required(&p("title"), &r.title, limit::TITLE, Lines::Single)?;
        required(&p("lead"), &r.lead, limit::LONG_TEXT, Lines::Multi)?;
        required(&p("text"), &r.text, limit::LONG_TEXT, Lines::Multi)?;
        optional(&p("findings"), &r.findings, limit::LONG_TEXT, Lines::Multi)?;
        if let Some(d) = r.target_date {
            date(&p("target_date"), d)?;
        }
        if let Some(lead) = r.lead_owner_id {
            reference(&p("lead_owner_id"), lead, owners, "owner")?;
        }
        let mut supporting = HashSet::new();
        for (j, &s) in r.supporting_owner_ids.iter().enumerate() {
            let loc = format!("{}[{j}]", p("supporting_owner_ids"));
            reference(&loc, s, owners, "owner")?;
            if Some(s) == r.lead_owner_id || !supporting.insert(s) {
                return Err(invalid(
                    &loc,
                    "lists the same owner twice, or the lead owner again",
                ));
            }
        }
    }
    let expected: HashSet<i64> = seed::RECOMMENDATIONS.iter().map(|r| r.number).collect();
    if numbers != expected {
        return Err(invalid(
            "$.recommendations",
            format!(
                "must hold the report's {} recommendations, numbered 1 to {}",
                expected.len(),
                expected.len()
            ),
        ));
    }
    Ok(known)
}

/// Milestones, keyed by id, with the recommendation each belongs to.
fn milestones(
    doc: &ExportDocument,
    recommendations: &HashMap<i64, usize>,
    owners: &HashMap<i64, usize>,
) -> Result<HashMap<i64, i64>> {
    ids("milestones", doc.milestones.iter().map(|m| m.id))?;
    let mut revision_ids = HashSet::new();
    for (i, m) in doc.milestones.iter().enumerate() {
        let p = |f: &str| format!("$.milestones[{i}].{f}");
        reference(
            &p("recommendation_id"),
            m.recommendation_id,
            recommendations,
            "recommendation",
        )?;
        required(&p("title"), &m.title, limit::TITLE, Lines::Single)?;
        if let Some(o) = m.owner_id {
            reference(&p("owner_id"), o, owners, "owner")?;
        }
        date(&p("baseline_due"), m.baseline_due)?;
        date(&p("current_due"), m.current_due)?;
        match (m.state == MilestoneState::Done, m.completed_on) {
            (true, None) => {
                return Err(invalid(
                    &p("completed_on"),
                    "is required for a milestone that is done",
                ))
            }
            (false, Some(_)) => {
                return Err(invalid(
                    &p("completed_on"),
                    "must be empty unless the milestone is done",
                ))
            }
            (true, Some(d)) => date(&p("completed_on"), d)?,
            (false, None) => {}
        }
        // Each move starts where the one before ended: from the baseline to
        // the current date.
        let mut due = m.baseline_due;
        for (j, r) in m.revisions.iter().enumerate() {
            let q = |f: &str| format!("$.milestones[{i}].revisions[{j}].{f}");
            if r.id < 1 || !revision_ids.insert(r.id) {
                return Err(invalid(
                    &q("id"),
                    "must be 1 or more and unique among revisions",
                ));
            }
            if r.milestone_id != m.id {
                return Err(invalid(
                    &q("milestone_id"),
                    "must be the id of its milestone",
                ));
            }
            if r.old_due != due {
                return Err(invalid(
                    &q("old_due"),
                    "must be the due date the revision before it set (or the baseline)",
                ));
            }
            date(&q("new_due"), r.new_due)?;
            required(&q("reason"), &r.reason, limit::REASON, Lines::Multi)?;
            instant(&q("revised_at"), &r.revised_at)?;
            actor(&q("revised_by"), &r.revised_by)?;
            due = r.new_due;
        }
        if due != m.current_due {
            return Err(invalid(
                &p("current_due"),
                "must be the due date its last revision set (or the baseline)",
            ));
        }
    }
    Ok(doc
        .milestones
        .iter()
        .map(|m| (m.id, m.recommendation_id))
        .collect())
}

fn evidence(
    doc: &ExportDocument,
    recommendations: &HashMap<i64, usize>,
    milestones: &HashMap<i64, i64>,
) -> Result<()> {
    ids("evidence", doc.evidence.iter().map(|e| e.id))?;
    for (i, e) in doc.evidence.iter().enumerate() {
        let p = |f: &str| format!("$.evidence[{i}].{f}");
        reference(
            &p("recommendation_id"),
            e.recommendation_id,
            recommendations,
            "recommendation",
        )?;
        if let Some(m) = e.milestone_id {
            match milestones.get(&m) {
                None => {
                    return Err(invalid(
                        &p("milestone_id"),
                        format!("names milestone {m}, which is not in the export"),
                    ))
                }
                Some(&rec) if rec != e.recommendation_id => {
                    return Err(invalid(
                        &p("milestone_id"),
                        "names a milestone of another recommendation",
                    ))
                }
                Some(_) => {}
            }
        }
        date(&p("observed_on"), e.observed_on)?;
        required(&p("author"), &e.author, limit::NAME, Lines::Single)?;
        required(&p("text"), &e.text, limit::LONG_TEXT, Lines::Multi)?;
        optional(
            &p("source_ref"),
            &e.source_ref,
            limit::SOURCE,
            Lines::Single,
        )?;
        instant(&p("recorded_at"), &e.recorded_at)?;
        actor(&p("recorded_by"), &e.recorded_by)?;
    }
    Ok(())
}

fn periods(doc: &ExportDocument) -> Result<HashMap<i64, usize>> {
    let known = ids("periods", doc.periods.iter().map(|p| p.id))?;
    for (i, period) in doc.periods.iter().enumerate() {
        let p = |f: &str| format!("$.periods[{i}].{f}");
        required(&p("label"), &period.label, limit::LABEL, Lines::Single)?;
        date(&p("starts_on"), period.starts_on)?;
        date(&p("ends_on"), period.ends_on)?;
        if period.ends_on < period.starts_on {
            return Err(invalid(&p("ends_on"), "cannot be before the start date"));
        }
        for (j, other) in doc.periods[..i].iter().enumerate() {
            if other.label == period.label {
                return Err(invalid(
                    &p("label"),
                    format!("repeats the label of $.periods[{j}]"),
                ));
            }
            if other.starts_on <= period.ends_on && period.starts_on <= other.ends_on {
                return Err(invalid(&p("starts_on"), format!("overlaps $.periods[{j}]")));
            }
        }
        let signed = period.state == PeriodState::SignedOff;
        match (&period.signed_off_at, &period.signed_off_by) {
            (Some(at), Some(by)) if signed => {
                instant(&p("signed_off_at"), at)?;
                actor(&p("signed_off_by"), by)?;
            }
            (None, None) if !signed => {}
            _ => {
                return Err(invalid(
                    &p("signed_off_at"),
                    "and signed_off_by must both be given when, and only when, the period is signed off",
                ))
            }
        }
    }
    Ok(known)
}

fn assessments(
    doc: &ExportDocument,
    periods: &HashMap<i64, usize>,
    recommendations: &HashMap<i64, usize>,
) -> Result<()> {
    ids("assessments", doc.assessments.iter().map(|a| a.id))?;
    let mut pairs = HashSet::new();
    for (i, a) in doc.assessments.iter().enumerate() {
        let p = |f: &str| format!("$.assessments[{i}].{f}");
        reference(&p("period_id"), a.period_id, periods, "reporting period")?;
        reference(
            &p("recommendation_id"),
            a.recommendation_id,
            recommendations,
            "recommendation",
        )?;
        if !pairs.insert((a.period_id, a.recommendation_id)) {
            return Err(invalid(
                &p("recommendation_id"),
                "has a second assessment in the same reporting period",
            ));
        }
        for (field, value) in [
            ("commentary", &a.commentary),
            ("next_steps", &a.next_steps),
            ("risks", &a.risks),
            ("decisions_required", &a.decisions_required),
            ("review_comment", &a.review_comment),
        ] {
            optional(&p(field), value, limit::LONG_TEXT, Lines::Multi)?;
        }
        instant(&p("reported_at"), &a.reported_at)?;
        actor(&p("reported_by"), &a.reported_by)?;
        if let Some(t) = &a.reviewed_at {
            instant(&p("reviewed_at"), t)?;
        }
        if let Some(by) = &a.reviewed_by {
            actor(&p("reviewed_by"), by)?;
        }
        if a.accepted_status.is_some() != a.accepted_confidence.is_some() {
            return Err(invalid(
                &p("accepted_confidence"),
                "and accepted_status must be given together",
            ));
        }
    }
    Ok(())
}

/// Snapshots: one per signed-off period, each matching its fingerprint.
fn frozen(doc: &ExportDocument) -> Result<()> {
    let mut seen = HashSet::new();
    for (i, s) in doc.snapshots.iter().enumerate() {
        let p = |f: &str| format!("$.snapshots[{i}].{f}");
        let period = doc.periods.iter().find(|q| q.id == s.period_id);
        match period {
            Some(q) if q.state == PeriodState::SignedOff => {}
            _ => {
                return Err(invalid(
                    &p("period_id"),
                    "must name a signed-off reporting period in the export",
                ))
            }
        }
        if !seen.insert(s.period_id) {
            return Err(invalid(
                &p("period_id"),
                "has a second snapshot of the same period",
            ));
        }
        instant(&p("taken_at"), &s.taken_at)?;
        if s.content.fingerprint() != s.fingerprint {
            return Err(invalid(
                &p("fingerprint"),
                "does not match the snapshot's content (it was changed after it was frozen)",
            ));
        }
    }
    Ok(())
}

/// The audit trail: ids in increasing order, every event's seal intact and
/// linked to the one before it.
fn trail(doc: &ExportDocument) -> Result<()> {
    let mut last = 0;
    for (i, e) in doc.audit.iter().enumerate() {
        if e.id <= last {
            return Err(invalid(
                &format!("$.audit[{i}].id"),
                "must be greater than the id of the event before it",
            ));
        }
        last = e.id;
    }
    match audit::verify_events(&doc.audit) {
        None => Ok(()),
        Some((i, link)) => Err(invalid(
            &format!("$.audit[{i}]"),
            format!(
                "breaks the audit trail's seal (event {}): {}",
                link.event_id, link.reason
            ),
        )),
    }
}
