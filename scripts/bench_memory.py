#!/usr/bin/env python3
"""Peak memory of each operation of the command line on a tracker whose open
reporting period holds 5,200 evidence notes of 20,000 characters (about 100 MB
of text), written to a JSON report for scripts/bench_report.py.

Usage: bench_memory.py --app BIN --bench BENCH_BIN --data DIR --out FILE

The tracker is generated once (followthrough-bench long-notes) and kept in
DIR. Each operation runs as its own process on a fresh copy of it; its peak
resident memory is the kernel's own figure for that process (ru_maxrss from
wait4), and its time is wall-clock time.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


def run(cmd, env):
    """Runs cmd; returns (exit status, peak RSS in KiB, seconds, stderr)."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_maxrss, time.monotonic() - started, err


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--app", required=True)
    p.add_argument("--bench", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--out", required=True)
    a = p.parse_args()

    tracker = os.path.join(a.data, "long-notes.sqlite3")
    if not os.path.exists(tracker):
        partial = tracker + ".partial"
        for f in (partial, partial + "-wal", partial + "-shm"):
            if os.path.exists(f):
                os.remove(f)
        subprocess.run([a.bench, "long-notes", "--out", partial], check=True)
        os.rename(partial, tracker)

    work = tempfile.mkdtemp(prefix="followthrough-memory-")
    env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(work, "config"),
               XDG_DATA_HOME=os.path.join(work, "data"))
    env.pop("FOLLOWTHROUGH_DB", None)
    results = []
    try:
        def fresh():
            d = tempfile.mkdtemp(dir=work)
            copy = os.path.join(d, "tracker.sqlite3")
            shutil.copy(tracker, copy)
            return d, copy

        operations = [
            ("open and print the dashboard (status)", lambda d, db: ["status", "--db", db]),
            ("verify (integrity, structure, trail and record seals)", lambda d, db: ["verify", "--db", db]),
            ("briefing PDF of the period (draft)",
             lambda d, db: ["brief", "--out", os.path.join(d, "b.pdf"), "--db", db]),
            ("JSON export to a file",
             lambda d, db: ["export", "--format", "json", "--out", os.path.join(d, "e.json"), "--db", db]),
            ("CSV export", lambda d, db: ["export", "--format", "csv", "--out", os.path.join(d, "csv"), "--db", db]),
            ("backup", lambda d, db: ["backup", "--db", db]),
        ]
        for name, args in operations:
            d, db = fresh()
            status, kib, seconds, err = run([a.app] + args(d, db), env)
            if status != 0:
                sys.exit(f"{name} failed: {err}")
            results.append({"operation": name, "peak_rss_kib": kib, "seconds": round(seconds, 2)})
        # Import of the export into a new file.
        d, db = fresh()
        export = os.path.join(d, "e.json")
        status, _, _, err = run([a.app, "export", "--format", "json", "--out", export, "--db", db], env)
        if status != 0:
            sys.exit(f"export for import failed: {err}")
        target = os.path.join(d, "imported.sqlite3")
        status, kib, seconds, err = run([a.app, "import", export, "--db", target], env)
        if status != 0:
            sys.exit(f"import failed: {err}")
        results.append({"operation": "JSON import into a new file", "peak_rss_kib": kib, "seconds": round(seconds, 2)})
        text_bytes = 5200 * 20000
        json.dump({
            "notes": 5200,
            "note_chars": 20000,
            "file_bytes": os.path.getsize(tracker),
            "text_bytes": text_bytes,
            "operations": results,
        }, open(a.out, "w"), indent=2)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
