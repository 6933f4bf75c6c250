#!/usr/bin/env bash
# Prepares the manifest checker's tools under tmp/k8s-check, each rebuilt only when its inputs change:
#   bin/render      the kustomize renderer (Go, this folder's main.go)
#   venv/           kubernetes-validate and its pinned dependencies (PyPI)
#   strimzi/crds/   Strimzi's CustomResourceDefinitions, generated from its API model (Maven Central)
# Safe to run concurrently: a lock serialises the runs. Prints where everything is on the last line.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
CACHE="${KINSHIP_K8S_CHECK_CACHE:-$REPO/tmp/k8s-check}"
mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock 9

log() { echo "k8s-check setup: $*" >&2; }
digest() { sha256sum "$@" | sha256sum | cut -d' ' -f1; }
# Runs "$2..." unless the stamp named $1 records the same digest of the inputs ($STAMP) as last time.
cached() {
  local stamp="$CACHE/$1.stamp"; shift
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$STAMP" ]; then return 0; fi
  rm -f "$stamp"
  "$@"
  echo "$STAMP" >"$stamp"
}

build_renderer() {
  log "building the kustomize renderer (Go)..."
  mkdir -p "$CACHE/bin"
  (cd "$HERE" && GOFLAGS=-mod=readonly go build -trimpath -o "$CACHE/bin/render.partial" .)
  mv "$CACHE/bin/render.partial" "$CACHE/bin/render"
}
STAMP="$(digest "$HERE/main.go" "$HERE/go.mod" "$HERE/go.sum")-$(go env GOVERSION)"
cached render build_renderer

make_venv() {
  log "installing kubernetes-validate into a virtualenv (PyPI)..."
  rm -rf "$CACHE/venv"
  python3 -m venv "$CACHE/venv"
  "$CACHE/venv/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$HERE/requirements.txt"
  "$CACHE/venv/bin/pip" check --disable-pip-version-check >/dev/null
}
STAMP="$(digest "$HERE/requirements.txt")-$(python3 --version 2>&1 | tr ' ' _)"
cached venv make_venv

generate_crds() {
  log "generating Strimzi's CRDs from its API model (Maven Central)..."
  local lib="$CACHE/strimzi/lib" out="$CACHE/strimzi/crds"
  rm -rf "$CACHE/strimzi" && mkdir -p "$lib" "$out"
  # Maven reports failures on stdout; keep its output in a log and show it only when it fails.
  mvn -q -B -Dstyle.color=never -f "$HERE/strimzi/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$lib" >"$CACHE/strimzi-maven.log" 2>&1 || { cat "$CACHE/strimzi-maven.log" >&2; return 1; }
  # As Strimzi's own build does (api/pom.xml), but only the kinds k8s/ uses, in their v1beta2 version.
  java -cp "$lib/*" io.strimzi.crdgenerator.CrdGenerator --yaml \
    --crd-api-version v1 --api-versions v1beta2 --storage-version v1beta2 \
    io.strimzi.api.kafka.model.kafka.Kafka="$out/kafka.yaml" \
    io.strimzi.api.kafka.model.nodepool.KafkaNodePool="$out/kafkanodepool.yaml" \
    io.strimzi.api.kafka.model.topic.KafkaTopic="$out/kafkatopic.yaml" \
    io.strimzi.api.kafka.model.user.KafkaUser="$out/kafkauser.yaml" \
    2> >(grep -v '^SLF4J' >&2)
  sed -n 's:.*<strimzi.version>\(.*\)</strimzi.version>.*:\1:p' "$HERE/strimzi/pom.xml" >"$out/RELEASE"
}
STAMP="$(digest "$HERE/strimzi/pom.xml")"
cached strimzi generate_crds

echo "render=$CACHE/bin/render python=$CACHE/venv/bin/python crds=$CACHE/strimzi/crds"
