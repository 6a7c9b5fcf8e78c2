// Forms as the user left them: what the window filled in is not the user's
// draft (a language switch re-fills it, a save elsewhere does not open it);
// after every save focus lands on what changed, or the form's next field,
// and a visible confirmation says what was saved; focus rings stand out
// from whatever they are drawn on.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Key } from "selenium-webdriver";
import { launch } from "./harness.js";
import { DIALOG_TITLES, saveAs } from "./dialogs.js";

const value = (app, id) => app.driver.executeScript("return document.getElementById(arguments[0]).value", id);

/**
 * After a save: the confirmation is on screen and says `words`, focus is on
 * the element `expected` names (an id, or a RegExp for one), and the next
 * Tab goes on from there instead of starting again at the top of the page.
 */
async function assertLanded(app, expected, words) {
  await app.driver.wait(async () => app.driver.executeScript(`
    return !document.getElementById("confirmation").hidden
      && new RegExp(arguments[0]).test(document.getElementById("confirmation-text").textContent);`, words.source),
  15_000, `the confirmation ${words}`);
  const seen = await app.driver.executeScript(`
    const box = document.getElementById("confirmation").getBoundingClientRect();
    const a = document.activeElement;
    return {
      text: document.getElementById("confirmation-text").textContent,
      onScreen: box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0,
      focused: a === document.body ? "(body)" : a.id,
    };`);
  assert.match(seen.text, words);
  assert.ok(seen.onScreen, "the confirmation is inside the window");
  if (expected instanceof RegExp) assert.match(seen.focused, expected);
  else assert.equal(seen.focused, expected);
  await app.driver.actions().sendKeys(Key.TAB).perform();
  const after = await app.driver.executeScript(`
    const from = document.getElementById(arguments[0]);
    const next = document.activeElement;
    return next !== document.body && next !== from
      && Boolean(from.compareDocumentPosition(next) & Node.DOCUMENT_POSITION_FOLLOWING);`, seen.focused);
  assert.ok(after, `Tab after saving goes on from ${seen.focused}`);
  return seen.focused;
}

/** Every select whose choice is not its first option marks that option as chosen. */
async function unmarkedSelects(app) {
  return app.driver.executeScript(`
    return [...document.querySelectorAll("main select")]
      .filter((s) => s.selectedIndex > 0 && !s.options[s.selectedIndex].defaultSelected)
      .map((s) => s.id);`);
}

test("what the window filled in follows the language; what the user typed stays", { timeout: 180_000 }, async () => {
  const app = await launch({ sample: true });
  try {
    await app.go("#/briefing", "Briefing");
    assert.equal(await value(app, "briefing-marking"), "CONFIDENTIAL — Advice to the Deputy Minister");
    await app.click("#language-switch");
    await app.waitHeading("Note d'information");
    assert.equal(await value(app, "briefing-marking"), "CONFIDENTIEL — Conseils au sous-ministre");
    assert.equal(await value(app, "briefing-language"), "fr");
    assert.equal(await value(app, "briefing-organization"), "Bureau du sous-ministre");
    // The user's own marking is theirs: it survives the switch back.
    await app.type("#briefing-marking", "PROTÉGÉ B");
    await app.click("#language-switch");
    await app.waitHeading("Briefing");
    assert.equal(await value(app, "briefing-marking"), "PROTÉGÉ B");
    assert.deepEqual(await unmarkedSelects(app), []);

    // A recommendation page filled from the tracker has no draft in it: a
    // save re-draws it without opening any form.
    await app.go("#/recommendation/2", "Recommendation 2");
    assert.deepEqual(await unmarkedSelects(app), []);
    await app.type("#evidence-text", "Typed, not yet saved.");
    await app.type("#milestone-title", "Draft the funding model");
    await app.type("#milestone-due", "2027-02-15");
    await app.click("#milestone-form button[type=submit]");
    await app.waitText("table.milestones", "Draft the funding model");
    assert.equal(await value(app, "evidence-text"), "Typed, not yet saved.");
    assert.equal(await app.driver.executeScript(
      "return document.querySelectorAll('table.milestones .change-panel:not([hidden])').length"), 0,
    "no milestone's forms opened");
    assert.deepEqual(await unmarkedSelects(app), []);

    // Adding an owner opens no other owner's edit form.
    await app.go("#/owners", "Owners");
    await app.type("#owner-new-name", "Priya Raman");
    await app.click("#owner-new-form button[type=submit]");
    await app.waitText("table.owners", "Priya Raman");
    assert.equal(await app.driver.executeScript(`
      return [...document.querySelectorAll("table.owners form.stack, table.owners tr.change-row")]
        .filter((el) => el.offsetParent !== null).length`), 0, "no owner's edit form is open");
    assert.equal(await value(app, "owner-new-name"), "", "the add form is empty for the next owner");
  } finally {
    await app.close();
  }
});

