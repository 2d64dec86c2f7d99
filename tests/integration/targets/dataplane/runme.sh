#!/usr/bin/env bash
# shellcheck disable=SC2154  # EMU_<name>_URL and EMU_<name>_CONTROL: set by emulator_start (setup_emulator/emulator.sh)
# The role langchain.langsmith.dataplane, through the playbooks bootstrap_cluster and
# decommission_cluster, for an inventory of three clusters, against the control plane emulator
# (below an /api-host prefix, as self-hosted), and for the chart's tasks against the real
# kubernetes.core.k8s and kubernetes.core.helm modules driving stand-ins: a small Kubernetes API
# server on loopback (namespaces, Secrets, Roles, RoleBindings, CRDs and their resources) and a recording helm CLI. No Kubernetes API server can
# run here; both stand-ins log their calls, in order, to one file (STANDIN_CALLS).
set -eux

source ../setup_emulator/emulator.sh
emulator_start cp --prefix /api-host
source ../setup_helm_standin/helm.sh
source ../setup_k8s_standin/k8s.sh
LOGS="$(mktemp -d)"
trap 'rm -rf "$LOGS"; helm_standin_cleanup; k8s_standin_stop; emulator_stop_all' EXIT

identity() { "$EMU_PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$EMU_VARS" "$1"; }
API_KEY="$(identity api_key)"
WORKSPACE_ID="$(identity workspace_id)"
# One kubeconfig per cluster, or a context of a shared one whose current context is neither cluster,
# so that a forgotten context shows.
KUBECONFIGS="$LOGS/kubeconfigs"
mkdir "$KUBECONFIGS"
k8s_standin_kubeconfig "$KUBECONFIGS/cluster-a.yml" cluster-a
k8s_standin_kubeconfig "$KUBECONFIGS/shared.yml" elsewhere cluster-b cluster-c
CHECK=(-e "@$EMU_VARS" -e "cp_url=$EMU_cp_URL" -e "control_url=$EMU_cp_CONTROL" -e "helm_dir=$HELM_STANDIN_DIR"
       -e "k8s_url=$K8S_STANDIN_URL" -e "k8s_dir=$K8S_STANDIN_DIR" -e "calls_file=$STANDIN_CALLS" -e "kubeconfig_dir=$KUBECONFIGS")
CONNECTION=(-e @connection.yml "${CHECK[@]}")
BOOTSTRAP=(langchain.langsmith.bootstrap_cluster -i inventory.yml)
DECOMMISSION=(langchain.langsmith.decommission_cluster -i inventory.yml)
HELM=(-e langsmith_dataplane_install=true)

# ansible-playbook, its output kept in $LOGS/NAME.log: play NAME [arguments...]
play() {
    local name="$1" rc=0; shift
    ansible-playbook "$@" > "$LOGS/$name.log" 2>&1 || rc=$?
    cat "$LOGS/$name.log"
    return "$rc"
}
# the same, expected to fail: fails NAME [arguments...]
fails() {
    local name="$1"; shift
    if play "$name" "$@"; then echo "expected $name to fail" >&2; return 1; fi
}
# the play recap of log NAME lists exactly these hosts, with these changed counts and no failure:
# recap NAME HOST:CHANGED...
recap() {
    local log="$LOGS/$1.log" pair; shift
    [ "$(grep -cE '^[a-z0-9-]+ +: ok=' "$log")" -eq "$#" ]
    for pair in "$@"; do
        grep -E "^${pair%%:*} +: ok=[0-9]+ +changed=${pair#*:} +unreachable=0 +failed=0 " "$log"
    done
}
each() { echo "cluster-a:$1 cluster-b:$1 cluster-c:$1"; }
# every host of the play failed, and nothing changed: all_failed NAME HOST...
all_failed() {
    local log="$LOGS/$1.log" host; shift
    [ "$(grep -cE '^[a-z0-9-]+ +: ok=' "$log")" -eq "$#" ]
    for host in "$@"; do
        grep -E "^${host} +: ok=[0-9]+ +changed=0 +unreachable=0 +failed=1 " "$log"
    done
}
# the emulator's requests since the last check, and its listeners (playbooks/expect.yml)
expect() { ansible-playbook playbooks/expect.yml "${CHECK[@]}" -e "$1"; }
# what the stand-ins saw since the last check (playbooks/check_cluster.yml): check_cluster JSON [arguments...]
check_cluster() {
    local vars="$1"; shift
    ansible-playbook -i inventory.yml playbooks/check_cluster.yml "${CHECK[@]}" -e "$vars" "$@"
    helm_standin_new_calls
    rm -f "$STANDIN_CALLS"
}
# no output shows the API key: no_secret NAME...
no_secret() { local name; for name in "$@"; do if grep -F "$API_KEY" "$LOGS/$name.log"; then return 1; fi; done; }

