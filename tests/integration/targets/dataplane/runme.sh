#!/usr/bin/env bash
# The role langchain.langsmith.dataplane, through the playbooks bootstrap_cluster and
# decommission_cluster, for an inventory of three clusters, against the control plane emulator
# (below an /api-host prefix, as self-hosted) and a recording stand-in for the helm CLI driven by
# the real kubernetes.core.helm module (no Kubernetes API server can run here).
set -eux

source ../setup_emulator/emulator.sh
emulator_start cp --prefix /api-host
source ../setup_helm_standin/helm.sh
LOGS="$(mktemp -d)"
trap 'rm -rf "$LOGS"; helm_standin_cleanup; emulator_stop_all' EXIT

identity() { "$EMU_PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$EMU_VARS" "$1"; }
API_KEY="$(identity api_key)"
WORKSPACE_ID="$(identity workspace_id)"
CHECK=(-e "@$EMU_VARS" -e "cp_url=$EMU_cp_URL" -e "control_url=$EMU_cp_CONTROL" -e "helm_dir=$HELM_STANDIN_DIR")
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
# the emulator's requests since the last check, and its listeners (playbooks/expect.yml)
expect() { ansible-playbook playbooks/expect.yml "${CHECK[@]}" -e "$1"; }
# the helm stand-in's calls since the last check (playbooks/check_helm.yml): check_helm JSON [arguments...]
check_helm() { local vars="$1"; shift; ansible-playbook -i inventory.yml playbooks/check_helm.yml "${CHECK[@]}" -e "$vars" "$@"; helm_standin_new_calls; }
# no output shows the API key: no_secret NAME...
no_secret() { local name; for name in "$@"; do if grep -F "$API_KEY" "$LOGS/$name.log"; then return 1; fi; done; }

LISTENERS='{"expect_listeners": {"cluster-a": ["team-a", "team-a-batch"], "cluster-b-prod": ["team-b"], "cluster-c": ["team-c"]}}'

# --- register three clusters; a rerun changes nothing, at one listing plus one GET per cluster -----
ansible-playbook playbooks/setup.yml "${CHECK[@]}" -e reset=true
play check_new "${BOOTSTRAP[@]}" "${CONNECTION[@]}" --check
recap check_new $(each 1)
expect '{"expect_writes": 0, "expect_listeners": {}}'
play bootstrap "${BOOTSTRAP[@]}" "${CONNECTION[@]}" -vvv
recap bootstrap $(each 1)
expect '{"expect_counts": {"GET /v2/listeners": 1, "POST /v2/listeners": 3}}'
expect "$LISTENERS"
play rerun "${BOOTSTRAP[@]}" "${CONNECTION[@]}"
recap rerun $(each 0)
expect '{"expect_counts": {"GET /v2/listeners": 1, "GET /v2/listeners/{id}": 3}}'
# the facts, for the later tasks of a bootstrap playbook of the user's
play facts -i inventory.yml playbooks/facts.yml "${CONNECTION[@]}"
# the connection from the environment, with empty role variables (as an AWX survey leaves them)
LANGSMITH_API_KEY="$API_KEY" LANGSMITH_CONTROL_PLANE_URL="$EMU_cp_URL" LANGSMITH_WORKSPACE_ID="$WORKSPACE_ID" \
    play from_env "${BOOTSTRAP[@]}" -e langsmith_api_key= -e langsmith_workspace_id=
recap from_env $(each 0)
# only some hosts of the play run the role
play partial -i inventory.yml playbooks/partial.yml "${CONNECTION[@]}"
recap partial $(each 0)
# three plays (facts, from_env, partial): three listings, one GET per cluster that ran the role
expect '{"expect_counts": {"GET /v2/listeners": 3, "GET /v2/listeners/{id}": 8}}'
# module_defaults reach the role's modules
fails module_defaults -i inventory.yml playbooks/module_defaults.yml "${CONNECTION[@]}"
grep -F 'ca_path /nonexistent/internal-ca.pem does not exist' "$LOGS/module_defaults.log"
expect '{"expect_counts": {}}'
# more than 100 listeners: still one listing (of two pages) for the whole play
ansible-playbook playbooks/setup.yml "${CHECK[@]}" -e seed=150
play large "${BOOTSTRAP[@]}" "${CONNECTION[@]}"
recap large $(each 0)
expect '{"expect_counts": {"GET /v2/listeners": 2, "GET /v2/listeners/{id}": 3}}'
no_secret check_new bootstrap rerun facts from_env partial module_defaults large

# --- preflight: when one cluster's request is wrong, nothing is written for any cluster ------------
ansible-playbook playbooks/setup.yml "${CHECK[@]}" -e other_listener=true
fails served "${BOOTSTRAP[@]}" -i collisions/served.yml "${CONNECTION[@]}"
grep -F 'namespace shared is already served by the listener of compute_id other-cluster' "$LOGS/served.log"
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
grep -F 'langsmith_k8s_namespaces: Team_D is not a Kubernetes namespace name' "$LOGS/bad_input.log"
grep -F 'langsmith_k8s_namespaces is required when langsmith_listener_state is present' "$LOGS/bad_input.log"
fails bad_state "${BOOTSTRAP[@]}" "${CONNECTION[@]}" -e langsmith_listener_state=gone
grep -F 'value of langsmith_listener_state must be one of: present, absent, got: gone' "$LOGS/bad_state.log"
fails no_key "${BOOTSTRAP[@]}" "${CHECK[@]}" -e "langsmith_control_plane_url=$EMU_cp_URL"
grep -F 'api_key or bearer_token is required' "$LOGS/no_key.log"
expect '{"expect_counts": {}}'
expect '{"expect_listeners": {"cluster-a": ["team-a", "team-a-batch"], "cluster-b-prod": ["team-b"], "cluster-c": ["team-c"], "other-cluster": ["shared"]}}'
no_secret served twins workspaces bad_input bad_state no_key

