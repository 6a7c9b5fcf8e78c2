//! Read models for the window's screens: everything one screen shows, read in
//! one consistent transaction and sent in one round trip.

use crate::assessments::{self, Assessment};
use crate::audit::{self, AuditEvent, AuditFilter};
use crate::error::Result;
use crate::evidence::{self, Evidence};
use crate::milestones::{self, Milestone};
use crate::owners::{self, Owner, OwnerLoad};
use crate::periods::{self, Period};
use crate::recommendations::{self, Recommendation};
use crate::tracker::Tracker;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct MilestoneView {
    #[serde(flatten)]
    pub milestone: Milestone,
    pub slip_days: i64,
    pub replans: usize,
    pub overdue: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct AssessmentView {
    #[serde(flatten)]
    pub assessment: Assessment,
    pub period_label: String,
    pub period_signed_off: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecommendationPage {
    pub recommendation: Recommendation,
    /// Every owner, so the page can name the assigned ones and offer the
    /// active ones for assignment.
    pub owners: Vec<Owner>,
    pub milestones: Vec<MilestoneView>,
    /// Newest first.
    pub evidence: Vec<Evidence>,
    /// Oldest period first.
    pub assessments: Vec<AssessmentView>,
    pub periods: Vec<Period>,
    pub current_period_id: Option<i64>,
    /// Newest first.
    pub history: Vec<AuditEvent>,
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
}

#[derive(Debug, Clone, Serialize)]
pub struct PeriodPage {
    /// Today, for suggesting the next period to open.
    pub as_of: chrono::NaiveDate,
    pub periods: Vec<Period>,
    pub period: Option<Period>,
    pub previous_period: Option<Period>,
    pub rows: Vec<PeriodRow>,
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

impl Tracker {
    pub fn recommendation_page(&mut self, id: i64) -> Result<RecommendationPage> {
        let today = self.clock.today();
        self.read(|c| {
            let recommendation = recommendations::get(c, id)?;
            let periods = periods::list(c)?;
            let labels: std::collections::HashMap<i64, &Period> =
                periods.iter().map(|p| (p.id, p)).collect();
            let assessments = assessments::list(c, None, Some(id))?
                .into_iter()
                .map(|a| {
                    let p = labels[&a.period_id];
                    AssessmentView {
                        period_label: p.label.clone(),
                        period_signed_off: p.state == crate::scales::PeriodState::SignedOff,
                        assessment: a,
                    }
                })
                .collect();
            let (current, _) = periods::current_and_previous(c, today)?;
            Ok(RecommendationPage {
                owners: owners::list(c)?,
                milestones: milestones::list(c, Some(id))?
                    .into_iter()
                    .map(|m| MilestoneView {
                        slip_days: m.slip_days(),
                        replans: m.replans(),
                        overdue: m.is_overdue(today),
                        milestone: m,
                    })
                    .collect(),
                evidence: evidence::list(c, Some(id), None)?,
                assessments,
                current_period_id: current.map(|p| p.id),
                periods,
                history: audit::list(
                    c,
                    &AuditFilter {
                        recommendation_id: Some(id),
                        ..Default::default()
                    },
                )?,
                recommendation,
            })
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
            let previous = period.as_ref().and_then(|p| {
                all.iter()
                    .filter(|q| q.starts_on < p.starts_on)
                    .max_by_key(|q| q.starts_on)
                    .cloned()
            });
            let in_period = |p: &Option<Period>| -> Result<Vec<Assessment>> {
                match p {
                    Some(p) => assessments::list(c, Some(p.id), None),
                    None => Ok(Vec::new()),
                }
            };
            let now = in_period(&period)?;
            let before = in_period(&previous)?;
            let rows = recommendations::list(c)?
                .into_iter()
                .map(|r| PeriodRow {
                    assessment: now.iter().find(|a| a.recommendation_id == r.id).cloned(),
                    previous: before.iter().find(|a| a.recommendation_id == r.id).cloned(),
                    recommendation_id: r.id,
                    number: r.number,
                    title: r.title,
                })
                .collect();
            Ok(PeriodPage {
                as_of: today,
                periods: all,
                period,
                previous_period: previous,
                rows,
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
