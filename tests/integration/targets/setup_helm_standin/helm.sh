#!/usr/bin/env bash
# Sourced by the runme.sh of a target that drives kubernetes.core.helm:
#   source ../setup_helm_standin/helm.sh
# puts a recording stand-in for the helm CLI first on PATH (no Kubernetes API server can run
# on the test machines) and sets HELM_STANDIN_DIR, where it keeps its releases (releases.json)
# and one JSON line per call (calls.jsonl). helm_standin_new_calls starts a new call log (the
# releases stay); helm_standin_cleanup removes everything (call it from the runme.sh's EXIT trap).
# When STANDIN_CALLS is set (../setup_k8s_standin/k8s.sh sets it), each call is also appended to
# that call log, shared with the Kubernetes API stand-in, without values (see helm_standin.py).

HELM_STANDIN_PYTHON="${ANSIBLE_TEST_PYTHON_INTERPRETER:-python}"
HELM_STANDIN_SCRIPT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/helm_standin.py"
HELM_STANDIN_DIR="$(mktemp -d)"
export HELM_STANDIN_DIR
mkdir "$HELM_STANDIN_DIR/bin"
printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$HELM_STANDIN_PYTHON" "$HELM_STANDIN_SCRIPT" > "$HELM_STANDIN_DIR/bin/helm"
chmod 0755 "$HELM_STANDIN_DIR/bin/helm"
export PATH="$HELM_STANDIN_DIR/bin:$PATH"

helm_standin_new_calls() {
    rm -f "$HELM_STANDIN_DIR/calls.jsonl"
}

helm_standin_cleanup() {
    rm -rf "$HELM_STANDIN_DIR"
}
