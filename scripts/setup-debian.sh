#!/usr/bin/env bash
# Installs the Debian 12 packages Followthrough needs to build, run and test,
# skipping the work when everything is already there. Needs root (or sudo).
set -euo pipefail

packages=(
  # Tauri 2 on Linux: WebKitGTK and the C toolchain.
  libwebkit2gtk-4.1-dev build-essential pkg-config
  # The window under a virtual display, for tests and headless machines.
  xvfb xauth
  # WebDriver for the WebKitGTK engine, used by the end-to-end tests.
  webkit2gtk-driver
  # Screenshots of the window, for test artifacts.
  imagemagick
  # Keys typed into the system's save dialog by the end-to-end tests.
  xdotool
  # The tree a screen reader reads, checked by tests/e2e/screen_reader.test.js:
  # a private D-Bus session, the accessibility bus and Python's reader.
  dbus at-spi2-core python3-pyatspi
  # pdftotext, pdffonts and pdfinfo, to check the PDF briefings; pikepdf to
  # read their structure tree back (tests/pdf/check_structure.py).
  poppler-utils python3-pikepdf
  # Spreadsheet programs that open the CSV export in the tests, as users'
  # would: no cell may become a formula.
  gnumeric libreoffice-calc
  # Checks of the .deb in scripts/package.sh: Debian's package checker, the
  # AppStream metainfo, the desktop entry (dpkg-shlibdeps, which computes
  # the library dependencies, comes with build-essential's dpkg-dev).
  lintian appstream desktop-file-utils
  # Debian's own minisign, which checks a signed decision without
  # Followthrough (src-tauri/core/tests/it/keys.rs).
  minisign
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "setup: system packages already installed"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: the Rust toolchain is missing; install it with rustup (https://rustup.rs) and run this again" >&2
  exit 1
fi
