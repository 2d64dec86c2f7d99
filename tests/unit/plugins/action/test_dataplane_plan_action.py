# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The action of the role's plan: which hosts failed before it ran (the rest of it: tests/system/test_role_plan.py)."""

import pytest

from ansible_collections.langchain.langsmith.plugins.action.dataplane_plan import RoleInputs, failed_before, role_spec
from ansible_collections.langchain.langsmith.plugins.plugin_utils._dataplane import Problems


TASK_VARS = {
    'ansible_play_hosts': ['cluster-a', 'cluster-b'],
    'ansible_play_hosts_all': ['cluster-a', 'cluster-b', 'cluster-c', 'cluster-d'],
    # cluster-c failed in an earlier batch, after this task had run for it; cluster-d failed before it, in this one
    'hostvars': {'cluster-a': {}, 'cluster-b': {}, 'cluster-c': {'_dataplane_plan': {}}, 'cluster-d': {}},
}


@pytest.mark.parametrize('registered', ['_dataplane_plan', {'_dataplane_plan': '__polymorphic_result__'}],
                         ids=['up to 2.20, a name', 'from 2.21, a mapping of the name'])
def test_a_host_that_failed_before_the_plan_in_this_batch_is_a_problem(registered):
    problems = Problems()
    failed_before(TASK_VARS, registered, problems)
    assert list(problems.at_fault) == ['cluster-d']
    assert len(problems) == 1 and problems[0].startswith('cluster-d failed before the role checked the play')


class _Templar:
    """A templar that renders nothing (the role's variables given as plain values)."""

    @staticmethod
    def template(value):
        return value


def test_each_cluster_variables_are_validated_against_the_role_specification():
    """As ansible-core validates a role's arguments: the option named, its value converted as the specification says; a
    credential in a message is masked."""
    inputs = RoleInputs(role_spec())
    checked, errors = inputs.of(_Templar(), {'langsmith_listener_force': 'yes', 'langsmith_k8s_namespaces': 'a,b', 'other': 1})
    assert errors == [] and checked == {'langsmith_listener_force': True, 'langsmith_k8s_namespaces': ['a', 'b']}
    checked, errors = inputs.of(_Templar(), {'langsmith_listener_state': 'maybe'})
    assert checked is None and len(errors) == 1 and 'langsmith_listener_state' in errors[0] and 'maybe' in errors[0]
    dummy, errors = inputs.of(_Templar(), {'langsmith_api_key': 'lsv2_sk_secret', 'langsmith_listener_state': 'lsv2_sk_secret'})
    assert errors and 'lsv2_sk_secret' not in ' '.join(errors)


def test_a_credential_of_another_type_is_masked_too():
    """A key that is not a string (a number from a YAML inventory) is masked in the messages as its text."""
    dummy, errors = RoleInputs(role_spec()).of(_Templar(), {'langsmith_api_key': 73194682051, 'langsmith_listener_state': '73194682051'})
    assert errors and '73194682051' not in ' '.join(errors)
