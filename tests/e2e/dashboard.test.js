// The dashboard of a new tracker, and the window's defences against hostile
// text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { By } from "selenium-webdriver";
import { launch } from "./harness.js";

const TITLES = [
  "Leaner approvals for digital security",
  "OPS digital innovation platform",
  "Review of digital recruitment, retention and development",
  "Digital tools and resources for every staffing level",
  "Tackle the 'clay' middle",
  "Green paper on risk frameworks and barriers",
  "Case study research on digital transformation",
  "Leadership in digital performance management",
];

test("a new tracker's dashboard lists the eight seeded recommendations", { timeout: 120_000 }, async () => {
  const app = await launch();
  try {
    const titles = await app.texts("#dashboard-rows th.title");
    assert.deepEqual(titles, TITLES);
    assert.equal(await app.text("main h1"), "Recommendations at a glance");
    assert.match(await app.text(".period-line"), /No reporting period opened yet/);
    assert.equal(await app.driver.getTitle(), "Dashboard — Followthrough");
  } finally {
    await app.close();
  }
});

test("hostile text in a note is shown literally and never runs", { timeout: 120_000 }, async () => {
  const app = await launch();
  try {
    const hostile = '<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> <b>bold?</b>';
    await app.go("#/recommendation/1", "Recommendation 1");
    await app.type("#evidence-text", hostile);
    await app.type("#evidence-source_ref", "javascript:alert(1)");
    await app.click("#evidence-form button[type=submit]");
    await app.waitText("#evidence-feed", "<img src=x");
    const items = await app.texts("#evidence-feed .note-item p");
    assert.ok(items.includes(hostile), items.join("\n"));
    assert.equal(await app.driver.executeScript("return window.__pwned || null"), null);
    const injected = await app.driver.findElements(By.css("#evidence-feed img, #evidence-feed script, #evidence-feed b"));
    assert.equal(injected.length, 0);
    // The source is text, not a link.
    assert.equal((await app.driver.findElements(By.css("#evidence-feed a"))).length, 0);
  } finally {
    await app.close();
  }
});
