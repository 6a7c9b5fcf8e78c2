// A recommendation's page: its words, owners, the current assessment (with
// the executive assistant's report form or the deputy minister's review),
// milestones, evidence, assessment history and change history.

import { h, reconcile } from "../dom.js";
import {
  CONFIDENCE_DEFINITION_KEYS, CONFIDENCE_KEYS, EVIDENCE_KIND_KEYS, MILESTONE_STATE_KEYS, PERIOD_STATE_KEYS, STATUS_KEYS,
  errorMessage, formatDate, formatNumber,
} from "../i18n.js";
import { assessmentDraft } from "../model.js";
import { field, onSubmit, optionalId, value } from "../forms.js";
import { confidenceChip, dateText, reviewBadge, statusText } from "./common.js";
import { auditEntries, auditList, auditPage } from "./audit.js";

function ownerName(page, id) {
  const o = page.owners.find((x) => x.id === id);
  return o ? o.name : null;
}

/** Notes per page of the evidence feed, as the page's first one (pages::EVIDENCE_PAGE). */
const EVIDENCE_PAGE = 20;
/** Notes the feed keeps drawn for reuse. */
const NOTE_CACHE = 500;
/** Changes the page lists (pages::RECENT_CHANGES); the History screen has the rest. */
const RECENT_CHANGES = 10;

function section(id, title, ...children) {
  return h("section", { class: "card", "aria-labelledby": `${id}-heading` },
    h("h2", { id: `${id}-heading`, text: title }), children);
}

function ownersSection(ctx, page) {
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
    ctx.announce(t("common.saved"));
    await ctx.refresh();
  });

  const targetField = field({ form: "target", name: "target_date", label: t("rec.target_date"), type: "date", value: rec.target_date || "", hint: t("common.date_hint") });
  const targetForm = h("form", { id: "target-form", class: "stack" }, targetField.wrap,
    h("div", { class: "actions" }, h("button", { type: "submit", text: t("rec.save_target") })));
  onSubmit(targetForm, ctx.t, async () => {
    const v = value(targetForm, "target_date");
    await ctx.invoke("set_target_date", { recommendation_id: rec.id, target: v === "" ? null : v });
    ctx.announce(t("common.saved"));
    await ctx.refresh();
  });
  return section("owners", t("rec.owners_heading"), facts, h("div", { class: "two-forms" }, form, targetForm));
}

function assessmentSummary(ctx, a) {
  const { t, lang } = ctx;
  const rows = [
    [t("assessment.status"), statusText(t, a.status)],
    [t("assessment.confidence"), confidenceChip(t, a.confidence)],
    [t("assessment.commentary"), a.commentary],
    [t("assessment.next_steps"), a.next_steps],
    [t("assessment.risks"), a.risks],
    [t("assessment.decisions_required"), a.decisions_required],
    [t("assessment.reported"), t("assessment.reported_by", { name: a.reported_by, when: formatDate(a.reported_at.slice(0, 10), lang) })],
    [t("assessment.review"), reviewBadge(t, a.review_state)],
  ];
  if (a.accepted_status && (a.accepted_status !== a.status || a.accepted_confidence !== a.confidence)) {
    rows.push([t("assessment.accepted_position"),
      `${t(STATUS_KEYS[a.accepted_status])} · ${t(CONFIDENCE_KEYS[a.accepted_confidence])}`]);
  }
  if (a.review_state === "returned" && a.review_comment) {
    rows.push([t("assessment.dm_comment"), a.review_comment]);
  }
  return h("dl", { class: "facts-list assessment-summary" },
    rows.filter(([, v]) => v !== "" && v !== null).map(([k, v]) =>
      [h("dt", { text: k }), h("dd", { class: "pre" }, v)]));
}

