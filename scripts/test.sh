#!/usr/bin/env bash
# Installs what is missing and runs every check: formatting, lints, the unit
# and integration tests of the core and the shell, the UI's unit tests, and
# the real window under a virtual display (a start-up check, then the
# end-to-end suite through WebDriver with an axe-core accessibility audit).
# Everything shares the dev build profile, built once.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-debian.sh

echo "== cargo fmt"
cargo fmt --all -- --check

echo "== cargo clippy"
cargo clippy --locked --workspace --all-targets -- -D warnings

echo "== cargo test"
cargo test --locked --workspace

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
