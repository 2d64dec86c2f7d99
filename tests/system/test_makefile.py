# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The README's commands need only what the README says: `make demo` (and `make bench`, `make
changelog`) any python3; `make test` also Python 3.12, for the ansible-core 2.21 line."""

import subprocess

import pytest

from ansible_collections.langchain.langsmith.tests.system.harness import ROOT


def planned(target):
    """Every command `make <target>` would run from scratch (-B), on a machine without Python 3.12."""
    proc = subprocess.run(['make', '-n', '-B', target, 'PYTHON312='], cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, check=False)
    assert proc.returncode == 0, proc.stdout
    return proc.stdout


@pytest.mark.parametrize('target', ['demo', 'bench', 'changelog'])
def test_needs_no_python_312(target):
    commands = planned(target)
    assert 'python3 -m venv .venv' in commands and 'ansible-galaxy collection install' in commands
    assert '.venv-2.21' not in commands and 'needs Python 3.12' not in commands


def test_the_test_suite_sets_up_the_221_line():
    commands = planned('test')
    assert 'needs Python 3.12' in commands and '.venv-2.21/bin/python -m pip install' in commands


def test_helm_is_set_up_for_the_test_suite_only():
    assert 'python3 tools/install_helm.py --dest .build/bin/helm' in planned('test')
    for target in ('demo', 'bench', 'changelog'):
        assert 'install_helm' not in planned(target), target
