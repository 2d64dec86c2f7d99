# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

import time

import pytest

from ansible_collections.langchain.langsmith.plugins.module_utils._client import Client
from ansible_collections.langchain.langsmith.plugins.module_utils._errors import InputError, LangSmithError, check_namespaces, check_uuid
from ansible_collections.langchain.langsmith.plugins.module_utils._listener import Desired, ListenerService
from ansible_collections.langchain.langsmith.tests.unit.fakes import BASE_URL, load_emulator

EMU = load_emulator()


def service(check_mode=False, **kwargs):
    options = dict(base_url=BASE_URL, api_key=EMU.API_KEY, sleep=lambda s: None)
    options.update(kwargs)
    return ListenerService(Client(**options), check_mode=check_mode)


# -- input --------------------------------------------------------------------------------------

@pytest.mark.parametrize('kwargs, message', [
    (dict(compute_id=''), 'compute_id must not be empty'),
    (dict(compute_id='   '), 'compute_id must not be empty'),
    (dict(compute_id=' c1'), 'compute_id must not start or end with white space'),
    (dict(compute_id='c1', compute_type='vm'), "compute_type must be one of k8s, got 'vm'"),
    (dict(compute_id='c1', k8s_namespaces=[]), 'k8s_namespaces must name at least one namespace'),
    (dict(compute_id='c1', k8s_namespaces=['a', '']), 'k8s_namespaces must not contain an empty namespace name'),
    (dict(compute_id='c1', k8s_namespaces=['Agents_1']), "k8s_namespaces: 'Agents_1' is not a Kubernetes namespace name"),
    (dict(compute_id='c1', k8s_namespaces=['a' * 64]), 'is not a Kubernetes namespace name'),
])
def test_desired_rejects_bad_input(kwargs, message):
    with pytest.raises(InputError) as err:
        Desired(**kwargs)
    assert message in str(err.value)


def test_desired_deduplicates_namespaces_keeping_order():
    assert Desired('c1', k8s_namespaces=['b', 'a', 'b']).k8s_namespaces == ['b', 'a']


def test_check_uuid():
    assert check_uuid('6F1B2C3D-4E5F-4A7B-8C9D-0E1F2A3B4C5D', 'listener_id') == '6f1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d'
    with pytest.raises(InputError, match='listener_id must be a listener ID'):
        check_uuid('nope', 'listener_id')


def test_create_body_and_minimal_patch():
    desired = Desired('c1', k8s_namespaces=['a', 'b'], version='1.0')
    assert desired.create_body() == {'compute_type': 'k8s', 'compute_id': 'c1', 'compute_config': {'k8s_namespaces': ['a', 'b']},
                                     'version': '1.0'}
    assert Desired('c1').create_body() == {'compute_type': 'k8s', 'compute_id': 'c1', 'compute_config': {}}
    current = {'compute_config': {'k8s_namespaces': ['b', 'a']}, 'version': '1.0'}
    assert desired.patch_for(current) == {}
    assert desired.patch_for(dict(current, version='0.9')) == {'version': '1.0'}
    assert desired.patch_for({'compute_config': {'k8s_namespaces': ['a']}, 'version': '1.0'}) == \
        {'compute_config': {'k8s_namespaces': ['a', 'b']}}
    assert Desired('c1').patch_for({'compute_config': {'k8s_namespaces': ['z']}, 'version': 'x'}) == {}


# -- present ------------------------------------------------------------------------------------

