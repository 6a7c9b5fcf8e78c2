// The date picker's arithmetic: real days only, months of unequal length,
// weeks from Sunday, and no day lost or repeated where clocks change.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addDays, addMonths, isDay, monthWeeks } from "../../ui/js/calendar.js";
import { formatMonth, weekdayNames } from "../../ui/js/i18n.js";

test("only real days written YYYY-MM-DD are days", () => {
  assert.ok(isDay("2028-02-29"));
  assert.ok(!isDay("2026-02-29"));
  assert.ok(!isDay("2026-13-01"));
  assert.ok(!isDay("2026-1-01"));
  assert.ok(!isDay(""));
});

test("days and months add up across year ends, short months and clock changes", () => {
  assert.equal(addDays("2026-12-31", 1), "2027-01-01");
  assert.equal(addDays("2026-03-01", -1), "2026-02-28");
  // Clocks change in Canada on 2026-03-08 and 2026-11-01.
  assert.equal(addDays("2026-03-07", 1), "2026-03-08");
  assert.equal(addDays("2026-03-08", 1), "2026-03-09");
  assert.equal(addDays("2026-11-01", 7), "2026-11-08");
  assert.equal(addMonths("2026-01-31", 1), "2026-02-28");
  assert.equal(addMonths("2028-01-31", 1), "2028-02-29");
  assert.equal(addMonths("2026-12-15", 1), "2027-01-15");
  assert.equal(addMonths("2026-01-15", -1), "2025-12-15");
});

test("a month's weeks start on Sunday and hold each of its days once", () => {
  const weeks = monthWeeks("2026-11-25");
  assert.equal(weeks[0][0], "2026-11-01", "November 2026 starts on a Sunday");
  const days = weeks.flat().filter(Boolean);
  assert.equal(days.length, 30);
  assert.equal(days.at(-1), "2026-11-30");
  assert.ok(weeks.every((w) => w.length === 7));
  const feb = monthWeeks("2026-02-10");
  assert.equal(feb[0].indexOf("2026-02-01"), 0);
  const dec = monthWeeks("2026-12-01");
  assert.deepEqual(dec[0].slice(0, 3), [null, null, "2026-12-01"], "December 2026 starts on a Tuesday");
});

test("the calendar's words are the reader's language", () => {
  assert.equal(formatMonth(2026, 11, "en"), "November 2026");
  assert.equal(formatMonth(2026, 11, "fr"), "novembre 2026");
  assert.equal(weekdayNames("en", "long")[0], "Sunday");
  assert.equal(weekdayNames("fr", "long")[0], "dimanche");
});
