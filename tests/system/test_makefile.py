# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The README's commands need only what the README says: `make demo` (and `make bench`, `make
changelog`) any python3, and `make demo` sets up nothing but what the demo runs; `make test` also
Python 3.11 and 3.12, for the ansible-core lines of the test matrix; `make lint` is what the test
suite runs."""

import os
import re
import shlex
import subprocess

import pytest

from ansible_collections.langchain.langsmith.tests.system.harness import MATRIX, ROOT, copy_checkout, run
from ansible_collections.langchain.langsmith.tests.unit.docs import guide_path

# What the demo runs: ansible-core, the collection's runtime requirements, the emulator's web stack.
DEMO_REQUIREMENTS = {'ansible-core', 'requests', 'pydantic', 'fastapi', 'uvicorn'}


def planned(target, **variables):
    """Every command `make <target>` would run from scratch (-B), by default on a machine without
    Python 3.11 or 3.12 (besides python3)."""
    variables = dict({'PYTHON311': '', 'PYTHON312': ''}, **variables)
    proc = subprocess.run(['make', '-n', '-B', target] + ['%s=%s' % item for item in variables.items()], cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    assert proc.returncode == 0, proc.stdout
    return proc.stdout


def requirement_names(path):
    """The names of the packages a requirements file asks for, following its -r lines."""
    names = set()
    with open(path, encoding='utf-8') as handle:
        for line in handle:
            line = line.split('#', 1)[0].strip()
            if line.startswith('-r '):
                names |= requirement_names(os.path.join(os.path.dirname(path), line[3:].strip()))
            elif line:
                names.add(re.match(r'[A-Za-z0-9_.-]+', line).group(0).lower())
    return names


@pytest.mark.parametrize('target', ['demo', 'bench', 'changelog', 'docs'])
def test_needs_no_python_311_or_312(target):
    commands = planned(target)
    assert 'python3 -m venv .venv' in commands and 'ansible-galaxy collection install' in commands
    assert 'is tested on Python' not in commands
    assert not re.search(r'\.venv-2\.\d+', commands)


def test_demo_sets_up_only_what_it_needs():
    commands = planned('demo')
    installs = [line for line in commands.splitlines() if 'pip install' in line and '--upgrade pip' not in line]
    assert installs == ['.venv-demo/bin/python -m pip install -q -r tests/requirements-runtime.txt -c tests/constraints.txt']
    assert 'python3 -m venv .venv-demo' in commands and 'python3 -m venv .venv\n' not in commands
    assert 'install_from_ansible_package' not in commands  # no kubernetes.core: the demo installs no chart
    assert requirement_names(os.path.join(ROOT, 'tests', 'requirements-runtime.txt')) == DEMO_REQUIREMENTS
    # the test suite's environment is a superset
    assert DEMO_REQUIREMENTS <= requirement_names(os.path.join(ROOT, 'tests', 'requirements.txt'))


@pytest.mark.slow
def test_make_demo_in_a_fresh_clone(tmp_path):
    """The README's first command in a fresh clone: it passes, its virtual environment holds no test
    tool, and it leaves no file of the emulator behind."""
    clone = tmp_path / 'clone'
    copy_checkout(str(clone))
    git = ['git', '-c', 'user.name=suite', '-c', 'user.email=suite@localhost']
    subprocess.run(git + ['init', '-q'], cwd=clone, check=True)
    subprocess.run(git + ['add', '-A'], cwd=clone, check=True)
    subprocess.run(git + ['commit', '-q', '-m', 'clone'], cwd=clone, check=True)
    scratch = tmp_path / 'tmp'
    scratch.mkdir()
    env = {name: value for name, value in os.environ.items() if not name.startswith(('ANSIBLE_', 'LANGSMITH_', 'VIRTUAL_ENV'))}
    env['TMPDIR'] = str(scratch)
    env['PATH'] = os.pathsep.join(part for part in env['PATH'].split(os.pathsep) if not part.startswith(ROOT))
    proc = run(['make', 'demo'], 'make-demo-fresh-clone', cwd=str(clone), env=env, timeout=900)
    assert 'First run changed 3, second run changed 0: bootstrap_cluster is idempotent.' in proc.stdout
    installed = run([str(clone / '.venv-demo' / 'bin' / 'python'), '-m', 'pip', 'list', '--format=freeze'], 'demo-venv-packages',
                    env=env).stdout
    packages = {line.split('==')[0].lower() for line in installed.splitlines() if '==' in line}
    assert DEMO_REQUIREMENTS <= packages
    for tool in ('molecule', 'matplotlib', 'galaxy-importer', 'ansible', 'ansible-lint', 'pytest', 'schemathesis'):
        assert tool not in packages, '%s is in the demo\'s virtual environment' % tool
    assert not (clone / '.venv').exists() and not (clone / '.build' / 'wheels').exists()
    assert os.listdir(scratch) == [], 'the demo left %s behind' % os.listdir(scratch)


def test_demo_and_test_both_set_up_the_demo_environment():
    """README.md and the guide run the emulator in .venv-demo after either command."""
    for target in ('demo', 'test'):
        assert 'python3 -m venv .venv-demo\n' in planned(target, PYTHON311='python3.11', PYTHON312='python3.12'), target
    for name, activate in (('README.md', '`. .venv-demo/bin/activate` after `make demo` or `make test`'),
                           (guide_path('getting-started'), '``. .venv-demo/bin/activate`` after ``make demo`` or ``make test``')):
        with open(os.path.join(ROOT, name), encoding='utf-8') as handle:
            text = ' '.join(handle.read().split())
        assert activate in text, name


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
        assert "%s/bin/python -m pip install -q -r tests/requirements-line.txt 'ansible-core==%s.*'" % (venv, line.core) in commands, line
    installs = re.search(r'for venv in (.*); do \$venv/bin/python tools/ansible_test_get_pip.py install; done', commands)
    assert installs and set(installs.group(1).split()) == {os.path.relpath(line.venv, ROOT) for line in MATRIX}


def test_make_lint_is_what_the_test_suite_runs():
    """`make lint`, as a contributor runs it in a checkout (tests/system/test_quality.py runs it too)."""
    (command,) = [line for line in planned('lint').splitlines() if 'ansible-lint' in line]
    words = shlex.split(command)
    assert words[1] == 'ANSIBLE_COLLECTIONS_PATH=%s' % os.path.join(ROOT, '.build', 'collections')
    assert words[2:] == ['.venv/bin/ansible-lint', '--offline', '--profile', 'production']


def test_make_docs_builds_offline_with_its_own_environment():
    """`make docs`: antsibull-docs and Sphinx of tests/requirements-docs.txt in .venv-docs, the collection of
    .build/collections, and nothing downloaded (no Galaxy, no intersphinx inventory: tools/docsite_ext.py)."""
    commands = planned('docs')
    installs = [line for line in commands.splitlines() if 'pip install' in line and '--upgrade pip' not in line]
    assert '.venv-docs/bin/python -m pip install -q -r tests/requirements-docs.txt -c tests/constraints.txt' in installs
    assert not [line for line in installs if 'tests/requirements.txt' in line]  # not the test suite's environment
    assert 'antsibull-docs sphinx-init --use-current' in commands and 'extensions.append("docsite_ext")' in commands
    assert 'ANSIBLE_COLLECTIONS_PATH=%s' % os.path.join(ROOT, '.build', 'collections') in commands
    assert 'mv .build/docsite-src/build/html .build/docsite' in commands
    assert {'antsibull-docs', 'sphinx', 'sphinx-ansible-theme'} <= requirement_names(os.path.join(ROOT, 'tests', 'requirements-docs.txt'))


def test_chromium_is_set_up_for_the_test_suite_only():
    """The docsite's browser test needs Debian's chromium and chromium-driver; `make test` installs them when
    missing, and no other target touches the system."""
    install = 'apt-get install -y -q chromium chromium-driver'
    assert install in planned('test') and install in planned('setup')
    for target in ('demo', 'bench', 'changelog', 'docs', 'lint'):
        assert 'apt-get' not in planned(target), target


def test_helm_is_set_up_for_the_test_suite_only():
    """A Helm 3 and a Helm 4 for the chart tests (tests/system/chart.py renders the chart with both)."""
    commands = planned('test')
    assert 'python3 tools/install_helm.py --major 3 --dest .build/bin/helm --cache .build/cache' in commands
    assert 'python3 tools/install_helm.py --major 4 --dest .build/bin/helm4 --cache .build/cache' in commands
    for target in ('demo', 'bench', 'changelog'):
        assert 'install_helm' not in planned(target), target
