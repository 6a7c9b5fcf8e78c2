// Reviews: the person's own key, the tracker's register of reviewers,
// sending a period for review and applying the decisions that come back;
// on a reviewer's computer, the packages received. Every file is chosen in
// the system's dialogs; a passphrase is asked only while no key is
// unlocked.

import { h } from "../dom.js";
import { errorMessage, formatDateTime } from "../i18n.js";
import { field, onSubmit, value } from "../forms.js";
import { shortFingerprint } from "../model.js";
import { disclosure, pageHeading } from "./common.js";

const ROLE_KEYS = {
  deputy_minister: "reviews.role.deputy_minister",
  associate_deputy_minister: "reviews.role.associate_deputy_minister",
  delegate: "reviews.role.delegate",
};
const DECISION_KEYS = { accept: "reviews.decision.accept", return: "reviews.decision.return" };

/** A fingerprint in its groups, to read aloud. */
export function fingerprintText(fingerprint) {
  return h("code", { class: "fingerprint", text: fingerprint });
}

/** "Unlocked: Deputy Minister, key 1ADE 72B2, for 9 more minutes", with Lock. */
function unlockedNote(ctx, keys) {
  const { t } = ctx;
  const u = keys.unlocked;
  const lock = h("button", { type: "button", id: "lock-key", class: "link-button", text: t("reviews.lock") });
  lock.addEventListener("click", async () => {
    await ctx.invoke("lock_key");
    await ctx.saved(t("reviews.locked_done"), "key-heading");
  });
  return h("p", { class: "note", id: "key-unlocked" },
    t("reviews.unlocked", { name: u.name, key: shortFingerprint(u.fingerprint), minutes: u.minutes_left }), " ", lock);
}

/** Whether this person's own key is unlocked (not a reviewer's key file). */
export function ownUnlocked(keys) {
  return Boolean(keys.unlocked && keys.unlocked.own);
}

/**
 * A passphrase field for a form whose action needs this person's own key,
 * shown only while it is not unlocked.
 */
export function passphraseField(ctx, form, keys) {
  if (ownUnlocked(keys)) return null;
  return field({ form, name: "passphrase", label: ctx.t("reviews.passphrase"), type: "password",
    autocomplete: "current-password", hint: ctx.t("reviews.passphrase_hint", { minutes: keys.unlocked_for_minutes }) }).wrap;
}

