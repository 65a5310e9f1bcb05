#!/usr/bin/env bash
# Real eID providers for the eID integration tests, on loopback. Source this file, then call
# start_eid_providers: it installs Node.js if missing (as root), installs the pinned
# `oidc-provider` from scripts/eid/package-lock.json with `npm ci` into target/eid-node (an
# ignored cache), starts scripts/eid/provider.mjs on a free port, and exports
#   OCS_TEST_OIDC_ISSUER   the provider's issuer URL
#   OCS_TEST_EID_REQUIRED  1: the eID tests fail (instead of skipping) without a provider
# The provider is stopped when the shell exits.

start_eid_providers() {
  local root cache log issuer
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  export OCS_TEST_EID_REQUIRED=1
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then
      echo "==> installing nodejs and npm" >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
    else
      echo "node and npm are needed for the eID tests (install nodejs and npm)" >&2
      return 1
    fi
  fi
  # oidc-provider 9 and its router want Node.js 20 or later (Debian 12's own nodejs is 18).
  if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
    echo "warning: Node.js $(node --version) is older than 20; the test OpenID provider may not start" >&2
  fi
  cache="$root/target/eid-node"
  mkdir -p "$cache"
  cp "$root/scripts/eid/package.json" "$root/scripts/eid/package-lock.json" \
    "$root/scripts/eid/provider.mjs" "$cache/"
  if [ ! -d "$cache/node_modules/oidc-provider" ] \
    || ! cmp -s "$root/scripts/eid/package-lock.json" "$cache/node_modules/.package-lock.json.ocs"; then
    (cd "$cache" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) || return 1
    cp "$root/scripts/eid/package-lock.json" "$cache/node_modules/.package-lock.json.ocs"
  fi
  log="$cache/provider.log"
  node "$cache/provider.mjs" >"$log" 2>&1 &
  _OCS_EID_PID=$!
  for _ in $(seq 1 100); do
    issuer=$(sed -n 's/^ISSUER=//p' "$log" | head -n 1)
    [ -n "$issuer" ] && break
    if ! kill -0 "$_OCS_EID_PID" 2>/dev/null; then
      cat "$log" >&2
      echo "the test OpenID provider did not start" >&2
      return 1
    fi
    sleep 0.1
  done
  if [ -z "$issuer" ]; then
    echo "the test OpenID provider did not announce its address" >&2
    return 1
  fi
  export OCS_TEST_OIDC_ISSUER="$issuer"
  local previous
  eval "previous=$(trap -p EXIT | sed -e 's/^trap -- //' -e 's/ EXIT$//')"
  # shellcheck disable=SC2064
  trap "${previous:+$previous; }kill $_OCS_EID_PID 2>/dev/null || true" EXIT
  echo "==> test OpenID provider at $issuer" >&2
}
