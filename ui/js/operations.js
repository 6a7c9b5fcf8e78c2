// Long work the window starts (a backup, a restore, checking the backups,
// a briefing) runs on the Rust side, off the window's thread, and reports
// its steps on a channel. Each running operation shows in the window's own
// "operations" area under the header, not in the screen that started it,
// so the user can open other screens meanwhile and still see it finish.
//
// The area shows the stage in words, a bar (with no value while the stage
// cannot tell how far it is: SQLite's integrity check does not say), and
// "Stop" while stopping still leaves nothing behind. When the operation
// ends and its screen is no longer shown, the area says how it ended.

import { h } from "./dom.js";
import { errorMessage } from "./i18n.js";

/** The words for each stage the core reports (`progress::Stage`). */
export const STAGE_KEYS = {
  copying: "operation.stage.copying",
  checking: "operation.stage.checking",
  keeping_current: "operation.stage.keeping_current",
  replacing: "operation.stage.replacing",
  checking_backups: "operation.stage.checking_backups",
  reading: "operation.stage.reading",
  typesetting: "operation.stage.typesetting",
  writing: "operation.stage.writing",
  recording: "operation.stage.recording",
};

let nextNumber = 1;

/** How far a step is, as a whole percentage, or null when it cannot tell. */
export function percent(step) {
  if (!step || !step.total) return null;
  return Math.min(100, Math.floor((step.done * 100) / step.total));
}

/**
 * Runs `command` as a long operation. `invoke` is the window's command
 * call; `t` its strings. `spec`: {title, origin, done(result)}: the title
 * names the work ("Backing up"), `origin` is the node of the screen that
 * started it, and `done(result)` the sentence to show in the area if that
 * screen is gone when the work ends (null to say nothing). Resolves or
 * rejects as the command does; a stop asked by the user rejects with the
 * code `cancelled`.
 */
export function runOperation({ invoke, t }, command, args, spec) {
  const area = document.getElementById("operations");
  const number = nextNumber++;
  const id = `operation-${number}`;
  const stage = h("span", { class: "operation-stage", id: `${id}-stage`, text: t("operation.starting") });
  const amount = h("span", { class: "operation-amount muted" });
  const bar = h("progress", { class: "operation-bar", "aria-labelledby": `${id}-title ${id}-stage` });
  const stop = h("button", { type: "button", class: "operation-stop", id: `${id}-stop`, hidden: true, text: t("operation.stop") });
  const row = h("div", { class: "operation", id, dataset: { command } },
    h("strong", { id: `${id}-title`, text: spec.title }),
    stage, amount, bar, stop);
  area.append(row);
  area.hidden = false;

  let stopping = false;
  const show = (step) => {
    if (stopping) return;
    const key = STAGE_KEYS[step.stage];
    if (key && stage.textContent !== t(key)) stage.textContent = t(key);
    const p = percent(step);
    if (p === null) {
      bar.removeAttribute("value");
      amount.textContent = "";
    } else {
      bar.max = 100;
      bar.value = p;
      amount.textContent = t("operation.percent", { percent: p });
    }
    stop.hidden = !step.cancellable;
  };
  const channel = new window.__TAURI__.core.Channel();
  channel.onmessage = show;
  stop.addEventListener("click", () => {
    stopping = true;
    stop.disabled = true;
    stage.textContent = t("operation.stopping");
    invoke("cancel_operation", { operation: number }).catch(() => {});
  });

  const finish = (message, kind) => {
    row.remove();
    if (message && !(spec.origin && spec.origin.isConnected)) {
      const note = h("div", { class: `operation-ended ${kind}`, role: kind === "error" ? "alert" : "status" },
        h("span", { text: message }),
        h("button", { type: "button", class: "link-button", text: t("operation.dismiss"), onclick: (e) => {
          e.currentTarget.parentElement.remove();
          area.hidden = area.childElementCount === 0;
        } }));
      area.append(note);
    }
    area.hidden = area.childElementCount === 0;
  };
  return invoke(command, { ...args, operation: number, on_progress: channel }).then(
    (result) => {
      finish(spec.done ? spec.done(result) : null, "done");
      return result;
    },
    (err) => {
      const cancelled = err && err.code === "cancelled";
      finish(cancelled ? t("error.code.cancelled") : errorMessage(t, err), cancelled ? "done" : "error");
      throw err;
    });
}
