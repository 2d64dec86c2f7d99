# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures: ``emulator`` (the emulator app behind every requests.Session) and
``scripted`` (a client whose answers come from a list)."""

import pytest
import requests

from ansible_collections.langchain.langsmith.plugins.module_utils import _client
from ansible_collections.langchain.langsmith.tests.unit import compat
from ansible_collections.langchain.langsmith.tests.unit.fakes import BASE_URL, Emulator, FakeClock, ScriptedAdapter

compat.install()  # ansible.module_utils.testing on ansible-core 2.16 to 2.18


LANGSMITH_ENV = ('LANGSMITH_API_KEY', 'LANGSMITH_BEARER_TOKEN', 'LANGSMITH_WORKSPACE_ID', 'LANGSMITH_CONTROL_PLANE_URL')


@pytest.fixture
def clean_langsmith_env(monkeypatch):
    """No LANGSMITH_* variable from the developer's shell leaks into a test."""
    for name in LANGSMITH_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def emulator(monkeypatch):
    """An emulator behind every requests.Session that the code under test creates."""
    return _behind_every_session(Emulator(), monkeypatch)


@pytest.fixture
def self_hosted_emulator(monkeypatch):
    """The same, serving the API below /api-host as a self-hosted LangSmith does (``base_url`` has it)."""
    return _behind_every_session(Emulator('/api-host'), monkeypatch)


def _behind_every_session(emu, monkeypatch):
    original = requests.Session.__init__

    def init(session, *args, **kwargs):
        original(session, *args, **kwargs)
        session.mount('http://', emu.adapter)
        session.mount('https://', emu.adapter)

    monkeypatch.setattr(requests.Session, '__init__', init)
    return emu


@pytest.fixture
def scripted():
    """scripted(items, **client_kwargs) -> (client, adapter, clock, warnings)."""
    def make(items, **kwargs):
        clock = FakeClock()
        warnings = []
        options = dict(base_url=BASE_URL, api_key='secret-key', warn=warnings.append, sleep=clock.sleep, clock=clock.clock)
        options.update(kwargs)
        client = _client.Client(**options)
        adapter = ScriptedAdapter(items)
        client.session.mount('http://', adapter)
        client.session.mount('https://', adapter)
        return client, adapter, clock, warnings
    return make
