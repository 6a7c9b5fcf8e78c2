//! Page 1: what the deputy minister is asked for, then the counts.
//!
//! The lists come first because they are what a deputy minister acts on;
//! each is capped (the rest counted, "and 3 more") and each item cut to a
//! line or two, so the section fits on page 1 whatever the tracker holds.

use super::{cut, one_line, rec_title, NAME_CHARS};
use crate::labels::{Language, Wording};
use followthrough_core::assessments::Assessment;
use followthrough_core::contradictions;
use followthrough_core::scales::{Confidence, ImplementationStatus, ReviewState};
use followthrough_core::snapshots::{RecommendationSnapshot, Snapshot};
use serde_json::{json, Value};

/// How many items each list on page 1 shows; the rest are counted.
pub const LIST_ITEMS: usize = 3;

/// How many characters of a user's text an item on page 1 shows.
pub const ITEM_CHARS: usize = 110;

/// One capped list: its heading, its first items and how many more.
fn list(lang: Language, heading: &str, items: Vec<Value>) -> Option<Value> {
    if items.is_empty() {
        return None;
    }
    let more = items.len().saturating_sub(LIST_ITEMS);
    let shown: Vec<Value> = items.into_iter().take(LIST_ITEMS).collect();
    Some(json!({
        "heading": heading,
        "items": shown,
        "more": (more > 0).then(|| lang.and_more(more as i64)),
    }))
}

fn item(
    r: &RecommendationSnapshot,
    lang: Language,
    text: String,
    p: &dyn Fn(&str) -> String,
) -> Value {
    json!({ "number": r.number, "title": p(&rec_title(r, lang)), "text": p(&one_line(&text, ITEM_CHARS)) })
}

/// "For your decision and review": decisions required, assessments awaiting
/// review, returned ones still outstanding, recommendations not reported,
/// those in Red or Amber/Red, and contradictions to check.
pub(super) fn for_decision(s: &Snapshot, lang: Language, p: &dyn Fn(&str) -> String) -> Value {
    let l = lang.labels();
    let term = |key: String| lang.term(&key);
    let recs = &s.recommendations;
    let assessed = || {
        recs.iter()
            .filter_map(|r| r.assessment.as_ref().map(|a| (r, a)))
    };

    let decisions = assessed()
        .filter(|(_, a)| !a.decisions_required.trim().is_empty())
        .map(|(r, a)| item(r, lang, a.decisions_required.clone(), p))
        .collect();
    let awaiting = assessed()
        .filter(|(_, a)| a.review_state == ReviewState::Pending)
        .map(|(r, a)| {
            let text = lang.reported_as(
                term(format!("status.{}", a.status.key())),
                term(format!("confidence.{}", a.confidence.key())),
                &cut(&a.reported_by, NAME_CHARS),
            );
            item(r, lang, text, p)
        })
        .collect();
    let returned = assessed()
        .filter(|(_, a)| a.review_state == ReviewState::Returned)
        .map(|(r, a)| item(r, lang, a.review_comment.clone(), p))
        .collect();
    let not_reported = recs
        .iter()
        .filter(|r| r.assessment.is_none())
        .map(|r| {
            let lead = r.lead_owner.as_ref().map(|o| cut(&o.name, NAME_CHARS));
            item(r, lang, lang.lead_is(lead.as_deref()), p)
        })
        .collect();
    let in_doubt = assessed()
        .filter(|(_, a)| a.confidence.rank() <= Confidence::AmberRed.rank())
        .map(|(r, a)| {
            let why = if a.risks.trim().is_empty() {
                &a.commentary
            } else {
                &a.risks
            };
            let rating = term(format!("confidence.{}", a.confidence.key()));
            item(r, lang, format!("{rating}{} {}", l.colon, why.trim()), p)
        })
        .collect();
    let to_check = recs
        .iter()
        .flat_map(|r| contradictions::of(r).into_iter().map(move |c| (r, c)))
        .map(|(r, c)| item(r, lang, lang.contradiction(&c), p))
        .collect();

    let lists: Vec<Value> = [
        list(lang, l.decisions_required, decisions),
        list(lang, l.awaiting_review, awaiting),
        list(lang, l.returned_outstanding, returned),
        list(lang, l.not_reported_list, not_reported),
        list(lang, l.in_doubt, in_doubt),
        list(lang, l.to_check, to_check),
    ]
    .into_iter()
    .flatten()
    .collect();
    json!({ "lists": lists })
}

