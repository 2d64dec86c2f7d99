# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The listeners module's main(), end to end against the in-process emulator."""

import json

import pytest

from ansible.module_utils.testing import patch_module_args

from ansible_collections.langchain.langsmith.plugins.modules import listeners
from ansible_collections.langchain.langsmith.tests.unit.fakes import BASE_URL, load_emulator

EMU = load_emulator()
pytestmark = pytest.mark.usefixtures('clean_langsmith_env')


def run(capsys, items, check_mode=False, diff=False, **args):
    args = dict(args, listeners=items, api_key=EMU.API_KEY, _ansible_check_mode=check_mode, _ansible_diff=diff)
    args.setdefault('control_plane_url', BASE_URL)
    with patch_module_args(args):
        with pytest.raises(SystemExit) as exit_info:
            listeners.main()
    result = json.loads(capsys.readouterr().out)
    assert bool(result.get('failed')) == (exit_info.value.code != 0)
    return result


FLEET = [{'compute_id': 'c%d' % i, 'k8s_namespaces': ['ns-%d' % i], 'version': '1.0'} for i in range(5)]


def test_create_converged_update_delete(emulator, capsys):
    result = run(capsys, FLEET, check_mode=True)
    assert result['changed'] and result['msg'] == 'would create 5, update 0, delete 0; 0 unchanged'
    assert result['listeners']['c0']['msg'] == 'Listener c0 would be created' and emulator.writes() == []
    assert set(entry['operation'] for entry in result['listeners'].values()) == {'create'}

    result = run(capsys, FLEET)
    assert result['changed'] and result['msg'] == '5 created, 0 updated, 0 deleted, 0 unchanged'
    assert emulator.methods() == ['GET /v2/listeners'] * 2 + ['POST /v2/listeners'] * 5
    assert set(entry['operation'] for entry in result['listeners'].values()) == {'create'}
    ids = dict((cid, entry['listener']['id']) for cid, entry in result['listeners'].items())

    emulator.state.log = []
    result = run(capsys, FLEET)
    assert not result['changed'] and result['msg'] == '0 created, 0 updated, 0 deleted, 5 unchanged'
    assert emulator.methods() == ['GET /v2/listeners']  # the listing is the only request
    assert set(entry['operation'] for entry in result['listeners'].values()) == {None}
    assert dict((cid, entry['listener']['id']) for cid, entry in result['listeners'].items()) == ids

    emulator.state.log = []
    changed = [dict(FLEET[0], version='2.0'), dict(FLEET[1], state='absent')] + FLEET[2:]
    result = run(capsys, changed)
    assert result['msg'] == ("0 created, 1 updated, 1 deleted, 3 unchanged. Deleted from the workspace of the API key, "
                             "workspace_id unset: c1")
    # the run deletes, so it reads the deployments first (none runs on c1)
    assert sorted(emulator.methods()) == ['DELETE /v2/listeners/{id}', 'GET /v2/deployments', 'GET /v2/listeners',
                                          'PATCH /v2/listeners/{id}']
    assert result['listeners']['c0']['listener']['version'] == '2.0' and result['listeners']['c0']['operation'] == 'update'
    assert result['listeners']['c1'] == {
        'changed': True, 'listener': result['listeners']['c1']['listener'], 'operation': 'delete',
        'msg': 'Listener c1 deleted from the workspace of the API key, workspace_id unset (ID %s)' % ids['c1']}
    assert emulator.state.log[-2:] and [e for e in emulator.state.log if e['method'] == 'PATCH'][0]['path'].endswith(ids['c0'])


def test_diff_shows_each_change(emulator, capsys):
    run(capsys, FLEET[:2])
    result = run(capsys, [dict(FLEET[0], k8s_namespaces=['ns-0', 'extra']), FLEET[1]], check_mode=True, diff=True)
    assert result['diff'] == [{
        'before': {'compute_id': 'c0', 'compute_type': 'k8s', 'k8s_namespaces': ['ns-0'], 'version': '1.0'},
        'after': {'compute_id': 'c0', 'compute_type': 'k8s', 'k8s_namespaces': ['extra', 'ns-0'], 'version': '1.0'},
        'before_header': 'listener c0 (the workspace of the API key, workspace_id unset)',
        'after_header': 'listener c0 (the workspace of the API key, workspace_id unset)'}]
    assert result['listeners']['c1']['diff']['before'] == result['listeners']['c1']['diff']['after']
    assert 'diff' not in run(capsys, FLEET[:2])


