# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""ansible-test units and integration on each ansible-core line of the matrix, sanity on the oldest
and the newest.

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

from ansible_collections.langchain.langsmith.tests.system.harness import BUILD, MATRIX, run, tool_env

pytestmark = pytest.mark.slow

JOBS_AT_ONCE = 2
SANITY_LINES = [MATRIX[0], MATRIX[-1]]


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
        jobs = [('sanity', line) for line in SANITY_LINES] + [('integration', line) for line in reversed(MATRIX)] + \
               [('units', line) for line in MATRIX]
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=JOBS_AT_ONCE)
        self.futures = {}
        for kind, line in jobs:
            if (kind, line.core) not in selected:
                continue
            name = '%s-%s' % (kind, line.core)
            root = os.path.join(copies, name)
            shutil.copytree(collections, os.path.join(root, 'ansible_collections'), symlinks=True)
            self.futures[kind, line.core] = self.pool.submit(run, command(kind, line), name, cwd=os.path.join(root, relative),
                                                             env=tool_env(line))

    def result(self, kind, line):
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


@pytest.mark.parametrize('line', SANITY_LINES, ids=str)
def test_sanity(line, jobs):
    jobs.result('sanity', line)


@pytest.mark.parametrize('line', MATRIX, ids=str)
def test_units(line, jobs):
    jobs.result('units', line)


@pytest.mark.parametrize('line', MATRIX, ids=str)
def test_integration(line, jobs):
    jobs.result('integration', line)
