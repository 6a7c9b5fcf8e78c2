// An audit event in words: what happened, said as the rest of the window
// says it (the person, the recommendation's number, the period's label,
// statuses and dates in the reader's language), and each changed field
// with its label and its values before and after, formatted the same way.
// Pure: the screen gives the words (`t`), the language and the names the
// events refer to by id (`names`).

import {
  CONFIDENCE_KEYS, EVIDENCE_KIND_KEYS, MILESTONE_STATE_KEYS, PERIOD_STATE_KEYS, REVIEW_KEYS, STATUS_KEYS,
  formatDate, formatDateTime, formatList,
} from "./i18n.js";
import { shortFingerprint } from "./model.js";

/**
 * The names events refer to by id, from what the screen has read:
 * `recommendations` ({id, number}), `periods` ({id, label}), `owners`
 * ({id, name}). An id not among them is said as a number.
 */
export function namesFrom({ recommendations = [], periods = [], owners = [] }) {
  return {
    recommendations: new Map(recommendations.map((r) => [r.id, r.number])),
    periods: new Map(periods.map((p) => [p.id, p.label])),
    owners: new Map(owners.map((o) => [o.id, o.name])),
  };
}

/** The record as it is after the event, or as it was before one that removed it. */
function record(e) {
  return e.after || e.before || {};
}

function quote(t, text) {
  return t("audit.quoted", { text });
}

