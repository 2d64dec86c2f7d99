#!/usr/bin/env bash
# shellcheck disable=SC2154  # EMU_<name>_URL and EMU_<name>_CONTROL: set by emulator_start (setup_emulator/emulator.sh)
# The listeners module against the control plane emulator: check mode, create, rerun, update with
# diff, purge (checked first; refused while a deployment runs on a listener it would delete, and
# while the deployments cannot be read; then forced), a failed item amid good ones, and a run under injected faults that
# still converges every item.
set -eux

source ../setup_emulator/emulator.sh
emulator_start cp

ansible-playbook -i ../listener/playbooks/inventory.ini -e "@$EMU_VARS" \
    -e "cp_url=$EMU_cp_URL" -e "control_url=$EMU_cp_CONTROL" main.yml "$@"
