// Backups from the window: back up, change something, restore, and the
// earlier state is back; a window opened on a damaged file recovers by
// restoring the newest good backup, without restarting.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { axeViolations, cli, launch, trackerState } from "./harness.js";

async function assertAccessible(app, where) {
  const violations = await axeViolations(app);
  assert.deepEqual(violations, [], `${where}: ${JSON.stringify(violations, null, 2)}`);
}

async function leadOfRecommendation1(app) {
  const rows = await app.texts("#dashboard-rows tr");
  return rows[0];
}

test("a backup taken in the window is restored and the dashboard shows the earlier state", { timeout: 240_000 }, async () => {
  const app = await launch({ sample: true });
  try {
    await app.go("#/backups", "Backups");
    assert.ok((await app.text("main .intro")).includes(join(app.dir, "backups")), "the intro names the folder");
    await app.click("#backup-now");
    await app.waitText("#backup-result", "Backed up to");
    const written = (await app.text("#backup-result")).replace(/^Backed up to /, "").replace(/\.$/, "");
    const name = written.split("/").pop();
    assert.equal(written, join(app.dir, "backups", name));
    await app.waitText("#backup-rows", name);
    const row = (await app.texts("#backup-rows tr")).find((r) => r.includes(name));
    assert.match(row, /Passes the check/);
    assert.match(row, /\d+(\.\d)? (kB|MB)/);
    const before = trackerState(app.db);
    await app.screenshot("backups-en");
    await assertAccessible(app, "backups (en)");

    // A change after the backup: a new owner who leads recommendation 1.
    await app.go("#/owners", "Owners");
    await app.type("#owner-new-name", "Added After The Backup");
    await app.click("#owner-new-form button[type=submit]");
    await app.waitText("table.owners tbody", "Added After The Backup");
    await app.go("#/recommendation/1", "Recommendation 1");
    const ownerId = await app.driver.executeScript(
      "return [...document.querySelectorAll('#owners-lead_owner_id option')].find(o => o.textContent === 'Added After The Backup').value");
    await app.select("#owners-lead_owner_id", ownerId);
    await app.click("#owners-form button[type=submit]");
    await app.waitText(".facts-list", "Added After The Backup");
    await app.go("#/", "Recommendations at a glance");
    assert.match(await leadOfRecommendation1(app), /Added After The Backup/);

    // Restore, through the confirmation that says what will happen.
    await app.go("#/backups", "Backups");
    await app.click(`button.restore[data-backup="${name}"]`);
    await app.waitText("#restore-confirm-card", "Restore the backup of");
    const confirmation = await app.text("#restore-confirm-card");
    assert.ok(confirmation.includes(`File: ${name}`), confirmation);
    assert.match(confirmation, /changes made since then will no longer show/);
    assert.match(confirmation, /first kept as a new backup/);
    assert.match(confirmation, /recorded in the history of changes/);
    assert.equal(await app.driver.executeScript("return document.activeElement.id"), "restore-confirm-heading");
    await app.screenshot("backups-confirm-en");
    await assertAccessible(app, "restore confirmation (en)");

    // Cancel changes nothing and returns focus to the button.
    await app.click("#restore-cancel");
    assert.equal(await app.driver.executeScript("return document.activeElement.dataset.backup"), name);
    assert.equal(await app.driver.executeScript("return document.getElementById('restore-confirm-card').hidden"), true);

    await app.click(`button.restore[data-backup="${name}"]`);
    await app.click("#restore-confirm");
    await app.waitHeading("Recommendations at a glance");
    await app.waitText(".flash", "Restored the backup of");
    const flash = await app.text(".flash");
    const kept = /kept as (\S+\.sqlite3)\.$/.exec(flash)[1];
    assert.doesNotMatch(await leadOfRecommendation1(app), /Added After The Backup/);
    await app.screenshot("dashboard-after-restore");

    // The file holds the backed-up content; the restore is in the history.
    const after = trackerState(app.db);
    for (const table of ["owners", "recommendations", "milestones", "evidence", "assessments", "periods"]) {
      assert.deepEqual(after[table], before[table], table);
    }
    await app.go("#/audit", "History of changes");
    await app.waitText(".audit-list", "restore");

    // What was there before is kept and listed, restorable in turn.
    await app.go("#/backups", "Backups");
    await app.waitText("#backup-rows", kept);

    await app.click("#language-switch");
    await app.waitHeading("Sauvegardes");
    assert.match(await app.text("#backup-rows"), /\d+(,\d)?\s?(ko|Mo)/);
    assert.match(await app.text("#backup-rows"), /(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}, \d{1,2} h \d{2}/);
    await app.click(`button.restore[data-backup="${kept}"]`);
    await app.waitText("#restore-confirm-card", "Restaurer la sauvegarde du");
    await app.screenshot("backups-confirm-fr");
    await assertAccessible(app, "restore confirmation (fr)");
  } finally {
    await app.close();
  }
});