/** A long text's beginning, cut at a word, for a one-line sentence. */
function shortened(text, max = 120) {
  const flat = String(text).replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(" ") > max / 2 ? cut.lastIndexOf(" ") : max)}…`;
}

/**
 * The placeholders a sentence may use: who, which recommendation and
 * period, the record's title or name, and the assessment's position.
 */
function facts(t, lang, names, e) {
  const r = record(e);
  const number = names.recommendations.get(e.recommendation_id) ?? e.recommendation_id ?? r.number ?? "";
  const periodLabel = names.periods.get(r.period_id) ?? r.label ?? t("audit.earlier_period");
  return {
    actor: e.actor,
    number,
    period: periodLabel,
    title: r.title ?? "",
    name: r.name ?? "",
    status: r.status ? t(STATUS_KEYS[r.status]) : "",
    confidence: r.confidence ? t(CONFIDENCE_KEYS[r.confidence]) : "",
    state: r.state && MILESTONE_STATE_KEYS[r.state] ? t(MILESTONE_STATE_KEYS[r.state]) : "",
    kind: r.kind && EVIDENCE_KIND_KEYS[r.kind] ? t(EVIDENCE_KIND_KEYS[r.kind]) : "",
    comment: r.review_comment ?? "",
    date: r.target_date ? formatDate(r.target_date, lang) : "",
    due: r.current_due ? formatDate(r.current_due, lang) : "",
    file: r.file ?? r.from ?? "",
    format: r.format ?? "",
    key: r.fingerprint ? shortFingerprint(r.fingerprint) : "",
  };
}

/** A move's dates and reason: the revision the event added. */
function moveFacts(lang, e) {
  const revisions = (e.after && e.after.revisions) || [];
  const last = revisions[revisions.length - 1];
  if (!last) return { from: "", to: "", reason: "" };
  return { from: formatDate(last.old_due, lang), to: formatDate(last.new_due, lang), reason: last.reason };
}

/** The one sentence that says what `e` did. */
export function sentence(t, lang, names, e) {
  const f = facts(t, lang, names, e);
  switch (e.action) {
    case "create_tracker": return t("audit.said.create_tracker", f);
    case "seal_records": return t("audit.said.seal_records", f);
    case "seed_report": return t("audit.said.seed_report", f);
    case "seed_recommendation": return t("audit.said.seed_recommendation", f);
    case "mark_sample": return t("audit.said.mark_sample", f);
    case "add_owner": return t("audit.said.add_owner", f);
    case "update_owner": return t("audit.said.update_owner", f);
    case "deactivate_owner": return t("audit.said.deactivate_owner", f);
    case "reactivate_owner": return t("audit.said.reactivate_owner", f);
    case "delete_owner": return t("audit.said.delete_owner", f);
    case "assign_owners": return t("audit.said.assign_owners", f);
    case "set_target_date":
      return f.date ? t("audit.said.set_target_date", f) : t("audit.said.clear_target_date", f);
    case "add_milestone": return t("audit.said.add_milestone", f);
    case "edit_milestone": return t("audit.said.edit_milestone", f);
    case "move_milestone": return t("audit.said.move_milestone", { ...f, ...moveFacts(lang, e) });
    case "set_milestone_state": return t("audit.said.set_milestone_state", f);
    case "add_evidence": return t("audit.said.add_evidence", { ...f, text: quote(t, shortened(record(e).text ?? "")) });
    case "open_period": return t("audit.said.open_period", f);
    case "sign_off_period": return t("audit.said.sign_off_period", f);
    case "report_assessment": return t("audit.said.report_assessment", f);
    case "accept_assessment": return t("audit.said.accept_assessment", f);
    case "return_assessment": return t("audit.said.return_assessment", { ...f, comment: quote(t, f.comment) });
    case "backup": return t("audit.said.backup", f);
    case "restore": return t("audit.said.restore", f);
    case "import": return t("audit.said.import", f);
    case "export": return t("audit.said.export", f);
    case "briefing": return t("audit.said.briefing", { ...f, period: record(e).period ?? "" });
    case "trust_file": return t("audit.said.trust_file", f);
    case "add_reviewer": return t("audit.said.add_reviewer", f);
    case "remove_reviewer": return t("audit.said.remove_reviewer", f);
    case "send_for_review": return t("audit.said.send_for_review", { ...f, period: record(e).period ?? "", name: record(e).reviewer ?? "" });
    default: return t("audit.said.unknown_action", f);
  }
}

/** Each field the window shows, with the words of its label. */
const FIELD_KEYS = {
  status: "assessment.status",
  confidence: "assessment.confidence",
  commentary: "assessment.commentary",
  next_steps: "assessment.next_steps",
  risks: "assessment.risks",
  decisions_required: "assessment.decisions_required",
  review_state: "assessment.review",
  review_comment: "assessment.dm_comment",
  accepted_status: "audit.field.accepted_status",
  accepted_confidence: "audit.field.accepted_confidence",
  reported_by: "audit.field.reported_by",
  reviewed_by: "audit.field.reviewed_by",
  title: "audit.field.title",
  owner_id: "milestone.owner",
  baseline_due: "milestone.col_baseline",
  current_due: "milestone.col_current",
  state: "milestone.col_state",
  completed_on: "audit.field.completed_on",
  name: "owner.name",
  unit: "owner.unit",
  email: "owner.email",
  active: "audit.field.active",
  lead_owner_id: "audit.field.lead",
  supporting_owner_ids: "audit.field.supporting",
  target_date: "rec.target_date",
  label: "period.label",
  starts_on: "period.starts_on",
  ends_on: "period.ends_on",
  signed_off_by: "audit.field.signed_off_by",
  kind: "evidence.kind",
  observed_on: "evidence.observed_on",
  text: "evidence.text",
  source_ref: "evidence.source_ref",
  milestone_id: "evidence.milestone",
};

const DATES = new Set(["baseline_due", "current_due", "completed_on", "target_date", "starts_on", "ends_on", "observed_on"]);

/** A field's value as the window shows it; "—" for none. */
function shown(t, lang, names, entityKind, key, v) {
  if (v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0)) return t("common.none_dash");
  if (DATES.has(key)) return formatDate(v, lang);
  if (key === "status" || key === "accepted_status") return t(STATUS_KEYS[v]);
  if (key === "confidence" || key === "accepted_confidence") return t(CONFIDENCE_KEYS[v]);
  if (key === "review_state") return t(REVIEW_KEYS[v]);
  if (key === "state") return t((entityKind === "period" ? PERIOD_STATE_KEYS : MILESTONE_STATE_KEYS)[v]);
  if (key === "kind") return t(EVIDENCE_KIND_KEYS[v]);
  if (key === "active") return t(v ? "common.yes" : "common.no");
  if (key === "owner_id" || key === "lead_owner_id") return names.owners.get(v) ?? String(v);
  if (key === "supporting_owner_ids") return formatList(v.map((id) => names.owners.get(id) ?? String(id)), lang);
  if (key === "milestone_id") return String(v);
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/**
 * The fields `e` changed that the window shows, each {key, label, before,
 * after} in words. Fields the window never shows (ids, seals, time stamps
 * of the record itself) are left out.
 */
export function fieldChanges(t, lang, names, e) {
  const before = e.before || {};
  const after = e.after || {};
  return changedKeys(e)
    .map((k) => ({
      key: k,
      label: t(FIELD_KEYS[k]),
      before: e.before ? shown(t, lang, names, e.entity_kind, k, before[k]) : null,
      after: e.after ? shown(t, lang, names, e.entity_kind, k, after[k]) : null,
    }));
}

/** The shown fields `e` changed, by key. */
function changedKeys(e) {
  const before = e.before || {};
  const after = e.after || {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => FIELD_KEYS[k]);
  return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** Whether `e` changed any field the window shows (what `fieldChanges` would list). */
export function changesShownFields(e) {
  return changedKeys(e).length > 0;
}

/** When `e` happened, in the reader's language and time zone. */
export function when(lang, e) {
  return formatDateTime(e.at, lang);
}
