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

/// At most this many hits are returned, newest first: of each kind, the
/// most recently written matches.
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

/// The words of `query` as an FTS5 query: each a quoted prefix term, all of
/// them required. `None` when the query holds no word (only punctuation),
/// which only a scan of the text can find.
fn index_query(query: &str) -> Option<String> {
    let words: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Where a search looks: through the full-text index when the query has
/// words (the index narrows the rows to those holding them), else through
/// every row with LIKE. Either way each candidate is then checked for the
/// query as typed, so "100%" finds "100%" and not "1000".
struct Source<'a> {
    index_query: Option<String>,
    pattern: &'a str,
}

impl Source<'_> {
    /// `FROM … WHERE …` over `table` (as `alias`, with `joins`) through
    /// its search index `index`, or with LIKE over `columns`; and the
    /// parameter it takes.
    fn clause(
        &self,
        (table, alias): (&str, &str),
        index: &str,
        columns: &[&str],
        joins: &str,
    ) -> (String, String) {
        match &self.index_query {
            Some(q) => (
                format!(
                    "FROM {index} i JOIN {table} {alias} ON {alias}.id = i.rowid {joins}
                     WHERE {index} MATCH ?1 ORDER BY i.rowid DESC"
                ),
                q.clone(),
            ),
            None => {
                let likes: Vec<String> = columns
                    .iter()
                    .map(|c| format!("{alias}.{c} LIKE ?1 ESCAPE '\\'"))
                    .collect();
                (
                    format!(
                        "FROM {table} {alias} {joins} WHERE {} ORDER BY {alias}.id DESC",
                        likes.join(" OR ")
                    ),
                    self.pattern.to_owned(),
                )
            }
        }
    }
}

pub(crate) fn search(conn: &Connection, query: &str) -> Result<Vec<SearchHit>> {
    let pattern = like_pattern(query);
    let source = Source {
        index_query: index_query(query),
        pattern: &pattern,
    };
    let mut hits = Vec::new();
    let lower = query.to_lowercase();
    let contains = |s: &str| s.to_lowercase().contains(&lower);

    let (clause, param) = source.clause(
        ("evidence", "e"),
        "evidence_search",
        &["text", "source_ref"],
        "JOIN recommendation r ON r.id = e.recommendation_id",
    );
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT e.id, e.recommendation_id, r.number, e.observed_on, e.text, e.source_ref {clause}"
    ))?;
    let rows = stmt.query_map(params![param], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    // Candidates come newest entry first; past MAX_HITS of a kind, older
    // ones could not make the list.
    for row in rows {
        if hits.len() >= MAX_HITS {
            break;
        }
        let (id, rec, number, date, text, source) = row?;
        let field = if contains(&text) {
            ("text", text)
        } else if contains(&source) {
            ("source_ref", source)
        } else {
            continue;
        };
        hits.push(SearchHit {
            kind: HitKind::Evidence,
            id,
            recommendation_id: rec,
            recommendation_number: number,
            date,
            field: field.0,
            text: field.1,
            period_label: None,
        });
    }

    let (clause, param) = source.clause(
        ("milestone", "m"),
        "milestone_search",
        &["title"],
        "JOIN recommendation r ON r.id = m.recommendation_id",
    );
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT m.id, m.recommendation_id, r.number, m.current_due, m.title {clause}"
    ))?;
    let rows = stmt.query_map(params![param], |r| {
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
    let mut found = 0;
    for row in rows {
        if found >= MAX_HITS {
            break;
        }
        let hit = row?;
        if contains(&hit.text) {
            hits.push(hit);
            found += 1;
        }
    }

    let (clause, param) = source.clause(
        ("assessment", "a"),
        "assessment_search",
        &["commentary", "next_steps", "risks", "decisions_required"],
        "JOIN recommendation r ON r.id = a.recommendation_id JOIN period p ON p.id = a.period_id",
    );
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT a.id, a.recommendation_id, r.number, p.ends_on, p.label,
                a.commentary, a.next_steps, a.risks, a.decisions_required {clause}"
    ))?;
    let rows = stmt.query_map(params![param], |r| {
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
    let mut found = 0;
    for row in rows {
        if found >= MAX_HITS {
            break;
        }
        let (id, rec, number, date, label, fields) = row?;
        for (field, text) in fields {
            if contains(&text) {
                found += 1;
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
    /// Finds `query`, ignoring case, in evidence, milestones and
    /// assessments. A query with words finds them at the start of words
    /// ("approv" finds "approvals", not "disapproval").
    pub fn search(&mut self, query: &str) -> Result<Vec<SearchHit>> {
        validate::required("query", query, limit::NAME, Lines::Single)?;
        self.read(|c| search(c, query))
    }
}
