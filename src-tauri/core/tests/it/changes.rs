//! What changed in a period: credited to the period its dates fall in,
//! whenever the period was signed off.

use crate::common::*;
use followthrough_core::changes::{self, Changes};
use followthrough_core::snapshots::BriefingSource;
use followthrough_core::{sample, FixedClock, ManualClock};

fn changes_of(source: &BriefingSource) -> Changes {
    changes::between(source.previous.as_ref(), &source.snapshot)
}

/// The sample on 2026-11-25: Q2 (July to September) signed off that day,
/// long after it ended; Q3 (from October 1) open. Every figure below was
/// worked out by hand from the sample's plan (`src/sample.rs`), where each
/// date is an offset from today and every due date move was recorded today.
#[test]
fn the_sample_s_q3_reports_q3_s_work_and_q2_only_q2_s() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = sample::create(
        &dir.path().join("sample.sqlite3"),
        Box::new(FixedClock::on(date(TODAY))),
    )
    .unwrap();
    let periods = t.periods().unwrap();
    let (q2, q3) = (periods[0].id, periods[1].id);

    let c = changes_of(&t.briefing_source(q3).unwrap());
    // Done from October 1 to November 25: the indicators 48 days ago (due
    // October 6: 2 days late), the survey 20 days ago (due October 26 after
    // its move: 10 days late).
    let done: Vec<_> = c
        .completed
        .iter()
        .map(|m| (m.number, m.title.as_str(), m.completed_on, m.days_late))
        .collect();
    assert_eq!(
        done,
        [
            (
                3,
                "Survey digital skills across ministries",
                date("2026-11-05"),
                10
            ),
            (
                8,
                "Define digital performance indicators",
                date("2026-10-08"),
                2
            ),
        ]
    );
    // Every move was made today, inside Q3: from the date in force on
    // October 1 to the date now.
    let slipped: Vec<_> = c
        .slipped
        .iter()
        .map(|s| (s.number, s.from, s.to, s.reason.as_str()))
        .collect();
    assert_eq!(
        slipped,
        [
            (
                1,
                date("2026-10-16"),
                date("2026-12-11"),
                "Awaiting privacy office comments"
            ),
            (
                3,
                date("2026-09-26"),
                date("2026-10-26"),
                "Survey tool procurement delayed"
            ),
            (
                5,
                date("2026-10-26"),
                date("2026-11-15"),
                "Pilot ministries not yet confirmed"
            ),
            (
                8,
                date("2026-12-10"),
                date("2026-12-24"),
                "Data sharing agreement pending"
            ),
        ]
    );
    // Open, past due today, and not past due on September 30.
    let overdue: Vec<_> = c
        .newly_overdue
        .iter()
        .map(|m| (m.number, m.title.as_str(), m.due))
        .collect();
    assert_eq!(
        overdue,
        [
            (
                2,
                "Publish the first ten case showcases",
                date("2026-11-15")
            ),
            (
                4,
                "Executive guide to championing digital",
                date("2026-11-20")
            ),
            (
                5,
                "Pilot protected time for middle managers",
                date("2026-11-15")
            ),
            (6, "Green paper draft for consultation", date("2026-11-10")),
        ]
    );
    // Notes observed 2 to 48 days ago.
    let notes: Vec<(&str, i64)> = c
        .new_evidence
        .iter()
        .map(|(k, n)| (k.as_str(), *n))
        .collect();
    assert_eq!(
        notes,
        [
            ("decision", 1),
            ("document", 1),
            ("issue", 1),
            ("metric", 2),
            ("progress", 2),
            ("risk", 1),
        ]
    );

    // Q2, read at September 30: only its own completions, no moves (all
    // were made in Q3), the survey overdue then, and its four notes.
    let q2_source = t.briefing_source(q2).unwrap();
    assert_eq!(q2_source.snapshot.as_of, date("2026-09-30"));
    let c = changes_of(&q2_source);
    let done: Vec<_> = c
        .completed
        .iter()
        .map(|m| (m.number, m.completed_on))
        .collect();
    assert_eq!(
        done,
        [
            (1, date("2026-08-07")),
            (2, date("2026-09-01")),
            (6, date("2026-08-22")),
        ]
    );
    assert!(c.slipped.is_empty());
    let overdue: Vec<_> = c.newly_overdue.iter().map(|m| (m.number, m.due)).collect();
    assert_eq!(overdue, [(3, date("2026-09-26"))]);
    assert_eq!(c.new_evidence.values().sum::<i64>(), 4);
    let counts = |n: i64| {
        q2_source
            .snapshot
            .recommendation(n)
            .unwrap()
            .milestone_counts()
    };
    assert_eq!((1..=8).map(|n| counts(n).done).sum::<i64>(), 3);
    assert_eq!((1..=8).map(|n| counts(n).overdue).sum::<i64>(), 1);
    // Every milestone was entered on November 25: those first due by
    // September 30 are Q2's history entered late and count; the eleven
    // first due later were not part of Q2.
    assert_eq!((1..=8).map(|n| counts(n).total).sum::<i64>(), 4);
}

