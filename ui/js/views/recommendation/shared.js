// Pieces the sections of a recommendation's page share.

import { h } from "../../dom.js";

/** The name of the owner with `id`, or null. */
export function ownerName(page, id) {
  const o = page.owners.find((x) => x.id === id);
  return o ? o.name : null;
}

/** A card of the page, labelled by its heading `<id>-heading`. */
export function section(id, title, ...children) {
  return h("section", { class: "card", "aria-labelledby": `${id}-heading` },
    h("h2", { id: `${id}-heading`, text: title }), children);
}

/** "Show all …" / "Show only …": a link to this page with `param` set or not. */
export function scopeLink(page, param, on, text) {
  const id = page.recommendation.id;
  return h("a", { href: on ? `#/recommendation/${id}?${param}=all` : `#/recommendation/${id}`, text });
}
