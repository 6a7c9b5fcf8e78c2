//! Every word a briefing prints that is not user text, in English and in
//! French (Canadian usage), and the dates as each language writes them.

use chrono::{Datelike, NaiveDate};
use followthrough_core::contradictions::Contradiction;
use followthrough_core::scales::Confidence;
use serde::Serialize;

pub use followthrough_core::language::Language;

/// How a briefing writes dates, times and the scales' terms in a language.
pub trait Wording {
    /// A calendar date: "November 25, 2026" or "25 novembre 2026".
    fn date(self, d: NaiveDate) -> String;
    /// A date with the month abbreviated, for tables.
    fn short_date(self, d: NaiveDate) -> String;
    /// A month and year, for an axis.
    fn month(self, d: NaiveDate) -> String;
    /// A stored instant, to the minute, in UTC.
    fn instant(self, stored: &str) -> String;
    /// A whole number with the language's thousands separator: "1,758" /
    /// "1 758" (a no-break space, as the window's French writes it).
    fn number(self, n: i64) -> String;
    /// A count of days, singular or plural: "1 day", "12 days" / "1 jour".
    fn days(self, n: i64) -> String;
    /// When a milestone was done, and how late: "done Nov 5, 2026, 10 days
    /// late" / "terminé le 5 nov. 2026, avec 10 jours de retard".
    fn done_on(self, on: NaiveDate, days_late: i64) -> String;
    /// "and 3 more" / "et 3 autres", after a capped list.
    fn and_more(self, n: i64) -> String;
    /// An assessment awaiting review: "In the process of being implemented,
    /// Amber; reported by Alex Morgan".
    fn reported_as(self, status: &str, confidence: &str, by: &str) -> String;
    /// A recommendation not reported: who leads it, if anyone.
    fn lead_is(self, lead: Option<&str>) -> String;
    /// A contradiction flagged for the deputy minister, in a sentence.
    fn contradiction(self, c: &Contradiction) -> String;
    /// "2 accepted · 4 awaiting review · 1 returned · 1 not reported".
    fn review_counts(
        self,
        accepted: usize,
        pending: usize,
        returned: usize,
        not_reported: usize,
    ) -> String;
    /// "5 of 15 done · 4 overdue".
    fn milestone_counts(self, done: i64, total: i64, overdue: i64) -> String;
    /// The milestones a recommendation's page leaves out, counted: "Not
    /// shown: 10 done · 2 open, due later"; none when it leaves none out.
    fn milestones_not_shown(self, done: i64, open: i64, set_aside: i64) -> Option<String>;
    /// The period's notes a recommendation's page leaves out, counted, and
    /// where they are (the annex only when it is printed).
    fn more_notes(self, n: i64, annex: bool) -> String;
    /// Under a recommendation's texts when one was cut to fit the page.
    fn texts_cut(self, annex: bool) -> &'static str;
    /// Who made a review and on which day: "by Alex Morgan on November 20,
    /// 2026" / "par Alex Morgan le 20 novembre 2026".
    fn reviewed_by(self, name: &str, on: NaiveDate) -> String;
    /// Whether a registered reviewer's key signed a review (given the
    /// key's short fingerprint): "signed with key ABCD 1234" / "by name,
    /// not signed" — the window's words.
    fn signature(self, key: Option<&str>) -> String;
    /// The briefing's fixed words.
    fn labels(self) -> Labels;
    /// A scale or state key's words.
    fn term(self, key: &str) -> &'static str;
}

/// The months abbreviated, as tables and axes write them.
const SHORT_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const SHORT_FR: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juill.", "août", "sept.", "oct.", "nov.",
    "déc.",
];

/// The day of the month as French writes it: "1er" for the first.
fn french_day(d: NaiveDate) -> String {
    if d.day() == 1 {
        "1er".to_owned()
    } else {
        d.day().to_string()
    }
}

impl Wording for Language {
    /// A calendar date: "November 25, 2026" or "25 novembre 2026".
    fn date(self, d: NaiveDate) -> String {
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        const FR: [&str; 12] = [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ];
        let m = d.month0() as usize;
        match self {
            Language::English => format!("{} {}, {}", EN[m], d.day(), d.year()),
            Language::French => format!("{} {} {}", french_day(d), FR[m], d.year()),
        }
    }

    /// A month and year, for an axis: "Nov 2026" / "nov. 2026".
    fn month(self, d: NaiveDate) -> String {
        let m = d.month0() as usize;
        match self {
            Language::English => format!("{} {}", SHORT_EN[m], d.year()),
            Language::French => format!("{} {}", SHORT_FR[m], d.year()),
        }
    }

