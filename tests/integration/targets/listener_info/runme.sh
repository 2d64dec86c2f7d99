#!/usr/bin/env bash
# shellcheck disable=SC2154  # EMU_<name>_URL and EMU_<name>_CONTROL: set by emulator_start (setup_emulator/emulator.sh)
# listener_info against the control plane emulator, in a workspace of more than 100 listeners.
set -eux

source ../setup_emulator/emulator.sh
emulator_start plain

ansible-playbook -i ../listener/playbooks/inventory.ini -e "@$EMU_VARS" \
    -e "cp_url=$EMU_plain_URL" -e "control_url=$EMU_plain_CONTROL" main.yml "$@"
