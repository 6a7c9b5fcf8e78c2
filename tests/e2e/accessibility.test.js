// axe-core and HTML_CodeSniffer, two engines, over every screen, in both
// modes and both languages: zero violations of WCAG 2.0/2.1 A and AA.
import { test } from "node:test";
import assert from "node:assert/strict";
import { axeViolations as audit, codeSnifferErrors, launch } from "./harness.js";

const SCREENS = [
  ["#/", "Recommendations at a glance", "Les recommandations"],
  ["#/recommendation/1", "Recommendation 1", "Recommandation 1"],
  ["#/recommendation/7", "Recommendation 7", "Recommandation 7"],
  ["#/owners", "Owners", "Responsables"],
  ["#/period", "Reporting period", "Période de rapport"],
  ["#/briefing", "Briefing", "Note d'information"],
  ["#/recommendation/1?milestones=all&periods=all", "Recommendation 1", "Recommandation 1"],
  ["#/search?q=sample", "Search", "Recherche"],
  ["#/audit", "History of changes", "Historique des modifications"],
  ["#/backups", "Backups", "Sauvegardes"],
  ["#/reviews", "Reviews", "Examens"],
];

for (const reviewMode of [false, true]) {
  test(`every screen passes axe-core and HTML_CodeSniffer (${reviewMode ? "review" : "editing"} mode, English and French)`, { timeout: 300_000 }, async () => {
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
          const errors = await codeSnifferErrors(app);
          assert.deepEqual(errors, [], `${hash} (${lang}), HTML_CodeSniffer: ${JSON.stringify(errors, null, 2)}`);
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