    /// A short date for tables: "Nov 25, 2026" / "25 nov. 2026".
    fn short_date(self, d: NaiveDate) -> String {
        let m = d.month0() as usize;
        match self {
            Language::English => format!("{} {}, {}", SHORT_EN[m], d.day(), d.year()),
            Language::French => format!("{} {} {}", french_day(d), SHORT_FR[m], d.year()),
        }
    }

    /// A UTC time stored as `YYYY-MM-DDTHH:MM:SS.sssZ`, as "November 25,
    /// 2026, 14:05 UTC" / "25 novembre 2026, 14 h 05 UTC" (no-break spaces
    /// around the "h" and before "UTC", so the time never breaks apart).
    fn instant(self, stored: &str) -> String {
        let Ok(t) = chrono::NaiveDateTime::parse_from_str(stored, "%Y-%m-%dT%H:%M:%S%.3fZ") else {
            return stored.to_owned();
        };
        let day = self.date(t.date());
        match self {
            Language::English => format!("{day}, {}\u{a0}UTC", t.format("%H:%M")),
            Language::French => format!(
                "{day}, {}\u{a0}h\u{a0}{}\u{a0}UTC",
                t.format("%-H"),
                t.format("%M")
            ),
        }
    }

    fn number(self, n: i64) -> String {
        let digits = n.unsigned_abs().to_string();
        let separator = match self {
            Language::English => ",",
            Language::French => "\u{a0}",
        };
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(separator);
            }
            out.push(c);
        }
        if n < 0 {
            format!("-{out}")
        } else {
            out
        }
    }

    fn days(self, n: i64) -> String {
        let one = n.abs() == 1;
        let word = match (self, one) {
            (Language::English, true) => "day",
            (Language::English, false) => "days",
            (Language::French, true) => "jour",
            (Language::French, false) => "jours",
        };
        format!("{}\u{a0}{word}", self.number(n))
    }

    fn done_on(self, on: NaiveDate, days_late: i64) -> String {
        let on = self.short_date(on);
        match (self, days_late > 0) {
            (Language::English, false) => format!("done {on}, on time"),
            (Language::English, true) => format!("done {on}, {} late", self.days(days_late)),
            (Language::French, false) => format!("terminé le {on}, dans les délais"),
            (Language::French, true) => {
                format!("terminé le {on}, avec {} de retard", self.days(days_late))
            }
        }
    }

    fn and_more(self, n: i64) -> String {
        match self {
            Language::English => format!("and {} more", self.number(n)),
            Language::French if n == 1 => "et 1 autre".to_owned(),
            Language::French => format!("et {} autres", self.number(n)),
        }
    }

    fn reported_as(self, status: &str, confidence: &str, by: &str) -> String {
        match self {
            Language::English => format!("{status}, {confidence}; reported by {by}"),
            Language::French => format!("{status}, {confidence}; déclarée par {by}"),
        }
    }

    fn lead_is(self, lead: Option<&str>) -> String {
        match (self, lead) {
            (Language::English, Some(name)) => format!("Lead: {name}"),
            (Language::English, None) => "No lead named".to_owned(),
            (Language::French, Some(name)) => format!("Responsable\u{a0}: {name}"),
            (Language::French, None) => "Aucun responsable désigné".to_owned(),
        }
    }

    fn contradiction(self, c: &Contradiction) -> String {
        let rating = |conf: &Confidence| self.term(&format!("confidence.{}", conf.key()));
        let en = self == Language::English;
        match c {
            Contradiction::ImplementedWithOpenMilestones { open } => {
                let n = self.number(*open as i64);
                match (en, *open == 1) {
                    (true, true) => {
                        format!("Reported fully implemented, but {n} milestone is still open.")
                    }
                    (true, false) => {
                        format!("Reported fully implemented, but {n} milestones are still open.")
                    }
                    (false, true) => format!(
                        "Déclarée pleinement mise en œuvre, mais {n} jalon est encore ouvert."
                    ),
                    (false, false) => format!(
                        "Déclarée pleinement mise en œuvre, mais {n} jalons sont encore ouverts."
                    ),
                }
            }
            Contradiction::ImplementedWithLowConfidence { confidence } => {
                if en {
                    format!(
                        "Reported fully implemented, with {} confidence.",
                        rating(confidence)
                    )
                } else {
                    format!(
                        "Déclarée pleinement mise en œuvre, avec une confiance {}.",
                        rating(confidence).to_lowercase()
                    )
                }
            }
            Contradiction::DoubtButOnPlan { confidence } => {
                if en {
                    format!(
                        "Rated {}, but the commentary says the work is on plan.",
                        rating(confidence)
                    )
                } else {
                    format!("Cote {}, mais le commentaire dit que les travaux se déroulent comme prévu.", rating(confidence))
                }
            }
            Contradiction::GreenWithOverdueMilestones { overdue } => {
                let n = self.number(*overdue as i64);
                match (en, *overdue == 1) {
                    (true, true) => format!("Rated Green, with {n} milestone overdue."),
                    (true, false) => format!("Rated Green, with {n} milestones overdue."),
                    (false, true) => format!("Cote Vert, alors que {n} jalon est en retard."),
                    (false, false) => format!("Cote Vert, alors que {n} jalons sont en retard."),
                }
            }
        }
    }

    fn review_counts(
        self,
        accepted: usize,
        pending: usize,
        returned: usize,
        not_reported: usize,
    ) -> String {
        let n = |x: usize| self.number(x as i64);
        // French agrees with "évaluation" (feminine), plural from 2.
        let fr = |x: usize, one: &str, many: &str| {
            format!("{} {}", n(x), if x > 1 { many } else { one })
        };
        let parts: Vec<String> = match self {
            Language::English => vec![
                (accepted, format!("{} accepted", n(accepted))),
                (pending, format!("{} awaiting review", n(pending))),
                (returned, format!("{} returned", n(returned))),
                (not_reported, format!("{} not reported", n(not_reported))),
            ],
            Language::French => vec![
                (accepted, fr(accepted, "acceptée", "acceptées")),
                (
                    pending,
                    fr(pending, "en attente d'examen", "en attente d'examen"),
                ),
                (returned, fr(returned, "renvoyée", "renvoyées")),
                (
                    not_reported,
                    fr(not_reported, "non déclarée", "non déclarées"),
                ),
            ],
        }
        .into_iter()
        .filter(|(x, _)| *x > 0)
        .map(|(_, text)| text)
        .collect();
        parts.join(" · ")
    }

    fn milestone_counts(self, done: i64, total: i64, overdue: i64) -> String {
        let (d, t, o) = (self.number(done), self.number(total), self.number(overdue));
        match self {
            Language::English => format!("{d} of {t} done · {o} overdue"),
            // "terminé" agrees with "jalon": plural from 2.
            Language::French => format!(
                "{d} sur {t} {} · {o} en retard",
                if done > 1 { "terminés" } else { "terminé" }
            ),
        }
    }

    fn milestones_not_shown(self, done: i64, open: i64, set_aside: i64) -> Option<String> {
        // (count, English, French for one, French for more: the
        // participles agree with "jalon")
        let parts: Vec<String> = [
            (done, "done", "terminé", "terminés"),
            (
                open,
                "open, due later",
                "ouvert, à échéance plus lointaine",
                "ouverts, à échéance plus lointaine",
            ),
            (
                set_aside,
                "deferred or cancelled",
                "différé ou annulé",
                "différés ou annulés",
            ),
        ]
        .into_iter()
        .filter(|(count, ..)| *count > 0)
        .map(|(count, en, one, many)| {
            let words = match self {
                Language::English => en,
                Language::French if count > 1 => many,
                Language::French => one,
            };
            format!("{} {words}", self.number(count))
        })
        .collect();
        (!parts.is_empty()).then(|| {
            let lead = match self {
                Language::English => "Not shown: ",
                Language::French => "Non affichés\u{a0}: ",
            };
            format!("{lead}{}", parts.join(" · "))
        })
    }

    fn more_notes(self, n: i64, annex: bool) -> String {
        let count = self.number(n);
        match (self, n == 1, annex) {
            (Language::English, true, false) => "1 earlier note of the period is not printed here; it is in the tracker.".to_owned(),
            (Language::English, true, true) => "1 earlier note of the period is not printed here; it is in the annex.".to_owned(),
            (Language::English, false, false) => format!("{count} earlier notes of the period are not printed here; they are in the tracker."),
            (Language::English, false, true) => format!("{count} earlier notes of the period are not printed here; they are in the annex."),
            (Language::French, true, false) => "1 pièce antérieure de la période n'est pas reproduite ici; elle figure dans le suivi.".to_owned(),
            (Language::French, true, true) => "1 pièce antérieure de la période n'est pas reproduite ici; elle figure à l'annexe.".to_owned(),
            (Language::French, false, false) => format!("{count} pièces antérieures de la période ne sont pas reproduites ici; elles figurent dans le suivi."),
            (Language::French, false, true) => format!("{count} pièces antérieures de la période ne sont pas reproduites ici; elles figurent à l'annexe."),
        }
    }

    fn reviewed_by(self, name: &str, on: NaiveDate) -> String {
        match self {
            Language::English => format!("by {name} on {}", self.date(on)),
            Language::French => format!("par {name} le {}", self.date(on)),
        }
    }

    fn signature(self, key: Option<&str>) -> String {
        match (self, key) {
            (Language::English, Some(key)) => format!("signed with key {key}"),
            (Language::English, None) => "by name, not signed".to_owned(),
            (Language::French, Some(key)) => format!("signé avec la clé {key}"),
            (Language::French, None) => "par nom, sans signature".to_owned(),
        }
    }

    fn texts_cut(self, annex: bool) -> &'static str {
        match (self, annex) {
            (Language::English, false) => "A text ending in … was cut to fit this page; it is whole in the tracker.",
            (Language::English, true) => "A text ending in … was cut to fit this page; it is whole in the annex.",
            (Language::French, false) => "Un texte qui se termine par … a été abrégé pour tenir sur cette page; il figure en entier dans le suivi.",
            (Language::French, true) => "Un texte qui se termine par … a été abrégé pour tenir sur cette page; il figure en entier à l'annexe.",
        }
    }

    fn labels(self) -> Labels {
        match self {
            Language::English => ENGLISH,
            Language::French => FRENCH,
        }
    }

    /// A scale or state key's words.
    fn term(self, key: &str) -> &'static str {
        let table: &[(&str, &str, &str)] = &TERMS;
        table
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, en, fr)| if self == Language::English { *en } else { *fr })
            .unwrap_or("")
    }
}

