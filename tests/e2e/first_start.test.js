// First start: with no name saved, the window asks once for the person's
// name (the two-key rule compares it), offering the system's user name when
// there is one; a blank name is refused beside the field; once saved it is
// the name on every change and the question is not asked again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cli, launch } from "./harness.js";

const settings = (app) => JSON.parse(readFileSync(join(app.dir, "config/ca.followthrough.desktop/settings.json"), "utf8"));
const shown = (app) => app.driver.executeScript("return !document.getElementById('first-start').hidden");

test("a new user with no system name is asked for theirs once, and it is recorded on their changes", { timeout: 180_000 }, async () => {
  const app = await launch({ sample: true, actor: null, env: { USER: "", LOGNAME: "", USERNAME: "" } });
  try {
    await app.driver.wait(async () => shown(app), 10_000, "the first-start question");
    assert.equal(await app.driver.executeScript("return document.activeElement.id"), "first-start-name");
    assert.equal(await app.driver.executeScript("return document.getElementById('first-start-name').value"), "");
    await app.screenshot("first-start-en");

    await app.click("#first-start-form button[type=submit]");
    await app.waitText("#first-start-error", "This field is required.");
    assert.equal(settings(app).actor, null, "nothing saved");

    await app.type("#first-start-name", "Alex Morgan");
    await app.click("#first-start-form button[type=submit]");
    await app.waitText("#confirmation-text", "Changes are now recorded as Alex Morgan.");
    assert.equal(await shown(app), false);
    assert.equal(await app.text("#actor"), "Alex Morgan");
    assert.equal(settings(app).actor, "Alex Morgan");

    // The name is the one recorded on the next change.
    await app.go("#/owners", "Owners");
    assert.equal(await shown(app), false, "asked once");
    await app.type("#owner-new-name", "Added By Alex");
    await app.click("#owner-new-form button[type=submit]");
    await app.waitText("#confirmation-text", "Added By Alex");
    const audit = JSON.parse(cli(app.db, "export", "--format", "json")).audit;
    assert.equal(audit.filter((e) => e.action === "add_owner").pop().actor, "Alex Morgan");
  } finally {
    await app.close();
  }
});

test("the system's user name is offered, and a saved name is never asked for", { timeout: 180_000 }, async () => {
  let app = await launch({ actor: null, env: { USER: "jtremblay" } });
  try {
    await app.driver.wait(async () => shown(app), 10_000, "the first-start question");
    assert.equal(await app.driver.executeScript("return document.getElementById('first-start-name').value"), "jtremblay");
  } finally {
    await app.close();
  }
  app = await launch({ actor: "Deputy Minister" });
  try {
    assert.equal(await shown(app), false);
  } finally {
    await app.close();
  }
});
