// The latest changes to the recommendation, from the audit trail.

import { h, reconcile } from "../../dom.js";
import { auditEntries, auditList, auditPage } from "../audit.js";
import { namesFrom } from "../../history_words.js";
import { section } from "./shared.js";

/** Changes the page lists (pages::RECENT_CHANGES); the History screen has the rest. */
const RECENT_CHANGES = 10;

/**
 * The latest changes to the recommendation, with a link to all of them on
 * the History screen. `reload()` redraws the list after a save.
 */
export function changesSection(ctx, page) {
  const { t } = ctx;
  const id = page.recommendation.id;
  // The names this page's events refer to: the recommendation, the periods
  // it was assessed in, the owners.
  const periods = page.assessments.map((a) => ({ id: a.period_id, label: a.period_label }));
  if (page.current_period) periods.push(page.current_period);
  const names = namesFrom({ recommendations: [page.recommendation], periods, owners: page.owners });
  const all = h("p", { class: "scope-note", hidden: !page.history_more },
    h("a", { href: `#/audit/${id}`, text: t("audit.all_for_rec") }));
  // Events never change: after a save the list keeps the entries it has
  // drawn and draws only the new ones.
  const drawn = new Map();
  const body = h("div", null, auditList(ctx, names, page.history, drawn));
  const reload = async () => {
    const { events, more } = await auditPage(ctx, { recommendation_id: id }, null, RECENT_CHANGES);
    const ids = new Set(events.map((e) => e.id));
    for (const key of drawn.keys()) if (!ids.has(key)) drawn.delete(key);
    const list = body.querySelector("ol.audit-list");
    if (list && events.length) reconcile(list, auditEntries(ctx, names, events, drawn));
    else body.replaceChildren(auditList(ctx, names, events, drawn));
    all.hidden = !more;
  };
  return { node: section("changes", t("audit.rec_heading"), body, all), reload };
}
