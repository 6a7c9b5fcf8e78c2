// The deputy minister reviews on their own laptop: two people, each with
// their own home (settings, key, inbox) and data file, play the office and
// the laptop in the real window, through the system's dialogs. Keys are
// made and exchanged, a period is sent, opened on the laptop (its sender's
// fingerprint confirmed), one report accepted and one returned, the laptop
// closed and opened again, the decisions sent back and applied; the
// assistant's dashboard then shows both, signed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { axeViolations, codeSnifferErrors, launch } from "./harness.js";
import { openFile, saveAs } from "./dialogs.js";

const EA = "Alex Morgan (sample EA)";
const DM = "Deputy Minister";
const EA_PASSPHRASE = "the assistant's own passphrase";
const DM_PASSPHRASE = "the minister's own passphrase";

async function makeKey(app, passphrase) {
  await app.go("#/reviews", "Reviews");
  await app.type("#key-new-passphrase", passphrase);
  await app.type("#key-new-again", passphrase);
  await app.click("#key-new-form button[type=submit]");
  await app.waitText("#key-unlocked", "Unlocked");
  return app.text("#my-fingerprint");
}

test("two laptops, two keys: sent, reviewed on the laptop, sent back and applied", { timeout: 600_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), "followthrough-two-laptops-"));
  const office = join(root, "office");
  const laptop = join(root, "laptop");
  const files = join(root, "files");
  const file = (name) => join(files, name);
  mkdirSync(files);
  try {
    // On the laptop: the deputy minister makes a key and saves its public half.
    let app = await launch({ home: laptop, actor: DM });
    let dmFingerprint;
    try {
      dmFingerprint = await makeKey(app, DM_PASSPHRASE);
      assert.match(dmFingerprint, /^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
      await app.click("#save-public-key");
      await saveAs("Save your public key", file("minister.pub"));
      await app.waitText("#public-key-saved", "minister.pub");
      await app.screenshot("two-laptops-1-dm-key");
    } finally {
      await app.close();
    }
    assert.match(readFileSync(file("minister.pub"), "utf8"), /^Followthrough public key\n/);

    // At the office: the assistant makes a key, registers the minister's
    // from the file, and typing the minister's name no longer accepts.
    app = await launch({ home: office, sample: true, actor: EA });
    let eaFingerprint;
    try {
      eaFingerprint = await makeKey(app, EA_PASSPHRASE);
      await app.click("#reviewer-read-file");
      await openFile("Choose the reviewer's public key", file("minister.pub"));
      await app.driver.wait(async () => (await app.driver.executeScript(
        "return document.getElementById('reviewer-public_key').value")).startsWith("Followthrough public key"), 10_000);
      await app.click("#reviewer-form button[type=submit]");
      await app.waitText("#reviewer-rows", DM);
      assert.match(await app.text("#reviewer-rows"), new RegExp(dmFingerprint));
      await app.screenshot("two-laptops-2-registered");

      await app.select("#send-reviewer_id", "1");
      await app.click("#send-for-review");
      await saveAs("Save the review package", file("q3.ftreview"));
      await app.waitText("#send-result", "q3.ftreview");
    } finally {
      await app.close();
    }

    // The assistant, at their own desk, types the minister's name: refused.
    app = await launch({ home: office, actor: DM, reviewMode: true });
    try {
      await app.go("#/recommendation/1", "Recommendation 1");
      await app.waitText("#review-refused", "only a decision the reviewer signs");
      assert.equal((await app.driver.findElements({ css: "#accept-form, #return-form" })).length, 0);
    } finally {
      await app.close();
    }

    // On the laptop: the package opens once the sender's fingerprint is
    // confirmed; one report accepted, one returned.
    app = await launch({ home: laptop, actor: DM });
    try {
      await app.go("#/reviews", "Reviews");
      await app.type("#open-package-passphrase", DM_PASSPHRASE);
      await app.click("#open-package");
      await openFile("Open a review package", file("q3.ftreview"));
      await app.waitText("#trust", "Is this");
      assert.equal(await app.text("#trust .fingerprint"), eaFingerprint);
      await app.screenshot("two-laptops-3-trust");
      await app.click("#trust-sender");
      await app.waitHeading("Review of");
      await app.click("#rec-1-accept-form button[type=submit]");
      await app.waitText("#rec-1-decision", "accept");
      await app.type("#rec-5-return-comment", "Which two ministries, and when will they confirm?");
      await app.click("#rec-5-return-form button[type=submit]");
      await app.waitText("#rec-5-decision", "Which two ministries");
      await app.screenshot("two-laptops-4-reviewing");
      // The reviewer's screen passes both accessibility engines.
      assert.deepEqual(await axeViolations(app), []);
      assert.deepEqual(await codeSnifferErrors(app), []);
    } finally {
      await app.close();
    }

    // The lid closed and opened again: the work is there.
    app = await launch({ home: laptop, actor: DM });
    try {
      await app.go("#/reviews", "Reviews");
      await app.click("#inbox-list a");
      await app.waitHeading("Review package");
      await app.type("#package-unlock-passphrase", DM_PASSPHRASE);
      await app.click("#package-unlock-form button[type=submit]");
      await app.waitHeading("Review of");
      await app.waitText("#rec-1-decision", "accept");
      await app.waitText("#rec-5-decision", "Which two ministries");
      await app.click("#send-decisions");
      await saveAs("Save your decisions", file("q3.ftdecisions"));
      await app.waitText("#send-decisions-result", "2 signed decisions");
    } finally {
      await app.close();
    }

    // At the office: shown, then applied; the dashboard shows both.
    app = await launch({ home: office, actor: EA });
    try {
      await app.go("#/reviews", "Reviews");
      await app.type("#apply-passphrase", EA_PASSPHRASE);
      await app.click("#apply-choose");
      await openFile("Choose the reviewer's decisions", file("q3.ftdecisions"));
      await app.waitText("#applying-table", "Will be applied");
      await app.screenshot("two-laptops-5-preview");
      assert.deepEqual(await axeViolations(app), []);
      assert.deepEqual(await codeSnifferErrors(app), []);
      await app.click("#apply-confirm");
      await app.waitText("#applied-result", "2 decisions applied");
      await app.go("#/", "Recommendations at a glance");
      const row = (n) => app.text(`tr[data-recommendation="${n}"]`);
      await app.waitText("main", "Returned");
      assert.match(await row(1), /Accepted/);
      assert.match(await row(5), /Returned/);
      await app.go("#/recommendation/1", "Recommendation 1");
      await app.waitText("section[aria-labelledby=assessment-heading]", `signed with key ${dmFingerprint.slice(0, 9)}`);
      await app.screenshot("two-laptops-6-signed");
    } finally {
      await app.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
