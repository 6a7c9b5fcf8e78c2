// What the report recommends, and the findings it answers.

import { h } from "../../dom.js";

export function textSection(ctx, page) {
  const { t } = ctx;
  const rec = page.recommendation;
  const rest = rec.text.slice(rec.lead.length);
  const french = t.lang === "fr" ? page.french : null;
  return h("section", { class: "card report-text", "aria-labelledby": "text-heading" },
    h("h2", { id: "text-heading", text: t("rec.text_heading") }),
    // The report is in English whatever the interface language; screen
    // readers need to know.
    h("blockquote", { lang: "en-CA" }, h("p", null, h("strong", { text: rec.lead }), rest)),
    h("h3", { text: t("rec.findings_heading") }),
    french
      ? h("p", { lang: "fr-CA" }, ...quotedEnglish(french.findings))
      : h("p", { lang: "en-CA", text: rec.findings }),
    french ? h("p", { class: "muted", text: t("rec.unofficial_translation") }) : null);
}

/**
 * The French findings as nodes: the report's own words, marked
 * `[[en:…]]`, in spans tagged as English.
 */
export function quotedEnglish(text) {
  return text.split(/\[\[en:(.*?)\]\]/u).map((part, i) =>
    (i % 2 === 1 ? h("span", { lang: "en-CA", text: part }) : document.createTextNode(part)));
}
