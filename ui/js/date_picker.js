// A calendar beside a date field. The field stays a text field in the form
// YYYY-MM-DD, so typed dates work as before and a mistyped one still
// reaches the core, which says what is wrong; the calendar only fills it.
//
// "Calendar" opens the month of the field's date (or today's): each day a
// button named with its full date; arrow keys move a day or a week, Page
// Up and Page Down a month, Home and End to the week's ends; Enter or a
// click picks the day and puts focus back in the field; Escape closes.

import { h } from "./dom.js";
import { formatDate, formatMonth, weekdayNames } from "./i18n.js";
import { addDays, addMonths, isDay, monthWeeks } from "./calendar.js";

function todayText() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const MOVES = {
  ArrowLeft: (d) => addDays(d, -1),
  ArrowRight: (d) => addDays(d, 1),
  ArrowUp: (d) => addDays(d, -7),
  ArrowDown: (d) => addDays(d, 7),
  PageUp: (d) => addMonths(d, -1),
  PageDown: (d) => addMonths(d, 1),
  Home: (d) => addDays(d, -new Date(`${d}T00:00:00Z`).getUTCDay()),
  End: (d) => addDays(d, 6 - new Date(`${d}T00:00:00Z`).getUTCDay()),
};

/**
 * The "Calendar" button for `input` (labelled `label`) and the calendar it
 * opens. `ctx` gives the words (`t`) and the language.
 */
export function datePicker(input, label, ctx) {
  const { t, lang } = ctx;
  const id = `${input.id}-calendar`;
  const button = h("button", {
    type: "button", class: "date-pick", id: `${input.id}-pick`, "aria-expanded": "false", "aria-controls": id,
    "aria-label": t("date.pick_for", { label }), text: t("date.pick"),
  });
  const title = h("p", { class: "calendar-title", id: `${id}-title`, "aria-live": "polite" });
  const grid = h("table", { class: "calendar-grid", "aria-labelledby": title.id });
  // Its contents are put in the page the first time it opens: most date
  // fields are typed into, and a page has several.
  const dialog = h("div", { id, class: "calendar", role: "dialog", "aria-labelledby": title.id, hidden: true });
  const build = () => dialog.append(
    h("div", { class: "calendar-head" },
      h("button", { type: "button", class: "calendar-prev", "aria-label": t("date.previous_month"), text: "‹",
        onclick: () => draw(addMonths(focused, -1), true) }),
      title,
      h("button", { type: "button", class: "calendar-next", "aria-label": t("date.next_month"), text: "›",
        onclick: () => draw(addMonths(focused, 1), true) })),
    grid);
  let focused = null;

  function draw(day, focusDay) {
    focused = day;
    const [y, m] = day.split("-").map(Number);
    // Said again only when the month changes, not at every arrow key.
    const month = formatMonth(y, m, lang);
    if (title.textContent !== month) title.textContent = month;
    const chosen = input.value.trim();
    const today = todayText();
    const names = weekdayNames(lang);
    const long = weekdayNames(lang, "long");
    grid.replaceChildren(
      h("thead", null, h("tr", null, names.map((n, i) => h("th", { scope: "col", abbr: long[i], text: n })))),
      h("tbody", null, monthWeeks(day).map((week) => h("tr", null, week.map((d) => h("td", null, d === null ? null
        : h("button", {
          type: "button", class: "calendar-day", dataset: { day: d }, tabindex: d === day ? "0" : "-1",
          "aria-label": formatDate(d, lang), "aria-pressed": d === chosen ? "true" : "false",
          "aria-current": d === today ? "date" : false, text: String(Number(d.slice(8))),
        })))))));
    if (focusDay) grid.querySelector(`[data-day="${day}"]`).focus();
  }

  function open() {
    if (!dialog.firstChild) build();
    const start = isDay(input.value.trim()) ? input.value.trim() : todayText();
    dialog.hidden = false;
    button.setAttribute("aria-expanded", "true");
    draw(start, true);
  }

  function close(focusTarget) {
    dialog.hidden = true;
    button.setAttribute("aria-expanded", "false");
    if (focusTarget) focusTarget.focus();
  }

  function pick(day) {
    input.value = day;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
    close(input);
  }

  button.addEventListener("click", () => (dialog.hidden ? open() : close(button)));
  grid.addEventListener("click", (e) => {
    const day = e.target.closest("[data-day]");
    if (day) pick(day.dataset.day);
  });
  dialog.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      close(button);
      return;
    }
    const day = e.target.closest && e.target.closest("[data-day]");
    if (!day || !MOVES[e.key]) return;
    e.preventDefault();
    draw(MOVES[e.key](day.dataset.day), true);
  });
  // Focus leaving the calendar for another control (Tab out, a click on
  // one) closes it.
  dialog.addEventListener("focusout", (e) => {
    if (!dialog.hidden && e.relatedTarget && !dialog.contains(e.relatedTarget) && e.relatedTarget !== button) close(null);
  });
  return { button, dialog };
}
