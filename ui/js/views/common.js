// Pieces several screens share: chips, status lines, links.

import { h } from "../dom.js";
import { CONFIDENCE_KEYS, REVIEW_KEYS, STATUS_KEYS, formatDate } from "../i18n.js";

/** A confidence rating as a coloured chip that always carries its words. */
export function confidenceChip(t, key) {
  if (!key) return h("span", { class: "muted", text: t("common.none_dash") });
  return h("span", { class: `chip chip-${key}`, text: t(CONFIDENCE_KEYS[key]) });
}

export function statusText(t, key) {
  return key ? t(STATUS_KEYS[key]) : t("common.not_reported");
}

export function reviewBadge(t, state) {
  if (!state) return null;
  return h("span", { class: `review review-${state}`, text: t(REVIEW_KEYS[state]) });
}

/**
 * How the review stands, said with who and when: "Accepted by … on …",
 * "Returned by … on … with: …", or "Awaiting review".
 */
export function reviewOutcome(ctx, a) {
  const { t, lang } = ctx;
  const who = { name: a.reviewed_by || "", when: a.reviewed_at ? formatDate(a.reviewed_at.slice(0, 10), lang) : "" };
  // Where the page knows (`signed` is given), whether a key signed it.
  const how = a.signed === undefined ? null : signature(t, a.signed);
  if (a.review_state === "accepted" && a.reviewed_by) {
    return h("span", { class: "review-outcome review-accepted" }, t("review.accepted_by", who), how ? " · " : null, how);
  }
  if (a.review_state === "returned" && a.reviewed_by) {
    return h("span", { class: "review-outcome review-returned" },
      t("review.returned_by", { ...who, comment: a.review_comment }), how ? " · " : null, how);
  }
  return reviewBadge(t, a.review_state);
}

/**
 * Whether a registered reviewer's key signed a review: "signed with key
 * ABCD 1234", or "by name, not signed" (`signed` is null).
 */
export function signature(t, signed) {
  return h("span", { class: `signature ${signed ? "signed" : "by-name"}`,
    text: signed ? t("review.signed_with", { key: signed.key }) : t("review.by_name") });
}

export function recommendationLink(id, number, title) {
  return h("a", { href: `#/recommendation/${id}` }, `${number}. ${title}`);
}

export function dateText(iso, lang) {
  return h("time", { datetime: iso, class: "nowrap", text: formatDate(iso, lang) });
}

/** "3 days ago", "today". */
export function daysAgo(t, days) {
  if (days === 0) return t("common.today");
  return t.plural("common.days_ago", days);
}

/** A screen's title block. */
export function pageHeading(text, ...extra) {
  return h("div", { class: "page-head" }, h("h1", { text }), extra);
}

/**
 * A button that shows and hides what `build()` makes, built the first time
 * it opens. A button with `aria-expanded`, not `<details>`: WebKitGTK gives
 * screen readers a `<summary>` as an unknown object with no expanded state.
 * Returns `{button, panel}`; `button.reveal()` opens it without a click.
 */
export function disclosure({ id, text, className = "", build }) {
  const panel = h("div", { id: `${id}-panel`, class: "disclosure-panel", hidden: true });
  const button = h("button", {
    type: "button", id, class: `link-button disclosure ${className}`.trim(),
    "aria-expanded": "false", "aria-controls": panel.id, text,
  });
  const show = (open) => {
    if (open && !panel.firstChild) panel.append(...[build()].flat());
    panel.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
  };
  button.reveal = () => show(true);
  button.addEventListener("click", () => show(panel.hidden));
  return { button, panel };
}
