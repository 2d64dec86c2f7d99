# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The listener_result action: a host's item of a listeners result as the host's own result (the play: tests/system/test_listener_result.py)."""

from unittest import mock

import pytest

from ansible.playbook.play_context import PlayContext

from ansible_collections.langchain.langsmith.plugins.action import listener_result
from ansible_collections.langchain.langsmith.plugins.module_utils._failure import FIELDS
from ansible_collections.langchain.langsmith.plugins.plugin_utils._listener_result import stopped

FAILED_ITEM = {'changed': False, 'failed': True, 'msg': 'Request PATCH /v2/listeners/x failed: 503 Service Unavailable',
               'status': 503, 'detail': 'Service Unavailable', 'method': 'PATCH', 'path': '/v2/listeners/x'}


def run(args):
    task = mock.MagicMock(args=args, async_val=0, diff=False, check_mode=False)
    action = listener_result.ActionModule(task, mock.MagicMock(), PlayContext(), loader=None, templar=None,
                                          shared_loader_obj=None)
    with mock.patch.object(listener_result.ActionModule, 'register_host_variables', create=True):
        return action.run(task_vars={})


def test_a_failed_item_fails_its_host_with_the_items_failure():
    result = run({'result': FAILED_ITEM})
    assert result['failed'] and dict((key, result[key]) for key in FIELDS) == dict((key, FAILED_ITEM[key]) for key in FIELDS)
    assert 'operation' not in result


@pytest.mark.parametrize('operation', ['create', 'update', 'delete', None])
def test_a_good_item_reports_its_operation(operation):
    item = {'changed': operation is not None, 'msg': 'Listener c1 ...', 'operation': operation, 'listener': {'id': 'x'}}
    result = run({'result': item})
    assert not result.get('failed') and result['changed'] == (operation is not None) and result['operation'] == operation
    assert not set(FIELDS) & set(result)


def test_a_stopped_run_gives_every_host_its_failure():
    run_result = {'failed': True, 'msg': 'Request GET /v2/listeners failed: 403 Forbidden: no', 'status': 403, 'detail': 'no',
                  'method': 'GET', 'path': '/v2/listeners', 'at_fault': {'c1': True}}
    for compute_id in ('c1', 'c2'):
        result = stopped(run_result, compute_id)
        assert result['failed'] and [result[key] for key in FIELDS] == [403, 'no', 'GET', '/v2/listeners']
    assert stopped({'failed': True, 'msg': 'bad input'}, 'c1') == dict(
        dict.fromkeys(FIELDS), failed=True, changed=False, msg='bad input')
