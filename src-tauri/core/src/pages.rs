//! Read models for the window's screens: everything one screen shows, read in
//! one consistent transaction and sent in one round trip.

use crate::assessments::{self, Assessment};
use crate::audit::{self, AuditFilter};
use crate::error::Result;
use crate::evidence::{self, Evidence};
use crate::history;
use crate::milestones::{self, Milestone};
use crate::owners::{self, Owner, OwnerLoad};
use crate::periods::{self, Period};
use crate::recommendations::{self, Recommendation};
use crate::scales::{EvidenceKind, PeriodState};
use crate::snapshots::{self, MilestoneCounts};
use crate::tracker::Tracker;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct MilestoneView {
    #[serde(flatten)]
    pub milestone: Milestone,
    pub slip_days: i64,
    pub replans: usize,
    pub overdue: bool,
    /// Done or cancelled ([`crate::scales::MilestoneState::is_closed`]): no
    /// longer edited, marked done or moved.
    pub closed: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct AssessmentView {
    #[serde(flatten)]
    pub assessment: Assessment,
    pub period_label: String,
    pub period_signed_off: bool,
    /// The hash of the report as it stands, which a signed decision on it
    /// names ([`assessments::reported_hash`]): for an open period's
    /// assessment (the only kind a review can change), once the tracker has
    /// a registered reviewer (only a signed review names it).
    pub reported: Option<String>,
    /// Who signed the latest review, if it was signed; a review without
    /// one was accepted or returned by name.
    pub signed: Option<crate::decisions::Signer>,
}

/// A reporting period a briefing can be made of.
#[derive(Debug, Clone, Serialize)]
pub struct BriefingPeriod {
    #[serde(flatten)]
    pub period: Period,
    /// The fingerprint of the frozen snapshot of a signed-off period.
    pub fingerprint: Option<String>,
}

/// The briefing screen: the periods, oldest first, and the current one.
#[derive(Debug, Clone, Serialize)]
pub struct BriefingPage {
    pub periods: Vec<BriefingPeriod>,
    pub current_period_id: Option<i64>,
}

/// How many evidence notes one page of a recommendation's feed holds: a
/// screenful or two. Every note drawn is laid out by the window, so the
/// page starts short and "Show older notes" asks for more.
pub const EVIDENCE_PAGE: u32 = 20;
/// How many periods' assessments a recommendation's page lists until all
/// are asked for.
pub const RECENT_ASSESSMENTS: usize = 8;
/// How many changes a recommendation's page lists (the History screen,
/// filtered to the recommendation, has them all).
pub const RECENT_CHANGES: u32 = 10;

/// What a recommendation's page lists in full rather than the recent part.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageScope {
    /// Every milestone, not only those not finished before the current
    /// period.
    pub all_milestones: bool,
    /// Every period's assessment, not only the latest ones.
    pub all_assessments: bool,
}

/// A recommendation's page. Whatever the length of its history, the page
/// holds a bounded amount: the milestones that matter now, the newest notes,
/// the latest periods and changes, with counts of the rest, which the page
/// asks for when the user wants them.
#[derive(Debug, Clone, Serialize)]
pub struct RecommendationPage {
    pub recommendation: Recommendation,
    /// Its short title and findings in this program's unofficial French,
    /// for a seeded recommendation.
    pub french: Option<crate::seed::French>,
    /// Every owner, so the page can name the assigned ones and offer the
    /// active ones for assignment.
    pub owners: Vec<Owner>,
    /// By due date: all, or those not finished before the current period.
    pub milestones: Vec<MilestoneView>,
    /// Milestones finished before the current period and not listed.
    pub milestones_not_listed: i64,
    pub milestone_counts: MilestoneCounts,
    /// The newest notes.
    pub evidence: EvidenceFeed,
    /// Oldest period first: all, or the latest [`RECENT_ASSESSMENTS`].
    pub assessments: Vec<AssessmentView>,
    pub assessments_total: usize,
    pub current_period: Option<Period>,
    /// Newest first, the latest [`RECENT_CHANGES`].
    pub history: Vec<history::HistoryEvent>,
    /// Whether older changes exist than those in `history`.
    pub history_more: bool,
    /// The current period's reports awaiting the deputy minister's review,
    /// by recommendation number: the review's "next awaiting review".
    pub awaiting_review: Vec<ReviewQueueItem>,
    /// Why the person viewing may not review the current period's
    /// assessment, if they may not (see [`RecommendationPage::for_reviewer`]).
    pub review_refusal: Option<crate::ErrorReport>,
    /// Whether the tracker has a registered reviewer: then only signed
    /// decisions review it, and the page says so.
    pub signatures_required: bool,
}

