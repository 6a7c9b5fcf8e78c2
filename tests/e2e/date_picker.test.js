// The calendar beside a date field, used with the keyboard alone: it opens
// on the field's date (or today), arrows and Page Down move, Enter fills
// the field and returns to it, Escape closes; typed dates still work; its
// words are the reader's language.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Key } from "selenium-webdriver";
import { axeViolations, launch } from "./harness.js";

const active = (app) => app.driver.executeScript(
  "const a = document.activeElement; return { id: a.id, day: a.dataset ? a.dataset.day || null : null }");

async function keys(app, ...sequence) {
  for (const k of sequence) await app.driver.actions().sendKeys(k).perform();
}

test("a due date is picked from the calendar with the keyboard, and typed dates still work", { timeout: 180_000 }, async () => {
  const app = await launch({ sample: true });
  try {
    await app.go("#/recommendation/2", "Recommendation 2");
    await app.type("#milestone-due", "2027-01-30");
    await app.driver.executeScript("document.getElementById('milestone-due-pick').focus()");
    await keys(app, Key.ENTER);
    assert.equal(await app.driver.executeScript("return document.getElementById('milestone-due-calendar').hidden"), false);
    assert.equal(await app.text("#milestone-due-calendar-title"), "January 2027");
    assert.deepEqual(await active(app), { id: "", day: "2027-01-30" }, "the calendar opens on the field's date");
    assert.deepEqual(await axeViolations(app), []);
    await app.screenshot("date-picker-en");

    // Two days on crosses into February; a week down; Page Down a month.
    await keys(app, Key.ARROW_RIGHT, Key.ARROW_RIGHT);
    assert.equal(await app.text("#milestone-due-calendar-title"), "February 2027");
    await keys(app, Key.ARROW_DOWN, Key.PAGE_DOWN);
    assert.equal((await active(app)).day, "2027-03-08");
    await keys(app, Key.ENTER);
    assert.equal(await app.driver.executeScript("return document.getElementById('milestone-due').value"), "2027-03-08");
    assert.equal((await active(app)).id, "milestone-due", "focus is back in the field");
    assert.equal(await app.driver.executeScript("return document.getElementById('milestone-due-calendar').hidden"), true);

    // Escape closes without changing the field, back on the button.
    await app.driver.executeScript("document.getElementById('milestone-due-pick').focus()");
    await keys(app, Key.ENTER, Key.ARROW_LEFT, Key.ESCAPE);
    assert.equal((await active(app)).id, "milestone-due-pick");
    assert.equal(await app.driver.executeScript("return document.getElementById('milestone-due').value"), "2027-03-08");

    // The picked date is saved like a typed one; a typed one still works.
    await app.type("#milestone-title", "Picked from the calendar");
    await app.driver.executeScript("document.getElementById('milestone-due').value = '2027-03-08'");
    await app.click("#milestone-form button[type=submit]");
    await app.waitText("table.milestones", "Picked from the calendar");
    assert.match(await app.text(`#${(await active(app)).id}`), /Picked from the calendar/);
    await app.type("#milestone-title", "Typed by hand");
    await app.type("#milestone-due", "2027-04-02");
    await app.click("#milestone-form button[type=submit]");
    await app.waitText("table.milestones", "Typed by hand");
  } finally {
    await app.close();
  }
});

test("the calendar speaks French in the French window", { timeout: 120_000 }, async () => {
  const app = await launch({ sample: true, language: "fr" });
  try {
    await app.go("#/period", "Période de rapport");
    await app.driver.executeScript("document.getElementById('period-starts_on-pick').focus()");
    await keys(app, Key.ENTER);
    assert.match(await app.text("#period-starts_on-calendar-title"), /^janvier 2027$/);
    const label = await app.driver.executeScript("return document.activeElement.getAttribute('aria-label')");
    assert.equal(label, "1er janvier 2027");
    const pick = await app.driver.executeScript("return document.getElementById('period-starts_on-pick').getAttribute('aria-label')");
    assert.equal(pick, "Calendrier\u00a0: Début");
  } finally {
    await app.close();
  }
});
