// What a screen reader is given, read over AT-SPI from the real window
// (WebKitGTK's accessibility objects, not the DOM): no object of unknown
// role, disclosures that say whether they are open, no unnamed form
// landmarks, and the evidence feed, search results and history as lists.
import { test } from "node:test";
import assert from "node:assert/strict";
import { launch } from "./harness.js";
import { accessibilityBus, nodes } from "./atspi.js";

/** The tree once the window shows the screen titled `title`. */
async function treeOf(bus, title) {
  const until = Date.now() + 15_000;
  for (;;) {
    const tree = bus.tree();
    if (tree.name.startsWith(title)) return nodes(tree);
    if (Date.now() > until) throw new Error(`the accessible document is "${tree.name}", not "${title}"`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** The objects that must not be there, said plainly. */
function problems(all) {
  const out = [];
  for (const n of all) {
    if (n.role === "unknown") out.push(`an object of unknown role (<${n.tag}> "${n.name}")`);
    if (n.role === "form" && !n.name) out.push("an unnamed form landmark");
  }
  return out;
}

const listItems = (all, name) => {
  const section = all.find((n) => n.role === "landmark" && (name instanceof RegExp ? name.test(n.name) : n.name === name));
  assert.ok(section, `a landmark named "${name}"`);
  const list = nodes(section).find((n) => n.role === "list");
  assert.ok(list, `"${name}" holds a list`);
  return (list.children || []).filter((c) => c.role === "list item");
};

test("a screen reader gets named landmarks, disclosures with their state and lists, in both modes", { timeout: 240_000 }, async () => {
  const bus = await accessibilityBus();
  const app = await launch({ sample: true, env: bus.env });
  try {
    await app.go("#/recommendation/1", "Recommendation 1");
    let all = await treeOf(bus, "Recommendation 1");
    assert.deepEqual(problems(all), []);
    const forms = all.filter((n) => n.role === "form").map((n) => n.name);
    assert.ok(forms.includes("Update the report"), JSON.stringify(forms));
    assert.ok(forms.includes("Add a milestone"), JSON.stringify(forms));
    const scales = all.find((n) => n.name === "What the confidence ratings mean");
    assert.ok(scales && /button/.test(scales.role), `the scales open from a button: ${JSON.stringify(scales)}`);
    assert.ok(scales.states.includes("expandable") && !scales.states.includes("expanded"));
    assert.ok(listItems(all, "Evidence").length >= 3, "the evidence feed is a list of notes");
    assert.ok(all.some((n) => n.role === "landmark" && n.name === "Sections of this page"));

    // Opened, the disclosure says so.
    await app.click("#scales-toggle");
    all = await treeOf(bus, "Recommendation 1");
    assert.ok(all.find((n) => n.name === "What the confidence ratings mean").states.includes("expanded"));

    await app.go("#/search?q=approval", "Search");
    all = await treeOf(bus, "Search");
    assert.deepEqual(problems(all), []);
    assert.ok(listItems(all, /results? for “approval”/).length >= 1, "the results are a list");

    await app.go("#/audit", "History of changes");
    all = await treeOf(bus, "History of changes");
    assert.deepEqual(problems(all), []);
    const whatChanged = all.filter((n) => n.name === "What changed");
    assert.ok(whatChanged.length > 0 && whatChanged.every((n) => n.states.includes("expandable")));

    // Review mode: the deputy minister's page.
    await app.click("#review-mode");
    await app.go("#/recommendation/4", "Recommendation 4");
    all = await treeOf(bus, "Recommendation 4");
    assert.deepEqual(problems(all), []);
  } finally {
    await app.close();
    bus.stop();
  }
});