def test_purge_in_check_mode_names_the_workspace_and_what_it_would_delete(emulator, capsys):
    run(capsys, FLEET[:1])
    stray = emulator.state.create(EMU.WORKSPACE_ID, 'stray', k8s_namespaces=['ns-9'], version='0.1')
    emulator.state.log = []
    result = run(capsys, FLEET[:2], purge=True, check_mode=True, diff=True, workspace_id=EMU.WORKSPACE_ID)
    where = 'workspace %s' % EMU.WORKSPACE_ID
    assert result['msg'] == 'would create 1, update 0, delete 1; 1 unchanged. Would delete from %s: stray (purge)' % where
    assert result['listeners']['stray']['msg'] == 'Listener stray would be deleted from %s (ID %s) (purge: not in the list)' % (
        where, stray['id'])
    assert {'before': {'compute_id': 'stray', 'compute_type': 'k8s', 'k8s_namespaces': ['ns-9'], 'version': '0.1'},
            'after': {}, 'before_header': 'listener stray (%s)' % where, 'after_header': 'listener stray (%s)' % where} in result['diff']
    assert emulator.writes() == [] and emulator.methods() == ['GET /v2/listeners', 'GET /v2/deployments']
    result = run(capsys, FLEET[:2], purge=True, workspace_id=EMU.WORKSPACE_ID)
    assert result['msg'] == '1 created, 0 updated, 1 deleted, 1 unchanged. Deleted from %s: stray (purge)' % where
    assert sorted(listener['compute_id'] for listener in emulator.listeners()) == ['c0', 'c1']


def test_a_purge_that_names_no_listener_of_the_workspace_is_refused_unless_forced(emulator, capsys):
    """The signature of a wrong workspace: none of the list is there, yet the purge would delete what is."""
    for name in ('team-b-1', 'team-b-2'):
        emulator.state.create(EMU.WORKSPACE_ID, name, k8s_namespaces=[name])
    for check_mode in (True, False):
        result = run(capsys, FLEET[:1], purge=True, check_mode=check_mode, workspace_id=EMU.WORKSPACE_ID)
        assert result['failed'] and result['msg'] == (
            'Refusing to purge workspace %s: no item of listeners names one of its listeners, yet the purge would delete 2 of '
            'them (team-b-1, team-b-2). That is what a purge in the wrong workspace looks like: check workspace_id '
            '(LANGSMITH_WORKSPACE_ID) and the credentials, or set force: true if the list is meant to replace every listener '
            'of this workspace. Nothing was changed' % EMU.WORKSPACE_ID)
    assert emulator.writes() == [] and 'GET /v2/deployments' not in emulator.methods()
    result = run(capsys, FLEET[:1], purge=True, force=True)
    assert not result.get('failed') and result['msg'].endswith(': team-b-1 (purge), team-b-2 (purge)')
    assert [listener['compute_id'] for listener in emulator.listeners()] == ['c0']
    assert 'GET /v2/deployments' not in emulator.methods()  # force reads no deployments


def test_a_delete_under_running_deployments_is_refused_and_nothing_is_written(emulator, capsys):
    run(capsys, FLEET)
    ids = dict((listener['compute_id'], listener['id']) for listener in emulator.listeners())
    agents = emulator.deploy('c1', 'agent-a', 'agent-b') + emulator.deploy('c3', 'agent-c', status='AWAITING_DELETE')
    emulator.deploy('c0', 'kept')  # c0 stays: its deployment does not matter
    emulator.state.log = []
    wanted = [dict(FLEET[0], version='2.0'), dict(FLEET[1], state='absent'), FLEET[2]]  # c3 and c4: purged
    for check_mode in (True, False):
        result = run(capsys, wanted, purge=True, check_mode=check_mode)
        assert result['failed'], result
        assert result['msg'] == (
            'Refusing to delete 2 listeners that deployments run on, in the workspace of the API key, workspace_id unset: '
            'listener c1 (ID %s): deployment agent-a (ID %s, READY), deployment agent-b (ID %s, READY); '
            'listener c3 (ID %s): deployment agent-c (ID %s, AWAITING_DELETE). Deleting a listener strands the agents '
            'deployed through it (what the control plane does with the deployments of a deleted listener is not '
            'documented). Delete those deployments first (in LangSmith, or DELETE /v2/deployments/<id>), or set force: '
            'true (langsmith_listener_force: true for the dataplane role) to delete anyway. Nothing was changed'
            % (ids['c1'], agents[0]['id'], agents[1]['id'], ids['c3'], agents[2]['id']))
        assert result['protected'] == [
            {'compute_id': 'c1', 'id': ids['c1'], 'deployments': [
                {'id': agents[0]['id'], 'name': 'agent-a', 'status': 'READY'}, {'id': agents[1]['id'], 'name': 'agent-b', 'status': 'READY'}]},
            {'compute_id': 'c3', 'id': ids['c3'], 'deployments': [{'id': agents[2]['id'], 'name': 'agent-c', 'status': 'AWAITING_DELETE'}]}]
    # no write at all in that run: not the update of c0, not the delete of c4 that nothing runs on
    assert emulator.writes() == [] and emulator.methods() == ['GET /v2/listeners', 'GET /v2/deployments'] * 2
    result = run(capsys, wanted, purge=True, force=True)
    assert result['msg'] == ('0 created, 1 updated, 3 deleted, 1 unchanged. Deleted from the workspace of the API key, '
                             'workspace_id unset: c1, c3 (purge), c4 (purge)')
    assert sorted(listener['compute_id'] for listener in emulator.listeners()) == ['c0', 'c2']


