// Followthrough's window. Every piece of user text is set with textContent
// (never parsed as HTML), and the only way out of this page is the Tauri
// commands granted in src-tauri/permissions.
"use strict";

const invoke = (cmd, args) => window.__TAURI__.core.invoke(cmd, args);

const STATUS = {
  fully_implemented: "Fully implemented",
  in_process: "In the process of being implemented",
  little_or_no_progress: "Little or no progress",
  will_not_be_implemented: "Will not be implemented",
  no_longer_applicable: "No longer applicable",
};
const CONFIDENCE = {
  green: "Green",
  amber_green: "Amber/Green",
  amber: "Amber",
  amber_red: "Amber/Red",
  red: "Red",
};
const REVIEW = { pending: "Awaiting review", accepted: "Accepted", returned: "Returned" };
const TREND = { up: "Improved", down: "Worsened", same: "No change", new: "New this period" };

/** Creates an element with optional class and text (always as text). */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function showError(err) {
  const box = document.getElementById("error");
  const message = err && typeof err === "object" && "message" in err ? err.message : String(err);
  box.textContent = message;
  box.hidden = false;
}

function confidenceChip(key) {
  if (!key) return el("span", "muted", "—");
  return el("span", `chip chip-${key}`, CONFIDENCE[key] || key);
}

function statusCell(row) {
  const td = el("td");
  if (!row.status) {
    td.append(el("span", "muted", "Not reported"));
    return td;
  }
  td.append(el("div", null, STATUS[row.status] || row.status));
  if (row.review_state) {
    td.append(el("div", `review review-${row.review_state}`, REVIEW[row.review_state]));
  }
  if (row.review_state === "returned" && row.review_comment) {
    td.append(el("div", "muted", `“${row.review_comment}”`));
  }
  if (row.accepted_status && row.accepted_status !== row.status) {
    td.append(el("div", "muted", `Accepted: ${STATUS[row.accepted_status]}`));
  }
  return td;
}

function confidenceCell(row) {
  const td = el("td");
  td.append(confidenceChip(row.confidence));
  if (row.trend) td.append(el("div", "muted", TREND[row.trend]));
  if (row.accepted_confidence && row.accepted_confidence !== row.confidence) {
    const accepted = el("div", "muted", "Accepted: ");
    accepted.append(confidenceChip(row.accepted_confidence));
    td.append(accepted);
  }
  return td;
}

function milestonesCell(row) {
  const td = el("td");
  td.append(el("div", null, `${row.milestones_done} of ${row.milestones_total} done`));
  if (row.overdue_milestones > 0) {
    td.append(el("div", "flag", `${row.overdue_milestones} overdue`));
  }
  return td;
}

function nextCell(row) {
  const td = el("td");
  if (!row.next_milestone) {
    td.append(el("span", "muted", "None"));
    return td;
  }
  td.append(el("div", null, row.next_milestone.title));
  td.append(el("div", "muted nowrap", `Due ${row.next_milestone.due}`));
  return td;
}

function evidenceCell(row) {
  const td = el("td");
  if (row.last_evidence_on === null) {
    td.append(el("span", "flag", "No evidence yet"));
    return td;
  }
  const days = row.days_since_evidence;
  td.append(el("div", "nowrap", row.last_evidence_on));
  td.append(el("div", row.stale ? "flag" : "muted",
    `${days} day${days === 1 ? "" : "s"} ago${row.stale ? " — stale" : ""}`));
  return td;
}

function renderDashboard(dash) {
  const period = document.getElementById("period-line");
  period.textContent = dash.period
    ? `Reporting period ${dash.period.label} (${dash.period.starts_on} to ${dash.period.ends_on}) · as of ${dash.as_of}`
    : `No reporting period opened yet · as of ${dash.as_of}`;

  const body = document.getElementById("dashboard-rows");
  const rows = dash.rows.map((row) => {
    const tr = el("tr");
    tr.append(el("td", "num", row.number));
    const title = el("th", "title");
    title.scope = "row";
    title.textContent = row.title;
    tr.append(title);
    tr.append(el("td", row.lead_owner ? null : "muted", row.lead_owner || "Unassigned"));
    tr.append(statusCell(row), confidenceCell(row), milestonesCell(row), nextCell(row), evidenceCell(row));
    return tr;
  });
  body.replaceChildren(...rows);
  return rows.length;
}

/** The "Recording changes as" control: a name saved by the core. */
function setUpActorForm() {
  const form = document.getElementById("actor-form");
  const input = document.getElementById("actor-input");
  const error = document.getElementById("actor-error");
  const toggle = document.getElementById("actor-change");
  const close = () => {
    form.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    error.hidden = true;
    input.removeAttribute("aria-invalid");
    toggle.focus();
  };
  toggle.addEventListener("click", () => {
    input.value = document.getElementById("actor").textContent;
    form.hidden = false;
    toggle.setAttribute("aria-expanded", "true");
    input.focus();
    input.select();
  });
  document.getElementById("actor-cancel").addEventListener("click", close);
  form.addEventListener("keydown", (e) => { if (e.key === "Escape") close(); });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const saved = await invoke("set_actor", { name: input.value });
      document.getElementById("actor").textContent = saved;
      close();
    } catch (err) {
      // Keep what the user typed; say what is wrong beside the field.
      error.textContent = err && err.field === "actor"
        ? "Enter a name of up to 120 characters, on one line."
        : (err && err.message) || String(err);
      error.hidden = false;
      input.setAttribute("aria-invalid", "true");
      input.focus();
    }
  });
}

async function start() {
  setUpActorForm();
  try {
    const info = await invoke("app_info");
    document.getElementById("data-file").textContent = info.data_file;
    document.getElementById("actor").textContent = info.actor;
    document.getElementById("version-line").textContent = `Followthrough ${info.version}`;
    document.getElementById("sample-banner").hidden = !info.sample;
    if (info.open_error) {
      document.getElementById("dashboard-rows").replaceChildren();
      showError(info.open_error);
      return;
    }
    const count = renderDashboard(await invoke("dashboard"));
    await invoke("ui_ready", { rows: count });
  } catch (err) {
    showError(err);
  }
}

document.addEventListener("DOMContentLoaded", start);
