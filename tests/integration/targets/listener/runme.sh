#!/usr/bin/env bash
# shellcheck disable=SC2154  # EMU_<name>_URL and EMU_<name>_CONTROL: set by emulator_start (setup_emulator/emulator.sh)
# The listener module against the control plane emulator: the lifecycle, errors, bad input,
# a workspace of more than 100 listeners, the /api-host prefix, org-scoped keys, bearer auth,
# and parallel runs on one compute_id.
set -eux

source ../setup_emulator/emulator.sh
emulator_start plain
emulator_start prefixed --prefix /api-host

export ANSIBLE_ROLES_PATH=..
INVENTORY=playbooks/inventory.ini
run() { ansible-playbook -i "$INVENTORY" -e "@$EMU_VARS" -e "control_url=$EMU_plain_CONTROL" "$@"; }

run playbooks/lifecycle.yml -e "cp_url=$EMU_plain_URL" "$@"
# The same lifecycle below a path prefix, with and without a trailing slash.
run playbooks/lifecycle.yml -e "cp_url=$EMU_prefixed_URL" -e "control_url=$EMU_prefixed_CONTROL" "$@"
run playbooks/lifecycle.yml -e "cp_url=$EMU_prefixed_URL/" -e "control_url=$EMU_prefixed_CONTROL" "$@"
run playbooks/auth.yml -e "cp_url=$EMU_plain_URL" "$@"
run playbooks/errors.yml -e "cp_url=$EMU_plain_URL" "$@"
run playbooks/large_workspace.yml -e "cp_url=$EMU_plain_URL" "$@"

# Parallel runs on one compute_id, as AWX forks or two job templates at once would.
PARALLEL=8
RESULTS="$(mktemp -d)"
run playbooks/reset.yml
pids=()
for i in $(seq 1 "$PARALLEL"); do
    ansible-playbook -i "$INVENTORY" -e "@$EMU_VARS" -e "cp_url=$EMU_plain_URL" -e "result_file=$RESULTS/$i.json" \
        playbooks/parallel_one.yml > "$RESULTS/$i.log" 2>&1 &
    pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done
run playbooks/parallel_check.yml -e "results_dir=$RESULTS" -e "expected_runs=$PARALLEL"
rm -rf "$RESULTS"
