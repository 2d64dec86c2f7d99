# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The README's commands need only what the README says: `make demo` (and `make bench`, `make
changelog`) any python3; `make test` also Python 3.11 and 3.12, for the ansible-core lines of the
test matrix."""

import os
import re
import subprocess

import pytest

from ansible_collections.langchain.langsmith.tests.system.harness import MATRIX, ROOT


def planned(target, **variables):
    """Every command `make <target>` would run from scratch (-B), by default on a machine without
    Python 3.11 or 3.12 (besides python3)."""
    variables = dict({'PYTHON311': '', 'PYTHON312': ''}, **variables)
    proc = subprocess.run(['make', '-n', '-B', target] + ['%s=%s' % item for item in variables.items()], cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    assert proc.returncode == 0, proc.stdout
    return proc.stdout


@pytest.mark.parametrize('target', ['demo', 'bench', 'changelog'])
def test_needs_no_python_311_or_312(target):
    commands = planned(target)
    assert 'python3 -m venv .venv' in commands and 'ansible-galaxy collection install' in commands
    assert 'is tested on Python' not in commands
    assert not re.search(r'\.venv-2\.\d+', commands)


def test_the_test_suite_sets_up_every_line_of_the_matrix():
    commands = planned('test', PYTHON311='/opt/py311/bin/python3.11', PYTHON312='/opt/py312/bin/python3.12')
    with open(os.path.join(ROOT, 'tests', 'requirements.txt'), encoding='utf-8') as handle:
        suite_requirements = handle.read()
    for line in MATRIX:
        venv = os.path.relpath(line.venv, ROOT)
        if venv == '.venv':  # the suite's own, with its tools
            assert '.venv/bin/python -m pip install -q -r tests/requirements.txt -c tests/constraints.txt' in commands
            major, minor = (int(part) for part in line.core.split('.'))
            assert 'ansible-core>=%d.%d,<%d.%d' % (major, minor, major, minor + 1) in suite_requirements
            continue
        assert '/opt/py%s/bin/python%s -m venv %s' % (line.python_version.replace('.', ''), line.python_version, venv) in commands, line
        assert "%s/bin/python -m pip install -q -r tests/requirements-runtime.txt 'ansible-core==%s.*'" % (venv, line.core) in commands, line
    installs = re.search(r'for venv in (.*); do \$venv/bin/python tools/ansible_test_get_pip.py install; done', commands)
    assert installs and set(installs.group(1).split()) == {os.path.relpath(line.venv, ROOT) for line in MATRIX}
