#!/usr/bin/env bash
# Builds Followthrough's .deb with the Tauri CLI (pinned in package.json)
# from the release build, then checks it: unpacked into a scratch root with
# dpkg -x, the packaged program must print its version, and the package
# must carry the desktop entry, the icons and its declared dependencies.
# Prints the package's path. Install it with: sudo apt install ./<path>
#
#   scripts/package.sh              builds the release binary, then packages it
#   scripts/package.sh --no-build   packages target/release/followthrough as
#                                   it is (scripts/test.sh, after testing it)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" != "--no-build" ]; then
  # Built as the test suite builds it (the same features, so the same
  # artifacts: nothing is compiled twice after scripts/test.sh).
  cargo test --locked --workspace --release --no-run >&2
fi
[ -x target/release/followthrough ] || { echo "package: no release build to package" >&2; exit 1; }
if [ ! -x node_modules/.bin/tauri ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
# The binary already has the production configuration (tauri's
# custom-protocol feature is on in Cargo.toml): bundle it without building.
node_modules/.bin/tauri bundle --bundles deb >&2

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
deb=$(ls -t target/release/bundle/deb/Followthrough_"${version}"_*.deb | head -n 1)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
dpkg-deb -x "$deb" "$scratch"

fail() { echo "package: $*" >&2; exit 1; }
printed=$("$scratch/usr/bin/followthrough" --version) || fail "the packaged program does not run"
[ "$printed" = "followthrough $version" ] || fail "the packaged program printed '$printed'"
desktop="$scratch/usr/share/applications/Followthrough.desktop"
[ -f "$desktop" ] || fail "no desktop entry"
grep -q '^Exec=followthrough' "$desktop" || fail "the desktop entry does not start followthrough"
ls "$scratch"/usr/share/icons/hicolor/*/apps/followthrough.png >/dev/null 2>&1 || fail "no icons"
depends=$(dpkg-deb -f "$deb" Depends)
case "$depends" in
  *libwebkit2gtk-4.1-0*) ;;
  *) fail "the package does not declare WebKitGTK among its dependencies ($depends)" ;;
esac
echo "package: $deb runs ('$printed'), has its desktop entry and icons, depends on: $depends" >&2
echo "$deb"
