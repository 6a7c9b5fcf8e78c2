// Runs the real Followthrough window under WebDriver: tauri-driver in front
// of WebKitWebDriver, the same WebKitGTK engine users run. Each launch gets
// its own temporary data file and preferences folder.

import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import net from "node:net";
import { Builder, By, until } from "selenium-webdriver";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const BIN = process.env.FOLLOWTHROUGH_BIN || join(root, "target/release/followthrough");
export const ARTIFACTS = join(root, "test-artifacts");
const DRIVER = process.env.TAURI_DRIVER || "tauri-driver";

function portOpen(port) {
  return new Promise((done) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => { s.destroy(); done(true); });
    s.once("error", () => done(false));
  });
}

async function waitForPorts(ports, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const open = await Promise.all(ports.map(portOpen));
    if (open.every(Boolean)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`WebDriver ports ${ports.join(", ")} did not open`);
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} timed out`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Ends any app process still running on this launch's data file (one whose
 * session failed before quitting), so no window outlives its test.
 */
function stopStrayApps(db) {
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const env = readFileSync(`/proc/${pid}/environ`, "utf8");
      if (env.split("\0").includes(`FOLLOWTHROUGH_DB=${db}`)) process.kill(Number(pid), "SIGTERM");
    } catch {
      // Gone already, or not ours to read.
    }
  }
}

/**
 * Runs the command line on a data file and returns standard output, as the
 * same user as the window: with the launch's preferences folder, so both
 * keep one witness of the file's audit trail.
 */
export function cli(db, ...args) {
  const env = { ...process.env, XDG_CONFIG_HOME: join(dirname(db), "config") };
  return execFileSync(BIN, [...args, "--db", db], { encoding: "utf8", env });
}

/** The tracker's content, without the moment of export or backups. */
export function trackerState(db) {
  const doc = JSON.parse(cli(db, "export", "--format", "json"));
  delete doc.exported_at;
  // The trail's newest event is the latest backup or export.
  delete doc.trail_head;
  // The automatic backup at start-up is recorded whenever it finishes, and
  // each export (this one included) records itself.
  doc.audit = doc.audit.filter((e) => e.action !== "backup" && e.action !== "export");
  return doc;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** axe-core's WCAG 2.0/2.1 A and AA violations on the page as it is now. */
export async function axeViolations(app) {
  // The page's CSP forbids eval, so axe's source travels inside the script
  // WebDriver runs (automation scripts are not subject to the page's CSP).
  return app.driver.executeAsyncScript(`
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
  `, AXE_TAGS);
}

const htmlcsSource = readFileSync(createRequire(import.meta.url).resolve("html_codesniffer/build/HTMLCS.js"), "utf8");

/**
 * A second engine: HTML_CodeSniffer's WCAG 2 AA errors on the page as it
 * is now (notices and warnings, which ask a person to judge, are left
 * out). Its source travels inside the WebDriver script, as axe's does. Its
 * "no such id" check reads the router's links (`#/…`) as in-page anchors;
 * those are not errors.
 */
