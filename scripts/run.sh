#!/usr/bin/env bash
# Installs what is missing, builds Followthrough and opens its window on the
# default data file (created and seeded with the report's eight
# recommendations on first start). Extra arguments go to the program, e.g.
#   scripts/run.sh --db /tmp/sample.sqlite3
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-debian.sh
cargo build --release --locked -p followthrough
exec target/release/followthrough "$@"
