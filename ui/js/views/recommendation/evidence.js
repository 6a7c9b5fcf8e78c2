// Evidence: the form for a new note and the feed of notes, a page at a
// time.

import { h, reconcile } from "../../dom.js";
import { EVIDENCE_KIND_KEYS, errorMessage, formatNumber } from "../../i18n.js";
import { field, onSubmit, optionalId, value } from "../../forms.js";
import { dateText } from "../common.js";
import { section } from "./shared.js";

/** Notes per page of the evidence feed, as the page's first one (pages::EVIDENCE_PAGE). */
const EVIDENCE_PAGE = 20;
/** Notes the feed keeps drawn for reuse. */
const NOTE_CACHE = 500;

/**
 * The feed holds a page of notes at a time: the filter and "Show older
 * notes" ask the Rust side for the next page instead of holding every note
 * of a long history in the page. `reload()` redraws its first page.
 */
function evidenceFeed(ctx, page) {
  const { t, lang } = ctx;
  // role="list": WebKit does not tell screen readers a list without
  // bullets (list-style: none) is a list.
  const list = h("ol", { class: "feed", id: "evidence-feed", role: "list" });
  const shown = h("p", { id: "evidence-shown", class: "muted", "aria-live": "polite" });
  const more = h("button", { type: "button", id: "evidence-more", text: t("evidence.more") });
  const note = (n) => h("li", { class: "note-item", id: `note-${n.id}` },
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
      ? t.plural("evidence.showing", feed.total, { shown: formatNumber(count, lang), total: formatNumber(feed.total, lang) })
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
      field({ form: "evidence", name: "observed_on", label: t("evidence.observed_on"), type: "date", ctx, hint: t("evidence.observed_hint") }).wrap,
      field({ form: "evidence", name: "milestone_id", label: t("evidence.milestone"), type: "select",
        options: [["", t("common.none")], ...page.milestones.map((m) => [m.id, m.title])] }).wrap),
    field({ form: "evidence", name: "text", label: t("evidence.text"), type: "textarea", rows: 3, required: true, hint: t("evidence.text_hint") }).wrap,
    field({ form: "evidence", name: "source_ref", label: t("evidence.source_ref"), hint: t("evidence.source_hint") }).wrap,
    h("div", { class: "actions" }, h("button", { type: "submit", text: t("evidence.add") })));
  onSubmit(form, t, async () => {
    const observed = value(form, "observed_on");
    const added = await ctx.invoke("add_evidence", {
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
    // Saved from the keyboard in the text (Ctrl+Enter), focus stays there
    // for the next note; from the button, whose disabling dropped it, it
    // goes to the new note (or, when the feed's filter hides it, to the
    // form's first field).
    const lost = document.activeElement === document.body || document.activeElement.type === "submit";
    if (form.focusWasIn && lost && !ctx.focusOn(`note-${added.id}`)) ctx.focusOn("evidence-kind");
    ctx.confirmSaved(t("evidence.added"));
  });
  return form;
}

/**
 * The evidence section. A saved note redraws only the feed and the
 * changes (`changes.reload`): the rest of the page, and whatever is typed
 * in its other forms, stays as it is.
 */
export function evidenceSection(ctx, page, changes) {
  const feed = evidenceFeed(ctx, page);
  const saved = () => Promise.all([feed.reload(), changes.reload()]).catch(feed.failed);
  return section("evidence", ctx.t("evidence.heading"),
    ctx.reviewMode ? null : evidenceForm(ctx, page, saved), feed.nodes);
}
