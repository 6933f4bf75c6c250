#!/usr/bin/env bash
# PostgreSQL from the distribution's packages, in a project-local cluster with trust auth on 127.0.0.1.
# usage: deploy/local/postgres/postgres.sh start|stop|status|clean
# env:   PG_PORT (5432), PG_BIN (dir with initdb/pg_ctl; default the newest /usr/lib/postgresql/*/bin),
#        KINSHIP_ENGINES_DIR (<repo>/tmp/engines), ENGINE_START_TIMEOUT (180 s)
# Prints postgres://postgres@127.0.0.1:<port>/kinship on stdout once the server answers a query.
# Test settings: fsync and synchronous_commit are off, so a crash of the machine may lose the data.
ENGINE=postgres
# shellcheck source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

PORT="${PG_PORT:-5432}"
LOGS="$ENGINE_DIR/logs"
LOGFILE="$LOGS/postgres.log"
DATABASE=kinship
URL="postgres://postgres@127.0.0.1:$PORT/$DATABASE"

find_bin() {
  if [ -n "${PG_BIN:-}" ]; then
    echo "$PG_BIN"
    return 0
  fi
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

install_postgres() {
  [ "$(id -u)" = 0 ] || die "PostgreSQL is not installed; run 'sudo apt-get install -y postgresql' (or set PG_BIN)"
  require_command apt-get "installs PostgreSQL from the distribution's packages"
  log "installing PostgreSQL with apt-get ..."
  apt-get install -y -q postgresql >"$LOGS/apt-get.log" 2>&1 ||
    { apt-get update -q >>"$LOGS/apt-get.log" 2>&1 && apt-get install -y -q postgresql >>"$LOGS/apt-get.log" 2>&1; } ||
    die "apt-get install postgresql failed; see $LOGS/apt-get.log"
}

mkdir -p "$LOGS"
BIN="$(find_bin || true)"

# PostgreSQL refuses to run as root: as root, the cluster belongs to the 'postgres' user of the package.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# The data directory lives in the run dir when the cluster's owner can reach it; a repo under a private
# home directory is not reachable by 'postgres', so the data then goes to a directory of its own in /tmp.
data_dir() {
  local preferred="$ENGINE_DIR/data"
  if [ "$(id -u)" != 0 ] || runuser -u postgres -- test -x "$ENGINE_DIR" 2>/dev/null; then
    echo "$preferred"
  else
    echo "${TMPDIR:-/tmp}/kinship-postgres-$(echo "$ENGINE_DIR" | sha256sum | cut -c1-12)/data"
  fi
}

pg() { as_owner "$BIN/$1" "${@:2}"; }

sql() { pg psql -h 127.0.0.1 -p "$PORT" -U postgres -d "${2:-postgres}" -v ON_ERROR_STOP=1 -qtAc "$1"; }

ready() { pg pg_isready -q -h 127.0.0.1 -p "$PORT" -d postgres && sql 'select 1' >/dev/null; }

running() { [ -n "$BIN" ] && [ -f "$DATA/PG_VERSION" ] && pg pg_ctl -D "$DATA" status >/dev/null 2>&1; }

init_cluster() {
  [ -f "$DATA/PG_VERSION" ] && return 0
  log "initdb into $DATA"
  mkdir -p "$DATA"
  if [ "$(id -u)" = 0 ]; then chown -R postgres: "$(dirname "$DATA")" "$LOGS"; fi
  pg initdb -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >>"$LOGFILE" 2>&1 ||
    die "initdb failed; see $LOGFILE"
  # No Unix socket: the distribution's socket directory may not exist or belong to its own cluster.
  cat >>"$DATA/postgresql.conf" <<EOF

# kinship local test cluster
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
log_min_messages = warning
EOF
}

start() {
  if [ -z "$BIN" ]; then
    install_postgres
    BIN="$(find_bin)" || die "PostgreSQL installed but no initdb under /usr/lib/postgresql/*/bin"
  fi
  DATA="$(data_dir)"
  if running; then
    ready || die "the cluster in $DATA runs but does not answer on port $PORT; see $LOGFILE or run '$0 stop'"
    print_running
    return 0
  fi
  port_open "$PORT" && die "port $PORT is taken by another process (a distribution cluster? 'pg_lsclusters'); set PG_PORT"
  init_cluster
  "$BIN/postgres" --version | sed 's/^postgres (PostgreSQL) /PostgreSQL /' >"$ENGINE_DIR/version"
  [ "$(id -u)" = 0 ] && chown postgres: "$LOGS" "$LOGFILE" 2>/dev/null
  log "starting $(cat "$ENGINE_DIR/version") on 127.0.0.1:$PORT, data in $DATA, logs in $LOGFILE"
  echo "== start $(date -u +%FT%TZ)" >>"$LOGFILE"
  pg pg_ctl -D "$DATA" -l "$LOGFILE" -o "-p $PORT" -w -t "$ENGINE_START_TIMEOUT" start >/dev/null 9>&- ||
    { tail -n 40 "$LOGFILE" >&2; die "pg_ctl start failed"; }
  wait_ready "$ENGINE_START_TIMEOUT" - "$LOGFILE" ready || die "did not become ready"
  if [ -z "$(sql "select 1 from pg_database where datname = '$DATABASE'")" ]; then
    sql "create database $DATABASE" >/dev/null
  fi
  sql 'show server_version' | sed 's/^/PostgreSQL /' >"$ENGINE_DIR/version"
  echo "$URL" >"$ENGINE_DIR/url"
  # pg_ctl daemonizes; the postmaster's pid is the first line of postmaster.pid.
  head -n1 "$DATA/postmaster.pid" >"$ENGINE_DIR/pid"
  print_running
}

stop() {
  DATA="$(data_dir)"
  if running; then
    log "stopping the cluster in $DATA"
    pg pg_ctl -D "$DATA" -m fast -w stop >/dev/null
  fi
  rm -f "$ENGINE_DIR/url" "$ENGINE_DIR/pid"
}

status() {
  DATA="$(data_dir)"
  if running && ready; then
    print_running
  else
    log "not running"
    return 3
  fi
}

case "${1:-}" in
  start) lock_engine && start ;;
  stop) lock_engine && stop ;;
  status) status ;;
  clean) lock_engine && stop && rm -rf "$(data_dir)" "$LOGS" ;;
  *) usage ;;
esac
