#!/usr/bin/env bash
# A real SMTP server for the mail tests: aiosmtpd (from PyPI) in a virtual environment under
# target/ (ignored), started on a free loopback port and writing every message it receives
# into a maildir.
#
#   source scripts/lib/smtp.sh; start_smtp
#       exports OCS_TEST_SMTP_PORT (the port), OCS_TEST_SMTP_DIR (the maildir) and
#       OCS_TEST_SMTP_PYTHON (the venv's python, for tests that start and stop their own
#       server); the server stops when the shell exits.
#   scripts/lib/smtp.sh install
#       only installs (if needed) and prints the python path; the Rust tests run this when
#       OCS_TEST_SMTP_PYTHON is not set, and fail if it fails.
#
# Installs python3 and python3-venv with apt when run as root without them.

OCS_AIOSMTPD_VERSION="1.4.6"

_ocs_smtp_root() {
  (cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
}

# Prints the path of a python that can import aiosmtpd, installing it on first use. Several
# test processes may call this at once: the install runs under a file lock.
ensure_smtp_python() {
  local root venv
  root=$(_ocs_smtp_root)
  venv="${OCS_SMTP_VENV:-$root/target/smtp-venv}"
  if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import aiosmtpd" 2>/dev/null; then
    printf '%s\n' "$venv/bin/python"
    return 0
  fi
  if ! python3 -c "import venv, ensurepip" 2>/dev/null; then
    if [ "$(id -u)" -eq 0 ]; then
      echo "==> installing python3 and python3-venv" >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >&2
      apt-get install -y -qq --no-install-recommends python3 python3-venv >&2
    else
      echo "python3 with the venv module is needed for the SMTP test server" >&2
      return 1
    fi
  fi
  mkdir -p "$(dirname "$venv")"
  (
    flock 9
    if ! { [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import aiosmtpd" 2>/dev/null; }; then
      echo "==> installing aiosmtpd $OCS_AIOSMTPD_VERSION into $venv" >&2
      rm -rf "$venv"
      python3 -m venv "$venv" >&2 &&
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
          "aiosmtpd==$OCS_AIOSMTPD_VERSION" >&2
    fi
  ) 9>"$venv.lock" || return 1
  "$venv/bin/python" -c "import aiosmtpd" || return 1
  printf '%s\n' "$venv/bin/python"
}

_ocs_smtp_free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      printf '%s\n' "$port"
      return 0
    fi
  done
  echo "no free port found for the SMTP server" >&2
  return 1
}

start_smtp() {
  local python dir port pid
  python=$(ensure_smtp_python) || return 1
  dir=$(mktemp -d "${TMPDIR:-/tmp}/ocs-smtp.XXXXXX")
  port=$(_ocs_smtp_free_port) || return 1
  "$python" -m aiosmtpd -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Mailbox "$dir/maildir" \
    >"$dir/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      break
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$dir/server.log" >&2
      return 1
    fi
    sleep 0.1
  done
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "the SMTP test server did not start" >&2
    cat "$dir/server.log" >&2
    return 1
  fi
  local stop="kill $pid 2>/dev/null; rm -rf $dir"
  local previous=""
  eval "previous=$(trap -p EXIT | sed -e 's/^trap -- //' -e 's/ EXIT$//')"
  # shellcheck disable=SC2064
  trap "${previous:+$previous; }$stop" EXIT
  export OCS_TEST_SMTP_PORT="$port"
  export OCS_TEST_SMTP_DIR="$dir/maildir"
  export OCS_TEST_SMTP_PYTHON="$python"
  echo "==> SMTP test server (aiosmtpd) on 127.0.0.1:$port, maildir $dir/maildir" >&2
}

if [ "${BASH_SOURCE[0]}" = "$0" ] && [ "${1:-}" = "install" ]; then
  set -euo pipefail
  ensure_smtp_python
fi
