// The English and French catalogues, and formatting for each language.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import en from "../../ui/i18n/en.js";
import fr from "../../ui/i18n/fr.js";
import {
  chooseLanguage, errorMessage, formatDate, formatDateTime, formatNumber, formatSize, translator,
  STATUS_KEYS, CONFIDENCE_KEYS, RULE_KEYS, ERROR_CODE_KEYS,
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

test("both catalogues have exactly the same keys", () => {
  const missingInFr = Object.keys(en).filter((k) => !(k in fr));
  const missingInEn = Object.keys(fr).filter((k) => !(k in en));
  assert.deepEqual(missingInFr, [], "keys missing from fr.js");
  assert.deepEqual(missingInEn, [], "keys missing from en.js");
});

test("every key is used by the interface", () => {
  const unused = Object.keys(en).filter((k) => !code.includes(`"${k}"`));
  assert.deepEqual(unused, [], "keys no screen uses");
});

test("every key the interface names exists", () => {
  const named = new Set();
  for (const m of code.matchAll(/\bt\(\s*"([a-z_.]+)"/g)) named.add(m[1]);
  for (const m of code.matchAll(/data-i18n(?:-aria-label)?="([a-z_.]+)"/g)) named.add(m[1]);
  for (const m of code.matchAll(/"((?:[a-z_]+\.)+[a-z_]+)"/g)) {
    if (/^(header|nav|common|status|confidence|review|trend|milestone|evidence|period|dashboard|attention|rec|assessment|history|audit|owner|search|error|actor|backup|open_error)[._]/.test(m[1])) named.add(m[1]);
  }
  const missing = [...named].filter((k) => !(k in en));
  assert.deepEqual(missing, [], "keys used but not defined");
});

test("no translation is left empty and placeholders match", () => {
  for (const key of Object.keys(en)) {
    assert.ok(en[key].trim() && fr[key].trim(), key);
    const names = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    assert.deepEqual(names(fr[key]), names(en[key]), `placeholders of ${key}`);
  }
});

test("the scales are translated in full", () => {
  const t = translator("fr");
  assert.equal(t(STATUS_KEYS.in_process), "En voie de mise en œuvre");
  assert.equal(t(CONFIDENCE_KEYS.amber_red), "Ambre/Rouge");
  assert.equal(translator("en")(CONFIDENCE_KEYS.amber_green), "Amber/Green");
});

test("the translator fills placeholders and refuses unknown keys", () => {
  const t = translator("en");
  assert.equal(t("dashboard.milestones_done", { done: 2, total: 5 }), "2 of 5 done");
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