LISTENERS='{"expect_listeners": {"cluster-a": ["team-a", "team-a-batch"], "cluster-b-prod": ["team-b"], "cluster-c": ["team-c"]}}'

# --- register three clusters; a rerun changes nothing, at one listing request -----------------------
ansible-playbook playbooks/setup.yml "${CHECK[@]}" -e reset=true
play check_new "${BOOTSTRAP[@]}" "${CONNECTION[@]}" --check
read -ra EACH <<< "$(each 1)"
recap check_new "${EACH[@]}"
expect '{"expect_writes": 0, "expect_listeners": {}}'
play bootstrap "${BOOTSTRAP[@]}" "${CONNECTION[@]}" -vvv
recap bootstrap "${EACH[@]}"
expect '{"expect_counts": {"GET /v2/listeners": 1, "POST /v2/listeners": 3}}'
expect "$LISTENERS"
play rerun "${BOOTSTRAP[@]}" "${CONNECTION[@]}"
read -ra NONE <<< "$(each 0)"
recap rerun "${NONE[@]}"
expect '{"expect_counts": {"GET /v2/listeners": 1}}'
# the listener IDs for the next node of an AWX workflow (set_stats), aggregated over the play
ANSIBLE_SHOW_CUSTOM_STATS=true play set_stats "${BOOTSTRAP[@]}" "${CONNECTION[@]}" -e langsmith_dataplane_set_stats=true
for compute_id in cluster-a cluster-b-prod cluster-c; do
    grep -E "\"$compute_id\": \"[0-9a-f-]{36}\"" "$LOGS/set_stats.log"
done
expect '{"expect_counts": {"GET /v2/listeners": 1}}'
# an update of one cluster: the listing and one PATCH; only that cluster reports changed
play update "${BOOTSTRAP[@]}" "${CONNECTION[@]}" -e '{"langsmith_listener_version": "0.13.0"}' --limit cluster-b --diff
recap update cluster-b:1
grep -F -- '+    "version": "0.13.0"' "$LOGS/update.log"
expect '{"expect_counts": {"GET /v2/listeners": 1, "PATCH /v2/listeners/{id}": 1}}'
play update_back "${BOOTSTRAP[@]}" "${CONNECTION[@]}" --limit cluster-b
recap update_back cluster-b:1
expect '{"expect_counts": {"GET /v2/listeners": 1, "PATCH /v2/listeners/{id}": 1}}'
# the facts, for the later tasks of a bootstrap playbook of the user's
play facts -i inventory.yml playbooks/facts.yml "${CONNECTION[@]}"
# the connection from the environment, with empty role variables (as an AWX survey leaves them)
LANGSMITH_API_KEY="$API_KEY" LANGSMITH_CONTROL_PLANE_URL="$EMU_cp_URL" LANGSMITH_WORKSPACE_ID="$WORKSPACE_ID" \
    play from_env "${BOOTSTRAP[@]}" -e langsmith_api_key= -e langsmith_workspace_id= -e "kubeconfig_dir=$KUBECONFIGS"
