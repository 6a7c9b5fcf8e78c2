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
    await app.waitText(".audit-list", "added an evidence note (Progress) to recommendation 1: “Progress note 59”");
    assert.equal(await app.driver.executeScript("return document.getElementById('audit-recommendation_id').value"), "1");
    assert.equal((await app.texts(".audit-list > li")).length, 50);
    await app.click("#audit-more");
    await app.driver.wait(async () => (await app.texts(".audit-list > li")).length === 61, 10_000);
    assert.equal(await app.driver.executeScript("return document.getElementById('audit-more').hidden"), true);
    const actions = await app.driver.executeScript(
      "return [...document.querySelectorAll('.audit-list > li')].map((li) => li.dataset.action)");
    assert.equal(actions.at(-1), "seed_recommendation", "oldest last, and only once");
    assert.equal((await app.texts(".audit-list > li")).at(-1).split("\n")[0], "Recommendation 1 was recorded from the report.");
    const events = await app.driver.executeScript(
      "return [...document.querySelectorAll('.audit-list > li')].map((li) => li.dataset.event)");
    assert.equal(new Set(events).size, 61, "no change listed twice");
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
    await app.waitText("[aria-labelledby=changes-heading]", "Executive Assistant added an evidence note (Progress) to recommendation 1: “Approval map drafted”");
    assert.equal(await app.driver.executeScript("return document.getElementById('evidence-text').value"), "", "the note form is emptied");
    assert.equal(await app.driver.executeScript(`return document.getElementById(${JSON.stringify(reason)}).value`),
      "Waiting on the Treasury Board calendar");
  } finally {
    await app.close();
  }
});

test("the History screen says each change in words and filters by person, kind and days, in either language", { timeout: 180_000 }, async () => {
  const app = await launch({ sample: true });
  try {
    await app.go("#/audit", "History of changes");
    const all = await app.texts(".audit-list > li .audit-said");
    assert.ok(all.length > 10);
    for (const said of all) assert.doesNotMatch(said, /_|\b(assessment|milestone) \d+\b/, said);

    await app.select("#audit-actor", "Deputy Minister (sample)");
    await app.select("#audit-kind", "assessments");
    await app.click("#audit-apply");
    await app.waitText("main [aria-live=polite]", "match");
    const dm = await app.texts(".audit-list > li .audit-said");
    assert.ok(dm.length > 0);
    for (const said of dm) assert.match(said, /^Deputy Minister \(sample\) (accepted|returned) the assessment of recommendation \d for 2026-27 Q\d/);
    assert.match(await app.driver.executeScript("return location.hash"), /person=Deputy/);

    // What an acceptance changed, in the window's words.
    await app.click(".audit-list > li[data-action=accept_assessment] .diff-toggle");
    const diff = await app.text(".audit-list > li[data-action=accept_assessment] .diff");
    assert.match(diff, /Review\s+was Awaiting review → Accepted/);

    // The filters hold across a switch of language; the words follow it.
    await app.click("#language-switch");
    await app.waitHeading("Historique des modifications");
    assert.equal(await app.driver.executeScript("return document.getElementById('audit-kind').value"), "assessments");
    for (const said of await app.texts(".audit-list > li .audit-said")) {
      assert.match(said, /^Deputy Minister \(sample\) a (accepté|renvoyé) l'évaluation de la recommandation \d pour 2026-27 Q\d/);
    }
    await app.screenshot("history-filtered-fr");

    // A day that is not a date is refused beside its field; the list stays.
    const before = (await app.texts(".audit-list > li")).length;
    await app.type("#audit-from", "2026-02-30");
    await app.click("#audit-apply");
    await app.waitText("#audit-from-error", "AAAA-MM-JJ");
    assert.equal((await app.texts(".audit-list > li")).length, before);

    // Days: nothing before the sample's history began.
    await app.type("#audit-from", "");
    await app.type("#audit-to", "2001-01-01");
    await app.click("#audit-apply");
    await app.waitText("#audit-results", "Aucune modification ne correspond à ces filtres.");
  } finally {
    await app.close();
  }
});
