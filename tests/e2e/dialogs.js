// The system's save and open dialogs (GTK), driven with xdotool as a
// user's keyboard would: several end-to-end tests save a briefing through
// them, and the two-laptop test saves and opens review files.
import { execFileSync } from "node:child_process";

export const DIALOG_TITLES = { en: "Save the briefing", fr: "Enregistrer la note d'information" };

function xdotool(...args) {
  return execFileSync("xdotool", args, { encoding: "utf8" }).trim();
}

/** Waits for the save dialog to be mapped and returns its X window id. */
async function waitForDialog(title, ms = 20_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const ids = xdotool("search", "--onlyvisible", "--name", `^${title}$`).split("\n").filter(Boolean);
      if (ids.length) return ids[ids.length - 1];
    } catch {
      // Not there yet: xdotool exits non-zero when nothing matches.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the dialog "${title}" did not appear`);
}

/** Types `path` into the dialog's name field and presses Enter. */
export async function saveAs(title, path) {
  const dialog = await waitForDialog(title);
  // Let GTK finish mapping the dialog before keys arrive.
  await new Promise((r) => setTimeout(r, 700));
  xdotool("windowfocus", "--sync", dialog);
  xdotool("key", "--clearmodifiers", "ctrl+a");
  xdotool("type", "--delay", "15", path);
  xdotool("key", "Return");
}

export async function cancelDialog(title) {
  const dialog = await waitForDialog(title);
  await new Promise((r) => setTimeout(r, 700));
  xdotool("windowfocus", "--sync", dialog);
  xdotool("key", "Escape");
}

/** Chooses `path` in the system's open dialog titled `title`: the
 * location field (Ctrl+L) takes the whole path, as a user may type it. */
export async function openFile(title, path) {
  const dialog = await waitForDialog(title);
  await new Promise((r) => setTimeout(r, 700));
  xdotool("windowfocus", "--sync", dialog);
  xdotool("key", "--clearmodifiers", "ctrl+l");
  await new Promise((r) => setTimeout(r, 200));
  xdotool("type", "--delay", "15", path);
  xdotool("key", "Return");
}
