// View models of the screens.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  assessmentDraft, attentionItems, briefingDefaults, defaultBriefingPeriod, nextZoom, parseRoute, shortFingerprint,
} from "../../ui/js/model.js";

function row(overrides) {
  return {
    recommendation_id: 1, number: 1, title: "T", confidence: null, overdue_milestones: 0,
    review_state: null, review_comment: "", decisions_required: "", stale: false, days_since_evidence: 3,
    ...overrides,
  };
}

test("attention lists red, overdue, returned, decisions and stale, most urgent first", () => {
  const items = attentionItems({
    rows: [
      row({ number: 1, recommendation_id: 11, stale: true, days_since_evidence: 45 }),
      row({ number: 2, recommendation_id: 12, confidence: "amber_red", overdue_milestones: 2 }),
      row({ number: 3, recommendation_id: 13, review_state: "returned", review_comment: "Why?" }),
      row({ number: 4, recommendation_id: 14, decisions_required: "Pick pilots" }),
      row({ number: 5, recommendation_id: 15, confidence: "red" }),
      row({ number: 6, recommendation_id: 16, confidence: "amber", decisions_required: "   " }),
    ],
  });
  assert.deepEqual(items.map((i) => [i.kind, i.number]), [
    ["confidence", 2], ["confidence", 5], ["overdue", 2], ["returned", 3], ["decision", 4], ["stale", 1],
  ]);
  assert.equal(items[2].count, 2);
  assert.equal(items[3].comment, "Why?");
});

test("a new period's assessment starts from the previous report", () => {
  const previous = { status: "in_process", confidence: "amber", commentary: "Last time", next_steps: "", risks: "R", decisions_required: "" };
  assert.deepEqual(assessmentDraft(null, previous), {
    fromPrevious: true, status: "in_process", confidence: "amber", commentary: "Last time", next_steps: "", risks: "R", decisions_required: "",
  });
  const current = { ...previous, confidence: "green", commentary: "Now" };
  const draft = assessmentDraft(current, previous);
  assert.equal(draft.fromPrevious, false);
  assert.equal(draft.confidence, "green");
  assert.equal(assessmentDraft(null, null).status, "");
});

test("routes name a screen and an id", () => {
  assert.deepEqual(parseRoute("#/recommendation/3"), { view: "recommendation", id: 3, params: {} });
  assert.deepEqual(parseRoute(""), { view: "dashboard", id: null, params: {} });
  assert.deepEqual(parseRoute("#/search?q=risk%20register"), { view: "search", id: null, params: { q: "risk register" } });
  assert.deepEqual(parseRoute("#/period/x"), { view: "period", id: null, params: {} });
  assert.equal(parseRoute("#/nowhere").view, "dashboard");
  assert.deepEqual(parseRoute("#/backups"), { view: "backups", id: null, params: {} });
  assert.deepEqual(parseRoute("#/briefing/4"), { view: "briefing", id: 4, params: {} });
});

test("the briefing screen starts on the named period, else the current one, else the latest", () => {
  const page = { periods: [{ id: 1 }, { id: 2 }, { id: 3 }], current_period_id: 2 };
  assert.equal(defaultBriefingPeriod(page, 1), "1");
  assert.equal(defaultBriefingPeriod(page, 99), "2", "an unknown id falls back");
  assert.equal(defaultBriefingPeriod(page, null), "2");
  assert.equal(defaultBriefingPeriod({ ...page, current_period_id: null }, null), "3");
  assert.equal(defaultBriefingPeriod({ periods: [], current_period_id: null }, null), "");
});

test("a briefing's marking and organization default to the briefing's language", () => {
  const defaults = {
    en: { marking: "CONFIDENTIAL", organization: "Office" },
    fr: { marking: "CONFIDENTIEL", organization: "Bureau" },
  };
  assert.deepEqual(briefingDefaults(defaults, "fr"), { marking: "CONFIDENTIEL", organization: "Bureau" });
  assert.deepEqual(briefingDefaults(defaults, "xx"), { marking: "CONFIDENTIAL", organization: "Office" });
});

test("zoom steps in and out as browsers do, stays at either end, and 0 is 100 %", () => {
  assert.equal(nextZoom(100, 1), 110);
  assert.equal(nextZoom(175, 1), 200);
  assert.equal(nextZoom(100, -1), 90);
  assert.equal(nextZoom(130, -1), 125, "from between steps, the step below");
  assert.equal(nextZoom(300, 1), 300);
  assert.equal(nextZoom(50, -1), 50);
  assert.equal(nextZoom(250, 0), 100);
  let z = 100;
  for (let i = 0; i < 5; i += 1) z = nextZoom(z, 1);
  assert.equal(z, 200, "five steps from 100 % reach 200 %");
});

test("a key is named by its fingerprint's first two groups", () => {
  assert.equal(shortFingerprint("0279 FAA7 1C3D 9E00 5B2A 77F1 0C4E D3A8"), "0279 FAA7");
});
