# -*- coding: utf-8 -*-
# Collection-private plugin_utils of langchain.langsmith: not a public API, may change without notice.
#
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The ansible-core internals that the collection relies on, all in this one file.

The action of ``dataplane_plan`` templates every host's request in one task (plugins/action/dataplane_plan.py),
which needs what ansible-core keeps to itself: the inventory of the task's VariableManager (``_inventory``), and
the ``_hosts`` and ``_hosts_all`` arguments of ``VariableManager.get_vars``, with which the strategy gives each
task the magic variables of its play (``ansible_play_hosts``, ``ansible_play_hosts_all``). They are the same from
ansible-core 2.16 to 2.22. ``PlayVariables`` checks each of them once, before it uses any, and when one is
missing or has changed, raises AnsibleInternalsError: a message that names it and the running ansible-core version,
in place of a traceback from deep inside a task.
"""

import inspect

from ansible.errors import AnsibleError
from ansible.release import __version__ as ANSIBLE_CORE_VERSION


class AnsibleInternalsError(AnsibleError):
    """An internal of ansible-core that the collection relies on is missing, or is not what it was."""


def internals_changed(what, version=None):
    """The message for an internal ``what`` that ansible-core ``version`` (the running one) lacks."""
    return ('langchain.langsmith.dataplane_plan cannot run on ansible-core %s: it relies on an internal of ansible-core '
            'that this version does not have as the collection expects (%s). Run the role with an ansible-core release '
            'that this release of the collection is tested with (README.md, Install), or upgrade the collection'
            % (version or ANSIBLE_CORE_VERSION, what))


def _accepts(function, *names):
    """True when ``function`` takes each keyword argument of ``names`` (or any keyword at all)."""
    try:
        parameters = inspect.signature(function).parameters
    except (TypeError, ValueError):
        return False
    if any(parameter.kind == inspect.Parameter.VAR_KEYWORD for parameter in parameters.values()):
        return True
    return all(name in parameters and parameters[name].kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                                                inspect.Parameter.KEYWORD_ONLY) for name in names)


class PlayVariables:
    """The hosts of the inventory, and each one's variables as a task of the play sees them, for the action
    plugin running ``task``. Raises AnsibleInternalsError (naming the running ansible-core) when what it needs of
    ansible-core is missing."""

    def __init__(self, task):
        get_variable_manager = getattr(task, 'get_variable_manager', None)
        manager = get_variable_manager() if callable(get_variable_manager) else None
        if manager is None or not callable(getattr(task, 'get_play', None)):
            raise AnsibleInternalsError(internals_changed('Task.get_variable_manager() and Task.get_play() give the '
                                                          'VariableManager and the play of the task'))
        inventory = getattr(manager, '_inventory', None)
        if inventory is None or not callable(getattr(inventory, 'get_host', None)):
            raise AnsibleInternalsError(internals_changed('VariableManager._inventory, an InventoryManager with get_host(), is missing'))
        if not _accepts(getattr(manager, 'get_vars', None), 'play', 'host', 'task', 'include_hostvars', '_hosts', '_hosts_all'):
            raise AnsibleInternalsError(internals_changed('VariableManager.get_vars() no longer takes the arguments _hosts and _hosts_all'))
        self._manager = manager
        self._inventory = inventory
        self._task = task
        self._play = task.get_play()

    def host(self, name):
        """The inventory's host ``name``, or None when the inventory has none of that name."""
        return self._inventory.get_host(name)

    def of(self, host, hosts, hosts_all):
        """The variables of ``host`` (its hostvars included) as the task sees them, with ``hosts`` and ``hosts_all``
        as the play's ansible_play_hosts and ansible_play_hosts_all."""
        return self._manager.get_vars(play=self._play, host=host, task=self._task, include_hostvars=True,
                                      _hosts=hosts, _hosts_all=hosts_all)