recap from_env "${NONE[@]}"
# a key with the newline that `echo KEY | ansible-vault encrypt_string` keeps: stripped
play key_newline "${BOOTSTRAP[@]}" "${CONNECTION[@]}" -e "{\"langsmith_api_key\": \"$API_KEY\\n\"}"
recap key_newline "${NONE[@]}"
# only some hosts of the play run the role
play partial -i inventory.yml playbooks/partial.yml "${CONNECTION[@]}"
recap partial "${NONE[@]}"
# four plays (facts, from_env, key_newline, partial): four listings, nothing else
expect '{"expect_counts": {"GET /v2/listeners": 4}}'
# module_defaults reach the role's modules
fails module_defaults -i inventory.yml playbooks/module_defaults.yml "${CONNECTION[@]}"
grep -F 'ca_path /nonexistent/internal-ca.pem does not exist' "$LOGS/module_defaults.log"
expect '{"expect_counts": {}}'
# more than 100 listeners: still one listing (of two pages) for the whole play
ansible-playbook playbooks/setup.yml "${CHECK[@]}" -e seed=150
play large "${BOOTSTRAP[@]}" "${CONNECTION[@]}"
recap large "${NONE[@]}"
expect '{"expect_counts": {"GET /v2/listeners": 2}}'
no_secret check_new bootstrap rerun update update_back facts from_env key_newline partial module_defaults large

# --- preflight: when one cluster's request is wrong, nothing is written for any cluster ------------
ansible-playbook playbooks/setup.yml "${CHECK[@]}" -e other_listener=true
fails served "${BOOTSTRAP[@]}" -i collisions/served.yml "${CONNECTION[@]}"
grep -F 'namespace shared is already served by the listener of compute_id other-cluster' "$LOGS/served.log"
# every cluster failed; cluster-d, which asks for the namespace, with the clash; the others saying why nothing was written
all_failed served cluster-a cluster-b cluster-c cluster-d
grep -E 'fatal: \[cluster-d\]: FAILED! => .*which this run does not manage, and asked for by compute_id cluster-d' "$LOGS/served.log"
grep -E 'fatal: \[cluster-a\]: FAILED! => .*Nothing was written for compute_id cluster-a: the listeners run stopped before any write, because of compute_id cluster-d' "$LOGS/served.log"
# (the 150 seeded listeners are still there: a listing of two pages)
expect '{"expect_counts": {"GET /v2/listeners": 2}}'
fails twins "${BOOTSTRAP[@]}" -i collisions/twins.yml "${CONNECTION[@]}"
grep -F 'namespace twin-ns is also requested by compute_id cluster-e (host cluster-e)' "$LOGS/twins.log"
grep -F 'namespace twin-ns is also requested by compute_id cluster-d (host cluster-d)' "$LOGS/twins.log"
grep -F 'langsmith_compute_id cluster-a is also the compute ID of cluster-f; every cluster needs its own' "$LOGS/twins.log"
grep -F 'langsmith_compute_id cluster-a is also the compute ID of cluster-a; every cluster needs its own' "$LOGS/twins.log"
LANGSMITH_API_KEY="$API_KEY" LANGSMITH_CONTROL_PLANE_URL="$EMU_cp_URL" \
    fails workspaces "${BOOTSTRAP[@]}" -i collisions/workspaces.yml "${CHECK[@]}"
