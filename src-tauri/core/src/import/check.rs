//! The checks an export must pass before anything is written: every field by
//! the rules the app applies to what people type, every reference between
//! records, and the audit trail's seals. The first problem is reported with
//! its JSON path.

use super::invalid;
use crate::audit::{self, MAX_ID};
use crate::error::{CoreError, Result, Rule};
use crate::export::json::ExportDocument;
use crate::scales::{MilestoneState, PeriodState, ReviewState};
use crate::seals;
use crate::seed;
use crate::validate::{self, limit, Lines};
use chrono::{NaiveDate, NaiveDateTime};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// The dates of a document, and nothing else: read a second time from its
/// text, where each keeps the form it was written in (the date parser
/// alone also takes `2026-1-5`), without holding the rest again.
#[derive(serde::Deserialize)]
pub(super) struct Dates {
    #[serde(default)]
    recommendations: Vec<DatesOf>,
    #[serde(default)]
    milestones: Vec<DatesOf>,
    #[serde(default)]
    evidence: Vec<DatesOf>,
    #[serde(default)]
    periods: Vec<DatesOf>,
}

#[derive(serde::Deserialize)]
struct DatesOf {
    #[serde(default)]
    target_date: Option<String>,
    #[serde(default)]
    baseline_due: Option<String>,
    #[serde(default)]
    current_due: Option<String>,
    #[serde(default)]
    completed_on: Option<String>,
    #[serde(default)]
    observed_on: Option<String>,
    #[serde(default)]
    starts_on: Option<String>,
    #[serde(default)]
    ends_on: Option<String>,
    #[serde(default)]
    revisions: Vec<DatesOf>,
    #[serde(default)]
    old_due: Option<String>,
    #[serde(default)]
    new_due: Option<String>,
}

/// Dates in the document exactly as the format writes them: `YYYY-MM-DD`.
pub(super) fn dates(d: &Dates) -> Result<()> {
    fn strict(location: String, v: &Option<String>) -> Result<()> {
        match v {
            None => Ok(()),
            Some(s)
                if s.len() == 10
                    && s.bytes().enumerate().all(|(i, b)| match i {
                        4 | 7 => b == b'-',
                        _ => b.is_ascii_digit(),
                    }) =>
            {
                Ok(())
            }
            Some(_) => Err(invalid(&location, "is not a date in the form YYYY-MM-DD")),
        }
    }
    for (list, items) in [
        ("recommendations", &d.recommendations),
        ("milestones", &d.milestones),
        ("evidence", &d.evidence),
        ("periods", &d.periods),
    ] {
        for (i, item) in items.iter().enumerate() {
            let at = |name: &str| format!("$.{list}[{i}].{name}");
            strict(at("target_date"), &item.target_date)?;
            strict(at("baseline_due"), &item.baseline_due)?;
            strict(at("current_due"), &item.current_due)?;
            strict(at("completed_on"), &item.completed_on)?;
            strict(at("observed_on"), &item.observed_on)?;
            strict(at("starts_on"), &item.starts_on)?;
            strict(at("ends_on"), &item.ends_on)?;
            for (j, r) in item.revisions.iter().enumerate() {
                let at = |name: &str| format!("$.{list}[{i}].revisions[{j}].{name}");
                strict(at("old_due"), &r.old_due)?;
                strict(at("new_due"), &r.new_due)?;
            }
        }
    }
    Ok(())
}

pub(super) fn document(doc: &ExportDocument, today: NaiveDate) -> Result<()> {
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
    let assessments_known = assessments(doc, &periods, &recommendations)?;
    let reviewers_known = reviewers(doc)?;
    decisions(doc, &reviewers_known, &periods, &assessments_known)?;
    frozen(doc)?;
    rules(doc, today)?;
    identity(doc)?;
    trail(doc)
}

/// An error of a domain rule, reported at `location` with the rule's own
/// words (the same check the use case runs).
fn rule(location: &str, r: Result<()>) -> Result<()> {
    r.map_err(|e| match e {
        CoreError::Invalid { rule, .. } => invalid(location, rule.describe()),
        e => invalid(location, format!("breaks a rule of the tracker: {e}")),
    })
}

