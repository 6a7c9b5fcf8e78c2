// Building DOM without HTML strings: every value becomes a text node or an
// attribute value, so user text can never turn into markup.

/**
 * Creates an element. `props` sets `class`, `text`, event handlers (`onclick`
 * …), `dataset`, and any other attribute; false, null and undefined are
 * skipped, true sets an empty attribute. Children may be nodes, strings
 * (inserted as text) or arrays of them.
 */
export function h(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = String(value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else if (key === "value") setInitialValue(node, value);
    else if (key === "checked") node.defaultChecked = Boolean(value);
    else if (key === "selected") node.defaultSelected = Boolean(value);
    else if (value === true) node.setAttribute(key, "");
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/**
 * A control's value as drawn, which is not the user's: it is the control's
 * default (the `value` attribute, a text area's text), so that what the
 * user changed is exactly what differs from the default. A select's value
 * is drawn by marking its option (`selected`).
 */
function setInitialValue(node, value) {
  if ("defaultValue" in node) node.defaultValue = String(value);
  else node.value = String(value);
}

/** Replaces the children of `parent`. */
export function replace(parent, ...children) {
  parent.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
}

/**
 * Makes `nodes` the children of `parent`, in order, moving as little as it
 * can: children already in place stay attached. A node taken out and put
 * back is laid out again by the engine, so a list that gained one entry at
 * its top should cost one entry, not the whole list.
 */
export function reconcile(parent, nodes) {
  const wanted = new Set(nodes);
  for (const child of [...parent.childNodes]) {
    if (!wanted.has(child)) child.remove();
  }
  let next = parent.firstChild;
  for (const node of nodes) {
    if (node === next) next = next.nextSibling;
    else parent.insertBefore(node, next);
  }
}

/**
 * Gives each body cell of the grid tables in `root` its column's heading
 * (`data-label`), which a narrow window shows above the value when the
 * table is drawn as a card per row (style.css), and states each part's
 * table role: WebKit stops telling screen readers a table is one once its
 * parts are laid out as blocks.
 */
export function labelTableCells(root) {
  for (const table of root.querySelectorAll("table.grid")) {
    table.setAttribute("role", "table");
    for (const group of table.querySelectorAll("thead, tbody")) group.setAttribute("role", "rowgroup");
    const heads = [...table.querySelectorAll("thead th")].map((th) => {
      th.setAttribute("role", "columnheader");
      return th.textContent;
    });
    for (const row of table.querySelectorAll("thead tr, tbody tr")) row.setAttribute("role", "row");
    for (const row of table.querySelectorAll("tbody tr")) {
      [...row.cells].forEach((cell, i) => {
        cell.setAttribute("role", cell.tagName === "TH" ? "rowheader" : "cell");
        if (heads[i] && row.cells.length > 1) cell.dataset.label = heads[i];
      });
    }
  }
}
