#!/usr/bin/env bash
# Sets up the real VS Code that Paper Shelf's integration and e2e tests (and `npm start` without
# a desktop `code`) run in: Debian's Chromium and ripgrep, a TeX toolchain for the citation tests,
# and code-server 4.100.3 (VS Code 1.100.3's server + web workbench) in .test-host/, apart from
# the extension's own node_modules (playwright-core, which drives Chromium, is a devDependency).
#
# Idempotent: a stamp in .test-host/ records what was set up; a second run only checks it and
# returns in seconds. Delete .test-host/ (or set PAPER_SHELF_SETUP_FORCE=1) to set up again.
#
#   scripts/setup-test-host.sh [--for start|test] [--list-packages]
#     --for start      only what `npm start` needs: code-server's native modules are built with
#                      python3, g++ and make; ripgrep serves VS Code's search (no Chromium, TeX Live
#                      or biber: those are for the tests)
#     --for test       everything the tests need (the default)
#     --list-packages  print the Debian packages the chosen purpose needs, one a line, and exit
# Why the manual steps: npm here does not run dependencies' install scripts, and code-server's own
# postinstall would download from the internet; see /work/shared/notes/real-vscode-tests.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOST_DIR="${PAPER_SHELF_TEST_HOST_DIR:-$ROOT/.test-host}"
TEMPLATE="$ROOT/scripts/test-host"
STAMP="$HOST_DIR/.setup-stamp"
PURPOSE=test
LIST_ONLY=
while (($#)); do
  case "$1" in
    --for) PURPOSE="${2:-}"; shift 2 ;;
    --for=*) PURPOSE="${1#--for=}"; shift ;;
    --list-packages) LIST_ONLY=1; shift ;;
    *) printf '[setup-test-host] unknown option %s (use --for start|test, --list-packages)\n' "$1" >&2; exit 2 ;;
  esac
done
# Building code-server's native modules (argon2, spdlog, native-watchdog, node-pty) needs a C++
# tool chain on every machine; ripgrep is VS Code's search. The rest is for the tests.
BUILD_PACKAGES=(python3 g++ make ripgrep)
case "$PURPOSE" in
  start) APT_PACKAGES=("${BUILD_PACKAGES[@]}") ;;
  test) APT_PACKAGES=("${BUILD_PACKAGES[@]}" chromium texlive-latex-base texlive-latex-recommended texlive-bibtex-extra biber latexmk) ;;
  *) printf '[setup-test-host] --for takes start or test, not "%s"\n' "$PURPOSE" >&2; exit 2 ;;
esac
if [[ -n "$LIST_ONLY" ]]; then
  printf '%s\n' "${APT_PACKAGES[@]}"
  exit 0
fi

log() { printf '[setup-test-host] %s\n' "$*"; }
started=$(date +%s)

# Bump when the steps below change in a way that needs a fresh install.
SETUP_VERSION=2
# What the stamp must say for the host to count as set up: the steps' version, the template's
# lock and the Node ABI the native modules were built for.
stamp_content() {
  {
    echo "$SETUP_VERSION"
    sha256sum "$TEMPLATE/package.json" "$TEMPLATE/package-lock.json" | cut -d' ' -f1
    node -p 'process.versions.modules'
  } | sha256sum | cut -d' ' -f1
}

# --- 1. Debian packages --------------------------------------------------------------------------
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [[ "$(id -u)" != 0 ]]; then
    log "missing Debian packages: ${missing[*]}"
    log "install them with: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
    exit 1
  fi
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Another apt run (unattended upgrades, a colleague) may hold dpkg's lock: wait for it.
  apt=(apt-get -o DPkg::Lock::Timeout=900)
  "${apt[@]}" update -qq </dev/null
  "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" </dev/null >"${TMPDIR:-/tmp}/paper-shelf-apt.log" 2>&1 || {
    tail -40 "${TMPDIR:-/tmp}/paper-shelf-apt.log"
    exit 1
  }
fi
needed_bins=(/usr/bin/rg /usr/bin/python3 /usr/bin/g++ /usr/bin/make)
[[ "$PURPOSE" == test ]] && needed_bins+=(/usr/bin/chromium)
for bin in "${needed_bins[@]}"; do
  [[ -x "$bin" ]] || { log "expected $bin after installing Debian packages"; exit 1; }
done

# --- 2. code-server in .test-host/ ----------------------------------------------------------------
# One set-up at a time per checkout: parallel test runs would otherwise install over each other.
mkdir -p "$HOST_DIR"
exec 9>"$HOST_DIR/.setup.lock"
if ! flock -n 9; then
  log "another set-up is running in $HOST_DIR; waiting for it"
  flock 9
fi
want=$(stamp_content)
if [[ -z "${PAPER_SHELF_SETUP_FORCE:-}" && -f "$STAMP" && "$(cat "$STAMP")" == "$want" \
      && -f "$HOST_DIR/node_modules/code-server/out/node/entry.js" ]]; then
  log "test host already set up in $HOST_DIR ($(($(date +%s) - started)) s)"
  exit 0
fi

log "setting up code-server in $HOST_DIR"
rm -f "$STAMP"
cp "$TEMPLATE/package.json" "$TEMPLATE/package-lock.json" "$HOST_DIR/"
quiet_npm() { npm "$@" --ignore-scripts --no-audit --no-fund --loglevel=error; }
(cd "$HOST_DIR" && quiet_npm ci)

CS="$HOST_DIR/node_modules/code-server"
VSC="$CS/lib/vscode"
NODE_GYP="$(dirname "$(dirname "$(command -v npm)")")/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"
[[ -f "$NODE_GYP" ]] || NODE_GYP=/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js
NODEDIR="$(dirname "$(dirname "$(command -v node)")")"
[[ -f "$NODEDIR/include/node/node.h" ]] || NODEDIR=/usr

# What code-server's postinstall.sh does, without its downloads.
log "installing VS Code's server dependencies"
(cd "$VSC" && quiet_npm install --omit=dev)
(cd "$VSC/extensions" && quiet_npm install --omit=dev)
ln -sfn node_modules "$VSC/node_modules.asar"
ln -sfn code-linux.sh "$VSC/bin/remote-cli/code-server"
ln -sfn browser-linux.sh "$VSC/bin/helpers/browser.sh"

log "building native modules (argon2, spdlog, native-watchdog, node-pty)"
(cd "$HOST_DIR/node_modules/argon2" &&
  npm_config_nodedir="$NODEDIR" node ../@mapbox/node-pre-gyp/bin/node-pre-gyp install --build-from-source >/dev/null 2>&1) ||
  { log "building argon2 failed (needs python3, make, g++ and Node's headers)"; exit 1; }
for mod in @vscode/spdlog native-watchdog node-pty; do
  (cd "$VSC/node_modules/$mod" && node "$NODE_GYP" rebuild -j max --nodedir="$NODEDIR" >/dev/null 2>&1) ||
    { log "building $mod failed (needs python3, make, g++ and Node's headers)"; exit 1; }
done

# workspace.findFiles and search spawn VS Code's bundled rg, which npm could not download.
mkdir -p "$VSC/node_modules/@vscode/ripgrep/bin"
ln -sfn /usr/bin/rg "$VSC/node_modules/@vscode/ripgrep/bin/rg"

# A quick check that the server starts at all: better a clear failure here than in a test run.
node "$CS/out/node/entry.js" --version >/dev/null

echo "$want" >"$STAMP"
log "test host ready: code-server $(node -p "require('$CS/package.json').version"), $(/usr/bin/chromium --version 2>/dev/null | head -1) ($(($(date +%s) - started)) s)"
