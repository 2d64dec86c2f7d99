# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The listener_info module's main() against the in-process emulator."""

import json

import pytest

from ansible.module_utils.testing import patch_module_args

from ansible_collections.langchain.langsmith.plugins.modules import listener_info
from ansible_collections.langchain.langsmith.tests.unit.fakes import BASE_URL, load_emulator

EMU = load_emulator()


def run(capsys, check_mode=False, **args):
    args = dict(args)
    args.setdefault('control_plane_url', BASE_URL)
    args.setdefault('api_key', EMU.API_KEY)
    args['_ansible_check_mode'] = check_mode
    with patch_module_args(args):
        with pytest.raises(SystemExit) as exit_info:
            listener_info.main()
    return exit_info.value.code != 0, json.loads(capsys.readouterr().out)


def test_every_listener_across_pages(emulator, capsys):
    emulator.seed(230)
    failed, result = run(capsys)
    assert not failed and not result['changed']
    assert [item['compute_id'] for item in result['listeners']] == ['seed-%05d' % i for i in range(230)]
    assert emulator.methods() == ['GET /v2/listeners'] * 3


def test_by_compute_id_stops_at_its_page(emulator, capsys):
    emulator.seed(230)
    failed, result = run(capsys, compute_id='seed-00042')
    assert [item['compute_id'] for item in result['listeners']] == ['seed-00042']
    assert emulator.methods() == ['GET /v2/listeners']
    failed, result = run(capsys, compute_id='nope')
    assert not failed and result['listeners'] == []


def test_by_listener_id_is_one_request(emulator, capsys):
    emulator.seed(3)
    wanted = emulator.listeners()[1]
    failed, result = run(capsys, listener_id=wanted['id'])
    assert result['listeners'] == [wanted]
    assert emulator.methods() == ['GET /v2/listeners/{id}']
    failed, result = run(capsys, listener_id='00000000-0000-4000-8000-000000000000')
    assert not failed and result['listeners'] == []


def test_check_mode_is_the_same(emulator, capsys):
    emulator.seed(2)
    failed, result = run(capsys, check_mode=True)
    assert not failed and not result['changed'] and len(result['listeners']) == 2


@pytest.mark.parametrize('args, message', [
    (dict(compute_id='a', listener_id='00000000-0000-4000-8000-000000000000'), 'parameters are mutually exclusive: compute_id|listener_id'),
    (dict(listener_id='nope'), "listener_id must be a listener ID (a UUID), got 'nope'"),
    (dict(compute_id=''), 'compute_id must not be empty'),
    (dict(api_key=None), 'api_key or bearer_token is required'),
])
def test_bad_input(emulator, capsys, monkeypatch, args, message):
    monkeypatch.delenv('LANGSMITH_API_KEY', raising=False)
    failed, result = run(capsys, **args)
    assert failed and message in result['msg'] and emulator.methods() == []
