# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The listener module's main(), end to end against the in-process emulator."""

import json
import os

import pytest
import requests

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.testing import patch_module_args

from ansible_collections.langchain.langsmith.plugins.module_utils import _client, _models
from ansible_collections.langchain.langsmith.plugins.modules import listener
from ansible_collections.langchain.langsmith.tests.unit.fakes import BASE_URL, load_emulator

EMU = load_emulator()
pytestmark = pytest.mark.usefixtures('clean_langsmith_env')


def run(capsys, check_mode=False, diff=False, **args):
    """Run the module; return (failed, result, raw output)."""
    args = dict(args)
    args.setdefault('control_plane_url', BASE_URL)
    args['_ansible_check_mode'] = check_mode
    args['_ansible_diff'] = diff
    with patch_module_args(args):
        with pytest.raises(SystemExit) as exit_info:
            listener.main()
    out = capsys.readouterr().out
    result = json.loads(out)
    return exit_info.value.code != 0, result, out


def test_full_cycle(emulator, capsys):
    base = dict(api_key=EMU.API_KEY, compute_id='prod-1', k8s_namespaces=['a', 'b'], version='1.0')
    failed, result, dummy = run(capsys, check_mode=True, **base)
    assert not failed and result['changed'] and 'id' not in result['listener'] and emulator.writes() == []

    failed, created, dummy = run(capsys, **base)
    assert not failed and created['changed'] and created['msg'] == 'Listener prod-1 created'
    listener_id = created['listener']['id']

    failed, result, dummy = run(capsys, **{**base, 'k8s_namespaces': ['b', 'a']})
    assert not failed and not result['changed'] and result['listener']['id'] == listener_id

    failed, result, dummy = run(capsys, check_mode=True, diff=True, **{**base, 'version': '2.0'})
    assert result['changed'] and result['diff'] == {
        'before': {'compute_id': 'prod-1', 'compute_type': 'k8s', 'k8s_namespaces': ['a', 'b'], 'version': '1.0'},
        'after': {'compute_id': 'prod-1', 'compute_type': 'k8s', 'k8s_namespaces': ['a', 'b'], 'version': '2.0'}}
    assert emulator.listeners()[0]['version'] == '1.0'

    failed, result, dummy = run(capsys, diff=True, **{**base, 'version': '2.0'})
    assert result['changed'] and result['listener']['version'] == '2.0'

    failed, result, dummy = run(capsys, api_key=EMU.API_KEY, compute_id='prod-1', state='absent')
    assert result['changed'] and result['listener']['id'] == listener_id and emulator.listeners() == []

    failed, result, dummy = run(capsys, api_key=EMU.API_KEY, compute_id='prod-1', state='absent')
    assert not failed and not result['changed'] and result['listener'] == {}


def test_a_listener_created_without_namespaces_serves_none_and_says_so_with_a_list(emulator, capsys):
    """The module creates a listener without k8s_namespaces (the API allows it); it and every later
    run return its namespaces as an empty list, not the API's null."""
    failed, predicted, dummy = run(capsys, check_mode=True, api_key=EMU.API_KEY, compute_id='bare')
    assert predicted['listener']['compute_config'] == {'k8s_namespaces': []}
    failed, created, dummy = run(capsys, api_key=EMU.API_KEY, compute_id='bare')
    assert not failed and created['changed'] and created['listener']['compute_config'] == {'k8s_namespaces': []}
    assert emulator.listeners()[0]['compute_config']['k8s_namespaces'] is None
    failed, rerun, dummy = run(capsys, api_key=EMU.API_KEY, compute_id='bare', listener_id=created['listener']['id'])
    assert not rerun['changed'] and rerun['listener']['compute_config'] == {'k8s_namespaces': []}
    failed, added, dummy = run(capsys, api_key=EMU.API_KEY, compute_id='bare', k8s_namespaces=['agents'])
    assert added['changed'] and added['listener']['compute_config'] == {'k8s_namespaces': ['agents']}