/// One history, the period signed off either the day after it ended or two
/// months later: the same figures for both periods.
fn history(sign_off_late: bool) -> (Fixture, i64, i64) {
    let (mut f, clock) = fixture_moving("2026-06-15");
    let on = |day: &str| clock.set(date(day));
    let early = f.milestone(1, "Map the approvals", "2026-08-15");
    let moved = f.milestone(1, "Draft the standard", "2026-09-20");
    let later = f.milestone(2, "Publish the standard", "2026-10-15");
    f.tracker
        .set_milestone_state(&f.ea, moved, "in_progress", None)
        .unwrap();
    let q2 = f.period("2026-27 Q2", "2026-07-01", "2026-09-30");
    let q3 = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    on("2026-08-10");
    f.tracker
        .move_milestone(&f.ea, moved, "2026-09-25", "Consultation ran long")
        .unwrap();
    f.evidence(1, "progress", "2026-08-10", "Approvals mapped in draft.");
    on("2026-08-20");
    f.tracker
        .set_milestone_state(&f.ea, early, "done", None)
        .unwrap();
    on("2026-09-30");
    f.complete_period(q2, "amber");

    let sign_off = |f: &mut Fixture| f.tracker.sign_off_period(&f.dm, q2).unwrap();
    if !sign_off_late {
        on("2026-10-01");
        sign_off(&mut f);
    }
    on("2026-10-10");
    f.tracker
        .set_milestone_state(&f.ea, moved, "done", None)
        .unwrap();
    f.evidence(1, "risk", "2026-10-05", "Legal review may slip.");
    on("2026-10-20");
    f.tracker
        .move_milestone(&f.ea, later, "2026-11-30", "Translation")
        .unwrap();
    let added = f.milestone(2, "Brief the ADMs", "2026-11-01");
    on("2026-11-05");
    f.tracker
        .move_milestone(&f.ea, added, "2026-11-20", "ADM calendar")
        .unwrap();
    on("2026-11-30");
    if sign_off_late {
        sign_off(&mut f);
    }
    (f, q2, q3)
}

#[test]
fn a_period_signed_off_two_months_late_gives_the_figures_of_one_signed_off_on_time() {
    let (mut on_time, q2, q3) = history(false);
    let (mut late, _, _) = history(true);
    for period in [q2, q3] {
        let a = on_time.tracker.briefing_source(period).unwrap();
        let b = late.tracker.briefing_source(period).unwrap();
        assert_eq!(changes_of(&a), changes_of(&b), "period {period}");
        for (x, y) in a
            .snapshot
            .recommendations
            .iter()
            .zip(&b.snapshot.recommendations)
        {
            assert_eq!(x.milestone_counts(), y.milestone_counts());
            assert_eq!(x.milestones, y.milestones);
            assert_eq!(x.period_evidence.len(), y.period_evidence.len());
        }
    }

    let q2_changes = changes_of(&late.tracker.briefing_source(q2).unwrap());
    let done: Vec<_> = q2_changes
        .completed
        .iter()
        .map(|m| m.title.as_str())
        .collect();
    assert_eq!(done, ["Map the approvals"]);
    assert_eq!(q2_changes.slipped.len(), 1);
    assert_eq!(q2_changes.slipped[0].to, date("2026-09-25"));
    let overdue: Vec<_> = q2_changes
        .newly_overdue
        .iter()
        .map(|m| m.title.as_str())
        .collect();
    assert_eq!(overdue, ["Draft the standard"]);

    let q3_changes = changes_of(&late.tracker.briefing_source(q3).unwrap());
    let done: Vec<_> = q3_changes
        .completed
        .iter()
        .map(|m| (m.title.as_str(), m.completed_on, m.days_late))
        .collect();
    assert_eq!(done, [("Draft the standard", date("2026-10-10"), 15)]);
    // A milestone added after Q2's sign-off is reported when it slips.
    let slipped: Vec<_> = q3_changes
        .slipped
        .iter()
        .map(|s| (s.title.as_str(), s.from, s.to))
        .collect();
    assert_eq!(
        slipped,
        [
            ("Brief the ADMs", date("2026-11-01"), date("2026-11-20")),
            (
                "Publish the standard",
                date("2026-10-15"),
                date("2026-11-30")
            ),
        ]
    );
    // Overdue since November 21, inside Q3.
    let overdue: Vec<_> = q3_changes
        .newly_overdue
        .iter()
        .map(|m| m.title.as_str())
        .collect();
    assert_eq!(overdue, ["Brief the ADMs"]);
    assert_eq!(q3_changes.new_evidence.get("risk"), Some(&1));
    assert_eq!(q3_changes.new_evidence.get("progress"), None);
}

#[test]
fn a_milestone_overdue_before_the_period_is_not_newly_overdue() {
    let (mut f, clock) = fixture_moving("2026-06-01");
    f.milestone(1, "Long overdue", "2026-06-10");
    let q3 = f.period("2026-27 Q3", "2026-10-01", "2026-12-31");
    clock.set(date("2026-10-15"));
    let c = changes_of(&f.tracker.briefing_source(q3).unwrap());
    assert!(c.newly_overdue.is_empty());
    let r1 = f.tracker.briefing_source(q3).unwrap().snapshot;
    assert_eq!(r1.recommendation(1).unwrap().milestone_counts().overdue, 1);
    let _: ManualClock = clock;
}
