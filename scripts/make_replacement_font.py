#!/usr/bin/env python3
"""Makes src-tauri/briefing/fonts/FollowthroughReplacement-Regular.ttf: one
glyph, Noto Sans's replacement character (U+FFFD), mapped from every code
point (a format 13 cmap, many code points to one glyph).

The briefing lists this font last. A character no other shipped font can
draw (most emoji, scripts the program ships no font for) is then set as
this glyph instead of failing the PDF/UA export, and the PDF keeps the
character itself: the text the glyph stands for is written as /ActualText,
so copying, searching and screen readers get what the user typed.

Run once, with Debian's python3-fonttools, when Noto Sans changes:
    /usr/bin/python3 scripts/make_replacement_font.py
The font is Noto Sans, modified; SIL Open Font License 1.1 (fonts/OFL.txt).
"""

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

FONTS = Path(__file__).resolve().parent.parent / "src-tauri" / "briefing" / "fonts"
FAMILY = "Followthrough Replacement"


def main():
    font = TTFont(FONTS / "NotoSans-Regular.ttf")
    options = subset.Options()
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.layout_features = []
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[0xFFFD])
    subsetter.subset(font)

    glyph = font.getBestCmap()[0xFFFD]
    # Every code point but the surrogates, to the one glyph.
    table = CmapSubtable.newSubtable(13)
    table.platformID, table.platEncID, table.language = 3, 10, 0
    table.cmap = {}
    groups = [(0x20, 0xD7FF), (0xE000, 0x10FFFF)]
    for start, end in groups:
        for cp in range(start, end + 1):
            table.cmap[cp] = glyph
    font["cmap"].tables = [table]

    names = font["name"]
    names.names = [n for n in names.names if n.nameID not in (1, 2, 3, 4, 6, 16, 17)]
    for pid, eid, lang in ((3, 1, 0x409), (1, 0, 0)):
        names.setName(FAMILY, 1, pid, eid, lang)
        names.setName("Regular", 2, pid, eid, lang)
        names.setName(FAMILY + " Regular", 3, pid, eid, lang)
        names.setName(FAMILY, 4, pid, eid, lang)
        names.setName("FollowthroughReplacement-Regular", 6, pid, eid, lang)
    out = FONTS / "FollowthroughReplacement-Regular.ttf"
    font.save(out)
    print(f"wrote {out} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
