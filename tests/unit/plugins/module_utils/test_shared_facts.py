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
from ansible_collections.langchain.langsmith.tests.unit.fakes import ROOT

ROLE_VARS = os.path.join(ROOT, 'roles', 'dataplane', 'vars', 'main.yml')
BENCH_VARS = os.path.join(ROOT, 'bench', 'roles', 'dataplane_per_cluster', 'vars', 'main.yml')
ENV_LOOKUP = re.compile(r"lookup\('ansible\.builtin\.env', '([A-Z_]+)'\)")


def _load(path):
    with open(path, encoding='utf-8') as handle:
        return yaml.safe_load(handle)


def test_the_role_falls_back_to_the_default_control_plane_url():
    assert "default('%s', true)" % DEFAULT_CONTROL_PLANE_URL in _load(ROLE_VARS)['_dataplane_control_plane_url']
    assert _load(BENCH_VARS)['_dataplane_per_cluster_default_control_plane_url'] == DEFAULT_CONTROL_PLANE_URL


def test_the_role_reads_the_environment_variables_of_the_modules():
    """Each env lookup of the role's vars, and each variable it blanks for the chart's tools, is one of _env.py's."""
    names = set(value for key, value in vars(_env).items() if key.startswith('ENV_') and key != 'ENV_PREFIX')
    role_vars = _load(ROLE_VARS)
    looked_up = set(ENV_LOOKUP.findall(yaml.safe_dump(role_vars, width=10000)))
    assert looked_up and looked_up <= names
    assert set(role_vars['_dataplane_tool_environment']) <= names
    assert all(name.startswith(_env.ENV_PREFIX) for name in names)


@pytest.mark.parametrize('space', [' ', '\t', '\n', '\r\n', '\x0b', '\x0c', '\x85', '\xa0', '\u2003', '\u3000'],
                         ids=repr)
def test_jinja_trims_a_credential_as_the_modules_do(space):
    """The role strips langsmith_api_key with Jinja's trim (vars/main.yml), the modules with _secrets.trim: alike."""
    value = '%slsv2_sk_key%s' % (space, space)
    assert Environment().from_string('{{ value | trim }}').render(value=value) == trim(value) == 'lsv2_sk_key'
