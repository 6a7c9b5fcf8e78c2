//! One CSV file per table, for spreadsheet users, and the briefing-period
//! view (see [`briefing_view`]).
//!
//! Files are UTF-8 with a byte-order mark (so spreadsheet programs detect
//! the encoding), a header row, CRLF line ends and RFC 4180 quoting. Scale
//! values appear as their words. Any text cell that a spreadsheet would take
//! for a formula is prefixed with an apostrophe, so opening an export can
//! never run one: a cell whose first character a spreadsheet does not skip
//! is `=`, `+`, `-` or `@` (or their full-width and small forms), and one
//! that starts with a tab or a carriage return. LibreOffice drops NUL
//! characters as it reads, and spreadsheets skip spaces, so what comes
//! after them counts as the first character. (Gnumeric and LibreOffice
//! read the export in the test command: no cell becomes a formula.)

use super::briefing_view;
use super::json::ExportDocument;
use crate::actor::Actor;
use crate::error::{CoreError, Result};
use crate::tracker::Tracker;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A character that starts a formula in a spreadsheet.
fn starts_formula(c: char) -> bool {
    matches!(
        c,
        '=' | '+'
            | '-'
            | '@'
            | '\u{FF1D}'
            | '\u{FF0B}'
            | '\u{FF0D}'
            | '\u{FF20}'
            | '\u{FE66}'
            | '\u{FE62}'
            | '\u{FE63}'
            | '\u{FE6B}'
    )
}

/// A character a spreadsheet may drop or skip before reading a formula.
fn skipped(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}'
        )
}

