#!/usr/bin/env python3
"""Open CSV files the way real spreadsheet programs do and report every cell
that came back as a formula or as something other than the text written.

Usage:
    python3 tests/spreadsheets/check_csv.py [--strict] [--keep DIR]
        [--timeout SECONDS] [--only gnumeric|libreoffice] FOLDER

Every *.csv in FOLDER (UTF-8, with or without a byte-order mark, RFC 4180)
is imported by
  * Gnumeric:    ssconvert, CSV importer Gnumeric_stf:stf_csvtab, saved as
                 Gnumeric XML (.gnumeric);
  * LibreOffice: soffice --headless, "Text - txt - csv (StarCalc)" filter
                 with token 13 "Evaluate formulas" = true (the risky
                 setting), saved as flat ODF (.fods), in a throw-away user
                 profile.
Both saved formats say per cell whether it holds a formula and what type its
value has, so no pip package is needed: only Python 3's standard library and
Debian's `gnumeric` and `libreoffice-calc` packages
(apt-get install -y --no-install-recommends gnumeric libreoffice-calc).
No network is used.

A cell FAILS when either program
  * stored it as a formula (the program would evaluate it), or
  * stored text different from the text written (a leading apostrophe may be
    dropped; control characters that XML cannot hold, NUL, and CR/CRLF vs LF
    are normalised first), or
  * stored a non-text value (number, date, boolean, error) for a cell written
    with a leading apostrophe, i.e. one that had been neutralised.
Other cells the program turned into numbers, dates, booleans or error
constants (for example ids, dates, "1e3", "TRUE", "#N/A") are literal
conversions, not computations; they are counted, listed with --verbose, and
only fail with --strict.

Exit status: 0 no failing cell, 1 failing cells, 2 a program is missing or a
conversion failed or timed out.
"""

import argparse
import csv
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

# "Text - txt - csv (StarCalc)" import tokens: 1 separator ",", 2 text
# delimiter '"', 3 charset UTF-8, 4 first line 1, 5 column formats (none, so
# Standard), 6 language (0: system), 7 quoted field as text = false, 8 detect
# special numbers = true, 9 and 10 (export options here) = false, 11 remove
# spaces = false, 12 sheet (export only), 13 evaluate formulas = true.
# LibreOffice 7.4 honours token 13: with false no cell became a formula; when
# the token is left out it evaluates, as with true.
LO_CSV_FILTER = "Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1,true"
GNUMERIC_IMPORTER = "Gnumeric_stf:stf_csvtab"

NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "gnm": "http://www.gnumeric.org/v10.dtd",
}


def q(prefix, name):
    return "{%s}%s" % (NS[prefix], name)


# Characters XML 1.0 forbids, raw or as character references; some writers
# emit them anyway. They are read as U+FFFD.
BAD_XML = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"
    "|&#(?:x0*(?:[0-8bcefBCEF]|1[0-9a-fA-F]|[fF]{3}[eEfF])"
    "|0*(?:[0-8]|1[1-24-9]|2[0-9]|3[01]|6553[45]));"
)


def parse_xml(data):
    return ET.fromstring(BAD_XML.sub("\ufffd", data.decode("utf-8", "replace")))


def odf_text(el):
    out = []

    def walk(e):
        if e.text:
            out.append(e.text)
        for ch in e:
            if ch.tag == q("text", "s"):
                out.append(" " * int(ch.get(q("text", "c"), "1")))
            elif ch.tag == q("text", "tab"):
                out.append("\t")
            elif ch.tag == q("text", "line-break"):
                out.append("\n")
            else:
                walk(ch)
            if ch.tail:
                out.append(ch.tail)

    walk(el)
    return "".join(out)


