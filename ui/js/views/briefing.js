// The briefing: choose the period, the language and the marking, then
// "Export briefing…" opens the system's save dialog (from the Rust side,
// which also writes the file) and, if asked, opens the PDF once written.

import { h } from "../dom.js";
import { PERIOD_STATE_KEYS } from "../i18n.js";
import { field, onSubmit, value } from "../forms.js";
import { briefingDefaults, defaultBriefingPeriod } from "../model.js";
import { pageHeading } from "./common.js";

/** What the briefing of `period` is made from, said before it is made. */
function sourceNote(t, period) {
  if (!period) return "";
  if (period.state === "signed_off") {
    return t("briefing.source_signed", { label: period.label, fingerprint: period.fingerprint || "" });
  }
  return t("briefing.source_draft", { label: period.label });
}

export async function renderBriefing(ctx, route) {
  const { t, lang } = ctx;
  const page = await ctx.invoke("briefing_page");
  const nodes = [pageHeading(t("briefing.heading")),
    h("p", { class: "muted intro", text: t("briefing.intro") })];
  if (page.periods.length === 0) {
    nodes.push(h("p", { class: "muted", text: t("briefing.no_period") }));
    return { title: t("briefing.heading"), nodes };
  }

  const chosen = defaultBriefingPeriod(page, route.id);
  const defaults = briefingDefaults(page.defaults, lang);
  const periodField = field({
    form: "briefing", name: "period_id", label: t("briefing.period"), type: "select", value: chosen,
    options: page.periods.slice().reverse().map((p) => [p.id, `${p.label} (${t(PERIOD_STATE_KEYS[p.state])})`]),
  });
  const languageField = field({
    form: "briefing", name: "language", label: t("briefing.language"), type: "select", value: lang,
    options: [["en", t("briefing.language_en")], ["fr", t("briefing.language_fr")]],
  });
  const markingField = field({
    form: "briefing", name: "marking", label: t("briefing.marking"), value: defaults.marking,
    hint: t("briefing.marking_hint"), required: true,
  });
  const organizationField = field({
    form: "briefing", name: "organization", label: t("briefing.organization"), value: defaults.organization,
  });
  for (const option of languageField.control.options) option.lang = option.value === "fr" ? "fr-CA" : "en-CA";

  // The marking and organization follow the briefing's language until the
  // user types their own.
  languageField.control.addEventListener("change", () => {
    const before = briefingDefaults(page.defaults, languageField.control.dataset.previous || lang);
    const after = briefingDefaults(page.defaults, languageField.control.value);
    if (markingField.control.value === before.marking) markingField.control.value = after.marking;
    if (organizationField.control.value === before.organization) organizationField.control.value = after.organization;
    languageField.control.dataset.previous = languageField.control.value;
  });

  const note = h("p", { id: "briefing-source", class: "note", "aria-live": "polite" });
  const byId = new Map(page.periods.map((p) => [String(p.id), p]));
  const showSource = () => { note.textContent = sourceNote(t, byId.get(periodField.control.value)); };
  periodField.control.addEventListener("change", showSource);
  showSource();

  const annex = h("input", { type: "checkbox", id: "briefing-annex", name: "annex", "aria-describedby": "briefing-annex-hint" });
  const openAfter = h("input", { type: "checkbox", id: "briefing-open_after", name: "open_after" });
  const result = h("div", { id: "briefing-result", tabindex: "-1" });
  const form = h("form", { id: "briefing-form", class: "stack" },
    h("div", { class: "row" }, periodField.wrap, languageField.wrap),
    note,
    markingField.wrap,
    organizationField.wrap,
    h("div", { class: "field field-check" },
      h("label", { class: "check" }, annex, " ", t("briefing.annex")),
      h("p", { id: "briefing-annex-hint", class: "hint", text: t("briefing.annex_hint") })),
    h("div", { class: "field field-check" },
      h("label", { class: "check" }, openAfter, " ", t("briefing.open_after"))),
    h("div", { class: "actions" },
      h("button", { type: "submit", id: "briefing-export", class: "primary", text: t("briefing.export") })));

  onSubmit(form, t, async () => {
    result.replaceChildren();
    const exported = await ctx.operation("export_briefing", {
      request: {
        period_id: Number(value(form, "period_id")),
        language: value(form, "language"),
        marking: value(form, "marking"),
        organization: value(form, "organization"),
        annex: annex.checked,
        open_after: openAfter.checked,
      },
    }, {
      title: t("operation.title.briefing"),
      origin: form,
      done: (e) => (e ? t(e.written.draft ? "briefing.saved_draft" : "briefing.saved", { path: e.written.path }) : null),
    });
    if (!exported) {
      result.append(h("p", { class: "muted", text: t("briefing.cancelled") }));
      ctx.focusOn(result);
      return;
    }
    const w = exported.written;
    result.append(
      h("p", { class: "note", text: t(w.draft ? "briefing.saved_draft" : "briefing.saved", { path: w.path }) }),
      h("p", { class: "muted fingerprint", text: t(w.draft ? "briefing.saved_draft_fingerprint" : "briefing.saved_fingerprint", { fingerprint: w.fingerprint }) }));
    if (exported.open_failed) {
      result.append(h("p", { class: "field-error", text: t("briefing.open_failed") }));
    }
    if (!form.isConnected) return;
    ctx.focusOn(result);
    ctx.confirmSaved(t("briefing.saved_short"));
  });

  nodes.push(h("section", { class: "card", "aria-labelledby": "briefing-form-heading" },
    h("h2", { id: "briefing-form-heading", text: t("briefing.form_heading") }),
    form,
    result));
  nodes.push(h("section", { class: "card", "aria-labelledby": "briefing-contents-heading" },
    h("h2", { id: "briefing-contents-heading", text: t("briefing.contents_heading") }),
    h("ul", { class: "plain-list" },
      ["briefing.contents_page1", "briefing.contents_sections", "briefing.contents_annex", "briefing.contents_scales", "briefing.contents_footer"]
        .map((k) => h("li", { text: t(k) })))));
  return { title: t("briefing.heading"), nodes };
}
