// The current period's assessment: what was reported, with the executive
// assistant's report form or the deputy minister's accept and return.

import { h } from "../../dom.js";
import { CONFIDENCE_DEFINITION_KEYS, CONFIDENCE_KEYS, STATUS_KEYS, errorMessage, formatDate } from "../../i18n.js";
import { assessmentDraft, shortFingerprint } from "../../model.js";
import { field, onSubmit, value } from "../../forms.js";
import { confidenceChip, disclosure, reviewOutcome, statusText } from "../common.js";
import { section } from "./shared.js";

function assessmentSummary(ctx, a) {
  const { t, lang } = ctx;
  const rows = [
    [t("assessment.status"), statusText(t, a.status)],
    [t("assessment.confidence"), confidenceChip(t, a.confidence)],
    [t("assessment.commentary"), a.commentary],
    [t("assessment.next_steps"), a.next_steps],
    [t("assessment.risks"), a.risks],
    [t("assessment.decisions_required"), a.decisions_required],
    [t("assessment.reported"), t("assessment.reported_by", { name: a.reported_by, when: formatDate(a.reported_at.slice(0, 10), lang) })],
    [t("assessment.review"), reviewOutcome(ctx, a)],
  ];
  if (a.accepted_status && (a.accepted_status !== a.status || a.accepted_confidence !== a.confidence)) {
    rows.push([t("assessment.accepted_position"),
      `${t(STATUS_KEYS[a.accepted_status])} · ${t(CONFIDENCE_KEYS[a.accepted_confidence])}`]);
  }
  return h("dl", { class: "facts-list assessment-summary" },
    rows.filter(([, v]) => v !== "" && v !== null).map(([k, v]) =>
      [h("dt", { text: k }), h("dd", { class: "pre" }, v)]));
}

function reportForm(ctx, page, period, current, previous) {
  const { t } = ctx;
  const draft = assessmentDraft(current, previous);
  const f = (name, label, extra) => field({ form: "assessment", name, label, value: draft[name], ...extra });
  const form = h("form", { id: "assessment-form", class: "stack", "aria-labelledby": "assessment-form-heading" },
    draft.fromPrevious ? h("p", { class: "hint", text: t("assessment.draft_from_previous") }) : null,
    h("div", { class: "row" },
      f("status", t("assessment.status"), {
        type: "select", required: true,
        options: [["", t("common.choose")], ...Object.keys(STATUS_KEYS).map((k) => [k, t(STATUS_KEYS[k])])],
      }).wrap,
      f("confidence", t("assessment.confidence"), {
        type: "select", required: true,
        options: [["", t("common.choose")], ...Object.keys(CONFIDENCE_KEYS).map((k) => [k, t(CONFIDENCE_KEYS[k])])],
      }).wrap),
    f("commentary", t("assessment.commentary"), { type: "textarea", rows: 3 }).wrap,
    f("next_steps", t("assessment.next_steps"), { type: "textarea", rows: 2 }).wrap,
    f("risks", t("assessment.risks"), { type: "textarea", rows: 2 }).wrap,
    // Any text here is a decision the briefing puts first, so the form
    // says to leave it empty when there is none.
    f("decisions_required", t("assessment.decisions_required"), {
      type: "textarea", rows: 2, hint: t("assessment.decisions_required_hint"),
    }).wrap,
    h("div", { class: "actions" }, h("button", { type: "submit", text: t("assessment.save_report") })));
  onSubmit(form, t, async () => {
    await ctx.invoke("report_assessment", {
      input: {
        period_id: period.id,
        recommendation_id: page.recommendation.id,
        status: value(form, "status"),
        confidence: value(form, "confidence"),
        commentary: value(form, "commentary"),
        next_steps: value(form, "next_steps"),
        risks: value(form, "risks"),
        decisions_required: value(form, "decisions_required"),
      },
    });
    await ctx.saved(t("assessment.report_saved"), "assessment-heading");
  });
  return form;
}

/**
 * The deputy minister's part: Accept and Return while the report awaits
 * review; once reviewed, the outcome stands (in the summary) and the other
 * choice stays one click away ("Change this review"). The reporter is told
 * before trying that they may not review their own report.
 */
function reviewControls(ctx, page, a) {
  const { t } = ctx;
  if (page.signatures_required) return signedControls(ctx, page, a);
  if (page.review_refusal) {
    return h("p", { class: "note review-refused", id: "review-refused", text: errorMessage(t, page.review_refusal) });
  }
  const accept = h("form", { id: "accept-form", class: "inline-form" },
    h("button", { type: "submit", class: "primary", text: t("review.accept") }));
  onSubmit(accept, t, async () => {
    await ctx.invoke("accept_assessment", { id: a.id });
    await ctx.saved(t("review.accepted_done"), "assessment-heading");
  });
  const comment = field({ form: "return", name: "comment", label: t("review.comment"), type: "textarea", rows: 2 });
  const ret = h("form", { id: "return-form", class: "stack" }, comment.wrap,
    h("div", { class: "actions" }, h("button", { type: "submit", text: t("review.return") })));
  onSubmit(ret, t, async () => {
    await ctx.invoke("return_assessment", { id: a.id, comment: value(ret, "comment") });
    await ctx.saved(t("review.returned_done"), "assessment-heading");
  });
  if (a.review_state === "pending") return h("div", { class: "review-controls" }, accept, ret);
  // Reviewed: the other choice, on request.
  const other = a.review_state === "accepted" ? ret : accept;
  const panel = h("div", { id: "review-change", class: "review-controls", hidden: true }, other);
  const toggle = h("button", {
    type: "button", id: "review-change-toggle", class: "link-button", "aria-expanded": "false", "aria-controls": panel.id,
    text: t("review.change"),
  });
  const show = (visible) => {
    panel.hidden = !visible;
    toggle.setAttribute("aria-expanded", String(visible));
  };
  // A comment typed here and kept over a re-drawn page reopens the panel.
  toggle.reveal = () => show(true);
  toggle.addEventListener("click", () => {
    show(panel.hidden);
    if (!panel.hidden) (panel.querySelector("textarea") || panel.querySelector("button")).focus();
  });
  return h("div", null, toggle, panel);
}