/// Keys of the scales, states and kinds, with their English and French words.
const TERMS: [(&str, &str, &str); 30] = [
    (
        "status.fully_implemented",
        "Fully implemented",
        "Pleinement mise en œuvre",
    ),
    (
        "status.in_process",
        "In the process of being implemented",
        "En voie de mise en œuvre",
    ),
    (
        "status.little_or_no_progress",
        "Little or no progress",
        "Peu ou pas de progrès",
    ),
    (
        "status.will_not_be_implemented",
        "Will not be implemented",
        "Ne sera pas mise en œuvre",
    ),
    (
        "status.no_longer_applicable",
        "No longer applicable",
        "Ne s'applique plus",
    ),
    ("confidence.green", "Green", "Vert"),
    ("confidence.amber_green", "Amber/Green", "Ambre/Vert"),
    ("confidence.amber", "Amber", "Ambre"),
    ("confidence.amber_red", "Amber/Red", "Ambre/Rouge"),
    ("confidence.red", "Red", "Rouge"),
    ("review.pending", "Awaiting review", "En attente d'examen"),
    ("review.accepted", "Accepted", "Acceptée"),
    ("review.returned", "Returned", "Renvoyée"),
    ("trend.up", "Improved", "En amélioration"),
    ("trend.down", "Worsened", "En détérioration"),
    ("trend.same", "No change", "Sans changement"),
    ("trend.new", "New this period", "Nouveau cette période"),
    ("milestone.planned", "Planned", "Prévu"),
    ("milestone.in_progress", "In progress", "En cours"),
    ("milestone.done", "Done", "Terminé"),
    ("milestone.deferred", "Deferred", "Différé"),
    ("milestone.cancelled", "Cancelled", "Annulé"),
    ("evidence.progress", "Progress", "Progrès"),
    ("evidence.decision", "Decision", "Décision"),
    ("evidence.risk", "Risk", "Risque"),
    ("evidence.issue", "Issue", "Problème"),
    ("evidence.document", "Document", "Document"),
    ("evidence.metric", "Metric", "Indicateur"),
    ("period.open", "Open", "Ouverte"),
    ("period.signed_off", "Signed off", "Approuvée"),
];

