// Audit events in words: each action of the core's vocabulary has its own
// sentence in both languages, and changed fields are said with the
// window's labels and values.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { translator } from "../../ui/js/i18n.js";
import { fieldChanges, namesFrom, sentence } from "../../ui/js/history_words.js";

const names = namesFrom({
  recommendations: [{ id: 15, number: 5 }],
  periods: [{ id: 3, label: "2026-27 Q3" }],
  owners: [{ id: 7, name: "Marc Gagnon" }, { id: 8, name: "Priya Natarajan" }],
});

const assessment = {
  id: 9, period_id: 3, recommendation_id: 15, status: "in_process", confidence: "amber",
  review_state: "pending", accepted_status: null, accepted_confidence: null, reported_at: "2026-11-20T15:00:00.000Z",
};
const accepted = {
  id: 40, at: "2026-11-25T15:04:00.000Z", actor: "Deputy Minister", action: "accept_assessment",
  entity_kind: "assessment", entity_id: 9, recommendation_id: 15,
  before: assessment,
  after: { ...assessment, review_state: "accepted", accepted_status: "in_process", accepted_confidence: "amber" },
};

test("an acceptance is said in words, in English and in French", () => {
  assert.equal(sentence(translator("en"), "en", names, accepted),
    "Deputy Minister accepted the assessment of recommendation 5 for 2026-27 Q3: In the process of being implemented, Amber.");
  assert.equal(sentence(translator("fr"), "fr", names, accepted),
    "Deputy Minister a accepté l'évaluation de la recommandation 5 pour 2026-27 Q3\u00a0: En voie de mise en œuvre, Ambre.");
});

test("changed fields carry the window's labels and values, never stored words", () => {
  const en = fieldChanges(translator("en"), "en", names, accepted);
  assert.deepEqual(en.map((c) => [c.label, c.before, c.after]), [
    ["Review", "Awaiting review", "Accepted"],
    ["Accepted status", "—", "In the process of being implemented"],
    ["Accepted confidence", "—", "Amber"],
  ]);
  const fr = fieldChanges(translator("fr"), "fr", names, accepted);
  assert.ok(fr.every((c) => !/_/.test(`${c.label}${c.before}${c.after}`)), JSON.stringify(fr));

  const moved = {
    id: 41, at: "2026-11-26T15:04:00.000Z", actor: "Executive Assistant", action: "move_milestone",
    entity_kind: "milestone", entity_id: 2, recommendation_id: 15,
    before: { id: 2, title: "Pilot", owner_id: 7, current_due: "2026-10-21", state: "planned", revisions: [] },
    after: { id: 2, title: "Pilot", owner_id: 8, current_due: "2026-11-25", state: "in_progress",
      revisions: [{ old_due: "2026-10-21", new_due: "2026-11-25", reason: "Board moved" }] },
  };
  assert.equal(sentence(translator("en"), "en", names, moved),
    "Executive Assistant moved the milestone “Pilot” of recommendation 5 from October 21, 2026 to November 25, 2026: Board moved");
  assert.deepEqual(fieldChanges(translator("fr"), "fr", names, moved).map((c) => [c.before, c.after]), [
    ["Marc Gagnon", "Priya Natarajan"],
    ["21 octobre 2026", "25 novembre 2026"],
    ["Prévu", "En cours"],
  ]);
});

test("every action the core records has a sentence of its own in both languages", () => {
  const source = readFileSync(new URL("../../src-tauri/core/src/audit.rs", import.meta.url), "utf8");
  const block = source.slice(source.indexOf("pub fn as_str(self)"), source.indexOf("/// One use case in progress"));
  const words = [...block.matchAll(/=> "([a-z_]+)"/g)].map((m) => m[1]);
  assert.ok(words.length >= 28, `${words.length} actions found`);
  for (const lang of ["en", "fr"]) {
    const t = translator(lang);
    const fallback = sentence(t, lang, names, { action: "no_such_action", actor: "X", before: null, after: {} });
    for (const action of words) {
      const said = sentence(t, lang, names, { action, actor: "X", entity_kind: "tracker", before: null, after: {} });
      assert.notEqual(said, fallback, `${lang}: ${action}`);
    }
  }
});
