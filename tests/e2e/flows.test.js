// The executive assistant keeps the tracker current (and corrects a
// milestone's title and owner); the deputy minister reviews; bad input is
// refused in the user's language and changes nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { launch, trackerState } from "./harness.js";
import { addMilestone, openMilestoneChanges, openMilestoneEdit } from "./steps.js";

async function row(app, number) {
  const rows = await app.texts("#dashboard-rows tr");
  return rows[number - 1];
}

test("an executive assistant's working session shows on the dashboard", { timeout: 180_000 }, async () => {
  const app = await launch();
  try {
    // An owner.
    await app.go("#/owners", "Owners");
    await app.type("#owner-new-name", "Marc Gagnon");
    await app.type("#owner-new-title", "Director");
    await app.type("#owner-new-unit", "Cyber Security Branch");
    await app.type("#owner-new-email", "marc.gagnon@example.org");
    await app.click("#owner-new-form button[type=submit]");
    await app.waitText("table.owners tbody", "Marc Gagnon");

    // Lead owner of recommendation 1.
    await app.go("#/recommendation/1", "Recommendation 1");
    const ownerId = await app.driver.executeScript(
      "return [...document.querySelectorAll('#owners-lead_owner_id option')].find(o => o.textContent === 'Marc Gagnon').value");
    await app.select("#owners-lead_owner_id", ownerId);
    await app.click("#owners-form button[type=submit]");
    await app.waitText(".facts-list", "Marc Gagnon");

    // A milestone, then a move of its due date with a reason.
    await addMilestone(app, "Map the approval steps", "2026-11-01");
    const { moveForm: formId } = await openMilestoneChanges(app);
    await app.type(`#${formId} input[name=new_due]`, "2026-12-15");
    await app.type(`#${formId} textarea[name=reason]`, "Treasury Board calendar moved");
    await app.click(`#${formId} button[type=submit]`);
    await app.waitText("table.milestones", "Treasury Board calendar moved");
    const milestoneRow = await app.text("table.milestones tbody tr");
    assert.match(milestoneRow, /November 1, 2026/);
    assert.match(milestoneRow, /December 15, 2026/);

    // An evidence note.
    await app.select("#evidence-kind", "decision");
    await app.type("#evidence-text", "ExCo agreed the leaner approval path");
    await app.click("#evidence-form button[type=submit]");
    await app.waitText("#evidence-feed", "ExCo agreed the leaner approval path");

    // A period, then the assessment.
    await app.go("#/period", "Reporting period");
    await app.click("#period-form button[type=submit]");
    await app.waitText(".period-picker", " Q");
    await app.go("#/recommendation/1", "Recommendation 1");
    await app.select("#assessment-status", "in_process");
    await app.select("#assessment-confidence", "amber_red");
    await app.type("#assessment-commentary", "Timing now depends on Treasury Board.");
    // The form says that any text here is a decision the briefing puts first.
    assert.match(await app.text(".field-decisions_required .hint"), /Leave it empty when nothing needs a decision/);
    await app.type("#assessment-decisions_required", "Name an interim executive lead.");
    await app.click("#assessment-form button[type=submit]");
    await app.waitText(".assessment-summary", "Awaiting review");

    await app.go("#/", "Recommendations at a glance");
    const r1 = await row(app, 1);
    assert.match(r1, /Marc Gagnon/);
    assert.match(r1, /In the process of being implemented/);
    assert.match(r1, /Amber\/Red/);
    assert.match(r1, /0 of 1 done/);
    assert.match(r1, /Map the approval steps/);
    assert.match(r1, /today/);
    const attention = await app.text(".attention");
    assert.match(attention, /delivery confidence is Amber\/Red/);
    assert.match(attention, /decision required: Name an interim executive lead/);
    await app.screenshot("dashboard-after-ea-session");
  } finally {
    await app.close();
  }
});