def test_create_then_converged_then_update(emulator):
    desired = Desired('c1', k8s_namespaces=['a', 'b'], version='1.0')
    result = service().ensure_present(desired)
    assert result.changed and result.listener['id'] and result.msg == 'Listener c1 created'
    assert emulator.methods() == ['POST /v2/listeners']
    expected_after = {'compute_id': 'c1', 'compute_type': 'k8s', 'k8s_namespaces': ['a', 'b'], 'version': '1.0'}
    assert result.diff() == {'before': {}, 'after': expected_after}

    again = service().ensure_present(Desired('c1', k8s_namespaces=['b', 'a'], version='1.0'))
    assert not again.changed and again.listener['id'] == result.listener['id']
    assert emulator.methods()[1:] == ['POST /v2/listeners', 'GET /v2/listeners']
    assert again.diff()['before'] == again.diff()['after']

    updated = service().ensure_present(Desired('c1', k8s_namespaces=['a', 'c'], version='1.0'))
    assert updated.changed and updated.listener['compute_config']['k8s_namespaces'] == ['a', 'c']
    assert emulator.methods()[3:] == ['POST /v2/listeners', 'GET /v2/listeners', 'PATCH /v2/listeners/{id}']
    assert emulator.state.log[-1]['path'] == '/v2/listeners/%s' % result.listener['id']
    assert updated.diff()['before']['k8s_namespaces'] == ['a', 'b'] and updated.diff()['after']['k8s_namespaces'] == ['a', 'c']
    assert len(emulator.listeners()) == 1


def test_patch_sends_only_what_differs(emulator):
    service().ensure_present(Desired('c1', k8s_namespaces=['a'], version='1.0'))
    sent = []
    svc = service()
    original = svc.client.request

    def spy(method, path, params=None, body=None, expect=(200,)):
        sent.append((method, body))
        return original(method, path, params=params, body=body, expect=expect)
    svc.client.request = spy
    svc.ensure_present(Desired('c1', k8s_namespaces=['a'], version='2.0'))
    assert sent[-1] == ('PATCH', {'version': '2.0'})


def test_unmanaged_fields_are_left_alone(emulator):
    service().ensure_present(Desired('c1', k8s_namespaces=['a'], version='1.0'))
    result = service().ensure_present(Desired('c1'))
    assert not result.changed
    assert result.listener['version'] == '1.0' and result.listener['compute_config']['k8s_namespaces'] == ['a']
    assert result.diff()['after'] == {'compute_id': 'c1', 'compute_type': 'k8s'}


def test_409_in_a_workspace_of_more_than_100_stops_at_the_matching_page(emulator):
    emulator.seed(250)
    service().ensure_present(Desired('target', k8s_namespaces=['t']))  # the 251st listener: page 3
    emulator.state.log.clear()
    result = service().ensure_present(Desired('target', k8s_namespaces=['t']))
    assert not result.changed and result.listener['compute_id'] == 'target'
    assert emulator.methods() == ['POST /v2/listeners'] + ['GET /v2/listeners'] * 3
    emulator.state.log.clear()
    service().ensure_present(Desired('seed-00150', k8s_namespaces=['seed-00150-ns']))
    assert emulator.methods() == ['POST /v2/listeners'] + ['GET /v2/listeners'] * 2


def test_check_mode_writes_nothing_and_predicts(emulator):
    result = service(check_mode=True).ensure_present(Desired('c1', k8s_namespaces=['a'], version='1'))
    assert result.changed and result.msg == 'Listener c1 would be created'
    assert 'id' not in result.listener and result.listener['compute_config'] == {'k8s_namespaces': ['a']}
    assert emulator.writes() == [] and emulator.listeners() == []

    created = service().ensure_present(Desired('c1', k8s_namespaces=['a'], version='1')).listener
    emulator.state.log.clear()
    predicted = service(check_mode=True).ensure_present(Desired('c1', k8s_namespaces=['a', 'b'], version='1'))
    assert predicted.changed and predicted.listener['id'] == created['id']
    assert predicted.listener['compute_config']['k8s_namespaces'] == ['a', 'b']
    assert emulator.writes() == []
    assert emulator.listeners()[0]['compute_config']['k8s_namespaces'] == ['a']

    unchanged = service(check_mode=True).ensure_present(Desired('c1', k8s_namespaces=['a'], version='1'))
    assert not unchanged.changed


def test_listener_id_costs_one_request(emulator):
    created = service().ensure_present(Desired('c1', k8s_namespaces=['a'])).listener
    emulator.state.log.clear()
    result = service().ensure_present(Desired('c1', k8s_namespaces=['a']), listener_id=created['id'])
    assert not result.changed and emulator.methods() == ['GET /v2/listeners/{id}']
    emulator.state.log.clear()
    result = service().ensure_present(Desired('c1', k8s_namespaces=['b']), listener_id=created['id'])
    assert result.changed and emulator.methods() == ['GET /v2/listeners/{id}', 'PATCH /v2/listeners/{id}']