# --- the data plane chart, through kubernetes.core.helm ---------------------------------------------
play install "${BOOTSTRAP[@]}" "${CONNECTION[@]}" "${HELM[@]}" -vvv
recap install $(each 1)
check_helm '{"expect_helm": "installed"}'
expect '{"expect_writes": 0}'
play install_rerun "${BOOTSTRAP[@]}" "${CONNECTION[@]}" "${HELM[@]}"
recap install_rerun $(each 0)
check_helm '{"expect_helm": "untouched"}'
expect '{"expect_counts": {"GET /v2/listeners": 2, "GET /v2/listeners/{id}": 3}}'
# the key in a Secret of the user's instead
play secret "${BOOTSTRAP[@]}" "${CONNECTION[@]}" "${HELM[@]}" -e langsmith_dataplane_existing_secret=langsmith-api-key
recap secret $(each 1)
check_helm '{"expect_helm": "installed", "expect_secret": "langsmith-api-key"}'
# a Helm error that quotes the values comes out with the key masked
HELM_STANDIN_FAIL=upgrade fails helm_error "${BOOTSTRAP[@]}" "${CONNECTION[@]}" "${HELM[@]}" -vvv
grep -F 'UPGRADE FAILED' "$LOGS/helm_error.log"
# (ansible-core 2.19 and later print the message as it is, older lines as a JSON string)
grep -F -e '"langsmithApiKey": "********"' -e '\"langsmithApiKey\": \"********\"' "$LOGS/helm_error.log"
grep -F 'data: {langsmith_api_key: ********}' "$LOGS/helm_error.log"
! grep -F "$(printf %s "$API_KEY" | base64)" "$LOGS/helm_error.log"
helm_standin_new_calls
expect '{"expect_writes": 0}'
# what the chart cannot do without, found before any request
fails no_smith "${BOOTSTRAP[@]}" "${CONNECTION[@]}" "${HELM[@]}" -e "langsmith_control_plane_url=$EMU_cp_CONTROL"
grep -F "langsmith_dataplane_install needs the LangSmith API URL: set langsmith_smith_backend_url (it cannot be derived from the control plane URL $EMU_cp_CONTROL)" "$LOGS/no_smith.log"
fails no_chart_key "${BOOTSTRAP[@]}" "${HELM[@]}" "${CHECK[@]}" -e "langsmith_control_plane_url=$EMU_cp_URL" \
    -e "langsmith_bearer_token=$(identity bearer_token)"
grep -F 'langsmith_dataplane_install needs the API key for the data plane' "$LOGS/no_chart_key.log"
grep -F 'langsmith_dataplane_install needs the workspace ID' "$LOGS/no_chart_key.log"
check_helm '{"expect_helm": "untouched"}'
expect '{"expect_counts": {}}'
no_secret install install_rerun secret helm_error no_smith no_chart_key

# --- decommission: the chart first, then the listener; a rerun has nothing to do -------------------
fails unlimited "${DECOMMISSION[@]}" "${CONNECTION[@]}"
grep -F 'This would decommission every host of langsmith_clusters (3 clusters)' "$LOGS/unlimited.log"
expect '{"expect_counts": {}}'
play decommission_one "${DECOMMISSION[@]}" "${CONNECTION[@]}" --limit cluster-c
recap decommission_one cluster-c:1
check_helm '{"expect_helm": "untouched"}'
expect '{"expect_listeners": {"cluster-a": ["team-a", "team-a-batch"], "cluster-b-prod": ["team-b"], "other-cluster": ["shared"]}}'
play decommission "${DECOMMISSION[@]}" "${CONNECTION[@]}" "${HELM[@]}" --limit cluster-a,cluster-b
recap decommission cluster-a:2 cluster-b:2
check_helm '{"expect_helm": "uninstalled"}' --limit cluster-a,cluster-b
expect '{"expect_listeners": {"other-cluster": ["shared"]}}'
play decommission_rerun "${DECOMMISSION[@]}" "${CONNECTION[@]}" "${HELM[@]}" -e langsmith_decommission_all=true
recap decommission_rerun cluster-a:0 cluster-b:0 cluster-c:1
check_helm '{"expect_helm": "uninstalled", "expect_deletes": 0}' --limit cluster-c
expect '{"expect_counts": {"GET /v2/listeners": 2}}'
play decommission_done "${DECOMMISSION[@]}" "${CONNECTION[@]}" "${HELM[@]}" -e langsmith_decommission_all=true
recap decommission_done $(each 0)
check_helm '{"expect_helm": "untouched"}'
expect '{"expect_counts": {"GET /v2/listeners": 2}}'
play facts_absent -i inventory.yml playbooks/facts.yml "${CONNECTION[@]}" -e langsmith_listener_state=absent
no_secret unlimited decommission_one decommission decommission_rerun decommission_done facts_absent
