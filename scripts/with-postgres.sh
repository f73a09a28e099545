#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server on loopback:
#   scripts/with-postgres.sh npm run test:postgres
# Installs Debian's postgresql when it is missing. Postgres refuses to run as root, so the
# server runs as the postgres user. The cluster is for tests only (fsync off) and is removed.
set -euo pipefail

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin /usr/local/bin /usr/bin; do
    if [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

if ! bin=$(find_bin); then
  echo "with-postgres: installing postgresql" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  bin=$(find_bin)
fi
id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres

cluster=$(mktemp -d /tmp/responder-pg.XXXXXX)
chown postgres "$cluster"
port=${POSTGRES_TEST_PORT:-54329}
as_postgres() { su postgres -s /bin/bash -c "$*"; }

cleanup() {
  as_postgres "'$bin/pg_ctl' -D '$cluster/data' -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$cluster"
}
trap cleanup EXIT

as_postgres "'$bin/initdb' -D '$cluster/data' -U postgres --auth=trust -E UTF8" >/dev/null
as_postgres "'$bin/pg_ctl' -D '$cluster/data' -w -l '$cluster/log' -o \"-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$cluster' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start" >/dev/null

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') at $DATABASE_URL" >&2
set +e
"$@"
status=$?
set -e
exit $status
