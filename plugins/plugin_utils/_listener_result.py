# -*- coding: utf-8 -*-
# Collection-private plugin_utils of langchain.langsmith: not a public API, may change without notice.
#
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""How a host reports its item of a ``langchain.langsmith.listeners`` result as its own, written once for the two
actions that do it: ``listener_result`` (the item given as an argument) and ``dataplane_result`` (the dataplane role's,
which reads the item from the play's registered results itself, so that its task has no argument to template); and
which of the dataplane role's two listeners runs is the play's (``listeners_run``), for ``dataplane_result`` and the
role's filter ``dataplane_listener_ids``.

Both run on the controller, as ansible.builtin.set_fact does: no module process, no request.
"""

from ansible.plugins.action import ActionBase

from ansible_collections.langchain.langsmith.plugins.module_utils._failure import failure_of
from ansible_collections.langchain.langsmith.plugins.module_utils._items import not_an_item

try:  # ansible-core 2.21 and later: an action may set variables as ansible.builtin.set_fact does
    from ansible.plugins.action import VariableLayer
except ImportError:  # older: facts in the result are host facts, which Ansible also makes variables
    VariableLayer = None


def listeners_run(converged, checked):
    """The dataplane role's listeners run of the play, from its two registered results: the run that converged, or,
    where it was skipped, the check of the deletes before the charts were uninstalled, which found nothing to change."""
    return checked if converged.get('skipped') else converged


def listener_ids(run):
    """{compute ID: listener ID} of a listeners run: None for a listener not yet created (check mode) or already absent;
    a listener the run deletes keeps the ID it had (its item holds the listener as it was)."""
    return {compute_id: (item.get('listener') or {}).get('id') or None for compute_id, item in (run.get('listeners') or {}).items()}


def stopped(run, compute_id):
    """The failure of one host of a listeners run that failed before any write: the run's own message for the host it
    concerns (``at_fault``, or every host when it names none), and for the others that nothing was written."""
    at_fault = run.get('at_fault') or {}
    msg = run.get('msg') or 'the listeners task failed'
    if at_fault and compute_id not in at_fault:
        msg = ('Nothing was written for compute_id %s: the listeners run stopped before any write, because of compute_id %s: %s'
               % (compute_id, ', '.join(sorted(at_fault)), msg))
    return dict(failure_of(run), failed=True, changed=False, msg=msg)


class ListenerResultBase(ActionBase):
    """An action that reports one host's part of a listeners run (``report``)."""

    TRANSFERS_FILES = False
    _requires_connection = False  # ansible-core 2.18 and later: no connection is made at all

    def report(self, result, item, state='present', was_stopped=False, compute_id=None):
        """``result`` (the action's own) updated with the host's part: ``item`` is its item of the listeners result, or,
        when ``was_stopped`` (the run failed before any write), the run's whole result."""
        if was_stopped:
            return dict(result, **stopped(item, compute_id))
        wrong = not_an_item(item)
        if wrong:
            result.update(failed=True, msg=wrong)
            return result
        listener = (item.get('listener') or {}) if state == 'present' else {}
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
