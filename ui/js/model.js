// View models: what the screens derive from the core's data. Pure
// functions, unit-tested with `node --test`.

/**
 * What needs the deputy minister's attention on the dashboard, in order of
 * urgency: Red or Amber/Red, overdue milestones, assessments returned,
 * decisions required, stale evidence.
 */
export function attentionItems(dashboard) {
  const items = [];
  for (const row of dashboard.rows) {
    const base = { recommendation_id: row.recommendation_id, number: row.number, title: row.title };
    if (row.confidence === "red" || row.confidence === "amber_red") {
      items.push({ ...base, kind: "confidence", confidence: row.confidence });
    }
    if (row.overdue_milestones > 0) {
      items.push({ ...base, kind: "overdue", count: row.overdue_milestones });
    }
    if (row.review_state === "returned") {
      items.push({ ...base, kind: "returned", comment: row.review_comment });
    }
    if (row.decisions_required && row.decisions_required.trim()) {
      items.push({ ...base, kind: "decision", text: row.decisions_required });
    }
    if (row.stale) {
      items.push({ ...base, kind: "stale", days: row.days_since_evidence });
    }
  }
  const order = ["confidence", "overdue", "returned", "decision", "stale"];
  return items.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.number - b.number);
}

/**
 * The values to start an assessment form with: this period's report if
 * there is one, else the previous period's (the "starting draft"), else
 * blanks.
 */
export function assessmentDraft(current, previous) {
  const source = current || previous;
  const fields = ["status", "confidence", "commentary", "next_steps", "risks", "decisions_required"];
  const draft = { fromPrevious: !current && Boolean(previous) };
  for (const f of fields) draft[f] = source ? source[f] || "" : "";
  return draft;
}

/** Splits a hash route like `#/recommendation/3` into its parts. */
export function parseRoute(hash) {
  const [path, query = ""] = String(hash || "").replace(/^#/, "").split("?");
  const parts = path.split("/").filter(Boolean);
  const params = Object.fromEntries(new URLSearchParams(query));
  const id = parts[1] !== undefined && /^\d+$/.test(parts[1]) ? Number(parts[1]) : null;
  const view = ["recommendation", "owners", "period", "briefing", "search", "audit", "backups", "reviews", "package"].includes(parts[0])
    ? parts[0]
    : "dashboard";
  return { view, id, params };
}

/**
 * The period the briefing screen starts on: the one the route names, else
 * the current period, else the latest. Returns its id as a string (the
 * select's value).
 */
export function defaultBriefingPeriod(page, routeId) {
  const ids = page.periods.map((p) => p.id);
  if (routeId !== null && routeId !== undefined && ids.includes(routeId)) return String(routeId);
  if (page.current_period_id !== null && ids.includes(page.current_period_id)) return String(page.current_period_id);
  return ids.length ? String(ids[ids.length - 1]) : "";
}

/** The marking and organization a briefing in `language` starts with. */
export function briefingDefaults(defaults, language) {
  const d = defaults[language] || defaults.en;
  return { marking: d.marking, organization: d.organization };
}

/** The zooms Ctrl+= and Ctrl+- step through, in percent (as browsers do). */
export const ZOOM_STEPS = [50, 67, 75, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300];

/**
 * The zoom one step in (`direction` 1) or out (-1) from `current`, which
 * may lie between steps; 0 goes back to 100 %. At either end it stays.
 */
export function nextZoom(current, direction) {
  if (direction === 0) return 100;
  if (direction > 0) return ZOOM_STEPS.find((z) => z > current) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1];
  return [...ZOOM_STEPS].reverse().find((z) => z < current) ?? ZOOM_STEPS[0];
}

/**
 * A key's fingerprint as the screens name it: its first two groups
 * ("0279 FAA7"), the core's `keys::short`.
 */
export function shortFingerprint(fingerprint) {
  return fingerprint.slice(0, 9);
}
