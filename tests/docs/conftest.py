# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures of the docs checks, borrowed from the tiers whose means they use: ``emulator`` and
``clean_langsmith_env`` of tests/unit (a page's claim checked against a module run in-process), and
``ansible_test_tree`` of tests/system (the copy of the checkout that antsibull-docs and ansible-doc read,
made once per run for both tiers). The rule that a run in which no test ran fails is tests/system/conftest.py's,
which every make target of the suite loads."""

import pytest

from ansible_collections.langchain.langsmith.tests.system import harness
# pylint: disable=unused-import
from ansible_collections.langchain.langsmith.tests.unit.conftest import clean_langsmith_env, emulator  # noqa: F401


@pytest.fixture(scope='session')
def ansible_test_tree():
    """The copy of this checkout where ansible-test needs it (harness.ansible_test_tree)."""
    return harness.ansible_test_tree()
