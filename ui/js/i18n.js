// Looking up interface strings and formatting dates and numbers for the
// chosen language. Pure functions, shared by the window and the unit tests.

import en from "../i18n/en.js";
import fr from "../i18n/fr.js";

export const CATALOGUES = { en, fr };
export const LANGUAGES = ["en", "fr"];

/** Keys of the vocabularies the core sends, by value. */
export const STATUS_KEYS = {
  fully_implemented: "status.fully_implemented",
  in_process: "status.in_process",
  little_or_no_progress: "status.little_or_no_progress",
  will_not_be_implemented: "status.will_not_be_implemented",
  no_longer_applicable: "status.no_longer_applicable",
};
export const CONFIDENCE_KEYS = {
  green: "confidence.green",
  amber_green: "confidence.amber_green",
  amber: "confidence.amber",
  amber_red: "confidence.amber_red",
  red: "confidence.red",
};
export const CONFIDENCE_DEFINITION_KEYS = {
  green: "confidence.green.definition",
  amber_green: "confidence.amber_green.definition",
  amber: "confidence.amber.definition",
  amber_red: "confidence.amber_red.definition",
  red: "confidence.red.definition",
};
export const REVIEW_KEYS = {
  pending: "review.pending",
  accepted: "review.accepted",
  returned: "review.returned",
};
export const TREND_KEYS = {
  up: "trend.up",
  down: "trend.down",
  same: "trend.same",
  new: "trend.new",
};
export const MILESTONE_STATE_KEYS = {
  planned: "milestone_state.planned",
  in_progress: "milestone_state.in_progress",
  done: "milestone_state.done",
  deferred: "milestone_state.deferred",
  cancelled: "milestone_state.cancelled",
};
export const EVIDENCE_KIND_KEYS = {
  progress: "evidence_kind.progress",
  decision: "evidence_kind.decision",
  risk: "evidence_kind.risk",
  issue: "evidence_kind.issue",
  document: "evidence_kind.document",
  metric: "evidence_kind.metric",
};
export const PERIOD_STATE_KEYS = {
  open: "period_state.open",
  signed_off: "period_state.signed_off",
};
export const ERROR_CODE_KEYS = {
  invalid_input: "error.code.invalid_input",
  not_found: "error.code.not_found",
  period_label_taken: "error.code.period_label_taken",
  periods_overlap: "error.code.periods_overlap",
  owner_holds_work: "error.code.owner_holds_work",
  milestone_closed: "error.code.milestone_closed",
  period_signed_off: "error.code.period_signed_off",
  period_incomplete: "error.code.period_incomplete",
  evidence_required: "error.code.evidence_required",
  same_reviewer: "error.code.same_reviewer",
  review_state: "error.code.review_state",
  not_a_database: "error.code.not_a_database",
  foreign_database: "error.code.foreign_database",
  newer_schema: "error.code.newer_schema",
  already_open: "error.code.already_open",
  damaged: "error.code.damaged",
  audit_chain_broken: "error.code.audit_chain_broken",
  database: "error.code.database",
  io: "error.code.io",
  briefing_failed: "error.code.briefing_failed",
  missing: "error.code.missing",
  not_a_file: "error.code.not_a_file",
  exists: "error.code.exists",
  busy: "error.code.busy",
  disk_full: "error.code.disk_full",
  output_refused: "error.code.output_refused",
  tampered: "error.code.tampered",
  trail_behind_witness: "error.code.trail_behind_witness",
  cancelled: "error.code.cancelled",
  signature_required: "error.code.signature_required",
  not_a_reviewer: "error.code.not_a_reviewer",
  not_this_tracker: "error.code.not_this_tracker",
  changed_since_review: "error.code.changed_since_review",
  exchange_refused: "error.code.exchange_refused",
};
/** Why a review package or response was refused whole, by the core's reason. */
export const EXCHANGE_KEYS = {
  not_readable: "error.exchange.not_readable",
  damaged: "error.exchange.damaged",
  wrong_kind: "error.exchange.wrong_kind",
  bad_signature: "error.exchange.bad_signature",
  not_sent_here: "error.exchange.not_sent_here",
  untrusted_sender: "error.exchange.untrusted_sender",
};
/** Why an output (an exported briefing) was refused, by the core's reason. */
export const REFUSAL_KEYS = {
  data_file: "error.refusal.data_file",
  side_file: "error.refusal.side_file",
  backup: "error.refusal.backup",
  database: "error.refusal.database",
  not_a_regular_file: "error.refusal.not_a_regular_file",
};
export const RULE_KEYS = {
  required: "error.rule.required",
  too_long: "error.rule.too_long",
  control_character: "error.rule.control_character",
  not_a_date: "error.rule.not_a_date",
  date_out_of_range: "error.rule.date_out_of_range",
  end_before_start: "error.rule.end_before_start",
  in_future: "error.rule.in_future",
  not_an_email: "error.rule.not_an_email",
  unknown_value: "error.rule.unknown_value",
  not_in_range: "error.rule.not_in_range",
  inactive: "error.rule.inactive",
  duplicate: "error.rule.duplicate",
  unchanged: "error.rule.unchanged",
  invisible_character: "error.rule.invisible_character",
  too_short: "error.rule.too_short",
  wrong_passphrase: "error.rule.wrong_passphrase",
  not_a_key_file: "error.rule.not_a_key_file",
  not_a_public_key: "error.rule.not_a_public_key",
  already_registered: "error.rule.already_registered",
};