/// What each scale value means, printed in the definitions section.
pub fn definition(lang: Language, key: &str) -> &'static str {
    let en = lang == Language::English;
    match key {
        "status.fully_implemented" => {
            if en {
                "The recommendation has been implemented as intended."
            } else {
                "La recommandation a été mise en œuvre comme prévu."
            }
        }
        "status.in_process" => {
            if en {
                "Action is under way and progress has been made."
            } else {
                "Des mesures sont en cours et des progrès ont été réalisés."
            }
        }
        "status.little_or_no_progress" => {
            if en {
                "Little or no action has been taken."
            } else {
                "Peu ou pas de mesures ont été prises."
            }
        }
        "status.will_not_be_implemented" => {
            if en {
                "A decision has been made not to implement the recommendation."
            } else {
                "Il a été décidé de ne pas mettre en œuvre la recommandation."
            }
        }
        "status.no_longer_applicable" => {
            if en {
                "Circumstances have changed and the recommendation no longer applies."
            } else {
                "Les circonstances ont changé et la recommandation ne s'applique plus."
            }
        }
        "confidence.green" => {
            if en {
                "Successful delivery appears highly likely."
            } else {
                "La réussite de la mise en œuvre paraît très probable."
            }
        }
        "confidence.amber_green" => {
            if en {
                "Successful delivery appears probable; constant attention is needed."
            } else {
                "La réussite paraît probable; une attention constante est nécessaire."
            }
        }
        "confidence.amber" => {
            if en {
                "Successful delivery appears feasible but significant issues exist."
            } else {
                "La réussite paraît possible, mais des problèmes importants existent."
            }
        }
        "confidence.amber_red" => {
            if en {
                "Successful delivery is in doubt; urgent action is needed."
            } else {
                "La réussite est incertaine; des mesures urgentes sont nécessaires."
            }
        }
        "confidence.red" => {
            if en {
                "Successful delivery appears to be unachievable."
            } else {
                "La réussite paraît impossible."
            }
        }
        _ => "",
    }
}

