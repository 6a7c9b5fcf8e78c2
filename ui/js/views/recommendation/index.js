// A recommendation's page: the current assessment (with the executive
// assistant's report form or the deputy minister's review) first, then
// milestones, evidence, owners, the report's words, assessment history and
// change history, with links to each section at the top. Each section is a
// module of this folder; this one asks for the page and puts them in order.

import { h } from "../../dom.js";
import { assessmentSection } from "./assessment.js";
import { historySection } from "./assessment_history.js";
import { changesSection } from "./changes.js";
import { evidenceSection } from "./evidence.js";
import { milestonesSection } from "./milestones.js";
import { ownersSection } from "./owners.js";
import { textSection } from "./text.js";

/**
 * Links to the page's sections, and (when editing) straight to the
 * evidence form: a few Tabs from the heading instead of dozens. They keep
 * the route as their address, so a link copied or opened elsewhere opens
 * the page; a click moves focus to the section.
 */
function sectionLinks(ctx, route) {
  const { t } = ctx;
  const here = window.location.hash || `#/recommendation/${route.id}`;
  const link = (text, target, extra = {}) => h("li", null, h("a", {
    href: here, text, ...extra,
    onclick: (e) => {
      e.preventDefault();
      ctx.focusOn(target);
    },
  }));
  return h("nav", { class: "section-links", "aria-label": t("rec.sections") },
    h("ul", null,
      link(t("assessment.heading"), "assessment-heading"),
      link(t("milestone.heading"), "milestones-heading"),
      link(t("evidence.heading"), "evidence-heading"),
      link(t("rec.owners_heading"), "owners-heading"),
      link(t("rec.text_heading"), "text-heading"),
      link(t("history.heading"), "history-heading"),
      link(t("audit.rec_heading_short"), "changes-heading"),
      ctx.reviewMode ? null : link(t("rec.add_note"), "evidence-kind", { id: "add-note-link", class: "add-note" })));
}

export async function renderRecommendation(ctx, route) {
  const { t } = ctx;
  const page = await ctx.invoke("recommendation_page", {
    id: route.id,
    all_milestones: route.params.milestones === "all",
    all_assessments: route.params.periods === "all",
  });
  // With a reviewer registered, only a signed decision reviews: the page
  // needs to know whose key is unlocked here.
  if (page.signatures_required && ctx.reviewMode) page.keys = await ctx.invoke("key_state");
  const rec = page.recommendation;
  // In French, this program's unofficial translation of the short title.
  const shortTitle = t.lang === "fr" && page.french ? page.french.title : rec.title;
  // A saved note redraws the latest changes, not the whole page.
  const changes = changesSection(ctx, page);
  return {
    title: t("rec.title", { number: rec.number, title: shortTitle }),
    nodes: [
      h("p", { class: "breadcrumb" }, h("a", { href: "#/", text: t("nav.dashboard") })),
      h("h1", { text: t("rec.title", { number: rec.number, title: shortTitle }) }),
      sectionLinks(ctx, route),
      // What the assistant and the deputy minister come for comes first;
      // the report's own words, read once, further down.
      assessmentSection(ctx, page),
      milestonesSection(ctx, page, route),
      evidenceSection(ctx, page, changes),
      ownersSection(ctx, page),
      textSection(ctx, page),
      historySection(ctx, page, route),
      changes.node,
    ],
  };
}
