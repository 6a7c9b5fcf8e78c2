// Owners and target date: who leads and supports the recommendation, and
// when it is due; the forms to change them (not in review mode).

import { h } from "../../dom.js";
import { field, onSubmit, optionalId, value } from "../../forms.js";
import { dateText } from "../common.js";
import { ownerName, section } from "./shared.js";

export function ownersSection(ctx, page) {
  const { t, lang } = ctx;
  const rec = page.recommendation;
  const lead = ownerName(page, rec.lead_owner_id);
  const supporting = rec.supporting_owner_ids.map((id) => ownerName(page, id)).filter(Boolean);
  const facts = h("dl", { class: "facts-list" },
    h("dt", { text: t("rec.lead_owner") }), h("dd", { text: lead || t("common.unassigned") }),
    h("dt", { text: t("rec.supporting_owners") }),
    h("dd", { text: supporting.length ? supporting.join(", ") : t("common.none") }),
    h("dt", { text: t("rec.target_date") }),
    h("dd", null, rec.target_date ? dateText(rec.target_date, lang) : t("common.not_set")));
  if (ctx.reviewMode) return section("owners", t("rec.owners_heading"), facts);

  const assignable = page.owners.filter((o) => o.active
    || o.id === rec.lead_owner_id || rec.supporting_owner_ids.includes(o.id));
  const leadField = field({
    form: "owners", name: "lead_owner_id", label: t("rec.lead_owner"), type: "select", value: rec.lead_owner_id ?? "",
    options: [["", t("common.unassigned")], ...assignable.map((o) => [o.id, o.name])],
  });
  const boxes = h("fieldset", { class: "checkboxes" },
    h("legend", { text: t("rec.supporting_owners") }),
    assignable.length === 0 ? h("p", { class: "muted", text: t("rec.no_owners_yet") }) : null,
    assignable.map((o) => h("label", { class: "check" },
      h("input", { type: "checkbox", name: "supporting", value: o.id, checked: rec.supporting_owner_ids.includes(o.id) }),
      ` ${o.name}`)),
    h("p", { id: "owners-supporting_owner_ids-error", class: "field-error", hidden: true }));
  const form = h("form", { id: "owners-form", class: "stack" }, leadField.wrap, boxes,
    h("div", { class: "actions" }, h("button", { type: "submit", text: t("rec.save_owners") })));
  onSubmit(form, ctx.t, async () => {
    const supportingIds = [...form.querySelectorAll("input[name=supporting]:checked")].map((c) => Number(c.value));
    await ctx.invoke("assign_owners", {
      recommendation_id: rec.id, lead: optionalId(form, "lead_owner_id"), supporting: supportingIds,
    });
    await ctx.saved(t("rec.owners_saved"), "owners-heading");
  });

  const targetField = field({ form: "target", name: "target_date", label: t("rec.target_date"), type: "date", ctx, value: rec.target_date || "", hint: t("common.date_hint") });
  const targetForm = h("form", { id: "target-form", class: "stack" }, targetField.wrap,
    h("div", { class: "actions" }, h("button", { type: "submit", text: t("rec.save_target") })));
  onSubmit(targetForm, ctx.t, async () => {
    const v = value(targetForm, "target_date");
    await ctx.invoke("set_target_date", { recommendation_id: rec.id, target: v === "" ? null : v });
    await ctx.saved(t("rec.target_saved"), "owners-heading");
  });
  return section("owners", t("rec.owners_heading"), facts, h("div", { class: "two-forms" }, form, targetForm));
}
