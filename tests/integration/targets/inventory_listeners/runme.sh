#!/usr/bin/env bash
# shellcheck disable=SC2154  # EMU_<name>_URL and EMU_<name>_CONTROL: set by emulator_start (setup_emulator/emulator.sh)
# The langchain.langsmith.listeners inventory plugin against the emulator: ansible-inventory
# --list and a playbook over the inventory, in a workspace of more than 100 listeners, configured
# only by the environment variables an AWX credential sets. Then listener data as hostile input:
# Jinja in a compute ID, a version and a namespace is never templated (a marker file it would
# create stays absent), and compute IDs that cannot be host names (Jinja among them) are skipped with
# a warning.
set -eux

source ../setup_emulator/emulator.sh
emulator_start plain

python_json() { "$EMU_PYTHON" -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$EMU_VARS" "$1"; }

# 130 seeded listeners plus two with known namespaces and a version
ansible-playbook -i ../listener/playbooks/inventory.ini -e "@$EMU_VARS" \
    -e "cp_url=$EMU_plain_URL" -e "control_url=$EMU_plain_CONTROL" seed.yml "$@"

export LANGSMITH_CONTROL_PLANE_URL="$EMU_plain_URL"
LANGSMITH_API_KEY="$(python_json api_key)"
export LANGSMITH_API_KEY

WORK="$(mktemp -d)"
trap 'emulator_stop_all; rm -rf "$WORK"' EXIT
ansible-inventory -i clusters.langsmith_listeners.yml --list > "$WORK/inventory.json"
"$EMU_PYTHON" check_inventory.py "$WORK/inventory.json"

ansible-playbook -i clusters.langsmith_listeners.yml -e "control_url=$EMU_plain_CONTROL" over_inventory.yml "$@"

# Listener data is hostile input: whoever may write one listener must not run commands here.
MARKER="$WORK/ran"
"$EMU_PYTHON" hostile.py "$EMU_plain_URL" "$LANGSMITH_API_KEY" "$MARKER" "$WORK/expected.json" "$WORK/hostile_vars.yml"
ansible-inventory -i clusters.langsmith_listeners.yml --list > "$WORK/hostile.json" 2> "$WORK/hostile.stderr"
"$EMU_PYTHON" check_inventory.py hostile "$WORK/hostile.json" "$WORK/hostile.stderr" "$WORK/expected.json" "$MARKER"
ansible-playbook -i clusters.langsmith_listeners.yml -e "hostile_vars=$WORK/hostile_vars.yml" over_hostile.yml "$@"
if ls "$MARKER"-* 2> /dev/null; then echo "Jinja from the API ran" >&2; exit 1; fi
