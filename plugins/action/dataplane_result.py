# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The action of langchain.langsmith.dataplane_result (documented in plugins/modules/dataplane_result.py).

The dataplane role's "Set the listener facts": what langchain.langsmith.listener_result does, reading the host's item
itself from what the role's earlier tasks registered (the play's check, and its listeners runs), by the names the role
gives them. The task then has no argument to template: with the arguments that read the registered results, the task
took 71 s over a converged fleet of 2,000 clusters (forks 10, bench/measure.py's floor measurement), and 39 s without.
"""

from ansible_collections.langchain.langsmith.plugins.plugin_utils._listener_result import ListenerResultBase, listeners_run

# The registered results of roles/dataplane/tasks/main.yml that this action reads.
PLAN = '_dataplane_plan'
CHECKED = '_dataplane_checked'
CONVERGED = '_dataplane_converged'


def host_part(task_vars):
    """(item, state, stopped, compute_id) of the host whose variables ``task_vars`` are, or a message saying what is
    missing. The listeners run: _listener_result.listeners_run."""
    host = task_vars.get('inventory_hostname')
    missing = [name for name in (PLAN, CHECKED, CONVERGED) if not isinstance(task_vars.get(name), dict)]
    if missing:
        return ('langchain.langsmith.dataplane_result is internal to the langchain.langsmith.dataplane role: it reads %s, '
                'which the role\'s earlier tasks register, and found no %s' % (', '.join((PLAN, CHECKED, CONVERGED)), ', '.join(missing)))
    request = (task_vars[PLAN].get('listeners') or {}).get(host)
    if not request:
        return 'the check of the play (%s) has no listener for %s' % (PLAN, host)
    run = listeners_run(task_vars[CONVERGED], task_vars[CHECKED])
    compute_id, state = request['compute_id'], request['state']  # the plan's item always has both
    if 'listeners' not in run:
        return run, state, True, compute_id
    item = run['listeners'].get(compute_id)
    if item is None:
        return 'the listeners run has no item for compute_id %s (%s)' % (compute_id, host)
    return item, state, False, compute_id


class ActionModule(ListenerResultBase):

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        self.validate_argument_spec(argument_spec={})
        part = host_part(task_vars or {})
        if isinstance(part, str):
            result.update(failed=True, changed=False, msg=part)
            return result
        return self.report(result, *part)
