# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures of the system tests (helpers in harness.py), and the rule that a run of the suite in
which no test ran fails (as one that collects no test does: pytest's exit status 5), so that a `make`
target or CI job whose tests were all skipped cannot pass."""

import pytest

from ansible_collections.langchain.langsmith.tests.system import harness
from ansible_collections.langchain.langsmith.tests.system.harness import EmulatorServer, identities


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
    """The copy of this checkout where ansible-test needs it (harness.ansible_test_tree)."""
    return harness.ansible_test_tree()