/**
 * With a reviewer registered: the review happens only with a registered
 * reviewer's key, unlocked at this computer (their own key file and
 * passphrase, on the Reviews screen), or through a review package. The
 * page says so, and offers the signed review when a key is unlocked.
 */
function signedControls(ctx, page, a) {
  const { t } = ctx;
  const note = h("p", { class: "note review-refused", id: "review-refused" },
    errorMessage(t, page.review_refusal || { code: "signature_required" }), " ",
    h("a", { href: "#/reviews", text: t("review.signed_how") }));
  const keys = page.keys;
  if (!keys || !keys.unlocked || a.review_state !== "pending" && a.review_state !== "accepted" && a.review_state !== "returned") {
    return note;
  }
  const who = h("p", { class: "hint", id: "signing-as",
    text: t("review.signing_as", { name: keys.unlocked.name, key: shortFingerprint(keys.unlocked.fingerprint) }) });
  const decide = async (decision, comment, done) => {
    await ctx.invoke("decide_signed", { input: {
      period_id: a.period_id, assessment_id: a.id, decision, comment, reported: a.reported }, passphrase: null });
    await ctx.saved(t(done), "assessment-heading");
  };
  const accept = h("form", { id: "accept-form", class: "inline-form" },
    h("button", { type: "submit", class: "primary", text: t("review.accept_signed") }));
  onSubmit(accept, t, () => decide("accept", "", "review.accepted_done"));
  const comment = field({ form: "return", name: "comment", label: t("review.comment"), type: "textarea", rows: 2 });
  const ret = h("form", { id: "return-form", class: "stack" }, comment.wrap,
    h("div", { class: "actions" }, h("button", { type: "submit", text: t("review.return_signed") })));
  onSubmit(ret, t, () => decide("return", value(ret, "comment"), "review.returned_done"));
  const controls = a.review_state === "pending" ? [accept, ret] : [a.review_state === "accepted" ? ret : accept];
  return h("div", { class: "review-controls" }, who, controls);
}

/**
 * "Next awaiting review: Recommendation N", the next report of the current
 * period awaiting review after this one (by number, wrapping round), so
 * the deputy minister can go through the queue without hunting.
 */
function nextAwaiting(ctx, page) {
  const { t } = ctx;
  const rec = page.recommendation;
  const others = page.awaiting_review.filter((q) => q.recommendation_id !== rec.id);
  if (others.length === 0) {
    return page.awaiting_review.length === 0
      ? h("p", { class: "muted", id: "review-queue-done", text: t("review.queue_empty") })
      : null;
  }
  const next = others.find((q) => q.number > rec.number) || others[0];
  return h("p", { class: "review-next" },
    h("a", { id: "review-next", href: `#/recommendation/${next.recommendation_id}`,
      text: t.plural("review.next", others.length, { number: next.number }) }));
}

export function assessmentSection(ctx, page) {
  const { t } = ctx;
  const period = page.current_period;
  if (!period) {
    return section("assessment", t("assessment.heading"),
      h("p", null, t("assessment.no_period"), " ", h("a", { href: "#/period", text: t("assessment.open_period_link") })));
  }
  const views = page.assessments;
  const current = views.find((a) => a.period_id === period.id) || null;
  const earlier = views.filter((a) => a.period_id !== period.id && a.period_label !== period.label);
  const previous = earlier.length ? earlier[earlier.length - 1] : null;
  const title = t("assessment.heading_period", { label: period.label });
  const parts = [];
  if (current) parts.push(assessmentSummary(ctx, current));
  else parts.push(h("p", { class: "muted", text: t("assessment.none_yet") }));
  if (period.state === "signed_off") {
    parts.push(h("p", { class: "note", text: t("assessment.signed_off_note") }));
  } else if (ctx.reviewMode) {
    if (current) parts.push(reviewControls(ctx, page, current));
    parts.push(nextAwaiting(ctx, page));
  } else {
    parts.push(h("h3", { id: "assessment-form-heading", text: current ? t("assessment.update_report") : t("assessment.record_report") }));
    parts.push(reportForm(ctx, page, period, current, previous));
  }
  const scales = disclosure({
    id: "scales-toggle", text: t("assessment.scales_heading"),
    build: () => h("dl", { class: "facts-list" }, Object.keys(CONFIDENCE_KEYS).map((k) => [
      h("dt", null, confidenceChip(t, k)), h("dd", { text: t(CONFIDENCE_DEFINITION_KEYS[k]) })])),
  });
  parts.push(h("div", { class: "scales" }, scales.button, scales.panel));
  return section("assessment", title, parts);
}
