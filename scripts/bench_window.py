#!/usr/bin/env python3
"""Times the window's start-up and weighs its memory, next to a bare Tauri
window, under the virtual display the caller provides (run it inside
xvfb-run).

Start-up is the time from starting the program to the page saying it has
painted (the dashboard with its data, for Followthrough; the static page,
for the bare window): each prints "ui-ready" on standard error when
FOLLOWTHROUGH_READY_MARK is set. Memory is read a few seconds later, when
the window has settled: the proportional set size (PSS, shared pages split
between the processes that share them) and the resident set size (RSS)
summed over the program and every process it started (WebKit's web and
network processes).

Each run starts from a fresh copy of the data file and empty preferences,
and is ended with SIGTERM. The cache folder (XDG_CACHE_HOME) is kept from
run to run of the same program, as a user's is from day to day: it holds
Mesa's compiled shaders, which WebKit's first paint needs. The warm-up run
fills it; a first start with an empty cache (once per machine) is timed
separately and reported as such.
Writes JSON to --out.
"""

import argparse
import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import tempfile
import time


def children(pid):
    """Every process descended from pid."""
    parents = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            parents.setdefault(int(fields[1]), []).append(int(entry))
        except OSError:
            continue
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(parents.get(p, []))
    return found


def memory_kib(pid):
    """(PSS, RSS) in KiB summed over pid and its descendants."""
    pss = rss = 0
    for p in children(pid):
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1])
                    elif line.startswith("Rss:"):
                        rss += int(line.split()[1])
        except OSError:
            continue
    return pss, rss


def one_run(command, env, settle, timeout=60):
    started = time.monotonic()
    proc = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    ready = None
    try:
        while True:
            line = proc.stderr.readline()
            if not line:
                raise RuntimeError(f"{command[0]} ended before it was ready")
            if "ui-ready" in line:
                ready = time.monotonic() - started
                break
            if time.monotonic() - started > timeout:
                raise RuntimeError(f"{command[0]} was not ready after {timeout} s")
        time.sleep(settle)
        pss, rss = memory_kib(proc.pid)
        return ready, pss, rss
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def summary(values):
    ordered = sorted(values)
    p95 = ordered[max(0, -(-len(ordered) * 95 // 100) - 1)]
    return {"median": statistics.median(ordered), "p95": p95, "min": ordered[0], "samples": len(ordered)}


@contextlib.contextmanager
def removed_after(folder):
    """Yields `folder`, then removes it, retrying for a few seconds while
    processes that outlived the window finish writing into it."""
    try:
        yield folder
    finally:
        for _ in range(40):
            shutil.rmtree(folder, ignore_errors=True)
            if not os.path.exists(folder):
                break
            time.sleep(0.25)


def measure(name, make_command, runs, settle):
    starts, pss, rss = [], [], []
    first = None
    with tempfile.TemporaryDirectory(prefix="followthrough-bench-cache-") as cache:
        # The first run starts with an empty cache (and pays for reading the
        # binary and WebKit from disk): it is the first start on a machine,
        # reported apart; every later run finds the cache as a user would.
        for i in range(runs + 1):
            # WebKit's helper processes can still be writing under the
            # home folder for a moment after the window ends, so it is
            # removed with patience rather than by TemporaryDirectory.
            with removed_after(tempfile.mkdtemp(prefix="followthrough-bench-")) as home:
                env = dict(os.environ)
                env.update({
                    "FOLLOWTHROUGH_READY_MARK": "1",
                    "XDG_CONFIG_HOME": os.path.join(home, "config"),
                    "XDG_DATA_HOME": os.path.join(home, "data"),
                    "XDG_CACHE_HOME": cache,
                    "HOME": home,
                })
                ready, p, r = one_run(make_command(home), env, settle)
            if i == 0:
                first = ready * 1000
                print(f"  {name}: first start, empty cache: ready in {first:.0f} ms", flush=True)
                continue
            starts.append(ready * 1000)
            pss.append(p / 1024)
            rss.append(r / 1024)
            print(f"  {name}: ready in {ready * 1000:.0f} ms, PSS {p / 1024:.0f} MiB, RSS {r / 1024:.0f} MiB", flush=True)
    return {"name": name, "first_start_ms": first, "start_ms": summary(starts),
            "pss_mib": summary(pss), "rss_mib": summary(rss)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--app", required=True)
    ap.add_argument("--bare", required=True)
    ap.add_argument("--data", required=True, help="folder of the benchmark trackers (tracker-<scale>.sqlite3)")
    ap.add_argument("--scales", default="sample 1 10 100")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--settle", type=float, default=3.0)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    results = [measure("bare Tauri window", lambda home: [args.bare], args.runs, args.settle)]
    for scale in args.scales.split():
        source = os.path.join(args.data, f"tracker-{scale}.sqlite3")

        def command(home, source=source):
            db = os.path.join(home, "tracker.sqlite3")
            shutil.copyfile(source, db)
            return [args.app, "--db", db]

        label = "sample tracker" if scale == "sample" else f"{scale}x tracker"
        results.append(measure(f"Followthrough, {label}", command, args.runs, args.settle))
    with open(args.out, "w") as f:
        json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
