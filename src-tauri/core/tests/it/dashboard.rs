//! The dashboard's derived figures on a known tracker.

use crate::common::*;
use followthrough_core::scales::{Confidence, ImplementationStatus, ReviewState, Trend};

#[test]
fn a_new_tracker_lists_eight_unreported_recommendations() {
    let mut f = fixture();
    let d = f.tracker.dashboard().unwrap();
    assert_eq!(d.as_of, date(TODAY));
    assert!(d.period.is_none());
    assert_eq!(d.rows.len(), 8);
    for (i, row) in d.rows.iter().enumerate() {
        assert_eq!(row.number, i as i64 + 1);
        assert!(row.status.is_none() && row.trend.is_none());
        assert_eq!((row.milestones_done, row.milestones_total), (0, 0));
        assert!(row.stale, "no evidence at all is stale");
        assert!(row.days_since_evidence.is_none());
    }
}

#[test]
fn milestones_evidence_and_trend_are_summarised_per_recommendation() {
    let mut f = fixture();
    let lead = f.owner("Marc Gagnon");
    let rec1 = f.rec(1);
    f.tracker
        .assign_owners(&f.ea, rec1, Some(lead), &[])
        .unwrap();

    let done = f.milestone(1, "Map steps", "2026-09-01");
    f.tracker
        .set_milestone_state(&f.ea, done, "done", Some("2026-09-01"))
        .unwrap();
    f.milestone(1, "Overdue one", "2026-11-01");
    f.milestone(1, "Overdue two", "2026-11-24");
    f.milestone(1, "Due later", "2027-01-31");
    let cancelled = f.milestone(1, "Dropped", "2026-10-01");
    f.tracker
        .set_milestone_state(&f.ea, cancelled, "cancelled", None)
        .unwrap();
    f.evidence(1, "progress", "2026-10-20", "Older");
    f.evidence(1, "metric", "2026-11-05", "Newest");
    f.evidence(2, "progress", "2026-10-26", "Exactly 30 days ago");
    f.evidence(3, "progress", "2026-10-25", "31 days ago");

    let q2 = f.period("2026-27 Q2", "2026-07-01", "2026-09-30");
    let q3 = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    for (n, c) in [(1, "amber"), (2, "amber"), (3, "amber")] {
        let id = f.report(q2, n, "in_process", c);
        f.tracker.accept_assessment(&f.dm, id).unwrap();
    }
    let a1 = f.report(q3, 1, "in_process", "amber_red");
    f.report(q3, 2, "in_process", "amber_green");
    let a3 = f.report(q3, 3, "in_process", "amber");
    f.report(q3, 4, "little_or_no_progress", "red");
    f.tracker.accept_assessment(&f.dm, a1).unwrap();
    f.report(q3, 1, "fully_implemented", "green");
    f.tracker.return_assessment(&f.dm, a3, "Evidence?").unwrap();

    let d = f.tracker.dashboard().unwrap();
    assert_eq!(d.period.as_ref().unwrap().id, q3);
    assert_eq!(d.previous_period.as_ref().unwrap().id, q2);

    let r1 = &d.rows[0];
    assert_eq!(r1.lead_owner.as_deref(), Some("Marc Gagnon"));
    assert_eq!(
        (r1.milestones_done, r1.milestones_total),
        (1, 4),
        "cancelled does not count"
    );
    assert_eq!(r1.overdue_milestones, 2);
    let next = r1.next_milestone.as_ref().unwrap();
    assert_eq!(
        (next.title.as_str(), next.due),
        ("Overdue one", date("2026-11-01"))
    );
    assert_eq!(r1.last_evidence_on, Some(date("2026-11-05")));
    assert_eq!(r1.days_since_evidence, Some(20));
    assert!(!r1.stale);
    assert_eq!(r1.status, Some(ImplementationStatus::FullyImplemented));
    assert_eq!(r1.confidence, Some(Confidence::Green));
    assert_eq!(r1.accepted_status, Some(ImplementationStatus::InProcess));
    assert_eq!(r1.accepted_confidence, Some(Confidence::AmberRed));
    assert_eq!(r1.review_state, Some(ReviewState::Pending));
    assert_eq!(r1.trend, Some(Trend::Up));

    let r2 = &d.rows[1];
    assert_eq!(r2.trend, Some(Trend::Up));
    assert!(!r2.stale, "30 days is not yet stale");
    let r3 = &d.rows[2];
    assert_eq!(r3.trend, Some(Trend::Same));
    assert!(r3.stale, "31 days is stale");
    assert_eq!(r3.review_state, Some(ReviewState::Returned));
    assert_eq!(r3.review_comment, "Evidence?");
    let r4 = &d.rows[3];
    assert_eq!(r4.trend, Some(Trend::New));
    assert_eq!(r4.confidence, Some(Confidence::Red));
    assert!(d.rows[4].status.is_none());
}

#[test]
fn a_worsening_confidence_trends_down() {
    let mut f = fixture();
    let q2 = f.period("Q2", "2026-07-01", "2026-09-30");
    let q3 = f.period("Q3", "2026-10-01", "2026-12-31");
    f.report(q2, 5, "in_process", "amber_green");
    f.report(q3, 5, "little_or_no_progress", "red");
    let d = f.tracker.dashboard().unwrap();
    assert_eq!(d.rows[4].trend, Some(Trend::Down));
}
