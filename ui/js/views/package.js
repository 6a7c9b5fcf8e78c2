// A review package on the reviewer's computer: the period as the
// assistant sent it, read-only, with the review's own controls (accept,
// return with a comment, sign off once all is accepted). Each decision is
// saved on this computer at once; "Send decisions back…" writes them,
// signed, for the assistant.

import { h } from "../dom.js";
import { CONFIDENCE_KEYS, MILESTONE_STATE_KEYS, STATUS_KEYS, errorMessage, formatDate, formatDateTime } from "../i18n.js";
import { field, onSubmit, value } from "../forms.js";
import { shortFingerprint } from "../model.js";
import { confidenceChip, pageHeading, reviewBadge, statusText } from "./common.js";
import { ownUnlocked, passphraseField } from "./reviews.js";

function facts(ctx, a, before) {
  const { t, lang } = ctx;
  const rows = [
    [t("assessment.status"), statusText(t, a.status)],
    [t("assessment.confidence"), confidenceChip(t, a.confidence)],
    before ? [t("package.previous"), `${t(STATUS_KEYS[before.status])} · ${t(CONFIDENCE_KEYS[before.confidence])}`] : null,
    [t("assessment.commentary"), a.commentary],
    [t("assessment.next_steps"), a.next_steps],
    [t("assessment.risks"), a.risks],
    [t("assessment.decisions_required"), a.decisions_required],
    [t("assessment.reported"), t("assessment.reported_by", { name: a.reported_by, when: formatDate(a.reported_at.slice(0, 10), lang) })],
    [t("package.at_office"), reviewBadge(t, a.review_state)],
  ].filter((r) => r && r[1] !== "" && r[1] !== null);
  return h("dl", { class: "facts-list assessment-summary" }, rows.map(([k, v]) => [h("dt", { text: k }), h("dd", { class: "pre" }, v)]));
}

function milestones(ctx, rec) {
  const { t, lang } = ctx;
  if (rec.milestones.length === 0) return null;
  return h("div", { class: "table-wrap" }, h("table", { class: "grid milestones" },
    h("caption", { text: t("package.milestones", { number: rec.number }) }),
    h("thead", null, h("tr", null, ["milestone.col_title", "milestone.col_current", "milestone.col_state", "milestone.col_slip"]
      .map((k) => h("th", { scope: "col", text: t(k) })))),
    h("tbody", null, rec.milestones.map((m) => h("tr", { class: m.overdue ? "overdue" : null },
      h("th", { scope: "row", text: m.milestone.title }),
      h("td", { class: "nowrap", text: formatDate(m.milestone.current_due, lang) }),
      h("td", { text: t(MILESTONE_STATE_KEYS[m.milestone.state]) + (m.overdue ? ` · ${t("package.overdue")}` : "") }),
      h("td", { text: m.slip_days > 0 ? t.plural("package.slip_days", m.slip_days) : t("common.none_dash") }))))));
}

function evidence(ctx, rec) {
  const { t, lang } = ctx;
  if (rec.period_evidence.length === 0) return h("p", { class: "muted", text: t("package.no_evidence") });
  return h("ul", { class: "evidence-list" }, rec.period_evidence.map((e) => h("li", null,
    h("span", { class: "muted", text: `${formatDate(e.observed_on, lang)} — ` }), e.text)));
}

function decisionControls(ctx, session, rec, a, redraw) {
  const { t } = ctx;
  const id = `rec-${rec.number}`;
  const mine = session.draft.decisions[a.id];
  const decide = async (decision, comment) => {
    const next = await ctx.invoke("package_decide", {
      package_id: session.package.package_id, assessment_id: a.id, decision, comment });
    const said = { "": "package.undone", accept: "package.accept_saved", return: "package.return_saved" }[decision];
    await redraw(next, t(said, { number: rec.number }), `${id}-heading`);
  };
  const said = mine
    ? h("p", { class: `note decision decision-${mine.decision}`, id: `${id}-decision` },
      mine.decision === "accept" ? t("package.you_accept") : t("package.you_return", { comment: mine.comment }))
    : null;
  const accept = h("form", { id: `${id}-accept-form`, class: "inline-form" },
    h("button", { type: "submit", class: "primary", text: t("review.accept"),
      "aria-label": t("package.accept_named", { number: rec.number }) }));
  onSubmit(accept, t, () => decide("accept", ""));
  const comment = field({ form: `${id}-return`, name: "comment", label: t("review.comment"), type: "textarea", rows: 2,
    value: mine && mine.decision === "return" ? mine.comment : "" });
  const ret = h("form", { id: `${id}-return-form`, class: "stack" }, comment.wrap,
    h("div", { class: "actions" }, h("button", { type: "submit", text: t("review.return"),
      "aria-label": t("package.return_named", { number: rec.number }) })));
  onSubmit(ret, t, () => decide("return", value(ret, "comment")));
  const undo = mine ? h("form", { id: `${id}-undo-form`, class: "inline-form" },
    h("button", { type: "submit", class: "link-button", text: t("package.undo") })) : null;
  if (undo) onSubmit(undo, t, () => decide("", ""));
  return h("div", { class: "review-controls" }, said, accept, ret, undo);
}

