// Followthrough's window: the header controls, the router and the shared
// context every screen receives. Screens live in views/.

import { invoke } from "./api.js";
import { runOperation } from "./operations.js";
import { h, labelTableCells, replace } from "./dom.js";
import { chooseLanguage, errorMessage, translator } from "./i18n.js";
import { nextZoom, parseRoute } from "./model.js";
import { renderDashboard } from "./views/dashboard.js";
import { renderRecommendation } from "./views/recommendation/index.js";
import { renderOwners } from "./views/owners.js";
import { renderPeriod } from "./views/period.js";
import { renderBriefing } from "./views/briefing.js";
import { renderSearch } from "./views/search.js";
import { renderAudit } from "./views/audit.js";
import { renderBackups } from "./views/backups.js";
import { renderOpenError } from "./views/open_error.js";
import { renderReviews } from "./views/reviews.js";
import { renderPackage } from "./views/package.js";

const VIEWS = {
  dashboard: renderDashboard,
  recommendation: renderRecommendation,
  owners: renderOwners,
  period: renderPeriod,
  briefing: renderBriefing,
  search: renderSearch,
  audit: renderAudit,
  backups: renderBackups,
  reviews: renderReviews,
  package: renderPackage,
};

const state = {
  info: null,
  lang: "en",
  t: translator("en"),
  reviewMode: false,
  readyReported: false,
  /** A message for the next screen drawn (after a restore). */
  flash: null,
  /** A confirmation to show once the next screen is drawn (after a save that navigates). */
  confirmNext: null,
};

/** Says something to screen-reader users without moving focus. */
function announce(message) {
  const region = document.getElementById("announcer");
  region.textContent = "";
  window.setTimeout(() => { region.textContent = message; }, 50);
}

/** Fills every element marked with data-i18n (text) or data-i18n-* (attributes). */
function translateStatic() {
  const { t } = state;
  document.documentElement.lang = state.lang === "fr" ? "fr-CA" : "en-CA";
  for (const node of document.querySelectorAll("[data-i18n]")) {
    node.textContent = t(node.dataset.i18n);
  }
  for (const node of document.querySelectorAll("[data-i18n-aria-label]")) {
    node.setAttribute("aria-label", t(node.dataset.i18nAriaLabel));
  }
  const other = state.lang === "fr" ? "en" : "fr";
  const langButton = document.getElementById("language-switch");
  langButton.textContent = t("header.language_switch");
  langButton.lang = other === "fr" ? "fr-CA" : "en-CA";
  document.getElementById("review-mode").checked = state.reviewMode;
  document.body.classList.toggle("review-mode", state.reviewMode);
}

