// Steps several end-to-end tests take on a recommendation's page.

import { Key } from "selenium-webdriver";

/** Adds a milestone through the page's form and waits for its row. */
export async function addMilestone(app, title, due) {
  await app.type("#milestone-title", title);
  await app.type("#milestone-due", due);
  await app.click("#milestone-form button[type=submit]");
  await app.waitText("table.milestones", title);
}

/**
 * Opens the first milestone's "Change…" forms and returns the ids of its
 * toggle and of its move-date form.
 */
export async function openMilestoneChanges(app) {
  const toggle = await app.driver.executeScript("return document.querySelector('table.milestones [aria-controls$=-panel]').id");
  await app.click(`#${toggle}`);
  const moveForm = await app.driver.executeScript("return document.querySelector('table.milestones .move-form').id");
  return { toggle, moveForm };
}

/**
 * Opens the first milestone's "Edit" form from the keyboard (Enter on its
 * button) and returns the ids of its toggle and form, and the prefix of the
 * ids of its controls (`<prefix>-title`, `<prefix>-owner_id`).
 */
export async function openMilestoneEdit(app) {
  const toggle = await app.driver.executeScript(
    "const b = document.querySelector('table.milestones [id$=-edit-toggle]'); b.focus(); return b.id");
  await app.driver.actions().sendKeys(Key.ENTER).perform();
  await app.driver.wait(async () => app.driver.executeScript(
    "return document.querySelector('table.milestones .edit-form') !== null"), 10_000, "the milestone's edit form");
  const form = await app.driver.executeScript("return document.querySelector('table.milestones .edit-form').id");
  return { toggle, form, prefix: form.replace(/-form$/, "") };
}
