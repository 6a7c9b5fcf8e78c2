// Assessments across periods: what was reported and accepted in each
// period, the latest periods unless all are asked for.

import { h } from "../../dom.js";
import { CONFIDENCE_KEYS, PERIOD_STATE_KEYS, STATUS_KEYS } from "../../i18n.js";
import { confidenceChip, reviewBadge } from "../common.js";
import { scopeLink, section } from "./shared.js";

export function historySection(ctx, page, route) {
  const { t } = ctx;
  const rows = page.assessments.slice().reverse().map((a) => h("tr", null,
    h("th", { scope: "row", text: a.period_label }),
    h("td", { text: t(STATUS_KEYS[a.status]) }),
    h("td", null, confidenceChip(t, a.confidence)),
    h("td", null, reviewBadge(t, a.review_state)),
    h("td", { text: a.accepted_status ? `${t(STATUS_KEYS[a.accepted_status])} · ${t(CONFIDENCE_KEYS[a.accepted_confidence])}` : t("common.none_dash") }),
    h("td", { text: a.period_signed_off ? t(PERIOD_STATE_KEYS.signed_off) : t(PERIOD_STATE_KEYS.open) })));
  const table = rows.length === 0
    ? h("p", { class: "muted", text: t("history.no_assessments") })
    : h("div", { class: "table-wrap" }, h("table", { class: "grid" },
      h("caption", { class: "visually-hidden", text: t("history.caption") }),
      h("thead", null, h("tr", null, ["history.col_period", "history.col_status", "history.col_confidence",
        "history.col_review", "history.col_accepted", "history.col_period_state"].map((k) => h("th", { scope: "col", text: t(k) })))),
      h("tbody", null, rows)));
  const scope = page.assessments_total > page.assessments.length
    ? h("p", { class: "muted scope-note" },
      t.plural("history.latest", page.assessments.length), " ",
      scopeLink(page, "periods", true, t.plural("history.show_all", page.assessments_total)))
    : route.params.periods === "all"
      ? h("p", { class: "scope-note" }, scopeLink(page, "periods", false, t("history.show_recent")))
      : null;
  return section("history", t("history.heading"), table, scope);
}