/// A report awaiting review, as a queue lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewQueueItem {
    pub recommendation_id: i64,
    pub number: i64,
}

impl RecommendationPage {
    /// The page as `reviewer` sees it: saying, before they try, why they
    /// may not review the current period's assessment by name (the two-key
    /// rule, or a registered reviewer whose signature alone reviews).
    pub fn for_reviewer(mut self, reviewer: &crate::Actor) -> Self {
        if self.signatures_required {
            self.review_refusal = Some(crate::ErrorReport::from(
                &crate::CoreError::SignatureRequired,
            ));
            return self;
        }
        let current = self.current_period.as_ref().map(|p| p.id);
        self.review_refusal = self
            .assessments
            .iter()
            .find(|a| Some(a.assessment.period_id) == current)
            .and_then(|a| {
                assessments::check_reviewer(&a.assessment.reported_by, reviewer.as_str()).err()
            })
            .map(|e| crate::ErrorReport::from(&e));
        self
    }
}

/// A page of a recommendation's evidence notes, newest first.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceFeed {
    pub notes: Vec<Evidence>,
    /// How many notes there are (of the kind asked for).
    pub total: i64,
    /// How many newer notes come before this page.
    pub offset: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct PeriodRow {
    pub recommendation_id: i64,
    pub number: i64,
    pub title: String,
    pub assessment: Option<Assessment>,
    /// The previous period's assessment, offered as the starting draft when
    /// this period has none yet.
    pub previous: Option<Assessment>,
    /// Who signed the review of `assessment` with their key; `None` for a
    /// review by name (or none yet).
    pub signed: Option<crate::decisions::Signer>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PeriodPage {
    /// The period the "Open the next period" form starts with.
    pub suggested_next: periods::NewPeriod,
    pub periods: Vec<Period>,
    pub period: Option<Period>,
    pub previous_period: Option<Period>,
    pub rows: Vec<PeriodRow>,
    /// Who signed `period` off with their key; `None` for a sign-off by
    /// name (or none yet).
    pub sign_off_signed: Option<crate::decisions::Signer>,
    /// Every period still open, with what stands before its sign-off: the
    /// sign-off form lists it, and opening another period warns of it.
    pub open: Vec<OpenPeriod>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OpenPeriod {
    pub period: Period,
    pub outstanding: periods::Outstanding,
    /// Nothing outstanding: the period can be signed off.
    pub ready: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct HistoryPage {
    /// Newest first, as the query asked.
    pub events: Vec<history::HistoryEvent>,
    /// Why the query was refused (the field and rule), if it was.
    pub refused: Option<crate::ErrorReport>,
    pub recommendations: Vec<HistoryRecommendation>,
    pub periods: Vec<Period>,
    pub owners: Vec<Owner>,
    pub people: Vec<String>,
    pub kinds: Vec<history::ChangeKind>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HistoryRecommendation {
    pub id: i64,
    pub number: i64,
    pub title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OwnerRow {
    #[serde(flatten)]
    pub owner: Owner,
    #[serde(flatten)]
    pub load: OwnerLoad,
    /// Numbers of the recommendations this owner leads.
    pub leads: Vec<i64>,
}

fn evidence_feed(
    c: &rusqlite::Connection,
    recommendation_id: i64,
    kind: Option<EvidenceKind>,
    offset: u32,
    limit: u32,
) -> Result<EvidenceFeed> {
    Ok(EvidenceFeed {
        notes: evidence::page(c, recommendation_id, kind, offset, limit)?,
        total: evidence::count(c, recommendation_id, kind)?,
        offset,
    })
}

impl Tracker {
    pub fn recommendation_page(&mut self, id: i64, scope: PageScope) -> Result<RecommendationPage> {
        let today = self.clock.today();
        self.read(|c| {
            let recommendation = recommendations::get(c, id)?;
            let recent = (!scope.all_assessments).then_some(RECENT_ASSESSMENTS);
            let signers = crate::decisions::Signers::of(c)?;
            // Only a signed review names the report's hash.
            let signatures_required = crate::reviewers::any_registered(c)?;
            let assessments: Vec<AssessmentView> =
                assessments::latest_of_recommendation(c, id, recent)?
                    .into_iter()
                    .map(|(assessment, period_label, state)| {
                        let open = state == crate::scales::PeriodState::Open;
                        Ok(AssessmentView {
                            period_label,
                            period_signed_off: !open,
                            reported: (open && signatures_required)
                                .then(|| assessments::reported_hash(&assessment)),
                            signed: signers.review(&assessment)?,
                            assessment,
                        })
                    })
                    .collect::<Result<_>>()?;
            let assessments_total = assessments::count_of_recommendation(c, id)? as usize;
            let (current, _) = periods::current_and_previous(c, today)?;
            let listed = if scope.all_milestones {
                milestones::list(c, Some(id))?
            } else {
                // Without a period, the last quarter's finished work.
                let since = current
                    .as_ref()
                    .map(|p| p.starts_on)
                    .unwrap_or(today - chrono::Days::new(91));
                milestones::in_view(c, id, since)?
            };
            let all = milestones::count_all(c, id)?;
            // One more than shown tells whether there are older ones.
            let history = audit::list(
                c,
                &AuditFilter {
                    recommendation_id: Some(id),
                    limit: Some(RECENT_CHANGES + 1),
                    ..Default::default()
                },
            )?;
            let awaiting_review = match &current {
                Some(p) => assessments::awaiting_review(c, p.id)?,
                None => Vec::new(),
            };
            Ok(RecommendationPage {
                awaiting_review,
                review_refusal: None,
                signatures_required,
                owners: owners::list(c)?,
                milestones_not_listed: all - listed.len() as i64,
                milestone_counts: milestones::counts(c, id, today)?,
                milestones: listed
                    .into_iter()
                    .map(|m| MilestoneView {
                        slip_days: m.slip_days(),
                        replans: m.replans(),
                        overdue: m.is_overdue(today),
                        closed: m.state.is_closed(),
                        milestone: m,
                    })
                    .collect(),
                evidence: evidence_feed(c, id, None, 0, EVIDENCE_PAGE)?,
                assessments,
                assessments_total,
                current_period: current,
                history_more: history.len() > RECENT_CHANGES as usize,
                history: history::shown(
                    &signers,
                    history.into_iter().take(RECENT_CHANGES as usize).collect(),
                )?,
                french: crate::seed::french(&recommendation.title),
                recommendation,
            })
        })
    }

    /// A page of a recommendation's evidence notes (of one kind, or all),
    /// newest first: `limit` notes (at most 500) after the `offset` newest.
    pub fn evidence_feed(
        &mut self,
        recommendation_id: i64,
        kind: Option<EvidenceKind>,
        offset: u32,
        limit: u32,
    ) -> Result<EvidenceFeed> {
        self.read(|c| {
            recommendations::get(c, recommendation_id)?;
            evidence_feed(c, recommendation_id, kind, offset, limit.min(500))
        })
    }

    /// One period's assessments side by side (the current period when `id`
    /// is `None`).
    pub fn period_page(&mut self, id: Option<i64>) -> Result<PeriodPage> {
        let today = self.clock.today();
        self.read(|c| {
            let all = periods::list(c)?;
            let period = match id {
                Some(id) => Some(periods::get(c, id)?),
                None => periods::current_and_previous(c, today)?.0,
            };
            let previous = match &period {
                Some(p) => periods::before(c, p)?,
                None => None,
            };
            let in_period = |p: &Option<Period>| -> Result<Vec<Assessment>> {
                match p {
                    Some(p) => assessments::list(c, Some(p.id), None),
                    None => Ok(Vec::new()),
                }
            };
            let now = in_period(&period)?;
            let before = in_period(&previous)?;
            let signers = crate::decisions::Signers::of(c)?;
            let rows = recommendations::list(c)?
                .into_iter()
                .map(|r| {
                    let assessment = now.iter().find(|a| a.recommendation_id == r.id).cloned();
                    Ok(PeriodRow {
                        signed: match &assessment {
                            Some(a) => signers.review(a)?,
                            None => None,
                        },
                        assessment,
                        previous: before.iter().find(|a| a.recommendation_id == r.id).cloned(),
                        recommendation_id: r.id,
                        number: r.number,
                        title: r.title,
                    })
                })
                .collect::<Result<_>>()?;
            let open = all
                .iter()
                .filter(|p| p.state == PeriodState::Open)
                .map(|p| {
                    let outstanding = periods::Outstanding::of(&periods::review_states(c, p.id)?);
                    Ok(OpenPeriod {
                        period: p.clone(),
                        ready: outstanding.is_empty(),
                        outstanding,
                    })
                })
                .collect::<Result<_>>()?;
            let sign_off_signed = match &period {
                Some(p) => signers.sign_off(p)?,
                None => None,
            };
            Ok(PeriodPage {
                sign_off_signed,
                open,
                suggested_next: periods::suggested_next(&all, today),
                periods: all,
                period,
                previous_period: previous,
                rows,
            })
        })
    }

    /// What the briefing screen offers: every period, with the fingerprint
    /// of each signed-off period's frozen snapshot, and which is current.
    pub fn briefing_page(&mut self) -> Result<BriefingPage> {
        let today = self.clock.today();
        self.read(|c| {
            let fingerprints = snapshots::fingerprints(c)?;
            let current = periods::current_and_previous(c, today)?.0;
            Ok(BriefingPage {
                periods: periods::list(c)?
                    .into_iter()
                    .map(|p| BriefingPeriod {
                        fingerprint: fingerprints.get(&p.id).cloned(),
                        period: p,
                    })
                    .collect(),
                current_period_id: current.map(|p| p.id),
            })
        })
    }

    /// What the History screen needs to say events in words and to offer
    /// its filters: the recommendations' numbers, the periods' labels, the
    /// owners' names (events record ids), everyone named on the trail, and
    /// the kinds of change; with the events `query` asks for, or, when the
    /// query is wrong (a day that is no date, from a route), why, and no
    /// events. One read, one call from the window.
    pub fn history_page(&mut self, query: &history::HistoryQuery) -> Result<HistoryPage> {
        self.read(|c| {
            let recorded = history::recorded_names(c)?;
            let (events, refused) = match query.filter(&recorded) {
                Ok(filter) => {
                    let signers = crate::decisions::Signers::of(c)?;
                    (history::shown(&signers, audit::list(c, &filter)?)?, None)
                }
                Err(e) if e.field().is_some() => (Vec::new(), Some(crate::ErrorReport::from(&e))),
                Err(e) => return Err(e),
            };
            Ok(HistoryPage {
                events,
                refused,
                recommendations: recommendations::list(c)?
                    .into_iter()
                    .map(|r| HistoryRecommendation {
                        id: r.id,
                        number: r.number,
                        title: r.title,
                    })
                    .collect(),
                periods: periods::list(c)?,
                owners: owners::list(c)?,
                people: history::people(&recorded),
                kinds: history::ChangeKind::ALL.to_vec(),
            })
        })
    }

    /// Every owner with the work they hold.
    pub fn owner_rows(&mut self) -> Result<Vec<OwnerRow>> {
        self.read(|c| {
            let recs = recommendations::list(c)?;
            owners::list(c)?
                .into_iter()
                .map(|o| {
                    Ok(OwnerRow {
                        load: owners::load(c, o.id)?,
                        leads: recs
                            .iter()
                            .filter(|r| r.lead_owner_id == Some(o.id))
                            .map(|r| r.number)
                            .collect(),
                        owner: o,
                    })
                })
                .collect()
        })
    }
}
