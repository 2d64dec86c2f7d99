#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: listener_result
short_description: Give each host its part of a listeners result, as its own
version_added: 0.1.0
description:
  - After one M(langchain.langsmith.listeners) task has converged the listeners of every host of a play (C(run_once)),
    this task, run for each host, takes that host's item of the registered result and reports it as the host's own
    result, so that the play recap stays per host.
  - Sets the facts C(langsmith_listener) (the listener; V({}) with O(state=absent)) and C(langsmith_listener_id) (its
    ID, or V(null)), reports C(changed) when that host's listener changed, shows its diff under C(--diff), and fails the
    host whose item failed, with the item's message.
  - Runs on the controller like M(ansible.builtin.set_fact), with no module process and no request. The
    C(langchain.langsmith.dataplane) role uses it.
  - On ansible-core 2.21 and later the facts are variables of the host for the rest of the play, as
    M(ansible.builtin.set_fact) sets them. On older lines ansible-core lets only M(ansible.builtin.set_fact) do that,
    so they are host facts (under C(ansible_facts), and kept in a fact cache if one is configured), which Ansible
    also makes variables unless C(inject_facts_as_vars) is off.
  - It takes no connection options, so it is not in the action group C(langchain.langsmith.all).
author:
  - LangChain platform engineering (@langchain-ai)
extends_documentation_fragment:
  - action_common_attributes
  - action_common_attributes.conn
  - action_common_attributes.flow
  - langchain.langsmith.attributes.controller
attributes:
  check_mode:
    support: full
    details:
      - Reports what the listeners task predicted.
  diff_mode:
    support: full
    details:
      - The host's item's diff.
  idempotent:
    description:
      - When run twice in a row outside check mode, with the same arguments, the second invocation indicates no change.
    support: full
    details:
      - It reports the change that the listeners task made; run twice with the same result, it reports the same.
options:
  result:
    description:
      - This host's item of the registered result of the M(langchain.langsmith.listeners) task,
        C(registered.listeners[compute_id]).
      - Pass the item, not the whole result, so that each host templates its own part only.
    type: dict
    required: true
  state:
    description:
      - The state the listeners task asked for this host. With V(absent) the facts say that there is no listener.
    type: str
    choices: [present, absent]
    default: present
  stopped:
    description:
      - V(true) when the M(langchain.langsmith.listeners) task failed before any write (bad input, its listing, a
        namespace served outside the list, a refused delete), and O(result) is then that task's whole result (which holds
        no RV(langchain.langsmith.listeners#module:listeners)), and every host fails, so that none shows green when
        nothing of it was written.
      - The host whose item the failure concerns (its C(at_fault) compute IDs, or every host when it names none)
        fails with the task's message; the others say that nothing was written for them, and because of which.
    type: bool
    default: false
  compute_id:
    description:
      - This host's compute ID, with O(stopped=true), to tell whether the failure concerns it.
    type: str
seealso:
  - module: langchain.langsmith.listeners
"""

EXAMPLES = r"""
- name: Converge every cluster's listener, once for the play
  langchain.langsmith.listeners:
    listeners: "{{ groups['k8s_clusters'] | map('extract', hostvars, 'langsmith_listener_item') | list }}"
  run_once: true
  delegate_to: localhost
  register: fleet
  # Each host reports its own change, and its own failure, below: an item's failed write fails its host
  # alone, and a failure before any write fails every host.
  changed_when: false
  failed_when: false

- name: Each cluster's own result, facts and change
  langchain.langsmith.listener_result:
    result: "{{ fleet.listeners[inventory_hostname] if fleet.listeners is defined else fleet }}"
    stopped: "{{ fleet.listeners is not defined }}"
    compute_id: "{{ inventory_hostname }}"

- name: Use the facts
  ansible.builtin.debug:
    msg: "{{ inventory_hostname }}: {{ langsmith_listener_id }}"
"""

RETURN = r"""
msg:
  description: The item's message (what was done for this host's listener, or why its write failed).
  returned: always
  type: str
  sample: Listener prod-eu-1 is up to date
operation:
  description:
    - What the listeners task did to this host's listener (in check mode, would do), V(create), V(update) or V(delete);
      V(null) when it changed nothing. The item's RV(langchain.langsmith.listeners#module:listeners.operation).
  returned: success
  type: str
  sample: update
status:
  description:
    - The HTTP status of the answer that made the host fail, V(null) when none did; the item's
      RV(langchain.langsmith.listeners#module:listeners.status), or with O(stopped=true) the listeners task's own
      RV(langchain.langsmith.listeners#module:status).
  returned: failure
  type: int
  sample: 503
detail:
  description:
    - The API's own words about the failure, with the credentials masked; V(null) without them. The item's
      RV(langchain.langsmith.listeners#module:listeners.detail), or with O(stopped=true) the task's
      RV(langchain.langsmith.listeners#module:detail).
  returned: failure
  type: str
  sample: Service Unavailable
method:
  description: The method of the request that failed, V(null) when none did (from the item, or the task with O(stopped=true)).
  returned: failure
  type: str
  sample: PATCH
path:
  description:
    - The path of the request that failed, below the control plane URL, V(null) when none did (from the item, or the task
      with O(stopped=true)).
  returned: failure
  type: str
  sample: /v2/listeners/6f1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d
ansible_facts:
  description: The facts set for the host.
  returned: success
  type: dict
  contains:
    langsmith_listener:
      description: The listener as the API returned it (or as predicted in check mode); V({}) with O(state=absent).
      returned: success
      type: dict
    langsmith_listener_id:
      description: The listener's ID; V(null) before it exists (check mode) and with O(state=absent).
      returned: success
      type: str
"""
