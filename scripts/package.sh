#!/usr/bin/env bash
# Builds Followthrough's .deb with the Tauri CLI (pinned in package.json)
# from the release build, then checks it: unpacked into a scratch folder
# with dpkg-deb, the packaged program must print its version, and the
# package must carry the desktop entry, the icons (each the size its folder
# says) and its declared dependencies, which must include every one
# dpkg-shlibdeps computes for the packaged binary; then lintian (Debian's
# package checker, failing on errors and warnings), appstreamcli (the
# AppStream metainfo) and desktop-file-validate (the desktop entry) must
# find nothing.
# Prints the package's path. Install it with: sudo apt install ./<path>
#
#   scripts/package.sh              builds the release binary, then packages it
#   scripts/package.sh --no-build   packages target/release/followthrough as
#                                   it is (scripts/test.sh, after testing it)
#
# What goes into the package besides the binary, icons and desktop entry is
# listed in tauri.conf.json (bundle.linux.deb) and described in
# src-tauri/shell/package/README.md. Two of those files are made here,
# before bundling, into target/package/: the manual page, printed by the
# program itself (`followthrough manual`), and the compressed changelog.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "package: $*" >&2; exit 1; }

for tool in lintian appstreamcli desktop-file-validate dpkg-shlibdeps dpkg-parsechangelog; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is missing: run scripts/setup-debian.sh"
done

if [ "${1:-}" != "--no-build" ]; then
  # Built as the test suite builds it (the same features, so the same
  # artifacts: nothing is compiled twice after scripts/test.sh).
  cargo test --locked --workspace --release --no-run >&2
fi
bin=target/release/followthrough
[ -x "$bin" ] || fail "no release build to package"
if [ ! -x node_modules/.bin/tauri ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
# Each release has its entry in the changelog and in the AppStream metainfo.
changelog_version=$(dpkg-parsechangelog -l src-tauri/shell/package/changelog -S Version)
[ "$changelog_version" = "$version" ] \
  || fail "the newest entry of src-tauri/shell/package/changelog is $changelog_version, not $version"
grep -q "<release version=\"$version\"" src-tauri/shell/package/ca.followthrough.desktop.metainfo.xml \
  || fail "src-tauri/shell/package/ca.followthrough.desktop.metainfo.xml has no <release> for $version"

# Files tauri.conf.json's bundle.linux.deb.files takes from target/package/,
# compressed as Debian policy asks (gzip -9, -n: no name or time stamp, so
# the same input gives the same file).
generated=target/package
mkdir -p "$generated"
# The manual page: roff generated from the command line's definition.
"$bin" manual >"$generated/followthrough.1" \
  || fail "'$bin manual' failed: the program must print its manual page (roff) for the package"
grep -q '^\.TH ' "$generated/followthrough.1" \
  || fail "'$bin manual' did not print a roff manual page (no .TH line)"
gzip -9n <"$generated/followthrough.1" >"$generated/followthrough.1.gz"
# The Debian changelog of this native package.
gzip -9n <src-tauri/shell/package/changelog >"$generated/changelog.gz"

# The binary already has the production configuration (tauri's
# custom-protocol feature is on in Cargo.toml): bundle it without building.
node_modules/.bin/tauri bundle --bundles deb >&2

deb=$(ls -t target/release/bundle/deb/Followthrough_"${version}"_*.deb | head -n 1)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# Unpacked, control files in DEBIAN/ included, where Debian's tools expect a
# package's tree (debian/<package>): dpkg-shlibdeps below reads it there.
root="$scratch/debian/followthrough"
mkdir -p "$scratch/debian"
dpkg-deb -R "$deb" "$root"

printed=$("$root/usr/bin/followthrough" --version) || fail "the packaged program does not run"
[ "$printed" = "followthrough $version" ] || fail "the packaged program printed '$printed'"
desktop="$root/usr/share/applications/Followthrough.desktop"
[ -f "$desktop" ] || fail "no desktop entry"
grep -q '^Exec=followthrough' "$desktop" || fail "the desktop entry does not start followthrough"
ls "$root"/usr/share/icons/hicolor/*/apps/followthrough.png >/dev/null 2>&1 || fail "no icons"
# Each icon's pixels must fit its icon-theme folder (NxN, or NxN@S for N*S
# pixels): Tauri names a folder after the image's size, so an "@2x" image
# would land in a folder of twice its size.
for icon in "$root"/usr/share/icons/hicolor/*/apps/followthrough.png; do
  folder=$(basename "$(dirname "$(dirname "$icon")")")
  size=${folder%%x*}
  scale=1
  case "$folder" in *@*) scale=${folder##*@} ;; esac
  file -b "$icon" | grep -q "PNG image data, $((size * scale)) x $((size * scale))," \
    || fail "the icon in hicolor/$folder is not $((size * scale)) pixels square: $(file -b "$icon")"
done
depends=$(dpkg-deb -f "$deb" Depends)
case "$depends" in
  *libwebkit2gtk-4.1-0*) ;;
  *) fail "the package does not declare WebKitGTK among its dependencies ($depends)" ;;
esac

# The shared libraries' packages, as dpkg-shlibdeps computes them for the
# packaged binary (what a package built by Debian's own tools would
# declare), must each be declared with the same version constraint. Tauri
# does not compute them: they are listed in tauri.conf.json
# (bundle.linux.deb.depends), and this catches a list gone stale after a
# dependency or the build machine changed.
printf 'Source: followthrough\n\nPackage: followthrough\nArchitecture: any\n' \
  >"$scratch/debian/control"
shlibs=$(cd "$scratch" && dpkg-shlibdeps -O debian/followthrough/usr/bin/followthrough) \
  || fail "dpkg-shlibdeps could not compute the binary's library dependencies (above)"
shlibs=${shlibs#shlibs:Depends=}
IFS=',' read -ra needed <<<"$shlibs"
for dep in "${needed[@]}"; do
  dep=$(echo "$dep" | sed 's/^ *//; s/ *$//')
  case ", $depends," in
    *", $dep,"*) ;;
    *) fail "the package does not declare '$dep' (dpkg-shlibdeps: $shlibs); set bundle.linux.deb.depends in tauri.conf.json to that list" ;;
  esac
done

# Debian's package checker. Errors and warnings fail; the package's own
# overrides (src-tauri/shell/package/lintian-overrides, installed in the
# package) say why the two tags they silence do not apply. No tag is
# suppressed here.
lintian --fail-on error,warning "$deb" >&2 || fail "lintian found errors or warnings in $deb (above)"

# The AppStream metainfo (errors and warnings fail), then the installed
# tree as a whole: the metainfo's launchable names the desktop entry that
# is really there.
metainfo="$root/usr/share/metainfo/ca.followthrough.desktop.metainfo.xml"
[ -f "$metainfo" ] || fail "no AppStream metainfo"
appstreamcli validate --no-net "$metainfo" >&2 || fail "appstreamcli found problems in the metainfo (above)"
appstreamcli validate-tree --no-net "$root" >&2 || fail "appstreamcli found problems in the installed tree (above)"

# The desktop entry: desktop-file-validate reports errors, warnings and
# hints alike on its output, and any of them fails.
validation=$(desktop-file-validate "$desktop" 2>&1) && [ -z "$validation" ] \
  || fail "desktop-file-validate: ${validation:-failed}"

echo "package: $deb runs ('$printed'), has its desktop entry and icons, passes lintian, appstreamcli and desktop-file-validate, depends on: $depends" >&2
echo "$deb"
