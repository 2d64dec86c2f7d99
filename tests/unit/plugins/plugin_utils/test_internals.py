# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The ansible-core internals behind plugin_utils/_internals.py: they work on the ansible-core that runs the tests,
and when one is missing, dataplane_plan fails with a message naming the ansible-core version, not a traceback."""

from unittest import mock

import pytest

from ansible.inventory.manager import InventoryManager
from ansible.parsing.dataloader import DataLoader
from ansible.playbook.play import Play
from ansible.playbook.play_context import PlayContext
from ansible.release import __version__ as ANSIBLE_CORE_VERSION
from ansible.template import Templar
from ansible.vars.manager import VariableManager

from ansible_collections.langchain.langsmith.plugins.action.dataplane_plan import ActionModule
from ansible_collections.langchain.langsmith.plugins.plugin_utils._internals import (
    AnsibleInternalsError, PlayVariables, internals_changed)

# the role's variables of host a (the plan reads them by the role's argument specification)
ROLE_VARIABLES = {'langsmith_compute_id': 'c-a', 'langsmith_listener_state': 'present', 'langsmith_k8s_namespaces': ['ns-a']}


@pytest.fixture
def play():
    """(variable manager, task) of a play over the hosts a and b, as ansible-playbook builds them."""
    loader = DataLoader()
    inventory = InventoryManager(loader=loader, sources='a,b,')
    for name, value in ROLE_VARIABLES.items():
        inventory.get_host('a').set_variable(name, value)
    manager = VariableManager(loader=loader, inventory=inventory)
    loaded = Play.load(dict(hosts='all', gather_facts=False, tasks=[{'meta': 'noop'}]), variable_manager=manager, loader=loader)
    task = loaded.get_tasks()[0][0]
    return manager, task


def run_action(task, hosts):
    task.args = {'hosts': hosts}
    loader = DataLoader()
    action = ActionModule(task=task, connection=mock.MagicMock(), play_context=PlayContext(), loader=loader,
                          templar=Templar(loader=loader), shared_loader_obj=None)
    return action.run(task_vars={'ansible_play_hosts': hosts, 'ansible_play_hosts_all': hosts, 'hostvars': {}})


def test_the_internals_work_on_this_ansible_core(play):
    dummy, task = play
    variables = PlayVariables(task)
    assert variables.host('nowhere') is None
    host_vars = variables.of(variables.host('a'), ['a'], ['a', 'b'])
    assert dict((name, host_vars[name]) for name in ROLE_VARIABLES) == ROLE_VARIABLES
    assert host_vars['ansible_play_batch'] == ['a'] and host_vars['ansible_play_hosts_all'] == ['a', 'b']


def test_the_plan_runs_through_them(play):
    dummy, task = play
    result = run_action(task, ['a'])
    assert not result.get('failed'), result
    assert result['listeners'] == {'a': {'compute_id': 'c-a', 'state': 'present', 'k8s_namespaces': ['ns-a']}}


def _without_inventory(manager, monkeypatch):
    monkeypatch.delattr(manager, '_inventory')


def _inventory_without_get_host(manager, monkeypatch):
    monkeypatch.setattr(manager, '_inventory', object())


def _get_vars_without_hosts(manager, monkeypatch):
    def get_vars(play=None, host=None, task=None, include_hostvars=True, include_delegate_to=False, use_cache=True):
        raise AssertionError('not to be called')
    monkeypatch.setattr(manager, 'get_vars', get_vars)


def _no_get_vars(manager, monkeypatch):
    monkeypatch.setattr(type(manager), 'get_vars', None)


@pytest.mark.parametrize('change, internal', [
    (_without_inventory, 'VariableManager._inventory, an InventoryManager with get_host(), is missing'),
    (_inventory_without_get_host, 'VariableManager._inventory, an InventoryManager with get_host(), is missing'),
    (_get_vars_without_hosts, 'VariableManager.get_vars() no longer takes the arguments _hosts and _hosts_all'),
    (_no_get_vars, 'VariableManager.get_vars() no longer takes the arguments _hosts and _hosts_all'),
], ids=['no _inventory', '_inventory without get_host', 'get_vars without _hosts', 'no get_vars'])
def test_a_missing_internal_fails_the_plan_naming_the_ansible_core_version(play, monkeypatch, change, internal):
    manager, task = play
    change(manager, monkeypatch)
    with pytest.raises(AnsibleInternalsError) as err:
        PlayVariables(task)
    assert str(err.value) == internals_changed(internal)
    result = run_action(task, ['a'])
    assert result['failed'] is True and result['changed'] is False
    assert result['msg'] == internals_changed(internal)
    assert result['msg'].startswith('langchain.langsmith.dataplane_plan cannot run on ansible-core %s: ' % ANSIBLE_CORE_VERSION)
    assert 'listeners' not in result and 'exception' not in result


def test_a_task_without_its_variable_manager_fails_so_too(play, monkeypatch):
    dummy, task = play
    monkeypatch.setattr(task, 'get_variable_manager', lambda: None)
    result = run_action(task, ['a'])
    assert result['failed'] is True and 'Task.get_variable_manager()' in result['msg']
    assert ANSIBLE_CORE_VERSION in result['msg']
