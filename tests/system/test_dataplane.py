# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The role langchain.langsmith.dataplane beyond its integration target (tests/integration/targets/
dataplane): the documentation of its inputs, its molecule scenario, and the README's main job."""

import json
import os
import re

import pytest
import yaml

from ansible_collections.langchain.langsmith.plugins.module_utils import _urls
from ansible_collections.langchain.langsmith.tests.system.harness import DEFAULT_LINE, ROOT, run, tool_env

ROLE = os.path.join(ROOT, 'roles', 'dataplane')
# The role's inputs as the issue names them (the public interface), with their types.
INPUTS = {
    'langsmith_compute_id': 'str',
    'langsmith_k8s_namespaces': 'list',
    'langsmith_listener_version': 'str',
    'langsmith_listener_state': 'str',
    'langsmith_api_key': 'str',
    'langsmith_bearer_token': 'str',
    'langsmith_workspace_id': 'str',
    'langsmith_control_plane_url': 'str',
    'langsmith_dataplane_install': 'bool',
    'langsmith_smith_backend_url': 'str',
    'langsmith_kubeconfig': 'path',
    'langsmith_kube_context': 'str',
    'langsmith_dataplane_release_namespace': 'str',
    'langsmith_dataplane_chart_version': 'str',
    'langsmith_dataplane_existing_secret': 'str',
    'langsmith_dataplane_values': 'dict',
    'langsmith_dataplane_create_namespaces': 'bool',
    'langsmith_dataplane_ingress_hostname': 'str',
    'langsmith_dataplane_create_crds': 'bool',
    'langsmith_dataplane_install_keda': 'bool',
}


def _load(*path):
    with open(os.path.join(ROLE, *path), encoding='utf-8') as handle:
        return yaml.safe_load(handle)


@pytest.mark.slow
def test_ansible_doc_shows_every_input_of_the_role(tmp_path):
    # From outside the checkout, with the installed collection, as a user would.
    proc = run([DEFAULT_LINE.bin('ansible-doc'), '-t', 'role', '--json', 'langchain.langsmith.dataplane'], 'ansible-doc-dataplane',
               cwd=str(tmp_path), env=tool_env())
    options = json.loads(proc.stdout)['langchain.langsmith.dataplane']['entry_points']['main']['options']
    for name, kind in INPUTS.items():
        assert name in options, '%s is not documented' % name
        assert options[name]['type'] == kind, name
        assert options[name].get('description'), '%s has no description' % name
    for name in options:
        assert name.startswith('langsmith_'), name
    assert options['langsmith_listener_state']['choices'] == ['present', 'absent']
    assert options['langsmith_api_key']['no_log'] and options['langsmith_bearer_token']['no_log']
    for name, variable in (('langsmith_api_key', 'LANGSMITH_API_KEY'), ('langsmith_bearer_token', 'LANGSMITH_BEARER_TOKEN'),
                           ('langsmith_workspace_id', 'LANGSMITH_WORKSPACE_ID'),
                           ('langsmith_control_plane_url', 'LANGSMITH_CONTROL_PLANE_URL')):
        assert any(variable in line for line in options[name]['description']), '%s does not name %s' % (name, variable)


def test_role_defaults_match_its_documentation():
    """Every default of defaults/main.yml is the one argument_specs.yml documents, and the other way round."""
    options = _load('meta', 'argument_specs.yml')['argument_specs']['main']['options']
    defaults = _load('defaults', 'main.yml')
    documented = {name: option['default'] for name, option in options.items() if 'default' in option}
    assert defaults == documented


def test_role_falls_back_to_the_modules_default_control_plane():
    """The role's default control plane (which it hands to the chart when no URL is set) is the modules': its plan
    computes each cluster's connection with _urls.py's default."""
    from ansible_collections.langchain.langsmith.plugins.plugin_utils import _dataplane  # pylint: disable=import-outside-toplevel

    request = _dataplane.cluster_request('c', {'langsmith_dataplane_install': True, 'langsmith_dataplane_release_name': 'r'}, {})
    assert request['chart']['control_plane_url'] == _urls.DEFAULT_CONTROL_PLANE_URL


@pytest.mark.slow
def test_molecule_scenario():
    """extensions/molecule/dataplane: converge, idempotence (changed=0) and verify, for two clusters."""
    proc = run([DEFAULT_LINE.bin('molecule'), 'test', '-s', 'dataplane'], 'molecule-dataplane',
               env=tool_env(NO_COLOR='1', MOLECULE_NO_LOG='false'))
    for action in ('converge', 'idempotence', 'verify'):
        assert re.search(r'dataplane\W+%s\W+Executed: Successful' % action, proc.stdout), action


@pytest.mark.slow
def test_demo_bootstraps_the_example_inventory_twice():
    """`make demo`: bootstrap_cluster for examples/inventory.yml, twice; the second run changes nothing."""
    proc = run([DEFAULT_LINE.bin('python'), os.path.join(ROOT, 'tools', 'demo.py')], 'demo')
    with open(os.path.join(ROOT, 'examples', 'inventory.yml'), encoding='utf-8') as handle:
        hosts = list(yaml.safe_load(handle)['langsmith_clusters']['hosts'])
    first, second = proc.stdout.split('PLAY RECAP')[1:3]
    for host in hosts:
        assert re.search(r'^%s +: ok=\d+ +changed=1 +unreachable=0 +failed=0' % re.escape(host), first, re.M), host
        assert re.search(r'^%s +: ok=\d+ +changed=0 +unreachable=0 +failed=0' % re.escape(host), second, re.M), host