function reportForm(ctx, page, period, current, previous) {
  const { t } = ctx;
  const draft = assessmentDraft(current, previous);
  const f = (name, label, extra) => field({ form: "assessment", name, label, value: draft[name], ...extra });
  const form = h("form", { id: "assessment-form", class: "stack" },
    draft.fromPrevious ? h("p", { class: "hint", text: t("assessment.draft_from_previous") }) : null,
    h("div", { class: "row" },
      f("status", t("assessment.status"), {
        type: "select", required: true,
        options: [["", t("common.choose")], ...Object.keys(STATUS_KEYS).map((k) => [k, t(STATUS_KEYS[k])])],
      }).wrap,
      f("confidence", t("assessment.confidence"), {
        type: "select", required: true,
        options: [["", t("common.choose")], ...Object.keys(CONFIDENCE_KEYS).map((k) => [k, t(CONFIDENCE_KEYS[k])])],
      }).wrap),
    f("commentary", t("assessment.commentary"), { type: "textarea", rows: 3 }).wrap,
    f("next_steps", t("assessment.next_steps"), { type: "textarea", rows: 2 }).wrap,
    f("risks", t("assessment.risks"), { type: "textarea", rows: 2 }).wrap,
    f("decisions_required", t("assessment.decisions_required"), { type: "textarea", rows: 2 }).wrap,
    h("div", { class: "actions" }, h("button", { type: "submit", text: t("assessment.save_report") })));
  onSubmit(form, t, async () => {
    await ctx.invoke("report_assessment", {
      input: {
        period_id: period.id,
        recommendation_id: page.recommendation.id,
        status: value(form, "status"),
        confidence: value(form, "confidence"),
        commentary: value(form, "commentary"),
        next_steps: value(form, "next_steps"),
        risks: value(form, "risks"),
        decisions_required: value(form, "decisions_required"),
      },
    });
    ctx.announce(t("assessment.report_saved"));
    await ctx.refresh();
  });
  return form;
}

function reviewControls(ctx, a) {
  const { t } = ctx;
  const accept = h("form", { id: "accept-form", class: "inline-form" },
    h("button", { type: "submit", class: "primary", text: t("review.accept") }));
  onSubmit(accept, t, async () => {
    await ctx.invoke("accept_assessment", { id: a.id });
    ctx.announce(t("review.accepted_done"));
    await ctx.refresh();
  });
  const comment = field({ form: "return", name: "comment", label: t("review.comment"), type: "textarea", rows: 2 });
  const ret = h("form", { id: "return-form", class: "stack" }, comment.wrap,
    h("div", { class: "actions" }, h("button", { type: "submit", text: t("review.return") })));
  onSubmit(ret, t, async () => {
    await ctx.invoke("return_assessment", { id: a.id, comment: value(ret, "comment") });
    ctx.announce(t("review.returned_done"));
    await ctx.refresh();
  });
  return h("div", { class: "review-controls" }, accept, ret);
}

function assessmentSection(ctx, page) {
  const { t } = ctx;
  const period = page.current_period;
  if (!period) {
    return section("assessment", t("assessment.heading"),
      h("p", null, t("assessment.no_period"), " ", h("a", { href: "#/period", text: t("assessment.open_period_link") })));
  }
  const views = page.assessments;
  const current = views.find((a) => a.period_id === period.id) || null;
  const earlier = views.filter((a) => a.period_id !== period.id && a.period_label !== period.label);
  const previous = earlier.length ? earlier[earlier.length - 1] : null;
  const title = t("assessment.heading_period", { label: period.label });
  const parts = [];
  if (current) parts.push(assessmentSummary(ctx, current));
  else parts.push(h("p", { class: "muted", text: t("assessment.none_yet") }));
  if (period.state === "signed_off") {
    parts.push(h("p", { class: "note", text: t("assessment.signed_off_note") }));
  } else if (ctx.reviewMode) {
    if (current) parts.push(reviewControls(ctx, current));
  } else {
    parts.push(h("h3", { text: current ? t("assessment.update_report") : t("assessment.record_report") }));
    parts.push(reportForm(ctx, page, period, current, previous));
  }
  parts.push(h("details", { class: "scales" },
    h("summary", { text: t("assessment.scales_heading") }),
    h("dl", { class: "facts-list" }, Object.keys(CONFIDENCE_KEYS).map((k) => [
      h("dt", null, confidenceChip(t, k)), h("dd", { text: t(CONFIDENCE_DEFINITION_KEYS[k]) })]))));
  return section("assessment", title, parts);
}