def read_fods(path):
    """{(row, col): (formula or None, value type, text)} of the first sheet."""
    with open(path, "rb") as f:
        root = parse_xml(f.read())
    sheet = root.find(".//" + q("table", "table"))
    cells = {}
    if sheet is None:
        return cells
    r = 0
    for row in sheet.iter(q("table", "table-row")):
        rrep = int(row.get(q("table", "number-rows-repeated"), "1"))
        c = 0
        for cell in row:
            if cell.tag not in (q("table", "table-cell"), q("table", "covered-table-cell")):
                continue
            crep = int(cell.get(q("table", "number-columns-repeated"), "1"))
            paras = cell.findall(q("text", "p"))
            formula = cell.get(q("table", "formula"))
            vtype = cell.get(q("office", "value-type"))
            if paras or formula or vtype:
                text = "\n".join(odf_text(p) for p in paras)
                for rr in range(rrep if rrep < 1000 else 1):
                    for k in range(crep):
                        cells[(r + rr, c + k)] = (formula, vtype or "string", text)
            c += crep
        r += rrep
    return cells


GNM_TYPES = {"10": "empty", "20": "boolean", "30": "int", "40": "float",
             "50": "error", "60": "string", "70": "range", "80": "array"}


def read_gnumeric(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    root = parse_xml(data)
    sheet = root.find(".//" + q("gnm", "Sheet"))
    cells = {}
    if sheet is None:
        return cells
    for cell in sheet.iter(q("gnm", "Cell")):
        r, c = int(cell.get("Row")), int(cell.get("Col"))
        vt = cell.get("ValueType")
        text = cell.text or ""
        if vt is None:  # an expression: "=..." or a shared one (ExprID)
            formula = text or "(shared expression %s)" % cell.get("ExprID")
            cells[(r, c)] = (formula, "formula", text)
        else:
            cells[(r, c)] = (None, GNM_TYPES.get(vt, vt), text)
    return cells


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    return {(r, c): v for r, row in enumerate(rows) for c, v in enumerate(row)}


LOSSY = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\ufffe\uffff]")


def normalise(s, nul):
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", nul)
    return LOSSY.sub("", s)


# Gnumeric reads NUL as a space; LibreOffice drops it.
NUL_AS = {"gnumeric": " ", "libreoffice": ""}


def classify(program, written, got):
    """None if fine, ('info', why) for a literal conversion, ('fail', why)."""
    if got is None:
        got = (None, "empty", "")
    formula, vtype, text = got
    if formula:
        return ("fail", "formula %r (shown as %r)" % (formula, text))
    w = normalise(written, NUL_AS[program])
    if vtype in ("string", "empty"):
        t = normalise(text, NUL_AS[program])
        if t == w or (w.startswith("'") and t == w[1:]):
            return None
        return ("fail", "text changed to %r" % text)
    if written.startswith("'"):
        return ("fail", "neutralised cell read as %s %r" % (vtype, text))
    return ("info", "read as %s %r" % (vtype, text))


def run(cmd, timeout, env=None):
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return "timed out after %ss" % timeout
    if p.returncode != 0:
        return "exit %s: %s" % (p.returncode, p.stderr.decode(errors="replace")[-500:])
    return None


def convert_gnumeric(src, out_dir, timeout):
    out = os.path.join(out_dir, os.path.basename(src)[:-4] + ".gnumeric")
    err = run(["ssconvert", "--import-type=" + GNUMERIC_IMPORTER,
               "--export-type=Gnumeric_XmlIO:sax", src, out], timeout)
    if err is None and not os.path.exists(out):
        err = "no output"
    return (None, err) if err else (read_gnumeric(out), None)


