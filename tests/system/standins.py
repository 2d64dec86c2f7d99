# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The stand-ins of the Kubernetes API server and of the helm CLI (tests/integration/targets/
setup_k8s_standin and setup_helm_standin), for the system tests.

``K8sStandin(workdir)`` runs the API stand-in in its own process (``stop()`` ends it); both
stand-ins append their calls to its ``calls_file`` (``STANDIN_CALLS``). ``run_helm`` runs the
helm stand-in once.
"""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from ansible_collections.langchain.langsmith.tests.system.harness import ROOT

TARGETS = os.path.join(ROOT, 'tests', 'integration', 'targets')
K8S_STANDIN = os.path.join(TARGETS, 'setup_k8s_standin', 'k8s_standin.py')
K8S_SH = os.path.join(TARGETS, 'setup_k8s_standin', 'k8s.sh')
HELM_STANDIN = os.path.join(TARGETS, 'setup_helm_standin', 'helm_standin.py')


def read_calls(path):
    """The lines of a call log, parsed."""
    if not os.path.exists(path):
        return []
    with open(path, encoding='utf-8') as handle:
        return [json.loads(line) for line in handle]


class K8sStandin:
    """The Kubernetes API stand-in on a free loopback port, in its own process."""

    def __init__(self, workdir):
        workdir = str(workdir)
        self.dir = os.path.join(workdir, 'k8s-standin')
        os.makedirs(self.dir)
        self.calls_file = os.path.join(workdir, 'calls.jsonl')
        with open(os.path.join(self.dir, 'server.log'), 'w', encoding='utf-8') as log:
            self.process = subprocess.Popen([sys.executable, K8S_STANDIN, 'serve', '--dir', self.dir],  # pylint: disable=consider-using-with
                                            env=dict(os.environ, STANDIN_CALLS=self.calls_file), stderr=log)
        url_file = os.path.join(self.dir, 'url')
        deadline = time.time() + 20
        while not os.path.exists(url_file) and self.process.poll() is None and time.time() < deadline:
            time.sleep(0.05)
        if not os.path.exists(url_file):
            self.stop()
            with open(os.path.join(self.dir, 'server.log'), encoding='utf-8') as log:
                pytest.fail('the Kubernetes API stand-in did not start:\n%s' % log.read(), pytrace=False)
        with open(url_file, encoding='utf-8') as handle:
            self.url = handle.read().strip()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)

    def state(self):
        with open(os.path.join(self.dir, 'state.json'), encoding='utf-8') as handle:
            return json.load(handle)

    def calls(self):
        return read_calls(self.calls_file)

    def kubeconfig(self, path, *clusters):
        """Write a kubeconfig with a context per cluster (the first one current); return its path."""
        subprocess.run([sys.executable, K8S_STANDIN, 'kubeconfig', '--url', self.url, '--out', str(path)] + list(clusters), check=True)
        return str(path)

    def request(self, method, path, body=None, content_type='application/json'):
        """(status, parsed answer) of one call to the API, ``path`` from /clusters/... on."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method, headers={'Content-Type': content_type})
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:  # nosec - the stand-in on loopback
                return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())


def run_helm(args, helm_dir, calls_file, kubeconfig=None, check=True):
    """Run the helm stand-in once with ``args``; its CompletedProcess."""
    env = dict(os.environ, HELM_STANDIN_DIR=str(helm_dir), STANDIN_CALLS=str(calls_file))
    if kubeconfig:
        env['KUBECONFIG'] = str(kubeconfig)
    return subprocess.run([sys.executable, HELM_STANDIN] + list(args), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, timeout=60, check=check)
