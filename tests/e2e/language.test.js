// Switching to French translates the whole window, and the choice persists.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { launch } from "./harness.js";
import en from "../../ui/i18n/en.js";
import fr from "../../ui/i18n/fr.js";

/**
 * English phrases the window shows (several words, so they cannot be part of
 * a French word or of the sample's own English text by chance): a French
 * screen must show none of them.
 */
const ENGLISH = Object.entries(en)
  .filter(([key, text]) => fr[key] !== text && !text.includes("{") && text.trim().split(/\s+/).length >= 2)
  .map(([, text]) => text.replace(/[.:]$/, ""));

async function visibleText(app) {
  return app.driver.executeScript("return document.body.innerText");
}

function englishLeft(text) {
  return ENGLISH.filter((s) => text.includes(s));
}

test("switching to French translates every screen and persists", { timeout: 240_000 }, async () => {
  const app = await launch({ sample: true });
  try {
    await app.screenshot("dashboard-en");
    await app.go("#/recommendation/1", "Recommendation 1");
    await app.screenshot("recommendation-en");

    await app.click("#language-switch");
    await app.waitHeading("Recommandation 1");
    assert.equal(await app.driver.executeScript("return document.documentElement.lang"), "fr-CA");
    await app.screenshot("recommendation-fr");
    // The short title and the findings in this program's unofficial French;
    // the report's own words it quotes stay English, tagged as English.
    assert.match(await app.text("h1"), /Allègement des approbations en sécurité numérique/);
    const [findings, quoted] = await app.driver.executeScript(`
      const p = document.querySelector(".report-text p[lang='fr-CA']");
      return [p.textContent, [...p.querySelectorAll("span[lang='en-CA']")].map((s) => s.textContent)];`);
    assert.match(findings, /^Ce que nous avons entendu — Obstacles au numérique/);
    assert.deepEqual(quoted, ["“Excessive Approvals Inhibit Digital Adoption”", "“17 approvals from the centre”"]);
    assert.match(await app.text(".report-text"), /traduction non officielle/);
    for (const [hash, heading] of [
      ["#/", "Les recommandations en un coup d'œil"],
      ["#/recommendation/1", "Recommandation 1"],
      ["#/owners", "Responsables"],
      ["#/period", "Période de rapport"],
      ["#/search?q=SAMPLE", "Recherche"],
      ["#/audit", "Historique des modifications"],
      ["#/backups", "Sauvegardes"],
    ]) {
      await app.go(hash, heading);
      const text = await visibleText(app);
      assert.deepEqual(englishLeft(text), [], `English left on ${hash}`);
    }
    await app.go("#/", "Les recommandations en un coup d'œil");
    const period = await app.text(".period-line");
    assert.match(period, /\d{1,2}(er)? (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}/);
    assert.match(await app.text("#dashboard-rows"), /Ambre\/Rouge/);
    await app.screenshot("dashboard-fr");
  } finally {
    await app.close();
  }
});

test("a refused change is explained in French with its facts, beside the field it concerns", { timeout: 180_000 }, async () => {
  const app = await launch({ sample: true, language: "fr" });
  try {
    await app.go("#/period", fr["period.heading"]);
    const taken = await app.driver.executeScript(
      "return document.querySelector('.period-picker a').textContent.replace(/ \\(.*\\)$/, '')");
    await app.type("#period-label", taken);
    // The sample's current period is still open: say the new one is meant.
    await app.click("#period-open_anyway");
    await app.click("#period-form button[type=submit]");
    await app.waitText("#period-label-error", "existe déjà");
    assert.equal(await app.text("#period-label-error"),
      fr["error.code.period_label_taken"].replace("{label}", taken));
    assert.equal(await app.driver.executeScript("return document.activeElement.id"), "period-label");
    await app.screenshot("period-label-taken-fr");
    assert.deepEqual(englishLeft(await visibleText(app)), []);
  } finally {
    await app.close();
  }
});

test("a language that cannot be saved is not switched, and the window says why", { timeout: 120_000 }, async () => {
  const app = await launch({ sample: true });
  try {
    // The preferences file replaced by a folder: saving it fails.
    const settings = join(app.dir, "config", "ca.followthrough.desktop", "settings.json");
    rmSync(settings);
    mkdirSync(settings);
    await app.click("#language-switch");
    await app.waitText("#announcer", en["error.code.io"]);
    assert.equal(await app.driver.executeScript("return document.documentElement.lang"), "en-CA");
    await app.waitHeading(en["dashboard.heading"]);
    assert.equal(await app.text("#language-switch"), en["header.language_switch"]);
  } finally {
    await app.close();
  }
});