grep -F 'cluster-d differ from cluster-a' "$LOGS/workspaces.log"
fails bad_input "${BOOTSTRAP[@]}" -i collisions/bad_input.yml "${CONNECTION[@]}"
all_failed bad_input cluster-a cluster-b cluster-c cluster-d cluster-e
grep -E 'fatal: \[cluster-b\]: FAILED! => .*Nothing was written for this cluster: the play stopped before any request, because of cluster-d, cluster-e' "$LOGS/bad_input.log"
grep -F "cluster-d: langsmith_k8s_namespaces: 'Team_D' is not a Kubernetes namespace name" "$LOGS/bad_input.log"
grep -F 'cluster-e: langsmith_k8s_namespaces is required when langsmith_listener_state is present' "$LOGS/bad_input.log"
# one cluster fails the role's argument validation: the others are not written either
fails bad_argument "${BOOTSTRAP[@]}" -i collisions/bad_argument.yml "${CONNECTION[@]}" -e langsmith_listener_version=0.14.0
grep -E "argument 'langsmith_dataplane_create_crds' is of type .* and we were unable to convert to bool" "$LOGS/bad_argument.log"  # 'str' from 2.19, the class before
grep -E 'fatal: \[cluster-a\]: FAILED! => .*Nothing was written for this cluster: the play stopped before any request, because of cluster-d' "$LOGS/bad_argument.log"
all_failed bad_argument cluster-a cluster-b cluster-c cluster-d
fails bad_state "${BOOTSTRAP[@]}" "${CONNECTION[@]}" -e langsmith_listener_state=gone
grep -F 'value of langsmith_listener_state must be one of: present, absent, got: gone' "$LOGS/bad_state.log"
# the listing answers 401: every cluster fails with it
fails wrong_key "${BOOTSTRAP[@]}" "${CONNECTION[@]}" -e langsmith_api_key=lsv2_sk_not_a_key_of_the_emulator
all_failed wrong_key cluster-a cluster-b cluster-c
[ "$(grep -cE 'fatal: \[cluster-[abc]\]: FAILED! => .*Request GET /v2/listeners failed: 401 Unauthorized' "$LOGS/wrong_key.log")" -eq 3 ]
# the control plane cannot be reached over TLS (the emulator serves plain HTTP): every cluster fails
fails tls "${BOOTSTRAP[@]}" "${CONNECTION[@]}" -e "langsmith_control_plane_url=${EMU_cp_URL/http:/https:}"
all_failed tls cluster-a cluster-b cluster-c
grep -F 'TLS handshake with https://' "$LOGS/tls.log"
# the one listing of the 401 (a 401 is not retried; the TLS run reached no HTTP server)
expect '{"expect_counts": {"GET /v2/listeners": 1}}'
fails no_key "${BOOTSTRAP[@]}" "${CHECK[@]}" -e "langsmith_control_plane_url=$EMU_cp_URL"
grep -F 'api_key or bearer_token is required' "$LOGS/no_key.log"
# a key that cannot go into a header: named, never shown
fails bad_key "${BOOTSTRAP[@]}" "${CONNECTION[@]}" -e "{\"langsmith_api_key\": \"${API_KEY:0:20}\\u0007${API_KEY:20}\"}"
grep -F 'api_key holds a control character at position 21' "$LOGS/bad_key.log"
# (not `! grep`: a negated command never stops a script under set -e)
if grep -F "${API_KEY:20}" "$LOGS/bad_key.log"; then echo "the API key is in bad_key.log" >&2; exit 1; fi
expect '{"expect_counts": {}}'
expect '{"expect_listeners": {"cluster-a": ["team-a", "team-a-batch"], "cluster-b-prod": ["team-b"], "cluster-c": ["team-c"], "other-cluster": ["shared"]}}'
no_secret served twins workspaces bad_input bad_argument bad_state wrong_key tls no_key bad_key

