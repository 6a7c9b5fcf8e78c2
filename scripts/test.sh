#!/usr/bin/env bash
# Installs what is missing and runs every check: formatting, lints, the unit
# and integration tests of the core and the shell, and the real window under
# a virtual display. Everything shares the dev build profile, built once.
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
node --test tests/ui/

echo "== window smoke test"
scripts/window-smoke.sh