function markCurrentNav(view) {
  for (const a of document.querySelectorAll("nav.main-nav a")) {
    if (a.dataset.view === view) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

/** Codes with which a command says the tracker can no longer be used. */
const UNAVAILABLE = new Set(["damaged", "tampered", "audit_chain_broken", "trail_behind_witness"]);

/**
 * A command, as the screens call it. If it fails because the tracker was
 * closed meanwhile (the full check run after start-up found it damaged),
 * the window shows why and offers the newest good backup.
 */
async function guardedInvoke(command, args) {
  try {
    return await invoke(command, args);
  } catch (err) {
    if (err && UNAVAILABLE.has(err.code) && !state.info.open_error) {
      const info = await invoke("app_info").catch(() => null);
      if (info && info.open_error) {
        state.info = info;
        showInfo();
        render();
      }
    }
    throw err;
  }
}

/**
 * Says visibly, and to screen readers, what was just saved. The note sits
 * at the foot of the window, whatever is scrolled, until the next screen or
 * the next confirmation, or until dismissed.
 */
function confirmSaved(message) {
  const box = document.getElementById("confirmation");
  const text = document.getElementById("confirmation-text");
  text.textContent = "";
  box.hidden = false;
  // Whatever is focused or scrolled to stays clear of the note.
  document.documentElement.classList.add("confirming");
  // Emptied first and filled a moment later, so the same words said twice
  // are announced twice.
  window.setTimeout(() => { text.textContent = message; }, 50);
}

function dismissConfirmation() {
  const box = document.getElementById("confirmation");
  // Dismissed from its own button, focus goes back to the screen's heading
  // rather than falling to the page.
  const hadFocus = box.contains(document.activeElement);
  box.hidden = true;
  document.getElementById("confirmation-text").textContent = "";
  document.documentElement.classList.remove("confirming");
  if (hadFocus) {
    const heading = document.querySelector("main h1");
    if (heading) focusOn(heading);
  }
}

/**
 * Focuses `target` (an element, or the id of one), first making it
 * focusable if it is not a control, and brings it into view if it is not
 * (scrolling no more than needed, and not at all when it is in view).
 */
function focusOn(target) {
  const node = typeof target === "string" ? document.getElementById(target) : target;
  if (!node) return false;
  if (node.tabIndex < 0 && !node.hasAttribute("tabindex")) node.tabIndex = -1;
  node.focus({ preventScroll: true });
  const box = node.getBoundingClientRect();
  // The confirmation covers the foot of the window.
  const bottom = window.innerHeight - 80;
  if (box.top < 0 || box.bottom > bottom) node.scrollIntoView({ block: box.height > bottom / 2 ? "start" : "center" });
  return document.activeElement === node;
}

function context() {
  return {
    t: state.t,
    lang: state.lang,
    info: state.info,
    reviewMode: state.reviewMode,
    invoke: guardedInvoke,
    operation: (command, args, spec) => runOperation({ invoke: guardedInvoke, t: state.t }, command, args, spec),
    announce,
    refresh: () => render({ keepFocus: true }),
    /**
     * After a save: draws the screen again, keeping what is typed elsewhere,
     * moves focus to `focus` (an id, or a function of the screen returning
     * the element) — the changed item or the form's next field — and shows
     * `message`.
     */
    saved: async (message, focus = null) => {
      await render({ keepFocus: true, focus });
      confirmSaved(message);
    },
    confirmSaved,
    /** Shows `message` as a confirmation once the next screen is drawn. */
    flash: (message) => { state.confirmNext = message; },
    focusOn,
    trackerReplaced,
  };
}

/** Shows the facts about the open file in the header. */
function showInfo() {
  document.getElementById("data-file").textContent = state.info.data_file;
  document.getElementById("actor").textContent = state.info.actor;
  document.getElementById("version").textContent = state.info.version;
  document.getElementById("sample-banner").hidden = !state.info.sample;
}

/**
 * After a restore: the window now holds another tracker (perhaps the first
 * one it could open). Reads its facts again and shows its dashboard with
 * `message`.
 */
async function trackerReplaced(message) {
  state.info = await invoke("app_info");
  showInfo();
  state.flash = message;
  announce(message);
  if (parseRoute(window.location.hash).view === "dashboard") await render();
  else window.location.hash = "#/";
}

/** Values the user changed and has not saved, by control id. */
function unsavedValues(root) {
  const values = new Map();
  for (const c of root.querySelectorAll("input[id], textarea[id], select[id]")) {
    if (c.closest("form[data-saving]")) continue;
    if (c.type === "checkbox") {
      if (c.checked !== c.defaultChecked) values.set(c.id, c.checked);
    } else if (c.tagName === "SELECT") {
      const initial = [...c.options].find((o) => o.defaultSelected);
      if (c.value !== (initial ? initial.value : c.options[0]?.value)) values.set(c.id, c.value);
    } else if (c.value !== c.defaultValue) {
      values.set(c.id, c.value);
    }
  }
  return values;
}

/**
 * The control with `id`, building it first if it lives in a part of the
 * screen that is built when opened (an element whose `data-builds` names
 * the id's prefix and whose `reveal()` opens it).
 */
function controlById(root, id) {
  const c = root.querySelector(`#${CSS.escape(id)}`);
  if (c) return c;
  const opener = [...root.querySelectorAll("[data-builds]")]
    .find((o) => o.dataset.builds.split(" ").some((prefix) => id.startsWith(prefix)));
  if (!opener || typeof opener.reveal !== "function") return null;
  opener.reveal();
  return root.querySelector(`#${CSS.escape(id)}`);
}

function restoreValues(root, values) {
  for (const [id, v] of values) {
    const c = controlById(root, id);
    if (!c) continue;
    if (c.type === "checkbox") c.checked = v;
    else c.value = v;
    // A form hidden until opened (a re-plan, an edit, a change of review)
    // stays open while it holds unsaved text.
    const box = c.closest("[hidden]");
    if (box) {
      const toggle = box.id ? root.querySelector(`[aria-controls="${CSS.escape(box.id)}"]`) : null;
      if (toggle && typeof toggle.reveal === "function") {
        toggle.reveal();
      } else {
        box.hidden = false;
        if (toggle) toggle.setAttribute("aria-expanded", "true");
      }
    }
  }
}

/** How many renders have started: the newest is the one that draws. */
let renders = 0;
/** The `beforeDraw` of every render not yet drawn: a render set aside for
 * a newer one leaves its change to the window (the language) to it. */
let beforeDraws = [];

function runBeforeDraws() {
  const due = beforeDraws;
  beforeDraws = [];
  for (const f of due) f();
}

/**
 * Draws the screen the location names. After a save (`keepFocus`) the
 * element that had focus is focused again if it still exists; after a
 * navigation, focus moves to the screen's heading. `beforeDraw` runs once
 * the new screen is built, just before it replaces the old one, so that a
 * change to the whole window (the language, review mode) and the new
 * screen are laid out and painted together, once.
 */
async function render({ keepFocus = false, focus = null, beforeDraw = () => {} } = {}) {
  // Renders may overlap (a language switch while a screen is still being
  // read from the tracker): only the newest draws, so a slower, older one
  // cannot put back the screen the user has just left.
  const generation = ++renders;
  beforeDraws.push(beforeDraw);
  const main = document.getElementById("main");
  const route = parseRoute(window.location.hash);
  markCurrentNav(route.view);
  const focusedId = keepFocus && document.activeElement ? document.activeElement.id : null;
  const scroll = window.scrollY;
  // Text typed into other forms survives the re-render (a save elsewhere on
  // the page, a language switch): nothing a user typed is lost.
  const drafts = keepFocus ? unsavedValues(main) : new Map();
  try {
    // A file that could not be opened shows why (and how to recover) on
    // every route.
    const view = state.info.open_error ? renderOpenError : VIEWS[route.view];
    const { title, nodes } = await view(context(), route);
    if (generation !== renders) return;
    runBeforeDraws();
    document.title = `${title} — Followthrough`;
    if (state.flash) {
      nodes.splice(1, 0, h("p", { class: "note flash", role: "status", text: state.flash }));
      state.flash = null;
    }
    // Tables get their cells' labels before they are in the page, so
    // setting them costs no second pass of style.
    for (const node of nodes) if (node instanceof Element) labelTableCells(node);
    replace(main, nodes);
    restoreValues(main, drafts);
    if (state.confirmNext) {
      confirmSaved(state.confirmNext);
      state.confirmNext = null;
    }
    if (keepFocus) {
      window.scrollTo(0, scroll);
      const target = typeof focus === "function" ? focus(main) : focus;
      const again = focusedId && document.getElementById(focusedId);
      if (!(target && focusOn(target)) && again) again.focus();
    } else {
      const heading = main.querySelector("h1");
      if (heading) {
        heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
      }
      window.scrollTo(0, 0);
    }
    if (route.view === "dashboard" && !state.info.open_error && !state.readyReported) {
      state.readyReported = true;
      // After the next paint: start-up is timed to the dashboard on screen.
      const rows = main.querySelectorAll("tbody tr[data-recommendation]").length;
      requestAnimationFrame(() => requestAnimationFrame(() => invoke("ui_ready", { rows })));
    }
  } catch (err) {
    if (generation !== renders) return;
    runBeforeDraws();
    replace(main, h("div", { class: "banner banner-error", role: "alert" }, errorMessage(state.t, err)));
  }
}

function setUpActorForm() {
  const form = document.getElementById("actor-form");
  const input = document.getElementById("actor-input");
  const error = document.getElementById("actor-error");
  const toggle = document.getElementById("actor-change");
  const close = () => {
    form.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    error.hidden = true;
    input.removeAttribute("aria-invalid");
    toggle.focus();
  };
  toggle.addEventListener("click", () => {
    input.value = document.getElementById("actor").textContent;
    form.hidden = false;
    toggle.setAttribute("aria-expanded", "true");
    input.focus();
    input.select();
  });
  document.getElementById("actor-cancel").addEventListener("click", close);
  form.addEventListener("keydown", (e) => { if (e.key === "Escape") close(); });
  onNameSaved(form, input, error, async () => {
    close();
    // What the screen says of who may review follows the new name.
    await render({ keepFocus: true });
  });
}

/**
 * Wires a form that sets the person's name (the header's, the first
 * start's): the name is saved and shown in the header, the first-start
 * question is put away, `after()` redraws as the form needs, and the
 * confirmation says so. A refused name is said beside `input`, what was
 * typed kept.
 */
function onNameSaved(form, input, error, after) {
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const saved = await invoke("set_actor", { name: input.value });
      state.info.actor = saved;
      state.info.actor_chosen = true;
      document.getElementById("actor").textContent = saved;
      document.getElementById("first-start").hidden = true;
      await after();
      confirmSaved(state.t("actor.saved", { name: saved }));
    } catch (err) {
      error.textContent = errorMessage(state.t, err);
      error.hidden = false;
      input.setAttribute("aria-invalid", "true");
      input.focus();
    }
  });
}

