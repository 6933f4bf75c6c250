# Shared by the engine scripts beside this file; sourced, never run.
# Each engine keeps everything of one run under $ENGINE_DIR (default <repo>/tmp/engines/<engine>/):
# data/, logs/, pid, url, version, so a failed run can be inspected after the fact.

set -euo pipefail

KINSHIP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL_DIR="$KINSHIP_ROOT/deploy/local"
ENGINES_BASE="${KINSHIP_ENGINES_DIR:-$KINSHIP_ROOT/tmp/engines}"
ENGINE_START_TIMEOUT="${ENGINE_START_TIMEOUT:-180}"

# Set by each script before use.
ENGINE="${ENGINE:-engine}"
ENGINE_DIR="$ENGINES_BASE/$ENGINE"

log() { echo "$ENGINE: $*" >&2; }
die() {
  log "$*"
  exit 1
}

# Absolute path even when the directory does not exist yet.
abs_path() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac }

require_command() {
  command -v "$1" >/dev/null 2>&1 || die "needs '$1' on PATH ($2)"
}

# True when something accepts TCP connections on 127.0.0.1:$1 (bash's /dev/tcp, no nc needed).
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# sha256 over the given files, to tell whether a cached build or download still matches its inputs.
inputs_hash() { cat "$@" | sha256sum | cut -d' ' -f1; }

# wait_ready <seconds> <pidfile|-> <logfile> <check command...>
# Polls the check until it succeeds; fails early when the engine process died, and shows the log tail.
wait_ready() {
  local seconds="$1" pidfile="$2" logfile="$3"
  shift 3
  local deadline=$((SECONDS + seconds))
  while ((SECONDS < deadline)); do
    if "$@" >/dev/null 2>&1; then
      return 0
    fi
    if [ "$pidfile" != "-" ] && ! pid_alive "$pidfile"; then
      log "the process exited during start-up; last lines of $logfile:"
      tail -n 40 "$logfile" >&2 || true
      return 1
    fi
    sleep 0.5
  done
  log "not ready after ${seconds}s; last lines of $logfile:"
  tail -n 40 "$logfile" >&2 || true
  return 1
}

# stop_pid <pidfile> <seconds>: TERM, then KILL if it lingers.
stop_pid() {
  local pidfile="$1" seconds="$2"
  if ! pid_alive "$pidfile"; then
    rm -f "$pidfile"
    return 0
  fi
  local pid
  pid="$(cat "$pidfile")"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + seconds))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.3; done
  if kill -0 "$pid" 2>/dev/null; then
    log "did not stop within ${seconds}s; killing pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

# Runs a Node probe (deploy/local/probe.js) from the repo so it finds the drivers in node_modules.
node_probe() { (cd "$KINSHIP_ROOT" && node "$LOCAL_DIR/probe.js" "$@"); }

# Starts a command detached from the caller's session, so a test runner that started it may exit.
spawn_detached() {
  local pidfile="$1" logfile="$2"
  shift 2
  # 9>&-: the engine must not inherit the start lock's descriptor, or it would hold the lock for life.
  setsid "$@" >>"$logfile" 2>&1 </dev/null 9>&- &
  echo $! >"$pidfile"
}

# Serializes start/stop/clean of one engine: two test runs starting it at once must not both launch it.
lock_engine() {
  mkdir -p "$ENGINE_DIR"
  exec 9>>"$ENGINE_DIR/.lock"
  flock -w 900 9 || die "another start/stop of $ENGINE holds $ENGINE_DIR/.lock"
}

# Shared verbs: status prints the URL of a running engine; usage is the same for each script.
print_running() {
  log "running (pid $(cat "$ENGINE_DIR/pid" 2>/dev/null || echo '?'), $(cat "$ENGINE_DIR/version" 2>/dev/null || echo 'version unknown'), logs in $ENGINE_DIR/logs)"
  cat "$ENGINE_DIR/url"
}

usage() {
  echo "usage: $0 start|stop|status|clean   (clean = stop and delete data and logs, keep the cached build)" >&2
  exit 2
}
