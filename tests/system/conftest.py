# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures of the system tests (helpers in harness.py)."""

import os
import shutil
import subprocess

import pytest

from ansible_collections.langchain.langsmith.tests.system.harness import BUILD, COLLECTIONS, EmulatorServer, copy_checkout, identities


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