def test_deployments_are_read_page_by_page_and_a_failing_listing_fails_before_any_write(emulator, capsys):
    run(capsys, FLEET)
    emulator.deploy('c4', *['agent-%03d' % number for number in range(150)])  # two pages of deployments
    emulator.state.log = []
    result = run(capsys, [dict(item, state='absent') if item['compute_id'] == 'c4' else item for item in FLEET])
    assert result['failed'] and len(result['protected'][0]['deployments']) == 150
    assert emulator.methods() == ['GET /v2/listeners', 'GET /v2/deployments', 'GET /v2/deployments']
    emulator.state.log = []
    emulator.fault(method='GET', path='/v2/deployments', status=503, times=1)  # retried like any read
    result = run(capsys, [dict(FLEET[0], state='absent')] + FLEET[1:])
    assert not result.get('failed') and emulator.methods().count('GET /v2/deployments') == 3
    emulator.state.log = []
    emulator.fault(method='GET', path='/v2/deployments', status=503)
    result = run(capsys, [dict(FLEET[1], state='absent'), dict(FLEET[2], version='3.0')] + FLEET[3:], retries=1)
    assert result['failed'] and result['status'] == 503 and result['msg'].startswith('Request GET /v2/deployments failed: 503')
    assert emulator.writes() == []


def test_without_purge_a_namespace_of_an_unnamed_listener_stops_before_any_write(emulator, capsys):
    emulator.state.create(EMU.WORKSPACE_ID, 'stray', k8s_namespaces=['ns-3'])
    result = run(capsys, FLEET)
    assert result['failed'] and 'namespace ns-3 is already served by the listener of compute_id stray' in result['msg']
    assert emulator.writes() == []


@pytest.mark.parametrize('args, message', [
    (dict(parallel=0), 'parallel must be between 1 and 64, got 0'),
    (dict(parallel=65), 'parallel must be between 1 and 64, got 65'),
    (dict(purge=True, items=[]), 'purge with no item of state present in listeners would delete every listener of the workspace: '
                                 'refused. Name the listeners to keep'),
    (dict(purge=True, items=[{'compute_id': 'a', 'state': 'absent'}]),
     'purge with no item of state present in listeners would delete every listener of the workspace: refused'),
    (dict(items=[{'compute_id': 'a', 'k8s_namespaces': ['x']}, {'compute_id': 'b', 'k8s_namespaces': ['x']}]),
     '1 problem, nothing was changed: namespace x is requested by more than one listener: compute_id a, b'),
    (dict(items=[{'compute_id': 'a', 'state': 'gone'}]), 'value of state must be one of: present, absent, got: gone found in listeners'),
    (dict(items=[{'k8s_namespaces': ['x']}]), 'missing required arguments: compute_id found in listeners'),
])
def test_bad_input_fails_before_any_request(emulator, capsys, args, message):
    items = args.pop('items', FLEET)
    result = run(capsys, items, **args)
    assert result['failed'] and message in result['msg'], result['msg']
    assert emulator.methods() == []


