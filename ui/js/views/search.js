// Search across evidence notes, milestones and assessment text; every hit
// links to its recommendation.

import { h } from "../dom.js";
import { field, onSubmit, value } from "../forms.js";
import { dateText } from "./common.js";

/** How many results are put in the page at first, and at each "show more". */
const RESULTS_PAGE = 50;

const KIND_KEYS = { evidence: "search.kind_evidence", milestone: "search.kind_milestone", assessment: "search.kind_assessment" };
const FIELD_KEYS = {
  text: "search.field_text",
  source_ref: "search.field_source_ref",
  title: "search.field_title",
  commentary: "assessment.commentary",
  next_steps: "assessment.next_steps",
  risks: "assessment.risks",
  decisions_required: "assessment.decisions_required",
};

export async function renderSearch(ctx, route) {
  const { t, lang } = ctx;
  const query = route.params.q || "";
  const input = field({ form: "search", name: "query", label: t("search.label"), type: "search", value: query });
  const form = h("form", { id: "search-form", class: "row search-row", role: "search" }, input.wrap,
    h("div", { class: "actions" }, h("button", { type: "submit", text: t("search.submit") })));
  onSubmit(form, t, async () => {
    const q = value(form, "query");
    if (!q.trim()) {
      const err = { code: "invalid_input", field: "query", rule: "required" };
      throw err;
    }
    window.location.hash = `#/search?q=${encodeURIComponent(q)}`;
  });
  const nodes = [h("h1", { text: t("search.heading") }), h("section", { class: "card", "aria-label": t("search.heading") }, form)];
  if (query.trim()) {
    const hits = await ctx.invoke("search", { query });
    const item = (hit) => h("li", { class: "note-item" },
      h("div", { class: "note-meta" },
        h("a", { href: `#/recommendation/${hit.recommendation_id}`, text: t("search.recommendation", { n: hit.recommendation_number }) }),
        " · ", t(KIND_KEYS[hit.kind]), " · ", t(FIELD_KEYS[hit.field]),
        hit.period_label ? ` · ${hit.period_label}` : "", " · ", dateText(hit.date, lang)),
      h("p", { class: "pre", text: hit.text }));
    const list = h("ol", { class: "feed", id: "search-results", role: "list" }, hits.slice(0, RESULTS_PAGE).map(item));
    // The rest of the hits are already here; they are put in the page a
    // page at a time, which keeps the first answer quick.
    const more = h("button", { type: "button", class: "link-button", id: "search-more" });
    const showing = () => list.children.length;
    const label = () => {
      more.textContent = t("search.show_more", { n: Math.min(RESULTS_PAGE, hits.length - showing()) });
      more.hidden = showing() >= hits.length;
    };
    more.addEventListener("click", () => {
      const first = showing();
      list.append(...hits.slice(first, first + RESULTS_PAGE).map(item));
      label();
      const link = list.children[first]?.querySelector("a");
      if (link) link.focus();
    });
    label();
    nodes.push(h("section", { class: "card", "aria-labelledby": "results-heading" },
      h("h2", { id: "results-heading", text: t.plural("search.results", hits.length, { query }) }),
      hits.length === 0 ? h("p", { class: "muted", text: t("search.none") }) : [list, more]));
  }
  return { title: t("search.heading"), nodes };
}
