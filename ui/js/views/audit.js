// The audit trail, overall and per recommendation: who changed what, when,
// from what to what.

import { h } from "../dom.js";
import { formatDateTime } from "../i18n.js";

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

/** A list of events, newest first. */
export function auditList(ctx, events) {
  const { t, lang } = ctx;
  if (events.length === 0) return h("p", { class: "muted", text: t("audit.none") });
  return h("ol", { class: "audit-list" }, events.map((e) => {
    const diff = changes(e.before, e.after).filter((d) => d.key !== "revisions" || e.action === "move_milestone");
    return h("li", null,
      h("div", { class: "note-meta" },
        h("time", { datetime: e.at, text: formatDateTime(e.at, lang) }), " · ", e.actor, " · ",
        h("code", { text: e.action }), ` · ${e.entity_kind}${e.entity_id === null ? "" : ` ${e.entity_id}`}`),
      diff.length === 0 ? null : h("ul", { class: "diff" }, diff.slice(0, 12).map((d) =>
        h("li", null, h("span", { class: "diff-key", text: d.key }), ": ",
          h("span", { class: "diff-before", text: show(d.before) }), " → ",
          h("span", { class: "diff-after", text: show(d.after) })))));
  }));
}

export async function renderAudit(ctx) {
  const { t } = ctx;
  const events = await ctx.invoke("audit_trail", { recommendation_id: null, limit: 200 });
  return {
    title: t("audit.heading"),
    nodes: [
      h("h1", { text: t("audit.heading") }),
      h("p", { class: "muted", text: t("audit.intro") }),
      h("section", { class: "card", "aria-label": t("audit.heading") }, auditList(ctx, events)),
    ],
  };
}
