// The evidence-note flow completed with the keyboard alone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Key } from "selenium-webdriver";
import { launch } from "./harness.js";

async function focused(app) {
  return app.driver.executeScript("const a = document.activeElement; return a ? (a.id || a.tagName) : null");
}

async function tabUntil(app, id, max = 80) {
  for (let i = 0; i < max; i += 1) {
    if ((await focused(app)) === id) return i;
    await app.driver.actions().sendKeys(Key.TAB).perform();
  }
  throw new Error(`focus never reached #${id}`);
}

test("an evidence note can be added with the keyboard alone", { timeout: 120_000 }, async () => {
  const app = await launch({ sample: true });
  try {
    // The window opens with focus on the dashboard's heading; Tab moves on
    // to the first recommendation link, Enter opens its page.
    assert.equal(await app.driver.executeScript("return document.activeElement.tagName"), "H1");
    await tabUntil(app, "A");
    const link = await app.driver.executeScript("return document.activeElement.getAttribute('href')");
    assert.match(link, /^#\/recommendation\/\d+$/);
    await app.driver.actions().sendKeys(Key.ENTER).perform();
    await app.waitHeading("Recommendation");

    // The focus ring is visible on the focused control.
    await tabUntil(app, "evidence-kind");
    const outline = await app.driver.executeScript("return getComputedStyle(document.activeElement).outlineStyle");
    assert.notEqual(outline, "none");
    await tabUntil(app, "evidence-text");
    await app.driver.actions().sendKeys("Keyboard-only note: pilot ministries confirmed").perform();
    // Ctrl+Enter saves from the text area.
    await app.driver.actions().keyDown(Key.CONTROL).sendKeys(Key.ENTER).keyUp(Key.CONTROL).perform();
    await app.waitText("#evidence-feed", "Keyboard-only note: pilot ministries confirmed");
    assert.equal(await focused(app), "evidence-text", "focus stays where the user was");
    // The confirmation (a status, which screen readers say) is set a
    // moment after the feed redraws; wait for it rather than read it at once.
    await app.waitText("#confirmation-text", "Evidence note added");
  } finally {
    await app.close();
  }
});
