#!/usr/bin/env bash
# Debian's Chromium for the browser tests (the dashboard), installed from the distribution's packages when missing.
# usage: deploy/local/chromium/chromium.sh ensure
# env:   CHROMIUM_BIN (/usr/bin/chromium), KINSHIP_ENGINES_DIR (<repo>/tmp/engines)
# Prints the browser's path on stdout once it runs. The CJK font lets the dashboard's Chinese labels render. Playwright's own browser download is not used: this machine's
# network reaches only package registries, and Debian's build is the one CI can install.
ENGINE=chromium
# shellcheck source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"
LOGS="$ENGINE_DIR/logs"

ensure() {
  if [ ! -x "$BIN" ]; then
    [ "$(id -u)" = 0 ] || die "Chromium is not installed; run 'sudo apt-get install -y chromium' (or set CHROMIUM_BIN)"
    require_command apt-get "installs Chromium from the distribution's packages"
    mkdir -p "$LOGS"
    log "installing Chromium with apt-get ..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-wqy-microhei >"$LOGS/apt-get.log" 2>&1 ||
      { apt-get update -q >>"$LOGS/apt-get.log" 2>&1 &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-wqy-microhei >>"$LOGS/apt-get.log" 2>&1; } ||
      die "apt-get install chromium failed; see $LOGS/apt-get.log"
  fi
  "$BIN" --version >/dev/null 2>&1 || die "$BIN does not run"
  echo "$BIN"
}

case "${1:-}" in
  ensure) ensure ;;
  *) die "usage: $0 ensure" ;;
esac
