# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The README's commands need only what the README says: `make demo` any python3, and sets up nothing
but what the demo runs; `make test` (and `make bench`, `make changelog`) one Python, 3.12, for the
suite and every stable ansible-core line of the test matrix, and Python 3.13 only for the newest
pre-release, which it reports as not tested without it; `make test` is `make sanity`, `units`,
`integration` and `suite` (what the CI workflow runs), each test in one of them; a run in which no
test ran fails; `make lint` is what the test suite runs."""

import os
import re
import shlex
import subprocess

import pytest

from ansible_collections.langchain.langsmith.tests.system.harness import DEFAULT_LINE, MATRIX, PRERELEASE, ROOT, copy_checkout, run
from ansible_collections.langchain.langsmith.tests.docs.pages import guide_path

# What the demo runs: ansible-core, the collection's runtime requirements, the emulator's web stack.
DEMO_REQUIREMENTS = {'ansible-core', 'requests', 'pydantic', 'fastapi', 'uvicorn'}


PY312 = '/opt/py312/bin/python3.12'
PY313 = '/opt/py313/bin/python3.13'


def planned(target, *more, **variables):
    """Every command `make <target>` would run from scratch (-B), by default on a machine without
    Python 3.12 or 3.13 (besides python3)."""
    variables = dict({'PYTHON312': '', 'PYTHON313': ''}, **variables)
    # --no-print-directory: under `make test` (CI), the make that runs pytest passes its MAKEFLAGS on
    proc = subprocess.run(['make', '--no-print-directory', '-n', '-B', target] + list(more)
                          + ['%s=%s' % item for item in variables.items()], cwd=ROOT,
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


@pytest.mark.parametrize('target', ['demo', 'docs'])
def test_needs_no_python_312(target):
    commands = planned(target)
    assert 'python3 -m venv .venv-demo' in commands and 'ansible-galaxy collection install' in commands
    assert 'runs on Python' not in commands and 'python3.1' not in commands
    assert not re.search(r'\.venv-(2\.\d+|devel)', commands)


@pytest.mark.parametrize('target', ['bench', 'changelog', 'lint'])
def test_needs_python_312_only(target):
    commands = planned(target, PYTHON312=PY312)
    assert '%s -m venv .venv\n' % PY312 in commands and 'ansible-galaxy collection install' in commands
    assert 'python3.13' not in commands and 'python3.11' not in commands
    assert not re.search(r'\.venv-(2\.\d+|devel)', commands)


def copy(tmp_path):
    clone = tmp_path / 'clone'
    copy_checkout(str(clone))
    return clone


def make_in(clone, *args):
    env = {name: value for name, value in os.environ.items() if not name.startswith(('PYTHON3', 'VIRTUAL_ENV'))}
    return subprocess.run(['make'] + list(args), cwd=clone, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          check=False)


def test_without_python_312_the_suite_says_what_it_needs(tmp_path):
    """A fresh checkout on a machine without Python 3.12: `make test` stops before it installs anything,
    naming the Python and the variable that gives it."""
    clone = copy(tmp_path)
    proc = make_in(clone, 'test', 'PYTHON312=')
    assert proc.returncode != 0
    assert 'the test suite runs on Python 3.12: put python3.12 on PATH or pass PYTHON312=/path/to/python3.12' in proc.stdout
    assert not (clone / '.venv').exists()


def test_the_python_of_each_line_is_found_on_path_or_in_pyenv(tmp_path):
    """The Makefile finds python3.12 and python3.13 in pyenv's versions (a shim that does not work is
    passed over) when they are not on PATH."""
    root = tmp_path / 'pyenv'
    for version in ('3.12.9', '3.13.2'):
        exe = root / 'versions' / version / 'bin' / ('python' + version[:4])
        exe.parent.mkdir(parents=True)
        exe.write_text('#!/bin/sh\nexec %s "$@"\n' % DEFAULT_LINE.bin('python'))  # a 3.12: only the first one passes the check
        exe.chmod(0o755)
    env = dict(os.environ, PYENV_ROOT=str(root), PATH='/usr/bin:/bin')
    env.pop('PYTHON312', None)
    env.pop('PYTHON313', None)
    proc = subprocess.run(['make', '-n', '-B', '.venv/.stamp', 'prerelease-not-set-up'], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, check=True)
    assert '%s -m venv .venv' % (root / 'versions' / '3.12.9' / 'bin' / 'python3.12') in proc.stdout
    assert 'Python 3.13 not found' in proc.stdout  # the 3.13 candidate runs, but is not a 3.13


def test_without_python_313_the_prerelease_is_reported_not_tested():
    commands = planned('setup', PYTHON312=PY312)
    assert '.venv-%s' % PRERELEASE.core not in commands
    assert ('Python 3.13 not found (on PATH, in pyenv, or PYTHON313=/path/to/python3.13): ansible-core %s, the newest pre-release, '
            'is not set up, and the test suite reports its ansible-test runs as skipped' % PRERELEASE.core) in commands
    commands = planned('setup', PYTHON312=PY312, PYTHON313=PY313)
    assert 'Python 3.13 not found' not in commands
    assert '%s -m venv .venv-%s' % (PY313, PRERELEASE.core) in commands
    # its newest pre-release, or release once there is one
    assert (".venv-{0}/bin/python -m pip install -q -r tests/requirements-line.txt 'ansible-core=={0}.*,>={0}.0a1'"
            .format(PRERELEASE.core)) in commands
    # and the README says so
    with open(os.path.join(ROOT, 'README.md'), encoding='utf-8') as handle:
        readme = ' '.join(handle.read().split())
    assert "ansible-core's newest pre-release, %s, which is allowed to fail" % PRERELEASE.core in readme
    assert 'With Python %s as well' % PRERELEASE.python_version in readme
    assert ('Without Python %s, `make setup` prints that it did not find it, and the summary reports those three runs as skipped'
            % PRERELEASE.python_version) in readme


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

    # Then the README's "Try it locally", as written, in that clone: the emulator, and the main job against it.
    with open(os.path.join(ROOT, 'README.md'), encoding='utf-8') as handle:
        readme = handle.read()
    section = readme[readme.index('## Try it locally'):]
    section = section[:section.index('\n## ', 3)]
    blocks = re.findall(r'```bash\n(.*?)```', section, re.DOTALL)
    assert len(blocks) == 2 and 'ansible-playbook langchain.langsmith.bootstrap_cluster' in blocks[1]
    script = 'set -e\n. .venv-demo/bin/activate\n%s\npython3 emulator/langsmith_emulator.py stop\n' % ''.join(blocks)
    try:
        proc = subprocess.run(['bash', '-c', script], cwd=str(clone), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, timeout=600, check=False)
    finally:
        subprocess.run([str(clone / '.venv-demo' / 'bin' / 'python'), 'emulator/langsmith_emulator.py', 'stop'], cwd=str(clone),
                       env=env, check=False)
    assert proc.returncode == 0, proc.stdout[-4000:]
    assert len(re.findall(r'^[a-z0-9-]+ +: ok=\d+ +changed=1 +unreachable=0 +failed=0', proc.stdout, re.M)) == 3, proc.stdout[-4000:]


def test_demo_and_test_both_set_up_the_demo_environment():
    """README.md and the guide run the emulator in .venv-demo after either command."""
    for target in ('demo', 'test'):
        assert 'python3 -m venv .venv-demo\n' in planned(target, PYTHON312=PY312, PYTHON313=PY313), target
    for name, activate in (('README.md', '`. .venv-demo/bin/activate` after `make demo` or `make test`'),
                           (guide_path('getting-started'), '``. .venv-demo/bin/activate`` after ``make demo`` or ``make test``')):
        with open(os.path.join(ROOT, name), encoding='utf-8') as handle:
            text = ' '.join(handle.read().split())
        assert activate in text, name


def test_the_test_suite_sets_up_every_line_of_the_matrix():
    commands = planned('test', PYTHON312=PY312, PYTHON313=PY313)
    with open(os.path.join(ROOT, 'tests', 'requirements.txt'), encoding='utf-8') as handle:
        suite_requirements = handle.read()
    assert {line.python_version for line in MATRIX} == {'3.12'}
    for line in MATRIX + [PRERELEASE]:
        venv = os.path.relpath(line.venv, ROOT)
        if venv == '.venv':  # the suite's own, with its tools
            assert '%s -m venv .venv\n' % PY312 in commands
            assert '.venv/bin/python -m pip install -q -r tests/requirements.txt -c tests/constraints.txt' in commands
            major, minor = (int(part) for part in line.core.split('.'))
            assert 'ansible-core>=%d.%d,<%d.%d' % (major, minor, major, minor + 1) in suite_requirements
        else:
            python = PY313 if line is PRERELEASE else PY312
            assert '%s -m venv %s\n' % (python, venv) in commands, line
            assert "%s/bin/python -m pip install -q -r tests/requirements-line.txt 'ansible-core==%s.*" % (venv, line.core) in commands, line
        # ansible-test's pip bootstrap, for the pip of each line's ansible-test
        assert '%s/bin/python tools/ansible_test_get_pip.py install\n' % venv in commands, line
    assert 'venv .venv-devel' not in commands  # from GitHub: only when asked for
    assert commands.rstrip().splitlines()[-1] == '.venv/bin/python -m pytest -c tests/pytest.ini tests/unit tests/docs tests/system'


def test_one_line_sets_up_only_that_line():
    commands = planned('units', LINE=MATRIX[0].core, PYTHON312=PY312, PYTHON313=PY313)
    assert re.findall(r'-m venv (\S+)', commands) == ['.venv', '.venv-demo', '.venv-%s' % MATRIX[0].core]
    assert commands.rstrip().splitlines()[-1] == (".venv/bin/python -m pytest -c tests/pytest.ini "
                                                  "'tests/system/test_ansible_test.py::test_units[ansible-core-%s]'" % MATRIX[0].core)
    commands = planned('integration', LINE='devel', PYTHON312=PY312, PYTHON313=PY313)
    assert '%s -m venv .venv-devel' % PY313 in commands
    assert "'ansible-core @ https://github.com/ansible/ansible/archive/devel.tar.gz'" in commands
    commands = planned('sanity', LINE=PRERELEASE.core, PYTHON312=PY312)
    assert 'ansible-core %s runs on Python 3.13: put python3.13 on PATH or pass PYTHON313=/path/to/python3.13' % PRERELEASE.core in commands


def collected(command):
    """The test IDs that a pytest command line of the Makefile selects."""
    words = shlex.split(command) + ['--collect-only', '-q', '-p', 'no:cacheprovider']
    proc = subprocess.run(words, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    assert proc.returncode == 0, proc.stdout
    return [line for line in proc.stdout.splitlines() if '::' in line]


def pytest_command(target, **variables):
    (command,) = [line for line in planned(target, PYTHON312=PY312, **variables).splitlines() if ' -m pytest ' in line]
    return command


def test_make_test_is_the_sum_of_its_parts():
    """`make sanity`, `units`, `integration` (each also line by line) and `suite`, which the CI workflow runs,
    select every test of `make test` exactly once."""
    everything = collected(pytest_command('test'))
    parts = {target: collected(pytest_command(target)) for target in ('sanity', 'units', 'integration', 'suite')}
    together = [test for part in parts.values() for test in part]
    assert sorted(together) == sorted(everything) and len(set(together)) == len(together)
    for kind in ('sanity', 'units', 'integration'):
        assert parts[kind] and all('::test_%s[ansible-core-' % kind in test for test in parts[kind])
        by_line = [test for line in MATRIX + [PRERELEASE] if '[%r]' % line in ' '.join(parts[kind])
                   for test in collected(pytest_command(kind, LINE=line.core))]
        assert sorted(by_line) == sorted(parts[kind]), kind
    assert parts['suite'] and not [test for test in parts['suite'] if re.search(r'::test_(sanity|units|integration)\[', test)]


def test_a_line_the_matrix_does_not_run_fails():
    proc = subprocess.run(shlex.split(pytest_command('sanity', LINE=MATRIX[1].core)), cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, check=False)
    assert proc.returncode == pytest.ExitCode.USAGE_ERROR and 'not found' in proc.stdout, proc.stdout


def test_a_run_in_which_no_test_ran_fails(tmp_path):
    """As a run that collects none: a part of the suite whose tests were all skipped cannot pass."""
    (tmp_path / 'conftest.py').write_text('from ansible_collections.langchain.langsmith.tests.system.conftest import '
                                          'pytest_runtest_logreport, pytest_sessionfinish, pytest_terminal_summary  # noqa\n')
    (tmp_path / 'test_x.py').write_text('import pytest\n\n\ndef test_skipped():\n    pytest.skip("not here")\n\n\n'
                                        'def test_runs():\n    pass\n')
    command = [DEFAULT_LINE.bin('python'), '-m', 'pytest', '-p', 'no:cacheprovider', '--rootdir', str(tmp_path),
               '-o', 'pythonpath=%s' % os.path.join(ROOT, '.build', 'dev'), str(tmp_path / 'test_x.py')]
    skipped = subprocess.run(command + ['-k', 'skipped'], cwd=tmp_path, stdout=subprocess.PIPE, text=True, check=False)
    assert skipped.returncode == pytest.ExitCode.NO_TESTS_COLLECTED, skipped.stdout
    assert 'no test ran (every selected test was skipped): this run fails' in skipped.stdout
    both = subprocess.run(command, cwd=tmp_path, stdout=subprocess.PIPE, text=True, check=False)
    assert both.returncode == 0 and '1 passed, 1 skipped' in both.stdout, both.stdout


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