/** The plural categories `Intl.PluralRules` can name, in CLDR's order. */
export const PLURAL_CATEGORIES = ["zero", "one", "two", "few", "many", "other"];

/** The locale the language's numbers and plurals follow. */
function locale(lang) {
  return lang === "fr" ? "fr-CA" : "en-CA";
}

const pluralRules = new Map();

/**
 * The plural category of `count` in `lang`: "one" or "other" in English
 * (0 is "other": "0 results"); "one", "many" or "other" in French (0 and 1
 * are "one": "0 jalon en retard"; "many" is for round millions).
 */
export function pluralCategory(lang, count) {
  const key = locale(lang);
  if (!pluralRules.has(key)) pluralRules.set(key, new Intl.PluralRules(key));
  return pluralRules.get(key).select(count);
}

/** The categories a language's plural strings must all have, e.g. ["one", "other"]. */
export function pluralCategories(lang) {
  return new Intl.PluralRules(locale(lang)).resolvedOptions().pluralCategories;
}

/**
 * Splits a catalogue key into its plural base and category
 * ("attention.overdue.one" → ["attention.overdue", "one"]), or null for a
 * key that is not one form of a plural string.
 */
export function pluralForm(key) {
  const dot = key.lastIndexOf(".");
  const category = key.slice(dot + 1);
  return dot > 0 && PLURAL_CATEGORIES.includes(category) ? [key.slice(0, dot), category] : null;
}

function fill(text, params) {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole);
}

/**
 * Returns `t(key, params)` for `lang`: the string with `{name}` replaced by
 * `params.name`. An unknown key is a programming error: it throws, so tests
 * catch it.
 *
 * `t.plural(key, count, params)` says a count: the catalogue holds one
 * string per plural category of the language, under `key.one`,
 * `key.other` (and `key.many` in French …), and the one used is the
 * category `Intl.PluralRules` gives `count`. `{n}` is `count` written with
 * the language's grouping unless `params` says otherwise.
 */
export function translator(lang) {
  const language = Object.prototype.hasOwnProperty.call(CATALOGUES, lang) ? lang : "en";
  const catalogue = CATALOGUES[language];
  function t(key, params) {
    const text = catalogue[key];
    if (text === undefined) throw new Error(`missing string ${key} (${lang})`);
    return fill(text, params);
  }
  t.lang = language;
  t.plural = function plural(key, count, params) {
    // A category this engine's rules add but the catalogue lacks reads as
    // "other", the form every language has.
    const text = catalogue[`${key}.${pluralCategory(language, count)}`] ?? catalogue[`${key}.other`];
    if (text === undefined) throw new Error(`missing plural string ${key} (${lang})`);
    return fill(text, { n: formatNumber(count, language), ...params });
  };
  return t;
}

const MONTHS = {
  en: ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"],
  fr: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre"],
};

/** Splits `YYYY-MM-DD` into numbers, or null when it is not one. */
function parseIsoDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  return m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
}

/** A month's name and year as people read them: "November 2026", "novembre 2026". */
export function formatMonth(year, month, lang) {
  return `${MONTHS[lang === "fr" ? "fr" : "en"][month - 1]} ${year}`;
}

/** The days of the week, Sunday first, short ("Sun", "dim."). */
export function weekdayNames(lang, width = "short") {
  const format = new Intl.DateTimeFormat(locale(lang), { weekday: width, timeZone: "UTC" });
  // 2026-11-01 was a Sunday.
  return [...Array(7)].map((_, i) => format.format(Date.UTC(2026, 10, 1 + i)));
}

/**
 * A data date (`2026-11-25`) as people read it: "November 25, 2026" in
 * English, "25 novembre 2026" in French ("1er" for the first of the month).
 */
export function formatDate(iso, lang) {
  const p = parseIsoDate(iso);
  if (!p) return iso || "";
  if (lang === "fr") {
    return `${p.d === 1 ? "1er" : p.d} ${MONTHS.fr[p.m - 1]} ${p.y}`;
  }
  return `${MONTHS.en[p.m - 1]} ${p.d}, ${p.y}`;
}