def test_listener_id_of_another_compute_id_fails(emulator):
    other = service().ensure_present(Desired('other', k8s_namespaces=['o'])).listener
    with pytest.raises(LangSmithError, match="belongs to compute_id 'other', not to compute_id 'c1'"):
        service().ensure_present(Desired('c1', k8s_namespaces=['a']), listener_id=other['id'])
    with pytest.raises(LangSmithError, match="belongs to compute_id 'other'"):
        service().ensure_absent(Desired('c1'), listener_id=other['id'])
    assert emulator.writes() == ['POST /v2/listeners']


def test_unknown_listener_id(emulator):
    unknown = '00000000-0000-4000-8000-000000000000'
    with pytest.raises(LangSmithError, match='no such listener'):
        service().ensure_present(Desired('c1'), listener_id=unknown)
    result = service().ensure_absent(Desired('c1'), listener_id=unknown)
    assert not result.changed and result.listener == {}


def test_lost_create_answer_counts_as_this_runs_change(emulator):
    emulator.fault(method='POST', path='/v2/listeners', status=502, after_commit=True, times=1)
    result = service().ensure_present(Desired('c1', k8s_namespaces=['a']))
    assert result.changed and 'answer to the first create request was lost' in result.msg
    assert len(emulator.listeners()) == 1 and result.listener['id'] == emulator.listeners()[0]['id']
    assert emulator.methods() == ['POST /v2/listeners', 'POST /v2/listeners', 'GET /v2/listeners']


def test_an_old_listener_behind_a_lost_answer_is_not_claimed(emulator):
    service().ensure_present(Desired('c1', k8s_namespaces=['a']))
    emulator.listeners()[0]['created_at'] = '2020-01-01T00:00:00Z'
    emulator.fault(method='POST', path='/v2/listeners', status=502, times=1)
    result = service().ensure_present(Desired('c1', k8s_namespaces=['a']))
    assert not result.changed


def test_409_for_a_listener_deleted_meanwhile_creates_again(emulator, monkeypatch):
    svc = service()
    calls = []
    original = svc.find

    def find(compute_id):
        calls.append(compute_id)
        if len(calls) == 1:
            # someone else deletes it between our 409 and our listing
            emulator.state.workspace(EMU.WORKSPACE_ID).clear()
            return None
        return original(compute_id)
    monkeypatch.setattr(svc, 'find', find)
    service().ensure_present(Desired('c1'))
    result = svc.ensure_present(Desired('c1', k8s_namespaces=['a']))
    assert result.changed and result.msg == 'Listener c1 created'
    assert len(emulator.listeners()) == 1


def test_patch_answer_that_differs_is_an_error(emulator):
    service().ensure_present(Desired('c1', k8s_namespaces=['a']))
    emulator.state.patch_mode = 'merge'
    with pytest.raises(LangSmithError, match='answered a listener that still differs'):
        service().ensure_present(Desired('c1', k8s_namespaces=['b']))


def test_off_contract_answer_is_a_clear_error(emulator):
    emulator.fault(method='POST', path='/v2/listeners', status=201, json={'id': 'not-a-uuid', 'compute_id': 'c1'}, times=1)
    with pytest.raises(LangSmithError) as err:
        service().ensure_present(Desired('c1'))
    msg = str(err.value)
    assert msg.startswith('The answer to POST /v2/listeners does not match the API schema (Listener):')
    assert 'id: Input should be a valid UUID' in msg and 'compute_type: Field required' in msg
    assert 'created_at: Field required' in msg


