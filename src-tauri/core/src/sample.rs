//! `followthrough sample`: a separate tracker filled with clearly marked
//! SAMPLE data, for trying the app and for tests.
//!
//! Every owner's name ends in "(sample)", every note starts with
//! "[SAMPLE]", and the file itself is marked as a sample in its `meta`
//! table. Dates are laid out around the clock's today so that the sample
//! always shows slipped, overdue and stale work, one signed-off period and
//! one open period.

use crate::actor::Actor;
use crate::assessments::AssessmentInput;
use crate::audit::{Action, Subject};
use crate::clock::Clock;
use crate::error::Result;
use crate::evidence::NewEvidence;
use crate::milestones::NewMilestone;
use crate::owners::OwnerInput;
use crate::periods::{fiscal_quarter, NewPeriod};
use crate::tracker::Tracker;
use chrono::{Days, NaiveDate};
use std::path::Path;

fn day(d: NaiveDate) -> String {
    d.to_string()
}

fn ago(today: NaiveDate, days: u64) -> NaiveDate {
    today - Days::new(days)
}

fn ahead(today: NaiveDate, days: u64) -> NaiveDate {
    today + Days::new(days)
}

/// Creates a new sample tracker at `path`, complete or not at all. Refuses
/// a path where any file is, so a real tracker can never be filled with
/// sample data.
pub fn create(path: &Path, clock: Box<dyn Clock>) -> Result<Tracker> {
    Tracker::create_with(path, clock, |t| {
        t.write(&Actor::system(), |ch| {
            ch.tx.execute(
                "INSERT INTO meta (key, value) VALUES ('kind', 'sample')",
                [],
            )?;
            ch.audit(
                Action::MarkSample,
                Subject::TRACKER,
                None::<&()>,
                Some(&serde_json::json!({"kind": "sample"})),
            )
        })?;
        fill(t)
    })
}