/// The counts the summary and the tests read.
pub(super) struct Counts {
    pub accepted: usize,
    pub pending: usize,
    pub returned: usize,
    pub not_reported: usize,
    pub milestones_total: i64,
    pub milestones_done: i64,
    pub milestones_overdue: i64,
}

pub(super) fn counts(s: &Snapshot) -> Counts {
    let state = |st: ReviewState| {
        s.recommendations
            .iter()
            .filter(|r| r.assessment.as_ref().is_some_and(|a| a.review_state == st))
            .count()
    };
    let (total, done, overdue) = s.recommendations.iter().fold((0, 0, 0), |(t, d, o), r| {
        let c = r.milestone_counts();
        (t + c.total, d + c.done, o + c.overdue)
    });
    Counts {
        accepted: state(ReviewState::Accepted),
        pending: state(ReviewState::Pending),
        returned: state(ReviewState::Returned),
        not_reported: s
            .recommendations
            .iter()
            .filter(|r| r.assessment.is_none())
            .count(),
        milestones_total: total,
        milestones_done: done,
        milestones_overdue: overdue,
    }
}

/// The lines under the lists: the reviews, confidence and status (what
/// was accepted apart from what awaits acceptance), and milestones.
pub(super) fn summary_lines(s: &Snapshot, c: &Counts, lang: Language) -> Vec<Value> {
    let l = lang.labels();
    // "Green 1 · Amber 2" over the assessments `keep` selects.
    let tally = |keys: &[&str],
                 prefix: &str,
                 value: &dyn Fn(&RecommendationSnapshot) -> Option<&'static str>| {
        keys.iter()
            .filter_map(|k| {
                let n = s
                    .recommendations
                    .iter()
                    .filter(|r| value(r) == Some(k))
                    .count();
                (n > 0).then(|| {
                    format!(
                        "{} {}",
                        lang.term(&format!("{prefix}.{k}")),
                        lang.number(n as i64)
                    )
                })
            })
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let split =
        |prefix: &str,
         keys: &[&str],
         accepted: &dyn Fn(&RecommendationSnapshot) -> Option<&'static str>,
         reported: &dyn Fn(&RecommendationSnapshot) -> Option<&'static str>| {
            let mut parts = Vec::new();
            let yes = tally(keys, prefix, accepted);
            if !yes.is_empty() {
                parts.push(format!("{}{} {yes}", l.accepted_counts, l.colon));
            }
            let not_yet = tally(keys, prefix, reported);
            if !not_yet.is_empty() {
                parts.push(format!("{}{} {not_yet}", l.not_yet_accepted, l.colon));
            }
            parts.join(" — ")
        };
    fn accepted_review(r: &RecommendationSnapshot) -> Option<&Assessment> {
        r.assessment
            .as_ref()
            .filter(|a| a.review_state == ReviewState::Accepted)
    }
    fn awaiting(r: &RecommendationSnapshot) -> Option<&Assessment> {
        r.assessment
            .as_ref()
            .filter(|a| a.review_state != ReviewState::Accepted)
    }
    let confidence_keys: Vec<&str> = Confidence::ALL.iter().map(|c| c.key()).collect();
    let status_keys: Vec<&str> = ImplementationStatus::ALL
        .iter()
        .map(|st| st.key())
        .collect();
    let confidence = split(
        "confidence",
        &confidence_keys,
        &|r| accepted_review(r).map(|a| a.confidence.key()),
        &|r| awaiting(r).map(|a| a.confidence.key()),
    );
    let status = split(
        "status",
        &status_keys,
        &|r| accepted_review(r).map(|a| a.status.key()),
        &|r| awaiting(r).map(|a| a.status.key()),
    );
    vec![
        json!({ "label": l.reviews, "text": lang.review_counts(c.accepted, c.pending, c.returned, c.not_reported) }),
        json!({ "label": l.confidence, "text": confidence }),
        json!({ "label": l.status, "text": status }),
        json!({ "label": l.milestones, "text": lang.milestone_counts(c.milestones_done, c.milestones_total, c.milestones_overdue) }),
    ]
}