function moveForm(ctx, m) {
  const { t } = ctx;
  const form = h("form", { id: `move-${m.id}-form`, class: "stack move-form" },
    h("p", { class: "panel-title", text: t("milestone.move") }),
    field({ form: `move-${m.id}`, name: "new_due", label: t("milestone.new_due"), type: "date", value: m.current_due, hint: t("common.date_hint") }).wrap,
    field({ form: `move-${m.id}`, name: "reason", label: t("milestone.reason"), type: "textarea", rows: 2, required: true }).wrap,
    h("div", { class: "actions" }, h("button", { type: "submit", text: t("milestone.save_move") })));
  onSubmit(form, t, async () => {
    await ctx.invoke("move_milestone", { id: m.id, new_due: value(form, "new_due"), reason: value(form, "reason") });
    ctx.announce(t("milestone.moved"));
    await ctx.refresh();
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
    ctx.announce(t("common.saved"));
    await ctx.refresh();
  });
  return form;
}

/**
 * A milestone's actions: "Mark done" at hand, and "Change…", which opens
 * the forms to move its due date and set its state. Those forms are built
 * when first opened: a page of milestones drew and laid out all of them
 * for every row when most rows are never changed. The opener names the
 * ids of the controls it builds (`data-builds`) and can open without
 * moving focus (`reveal`), so a re-drawn page can put back text typed in
 * them (app.js, restoreValues).
 */
function milestoneActions(ctx, m) {
  const { t } = ctx;
  const actions = h("div", { class: "row-actions" });
  const open = m.state === "planned" || m.state === "in_progress" || m.state === "deferred";
  if (open) {
    const done = h("form", { id: `done-${m.id}-form`, class: "inline-form" },
      h("button", { type: "submit", "aria-label": t("milestone.mark_done_named", { title: m.title }), text: t("milestone.mark_done") }));
    onSubmit(done, t, async () => {
      await ctx.invoke("set_milestone_state", { id: m.id, milestone_state: "done", completed_on: null });
      ctx.announce(t("milestone.marked_done"));
      await ctx.refresh();
    });
    actions.append(done);
  }
  const panel = h("div", { id: `milestone-${m.id}-panel`, class: "change-panel stack", hidden: true });
  const toggle = h("button", {
    type: "button", id: `milestone-${m.id}-toggle`, "aria-expanded": "false", "aria-controls": panel.id,
    "aria-label": t("milestone.change_named", { title: m.title }), text: t("milestone.change"),
    dataset: { builds: `move-${m.id}- state-${m.id}-` },
  });
  const show = (visible, focus) => {
    if (visible && !panel.firstChild) panel.append(...[open ? moveForm(ctx, m) : null, stateForm(ctx, m)].filter(Boolean));
    panel.hidden = !visible;
    toggle.setAttribute("aria-expanded", String(visible));
    if (visible && focus) panel.querySelector("input, select").focus();
  };
  toggle.reveal = () => show(true, false);
  toggle.addEventListener("click", () => show(panel.hidden, true));
  actions.append(toggle, panel);
  return actions;
}

function milestoneRow(ctx, page, m) {
  const { t, lang } = ctx;
  const reasons = m.revisions.map((r) => h("li", null,
    dateText(r.old_due, lang), " → ", dateText(r.new_due, lang), `: ${r.reason}`));
  const cells = [
    h("th", { scope: "row" }, m.title, m.overdue ? h("div", { class: "flag", text: t("milestone.overdue") }) : null),
    h("td", { text: ownerName(page, m.owner_id) || t("common.unassigned") }),
    h("td", null, dateText(m.baseline_due, lang)),
    h("td", null, dateText(m.current_due, lang)),
    h("td", { class: m.slip_days > 0 ? "flag" : null, text: t("milestone.slip_days", { n: m.slip_days }) }),
    h("td", null, String(m.replans), reasons.length ? h("ul", { class: "reasons" }, reasons) : null),
    h("td", null, t(MILESTONE_STATE_KEYS[m.state]),
      m.completed_on ? h("div", { class: "muted" }, dateText(m.completed_on, lang)) : null),
  ];
  if (!ctx.reviewMode) cells.push(h("td", null, milestoneActions(ctx, m)));
  return h("tr", { class: m.overdue ? "overdue" : null }, cells);
}

/** "Show all …" / "Show only …": a link to this page with `param` set or not. */
function scopeLink(page, param, on, text) {
  const id = page.recommendation.id;
  return h("a", { href: on ? `#/recommendation/${id}?${param}=all` : `#/recommendation/${id}`, text });
}