function recommendationCard(ctx, session, rec, redraw) {
  const { t } = ctx;
  const a = rec.assessment;
  const previous = session.package.previous;
  const before = previous ? (previous.recommendations.find((r) => r.number === rec.number) || {}).assessment : null;
  const id = `rec-${rec.number}`;
  return h("section", { class: "card package-rec", "aria-labelledby": `${id}-heading` },
    h("h2", { id: `${id}-heading`, tabindex: "-1", text: t("rec.title", { number: rec.number, title: rec.title }) }),
    a ? facts(ctx, a, before) : h("p", { class: "muted", text: t("common.not_reported") }),
    a ? decisionControls(ctx, session, rec, a, redraw) : null,
    milestones(ctx, rec),
    h("h3", { text: t("package.evidence") }),
    evidence(ctx, rec));
}

function finishSection(ctx, session, keys, redraw) {
  const { t } = ctx;
  const outstanding = session.package.snapshot.recommendations
    .filter((r) => !r.assessment || (session.draft.decisions[r.assessment.id]
      ? session.draft.decisions[r.assessment.id].decision !== "accept"
      : r.assessment.review_state !== "accepted"))
    .map((r) => r.number);
  const signOff = h("form", { id: "package-sign-off-form", class: "stack" },
    h("p", { class: "hint", text: outstanding.length === 0 ? t("package.sign_off_ready")
      : t("package.sign_off_waiting", { numbers: outstanding.join(", ") }) }),
    h("div", { class: "actions" }, h("button", { type: "submit", id: "package-sign-off", disabled: outstanding.length > 0,
      text: session.draft.sign_off ? t("package.sign_off_undo") : t("package.sign_off") })));
  onSubmit(signOff, t, async () => {
    const next = await ctx.invoke("package_sign_off", { package_id: session.package.package_id, yes: !session.draft.sign_off });
    await redraw(next, t(next.draft.sign_off ? "package.sign_off_saved" : "package.sign_off_undone"), "package-finish-heading");
  });
  const result = h("p", { class: "note", id: "send-decisions-result", tabindex: "-1", hidden: true });
  const send = h("form", { id: "send-decisions-form", class: "stack" },
    passphraseField(ctx, "send-decisions", keys),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", id: "send-decisions", text: t("package.send_back") })),
    result);
  onSubmit(send, t, async () => {
    const written = await ctx.invoke("send_decisions", {
      package_id: session.package.package_id, passphrase: ownUnlocked(keys) ? null : value(send, "passphrase") });
    if (!written) return;
    result.textContent = t.plural("package.sent_back", written.decisions, { path: written.path });
    result.hidden = false;
    ctx.focusOn(result);
    ctx.confirmSaved(t("package.sent_back_short"));
  });
  return h("section", { class: "card", "aria-labelledby": "package-finish-heading" },
    h("h2", { id: "package-finish-heading", tabindex: "-1", text: t("package.finish_heading") }),
    session.draft.sign_off ? h("p", { class: "note", id: "package-signing-off", text: t("package.signing_off") }) : null,
    signOff,
    h("p", { class: "hint", text: t("package.send_hint") }),
    send);
}

/** Asks for the passphrase when the package cannot be read without it. */
function unlockFirst(ctx, route, keys) {
  const { t } = ctx;
  const form = h("form", { id: "package-unlock-form", class: "stack" },
    passphraseField(ctx, "package-unlock", keys),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", text: t("reviews.unlock") })));
  onSubmit(form, t, async () => {
    await ctx.invoke("unlock_key", { passphrase: value(form, "passphrase"), from_file: false });
    await ctx.refresh();
  });
  return {
    title: t("package.heading_locked"),
    nodes: [pageHeading(t("package.heading_locked")), h("p", { text: t("package.locked") }), form],
  };
}

export async function renderPackage(ctx, route) {
  const { t, lang } = ctx;
  const keys = await ctx.invoke("key_state");
  if (!ownUnlocked(keys)) return unlockFirst(ctx, route, keys);
  let session;
  try {
    session = await ctx.invoke("review_session", { package_id: route.params.id || "", passphrase: null });
  } catch (err) {
    if (err && err.field === "passphrase") return unlockFirst(ctx, route, keys);
    return { title: t("package.heading_locked"),
      nodes: [pageHeading(t("package.heading_locked")), h("p", { class: "banner banner-error", role: "alert", text: errorMessage(t, err) })] };
  }
  const p = session.package;
  const redraw = async (_next, message, focus) => ctx.saved(message, focus);
  const decided = Object.keys(session.draft.decisions).length;
  return {
    title: t("package.heading", { period: p.snapshot.period.label }),
    nodes: [
      h("p", { class: "breadcrumb" }, h("a", { href: "#/reviews", text: t("reviews.heading") })),
      pageHeading(t("package.heading", { period: p.snapshot.period.label })),
      h("p", { class: "muted intro", text: t("package.intro", {
        name: session.about.sender, key: shortFingerprint(session.about.sender_key), when: formatDateTime(p.made_at, lang) }) }),
      h("p", { class: "note", id: "package-progress", text: t.plural("package.progress", decided, { total: Object.keys(p.reported).length }) }),
      p.snapshot.recommendations.map((rec) => recommendationCard(ctx, session, rec, redraw)),
      finishSection(ctx, session, keys, redraw),
    ],
  };
}
