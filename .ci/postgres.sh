#!/usr/bin/env bash
# Start a throw-away PostgreSQL 15 server for the store tests and print the
# variables the tests read, ready for `eval "$(bash .ci/postgres.sh)"`.
#
#   bash .ci/postgres.sh          start: initdb into a temp dir, listen on 127.0.0.1 only,
#                                 a free port, create database narrascope_test; prints
#                                 `export NARRASCOPE_TEST_PG_URL=postgresql://...`
#   bash .ci/postgres.sh stop     stop the server named by $NARRASCOPE_TEST_PG_DATA
#
# Installs nothing: it uses Debian's server binaries (apt-get install postgresql).
# Everything but the final `export` lines goes to stderr.
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
DB_NAME="${NARRASCOPE_TEST_PG_DB:-narrascope_test}"

as_pg() {
  # Run a server binary as the unprivileged `postgres` user when we are root.
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

stop() {
  local data="${NARRASCOPE_TEST_PG_DATA:?NARRASCOPE_TEST_PG_DATA is not set}"
  as_pg "$PG_BIN/pg_ctl" -D "$data/data" -m fast -w stop >&2
  rm -rf "$data"
}

start() {
  if [ ! -x "$PG_BIN/initdb" ]; then
    echo "postgres.sh: no PostgreSQL server in $PG_BIN (apt-get install postgresql); postgres tests will skip" >&2
    return 0
  fi
  local dir port user
  dir="$(mktemp -d /tmp/narrascope-pg.XXXXXX)"
  port="$(free_port)"
  user="$(id -un)"
  if [ "$(id -u)" = "0" ]; then
    chown postgres: "$dir"
    user=postgres
  fi
  as_pg "$PG_BIN/initdb" -D "$dir/data" -U "$user" --auth=trust -E UTF8 --locale=C.UTF-8 >&2
  as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" \
    start >&2
  as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U "$user" "$DB_NAME" >&2
  echo "export NARRASCOPE_TEST_PG_URL=postgresql://$user@127.0.0.1:$port/$DB_NAME"
  echo "export NARRASCOPE_TEST_PG_DATA=$dir"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 [start|stop]" >&2; exit 2 ;;
esac
