// The deputy minister's review: a queue on the dashboard and the period
// screen, the report's position and the Accept and Return controls before
// the report's text on a 1280×720 screen, the outcome said with who and
// when once reviewed, and "next awaiting review" through the queue.
import { test } from "node:test";
import assert from "node:assert/strict";
import { axeViolations, launch } from "./harness.js";

const DATE = /(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}/;

test("the deputy minister reviews the queue from the dashboard, one report after another", { timeout: 240_000 }, async () => {
  const app = await launch({ sample: true, actor: "Deputy Minister", reviewMode: true });
  try {
    await app.driver.manage().window().setRect({ width: 1280, height: 720 });
    await app.go("#/", "Recommendations at a glance");
    assert.match(await app.text("#review-queue h2"), /^4 reports await your review$/);
    const queued = await app.texts("#review-queue li");
    assert.match(queued[0], /^1\. Leaner approvals for digital security — In the process of being implemented · Amber\/Red$/);
    assert.deepEqual(await axeViolations(app), []);
    await app.screenshot("review-queue-en-1280x720");

    await app.click("#review-queue li a");
    await app.waitHeading("Recommendation 1");
    // What the deputy minister decides on is on the first screen, and the
    // controls come before the report's own text.
    const layout = await app.driver.executeScript(`
      const top = (el) => el.getBoundingClientRect().top;
      const summary = document.querySelector(".assessment-summary");
      return {
        summaryTop: top(summary), height: window.innerHeight,
        accept: top(document.querySelector("#accept-form")),
        text: top(document.getElementById("text-heading")),
      };`);
    assert.ok(layout.summaryTop < layout.height, `the report's position starts on the first screen: ${JSON.stringify(layout)}`);
    assert.ok(layout.accept < layout.text, "Accept comes before the report's text");
    await app.screenshot("review-recommendation-en-1280x720");

    await app.click("#accept-form button[type=submit]");
    await app.waitText("#confirmation-text", "Assessment accepted.");
    const outcome = await app.text(".assessment-summary .review-outcome");
    // No reviewer is registered: accepted by a typed name, and said so.
    assert.match(outcome, new RegExp(`^Accepted by Deputy Minister on ${DATE.source} · by name, not signed$`));
    assert.equal((await app.driver.findElements({ css: "#accept-form:not([hidden] *)" })).length, 0, "Accept gives way to the outcome");
    assert.match(await app.text("#review-next"), /^Next awaiting review: Recommendation 4 \(3 left\)$/);

    await app.click("#review-next");
    await app.waitHeading("Recommendation 4");
    await app.type("#return-comment", "Why is the executive guide late?");
    await app.click("#return-form button[type=submit]");
    await app.waitText(".assessment-summary .review-outcome", "Returned by Deputy Minister on");
    assert.match(await app.text(".assessment-summary .review-outcome"), /with: “Why is the executive guide late\?” · by name, not signed$/);
    assert.match(await app.text("#review-next"), /Recommendation 5 \(2 left\)/);

    // A review can still be changed, on request.
    await app.click("#review-change-toggle");
    await app.click("#accept-form button[type=submit]");
    await app.waitText(".assessment-summary .review-outcome", "Accepted by Deputy Minister");

    // The period screen says the same, and leads to what is left.
    await app.go("#/period", "Reporting period");
    const rows = await app.texts("table.period tbody tr");
    assert.match(rows[0], new RegExp(`Accepted by Deputy Minister on ${DATE.source}`));
    assert.match(rows[4], /Awaiting review\s+Review/);
    await app.click("table.period a.review-link");
    await app.waitHeading("Recommendation 5");
  } finally {
    await app.close();
  }
});