# --- the data plane chart: namespaces, the key's Secret, KEDA, then the chart -----------------------
rm -f "$STANDIN_CALLS"
play install "${BOOTSTRAP[@]}" "${CONNECTION[@]}" "${HELM[@]}" -vvv
# the namespaces, the Secret and the chart (and KEDA for cluster-c) changed; the listeners did not
recap install cluster-a:3 cluster-b:3 cluster-c:4
check_cluster '{"expect_helm": "installed", "first_install": true}'
expect '{"expect_writes": 0}'
# (the key in the controller's environment too: helm does not inherit it)
LANGSMITH_API_KEY="$API_KEY" play install_rerun "${BOOTSTRAP[@]}" "${CONNECTION[@]}" "${HELM[@]}"
recap install_rerun "${NONE[@]}"
check_cluster '{"expect_helm": "untouched"}'
expect '{"expect_counts": {"GET /v2/listeners": 2}}'
# a rolling upgrade, two clusters at a time (examples/rolling-upgrade.yml, as the role's guide shows it)
ROLLING=(-i inventory.yml "$(dirname "$(dirname "$EMU_SCRIPT")")/examples/rolling-upgrade.yml" -e batch_size=2)
play rolling "${ROLLING[@]}" "${CONNECTION[@]}" "${HELM[@]}"
recap rolling "${NONE[@]}"
check_cluster '{"expect_helm": "untouched"}'
# converged: one listing (of two pages) per batch, and nothing else
expect '{"expect_counts": {"GET /v2/listeners": 4}}'
# a batch that fails stops the rest: cluster-c, of the second batch, is not touched
HELM_STANDIN_FAIL=upgrade fails rolling_fails "${ROLLING[@]}" "${CONNECTION[@]}" "${HELM[@]}" -e langsmith_dataplane_chart_version=0.2.11
grep -F 'UPGRADE FAILED' "$LOGS/rolling_fails.log"
if grep -E '^cluster-c +: ' "$LOGS/rolling_fails.log"; then echo 'the batch after the failed one ran' >&2; exit 1; fi
helm_standin_new_calls
rm -f "$STANDIN_CALLS"
expect '{"expect_writes": 0}'
no_secret rolling rolling_fails
# the key in a Secret of the user's instead: the role writes none
play secret "${BOOTSTRAP[@]}" "${CONNECTION[@]}" "${HELM[@]}" -e langsmith_dataplane_existing_secret=langsmith-api-key
recap secret "${EACH[@]}"
check_cluster '{"expect_helm": "installed", "expect_secret": "langsmith-api-key"}'
# a Helm error comes out as the task's failure, without the key
HELM_STANDIN_FAIL=upgrade fails helm_error "${BOOTSTRAP[@]}" "${CONNECTION[@]}" "${HELM[@]}" -vvv --limit cluster-c
grep -F 'UPGRADE FAILED' "$LOGS/helm_error.log"
helm_standin_new_calls
# A Kubernetes error that quotes the Secret's data, for a key with characters that JSON escapes (a
# control plane of its own that knows that key): the failure is shown with the key masked.
QUOTED_KEY='lsv2_sk_quote"back\slash-0123456789abcdef'
"$EMU_PYTHON" -c 'import json, sys; print(json.dumps({"organizations": {"o": {"enterprise": True, "workspaces": [sys.argv[2]]}},
    "api_keys": {sys.argv[1]: {"organization": "o", "workspace": sys.argv[2]}}, "bearer_tokens": {}}))' \
    "$QUOTED_KEY" "$WORKSPACE_ID" > "$LOGS/quoted-key.json"
emulator_start quoted --prefix /api-host --config "$LOGS/quoted-key.json"
printf '{"Secret": {"invalid": true}}' > "$K8S_STANDIN_DIR/faults.json"
"$EMU_PYTHON" -c 'import json, sys; print(json.dumps({"langsmith_api_key": sys.argv[1], "langsmith_workspace_id": sys.argv[2],
    "langsmith_control_plane_url": sys.argv[3]}))' "$QUOTED_KEY" "$WORKSPACE_ID" "$EMU_quoted_URL" > "$LOGS/quoted-connection.json"
fails secret_error "${BOOTSTRAP[@]}" "${CHECK[@]}" "${HELM[@]}" --limit cluster-c -e "@$LOGS/quoted-connection.json" -vvv
# (ansible-core 2.19 and later print the message as it is, 2.16 to 2.18 as a JSON string)
grep -F -e 'Secret \"dataplane-langsmith-api-key\" is invalid: data[langsmith_api_key]: Invalid value: \"********\"' \
    -e 'Secret \\\"dataplane-langsmith-api-key\\\" is invalid: data[langsmith_api_key]: Invalid value: \\\"********\\\"' "$LOGS/secret_error.log"
for form in "$QUOTED_KEY" 'quote\"back\\slash' 'quote\\\"back' "$(printf %s "$QUOTED_KEY" | base64 -w0)" 'back\\\\slash'; do
    if grep -F -- "$form" "$LOGS/secret_error.log"; then echo "a form of the API key is in secret_error.log" >&2; exit 1; fi
