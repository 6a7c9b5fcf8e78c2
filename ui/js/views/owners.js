// Owners: who owns what; add, edit, deactivate, and delete one entered by
// mistake (refused by the core once they hold work).

import { h } from "../dom.js";
import { field, onSubmit, value } from "../forms.js";

function ownerForm(ctx, id, owner, submitLabel, save) {
  const { t } = ctx;
  const f = (name, label, extra) => field({ form: id, name, label, value: owner ? owner[name] : "", ...extra });
  const form = h("form", { id: `${id}-form`, class: "stack" },
    h("div", { class: "row" },
      f("name", t("owner.name"), { required: true, autocomplete: "off" }).wrap,
      f("title", t("owner.title")).wrap),
    h("div", { class: "row" },
      f("unit", t("owner.unit")).wrap,
      f("email", t("owner.email"), { type: "email", autocomplete: "off" }).wrap),
    h("div", { class: "actions" }, h("button", { type: "submit", text: submitLabel })));
  onSubmit(form, t, async () => {
    await save({
      name: value(form, "name"), title: value(form, "title"), unit: value(form, "unit"), email: value(form, "email"),
    });
  });
  return form;
}

/** The owners table's columns (and, when editing, its actions). */
const OWNER_COLUMNS = ["owner.col_name", "owner.col_title", "owner.col_unit", "owner.col_email", "owner.col_leads",
  "owner.col_supporting", "owner.col_milestones"];

export async function renderOwners(ctx) {
  const { t } = ctx;
  const owners = await ctx.invoke("owner_rows");
  const rows = owners.map((o) => {
    const cells = [
      h("th", { scope: "row", id: `owner-${o.id}-row` }, o.name, o.active ? null : h("div", { class: "muted", text: t("owner.inactive") })),
      h("td", { text: o.title }),
      h("td", { text: o.unit }),
      h("td", { text: o.email }),
      h("td", { text: o.leads.length ? o.leads.join(", ") : t("common.none_dash") }),
      h("td", { text: String(o.supporting) }),
      h("td", { text: t.plural("owner.milestones_open", o.open_milestones, { open: o.open_milestones, all: o.all_milestones }) }),
    ];
    if (!ctx.reviewMode) {
      // The form opens in a row of its own, the table's full width, and is
      // built the first time it opens: most owners are never edited.
      const cell = h("td", { colspan: OWNER_COLUMNS.length + 1, class: "change-cell", id: `owner-${o.id}-form-cell` });
      const editRow = h("tr", { class: "change-row", hidden: true }, cell);
      const toggle = h("button", {
        type: "button", id: `owner-${o.id}-edit`, "aria-expanded": "false", "aria-controls": cell.id,
        "aria-label": t("owner.edit_named", { name: o.name }), text: t("owner.edit"),
        // Its form's controls, so a re-drawn page can put back what was
        // typed in them (app.js, restoreValues).
        dataset: { builds: `owner-${o.id}-` },
      });
      const show = (open, focus) => {
        if (open && !cell.firstChild) {
          cell.append(ownerForm(ctx, `owner-${o.id}`, o, t("owner.save"), async (input) => {
            await ctx.invoke("update_owner", { id: o.id, input });
            await ctx.saved(t("owner.saved_named", { name: input.name }), `owner-${o.id}-edit`);
          }));
        }
        editRow.hidden = !open;
        toggle.setAttribute("aria-expanded", String(open));
        if (open && focus) cell.querySelector("input").focus();
      };
      toggle.addEventListener("click", () => show(editRow.hidden, true));
      // Text typed in it and kept over a re-drawn page opens it again.
      toggle.reveal = () => show(true, false);
      const activeForm = h("form", { id: `owner-${o.id}-active-form`, class: "inline-form" },
        h("button", { type: "submit", id: `owner-${o.id}-active`, text: o.active ? t("owner.deactivate") : t("owner.reactivate"),
          "aria-label": t(o.active ? "owner.deactivate_named" : "owner.reactivate_named", { name: o.name }) }));
      onSubmit(activeForm, t, async () => {
        await ctx.invoke("set_owner_active", { id: o.id, active: !o.active });
        await ctx.saved(t(o.active ? "owner.deactivated_named" : "owner.reactivated_named", { name: o.name }), `owner-${o.id}-active`);
      });
      const holdsWork = o.lead_of + o.supporting + o.all_milestones > 0;
      const deleteForm = holdsWork ? null : h("form", { id: `owner-${o.id}-delete-form`, class: "inline-form" },
        h("button", { type: "submit", class: "danger", text: t("owner.delete"), "aria-label": t("owner.delete_named", { name: o.name }) }));
      if (deleteForm) {
        onSubmit(deleteForm, t, async () => {
          await ctx.invoke("delete_owner", { id: o.id });
          await ctx.saved(t("owner.deleted_named", { name: o.name }), "owner-new-name");
        });
      }
      cells.push(h("td", null, h("div", { class: "row-actions" }, toggle, activeForm, deleteForm)));
      return [h("tr", { class: o.active ? null : "inactive" }, cells), editRow];
    }
    return h("tr", { class: o.active ? null : "inactive" }, cells);
  });
  const heads = ctx.reviewMode ? OWNER_COLUMNS : [...OWNER_COLUMNS, "owner.col_actions"];
  const table = owners.length === 0
    ? h("p", { class: "muted", text: t("owner.none") })
    : h("div", { class: "table-wrap" }, h("table", { class: "grid owners" },
      h("caption", { class: "visually-hidden", text: t("owner.caption") }),
      h("thead", null, h("tr", null, heads.map((k) => h("th", { scope: "col", text: t(k) })))),
      h("tbody", null, rows)));
  const nodes = [h("h1", { text: t("owner.heading") }), h("section", { class: "card", "aria-label": t("owner.heading") }, table)];
  if (!ctx.reviewMode) {
    nodes.push(h("section", { class: "card", "aria-labelledby": "owner-add-heading" },
      h("h2", { id: "owner-add-heading", text: t("owner.add_heading") }),
      ownerForm(ctx, "owner-new", null, t("owner.add"), async (input) => {
        const added = await ctx.invoke("add_owner", { input });
        document.getElementById("owner-new-form").reset();
        await ctx.saved(t("owner.added_named", { name: added.name }), `owner-${added.id}-row`);
      })));
  }
  return { title: t("owner.heading"), nodes };
}