test("after each save the executive assistant's focus stays where the work is, with a confirmation", { timeout: 300_000 }, async () => {
  const app = await launch({ sample: true });
  try {
    await app.go("#/recommendation/2", "Recommendation 2");
    await app.select("#assessment-status", "in_process");
    await app.select("#assessment-confidence", "amber");
    await app.click("#assessment-form button[type=submit]");
    await assertLanded(app, "assessment-heading", /Report saved/);

    await app.type("#milestone-title", "Agree the funding model");
    await app.type("#milestone-due", "2027-03-01");
    await app.click("#milestone-form button[type=submit]");
    const row = await assertLanded(app, /^milestone-\d+-title$/, /Milestone added: Agree the funding model/);
    const id = row.match(/\d+/)[0];
    assert.match(await app.text(`#${row}`), /Agree the funding model/);

    await app.click(`#milestone-${id}-toggle`);
    await app.type(`#move-${id}-new_due`, "2027-03-31");
    await app.type(`#move-${id}-reason`, "The funding decision moved to March.");
    await app.click(`#move-${id}-form button[type=submit]`);
    await assertLanded(app, row, /Due date of Agree the funding model moved/);

    await app.type("#evidence-text", "Funding model discussed at the board.");
    await app.click("#evidence-form button[type=submit]");
    await assertLanded(app, /^note-\d+$/, /Evidence note added/);

    await app.go("#/owners", "Owners");
    await app.type("#owner-new-name", "Jordan Lee");
    await app.click("#owner-new-form button[type=submit]");
    const owner = await assertLanded(app, /^owner-\d+-row$/, /Owner added: Jordan Lee/);
    assert.match(await app.text(`#${owner}`), /Jordan Lee/);
    // Edited in its own full-width row, back on its Edit button after.
    const ownerId = owner.match(/\d+/)[0];
    await app.click(`#owner-${ownerId}-edit`);
    assert.equal(await app.driver.executeScript(
      "return document.getElementById(arguments[0]).closest('tr').classList.contains('change-row')", `owner-${ownerId}-form`), true);
    await app.type(`#owner-${ownerId}-title`, "Director, Digital Funding");
    await app.click(`#owner-${ownerId}-form button[type=submit]`);
    await assertLanded(app, `owner-${ownerId}-edit`, /Owner saved: Jordan Lee/);
    assert.match(await app.text(`#${owner}`), /Jordan Lee/);
    assert.match(await app.text("table.owners"), /Director, Digital Funding/);

    await app.go("#/backups", "Backups");
    await app.click("#backup-now");
    await assertLanded(app, "backup-result", /Backup written/);

    await app.go("#/briefing", "Briefing");
    mkdirSync(join(app.dir, "exports"));
    await app.click("#briefing-export");
    await saveAs(DIALOG_TITLES.en, join(app.dir, "exports", "q3.pdf"));
    await assertLanded(app, "briefing-result", /Briefing saved/);
    await app.screenshot("confirmation-briefing-en");
  } finally {
    await app.close();
  }
});