function milestonesSection(ctx, page, route) {
  const { t, lang } = ctx;
  const counts = page.milestone_counts;
  const heads = ["milestone.col_title", "milestone.col_owner", "milestone.col_baseline", "milestone.col_current",
    "milestone.col_slip", "milestone.col_replans", "milestone.col_state"];
  if (!ctx.reviewMode) heads.push("milestone.col_actions");
  const table = page.milestones.length === 0
    ? h("p", { class: "muted", text: t("milestone.none") })
    : h("div", { class: "table-wrap" }, h("table", { class: "grid milestones" },
      h("caption", { class: "visually-hidden", text: t("milestone.caption") }),
      h("thead", null, h("tr", null, heads.map((k) => h("th", { scope: "col", text: t(k) })))),
      h("tbody", null, page.milestones.map((m) => milestoneRow(ctx, page, m)))));
  const all = route.params.milestones === "all";
  const parts = [
    h("p", { id: "milestone-counts", text: t("milestone.counts", {
      done: formatNumber(counts.done, lang), total: formatNumber(counts.total, lang), overdue: formatNumber(counts.overdue, lang),
    }) }),
    table,
  ];
  if (page.milestones_not_listed > 0) {
    parts.push(h("p", { class: "muted scope-note" },
      t("milestone.not_listed", { n: formatNumber(page.milestones_not_listed, lang) }), " ",
      scopeLink(page, "milestones", true, t("milestone.show_all"))));
  } else if (all) {
    parts.push(h("p", { class: "scope-note" }, scopeLink(page, "milestones", false, t("milestone.show_current"))));
  }
  if (!ctx.reviewMode) {
    const active = page.owners.filter((o) => o.active);
    const form = h("form", { id: "milestone-form", class: "stack" },
      h("h3", { text: t("milestone.add_heading") }),
      h("div", { class: "row" },
        field({ form: "milestone", name: "title", label: t("milestone.title"), required: true }).wrap,
        field({ form: "milestone", name: "owner_id", label: t("milestone.owner"), type: "select",
          options: [["", t("common.unassigned")], ...active.map((o) => [o.id, o.name])] }).wrap,
        field({ form: "milestone", name: "due", label: t("milestone.due"), type: "date", required: true, hint: t("common.date_hint") }).wrap),
      h("div", { class: "actions" }, h("button", { type: "submit", text: t("milestone.add") })));
    onSubmit(form, t, async () => {
      await ctx.invoke("add_milestone", {
        input: {
          recommendation_id: page.recommendation.id,
          title: value(form, "title"),
          owner_id: optionalId(form, "owner_id"),
          due: value(form, "due"),
        },
      });
      ctx.announce(t("milestone.added"));
      await ctx.refresh();
    });
    parts.push(form);
  }
  return section("milestones", t("milestone.heading"), parts);
}

/**
 * The feed holds a page of notes at a time: the filter and "Show older
 * notes" ask the Rust side for the next page instead of holding every note
 * of a long history in the page. `reload()` redraws its first page.
 */