def test_a_self_hosted_url_without_api_host_is_named_in_the_404(self_hosted_emulator, capsys):
    """The issue's case: a create against https://<host> instead of https://<host>/api-host."""
    base = dict(api_key=EMU.API_KEY, compute_id='c1', k8s_namespaces=['a'])
    failed, result, dummy = run(capsys, control_plane_url=BASE_URL, **base)
    assert failed and result['status'] == 404
    assert result['msg'] == ('Request POST /v2/listeners failed: 404 Not Found: Not Found (control_plane_url %s does not end '
                             'in /api-host, where a self-hosted LangSmith serves the control plane API: '
                             'https://<host>/api-host)' % BASE_URL)
    failed, result, dummy = run(capsys, control_plane_url=self_hosted_emulator.base_url, **base)
    assert not failed and result['changed']


def test_diff_only_under_diff_mode(emulator, capsys):
    dummy, result, dummy2 = run(capsys, api_key=EMU.API_KEY, compute_id='c1')
    assert 'diff' not in result


def test_environment_variables_supply_the_connection(emulator, capsys, monkeypatch):
    monkeypatch.setenv('LANGSMITH_API_KEY', EMU.ORG_API_KEY)
    monkeypatch.setenv('LANGSMITH_WORKSPACE_ID', EMU.SECOND_WORKSPACE_ID)
    monkeypatch.setenv('LANGSMITH_CONTROL_PLANE_URL', BASE_URL)
    with patch_module_args({'compute_id': 'c1', 'k8s_namespaces': ['a']}):
        with pytest.raises(SystemExit):
            listener.main()
    result = json.loads(capsys.readouterr().out)
    assert result['changed']
    assert len(emulator.listeners(EMU.SECOND_WORKSPACE_ID)) == 1 and emulator.listeners() == []


def test_tenant_id_alias(emulator, capsys):
    failed, dummy, dummy2 = run(capsys, api_key=EMU.ORG_API_KEY, tenant_id=EMU.WORKSPACE_ID, compute_id='c1')
    assert not failed and len(emulator.listeners()) == 1


def test_bearer_token(emulator, capsys):
    failed, result, out = run(capsys, bearer_token=EMU.BEARER_TOKEN, compute_id='c1')
    assert not failed and result['changed']
    assert EMU.BEARER_TOKEN not in out


@pytest.mark.parametrize('args, message', [
    (dict(compute_id='c1'), 'api_key or bearer_token is required: set the api_key option or the LANGSMITH_API_KEY environment variable'),
    (dict(compute_id='c1', api_key='lsv2_sk_some_key', bearer_token='some.bearer.token'), 'api_key and bearer_token are mutually exclusive'),
    (dict(compute_id='', api_key='lsv2_sk_some_key'), 'compute_id must not be empty'),
    (dict(compute_id='c1', api_key='lsv2_sk_some_key', k8s_namespaces=['']), 'k8s_namespaces must not contain an empty namespace name'),
    (dict(compute_id='c1', api_key='lsv2_sk_some_key', control_plane_url='ftp://cp.example.com'), 'control_plane_url must be an http:// or https:// URL'),
    (dict(compute_id='c1', api_key='lsv2_sk_some_key', control_plane_url='cp.example.com'), 'control_plane_url must be an http:// or https:// URL'),
    (dict(compute_id='c1', api_key='lsv2_sk_some_key', workspace_id='ws-1'),
     'workspace_id must be a workspace ID (a UUID), got a value of 4 characters that is not one (not shown'),
    (dict(compute_id='c1', api_key='lsv2_sk_some_key', listener_id='abc'), "listener_id must be a listener ID (a UUID), got 'abc'"),
    (dict(compute_id='c1', api_key='lsv2_sk_some_key', ca_path='/nonexistent/ca.pem'), 'ca_path /nonexistent/ca.pem does not exist'),
    (dict(compute_id='c1', api_key='lsv2_sk_some_key', timeout=0), 'timeout must be a positive number of seconds'),
    (dict(compute_id='c1', api_key='lsv2_sk_some_key', retries=-1), 'retries must be 0 or more'),
])
def test_bad_input_fails_before_any_request(emulator, capsys, args, message):
    failed, result, dummy = run(capsys, **args)
    assert failed and message in result['msg']
    assert emulator.methods() == []


def test_compute_type_choices(emulator, capsys):
    failed, result, dummy = run(capsys, api_key='lsv2_sk_some_key', compute_id='c1', compute_type='vm')
    assert failed and 'compute_type' in result['msg'] and emulator.methods() == []


