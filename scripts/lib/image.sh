#!/usr/bin/env bash
# Builds the container image with scripts/image and runs it twice: `ocs demo` on a named
# volume (the README's line), then the image's default command `ocs serve` on a host folder
# prepared as docs/DEPLOYMENT.md says (packaging/container/ocs.toml, secrets and migration by
# one-off containers). Each container must answer GET /healthz through a port published on
# loopback, pass the image's own HEALTHCHECK (`ocs healthcheck` inside), run as the user ocs,
# and exit 0 when stopped (SIGTERM to ocs as PID 1). Fails when the image is larger than
# OCS_IMAGE_MAX_MIB. Everything happens in a throwaway container store (vfs driver), removed
# at the end, so the machine's own images and containers are untouched.
#
#   source scripts/lib/image.sh; check_image [BINARY]     (default target/release/ocs)
#   scripts/lib/image.sh [BINARY]                          (the same, as a command)
#
# Installs Debian's podman and runc when run as root without them. The container runs with
# runc, not podman's default crun, because crun refuses a host whose cgroup v2 hierarchy has
# controllers beside v1 ones ("cgroups in hybrid mode not supported"), and with explicit
# open-file and process limits, because podman otherwise raises them to the host's maximum,
# which root without CAP_SYS_RESOURCE may not do. Neither matters on an ordinary host.

OCS_IMAGE_MAX_MIB="${OCS_IMAGE_MAX_MIB:-48}"

# A loopback port nothing listens on, below the kernel's ephemeral range: a port in that range
# may be held by a closing connection of the load harness (TIME_WAIT), where a listener's bind
# fails with "address already in use".
_ocs_image_free_port() {
  local port low=32768
  read -r low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
  [ "$low" -gt 11000 ] || low=32768
  for _ in $(seq 1 50); do
    port=$((10000 + RANDOM % (low - 10000)))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      printf '%s\n' "$port"
      return 0
    fi
  done
  echo "no free port found for the image test" >&2
  return 1
}

