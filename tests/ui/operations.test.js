// The operations area: how far a step is, and the words for every stage.
import { test } from "node:test";
import assert from "node:assert/strict";
import en from "../../ui/i18n/en.js";
import fr from "../../ui/i18n/fr.js";
import { percent, STAGE_KEYS } from "../../ui/js/operations.js";

test("a step that cannot tell how far it is has no percentage", () => {
  assert.equal(percent({ stage: "checking", done: 0, total: 0, cancellable: true }), null);
  assert.equal(percent(null), null);
});

test("a step's percentage is whole, never above 100", () => {
  assert.equal(percent({ stage: "copying", done: 1, total: 3 }), 33);
  assert.equal(percent({ stage: "copying", done: 3, total: 3 }), 100);
  // A copy can grow past the size measured when it began.
  assert.equal(percent({ stage: "copying", done: 5, total: 3 }), 100);
});

test("every stage the core reports has words in both languages", () => {
  const stages = ["copying", "checking", "keeping_current", "replacing", "checking_backups",
    "reading", "typesetting", "writing", "recording"];
  assert.deepEqual(Object.keys(STAGE_KEYS).sort(), stages.sort());
  for (const key of Object.values(STAGE_KEYS)) {
    assert.ok(en[key], `${key} in English`);
    assert.ok(fr[key], `${key} in French`);
  }
});