/// The rules the use cases enforce, for what the document says happened:
/// nothing dated after it was recorded, no one reviewing their own report,
/// no "Fully implemented" accepted without evidence, no period signed off
/// with an assessment missing or not accepted.
fn rules(doc: &ExportDocument, today: NaiveDate) -> Result<()> {
    let recorded_on = |instant: &str| -> Option<NaiveDate> { instant.get(..10)?.parse().ok() };
    for (i, e) in doc.evidence.iter().enumerate() {
        // A note's date is the writer's local day, which may be a day ahead
        // of the UTC day its recording time names.
        let limit = recorded_on(&e.recorded_at)
            .and_then(|d| d.succ_opt())
            .unwrap_or(today)
            .min(today);
        rule(
            &format!("$.evidence[{i}].observed_on"),
            validate::not_after("observed_on", e.observed_on, limit),
        )?;
    }
    for (i, m) in doc.milestones.iter().enumerate() {
        if let Some(done) = m.completed_on {
            rule(
                &format!("$.milestones[{i}].completed_on"),
                validate::not_after("completed_on", done, today),
            )?;
        }
    }
    let numbers: HashMap<i64, i64> = doc
        .recommendations
        .iter()
        .map(|r| (r.id, r.number))
        .collect();
    for (i, a) in doc.assessments.iter().enumerate() {
        let p = |f: &str| format!("$.assessments[{i}].{f}");
        let period = doc
            .periods
            .iter()
            .find(|q| q.id == a.period_id)
            .expect("references were checked");
        if let Some(reviewer) = &a.reviewed_by {
            rule(
                &p("reviewed_by"),
                crate::assessments::check_reviewer(&a.reported_by, reviewer),
            )?;
        }
        match a.review_state {
            ReviewState::Accepted => {
                if a.reviewed_by.is_none() || a.reviewed_at.is_none() {
                    return Err(invalid(
                        &p("reviewed_by"),
                        "must name who accepted the assessment, and when",
                    ));
                }
                if a.accepted_status != Some(a.status)
                    || a.accepted_confidence != Some(a.confidence)
                {
                    return Err(invalid(
                        &p("accepted_status"),
                        "must be the reported status and confidence once accepted",
                    ));
                }
                let has_evidence = doc.evidence.iter().any(|e| {
                    e.recommendation_id == a.recommendation_id && e.observed_on <= period.ends_on
                });
                rule(
                    &p("review_state"),
                    crate::assessments::check_evidence_gate(
                        a.status,
                        has_evidence,
                        numbers[&a.recommendation_id],
                        &period.label,
                    ),
                )?;
            }
            ReviewState::Returned => {
                if a.reviewed_by.is_none() || a.reviewed_at.is_none() {
                    return Err(invalid(
                        &p("reviewed_by"),
                        "must name who returned the assessment, and when",
                    ));
                }
                if a.review_comment.trim().is_empty() {
                    return Err(invalid(
                        &p("review_comment"),
                        "is required when the assessment was returned",
                    ));
                }
            }
            ReviewState::Pending => {}
        }
    }
    for (i, period) in doc.periods.iter().enumerate() {
        if period.state != PeriodState::SignedOff {
            continue;
        }
        let rows: Vec<(i64, Option<ReviewState>)> = doc
            .recommendations
            .iter()
            .map(|r| {
                let state = doc
                    .assessments
                    .iter()
                    .find(|a| a.period_id == period.id && a.recommendation_id == r.id)
                    .map(|a| a.review_state);
                (r.number, state)
            })
            .collect();
        rule(
            &format!("$.periods[{i}].state"),
            crate::periods::Outstanding::of(&rows).check(&period.label),
        )?;
    }
    Ok(())
}

