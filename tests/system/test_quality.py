# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Linters and documentation checks that users and Galaxy apply."""

import json

import pytest

from ansible_collections.langchain.langsmith.tests.system.harness import DEFAULT_LINE, ROOT, run, tool_env

pytestmark = pytest.mark.slow

ENV_VARS = {
    'api_key': 'LANGSMITH_API_KEY',
    'bearer_token': 'LANGSMITH_BEARER_TOKEN',
    'workspace_id': 'LANGSMITH_WORKSPACE_ID',
    'control_plane_url': 'LANGSMITH_CONTROL_PLANE_URL',
}


def test_ansible_lint_production_profile():
    """`make lint`, exactly as a contributor runs it in a checkout (offline, with the collections path
    set to .build/collections: tests/system/test_makefile.py)."""
    proc = run(['make', '--no-print-directory', 'lint'], 'ansible-lint', cwd=ROOT, env=tool_env(NO_COLOR='1'))
    assert "Profile 'production' was required, and it passed." in proc.stdout


def test_ansible_lint_alone_cannot_resolve_the_collection(tmp_path):
    """Why `make lint` sets the collections path (README.md): offline, ansible-lint does not install the
    collection it lints, so without the path a playbook of the collection fails its syntax check."""
    env = tool_env(NO_COLOR='1', HOME=str(tmp_path))  # no ~/.ansible/collections either
    env.pop('ANSIBLE_COLLECTIONS_PATH')
    proc = run([DEFAULT_LINE.bin('ansible-lint'), '--offline', '--profile', 'production', 'playbooks/bootstrap_cluster.yml'],
               'ansible-lint-alone', cwd=ROOT, env=env, check=False)
    assert proc.returncode != 0 and 'syntax-check' in proc.stdout, proc.stdout


def test_ansible_doc_documents_every_option_with_its_environment_variable():
    proc = run([DEFAULT_LINE.bin('ansible-doc'), '--json', 'langchain.langsmith.listener'], 'ansible-doc-listener')
    doc = json.loads(proc.stdout)['langchain.langsmith.listener']['doc']
    options = doc['options']
    expected = {'compute_id', 'compute_type', 'k8s_namespaces', 'version', 'state', 'listener_id', 'api_key', 'bearer_token',
                'workspace_id', 'control_plane_url', 'validate_certs', 'ca_path', 'timeout', 'retries', 'retry_timeout'}
    assert expected <= set(options)
    for name, option in options.items():
        assert option.get('description'), '%s has no description' % name
    for name, variable in ENV_VARS.items():
        assert any(variable in line for line in options[name]['description']), '%s does not name %s' % (name, variable)
    assert options['workspace_id']['aliases'] == ['tenant_id']
    assert options['control_plane_url']['default'] == 'https://api.host.langchain.com'
    assert doc['attributes']['check_mode']['support'] == 'full'
    assert doc['attributes']['diff_mode']['support'] == 'full'
    assert doc['attributes']['action_group']['membership'] == ['langchain.langsmith.all']
    # the text form that users read
    text = run([DEFAULT_LINE.bin('ansible-doc'), 'langchain.langsmith.listener'], 'ansible-doc-listener-text').stdout
    for variable in ENV_VARS.values():
        assert variable in text
