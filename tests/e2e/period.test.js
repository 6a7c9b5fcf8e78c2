// The reporting period screen: what still stands before a period's
// sign-off, each recommendation linked; and opening another period while
// one is unfinished, which the screen warns of and asks to be confirmed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { axeViolations, launch, trackerState } from "./harness.js";

test("opening a period while the current one has reports outstanding is warned of, and asked to be confirmed", { timeout: 180_000 }, async () => {
  const app = await launch({ sample: true });
  try {
    await app.go("#/period", "Reporting period");
    const warning = await app.text("#period-still-open");
    assert.match(warning, /2026-27 Q3 is still open and cannot be signed off yet/);
    assert.match(warning, /\d+ reports? awaiting the deputy minister's review — Recommendation \d/);
    assert.match(warning, /leaves it open beside the new one/);
    assert.deepEqual(await axeViolations(app), []);
    await app.driver.executeScript("document.getElementById('period-still-open').scrollIntoView()");
    await app.screenshot("period-open-warning-en");

    // Not confirmed: refused beside the box, nothing opened.
    const before = trackerState(app.db);
    await app.click("#period-form button[type=submit]");
    await app.waitText("#period-open_anyway-error", "Tick this box to open another period while one is still open");
    assert.equal(await app.driver.executeScript("return document.activeElement.id"), "period-open_anyway");
    assert.deepEqual(trackerState(app.db), before, "nothing changed");

    await app.click("#period-open_anyway");
    await app.click("#period-form button[type=submit]");
    await app.waitText("#confirmation-text", "Reporting period 2026-27 Q4 opened.");
    await app.waitText(".period-picker", "2026-27 Q4");
  } finally {
    await app.close();
  }
});

test("the period screen says which recommendations still block the sign-off, each linked", { timeout: 180_000 }, async () => {
  const app = await launch({ sample: true, actor: "Deputy Minister", reviewMode: true, language: "fr" });
  try {
    await app.go("#/period", "Période de rapport");
    const blockers = await app.text("#sign-off-state");
    assert.match(blockers, /L'approbation de 2026-27 Q3 attend/);
    assert.match(blockers, /en attente de l'examen/);
    await app.driver.executeScript("document.getElementById('sign-off-state').scrollIntoView()");
    await app.screenshot("period-sign-off-blockers-fr");
    const link = await app.driver.executeScript(
      "const a = document.querySelector('#sign-off-state a'); return [a.textContent, a.getAttribute('href')]");
    assert.match(link[0], /^Recommandation \d$/);
    await app.click("#sign-off-state a");
    await app.waitHeading(link[0]);
    assert.equal(await app.driver.executeScript("return location.hash"), link[1]);
  } finally {
    await app.close();
  }
});
