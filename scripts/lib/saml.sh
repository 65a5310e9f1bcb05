#!/usr/bin/env bash
# A real SAML 2.0 identity provider for the SAML eID tests: pysaml2's IdP (from PyPI, in a
# virtual environment under target/, ignored) signing with xmlsec1 (Debian), started by
# scripts/saml/idp.py on a free loopback port. Source this file, then call start_saml_idp:
# it exports
#   OCS_TEST_SAML_IDP_URL   the IdP's base URL (SSO at /sso/redirect, entity ID at /idp)
#   OCS_TEST_SAML_IDP_CERT  its signing certificate (PEM)
#   OCS_TEST_EID_REQUIRED   1: the eID tests fail (instead of skipping) without it
# The IdP stops when the shell exits. Installs python3, python3-venv and xmlsec1 with apt
# when run as root without them.

OCS_PYSAML2_VERSION="7.5.5"

start_saml_idp() {
  local root venv log url cert pid
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  export OCS_TEST_EID_REQUIRED=1
  if ! command -v xmlsec1 >/dev/null 2>&1 || ! python3 -c "import venv, ensurepip" 2>/dev/null; then
    if [ "$(id -u)" -eq 0 ]; then
      echo "==> installing python3, python3-venv and xmlsec1" >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >&2
      apt-get install -y -qq --no-install-recommends python3 python3-venv xmlsec1 >&2
    else
      echo "python3 (with venv) and xmlsec1 are needed for the SAML test IdP" >&2
      return 1
    fi
  fi
  venv="$root/target/saml-venv"
  if ! { [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import saml2, sys; sys.exit(0 if __import__('importlib.metadata').metadata.version('pysaml2') == '$OCS_PYSAML2_VERSION' else 1)" 2>/dev/null; }; then
    echo "==> installing pysaml2 $OCS_PYSAML2_VERSION into $venv" >&2
    rm -rf "$venv"
    python3 -m venv "$venv" >&2 &&
      "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        "pysaml2==$OCS_PYSAML2_VERSION" >&2 || return 1
  fi
  log=$(mktemp "${TMPDIR:-/tmp}/ocs-saml-idp.XXXXXX")
  XMLSEC1="$(command -v xmlsec1)" "$venv/bin/python" -W ignore "$root/scripts/saml/idp.py" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 200); do
    url=$(sed -n 's/^SAML_IDP_URL=//p' "$log" | head -n 1)
    cert=$(sed -n 's/^SAML_IDP_CERT=//p' "$log" | head -n 1)
    [ -n "$url" ] && [ -n "$cert" ] && break
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$log" >&2
      echo "the test SAML IdP did not start" >&2
      return 1
    fi
    sleep 0.1
  done
  if [ -z "$url" ] || [ -z "$cert" ]; then
    echo "the test SAML IdP did not announce its address" >&2
    return 1
  fi
  export OCS_TEST_SAML_IDP_URL="$url"
  export OCS_TEST_SAML_IDP_CERT="$cert"
  local previous
  eval "previous=$(trap -p EXIT | sed -e 's/^trap -- //' -e 's/ EXIT$//')"
  # shellcheck disable=SC2064
  trap "${previous:+$previous; }kill $pid 2>/dev/null || true; rm -f $log" EXIT
  echo "==> test SAML IdP (pysaml2) at $url" >&2
}
