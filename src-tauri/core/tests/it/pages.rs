//! The screens' read models.

use crate::common::*;
use followthrough_core::pages::{PageScope, EVIDENCE_PAGE, RECENT_ASSESSMENTS, RECENT_CHANGES};
use followthrough_core::periods;

#[test]
fn a_recommendation_page_gathers_everything_the_screen_shows() {
    let mut f = fixture();
    let o = f.owner("Lead");
    let rec = f.rec(1);
    f.tracker.assign_owners(&f.ea, rec, Some(o), &[]).unwrap();
    let m = f.milestone(1, "Plan", "2026-11-01");
    f.tracker
        .move_milestone(&f.ea, m, "2026-11-20", "Waiting")
        .unwrap();
    f.evidence(1, "progress", "2026-11-10", "Older");
    f.evidence(1, "risk", "2026-11-12", "Newer");
    let q2 = f.period("Q2", "2026-07-01", "2026-09-30");
    let q3 = f.period("Q3", "2026-10-01", "2026-12-31");
    f.report(q2, 1, "in_process", "amber");
    f.report(q3, 1, "in_process", "amber_green");

    let page = f
        .tracker
        .recommendation_page(rec, PageScope::default())
        .unwrap();
    assert_eq!(page.recommendation.number, 1);
    assert_eq!(page.owners.len(), 1);
    assert_eq!(page.milestones.len(), 1);
    let mv = &page.milestones[0];
    assert_eq!(
        (mv.slip_days, mv.replans, mv.overdue, mv.closed),
        (19, 1, true, false)
    );
    assert_eq!(page.evidence.notes[0].text, "Newer");
    assert_eq!(page.evidence.total, 2);
    assert_eq!(
        page.assessments
            .iter()
            .map(|a| a.period_label.as_str())
            .collect::<Vec<_>>(),
        ["Q2", "Q3"]
    );
    assert_eq!(page.current_period.as_ref().map(|p| p.id), Some(q3));
    assert_eq!(page.history[0].event.action, "report_assessment");
    assert!(page
        .history
        .iter()
        .all(|e| e.event.recommendation_id == Some(rec)));

    let json = serde_json::to_value(&page).unwrap();
    assert_eq!(
        json["milestones"][0]["title"], "Plan",
        "flattened for the screen"
    );
    assert_eq!(json["milestones"][0]["slip_days"], 19);

    // A milestone done is closed: the screen offers no edit or move.
    let id = page.milestones[0].milestone.id;
    f.tracker
        .set_milestone_state(&f.ea, id, "done", None)
        .unwrap();
    let page = f
        .tracker
        .recommendation_page(rec, PageScope::default())
        .unwrap();
    let done = page
        .milestones
        .iter()
        .find(|m| m.milestone.id == id)
        .unwrap();
    assert!(done.closed && !done.overdue);
}

#[test]
fn a_period_page_offers_the_previous_report_as_a_draft() {
    let mut f = fixture();
    let q2 = f.period("Q2", "2026-07-01", "2026-09-30");
    let q3 = f.period("Q3", "2026-10-01", "2026-12-31");
    f.report(q2, 2, "in_process", "amber");
    f.report(q3, 3, "little_or_no_progress", "red");

    let page = f.tracker.period_page(None).unwrap();
    assert_eq!(
        page.period.as_ref().unwrap().id,
        q3,
        "the current period by default"
    );
    assert_eq!(page.previous_period.as_ref().unwrap().id, q2);
    assert_eq!(
        (
            page.suggested_next.label.as_str(),
            page.suggested_next.starts_on.as_str(),
            page.suggested_next.ends_on.as_str()
        ),
        ("2026-27 Q4", "2027-01-01", "2027-03-31"),
        "the quarter after the latest period is offered next"
    );
    assert_eq!(page.rows.len(), 8);
    assert!(page.rows[1].assessment.is_none());
    assert_eq!(
        page.rows[1].previous.as_ref().unwrap().confidence.key(),
        "amber"
    );
    assert_eq!(
        page.rows[2].assessment.as_ref().unwrap().confidence.key(),
        "red"
    );

    let first = f.tracker.period_page(Some(q2)).unwrap();
    assert!(first.previous_period.is_none());
    assert!(f.tracker.period_page(Some(999)).is_err());
}

