# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures of the system tests (helpers in harness.py), and the rule that a run of the suite in
which no test ran fails (as one that collects no test does: pytest's exit status 5), so that a `make`
target or CI job whose tests were all skipped cannot pass."""

import os
import shutil
import subprocess

import pytest

from ansible_collections.langchain.langsmith.tests.system.harness import BUILD, COLLECTIONS, EmulatorServer, copy_checkout, identities


_RAN = []


def pytest_runtest_logreport(report):
    # the test's body ran to its end: passed, failed, xfailed or xpassed (not skipped from within)
    if report.when == 'call' and (not report.skipped or hasattr(report, 'wasxfail')):
        _RAN.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if exitstatus == pytest.ExitCode.OK and not _RAN and not session.config.option.collectonly:
        session.exitstatus = pytest.ExitCode.NO_TESTS_COLLECTED


def pytest_terminal_summary(terminalreporter):
    if not _RAN and terminalreporter.stats.get('skipped'):
        terminalreporter.write_line('no test ran (every selected test was skipped): this run fails', red=True)


@pytest.fixture(scope='session')
def ids():
    """The emulator's default API keys, bearer token and workspace IDs."""
    return identities()


@pytest.fixture
def emulator(tmp_path):
    """A fresh emulator for one test."""
    server = EmulatorServer(tmp_path)
    yield server
    server.stop()


@pytest.fixture(scope='session')
def shared_emulator(tmp_path_factory):
    """One emulator for a module of tests that reset it themselves."""
    server = EmulatorServer(tmp_path_factory.mktemp('emulator'))
    yield server
    server.stop()


@pytest.fixture(scope='session')
def ansible_test_tree():
    """A copy of this checkout at .build/src/ansible_collections/langchain/langsmith, where ansible-test
    needs it, with kubernetes.core beside it. It is a git repository of its own, because ansible-test
    lists files with git and the checkout ignores .build/."""
    src = os.path.join(BUILD, 'src')
    tree = os.path.join(src, 'ansible_collections', 'langchain', 'langsmith')
    shutil.rmtree(src, ignore_errors=True)
    os.makedirs(tree)
    copy_checkout(tree)
    shutil.copytree(os.path.join(COLLECTIONS, 'ansible_collections', 'kubernetes'), os.path.join(src, 'ansible_collections', 'kubernetes'))
    git = ['git', '-c', 'user.name=suite', '-c', 'user.email=suite@localhost']
    subprocess.run(git + ['init', '-q'], cwd=tree, check=True)
    subprocess.run(git + ['add', '-A'], cwd=tree, check=True)
    subprocess.run(git + ['commit', '-q', '-m', 'copy of the checkout under test'], cwd=tree, check=True)
    return tree
