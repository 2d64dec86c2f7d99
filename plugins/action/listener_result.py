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

from ansible_collections.langchain.langsmith.plugins.module_utils._failure import failure_of
from ansible_collections.langchain.langsmith.plugins.module_utils._items import not_an_item

try:  # ansible-core 2.21 and later: an action may set variables as ansible.builtin.set_fact does
    from ansible.plugins.action import VariableLayer
except ImportError:  # older: facts in the result are host facts, which Ansible also makes variables
    VariableLayer = None


def stopped(run, compute_id):
    """The failure of one host of a listeners run that failed before any write: the run's own message for the host it
    concerns (``at_fault``, or every host when it names none), and for the others that nothing was written."""
    at_fault = run.get('at_fault') or {}
    msg = run.get('msg') or 'the listeners task failed'
    if at_fault and compute_id not in at_fault:
        msg = ('Nothing was written for compute_id %s: the listeners run stopped before any write, because of compute_id %s: %s'
               % (compute_id, ', '.join(sorted(at_fault)), msg))
    return dict(failure_of(run), failed=True, changed=False, msg=msg)


class ActionModule(ActionBase):

    TRANSFERS_FILES = False
    _requires_connection = False  # ansible-core 2.18 and later: no connection is made at all

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        dummy, args = self.validate_argument_spec(argument_spec=dict(
            result=dict(type='dict', required=True),
            state=dict(type='str', default='present', choices=['present', 'absent']),
            stopped=dict(type='bool', default=False),
            compute_id=dict(type='str'),
        ))
        item = args['result']
        if args['stopped']:
            return dict(result, **stopped(item, args['compute_id']))
        wrong = not_an_item(item)
        if wrong:
            result.update(failed=True, msg=wrong)
            return result
        listener = (item.get('listener') or {}) if args['state'] == 'present' else {}
        facts = {'langsmith_listener': listener, 'langsmith_listener_id': listener.get('id')}
        if VariableLayer is not None:
            # Variables of the host for the rest of the play, as set_fact's are: not host facts (which ansible-core
            # 2.21 warns about reading as variables, and 2.24 will not make variables), and not cached.
            self.register_host_variables({}, VariableLayer.CACHEABLE_FACT)
            self.register_host_variables(facts, VariableLayer.EPHEMERAL_FACT)
        result['ansible_facts'] = facts
        result['changed'] = bool(item.get('changed'))
        result['msg'] = item.get('msg', '')
        if item.get('failed'):
            result['failed'] = True
            result.update(failure_of(item))
        else:
            result['operation'] = item.get('operation')
        if self._task.diff and item.get('diff'):
            result['diff'] = item['diff']
        return result
