// A recommendation's page: its words, owners, the current assessment (with
// the executive assistant's report form or the deputy minister's review),
// milestones, evidence, assessment history and change history. Each section
// is a module of this folder; this one asks for the page and puts them in
// order.

import { h } from "../../dom.js";
import { assessmentSection } from "./assessment.js";
import { historySection } from "./assessment_history.js";
import { changesSection } from "./changes.js";
import { evidenceSection } from "./evidence.js";
import { milestonesSection } from "./milestones.js";
import { ownersSection } from "./owners.js";
import { textSection } from "./text.js";

export async function renderRecommendation(ctx, route) {
  const { t } = ctx;
  const page = await ctx.invoke("recommendation_page", {
    id: route.id,
    all_milestones: route.params.milestones === "all",
    all_assessments: route.params.periods === "all",
  });
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
      textSection(ctx, page),
      assessmentSection(ctx, page),
      ownersSection(ctx, page),
      milestonesSection(ctx, page, route),
      evidenceSection(ctx, page, changes),
      historySection(ctx, page, route),
      changes.node,
    ],
  };
}
