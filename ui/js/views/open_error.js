// The screen shown instead of every other when the data file could not be
// opened (or a check closed it): why, in the user's language; for a file
// that is damaged, was changed outside the program or lost the end of its
// trail, the newest good backup with a way to restore it here, without
// restarting; and for a trail that ends early, a way to keep the file as it
// is (an older copy put in place on purpose), which is recorded.

import { h } from "../dom.js";
import { errorMessage, formatDateTime } from "../i18n.js";
import { onSubmit } from "../forms.js";
import { pageHeading } from "./common.js";
import { listBackups, restoreConfirmation } from "./backups.js";

/** Codes of a file that is ours but cannot be trusted as it is. */
const RESTORABLE = ["damaged", "tampered", "audit_chain_broken", "trail_behind_witness"];

/** "Use this file as it is", with its confirmation. */
function trustSection(ctx) {
  const { t } = ctx;
  const heading = h("h2", { id: "trust-confirm-heading", tabindex: "-1", text: t("open_error.trust_confirm_heading") });
  const form = h("form", { id: "trust-confirm-form", class: "stack" },
    h("div", { class: "actions" },
      h("button", { type: "submit", id: "trust-confirm", class: "primary", text: t("open_error.trust_confirm") }),
      h("button", { type: "button", id: "trust-cancel", text: t("common.cancel"), onclick: () => close() })));
  const card = h("section", { class: "card confirm", id: "trust-confirm-card", "aria-labelledby": heading.id, hidden: true },
    heading, h("p", { text: t("open_error.trust_confirm_what") }), form);
  let opener = null;
  function close() {
    card.hidden = true;
    if (opener && opener.isConnected) opener.focus();
  }
  card.addEventListener("keydown", (e) => { if (e.key === "Escape") close(); });
  onSubmit(form, t, async () => {
    await ctx.invoke("trust_data_file");
    await ctx.trackerReplaced(t("open_error.trusted"));
  });
  const section = h("section", { class: "card", "aria-labelledby": "trust-heading" },
    h("h2", { id: "trust-heading", text: t("open_error.trust_heading") }),
    h("p", { text: t("open_error.trust_intro") }),
    h("div", { class: "actions" },
      h("button", {
        type: "button", id: "trust-file", text: t("open_error.trust"),
        onclick: (e) => {
          opener = e.currentTarget;
          card.hidden = false;
          heading.focus();
        },
      })));
  return [section, card];
}

async function newestGood(ctx) {
  try {
    const list = await listBackups(ctx, null);
    return list.backups.find((b) => b.good) || null;
  } catch {
    // No readable backups folder: the message above already names the file.
    return null;
  }
}

export async function renderOpenError(ctx) {
  const { t, lang } = ctx;
  const report = ctx.info.open_error;
  const nodes = [
    pageHeading(t("open_error.heading")),
    h("div", { class: "banner banner-error", role: "alert" },
      h("p", { text: errorMessage(t, report) }),
      // The program's own account, for a technician: in English.
      h("p", { class: "muted", lang: "en", text: report.message })),
  ];
  if (RESTORABLE.includes(report.code)) {
    const good = await newestGood(ctx);
    if (good) {
      const confirmation = restoreConfirmation(ctx, { damaged: true });
      nodes.push(h("section", { class: "card", "aria-labelledby": "newest-good-heading" },
        h("h2", { id: "newest-good-heading", text: t("open_error.restore_heading") }),
        h("p", { text: t("open_error.newest_good", { when: formatDateTime(good.taken_at, lang), name: good.name }) }),
        h("div", { class: "actions" },
          h("button", {
            type: "button", id: "restore-newest-good", class: "primary", text: t("open_error.restore"),
            onclick: (e) => confirmation.ask(good, e.currentTarget),
          }))),
      confirmation.card);
    } else {
      nodes.push(h("p", { class: "muted", text: t("open_error.no_good_backup") }));
    }
  }
  if (report.code === "trail_behind_witness") nodes.push(...trustSection(ctx));
  return { title: t("open_error.heading"), nodes };
}
