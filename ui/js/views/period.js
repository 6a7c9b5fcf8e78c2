// A reporting period: its assessments side by side, opening the next period,
// sending one for review and signing one off.

import { h } from "../dom.js";
import { PERIOD_STATE_KEYS, errorMessage, formatDate } from "../i18n.js";
import { field, onSubmit, value } from "../forms.js";
import { confidenceChip, reviewOutcome, signature, statusText } from "./common.js";
import { sendForm } from "./reviews.js";

/**
 * What stands before a period's sign-off (the core's `Outstanding`), one
 * line for each kind, each recommendation linked to its page. `rows` give
 * the recommendations' ids by number.
 */
function outstandingList(ctx, outstanding, rows) {
  const { t } = ctx;
  const idOf = new Map(rows.map((r) => [r.number, r.recommendation_id]));
  const kinds = [
    ["awaiting_review", (n) => t.plural("period.count_awaiting", n)],
    ["returned", (n) => t.plural("period.count_returned", n)],
    ["not_reported", (n) => t.plural("period.count_not_reported", n)],
  ];
  return h("ul", { class: "outstanding" }, kinds
    .filter(([kind]) => outstanding[kind].length > 0)
    .map(([kind, count]) => h("li", { dataset: { kind } },
      count(outstanding[kind].length), " — ",
      outstanding[kind].map((n, i) => [i > 0 ? ", " : null,
        h("a", { href: `#/recommendation/${idOf.get(n)}`, text: t("period.recommendation_n", { number: n }) })]))));
}

/**
 * The form that opens a period, starting with the core's suggestion `next`.
 * While another period is still open with work outstanding, the form says
 * what, and opens the new one only once the user ticks that they mean it.
 */
function openPeriodForm(ctx, next, page) {
  const { t } = ctx;
  const unfinished = page.open.filter((o) => !o.ready);
  const anyway = unfinished.length === 0 ? null : h("input", {
    type: "checkbox", id: "period-open_anyway", name: "open_anyway", "aria-describedby": "period-open_anyway-error",
  });
  const warning = unfinished.length === 0 ? null : h("div", { class: "warning", id: "period-still-open" },
    unfinished.map((o) => [
      h("p", { class: "warning-title", text: t("period.still_open", { label: o.period.label }) }),
      outstandingList(ctx, o.outstanding, page.rows)]),
    h("p", { text: t("period.still_open_after") }),
    h("div", { class: "field field-check" },
      h("label", { class: "check" }, anyway, " ", t("period.open_anyway")),
      h("p", { id: "period-open_anyway-error", class: "field-error", hidden: true })));
  const form = h("form", { id: "period-form", class: "stack" },
    warning,
    h("p", { class: "hint", text: t("period.copy_forward_hint") }),
    h("div", { class: "row" },
      field({ form: "period", name: "label", label: t("period.label"), value: next.label, required: true }).wrap,
      field({ form: "period", name: "starts_on", label: t("period.starts_on"), type: "date", ctx, value: next.starts_on, required: true }).wrap,
      field({ form: "period", name: "ends_on", label: t("period.ends_on"), type: "date", ctx, value: next.ends_on, required: true }).wrap),
    h("div", { class: "actions" }, h("button", { type: "submit", text: t("period.open") })));
  onSubmit(form, t, async () => {
    if (anyway && !anyway.checked) throw { code: "open_anyway", field: "open_anyway" };
    const p = await ctx.invoke("open_period", {
      input: { label: value(form, "label"), starts_on: value(form, "starts_on"), ends_on: value(form, "ends_on") },
    });
    ctx.flash(t("period.opened", { label: p.label }));
    window.location.hash = `#/period/${p.id}`;
  }, { open_anyway: "period.open_anyway_required" });
  return form;
}