test("the deputy minister accepts one assessment and returns another", { timeout: 180_000 }, async () => {
  const app = await launch({ sample: true, actor: "Deputy Minister", reviewMode: true });
  try {
    // In review mode the page offers review, not editing.
    await app.go("#/recommendation/1", "Recommendation 1");
    assert.equal((await app.driver.findElements({ css: "#assessment-form" })).length, 0);
    assert.equal((await app.driver.findElements({ css: "#evidence-form" })).length, 0);
    await app.click("#accept-form button[type=submit]");
    await app.waitText(".assessment-summary", "Accepted");

    await app.go("#/recommendation/4", "Recommendation 4");
    await app.type("#return-comment", "Why is the executive guide late?");
    await app.click("#return-form button[type=submit]");
    await app.waitText(".assessment-summary", "Why is the executive guide late?");

    await app.go("#/", "Recommendations at a glance");
    assert.match(await row(app, 1), /Accepted/);
    assert.match(await row(app, 4), /Returned/);
    assert.match(await app.text(".attention"), /returned by the deputy minister: “Why is the executive guide late\?”/);
  } finally {
    await app.close();
  }
});

test("the person who reported is told, before trying, that they cannot review their own report", { timeout: 120_000 }, async () => {
  const app = await launch({ sample: true, actor: "Alex Morgan (sample EA)", reviewMode: true });
  try {
    await app.go("#/recommendation/1", "Recommendation 1");
    await app.waitText("#review-refused", "You reported this assessment, so you cannot also review it");
    assert.equal((await app.driver.findElements({ css: "#accept-form, #return-form" })).length, 0, "no button to try");
  } finally {
    await app.close();
  }
});

test("bad input gets a clear error beside the field, in French too, and the file is unchanged", { timeout: 180_000 }, async () => {
  const app = await launch({ sample: true });
  try {
    const before = trackerState(app.db);
    await app.go("#/recommendation/2", "Recommendation 2");
    await app.type("#milestone-title", "");
    await app.type("#milestone-due", "2026-12-01");
    await app.click("#milestone-form button[type=submit]");
    await app.waitText("#milestone-title-error", "This field is required.");
    assert.equal(await app.driver.executeScript("return document.activeElement.id"), "milestone-title");
    assert.equal(await app.driver.executeScript(
      "return document.getElementById('milestone-title').getAttribute('aria-invalid')"), "true");

    await app.type("#milestone-title", "Publish the case showcases");
    await app.type("#milestone-due", "2026-02-30");
    await app.click("#milestone-form button[type=submit]");
    await app.waitText("#milestone-due-error", "Enter a real date in the form YYYY-MM-DD.");
    // What the user typed is kept.
    assert.equal(await app.driver.executeScript("return document.getElementById('milestone-title').value"), "Publish the case showcases");
    assert.equal(await app.driver.executeScript("return document.getElementById('milestone-due').value"), "2026-02-30");

    await app.click("#language-switch");
    await app.waitHeading("Recommandation 2");
    await app.type("#milestone-due", "2026-13-01");
    await app.click("#milestone-form button[type=submit]");
    await app.waitText("#milestone-due-error", "Entrez une date réelle au format AAAA-MM-JJ.");

    assert.deepEqual(trackerState(app.db), before);
  } finally {
    await app.close();
  }
});

