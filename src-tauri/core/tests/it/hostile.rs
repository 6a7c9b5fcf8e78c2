//! The catalogue of hostile strings (`tests/fixtures/hostile-strings.json`,
//! plus very long texts) through every text field of the core API: each
//! value is either stored and read back byte for byte, or refused as invalid
//! input for a stated reason with nothing else changed.

use crate::common::*;
use followthrough_core::assessments::AssessmentInput;
use followthrough_core::evidence::NewEvidence;
use followthrough_core::milestones::NewMilestone;
use followthrough_core::owners::OwnerInput;
use followthrough_core::periods::NewPeriod;
use followthrough_core::validate::limit;
use followthrough_core::{Actor, CoreError, ErrorCode};

/// Every hostile string, with a name for failure messages.
fn catalogue() -> Vec<(String, String)> {
    let text = include_str!("../fixtures/hostile-strings.json");
    let items: Vec<serde_json::Value> = serde_json::from_str(text).unwrap();
    let mut all: Vec<(String, String)> = items
        .iter()
        .map(|i| {
            (
                i["name"].as_str().unwrap().to_owned(),
                i["text"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    all.push(("400-character word".into(), "x".repeat(400)));
    all.push(("longest note".into(), "é".repeat(limit::LONG_TEXT)));
    all.push((
        "one past the longest note".into(),
        "a".repeat(limit::LONG_TEXT + 1),
    ));
    all.push(("longest name".into(), "n".repeat(limit::NAME)));
    all.push((
        "one past the longest name".into(),
        "n".repeat(limit::NAME + 1),
    ));
    all
}

/// Whether `value` breaks a rule the field states, so that its refusal is
/// expected rather than arbitrary.
fn breaks_a_rule(value: &str, field: &Field) -> bool {
    let control = value
        .chars()
        .any(|c| c.is_control() && !(field.multi_line && matches!(c, '\n' | '\r' | '\t')));
    // Characters that draw nothing: a name holding one could pass for
    // another person's.
    let invisible = value.chars().any(|c| {
        matches!(c, '\u{00AD}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
    });
    control
        || (field.names_a_person && invisible)
        || value.chars().count() > field.max
        || (field.required && value.trim().is_empty())
}

struct Field {
    name: &'static str,
    max: usize,
    multi_line: bool,
    required: bool,
    /// The name of who acted, compared by the two-key rule.
    names_a_person: bool,
}

/// Makes what a probe writes to (returns its id, or 0), so that the
/// comparison "nothing else changed" starts after it.
type Prepare = fn(&mut Fixture, usize) -> i64;
/// Writes `value` through one use case and reads it back from the store.
type Probe = fn(&mut Fixture, i64, &str, usize) -> Result<String, CoreError>;

fn nothing(_: &mut Fixture, _: usize) -> i64 {
    0
}

fn probe_all(field: Field, prepare: Prepare, probe: Probe) {
    let mut f = fixture();
    let mut stored = 0;
    for (i, (name, value)) in catalogue().into_iter().enumerate() {
        let id = prepare(&mut f, i);
        let before = f.snapshot();
        match probe(&mut f, id, &value, i) {
            Ok(back) => {
                assert_eq!(back, value, "{}: {name} reads back as written", field.name);
                assert!(
                    !breaks_a_rule(&value, &field),
                    "{}: {name} should have been refused",
                    field.name
                );
                stored += 1;
            }
            Err(e) => {
                assert_eq!(
                    e.code(),
                    ErrorCode::InvalidInput,
                    "{}: {name}: {e}",
                    field.name
                );
                assert!(
                    breaks_a_rule(&value, &field),
                    "{}: {name} was refused without breaking a rule: {e}",
                    field.name
                );
                assert!(
                    f.snapshot() == before,
                    "{}: {name} changed something",
                    field.name
                );
            }
        }
    }
    // Every value that breaks no rule was stored (checked above); make
    // sure the catalogue really exercised the field.
    assert!(
        stored >= 10,
        "{}: the catalogue has values this field takes",
        field.name
    );
}

fn owner_with(
    f: &mut Fixture,
    input: OwnerInput,
) -> Result<followthrough_core::owners::Owner, CoreError> {
    let o = f.tracker.add_owner(&f.ea, &input)?;
    f.tracker.owner(o.id)
}

#[test]
fn owner_fields() {
    let named = |name: &'static str, max| Field {
        name,
        max,
        multi_line: false,
        required: name == "owner.name",
        names_a_person: false,
    };
    probe_all(named("owner.name", limit::NAME), nothing, |f, _, v, _| {
        owner_with(
            f,
            OwnerInput {
                name: v.into(),
                ..Default::default()
            },
        )
        .map(|o| o.name)
    });
    probe_all(named("owner.title", limit::NAME), nothing, |f, _, v, _| {
        owner_with(
            f,
            OwnerInput {
                name: "Owner".into(),
                title: v.into(),
                ..Default::default()
            },
        )
        .map(|o| o.title)
    });
    probe_all(
        named("owner.unit", limit::NAME),
        |f, _| f.owner("Owner"),
        |f, id, v, _| {
            let input = OwnerInput {
                name: "Owner".into(),
                unit: v.into(),
                ..Default::default()
            };
            f.tracker.update_owner(&f.ea, id, &input)?;
            f.tracker.owner(id).map(|o| o.unit)
        },
    );
}

#[test]
fn email_accepts_only_an_address_and_stores_it_as_typed() {
    let mut f = fixture();
    for (name, value) in catalogue() {
        let before = f.snapshot();
        let input = OwnerInput {
            name: "Owner".into(),
            email: value.clone(),
            ..Default::default()
        };
        match owner_with(&mut f, input) {
            Ok(o) => assert_eq!(o.email, value, "{name}"),
            Err(e) => {
                assert_eq!(e.code(), ErrorCode::InvalidInput, "{name}");
                assert!(f.snapshot() == before, "{name} changed something");
            }
        }
    }
    let o = owner_with(
        &mut f,
        OwnerInput {
            name: "Owner".into(),
            email: "élodie.o'brien+dm@ontario.ca".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(o.email, "élodie.o'brien+dm@ontario.ca");
}

#[test]
fn milestone_fields() {
    let title = Field {
        name: "milestone.title",
        max: limit::TITLE,
        multi_line: false,
        required: true,
        names_a_person: false,
    };
    probe_all(title, nothing, |f, _, v, _| {
        let recommendation_id = f.rec(4);
        let m = f.tracker.add_milestone(
            &f.ea,
            &NewMilestone {
                recommendation_id,
                title: v.into(),
                owner_id: None,
                due: "2027-01-31".into(),
            },
        )?;
        f.tracker.milestone(m.id).map(|m| m.title)
    });
    let renamed = Field {
        name: "milestone.title (edited)",
        max: limit::TITLE,
        multi_line: false,
        required: true,
        names_a_person: false,
    };
    probe_all(
        renamed,
        |f, _| f.milestone(4, "Before", "2027-01-31"),
        |f, m, v, _| {
            f.tracker.edit_milestone(&f.ea, m, v, None)?;
            f.tracker.milestone(m).map(|m| m.title)
        },
    );
    let reason = Field {
        name: "milestone revision reason",
        max: limit::REASON,
        multi_line: true,
        required: true,
        names_a_person: false,
    };
    probe_all(
        reason,
        |f, _| f.milestone(4, "Moved", "2027-01-31"),
        |f, m, v, _| {
            f.tracker.move_milestone(&f.ea, m, "2027-03-31", v)?;
            f.tracker
                .milestone(m)
                .map(|m| m.revisions.last().unwrap().reason.clone())
        },
    );
}

fn note(
    f: &mut Fixture,
    actor: &Actor,
    input: NewEvidence,
) -> Result<followthrough_core::evidence::Evidence, CoreError> {
    let e = f.tracker.add_evidence(actor, &input)?;
    let id = e.id;
    Ok(f.tracker
        .evidence(None, None)?
        .into_iter()
        .find(|e| e.id == id)
        .unwrap())
}

fn base_note(f: &mut Fixture) -> NewEvidence {
    NewEvidence {
        recommendation_id: f.rec(5),
        observed_on: Some("2026-11-20".into()),
        kind: "progress".into(),
        text: "Note".into(),
        ..Default::default()
    }
}

#[test]
fn evidence_fields() {
    let text = Field {
        name: "evidence.text",
        max: limit::LONG_TEXT,
        multi_line: true,
        required: true,
        names_a_person: false,
    };
    probe_all(text, nothing, |f, _, v, _| {
        let input = NewEvidence {
            text: v.into(),
            ..base_note(f)
        };
        let ea = f.ea.clone();
        note(f, &ea, input).map(|e| e.text)
    });
    let source = Field {
        name: "evidence.source_ref",
        max: limit::SOURCE,
        multi_line: false,
        required: false,
        names_a_person: false,
    };
    probe_all(source, nothing, |f, _, v, _| {
        let input = NewEvidence {
            source_ref: v.into(),
            ..base_note(f)
        };
        let ea = f.ea.clone();
        note(f, &ea, input).map(|e| e.source_ref)
    });
    let author = Field {
        name: "evidence.author",
        max: limit::NAME,
        multi_line: false,
        required: true,
        names_a_person: false,
    };
    probe_all(author, nothing, |f, _, v, _| {
        let input = NewEvidence {
            author: Some(v.into()),
            ..base_note(f)
        };
        let ea = f.ea.clone();
        // An empty author means "the person recording it".
        note(f, &ea, input).map(|e| {
            if v.is_empty() {
                String::new()
            } else {
                e.author
            }
        })
    });
}

#[test]
fn the_actor_name_recorded_on_changes() {
    let actor = Field {
        name: "actor",
        max: limit::ACTOR,
        multi_line: false,
        required: true,
        names_a_person: true,
    };
    probe_all(actor, nothing, |f, _, v, _| {
        let who = Actor::new(v)?;
        let input = base_note(f);
        let e = note(f, &who, input)?;
        let last = f
            .tracker
            .audit_trail(&followthrough_core::audit::AuditFilter {
                limit: Some(1),
                ..Default::default()
            })?
            .remove(0);
        assert_eq!(last.actor, e.recorded_by);
        Ok(e.recorded_by)
    });
}

#[test]
fn period_label() {
    let label = Field {
        name: "period.label",
        max: limit::LABEL,
        multi_line: false,
        required: true,
        names_a_person: false,
    };
    probe_all(label, nothing, |f, _, v, i| {
        // A month of its own for each probe, so dates never overlap.
        let (y, m) = (2030 + i / 12, i % 12 + 1);
        let start = format!("{y}-{m:02}-01");
        let end = format!("{y}-{m:02}-28");
        let p = f.tracker.open_period(
            &f.ea,
            &NewPeriod {
                label: v.into(),
                starts_on: start,
                ends_on: end,
            },
        )?;
        f.tracker.period(p.id).map(|p| p.label)
    });
}

#[test]
fn assessment_texts_and_the_review_comment() {
    for name in ["commentary", "next_steps", "risks", "decisions_required"] {
        let field = Field {
            name,
            max: limit::LONG_TEXT,
            multi_line: true,
            required: false,
            names_a_person: false,
        };
        let probe: Probe = match name {
            "commentary" => {
                |f, _, v, _| report_with(f, |a| a.commentary = v.into()).map(|a| a.commentary)
            }
            "next_steps" => {
                |f, _, v, _| report_with(f, |a| a.next_steps = v.into()).map(|a| a.next_steps)
            }
            "risks" => |f, _, v, _| report_with(f, |a| a.risks = v.into()).map(|a| a.risks),
            _ => |f, _, v, _| {
                report_with(f, |a| a.decisions_required = v.into()).map(|a| a.decisions_required)
            },
        };
        probe_all(field, |f, _| report_with(f, |_| {}).unwrap().id, probe);
    }
    let comment = Field {
        name: "review comment",
        max: limit::LONG_TEXT,
        multi_line: true,
        required: true,
        names_a_person: false,
    };
    probe_all(
        comment,
        |f, _| report_with(f, |_| {}).unwrap().id,
        |f, a, v, _| {
            let dm = f.dm.clone();
            f.tracker.return_assessment(&dm, a, v)?;
            f.tracker.assessment(a).map(|a| a.review_comment)
        },
    );
}

fn report_with(
    f: &mut Fixture,
    set: impl FnOnce(&mut AssessmentInput),
) -> Result<followthrough_core::assessments::Assessment, CoreError> {
    let period_id = match f.tracker.period_by_label("2026-27 Q3") {
        Ok(p) => p.id,
        Err(_) => f.period("2026-27 Q3", "2026-10-01", "2026-12-31"),
    };
    let mut input = AssessmentInput {
        period_id,
        recommendation_id: f.rec(6),
        status: "in_process".into(),
        confidence: "amber".into(),
        ..Default::default()
    };
    set(&mut input);
    let a = f.tracker.report_assessment(&f.ea, &input)?;
    f.tracker.assessment(a.id)
}
