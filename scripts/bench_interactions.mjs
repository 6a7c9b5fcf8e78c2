// Times what a user does in the real window, on the 1× benchmark tracker:
// each screen opened from another, a search, a note saved, the evidence
// feed filtered, the language and review mode switched. The time is taken
// inside the page, from the action to the second animation frame after its
// result is in the page (the result painted). Run by scripts/bench.sh under
// a virtual display, with FOLLOWTHROUGH_BIN naming the release binary.
//
//   node scripts/bench_interactions.mjs TRACKER OUT.json [RUNS]

import { copyFileSync, writeFileSync } from "node:fs";
import { launch } from "../tests/e2e/harness.js";

const [tracker, out, runsArg] = process.argv.slice(2);
const RUNS = Number(runsArg || 15);

/**
 * Runs `action` (source of statements run in the page) and resolves with the
 * milliseconds until `done` (source of an expression) is true and two frames
 * have passed. Both are written into the script WebDriver runs: the page's
 * CSP forbids building functions from strings inside it.
 */
function timedScript(action, done) {
  return `
    const report = arguments[arguments.length - 1];
    const finished = () => (${done});
    const t0 = performance.now();
    (() => { ${action} })();
    const poll = () => {
      let ok = false;
      try { ok = finished(); } catch { ok = false; }
      if (ok) {
        requestAnimationFrame(() => requestAnimationFrame(() => report(performance.now() - t0)));
      } else {
        setTimeout(poll, 1);
      }
    };
    poll();
  `;
}

async function timed(app, action, done) {
  return app.driver.executeAsyncScript(timedScript(action, done));
}

const heading = (text) => `(document.querySelector('main h1') || {}).textContent === ${JSON.stringify(text)}`;
const go = (hash) => `window.location.hash = ${JSON.stringify(hash)}`;

function summary(name, samples) {
  const s = samples.slice().sort((a, b) => a - b);
  const at = (q) => s[Math.max(0, Math.ceil(q * s.length) - 1)];
  return { name, samples: s.length, median_ms: at(0.5), p95_ms: at(0.95) };
}

const app = await launch({
  prepare: (db) => copyFileSync(tracker, db),
  actor: "Executive Assistant (benchmark)",
});
const results = [];
try {
  const screens = [
    ["open the dashboard", "#/", "Recommendations at a glance"],
    ["open a recommendation", "#/recommendation/1", null],
    ["open the reporting period", "#/period", "Reporting period"],
    ["open the briefing screen", "#/briefing", "Briefing"],
    ["open owners", "#/owners", "Owners"],
    ["open the history", "#/audit", "History of changes"],
    ["open backups", "#/backups", "Backups"],
  ];
  await app.go("#/recommendation/1", "Recommendation 1");
  const recHeading = await app.text("main h1");
  for (const [name, hash, text] of screens) {
    const samples = [];
    for (let i = 0; i < RUNS; i += 1) {
      // Start from another screen so each run is a real navigation.
      const away = hash === "#/search" ? "#/" : "#/search";
      await app.go(away, away === "#/" ? "Recommendations at a glance" : "Search");
      samples.push(await timed(app, go(hash), heading(text || recHeading)));
    }
    results.push(summary(name, samples));
  }

  const searches = [];
  for (let i = 0; i < RUNS; i += 1) {
    await app.go("#/", "Recommendations at a glance");
    searches.push(await timed(app, go("#/search?q=procurement"),
      `document.querySelectorAll('main li, main tr').length > 0 && ${heading("Search")}`));
  }
  results.push(summary("search “procurement”", searches));

  await app.go("#/recommendation/1", recHeading);
  const saves = [];
  for (let i = 0; i < RUNS; i += 1) {
    const text = `Benchmark note ${i}: steering committee confirmed the pilot scope.`;
    saves.push(await timed(app, `
      const f = document.getElementById("evidence-form");
      f.elements.namedItem("text").value = ${JSON.stringify(text)};
      f.requestSubmit();`,
    `(document.querySelector('#evidence-feed li') || {}).textContent?.includes(${JSON.stringify(text)})`));
  }
  results.push(summary("save an evidence note", saves));

  const filters = [];
  for (let i = 0; i < RUNS; i += 1) {
    const kind = i % 2 === 0 ? "risk" : "";
    // Done when the feed holds only risks, or (all kinds) not only risks.
    const risksOnly = `[...document.querySelectorAll("#evidence-feed li")].every((li) => li.querySelector(".kind-risk"))`;
    filters.push(await timed(app, `
      const s = document.getElementById("evidence-filter-kind");
      s.value = ${JSON.stringify(kind)};
      s.dispatchEvent(new Event("change"));`,
    `!!document.querySelector('#evidence-feed li') && ${kind === "risk" ? "" : "!"}(${risksOnly})`));
  }
  results.push(summary("filter the evidence feed", filters));

  const languages = [];
  for (let i = 0; i < RUNS; i += 1) {
    const target = i % 2 === 0 ? "Tableau de bord" : "Dashboard";
    // Done when the header and the screen (its heading) are both in the
    // other language.
    languages.push(await timed(app, `
      window.__headingBefore = document.querySelector('main h1').textContent;
      document.getElementById("language-switch").click()`,
    `document.querySelector('nav.main-nav a[data-view="dashboard"]').textContent === ${JSON.stringify(target)} && document.querySelector('main h1').textContent !== window.__headingBefore`));
  }
  results.push(summary("switch the language", languages));
} finally {
  await app.close();
}
writeFileSync(out, JSON.stringify(results, null, 2));
for (const r of results) console.log(`${r.name}: median ${r.median_ms.toFixed(1)} ms, p95 ${r.p95_ms.toFixed(1)} ms`);
