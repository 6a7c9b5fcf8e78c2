//! Generated trackers for benchmarks: realistic history at a chosen scale,
//! written through the same [`Tracker`] API as every front end, so the
//! files have real audit chains, revisions, reviews and frozen snapshots.
//!
//! Scale 1 is 8 recommendations, 200 milestones, 2,000 evidence notes, 8
//! reporting periods and 12 owners; scale k multiplies the milestones,
//! notes and periods by k (owners by at most 10). Periods are made shorter as their number grows
//! (quarters at 1×, months at 10×, ten days at 100×) so the whole history
//! fits between 2000 and today. The history is played forward in time: in
//! each period, milestones are planned, notes are written, due work is
//! completed or re-planned, and the period is then reported, reviewed and
//! signed off (all but the last, which stays open). The same scale and seed
//! always give the same content.
//!
//! Only the generation runs with `synchronous=OFF` (a benchmark file need
//! not survive a power cut while it is made); the file is then put back to
//! the app's settings.

use chrono::{DateTime, Days, NaiveDate, Utc};
use followthrough_core::assessments::AssessmentInput;
use followthrough_core::evidence::NewEvidence;
use followthrough_core::milestones::NewMilestone;
use followthrough_core::owners::OwnerInput;
use followthrough_core::periods::NewPeriod;
use followthrough_core::{Actor, Clock, Result, Tracker};
use std::path::Path;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

/// The counts at scale 1.
pub const MILESTONES: usize = 200;
pub const NOTES: usize = 2_000;
pub const PERIODS: usize = 8;
/// Owners at scale 1; ten times as many from scale 10 on (an office has
/// only so many people, however long its history).
pub const OWNERS: usize = 12;

/// A clock the generator moves forward as the history is played.
#[derive(Clone)]
pub struct SteppingClock(Arc<AtomicI64>);

impl SteppingClock {
    pub fn at(day: NaiveDate) -> Self {
        let clock = SteppingClock(Arc::new(AtomicI64::new(0)));
        clock.set(day);
        clock
    }

    /// Moves to noon UTC on `day`.
    pub fn set(&self, day: NaiveDate) {
        let t = day.and_hms_opt(12, 0, 0).expect("noon").and_utc();
        self.0.store(t.timestamp(), Ordering::SeqCst);
    }
}

impl Clock for SteppingClock {
    fn now(&self) -> DateTime<Utc> {
        DateTime::from_timestamp(self.0.load(Ordering::SeqCst), 0).expect("a valid instant")
    }
    fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }
    fn boxed(&self) -> Box<dyn Clock> {
        Box::new(SteppingClock(self.0.clone()))
    }
}

