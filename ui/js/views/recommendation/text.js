// What the report recommends, and the findings it answers.

import { h } from "../../dom.js";

export function textSection(ctx, page) {
  const { t } = ctx;
  const rec = page.recommendation;
  const rest = rec.text.slice(rec.lead.length);
  return h("section", { class: "card report-text", "aria-labelledby": "text-heading" },
    h("h2", { id: "text-heading", text: t("rec.text_heading") }),
    // The report and the findings are in English whatever the
    // interface language; screen readers need to know.
    h("blockquote", { lang: "en-CA" }, h("p", null, h("strong", { text: rec.lead }), rest)),
    h("h3", { text: t("rec.findings_heading") }),
    h("p", { lang: "en-CA", text: rec.findings }));
}