/// Neutralises spreadsheet formula injection in a text cell.
pub fn text_cell(s: &str) -> Cow<'_, str> {
    let risky = matches!(s.chars().next(), Some('\t' | '\r'))
        || s.chars().find(|c| !skipped(*c)).is_some_and(starts_formula);
    if risky {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// A table being built: header and rows of already-formatted cells.
struct Table {
    name: &'static str,
    header: &'static [&'static str],
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(name: &'static str, header: &'static [&'static str]) -> Self {
        Table {
            name,
            header,
            rows: Vec::new(),
        }
    }

    fn encode(&self) -> Result<Vec<u8>> {
        let mut out = "\u{feff}".as_bytes().to_vec();
        {
            let mut w = ::csv::WriterBuilder::new()
                .terminator(::csv::Terminator::CRLF)
                .from_writer(&mut out);
            let fail = |e: ::csv::Error| {
                CoreError::io(
                    format!("cannot encode {}", self.name),
                    std::io::Error::other(e),
                )
            };
            w.write_record(self.header).map_err(fail)?;
            for row in &self.rows {
                w.write_record(row).map_err(fail)?;
            }
            w.flush()
                .map_err(|e| CoreError::io(format!("cannot encode {}", self.name), e))?;
        }
        Ok(out)
    }
}

fn t(s: &str) -> String {
    text_cell(s).into_owned()
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn tables(doc: &ExportDocument) -> Vec<Table> {
    let owner_name: HashMap<i64, &str> =
        doc.owners.iter().map(|o| (o.id, o.name.as_str())).collect();
    let owner = |id: Option<i64>| t(id.and_then(|i| owner_name.get(&i).copied()).unwrap_or(""));
    let rec_number: HashMap<i64, i64> = doc
        .recommendations
        .iter()
        .map(|r| (r.id, r.number))
        .collect();
    let number = |id: i64| opt(rec_number.get(&id));
    let period_label: HashMap<i64, &str> = doc
        .periods
        .iter()
        .map(|p| (p.id, p.label.as_str()))
        .collect();

    let mut recs = Table::new(
        "recommendations.csv",
        &[
            "id",
            "number",
            "title",
            "text",
            "findings",
            "target_date",
            "lead_owner",
            "supporting_owners",
        ],
    );
    for r in &doc.recommendations {
        let supporting: Vec<&str> = r
            .supporting_owner_ids
            .iter()
            .filter_map(|id| owner_name.get(id).copied())
            .collect();
        recs.rows.push(vec![
            r.id.to_string(),
            r.number.to_string(),
            t(&r.title),
            t(&r.text),
            t(&r.findings),
            opt(r.target_date),
            owner(r.lead_owner_id),
            t(&supporting.join("; ")),
        ]);
    }

    let mut owners = Table::new(
        "owners.csv",
        &["id", "name", "title", "unit", "email", "active"],
    );
    for o in &doc.owners {
        owners.rows.push(vec![
            o.id.to_string(),
            t(&o.name),
            t(&o.title),
            t(&o.unit),
            t(&o.email),
            if o.active { "yes" } else { "no" }.to_owned(),
        ]);
    }

    let mut milestones = Table::new(
        "milestones.csv",
        &[
            "id",
            "recommendation",
            "title",
            "owner",
            "baseline_due",
            "current_due",
            "slip_days",
            "replans",
            "state",
            "completed_on",
        ],
    );
    let mut revisions = Table::new(
        "milestone_revisions.csv",
        &[
            "id",
            "milestone_id",
            "recommendation",
            "milestone",
            "old_due",
            "new_due",
            "reason",
            "revised_at",
            "revised_by",
        ],
    );
    for m in &doc.milestones {
        milestones.rows.push(vec![
            m.id.to_string(),
            number(m.recommendation_id),
            t(&m.title),
            owner(m.owner_id),
            m.baseline_due.to_string(),
            m.current_due.to_string(),
            m.slip_days().to_string(),
            m.replans().to_string(),
            m.state.label().to_owned(),
            opt(m.completed_on),
        ]);
        for r in &m.revisions {
            revisions.rows.push(vec![
                r.id.to_string(),
                m.id.to_string(),
                number(m.recommendation_id),
                t(&m.title),
                r.old_due.to_string(),
                r.new_due.to_string(),
                t(&r.reason),
                r.revised_at.clone(),
                t(&r.revised_by),
            ]);
        }
    }

    let mut evidence = Table::new(
        "evidence.csv",
        &[
            "id",
            "recommendation",
            "milestone_id",
            "observed_on",
            "kind",
            "author",
            "text",
            "source_ref",
            "recorded_at",
            "recorded_by",
        ],
    );
    for e in &doc.evidence {
        evidence.rows.push(vec![
            e.id.to_string(),
            number(e.recommendation_id),
            opt(e.milestone_id),
            e.observed_on.to_string(),
            e.kind.label().to_owned(),
            t(&e.author),
            t(&e.text),
            t(&e.source_ref),
            e.recorded_at.clone(),
            t(&e.recorded_by),
        ]);
    }

    let mut periods = Table::new(
        "periods.csv",
        &[
            "id",
            "label",
            "starts_on",
            "ends_on",
            "state",
            "signed_off_at",
            "signed_off_by",
        ],
    );
    for p in &doc.periods {
        periods.rows.push(vec![
            p.id.to_string(),
            t(&p.label),
            p.starts_on.to_string(),
            p.ends_on.to_string(),
            p.state.label().to_owned(),
            opt(p.signed_off_at.as_deref()),
            t(p.signed_off_by.as_deref().unwrap_or("")),
        ]);
    }

    let mut assessments = Table::new(
        "assessments.csv",
        &[
            "id",
            "period",
            "recommendation",
            "status",
            "confidence",
            "commentary",
            "next_steps",
            "risks",
            "decisions_required",
            "reported_at",
            "reported_by",
            "review",
            "review_comment",
            "reviewed_at",
            "reviewed_by",
            "accepted_status",
            "accepted_confidence",
        ],
    );
    for a in &doc.assessments {
        assessments.rows.push(vec![
            a.id.to_string(),
            t(period_label.get(&a.period_id).copied().unwrap_or("")),
            number(a.recommendation_id),
            a.status.label().to_owned(),
            a.confidence.label().to_owned(),
            t(&a.commentary),
            t(&a.next_steps),
            t(&a.risks),
            t(&a.decisions_required),
            a.reported_at.clone(),
            t(&a.reported_by),
            a.review_state.label().to_owned(),
            t(&a.review_comment),
            opt(a.reviewed_at.as_deref()),
            t(a.reviewed_by.as_deref().unwrap_or("")),
            opt(a.accepted_status.map(|s| s.label())),
            opt(a.accepted_confidence.map(|c| c.label())),
        ]);
    }

    let mut audit = Table::new(
        "audit.csv",
        &[
            "id",
            "at",
            "actor",
            "action",
            "entity_kind",
            "entity_id",
            "before",
            "after",
        ],
    );
    for e in &doc.audit {
        let json =
            |v: &Option<serde_json::Value>| v.as_ref().map(|v| v.to_string()).unwrap_or_default();
        audit.rows.push(vec![
            e.id.to_string(),
            e.at.clone(),
            t(&e.actor),
            e.action.clone(),
            e.entity_kind.clone(),
            opt(e.entity_id),
            t(&json(&e.before)),
            t(&json(&e.after)),
        ]);
    }

    vec![
        recs,
        owners,
        milestones,
        revisions,
        evidence,
        periods,
        assessments,
        audit,
    ]
}

impl Tracker {
    /// Writes the CSV files into `dir` (created if missing), records the
    /// export in the audit trail, and returns the files' paths. Each file is
    /// written atomically.
    pub fn export_csv(&mut self, actor: &Actor, dir: &Path) -> Result<Vec<PathBuf>> {
        let doc = self.export_document()?;
        let mut view = Table::new(briefing_view::FILE_NAME, briefing_view::HEADER);
        view.rows = briefing_view::rows(&self.period_snapshots()?)
            .into_iter()
            .map(|row| row.iter().map(|cell| t(cell)).collect())
            .collect();
        crate::output::check_folder(self.path(), dir)?;
        std::fs::create_dir_all(dir)
            .map_err(crate::files::io(format!("cannot create {}", dir.display())))?;
        // Every file is checked and written beside its name, one table at a
        // time (so one encoded table is in memory at once), before the
        // first takes its name: a refusal or a full disk leaves the folder's
        // files as they were.
        let mut prepared = Vec::new();
        for table in tables(&doc).into_iter().chain([view]) {
            let name = table.name;
            let bytes = table.encode()?;
            drop(table);
            prepared.push(crate::output::prepare(
                self.path(),
                &dir.join(name),
                &bytes,
            )?);
        }
        drop(doc);
        self.place_recorded(
            actor,
            crate::audit::Action::Export,
            serde_json::json!({ "format": "csv" }),
            prepared,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::text_cell;

    #[test]
    fn formula_like_cells_are_neutralised() {
        assert_eq!(text_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text_cell("+1"), "'+1");
        assert_eq!(text_cell("-2"), "'-2");
        assert_eq!(text_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text_cell("\tx"), "'\tx");
        assert_eq!(text_cell("plain"), "plain");
        assert_eq!(text_cell(""), "");
    }

    #[test]
    fn formulas_behind_skipped_characters_are_neutralised() {
        assert_eq!(text_cell("\0=1+1"), "'\0=1+1");
        assert_eq!(text_cell("\0\0=HYPERLINK(\"x\")"), "'\0\0=HYPERLINK(\"x\")");
        assert_eq!(text_cell(" =1+1"), "' =1+1");
        assert_eq!(text_cell("\u{a0}+1"), "'\u{a0}+1");
        assert_eq!(text_cell("\n@SUM(1)"), "'\n@SUM(1)");
        assert_eq!(text_cell("\u{feff}-1"), "'\u{feff}-1");
        assert_eq!(text_cell("\u{ff1d}1+1"), "'\u{ff1d}1+1");
        assert_eq!(text_cell("   "), "   ");
        assert_eq!(text_cell("\0"), "\0");
        assert_eq!(text_cell("a=1"), "a=1");
        assert_eq!(text_cell(" padded"), " padded");
    }
}
