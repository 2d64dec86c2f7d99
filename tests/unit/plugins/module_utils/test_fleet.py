# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The planning logic of the listeners module: validation, collisions, purge selection, minimal
patches, the order of writes, and partial failure."""

import threading

import pytest

from ansible_collections.langchain.langsmith.plugins.module_utils import _fleet
from ansible_collections.langchain.langsmith.plugins.module_utils._client import Client
from ansible_collections.langchain.langsmith.plugins.module_utils._errors import InputError, LangSmithError
from ansible_collections.langchain.langsmith.plugins.module_utils._listener import ListenerService
from ansible_collections.langchain.langsmith.tests.unit.fakes import BASE_URL, load_emulator

EMU = load_emulator()


def listener(compute_id, namespaces=None, version=None, number=1):
    return {'id': '00000000-0000-4000-8000-%012d' % number, 'compute_id': compute_id, 'compute_type': 'k8s',
            'compute_config': {'k8s_namespaces': namespaces}, 'version': version,
            'created_at': '2026-11-28T09:15:02Z', 'updated_at': '2026-11-28T09:15:02Z'}


def items(*specs):
    return _fleet.desired_items([dict(spec) for spec in specs])


def kinds(actions):
    return [(a.kind, a.compute_id) for a in actions]


# -- validation, before any request -------------------------------------------------------------

def test_every_problem_is_reported_with_its_compute_id():
    with pytest.raises(InputError) as err:
        items({'compute_id': 'ok', 'k8s_namespaces': ['a']},
              {'compute_id': 'bad-ns', 'k8s_namespaces': ['Team_D']},
              {'compute_id': ' spaced'},
              {'compute_id': 'ok'},
              {'compute_id': 'twin', 'k8s_namespaces': ['a', 'b']},
              {'compute_id': 'gone', 'k8s_namespaces': ['b'], 'state': 'absent'})
    message = str(err.value)
    assert message.startswith('4 problems, nothing was changed: ')
    assert "listeners[1] (compute_id bad-ns): k8s_namespaces: 'Team_D' is not a Kubernetes namespace name" in message
    assert "listeners[2] (compute_id  spaced): compute_id must not start or end with white space" in message
    assert 'listeners[3]: compute_id ok is also the compute_id of listeners[0]; each listener once' in message
    assert 'namespace a is requested by more than one listener: compute_id ok, twin' in message
    assert 'namespace b' not in message  # an absent item asks for nothing


def test_requested_twice_is_linear_and_keeps_the_order():
    pairs = [('c%d' % i, ['ns-%d' % i, 'shared']) for i in range(3)]
    assert _fleet.requested_twice(pairs) == [('shared', ['c0', 'c1', 'c2'])]


# -- the plan, against one listing --------------------------------------------------------------

def test_only_what_differs_is_written():
    listing = [listener('same', ['a'], '1'), listener('drifted', ['b'], '1', 2), listener('old', ['x'], None, 3),
               listener('other', ['z'], None, 4)]
    actions = _fleet.actions_for(items({'compute_id': 'same', 'k8s_namespaces': ['a'], 'version': '1'},
                                       {'compute_id': 'drifted', 'k8s_namespaces': ['b', 'c'], 'version': '1'},
                                       {'compute_id': 'new', 'k8s_namespaces': ['d']},
                                       {'compute_id': 'old', 'state': 'absent'},
                                       {'compute_id': 'never', 'state': 'absent'}), listing)
    assert kinds(actions) == [('converge', 'same'), ('converge', 'drifted'), ('create', 'new'), ('delete', 'old'),
                              ('absent', 'never')]
    assert [_fleet.writes(a, False) for a in actions] == [False, True, True, True, False]
    assert actions[1].desired.patch_for(actions[1].current) == {'compute_config': {'k8s_namespaces': ['b', 'c']}}
    assert not any(_fleet.writes(a, True) for a in actions)  # check mode writes nothing


def test_a_namespace_served_by_a_listener_outside_the_list_stops_everything():
    listing = [listener('mine', ['a']), listener('theirs', ['shared'], number=2)]
    with pytest.raises(InputError) as err:
        _fleet.actions_for(items({'compute_id': 'mine', 'k8s_namespaces': ['a', 'shared']}), listing)
    assert str(err.value) == (
        'Two listeners must never serve the same namespace: namespace shared is already served by the listener of '
        'compute_id theirs (listener 00000000-0000-4000-8000-000000000002), which this run does not manage, and asked for '
        'by compute_id mine. To move a namespace between clusters, remove it from the other cluster first, in a run of '
        'its own. Nothing was changed')
    assert err.value.result == {'at_fault': {'mine': True}}


def test_a_listener_without_namespaces_serves_none():
    listing = [listener('bare', None), dict(listener('empty', [], number=2))]
    actions = _fleet.actions_for(items({'compute_id': 'mine', 'k8s_namespaces': ['a']}), listing)
    assert kinds(actions) == [('create', 'mine')]


def test_purge_deletes_what_the_list_does_not_name_and_frees_its_namespaces():
    listing = [listener('keep', ['a']), listener('stray', ['shared'], number=2), listener('stray-2', None, number=3)]
    actions = _fleet.actions_for(items({'compute_id': 'keep', 'k8s_namespaces': ['a']},
                                       {'compute_id': 'new', 'k8s_namespaces': ['shared']}), listing, purge=True)
    assert kinds(actions) == [('converge', 'keep'), ('create', 'new'), ('purge', 'stray'), ('purge', 'stray-2')]
    assert [a.releases for a in actions] == [False, False, True, True]


def test_a_namespace_can_move_between_two_listeners_of_the_list():
    listing = [listener('from', ['moving', 'stays']), listener('to', ['b'], number=2)]
    actions = _fleet.actions_for(items({'compute_id': 'to', 'k8s_namespaces': ['b', 'moving']},
                                       {'compute_id': 'from', 'k8s_namespaces': ['stays']}), listing)
    assert [(a.compute_id, a.releases) for a in actions] == [('to', False), ('from', True)]


def test_compute_type_cannot_change():
    current = dict(listener('c1', ['a']), compute_type='vm')
    with pytest.raises(InputError, match=r"compute_type cannot change: listener .* \(compute_id c1\) has compute_type 'vm', not 'k8s'"):
        _fleet.actions_for(items({'compute_id': 'c1'}), [current])


# -- carrying it out ----------------------------------------------------------------------------

def service(check_mode=False):
    return ListenerService(Client(base_url=BASE_URL, api_key=EMU.API_KEY, sleep=lambda s: None, retries=1), check_mode)


def test_writes_go_first_for_what_frees_a_namespace(emulator):
    emulator.state.create(EMU.WORKSPACE_ID, 'from', k8s_namespaces=['moving', 'stays'])
    svc = service()
    actions = _fleet.actions_for(items({'compute_id': 'to', 'k8s_namespaces': ['moving']},
                                       {'compute_id': 'from', 'k8s_namespaces': ['stays']}), svc.list_all())
    outcomes = _fleet.carry_out_all(svc, actions, parallel=4)
    assert outcomes['to'].msg == 'Listener to created' and outcomes['from'].msg == 'Listener from updated'
    assert emulator.methods() == ['GET /v2/listeners', 'PATCH /v2/listeners/{id}', 'POST /v2/listeners']


def test_a_failed_write_does_not_stop_the_others(emulator):
    emulator.fault(method='POST', path='/v2/listeners', status=500, times=2)  # one item's create, and its one retry
    svc = service()
    actions = _fleet.actions_for(items(*({'compute_id': 'c%d' % i, 'k8s_namespaces': ['ns-%d' % i]} for i in range(5))), svc.list_all())
    outcomes = _fleet.carry_out_all(svc, actions, parallel=1)
    failed = [cid for cid, outcome in outcomes.items() if isinstance(outcome, LangSmithError)]
    assert failed == ['c0'] and outcomes['c0'].status == 500
    assert sorted(listener['compute_id'] for listener in emulator.listeners()) == ['c1', 'c2', 'c3', 'c4']


def test_writes_run_at_most_parallel_at_once(emulator, monkeypatch):
    in_flight = []
    most = []
    lock = threading.Lock()
    original = ListenerService.create

    def create(self, desired):
        with lock:
            in_flight.append(desired.compute_id)
            most.append(len(in_flight))
        try:
            threading.Event().wait(0.02)
            return original(self, desired)
        finally:
            with lock:
                in_flight.remove(desired.compute_id)

    monkeypatch.setattr(ListenerService, 'create', create)
    svc = service()
    actions = _fleet.actions_for(items(*({'compute_id': 'c%02d' % i} for i in range(12))), [])
    outcomes = _fleet.carry_out_all(svc, actions, parallel=3)
    assert all(outcome.changed for outcome in outcomes.values()) and len(outcomes) == 12
    assert max(most) == 3


def test_a_listener_of_10000_namespaces_in_a_workspace_of_2000():
    """The size that made the role's Jinja preflight take minutes (its time: make bench)."""
    big = listener('big', ['ns-%05d' % i for i in range(10000)])
    wanted = items({'compute_id': 'big', 'k8s_namespaces': ['ns-%05d' % i for i in range(10000)]},
                   {'compute_id': 'small', 'k8s_namespaces': ['other']})
    actions = _fleet.actions_for(wanted, [big] + [listener('x%d' % i, ['x-%d' % i], number=i + 2) for i in range(2000)])
    assert kinds(actions) == [('converge', 'big'), ('create', 'small')]