/// The tracker's identity and the trail's head, when the document has them.
fn identity(doc: &ExportDocument) -> Result<()> {
    if let Some(id) = &doc.tracker_id {
        let shaped =
            (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-');
        if !shaped {
            return Err(invalid("$.tracker_id", "is not a tracker identity"));
        }
    }
    if let Some(head) = &doc.trail_head {
        let last = doc.audit.last();
        let matches =
            last.is_some_and(|e| e.id == head.event_id && e.hash.as_ref() == Some(&head.hash));
        if !matches {
            return Err(invalid(
                "$.trail_head",
                "is not the newest event of $.audit (events were removed or added)",
            ));
        }
    }
    Ok(())
}

/// Maps a field rule a record's module broke (`CoreError::Invalid` naming
/// its field) to an import error at `record.field`: the import applies the
/// same rules as the use cases, from the module that owns them.
fn within(record: &str, r: Result<()>) -> Result<()> {
    r.map_err(|e| match e {
        CoreError::Invalid { field, rule } => {
            invalid(&format!("{record}.{field}"), rule.describe())
        }
        e => e,
    })
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

/// Ids must be unique within their table, and between 1 and 2^53 - 1 (the
/// range every id keeps through JSON and the window, with room to grow).
fn ids(table: &str, ids: impl IntoIterator<Item = i64>) -> Result<HashMap<i64, usize>> {
    let mut seen = HashMap::new();
    for (i, id) in ids.into_iter().enumerate() {
        if !(1..=MAX_ID).contains(&id) {
            return Err(invalid(
                &format!("$.{table}[{i}].id"),
                format!("must be between 1 and {MAX_ID}"),
            ));
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
    if !(1..=MAX_ID).contains(&r.id) {
        return Err(invalid(
            "$.report.id",
            format!("must be between 1 and {MAX_ID}"),
        ));
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
        within(
            &format!("$.owners[{i}]"),
            crate::owners::check_fields(&o.name, &o.title, &o.unit, &o.email),
        )?;
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
        within(
            &format!("$.milestones[{i}]"),
            crate::milestones::check_title(&m.title),
        )?;
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
            if !(1..=MAX_ID).contains(&r.id) || !revision_ids.insert(r.id) {
                return Err(invalid(
                    &q("id"),
                    format!("must be between 1 and {MAX_ID} and unique among revisions"),
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
            within(
                &format!("$.milestones[{i}].revisions[{j}]"),
                crate::milestones::check_reason(&r.reason),
            )?;
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
        within(
            &format!("$.evidence[{i}]"),
            crate::evidence::check_fields(&e.author, &e.text, &e.source_ref),
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
        date(&p("starts_on"), period.starts_on)?;
        date(&p("ends_on"), period.ends_on)?;
        within(
            &format!("$.periods[{i}]"),
            crate::periods::check_fields(&period.label, period.starts_on, period.ends_on),
        )?;
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
) -> Result<HashMap<i64, usize>> {
    let known = ids("assessments", doc.assessments.iter().map(|a| a.id))?;
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
        within(
            &format!("$.assessments[{i}]"),
            crate::assessments::check_texts(&[
                ("commentary", &a.commentary),
                ("next_steps", &a.next_steps),
                ("risks", &a.risks),
                ("decisions_required", &a.decisions_required),
                ("review_comment", &a.review_comment),
            ]),
        )?;
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
    Ok(known)
}

/// The register of reviewers: each key readable and named by its own
/// fingerprint, registered once at a time.
fn reviewers(doc: &ExportDocument) -> Result<HashMap<i64, usize>> {
    let known = ids("reviewers", doc.reviewers.iter().map(|r| r.id))?;
    let mut registered = HashSet::new();
    for (i, r) in doc.reviewers.iter().enumerate() {
        let p = |f: &str| format!("$.reviewers[{i}].{f}");
        required(&p("name"), &r.name, limit::NAME, Lines::Single)?;
        let key = crate::keys::PublicKey::parse(&r.public_key)
            .map_err(|_| invalid(&p("public_key"), Rule::NotAPublicKey.describe()))?;
        if key.fingerprint().as_str() != r.fingerprint {
            return Err(invalid(
                &p("fingerprint"),
                "is not the fingerprint of public_key",
            ));
        }
        instant(&p("added_at"), &r.added_at)?;
        actor(&p("added_by"), &r.added_by)?;
        match (&r.removed_at, &r.removed_by) {
            (None, None) => {
                if !registered.insert(r.fingerprint.clone()) {
                    return Err(invalid(
                        &p("fingerprint"),
                        Rule::AlreadyRegistered.describe(),
                    ));
                }
            }
            (Some(at), Some(by)) => {
                instant(&p("removed_at"), at)?;
                actor(&p("removed_by"), by)?;
            }
            _ => {
                return Err(invalid(
                    &p("removed_by"),
                    "and removed_at must be given together",
                ))
            }
        }
    }
    Ok(known)
}

/// Signed decisions: each one's signature is its reviewer's, over a
/// statement that says what its record says, for this tracker.
fn decisions(
    doc: &ExportDocument,
    reviewers: &HashMap<i64, usize>,
    periods: &HashMap<i64, usize>,
    assessments: &HashMap<i64, usize>,
) -> Result<()> {
    ids("decisions", doc.decisions.iter().map(|d| d.id))?;
    for (i, d) in doc.decisions.iter().enumerate() {
        let p = |f: &str| format!("$.decisions[{i}].{f}");
        reference(&p("reviewer_id"), d.reviewer_id, reviewers, "reviewer")?;
        reference(&p("period_id"), d.period_id, periods, "reporting period")?;
        match (d.decision, d.assessment_id) {
            (crate::scales::DecisionKind::SignOff, None) => {}
            (crate::scales::DecisionKind::SignOff, Some(_)) => {
                return Err(invalid(&p("assessment_id"), "must be empty for a sign-off"))
            }
            (_, Some(id)) => reference(&p("assessment_id"), id, assessments, "assessment")?,
            (_, None) => return Err(invalid(&p("assessment_id"), Rule::Required.describe())),
        }
        instant(&p("applied_at"), &d.applied_at)?;
        actor(&p("applied_by"), &d.applied_by)?;
        let reviewer = &doc.reviewers[reviewers[&d.reviewer_id]];
        let tracker_id = doc.tracker_id.as_deref().unwrap_or_default();
        if let Some(problem) = crate::decisions::problem(d, reviewer, tracker_id) {
            return Err(invalid(&p("signature"), &problem));
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

/// The audit trail: ids in increasing order and in range, every event's
/// seal intact and linked to the one before it, and, where the trail seals
/// records, every record of the document exactly what the trail says.
fn trail(doc: &ExportDocument) -> Result<()> {
    let mut last = 0;
    for (i, e) in doc.audit.iter().enumerate() {
        if e.id <= last || e.id > MAX_ID {
            return Err(invalid(
                &format!("$.audit[{i}].id"),
                format!("must be greater than the id of the event before it, and at most {MAX_ID}"),
            ));
        }
        last = e.id;
    }
    if doc.schema_version == 1 {
        // Made before the chain existed: no event may claim a seal, and the
        // import seals them all.
        if let Some(i) = doc
            .audit
            .iter()
            .position(|e| e.hash.is_some() || e.prev_hash.is_some() || e.records.is_some())
        {
            return Err(invalid(
                &format!("$.audit[{i}]"),
                "is sealed, but the export says it was made before events were sealed (data version 1)",
            ));
        }
        return Ok(());
    }
    if let Some((i, link)) = audit::verify_events(&doc.audit) {
        return Err(invalid(
            &format!("$.audit[{i}]"),
            format!(
                "breaks the audit trail's seal (event {}): {}",
                link.event_id, link.reason
            ),
        ));
    }
    let mut replay = seals::Replay::default();
    for (i, e) in doc.audit.iter().enumerate() {
        let records = e.records.as_ref().map(Value::to_string);
        if let Err(problem) = replay.apply(e.id, records.as_deref()) {
            return Err(invalid(&format!("$.audit[{i}]"), problem.to_string()));
        }
    }
    let records = seals::of_document(doc);
    let sealed: Vec<seals::RecordSeal> = records.iter().map(|(s, _)| s.clone()).collect();
    match replay.compare(&sealed) {
        Ok(()) => Ok(()),
        // A trail that seals nothing (an export made before data version
        // 6) vouches for no record; the import seals them as they are.
        Err((seals::Problem::NoSeals, _)) => Ok(()),
        Err((problem, at)) => {
            let location = at
                .map(|i| records[i].1.clone())
                .unwrap_or_else(|| "$".to_owned());
            Err(invalid(&location, problem.to_string()))
        }
    }
}