done
rm -f "$K8S_STANDIN_DIR/faults.json" "$STANDIN_CALLS"
helm_standin_new_calls
expect '{"expect_writes": 0}'
# what the chart cannot do without, found before any request
# what the chart's tasks need on the control node, checked before any write: helm, kubernetes.core, the kubernetes
# library, each cluster's kubeconfig
PATH="${PATH//$HELM_STANDIN_DIR\/bin:/}" fails no_helm "${BOOTSTRAP[@]}" "${CONNECTION[@]}" "${HELM[@]}"
grep -F 'langsmith_dataplane_install needs the helm CLI (Helm 3 or 4) on the PATH of the control node, which has none' "$LOGS/no_helm.log"
all_failed no_helm cluster-a cluster-b cluster-c
ONLY_THIS="$LOGS/only-this-collection"
mkdir -p "$ONLY_THIS/ansible_collections/langchain"
ln -s "$(dirname "$(dirname "$EMU_SCRIPT")")" "$ONLY_THIS/ansible_collections/langchain/langsmith"
ANSIBLE_COLLECTIONS_PATH="$ONLY_THIS" fails no_kubernetes_core "${BOOTSTRAP[@]}" "${CONNECTION[@]}" "${HELM[@]}"
grep -F 'langsmith_dataplane_install needs the kubernetes.core collection (its helm and k8s modules), which cannot be found' "$LOGS/no_kubernetes_core.log"
mkdir -p "$LOGS/broken-library/kubernetes"
echo 'raise ImportError("a kubernetes library that does not import")' > "$LOGS/broken-library/kubernetes/__init__.py"
PYTHONPATH="$LOGS/broken-library${PYTHONPATH:+:$PYTHONPATH}" fails no_kubernetes_library "${BOOTSTRAP[@]}" "${CONNECTION[@]}" "${HELM[@]}"
grep -F 'import kubernetes failed: a kubernetes library that does not import' "$LOGS/no_kubernetes_library.log"
fails no_kubeconfig "${BOOTSTRAP[@]}" "${CONNECTION[@]}" "${HELM[@]}" --limit cluster-a -e langsmith_kubeconfig=/nonexistent/kubeconfig.yml
grep -F 'cluster-a: langsmith_kubeconfig /nonexistent/kubeconfig.yml is not a file on the control node' "$LOGS/no_kubeconfig.log"
fails no_smith "${BOOTSTRAP[@]}" "${CONNECTION[@]}" "${HELM[@]}" -e "langsmith_control_plane_url=$EMU_cp_CONTROL"
grep -F "langsmith_dataplane_install needs the LangSmith API URL: set langsmith_smith_backend_url (it cannot be derived from the control plane URL $EMU_cp_CONTROL)" "$LOGS/no_smith.log"
fails no_chart_key "${BOOTSTRAP[@]}" "${HELM[@]}" "${CHECK[@]}" -e "langsmith_control_plane_url=$EMU_cp_URL" \
    -e "langsmith_bearer_token=$(identity bearer_token)"
grep -F 'langsmith_dataplane_install needs the API key for the data plane' "$LOGS/no_chart_key.log"
grep -F 'langsmith_dataplane_install needs the workspace ID' "$LOGS/no_chart_key.log"
fails one_ingress "${BOOTSTRAP[@]}" "${CONNECTION[@]}" "${HELM[@]}" -e '{"langsmith_dataplane_values": {}}'
grep -F "cluster-a: langsmith_k8s_namespaces names 2 namespaces, and the chart's default Ingress routes only within its own namespace" "$LOGS/one_ingress.log"
fails crds_twice "${BOOTSTRAP[@]}" "${CONNECTION[@]}" "${HELM[@]}" -e "langsmith_kubeconfig=$KUBECONFIGS/shared.yml" \
    -e langsmith_kube_context=cluster-b -e '{"langsmith_dataplane_values": {"gateway": {"enabled": true}}}'
grep -F 'cluster-a, cluster-b, cluster-c install into the same Kubernetes cluster' "$LOGS/crds_twice.log"
check_cluster '{"expect_helm": "untouched"}'
expect '{"expect_counts": {}}'
no_secret install install_rerun secret helm_error no_helm no_kubernetes_core no_kubernetes_library no_kubeconfig no_smith no_chart_key one_ingress crds_twice