@pytest.mark.parametrize('answer, what', [
    (dict(body='<html><body><h1>Welcome to the proxy</h1></body></html>', content_type='text/html'),
     'answered 201 with a body that is not JSON (Content-Type text/html): <html>'),
    (dict(json={'compute_id': 'c1'}), 'does not match the API schema (Listener): compute_type: Field required'),
])
def test_an_unreadable_201_says_the_listener_exists_and_a_rerun_creates_nothing(emulator, answer, what):
    emulator.fault(method='POST', path='/v2/listeners', status=201, after_commit=True, times=1, **answer)
    with pytest.raises(LangSmithError) as err:
        service().ensure_present(Desired('c1'))
    assert what in str(err.value) and err.value.status == 201
    assert str(err.value).endswith('The control plane answered 201 Created, so the listener exists: the next run finds it '
                                   'by compute_id and creates nothing')
    again = service().ensure_present(Desired('c1'))
    assert not again.changed and again.listener['id'] == emulator.listeners()[0]['id'] and len(emulator.listeners()) == 1


def _answer(**fields):
    listener = {'id': '6f1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d', 'compute_id': 'c1', 'compute_type': 'k8s', 'version': '1.0',
                'compute_config': {'k8s_namespaces': ['team-a']}, 'created_at': '2026-11-28T09:15:02Z', 'updated_at': '2026-11-28T09:15:02Z'}
    listener.update(fields)
    return listener


@pytest.mark.parametrize('answer, differs', [
    (_answer(compute_id='someone-else'), "compute_id 'someone-else', not 'c1'"),
    # what the role would otherwise have written into YAML and given the chart
    (_answer(compute_config={'k8s_namespaces': ['team-a\n---\napiVersion: v1\nkind: Secret', 'kube-system']}),
     "k8s_namespaces ['team-a\\n---\\napiVersion: v1\\nkind: Secret', 'kube-system'], not ['team-a']"),
    (_answer(version='9.9'), "version '9.9', not '1.0'"),
])
def test_a_201_with_another_listener_than_requested_is_not_used(emulator, answer, differs):
    emulator.fault(method='POST', path='/v2/listeners', status=201, json=answer, times=1)
    with pytest.raises(LangSmithError) as err:
        service().ensure_present(Desired('c1', k8s_namespaces=['team-a'], version='1.0'))
    assert str(err.value) == ('POST /v2/listeners answered 201 Created with a listener that is not the one requested (%s): it is '
                              'not used. Check what answers at control_plane_url, and the listeners of the workspace' % differs)
    assert err.value.status == 201


def test_a_patch_answering_another_listener_is_not_used(emulator):
    current = service().ensure_present(Desired('c1', k8s_namespaces=['a'])).listener
    emulator.fault(method='PATCH', path='/v2/listeners/{id}', status=200, json=_answer(compute_config={'k8s_namespaces': ['b']}),
                   times=1)
    with pytest.raises(LangSmithError) as err:
        service().ensure_present(Desired('c1', k8s_namespaces=['b']))
    assert str(err.value) == ("PATCH /v2/listeners/%s answered another listener (ID 6f1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d, compute_id "
                              "'c1') than the one it updates: it is not used. Check what answers at control_plane_url" % current['id'])


def test_immutable_compute_type_mismatch_is_an_error(emulator):
    created = service().ensure_present(Desired('c1')).listener
    emulator.state.workspace(EMU.WORKSPACE_ID)[created['id']]['compute_type'] = 'vm'
    with pytest.raises(LangSmithError, match="compute_type cannot change"):
        service().ensure_present(Desired('c1'))


# -- absent -------------------------------------------------------------------------------------

def test_absent_deletes_then_is_ok(emulator):
    created = service().ensure_present(Desired('c1', k8s_namespaces=['a'])).listener
    check = service(check_mode=True).ensure_absent(Desired('c1'))
    assert check.changed and check.listener['id'] == created['id'] and len(emulator.listeners()) == 1
    result = service().ensure_absent(Desired('c1'))
    assert result.changed and result.listener['id'] == created['id'] and emulator.listeners() == []
    assert result.diff() == {'before': {'compute_id': 'c1', 'compute_type': 'k8s'}, 'after': {}}
    again = service().ensure_absent(Desired('c1'))
    assert not again.changed and again.listener == {}


