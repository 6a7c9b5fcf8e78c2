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

/** The before → after lines of one event. */
function diffList(diff) {
  return h("ul", { class: "diff" }, diff.slice(0, 12).map((d) =>
    h("li", null, h("span", { class: "diff-key", text: d.key }), ": ",
      h("span", { class: "diff-before", text: show(d.before) }), " → ",
      h("span", { class: "diff-after", text: show(d.after) }))));
}

/**
 * A list of events, newest first. Each names the fields it changed; their
 * values before → after open on request and are only then put in the page:
 * written out for 200 events they made the page ten times larger and took
 * a fifth of a second to lay out.
 */
export function auditList(ctx, events) {
  const { t, lang } = ctx;
  if (events.length === 0) return h("p", { class: "muted", text: t("audit.none") });
  return h("ol", { class: "audit-list" }, events.map((e) => {
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
