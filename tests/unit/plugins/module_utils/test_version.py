# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The version that every request names in its User-Agent is the collection's (galaxy.yml)."""

import os

import yaml

from ansible_collections.langchain.langsmith.plugins.module_utils import _client
from ansible_collections.langchain.langsmith.plugins.module_utils._version import COLLECTION_VERSION
from ansible_collections.langchain.langsmith.tests.unit.fakes import ROOT


def test_the_version_is_galaxy_yml_s():
    """A release bumps galaxy.yml; this fails until _version.py says the same (CONTRIBUTING.md, Releasing)."""
    with open(os.path.join(ROOT, 'galaxy.yml'), encoding='utf-8') as handle:
        galaxy = yaml.safe_load(handle)
    assert COLLECTION_VERSION == galaxy['version']


def test_the_user_agent_names_the_version():
    assert _client.USER_AGENT == 'langchain.langsmith-ansible/%s' % COLLECTION_VERSION
