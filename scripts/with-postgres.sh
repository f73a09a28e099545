#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server on 127.0.0.1:
#
#   scripts/with-postgres.sh npm run test:postgres
#
# - Uses the PostgreSQL binaries on this machine (pg_ctl/initdb on PATH or /usr/lib/postgresql/*/bin);
#   when there are none and we are root on Debian/Ubuntu, installs them (apt-get install postgresql).
# - Creates a fresh cluster in a temporary folder owned by the postgres user (Postgres refuses to run
#   as root), with trust authentication, listening on 127.0.0.1 only, on a free port (54329 upwards,
#   or $POSTGRES_TEST_PORT).
# - Tuned for tests only: fsync, synchronous_commit and full_page_writes are off. Never use such a
#   cluster for data you want to keep.
# - Exports DATABASE_URL=postgres://postgres@127.0.0.1:PORT/postgres, runs the command, then stops
#   the server and removes the folder whatever happens, and exits with the command's status.
set -euo pipefail

log() { echo "with-postgres: $*" >&2; }

if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 64
fi

now_ms() { date +%s%3N; }
started_at=$(now_ms)

# --- PostgreSQL binaries -------------------------------------------------------------------------
find_bin_dir() {
  local candidate dir
  # On PATH (on this kind of machine /usr/local/bin/pg_ctl may be a symlink into /usr/lib/postgresql).
  if candidate=$(command -v pg_ctl 2>/dev/null); then
    dir=$(dirname "$(readlink -f "$candidate")")
    if [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ]; then
      echo "$dir"
      return 0
    fi
  fi
  # Debian/Ubuntu keep them off PATH; take the newest major version.
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5 -V -r); do
    if [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

if ! bin=$(find_bin_dir); then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    log "PostgreSQL (initdb, pg_ctl) is not installed, and this script can only install it as root with apt-get."
    exit 69
  fi
  log "PostgreSQL is not installed: apt-get install postgresql"
  install_started=$(now_ms)
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  bin=$(find_bin_dir) || {
    log "apt-get installed postgresql, but initdb/pg_ctl are still missing"
    exit 69
  }
  log "installed PostgreSQL in $(($(now_ms) - install_started)) ms"
fi

# --- Who runs the server -------------------------------------------------------------------------
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    log "creating the postgres system user"
    useradd --system --user-group --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
  fi
  server_user=postgres
  as_server_user() { runuser -u postgres -- "$@"; }
else
  server_user=$(id -un)
  as_server_user() { "$@"; }
fi

# --- Cluster ------------------------------------------------------------------------------------
# /tmp, not $TMPDIR: the postgres user must be able to reach the folder.
cluster=$(mktemp -d /tmp/responder-pg.XXXXXX)
chown "$server_user" "$cluster"
chmod 700 "$cluster"
data="$cluster/data"
server_log="$cluster/server.log"

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -f "$data/postmaster.pid" ]; then
    as_server_user "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$cluster"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Same locale and time zone as PGlite (collation C, ctype C.UTF-8, UTF8, UTC), so both backends sort
# and lower-case text alike.
if ! as_server_user "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 \
  --lc-collate=C --lc-ctype=C.UTF-8 --lc-messages=C --no-sync >"$cluster/initdb.log" 2>&1; then
  log "initdb failed:"
  cat "$cluster/initdb.log" >&2
  exit 70
fi

cat >>"$data/postgresql.conf" <<CONF

# scripts/with-postgres.sh: a throwaway test cluster
listen_addresses = '127.0.0.1'
unix_socket_directories = '$cluster'
max_connections = 200
timezone = 'UTC'
fsync = off
synchronous_commit = off
full_page_writes = off
CONF

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_server() {
  local port=$1
  as_server_user "$bin/pg_ctl" -D "$data" -l "$server_log" -w -t 60 -o "-p $port" start >/dev/null 2>&1
}

port=${POSTGRES_TEST_PORT:-54329}
attempts=0
until port_is_free "$port" && start_server "$port"; do
  attempts=$((attempts + 1))
  if [ -n "${POSTGRES_TEST_PORT:-}" ] || [ "$attempts" -ge 20 ]; then
    log "could not start PostgreSQL (last port tried: $port). Server log:"
    cat "$server_log" >&2 2>/dev/null || true
    exit 70
  fi
  port=$((port + 1))
done

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
version=$("$bin/postgres" --version | awk '{print $3}')
log "PostgreSQL $version ready at $DATABASE_URL in $(($(now_ms) - started_at)) ms (data in $cluster, fsync off)"

# In the background so that a TERM/INT sent to this script reaches the command at once (a trap on a
# foreground command would wait for it to finish); stdin is passed on explicitly. Background commands
# ignore SIGINT in a non-interactive shell, so INT is forwarded as TERM.
"$@" <&0 &
child=$!
trap 'kill -TERM "$child" 2>/dev/null || true' INT TERM HUP
while :; do
  set +e
  wait "$child"
  status=$?
  set -e
  kill -0 "$child" 2>/dev/null || break # still running: wait was interrupted by a forwarded signal
done
exit "$status"
