#!/usr/bin/python3
"""Prints, as JSON, the accessibility tree a screen reader reads of
Followthrough's window (AT-SPI, through pyatspi): each node's role, name,
states that matter (expanded, expandable, focusable), heading level and
children, from the web document down.

Usage: tree.py [--app NAME] [--timeout SECONDS]

Run on the same D-Bus session (and accessibility bus) as the window.
Exits 2 with a message when the window's tree cannot be found.
"""

import argparse
import json
import sys
import time

import pyatspi

KEPT_STATES = {
    pyatspi.STATE_EXPANDABLE: "expandable",
    pyatspi.STATE_EXPANDED: "expanded",
    pyatspi.STATE_FOCUSABLE: "focusable",
    pyatspi.STATE_SHOWING: "showing",
}


def node(acc, depth):
    states = acc.getState()
    out = {
        "role": acc.getRoleName(),
        "name": acc.name or "",
        "states": [word for state, word in KEPT_STATES.items() if states.contains(state)],
    }
    try:
        attrs = dict(a.split(":", 1) for a in acc.getAttributes() if ":" in a)
    except Exception:  # noqa: BLE001 - some nodes have no attributes
        attrs = {}
    if "level" in attrs:
        out["level"] = attrs["level"]
    if "tag" in attrs:
        out["tag"] = attrs["tag"]
    if depth < 60 and acc.childCount:
        out["children"] = [node(c, depth + 1) for c in acc if c is not None]
    return out


def find_document(acc, depth=0):
    if acc is None or depth > 40:
        return None
    if acc.getRoleName() in ("document web", "document frame"):
        return acc
    for child in acc:
        found = find_document(child, depth + 1)
        if found is not None:
            return found
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", default="followthrough")
    parser.add_argument("--timeout", type=float, default=20.0)
    args = parser.parse_args()
    until = time.monotonic() + args.timeout
    seen = []
    while time.monotonic() < until:
        desktop = pyatspi.Registry.getDesktop(0)
        seen = [a.name for a in desktop if a is not None]
        for app in desktop:
            if app is not None and app.name.lower() == args.app:
                document = find_document(app)
                if document is not None:
                    json.dump(node(document, 0), sys.stdout)
                    return 0
        time.sleep(0.5)
    print(f"no accessible window named {args.app!r} (applications seen: {seen})", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
