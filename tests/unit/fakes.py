# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fakes of the control plane for unit tests (fixtures in conftest.py).

``emulator`` mounts the real emulator app (emulator/langsmith_emulator.py) behind
every requests.Session through an in-process adapter, so the client and the
modules talk to the same stateful API that the integration tests use, without
a socket. ``scripted`` answers from a list, for the retry policy.
"""

import importlib.util
import io
import json
import os
import sys

import pytest
import requests
from requests.structures import CaseInsensitiveDict

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core 2.16 to 2.18 (conftest.py imports this module before it installs compat)
    from ansible_collections.langchain.langsmith.tests.unit.compat import patch_module_args

from ansible_collections.langchain.langsmith.plugins.module_utils import _client

ROOT = os.path.realpath(os.path.join(os.path.dirname(__file__), os.pardir, os.pardir))  # not through .build/dev
BASE_URL = 'http://control-plane.test'


def load_emulator():
    if 'langsmith_emulator' not in sys.modules:
        spec = importlib.util.spec_from_file_location('langsmith_emulator', os.path.join(ROOT, 'emulator', 'langsmith_emulator.py'))
        module = importlib.util.module_from_spec(spec)
        sys.modules['langsmith_emulator'] = module
        spec.loader.exec_module(module)
    return sys.modules['langsmith_emulator']


def _response(request, status, body=b'', headers=None, reason=None):
    """A response whose body is read as a socket's would be: the client streams it (``stream=True``)."""
    resp = requests.Response()
    resp.status_code = status
    resp.raw = io.BytesIO(body)
    resp.headers = CaseInsensitiveDict(headers or {})
    resp.url = request.url
    resp.request = request
    resp.reason = reason or _client.REASONS.get(status, '')
    resp.encoding = 'utf-8'
    return resp


class ASGIAdapter(requests.adapters.BaseAdapter):
    """A requests transport that hands each request to an ASGI app in-process."""

    def __init__(self, app):
        super().__init__()
        from starlette.testclient import TestClient  # pylint: disable=import-outside-toplevel
        self.app = app
        self.client = TestClient(app, base_url=BASE_URL)
        self.requests = []

    def send(self, request, **kwargs):  # pylint: disable=arguments-differ
        self.requests.append((request.method, request.url, dict(request.headers)))
        answer = self.client.request(request.method, request.url, content=request.body, headers=dict(request.headers))
        return _response(request, answer.status_code, answer.content, dict(answer.headers), answer.reason_phrase)

    def close(self):
        pass


class Emulator:
    """The emulator app plus its controls, as a test sees them."""

    def __init__(self, prefix=''):
        self.module = load_emulator()
        self.app = self.module.create_app(prefix)
        self.state = self.app.state.emulator
        self.adapter = ASGIAdapter(self.app)
        self.base_url = BASE_URL + prefix

    def methods(self):
        """The API requests so far, as 'METHOD /route' strings."""
        return ['%s %s' % (e['method'], e['route']) for e in self.state.log]

    def writes(self):
        return [m for m in self.methods() if not m.startswith('GET')]

    def listeners(self, workspace_id=None):
        return list(self.state.workspace(workspace_id or self.module.WORKSPACE_ID).values())

    def seed(self, count, prefix='seed-'):
        for number in range(count):
            self.state.create(self.module.WORKSPACE_ID, '%s%05d' % (prefix, number), k8s_namespaces=['%s%05d-ns' % (prefix, number)])

    def fault(self, **rule):
        self.state.faults.append(self.module.Fault(rule))

    def deploy(self, compute_id, *names, workspace_id=None, status='READY'):
        """Deployments (external_docker) on the listener of ``compute_id``, as the API would hold them."""
        workspace_id = workspace_id or self.module.WORKSPACE_ID
        listener = self.state.by_compute_id(workspace_id, compute_id)
        return [self.state.create_deployment(workspace_id, name, listener['id'], status=status) for name in names]


class ScriptedAdapter(requests.adapters.BaseAdapter):
    """Answers from a script: each item is (status, body[, headers]) or an exception instance."""

    def __init__(self, script):
        super().__init__()
        self.script = list(script)
        self.sent = []
        self.options = []  # the keyword arguments of each send: timeout, verify, proxies, ...

    def send(self, request, **kwargs):  # pylint: disable=arguments-differ
        self.sent.append((request.method, request.url, dict(request.headers), kwargs.get('timeout')))
        self.options.append(kwargs)
        item = self.script.pop(0)
        if isinstance(item, Exception):
            raise item
        status, body = item[0], item[1]
        headers = item[2] if len(item) > 2 else {}
        if not isinstance(body, (bytes, str)):
            body = json.dumps(body)
            headers = dict({'Content-Type': 'application/json'}, **headers)
        if isinstance(body, str):
            body = body.encode()
        return _response(request, status, body, headers)

    def close(self):
        pass


class FakeClock:
    def __init__(self):
        self.now = 1000.0
        self.sleeps = []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


def run_module(module, capsys, **args):
    """The result of ``module.main()`` with ``args`` (``control_plane_url`` defaults to the emulator's)."""
    with patch_module_args(dict(dict(control_plane_url=BASE_URL), **args)):
        with pytest.raises(SystemExit):
            module.main()
    return json.loads(capsys.readouterr().out)
