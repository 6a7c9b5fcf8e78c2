// The audit trail in words, overall and per recommendation: who did what,
// when, said as the rest of the window says it; what each change altered
// on request; filtered by recommendation, person, kind of change and days.

import { h } from "../dom.js";
import { errorMessage } from "../i18n.js";
import { field, onSubmit, showError } from "../forms.js";
import { changesShownFields, fieldChanges, namesFrom, sentence, when } from "../history_words.js";
import { disclosure, signature } from "./common.js";

let nextEntry = 1;

/** The words for each kind of change the core offers (`history::ChangeKind`). */
export const KIND_KEYS = {
  assessments: "audit.kind.assessments",
  milestones: "audit.kind.milestones",
  evidence: "audit.kind.evidence",
  owners: "audit.kind.owners",
  periods: "audit.kind.periods",
  files: "audit.kind.files",
  setup: "audit.kind.setup",
};

/** The changed fields of an event, label: before → after (or the value a new record was given). */
function changeList(t, changes) {
  return h("dl", { class: "diff" }, changes.map((c) => [
    h("dt", { text: c.label }),
    h("dd", null,
      c.before !== null && c.after !== null
        ? [h("span", { class: "diff-before" }, h("span", { class: "visually-hidden", text: `${t("audit.was")} ` }), c.before),
          " → ", h("span", { class: "diff-after", text: c.after })]
        : h("span", { text: c.after ?? c.before }))]));
}

/**
 * One event: what happened, in a sentence; when; and, on request, each
 * field it changed. The fields are put in the page only when asked for:
 * written out for 200 events they made the page ten times larger.
 */
function auditEntry(ctx, names, e) {
  const { t, lang } = ctx;
  const item = h("li", { class: "audit-entry", dataset: { action: e.action, event: e.id } },
    h("p", { class: "audit-said", text: sentence(t, lang, names, e) }),
    h("p", { class: "note-meta" }, h("time", { datetime: e.at, text: when(lang, e) }),
      // A review says whether a registered reviewer's key signed it.
      e.signed === undefined ? null : [" · ", signature(t, e.signed)]));
  if (!changesShownFields(e)) return item;
  // The fields are said in words only when asked for.
  const { button, panel } = disclosure({
    id: `audit-entry-${nextEntry++}`, text: t("audit.show_changes"), className: "diff-toggle",
    build: () => changeList(t, fieldChanges(t, lang, names, e)),
  });
  item.append(button, panel);
  return item;
}

/**
 * A list of events, newest first. `drawn` (event id → entry) keeps entries
 * drawn before, to be put back rather than drawn again.
 */
export function auditList(ctx, names, events, drawn = new Map(), emptyKey = "audit.none") {
  if (events.length === 0) return h("p", { class: "muted", text: ctx.t(emptyKey) });
  return h("ol", { class: "audit-list" }, auditEntries(ctx, names, events, drawn));
}

/** The entries of `events`, those in `drawn` (event id → entry) reused. */
export function auditEntries(ctx, names, events, drawn) {
  return events.map((e) => {
    if (!drawn.has(e.id)) drawn.set(e.id, auditEntry(ctx, names, e));
    return drawn.get(e.id);
  });
}

/** Events the History screen shows at a time; "Show older changes" adds as many. */
const AUDIT_PAGE = 50;