# --- no decommission while deployments run on a listener: refused before any chart is uninstalled ---
ansible-playbook playbooks/setup.yml "${CHECK[@]}" -e deploy_on=cluster-a
for mode in --check --diff; do
    fails "refused$mode" "${DECOMMISSION[@]}" "${CONNECTION[@]}" "${HELM[@]}" --limit cluster-a,cluster-b "$mode"
    all_failed "refused$mode" cluster-a cluster-b
    grep -E 'fatal: \[cluster-b\]: FAILED! => .*Nothing was written for compute_id cluster-b-prod: the listeners run stopped before any write, because of compute_id cluster-a' "$LOGS/refused$mode.log"
    grep -F 'Refusing to delete 1 listener that deployments run on, in workspace ' "$LOGS/refused$mode.log"
    grep -E 'listener cluster-a \(ID [0-9a-f-]{36}\): deployment cluster-a-agent \(ID [0-9a-f-]{36}, READY\)' "$LOGS/refused$mode.log"
    grep -F 'or set force: true (langsmith_listener_force: true for the dataplane role) to delete anyway. Nothing was changed' "$LOGS/refused$mode.log"
done
# nothing touched: no chart uninstalled, no listener deleted; each run listed the workspace (two pages) and its deployments
check_cluster '{"expect_helm": "untouched"}'
expect '{"expect_counts": {"GET /v2/listeners": 4, "GET /v2/deployments": 2}}'
# the clusters agree on force, or the preflight says so
fails force_differs "${DECOMMISSION[@]}" "${CONNECTION[@]}" --limit cluster-a,cluster-b -e '{"langsmith_listener_force": "{{ inventory_hostname == \"cluster-a\" }}"}'
grep -F 'langsmith_listener_force is true for cluster-a but not for cluster-b' "$LOGS/force_differs.log"
# with force, the preview passes
play forced_check "${DECOMMISSION[@]}" "${CONNECTION[@]}" "${HELM[@]}" --limit cluster-a,cluster-b --check -e langsmith_listener_force=true
recap forced_check cluster-a:3 cluster-b:3
# force: no deployments read
expect '{"expect_writes": 0, "expect_counts": {"GET /v2/listeners": 4}}'
ansible-playbook playbooks/setup.yml "${CHECK[@]}" -e clear_deployments=true
no_secret refused--check refused--diff force_differs forced_check

# --- decommission: the chart first, then the listener; a rerun has nothing to do -------------------
fails unlimited "${DECOMMISSION[@]}" "${CONNECTION[@]}"
all_failed unlimited cluster-a cluster-b cluster-c
grep -F 'This would decommission every host of langsmith_clusters (3 clusters)' "$LOGS/unlimited.log"
expect '{"expect_counts": {}}'
play decommission_one "${DECOMMISSION[@]}" "${CONNECTION[@]}" --limit cluster-c
recap decommission_one cluster-c:1
check_cluster '{"expect_helm": "untouched"}'
expect '{"expect_listeners": {"cluster-a": ["team-a", "team-a-batch"], "cluster-b-prod": ["team-b"], "other-cluster": ["shared"]}}'
# cluster-a holds the chart's CRD and two LGP resources (cluster-b, with createCRDs false, neither)
ansible-playbook playbooks/operator.yml "${CHECK[@]}"
helm_standin_new_calls
rm -f "$STANDIN_CALLS"
play decommission "${DECOMMISSION[@]}" "${CONNECTION[@]}" "${HELM[@]}" --limit cluster-a,cluster-b
recap decommission cluster-a:3 cluster-b:3
check_cluster '{"expect_helm": "uninstalled"}' --limit cluster-a,cluster-b
# what each decommission leaves, as the role's guide shows it ("What a decommission leaves")
grep -F '"msg": "cluster-a: the data plane chart is uninstalled. Left in the cluster: the CRD lgps.apps.langchain.ai (helm.sh/resource-policy: keep), 2 LGP resources (team-a/support-agent, team-a-batch/eval-agent), the namespaces and KEDA. Once no other data plane of the cluster uses them, remove the resources with kubectl delete lgps.apps.langchain.ai --all -A, then the CRD with kubectl delete crd lgps.apps.langchain.ai."' "$LOGS/decommission.log"
grep -F '"msg": "cluster-b: the data plane chart is uninstalled. Left in the cluster: no CRD lgps.apps.langchain.ai, 0 LGP resources, the namespaces and KEDA.' "$LOGS/decommission.log"
expect '{"expect_listeners": {"other-cluster": ["shared"]}}'
play decommission_rerun "${DECOMMISSION[@]}" "${CONNECTION[@]}" "${HELM[@]}" -e langsmith_decommission_all=true
recap decommission_rerun cluster-a:0 cluster-b:0 cluster-c:2
check_cluster '{"expect_helm": "uninstalled", "expect_deletes": 0}' --limit cluster-c
expect '{"expect_counts": {"GET /v2/listeners": 2}}'
play decommission_done "${DECOMMISSION[@]}" "${CONNECTION[@]}" "${HELM[@]}" -e langsmith_decommission_all=true
recap decommission_done "${NONE[@]}"
check_cluster '{"expect_helm": "untouched"}'
expect '{"expect_counts": {"GET /v2/listeners": 2}}'
play facts_absent -i inventory.yml playbooks/facts.yml "${CONNECTION[@]}" -e langsmith_listener_state=absent
no_secret unlimited decommission_one decommission decommission_rerun decommission_done facts_absent

