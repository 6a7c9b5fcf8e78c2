// Backups: write one now, see the list, restore one after a confirmation
// that says what will happen. Backups are named by their file name from the
// list; the page never sends a path.

import { h, labelTableCells, replace } from "../dom.js";
import { formatDateTime, formatSize } from "../i18n.js";
import { onSubmit } from "../forms.js";
import { pageHeading } from "./common.js";

/** Codes whose general sentence would mislead here: "damaged" is about the chosen backup, not the data file. */
const RESTORE_ERROR_KEYS = {
  damaged: "backup.error.damaged",
  tampered: "backup.error.damaged",
  audit_chain_broken: "backup.error.damaged",
};

/**
 * The confirmation step of a restore: a card that says plainly what will
 * happen, with "Restore this backup" and "Cancel". Returns the card and
 * `ask(backup, opener)`, which shows it for one backup and focuses it.
 * `damaged`: the data file could not be opened, so it is kept as it is
 * (byte for byte) rather than as a backup that can be restored.
 */
export function restoreConfirmation(ctx, { damaged = false } = {}) {
  const { t, lang } = ctx;
  let chosen = null;
  let opener = null;
  const heading = h("h2", { id: "restore-confirm-heading", tabindex: "-1", text: t("backup.restore") });
  const what = h("p");
  const file = h("p", { class: "muted file-name" });
  const form = h("form", { id: "restore-confirm-form", class: "stack" },
    h("div", { class: "actions" },
      h("button", { type: "submit", id: "restore-confirm", class: "primary", text: t("backup.confirm") }),
      h("button", { type: "button", id: "restore-cancel", text: t("common.cancel"), onclick: () => close() })));
  const card = h("section", { class: "card confirm", id: "restore-confirm-card", "aria-labelledby": heading.id, hidden: true },
    heading,
    file,
    what,
    h("ul", { class: "consequences" },
      h("li", { text: t(damaged ? "backup.confirm_kept_damaged" : "backup.confirm_kept") }),
      h("li", { text: t("backup.confirm_audit") })),
    form);

  function close() {
    card.hidden = true;
    if (opener && opener.isConnected) opener.focus();
  }
  card.addEventListener("keydown", (e) => { if (e.key === "Escape") close(); });

  onSubmit(form, t, async () => {
    const when = formatDateTime(chosen.taken_at, lang);
    const restored = await ctx.operation("restore_backup", { name: chosen.name },
      { title: t("operation.title.restore"), origin: form });
    const message = restored.previous_kept_as
      ? t("backup.restored", { when, kept: restored.previous_kept_as })
      : t("backup.restored_plain", { when });
    await ctx.trackerReplaced(message);
  }, RESTORE_ERROR_KEYS);

  function ask(backup, button) {
    chosen = backup;
    opener = button;
    const when = formatDateTime(backup.taken_at, lang);
    heading.textContent = t("backup.confirm_heading", { when });
    what.textContent = t("backup.confirm_what", { when });
    file.textContent = t("backup.confirm_file", { name: backup.name });
    for (const p of form.querySelectorAll(".form-error")) p.remove();
    card.hidden = false;
    heading.focus();
    card.scrollIntoView({ block: "nearest" });
  }
  return { card, ask };
}

function backupTable(ctx, backups, confirmation) {
  const { t, lang } = ctx;
  if (backups.length === 0) return h("p", { class: "muted", text: t("backup.none") });
  const heads = ["backup.col_taken", "backup.col_file", "backup.col_size", "backup.col_check"];
  if (!ctx.reviewMode) heads.push("backup.col_actions");
  const rows = backups.map((b) => {
    const when = formatDateTime(b.taken_at, lang);
    const cells = [
      h("th", { scope: "row" }, h("time", { datetime: b.taken_at, class: "nowrap", text: when })),
      h("td", { class: "file-name", text: b.name }),
      h("td", { class: "nowrap", text: formatSize(b.size_bytes, lang) }),
      h("td", { class: b.good ? null : "flag", text: t(b.good ? "backup.good" : "backup.bad") }),
    ];
    if (!ctx.reviewMode) {
      const button = b.good
        ? h("button", {
          type: "button", class: "restore", dataset: { backup: b.name },
          "aria-label": t("backup.restore_named", { when }), text: t("backup.restore"),
          onclick: (e) => confirmation.ask(b, e.currentTarget),
        })
        : null;
      cells.push(h("td", null, button));
    }
    return h("tr", null, cells);
  });
  return h("div", { class: "table-wrap" }, h("table", { class: "grid backups" },
    h("caption", { class: "visually-hidden", text: t("backup.caption") }),
    h("thead", null, h("tr", null, heads.map((k) => h("th", { scope: "col", text: t(k) })))),
    h("tbody", { id: "backup-rows" }, rows)));
}

/**
 * The backups, each checked: a long operation on a large tracker, shown in
 * the window's operations area. `origin`: the node whose screen asked.
 */
export function listBackups(ctx, origin) {
  return ctx.operation("list_backups", {}, { title: ctx.t("operation.title.checking_backups"), origin });
}

export async function renderBackups(ctx) {
  const { t } = ctx;
  const list = await listBackups(ctx, null);
  const confirmation = restoreConfirmation(ctx);
  const listBody = h("div", { id: "backup-list" }, backupTable(ctx, list.backups, confirmation));

  const result = h("p", { id: "backup-result", class: "note", tabindex: "-1", hidden: true });
  const nowForm = h("form", { id: "backup-now-form", class: "stack" },
    h("p", { class: "hint", text: t("backup.now_hint") }),
    h("div", { class: "actions" }, h("button", { type: "submit", id: "backup-now", text: t("backup.now") })));
  onSubmit(nowForm, t, async () => {
    const path = await ctx.operation("backup_now", {},
      { title: t("operation.title.backup"), origin: nowForm, done: (written) => t("backup.done", { path: written }) });
    result.textContent = t("backup.done", { path });
    result.hidden = false;
    if (!nowForm.isConnected) return;
    ctx.focusOn(result);
    ctx.confirmSaved(t("backup.done_short"));
    const fresh = await listBackups(ctx, listBody);
    const table = backupTable(ctx, fresh.backups, confirmation);
    labelTableCells(table);
    replace(listBody, table);
  });

  return {
    title: t("backup.heading"),
    nodes: [
      pageHeading(t("backup.heading")),
      h("p", { class: "muted intro", text: t("backup.intro", { folder: list.folder }) }),
      h("section", { class: "card", "aria-labelledby": "backup-now-heading" },
        h("h2", { id: "backup-now-heading", text: t("backup.now_heading") }),
        nowForm,
        result),
      h("section", { class: "card", "aria-labelledby": "backup-list-heading" },
        h("h2", { id: "backup-list-heading", text: t("backup.list_heading") }),
        ctx.reviewMode ? h("p", { class: "hint", text: t("backup.review_mode_note") }) : null,
        listBody),
      confirmation.card,
    ],
  };
}