fn fill(t: &mut Tracker) -> Result<()> {
    let today = t.clock().today();
    let ea = Actor::new("Alex Morgan (sample EA)")?;
    let dm = Actor::new("Deputy Minister (sample)")?;

    let people = [
        (
            "Priya Natarajan (sample)",
            "Assistant Deputy Minister",
            "Digital Policy Division",
            "priya.natarajan@example.org",
        ),
        (
            "Marc Gagnon (sample)",
            "Director",
            "Cyber Security Branch",
            "marc.gagnon@example.org",
        ),
        (
            "Aisha Bello (sample)",
            "Director",
            "People and Culture",
            "aisha.bello@example.org",
        ),
        (
            "Tom Whitehorse (sample)",
            "Manager",
            "Innovation Office",
            "tom.whitehorse@example.org",
        ),
        (
            "Hélène Roy (sample)",
            "Senior Policy Advisor",
            "Risk and Legal Services",
            "helene.roy@example.org",
        ),
        (
            "Daniel Cho (sample)",
            "Director",
            "Performance and Analytics",
            "daniel.cho@example.org",
        ),
    ];
    let mut owners = Vec::new();
    for (name, title, unit, email) in people {
        let o = t.add_owner(
            &ea,
            &OwnerInput {
                name: name.into(),
                title: title.into(),
                unit: unit.into(),
                email: email.into(),
            },
        )?;
        owners.push(o.id);
    }
    let retired = t.add_owner(
        &ea,
        &OwnerInput {
            name: "Former Lead (sample)".into(),
            title: "Director (retired)".into(),
            unit: "Digital Policy Division".into(),
            email: String::new(),
        },
    )?;
    t.set_owner_active(&ea, retired.id, false)?;

    let recs = t.recommendations()?;
    let leads = [1, 3, 2, 2, 0, 4, 3, 5];
    for (rec, lead) in recs.iter().zip(leads) {
        let supporting: Vec<i64> = owners
            .iter()
            .copied()
            .filter(|o| *o != owners[lead])
            .take(1 + (rec.number as usize % 2))
            .collect();
        t.assign_owners(&ea, rec.id, Some(owners[lead]), &supporting)?;
        t.set_target_date(
            &ea,
            rec.id,
            Some(&day(ahead(today, 200 + 30 * rec.number as u64))),
        )?;
    }

    // Milestones: (recommendation number, title, baseline offset from today
    // in days (negative = past), slips as (days, reason), final state).
    struct Plan {
        rec: i64,
        title: &'static str,
        owner: usize,
        baseline: i64,
        slips: &'static [(i64, &'static str)],
        done_days_ago: Option<u64>,
    }
    let plans = [
        Plan {
            rec: 1,
            title: "Map the current security approval steps",
            owner: 1,
            baseline: -120,
            slips: &[],
            done_days_ago: Some(110),
        },
        Plan {
            rec: 1,
            title: "Propose a leaner approval path to Treasury Board",
            owner: 0,
            baseline: -40,
            slips: &[
                (35, "Treasury Board calendar moved"),
                (21, "Awaiting privacy office comments"),
            ],
            done_days_ago: None,
        },
        Plan {
            rec: 1,
            title: "Name an executive lead for digital implementation",
            owner: 0,
            baseline: 45,
            slips: &[],
            done_days_ago: None,
        },
        Plan {
            rec: 2,
            title: "Launch the innovators' network",
            owner: 3,
            baseline: -90,
            slips: &[],
            done_days_ago: Some(85),
        },
        Plan {
            rec: 2,
            title: "Publish the first ten case showcases",
            owner: 3,
            baseline: -10,
            slips: &[],
            done_days_ago: None,
        },
        Plan {
            rec: 3,
            title: "Survey digital skills across ministries",
            owner: 2,
            baseline: -60,
            slips: &[(30, "Survey tool procurement delayed")],
            done_days_ago: Some(20),
        },
        Plan {
            rec: 3,
            title: "Report on recruitment and retention gaps",
            owner: 2,
            baseline: 30,
            slips: &[],
            done_days_ago: None,
        },
        Plan {
            rec: 4,
            title: "Executive guide to championing digital",
            owner: 2,
            baseline: -5,
            slips: &[],
            done_days_ago: None,
        },
        Plan {
            rec: 4,
            title: "Risk assessment toolkit for managers",
            owner: 4,
            baseline: 60,
            slips: &[],
            done_days_ago: None,
        },
        Plan {
            rec: 5,
            title: "Pilot protected time for middle managers",
            owner: 0,
            baseline: -30,
            slips: &[(20, "Pilot ministries not yet confirmed")],
            done_days_ago: None,
        },
        Plan {
            rec: 6,
            title: "Green paper terms of reference",
            owner: 4,
            baseline: -100,
            slips: &[],
            done_days_ago: Some(95),
        },
        Plan {
            rec: 6,
            title: "Green paper draft for consultation",
            owner: 4,
            baseline: -15,
            slips: &[],
            done_days_ago: None,
        },
        Plan {
            rec: 7,
            title: "Select five case studies",
            owner: 3,
            baseline: 20,
            slips: &[],
            done_days_ago: None,
        },
        Plan {
            rec: 8,
            title: "Define digital performance indicators",
            owner: 5,
            baseline: -50,
            slips: &[],
            done_days_ago: Some(48),
        },
        Plan {
            rec: 8,
            title: "First quarterly digital performance report",
            owner: 5,
            baseline: 15,
            slips: &[(14, "Data sharing agreement pending")],
            done_days_ago: None,
        },
    ];
    let rec_id = |n: i64| {
        recs.iter()
            .find(|r| r.number == n)
            .map(|r| r.id)
            .expect("seeded")
    };
    let mut milestone_of = std::collections::HashMap::new();
    for p in &plans {
        let baseline = if p.baseline < 0 {
            ago(today, p.baseline.unsigned_abs())
        } else {
            ahead(today, p.baseline as u64)
        };
        let m = t.add_milestone(
            &ea,
            &NewMilestone {
                recommendation_id: rec_id(p.rec),
                title: p.title.into(),
                owner_id: Some(owners[p.owner]),
                due: day(baseline),
            },
        )?;
        let mut due = baseline;
        for (days, reason) in p.slips {
            due = due + Days::new(*days as u64);
            t.move_milestone(&ea, m.id, &day(due), reason)?;
        }
        if let Some(d) = p.done_days_ago {
            t.set_milestone_state(&ea, m.id, "done", Some(&day(ago(today, d))))?;
        } else if p.baseline < 0 {
            t.set_milestone_state(&ea, m.id, "in_progress", None)?;
        }
        milestone_of.entry(p.rec).or_insert(m.id);
    }

    // Evidence of every kind; recommendation 7 has none (stale) and 5 only
    // old evidence.
    let notes: [(i64, u64, &str, &str, &str); 12] = [
        (
            1,
            110,
            "document",
            "[SAMPLE] Current-state map of 17 security approval steps filed.",
            "RDIMS 2231-A (sample)",
        ),
        (
            1,
            12,
            "risk",
            "[SAMPLE] Privacy office review may add a step to the proposed path.",
            "",
        ),
        (
            2,
            85,
            "progress",
            "[SAMPLE] Innovators' network launched with 140 members.",
            "Launch note (sample)",
        ),
        (
            2,
            8,
            "metric",
            "[SAMPLE] Network membership reached 310 across 19 ministries.",
            "Membership dashboard (sample)",
        ),
        (
            3,
            20,
            "document",
            "[SAMPLE] Digital skills survey results received (4,812 responses).",
            "Survey report v1 (sample)",
        ),
        (
            4,
            26,
            "issue",
            "[SAMPLE] Guide drafting paused while the style review completes.",
            "",
        ),
        (
            5,
            75,
            "decision",
            "[SAMPLE] Executive committee agreed to pilot protected time in two ministries.",
            "ExCo minutes (sample)",
        ),
        (
            6,
            95,
            "document",
            "[SAMPLE] Green paper terms of reference approved.",
            "ToR final (sample)",
        ),
        (
            6,
            4,
            "progress",
            "[SAMPLE] Consultation draft circulated to legal services.",
            "",
        ),
        (
            8,
            48,
            "decision",
            "[SAMPLE] Indicator set approved for the first report.",
            "Decision record (sample)",
        ),
        (
            8,
            3,
            "metric",
            "[SAMPLE] Baseline measured for six of eight indicators.",
            "Indicators workbook (sample)",
        ),
        (
            1,
            2,
            "progress",
            "[SAMPLE] Treasury Board submission drafted.",
            "",
        ),
    ];
    for (n, days, kind, text, source) in notes {
        t.add_evidence(
            &ea,
            &NewEvidence {
                recommendation_id: rec_id(n),
                milestone_id: milestone_of.get(&n).copied().filter(|_| kind == "document"),
                observed_on: Some(day(ago(today, days))),
                kind: kind.into(),
                author: None,
                text: text.into(),
                source_ref: source.into(),
            },
        )?;
    }

    // Two periods: last quarter, reported, accepted and signed off; this
    // quarter, open with reports awaiting review, one returned.
    let (cur_label, cur_start, cur_end) = fiscal_quarter(today);
    let (prev_label, prev_start, prev_end) = fiscal_quarter(cur_start - Days::new(1));
    let prev = t.open_period(
        &ea,
        &NewPeriod {
            label: prev_label,
            starts_on: day(prev_start),
            ends_on: day(prev_end),
        },
    )?;
    let cur = t.open_period(
        &ea,
        &NewPeriod {
            label: cur_label,
            starts_on: day(cur_start),
            ends_on: day(cur_end),
        },
    )?;

    let previous: [(&str, &str); 8] = [
        ("in_process", "amber"),
        ("in_process", "green"),
        ("in_process", "amber_green"),
        ("in_process", "amber_green"),
        ("little_or_no_progress", "amber_red"),
        ("in_process", "amber_green"),
        ("little_or_no_progress", "amber"),
        ("in_process", "amber_green"),
    ];
    for (rec, (status, confidence)) in recs.iter().zip(previous) {
        let a = t.report_assessment(
            &ea,
            &AssessmentInput {
                period_id: prev.id,
                recommendation_id: rec.id,
                status: status.into(),
                confidence: confidence.into(),
                commentary: "[SAMPLE] Work under way as planned for the quarter.".into(),
                next_steps: "[SAMPLE] Continue to the next milestone.".into(),
                ..Default::default()
            },
        )?;
        t.accept_assessment(&dm, a.id)?;
    }
    t.sign_off_period(&dm, prev.id)?;

    struct Report {
        rec: i64,
        status: &'static str,
        confidence: &'static str,
        commentary: &'static str,
        risks: &'static str,
        decisions: &'static str,
    }
    let current = [
        Report { rec: 1, status: "in_process", confidence: "amber_red", commentary: "[SAMPLE] The leaner approval proposal slipped twice; Treasury Board timing is now the critical path.", risks: "[SAMPLE] Privacy review may add a step.", decisions: "[SAMPLE] Agree to name an interim executive lead for digital implementation." },
        Report { rec: 2, status: "in_process", confidence: "green", commentary: "[SAMPLE] Network membership more than doubled this quarter.", risks: "", decisions: "" },
        Report { rec: 3, status: "fully_implemented", confidence: "green", commentary: "[SAMPLE] Systematic review completed with the skills survey.", risks: "", decisions: "" },
        Report { rec: 4, status: "in_process", confidence: "amber", commentary: "[SAMPLE] Executive guide is overdue; toolkit on schedule.", risks: "[SAMPLE] Style review backlog.", decisions: "" },
        Report { rec: 5, status: "little_or_no_progress", confidence: "red", commentary: "[SAMPLE] Pilot ministries not yet confirmed.", risks: "[SAMPLE] Middle-manager workload leaves no room for the pilot.", decisions: "[SAMPLE] Choose the two pilot ministries." },
        Report { rec: 6, status: "in_process", confidence: "amber_green", commentary: "[SAMPLE] Consultation draft with legal services.", risks: "", decisions: "" },
        Report { rec: 8, status: "in_process", confidence: "amber_green", commentary: "[SAMPLE] Baselines measured for most indicators.", risks: "[SAMPLE] Data sharing agreement still pending.", decisions: "" },
    ];
    for r in &current {
        let a = t.report_assessment(
            &ea,
            &AssessmentInput {
                period_id: cur.id,
                recommendation_id: rec_id(r.rec),
                status: r.status.into(),
                confidence: r.confidence.into(),
                commentary: r.commentary.into(),
                next_steps: "[SAMPLE] See the milestone plan.".into(),
                risks: r.risks.into(),
                decisions_required: r.decisions.into(),
            },
        )?;
        match r.rec {
            2 | 6 => {
                t.accept_assessment(&dm, a.id)?;
            }
            3 => {
                t.return_assessment(
                    &dm,
                    a.id,
                    "[SAMPLE] Which evidence shows the review covered executives as well as staff?",
                )?;
            }
            _ => {}
        }
    }
    Ok(())
}