/// The fixed words of the document.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Labels {
    /// ":" in English; French sets a no-break space before the colon.
    pub colon: &'static str,
    pub title: &'static str,
    pub draft: &'static str,
    pub draft_note: &'static str,
    pub period: &'static str,
    pub as_of: &'static str,
    pub prepared_by: &'static str,
    /// Before the report's title, under the briefing's title.
    pub on_report: &'static str,
    pub signed_off_by: &'static str,
    pub summary: &'static str,
    pub at_a_glance: &'static str,
    pub number: &'static str,
    pub recommendation: &'static str,
    pub lead: &'static str,
    pub status: &'static str,
    pub confidence: &'static str,
    pub trend: &'static str,
    pub milestones_done: &'static str,
    pub next_milestone: &'static str,
    pub not_reported: &'static str,
    pub none: &'static str,
    /// "None" of a feminine noun (a date, a confidence): "Aucune".
    pub none_feminine: &'static str,
    pub for_decision: &'static str,
    /// Says the French short titles are an unofficial translation (empty
    /// in English).
    pub unofficial_titles: &'static str,
    pub evidence_counts: &'static str,
    pub annex: &'static str,
    pub annex_intro: &'static str,
    pub full_texts: &'static str,
    pub for_decision_none: &'static str,
    pub awaiting_review: &'static str,
    pub returned_outstanding: &'static str,
    pub not_reported_list: &'static str,
    pub in_doubt: &'static str,
    pub to_check: &'static str,
    pub reviews: &'static str,
    /// Before the counts of what the deputy minister accepted.
    pub accepted_counts: &'static str,
    /// Before the counts of what awaits acceptance.
    pub not_yet_accepted: &'static str,
    pub changes: &'static str,
    pub changes_first: &'static str,
    pub changes_none: &'static str,
    pub status_changes: &'static str,
    pub confidence_changes: &'static str,
    pub completed: &'static str,
    pub slipped: &'static str,
    pub newly_overdue: &'static str,
    pub new_evidence: &'static str,
    pub new_risks: &'static str,
    pub new_decisions: &'static str,
    pub returned: &'static str,
    pub was_none: &'static str,
    pub reason: &'static str,
    pub report_text: &'static str,
    pub owners: &'static str,
    pub supporting: &'static str,
    pub target_date: &'static str,
    pub reported: &'static str,
    pub accepted: &'static str,
    pub review: &'static str,
    pub commentary: &'static str,
    pub next_steps: &'static str,
    pub risks: &'static str,
    pub decisions_required: &'static str,
    pub milestones: &'static str,
    pub milestone: &'static str,
    pub owner: &'static str,
    pub baseline: &'static str,
    pub current: &'static str,
    pub slip: &'static str,
    pub state: &'static str,
    pub overdue: &'static str,
    pub no_milestones: &'static str,
    pub evidence_of_period: &'static str,
    pub no_evidence: &'static str,
    pub observed: &'static str,
    pub kind: &'static str,
    pub source: &'static str,
    pub timeline: &'static str,
    pub timeline_caption: &'static str,
    pub timeline_legend_baseline: &'static str,
    pub timeline_legend_current: &'static str,
    pub timeline_legend_overdue: &'static str,
    pub timeline_legend_slip: &'static str,
    pub timeline_legend_beyond: &'static str,
    pub definitions: &'static str,
    pub status_scale: &'static str,
    /// Heads the definitions' second column.
    pub meaning: &'static str,
    pub confidence_scale: &'static str,
    pub page: &'static str,
    pub of: &'static str,
    /// Before the time a signed-off period's snapshot was frozen.
    pub frozen: &'static str,
    /// Before the time a draft was made.
    pub draft_made: &'static str,
    pub draft_fingerprint: &'static str,
    pub draft_fingerprint_note: &'static str,
    /// Heads the column of "Reported" and "Accepted".
    pub assessment: &'static str,
    pub fingerprint: &'static str,
    pub fingerprint_note: &'static str,
    /// "Audit trail", before the event the briefing stands on.
    pub trail: &'static str,
    pub trail_event: &'static str,
}

