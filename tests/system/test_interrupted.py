# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A bootstrap with the data plane install, interrupted as Ctrl-C interrupts it (SIGINT to the whole
foreground process group) while Helm is installing the chart, or while the key's Secret is being
written: no file anywhere under $TMPDIR, Ansible's local temporary directory or its remote_tmp holds
the API key in any form. (The role used to hand the key to Helm in a values file, which an
interrupted run left behind; and a module's arguments, the key among them, are written to a file
under remote_tmp unless the module is pipelined.) And a module used directly, killed while it runs:
pipelined, it leaves no such file either."""

import json
import os
import signal
import subprocess
import time

import pytest

from ansible_collections.langchain.langsmith.plugins.module_utils._secrets import secret_forms
from ansible_collections.langchain.langsmith.tests.system.harness import DEFAULT_LINE, LOGS, EmulatorServer, tool_env
from ansible_collections.langchain.langsmith.tests.system.netfixtures import HostileServer, network_env, trickle
from ansible_collections.langchain.langsmith.tests.system.plays import Plays, task
from ansible_collections.langchain.langsmith.tests.system.standins import HELM_STANDIN, K8sStandin

pytestmark = pytest.mark.slow

KEY = 'lsv2_sk_interrupted_QzXwVbNmKpLr'
WORKSPACE_ID = '5f0e3c1a-9a4b-4c1e-8d2f-1b6a7c8d9e01'


def files_holding(roots, forms):
    found = []
    for root in roots:
        for folder, dummy, files in os.walk(root):
            for name in files:
                path = os.path.join(folder, name)
                with open(path, 'rb') as handle:
                    content = handle.read().decode('utf-8', 'replace')
                if any(form in content for form in forms):
                    found.append(path)
    return found


@pytest.mark.parametrize('moment', ['helm', 'secret'])
def test_an_interrupted_install_leaves_no_file_with_the_key(tmp_path, moment):
    config = tmp_path / 'config.json'
    config.write_text(json.dumps({'organizations': {'o': {'enterprise': True, 'workspaces': [WORKSPACE_ID]}},
                                  'api_keys': {KEY: {'organization': 'o', 'workspace': WORKSPACE_ID}}, 'bearer_tokens': {}}))
    server = EmulatorServer(tmp_path, '--config', str(config), '--prefix', '/api-host')
    k8s = K8sStandin(tmp_path)
    try:
        temp = {name: tmp_path / name for name in ('tmpdir', 'local_temp', 'remote_tmp')}
        for path in temp.values():
            path.mkdir()
        helm_dir = tmp_path / 'helm'
        (helm_dir / 'bin').mkdir(parents=True)
        (helm_dir / 'bin' / 'helm').write_text('#!/bin/sh\nexec "%s" "%s" "$@"\n' % (DEFAULT_LINE.bin('python'), HELM_STANDIN))
        (helm_dir / 'bin' / 'helm').chmod(0o755)
        kubeconfig = k8s.kubeconfig(tmp_path / 'kubeconfig.yml', 'cluster')
        if moment == 'secret':
            (tmp_path / 'k8s-standin' / 'faults.json').write_text(json.dumps({'Secret': {'delay': 60}}))
        inventory = tmp_path / 'inventory.yml'
        inventory.write_text(json.dumps({'langsmith_clusters': {'hosts': {'cluster': {
            'langsmith_k8s_namespaces': ['agents'], 'langsmith_dataplane_install': True, 'langsmith_kubeconfig': kubeconfig,
            'langsmith_workspace_id': WORKSPACE_ID, 'langsmith_control_plane_url': server.url}}}}))
        env = tool_env(TMPDIR=temp['tmpdir'], ANSIBLE_LOCAL_TEMP=temp['local_temp'], ANSIBLE_REMOTE_TMP=temp['remote_tmp'],
                       LANGSMITH_API_KEY=KEY, HELM_STANDIN_DIR=helm_dir, HELM_STANDIN_DELAY=60, STANDIN_CALLS=tmp_path / 'calls.jsonl')
        env['PATH'] = '%s:%s' % (helm_dir / 'bin', env['PATH'])
        log_path = os.path.join(LOGS, 'interrupted-%s.log' % moment)
        os.makedirs(LOGS, exist_ok=True)
        with open(log_path, 'w', encoding='utf-8') as log:
            command = [DEFAULT_LINE.bin('ansible-playbook'), 'langchain.langsmith.bootstrap_cluster', '-i', str(inventory)]
            proc = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT,  # pylint: disable=consider-using-with
                                    start_new_session=True)
            waiting = helm_dir / 'waiting' if moment == 'helm' else tmp_path / 'k8s-standin' / 'waiting'
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and proc.poll() is None and not waiting.exists():
                time.sleep(0.2)
            assert proc.poll() is None, 'the run ended before the moment to interrupt it: see %s' % log_path
            time.sleep(1)
            os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: the whole foreground process group
            proc.wait(timeout=120)
        with open(log_path, encoding='utf-8') as log:
            output = log.read()
        assert 'User interrupted execution' in output or proc.returncode != 0, output[-2000:]
        assert files_holding(temp.values(), secret_forms(KEY)) == []
        assert KEY not in output
    finally:
        k8s.stop()
        server.stop()


@pytest.mark.parametrize('how', ['ANSIBLE_PIPELINING', 'ansible_pipelining', None],
                         ids=['pipelined-by-the-environment', 'pipelined-by-a-host-variable', 'not-pipelined'])
def test_a_module_killed_while_it_runs_leaves_the_key_on_disk_only_without_pipelining(tmp_path, how):
    """docs/authentication.md and the README: with pipelining, a module used directly gets its arguments
    (the key among them, when it is an option) on its standard input, so no AnsiballZ file holds the key,
    while it runs or after a kill; without, the file stays behind. A server that trickles its answer
    holds the module while the test looks, then kills the run."""
    server = HostileServer(trickle(b'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n', b' ' * 100, 1))
    try:
        temp = {name: tmp_path / name for name in ('tmpdir', 'local_temp', 'remote_tmp')}
        for path in temp.values():
            path.mkdir()
        plays = Plays(tmp_path, control_plane_url=server.url, api_key=KEY, timeout=60)
        playbook, dummy = plays.playbook('killed', task('listener_info'))
        env = network_env(TMPDIR=temp['tmpdir'], ANSIBLE_LOCAL_TEMP=temp['local_temp'], ANSIBLE_REMOTE_TMP=temp['remote_tmp'],
                          ANSIBLE_PIPELINING=how == 'ANSIBLE_PIPELINING')
        if how == 'ansible_pipelining':
            with open(plays.inventory, 'a', encoding='utf-8') as handle:
                handle.write('[local:vars]\nansible_pipelining=true\n')
        log_path = os.path.join(LOGS, 'killed-%s.log' % (how or 'not-pipelined'))
        os.makedirs(LOGS, exist_ok=True)
        with open(log_path, 'w', encoding='utf-8') as log:
            proc = subprocess.Popen([DEFAULT_LINE.bin('ansible-playbook'), '-i', plays.inventory, playbook], env=env,  # pylint: disable=consider-using-with
                                    stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and proc.poll() is None and not server.connections:
                time.sleep(0.2)
            assert proc.poll() is None and server.connections, 'the module did not reach the server: see %s' % log_path
            while_running = files_holding(temp.values(), secret_forms(KEY))
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=60)
        after_kill = files_holding(temp.values(), secret_forms(KEY))
        if how:
            assert while_running == [] and after_kill == []
        else:  # what pipelining prevents
            assert [os.path.basename(path) for path in while_running] == ['AnsiballZ_listener_info.py']
            assert while_running == after_kill
    finally:
        server.stop()