test("a milestone's title and owner are corrected from its Edit form; an empty title changes nothing", { timeout: 180_000 }, async () => {
  const app = await launch();
  try {
    await app.go("#/owners", "Owners");
    await app.type("#owner-new-name", "Marc Gagnon");
    await app.click("#owner-new-form button[type=submit]");
    await app.waitText("table.owners tbody", "Marc Gagnon");
    await app.go("#/recommendation/1", "Recommendation 1");
    await addMilestone(app, "Map the aproval steps", "2026-11-01");

    // "Edit" opens from the keyboard, on labelled fields, focus in the title.
    const { toggle, form, prefix } = await openMilestoneEdit(app);
    const title = `${prefix}-title`;
    const owner = `${prefix}-owner_id`;
    assert.deepEqual(await app.driver.executeScript(`
      const [toggle, title, owner] = arguments;
      return {
        expanded: document.getElementById(toggle).getAttribute("aria-expanded"),
        focused: document.activeElement.id,
        titleLabel: document.querySelector("label[for='" + title + "']").textContent,
        ownerLabel: document.querySelector("label[for='" + owner + "']").textContent,
        value: document.getElementById(title).value,
      };`, toggle, title, owner),
    { expanded: "true", focused: title, titleLabel: "Title", ownerLabel: "Owner", value: "Map the aproval steps" });

    // An empty title is refused beside its field, and changes nothing.
    const before = trackerState(app.db);
    await app.type(`#${title}`, "");
    await app.click(`#${form} button[type=submit]`);
    await app.waitText(`#${title}-error`, "This field is required.");
    assert.equal(await app.driver.executeScript("return document.activeElement.id"), title);
    assert.equal(await app.driver.executeScript(
      "return document.getElementById(arguments[0]).getAttribute('aria-invalid')", title), "true");
    assert.match(await app.text("table.milestones tbody th"), /Map the aproval steps/);
    assert.deepEqual(trackerState(app.db), before);

    // A new title and an owner.
    const ownerId = await app.driver.executeScript(
      "return [...document.getElementById(arguments[0]).options].find((o) => o.textContent === 'Marc Gagnon').value", owner);
    await app.type(`#${title}`, "Map the approval steps");
    await app.select(`#${owner}`, ownerId);
    await app.click(`#${form} button[type=submit]`);
    await app.waitText("table.milestones tbody th", "Map the approval steps");
    await app.waitText("#confirmation-text", "Milestone saved");
    const row = await app.text("table.milestones tbody tr");
    assert.match(row, /Marc Gagnon/);
    assert.doesNotMatch(row, /aproval/);
    assert.equal(row.match(/November 1, 2026/g).length, 2, "the baseline and current due dates do not move");
    assert.equal(await app.driver.executeScript(
      "return document.getElementById(arguments[0]).getAttribute('aria-expanded')", toggle), "false", "the saved form closes");

    // The change is in the recommendation's history, in words, its values
    // before → after under the window's own labels.
    await app.waitText("[aria-labelledby=changes-heading]",
      "Executive Assistant corrected the milestone “Map the approval steps” of recommendation 1.");
    await app.click("[aria-labelledby=changes-heading] li[data-action=edit_milestone] .diff-toggle");
    const diff = "[aria-labelledby=changes-heading] li[data-action=edit_milestone] .diff";
    await app.waitText(diff, "Title");
    const said = await app.text(diff);
    assert.match(said, /Title\s+was Map the aproval steps → Map the approval steps/);
    assert.match(said, /Owner\s+was — → Marc Gagnon/);

    // The file holds the correction, recorded once, under the user's name.
    const after = trackerState(app.db);
    const milestone = after.milestones.find((m) => m.title === "Map the approval steps");
    assert.equal(milestone.owner_id, Number(ownerId));
    assert.equal(milestone.baseline_due, "2026-11-01");
    assert.equal(milestone.current_due, "2026-11-01");
    const edits = after.audit.filter((e) => e.action === "edit_milestone");
    assert.equal(edits.length, 1, "the refused edit left no event");
    assert.equal(edits[0].actor, "Executive Assistant");

    // The action speaks French too.
    await app.click("#language-switch");
    await app.waitHeading("Recommandation 1");
    assert.equal(await app.text(`#${toggle}`), "Éditer");
    assert.match(await app.driver.executeScript(
      "return document.getElementById(arguments[0]).getAttribute('aria-label')", toggle),
    /^Éditer le titre et le responsable\u00a0: Map the approval steps$/);
  } finally {
    await app.close();
  }
});
