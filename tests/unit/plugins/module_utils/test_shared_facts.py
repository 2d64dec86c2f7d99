# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The facts that YAML cannot import from Python say what Python says: the default control plane URL
(_urls.py), the environment variables (_env.py) and the trim rule of a credential (_secrets.trim)."""

import os
import re

import pytest
import yaml
from jinja2 import Environment

from ansible_collections.langchain.langsmith.plugins.module_utils import _env
from ansible_collections.langchain.langsmith.plugins.module_utils._secrets import trim
from ansible_collections.langchain.langsmith.plugins.module_utils._urls import DEFAULT_CONTROL_PLANE_URL
from ansible_collections.langchain.langsmith.plugins.plugin_utils import _dataplane
from ansible_collections.langchain.langsmith.tests.unit.fakes import ROOT

ROLE_VARS = os.path.join(ROOT, 'roles', 'dataplane', 'vars', 'main.yml')
BENCH_VARS = os.path.join(ROOT, 'bench', 'roles', 'dataplane_per_cluster', 'vars', 'main.yml')
ENV_LOOKUP = re.compile(r"lookup\('ansible\.builtin\.env', '([A-Z_]+)'\)")


def _load(path):
    with open(path, encoding='utf-8') as handle:
        return yaml.safe_load(handle)


def test_the_role_falls_back_to_the_default_control_plane_url():
    """The role's fallback URL is _urls.py's, in Python (its plan computes each cluster's connection): its YAML names no
    control plane URL at all."""
    assert _dataplane.connection_of({}, {})[0] == DEFAULT_CONTROL_PLANE_URL
    assert _dataplane.connection_of({}, {_env.ENV_CONTROL_PLANE_URL: 'https://ls.example.com/api-host/'})[0] == \
        'https://ls.example.com/api-host'
    assert _dataplane.connection_of({'langsmith_control_plane_url': 'https://eu.api.host.langchain.com'},
                                    {_env.ENV_CONTROL_PLANE_URL: 'https://ls.example.com/api-host'})[0] == 'https://eu.api.host.langchain.com'
    assert 'https://' not in yaml.safe_dump(_load(ROLE_VARS)).replace('https://langchain-ai.github.io/helm/', '').replace(
        'https://kedacore.github.io/charts', '')
    assert _load(BENCH_VARS)['_dataplane_per_cluster_default_control_plane_url'] == DEFAULT_CONTROL_PLANE_URL


def test_the_role_reads_the_environment_variables_of_the_modules():
    """Each env lookup of the role's vars (the API key of the Secret it writes), and each variable it blanks for the chart's
    tools, is one of _env.py's; the rest of the role's connection the plan reads in Python, with _env.py's names."""
    names = set(value for key, value in vars(_env).items() if key.startswith('ENV_') and key != 'ENV_PREFIX')
    role_vars = _load(ROLE_VARS)
    looked_up = set(ENV_LOOKUP.findall(' '.join(str(value) for value in role_vars.values())))
    assert looked_up == {_env.ENV_API_KEY}
    assert _dataplane.connection_of({}, {_env.ENV_CONTROL_PLANE_URL: 'u', _env.ENV_WORKSPACE_ID: 'w', _env.ENV_API_KEY: ' k ',
                                         _env.ENV_BEARER_TOKEN: 't'}) == ('u', 'w', 'k', 't')
    assert set(role_vars['_dataplane_tool_environment']) <= names
    assert all(name.startswith(_env.ENV_PREFIX) for name in names)


@pytest.mark.parametrize('space', [' ', '\t', '\n', '\r\n', '\x0b', '\x0c', '\x85', '\xa0', '\u2003', '\u3000'],
                         ids=repr)
def test_jinja_trims_a_credential_as_the_modules_do(space):
    """The role strips langsmith_api_key with Jinja's trim (vars/main.yml), the modules with _secrets.trim: alike."""
    value = '%slsv2_sk_key%s' % (space, space)
    assert Environment().from_string('{{ value | trim }}').render(value=value) == trim(value) == 'lsv2_sk_key'