const ENGLISH: Labels = Labels {
    colon: ":",
    title: "Digital Governance Recommendations — Status Briefing",
    draft: "DRAFT",
    draft_note: "Draft: made from the tracker as it stands; the period is not signed off.",
    period: "Reporting period",
    as_of: "As of",
    prepared_by: "Prepared by",
    on_report: "On the recommendations of",
    signed_off_by: "Signed off by",
    summary: "Summary",
    at_a_glance: "The eight recommendations at a glance",
    number: "No.",
    recommendation: "Recommendation",
    lead: "Lead",
    status: "Status",
    confidence: "Confidence",
    trend: "Trend",
    milestones_done: "Milestones done",
    next_milestone: "Next milestone",
    not_reported: "Not reported",
    none: "None",
    none_feminine: "None",
    for_decision: "For your decision and review",
    unofficial_titles: "",
    evidence_counts: "This period",
    annex: "Annex: the period's evidence",
    annex_intro: "Every evidence note of the period, newest first, and each text cut on a recommendation's page, in full.",
    full_texts: "Texts in full",
    for_decision_none: "Nothing awaits your decision or review this period.",
    awaiting_review: "Awaiting your review",
    returned_outstanding: "Returned, not yet reported again",
    not_reported_list: "Not reported this period",
    in_doubt: "Delivery in doubt: Red or Amber/Red",
    to_check: "Reports that contradict themselves or the tracker",
    reviews: "Reviews",
    accepted_counts: "Accepted",
    not_yet_accepted: "Reported, not yet accepted",
    changes: "What changed in the period",
    changes_first: "This is the first reporting period: every assessment is new.",
    changes_none: "Nothing changed in the period.",
    status_changes: "Status",
    confidence_changes: "Confidence",
    completed: "Milestones completed",
    slipped: "Milestones slipped",
    newly_overdue: "Milestones newly overdue",
    new_evidence: "New evidence notes",
    new_risks: "New risks",
    new_decisions: "New decisions required",
    returned: "Assessments returned by the Deputy Minister",
    was_none: "none",
    reason: "Reason",
    report_text: "What the report recommends",
    owners: "Owners",
    supporting: "Supporting",
    target_date: "Target date",
    reported: "Reported",
    accepted: "Accepted",
    review: "Review",
    commentary: "Commentary",
    next_steps: "Next steps",
    risks: "Risks",
    decisions_required: "Decisions required",
    milestones: "Milestones",
    milestone: "Milestone",
    owner: "Owner",
    baseline: "Baseline",
    current: "Current",
    slip: "Slip",
    state: "State",
    overdue: "Overdue",
    no_milestones: "No milestones yet.",
    evidence_of_period: "Evidence notes of the period",
    no_evidence: "No evidence notes in this period.",
    observed: "Observed",
    kind: "Kind",
    source: "Source",
    timeline: "Milestone timeline",
    timeline_caption: "Open milestones due soonest: baseline date and current date",
    timeline_legend_baseline: "baseline date",
    timeline_legend_current: "current date",
    timeline_legend_overdue: "overdue",
    timeline_legend_slip: "slip (baseline to current)",
    timeline_legend_beyond: "date beyond the axis",
    definitions: "The two scales",
    status_scale: "Implementation status",
    meaning: "Meaning",
    confidence_scale: "Delivery confidence",
    page: "Page",
    of: "of",
    frozen: "Snapshot frozen",
    draft_made: "Draft made",
    draft_fingerprint: "Draft fingerprint",
    draft_fingerprint_note: "The draft fingerprint is the SHA-256 of the content this draft was made from, not of the time it was made: the same content gives the same fingerprint. Until the period is signed off its figures may still change; the signed-off briefing carries the fingerprint of the snapshot frozen at sign-off.",
    assessment: "Assessment",
    fingerprint: "Fingerprint",
    trail: "Audit trail",
    trail_event: "event",
    fingerprint_note: "The fingerprint is the SHA-256 of the period's frozen snapshot: the same fingerprint means the same content.",
};