@pytest.mark.parametrize('args, fragment', [
    (dict(api_key='wrong'), '401 Unauthorized'),
    (dict(api_key=EMU.ORG_API_KEY), 'set workspace_id (LANGSMITH_WORKSPACE_ID)'),
    (dict(api_key=EMU.FREE_API_KEY), 'not on a self-hosted enterprise plan'),
])
def test_auth_failures_are_explained(emulator, capsys, args, fragment):
    failed, result, out = run(capsys, compute_id='c1', **args)
    assert failed and fragment in result['msg']
    assert result['msg'].startswith('Request POST /v2/listeners failed: 40')
    assert args['api_key'] not in out


def test_api_key_never_appears_in_output(emulator, capsys):
    key = EMU.API_KEY
    outputs = []
    for extra in (dict(), dict(k8s_namespaces=['b']), dict(state='absent'), dict(listener_id='00000000-0000-4000-8000-000000000000')):
        dummy, dummy2, out = run(capsys, diff=True, **{'api_key': key, 'compute_id': 'c1', 'k8s_namespaces': ['a'], **extra})
        outputs.append(out)
    emulator.fault(method='*', path='*', status=500, json={'detail': 'echo %s' % key})
    dummy, result, out = run(capsys, api_key=key, compute_id='c1', retries=0)
    outputs.append(out)
    assert 'echo' in result['msg']
    for out in outputs:
        assert key not in out
    if 'invocation' in json.loads(outputs[0]):  # ansible-core 2.21 no longer returns the invocation
        assert 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER' in outputs[0]


def test_missing_requests_uses_missing_required_lib(emulator, capsys, monkeypatch):
    monkeypatch.setattr(_client, 'HAS_REQUESTS', False)
    monkeypatch.setattr(_client, 'REQUESTS_IMPORT_ERROR', ImportError('No module named requests'))
    failed, result, dummy = run(capsys, api_key='lsv2_sk_some_key', compute_id='c1')
    assert failed and result['msg'].startswith('Failed to import the required Python library (requests)')


def test_missing_pydantic_uses_missing_required_lib(emulator, capsys, monkeypatch):
    monkeypatch.setattr(_models, 'HAS_PYDANTIC', False)
    monkeypatch.setattr(_models, 'PYDANTIC_IMPORT_ERROR', ImportError('No module named pydantic'))
    failed, result, dummy = run(capsys, api_key='lsv2_sk_some_key', compute_id='c1')
    assert failed and result['msg'].startswith('Failed to import the required Python library (pydantic (version 2))')


def test_validate_certs_false_warns(emulator, capsys, monkeypatch):
    warnings = []
    monkeypatch.setattr(AnsibleModule, 'warn', lambda self, msg: warnings.append(msg))
    failed, dummy, dummy2 = run(capsys, api_key=EMU.API_KEY, compute_id='c1', validate_certs=False,
                                control_plane_url='https://control-plane.test')
    assert not failed
    assert warnings == ['validate_certs is false: the TLS certificate of https://control-plane.test is not verified']


def test_error_result_carries_status(emulator, capsys):
    failed, result, dummy = run(capsys, api_key='wrong', compute_id='c1')
    assert failed and result['status'] == 401


def test_the_module_process_skips_pydantic_plugin_discovery(monkeypatch, capsys):
    """Pydantic would read every installed distribution's entry points at the first validation."""
    monkeypatch.delenv('PYDANTIC_DISABLE_PLUGINS', raising=False)
    failed, dummy, dummy2 = run(capsys, compute_id='prod-1')  # fails on the missing key, after the module set up
    assert failed and os.environ['PYDANTIC_DISABLE_PLUGINS'] == '__all__'


def test_pydantic_plugins_setting_of_the_environment_is_kept(monkeypatch, capsys):
    monkeypatch.setenv('PYDANTIC_DISABLE_PLUGINS', 'logfire')
    run(capsys, compute_id='prod-1')
    assert os.environ['PYDANTIC_DISABLE_PLUGINS'] == 'logfire'


