//! What the command line prints: on standard output, the results a script
//! reads; the dashboard as a table for a terminal.

use super::CliError;
use followthrough_core::dashboard::Dashboard;
use std::io::Write;

pub fn print(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .map_err(CliError::Stdout)
}

fn cut(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        format!("{s:width$}")
    } else {
        let mut t: String = s.chars().take(width - 1).collect();
        t.push('…');
        t
    }
}

/// The dashboard as a plain-text table for a terminal.
pub fn status_table(d: &Dashboard) -> String {
    let mut out = String::new();
    match &d.period {
        Some(p) => out.push_str(&format!(
            "Reporting period {} ({} to {}, {}), as of {}\n\n",
            p.label,
            p.starts_on,
            p.ends_on,
            p.state.label().to_lowercase(),
            d.as_of
        )),
        None => out.push_str(&format!("No reporting period yet, as of {}\n\n", d.as_of)),
    }
    out.push_str(&format!(
        "{:>2}  {:<44}  {:<24}  {:<36}  {:<12}  {:>5}  {:>7}  {}\n",
        "#",
        "Recommendation",
        "Lead",
        "Status (reported)",
        "Confidence",
        "Done",
        "Overdue",
        "Last evidence"
    ));
    for r in &d.rows {
        let status = r.status.map(|s| s.label()).unwrap_or("not reported");
        let confidence = r.confidence.map(|c| c.label()).unwrap_or("—");
        let evidence = match (r.last_evidence_on, r.days_since_evidence) {
            (Some(day), Some(n)) => format!(
                "{day} ({n} day{} ago){}",
                if n == 1 { "" } else { "s" },
                if r.stale { ", stale" } else { "" }
            ),
            _ => "none".to_owned(),
        };
        out.push_str(&format!(
            "{:>2}  {}  {}  {}  {}  {:>5}  {:>7}  {}\n",
            r.number,
            cut(&r.title, 44),
            cut(r.lead_owner.as_deref().unwrap_or("—"), 24),
            cut(status, 36),
            cut(confidence, 12),
            format!("{}/{}", r.milestones_done, r.milestones_total),
            r.overdue_milestones,
            evidence
        ));
        if let (Some(accepted), Some(conf)) = (r.accepted_status, r.accepted_confidence) {
            if Some(accepted) != r.status || Some(conf) != r.confidence {
                out.push_str(&format!(
                    "    accepted: {}, {}\n",
                    accepted.label(),
                    conf.label()
                ));
            }
        }
        if let Some(state) = r.review_state {
            let how = match (&r.reviewed_by, &r.reviewed_at) {
                (Some(by), Some(at)) => format!(
                    " by {by} on {}, {}",
                    at.get(..10).unwrap_or(at),
                    match &r.signed {
                        Some(s) => format!("signed with key {}", s.key),
                        None => "by name, not signed".to_owned(),
                    }
                ),
                _ => String::new(),
            };
            out.push_str(&format!(
                "    review: {}{how}\n",
                state.label().to_lowercase()
            ));
        }
    }
    out
}
