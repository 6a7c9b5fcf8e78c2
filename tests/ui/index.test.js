// The page's shell: index.html loads app.js and names every module it
// imports, directly or not, for preloading.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, dirname, posix } from "node:path";
import { fileURLToPath } from "node:url";

const ui = join(dirname(fileURLToPath(import.meta.url)), "../../ui");
const html = readFileSync(join(ui, "index.html"), "utf8");

/** Every .js file under `dir` (relative to ui/), subfolders included. */
function modulesUnder(dir) {
  return readdirSync(join(ui, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return modulesUnder(path);
    return e.name.endsWith(".js") ? [path] : [];
  });
}

/** The modules `entry` imports, directly or not (paths relative to ui/). */
function importedBy(entry) {
  const seen = new Set();
  const visit = (module) => {
    const source = readFileSync(join(ui, module), "utf8");
    for (const m of source.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)"/gm)) {
      const target = posix.normalize(posix.join(posix.dirname(module), m[1]));
      assert.ok(existsSync(join(ui, target)), `${module} imports ${m[1]}, which does not exist`);
      if (!seen.has(target)) {
        seen.add(target);
        visit(target);
      }
    }
  };
  visit(entry);
  return seen;
}

test("index.html starts the window with js/app.js", () => {
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  assert.deepEqual(scripts, ['<script type="module" src="js/app.js">']);
});

test("index.html preloads every module and nothing else", () => {
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]).sort();
  const modules = ["js", "i18n"].flatMap(modulesUnder).filter((m) => m !== "js/app.js").sort();
  assert.deepEqual(preloaded, modules);
});

test("app.js imports every module, so none is left behind", () => {
  const imported = [...importedBy("js/app.js")].sort();
  const modules = ["js", "i18n"].flatMap(modulesUnder).filter((m) => m !== "js/app.js").sort();
  assert.deepEqual(imported, modules);
});
