//! Search across what people write: evidence notes (text and source),
//! milestone titles, and assessment commentary, next steps, risks and
//! decisions required. Every hit names its recommendation so a screen can
//! link to it.

use crate::error::Result;
use crate::tracker::Tracker;
use crate::validate::{self, limit, Lines};
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;

/// At most this many hits are returned, newest first.
pub const MAX_HITS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    Evidence,
    Milestone,
    Assessment,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    pub kind: HitKind,
    /// The evidence note, milestone or assessment.
    pub id: i64,
    pub recommendation_id: i64,
    pub recommendation_number: i64,
    /// The date the hit is about: observed, due, or the period's end.
    pub date: NaiveDate,
    /// Which field matched (`text`, `source_ref`, `title`, `commentary`…).
    pub field: &'static str,
    /// The whole text of the matching field, for the screen to show.
    pub text: String,
    /// The period of an assessment hit.
    pub period_label: Option<String>,
}

/// Escapes `%`, `_` and `\` so the user's words match literally.
fn like_pattern(query: &str) -> String {
    let mut p = String::with_capacity(query.len() + 2);
    p.push('%');
    for c in query.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

pub(crate) fn search(conn: &Connection, query: &str) -> Result<Vec<SearchHit>> {
    let pattern = like_pattern(query);
    let mut hits = Vec::new();

    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.recommendation_id, r.number, e.observed_on, e.text, e.source_ref
         FROM evidence e JOIN recommendation r ON r.id = e.recommendation_id
         WHERE e.text LIKE ?1 ESCAPE '\\' OR e.source_ref LIKE ?1 ESCAPE '\\'",
    )?;
    let lower = query.to_lowercase();
    let contains = |s: &str| s.to_lowercase().contains(&lower);
    let rows = stmt.query_map(params![pattern], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    for row in rows {
        let (id, rec, number, date, text, source) = row?;
        let (field, text) = if contains(&text) || !contains(&source) {
            ("text", text)
        } else {
            ("source_ref", source)
        };
        hits.push(SearchHit {
            kind: HitKind::Evidence,
            id,
            recommendation_id: rec,
            recommendation_number: number,
            date,
            field,
            text,
            period_label: None,
        });
    }

    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.recommendation_id, r.number, m.current_due, m.title
         FROM milestone m JOIN recommendation r ON r.id = m.recommendation_id
         WHERE m.title LIKE ?1 ESCAPE '\\'",
    )?;
    let rows = stmt.query_map(params![pattern], |r| {
        Ok(SearchHit {
            kind: HitKind::Milestone,
            id: r.get(0)?,
            recommendation_id: r.get(1)?,
            recommendation_number: r.get(2)?,
            date: r.get(3)?,
            field: "title",
            text: r.get(4)?,
            period_label: None,
        })
    })?;
    for row in rows {
        hits.push(row?);
    }

    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.recommendation_id, r.number, p.ends_on, p.label,
                a.commentary, a.next_steps, a.risks, a.decisions_required
         FROM assessment a
         JOIN recommendation r ON r.id = a.recommendation_id
         JOIN period p ON p.id = a.period_id
         WHERE a.commentary LIKE ?1 ESCAPE '\\' OR a.next_steps LIKE ?1 ESCAPE '\\'
            OR a.risks LIKE ?1 ESCAPE '\\' OR a.decisions_required LIKE ?1 ESCAPE '\\'",
    )?;
    let rows = stmt.query_map(params![pattern], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, NaiveDate>(3)?,
            r.get::<_, String>(4)?,
            [
                ("commentary", r.get::<_, String>(5)?),
                ("next_steps", r.get::<_, String>(6)?),
                ("risks", r.get::<_, String>(7)?),
                ("decisions_required", r.get::<_, String>(8)?),
            ],
        ))
    })?;
    for row in rows {
        let (id, rec, number, date, label, fields) = row?;
        for (field, text) in fields {
            if contains(&text) {
                hits.push(SearchHit {
                    kind: HitKind::Assessment,
                    id,
                    recommendation_id: rec,
                    recommendation_number: number,
                    date,
                    field,
                    text,
                    period_label: Some(label.clone()),
                });
            }
        }
    }

    hits.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then(a.recommendation_number.cmp(&b.recommendation_number))
    });
    hits.truncate(MAX_HITS);
    Ok(hits)
}

impl Tracker {
    /// Finds `query` (case-insensitively for ASCII letters, as written
    /// otherwise) in evidence, milestones and assessments.
    pub fn search(&mut self, query: &str) -> Result<Vec<SearchHit>> {
        validate::required("query", query, limit::NAME, Lines::Single)?;
        self.read(|c| search(c, query))
    }
}
