# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The dataplane_result action: what listener_result reports, for the dataplane role, with the host's item read from the
role's registered results (the plays: tests/system/test_dataplane.py, test_role_plan.py)."""

from unittest import mock

import pytest

from ansible.errors import AnsibleActionFail
from ansible.playbook.play_context import PlayContext

from ansible_collections.langchain.langsmith.plugins.action import dataplane_result, listener_result

SKIPPED = {'changed': False, 'skipped': True, 'skip_reason': 'Conditional result was False'}
ITEMS = {
    'c1': {'changed': True, 'msg': 'Created listener c1', 'operation': 'create', 'listener': {'id': 'l1', 'compute_id': 'c1'},
           'diff': {'before': {}, 'after': {'compute_id': 'c1'}}},
    'c2': {'changed': False, 'msg': 'Listener c2 is up to date', 'operation': None, 'listener': {'id': 'l2', 'compute_id': 'c2'}},
    'c3': {'changed': False, 'failed': True, 'msg': 'Request PATCH /v2/listeners/l3 failed: 503 Service Unavailable',
           'status': 503, 'detail': 'Service Unavailable', 'method': 'PATCH', 'path': '/v2/listeners/l3'},
    'c4': {'changed': True, 'msg': 'Deleted listener c4', 'operation': 'delete', 'listener': {'id': 'l4', 'compute_id': 'c4'}},
}
PLAN = {'problems': [], 'listeners': {'h%s' % cid[1:]: {'compute_id': cid, 'state': 'absent' if cid == 'c4' else 'present'}
                                      for cid in ITEMS}}
STOPPED = {'failed': True, 'changed': False, 'msg': 'Request GET /v2/listeners failed: 403 Forbidden: no', 'status': 403,
           'detail': 'no', 'method': 'GET', 'path': '/v2/listeners', 'at_fault': {'c1': True}}


def run(module, args, task_vars, diff=True):
    task = mock.MagicMock(args=args, async_val=0, diff=diff, check_mode=False)
    action = module.ActionModule(task, mock.MagicMock(), PlayContext(), loader=None, templar=None, shared_loader_obj=None)
    action._load_name = 'langchain.langsmith.%s' % module.__name__.rsplit('.', 1)[-1]  # as the plugin loader sets it
    with mock.patch.object(module.ActionModule, 'register_host_variables', create=True) as registered:
        result = action.run(task_vars=task_vars)
    return result, registered.call_args_list


def role_vars(host, checked, converged, plan=None):
    return {'inventory_hostname': host, '_dataplane_plan': PLAN if plan is None else plan,
            '_dataplane_checked': checked, '_dataplane_converged': converged}


def as_the_role_passed_it(host, checked, converged):
    """The arguments the role's task gave listener_result before (its Jinja, in Python)."""
    run_result = checked if converged.get('skipped') else converged
    request = PLAN['listeners'][host]
    given = 'listeners' in run_result
    return {'result': run_result['listeners'][request['compute_id']] if given else run_result, 'stopped': not given,
            'compute_id': request['compute_id'], 'state': request['state']}


@pytest.mark.parametrize('checked, converged', [
    (SKIPPED, {'changed': False, 'listeners': ITEMS}),  # the converge ran (no chart uninstalled)
    ({'changed': False, 'listeners': ITEMS}, SKIPPED),  # the check of the deletes found nothing to change; its result serves
    ({'changed': False, 'listeners': {}}, {'changed': False, 'listeners': ITEMS}),  # both ran: the converge's result
    (SKIPPED, STOPPED),  # the run failed before any write: every host fails
    (STOPPED, SKIPPED),
], ids=['converged', 'checked', 'both', 'stopped', 'stopped-check'])
@pytest.mark.parametrize('host', sorted(PLAN['listeners']))
def test_each_host_reports_what_listener_result_reported_with_the_roles_arguments(host, checked, converged):
    mine = run(dataplane_result, {}, role_vars(host, checked, converged))
    theirs = run(listener_result, as_the_role_passed_it(host, checked, converged), {})
    assert mine == theirs
    result, registered = mine
    if converged is STOPPED or checked is STOPPED and converged is SKIPPED:
        assert result['failed'] and result['status'] == 403 and not registered
        assert ('Nothing was written for compute_id' in result['msg']) == (host != 'h1')
    elif host == 'h3':
        assert result['failed'] and result['status'] == 503
    else:
        item = ITEMS['c' + host[1:]]
        listener = {} if host == 'h4' else item['listener']  # h4's state is absent: no listener
        assert result['ansible_facts'] == {'langsmith_listener': listener, 'langsmith_listener_id': listener.get('id')}
        assert result['changed'] == item['changed'] and result['operation'] == item['operation'] and not result.get('failed')


def test_the_diff_only_under_diff():
    task_vars = role_vars('h1', SKIPPED, {'changed': True, 'listeners': ITEMS})
    assert run(dataplane_result, {}, task_vars)[0]['diff'] == ITEMS['c1']['diff']
    assert 'diff' not in run(dataplane_result, {}, task_vars, diff=False)[0]


@pytest.mark.parametrize('task_vars, msg', [
    ({'inventory_hostname': 'h1'}, 'found no _dataplane_plan, _dataplane_checked, _dataplane_converged'),
    (role_vars('h1', SKIPPED, None), 'found no _dataplane_converged'),
    (role_vars('h9', SKIPPED, {'listeners': ITEMS}), 'the check of the play (_dataplane_plan) has no listener for h9'),
    (role_vars('h1', SKIPPED, {'listeners': {}}), 'the listeners run has no item for compute_id c1 (h1)'),
], ids=['outside-the-role', 'no-run', 'not-planned', 'not-run'])
def test_what_it_cannot_find_fails_the_host_saying_what(task_vars, msg):
    result, registered = run(dataplane_result, {}, task_vars)
    assert result['failed'] and not result['changed'] and msg in result['msg'] and not registered


def test_it_takes_no_arguments():
    with pytest.raises(AnsibleActionFail, match='Unsupported parameters .*: result'):
        run(dataplane_result, {'result': ITEMS['c1']}, role_vars('h1', SKIPPED, {'listeners': ITEMS}))