/** The local time zone's offset east of UTC on `day` (YYYY-MM-DD, or today), in minutes. */
function offsetOn(day) {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T12:00:00`) : new Date();
  return Number.isNaN(at.getTime()) ? -new Date().getTimezoneOffset() : -at.getTimezoneOffset();
}

/**
 * The core's question for `filters` ({recommendation_id, actor, kind,
 * from, to}): `size` events older than `beforeId` (the newest when null),
 * and one more, which tells whether there are older ones.
 */
function historyQuery(filters, beforeId, size) {
  return {
    recommendation_id: filters.recommendation_id ?? null,
    actor: filters.actor || null,
    kind: filters.kind || null,
    from: filters.from || "",
    to: filters.to || "",
    from_offset_minutes: offsetOn(filters.from || ""),
    to_offset_minutes: offsetOn(filters.to || ""),
    limit: size + 1,
    before_id: beforeId,
  };
}

/** At most `size` of the events found, and whether there are more. */
function pageOf(events, size) {
  return { events: events.slice(0, size), more: events.length > size };
}

/**
 * The next `size` events matching `filters` older than `beforeId` (the
 * newest when `null`), and whether older ones exist.
 */
export async function auditPage(ctx, filters, beforeId, size = AUDIT_PAGE) {
  const events = await ctx.invoke("history", { query: historyQuery(filters, beforeId, size) });
  return pageOf(events, size);
}

/** The filters a History route names: `#/audit/ID?person=…&kind=…&from=…&to=…`. */
function routeFilters(route) {
  const p = route.params;
  return {
    recommendation_id: route.id,
    actor: p.person || "",
    kind: p.kind || "",
    from: p.from || "",
    to: p.to || "",
  };
}

function routeOf(filters) {
  const q = new URLSearchParams();
  if (filters.actor) q.set("person", filters.actor);
  if (filters.kind) q.set("kind", filters.kind);
  if (filters.from) q.set("from", filters.from);
  if (filters.to) q.set("to", filters.to);
  const query = q.toString();
  return `#/audit${filters.recommendation_id ? `/${filters.recommendation_id}` : ""}${query ? `?${query}` : ""}`;
}

/** The filter form, filled from `filters`; `apply(filters)` runs the query. */
function filterForm(ctx, page, filters, apply) {
  const { t } = ctx;
  const any = ["", t("audit.filter_any")];
  const f = (name, label, extra) => field({ form: "audit", name, label, ...extra });
  const rec = f("recommendation_id", t("audit.filter_rec"), {
    type: "select", value: filters.recommendation_id ?? "",
    options: [any, ...page.recommendations.map((r) => [r.id, `${r.number}. ${r.title}`])],
  });
  const person = f("actor", t("audit.filter_person"), {
    type: "select", value: filters.actor, options: [any, ...page.people.map((p) => [p, p])],
  });
  const kind = f("kind", t("audit.filter_kind"), {
    type: "select", value: filters.kind,
    options: [any, ...page.kinds.map((k) => [k, t(KIND_KEYS[k])])],
  });
  const from = f("from", t("audit.filter_from"), { type: "date", ctx, value: filters.from, hint: t("common.date_hint") });
  const to = f("to", t("audit.filter_to"), { type: "date", ctx, value: filters.to, hint: t("common.date_hint") });
  const form = h("form", { id: "audit-filter-form", class: "stack audit-filters", "aria-labelledby": "audit-filter-heading" },
    h("h2", { id: "audit-filter-heading", class: "visually-hidden", text: t("audit.filters") }),
    h("div", { class: "row" }, rec.wrap, person.wrap, kind.wrap),
    h("div", { class: "row" }, from.wrap, to.wrap),
    h("div", { class: "actions" },
      h("button", { type: "submit", id: "audit-apply", text: t("audit.filter_apply") }),
      h("a", { href: "#/audit", id: "audit-clear", text: t("audit.filter_clear") })));
  onSubmit(form, t, () => apply({
    recommendation_id: rec.control.value === "" ? null : Number(rec.control.value),
    actor: person.control.value,
    kind: kind.control.value,
    from: from.control.value.trim(),
    to: to.control.value.trim(),
  }));
  return form;
}

/**
 * The History screen: every change (`#/audit`) or one recommendation's
 * (`#/audit/ID`), newest first, a page at a time, with its filters in the
 * route so that a redrawn screen (another language) keeps them.
 */
export async function renderAudit(ctx, route) {
  const { t } = ctx;
  let filters = routeFilters(route);
  // The names and filters, and the first page of changes, in one call.
  const page = await ctx.invoke("history_page", { query: historyQuery(filters, null, AUDIT_PAGE) });
  const names = namesFrom(page);
  const listBox = h("div", { id: "audit-results" });
  const more = h("button", { type: "button", id: "audit-more", hidden: true, text: t("audit.more") });
  const status = h("p", { class: "muted", "aria-live": "polite" });
  const filtered = () => Boolean(filters.actor || filters.kind || filters.from || filters.to);
  let last = null;
  let list = null;

  const show = ({ events, more: older }) => {
    const drawn = auditList(ctx, names, events, new Map(), filtered() ? "audit.none_match" : "audit.none");
    listBox.replaceChildren(drawn);
    list = drawn.tagName === "OL" ? drawn : null;
    last = events.length ? events[events.length - 1].id : null;
    more.hidden = !older;
  };
  // A bad filter on the route (a date typed into the address) shows its
  // error in the form below instead of failing the screen.
  show(pageOf(page.events, AUDIT_PAGE));

  // Each query is numbered: an older page asked for under earlier filters
  // is dropped when it arrives after new ones.
  let asked = 0;
  const form = filterForm(ctx, page, filters, async (next) => {
    asked += 1;
    const found = await auditPage(ctx, next, null);
    filters = next;
    show(found);
    // The route names the filters without drawing the screen again.
    window.history.replaceState(null, "", routeOf(filters));
    status.textContent = found.more
      ? t.plural("audit.shown_more", found.events.length)
      : t.plural("audit.shown", found.events.length);
  });
  if (page.refused) showError(form, page.refused, t);

  more.addEventListener("click", async () => {
    more.disabled = true;
    const query = asked;
    try {
      const next = await auditPage(ctx, filters, last);
      if (query !== asked) return;
      if (next.events.length) last = next.events[next.events.length - 1].id;
      if (list) list.append(...next.events.map((e) => auditEntry(ctx, names, e)));
      more.hidden = !next.more;
      status.textContent = "";
    } catch (err) {
      status.textContent = errorMessage(t, err);
    } finally {
      more.disabled = false;
    }
  });
  const nodes = [
    h("h1", { text: t("audit.heading") }),
    h("p", { class: "muted", text: t("audit.intro") }),
    h("section", { class: "card", "aria-label": t("audit.filters") }, form),
    h("section", { class: "card", "aria-label": t("audit.heading") }, listBox, status, more),
  ];
  return { title: t("audit.heading"), nodes };
}
