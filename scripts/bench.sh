#!/usr/bin/env bash
# Measures Followthrough in one run and writes docs/PERFORMANCE.md:
#   - the core's operations on the sample tracker and on generated trackers
#     at 1x, 10x and 100x, next to SQLite's own durable commit and read;
#   - the peak memory of each command on a tracker whose period holds
#     5,200 notes of 20,000 characters;
#   - the window's start-up and memory next to a bare Tauri window built in
#     the same run (bench/bare-window/);
#   - interactions in the real window on the 1x tracker;
#   - the .deb package next to the bare window's;
#   - a trial of the release profile with link-time optimisation and one
#     codegen unit (FOLLOWTHROUGH_BENCH_PROFILE_TRIAL=0 skips it: it is a
#     full build of its own, about half an hour on two cores).
# Takes about an hour on two cores the first time (release builds and the
# 100x tracker); generated trackers are kept in target/bench/data.
# FOLLOWTHROUGH_BENCH_SCALES="sample 1" measures fewer sizes.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-debian.sh
out=target/bench
mkdir -p "$out/data"
scales=${FOLLOWTHROUGH_BENCH_SCALES:-"sample 1 10 100"}

echo "== release builds: the app, the benchmark driver and the bare window"
# Built as the test suite builds them (the same features, so the same
# artifacts: nothing is compiled twice after scripts/test.sh).
cargo test --locked --workspace --release --no-run
cp Cargo.lock bench/bare-window/Cargo.lock
CARGO_TARGET_DIR="$PWD/target" cargo build --release --manifest-path bench/bare-window/Cargo.toml

python3 - "$out/machine.json" <<'PY'
import json, os, platform, subprocess, sys, datetime
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
mem = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
osname = next((l.split("=", 1)[1].strip().strip('"') for l in open("/etc/os-release") if l.startswith("PRETTY_NAME")), "")
json.dump({"date": datetime.date.today().isoformat(), "cpu": cpu, "cores": os.cpu_count(),
           "memory": f"{mem / 1048576:.0f} GiB", "os": osname}, open(sys.argv[1], "w"))
PY

echo "== core operations"
for scale in $scales; do
  echo "-- $scale"
  target/release/followthrough-bench core --scale "$scale" --data "$out/data" --out "$out/core-$scale.json"
done

echo "== memory of each command on a period of very long notes"
python3 scripts/bench_memory.py --app target/release/followthrough --bench target/release/followthrough-bench \
  --data "$out/data" --out "$out/memory.json"

echo "== window start-up and memory"
xvfb-run -a -s "-screen 0 1280x900x24" python3 scripts/bench_window.py \
  --app target/release/followthrough --bare target/release/bare-window \
  --data "$out/data" --scales "$scales" --out "$out/window.json"

echo "== interactions in the window (1x tracker)"
npm ci --no-audit --no-fund --loglevel=error
if ! command -v tauri-driver >/dev/null 2>&1; then
  cargo install tauri-driver --version '^2' --locked
fi
if [ ! -f "$out/data/tracker-1.sqlite3" ]; then
  target/release/followthrough-bench core --scale 1 --data "$out/data" --out "$out/core-1.json"
fi
PATH="$HOME/.cargo/bin:$PATH" FOLLOWTHROUGH_BIN="$PWD/target/release/followthrough" \
  xvfb-run -a -s "-screen 0 1400x1000x24" \
  node scripts/bench_interactions.mjs "$out/data/tracker-1.sqlite3" "$out/interactions.json"
# The same with WebKit's compositing off: under Xvfb compositing runs on
# software OpenGL (llvmpipe), which a laptop's GPU does in hardware; this
# run shows how much of each figure that costs. The targets are judged on
# the run above.
WEBKIT_DISABLE_COMPOSITING_MODE=1 PATH="$HOME/.cargo/bin:$PATH" FOLLOWTHROUGH_BIN="$PWD/target/release/followthrough" \
  xvfb-run -a -s "-screen 0 1400x1000x24" \
  node scripts/bench_interactions.mjs "$out/data/tracker-1.sqlite3" "$out/interactions-no-compositing.json"

echo "== packages"
scripts/package.sh
(cd bench/bare-window && CARGO_TARGET_DIR="$PWD/../../target" ../../node_modules/.bin/tauri build --bundles deb >/dev/null)
python3 - "$out/packages.json" <<'PY'
import glob, json, os, subprocess, sys
def describe(pattern, binary):
    deb = sorted(glob.glob(pattern), key=os.path.getmtime)[-1]
    installed = int(subprocess.check_output(["dpkg-deb", "-f", deb, "Installed-Size"]).strip())
    return {"deb": deb, "deb_bytes": os.path.getsize(deb), "installed_kib": installed,
            "binary_bytes": os.path.getsize(binary)}
json.dump({"app": describe("target/release/bundle/deb/Followthrough_*.deb", "target/release/followthrough"),
           "bare": describe("target/release/bundle/deb/bare-window_*.deb", "target/release/bare-window")},
          open(sys.argv[1], "w"), indent=2)
PY

echo "== release profile trial: link-time optimisation, one codegen unit"
# Built apart (its own target folder, from nothing) with the two settings
# on, then measured as the release build is: the core on the sample and 1x
# trackers, and start-up. The report sets the figures side by side.
if [ "${FOLLOWTHROUGH_BENCH_PROFILE_TRIAL:-1}" = 1 ]; then
  started=$(date +%s)
  CARGO_PROFILE_RELEASE_LTO=fat CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
    cargo build --locked --release -p followthrough -p followthrough-bench --target-dir target/profile-trial
  echo "{\"build_seconds\": $(( $(date +%s) - started )), \"binary_bytes\": $(stat -c %s target/profile-trial/release/followthrough)}" \
    > "$out/profile-trial.json"
  for scale in sample 1; do
    target/profile-trial/release/followthrough-bench core --scale "$scale" --data "$out/data" --out "$out/core-$scale-trial.json"
  done
  xvfb-run -a -s "-screen 0 1280x900x24" python3 scripts/bench_window.py \
    --app target/profile-trial/release/followthrough --bare target/release/bare-window \
    --data "$out/data" --scales "sample 1" --out "$out/window-trial.json"
fi

python3 scripts/bench_report.py "$out" > docs/PERFORMANCE.md
echo "== wrote docs/PERFORMANCE.md"