/**
 * On first start (no name saved yet), asks once for the person's name,
 * offering the operating system's: every change records it, and the
 * two-key rule compares it.
 */
function setUpFirstStart() {
  const form = document.getElementById("first-start-form");
  const input = document.getElementById("first-start-name");
  const error = document.getElementById("first-start-error");
  // Drawn again for the new name, keeping anything typed meanwhile.
  onNameSaved(form, input, error, () => render({ keepFocus: true, focus: (main) => main.querySelector("h1") }));
}

/** Shows the first-start question if no name was saved, and focuses it. */
function askNameIfNew() {
  if (state.info.actor_chosen || state.info.open_error) return;
  const input = document.getElementById("first-start-name");
  document.getElementById("first-start").hidden = false;
  input.value = state.info.suggested_actor || "";
  input.focus();
  input.select();
}

/**
 * On a narrow window (a small laptop, 200 % zoom) the header is one line:
 * the screens sit behind "Menu", which opens them and the data file's
 * name, and closes again once a screen is chosen.
 */
function setUpCompactMenu() {
  const header = document.querySelector(".app-header");
  const toggle = document.getElementById("nav-toggle");
  const open = (yes) => {
    header.classList.toggle("nav-open", yes);
    toggle.setAttribute("aria-expanded", String(yes));
  };
  toggle.addEventListener("click", () => open(!header.classList.contains("nav-open")));
  window.addEventListener("hashchange", () => open(false));
  header.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && header.classList.contains("nav-open")) {
      open(false);
      toggle.focus();
    }
  });
}