test("after accepting or returning, the deputy minister's focus stays on the assessment, with a confirmation", { timeout: 180_000 }, async () => {
  const app = await launch({ sample: true, actor: "Deputy Minister", reviewMode: true, language: "fr" });
  try {
    await app.go("#/recommendation/1", "Recommandation 1");
    await app.click("#accept-form button[type=submit]");
    await assertLanded(app, "assessment-heading", /Évaluation acceptée/);
    await app.go("#/recommendation/4", "Recommandation 4");
    await app.type("#return-comment", "Pourquoi le guide est-il en retard?");
    await app.click("#return-form button[type=submit]");
    await assertLanded(app, "assessment-heading", /Évaluation renvoyée/);
    // A new screen takes the confirmation away.
    await app.go("#/", "Les recommandations en un coup d'œil");
    assert.equal(await app.driver.executeScript("return document.getElementById('confirmation').hidden"), true);
  } finally {
    await app.close();
  }
});

/**
 * Tabs through the whole window and, for each element focused, measures its
 * focus ring against what the ring is drawn on (the nearest ancestor with a
 * background of its own): WCAG 2.4.7 and 1.4.11 ask for at least 3:1.
 */
async function weakFocusRings(app, stops) {
  const weak = [];
  let measured = 0;
  await app.driver.executeScript("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)");
  for (let i = 0; i < stops; i += 1) {
    await app.driver.actions().sendKeys(Key.TAB).perform();
    const seen = await app.driver.executeScript(`
      const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
      const lum = ([r, g, b]) => {
        const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const width = parseFloat(style.outlineWidth);
      let ground = [255, 255, 255];
      for (let n = el.parentElement; n; n = n.parentElement) {
        const c = parse(getComputedStyle(n).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0)) { ground = c.slice(0, 3); break; }
      }
      const ring = parse(style.outlineColor).slice(0, 3);
      const [hi, lo] = [lum(ring), lum(ground)].sort((a, b) => b - a);
      const label = el.id || el.getAttribute("href") || el.textContent.trim().slice(0, 30) || el.tagName;
      return { label, style: style.outlineStyle, width, ratio: (hi + 0.05) / (lo + 0.05) };`);
    if (!seen) continue;
    measured += 1;
    if (seen.style === "none" || seen.width < 2 || seen.ratio < 3) weak.push(seen);
  }
  return { weak, measured };
}

test("every focus ring stands out at least 3:1 from what it is drawn on", { timeout: 180_000 }, async () => {
  const app = await launch({ sample: true });
  try {
    for (const [route, heading] of [["#/", "Recommendations at a glance"], ["#/recommendation/3", "Recommendation 3"]]) {
      await app.go(route, heading);
      const { weak, measured } = await weakFocusRings(app, 40);
      assert.deepEqual(weak, [], `${route}: ${JSON.stringify(weak)}`);
      assert.ok(measured >= 35, `${route}: only ${measured} focus stops measured`);
    }
    // The confirmation's own button, on its dark ground.
    await app.go("#/owners", "Owners");
    await app.type("#owner-new-name", "Sam Ortiz");
    await app.click("#owner-new-form button[type=submit]");
    await app.waitText("#confirmation-text", "Sam Ortiz");
    // Reached from the keyboard, so the ring shows.
    await app.driver.actions().sendKeys(Key.TAB).perform();
    const ring = await app.driver.executeScript(`
      const b = document.getElementById("confirmation-dismiss");
      b.focus();
      const s = getComputedStyle(b);
      return { focused: document.activeElement === b, style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor };`);
    assert.ok(ring.focused);
    assert.notEqual(ring.style, "none");
    assert.ok(ring.width >= 2, JSON.stringify(ring));
    assert.match(ring.color, /255, 255, 255/);
    // Dismissed from its button, focus goes to the screen's heading.
    await app.driver.actions().sendKeys(Key.ENTER).perform();
    assert.equal(await app.driver.executeScript("return document.getElementById('confirmation').hidden"), true);
    assert.equal(await app.driver.executeScript("return document.activeElement.tagName"), "H1");
  } finally {
    await app.close();
  }
});
