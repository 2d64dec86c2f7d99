# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Load: 60 concurrent ansible-playbook runs against one emulator on loopback, 50 on their own
compute_id and 10 on one shared compute_id, while the emulator answers 429 (Retry-After: 1) to one
request in five. Every run succeeds, exactly 51 listeners exist, exactly one shared run reports
changed, and every 429 was retried with its warning.

Bounded in count (60 runs) and time (a generous timeout on the runs, not a timed assertion); how
long it took is written to tests/output/suite/load.log. One task per run, no fact gathering.
"""

import json
import os
import re
import subprocess
import time

import pytest

from ansible_collections.langchain.langsmith.tests.system.harness import DEFAULT_LINE, LOGS, tool_env
from ansible_collections.langchain.langsmith.tests.system.plays import INVENTORY

pytestmark = pytest.mark.slow

OWN = 50
SHARED = 10
TIMEOUT = 900
RECAP = re.compile(r'^localhost\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)', re.M)
# Retry-After: 1 is waited as asked while the backoff is shorter (retries 1 and 2); a request turned
# away a third time waits its longer backoff, and says so.
RETRY_WARNINGS = re.compile(r'^\[WARNING\]: (GET|POST) /v2/listeners: 429 Too Many Requests; retrying in (1\.0 s as Retry-After asked|'
                            r'\d+\.\d s, not the 1 s that Retry-After asked: never less than the backoff) \(retry \d of 5\)$', re.M)


def playbook(workdir):
    path = os.path.join(str(workdir), 'one.yml')
    play = [{'name': 'One listener', 'hosts': 'localhost', 'gather_facts': False, 'tasks': [{
        'name': 'Ensure the listener',
        'langchain.langsmith.listener': {'control_plane_url': '{{ cp_url }}', 'api_key': '{{ api_key }}',
                                         'compute_id': '{{ compute_id }}', 'k8s_namespaces': ['load']}}]}]
    with open(path, 'w', encoding='utf-8') as handle:
        json.dump(play, handle)
    inventory = os.path.join(str(workdir), 'inventory.ini')
    with open(inventory, 'w', encoding='utf-8') as handle:
        handle.write(INVENTORY)
    return path, inventory


def test_60_concurrent_runs_under_rate_limiting(emulator, ids, tmp_path):
    emulator.fault(status=429, retry_after=1, every=5)
    path, inventory = playbook(tmp_path)
    compute_ids = ['load-%02d' % n for n in range(OWN)] + ['load-shared'] * SHARED
    env = tool_env()
    runs = []
    started = time.monotonic()
    for number, compute_id in enumerate(compute_ids):
        log = open(os.path.join(str(tmp_path), 'run-%02d.log' % number), 'w+', encoding='utf-8')  # pylint: disable=consider-using-with
        proc = subprocess.Popen(  # pylint: disable=consider-using-with
            [DEFAULT_LINE.bin('ansible-playbook'), '-i', inventory, path, '-e', 'cp_url=%s' % emulator.url,
             '-e', 'api_key=%s' % ids['api_key'], '-e', 'compute_id=%s' % compute_id],
            stdout=log, stderr=subprocess.STDOUT, env=env)
        runs.append((compute_id, proc, log))
    outputs = []
    try:
        for compute_id, proc, log in runs:
            proc.wait(timeout=max(1, TIMEOUT - (time.monotonic() - started)))
            log.seek(0)
            outputs.append((compute_id, proc.returncode, log.read()))
    finally:
        for dummy, proc, log in runs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            log.close()
    elapsed = time.monotonic() - started

    log = emulator.stats()['log']
    throttled = sum(1 for e in log if e['status'] == 429)
    os.makedirs(LOGS, exist_ok=True)
    with open(os.path.join(LOGS, 'load.log'), 'w', encoding='utf-8') as handle:
        handle.write('%d concurrent ansible-playbook runs in %.1f s; %d API requests, %d answered 429\n'
                     % (len(runs), elapsed, len(log), throttled))

    for compute_id, returncode, output in outputs:
        assert returncode == 0, '%s exited %d:\n%s' % (compute_id, returncode, output[-3000:])
    recaps = [(compute_id, RECAP.search(output).groups()) for compute_id, dummy, output in outputs]
    assert all(groups[2:] == ('0', '0') for dummy, groups in recaps)
    assert all(groups[1] == '1' for compute_id, groups in recaps if compute_id != 'load-shared')
    assert sorted(groups[1] for compute_id, groups in recaps if compute_id == 'load-shared') == ['0'] * (SHARED - 1) + ['1']

    listeners = emulator.listeners()
    assert len(listeners) == OWN + 1
    assert sorted(item['compute_id'] for item in listeners) == sorted(set(compute_ids))

    # One request in five was turned away, and each of those was retried, with its warning.
    assert throttled == len(log) // 5
    warned = [line for dummy, dummy2, output in outputs for line in output.splitlines() if '429' in line]
    assert sum(len(RETRY_WARNINGS.findall(output)) for dummy, dummy2, output in outputs) == throttled > 0, '\n'.join(warned)