function evidenceFeed(ctx, page) {
  const { t, lang } = ctx;
  const list = h("ol", { class: "feed", id: "evidence-feed" });
  const shown = h("p", { id: "evidence-shown", class: "muted", "aria-live": "polite" });
  const more = h("button", { type: "button", id: "evidence-more", text: t("evidence.more") });
  const note = (n) => h("li", { class: "note-item" },
    h("div", { class: "note-meta" },
      dateText(n.observed_on, lang), " · ",
      h("span", { class: `kind kind-${n.kind}`, text: t(EVIDENCE_KIND_KEYS[n.kind]) }), " · ", n.author),
    h("p", { class: "pre", text: n.text }),
    n.source_ref ? h("p", { class: "muted", text: t("evidence.source", { ref: n.source_ref }) }) : null);
  // Notes are never edited, so a note drawn once is drawn again from this
  // cache (by id) when a save or the filter brings it back: text the engine
  // has laid out before costs a fraction of new text.
  const drawn = new Map();
  const noteItem = (n) => {
    let li = drawn.get(n.id);
    if (!li) {
      if (drawn.size >= NOTE_CACHE) drawn.clear();
      li = note(n);
      drawn.set(n.id, li);
    }
    return li;
  };
  let count = 0;
  const show = (feed, append) => {
    if (append) list.append(...feed.notes.map(noteItem));
    else reconcile(list, feed.notes.map(noteItem));
    count = feed.offset + feed.notes.length;
    if (count === 0) list.replaceChildren(h("li", { class: "muted", text: t("evidence.none") }));
    shown.textContent = feed.total > 0
      ? t("evidence.showing", { shown: formatNumber(count, lang), total: formatNumber(feed.total, lang) })
      : "";
    more.hidden = count >= feed.total;
  };
  const filter = field({ form: "evidence-filter", name: "kind", label: t("evidence.filter"), type: "select",
    options: [["", t("evidence.all_kinds")], ...Object.keys(EVIDENCE_KIND_KEYS).map((k) => [k, t(EVIDENCE_KIND_KEYS[k])])] });
  const load = async (offset) => {
    const kind = filter.control.value;
    const feed = await ctx.invoke("evidence_feed", {
      recommendation_id: page.recommendation.id, kind: kind === "" ? null : kind, offset, limit: EVIDENCE_PAGE,
    });
    if (filter.control.value === kind) show(feed, offset > 0);
  };
  const failed = (err) => { shown.textContent = errorMessage(t, err); };
  filter.control.addEventListener("change", () => load(0).catch(failed));
  more.addEventListener("click", () => load(count).catch(failed));
  show(page.evidence, false);
  return {
    nodes: [h("h3", { text: t("evidence.feed_heading") }), h("div", { class: "filter" }, filter.wrap), list, shown, more],
    reload: () => load(0),
    failed,
  };
}

/**
 * The form for a new note. Once the note is saved, `saved()` redraws what
 * shows it; a failure to redraw is not a failure to save, so it does not
 * reach the form's error line.
 */
function evidenceForm(ctx, page, saved) {
  const { t } = ctx;
  const form = h("form", { id: "evidence-form", class: "stack" },
    h("h3", { text: t("evidence.add_heading") }),
    h("div", { class: "row" },
      field({ form: "evidence", name: "kind", label: t("evidence.kind"), type: "select", required: true,
        options: Object.keys(EVIDENCE_KIND_KEYS).map((k) => [k, t(EVIDENCE_KIND_KEYS[k])]) }).wrap,
      field({ form: "evidence", name: "observed_on", label: t("evidence.observed_on"), type: "date", hint: t("evidence.observed_hint") }).wrap,
      field({ form: "evidence", name: "milestone_id", label: t("evidence.milestone"), type: "select",
        options: [["", t("common.none")], ...page.milestones.map((m) => [m.id, m.title])] }).wrap),
    field({ form: "evidence", name: "text", label: t("evidence.text"), type: "textarea", rows: 3, required: true, hint: t("evidence.text_hint") }).wrap,
    field({ form: "evidence", name: "source_ref", label: t("evidence.source_ref"), hint: t("evidence.source_hint") }).wrap,
    h("div", { class: "actions" }, h("button", { type: "submit", text: t("evidence.add") })));
  onSubmit(form, t, async () => {
    const observed = value(form, "observed_on");
    await ctx.invoke("add_evidence", {
      input: {
        recommendation_id: page.recommendation.id,
        milestone_id: optionalId(form, "milestone_id"),
        observed_on: observed === "" ? null : observed,
        kind: value(form, "kind"),
        text: value(form, "text"),
        source_ref: value(form, "source_ref"),
      },
    });
    form.reset();
    await saved();
    ctx.announce(t("evidence.added"));
  });
  return form;
}

/**
 * The evidence section. A saved note redraws only the feed and the
 * changes (`changes.reload`): the rest of the page, and whatever is typed
 * in its other forms, stays as it is.
 */
function evidenceSection(ctx, page, changes) {
  const feed = evidenceFeed(ctx, page);
  const saved = () => Promise.all([feed.reload(), changes.reload()]).catch(feed.failed);
  return section("evidence", ctx.t("evidence.heading"),
    ctx.reviewMode ? null : evidenceForm(ctx, page, saved), feed.nodes);
}

