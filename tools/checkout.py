# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The development checkout as ``make setup`` leaves it, for the two that drive tools in it: the test
suite (tests/system/harness.py) and the benchmark (bench/harness.py), neither of which imports the other.

Where things are (the collection installed into .build/collections, the emulator), the environment a
tool of one virtual environment runs in, the inventory of the controller alone, and the emulator in a
process of its own on a free loopback port (``EmulatorServer``), with the identities it accepts.
"""

import json
import os
import subprocess
import sys
import urllib.request

ROOT = os.path.realpath(os.path.join(os.path.dirname(__file__), os.pardir))  # not through .build/dev
BUILD = os.path.join(ROOT, '.build')
COLLECTIONS = os.path.join(BUILD, 'collections')
EMULATOR = os.path.join(ROOT, 'emulator', 'langsmith_emulator.py')
# The virtual environment of the suite's tools and of its ansible-core line (the Makefile's VENV).
SUITE_VENV = os.path.join(ROOT, '.venv')
# The controller alone, with the Python of the ansible-playbook that runs.
INVENTORY = '[local]\nlocalhost ansible_connection=local ansible_python_interpreter="{{ ansible_playbook_python }}"\n'


def tool_env(venv=SUITE_VENV, **extra):
    """The environment for running a tool of the virtual environment ``venv``: its bin first on PATH, the
    collections of .build/collections, no colours, and nothing of the caller's LANGSMITH_* or ANSIBLE_*."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(('LANGSMITH_', 'ANSIBLE_'))}
    env['PATH'] = os.path.join(venv, 'bin') + os.pathsep + env.get('PATH', '')
    env['VIRTUAL_ENV'] = venv
    env['ANSIBLE_COLLECTIONS_PATH'] = COLLECTIONS
    env['ANSIBLE_NOCOLOR'] = '1'
    env['ANSIBLE_FORCE_COLOR'] = '0'
    env['PY_COLORS'] = '0'
    env.update({k: str(v) for k, v in extra.items()})
    return env


class EmulatorServer:
    """The emulator in its own process on a free loopback port."""

    def __init__(self, workdir, *options, python=sys.executable):
        self.state_file = os.path.join(str(workdir), 'emulator-%d.json' % id(self))
        self.log_file = self.state_file.replace('.json', '.log')
        self.python = python
        subprocess.run([python, EMULATOR, 'start', '--state-file', self.state_file, '--log-file', self.log_file] + list(options),
                       check=True, stdout=subprocess.DEVNULL)
        with open(self.state_file, encoding='utf-8') as handle:
            info = json.load(handle)
        self.url = info['url']
        self.control = info['control_url']

    def stop(self):
        subprocess.run([self.python, EMULATOR, 'stop', '--state-file', self.state_file], check=False)

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.control + '/_emulator' + path, data=data, method=method,
                                         headers={'Content-Type': 'application/json'})
        context = None
        if self.control.startswith('https'):
            import ssl  # pylint: disable=import-outside-toplevel
            context = ssl._create_unverified_context()  # pylint: disable=protected-access  # test controls only
        with urllib.request.urlopen(request, timeout=30, context=context) as answer:  # nosec - loopback test control
            return json.loads(answer.read() or b'null')

    def reset(self):
        return self.call('POST', '/reset')

    def stats(self):
        return self.call('GET', '/stats')

    def listeners(self, workspace_id=None):
        path = '/listeners' + ('?workspace_id=%s' % workspace_id if workspace_id else '')
        return self.call('GET', path)['resources']

    def fault(self, **rule):
        return self.call('POST', '/faults', rule)

    def seed(self, count, **options):
        return self.call('POST', '/seed', dict(options, count=count))

    def settings(self, **values):
        return self.call('PUT', '/settings', values)

    def deploy(self, compute_id, *names, **options):
        """Deployments (external_docker) on the listener of ``compute_id``; their IDs."""
        return self.call('POST', '/deployments', dict(options, compute_id=compute_id, names=list(names) or None))['created']

    def deployments(self, workspace_id=None):
        path = '/deployments' + ('?workspace_id=%s' % workspace_id if workspace_id else '')
        return self.call('GET', path)['resources']


def identities():
    out = subprocess.run([sys.executable, EMULATOR, 'identities'], check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(out)
