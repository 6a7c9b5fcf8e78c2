// The deputy minister reviews on their own laptop: two people, each with
// their own home (settings, key, inbox) and data file, play the office and
// the laptop in the real window, through the system's dialogs. Keys are
// made and exchanged, a period is sent, opened on the laptop (its sender's
// fingerprint confirmed), one report accepted and one returned, the laptop
// closed and opened again, the decisions sent back and applied; the
// assistant's dashboard and history then show both, signed. Then the
// deputy minister, at the assistant's computer, unlocks their own key file
// there, turns on review mode and accepts a third report, signed.
//
// The flow runs twice: in English with the mouse, and in French with the
// keyboard alone (Tab and Shift+Tab to each control, Enter to press it,
// the system's dialogs typed into), as the README promises.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Key } from "selenium-webdriver";
import { axeViolations, codeSnifferErrors, launch } from "./harness.js";
import { openFile, saveAs } from "./dialogs.js";
import en from "../../ui/i18n/en.js";
import fr from "../../ui/i18n/fr.js";
import { shortFingerprint } from "../../ui/js/model.js";

const EA = "Alex Morgan (sample EA)";
const DM = "Deputy Minister";
const EA_PASSPHRASE = "the assistant's own passphrase";
const DM_PASSPHRASE = "the minister's own passphrase";

/** The system dialogs' titles (the shell's words, in each language). */
const DIALOGS = {
  en: {
    savePublic: "Save your public key",
    readPublic: "Choose the reviewer's public key",
    savePackage: "Save the review package",
    openPackage: "Open a review package",
    saveDecisions: "Save your decisions",
    chooseDecisions: "Choose the reviewer's decisions",
    keyFile: "Choose your key file",
  },
  fr: {
    savePublic: "Enregistrer votre clé publique",
    readPublic: "Choisir la clé publique de l'examinateur",
    savePackage: "Enregistrer le paquet d'examen",
    openPackage: "Ouvrir un paquet d'examen",
    saveDecisions: "Enregistrer vos décisions",
    chooseDecisions: "Choisir les décisions de l'examinateur",
    keyFile: "Choisir votre fichier de clé",
  },
};

/**
 * The window's words in `lang`: `say(key, params)` fills the placeholders;
 * `say.start(key, params)` is the text before the first one left unfilled,
 * to wait for a sentence whose rest (a path, a name) the test does not fix.
 */
function wordsOf(lang) {
  const strings = lang === "fr" ? fr : en;
  const fill = (key, params = {}) => {
    assert.ok(key in strings, `no string ${key}`);
    return strings[key].replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
  };
  const say = (key, params) => fill(key, params);
  say.start = (key, params) => fill(key, params).split("{")[0];
  return say;
}

/**
 * How the person works the window: with the mouse (`click`, typed fields,
 * the address of a screen) or with the keyboard alone (focus moved with
 * Tab and Shift+Tab to the control, Enter to press it, characters typed
 * into the focused field; screens reached through the main menu's links).
 */
function operator(app, keyboard, say) {
  if (!keyboard) {
    return {
      press: (css) => app.click(css),
      toggle: (css) => app.click(css),
      fill: (css, value) => app.type(css, value),
      go: (hash, heading) => app.go(hash, heading),
    };
  }
  const focusOn = async (css) => {
    await app.explained(app.driver.wait(async () => (await app.texts(css)).length > 0, 10_000, `${css} on screen`));
    for (let i = 0; i < 400; i += 1) {
      const where = await app.driver.executeScript(`
        const target = document.querySelector(arguments[0]);
        const here = document.activeElement;
        if (!target) return "missing";
        if (target === here) return "here";
        if (!here || here === document.body) return "after";
        return here.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_PRECEDING ? "before" : "after";`, css);
      if (where === "here") return;
      if (where === "before") {
        await app.driver.actions().keyDown(Key.SHIFT).sendKeys(Key.TAB).keyUp(Key.SHIFT).perform();
      } else {
        await app.driver.actions().sendKeys(Key.TAB).perform();
      }
    }
    throw new Error(`the keyboard's focus never reached ${css}`);
  };
  return {
    async press(css) {
      await focusOn(css);
      await app.driver.actions().sendKeys(Key.ENTER).perform();
    },
    /** A checkbox: Space ticks it. */
    async toggle(css) {
      await focusOn(css);
      await app.driver.actions().sendKeys(Key.SPACE).perform();
    },
    async fill(css, value) {
      await focusOn(css);
      await app.driver.actions().sendKeys(value).perform();
    },
    /** A screen of the main menu through its link; a recommendation's
     * page through its link on the dashboard. */
    async go(hash, heading) {
      if (hash.startsWith("#/recommendation/")) {
        await this.go("#/", say("dashboard.heading"));
        await focusOn(`#dashboard a[href="${hash}"]`);
      } else {
        await focusOn(`nav a[href="${hash}"]`);
      }
      await app.driver.actions().sendKeys(Key.ENTER).perform();
      await app.waitHeading(heading);
    },
  };
}