function historySection(ctx, page, route) {
  const { t, lang } = ctx;
  const rows = page.assessments.slice().reverse().map((a) => h("tr", null,
    h("th", { scope: "row", text: a.period_label }),
    h("td", { text: t(STATUS_KEYS[a.status]) }),
    h("td", null, confidenceChip(t, a.confidence)),
    h("td", null, reviewBadge(t, a.review_state)),
    h("td", { text: a.accepted_status ? `${t(STATUS_KEYS[a.accepted_status])} · ${t(CONFIDENCE_KEYS[a.accepted_confidence])}` : t("common.none_dash") }),
    h("td", { text: a.period_signed_off ? t(PERIOD_STATE_KEYS.signed_off) : t(PERIOD_STATE_KEYS.open) })));
  const table = rows.length === 0
    ? h("p", { class: "muted", text: t("history.no_assessments") })
    : h("div", { class: "table-wrap" }, h("table", { class: "grid" },
      h("caption", { class: "visually-hidden", text: t("history.caption") }),
      h("thead", null, h("tr", null, ["history.col_period", "history.col_status", "history.col_confidence",
        "history.col_review", "history.col_accepted", "history.col_period_state"].map((k) => h("th", { scope: "col", text: t(k) })))),
      h("tbody", null, rows)));
  const scope = page.assessments_total > page.assessments.length
    ? h("p", { class: "muted scope-note" },
      t("history.latest", { n: formatNumber(page.assessments.length, lang) }), " ",
      scopeLink(page, "periods", true, t("history.show_all", { n: formatNumber(page.assessments_total, lang) })))
    : route.params.periods === "all"
      ? h("p", { class: "scope-note" }, scopeLink(page, "periods", false, t("history.show_recent")))
      : null;
  return section("history", t("history.heading"), table, scope);
}

/**
 * The latest changes to the recommendation, with a link to all of them on
 * the History screen. `reload()` redraws the list after a save.
 */
function changesSection(ctx, page) {
  const { t } = ctx;
  const id = page.recommendation.id;
  const all = h("p", { class: "scope-note", hidden: !page.history_more },
    h("a", { href: `#/audit/${id}`, text: t("audit.all_for_rec") }));
  // Events never change: after a save the list keeps the entries it has
  // drawn and draws only the new ones.
  const drawn = new Map();
  const body = h("div", null, auditList(ctx, page.history, drawn));
  const reload = async () => {
    const { events, more } = await auditPage(ctx, id, null, RECENT_CHANGES);
    const ids = new Set(events.map((e) => e.id));
    for (const key of drawn.keys()) if (!ids.has(key)) drawn.delete(key);
    const list = body.querySelector("ol.audit-list");
    if (list && events.length) reconcile(list, auditEntries(ctx, events, drawn));
    else body.replaceChildren(auditList(ctx, events, drawn));
    all.hidden = !more;
  };
  return { node: section("changes", t("audit.rec_heading"), body, all), reload };
}

export async function renderRecommendation(ctx, route) {
  const { t } = ctx;
  const page = await ctx.invoke("recommendation_page", {
    id: route.id,
    all_milestones: route.params.milestones === "all",
    all_assessments: route.params.periods === "all",
  });
  const rec = page.recommendation;
  const rest = rec.text.slice(rec.lead.length);
  const changes = changesSection(ctx, page);
  return {
    title: t("rec.title", { number: rec.number, title: rec.title }),
    nodes: [
      h("p", { class: "breadcrumb" }, h("a", { href: "#/", text: t("nav.dashboard") })),
      h("h1", { text: t("rec.title", { number: rec.number, title: rec.title }) }),
      h("section", { class: "card report-text", "aria-labelledby": "text-heading" },
        h("h2", { id: "text-heading", text: t("rec.text_heading") }),
        // The report and the findings are in English whatever the
        // interface language; screen readers need to know.
        h("blockquote", { lang: "en-CA" }, h("p", null, h("strong", { text: rec.lead }), rest)),
        h("h3", { text: t("rec.findings_heading") }),
        h("p", { lang: "en-CA", text: rec.findings })),
      assessmentSection(ctx, page),
      ownersSection(ctx, page),
      milestonesSection(ctx, page, route),
      evidenceSection(ctx, page, changes),
      historySection(ctx, page, route),
      changes.node,
    ],
  };
}
