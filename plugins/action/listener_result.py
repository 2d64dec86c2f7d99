# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The action of langchain.langsmith.listener_result (documented in plugins/modules/listener_result.py).

It runs on the controller, as ansible.builtin.set_fact does: no module process, no request. Each host
gets its item of a ``langchain.langsmith.listeners`` result (only its own: templating the whole
result for every host of a fleet would cost time in proportion to hosts times listeners) and
reports it as its own (plugin_utils/_listener_result.py).
"""

from ansible_collections.langchain.langsmith.plugins.plugin_utils._listener_result import ListenerResultBase


class ActionModule(ListenerResultBase):

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        dummy, args = self.validate_argument_spec(argument_spec=dict(
            result=dict(type='dict', required=True),
            state=dict(type='str', default='present', choices=['present', 'absent']),
            stopped=dict(type='bool', default=False),
            compute_id=dict(type='str'),
        ))
        return self.report(result, args['result'], args['state'], args['stopped'], args['compute_id'])
