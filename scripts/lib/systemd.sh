#!/usr/bin/env bash
# Checks the systemd unit in packaging/systemd/ without booting it: `systemd-analyze verify`
# (syntax, directives, the ExecStart binary) and `systemd-analyze security --offline=true`
# (the hardening score), failing above an overall exposure of 2.0.
#
#   source scripts/lib/systemd.sh; check_systemd_unit
#   scripts/lib/systemd.sh            (the same, as a command)
#
# Installs Debian's `systemd` package when run as root without systemd-analyze. Neither check
# needs systemd to run as PID 1, so they work in a container.

OCS_SYSTEMD_MAX_EXPOSURE="2.0"

check_systemd_unit() {
  local root unit work exposure
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  unit="$root/packaging/systemd/ocs.service"
  if ! command -v systemd-analyze >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then
      echo "==> installing systemd (for systemd-analyze)" >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >&2
      apt-get install -y -qq --no-install-recommends systemd >&2
    else
      echo "systemd-analyze is missing (install Debian's systemd package, or run as root)" >&2
      return 1
    fi
  fi
  work=$(mktemp -d)
  # verify checks that ExecStart's binary exists; the unit names where it is installed, so
  # the copy checked here names one that exists on every machine instead.
  sed "s#^ExecStart=/usr/local/bin/ocs #ExecStart=$(command -v true) #" "$unit" >"$work/ocs.service"
  if ! systemd-analyze verify "$work/ocs.service"; then
    echo "systemd-analyze verify: $unit has errors" >&2
    rm -rf "$work"
    return 1
  fi
  systemd-analyze security --offline=true --no-pager "$work/ocs.service" >"$work/security.txt" 2>&1 || true
  exposure=$(sed -n 's/.*Overall exposure level for ocs.service: \([0-9.]*\).*/\1/p' "$work/security.txt")
  rm -rf "$work"
  if [ -z "$exposure" ]; then
    echo "systemd-analyze security printed no exposure level for $unit" >&2
    return 1
  fi
  echo "packaging/systemd/ocs.service: verify passed; exposure $exposure (at most $OCS_SYSTEMD_MAX_EXPOSURE)"
  if ! awk -v got="$exposure" -v max="$OCS_SYSTEMD_MAX_EXPOSURE" 'BEGIN { exit !(got <= max) }'; then
    echo "the unit's exposure $exposure is above $OCS_SYSTEMD_MAX_EXPOSURE" >&2
    return 1
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  check_systemd_unit
fi
