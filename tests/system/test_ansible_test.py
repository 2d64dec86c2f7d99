# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""ansible-test units and integration on each ansible-core line of the matrix, sanity on the oldest and the newest."""

import os

import pytest

from ansible_collections.langchain.langsmith.tests.system.harness import MATRIX, run, tool_env

pytestmark = pytest.mark.slow


def test_sanity_ignore_files_are_empty(ansible_test_tree):
    sanity = os.path.join(ansible_test_tree, 'tests', 'sanity')
    for name in os.listdir(sanity) if os.path.isdir(sanity) else []:
        with open(os.path.join(sanity, name), encoding='utf-8') as handle:
            assert handle.read().strip() == '', '%s must stay empty: fix the code instead' % name


@pytest.mark.parametrize('line', [MATRIX[0], MATRIX[-1]], ids=str)
def test_sanity(line, ansible_test_tree):
    run([line.bin('ansible-test'), 'sanity', '--venv', '--python', line.python_version, '--color', 'no'],
        'sanity-%s' % line.core, cwd=ansible_test_tree, env=tool_env(line))


@pytest.mark.parametrize('line', MATRIX, ids=str)
def test_units(line, ansible_test_tree):
    run([line.bin('ansible-test'), 'units', '--venv', '--requirements', '--python', line.python_version, '--color', 'no'],
        'units-%s' % line.core, cwd=ansible_test_tree, env=tool_env(line))


@pytest.mark.parametrize('line', MATRIX, ids=str)
def test_integration(line, ansible_test_tree):
    # No --venv: the targets run with this line's own virtual environment, which has the
    # collection's requirements and the emulator's.
    run([line.bin('ansible-test'), 'integration', '--python', line.python_version, '--color', 'no'],
        'integration-%s' % line.core, cwd=ansible_test_tree, env=tool_env(line))
