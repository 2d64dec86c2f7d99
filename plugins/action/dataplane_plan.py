# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The action of langchain.langsmith.dataplane_plan (documented in plugins/modules/dataplane_plan.py).

Once for the play, on the controller: templates the role's ``_dataplane_request`` for every host of the
play, each with that host's own variables (as a task of the role would see them), and checks them all
(plugin_utils/_dataplane.plan). A per-host task that notes each host's request would cost the play
one more task per host: a worker process forked for each, and the strategy's own work per host and
task. This task gathers and templates each host's variables in one process instead, which the
benchmark shows to cost less (docs/docsite/rst/performance.rst, "Where the time of a fleet goes").
"""

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase

from ansible_collections.langchain.langsmith.plugins.plugin_utils._dataplane import Problems, plan


def failed_before(task_vars, registered, problems):
    """Append to ``problems`` one for each host of the play that failed before this task, in this batch (for example in the role's
    argument validation, which ansible-core runs per host before the role's first task): it left the batch, and
    the others must not be written as if it had not been asked for. A host that failed in an earlier batch has
    this task's result from that batch (``registered``), and is left out."""
    active = set(task_vars.get('ansible_play_hosts') or ())
    gone = [name for name in task_vars.get('ansible_play_hosts_all') or () if name not in active]
    hostvars = task_vars.get('hostvars') or {}
    for name in gone:
        if not registered or registered not in hostvars.get(name, {}):
            problems.append('%s failed before the role checked the play (for example, one of its variables did not pass the '
                            'role\'s argument validation): nothing is written for any cluster of the play while one of them is '
                            'wrong' % name, [name])


class ActionModule(ActionBase):

    TRANSFERS_FILES = False
    _requires_connection = False  # ansible-core 2.18 and later: no connection is made at all

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        dummy, args = self.validate_argument_spec(argument_spec=dict(
            hosts=dict(type='list', elements='str', required=True),
            request=dict(type='str', required=True),
        ))
        variable_manager = self._task.get_variable_manager()
        play = self._task.get_play()
        hosts_all = list(task_vars.get('ansible_play_hosts_all') or args['hosts'])
        requests = []
        problems = Problems()
        for name in args['hosts']:
            host = variable_manager._inventory.get_host(name)
            if host is None:
                problems.append('%s: not a host of the inventory' % name, [name])
                continue
            host_vars = variable_manager.get_vars(play=play, host=host, task=self._task, include_hostvars=True,
                                                  _hosts=args['hosts'], _hosts_all=hosts_all)
            if args['request'] not in host_vars:
                problems.append('%s: %s is not defined' % (name, args['request']), [name])
                continue
            templar = self._templar.copy_with_new_env(available_variables=host_vars)
            try:
                requests.append(templar.template(host_vars[args['request']]))
            except AnsibleError as exc:
                problems.append('%s: its variables cannot be templated: %s' % (name, to_text(exc)), [name])
        failed_before(task_vars, self._task.register, problems)
        found = plan(requests, problems)
        result.update(found)
        result['changed'] = False
        return result