# --- Helm 3 and Helm 4: kubernetes.core.helm reads `helm version` and speaks to each Helm in its words ---
# One cluster's chart install (atomic from module_defaults, which the role does not set) and its
# decommission, with the helm stand-in answering as Helm 3.17.3 and then as Helm 4.1.4: with Helm 4,
# atomic is --rollback-on-failure and the uninstall's listing has no --all (which Helm 4 refuses).
for HELM_STANDIN_VERSION in v3.17.3 v4.1.4; do
    export HELM_STANDIN_VERSION
    LINE="${HELM_STANDIN_VERSION:1:1}"
    helm_standin_new_calls
    rm -f "$STANDIN_CALLS"
    play "helm${LINE}_install" -i inventory.yml playbooks/helm_line.yml "${CONNECTION[@]}" "${HELM[@]}" --limit cluster-a
    recap "helm${LINE}_install" cluster-a:3
    ansible-playbook playbooks/check_helm_line.yml "${CHECK[@]}" -e "{\"helm_line\": \"$LINE\", \"expect_atomic\": true}"
    check_cluster '{"expect_helm": "installed"}' --limit cluster-a
    # what is left cannot be listed: the LGP resources (with Helm 3), the CRD (with Helm 4); the report says so
    if [ "$LINE" = 3 ]; then FORBIDDEN=LGP; else FORBIDDEN=CustomResourceDefinition; fi
    echo "{\"$FORBIDDEN\": {\"forbidden\": true}}" > "$K8S_STANDIN_DIR/faults.json"
    play "helm${LINE}_decommission" "${DECOMMISSION[@]}" "${CONNECTION[@]}" "${HELM[@]}" --limit cluster-a
    rm "$K8S_STANDIN_DIR/faults.json"
    recap "helm${LINE}_decommission" cluster-a:3
    if [ "$LINE" = 3 ]; then
        grep -F 'Left in the cluster: the CRD lgps.apps.langchain.ai (helm.sh/resource-policy: keep), the LGP resources, which could not be listed (' "$LOGS/helm3_decommission.log"
        grep -F 'lgps is forbidden: User' "$LOGS/helm3_decommission.log"
    else
        grep -F 'Left in the cluster: the CRD lgps.apps.langchain.ai unless it is gone (it could not be listed: ' "$LOGS/helm4_decommission.log"
        grep -F '), any LGP resources, the namespaces and KEDA.' "$LOGS/helm4_decommission.log"
    fi
    ansible-playbook playbooks/check_helm_line.yml "${CHECK[@]}" -e "{\"helm_line\": \"$LINE\", \"expect_uninstall\": true}"
    check_cluster '{"expect_helm": "uninstalled"}' --limit cluster-a
    expect '{"expect_listeners": {"other-cluster": ["shared"]}}'
    no_secret "helm${LINE}_install" "helm${LINE}_decommission"
done
unset HELM_STANDIN_VERSION
