# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""langchain.langsmith.listener_result after one run_once listeners task, as the modules' EXAMPLES
show it: each host reports its own change (and its diff), gets its facts, and fails alone when its
write failed; the run_once task reports no change on the host that ran it."""

import json
import os
import re

import pytest

from ansible_collections.langchain.langsmith.tests.system.harness import DEFAULT_LINE, MATRIX, run, tool_env

pytestmark = pytest.mark.slow

HOSTS = ('east', 'west', 'north')


def playbook(workdir, emulator, ids, hosts):
    inventory = os.path.join(str(workdir), 'hosts.yml')
    with open(inventory, 'w', encoding='utf-8') as handle:
        json.dump({'k8s_clusters': {'hosts': {host: {
            'ansible_connection': 'local', 'ansible_python_interpreter': '{{ ansible_playbook_python }}',
            'langsmith_listener_item': {'compute_id': host, 'k8s_namespaces': ['ns-' + host], 'version': version}}
            for host, version in hosts.items()}}}, handle)
    path = os.path.join(str(workdir), 'fleet.yml')
    play = [{'name': 'Fleet', 'hosts': 'k8s_clusters', 'gather_facts': False, 'tasks': [
        {'name': 'Converge every listener, once', 'run_once': True, 'register': 'fleet', 'changed_when': False,
         'failed_when': 'fleet.failed | default(false) and not fleet.listeners | default({})',
         'langchain.langsmith.listeners': {
             'listeners': "{{ groups['k8s_clusters'] | map('extract', hostvars, 'langsmith_listener_item') | list }}",
             'api_key': ids['api_key'], 'control_plane_url': emulator.url, 'retries': 0}},
        {'name': 'Each cluster its own result', 'langchain.langsmith.listener_result': {
            'result': '{{ fleet.listeners[inventory_hostname] }}'}},
        {'name': 'The facts', 'ansible.builtin.debug': {
            'msg': 'FACT {{ inventory_hostname }} {{ langsmith_listener_id }} {{ langsmith_listener.version }}'}},
    ]}]
    with open(path, 'w', encoding='utf-8') as handle:
        json.dump(play, handle)
    return inventory, path


def play(workdir, emulator, ids, name, hosts, *options):
    inventory, path = playbook(workdir, emulator, ids, hosts)
    proc = run([DEFAULT_LINE.bin('ansible-playbook'), '-i', inventory, path] + list(options), name, env=tool_env(), check=False)
    stats = {host: (int(changed), int(failed)) for host, changed, failed
             in re.findall(r'^(\w+)\s+: ok=\d+\s+changed=(\d+)\s+unreachable=0\s+failed=(\d+)', proc.stdout, re.M)}
    return proc, stats


def test_each_host_reports_its_own_change_facts_diff_and_failure(emulator, ids, tmp_path):
    proc, stats = play(tmp_path, emulator, ids, 'listener-result-create', dict.fromkeys(HOSTS, '1.0'))
    assert proc.returncode == 0 and stats == dict.fromkeys(HOSTS, (1, 0)), proc.stdout[-3000:]
    held = {listener['compute_id']: listener['id'] for listener in emulator.listeners()}
    for host in HOSTS:
        assert 'FACT %s %s 1.0' % (host, held[host]) in proc.stdout

    # one listener changes: only its host reports changed, with its diff; the host that ran the task does not
    proc, stats = play(tmp_path, emulator, ids, 'listener-result-update', dict(east='1.0', west='2.0', north='1.0'), '--diff')
    assert proc.returncode == 0 and stats == {'east': (0, 0), 'west': (1, 0), 'north': (0, 0)}, proc.stdout[-3000:]
    assert re.search(r'TASK \[Each cluster its own result\].*?-    "version": "1.0"\n\+    "version": "2.0"\n.*?changed: \[west\]',
                     proc.stdout, re.S)

    # one write fails: its host fails with the item's message, the others are converged and go on
    emulator.fault(method='PATCH', path='/v2/listeners/{id}', status=503, times=1)
    proc, stats = play(tmp_path, emulator, ids, 'listener-result-failure', dict(east='3.0', west='2.0', north='3.0'))
    assert proc.returncode != 0
    failed = [host for host, (dummy, fails) in stats.items() if fails]
    expected = {'east': (1, 0), 'west': (0, 0), 'north': (1, 0)}
    expected.update(dict.fromkeys(failed, (0, 1)))
    assert len(failed) == 1 and stats == expected, proc.stdout[-3000:]
    assert re.search(r'fatal: \[%s\]: FAILED! => .*"msg": "Request PATCH /v2/listeners/%s failed: 503'
                     % (failed[0], held[failed[0]]), proc.stdout)
    assert 'FACT %s' % failed[0] not in proc.stdout
    versions = {listener['compute_id']: listener['version'] for listener in emulator.listeners()}
    assert failed[0] in ('east', 'north')  # west asked for no change: no write that could fail
    assert versions == {'east': '3.0', 'west': '2.0', 'north': '3.0', failed[0]: '2.0' if failed[0] == 'west' else '1.0'}


def test_the_facts_are_variables_not_host_facts_on_2_21(emulator, ids, tmp_path):
    """ansible-core 2.21 lets an action set variables as set_fact does: the facts are variables even with
    inject_facts_as_vars off, and reading them raises no deprecation warning about injected facts."""
    line = MATRIX[-1]
    assert line.core == '2.21'
    inventory, path = playbook(tmp_path, emulator, ids, dict.fromkeys(HOSTS, '1.0'))
    for inject in ('true', 'false'):
        proc = run([line.bin('ansible-playbook'), '-i', inventory, path], 'listener-result-facts-%s' % inject,
                   env=tool_env(line, ANSIBLE_INJECT_FACT_VARS=inject), check=False)
        assert proc.returncode == 0, proc.stdout[-3000:]
        held = {listener['compute_id']: listener['id'] for listener in emulator.listeners()}
        for host in HOSTS:
            assert 'FACT %s %s 1.0' % (host, held[host]) in proc.stdout
        assert 'INJECT_FACTS_AS_VARS' not in proc.stdout


def test_the_facts_are_host_facts_before_2_21(emulator, ids, tmp_path):
    """What docs/docsite/rst/dataplane-role.rst says of 2.16 to 2.20: host facts, under ansible_facts, and variables only
    while inject_facts_as_vars is on (the run above shows them as variables with it on, the default)."""
    assert DEFAULT_LINE.core < '2.21'
    inventory, path = playbook(tmp_path, emulator, ids, dict.fromkeys(HOSTS, '1.0'))
    with open(path, encoding='utf-8') as handle:
        play = json.load(handle)
    play[0]['tasks'].append({'name': 'Under ansible_facts', 'ansible.builtin.debug': {
        'msg': 'HOSTFACT {{ inventory_hostname }} {{ ansible_facts.langsmith_listener_id }}'}})
    play[0]['tasks'][2]['ignore_errors'] = True  # the task that reads them as variables
    with open(path, 'w', encoding='utf-8') as handle:
        json.dump(play, handle)
    proc = run([DEFAULT_LINE.bin('ansible-playbook'), '-i', inventory, path], 'listener-result-host-facts',
               env=tool_env(ANSIBLE_INJECT_FACT_VARS='false'), check=False)
    assert proc.returncode == 0, proc.stdout[-3000:]
    held = {listener['compute_id']: listener['id'] for listener in emulator.listeners()}
    for host in HOSTS:
        assert 'HOSTFACT %s %s' % (host, held[host]) in proc.stdout
        assert 'FACT %s ' % host not in proc.stdout.replace('HOSTFACT', '')
    assert "'langsmith_listener_id' is undefined" in proc.stdout