/// A small deterministic generator (SplitMix64): the same seed gives the
/// same tracker on every machine and version.
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Self {
        Random(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SUBJECTS: &[&str] = &[
    "The security approval working group",
    "The cloud procurement team",
    "The digital talent office",
    "The privacy office",
    "Treasury Board staff",
    "The innovation platform pilot",
    "The middle-manager network",
    "The performance analytics unit",
    "Legal services",
    "The data stewardship council",
    "The accessibility review panel",
    "Ministry chief information officers",
];
const VERBS: &[&str] = &[
    "completed",
    "reviewed",
    "drafted",
    "approved",
    "escalated",
    "postponed",
    "piloted",
    "measured",
    "published",
    "consulted on",
];
const OBJECTS: &[&str] = &[
    "the revised risk framework",
    "a leaner approval path for low-risk services",
    "the recruitment plan for digital roles",
    "the case study of the licensing portal",
    "training for executives on agile delivery",
    "the quarterly digital performance report",
    "the vendor shortlist for the hosting contract",
    "the policy on reusable platforms",
    "the onboarding guide for product teams",
    "the evaluation of the service design pilot",
    "the dashboard of service uptake metrics",
    "the business case for shared identity services",
];
const DETAILS: &[&str] = &[
    "Next review is scheduled with the assistant deputy minister.",
    "Cost estimates were refined after consultation with ministries.",
    "Two ministries asked for more time to comment.",
    "Uptake rose in every region except the north.",
    "The steering committee asked for options before committing funds.",
    "A dependency on the procurement schedule remains.",
    "Staff feedback was positive; turnover is a concern.",
    "The decision note goes to the deputy minister next week.",
    "Evaluation criteria were agreed with the central agency.",
    "Accessibility testing found three issues, now fixed.",
];
const MILESTONE_TITLES: &[&str] = &[
    "Map the current approval steps",
    "Draft the policy options",
    "Consult ministries",
    "Pilot with two program areas",
    "Report results to the steering committee",
    "Publish guidance",
    "Train managers",
    "Evaluate the pilot",
    "Secure funding decision",
    "Launch the service",
];
const REASONS: &[&str] = &[
    "Waiting for the privacy impact assessment",
    "Procurement calendar moved",
    "Steering committee deferred the decision",
    "Key staff reassigned to a priority file",
    "Scope widened at the deputy minister's request",
];
const KINDS: &[&str] = &[
    "progress", "progress", "progress", "decision", "risk", "issue", "document", "metric",
];
const STATUSES: &[&str] = &[
    "in_process",
    "in_process",
    "in_process",
    "little_or_no_progress",
    "fully_implemented",
];
const CONFIDENCES: &[&str] = &["green", "amber_green", "amber", "amber_red", "red"];

/// The length of a reporting period at a scale, in days.
pub fn period_days(scale: usize) -> u64 {
    match scale {
        0 | 1 => 91,
        2..=10 => 30,
        _ => 10,
    }
}

fn note_text(r: &mut Random) -> String {
    format!(
        "{} {} {}. {} {}",
        r.pick(SUBJECTS),
        r.pick(VERBS),
        r.pick(OBJECTS),
        r.pick(DETAILS),
        r.pick(DETAILS)
    )
}

/// What a generated tracker holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Generated {
    pub milestones: usize,
    pub notes: usize,
    pub periods: usize,
    pub owners: usize,
}

/// Writes a new tracker at `path` at `scale` (1, 10, 100…), its last
/// period containing `today`. Refuses an existing file.
pub fn generate(path: &Path, scale: usize, today: NaiveDate, seed: u64) -> Result<Generated> {
    if path.exists() {
        return Err(followthrough_core::CoreError::Exists(path.to_owned()));
    }
    let scale = scale.max(1);
    let periods = PERIODS * scale;
    let len = period_days(scale);
    let start = today - Days::new(len * periods as u64 - 1);
    let clock = SteppingClock::at(start);
    let mut t = Tracker::open_or_create(path, Box::new(clock.clone()))?;
    t.connection().pragma_update(None, "synchronous", "OFF")?;
    let mut r = Random::new(seed);
    let ea = Actor::new("Executive Assistant (benchmark)")?;
    let dm = Actor::new("Deputy Minister (benchmark)")?;
    let mut made = Generated::default();

    let mut owners = Vec::new();
    for i in 0..OWNERS * scale.min(10) {
        let o = t.add_owner(
            &ea,
            &OwnerInput {
                name: format!("Owner {i:05}"),
                title: "Director".into(),
                unit: format!("Branch {}", i % 17),
                email: format!("owner{i}@example.org"),
            },
        )?;
        owners.push(o.id);
    }
    made.owners = owners.len();
    let recs: Vec<i64> = t.recommendations()?.into_iter().map(|x| x.id).collect();
    for (i, rec) in recs.iter().enumerate() {
        t.assign_owners(&ea, *rec, Some(owners[i % owners.len()]), &[])?;
    }

    let milestones_per_period = MILESTONES * scale / periods;
    let notes_per_period = NOTES * scale / periods;
    // Open milestones: (current due date, id).
    let mut open: Vec<(NaiveDate, i64)> = Vec::new();
    for p in 0..periods {
        let p_start = start + Days::new(len * p as u64);
        let p_end = p_start + Days::new(len - 1);
        clock.set(p_start);
        let period = t.open_period(
            &ea,
            &NewPeriod {
                label: format!("P{:04}", p + 1),
                starts_on: p_start.to_string(),
                ends_on: p_end.to_string(),
            },
        )?;
        made.periods += 1;

        // New milestones, due from one to eight periods ahead.
        for _ in 0..milestones_per_period {
            let rec = *r.pick(&recs);
            let due =
                p_start + Days::new(len * (1 + r.below(8) as u64) + r.below(len as usize) as u64);
            let m = t.add_milestone(
                &ea,
                &NewMilestone {
                    recommendation_id: rec,
                    title: format!("{} ({})", r.pick(MILESTONE_TITLES), made.milestones + 1),
                    owner_id: Some(*r.pick(&owners)),
                    due: due.to_string(),
                },
            )?;
            open.push((due, m.id));
            made.milestones += 1;
        }

        // The period's evidence notes, dated within it.
        clock.set(p_end.min(today));
        let last_day = p_end.min(today);
        let span = (last_day - p_start).num_days().max(0) as usize + 1;
        for _ in 0..notes_per_period {
            let observed = p_start + Days::new(r.below(span) as u64);
            t.add_evidence(
                &ea,
                &NewEvidence {
                    recommendation_id: *r.pick(&recs),
                    milestone_id: None,
                    observed_on: Some(observed.to_string()),
                    kind: r.pick(KINDS).to_string(),
                    author: None,
                    text: note_text(&mut r),
                    source_ref: if r.chance(30) {
                        format!("DOC-{}-{:05}", observed.format("%Y"), r.below(99_999))
                    } else {
                        String::new()
                    },
                },
            )?;
            made.notes += 1;
        }

        // Work due in this period: mostly done, some re-planned, a few
        // cancelled or left overdue.
        let (due_now, later): (Vec<_>, Vec<_>) = open.drain(..).partition(|(d, _)| *d <= last_day);
        open = later;
        for (due, id) in due_now {
            let roll = r.below(100);
            if roll < 70 {
                t.set_milestone_state(&ea, id, "done", Some(&due.to_string()))?;
            } else if roll < 90 {
                let new_due = due + Days::new(len + r.below(len as usize * 3) as u64);
                let reason = *r.pick(REASONS);
                t.move_milestone(&ea, id, &new_due.to_string(), reason)?;
                open.push((new_due, id));
            } else if roll < 95 {
                t.set_milestone_state(&ea, id, "cancelled", None)?;
            } else {
                // Left open and overdue; decided on again next period.
                open.push((due, id));
            }
        }

        // Report, review and (but for the last) sign off.
        let last = p + 1 == periods;
        for rec in &recs {
            let a = t.report_assessment(
                &ea,
                &AssessmentInput {
                    period_id: period.id,
                    recommendation_id: *rec,
                    status: r.pick(STATUSES).to_string(),
                    confidence: r.pick(CONFIDENCES).to_string(),
                    commentary: note_text(&mut r),
                    next_steps: note_text(&mut r),
                    risks: if r.chance(40) {
                        note_text(&mut r)
                    } else {
                        String::new()
                    },
                    decisions_required: if r.chance(15) {
                        format!("Decide on {}.", r.pick(OBJECTS))
                    } else {
                        String::new()
                    },
                },
            )?;
            if last && r.chance(50) {
                continue;
            }
            // "Fully implemented" is not accepted without evidence: the
            // assessment is then reported again as in process, as the
            // deputy minister's office would.
            if t.accept_assessment(&dm, a.id).is_err() {
                let fixed = t.report_assessment(
                    &ea,
                    &AssessmentInput {
                        period_id: period.id,
                        recommendation_id: *rec,
                        status: "in_process".into(),
                        confidence: a.confidence.key().into(),
                        commentary: a.commentary.clone(),
                        next_steps: a.next_steps.clone(),
                        risks: a.risks.clone(),
                        decisions_required: a.decisions_required.clone(),
                    },
                )?;
                t.accept_assessment(&dm, fixed.id)?;
            }
        }
        if !last {
            clock.set((p_end + Days::new(1)).min(today));
            t.sign_off_period(&dm, period.id)?;
        }
    }
    clock.set(today);
    t.connection().pragma_update(None, "synchronous", "FULL")?;
    t.connection()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA optimize;")?;
    Ok(made)
}

/// How many notes the long-notes tracker's open period holds, and how long
/// each is: about 100 MB of text in one period, which a briefing, an
/// export or a check must handle in bounded memory.
pub const LONG_NOTES: usize = 5_200;
pub const LONG_NOTE_CHARS: usize = 20_000;

/// Writes a new tracker at `path` whose open period, containing `today`,
/// holds [`LONG_NOTES`] evidence notes of [`LONG_NOTE_CHARS`] characters,
/// spread over the eight recommendations. Refuses an existing file.
pub fn generate_long_notes(path: &Path, today: NaiveDate, seed: u64) -> Result<usize> {
    if path.exists() {
        return Err(followthrough_core::CoreError::Exists(path.to_owned()));
    }
    let start = today - Days::new(80);
    let clock = SteppingClock::at(today);
    let mut t = Tracker::create(path, Box::new(clock.clone()))?;
    t.connection().pragma_update(None, "synchronous", "OFF")?;
    let ea = Actor::new("Executive Assistant (benchmark)")?;
    t.open_period(
        &ea,
        &followthrough_core::periods::NewPeriod {
            label: "Long notes".into(),
            starts_on: start.to_string(),
            ends_on: (today + Days::new(10)).to_string(),
        },
    )?;
    let mut r = Random::new(seed);
    for i in 0..LONG_NOTES {
        let mut text = String::with_capacity(LONG_NOTE_CHARS + 200);
        while text.chars().count() < LONG_NOTE_CHARS {
            text.push_str(&note_text(&mut r));
            text.push(' ');
        }
        let text: String = text.chars().take(LONG_NOTE_CHARS).collect();
        t.add_evidence(
            &ea,
            &NewEvidence {
                recommendation_id: (i % 8) as i64 + 1,
                observed_on: Some((start + Days::new((i % 80) as u64)).to_string()),
                kind: KINDS[i % KINDS.len()].into(),
                text,
                ..Default::default()
            },
        )?;
    }
    t.connection().pragma_update(None, "synchronous", "FULL")?;
    Ok(LONG_NOTES)
}