def test_404_on_delete_because_another_run_won(emulator):
    service().ensure_present(Desired('c1'))
    emulator.fault(method='DELETE', path='/v2/listeners/{id}', status=404, json={'detail': 'Listener ID x not found.'}, times=1)
    result = service().ensure_absent(Desired('c1'))
    assert not result.changed and result.listener == {}


def test_lost_delete_answer_still_counts_as_deleted(emulator):
    service().ensure_present(Desired('c1'))
    emulator.fault(method='DELETE', path='/v2/listeners/{id}', status=502, after_commit=True, times=1)
    result = service().ensure_absent(Desired('c1'))
    assert result.changed and emulator.listeners() == []


def test_list_all_reads_every_page(emulator):
    emulator.seed(205)
    assert len(service().list_all()) == 205
    assert emulator.methods() == ['GET /v2/listeners'] * 3


# -- a listener without namespaces --------------------------------------------------------------

def test_a_listener_without_namespaces_is_read_as_an_empty_list(emulator):
    """The API allows a listener whose compute_config.k8s_namespaces is null (or left out): every
    listener the service returns, from every kind of answer, has a list there."""
    created = service().ensure_present(Desired('bare')).listener  # the answer to POST
    stored = emulator.listeners()[0]
    assert stored['compute_config']['k8s_namespaces'] is None  # what the API keeps
    assert created['compute_config']['k8s_namespaces'] == []
    missing = emulator.state.create(EMU.WORKSPACE_ID, 'no-field')
    del missing['compute_config']['k8s_namespaces']
    svc = service()
    assert [item['compute_config']['k8s_namespaces'] for item in svc.list_all()] == [[], []]  # pages
    assert svc.find('no-field')['compute_config'] == {'k8s_namespaces': []}
    assert svc.get(stored['id'])['compute_config']['k8s_namespaces'] == []  # GET by id
    rerun = svc.ensure_present(Desired('bare'))  # 409, then the listing
    assert not rerun.changed and rerun.listener['compute_config']['k8s_namespaces'] == []
    assert service(check_mode=True).ensure_present(Desired('new')).listener['compute_config'] == {'k8s_namespaces': []}
    updated = svc.ensure_present(Desired('bare', version='1.0'))  # the answer to PATCH
    assert updated.changed and updated.listener['compute_config']['k8s_namespaces'] == []
    assert svc.ensure_present(Desired('bare', k8s_namespaces=['a'])).diff() == {
        'before': {'compute_id': 'bare', 'compute_type': 'k8s', 'k8s_namespaces': []},
        'after': {'compute_id': 'bare', 'compute_type': 'k8s', 'k8s_namespaces': ['a']}}
    assert svc.ensure_absent(Desired('no-field')).listener['compute_config']['k8s_namespaces'] == []


def test_checking_namespaces_takes_linear_time():
    """A cluster's namespace list (from the role's variables or the API) is de-duplicated with a set:
    40,000 names take milliseconds, where a list searched for each name took seconds."""
    names = ['ns-%05d' % number for number in range(40000)]
    started = time.perf_counter()
    checked = check_namespaces(names + names[:10])
    assert time.perf_counter() - started < 1.5
    assert checked == names


def test_create_only_fields_are_data_and_both_layers_say_the_same():
    """models.CREATE_ONLY names the fields only a create sets: the listener module's converge and the
    listeners module's plan refuse a change of one with the same message, and nothing else is refused."""
    from ansible_collections.langchain.langsmith.plugins.module_utils import _models
    from ansible_collections.langchain.langsmith.plugins.module_utils._listener import Desired

    assert _models.CREATE_ONLY == ('compute_type',)
    assert 'compute_type' not in _models.ListenerPatchRequest.model_fields
    current = {'id': 'L1', 'compute_id': 'c1', 'compute_type': 'vm', 'version': 'a', 'compute_config': {'k8s_namespaces': ['x']}}
    desired = Desired('c1', k8s_namespaces=['y'], version='b')
    assert desired.create_only_changes(current) == ["compute_type cannot change: listener L1 (compute_id c1) has compute_type 'vm', not 'k8s'"]
    assert desired.create_only_changes(dict(current, compute_type='k8s')) == []
