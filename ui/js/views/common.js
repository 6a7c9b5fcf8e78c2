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