/**
 * Ctrl+= (or Ctrl++) and Ctrl+- zoom the page a step in or out, Ctrl+0
 * back to 100 %; the zoom is kept for the next start.
 */
function setUpZoomKeys() {
  window.addEventListener("keydown", async (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const direction = { "=": 1, "+": 1, "-": -1, "_": -1, 0: 0 }[e.key];
    if (direction === undefined) return;
    e.preventDefault();
    if (!state.info) return;
    // Taken at once, so presses in quick succession step from each other.
    const before = state.info.zoom_percent;
    const wanted = nextZoom(before, direction);
    state.info.zoom_percent = wanted;
    try {
      await invoke("set_zoom", { percent: wanted });
      announce(state.t("header.zoom", { percent: wanted }));
    } catch (err) {
      if (state.info.zoom_percent === wanted) state.info.zoom_percent = before;
      announce(errorMessage(state.t, err));
    }
  });
}

function setUpHeader() {
  setUpActorForm();
  setUpCompactMenu();
  setUpZoomKeys();
  document.getElementById("language-switch").addEventListener("click", async () => {
    const before = state.lang;
    const next = before === "fr" ? "en" : "fr";
    const setLanguage = (lang) => { state.lang = lang; state.t = translator(lang); };
    const saved = await switchPreference(() => setLanguage(next), () => setLanguage(before),
      invoke("set_language", { language: next }));
    document.getElementById("language-switch").focus();
    if (saved) announce(state.t("header.language_changed"));
  });
  document.getElementById("review-mode").addEventListener("change", async (e) => {
    const on = e.target.checked;
    const saved = await switchPreference(() => { state.reviewMode = on; }, () => { state.reviewMode = !on; },
      invoke("set_review_mode", { on }));
    if (saved) announce(state.t(state.reviewMode ? "header.review_on" : "header.review_off"));
  });
}

/**
 * A preference switched in the header: the window changes at once while
 * the preference is saved (a durable write of the settings file, which
 * can take longer than a frame); if saving fails, the window goes back as
 * it was and says why. `saving` is the save already under way. Whether it
 * was saved.
 */
async function switchPreference(change, undo, saving) {
  const failed = saving.then(() => null, (err) => err);
  change();
  await render({ keepFocus: true, beforeDraw: translateStatic });
  const err = await failed;
  if (!err) return true;
  undo();
  await render({ keepFocus: true, beforeDraw: translateStatic });
  announce(errorMessage(state.t, err));
  return false;
}

async function start() {
  setUpHeader();
  setUpFirstStart();
  try {
    state.info = await invoke("app_info");
  } catch (err) {
    replace(document.getElementById("main"),
      h("div", { class: "banner banner-error", role: "alert" }, String(err && err.message ? err.message : err)));
    return;
  }
  state.lang = chooseLanguage(state.info.language, navigator.language);
  state.t = translator(state.lang);
  state.reviewMode = state.info.review_mode;
  showInfo();
  translateStatic();
  window.addEventListener("hashchange", () => {
    dismissConfirmation();
    render();
  });
  document.getElementById("confirmation-dismiss").addEventListener("click", dismissConfirmation);
  await render();
  askNameIfNew();
}

document.addEventListener("DOMContentLoaded", start);
