// A small laptop and 200 % zoom: zoomed with the keyboard as a user would
// (Ctrl+=, kept for the next start), the header is one line with the
// screens behind "Menu", tables turn into a card per row so no column sits
// off-screen, a milestone's forms open the full width, and no screen
// scrolls sideways — in both languages, each screen photographed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Key } from "selenium-webdriver";
import { axeViolations, launch } from "./harness.js";

const SCREENS = [
  ["dashboard", "#/"],
  ["recommendation", "#/recommendation/2"],
  ["period", "#/period"],
  ["briefing", "#/briefing"],
  ["owners", "#/owners"],
  ["search", "#/search?q=approval"],
  ["history", "#/audit"],
  ["backups", "#/backups"],
  ["reviews", "#/reviews"],
];

/** A 1280×720 window, its page at 100 %. */
async function smallLaptop(app) {
  await app.driver.manage().window().setRect({ width: 1280, height: 720 });
  await app.driver.wait(async () => (await app.driver.executeScript("return window.innerWidth")) === 1280, 10_000,
    "the window at 1280 pixels");
}

/** Zooms the page to 200 % with Ctrl+=, five steps from 100 %. */
async function zoomTo200(app) {
  for (let i = 0; i < 5; i += 1) {
    await app.driver.actions().keyDown(Key.CONTROL).sendKeys("=").keyUp(Key.CONTROL).perform();
  }
  await app.driver.wait(async () => (await app.driver.executeScript("return window.innerWidth")) <= 642, 10_000,
    "the page zoomed to 200 %");
}

/** Presses Enter on the control `id`, as a keyboard user would. */
async function press(app, id) {
  await app.driver.executeScript("document.getElementById(arguments[0]).focus()", id);
  await app.driver.actions().sendKeys(Key.ENTER).perform();
}

/** The page's layout facts that small screens get wrong. */
function layout(app) {
  return app.driver.executeScript(`
    const main = document.getElementById("main").getBoundingClientRect();
    const offRight = [...document.querySelectorAll("main button, main a, main input, main select, main textarea")]
      .filter((el) => el.offsetParent !== null)
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .map((el) => el.id || el.textContent.trim().slice(0, 30));
    return {
      width: window.innerWidth, height: window.innerHeight,
      mainTop: main.top + window.scrollY,
      sideways: document.documentElement.scrollWidth > window.innerWidth + 1,
      offRight,
    };`);
}

test("at 1280×720 and 200 % zoom the header is one line, tables are cards and nothing sits off-screen", { timeout: 300_000 }, async () => {
  const app = await launch({ sample: true });
  try {
    await smallLaptop(app);
    await app.go("#/", "Recommendations at a glance");
    await zoomTo200(app);
    const facts = await layout(app);
    assert.ok(facts.width <= 642, `the page is zoomed: ${facts.width}`);
    assert.ok(facts.mainTop <= facts.height * 0.4,
      `header and banner take ${facts.mainTop} of ${facts.height} pixels`);
    assert.equal(await app.driver.executeScript(
      "return getComputedStyle(document.querySelector('.main-nav ul')).display"), "none", "the screens are behind Menu");

    // The menu opens, leads to a screen and closes.
    await press(app, "nav-toggle");
    assert.equal(await app.driver.executeScript("return document.getElementById('nav-toggle').getAttribute('aria-expanded')"), "true");
    assert.match(await app.text("#data-file"), /tracker\.sqlite3/, "the data file's name is in the menu");
    await app.driver.executeScript("document.querySelector('.main-nav a[data-view=owners]').focus()");
    await app.driver.actions().sendKeys(Key.ENTER).perform();
    await app.waitHeading("Owners");
    assert.equal(await app.driver.executeScript("return document.getElementById('nav-toggle').getAttribute('aria-expanded')"), "false");

    // A recommendation's milestones are cards, their actions on screen; a
    // milestone's forms open across the whole card list.
    await app.go("#/recommendation/2", "Recommendation 2");
    const rec = await layout(app);
    assert.deepEqual(rec.offRight, []);
    assert.equal(rec.sideways, false);
    assert.equal(await app.driver.executeScript(
      "return getComputedStyle(document.querySelector('table.milestones tbody tr')).display"), "block");
    const toggle = await app.driver.executeScript("return document.querySelector('table.milestones [id$=-toggle]:not([id$=-edit-toggle])').id");
    await press(app, toggle);
    const widths = await app.driver.executeScript(`
      const panel = document.getElementById(arguments[0].replace(/-toggle$/, "-panel"));
      return [panel.getBoundingClientRect().width, document.querySelector("table.milestones").getBoundingClientRect().width];`, toggle);
    assert.ok(widths[0] >= widths[1] * 0.9, `the forms take the full width: ${widths}`);
    await app.screenshot("small-recommendation-milestone-forms-en-200");

    // The zoom is kept for the next start.
    const settings = JSON.parse(readFileSync(join(app.dir, "config/ca.followthrough.desktop/settings.json"), "utf8"));
    assert.equal(settings.zoom_percent, 200);
    await app.driver.actions().keyDown(Key.CONTROL).sendKeys("0").keyUp(Key.CONTROL).perform();
    await app.driver.wait(async () => (await layout(app)).width > 1000, 10_000, "back to 100 %");
  } finally {
    await app.close();
  }
});

test("every screen at 1280×720 and at 200 % zoom, in English and French: no sideways scrolling, nothing off-screen", { timeout: 600_000 }, async () => {
  const app = await launch({ sample: true });
  try {
    await smallLaptop(app);
    for (const zoom of [100, 200]) {
      if (zoom === 200) await zoomTo200(app);
      for (const lang of ["en", "fr"]) {
        const now = await app.driver.executeScript("return document.documentElement.lang.slice(0, 2)");
        if (now !== lang) {
          await press(app, "language-switch");
          await app.driver.wait(async () => (await app.driver.executeScript(
            "return document.documentElement.lang.slice(0, 2)")) === lang, 10_000);
        }
        for (const [name, route] of SCREENS) {
          await app.driver.executeScript("window.location.hash = arguments[0]", route);
          await app.driver.wait(async () => app.driver.executeScript(
            "return document.querySelector('main h1') !== null && !document.querySelector('#operations .operation')"), 20_000);
          await new Promise((r) => setTimeout(r, 150));
          const facts = await layout(app);
          assert.equal(facts.sideways, false, `${name} ${lang} ${zoom}%: the page scrolls sideways`);
          assert.deepEqual(facts.offRight, [], `${name} ${lang} ${zoom}%: controls off-screen`);
          await app.screenshot(`screen-${name}-${lang}-1280x720-${zoom}`);
        }
        if (zoom === 200) {
          assert.deepEqual(await axeViolations(app), [], `axe at 200 % (${lang})`);
        }
      }
    }
  } finally {
    await app.close();
  }
});