export async function renderPeriod(ctx, route) {
  const { t, lang } = ctx;
  const [page, reviewers, keys] = await Promise.all([
    ctx.invoke("period_page", { id: route.id }),
    ctx.invoke("reviewers"),
    ctx.invoke("key_state"),
  ]);
  const nodes = [h("h1", { text: t("period.heading") })];

  if (page.periods.length > 0) {
    nodes.push(h("nav", { class: "period-picker", "aria-label": t("period.all") },
      h("ul", null, page.periods.slice().reverse().map((p) => h("li", null,
        h("a", {
          href: `#/period/${p.id}`,
          "aria-current": page.period && p.id === page.period.id ? "page" : false,
        }, `${p.label} (${t(PERIOD_STATE_KEYS[p.state])})`))))));
  }

  if (page.period) {
    const p = page.period;
    const rows = page.rows.map((r) => {
      const a = r.assessment;
      return h("tr", null,
        h("th", { scope: "row" }, h("a", { href: `#/recommendation/${r.recommendation_id}` }, `${r.number}. ${r.title}`)),
        h("td", null, a ? statusText(t, a.status) : h("span", { class: "muted", text: t("common.not_reported") }),
          !a && r.previous ? h("div", { class: "muted", text: t("period.last_period", { value: statusText(t, r.previous.status) }) }) : null),
        h("td", null, a ? confidenceChip(t, a.confidence) : confidenceChip(t, null)),
        h("td", null, a ? reviewOutcome(ctx, { ...a, signed: r.signed }) : t("common.none_dash"),
          // In review mode, the way from the queue to the report.
          a && a.review_state === "pending" && ctx.reviewMode && p.state === "open"
            ? h("div", null, h("a", { class: "review-link", href: `#/recommendation/${r.recommendation_id}`,
              "aria-label": t("period.review_named", { number: r.number }), text: t("period.review") }))
            : null),
        h("td", { class: "pre", text: a ? a.commentary : "" }),
        h("td", { class: "pre", text: a ? a.decisions_required : "" }));
    });
    const section = h("section", { class: "card", "aria-labelledby": "period-table-heading" },
      h("h2", { id: "period-table-heading", text: t("period.assessments_heading", { label: p.label }) }),
      h("p", { class: "period-line", text: t("period.dates", {
        start: formatDate(p.starts_on, lang), end: formatDate(p.ends_on, lang), state: t(PERIOD_STATE_KEYS[p.state]),
      }) }),
      p.state === "signed_off"
        ? h("p", { class: "note", id: "period-signed-off" },
          t("period.signed_off_by", { name: p.signed_off_by, when: formatDate(p.signed_off_at.slice(0, 10), lang) }),
          " · ", signature(t, page.sign_off_signed), ". ", t("period.read_only"))
        : null,
      h("div", { class: "table-wrap" }, h("table", { class: "grid period" },
        h("caption", { class: "visually-hidden", text: t("period.caption", { label: p.label }) }),
        h("thead", null, h("tr", null, ["period.col_recommendation", "period.col_status", "period.col_confidence",
          "period.col_review", "period.col_commentary", "period.col_decisions"].map((k) => h("th", { scope: "col", text: t(k) })))),
        h("tbody", null, rows))));
    const open = page.open.find((o) => o.period.id === p.id);
    if (open) {
      section.append(h("div", { class: "sign-off-state", id: "sign-off-state" }, open.ready
        ? h("p", { class: "note", text: t("period.ready", { label: p.label }) })
        : [h("p", { class: "warning-title", text: t("period.blockers", { label: p.label }) }),
          outstandingList(ctx, open.outstanding, page.rows)]));
    }
    const signed = reviewers.some((r) => !r.removed_at);
    if (p.state === "open" && ctx.reviewMode && signed && !keys.unlocked) {
      // Only a registered reviewer's signature signs off.
      section.append(h("p", { class: "note", id: "signoff-refused" }, errorMessage(t, { code: "signature_required" }), " ",
        h("a", { href: "#/reviews", text: t("review.signed_how") })));
    } else if (p.state === "open" && ctx.reviewMode) {
      const signOff = h("form", { id: "signoff-form", class: "stack" },
        h("p", { class: "hint", text: t("period.sign_off_hint") }),
        h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", text: t("period.sign_off", { label: p.label }) })));
      onSubmit(signOff, t, async () => {
        if (signed) {
          await ctx.invoke("decide_signed", { input: { period_id: p.id, decision: "sign_off", comment: "" }, passphrase: null });
        } else {
          await ctx.invoke("sign_off_period", { id: p.id });
        }
        await ctx.saved(t("period.signed_off_done", { label: p.label }), "period-table-heading");
      });
      section.append(signOff);
    }
    nodes.push(section);
    if (p.state === "open" && !ctx.reviewMode) {
      nodes.push(h("section", { class: "card", "aria-labelledby": "send-heading" },
        h("h2", { id: "send-heading", text: t("reviews.send_heading") }),
        h("p", { class: "hint", text: t("reviews.send_hint") }),
        sendForm(ctx, { periods: page.periods, reviewers, keys, periodId: p.id })));
    }
  } else {
    nodes.push(h("p", { class: "muted", text: t("period.none") }));
  }

  if (!ctx.reviewMode) {
    nodes.push(h("section", { class: "card", "aria-labelledby": "period-open-heading" },
      h("h2", { id: "period-open-heading", text: t("period.open_heading") }),
      openPeriodForm(ctx, page.suggested_next, page)));
  }
  return { title: t("period.heading"), nodes };
}