def test_absent_is_refused_while_deployments_run_on_the_listener(emulator, capsys):
    base = dict(api_key=EMU.API_KEY, compute_id='busy', k8s_namespaces=['busy'], workspace_id=EMU.WORKSPACE_ID)
    dummy, created, dummy2 = run(capsys, **base)
    listener_id = created['listener']['id']
    agent, = emulator.deploy('busy', 'support-agent')
    emulator.state.log = []
    absent = dict(base, state='absent')
    for check_mode in (True, False):
        failed, result, dummy = run(capsys, check_mode=check_mode, diff=True, **absent)
        assert failed and result['msg'] == (
            'Refusing to delete 1 listener that deployments run on, in workspace %s: listener busy (ID %s): deployment '
            'support-agent (ID %s, READY). Deleting a listener strands the agents deployed through it (what the control '
            'plane does with the deployments of a deleted listener is not documented). Delete those deployments first (in '
            'LangSmith, or DELETE /v2/deployments/<id>), or set force: true (langsmith_listener_force: true for the '
            'dataplane role) to delete anyway. Nothing was changed' % (EMU.WORKSPACE_ID, listener_id, agent['id']))
        assert result['protected'] == [{'compute_id': 'busy', 'id': listener_id, 'deployments': [
            {'id': agent['id'], 'name': 'support-agent', 'status': 'READY'}]}]
    assert emulator.writes() == [] and emulator.methods() == ['GET /v2/listeners', 'GET /v2/deployments'] * 2
    failed, result, dummy = run(capsys, check_mode=True, force=True, **absent)
    assert not failed and result['msg'] == 'Listener busy would be deleted from workspace %s (ID %s)' % (EMU.WORKSPACE_ID, listener_id)
    emulator.state.log = []
    failed, result, dummy = run(capsys, force=True, **absent)
    assert not failed and result['changed'] and result['msg'] == 'Listener busy deleted from workspace %s (ID %s)' % (
        EMU.WORKSPACE_ID, listener_id)
    assert emulator.methods() == ['GET /v2/listeners', 'DELETE /v2/listeners/{id}']  # force: no deployments read
    emulator.state.log = []
    failed, result, dummy = run(capsys, **absent)
    assert not failed and not result['changed'] and emulator.methods() == ['GET /v2/listeners']  # nothing to delete: no read


def test_absent_by_listener_id_reads_the_deployments_of_that_listener(emulator, capsys):
    base = dict(api_key=EMU.API_KEY, compute_id='by-id', k8s_namespaces=['by-id'])
    dummy, created, dummy2 = run(capsys, **base)
    emulator.deploy('by-id', 'agent')
    failed, result, dummy = run(capsys, state='absent', listener_id=created['listener']['id'], **base)
    assert failed and result['protected'][0]['id'] == created['listener']['id']
    emulator.state.deployments.clear()
    failed, result, dummy = run(capsys, state='absent', listener_id=created['listener']['id'], **base)
    assert not failed and result['changed'] and emulator.listeners() == []


FAILURE = ('status', 'detail', 'method', 'path')


def failure(result):
    return dict((key, result[key]) for key in FAILURE)


def test_a_failure_names_the_request_and_the_apis_words(emulator, capsys):
    """status, detail, method and path of the request that failed, beside msg: what failed_when reads in AWX."""
    failed, result, dummy = run(capsys, api_key=EMU.FREE_API_KEY, compute_id='c1')
    assert failed and failure(result) == {
        'status': 403, 'detail': EMU.FORBIDDEN_PLAN.format(workspace_id=EMU.FREE_WORKSPACE_ID), 'method': 'POST',
        'path': '/v2/listeners'}
    assert result['detail'] in result['msg'] and 'operation' not in result
    dummy, created, dummy2 = run(capsys, api_key=EMU.API_KEY, compute_id='c1', k8s_namespaces=['a'])
    emulator.fault(method='PATCH', path='/v2/listeners/{id}', status=422, json={'detail': [
        {'loc': ['body', 'version'], 'msg': 'String should have at most 64 characters'}]})
    failed, result, dummy = run(capsys, api_key=EMU.API_KEY, compute_id='c1', version='1.0', listener_id=created['listener']['id'])
    assert failed and failure(result) == {
        'status': 422, 'detail': 'body.version: String should have at most 64 characters', 'method': 'PATCH',
        'path': '/v2/listeners/%s' % created['listener']['id']}


