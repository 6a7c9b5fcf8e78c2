#!/usr/bin/env bash
# Installs what is missing and runs every check: formatting, lints, the unit
# and integration tests of the core and the shell, the UI's unit tests, the
# real window under a virtual display (a start-up check, then the
# end-to-end suite through WebDriver with an axe-core accessibility audit),
# the .deb package (built, unpacked into a scratch root and run) and one
# pass of the benchmark driver on the sample tracker (a check that it runs,
# not a timing). Everything is built once, in the release profile: the
# binary the tests drive is the binary the package ships.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-debian.sh

echo "== cargo fmt"
cargo fmt --all -- --check

echo "== cargo clippy"
cargo clippy --locked --workspace --all-targets -- -D warnings

echo "== cargo test (release profile)"
cargo test --locked --workspace --release
export FOLLOWTHROUGH_BIN="$PWD/target/release/followthrough"

echo "== UI unit tests (node --test)"
npm ci --no-audit --no-fund --loglevel=error
node --test tests/ui/

echo "== window smoke test"
scripts/window-smoke.sh

echo "== end-to-end tests in the real window (WebDriver)"
if ! command -v tauri-driver >/dev/null 2>&1; then
  cargo install tauri-driver --version '^2' --locked
fi
PATH="$HOME/.cargo/bin:$PATH" xvfb-run -a -s "-screen 0 1400x1000x24" \
  node --test --test-concurrency=1 tests/e2e/

echo "== package (.deb)"
scripts/package.sh --no-build >/dev/null

echo "== benchmark driver (one pass on the sample tracker; timings are not checked)"
bench_data=$(mktemp -d)
target/release/followthrough-bench core --scale sample --data "$bench_data" --out "$bench_data/core.json"
rm -rf "$bench_data"
