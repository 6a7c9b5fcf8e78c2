// Form fields that are labelled, tied to their error message, and keep what
// the user typed when a save fails.

import { h } from "./dom.js";
import { datePicker } from "./date_picker.js";
import { errorMessage } from "./i18n.js";

/**
 * A labelled control. `spec`: {form, name, label, type, value, options
 * ([value, text] pairs), rows, hint, required, autocomplete, ctx}. The
 * control's id is `<form>-<name>`, stable across re-renders so focus can
 * return to it. A date field has a calendar beside it (`ctx` gives its
 * words and language).
 */
export function field(spec) {
  const id = `${spec.form}-${spec.name}`;
  const errorId = `${id}-error`;
  const hintId = spec.hint ? `${id}-hint` : null;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ");
  const common = {
    id,
    name: spec.name,
    "aria-describedby": describedBy,
    required: spec.required || false,
    "aria-required": spec.required ? "true" : false,
    autocomplete: spec.autocomplete || false,
  };
  let control;
  let picker = null;
  if (spec.type === "select") {
    control = h("select", common,
      (spec.options || []).map(([value, text]) =>
        h("option", { value, selected: String(value) === String(spec.value ?? "") }, text)));
  } else if (spec.type === "textarea") {
    control = h("textarea", { ...common, rows: spec.rows || 3, value: spec.value ?? "" });
  } else if (spec.type === "date") {
    // Dates are typed as YYYY-MM-DD text: the same in every engine and
    // language, and a mistyped date reaches the core, which says what is
    // wrong, instead of being silently emptied by a date widget.
    control = h("input", { ...common, type: "text", inputmode: "numeric", maxlength: 10, size: 12, class: "date-input", value: spec.value ?? "" });
    picker = spec.ctx ? datePicker(control, spec.label, spec.ctx) : null;
  } else {
    control = h("input", { ...common, type: spec.type || "text", value: spec.value ?? "" });
  }
  const wrap = h("div", { class: `field field-${spec.name}` },
    h("label", { for: id, text: spec.label }),
    spec.hint ? h("p", { id: hintId, class: "hint", text: spec.hint }) : null,
    picker ? h("div", { class: "date-row" }, control, picker.button) : control,
    picker ? picker.dialog : null,
    h("p", { id: errorId, class: "field-error", hidden: true }));
  return { wrap, control, error: wrap.querySelector(".field-error") };
}

/** Clears every error shown in `form`. */
export function clearErrors(form) {
  for (const p of form.querySelectorAll(".field-error, .form-error")) {
    p.textContent = "";
    p.hidden = true;
  }
  for (const c of form.querySelectorAll("[aria-invalid]")) c.removeAttribute("aria-invalid");
}

/**
 * Shows a failed save: beside the field the core named, or at the top of the
 * form. Moves focus there. Nothing the user typed is touched. `errorKeys`
 * gives this form's own sentence for some codes (see `errorMessage`).
 */
export function showError(form, err, t, errorKeys) {
  const message = errorMessage(t, err, errorKeys);
  const control = err && err.field ? form.querySelector(`[name="${CSS.escape(err.field)}"]`) : null;
  if (control) {
    // Found in the form, which may not be on the page yet (a screen shows
    // an error of its route as it is built).
    const p = form.querySelector(`#${CSS.escape(control.id)}-error`);
    p.textContent = message;
    p.hidden = false;
    control.setAttribute("aria-invalid", "true");
    control.focus();
    return;
  }
  let p = form.querySelector(".form-error");
  if (!p) {
    p = h("p", { class: "form-error", role: "alert", tabindex: "-1" });
    form.prepend(p);
  }
  p.textContent = message;
  p.hidden = false;
  p.focus();
}

/**
 * Wires `form` so that submitting (or Ctrl+Enter in a text area) calls
 * `save()`; a failure is shown by `showError` (with `errorKeys`, if given),
 * and the submit button is disabled while saving so a double press saves
 * once.
 */
export function onSubmit(form, t, save, errorKeys) {
  nameLandmark(form);
  let busy = false;
  form.noValidate = true;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    const button = form.querySelector("button[type=submit]");
    // Whether the user was working in this form: only then does focus,
    // dropped by the disabled button, need a new home after the save.
    form.focusWasIn = form.contains(document.activeElement);
    if (button) button.disabled = true;
    clearErrors(form);
    // While saving, this form's values are not "unsaved work" to carry
    // over the re-render that follows a successful save.
    form.dataset.saving = "true";
    try {
      await save();
    } catch (err) {
      showError(form, err, t, errorKeys);
    } finally {
      delete form.dataset.saving;
      busy = false;
      if (button && button.isConnected) {
        button.disabled = false;
        // A disabled button drops focus to the page; if nothing took it
        // since, it comes back here rather than to the top of the page.
        if (form.focusWasIn && (document.activeElement === document.body || !document.activeElement)) button.focus();
      }
    }
  });
  form.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && event.target.tagName === "TEXTAREA") {
      event.preventDefault();
      form.requestSubmit();
    }
  });
}

/**
 * A form is a landmark a screen reader lists, so it needs a name: the
 * heading it holds (or names with `aria-labelledby`). A form without one
 * (a lone "Mark done" button) is no landmark: its controls carry their
 * own labels.
 */
export function nameLandmark(form) {
  if (form.hasAttribute("aria-label") || form.hasAttribute("aria-labelledby") || form.hasAttribute("role")) return;
  const heading = form.querySelector("h2, h3, h4, .panel-title");
  if (heading) {
    if (!heading.id) heading.id = `${form.id}-title`;
    form.setAttribute("aria-labelledby", heading.id);
  } else {
    form.setAttribute("role", "none");
  }
}

/** The value of the named control, or null when it is empty (for optional ids). */
export function value(form, name) {
  const c = form.elements.namedItem(name);
  return c ? c.value : "";
}

export function optionalId(form, name) {
  const v = value(form, name);
  return v === "" ? null : Number(v);
}