#[test]
fn a_period_page_says_what_stands_before_each_open_periods_sign_off() {
    let mut f = fixture();
    let q2 = f.period("Q2", "2026-07-01", "2026-09-30");
    let q3 = f.period("Q3", "2026-10-01", "2026-12-31");
    let accepted = f.report(q3, 1, "in_process", "amber");
    f.tracker.accept_assessment(&f.dm, accepted).unwrap();
    let returned = f.report(q3, 4, "in_process", "green");
    f.tracker
        .return_assessment(&f.dm, returned, "Why?")
        .unwrap();
    f.report(q3, 6, "in_process", "amber");
    f.report(q2, 2, "in_process", "amber");

    let page = f.tracker.period_page(Some(q3)).unwrap();
    let open: Vec<(&str, &periods::Outstanding)> = page
        .open
        .iter()
        .map(|o| (o.period.label.as_str(), &o.outstanding))
        .collect();
    assert_eq!(
        open,
        vec![
            (
                "Q2",
                &periods::Outstanding {
                    not_reported: vec![1, 3, 4, 5, 6, 7, 8],
                    awaiting_review: vec![2],
                    returned: vec![],
                }
            ),
            (
                "Q3",
                &periods::Outstanding {
                    not_reported: vec![2, 3, 5, 7, 8],
                    awaiting_review: vec![6],
                    returned: vec![4],
                }
            ),
        ]
    );
    assert!(!page.open[1].outstanding.is_empty());
    assert!(periods::Outstanding::default().is_empty());
}

#[test]
fn owner_rows_show_the_work_each_owner_holds() {
    let mut f = fixture();
    let a = f.owner("A");
    let b = f.owner("B");
    let rec2 = f.rec(2);
    let rec5 = f.rec(5);
    f.tracker.assign_owners(&f.ea, rec2, Some(a), &[b]).unwrap();
    f.tracker.assign_owners(&f.ea, rec5, Some(a), &[]).unwrap();
    let rows = f.tracker.owner_rows().unwrap();
    let ra = rows.iter().find(|r| r.owner.id == a).unwrap();
    assert_eq!(ra.leads, vec![2, 5]);
    let rb = rows.iter().find(|r| r.owner.id == b).unwrap();
    assert_eq!((rb.load.supporting, rb.leads.len()), (1, 0));
}