/** Overwrites every page but the first with noise, as a disk fault would. */
function damage(db) {
  const bytes = readFileSync(db);
  bytes.fill(0xa5, 4096);
  writeFileSync(db, bytes);
}

test("a window opened on a damaged file restores the newest good backup without restarting", { timeout: 180_000 }, async () => {
  const app = await launch({
    sample: true,
    prepare: (db) => {
      cli(db, "backup");
      damage(db);
    },
  });
  try {
    await app.waitHeading("The data file could not be opened");
    assert.match(await app.text(".banner-error"), /The data file is damaged/);
    await app.waitText("#newest-good-heading", "Restore the newest good backup");
    await app.click("#restore-newest-good");
    await app.waitText("#restore-confirm-card", "Restore the backup of");
    assert.match(await app.text("#restore-confirm-card"), /The damaged file is first kept as it is, byte for byte/);
    await app.screenshot("open-error-restore");
    await assertAccessible(app, "damaged file, restore offered");

    await app.click("#restore-confirm");
    await app.waitHeading("Recommendations at a glance");
    assert.equal((await app.texts("#dashboard-rows tr")).length, 8);
    assert.equal(await app.driver.executeScript("return document.getElementById('sample-banner').hidden"), false);
    assert.match(await app.text(".flash"), /Restored the backup of .* kept as tracker-unreadable-\S+\.bin\./);
    // The damaged bytes are kept, and the file now opens from the command line.
    assert.ok(readdirSync(join(app.dir, "backups")).some((f) => f.startsWith("tracker-unreadable-")));
    assert.match(cli(app.db, "verify"), /: ok/);
  } finally {
    await app.close();
  }
});

test("a file whose audit trail was cut short is refused in French, and kept as it is on purpose", { timeout: 180_000 }, async () => {
  const app = await launch({
    sample: true,
    language: "fr",
    prepare: (db) => {
      // This computer sees the tracker, an older copy is taken, more is
      // recorded, then the older copy is put back outside the program.
      cli(db, "verify");
      const older = readFileSync(db);
      cli(db, "backup");
      for (const side of ["-wal", "-shm"]) {
        try { rmSync(db + side); } catch { /* not there */ }
      }
      writeFileSync(db, older);
    },
  });
  try {
    await app.waitHeading("Le fichier de données n'a pas pu être ouvert");
    assert.match(await app.text(".banner-error"), /s'arrête avant la dernière modification que cet ordinateur y avait vue/);
    await app.waitText("#trust-heading", "Utiliser ce fichier tel quel");
    assert.match(await app.text("#newest-good-heading"), /Restaurer la plus récente sauvegarde valide/);
    await app.click("#trust-file");
    await app.waitText("#trust-confirm-card", "Utiliser le fichier de données tel quel?");
    assert.equal(await app.driver.executeScript("return document.activeElement.id"), "trust-confirm-heading");
    await app.screenshot("open-error-trail-fr");
    await assertAccessible(app, "cut trail (fr)");
    await app.click("#trust-confirm");
    await app.waitHeading("Les recommandations en un coup d'œil");
    assert.match(await app.text(".flash"), /utilisé tel quel/);
    // The decision is in the history, and the file verifies.
    assert.match(cli(app.db, "verify"), /: ok/);
    const actions = JSON.parse(cli(app.db, "export", "--format", "json")).audit.map((e) => e.action);
    assert.ok(actions.includes("trust_file"));
  } finally {
    await app.close();
  }
});
