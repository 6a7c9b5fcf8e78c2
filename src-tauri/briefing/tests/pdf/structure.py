"""Reads a PDF's tagged structure back and prints it as JSON, for the
briefing's structure tests (src-tauri/briefing/tests/structure.rs).

Run with Debian's Python, where python3-pikepdf is installed:
    /usr/bin/python3 structure.py FILE.pdf

Prints {"lang", "marked", "artifacts", "actual_texts", "elements"}:
- marked: each marked-content sequence that carries an MCID, in reading
  order: its page, MCID, language (the nearest /Lang of the sequences it is
  in, or null) and text;
- artifacts: the text of page 1 marked as an artifact (page furniture);
- actual_texts: every /ActualText of a marked-content sequence, the text a
  glyph stands for when it is not the glyph's own;
- elements: every structure element, depth first: its type, its parent's
  type and index in this list,
  its /Lang, the /Scope of a table header, /Alt, /ActualText and the text of
  all the content it holds.

Text is decoded through each font's /ToUnicode map; the checks compare
text with white space removed, since a PDF need not store spaces.
"""

import json
import re
import sys

import pikepdf


def hex_bytes(h):
    return bytes.fromhex(h)


def to_unicode_map(font):
    """The font's code-to-text map, from its /ToUnicode CMap."""
    mapping = {}
    tu = font.get("/ToUnicode")
    if tu is None:
        return mapping, 1
    two_bytes = font.get("/Subtype") == "/Type0"
    data = tu.read_bytes().decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            mapping[int(src, 16)] = hex_bytes(dst).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, rest in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)", block):
            lo, hi = int(lo, 16), int(hi, 16)
            if rest.startswith("["):
                for i, dst in enumerate(re.findall(r"<([0-9A-Fa-f]*)>", rest)):
                    mapping[lo + i] = hex_bytes(dst).decode("utf-16-be", "replace")
            else:
                start = hex_bytes(rest[1:-1])
                base = int.from_bytes(start, "big")
                width = len(start)
                for code in range(lo, hi + 1):
                    value = (base + code - lo).to_bytes(width, "big")
                    mapping[code] = value.decode("utf-16-be", "replace")
    return mapping, 2 if two_bytes else 1


def decode(raw, font_map):
    mapping, width = font_map
    out = []
    for i in range(0, len(raw) - width + 1, width):
        code = int.from_bytes(raw[i:i + width], "big")
        out.append(mapping.get(code, ""))
    return "".join(out)


def page_text(pdf, page_index, page, doc_lang):
    """The page's marked-content sequences with MCIDs, and its artifacts."""
    fonts = {}
    resources = page.obj.get("/Resources", pikepdf.Dictionary())
    for name, font in resources.get("/Font", pikepdf.Dictionary()).items():
        fonts[name] = to_unicode_map(font)
    properties = resources.get("/Properties", pikepdf.Dictionary())
    marked = []
    artifacts = []
    actual = []
    stack = []  # (tag, mcid, lang, artifact, replaced)
    font = None
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            tag = str(operands[0])
            props = operands[1] if op == "BDC" else pikepdf.Dictionary()
            if isinstance(props, pikepdf.Name):
                props = properties.get(str(props), pikepdf.Dictionary())
            mcid = int(props["/MCID"]) if "/MCID" in props else None
            lang = str(props["/Lang"]) if "/Lang" in props else None
            outer = stack[-1] if stack else (None, None, None, False, False)
            artifact = outer[3] or tag == "/Artifact"
            if lang is None:
                lang = outer[2]
            if mcid is not None and not artifact:
                marked.append({"page": page_index, "mcid": mcid, "lang": lang, "text": ""})
            # A sequence with /ActualText reads as that text, whatever its
            # glyphs are.
            replaced = outer[4]
            if "/ActualText" in props and not artifact:
                actual.append(str(props["/ActualText"]))
                add_text(marked, stack + [(tag, mcid, lang, artifact, False)], page_index, str(props["/ActualText"]))
                replaced = True
            stack.append((tag, mcid, lang, artifact, replaced))
        elif op == "EMC":
            if stack:
                stack.pop()
        elif op == "Tf":
            font = fonts.get(str(operands[0]), ({}, 1))
        elif op in ("Tj", "TJ", "'", '"'):
            parts = operands[-1]
            strings = [p for p in parts if isinstance(p, pikepdf.String)] if op == "TJ" else [parts]
            text = "".join(decode(bytes(s), font or ({}, 1)) for s in strings)
            if not stack:
                continue
            if stack[-1][3]:
                artifacts.append(text)
                continue
            if stack[-1][4]:
                continue
            add_text(marked, stack, page_index, text)
    return marked, artifacts, actual


def add_text(marked, stack, page_index, text):
    """Adds text to the innermost sequence of `stack` with an MCID."""
    for entry in reversed(stack):
        mcid = entry[1]
        if mcid is not None:
            for m in reversed(marked):
                if m["page"] == page_index and m["mcid"] == mcid:
                    m["text"] += text
                    return
            return


def main(path):
    pdf = pikepdf.open(path)
    root = pdf.Root
    doc_lang = str(root.get("/Lang", ""))
    page_of = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    marked, artifacts_page1, actual_texts = [], [], []
    for i, page in enumerate(pdf.pages):
        m, a, t = page_text(pdf, i, page, doc_lang)
        marked.extend(m)
        actual_texts.extend(t)
        if i == 0:
            artifacts_page1 = a
    text_of = {(m["page"], m["mcid"]): m["text"] for m in marked}

    elements = []

    def walk(e, parent, parent_index, page):
        if not isinstance(e, pikepdf.Dictionary) or "/S" not in e:
            return ""
        if "/Pg" in e:
            page = page_of.get(e["/Pg"].objgen, page)
        entry = {
            "type": str(e["/S"])[1:],
            "parent": parent,
            "parent_index": parent_index,
            "lang": str(e["/Lang"]) if "/Lang" in e else None,
            "alt": str(e["/Alt"]) if "/Alt" in e else None,
            "actual_text": str(e["/ActualText"]) if "/ActualText" in e else None,
            "scope": None,
            "text": "",
        }
        attrs = e.get("/A")
        for a in (attrs if isinstance(attrs, pikepdf.Array) else [attrs] if attrs is not None else []):
            if isinstance(a, pikepdf.Dictionary) and "/Scope" in a:
                entry["scope"] = str(a["/Scope"])[1:]
        index = len(elements)
        elements.append(entry)
        kids = e.get("/K")
        kids = kids if isinstance(kids, pikepdf.Array) else ([kids] if kids is not None else [])
        text = ""
        for k in kids:
            if isinstance(k, int):
                text += text_of.get((page, int(k)), "")
            elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
                p = page_of.get(k["/Pg"].objgen, page) if "/Pg" in k else page
                text += text_of.get((p, int(k["/MCID"])), "")
            else:
                text += walk(k, entry["type"], index, page)
        entry["text"] = text
        return text

    tree = root.StructTreeRoot
    kids = tree.get("/K")
    for k in kids if isinstance(kids, pikepdf.Array) else [kids]:
        walk(k, None, None, 0)
    json.dump({
        "lang": doc_lang,
        "marked": marked,
        "artifacts": "".join(artifacts_page1),
        "actual_texts": actual_texts,
        "elements": elements,
    }, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
