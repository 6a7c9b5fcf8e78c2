// The English and French catalogues, and formatting for each language.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import en from "../../ui/i18n/en.js";
import fr from "../../ui/i18n/fr.js";
import {
  chooseLanguage, errorMessage, formatDate, formatDateTime, formatNumber, formatSize, pluralCategories, pluralCategory,
  pluralForm, translator, STATUS_KEYS, CONFIDENCE_KEYS, RULE_KEYS, ERROR_CODE_KEYS,
} from "../../ui/js/i18n.js";

const ui = join(dirname(fileURLToPath(import.meta.url)), "../../ui");

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === "i18n" ? [] : sources(p);
    return /\.(js|html)$/.test(e.name) ? [readFileSync(p, "utf8")] : [];
  });
}
const code = sources(ui).join("\n");

/**
 * A catalogue as the interface reads it: plain strings by key, and plural
 * strings by base key, each with its forms by category.
 */
function split(catalogue) {
  const plain = {};
  const plural = {};
  for (const [key, text] of Object.entries(catalogue)) {
    const form = pluralForm(key);
    if (form) (plural[form[0]] ||= {})[form[1]] = text;
    else plain[key] = text;
  }
  return { plain, plural };
}
const EN = split(en);
const FR = split(fr);
const sorted = (object) => Object.keys(object).sort();

test("both catalogues have exactly the same keys", () => {
  const missingInFr = Object.keys(EN.plain).filter((k) => !(k in FR.plain));
  const missingInEn = Object.keys(FR.plain).filter((k) => !(k in EN.plain));
  assert.deepEqual(missingInFr, [], "keys missing from fr.js");
  assert.deepEqual(missingInEn, [], "keys missing from en.js");
  assert.deepEqual(sorted(FR.plural), sorted(EN.plural), "plural strings of en.js and fr.js");
  const both = sorted(EN.plain).filter((k) => k in EN.plural);
  assert.deepEqual(both, [], "keys both plain and plural");
});

test("each plural string has every form its language's rules can select, and no other", () => {
  assert.ok(Object.keys(EN.plural).length > 0);
  for (const [lang, { plural }] of [["en", EN], ["fr", FR]]) {
    const categories = [...pluralCategories(lang)].sort();
    assert.ok(categories.includes("other"), lang);
    for (const [key, forms] of Object.entries(plural)) {
      assert.deepEqual(sorted(forms), categories, `forms of ${key} in ${lang}.js`);
    }
  }
  // What the rules give the numbers the interface shows most.
  assert.deepEqual([0, 1, 2].map((n) => pluralCategory("en", n)), ["other", "one", "other"]);
  assert.deepEqual([0, 1, 2].map((n) => pluralCategory("fr", n)), ["one", "one", "other"]);
});

test("every key is used by the interface", () => {
  const unused = Object.keys(EN.plain).filter((k) => !code.includes(`"${k}"`));
  assert.deepEqual(unused, [], "keys no screen uses");
  const unusedPlural = Object.keys(EN.plural).filter((k) => !new RegExp(`\\.plural\\(\\s*"${k.replace(/\./g, "\\.")}"`).test(code));
  assert.deepEqual(unusedPlural, [], "plural strings no screen counts with");
});

