// The audit trail, overall and per recommendation: who changed what, when,
// from what to what.

import { h } from "../dom.js";
import { errorMessage, formatDateTime } from "../i18n.js";

/** Field-by-field differences between two recorded states. */
export function changes(before, after) {
  const keys = new Set([...Object.keys(before || {}), ...Object.keys(after || {})]);
  const out = [];
  for (const key of keys) {
    const a = before ? before[key] : undefined;
    const b = after ? after[key] : undefined;
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ key, before: a, after: b });
  }
  return out;
}

function show(v) {
  if (v === undefined || v === null || v === "") return "—";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** The before → after lines of one event. */
function diffList(diff) {
  return h("ul", { class: "diff" }, diff.slice(0, 12).map((d) =>
    h("li", null, h("span", { class: "diff-key", text: d.key }), ": ",
      h("span", { class: "diff-before", text: show(d.before) }), " → ",
      h("span", { class: "diff-after", text: show(d.after) }))));
}

/** One event: its meta line and, on request, its values before → after. */
function auditEntry(ctx, e) {
  const { t, lang } = ctx;
  const diff = changes(e.before, e.after).filter((d) => d.key !== "revisions" || e.action === "move_milestone");
  const meta = h("div", { class: "note-meta" },
    h("time", { datetime: e.at, text: formatDateTime(e.at, lang) }), " · ", e.actor, " · ",
    h("code", { text: e.action }), ` · ${e.entity_kind}${e.entity_id === null ? "" : ` ${e.entity_id}`}`);
  if (diff.length === 0) return h("li", null, meta);
  const fields = diff.slice(0, 6).map((d) => d.key).join(", ") + (diff.length > 6 ? ", …" : "");
  const details = h("details", { class: "diff-details" },
    h("summary", { text: t("audit.show_values", { fields }) }));
  details.addEventListener("toggle", () => {
    if (details.open && !details.querySelector(".diff")) details.append(diffList(diff));
  });
  return h("li", null, meta, details);
}

/**
 * A list of events, newest first. Each names the fields it changed; their
 * values before → after open on request and are only then put in the page:
 * written out for 200 events they made the page ten times larger and took
 * a fifth of a second to lay out. `drawn` (event id → entry) keeps entries
 * drawn before, to be put back rather than drawn again.
 */
export function auditList(ctx, events, drawn = new Map()) {
  if (events.length === 0) return h("p", { class: "muted", text: ctx.t("audit.none") });
  return h("ol", { class: "audit-list" }, auditEntries(ctx, events, drawn));
}

/** The entries of `events`, those in `drawn` (event id → entry) reused. */
export function auditEntries(ctx, events, drawn) {
  return events.map((e) => {
    if (!drawn.has(e.id)) drawn.set(e.id, auditEntry(ctx, e));
    return drawn.get(e.id);
  });
}

/** Events the History screen shows at a time; "Show older changes" adds as many. */
const AUDIT_PAGE = 50;

/**
 * The next `size` events (of one recommendation, or all when `null`) older
 * than `beforeId` (the newest when `null`), and whether older ones exist.
 */
export async function auditPage(ctx, recommendationId, beforeId, size = AUDIT_PAGE) {
  // One more than shown tells whether there are older ones.
  const events = await ctx.invoke("audit_trail", {
    recommendation_id: recommendationId, limit: size + 1, before_id: beforeId,
  });
  return { events: events.slice(0, size), more: events.length > size };
}

/**
 * The History screen: every change (`#/audit`) or one recommendation's
 * (`#/audit/ID`), newest first, a page at a time.
 */
export async function renderAudit(ctx, route) {
  const { t } = ctx;
  const recId = route.id;
  const [first, dash] = await Promise.all([
    auditPage(ctx, recId, null),
    recId === null ? null : ctx.invoke("dashboard"),
  ]);
  const list = auditList(ctx, first.events);
  const more = h("button", { type: "button", id: "audit-more", hidden: !first.more, text: t("audit.more") });
  const status = h("p", { class: "muted", "aria-live": "polite" });
  let last = first.events.length ? first.events[first.events.length - 1].id : null;
  more.addEventListener("click", async () => {
    more.disabled = true;
    try {
      const next = await auditPage(ctx, recId, last);
      if (next.events.length) last = next.events[next.events.length - 1].id;
      list.append(...next.events.map((e) => auditEntry(ctx, e)));
      more.hidden = !next.more;
      status.textContent = "";
    } catch (err) {
      status.textContent = errorMessage(t, err);
    } finally {
      more.disabled = false;
    }
  });
  const scope = [];
  if (recId !== null) {
    const row = dash.rows.find((r) => r.recommendation_id === recId);
    scope.push(h("p", null,
      t("audit.only_for", { number: row ? row.number : recId }), " ",
      h("a", { href: `#/recommendation/${recId}`, text: row ? row.title : t("audit.back_to_rec") }),
      " · ",
      h("a", { href: "#/audit", text: t("audit.show_every") })));
  }
  return {
    title: t("audit.heading"),
    nodes: [
      h("h1", { text: t("audit.heading") }),
      h("p", { class: "muted", text: t("audit.intro") }),
      scope,
      h("section", { class: "card", "aria-label": t("audit.heading") }, list, status, more),
    ].flat(),
  };
}
