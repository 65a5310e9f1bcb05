#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests. Source this file, then call start_postgres:
# it starts a fresh cluster on a free local port, exports OCS_TEST_POSTGRES_URL (the admin URL
# the ocs-storage-postgres tests create their databases from), and stops and removes the
# cluster when the shell exits. Installs sudo and PostgreSQL when run as root without them.

# Newest PostgreSQL server binaries installed by the distribution, or nothing.
_ocs_pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
    printf '%s\n' "$dir"
  fi
}

# A TCP port nobody listens on right now (the short race with other programs is acceptable
# for a test cluster; pg_ctl fails loudly if it loses it).
_ocs_free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      printf '%s\n' "$port"
      return 0
    fi
  done
  echo "no free port found for PostgreSQL" >&2
  return 1
}

start_postgres() {
  local bindir as_user=() owner
  bindir=$(_ocs_pg_bindir)
  if [ "$(id -u)" -eq 0 ] && { ! command -v sudo >/dev/null 2>&1 || [ -z "$bindir" ]; }; then
    echo "==> installing sudo and postgresql" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq sudo postgresql >/dev/null
    bindir=$(_ocs_pg_bindir)
  fi
  if [ -z "$bindir" ]; then
    echo "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin" >&2
    return 1
  fi

  # The server refuses to run as root: as root, run it as the postgres user (the package
  # creates that user); otherwise run it as ourselves.
  if [ "$(id -u)" -eq 0 ]; then
    as_user=(sudo -u postgres)
    owner=postgres
  else
    as_user=()
    owner=$(id -un)
  fi

  local dir port
  dir=$(mktemp -d "${TMPDIR:-/tmp}/ocs-pg.XXXXXX")
  chown "$owner" "$dir"
  chmod 700 "$dir"
  port=$(_ocs_free_port)

  "${as_user[@]}" "$bindir/initdb" -D "$dir/data" -A trust -U postgres >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    return 1
  }
  # wal_level=logical: a destruction test makes a logical replication slot in its own
  # database (a physical one would be seen by every database's tests).
  "${as_user[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200 -c wal_level=logical" \
    -w start >/dev/null || {
    cat "$dir/server.log" >&2
    return 1
  }

  _OCS_PG_STOP="${as_user[*]} $bindir/pg_ctl -D $dir/data -m fast -w stop >/dev/null 2>&1; rm -rf $dir"
  # Compose with a trap set before us instead of replacing it.
  local previous=""
  eval "previous=$(trap -p EXIT | sed -e 's/^trap -- //' -e 's/ EXIT$//')"
  # shellcheck disable=SC2064
  trap "${previous:+$previous; }$_OCS_PG_STOP" EXIT

  export OCS_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "==> PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($dir)" >&2
}
