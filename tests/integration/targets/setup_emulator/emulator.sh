#!/usr/bin/env bash
# Sourced by the runme.sh of every target that needs the control plane emulator:
#   source ../setup_emulator/emulator.sh
#   emulator_start NAME [emulator options...]   -> sets EMU_<NAME>_URL and EMU_<NAME>_CONTROL
# Every emulator started here is stopped when the sourcing script exits.
# Also sets EMU_VARS: an extra-vars file with the emulator's keys and workspace IDs.

EMU_PYTHON="${ANSIBLE_TEST_PYTHON_INTERPRETER:-python}"
EMU_SCRIPT=""
for dir in ${ANSIBLE_COLLECTIONS_PATH//:/ } "$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)/../../.."; do
    candidate="$dir/ansible_collections/langchain/langsmith/emulator/langsmith_emulator.py"
    if [ -f "$candidate" ]; then EMU_SCRIPT="$candidate"; break; fi
done
if [ -z "$EMU_SCRIPT" ]; then echo "emulator/langsmith_emulator.py not found" >&2; exit 1; fi

EMU_DIR="$(mktemp -d)"
EMU_NAMES=()
EMU_VARS="$EMU_DIR/identities.json"
"$EMU_PYTHON" "$EMU_SCRIPT" identities > "$EMU_VARS"

emulator_start() {
    local name="$1"; shift
    "$EMU_PYTHON" "$EMU_SCRIPT" start --state-file "$EMU_DIR/$name.json" --log-file "$EMU_DIR/$name.log" "$@" > /dev/null
    EMU_NAMES+=("$name")
    eval "EMU_${name}_URL=\$(\"\$EMU_PYTHON\" -c 'import json,sys; print(json.load(open(sys.argv[1]))[\"url\"])' \"\$EMU_DIR/\$name.json\")"
    eval "EMU_${name}_CONTROL=\$(\"\$EMU_PYTHON\" -c 'import json,sys; print(json.load(open(sys.argv[1]))[\"control_url\"])' \"\$EMU_DIR/\$name.json\")"
}

emulator_stop_all() {
    local name
    for name in "${EMU_NAMES[@]}"; do
        "$EMU_PYTHON" "$EMU_SCRIPT" stop --state-file "$EMU_DIR/$name.json" || true
    done
    rm -rf "$EMU_DIR"
}
trap emulator_stop_all EXIT
