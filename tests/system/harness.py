# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Helpers of the system tests: tools run in subprocesses, the emulator on loopback (tools/checkout.py).

Everything here expects ``make setup`` to have run: the virtual environments of the ansible-core
lines (.venv for 2.19 with the suite's tools, .venv-2.16 ... .venv-2.21 for the others, .venv-2.22
for the newest pre-release when Python 3.13 was found), the collection built and installed into
.build/collections (with kubernetes.core from the ansible package on PyPI).
"""

import functools
import glob
import os
import shutil
import subprocess
import time

import pytest

from ansible_collections.langchain.langsmith.tools import checkout
# the checkout's layout and the emulator in its own process, shared with the benchmark (bench/)
from ansible_collections.langchain.langsmith.tools.checkout import (  # noqa: F401 pylint: disable=unused-import
    BUILD, COLLECTIONS, EMULATOR, ROOT, EmulatorServer, identities)

HELM = os.path.join(BUILD, 'bin', 'helm')  # a real Helm 3 (tools/install_helm.py --major 3)
HELM4 = os.path.join(BUILD, 'bin', 'helm4')  # a real Helm 4 (tools/install_helm.py --major 4)
# The collection's modules, by short name; of those, the ones that talk to the control plane (the others
# are the documentation of an action plugin that runs on the controller alone: plugins/action/).
MODULES = sorted(name[:-3] for name in os.listdir(os.path.join(ROOT, 'plugins', 'modules')) if name.endswith('.py'))
API_MODULES = [name for name in MODULES if not os.path.exists(os.path.join(ROOT, 'plugins', 'action', name + '.py'))]
LOGS = os.path.join(ROOT, 'tests', 'output', 'suite')


class Line:
    """One ansible-core line of the test matrix. A line that is ``allowed_to_fail`` (a pre-release,
    the development branch) is tested and reported, but its failures do not fail the suite."""

    def __init__(self, core, venv, python, allowed_to_fail=None):
        self.core = core
        self.venv = os.path.join(ROOT, venv)
        self.python_version = python
        self.allowed_to_fail = allowed_to_fail  # what the line is, when it may fail: 'the newest pre-release'

    def bin(self, name):
        return os.path.join(self.venv, 'bin', name)

    def is_set_up(self):
        return os.path.exists(os.path.join(self.venv, '.stamp'))

    def installed_core(self):
        """The ansible-core version installed in this line's virtual environment (None if there is none)."""
        found = glob.glob(os.path.join(self.venv, 'lib', 'python*', 'site-packages', 'ansible_core-*.dist-info'))
        return os.path.basename(found[0])[len('ansible_core-'):-len('.dist-info')] if found else None

    def __repr__(self):
        return 'ansible-core-%s' % self.core


# Every ansible-core line from requires_ansible (meta/runtime.yml) to the newest, oldest first, all on
# Python 3.12 (which every one of them supports as a controller Python): ansible-test units and
# integration run on each, sanity on the first and the last.
SUITE_PYTHON = '3.12'
MATRIX = [Line('2.16', '.venv-2.16', SUITE_PYTHON), Line('2.17', '.venv-2.17', SUITE_PYTHON), Line('2.18', '.venv-2.18', SUITE_PYTHON),
          Line('2.19', '.venv', SUITE_PYTHON), Line('2.20', '.venv-2.20', SUITE_PYTHON), Line('2.21', '.venv-2.21', SUITE_PYTHON)]
# Allowed to fail, and reported: ansible-core's newest pre-release (make setup sets it up when it finds
# Python 3.13, which it needs), and its development branch (from GitHub: only `make units LINE=devel`
# and the like set it up, as the CI workflow does).
PRERELEASE = Line('2.22', '.venv-2.22', '3.13', allowed_to_fail='the newest pre-release')
DEVEL = Line('devel', '.venv-devel', '3.13', allowed_to_fail="the development branch")
_BY_CORE = {line.core: line for line in MATRIX}
# The lines that the system tests run playbooks on: the suite's own (its tools are in .venv), and the newest.
LINES = [_BY_CORE['2.19'], _BY_CORE['2.21']]
DEFAULT_LINE = LINES[0]


def tool_env(line=DEFAULT_LINE, **extra):
    """The environment for running a tool of ``line``: its venv first on PATH, the installed collections."""
    return checkout.tool_env(line.venv, **extra)


def run(command, name, cwd=ROOT, env=None, timeout=1800, check=True):
    """Run ``command``, keep its output in tests/output/suite/<name>.log, and fail the test with the
    output's tail when it exits non-zero."""
    os.makedirs(LOGS, exist_ok=True)
    log_path = os.path.join(LOGS, '%s.log' % name)
    started = time.time()
    proc = subprocess.run(command, cwd=cwd, env=env or tool_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          timeout=timeout, check=False, text=True)
    with open(log_path, 'w', encoding='utf-8') as handle:
        handle.write('$ %s\n(cwd %s, %.1f s, exit %d)\n\n%s' % (' '.join(command), cwd, time.time() - started, proc.returncode, proc.stdout))
    if check and proc.returncode != 0:
        tail = '\n'.join(proc.stdout.splitlines()[-150:])
        pytest.fail('%s exited %d (full log: %s)\n%s' % (' '.join(command), proc.returncode, log_path, tail), pytrace=False)
    return proc


def copy_checkout(dest):
    """Copy the files of this checkout that git knows or would add (tracked, and untracked but not
    ignored) to ``dest``, as a fresh clone with the working tree's changes would have them.
    Returns their paths, relative to the checkout."""
    files = subprocess.run(['git', 'ls-files', '-z', '-co', '--exclude-standard'], cwd=ROOT, check=True,
                           stdout=subprocess.PIPE).stdout.split(b'\0')
    copied = []
    for name in filter(None, files):
        name = name.decode()
        source = os.path.join(ROOT, name)
        if not os.path.isfile(source):
            continue  # deleted in the working tree
        os.makedirs(os.path.dirname(os.path.join(dest, name)), exist_ok=True)
        shutil.copy2(source, os.path.join(dest, name))
        copied.append(name)
    return copied


@functools.lru_cache(maxsize=None)
def ansible_test_tree():
    """A copy of this checkout at .build/src/ansible_collections/langchain/langsmith, where ansible-test
    needs it, with kubernetes.core beside it, made once per run of the suite (the fixture of tests/system and
    of tests/docs). It is a git repository of its own, because ansible-test lists files with git and the
    checkout ignores .build/."""
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
