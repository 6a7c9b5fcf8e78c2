// The dashboard: the eight recommendations at a glance and what needs
// attention.

import { h } from "../dom.js";
import { CONFIDENCE_KEYS, STATUS_KEYS, TREND_KEYS, formatDate } from "../i18n.js";
import { attentionItems } from "../model.js";
import { confidenceChip, dateText, daysAgo, reviewBadge, signature } from "./common.js";

function statusCell(t, lang, row) {
  const td = h("td");
  if (!row.status) {
    td.append(h("span", { class: "muted", text: t("common.not_reported") }));
    return td;
  }
  td.append(h("div", { text: t(STATUS_KEYS[row.status]) }), reviewBadge(t, row.review_state));
  // Who reviewed it, when, and whether their key signed it.
  if (row.review_state !== "pending" && row.reviewed_by) {
    td.append(h("div", { class: "muted review-by" },
      t("dashboard.reviewed_by", { name: row.reviewed_by, when: formatDate(row.reviewed_at.slice(0, 10), lang) }),
      " · ", signature(t, row.signed)));
  }
  if (row.accepted_status && row.accepted_status !== row.status) {
    td.append(h("div", { class: "muted", text: t("dashboard.accepted_was", { value: t(STATUS_KEYS[row.accepted_status]) }) }));
  }
  return td;
}

function confidenceCell(t, row) {
  const td = h("td", null, confidenceChip(t, row.confidence));
  if (row.trend) td.append(h("div", { class: "muted", text: t(TREND_KEYS[row.trend]) }));
  if (row.accepted_confidence && row.accepted_confidence !== row.confidence) {
    td.append(h("div", { class: "muted", text: t("dashboard.accepted_was", { value: t(CONFIDENCE_KEYS[row.accepted_confidence]) }) }));
  }
  return td;
}

function milestonesCell(t, row) {
  const td = h("td", null, h("div", { text: t.plural("dashboard.milestones_done", row.milestones_done, { done: row.milestones_done, total: row.milestones_total }) }));
  if (row.overdue_milestones > 0) {
    td.append(h("div", { class: "flag", text: t("dashboard.overdue_count", { n: row.overdue_milestones }) }));
  }
  return td;
}

function nextCell(t, lang, row) {
  if (!row.next_milestone) return h("td", null, h("span", { class: "muted", text: t("common.none") }));
  return h("td", null,
    h("div", { text: row.next_milestone.title }),
    h("div", { class: "muted" }, t("dashboard.due"), " ", dateText(row.next_milestone.due, lang)));
}

function evidenceCell(t, lang, row) {
  if (row.last_evidence_on === null) {
    return h("td", null, h("span", { class: "flag", text: t("dashboard.no_evidence") }));
  }
  return h("td", null,
    h("div", null, dateText(row.last_evidence_on, lang)),
    h("div", { class: row.stale ? "flag" : "muted" },
      daysAgo(t, row.days_since_evidence), row.stale ? ` — ${t("dashboard.stale")}` : ""));
}

function attentionText(t, item) {
  switch (item.kind) {
    case "confidence": return t("attention.confidence", { value: t(CONFIDENCE_KEYS[item.confidence]) });
    case "overdue": return t.plural("attention.overdue", item.count);
    case "returned": return t("attention.returned", { text: item.comment });
    case "decision": return t("attention.decision", { text: item.text });
    default: return item.days === null ? t("attention.no_evidence") : t.plural("attention.stale", item.days);
  }
}

function attentionPanel(t, lang, dashboard) {
  const items = attentionItems(dashboard);
  return h("section", { class: "attention", "aria-labelledby": "attention-heading" },
    h("h2", { id: "attention-heading", text: t("attention.heading") }),
    items.length === 0
      ? h("p", { class: "muted", text: t("attention.nothing") })
      : h("ul", { class: "attention-list" }, items.map((item) =>
        h("li", { class: `attention-${item.kind}` },
          h("a", { href: `#/recommendation/${item.recommendation_id}` }, `${item.number}. ${item.title}`),
          " — ",
          attentionText(t, item)))));
}

/**
 * Review mode's queue: the current period's reports awaiting the deputy
 * minister's review, each with what was reported and a way to it.
 */
function reviewQueue(t, dash) {
  const waiting = dash.rows.filter((r) => r.review_state === "pending");
  return h("section", { class: "card review-queue", id: "review-queue", "aria-labelledby": "review-queue-heading" },
    h("h2", { id: "review-queue-heading", text: t.plural("dashboard.review_queue", waiting.length) }),
    waiting.length === 0
      ? h("p", { class: "muted", text: t("dashboard.review_queue_empty") })
      : h("ul", { class: "queue-list" }, waiting.map((r) => h("li", null,
        h("a", { href: `#/recommendation/${r.recommendation_id}` }, `${r.number}. ${r.title}`),
        " — ", t(STATUS_KEYS[r.status]), " · ", confidenceChip(t, r.confidence)))));
}

export async function renderDashboard(ctx) {
  const { t, lang } = ctx;
  const dash = await ctx.invoke("dashboard");
  const period = dash.period
    ? t("dashboard.period_line", {
      label: dash.period.label,
      start: formatDate(dash.period.starts_on, lang),
      end: formatDate(dash.period.ends_on, lang),
      today: formatDate(dash.as_of, lang),
    })
    : t("dashboard.no_period", { today: formatDate(dash.as_of, lang) });

  const rows = dash.rows.map((row) =>
    h("tr", { dataset: { recommendation: row.recommendation_id } },
      h("td", { class: "num", text: row.number }),
      h("th", { scope: "row", class: "title" },
        h("a", { href: `#/recommendation/${row.recommendation_id}`, text: row.title })),
      h("td", { class: row.lead_owner ? null : "muted", text: row.lead_owner || t("common.unassigned") }),
      statusCell(t, lang, row),
      confidenceCell(t, row),
      milestonesCell(t, row),
      nextCell(t, lang, row),
      evidenceCell(t, lang, row)));

  const table = h("table", { class: "grid dashboard", id: "dashboard" },
    h("caption", { class: "visually-hidden", text: t("dashboard.caption") }),
    h("thead", null, h("tr", null,
      ["dashboard.col_number", "dashboard.col_recommendation", "dashboard.col_lead", "dashboard.col_status",
        "dashboard.col_confidence", "dashboard.col_milestones", "dashboard.col_next", "dashboard.col_evidence"]
        .map((key) => h("th", { scope: "col", text: t(key) })))),
    h("tbody", { id: "dashboard-rows" }, rows));

  return {
    title: t("dashboard.title"),
    nodes: [
      h("div", { class: "page-head" },
        h("h1", { id: "dashboard-heading", text: t("dashboard.heading") }),
        h("p", { class: "period-line", text: period })),
      ctx.reviewMode && dash.period ? reviewQueue(t, dash) : null,
      attentionPanel(t, lang, dash),
      h("div", { class: "table-wrap" }, table),
    ],
  };
}