def test_a_failed_item_amid_good_ones(emulator, capsys):
    run(capsys, FLEET[:2])
    emulator.fault(method='PATCH', path='/v2/listeners/{id}', status=503, times=2)
    result = run(capsys, [dict(FLEET[0], version='2.0')] + FLEET[1:], retries=1)
    assert result['failed'] and result['changed']
    c0 = [listener for listener in emulator.listeners() if listener['compute_id'] == 'c0'][0]
    assert result['listeners']['c0'] == {'changed': False, 'failed': True, 'status': 503, 'detail': 'Injected fault: 503',
                                         'method': 'PATCH', 'path': '/v2/listeners/%s' % c0['id'],
                                         'msg': result['listeners']['c0']['msg']}
    assert [result[key] for key in ('status', 'detail', 'method', 'path')] == [None] * 4  # each item has its own
    assert result['listeners']['c0']['msg'].startswith('Request PATCH /v2/listeners/%s failed: 503' % c0['id'])
    assert result['msg'].startswith('3 created, 0 updated, 0 deleted, 1 unchanged, 1 failed. 1 listener failed: c0: Request PATCH')
    assert sorted(listener['compute_id'] for listener in emulator.listeners()) == ['c0', 'c1', 'c2', 'c3', 'c4']


def test_a_409_is_resolved_as_the_listener_module_does(emulator, capsys):
    """A listener created by another run after this run's listing: the create answers 409."""
    emulator.fault(method='GET', path='/v2/listeners', status=200, json={'resources': [], 'offset': 0}, times=1)
    emulator.state.create(EMU.WORKSPACE_ID, 'c0', k8s_namespaces=['ns-0'], version='0.9')
    result = run(capsys, FLEET[:1])
    assert result['listeners']['c0']['msg'] == 'Listener c0 updated'
    assert emulator.methods() == ['GET /v2/listeners', 'POST /v2/listeners', 'GET /v2/listeners', 'PATCH /v2/listeners/{id}']


def test_null_namespaces_are_no_namespaces(emulator, capsys):
    emulator.state.create(EMU.WORKSPACE_ID, 'bare', k8s_namespaces=None)
    result = run(capsys, [{'compute_id': 'bare', 'k8s_namespaces': ['a']}, {'compute_id': 'other', 'k8s_namespaces': ['b']}])
    assert result['listeners']['bare']['msg'] == 'Listener bare updated' and not result.get('failed')
    emulator.state.create(EMU.WORKSPACE_ID, 'bare-too', k8s_namespaces=None)
    result = run(capsys, [{'compute_id': 'bare-too', 'version': '1.0'}, {'compute_id': 'new'}])
    assert [result['listeners'][name]['listener']['compute_config']['k8s_namespaces'] for name in ('bare-too', 'new')] == [[], []]


def test_a_listing_that_fails_names_its_request(emulator, capsys):
    emulator.fault(method='GET', path='/v2/listeners', status=403, json={'detail': 'key %s refused' % EMU.API_KEY})
    result = run(capsys, FLEET[:1])
    assert result['failed'] and 'listeners' not in result
    assert dict((key, result[key]) for key in ('status', 'detail', 'method', 'path')) == {
        'status': 403, 'detail': 'key ******** refused', 'method': 'GET', 'path': '/v2/listeners'}


def test_a_failed_items_detail_is_masked(emulator, capsys):
    emulator.fault(method='POST', path='/v2/listeners', status=400, json={'detail': 'echo %s' % EMU.API_KEY.upper()})
    result = run(capsys, FLEET[:1])
    assert result['failed'] and result['listeners']['c0']['detail'] == 'echo ********'
    assert [result['listeners']['c0'][key] for key in ('status', 'method', 'path')] == [400, 'POST', '/v2/listeners']
    assert EMU.API_KEY.upper() not in json.dumps(result)


def test_every_item_has_the_shape_that_module_utils_items_defines(emulator, capsys):
    """One definition of an item (module_utils/_items.py): what the module returns per listener, carried out
    (with and without --diff) or failed, and what listener_result accepts."""
    from ansible_collections.langchain.langsmith.plugins.module_utils import _items

    plain = run(capsys, FLEET[:2])['listeners']
    assert all(sorted(item) == sorted(_items.CARRIED_OUT) for item in plain.values())
    shown = run(capsys, FLEET[:2], diff=True)['listeners']
    assert all(sorted(item) == sorted(_items.CARRIED_OUT + ('diff',)) for item in shown.values())
    emulator.fault(method='PATCH', path='/v2/listeners/{id}', status=503, times=2)
    failed = run(capsys, [dict(FLEET[0], version='2.0')], retries=1)['listeners']['c0']
    assert sorted(failed) == sorted(_items.FAILED)
    assert [_items.not_an_item(item) for item in (plain['c0'], shown['c1'], failed)] == [None] * 3
    assert 'with changed and msg' in _items.not_an_item({'listener': {}})