#[test]
fn a_long_history_is_listed_in_part_with_counts_of_the_rest() {
    let mut f = fixture_on("2026-11-25");
    let rec = f.rec(2);
    let done_long_ago = f.milestone(2, "Finished in spring", "2026-04-01");
    f.tracker
        .set_milestone_state(&f.ea, done_long_ago, "done", Some("2026-03-30"))
        .unwrap();
    let open = f.milestone(2, "Still to do", "2026-12-15");
    for i in 0..(EVIDENCE_PAGE + 7) {
        let kind = if i % 2 == 0 { "progress" } else { "risk" };
        f.evidence(2, kind, "2026-11-01", &format!("Note {i}"));
    }
    let starts = [
        ("2024-25 Q1", "2024-04-01", "2024-06-30"),
        ("2024-25 Q2", "2024-07-01", "2024-09-30"),
        ("2024-25 Q3", "2024-10-01", "2024-12-31"),
        ("2024-25 Q4", "2025-01-01", "2025-03-31"),
        ("2025-26 Q1", "2025-04-01", "2025-06-30"),
        ("2025-26 Q2", "2025-07-01", "2025-09-30"),
        ("2025-26 Q3", "2025-10-01", "2025-12-31"),
        ("2025-26 Q4", "2026-01-01", "2026-03-31"),
        ("2026-27 Q1", "2026-04-01", "2026-06-30"),
        ("2026-27 Q2", "2026-07-01", "2026-09-30"),
        ("2026-27 Q3", "2026-10-01", "2026-12-31"),
    ];
    for (label, start, end) in starts {
        let p = f.period(label, start, end);
        f.report(p, 2, "in_process", "amber");
    }

    let page = f
        .tracker
        .recommendation_page(rec, PageScope::default())
        .unwrap();
    let listed: Vec<i64> = page.milestones.iter().map(|m| m.milestone.id).collect();
    assert_eq!(
        listed,
        vec![open],
        "finished before the period: counted, not listed"
    );
    assert_eq!(page.milestones_not_listed, 1);
    assert_eq!(page.milestone_counts.total, 2);
    assert_eq!(page.evidence.notes.len(), EVIDENCE_PAGE as usize);
    assert_eq!(page.evidence.total, i64::from(EVIDENCE_PAGE) + 7);
    assert_eq!(page.assessments.len(), RECENT_ASSESSMENTS);
    assert_eq!(page.assessments_total, starts.len());
    assert_eq!(page.history.len(), RECENT_CHANGES as usize);
    assert!(page.history_more, "older changes are there to ask for");
    assert!(page
        .history
        .windows(2)
        .all(|w| w[0].event.id > w[1].event.id));
    assert_eq!(page.assessments.last().unwrap().period_label, "2026-27 Q3");

    let all = f
        .tracker
        .recommendation_page(
            rec,
            PageScope {
                all_milestones: true,
                all_assessments: true,
            },
        )
        .unwrap();
    assert_eq!(all.milestones.len(), 2);
    assert_eq!(all.milestones_not_listed, 0);
    assert_eq!(all.assessments.len(), starts.len());

    // The rest of the feed, page by page and by kind.
    let rest = f
        .tracker
        .evidence_feed(rec, None, EVIDENCE_PAGE, EVIDENCE_PAGE)
        .unwrap();
    assert_eq!(rest.notes.len(), 7);
    assert_eq!(rest.offset, EVIDENCE_PAGE);
    let risks = f
        .tracker
        .evidence_feed(
            rec,
            Some(followthrough_core::scales::EvidenceKind::Risk),
            0,
            10,
        )
        .unwrap();
    // Every odd note of the EVIDENCE_PAGE + 7 is a risk.
    assert_eq!(risks.total, i64::from(EVIDENCE_PAGE + 7) / 2);
    assert!(risks.notes.iter().all(|n| n.kind.key() == "risk"));
    assert_code(
        f.tracker.evidence_feed(999, None, 0, 10),
        followthrough_core::ErrorCode::NotFound,
    );
}

#[test]
fn a_recommendation_page_lists_what_awaits_review_and_says_why_its_reporter_may_not_review() {
    let mut f = fixture();
    let q3 = f.period("Q3", "2026-10-01", "2026-12-31");
    let first = f.report(q3, 1, "in_process", "amber");
    f.report(q3, 4, "in_process", "amber");
    let accepted = f.report(q3, 6, "in_process", "green");
    f.tracker.accept_assessment(&f.dm, accepted).unwrap();
    let rec1 = f.rec(1);
    let rec4 = f.rec(4);

    let page = f
        .tracker
        .recommendation_page(rec1, PageScope::default())
        .unwrap();
    let queue: Vec<(i64, i64)> = page
        .awaiting_review
        .iter()
        .map(|q| (q.number, q.recommendation_id))
        .collect();
    assert_eq!(queue, [(1, rec1), (4, rec4)]);
    assert!(page.review_refusal.is_none(), "nobody named yet");

    let as_dm = page.clone().for_reviewer(&f.dm);
    assert!(as_dm.review_refusal.is_none());
    let ea = f.ea.clone();
    let as_reporter = page.for_reviewer(&ea);
    let refusal = as_reporter
        .review_refusal
        .expect("the reporter is told why");
    assert_eq!(refusal.code, followthrough_core::ErrorCode::SameReviewer);
    // The same refusal the review itself would meet.
    let e = f.tracker.accept_assessment(&ea, first).unwrap_err();
    assert_eq!(e.code(), refusal.code);
}
