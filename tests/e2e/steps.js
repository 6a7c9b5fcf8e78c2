// Steps several end-to-end tests take on a recommendation's page.

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