def convert_libreoffice(src, out_dir, timeout, profile, home):
    env = dict(os.environ, HOME=home)
    err = run(["soffice", "--headless", "--norestore", "--nologo", "--nodefault",
               "-env:UserInstallation=file://" + profile,
               "--infilter=" + LO_CSV_FILTER, "--convert-to", "fods",
               "--outdir", out_dir, src], timeout, env)
    out = os.path.join(out_dir, os.path.basename(src)[:-4] + ".fods")
    if err is None and not os.path.exists(out):
        err = "no output"
    return (None, err) if err else (read_fods(out), None)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", help="folder holding the *.csv files")
    ap.add_argument("--timeout", type=float, default=120, help="seconds per conversion (120)")
    ap.add_argument("--only", choices=["gnumeric", "libreoffice"], help="run one program only")
    ap.add_argument("--strict", action="store_true",
                    help="also fail on cells read as numbers, dates, booleans or errors")
    ap.add_argument("--verbose", action="store_true", help="also list those cells")
    ap.add_argument("--keep", metavar="DIR", help="keep the converted files in DIR")
    args = ap.parse_args()

    files = sorted(os.path.join(args.folder, f) for f in os.listdir(args.folder)
                   if f.lower().endswith(".csv"))
    if not files:
        print("no .csv files in %s" % args.folder, file=sys.stderr)
        return 2
    programs = [args.only] if args.only else ["gnumeric", "libreoffice"]
    for prog, exe in (("gnumeric", "ssconvert"), ("libreoffice", "soffice")):
        if prog in programs and shutil.which(exe) is None:
            print("%s not found (apt-get install -y --no-install-recommends %s)"
                  % (exe, "gnumeric" if prog == "gnumeric" else "libreoffice-calc"), file=sys.stderr)
            return 2

    tmp = tempfile.mkdtemp(prefix="check_csv.")
    failures, infos, errors = [], [], []
    cells_checked = 0
    try:
        profile = os.path.join(tmp, "lo-profile")
        home = os.path.join(tmp, "home")
        os.makedirs(home)
        for src in files:
            # The copy gets a plain ASCII name so no program trips over the path.
            name = os.path.basename(src)
            work = os.path.join(tmp, "in")
            os.makedirs(work, exist_ok=True)
            local = os.path.join(work, "%04d.csv" % files.index(src))
            shutil.copyfile(src, local)
            written = read_csv(src)
            cells_checked += len(written)
            for prog in programs:
                out_dir = os.path.join(tmp, prog)
                os.makedirs(out_dir, exist_ok=True)
                if prog == "gnumeric":
                    got, err = convert_gnumeric(local, out_dir, args.timeout)
                else:
                    got, err = convert_libreoffice(local, out_dir, args.timeout, profile, home)
                if err:
                    errors.append("%s: %s: %s" % (name, prog, err))
                    continue
                for (r, c) in sorted(set(written) | set(got)):
                    w = written.get((r, c))
                    if w is None:
                        g = got[(r, c)]
                        if g[0] or g[2]:
                            failures.append((name, r, c, prog, "", "cell not in the CSV: %r" % (g,)))
                        continue
                    verdict = classify(prog, w, got.get((r, c)))
                    if verdict is None:
                        continue
                    kind, why = verdict
                    if kind == "info" and not args.strict:
                        infos.append((name, r, c, prog, w, why))
                    else:
                        failures.append((name, r, c, prog, w, why))
        if args.keep:
            os.makedirs(args.keep, exist_ok=True)
            for prog in programs:
                d = os.path.join(tmp, prog)
                if os.path.isdir(d):
                    shutil.copytree(d, os.path.join(args.keep, prog), dirs_exist_ok=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    def cell(r, c):
        col, n = "", c + 1
        while n:
            n, k = divmod(n - 1, 26)
            col = chr(65 + k) + col
        return "%s%d" % (col, r + 1)

    for name, r, c, prog, w, why in failures:
        print("FAIL %s!%s %s: written %r -> %s" % (name, cell(r, c), prog, w, why))
    if args.verbose:
        for name, r, c, prog, w, why in infos:
            print("note %s!%s %s: written %r -> %s" % (name, cell(r, c), prog, w, why))
    for e in errors:
        print("ERROR %s" % e, file=sys.stderr)
    n_formula = sum(1 for f in failures if f[5].startswith("formula"))
    print("%d file(s), %d cell(s), programs: %s; %d failing (%d formula), "
          "%d literal conversion(s) to number/date/boolean/error%s; %d conversion error(s)"
          % (len(files), cells_checked, ", ".join(programs), len(failures), n_formula,
             len(infos), "" if args.verbose else " (--verbose lists them)", len(errors)))
    if errors:
        return 2
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