async function makeKey(app, ui, say, passphrase) {
  await ui.go("#/reviews", say("reviews.heading"));
  await ui.fill("#key-new-passphrase", passphrase);
  await ui.fill("#key-new-again", passphrase);
  await ui.press("#key-new-form button[type=submit]");
  await app.waitText("#key-unlocked", say.start("reviews.unlocked"));
  return app.text("#my-fingerprint");
}

async function twoLaptops({ lang, keyboard }) {
  const say = wordsOf(lang);
  const dialog = DIALOGS[lang];
  const root = mkdtempSync(join(tmpdir(), `followthrough-two-laptops-${lang}-`));
  const office = join(root, "office");
  const laptop = join(root, "laptop");
  const files = join(root, "files");
  const file = (name) => join(files, name);
  const shot = (name) => `two-laptops-${lang}-${name}`;
  // One start of the window in `lang`: `body` works it with `app` and the
  // person's `ui`; the window is closed after, whatever happens.
  const session = async (options, body) => {
    const app = await launch({ language: lang, ...options });
    try {
      return await body(app, operator(app, keyboard, say));
    } finally {
      await app.close();
    }
  };
  mkdirSync(files);
  try {
    // On the laptop: the deputy minister makes a key and saves its public half.
    const dmFingerprint = await session({ home: laptop, actor: DM }, async (app, ui) => {
      const fingerprint = await makeKey(app, ui, say, DM_PASSPHRASE);
      assert.match(fingerprint, /^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
      await ui.press("#save-public-key");
      await saveAs(dialog.savePublic, file("minister.pub"));
      await app.waitText("#public-key-saved", "minister.pub");
      await app.screenshot(shot("1-dm-key"));
      return fingerprint;
    });
    assert.match(readFileSync(file("minister.pub"), "utf8"), /^Followthrough public key\n/);
    const dmShort = shortFingerprint(dmFingerprint);
    const signed = say("review.signed_with", { key: dmShort });

    // At the office: the assistant makes a key, registers the minister's
    // from the file, and sends the period for review.
    const eaFingerprint = await session({ home: office, sample: true, actor: EA }, async (app, ui) => {
      const fingerprint = await makeKey(app, ui, say, EA_PASSPHRASE);
      await ui.press("#reviewer-read-file");
      await openFile(dialog.readPublic, file("minister.pub"));
      await app.driver.wait(async () => (await app.driver.executeScript(
        "return document.getElementById('reviewer-public_key').value")).startsWith("Followthrough public key"), 10_000);
      await ui.press("#reviewer-form button[type=submit]");
      await app.waitText("#reviewer-rows", DM);
      assert.match(await app.text("#reviewer-rows"), new RegExp(dmFingerprint));
      await app.screenshot(shot("2-registered"));

      // The only registered reviewer is the one the form starts with.
      assert.equal(await app.driver.executeScript("return document.getElementById('send-reviewer_id').value"), "1");
      await ui.press("#send-for-review");
      await saveAs(dialog.savePackage, file("q3.ftreview"));
      await app.waitText("#send-result", "q3.ftreview");
      return fingerprint;
    });

    // The assistant, at their own desk, types the minister's name: refused.
    await session({ home: office, actor: DM, reviewMode: true }, async (app, ui) => {
      await ui.go("#/recommendation/1", say("period.recommendation_n", { number: 1 }));
      await app.waitText("#review-refused", say("error.code.signature_required").slice(0, 25));
      assert.equal((await app.driver.findElements({ css: "#accept-form, #return-form" })).length, 0);
    });

    // On the laptop: the package opens once the sender's fingerprint is
    // confirmed; one report accepted, one returned.
    await session({ home: laptop, actor: DM }, async (app, ui) => {
      await ui.go("#/reviews", say("reviews.heading"));
      await ui.fill("#open-package-passphrase", DM_PASSPHRASE);
      await ui.press("#open-package");
      await openFile(dialog.openPackage, file("q3.ftreview"));
      await app.waitText("#trust", say.start("reviews.trust_heading"));
      assert.equal(await app.text("#trust .fingerprint"), eaFingerprint);
      await app.screenshot(shot("3-trust"));
      await ui.press("#trust-sender");
      await app.waitHeading(say.start("package.heading"));
      await ui.press("#rec-1-accept-form button[type=submit]");
      await app.waitText("#rec-1-decision", say("package.you_accept"));
      await ui.fill("#rec-5-return-comment", "Which two ministries, and when will they confirm?");
      await ui.press("#rec-5-return-form button[type=submit]");
      await app.waitText("#rec-5-decision", "Which two ministries");
      await app.screenshot(shot("4-reviewing"));
      // The reviewer's screen passes both accessibility engines.
      assert.deepEqual(await axeViolations(app), []);
      assert.deepEqual(await codeSnifferErrors(app), []);
    });

    // The lid closed and opened again: the work is there.
    await session({ home: laptop, actor: DM }, async (app, ui) => {
      await ui.go("#/reviews", say("reviews.heading"));
      await ui.press("#inbox-list a");
      await app.waitHeading(say("package.heading_locked"));
      await ui.fill("#package-unlock-passphrase", DM_PASSPHRASE);
      await ui.press("#package-unlock-form button[type=submit]");
      await app.waitHeading(say.start("package.heading"));
      await app.waitText("#rec-1-decision", say("package.you_accept"));
      await app.waitText("#rec-5-decision", "Which two ministries");
      await ui.press("#send-decisions");
      await saveAs(dialog.saveDecisions, file("q3.ftdecisions"));
      await app.waitText("#send-decisions-result", say.start("package.sent_back.other", { n: 2 }));
    });

    // At the office: shown, then applied; the dashboard and the history
    // show both, signed with the minister's key.
    await session({ home: office, actor: EA }, async (app, ui) => {
      await ui.go("#/reviews", say("reviews.heading"));
      await ui.fill("#apply-passphrase", EA_PASSPHRASE);
      await ui.press("#apply-choose");
      await openFile(dialog.chooseDecisions, file("q3.ftdecisions"));
      await app.waitText("#applying-table", say("reviews.outcome.will_apply"));
      await app.screenshot(shot("5-preview"));
      assert.deepEqual(await axeViolations(app), []);
      assert.deepEqual(await codeSnifferErrors(app), []);
      await ui.press("#apply-confirm");
      await app.waitText("#applied-result", say("reviews.applied_n.other", { n: 2 }));

      await ui.go("#/", say("dashboard.heading"));
      const row = (n) => app.text(`tr[data-recommendation="${n}"]`);
      await app.waitText(`tr[data-recommendation="5"]`, say("review.returned"));
      assert.match(await row(1), new RegExp(say("review.accepted")));
      for (const n of [1, 5]) assert.ok((await row(n)).includes(signed), `row ${n} says it was signed`);
      // The sample's reviews by name say so.
      assert.ok((await row(2)).includes(say("review.by_name")), "row 2 says it was made by name");
      await app.screenshot(shot("6-dashboard"));

      await ui.go("#/audit", say("audit.heading"));
      await app.waitText("li[data-action=return_assessment]", signed);
      await app.waitText("li[data-action=accept_assessment]", signed);

      // The sample's previous period was signed off by name, before any key.
      await ui.go("#/period", say("period.heading"));
      await ui.press('.period-picker a[href="#/period/1"]');
      await app.waitText("#period-signed-off", say("review.by_name"));

      await ui.go("#/recommendation/1", say("period.recommendation_n", { number: 1 }));
      await app.waitText("section[aria-labelledby=assessment-heading]", signed);
      await app.screenshot(shot("7-signed"));
    });

    // The deputy minister at the assistant's computer: their own key file,
    // their passphrase, a signed acceptance there.
    await session({ home: office, actor: DM }, async (app, ui) => {
      await ui.go("#/reviews", say("reviews.heading"));
      await ui.fill("#unlock-file-passphrase", DM_PASSPHRASE);
      await ui.press("#unlock-file-form button[type=submit]");
      await openFile(dialog.keyFile, join(laptop, "config", "ca.followthrough.desktop", "keys", "key.age"));
      await app.waitText("#key-unlocked", dmShort);
      // Review mode is the deputy minister's view of the tracker.
      await ui.toggle("#review-mode");
      await ui.go("#/recommendation/4", say("period.recommendation_n", { number: 4 }));
      await app.waitText("#signing-as", dmShort);
      await ui.press("#accept-form button[type=submit]");
      await app.waitText("section[aria-labelledby=assessment-heading]", say.start("review.accepted_by", { name: DM }));
      await app.waitText("section[aria-labelledby=assessment-heading]", signed);
      await app.screenshot(shot("8-at-the-office"));
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test("two laptops, two keys: sent, reviewed on the laptop, sent back and applied (English, mouse)", { timeout: 600_000 }, async () => {
  await twoLaptops({ lang: "en", keyboard: false });
});

test("two laptops, two keys, in French with the keyboard alone", { timeout: 900_000 }, async () => {
  await twoLaptops({ lang: "fr", keyboard: true });
});
