# Real-browser checks of the public site (sourced by scripts/test).
# Installs Debian's chromium when missing (as root), the npm packages playwright-core and
# axe-core from tests/browser/package-lock.json into tests/browser/node_modules (git-ignored),
# builds the debug binary and runs tests/browser/run.mjs against `ocs demo` on loopback.
# shellcheck shell=bash

run_browser_tests() {
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "chromium is missing (run as root or install Debian's chromium)" >&2
      return 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium
  fi
  if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "node and npm are missing (run as root or install them)" >&2
      return 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends nodejs npm
  fi
  (cd "$root/tests/browser" && npm ci --no-audit --no-fund --loglevel=error)
  (cd "$root" && cargo build --locked -p ocs --quiet)
  SERVER_BIN="$root/target/debug/ocs" CHROMIUM="$(command -v chromium)" \
    ARTIFACTS="$root/target/browser-artifacts" node "$root/tests/browser/run.mjs"
}