/** A UTC timestamp from the audit trail, in local time. */
export function formatDateTime(utc, lang) {
  const when = new Date(utc);
  if (Number.isNaN(when.getTime())) return utc || "";
  const pad = (n) => String(n).padStart(2, "0");
  const iso = `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}`;
  const time = lang === "fr"
    ? `${when.getHours()} h ${pad(when.getMinutes())}`
    : `${pad(when.getHours())}:${pad(when.getMinutes())}`;
  return `${formatDate(iso, lang)}, ${time}`;
}

/** A whole number with the language's grouping (1,234 or 1 234). */
export function formatNumber(n, lang) {
  return new Intl.NumberFormat(locale(lang)).format(n);
}

/** A file size in the language's units: "48.3 kB" or "48,3 ko". */
export function formatSize(bytes, lang) {
  const [unit, value] = bytes >= 1e6 ? ["megabyte", bytes / 1e6]
    : bytes >= 1e3 ? ["kilobyte", bytes / 1e3]
      : ["byte", bytes];
  return new Intl.NumberFormat(locale(lang),
    { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 }).format(value);
}

/** The language to start in: the saved choice, else the system's. */
export function chooseLanguage(saved, systemLocale) {
  if (LANGUAGES.includes(saved)) return saved;
  return String(systemLocale || "").toLowerCase().startsWith("fr") ? "fr" : "en";
}

/** `items` joined as a list is read in `lang` ("1, 2 and 5"; "1, 2 et 5"). */
export function formatList(items, lang) {
  return new Intl.ListFormat(lang === "fr" ? "fr-CA" : "en-CA", { type: "conjunction" }).format(items.map(String));
}

/**
 * Errors whose sentence names the facts the core sent in `details` (a
 * period's label and dates, an owner's work, recommendation numbers),
 * counted and listed in the user's language.
 */
const DETAILED = {
  period_label_taken: (t, d) => t("error.code.period_label_taken", { label: d.label }),
  periods_overlap: (t, d) => t("error.code.periods_overlap", {
    label: d.label, starts_on: formatDate(d.starts_on, t.lang), ends_on: formatDate(d.ends_on, t.lang),
  }),
  owner_holds_work: (t, d) => t("error.code.owner_holds_work", {
    name: d.name,
    work: formatList([
      d.lead_of ? t.plural("error.work.lead", d.lead_of) : null,
      d.supporting ? t.plural("error.work.supporting", d.supporting) : null,
      d.milestones ? t.plural("error.work.milestones", d.milestones, { open: formatNumber(d.open_milestones, t.lang) }) : null,
    ].filter(Boolean), t.lang),
  }),
  milestone_closed: (t, d) => t("error.code.milestone_closed", {
    title: d.title, state: MILESTONE_STATE_KEYS[d.state] ? t(MILESTONE_STATE_KEYS[d.state]).toLowerCase() : d.state,
  }),
  period_incomplete: (t, d) => [
    t("error.code.period_incomplete", { label: d.label }),
    d.missing.length ? t.plural("error.incomplete.missing", d.missing.length, { numbers: formatList(d.missing, t.lang) }) : null,
    d.unaccepted.length ? t.plural("error.incomplete.unaccepted", d.unaccepted.length, { numbers: formatList(d.unaccepted, t.lang) }) : null,
  ].filter(Boolean).join(" "),
  review_state: (t, d) => t(d.state === "returned" ? "error.review_state.returned" : "error.review_state.accepted"),
  exchange_refused: (t, d) => t(EXCHANGE_KEYS[d.reason] || "error.code.exchange_refused"),
};

/**
 * The sentence to show for an error from the core, in the user's language:
 * by rule for input errors (shown beside their field), by code otherwise.
 * `keysByCode` lets a screen say it its own way for some codes (a damaged
 * backup rather than a damaged data file).
 */
export function errorMessage(t, err, keysByCode) {
  if (!err || typeof err !== "object") return t("error.unexpected", { detail: String(err) });
  if (keysByCode && Object.prototype.hasOwnProperty.call(keysByCode, err.code)) return t(keysByCode[err.code]);
  if (err.details && DETAILED[err.code]) return DETAILED[err.code](t, err.details);
  if (err.code === "invalid_input" && err.rule && RULE_KEYS[err.rule]) return t(RULE_KEYS[err.rule]);
  if (err.code === "output_refused" && err.refusal && REFUSAL_KEYS[err.refusal]) return t(REFUSAL_KEYS[err.refusal]);
  if (ERROR_CODE_KEYS[err.code]) return t(ERROR_CODE_KEYS[err.code]);
  return t("error.unexpected", { detail: err.message || String(err) });
}