def test_a_credential_in_the_apis_detail_is_masked_in_detail(emulator, capsys):
    """The API echoes the key (in another letter case, and with an escape sequence): detail has neither, as msg has not."""
    key = EMU.API_KEY
    emulator.fault(method='POST', path='/v2/listeners', status=400, json={'detail': 'bad key %s \x1b[2J%s' % (key, key.upper())})
    failed, result, out = run(capsys, api_key=key, compute_id='c1')
    assert failed and result['status'] == 400
    assert result['detail'] == 'bad key ******** \\x1b[2J********'
    assert key not in out and key.upper() not in out and '\x1b' not in out


def test_a_request_without_an_answer_has_no_status_and_no_detail(emulator, capsys, monkeypatch):
    def refuse(request, **kwargs):
        raise requests.exceptions.ConnectionError('Connection refused')
    monkeypatch.setattr(emulator.adapter, 'send', refuse)
    failed, result, dummy = run(capsys, api_key=EMU.API_KEY, compute_id='c1', retries=0)
    assert failed and failure(result) == {'status': None, 'detail': None, 'method': 'POST', 'path': '/v2/listeners'}


def test_a_wrong_listener_id_names_its_get(emulator, capsys):
    missing = '00000000-0000-4000-8000-000000000000'
    failed, result, dummy = run(capsys, api_key=EMU.API_KEY, compute_id='c1', listener_id=missing)
    assert failed and failure(result) == {'status': 404, 'detail': None, 'method': 'GET', 'path': '/v2/listeners/%s' % missing}


@pytest.mark.parametrize('args', [dict(timeout=0), dict(compute_type='vm'), dict(state='gone'), dict(force='maybe')],
                         ids=['the collection', 'ansible-core: choices', 'ansible-core: state', 'ansible-core: type'])
def test_bad_input_fails_with_every_failure_key_null(emulator, capsys, args):
    """Also an option that ansible-core's argument spec refuses: failed_when on result.status meets no undefined variable."""
    failed, result, dummy = run(capsys, api_key=EMU.API_KEY, compute_id='c1', **args)
    assert failed and failure(result) == dict.fromkeys(FAILURE) and emulator.methods() == []


def test_a_missing_library_fails_with_every_failure_key_null(emulator, capsys, monkeypatch):
    monkeypatch.setattr(_models, 'HAS_PYDANTIC', False)
    monkeypatch.setattr(_models, 'PYDANTIC_IMPORT_ERROR', ImportError('No module named pydantic'))
    failed, result, dummy = run(capsys, api_key=EMU.API_KEY, compute_id='c1')
    assert failed and 'pydantic' in result['msg'] and failure(result) == dict.fromkeys(FAILURE)


def test_a_refused_delete_sent_no_failing_request(emulator, capsys):
    base = dict(api_key=EMU.API_KEY, compute_id='busy', k8s_namespaces=['busy'])
    run(capsys, **base)
    emulator.deploy('busy', 'agent')
    failed, result, dummy = run(capsys, state='absent', **base)
    assert failed and result['protected'] and failure(result) == dict.fromkeys(FAILURE)


def test_operation_says_what_the_run_did(emulator, capsys):
    base = dict(api_key=EMU.API_KEY, compute_id='c1', k8s_namespaces=['a'])
    operations = []
    for check_mode, extra in ((True, {}), (False, {}), (False, {}), (True, {'version': '2.0'}), (False, {'version': '2.0'}),
                              (True, {'state': 'absent'}), (False, {'state': 'absent'}), (False, {'state': 'absent'})):
        failed, result, dummy = run(capsys, check_mode=check_mode, **dict(base, **extra))
        assert not failed and (result['operation'] is not None) == result['changed']
        operations.append(result['operation'])
    assert operations == ['create', 'create', None, 'update', 'update', 'delete', 'delete', None]
    assert 'status' not in result and 'detail' not in result


def test_a_create_whose_answer_was_lost_is_a_create(emulator, capsys):
    emulator.fault(method='POST', path='/v2/listeners', status=502, after_commit=True, times=1)
    failed, result, dummy = run(capsys, api_key=EMU.API_KEY, compute_id='c1', k8s_namespaces=['a'])
    assert not failed and result['changed'] and result['operation'] == 'create'
    assert result['msg'] == 'Listener c1 created (the answer to the first create request was lost)'