test("every key the interface names exists", () => {
  const named = new Set();
  for (const m of code.matchAll(/\bt\(\s*"([a-z_.]+)"/g)) named.add(m[1]);
  for (const m of code.matchAll(/data-i18n(?:-aria-label)?="([a-z_.]+)"/g)) named.add(m[1]);
  for (const m of code.matchAll(/"((?:[a-z_]+\.)+[a-z_]+)"/g)) {
    if (/^(header|nav|common|status|confidence|review|trend|milestone|evidence|period|dashboard|attention|rec|assessment|history|audit|owner|search|error|actor|backup|open_error|briefing|operation)[._]/.test(m[1])) named.add(m[1]);
  }
  const counted = new Set([...code.matchAll(/\.plural\(\s*"([a-z_.]+)"/g)].map((m) => m[1]));
  const missing = [...named].filter((k) => !(k in en) && !counted.has(k));
  assert.deepEqual(missing, [], "keys used but not defined");
  const notPlural = [...counted].filter((k) => !(k in EN.plural));
  assert.deepEqual(notPlural, [], "keys counted with t.plural but without plural forms");
  const pluralAsPlain = [...code.matchAll(/\bt\(\s*"([a-z_.]+)"/g)].map((m) => m[1]).filter((k) => k in EN.plural);
  assert.deepEqual(pluralAsPlain, [], "plural strings read without a count");
});

test("no translation is left empty and placeholders match", () => {
  const names = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const key of Object.keys(EN.plain)) {
    assert.ok(en[key].trim() && fr[key].trim(), key);
    assert.deepEqual(names(fr[key]), names(en[key]), `placeholders of ${key}`);
  }
  // Every form of a plural string, in both languages, fills the same
  // placeholders: French "one" also says 0, so no form may drop the count.
  for (const key of Object.keys(EN.plural)) {
    const expected = names(EN.plural[key].other);
    for (const [lang, { plural }] of [["en", EN], ["fr", FR]]) {
      for (const [category, text] of Object.entries(plural[key])) {
        assert.ok(text.trim(), `${key}.${category} (${lang})`);
        assert.deepEqual(names(text), expected, `placeholders of ${key}.${category} (${lang})`);
      }
    }
  }
});

test("a count picks its plural form: English 0 is plural, French 0 and 1 are singular", () => {
  const en = translator("en");
  assert.deepEqual([0, 1, 2].map((n) => en.plural("attention.overdue", n)),
    ["0 overdue milestones", "1 overdue milestone", "2 overdue milestones"]);
  assert.deepEqual([0, 1, 2].map((n) => en.plural("search.results", n, { query: "risk" })),
    ["0 results for “risk”", "1 result for “risk”", "2 results for “risk”"]);
  const fr = translator("fr");
  assert.deepEqual([0, 1, 2].map((n) => fr.plural("attention.overdue", n)),
    ["0 jalon en retard", "1 jalon en retard", "2 jalons en retard"]);
  assert.deepEqual([0, 1, 2].map((n) => fr.plural("search.results", n, { query: "risque" })),
    ["0 résultat pour «\u00a0risque\u00a0»", "1 résultat pour «\u00a0risque\u00a0»", "2 résultats pour «\u00a0risque\u00a0»"]);
});

test("a plural string writes its count for the language, unless told otherwise", () => {
  assert.equal(translator("en").plural("milestone.slip_days", 1500), "1,500 days");
  assert.match(translator("fr").plural("milestone.slip_days", 1500), /^1\s500 jours$/);
  // French has a form for round millions: "1 000 000 de jalons".
  assert.match(translator("fr").plural("attention.overdue", 1_000_000), /^1\s000\s000 de jalons en retard$/);
  // The count need not be {n}: here it is the milestones done.
  assert.equal(translator("fr").plural("milestone.counts", 1, { done: "1", total: "3", overdue: "0" }),
    "1 sur 3 terminé · 0 en retard");
  assert.equal(translator("fr").plural("milestone.counts", 2, { done: "2", total: "3", overdue: "0" }),
    "2 sur 3 terminés · 0 en retard");
  assert.equal(translator("en").plural("common.days_ago", 1), "1 day ago");
});

test("a plural string is read only with a count, and an unknown one is refused", () => {
  const t = translator("en");
  assert.throws(() => t("attention.overdue"), /missing string/);
  assert.throws(() => t.plural("no.such.key", 2), /missing plural string/);
  assert.throws(() => t.plural("attention.heading", 2), /missing plural string/);
  assert.equal(translator("de").plural("attention.overdue", 0), "0 overdue milestones", "unknown languages read English");
});

test("the scales are translated in full", () => {
  const t = translator("fr");
  assert.equal(t(STATUS_KEYS.in_process), "En voie de mise en œuvre");
  assert.equal(t(CONFIDENCE_KEYS.amber_red), "Ambre/Rouge");
  assert.equal(translator("en")(CONFIDENCE_KEYS.amber_green), "Amber/Green");
});

test("the translator fills placeholders and refuses unknown keys", () => {
  const t = translator("en");
  assert.equal(t("period.dates", { start: "A", end: "B", state: "open" }), "A to B · open");
  assert.equal(t("attention.returned", { text: "<b>{x}</b>" }), "returned by the deputy minister: “<b>{x}</b>”");
  assert.throws(() => t("no.such.key"), /missing string/);
});

test("dates are written for the reader's language", () => {
  assert.equal(formatDate("2026-11-25", "fr"), "25 novembre 2026");
  assert.equal(formatDate("2026-11-25", "en"), "November 25, 2026");
  assert.equal(formatDate("2027-01-01", "fr"), "1er janvier 2027");
  assert.equal(formatDate("not a date", "fr"), "not a date");
  assert.match(formatDateTime("2026-11-25T12:00:00.000Z", "fr"), /novembre 2026, \d{1,2} h \d{2}$/);
  assert.match(formatDateTime("2026-11-25T12:00:00.000Z", "en"), /^November 2\d, 2026, \d{2}:\d{2}$/);
});

test("numbers use the language's grouping", () => {
  assert.equal(formatNumber(1234567, "en"), "1,234,567");
  assert.match(formatNumber(1234567, "fr"), /^1\s2\s?34\s567$|^1\u00a0234\u00a0567$|^1\u202f234\u202f567$/);
});

test("file sizes use the language's units and decimal mark", () => {
  assert.equal(formatSize(512, "en"), "512 bytes");
  assert.equal(formatSize(48_250, "en"), "48.3 kB");
  assert.match(formatSize(48_250, "fr"), /^48,3\s?ko$/);
  assert.equal(formatSize(1_234_000, "en"), "1.2 MB");
  assert.match(formatSize(1_234_000, "fr"), /^1,2\s?Mo$/);
});

test("the first launch follows the system language, then the saved choice", () => {
  assert.equal(chooseLanguage(null, "fr-CA"), "fr");
  assert.equal(chooseLanguage(undefined, "en-US"), "en");
  assert.equal(chooseLanguage("en", "fr-CA"), "en");
  assert.equal(chooseLanguage("de", "de-DE"), "en");
});

test("errors become sentences by rule or code, never by message text", () => {
  const t = translator("fr");
  assert.equal(errorMessage(t, { code: "invalid_input", field: "title", rule: "required", message: "title is required" }),
    "Ce champ est obligatoire.");
  assert.equal(errorMessage(t, { code: "same_reviewer", message: "x" }), fr["error.code.same_reviewer"]);
  assert.match(errorMessage(t, { code: "mystery", message: "boom" }), /boom/);
  for (const key of [...Object.values(RULE_KEYS), ...Object.values(ERROR_CODE_KEYS)]) assert.ok(key in en, key);
});

test("a screen can word some codes its own way, still by code", () => {
  const t = translator("fr");
  const keys = { damaged: "backup.error.damaged" };
  assert.equal(errorMessage(t, { code: "damaged", message: "x.sqlite3 is damaged" }, keys), fr["backup.error.damaged"]);
  assert.equal(errorMessage(t, { code: "not_found", message: "backup x does not exist" }, keys), fr["error.code.not_found"]);
  assert.equal(errorMessage(t, { code: "damaged", message: "x" }), fr["error.code.damaged"]);
});

test("errors that carry facts are said with them, counted and listed in each language", () => {
  const en = translator("en");
  const fr = translator("fr");
  const busy = { code: "owner_holds_work", message: "x", details: { name: "Ada", lead_of: 1, supporting: 0, milestones: 3, open_milestones: 2 } };
  assert.equal(errorMessage(en, busy),
    "Ada still holds work: lead of 1 recommendation and 3 milestones (2 still open). Deactivate this owner instead, so the history keeps who did what.");
  assert.match(errorMessage(fr, busy), /^Ada a encore du travail\u00a0: responsable principal de 1 recommandation et 3 jalons \(2 encore ouverts\)\./);
  const incomplete = { code: "period_incomplete", message: "x", details: { label: "2026-27 Q2", missing: [3], unaccepted: [1, 2, 5] } };
  assert.equal(errorMessage(en, incomplete),
    "2026-27 Q2 cannot be signed off yet. Recommendation 3 has no assessment. The assessments of recommendations 1, 2 and 5 are not yet accepted.");
  assert.match(errorMessage(fr, incomplete), /La recommandation 3 n'a pas d'évaluation\. Les évaluations des recommandations 1, 2 et 5/);
  const overlap = { code: "periods_overlap", message: "x", details: { label: "Q1", starts_on: "2026-04-01", ends_on: "2026-06-30" } };
  assert.match(errorMessage(fr, overlap), /«\u00a0Q1\u00a0» \(du 1er avril 2026 au 30 juin 2026\)/);
  const closed = { code: "milestone_closed", message: "x", details: { title: "Launch", state: "done" } };
  assert.equal(errorMessage(en, closed), "The milestone “Launch” is done; its due date can no longer move.");
  assert.equal(errorMessage(fr, { code: "review_state", message: "x", details: { state: "returned" } }),
    "Cette évaluation est déjà renvoyée et attend un nouveau rapport.");
  // Without its facts, a code still has its general sentence.
  assert.equal(errorMessage(en, { code: "review_state", message: "x" }), en("error.code.review_state"));
});

test("no two columns of the assessments table share a heading, in either language", () => {
  for (const catalogue of [en, fr]) {
    const headings = Object.entries(catalogue)
      .filter(([k]) => k.startsWith("history.col_"))
      .map(([, v]) => v);
    assert.equal(new Set(headings).size, headings.length, headings.join(" | "));
  }
});

test("French puts a no-break space before a colon and inside guillemets, and none before a semicolon", () => {
  const wrong = Object.entries(fr).filter(([, v]) => / [:»]|« | ;|\u00a0;/.test(v)).map(([k]) => k);
  assert.deepEqual(wrong, []);
});

test("a refused review file says why in the user's language, by the core's reason", () => {
  const t = translator("fr");
  const err = { code: "exchange_refused", message: "refused", details: { reason: "bad_signature" } };
  assert.equal(errorMessage(t, err), fr["error.exchange.bad_signature"]);
  assert.equal(errorMessage(translator("en"), { ...err, details: { reason: "not_sent_here" } }), en["error.exchange.not_sent_here"]);
  // A reason this version does not know still gets a sentence.
  assert.equal(errorMessage(t, { ...err, details: { reason: "new_reason" } }), fr["error.code.exchange_refused"]);
});
