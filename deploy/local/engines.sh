#!/usr/bin/env bash
# Starts, stops or reports the engines the e2e suites need, without Docker, several at once.
# usage: deploy/local/engines.sh start|stop|status|clean [kafka] [postgres] [ferretdb|mongodb]   (default: all)
# On start, prints one line per engine that is ready, in the form the e2e harness reads:
#   export KINSHIP_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/kinship
#   export KINSHIP_TEST_KAFKA_BROKERS=127.0.0.1:9092
#   export KINSHIP_TEST_MONGODB_URL=mongodb://127.0.0.1:27017/
# so `eval "$(deploy/local/engines.sh start)"` points a shell's test runs at them. Progress goes to stderr.
# Each engine's script (deploy/local/<engine>/<engine>.sh) documents its ports and settings.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

verb="${1:-}"
case "$verb" in
  start | stop | status | clean) shift ;;
  *)
    echo "usage: $0 start|stop|status|clean [kafka] [postgres] [ferretdb]" >&2
    exit 2
    ;;
esac

engines=()
for name in "${@:-kafka postgres ferretdb}"; do
  for e in $name; do
    case "$e" in
      kafka | postgres | ferretdb) engines+=("$e") ;;
      mongodb | mongo) engines+=(ferretdb) ;;
      *)
        echo "engines: unknown engine '$e' (kafka, postgres, ferretdb)" >&2
        exit 2
        ;;
    esac
  done
done

env_name() {
  case "$1" in
    kafka) echo KINSHIP_TEST_KAFKA_BROKERS ;;
    postgres) echo KINSHIP_TEST_POSTGRES_URL ;;
    ferretdb) echo KINSHIP_TEST_MONGODB_URL ;;
  esac
}

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# Engines start side by side (the Kafka JVM and a FerretDB build overlap); each reports on its own.
pids=()
for e in "${engines[@]}"; do
  "$HERE/$e/$e.sh" "$verb" >"$out/$e" &
  pids+=("$!")
done

failed=()
for i in "${!engines[@]}"; do
  e="${engines[$i]}"
  if wait "${pids[$i]}"; then
    if [ "$verb" = start ] || [ "$verb" = status ]; then
      echo "export $(env_name "$e")=$(tail -n1 "$out/$e")"
    fi
  else
    failed+=("$e")
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  [ "$verb" = status ] && { echo "engines: not running: ${failed[*]}" >&2; exit 3; }
  echo "engines: $verb failed for: ${failed[*]} (logs under ${KINSHIP_ENGINES_DIR:-$(cd "$HERE/../.." && pwd)/tmp/engines}/<engine>/logs)" >&2
  exit 1
fi
