// The page's shell: index.html names every module for preloading.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const ui = join(dirname(fileURLToPath(import.meta.url)), "../../ui");

test("index.html preloads every module and nothing else", () => {
  const html = readFileSync(join(ui, "index.html"), "utf8");
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]).sort();
  const modules = ["js", "js/views", "i18n"]
    .flatMap((dir) => readdirSync(join(ui, dir)).filter((f) => f.endsWith(".js")).map((f) => `${dir}/${f}`))
    .filter((m) => m !== "js/app.js")
    .sort();
  assert.deepEqual(preloaded, modules);
});
