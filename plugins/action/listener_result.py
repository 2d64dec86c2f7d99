# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The action of langchain.langsmith.listener_result (documented in plugins/modules/listener_result.py).

It runs on the controller, as ansible.builtin.set_fact does: no module process, no request. Each host
gets its item of a ``langchain.langsmith.listeners`` result (only its own: templating the whole
result for every host of a fleet would cost time in proportion to hosts times listeners) and
reports it as its own.
"""

from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):

    TRANSFERS_FILES = False
    _requires_connection = False  # ansible-core 2.18 and later: no connection is made at all

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        dummy, args = self.validate_argument_spec(argument_spec=dict(
            result=dict(type='dict', required=True),
            state=dict(type='str', default='present', choices=['present', 'absent']),
        ))
        item = args['result']
        if 'changed' not in item or 'msg' not in item:
            result.update(failed=True, msg='result must be one item of the listeners result of a langchain.langsmith.listeners '
                                           'task (registered.listeners[compute_id]), with changed and msg')
            return result
        listener = (item.get('listener') or {}) if args['state'] == 'present' else {}
        result['ansible_facts'] = {'langsmith_listener': listener, 'langsmith_listener_id': listener.get('id')}
        result['changed'] = bool(item.get('changed'))
        result['msg'] = item.get('msg', '')
        if item.get('failed'):
            result['failed'] = True
            if item.get('status') is not None:
                result['status'] = item['status']
        if self._task.diff and item.get('diff'):
            result['diff'] = item['diff']
        return result
