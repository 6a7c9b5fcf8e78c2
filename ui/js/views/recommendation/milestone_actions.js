// A milestone's actions: mark it done, correct its title and owner, move
// its due date with a reason, set its state.

import { h } from "../../dom.js";
import { MILESTONE_STATE_KEYS } from "../../i18n.js";
import { field, onSubmit, optionalId, value } from "../../forms.js";

function moveForm(ctx, m) {
  const { t } = ctx;
  const form = h("form", { id: `move-${m.id}-form`, class: "stack move-form" },
    h("p", { class: "panel-title", text: t("milestone.move") }),
    field({ form: `move-${m.id}`, name: "new_due", label: t("milestone.new_due"), type: "date", ctx, value: m.current_due, hint: t("common.date_hint") }).wrap,
    field({ form: `move-${m.id}`, name: "reason", label: t("milestone.reason"), type: "textarea", rows: 2, required: true }).wrap,
    h("div", { class: "actions" }, h("button", { type: "submit", text: t("milestone.save_move") })));
  onSubmit(form, t, async () => {
    await ctx.invoke("move_milestone", { id: m.id, new_due: value(form, "new_due"), reason: value(form, "reason") });
    await ctx.saved(t("milestone.moved_named", { title: m.title }), `milestone-${m.id}-title`);
  });
  return form;
}

function stateForm(ctx, m) {
  const { t } = ctx;
  const form = h("form", { id: `state-${m.id}-form`, class: "inline-form state-form" },
    h("label", { for: `state-${m.id}-select`, text: t("milestone.state_of", { title: m.title }) }),
    h("select", { id: `state-${m.id}-select`, name: "milestone_state" },
      Object.keys(MILESTONE_STATE_KEYS).map((k) => h("option", { value: k, selected: k === m.state }, t(MILESTONE_STATE_KEYS[k])))),
    h("button", { type: "submit", text: t("milestone.set_state") }));
  onSubmit(form, t, async () => {
    await ctx.invoke("set_milestone_state", { id: m.id, milestone_state: value(form, "milestone_state"), completed_on: null });
    await ctx.saved(t("milestone.state_saved", { title: m.title }), `milestone-${m.id}-title`);
  });
  return form;
}

/**
 * The form to correct a milestone's title and owner (its dates move only
 * through the re-plan form, which keeps the reason). The owners offered are
 * the active ones, as for a new milestone, and the one it has now even if
 * inactive, so that correcting the title keeps the owner.
 */
function editForm(ctx, page, m) {
  const { t } = ctx;
  const owners = page.owners.filter((o) => o.active || o.id === m.owner_id);
  const title = field({ form: `edit-${m.id}`, name: "title", label: t("milestone.title"), value: m.title, required: true });
  const owner = field({ form: `edit-${m.id}`, name: "owner_id", label: t("milestone.owner"), type: "select", value: m.owner_id ?? "",
    options: [["", t("common.unassigned")], ...owners.map((o) => [o.id, o.name])] });
  const form = h("form", { id: `edit-${m.id}-form`, class: "stack edit-form" },
    h("p", { class: "panel-title", text: t("milestone.edit_heading") }),
    title.wrap,
    owner.wrap,
    h("div", { class: "actions" }, h("button", { type: "submit", text: t("milestone.save_edit") })));
  onSubmit(form, t, async () => {
    await ctx.invoke("edit_milestone", { id: m.id, title: value(form, "title"), owner_id: optionalId(form, "owner_id") });
    await ctx.saved(t("milestone.edited"), `milestone-${m.id}-title`);
  });
  return form;
}

/**
 * A button that shows and hides `panel`, filling it with `build()` the
 * first time it opens: a page of milestones drew and laid out every form
 * for every row when most rows are never changed. The button names the
 * ids of the controls it builds (`dataset.builds`) and can open without
 * moving focus (`reveal`), so a re-drawn page can put back text typed in
 * them (app.js, restoreValues).
 */
function panelToggle(panel, props, build) {
  const toggle = h("button", { type: "button", id: props.id, "aria-expanded": "false", "aria-controls": panel.id,
    "aria-label": props.label, text: props.text, dataset: { builds: props.builds } });
  const show = (visible, focus) => {
    if (visible && !panel.firstChild) panel.append(...build());
    panel.hidden = !visible;
    toggle.setAttribute("aria-expanded", String(visible));
    // The forms open in a full-width row under the milestone's; the row
    // shows while any of its panels is open.
    const row = panel.closest(".change-row");
    if (row) row.hidden = [...row.querySelectorAll(".change-panel")].every((p) => p.hidden);
    if (visible && focus) panel.querySelector("input, select").focus();
  };
  toggle.reveal = () => show(true, false);
  toggle.addEventListener("click", () => show(panel.hidden, true));
  return toggle;
}

/**
 * A milestone's actions: while it is not closed (done or cancelled, as the
 * core says in `m.closed`), "Mark done" at hand and "Edit", which opens the
 * form for its title and owner; and "Change…", which opens the forms to
 * move its due date (while not closed) and set its state. Returns the
 * buttons (`actions`) and the panels they open (`panels`), which the table
 * puts in a row of their own, the full width of the table.
 */
export function milestoneActions(ctx, page, m) {
  const { t } = ctx;
  const actions = h("div", { class: "row-actions" });
  const open = !m.closed;
  if (open) {
    const done = h("form", { id: `done-${m.id}-form`, class: "inline-form" },
      h("button", { type: "submit", "aria-label": t("milestone.mark_done_named", { title: m.title }), text: t("milestone.mark_done") }));
    onSubmit(done, t, async () => {
      await ctx.invoke("set_milestone_state", { id: m.id, milestone_state: "done", completed_on: null });
      await ctx.saved(t("milestone.marked_done_named", { title: m.title }), `milestone-${m.id}-title`);
    });
    actions.append(done);
  }
  const editPanel = open ? h("div", { id: `milestone-${m.id}-edit`, class: "change-panel edit-panel stack", hidden: true }) : null;
  const editToggle = open ? panelToggle(editPanel, {
    id: `milestone-${m.id}-edit-toggle`, label: t("milestone.edit_named", { title: m.title }), text: t("milestone.edit"),
    builds: `edit-${m.id}-`,
  }, () => [editForm(ctx, page, m)]) : null;
  const panel = h("div", { id: `milestone-${m.id}-panel`, class: "change-panel stack", hidden: true });
  const toggle = panelToggle(panel, {
    id: `milestone-${m.id}-toggle`, label: t("milestone.change_named", { title: m.title }), text: t("milestone.change"),
    builds: `move-${m.id}- state-${m.id}-`,
  }, () => [open ? moveForm(ctx, m) : null, stateForm(ctx, m)].filter(Boolean));
  actions.append(...[editToggle, toggle].filter(Boolean));
  return { actions, panels: [editPanel, panel].filter(Boolean) };
}
