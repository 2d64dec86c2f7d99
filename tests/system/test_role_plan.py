# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""langchain.langsmith.dataplane_plan, the role's one task that reads every cluster's request: each
host's variables of the role are templated with that host's own variables, wherever they are set (inventory,
play, the task's vars, set_fact, extra vars; the role's defaults and vars in every test that runs the
role), as a task for that host would see them, and validated against the role's argument specification;
on the oldest line of the matrix, the suite's own, and the newest."""

import json
import os

import pytest

from ansible_collections.langchain.langsmith.tests.system.harness import DEFAULT_LINE, MATRIX, run, tool_env

pytestmark = pytest.mark.slow

LINES = [MATRIX[0], DEFAULT_LINE, MATRIX[-1]]


def _write(workdir, name, data):
    path = os.path.join(str(workdir), name)
    with open(path, 'w', encoding='utf-8') as handle:
        json.dump(data, handle)
    return path


@pytest.mark.parametrize('line', LINES, ids=repr)
def test_each_host_request_is_templated_with_its_own_variables(line, tmp_path):
    hosts = ('inv', 'fact', 'other')
    inventory = _write(tmp_path, 'hosts.json', {'clusters': {
        # every host but one has a compute ID
        'hosts': {'inv': {'inv_ns': 'i-inv', 'cid': 'id-inv'}, 'fact': {'cid': 'id-fact'}, 'other': {'cid': 'id-other'},
                  'broken': {}},
        'vars': {'ansible_connection': 'local', 'ansible_python_interpreter': '{{ ansible_playbook_python }}'}}})
    # One namespace from each place a variable can come from; a place that does not set it for a host
    # gives "no-<place>-<host>".
    namespaces = "{{ [inv_ns | default('no-i-' ~ inventory_hostname), play_ns, task_ns, " \
                 "fact_ns | default('no-f-' ~ inventory_hostname), extra_ns] }}"
    role_variables = {'langsmith_compute_id': '{{ cid }}', 'langsmith_listener_state': 'present', 'langsmith_k8s_namespaces': namespaces}
    playbook = _write(tmp_path, 'plan.json', [{'hosts': 'clusters', 'gather_facts': False, 'vars': dict(role_variables, **{
        'play_ns': 'p-{{ inventory_hostname }}'}), 'tasks': [
        {'name': 'A fact of one host', 'ansible.builtin.set_fact': {'fact_ns': 'f-fact'}, 'when': "inventory_hostname == 'fact'"},
        {'name': 'The plan of the good hosts, once', 'run_once': True, 'register': 'good',
         'langchain.langsmith.dataplane_plan': {'hosts': "{{ ansible_play_batch | reject('eq', 'broken') | list }}"},
         'vars': {'task_ns': 't-{{ inventory_hostname }}'}},
        {'name': 'The plan of every host, once', 'run_once': True, 'register': 'every',
         'langchain.langsmith.dataplane_plan': {'hosts': '{{ ansible_play_batch }}'},
         'vars': {'task_ns': 't-{{ inventory_hostname }}'}},
        {'name': 'The plan of a host with a wrong value', 'run_once': True, 'register': 'wrong',
         'langchain.langsmith.dataplane_plan': {'hosts': ['inv']},
         'vars': {'task_ns': 't', 'langsmith_listener_state': 'maybe'}},
        {'name': 'Show them', 'run_once': True, 'ansible.builtin.copy': {
            'content': '{{ {"good": good, "every": every, "wrong": wrong} | to_json }}', 'dest': str(tmp_path / 'plans.json')}},
    ]}])
    proc = run([line.bin('ansible-playbook'), '-i', inventory, playbook, '-e', 'extra_ns=e-{{ inventory_hostname }}'],
               'role-plan-%s' % line.core, env=tool_env(line), check=False)
    assert proc.returncode == 0, proc.stdout[-3000:]
    with open(str(tmp_path / 'plans.json'), encoding='utf-8') as handle:
        plans = json.load(handle)

    good = plans['good']
    assert good['problems'] == [] and good['changed'] is False
    assert good['listeners'] == {host: {
        'compute_id': 'id-' + host, 'state': 'present',
        'k8s_namespaces': ['i-inv' if host == 'inv' else 'no-i-' + host, 'p-' + host, 't-' + host,
                           'f-fact' if host == 'fact' else 'no-f-' + host, 'e-' + host]} for host in hosts}

    # the host whose request cannot be templated is named, and nothing is planned
    every = plans['every']
    assert every['listeners'] == {} and len(every['problems']) == 1, every
    assert every['problems'][0].startswith('broken: its variables cannot be templated: ') and 'cid' in every['problems'][0]

    # a value that the role's argument specification refuses: named, as ansible-core's validation names it
    wrong = plans['wrong']
    assert wrong['listeners'] == {} and len(wrong['problems']) == 1, wrong
    assert wrong['problems'][0].startswith("inv: its variables do not pass the validation of the role's arguments")
    assert 'langsmith_listener_state' in wrong['problems'][0] and 'maybe' in wrong['problems'][0]
