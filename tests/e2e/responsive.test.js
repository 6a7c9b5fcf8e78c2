// Long work leaves the window usable. On a tracker a hundred times an
// office's size (about 460 MB), "Back up now" runs off the window's thread:
// the operations area under the header shows its stage and a bar, another
// screen opens and works meanwhile, and the area then says where the
// backup was written. "Stop" ends a backup before it is placed, with
// nothing written.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { BIN, launch } from "./harness.js";

const BENCH = process.env.FOLLOWTHROUGH_BENCH_BIN || join(dirname(BIN), "followthrough-bench");

/**
 * The 100× tracker, generated once by the benchmark driver (about a
 * minute) and kept beside the binaries for later runs.
 */
function hundredTimesTracker() {
  const dir = join(dirname(BIN), "e2e-trackers");
  const file = join(dir, "tracker-100x.sqlite3");
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const partial = join(dir, "tracker-100x.partial.sqlite3");
    execFileSync(BENCH, ["generate", "--scale", "100", "--out", partial], { stdio: "inherit" });
    renameSync(partial, file);
    rmSync(`${partial}.lock`, { force: true });
  }
  return file;
}

/** The backups the folder holds (names only). */
function backupNames(app) {
  const dir = join(app.dir, "backups");
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith(".sqlite3") && !n.startsWith(".")) : [];
}

/** Waits until the operation started by `command` shows in the operations area. */
async function waitOperation(app, command) {
  await app.driver.wait(async () => app.driver.executeScript(
    "return document.querySelector(`#operations .operation[data-command='${arguments[0]}']`) !== null", command),
  20_000, `the ${command} operation in the operations area`);
}

async function operationRunning(app, command) {
  return app.driver.executeScript(
    "return document.querySelector(`#operations .operation[data-command='${arguments[0]}']`) !== null", command);
}

test("on a 100× tracker, another screen opens and works while a backup runs; Stop leaves nothing behind", { timeout: 900_000 }, async () => {
  const source = hundredTimesTracker();
  const app = await launch({ prepare: (db) => copyFileSync(source, db) });
  try {
    // The window's own start-up backup (five seconds in) is done before
    // the backups are counted.
    await app.driver.wait(async () => backupNames(app).length === 1, 240_000, "the start-up backup");
    await app.go("#/backups", "Backups");
    await app.driver.wait(async () => !(await operationRunning(app, "list_backups")), 240_000, "the backups checked");

    // Stop: asked while the copy is still under way, the backup ends with
    // nothing written and the form says so.
    const before = backupNames(app);
    await app.click("#backup-now");
    await waitOperation(app, "backup_now");
    const stop = await app.driver.executeScript(
      "return document.querySelector('#operations .operation[data-command=backup_now] .operation-stop').id");
    await app.driver.wait(async () => app.driver.executeScript(
      "return !document.getElementById(arguments[0]).hidden", stop), 20_000, "Stop offered");
    await app.click(`#${stop}`);
    await app.waitText("#backup-now-form .form-error", "Stopped as asked", 120_000);
    assert.equal(await operationRunning(app, "backup_now"), false);
    assert.deepEqual(backupNames(app).sort(), before.sort(), "a stopped backup writes nothing");
    assert.deepEqual(readdirSync(join(app.dir, "backups")).filter((n) => n.startsWith(".")), [],
      "a stopped backup leaves no working file");

    // A backup that runs to its end, while the user works elsewhere.
    await app.click("#backup-now");
    await waitOperation(app, "backup_now");
    const stage = await app.text("#operations .operation[data-command=backup_now] .operation-stage");
    assert.match(stage, /Starting|Copying|Checking/);
    assert.equal(await app.driver.executeScript(
      "return document.querySelectorAll('#operations .operation[data-command=backup_now] progress').length"), 1);
    const opened = Date.now();
    await app.go("#/owners", "Owners");
    const rows = await app.texts("table.owners tbody tr");
    const took = Date.now() - opened;
    assert.ok(rows.length > 0, "the Owners screen lists the owners");
    assert.equal(await operationRunning(app, "backup_now"), true,
      `the backup was still running when the Owners screen had opened (in ${took} ms)`);
    await app.screenshot("operation-100x-owners");

    // The backups screen is gone, so the operations area says how it ended.
    await app.waitText("#operations .operation-ended", "Backed up to", 600_000);
    const written = (await app.text("#operations .operation-ended span")).replace(/^Backed up to /, "").replace(/\.$/, "");
    assert.ok(existsSync(written), `${written} exists`);
    assert.equal(backupNames(app).length, before.length + 1);
    await app.click("#operations .operation-ended button");
    assert.equal(await app.driver.executeScript("return document.getElementById('operations').hidden"), true);
  } finally {
    await app.close();
  }
});
