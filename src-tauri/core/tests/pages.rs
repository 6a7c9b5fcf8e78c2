//! The screens' read models.

mod common;

use common::*;

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

    let page = f.tracker.recommendation_page(rec).unwrap();
    assert_eq!(page.recommendation.number, 1);
    assert_eq!(page.owners.len(), 1);
    assert_eq!(page.milestones.len(), 1);
    let mv = &page.milestones[0];
    assert_eq!((mv.slip_days, mv.replans, mv.overdue), (19, 1, true));
    assert_eq!(page.evidence[0].text, "Newer");
    assert_eq!(
        page.assessments
            .iter()
            .map(|a| a.period_label.as_str())
            .collect::<Vec<_>>(),
        ["Q2", "Q3"]
    );
    assert_eq!(page.current_period_id, Some(q3));
    assert_eq!(page.history[0].action, "report_assessment");
    assert!(page
        .history
        .iter()
        .all(|e| e.recommendation_id == Some(rec)));

    let json = serde_json::to_value(&page).unwrap();
    assert_eq!(
        json["milestones"][0]["title"], "Plan",
        "flattened for the screen"
    );
    assert_eq!(json["milestones"][0]["slip_days"], 19);
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
