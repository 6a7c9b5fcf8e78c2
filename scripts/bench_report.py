#!/usr/bin/env python3
"""Writes docs/PERFORMANCE.md from the JSON results scripts/bench.sh left in
a folder: core-<scale>.json (followthrough-bench core), window.json
(scripts/bench_window.py), interactions.json (scripts/bench_interactions.mjs),
packages.json and machine.json. Every figure in the report comes from that
one run; targets are checked here, in the report, never in a test."""

import json
import os
import sys

SCALES = ["sample", "1", "10", "100"]


def load(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def scale_label(s):
    return "sample" if s == "sample" else f"{s}×"


def ms(v):
    if v is None:
        return "—"
    if v >= 100:
        return f"{v:.0f} ms"
    if v >= 10:
        return f"{v:.1f} ms"
    if v >= 1:
        return f"{v:.2f} ms"
    return f"{v * 1000:.0f} µs"


def mib(b):
    return f"{b / 1048576:.1f} MiB"


def timing(core, scale, name):
    report = core.get(scale)
    if not report:
        return None
    for t in report["timings"]:
        if t["name"] == name:
            return t
    return None


def verdict(ok):
    return "met" if ok else "**not met**"


def main():
    folder = sys.argv[1]
    core = {s: load(folder, f"core-{s}.json") for s in SCALES}
    core = {s: r for s, r in core.items() if r}
    window = load(folder, "window.json") or []
    interactions = load(folder, "interactions.json") or []
    plain = {r["name"]: r for r in (load(folder, "interactions-no-compositing.json") or [])}
    packages = load(folder, "packages.json") or {}
    memory = load(folder, "memory.json") or {}
    machine = load(folder, "machine.json") or {}
    out = []
    w = out.append

    w("# Performance\n")
    w("Measured by `scripts/bench.sh` in one run on "
      f"{machine.get('date', 'an unknown date')}, on {machine.get('cpu', 'an unknown CPU')} "
      f"({machine.get('cores', '?')} cores, {machine.get('memory', '?')} of memory), "
      f"{machine.get('os', '')}. Everything below comes from that run; "
      "the script rewrites this file. Times are medians and 95th percentiles over repeated runs "
      "after a warm-up, measured in release builds. The machine is shared, so single figures "
      "move by tens of percent between runs; the baselines measured in the same run "
      "(SQLite's own durable commit and primary-key read, a bare Tauri window) are what the "
      "ratios are taken against.\n")

    # ------------------------------------------------------------ targets
    w("## Targets\n")
    w("| target | measured | |")
    w("| --- | --- | --- |")
    targets = []

    def target(what, value, limit, shown):
        if value is None:
            targets.append((what, "not measured", "**not measured**"))
        else:
            targets.append((what, shown, verdict(value <= limit)))

    big = "100" if "100" in core else None
    if big:
        t = timing(core, big, "dashboard")
        target("Dashboard query ≤ 5 ms at 100×", t and t["p95_ms"], 5, t and f"p95 {ms(t['p95_ms'])}")
        t = timing(core, big, "recommendation page")
        target("Recommendation page ≤ 10 ms at 100×", t and t["p95_ms"], 10, t and f"p95 {ms(t['p95_ms'])}")
        worst = None
        for name in ("search evidence: common word", "search evidence: rare phrase"):
            t = timing(core, big, name)
            if t and (worst is None or t["p95_ms"] > worst["p95_ms"]):
                worst = t
        target("Search ≤ 50 ms at 100×", worst and worst["p95_ms"], 50,
               worst and f"p95 {ms(worst['p95_ms'])} ({worst['name'].split(': ')[1]})")
        t = timing(core, big, "briefing PDF (warm)")
        target("Briefing PDF ≤ 1 s at 100×", t and t["p95_ms"], 1000, t and f"p95 {ms(t['p95_ms'])}")
    for s in ["1", "sample"]:
        save = timing(core, s, "durable save of an evidence note")
        raw = timing(core, s, "baseline: raw INSERT commit (synchronous=FULL)")
        if save and raw:
            ratio = save["median_ms"] / raw["median_ms"]
            target(f"Durable save ≤ 2× the raw commit ({scale_label(s)})", ratio, 2,
                   f"{ratio:.2f}× ({ms(save['median_ms'])} against {ms(raw['median_ms'])})")
            break
    t = timing(core, "sample", "briefing PDF (warm)")
    target("Briefing PDF ≤ 300 ms for the sample tracker (warm)", t and t["p95_ms"], 300,
           t and f"p95 {ms(t['p95_ms'])}")
    bare = next((r for r in window if r["name"] == "bare Tauri window"), None)
    app = next((r for r in window if r["name"] == "Followthrough, 1x tracker"), None) \
        or next((r for r in window if r["name"] == "Followthrough, sample tracker"), None)
    if bare and app:
        ratio = app["start_ms"]["median"] / bare["start_ms"]["median"]
        target("Cold start to painted dashboard ≤ 1.3× the bare window", ratio, 1.3,
               f"{ratio:.2f}× ({ms(app['start_ms']['median'])} against {ms(bare['start_ms']['median'])}, {app['name'].split(', ')[1]})")
        ratio = app["pss_mib"]["median"] / bare["pss_mib"]["median"]
        target("Memory ≤ 1.3× the bare window (PSS)", ratio, 1.3,
               f"{ratio:.2f}× ({app['pss_mib']['median']:.0f} MiB against {bare['pss_mib']['median']:.0f} MiB)")
    if interactions:
        worst = max(interactions, key=lambda r: r["p95_ms"])
        target("Every UI interaction ≤ 100 ms on the 1× tracker", worst["p95_ms"], 100,
               f"slowest p95 {ms(worst['p95_ms'])} ({worst['name']})")
    if memory:
        ops = {o["operation"]: o for o in memory["operations"]}
        brief = next((o for n, o in ops.items() if n.startswith("briefing")), None)
        target("Briefing of a period of 100 MB of notes ≤ 512 MiB peak memory",
               brief and brief["peak_rss_kib"] / 1024, 512,
               brief and f"{brief['peak_rss_kib'] / 1024:.0f} MiB")
        worst = max(memory["operations"], key=lambda o: o["peak_rss_kib"])
        target("Every command on that tracker ≤ 1 GiB peak memory", worst["peak_rss_kib"] / 1024, 1024,
               f"largest {worst['peak_rss_kib'] / 1024:.0f} MiB ({worst['operation']})")
    for what, shown, v in targets:
        w(f"| {what} | {shown} | {v} |")
    w("")

    # ------------------------------------------------------------- core
    if core:
        w("## Core operations\n")
        w("`followthrough-bench core` (source in `src-tauri/bench/`), on the sample tracker and on "
          "trackers generated at three sizes through the core's own API. Each cell is "
          "median / p95.\n")
        present = [s for s in SCALES if s in core]
        w("| tracker | " + " | ".join(scale_label(s) for s in present) + " |")
        w("| --- | " + " | ".join("---" for _ in present) + " |")
        w("| milestones | " + " | ".join(f"{core[s]['milestones']:,}" for s in present) + " |")
        w("| evidence notes | " + " | ".join(f"{core[s]['notes']:,}" for s in present) + " |")
        w("| reporting periods | " + " | ".join(f"{core[s]['periods']:,}" for s in present) + " |")
        w("| data file | " + " | ".join(mib(core[s]["file_bytes"]) for s in present) + " |")
        if all("briefing_pages" in core[s] for s in present):
            w("| current period's briefing (en) | " + " | ".join(
                f"{core[s]['briefing_pages']} pages, {core[s]['briefing_bytes'] / 1024:,.0f} KiB" for s in present) + " |")
        if all("package_bytes" in core[s] for s in present):
            w("| current period's review package | " + " | ".join(
                f"{core[s]['package_bytes'] / 1024:,.0f} KiB" for s in present) + " |")
            w("| its response (a decision on every report) | " + " | ".join(
                f"{core[s]['response_bytes'] / 1024:,.1f} KiB" for s in present) + " |")
        w("")
        names = [t["name"] for t in core[present[0]]["timings"]]
        growth = "1" in present and "100" in present
        w("| operation | " + " | ".join(scale_label(s) for s in present)
          + (" | 100× ÷ 1× |" if growth else " |"))
        w("| --- | " + " | ".join("---" for _ in present) + (" | --- |" if growth else " |"))
        for name in names:
            cells = []
            for s in present:
                t = timing(core, s, name)
                cells.append(f"{ms(t['median_ms'])} / {ms(t['p95_ms'])}" if t else "—")
            row = f"| {name} | " + " | ".join(cells)
            if growth:
                a, b = timing(core, "1", name), timing(core, "100", name)
                row += f" | {b['median_ms'] / a['median_ms']:.1f}×" if a and b and a["median_ms"] > 0 else " | —"
            w(row + " |")
        w("")

    # ----------------------------------------------------------- memory
    if memory:
        w("## Memory on a period of very long notes\n")
        w(f"`scripts/bench_memory.py`: a tracker whose open period holds {memory['notes']:,} evidence "
          f"notes of {memory['note_chars']:,} characters ({memory['text_bytes'] / 1e6:.0f} MB of text, "
          f"a {mib(memory['file_bytes'])} data file, its audit trail holding the text again), generated "
          "by `followthrough-bench long-notes`. Each command runs as its own process on a fresh copy; "
          "the figure is the kernel's peak resident memory for that process.\n")
        w("| command | peak memory | time |")
        w("| --- | --- | --- |")
        for o in memory["operations"]:
            w(f"| {o['operation']} | {o['peak_rss_kib'] / 1024:.0f} MiB | {o['seconds']:.2f} s |")
        w("")

    # ----------------------------------------------------------- window
    if window:
        w("## Window: start-up and memory\n")
        w("`scripts/bench_window.py`, under Xvfb: the release binary started from a fresh copy of "
          "the data file until the page reports the dashboard painted with its data; then, three "
          "seconds later, the memory of the app with its WebKit processes. The bare window is the "
          "smallest Tauri 2 app (`bench/bare-window/`, one static page, built in the same run with "
          "the same Tauri and release settings), timed to its first paint the same way. Each program "
          "keeps its cache folder from run to run, as a user's is kept from day to day: it holds "
          "the shaders Mesa compiles for WebKit's first paint (software rendering here, so compiling "
          "them is slow). The first start with an empty cache, once per machine, is shown apart. "
          "Followthrough's daily backup starts five seconds in, after these figures.\n")
        w("| program | start-up median / p95 | first start, empty cache | PSS median | RSS median | start-up ÷ bare | PSS ÷ bare |")
        w("| --- | --- | --- | --- | --- | --- | --- |")
        for r in window:
            ratio_s = ratio_m = "—"
            if bare and r is not bare:
                ratio_s = f"{r['start_ms']['median'] / bare['start_ms']['median']:.2f}×"
                ratio_m = f"{r['pss_mib']['median'] / bare['pss_mib']['median']:.2f}×"
            w(f"| {r['name']} | {ms(r['start_ms']['median'])} / {ms(r['start_ms']['p95'])} | "
              f"{ms(r.get('first_start_ms'))} | "
              f"{r['pss_mib']['median']:.0f} MiB | {r['rss_mib']['median']:.0f} MiB | {ratio_s} | {ratio_m} |")
        w("")

    if interactions:
        w("## Interactions in the window (1× tracker)\n")
        w("`scripts/bench_interactions.mjs` drives the real window through WebDriver and times, "
          "inside the page, from the user's action to the second animation frame after its result "
          "is in the page (the result painted). The last two columns are the same run with WebKit's "
          "compositing off (`WEBKIT_DISABLE_COMPOSITING_MODE=1`): under Xvfb, compositing runs on "
          "software OpenGL (llvmpipe), work a laptop's GPU does in hardware. The target is judged on "
          "the first two.\n")
        w("| interaction | median | p95 | runs | median, compositing off | p95, compositing off |")
        w("| --- | --- | --- | --- | --- | --- |")
        for r in interactions:
            p = plain.get(r["name"])
            off = f"{ms(p['median_ms'])} | {ms(p['p95_ms'])}" if p else "— | —"
            w(f"| {r['name']} | {ms(r['median_ms'])} | {ms(r['p95_ms'])} | {r['samples']} | {off} |")
        w("")

    if packages:
        w("## Package\n")
        w("The `.deb` built by the Tauri CLI (`npx tauri build --bundles deb`), beside the bare "
          "window's built the same way.\n")
        w("| package | .deb | installed size | binary |")
        w("| --- | --- | --- | --- |")
        for key, label in (("app", "Followthrough"), ("bare", "bare Tauri window")):
            p = packages.get(key)
            if p:
                w(f"| {label} | {mib(p['deb_bytes'])} | {p['installed_kib'] / 1024:.1f} MiB | {mib(p['binary_bytes'])} |")
        w("")

    trial = load(folder, "profile-trial.json")
    if trial:
        w("## Release profile trial: link-time optimisation and one codegen unit\n")
        w("The release profile ships with `strip = true` only. The same sources built in the same run "
          "with `lto = \"fat\"` and `codegen-units = 1` (environment overrides, in a target folder of "
          f"their own, from nothing: {trial['build_seconds'] / 60:.0f} minutes on these two cores) and "
          "measured the same way:\n")
        w("| | release as shipped | with LTO, one codegen unit | ratio |")
        w("| --- | --- | --- | --- |")
        shipped = (packages.get("app") or {}).get("binary_bytes")
        if shipped:
            w(f"| binary size | {mib(shipped)} | {mib(trial['binary_bytes'])} | {trial['binary_bytes'] / shipped:.2f}× |")
        for scale in ("sample", "1"):
            base = {t["name"]: t for t in (load(folder, f"core-{scale}.json") or {}).get("timings", [])}
            tried = {t["name"]: t for t in (load(folder, f"core-{scale}-trial.json") or {}).get("timings", [])}
            label = "sample" if scale == "sample" else "1×"
            for name, t in base.items():
                # The operations a user waits for; the baselines and the
                # "before" shapes are SQLite's and history's, not ours.
                if name in tried and not name.startswith("baseline") and "before" not in name:
                    a, b = t["median_ms"], tried[name]["median_ms"]
                    w(f"| {name} ({label}, median) | {ms(a)} | {ms(b)} | {b / a:.2f}× |")
        win_base = {r["name"]: r for r in (window or [])}
        for r in load(folder, "window-trial.json") or []:
            if r["name"] in win_base and not r["name"].startswith("bare"):
                a, b = win_base[r["name"]]["start_ms"]["median"], r["start_ms"]["median"]
                w(f"| start-up, {r['name'].split(', ')[1]} (median) | {ms(a)} | {ms(b)} | {b / a:.2f}× |")
        w("")

    notes = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "performance-notes.md")
    if os.path.exists(notes):
        with open(notes) as f:
            w(f.read().rstrip() + "\n")
    print("\n".join(out))


if __name__ == "__main__":
    main()
