#!/usr/bin/env bash
# Renders each kustomization (default: every folder of k8s/overlays) and validates every resource it yields
# (validate.py); exits non-zero when any overlay fails to render or holds an invalid resource.
#   deploy/k8s-check/check.sh [KUSTOMIZATION_DIR...]
# KINSHIP_K8S_VERSION picks the Kubernetes version to validate against (default 1.33). The rendered YAML and a
# JSON copy are kept in tmp/k8s-check/rendered/<folder name>.{yaml,json}.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
CACHE="${KINSHIP_K8S_CHECK_CACHE:-$REPO/tmp/k8s-check}"
VERSION="${KINSHIP_K8S_VERSION:-1.33}"

"$HERE/setup.sh" >/dev/null
if [ "$#" -eq 0 ]; then
  set -- "$REPO"/k8s/overlays/*/
fi
mkdir -p "$CACHE/rendered"
status=0
for dir in "$@"; do
  name="$(basename "$dir")"
  out="$CACHE/rendered/$name"
  if ! "$CACHE/bin/render" "$dir" >"$out.yaml"; then
    echo "ERROR $name: kustomize could not render $dir"
    status=1
    continue
  fi
  "$CACHE/venv/bin/python" "$HERE/validate.py" --kubernetes-version "$VERSION" --crds "$CACHE/strimzi/crds" \
    --json-out "$out.json" "$out.yaml" || status=1
done
exit "$status"
