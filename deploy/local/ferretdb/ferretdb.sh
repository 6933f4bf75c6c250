#!/usr/bin/env bash
# A MongoDB-compatible server: FerretDB 1.24 (SQLite backend) embedded in main.go beside this script, built
# with the fixes in patches/ (see patches/README.md).
# usage: deploy/local/ferretdb/ferretdb.sh start|stop|status|clean
# env:   MONGO_PORT (27017), KINSHIP_ENGINES_DIR (<repo>/tmp/engines), ENGINE_START_TIMEOUT (180 s)
# Prints mongodb://127.0.0.1:<port>/ on stdout once the server answers ping and buildInfo.
# FerretDB has no transactions, change streams, $lookup/$facet or TTL indexes: see /work/shared/INFRA.md.
ENGINE=ferretdb
# shellcheck source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

PORT="${MONGO_PORT:-27017}"
SRC="$LOCAL_DIR/ferretdb"
BIN="$ENGINE_DIR/bin/ferretdb"
DATA="$ENGINE_DIR/data"
LOGS="$ENGINE_DIR/logs"
PIDFILE="$ENGINE_DIR/pid"
LOGFILE="$LOGS/ferretdb.log"
URL="mongodb://127.0.0.1:$PORT/"

# Rebuilt only when main.go, go.mod, go.sum or a patch change; Go's own build cache makes a rebuild cheap.
build() {
  local want
  want="$(inputs_hash "$SRC/main.go" "$SRC/go.mod" "$SRC/go.sum" "$SRC"/patches/*.patch)"
  if [ -x "$BIN" ] && [ "$(cat "$BIN.inputs" 2>/dev/null)" = "$want" ]; then
    return 0
  fi
  require_command go "builds FerretDB from the Go module proxy"
  log "building FerretDB into $BIN (first build takes a minute or two) ..."
  mkdir -p "$(dirname "$BIN")" "$LOGS"
  patched_source >"$LOGS/build.log" 2>&1 || { cat "$LOGS/build.log" >&2; die "could not patch FerretDB's source; see $LOGS/build.log"; }
  # The PostgreSQL backend is left out: the SQLite one needs no other server and it halves the build.
  (cd "$SRC" && GOFLAGS=-mod=readonly go build -modfile "$ENGINE_DIR/src/go.mod" -tags ferretdb_no_postgresql -trimpath -o "$BIN.partial" .) \
    >>"$LOGS/build.log" 2>&1 || { cat "$LOGS/build.log" >&2; die "go build failed; see $LOGS/build.log"; }
  mv "$BIN.partial" "$BIN"
  echo "$want" >"$BIN.inputs"
}

# FerretDB's module source with patches/*.patch applied, under $ENGINE_DIR/src, and a go.mod beside it that
# points the module there (go.mod in this folder stays the plain dependency list).
patched_source() {
  local module dir
  module="$(sed -n 's/^require github.com\/FerretDB\/FerretDB \(v[^ ]*\)$/\1/p' "$SRC/go.mod")"
  [ -n "$module" ] || { echo "no FerretDB version in $SRC/go.mod" >&2; return 1; }
  dir="$(cd "$SRC" && go mod download -json "github.com/FerretDB/FerretDB@$module" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
  [ -d "$dir" ] || { echo "go mod download did not give FerretDB's source directory" >&2; return 1; }
  rm -rf "$ENGINE_DIR/src"
  mkdir -p "$ENGINE_DIR/src"
  cp -r "$dir" "$ENGINE_DIR/src/FerretDB"
  chmod -R u+w "$ENGINE_DIR/src/FerretDB"
  for p in "$SRC"/patches/*.patch; do
    echo "applying $(basename "$p")"
    # git is on every machine that has this checkout; patch(1) is not always installed.
    git apply -p1 --directory="$ENGINE_DIR/src/FerretDB" --unsafe-paths "$p" || return 1
  done
  cp "$SRC/go.sum" "$ENGINE_DIR/src/go.sum"
  { cat "$SRC/go.mod"; printf '\nreplace github.com/FerretDB/FerretDB => %s\n' "$ENGINE_DIR/src/FerretDB"; } >"$ENGINE_DIR/src/go.mod"
}

ready() { port_open "$PORT" && node_probe mongodb "$URL" >&2; }

start() {
  mkdir -p "$ENGINE_DIR" "$LOGS"
  if pid_alive "$PIDFILE"; then
    ready || die "pid $(cat "$PIDFILE") is alive but does not answer on $URL; see $LOGFILE or run '$0 stop'"
    print_running
    return 0
  fi
  port_open "$PORT" && die "port $PORT is taken by another process; set MONGO_PORT"
  require_command node "the readiness probe uses the mongodb driver"
  build
  log "starting FerretDB on 127.0.0.1:$PORT, data in $DATA, logs in $LOGFILE"
  echo "== start $(date -u +%FT%TZ)" >>"$LOGFILE"
  spawn_detached "$PIDFILE" "$LOGFILE" "$BIN" -listen "127.0.0.1:$PORT" -data-dir "$DATA" -log-level warn
  wait_ready "$ENGINE_START_TIMEOUT" "$PIDFILE" "$LOGFILE" ready || die "did not become ready"
  node_probe mongodb "$URL" | sed 's/ wire protocol$//' >"$ENGINE_DIR/version"
  echo "$URL" >"$ENGINE_DIR/url"
  print_running
}

stop() {
  if pid_alive "$PIDFILE"; then
    log "stopping pid $(cat "$PIDFILE")"
    stop_pid "$PIDFILE" 15
  fi
  rm -f "$ENGINE_DIR/url"
}

status() {
  if ! pid_alive "$PIDFILE"; then
    log "not running"
    return 3
  fi
  ready || { log "pid $(cat "$PIDFILE") is alive but does not answer on $URL; see $LOGFILE" && return 3; }
  print_running
}

case "${1:-}" in
  start) lock_engine && start ;;
  stop) lock_engine && stop ;;
  status) status ;;
  clean) lock_engine && stop && rm -rf "$DATA" "$LOGS" ;;
  *) usage ;;
esac
