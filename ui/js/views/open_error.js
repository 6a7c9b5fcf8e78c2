// The screen shown instead of every other when the data file could not be
// opened: why, in the user's language, and for a damaged file the newest
// good backup with a way to restore it here, without restarting.

import { h } from "../dom.js";
import { errorMessage, formatDateTime } from "../i18n.js";
import { pageHeading } from "./common.js";
import { restoreConfirmation } from "./backups.js";

async function newestGood(ctx) {
  try {
    const list = await ctx.invoke("list_backups");
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
      h("p", { class: "muted", text: report.message })),
  ];
  if (report.code === "damaged") {
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
  return { title: t("open_error.heading"), nodes };
}
