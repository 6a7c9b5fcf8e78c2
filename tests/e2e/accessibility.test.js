// axe-core over every screen, in both modes and both languages: zero
// violations of WCAG 2.0/2.1 A and AA.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { launch } from "./harness.js";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function audit(app) {
  // The page's CSP forbids eval, so axe's source travels inside the script
  // WebDriver runs (automation scripts are not subject to the page's CSP).
  const result = await app.driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    if (!window.axe) {
      ${axeSource}
    }
    window.axe.run(document, { runOnly: { type: "tag", values: arguments[0] } })
      .then((r) => done(r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " — " + n.failureSummary),
      }))))
      .catch((e) => done([{ id: "axe-error", help: String(e) }]));
  `, TAGS);
  return result;
}

const SCREENS = [
  ["#/", "Recommendations at a glance", "Les recommandations"],
  ["#/recommendation/1", "Recommendation 1", "Recommandation 1"],
  ["#/recommendation/7", "Recommendation 7", "Recommandation 7"],
  ["#/owners", "Owners", "Responsables"],
  ["#/period", "Reporting period", "Période de rapport"],
  ["#/search?q=sample", "Search", "Recherche"],
  ["#/audit", "History of changes", "Historique des modifications"],
];

for (const reviewMode of [false, true]) {
  test(`every screen passes axe-core (${reviewMode ? "review" : "editing"} mode, English and French)`, { timeout: 300_000 }, async () => {
    const app = await launch({ sample: true, reviewMode, actor: reviewMode ? "Deputy Minister" : "Executive Assistant" });
    try {
      for (const lang of ["en", "fr"]) {
        if (lang === "fr") {
          await app.go("#/", "Recommendations at a glance");
          await app.click("#language-switch");
          await app.waitHeading("Les recommandations");
        }
        for (const [hash, enHeading, frHeading] of SCREENS) {
          await app.go(hash, lang === "fr" ? frHeading : enHeading);
          const violations = await audit(app);
          assert.deepEqual(violations, [], `${hash} (${lang}): ${JSON.stringify(violations, null, 2)}`);
        }
      }
    } finally {
      await app.close();
    }
  });
}

test("at 200 % zoom the page reflows without sideways scrolling", { timeout: 120_000 }, async () => {
  const app = await launch({ sample: true });
  try {
    // A 1280-pixel window at 200 % zoom lays out like a 640-pixel one.
    await app.driver.manage().window().setRect({ width: 640, height: 860 });
    for (const [hash, heading] of [["#/", "Recommendations at a glance"], ["#/recommendation/1", "Recommendation 1"], ["#/owners", "Owners"]]) {
      await app.go(hash, heading);
      const overflow = await app.driver.executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
      assert.ok(overflow <= 1, `${hash} scrolls sideways by ${overflow}px`);
    }
  } finally {
    await app.close();
  }
});
