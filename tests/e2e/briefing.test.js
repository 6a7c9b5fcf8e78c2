// Exporting a briefing from the window: the choices, a refusal of bad
// input before any dialog opens, the real GTK save dialog (driven with
// xdotool, as a user's keyboard would), the PDF written where it was saved,
// a cancelled dialog that writes nothing, and a signed-off period's
// briefing that is the same file byte for byte every time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { axeViolations, cli, launch } from "./harness.js";
import { DIALOG_TITLES, cancelDialog, saveAs } from "./dialogs.js";

function briefingEvents(db) {
  return JSON.parse(cli(db, "export", "--format", "json")).audit.filter((e) => e.action === "briefing");
}

function pdfText(path) {
  return execFileSync("pdftotext", [path, "-"], { encoding: "utf8" }).replace(/\u200b/g, "");
}

test("a briefing is exported through the save dialog, in the chosen language", { timeout: 240_000 }, async () => {
  const app = await launch({ sample: true });
  try {
    await app.go("#/briefing", "Briefing");
    assert.match(await app.text("#briefing-source"), /is open: the briefing is made from the tracker as it stands and says DRAFT/);
    assert.equal(await app.driver.executeScript("return document.getElementById('briefing-marking').value"),
      "CONFIDENTIAL — Advice to the Deputy Minister");
    assert.deepEqual(await axeViolations(app), [], "briefing screen (en)");
    await app.screenshot("briefing-screen-en");

    // French briefing: the marking and organization follow the language.
    await app.select("#briefing-language", "fr");
    assert.equal(await app.driver.executeScript("return document.getElementById('briefing-marking').value"),
      "CONFIDENTIEL — Conseils au sous-ministre");

    // A blank marking is refused beside its field, before any dialog opens.
    await app.type("#briefing-marking", "   ");
    await app.click("#briefing-export");
    await app.waitText("#briefing-marking-error", "This field is required.");
    assert.equal(briefingEvents(app.db).length, 0, "nothing exported");

    await app.type("#briefing-marking", "PROTÉGÉ B — Ébauche pour discussion");
    await app.click("#briefing-annex");
    const out = join(app.dir, "exports");
    mkdirSync(out);
    const path = join(out, "note-q3.pdf");
    await app.click("#briefing-export");
    await saveAs(DIALOG_TITLES.en, path);
    await app.waitText("#briefing-result", "Draft briefing saved to", 30_000);
    assert.ok((await app.text("#briefing-result")).includes(path));
    assert.ok(readFileSync(path).subarray(0, 5).equals(Buffer.from("%PDF-")));
    const text = pdfText(path);
    assert.match(text, /Recommandations sur la gouvernance numérique/);
    assert.match(text, /PROTÉGÉ B — Ébauche pour discussion/);
    assert.match(text, /ÉBAUCHE/);
    // The annex asked for is there, in French.
    assert.match(text, /Annexe\s*:\s*pièces justificatives de la période/u);
    const events = briefingEvents(app.db);
    assert.equal(events.length, 1);
    assert.equal(events[0].after.language, "fr");
    assert.equal(events[0].after.annex, true);
    assert.equal(events[0].after.files[0].file, path);
    assert.equal(events[0].actor, "Executive Assistant");

    // Cancelling the dialog writes nothing and says so.
    await app.click("#briefing-export");
    await cancelDialog(DIALOG_TITLES.en);
    await app.waitText("#briefing-result", "The export was cancelled; nothing was written.");
    assert.equal(briefingEvents(app.db).length, 1);
  } finally {
    await app.close();
  }
});

/**
 * A stand-in for the desktop's "open with the default program" (xdg-open),
 * first on the app's PATH: it records what it was asked to open.
 */
function fakeOpener() {
  const dir = mkdtempSync(join(tmpdir(), "followthrough-opener-"));
  const log = join(dir, "opened.txt");
  const script = join(dir, "xdg-open");
  writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${log}'\n`);
  chmodSync(script, 0o755);
  return { dir, log, env: { PATH: `${dir}:${process.env.PATH}` } };
}

test("a signed-off period's briefing is made from its snapshot, the same file every time", { timeout: 240_000 }, async () => {
  const opener = fakeOpener();
  const app = await launch({ sample: true, language: "fr", env: opener.env });
  try {
    await app.go("#/briefing", "Note d'information");
    const signed = await app.driver.executeScript(
      "return [...document.querySelectorAll('#briefing-period_id option')].find(o => o.textContent.includes('approuvée')).value");
    await app.select("#briefing-period_id", signed);
    const note = await app.text("#briefing-source");
    assert.match(note, /est approuvée\u00a0: la note est produite à partir de l'instantané figé/);
    const fingerprint = note.match(/[0-9a-f]{64}/)[0];
    await app.select("#briefing-language", "en");
    assert.deepEqual(await axeViolations(app), [], "briefing screen (fr)");
    await app.screenshot("briefing-screen-fr");

    const first = join(app.dir, "first.pdf");
    const second = join(app.dir, "second");
    for (const path of [first, second]) {
      await app.click("#briefing-export");
      await saveAs(DIALOG_TITLES.fr, path);
      await app.waitText("#briefing-result", "Note enregistrée dans", 30_000);
      await app.waitText("#briefing-result", path);
    }
    // A name typed without an extension gets ".pdf".
    assert.ok(existsSync(`${second}.pdf`));
    assert.ok(readFileSync(first).equals(readFileSync(`${second}.pdf`)), "byte-identical");
    assert.ok((await app.text("#briefing-result")).includes(fingerprint));
    assert.match(pdfText(first), /Status Briefing/);
    assert.ok(!existsSync(opener.log), "nothing opened unless asked");

    // Asked to, the written file is handed to the desktop's PDF viewer.
    await app.click("#briefing-open_after");
    const third = join(app.dir, "third.pdf");
    await app.click("#briefing-export");
    await saveAs(DIALOG_TITLES.fr, third);
    await app.waitText("#briefing-result", third, 30_000);
    await app.driver.wait(() => existsSync(opener.log), 10_000, "the viewer was asked to open the file");
    assert.equal(readFileSync(opener.log, "utf8").trim(), third);
  } finally {
    await app.close();
    rmSync(opener.dir, { recursive: true, force: true });
  }
});
