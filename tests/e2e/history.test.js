// The recommendation page's latest changes lead to its full history, which
// the History screen shows a page at a time; a saved note redraws only what
// shows it, and text typed in a milestone's change form outlives a save
// elsewhere on the page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { launch } from "./harness.js";
import { addMilestone, openMilestoneChanges } from "./steps.js";

test("a recommendation's changes lead to its whole history, page by page", { timeout: 180_000 }, async () => {
  const app = await launch();
  try {
    // Sixty notes on recommendation 1, through the window's own commands:
    // sixty-one changes to it with its seed.
    await app.go("#/", "Recommendations at a glance");
    const failure = await app.driver.executeAsyncScript(`
      const done = arguments[arguments.length - 1];
      (async () => {
        for (let i = 0; i < 60; i += 1) {
          await window.__TAURI__.core.invoke("add_evidence", { input: {
            recommendation_id: 1, milestone_id: null, observed_on: null, kind: "progress",
            text: "Progress note " + i, source_ref: "" } });
        }
      })().then(() => done(null), (e) => done(String(e)));`);
    assert.equal(failure, null);
    await app.go("#/recommendation/1", "Recommendation 1");
    assert.equal((await app.texts("[aria-labelledby=changes-heading] .audit-list > li")).length, 10);
    await app.click("[aria-labelledby=changes-heading] a[href='#/audit/1']");
    await app.waitHeading("History of changes");
    await app.waitText("main", "Only the changes to recommendation 1");
    assert.equal((await app.texts(".audit-list > li")).length, 50);
    await app.click("#audit-more");
    await app.driver.wait(async () => (await app.texts(".audit-list > li")).length === 61, 10_000);
    assert.equal(await app.driver.executeScript("return document.getElementById('audit-more').hidden"), true);
    const actions = await app.texts(".audit-list > li code");
    assert.equal(actions.at(-1), "seed_recommendation", "oldest last, and only once");
    assert.equal(new Set(await app.texts(".audit-list > li")).size, 61, "no change listed twice");
    await app.screenshot("history-of-one-recommendation");
  } finally {
    await app.close();
  }
});

test("a saved note keeps what is typed in a milestone's change form", { timeout: 180_000 }, async () => {
  const app = await launch();
  try {
    await app.go("#/recommendation/1", "Recommendation 1");
    await addMilestone(app, "Map the approval steps", "2026-11-01");

    // The change form is built when opened; typed text survives a save that
    // redraws the whole page (a milestone added) …
    const { toggle, moveForm } = await openMilestoneChanges(app);
    const reason = `${moveForm.replace(/-form$/, "")}-reason`;
    await app.type(`#${reason}`, "Waiting on the Treasury Board calendar");
    await addMilestone(app, "Brief the deputy minister", "2026-12-01");
    assert.equal(await app.driver.executeScript(`return document.getElementById(${JSON.stringify(reason)}).value`),
      "Waiting on the Treasury Board calendar");
    assert.equal(await app.driver.executeScript(`return document.getElementById(${JSON.stringify(toggle)}).getAttribute('aria-expanded')`), "true");
    await app.screenshot("milestone-change-panel");

    // … and a note saved, which redraws only the feed and the changes.
    await app.type("#evidence-text", "Approval map drafted");
    await app.click("#evidence-form button[type=submit]");
    await app.waitText("#evidence-feed", "Approval map drafted");
    await app.waitText("[aria-labelledby=changes-heading]", "add_evidence");
    assert.equal(await app.driver.executeScript("return document.getElementById('evidence-text').value"), "", "the note form is emptied");
    assert.equal(await app.driver.executeScript(`return document.getElementById(${JSON.stringify(reason)}).value`),
      "Waiting on the Treasury Board calendar");
  } finally {
    await app.close();
  }
});
