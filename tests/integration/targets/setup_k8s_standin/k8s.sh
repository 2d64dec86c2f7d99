#!/usr/bin/env bash
# Sourced by the runme.sh of a target that drives kubernetes.core.k8s:
#   source ../setup_k8s_standin/k8s.sh
#   trap 'k8s_standin_stop; ...' EXIT        # the caller's trap must call k8s_standin_stop
# starts a stand-in for the Kubernetes API server (k8s_standin.py: Namespaces and Secrets of any
# number of clusters; no real one can run on the test machines) on a free loopback port, and sets
#   K8S_STANDIN_URL   its URL; the cluster NAME is at $K8S_STANDIN_URL/clusters/NAME
#   K8S_STANDIN_DIR   where it keeps its objects: state.json ({cluster: {"namespaces": ..., "secrets": ...}})
#   STANDIN_CALLS     (unless already set) $K8S_STANDIN_DIR/calls.jsonl: one JSON line per call, of
#                     this stand-in and of the helm stand-in (../setup_helm_standin), in order
# k8s_standin_kubeconfig FILE CLUSTER [CLUSTER...] writes a kubeconfig with a context per cluster,
# named like it, the first one current. k8s_standin_stop stops the server and removes
# $K8S_STANDIN_DIR; it sets no trap of its own, so that it does not replace the caller's (the server
# also stops by itself when the shell that sourced this file ends).

K8S_STANDIN_PYTHON="${ANSIBLE_TEST_PYTHON_INTERPRETER:-python}"
K8S_STANDIN_SCRIPT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/k8s_standin.py"
K8S_STANDIN_DIR="$(mktemp -d)"
export K8S_STANDIN_DIR
export STANDIN_CALLS="${STANDIN_CALLS:-$K8S_STANDIN_DIR/calls.jsonl}"

"$K8S_STANDIN_PYTHON" "$K8S_STANDIN_SCRIPT" serve --dir "$K8S_STANDIN_DIR" 2> "$K8S_STANDIN_DIR/server.log" &
K8S_STANDIN_PID=$!
for _ in $(seq 100); do
    if [ -s "$K8S_STANDIN_DIR/url" ] || ! kill -0 "$K8S_STANDIN_PID" 2> /dev/null; then break; fi
    sleep 0.1
done
if [ ! -s "$K8S_STANDIN_DIR/url" ]; then
    echo "the Kubernetes API stand-in did not start:" >&2
    cat "$K8S_STANDIN_DIR/server.log" >&2
    exit 1
fi
K8S_STANDIN_URL="$(cat "$K8S_STANDIN_DIR/url")"
export K8S_STANDIN_URL

k8s_standin_kubeconfig() {
    local file="$1"; shift
    "$K8S_STANDIN_PYTHON" "$K8S_STANDIN_SCRIPT" kubeconfig --url "$K8S_STANDIN_URL" --out "$file" "$@"
}

k8s_standin_stop() {
    kill "$K8S_STANDIN_PID" 2> /dev/null || true
    wait "$K8S_STANDIN_PID" 2> /dev/null || true
    rm -rf "$K8S_STANDIN_DIR"
}
