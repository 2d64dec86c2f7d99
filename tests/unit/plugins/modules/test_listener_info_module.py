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


def test_a_listener_without_namespaces_has_an_empty_list(emulator, capsys):
    """A listener whose namespaces are null in the API (created without k8s_namespaces, here or
    elsewhere) comes back with an empty list, whichever way it is read. (The EXAMPLES that find a
    namespace's cluster run over such a listener in tests/docs/test_docs_claims.py.)"""
    emulator.state.create(EMU.WORKSPACE_ID, 'bare', k8s_namespaces=None)
    emulator.state.create(EMU.WORKSPACE_ID, 'prod-eu-1', k8s_namespaces=['agents', 'agents-batch'])
    failed, result = run(capsys)
    assert not failed
    assert [item['compute_config']['k8s_namespaces'] for item in result['listeners']] == [[], ['agents', 'agents-batch']]
    failed, by_id = run(capsys, listener_id=emulator.listeners()[0]['id'])
    assert by_id['listeners'][0]['compute_config']['k8s_namespaces'] == []
    failed, by_compute_id = run(capsys, compute_id='bare')
    assert by_compute_id['listeners'][0]['compute_config']['k8s_namespaces'] == []


def test_deployments_true_gives_each_listener_the_deployments_on_it(emulator, capsys):
    for name in ('a', 'b', 'c'):
        emulator.state.create(EMU.WORKSPACE_ID, name, k8s_namespaces=[name])
    on_a = emulator.deploy('a', 'agent-1', 'agent-2', status='AWAITING_DATABASE')
    on_c = emulator.deploy('c', 'agent-3')
    emulator.state.create_deployment(EMU.WORKSPACE_ID, 'github-one', source='github')  # on no listener
    failed, result = run(capsys, deployments=True)
    assert not failed
    assert dict((item['compute_id'], item['deployments']) for item in result['listeners']) == {
        'a': [{'id': d['id'], 'name': d['name'], 'status': 'AWAITING_DATABASE'} for d in on_a],
        'b': [],
        'c': [{'id': on_c[0]['id'], 'name': 'agent-3', 'status': 'READY'}]}
    assert emulator.methods() == ['GET /v2/listeners', 'GET /v2/deployments']
    emulator.state.log = []
    failed, result = run(capsys, compute_id='c', deployments=True)
    assert [item['deployments'] for item in result['listeners']] == [[{'id': on_c[0]['id'], 'name': 'agent-3', 'status': 'READY'}]]
    emulator.state.log = []
    failed, result = run(capsys)  # not asked: no deployments request, no deployments key
    assert 'deployments' not in result['listeners'][0] and emulator.methods() == ['GET /v2/listeners']
    emulator.state.log = []
    failed, result = run(capsys, compute_id='nobody', deployments=True)
    assert result['listeners'] == [] and emulator.methods() == ['GET /v2/listeners']  # nothing to look up


def test_a_failure_names_the_request_and_the_apis_words(emulator, capsys):
    emulator.fault(method='GET', path='/v2/listeners/{id}', status=403, json={'detail': 'no access for %s' % EMU.API_KEY})
    listener_id = '00000000-0000-4000-8000-000000000000'
    failed, result = run(capsys, listener_id=listener_id)
    assert failed and dict((key, result[key]) for key in ('status', 'detail', 'method', 'path')) == {
        'status': 403, 'detail': 'no access for ********', 'method': 'GET', 'path': '/v2/listeners/%s' % listener_id}


def test_a_malformed_page_fails_with_the_status_it_came_with(emulator, capsys):
    emulator.fault(method='GET', path='/v2/listeners', status=200, json={'resources': 'none', 'offset': 0})
    failed, result = run(capsys)
    assert failed and [result[key] for key in ('status', 'method', 'path')] == [200, 'GET', '/v2/listeners']
