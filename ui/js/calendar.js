// Calendar arithmetic for the date picker, on `YYYY-MM-DD` strings: days
// are counted in UTC so a change of clocks never skips or repeats one.

const DAY = 24 * 60 * 60 * 1000;

function parse(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  // 2026-02-30 is not a day.
  return back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? t : null;
}

function iso(t) {
  return new Date(t).toISOString().slice(0, 10);
}

/** Whether `text` is a real day written `YYYY-MM-DD`. */
export function isDay(text) {
  return parse(text) !== null;
}

/** The day `n` days after `day` (before it when `n` is negative). */
export function addDays(day, n) {
  return iso(parse(day) + n * DAY);
}

/**
 * The same day `n` months later, or the month's last day when it has no
 * such day (January 31 + 1 month is February 28 or 29).
 */
export function addMonths(day, n) {
  const d = new Date(parse(day));
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return iso(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d.getUTCDate(), last)));
}

/**
 * The weeks of the month holding `day`, Sunday first: each week seven
 * `YYYY-MM-DD` days, those of the months before and after as null.
 */
export function monthWeeks(day) {
  const d = new Date(parse(day));
  const [y, m] = [d.getUTCFullYear(), d.getUTCMonth()];
  const first = Date.UTC(y, m, 1);
  const days = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const cells = [...Array(new Date(first).getUTCDay()).fill(null)];
  for (let i = 0; i < days; i += 1) cells.push(iso(first + i * DAY));
  while (cells.length % 7) cells.push(null);
  const weeks = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
