# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The role's documentation (meta/argument_specs.yml) says that bootstrap_cluster and decommission_cluster include it with
rolespec_validate: false, the role's check of the play validating every cluster's variables once instead (that check:
tests/system/test_role_plan.py and test_playbooks.py)."""

import os

import pytest
import yaml

from ansible_collections.langchain.langsmith.tests.unit.fakes import ROOT


def _load(*path):
    with open(os.path.join(ROOT, *path), encoding='utf-8') as handle:
        return yaml.safe_load(handle)


@pytest.mark.parametrize('playbook', ['bootstrap_cluster.yml', 'decommission_cluster.yml'])
def test_the_playbooks_include_the_role_without_ansible_core_validation(playbook):
    plays = _load('playbooks', playbook)
    includes = [task['ansible.builtin.import_role'] for play in plays for task in play.get('tasks', ())
                if 'ansible.builtin.import_role' in task]
    assert includes == [{'name': 'langchain.langsmith.dataplane', 'rolespec_validate': False}]
    assert not any(play.get('roles') for play in plays)
    description = ' '.join(' '.join(_load('roles', 'dataplane', 'meta', 'argument_specs.yml')['argument_specs']['main']['description']).split())
    assert 'C(rolespec_validate: false), as the collection\'s C(bootstrap_cluster) and C(decommission_cluster) playbooks do' in description
