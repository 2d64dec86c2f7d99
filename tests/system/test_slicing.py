# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""AWX job slicing: a job template with job_slice_count 2 runs bootstrap_cluster twice at once, each
run on its slice of the inventory (AWX gives slice k of n the hosts k, k+n, k+2n, ... of the
inventory, in order). Both slices converge every cluster exactly once: one create per cluster, no
create answered 409, every listener with its namespaces; each cluster reports changed in its own
slice's recap, and a rerun of both slices at once writes nothing. The namespace checks of each slice
are made against the workspace as listed: a cluster of slice 2 asking for a namespace that slice 1
registered fails, before any write of slice 2."""

import os
import re
import subprocess

import pytest
import yaml

from ansible_collections.langchain.langsmith.tests.system.harness import DEFAULT_LINE, LOGS, tool_env

pytestmark = pytest.mark.slow

CLUSTERS = ['cluster-%02d' % number for number in range(40)]
SLICES = 2


def awx_slice(hosts, number, count):
    """The hosts of slice ``number`` (1-based) of ``count``, as AWX slices an inventory."""
    return hosts[number - 1::count]


def write_slice(workdir, number, hosts, namespaces):
    path = os.path.join(str(workdir), 'slice-%d.yml' % number)
    group = {'hosts': {host: {'langsmith_k8s_namespaces': namespaces[host]} for host in hosts}}
    with open(path, 'w', encoding='utf-8') as handle:
        yaml.safe_dump({'langsmith_clusters': group}, handle)
    return path


def run_slices(emulator, ids, inventories, name):
    """bootstrap_cluster on every slice at once; [(exit code, output)] per slice."""
    env = tool_env(LANGSMITH_API_KEY=ids['api_key'], LANGSMITH_CONTROL_PLANE_URL=emulator.url)
    procs = [subprocess.Popen([DEFAULT_LINE.bin('ansible-playbook'), 'langchain.langsmith.bootstrap_cluster', '-i', inventory,  # pylint: disable=consider-using-with
                               '-f', '10'], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
             for inventory in inventories]
    outcomes = [(proc.wait(timeout=600), proc.stdout.read()) for proc in procs]
    os.makedirs(LOGS, exist_ok=True)
    for number, (code, output) in enumerate(outcomes, 1):
        with open(os.path.join(LOGS, '%s-slice-%d.log' % (name, number)), 'w', encoding='utf-8') as handle:
            handle.write('exit %d\n%s' % (code, output))
    return outcomes


def recap(output):
    return {host: int(changed) for host, changed in re.findall(r'^(\S+)\s+: ok=\d+\s+changed=(\d+)\s+unreachable=0\s+failed=0', output, re.M)}


def test_two_slices_at_once_converge_every_cluster_exactly_once(emulator, ids, tmp_path):
    namespaces = {host: ['ns-%s' % host, 'batch-%s' % host] for host in CLUSTERS}
    slices = [awx_slice(CLUSTERS, number, SLICES) for number in range(1, SLICES + 1)]
    assert slices[0][:2] == ['cluster-00', 'cluster-02'] and slices[1][:2] == ['cluster-01', 'cluster-03']
    inventories = [write_slice(tmp_path, number, hosts, namespaces) for number, hosts in enumerate(slices, 1)]

    outcomes = run_slices(emulator, ids, inventories, 'slicing-first')
    for (code, output), hosts in zip(outcomes, slices):
        assert code == 0, output[-3000:]
        assert recap(output) == {host: 1 for host in hosts}
    counts = emulator.stats()['counts']
    assert counts['POST /v2/listeners'] == len(CLUSTERS)
    assert [entry for entry in emulator.stats()['log'] if entry['status'] == 409] == []
    assert set(counts) == {'GET /v2/listeners', 'POST /v2/listeners'} and counts['GET /v2/listeners'] == SLICES
    held = {listener['compute_id']: sorted(listener['compute_config']['k8s_namespaces']) for listener in emulator.listeners()}
    assert held == {host: sorted(names) for host, names in namespaces.items()}

    emulator.call('POST', '/stats/reset')
    outcomes = run_slices(emulator, ids, inventories, 'slicing-rerun')
    for (code, output), hosts in zip(outcomes, slices):
        assert code == 0 and recap(output) == {host: 0 for host in hosts}, output[-3000:]
    assert emulator.stats()['counts'] == {'GET /v2/listeners': SLICES}


def test_a_namespace_of_another_slice_is_found_in_the_listing(emulator, ids, tmp_path):
    first = write_slice(tmp_path, 1, ['cluster-a'], {'cluster-a': ['shared']})
    second = write_slice(tmp_path, 2, ['cluster-b', 'cluster-c'], {'cluster-b': ['shared'], 'cluster-c': ['c']})
    (code, dummy), = run_slices(emulator, ids, [first], 'slicing-first-of-two')
    assert code == 0
    emulator.call('POST', '/stats/reset')
    (code, output), = run_slices(emulator, ids, [second], 'slicing-second-of-two')
    assert code != 0
    assert 'namespace shared is already served by the listener of compute_id cluster-a' in output
    assert emulator.stats()['counts'] == {'GET /v2/listeners': 1}
    assert [listener['compute_id'] for listener in emulator.listeners()] == ['cluster-a']
