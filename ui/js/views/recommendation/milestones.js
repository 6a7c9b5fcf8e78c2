// Milestones: their table (baseline and current due dates, slip, re-plans,
// state, and each one's actions) and the form for a new one.

import { h } from "../../dom.js";
import { MILESTONE_STATE_KEYS, formatNumber } from "../../i18n.js";
import { field, onSubmit, optionalId, value } from "../../forms.js";
import { dateText } from "../common.js";
import { milestoneActions } from "./milestone_actions.js";
import { ownerName, scopeLink, section } from "./shared.js";

function milestoneRow(ctx, page, m, columns) {
  const { t, lang } = ctx;
  const reasons = m.revisions.map((r) => h("li", null,
    dateText(r.old_due, lang), " → ", dateText(r.new_due, lang), `: ${r.reason}`));
  const cells = [
    h("th", { scope: "row", id: `milestone-${m.id}-title` }, m.title, m.overdue ? h("div", { class: "flag", text: t("milestone.overdue") }) : null),
    h("td", { text: ownerName(page, m.owner_id) || t("common.unassigned") }),
    h("td", null, dateText(m.baseline_due, lang)),
    h("td", null, dateText(m.current_due, lang)),
    h("td", { class: m.slip_days > 0 ? "flag" : null, text: t.plural("milestone.slip_days", m.slip_days) }),
    h("td", null, String(m.replans), reasons.length ? h("ul", { class: "reasons" }, reasons) : null),
    h("td", null, t(MILESTONE_STATE_KEYS[m.state]),
      m.completed_on ? h("div", { class: "muted" }, dateText(m.completed_on, lang)) : null),
  ];
  const row = h("tr", { class: m.overdue ? "overdue" : null }, cells);
  if (ctx.reviewMode) return row;
  const { actions, panels } = milestoneActions(ctx, page, m);
  row.append(h("td", null, actions));
  return [row, h("tr", { class: "change-row", hidden: true }, h("td", { colspan: columns, class: "change-cell" }, panels))];
}

export function milestonesSection(ctx, page, route) {
  const { t, lang } = ctx;
  const counts = page.milestone_counts;
  const heads = ["milestone.col_title", "milestone.col_owner", "milestone.col_baseline", "milestone.col_current",
    "milestone.col_slip", "milestone.col_replans", "milestone.col_state"];
  if (!ctx.reviewMode) heads.push("milestone.col_actions");
  const table = page.milestones.length === 0
    ? h("p", { class: "muted", text: t("milestone.none") })
    : h("div", { class: "table-wrap" }, h("table", { class: "grid milestones" },
      h("caption", { class: "visually-hidden", text: t("milestone.caption") }),
      h("thead", null, h("tr", null, heads.map((k) => h("th", { scope: "col", text: t(k) })))),
      h("tbody", null, page.milestones.map((m) => milestoneRow(ctx, page, m, heads.length)))));
  const all = route.params.milestones === "all";
  const parts = [
    h("p", { id: "milestone-counts", text: t.plural("milestone.counts", counts.done, {
      done: formatNumber(counts.done, lang), total: formatNumber(counts.total, lang), overdue: formatNumber(counts.overdue, lang),
    }) }),
    table,
  ];
  if (page.milestones_not_listed > 0) {
    parts.push(h("p", { class: "muted scope-note" },
      t.plural("milestone.not_listed", page.milestones_not_listed), " ",
      scopeLink(page, "milestones", true, t("milestone.show_all"))));
  } else if (all) {
    parts.push(h("p", { class: "scope-note" }, scopeLink(page, "milestones", false, t("milestone.show_current"))));
  }
  if (!ctx.reviewMode) {
    const active = page.owners.filter((o) => o.active);
    const form = h("form", { id: "milestone-form", class: "stack" },
      h("h3", { text: t("milestone.add_heading") }),
      h("div", { class: "row" },
        field({ form: "milestone", name: "title", label: t("milestone.title"), required: true }).wrap,
        field({ form: "milestone", name: "owner_id", label: t("milestone.owner"), type: "select",
          options: [["", t("common.unassigned")], ...active.map((o) => [o.id, o.name])] }).wrap,
        field({ form: "milestone", name: "due", label: t("milestone.due"), type: "date", ctx, required: true, hint: t("common.date_hint") }).wrap),
      h("div", { class: "actions" }, h("button", { type: "submit", text: t("milestone.add") })));
    onSubmit(form, t, async () => {
      const added = await ctx.invoke("add_milestone", {
        input: {
          recommendation_id: page.recommendation.id,
          title: value(form, "title"),
          owner_id: optionalId(form, "owner_id"),
          due: value(form, "due"),
        },
      });
      // Focus goes to the new milestone; the form is empty for the next.
      form.reset();
      await ctx.saved(t("milestone.added_named", { title: added.title }), `milestone-${added.id}-title`);
    });
    parts.push(form);
  }
  return section("milestones", t("milestone.heading"), parts);
}
