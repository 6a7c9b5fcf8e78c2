// reconcile(): the list ends as asked, and children already in place are
// never taken out (the engine would lay them out again).
import { test } from "node:test";
import assert from "node:assert/strict";
import { reconcile } from "../../ui/js/dom.js";

/** Just enough of a DOM parent for reconcile, counting every move. */
class FakeParent {
  constructor(names) {
    this.children = [];
    this.moves = [];
    for (const n of names) this.insertBefore(node(n), null);
    this.moves = [];
  }

  get childNodes() { return this.children; }

  get firstChild() { return this.children[0] || null; }

  insertBefore(child, ref) {
    if (child.parent) child.remove();
    const at = ref ? this.children.indexOf(ref) : this.children.length;
    this.children.splice(at, 0, child);
    child.parent = this;
    this.moves.push(child.name);
  }
}

function node(name) {
  return {
    name,
    parent: null,
    get nextSibling() {
      const list = this.parent.children;
      return list[list.indexOf(this) + 1] || null;
    },
    remove() {
      const list = this.parent.children;
      list.splice(list.indexOf(this), 1);
      this.parent.moves.push(`-${this.name}`);
      this.parent = null;
    },
  };
}

const names = (p) => p.children.map((c) => c.name);

test("one entry added at the top moves only it and drops the last", () => {
  const p = new FakeParent(["b", "c", "d"]);
  const [b, c] = p.children;
  reconcile(p, [node("a"), b, c]);
  assert.deepEqual(names(p), ["a", "b", "c"]);
  assert.deepEqual(p.moves, ["-d", "a"]);
});

test("any order asked for is the order given", () => {
  const p = new FakeParent(["a", "b", "c", "d"]);
  const [a, b, c, d] = p.children;
  const e = node("e");
  reconcile(p, [d, e, b, a]);
  assert.deepEqual(names(p), ["d", "e", "b", "a"]);
  reconcile(p, []);
  assert.deepEqual(names(p), []);
  reconcile(p, [c, a]);
  assert.deepEqual(names(p), ["c", "a"]);
});

test("the same list again moves nothing", () => {
  const p = new FakeParent(["a", "b", "c"]);
  reconcile(p, [...p.children]);
  assert.deepEqual(p.moves, []);
});