# The checks, in a subshell so the store variables and the clean-up trap stay inside.
check_image() (
  set -euo pipefail
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  binary="${1:-$root/target/release/ocs}"
  missing=()
  command -v podman >/dev/null 2>&1 || missing+=(podman)
  command -v runc >/dev/null 2>&1 || missing+=(runc)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "the image test needs: ${missing[*]} (install them, or run as root)" >&2
      exit 1
    fi
    echo "==> installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi

  work=$(mktemp -d "${TMPDIR:-/tmp}/ocs-image.XXXXXX")
  name="ocs-image-test-$$"
  tag="localhost/openocs:test"
  cat >"$work/storage.conf" <<EOF
[storage]
driver = "vfs"
graphroot = "$work/storage"
runroot = "$work/run"
EOF
  export CONTAINERS_STORAGE_CONF="$work/storage.conf"
  podman=(podman --runtime runc)
  # shellcheck disable=SC2317 # run by the trap
  cleanup() {
    # One at a time: podman removes nothing when one of several names is unknown.
    for container in "$name-demo" "$name-serve"; do
      "${podman[@]}" rm --ignore --force --time 0 "$container" >/dev/null 2>&1 || true
    done
    "${podman[@]}" rmi --force "$tag" >/dev/null 2>&1 || true
    rm -rf "$work"
  }
  trap cleanup EXIT

  "$root/scripts/image" --binary "$binary" --tag "$tag" | tee "$work/build.txt"
  bytes=$(sed -n 's/.* MiB (\([0-9]*\) bytes) uncompressed.*/\1/p' "$work/build.txt")
  [ -n "$bytes" ] || { echo "scripts/image printed no size" >&2; exit 1; }
  if [ "$bytes" -gt $((OCS_IMAGE_MAX_MIB * 1024 * 1024)) ]; then
    echo "the image is $((bytes / 1024 / 1024)) MiB, above $OCS_IMAGE_MAX_MIB MiB" >&2
    exit 1
  fi

  label=$("${podman[@]}" image inspect --format '{{index .Labels "org.opencontainers.image.version"}}' "$tag")
  expected=$("$binary" --version | sed -n 's/^ocs \([^ ]*\).*/\1/p')
  if [ "$label" != "$expected" ]; then
    echo "the image's version label is '$label', the binary says '$expected'" >&2
    exit 1
  fi

  limits=(--ulimit nofile=4096:4096 --ulimit nproc=4096:4096)
  # The hardening docs/DEPLOYMENT.md recommends: the server writes only to /data.
  hardening=(--read-only --cap-drop all --security-opt no-new-privileges)

  # Starts container $1 with the rest as `podman run` arguments, publishing its 8080 on a free
  # loopback port, and waits until /healthz answers there (asked from outside by the binary's
  # own `ocs healthcheck`); then the image's HEALTHCHECK inside, and the user.
  start_and_check() {
    local container="$1" port url healthy user
    shift
    # A port taken between the check and podman's bind is tried again with another one.
    local attempt
    for attempt in 1 2 3 4 5; do
      port=$(_ocs_image_free_port)
      if "${podman[@]}" run --detach --name "$container" "${limits[@]}" "${hardening[@]}" \
        --publish "127.0.0.1:$port:8080" "$@" >/dev/null 2>"$work/run.txt"; then
        break
      fi
      "${podman[@]}" rm --force "$container" >/dev/null 2>&1 || true
      if [ "$attempt" = 5 ] || ! grep -q "address already in use" "$work/run.txt"; then
        cat "$work/run.txt" >&2
        return 1
      fi
    done
    url="http://127.0.0.1:$port/healthz"
    healthy=0
    for _ in $(seq 1 120); do
      if "$binary" healthcheck --url "$url" >/dev/null 2>&1; then
        healthy=1
        break
      fi
      [ "$("${podman[@]}" inspect --format '{{.State.Running}}' "$container")" = true ] || break
      sleep 0.5
    done
    if [ "$healthy" != 1 ]; then
      echo "$container did not answer $url; its output:" >&2
      "${podman[@]}" logs "$container" >&2 || true
      return 1
    fi
    # The image's HEALTHCHECK: `ocs healthcheck` inside, reading OCS_CONFIG. (podman runs it
    # periodically through systemd timers where systemd is PID 1; here it is run once.)
    if ! "${podman[@]}" healthcheck run "$container" 2>/dev/null; then
      echo "the image's HEALTHCHECK failed in $container" >&2
      "${podman[@]}" logs "$container" >&2 || true
      return 1
    fi
    user=$("${podman[@]}" top "$container" user | sed -n 2p | tr -d ' ')
    if [ "$user" != ocs ]; then
      echo "the server in $container runs as '$user', not as ocs" >&2
      return 1
    fi
    echo "$container: answers $url; the image's HEALTHCHECK passes; runs as ocs"
  }

  # Stops container $1 (SIGTERM to ocs as PID 1), which must exit 0.
  stop_and_check() {
    local container="$1" code
    "${podman[@]}" stop --time 20 "$container" >/dev/null 2>&1
    code=$("${podman[@]}" inspect --format '{{.State.ExitCode}}' "$container")
    if [ "$code" != 0 ]; then
      echo "ocs exited with $code on SIGTERM in $container; its output:" >&2
      "${podman[@]}" logs "$container" >&2 || true
      return 1
    fi
    "${podman[@]}" rm "$container" >/dev/null 2>&1
    echo "$container: stopped, ocs exited 0"
  }

  # 1. The demo, on a named volume (README).
  start_and_check "$name-demo" --volume "$name:/data" "$tag" demo --data-dir /data
  # An operator command inside the running container, through the administration socket.
  printf 'correct-horse-battery-9\n' |
    "${podman[@]}" exec -i "$name-demo" ocs admin add-user ana --role host-admin --password-file /dev/stdin >/dev/null
  if ! "${podman[@]}" exec "$name-demo" ocs admin list-users | grep -q '^ana .*host-admin'; then
    echo "ocs admin add-user in $name-demo made no account" >&2
    exit 1
  fi
  echo "$name-demo: ocs admin add-user through podman exec works"
  stop_and_check "$name-demo"

  # 2. A real deployment as docs/DEPLOYMENT.md describes it: a host folder owned by 10001
  # holding packaging/container/ocs.toml, secrets made and the database migrated by one-off
  # containers, then the image's default command (`ocs serve`).
  srv="$work/srv"
  mkdir -m 0700 "$srv"
  cp "$root/packaging/container/ocs.toml" "$srv/ocs.toml"
  chown -R 10001:10001 "$srv"
  for step in "keygen --secret /data/server.key" "keygen --secret /data/dedup.key" migrate; do
    # shellcheck disable=SC2086
    "${podman[@]}" run --rm "${limits[@]}" "${hardening[@]}" --volume "$srv:/data" "$tag" $step >"$work/step.txt" 2>&1 || {
      echo "ocs $step failed in a container:" >&2
      cat "$work/step.txt" >&2
      exit 1
    }
  done
  start_and_check "$name-serve" --volume "$srv:/data" "$tag"
  stop_and_check "$name-serve"
)

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  check_image "$@"
fi