const FRENCH: Labels = Labels {
    colon: "\u{a0}:",
    title: "Recommandations sur la gouvernance numérique — Note d'information sur l'état d'avancement",
    draft: "ÉBAUCHE",
    draft_note: "Ébauche\u{a0}: produite à partir du suivi dans son état actuel; la période n'est pas approuvée.",
    period: "Période de rapport",
    as_of: "En date du",
    prepared_by: "Préparé par",
    on_report: "Sur les recommandations du rapport",
    signed_off_by: "Approuvée par",
    summary: "Sommaire",
    at_a_glance: "Les huit recommandations en un coup d'œil",
    number: "N°",
    recommendation: "Recommandation",
    lead: "Responsable",
    status: "État",
    confidence: "Confiance",
    trend: "Tendance",
    milestones_done: "Jalons terminés",
    next_milestone: "Prochain jalon",
    not_reported: "Non déclaré",
    none: "Aucun",
    none_feminine: "Aucune",
    for_decision: "Pour décision et examen",
    unofficial_titles: "Les titres abrégés des recommandations sont une traduction non officielle. Le rapport Making Digital Happen n'existe qu'en anglais\u{a0}: son texte est cité tel qu'il est rédigé.",
    evidence_counts: "Cette période",
    annex: "Annexe\u{a0}: pièces justificatives de la période",
    annex_intro: "Toutes les pièces justificatives de la période, des plus récentes aux plus anciennes, et chaque texte abrégé sur la page d'une recommandation, en entier.",
    full_texts: "Textes en entier",
    for_decision_none: "Rien n'attend votre décision ni votre examen pour cette période.",
    awaiting_review: "En attente de votre examen",
    returned_outstanding: "Renvoyées, pas encore déclarées de nouveau",
    not_reported_list: "Non déclarées pour cette période",
    in_doubt: "Réussite incertaine\u{a0}: Rouge ou Ambre/Rouge",
    to_check: "Déclarations qui se contredisent ou contredisent le suivi",
    reviews: "Examens",
    accepted_counts: "Acceptées",
    not_yet_accepted: "Déclarées, pas encore acceptées",
    changes: "Ce qui a changé pendant la période",
    changes_first: "C'est la première période de rapport\u{a0}: chaque évaluation est nouvelle.",
    changes_none: "Rien n'a changé pendant la période.",
    status_changes: "État",
    confidence_changes: "Confiance",
    completed: "Jalons terminés",
    slipped: "Jalons repoussés",
    newly_overdue: "Jalons nouvellement en retard",
    new_evidence: "Nouvelles pièces justificatives",
    new_risks: "Nouveaux risques",
    new_decisions: "Nouvelles décisions requises",
    returned: "Évaluations renvoyées par le sous-ministre",
    was_none: "aucun",
    reason: "Motif",
    report_text: "Ce que recommande le rapport",
    owners: "Responsables",
    supporting: "En appui",
    target_date: "Date cible",
    reported: "Déclaré",
    accepted: "Accepté",
    review: "Examen",
    commentary: "Commentaire",
    next_steps: "Prochaines étapes",
    risks: "Risques",
    decisions_required: "Décisions requises",
    milestones: "Jalons",
    milestone: "Jalon",
    owner: "Responsable",
    baseline: "Initiale",
    current: "Actuelle",
    slip: "Écart",
    state: "État",
    overdue: "En retard",
    no_milestones: "Aucun jalon pour l'instant.",
    evidence_of_period: "Pièces justificatives de la période",
    no_evidence: "Aucune pièce justificative pour cette période.",
    observed: "Observé le",
    kind: "Type",
    source: "Source",
    timeline: "Calendrier des jalons",
    timeline_caption: "Jalons ouverts les plus proches\u{a0}: date initiale et date actuelle",
    timeline_legend_baseline: "date initiale",
    timeline_legend_current: "date actuelle",
    timeline_legend_overdue: "en retard",
    timeline_legend_slip: "écart (de la date initiale à l'actuelle)",
    timeline_legend_beyond: "date hors de l'axe",
    definitions: "Les deux échelles",
    status_scale: "État de la mise en œuvre",
    meaning: "Signification",
    confidence_scale: "Confiance dans la réussite",
    page: "Page",
    of: "de",
    frozen: "Instantané figé le",
    draft_made: "Ébauche produite le",
    draft_fingerprint: "Empreinte de l'ébauche",
    draft_fingerprint_note: "L'empreinte de l'ébauche est le SHA-256 du contenu à partir duquel elle a été produite, et non du moment où elle l'a été\u{a0}: un même contenu donne une même empreinte. Tant que la période n'est pas approuvée, ses chiffres peuvent encore changer; la note approuvée porte l'empreinte de l'instantané figé à l'approbation.",
    assessment: "Évaluation",
    fingerprint: "Empreinte",
    trail: "Piste d'audit",
    trail_event: "événement",
    fingerprint_note: "L'empreinte est le SHA-256 de l'instantané figé de la période\u{a0}: une même empreinte signifie un même contenu.",
};

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn french_dates_write_the_first_as_1er_long_and_short() {
        assert_eq!(Language::French.date(d("2026-10-01")), "1er octobre 2026");
        assert_eq!(
            Language::French.short_date(d("2026-10-01")),
            "1er oct. 2026"
        );
        assert_eq!(Language::French.short_date(d("2026-10-02")), "2 oct. 2026");
        assert_eq!(Language::English.short_date(d("2026-10-01")), "Oct 1, 2026");
    }

    #[test]
    fn times_never_break_apart() {
        let at = "2026-11-25T14:05:00.000Z";
        assert_eq!(
            Language::French.instant(at),
            "25 novembre 2026, 14\u{a0}h\u{a0}05\u{a0}UTC"
        );
        assert_eq!(
            Language::English.instant(at),
            "November 25, 2026, 14:05\u{a0}UTC"
        );
    }

    #[test]
    fn days_agree_in_number_and_completions_say_how_late() {
        assert_eq!(Language::English.days(1), "1\u{a0}day");
        assert_eq!(Language::English.days(-1), "-1\u{a0}day");
        assert_eq!(Language::French.days(1_200), "1\u{a0}200\u{a0}jours");
        assert_eq!(
            Language::English.done_on(d("2026-11-05"), 10),
            "done Nov 5, 2026, 10\u{a0}days late"
        );
        assert_eq!(
            Language::French.done_on(d("2026-10-01"), 0),
            "terminé le 1er oct. 2026, dans les délais"
        );
        assert_eq!(
            Language::French.done_on(d("2026-10-08"), 1),
            "terminé le 8 oct. 2026, avec 1\u{a0}jour de retard"
        );
    }

    #[test]
    fn french_sets_a_no_break_space_before_every_colon() {
        let labels = serde_json::to_value(Language::French.labels()).unwrap();
        let mut texts: Vec<String> = labels
            .as_object()
            .unwrap()
            .values()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
        let fr = Language::French;
        texts.extend([
            fr.lead_is(Some("Alex")),
            fr.milestones_not_shown(2, 3, 1).unwrap(),
            fr.texts_cut(true).to_owned(),
            fr.more_notes(4, false),
            fr.instant("2026-11-25T14:05:00.000Z"),
        ]);
        for text in &texts {
            for (i, _) in text.match_indices(':') {
                assert!(
                    text[..i].ends_with('\u{a0}'),
                    "a no-break space before the colon in {text:?}"
                );
            }
        }
    }

    #[test]
    fn numbers_take_the_language_s_thousands_separator() {
        assert_eq!(Language::English.number(1758), "1,758");
        assert_eq!(Language::French.number(1758), "1\u{a0}758");
        assert_eq!(Language::English.number(999), "999");
        assert_eq!(Language::English.number(0), "0");
        assert_eq!(Language::English.number(1_234_567), "1,234,567");
        assert_eq!(Language::French.number(-20_000), "-20\u{a0}000");
    }
}