function myKeySection(ctx, keys) {
  const { t } = ctx;
  const parts = [];
  if (!keys.mine) {
    parts.push(h("p", { text: t("reviews.no_key") }));
    const form = h("form", { id: "key-new-form", class: "stack" },
      field({ form: "key-new", name: "name", label: t("reviews.key_name"), value: ctx.info.actor, required: true, autocomplete: "name" }).wrap,
      field({ form: "key-new", name: "passphrase", label: t("reviews.new_passphrase"), type: "password", required: true,
        autocomplete: "new-password", hint: t("reviews.new_passphrase_hint") }).wrap,
      field({ form: "key-new", name: "again", label: t("reviews.passphrase_again"), type: "password", required: true, autocomplete: "new-password" }).wrap,
      h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", text: t("reviews.make_key") })));
    onSubmit(form, t, async () => {
      await ctx.invoke("create_my_key", { name: value(form, "name"), passphrase: value(form, "passphrase"), again: value(form, "again") });
      await ctx.saved(t("reviews.key_made"), "my-fingerprint");
    });
    parts.push(form);
  } else {
    const saveButton = h("button", { type: "button", id: "save-public-key", text: t("reviews.save_public") });
    const saved = h("p", { class: "note", id: "public-key-saved", hidden: true, tabindex: "-1" });
    const publicKey = disclosure({ id: "public-key-toggle", text: t("reviews.show_public"),
      build: () => h("pre", { id: "my-public-key", class: "public-key-text", text: keys.mine.public_key }) });
    saveButton.addEventListener("click", async () => {
      try {
        const path = await ctx.invoke("save_my_public_key");
        if (!path) return;
        saved.textContent = t("reviews.public_saved", { path });
        saved.hidden = false;
        ctx.focusOn(saved);
      } catch (err) {
        saved.textContent = errorMessage(t, err);
        saved.hidden = false;
      }
    });
    parts.push(
      h("dl", { class: "facts-list" },
        h("dt", { text: t("reviews.key_name") }), h("dd", { text: keys.mine.name }),
        h("dt", { text: t("reviews.fingerprint") }), h("dd", { id: "my-fingerprint", tabindex: "-1" }, fingerprintText(keys.mine.fingerprint))),
      h("p", { class: "hint", text: t("reviews.fingerprint_hint") }),
      h("div", { class: "actions" }, saveButton),
      saved,
      publicKey.button,
      publicKey.panel);
  }
  if (keys.unlocked) {
    parts.push(unlockedNote(ctx, keys));
  } else if (keys.mine) {
    const form = h("form", { id: "unlock-form", class: "stack" },
      field({ form: "unlock", name: "passphrase", label: t("reviews.passphrase"), type: "password", required: true, autocomplete: "current-password",
        hint: t("reviews.passphrase_hint", { minutes: keys.unlocked_for_minutes }) }).wrap,
      h("div", { class: "actions" }, h("button", { type: "submit", text: t("reviews.unlock") })));
    onSubmit(form, t, async () => {
      await ctx.invoke("unlock_key", { passphrase: value(form, "passphrase"), from_file: false });
      await ctx.saved(t("reviews.unlocked_done"), "key-unlocked");
    });
    parts.push(form);
  }
  // A reviewer at this computer, with their own key file.
  if (!keys.unlocked) {
    const form = h("form", { id: "unlock-file-form", class: "stack" },
      h("h3", { id: "unlock-file-heading", text: t("reviews.other_key_heading") }),
      h("p", { class: "hint", text: t("reviews.other_key_hint") }),
      field({ form: "unlock-file", name: "passphrase", label: t("reviews.passphrase_of_file"), type: "password", required: true, autocomplete: "off" }).wrap,
      h("div", { class: "actions" }, h("button", { type: "submit", text: t("reviews.choose_key_file") })));
    onSubmit(form, t, async () => {
      const done = await ctx.invoke("unlock_key", { passphrase: value(form, "passphrase"), from_file: true });
      if (done) await ctx.saved(t("reviews.unlocked_done"), "key-unlocked");
    });
    parts.push(form);
  }
  return h("section", { class: "card", "aria-labelledby": "key-heading" },
    h("h2", { id: "key-heading", tabindex: "-1", text: t("reviews.key_heading") }), parts);
}

function reviewersSection(ctx, reviewers) {
  const { t, lang } = ctx;
  const rows = reviewers.map((r) => {
    const remove = r.removed_at ? null : h("button", {
      type: "button", class: "remove-reviewer", dataset: { reviewer: r.id },
      "aria-label": t("reviews.remove_named", { name: r.name }), text: t("reviews.remove"),
      onclick: async (e) => {
        const button = e.currentTarget;
        try {
          await ctx.invoke("remove_reviewer", { id: r.id });
          await ctx.saved(t("reviews.removed_done", { name: r.name }), "reviewers-heading");
        } catch (err) {
          button.after(h("p", { class: "form-error", role: "alert", text: errorMessage(t, err) }));
        }
      },
    });
    return h("tr", { class: r.removed_at ? "removed" : null },
      h("th", { scope: "row", text: r.name }),
      h("td", { text: t(ROLE_KEYS[r.role]) }),
      h("td", null, fingerprintText(r.fingerprint)),
      h("td", { text: r.removed_at
        ? t("reviews.removed_on", { name: r.removed_by, when: formatDateTime(r.removed_at, lang) })
        : t("reviews.added_on", { name: r.added_by, when: formatDateTime(r.added_at, lang) }) }),
      h("td", null, remove));
  });
  const table = reviewers.length === 0
    ? h("p", { class: "note", id: "no-reviewers", text: t("reviews.none_registered") })
    : h("div", { class: "table-wrap" }, h("table", { class: "grid reviewers" },
      h("caption", { class: "visually-hidden", text: t("reviews.register_caption") }),
      h("thead", null, h("tr", null, ["reviews.col_name", "reviews.col_role", "reviews.col_key", "reviews.col_when", "reviews.col_actions"]
        .map((k) => h("th", { scope: "col", text: t(k) })))),
      h("tbody", { id: "reviewer-rows" }, rows)));

  const key = field({ form: "reviewer", name: "public_key", label: t("reviews.public_key"), type: "textarea", rows: 5, required: true,
    hint: t("reviews.public_key_hint") });
  const readButton = h("button", { type: "button", id: "reviewer-read-file", text: t("reviews.read_key_file") });
  readButton.addEventListener("click", async () => {
    try {
      const text = await ctx.invoke("read_public_key_file");
      if (text) {
        key.control.value = text;
        key.control.focus();
      }
    } catch (err) {
      key.error.textContent = errorMessage(t, err);
      key.error.hidden = false;
    }
  });
  const form = h("form", { id: "reviewer-form", class: "stack" },
    key.wrap,
    h("div", { class: "actions" }, readButton),
    h("div", { class: "row" },
      field({ form: "reviewer", name: "name", label: t("reviews.reviewer_name"), hint: t("reviews.reviewer_name_hint") }).wrap,
      field({ form: "reviewer", name: "role", label: t("reviews.col_role"), type: "select",
        options: Object.entries(ROLE_KEYS).map(([r, key]) => [r, t(key)]) }).wrap),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", text: t("reviews.register") })));
  onSubmit(form, t, async () => {
    const added = await ctx.invoke("add_reviewer", { input: {
      public_key: value(form, "public_key"), name: value(form, "name"), role: value(form, "role") } });
    form.reset();
    await ctx.saved(t("reviews.registered_done", { name: added.name, key: added.fingerprint }), "reviewers-heading");
  });
  return h("section", { class: "card", "aria-labelledby": "reviewers-heading" },
    h("h2", { id: "reviewers-heading", tabindex: "-1", text: t("reviews.reviewers_heading") }),
    h("p", { class: "hint", text: t(reviewers.some((r) => !r.removed_at) ? "reviews.signed_only" : "reviews.by_name_until") }),
    table,
    h("h3", { id: "reviewer-form-heading", text: t("reviews.register_heading") }),
    form);
}

/**
 * "Send for review…": a period and a registered reviewer; the package is
 * saved where the user chooses. Shared with the period screen.
 */
export function sendForm(ctx, { periods, reviewers, keys, periodId = null, onReviews = false }) {
  const { t } = ctx;
  const open = periods.filter((p) => p.state === "open");
  const registered = reviewers.filter((r) => !r.removed_at);
  if (open.length === 0 || registered.length === 0 || !keys.mine) {
    const why = !keys.mine ? "reviews.send_needs_key" : registered.length === 0 ? "reviews.send_needs_reviewer" : "reviews.send_needs_period";
    return h("p", { class: "note", id: "send-unavailable" }, t(why),
      onReviews ? null : [" ", h("a", { href: "#/reviews", text: t("reviews.go_reviews") })]);
  }
  const result = h("p", { class: "note", id: "send-result", tabindex: "-1", hidden: true });
  const form = h("form", { id: "send-form", class: "stack" },
    h("div", { class: "row" },
      periodId === null
        ? field({ form: "send", name: "period_id", label: t("reviews.period"), type: "select",
          options: open.slice().reverse().map((p) => [p.id, p.label]) }).wrap
        : null,
      field({ form: "send", name: "reviewer_id", label: t("reviews.reviewer"), type: "select",
        options: registered.map((r) => [r.id, `${r.name} (${shortFingerprint(r.fingerprint)})`]) }).wrap),
    passphraseField(ctx, "send", keys),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", id: "send-for-review", text: t("reviews.send") })),
    result);
  onSubmit(form, t, async () => {
    const written = await ctx.invoke("send_for_review", {
      period_id: periodId ?? Number(value(form, "period_id")),
      reviewer_id: Number(value(form, "reviewer_id")),
      passphrase: ownUnlocked(keys) ? null : value(form, "passphrase"),
    });
    if (!written) return;
    result.textContent = t("reviews.sent", { period: written.period, name: written.reviewer, path: written.path });
    result.hidden = false;
    ctx.focusOn(result);
    ctx.confirmSaved(t("reviews.sent_short"));
  });
  return form;
}

function outcomeText(t, item, applied) {
  switch (item.outcome) {
    case "applied": return t(applied ? "reviews.outcome.applied" : "reviews.outcome.will_apply");
    case "already_applied": return t("reviews.outcome.already_applied");
    case "changed_since_review": return t("reviews.outcome.changed_since_review");
    default: return t("reviews.outcome.refused", { why: item.refusal ? errorMessage(t, item.refusal) : "" });
  }
}

/** The decisions of a response and what becomes of each. */
export function applyingTable(ctx, applying) {
  const { t, lang } = ctx;
  return h("div", { class: "table-wrap" }, h("table", { class: "grid applying", id: "applying-table" },
    h("caption", { text: t("reviews.applying_caption", { name: applying.reviewer, key: applying.reviewer_key, period: applying.period }) }),
    h("thead", null, h("tr", null, ["reviews.col_what", "reviews.col_comment", "reviews.col_decided", "reviews.col_outcome"]
      .map((k) => h("th", { scope: "col", text: t(k) })))),
    h("tbody", null, applying.items.map((i) => h("tr", { class: `outcome-${i.outcome}` },
      h("th", { scope: "row", text: i.recommendation
        ? t(DECISION_KEYS[i.decision], { number: i.recommendation })
        : t("reviews.decision.sign_off", { period: applying.period }) }),
      h("td", { class: "pre", text: i.comment }),
      h("td", { text: formatDateTime(i.decided_at, lang) }),
      h("td", { text: outcomeText(t, i, applying.applied) }))))));
}

function applySection(ctx, keys) {
  const { t } = ctx;
  const shown = h("div", { id: "applying", tabindex: "-1" });
  const form = h("form", { id: "apply-form", class: "stack" },
    h("p", { class: "hint", text: t("reviews.apply_hint") }),
    passphraseField(ctx, "apply", keys),
    h("div", { class: "actions" }, h("button", { type: "submit", id: "apply-choose", text: t("reviews.apply_choose") })));
  onSubmit(form, t, async () => {
    const applying = await ctx.invoke("preview_decisions", { passphrase: ownUnlocked(keys) ? null : value(form, "passphrase") });
    if (!applying) return;
    const count = applying.items.filter((i) => i.outcome === "applied").length;
    const confirm = h("form", { id: "apply-confirm-form", class: "actions" },
      h("button", { type: "submit", class: "primary", id: "apply-confirm", disabled: count === 0,
        text: count === 0 ? t("reviews.nothing_to_apply") : t.plural("reviews.apply_n", count) }),
      h("button", { type: "button", id: "apply-cancel", text: t("common.cancel"), onclick: () => { shown.replaceChildren(); form.querySelector("button").focus(); } }));
    onSubmit(confirm, t, async () => {
      const done = await ctx.invoke("apply_decisions");
      const applied = done.items.filter((i) => i.outcome === "applied").length;
      shown.replaceChildren(
        h("p", { class: "note", id: "applied-result", text: applied === 0 ? t("reviews.applied_nothing") : t.plural("reviews.applied_n", applied) }),
        applyingTable(ctx, done));
      ctx.focusOn(shown);
      ctx.confirmSaved(applied === 0 ? t("reviews.applied_nothing") : t.plural("reviews.applied_n", applied));
    });
    const allApplied = count === 0 && applying.items.every((i) => i.outcome === "already_applied");
    shown.replaceChildren(...[
      allApplied ? h("p", { class: "note", id: "already-applied", text: t("reviews.already_applied_all") }) : null,
      applyingTable(ctx, applying),
      confirm,
    ].filter(Boolean));
    ctx.focusOn(shown);
  });
  return h("section", { class: "card", "aria-labelledby": "apply-heading" },
    h("h2", { id: "apply-heading", text: t("reviews.apply_heading") }), form, shown);
}

function inboxSection(ctx, keys, inbox) {
  const { t, lang } = ctx;
  const trust = h("div", { id: "trust", tabindex: "-1" });
  const form = h("form", { id: "open-package-form", class: "stack" },
    h("p", { class: "hint", text: t("reviews.open_hint") }),
    passphraseField(ctx, "open-package", keys),
    h("div", { class: "actions" }, h("button", { type: "submit", id: "open-package", text: t("reviews.open_package") })));
  const opened = (received) => {
    window.location.hash = `#/package?id=${received.session.package.package_id}`;
  };
  onSubmit(form, t, async () => {
    const received = await ctx.invoke("open_review_package", {
      passphrase: ownUnlocked(keys) ? null : value(form, "passphrase"), trust: false });
    if (!received) return;
    if (received.outcome === "opened") return opened(received);
    const yes = h("form", { id: "trust-form", class: "actions" },
      h("button", { type: "submit", class: "primary", id: "trust-sender", text: t("reviews.trust", { name: received.sender }) }),
      h("button", { type: "button", id: "trust-cancel", text: t("common.cancel"), onclick: () => trust.replaceChildren() }));
    onSubmit(yes, t, async () => {
      const again = await ctx.invoke("open_review_package", { passphrase: null, trust: true });
      if (again && again.outcome === "opened") opened(again);
    });
    trust.replaceChildren(h("div", { class: "card confirm", role: "group", "aria-labelledby": "trust-heading" },
      h("h3", { id: "trust-heading", text: t("reviews.trust_heading", { name: received.sender }) }),
      h("p", { text: t("reviews.trust_what") }),
      h("p", { class: "fingerprint-large" }, fingerprintText(received.fingerprint)),
      h("p", { class: "hint", text: t("reviews.trust_hint") }),
      yes));
    ctx.focusOn(trust.querySelector("h3"));
  });
  const list = inbox.length === 0 ? h("p", { class: "muted", id: "inbox-empty", text: t("reviews.inbox_empty") })
    : h("ul", { class: "inbox", id: "inbox-list" }, inbox.map((p) => h("li", null,
      h("a", { href: `#/package?id=${p.package_id}`, text: t("reviews.inbox_item", { period: p.period, name: p.sender }) }),
      h("span", { class: "muted", text: ` — ${p.sent_at
        ? t("reviews.inbox_sent", { when: formatDateTime(p.sent_at, lang) })
        : t("reviews.inbox_received", { when: formatDateTime(p.received_at, lang) })}` }))));
  return h("section", { class: "card", "aria-labelledby": "inbox-heading" },
    h("h2", { id: "inbox-heading", text: t("reviews.inbox_heading") }), form, trust, list);
}

export async function renderReviews(ctx) {
  const { t } = ctx;
  const [keys, reviewers, inbox, periods] = await Promise.all([
    ctx.invoke("key_state"),
    ctx.invoke("reviewers"),
    ctx.invoke("inbox"),
    ctx.invoke("period_page", { id: null }).then((p) => p.periods),
  ]);
  return {
    title: t("reviews.heading"),
    nodes: [
      pageHeading(t("reviews.heading")),
      h("p", { class: "muted intro", text: t("reviews.intro") }),
      myKeySection(ctx, keys),
      reviewersSection(ctx, reviewers),
      h("section", { class: "card", "aria-labelledby": "send-heading" },
        h("h2", { id: "send-heading", text: t("reviews.send_heading") }),
        h("p", { class: "hint", text: t("reviews.send_hint") }),
        sendForm(ctx, { periods, reviewers, keys, onReviews: true })),
      applySection(ctx, keys),
      inboxSection(ctx, keys, inbox),
    ],
  };
}