export async function codeSnifferErrors(app) {
  return app.driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    if (!window.HTMLCS) {
      (function () { ${htmlcsSource} }).call(window);
    }
    try {
      window.HTMLCS.process("WCAG2AA", document, () => {
        const errors = window.HTMLCS.getMessages()
          .filter((m) => m.type === window.HTMLCS.ERROR)
          .filter((m) => !(/NoSuchID/.test(m.code) && m.element && /^#\\//.test(m.element.getAttribute("href") || "")))
          .map((m) => m.code + " — " + (m.element && m.element.outerHTML ? m.element.outerHTML.slice(0, 160) : "") + " — " + m.msg);
        done(errors);
      }, () => done(["htmlcs-failed"]));
    } catch (e) {
      done(["htmlcs-error: " + e]);
    }
  `);
}

/**
 * Starts the app. Options: `sample` (fill the file with the sample
 * tracker), `actor` and `language` (saved preferences), `reviewMode`,
 * `prepare(db)`, run on the data file before the window opens, and `env`,
 * extra environment variables for the app. `home`: a person's own
 * computer (a folder kept between launches, holding their settings, key
 * and review inbox); the data file is then `home/tracker.sqlite3`, and
 * `close()` leaves the folder in place.
 */
export async function launch({ sample = false, actor = "Executive Assistant", language = "en", reviewMode = false, prepare = null, env = {}, home = null } = {}) {
  const dir = home || mkdtempSync(join(tmpdir(), "followthrough-e2e-"));
  mkdirSync(dir, { recursive: true });
  const db = join(dir, "tracker.sqlite3");
  if (sample && !existsSync(db)) execFileSync(BIN, ["sample", "--db", db]);
  if (prepare) prepare(db);
  const config = join(dir, "config");
  mkdirSync(join(config, "ca.followthrough.desktop"), { recursive: true });
  writeFileSync(join(config, "ca.followthrough.desktop/settings.json"),
    JSON.stringify({ actor, language, review_mode: reviewMode }));

  const driverProcess = spawn(DRIVER, [], {
    env: {
      ...process.env, ...env, FOLLOWTHROUGH_DB: db, XDG_CONFIG_HOME: config,
      // The person's inbox of review packages lives in their data folder.
      XDG_DATA_HOME: join(dir, "data"), LANG: "en_CA.UTF-8",
    },
    stdio: "ignore",
  });
  const stopDriver = async () => {
    if (driverProcess.exitCode === null) {
      const exited = new Promise((done) => driverProcess.once("exit", done));
      // SIGTERM lets tauri-driver stop WebKitWebDriver too; SIGKILL would
      // orphan it on its port.
      driverProcess.kill("SIGTERM");
      await exited;
    }
    stopStrayApps(db);
  };

  let driver;
  try {
    await waitForPorts([4444, 4445], 20_000);
    driver = await withTimeout(new Builder()
      .usingServer("http://127.0.0.1:4444")
      .withCapabilities({ browserName: "wry", "tauri:options": { application: BIN } })
      .build(), 30_000, "WebDriver session");
    await driver.manage().window().setRect({ width: 1280, height: 860 });
    await driver.wait(until.elementLocated(By.css("main h1")), 15_000);
  } catch (err) {
    await stopDriver();
    if (!home) rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  const app = {
    driver, db, dir,
    async close() {
      try { await driver.quit(); } catch { /* the window may already be gone */ }
      await stopDriver();
      if (!home) rmSync(dir, { recursive: true, force: true });
    },
    async screenshot(name) {
      mkdirSync(ARTIFACTS, { recursive: true });
      const png = await driver.takeScreenshot();
      writeFileSync(join(ARTIFACTS, `${name}.png`), png, "base64");
    },
    /** Navigates to a route and waits for its screen. */
    async go(hash, headingText) {
      await driver.executeScript("window.location.hash = arguments[0]", hash);
      if (headingText) await app.waitHeading(headingText);
    },
    async waitHeading(text) {
      await app.explained(driver.wait(async () => {
        const h1 = await driver.executeScript(
          "const h = document.querySelector('main h1'); return h ? h.innerText : ''");
        return h1.includes(text);
      }, 10_000, `heading "${text}"`));
    },
    /** Awaits `waiting`; if it fails, the error also tells what the window
     * showed then (heading, banners, the last announcement) and a
     * screenshot is kept, so a failure in CI can be understood from its log. */
    async explained(waiting) {
      try {
        return await waiting;
      } catch (err) {
        try {
          const shown = await driver.executeScript(`
            const text = (css) => [...document.querySelectorAll(css)].map((e) => e.innerText.trim()).filter(Boolean);
            return { heading: text("main h1"), banners: text(".banner, [role=alert]"),
                     announced: text("#announcer"), language: document.documentElement.lang,
                     hash: window.location.hash, focused: document.activeElement && document.activeElement.id };`);
          err.message += `\nthe window showed: ${JSON.stringify(shown)}`;
          await app.screenshot(`failure-${Date.now()}`);
        } catch { /* the window may be gone */ }
        throw err;
      }
    },
    /** The rendered text of the first match (read in one step, so a
     * re-render in between cannot leave a stale element). */
    async text(css) {
      const all = await app.texts(css);
      if (all.length === 0) throw new Error(`nothing matches ${css}`);
      return all[0];
    },
    async texts(css) {
      return driver.executeScript(
        "return [...document.querySelectorAll(arguments[0])].map((e) => e.innerText)", css);
    },
    async type(css, value) {
      await driver.wait(async () => {
        try {
          const found = await driver.findElements(By.css(css));
          if (found.length === 0) return false;
          await found[0].clear();
          if (value) await found[0].sendKeys(value);
          return true;
        } catch (err) {
          if (err.name === "StaleElementReferenceError") return false;
          throw err;
        }
      }, 10_000, `type into ${css}`);
    },
    async select(css, value) {
      await driver.executeScript(
        "const s = document.querySelector(arguments[0]); s.value = arguments[1]; s.dispatchEvent(new Event('change'));",
        css, value);
    },
    /** Clicks `css`, finding it again if the screen re-rendered meanwhile. */
    async click(css) {
      await driver.wait(async () => {
        try {
          const found = await driver.findElements(By.css(css));
          if (found.length === 0) return false;
          await found[0].click();
          return true;
        } catch (err) {
          if (err.name === "StaleElementReferenceError") return false;
          throw err;
        }
      }, 10_000, `click ${css}`);
    },
    /** Waits until the page has re-rendered after a save and `css` shows `text`. */
    async waitText(css, text, ms = 10_000) {
      await app.explained(driver.wait(async () => {
        const all = await app.texts(css);
        return all.some((t) => t.includes(text));
      }, ms, `"${text}" in ${css}`));
    },
  };
  return app;
}
