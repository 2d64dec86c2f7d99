# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The GitHub Actions workflows (.github/workflows/): actionlint (with shellcheck on their run:
scripts) finds nothing; the tests workflow runs the suite's matrix through the make targets that
`make test` is made of; every make target they run exists; every secret they read is documented in
CONTRIBUTING.md and reaches only the release's publishing jobs; the changelog check they run does
what CONTRIBUTING.md says."""

import glob
import itertools
import os
import re
import shlex
import subprocess

import pytest
import yaml

from ansible_collections.langchain.langsmith.tests.system.harness import (DEVEL, MATRIX, PRERELEASE, ROOT, SUITE_PYTHON,
                                                                          DEFAULT_LINE, run)

WORKFLOWS = os.path.join(ROOT, '.github', 'workflows')
FILES = sorted(glob.glob(os.path.join(WORKFLOWS, '*.yml')))
ACTIONLINT = DEFAULT_LINE.bin('actionlint')
SHELLCHECK = DEFAULT_LINE.bin('shellcheck')
PYFLAKES = DEFAULT_LINE.bin('pyflakes')


def load(name):
    with open(os.path.join(WORKFLOWS, name), encoding='utf-8') as handle:
        return yaml.safe_load(handle)


def actionlint(files, cwd):
    # -shellcheck and -pyflakes: the linters of run: scripts, from .venv (without them actionlint skips those checks)
    return run([ACTIONLINT, '-no-color', '-shellcheck', SHELLCHECK, '-pyflakes', PYFLAKES] + files, 'actionlint', cwd=cwd, check=False)


def test_actionlint_finds_nothing():
    assert [os.path.basename(name) for name in FILES] == ['changelog.yml', 'docs.yml', 'galaxy-importer.yml', 'lint.yml',
                                                          'release.yml', 'tests.yml']
    proc = actionlint(FILES, ROOT)
    assert proc.returncode == 0 and proc.stdout.strip() == '', proc.stdout


def test_actionlint_runs_shellcheck_on_run_scripts(tmp_path):
    """The check above covers the run: scripts: a script that shellcheck faults fails it."""
    (tmp_path / '.github' / 'workflows').mkdir(parents=True)
    bad = tmp_path / '.github' / 'workflows' / 'bad.yml'
    bad.write_text('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo $UNQUOTED\n')
    proc = actionlint([str(bad)], str(tmp_path))
    assert proc.returncode == 1 and 'SC2086' in proc.stdout, proc.stdout


def expand(matrix):
    """The jobs of a strategy matrix: the product of its lists, then its include entries (each one
    that would overwrite a value of every combination is a job of its own), less its exclude entries."""
    axes = {key: value for key, value in matrix.items() if key not in ('include', 'exclude')}
    jobs = [dict(zip(axes, values)) for values in itertools.product(*axes.values())]
    jobs = [job for job in jobs if not any(all(job.get(k) == v for k, v in ex.items()) for ex in matrix.get('exclude', []))]
    for extra in matrix.get('include', []):
        fitting = [job for job in jobs if all(job.get(k, v) == v for k, v in extra.items() if k in axes)]
        if fitting:
            for job in fitting:
                job.update(extra)
        else:
            jobs.append(dict(extra))
    return jobs


def test_the_tests_workflow_runs_the_suites_matrix():
    workflow = load('tests.yml')
    assert set(workflow[True]) >= {'pull_request', 'push'}  # YAML 1.1 reads the key "on" as True
    job = workflow['jobs']['ansible-test']
    combos = {(j['kind'], j['line'], j['experimental']) for j in expand(job['strategy']['matrix'])}
    assert len(combos) == len(expand(job['strategy']['matrix']))
    experimental = [PRERELEASE, DEVEL]
    wanted = {('sanity', line.core, False) for line in (MATRIX[0], MATRIX[-1])} | \
        {(kind, line.core, False) for kind in ('units', 'integration') for line in MATRIX} | \
        {(kind, line.core, True) for kind in ('sanity', 'units', 'integration') for line in experimental}
    assert combos == wanted
    # allowed to fail, and each through the make target of its part of `make test`, on the line's Python
    assert job['continue-on-error'] == '${{ matrix.experimental }}'
    assert job['strategy']['fail-fast'] is False
    steps = job['steps']
    pythons = {step['id']: step for step in steps if step.get('uses', '').startswith('actions/setup-python@')}
    assert pythons['python312']['with']['python-version'] == SUITE_PYTHON and 'if' not in pythons['python312']
    assert {line.python_version for line in experimental} == {pythons['python313']['with']['python-version']}
    assert pythons['python313']['if'] == 'matrix.experimental'
    (command,) = [' '.join(step['run'].split()) for step in steps if 'run' in step]
    assert command == ('make ${{ matrix.kind }} LINE=${{ matrix.line }} PYTHON312=${{ steps.python312.outputs.python-path }} '
                       'PYTHON313=${{ steps.python313.outputs.python-path }}')
    (suite,) = [step['run'] for step in workflow['jobs']['suite']['steps'] if 'run' in step]
    assert suite.split()[:2] == ['make', 'suite']
    assert set(workflow['jobs']) == {'ansible-test', 'suite'}


def make_commands():
    """The words of each make command line of every run: step, with each GitHub expression
    replaced by a word (``${{ matrix.kind }}`` by each kind the matrix has: one command each)."""
    found = []
    for path in FILES:
        for job in load(os.path.basename(path))['jobs'].values():
            kinds = sorted({combo['kind'] for combo in expand(job['strategy']['matrix'])}) if 'strategy' in job else []
            for step in job['steps']:
                for line in step.get('run', '').splitlines():  # a folded (>-) command is one line already
                    line = line.strip()
                    if not line.startswith('make '):
                        continue
                    for kind in kinds if '${{ matrix.kind }}' in line else [None]:
                        words = shlex.split(re.sub(r'\$\{\{[^}]*\}\}', 'expression', line.replace('${{ matrix.kind }}', kind or '')))
                        found.append(words)
    return found


def test_the_workflows_run_every_part_of_the_suite_and_the_checks():
    targets = {words[1] for words in make_commands()}
    assert targets >= {'sanity', 'units', 'integration', 'suite', 'lint', 'changelog-check', 'galaxy-importer', 'docs',
                       'changelog', 'build'}, targets


@pytest.mark.parametrize('target', sorted({words[1] for words in make_commands()}))
def test_every_make_target_of_the_workflows_exists(target):
    words = [command for command in make_commands() if command[1] == target][0]
    targets = [word for word in words[1:] if '=' not in word]
    variables = {'LINE': MATRIX[0].core, 'SINCE': 'HEAD'} if target in ('sanity', 'units', 'integration', 'changelog-check') else {}
    proc = subprocess.run(['make', '-n', '-B'] + targets + ['%s=%s' % item for item in variables.items()], cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    # (a name that is a directory, such as docs, is "up to date" without a rule)
    assert proc.returncode == 0 and proc.stdout.strip() and 'Nothing to be done' not in proc.stdout, proc.stdout


def test_secrets_reach_only_the_release_and_are_documented():
    with open(os.path.join(ROOT, 'CONTRIBUTING.md'), encoding='utf-8') as handle:
        contributing = handle.read()
    used = set()
    for path in FILES:
        text = open(path, encoding='utf-8').read()
        names = set(re.findall(r'secrets\.(\w+)', text))
        used |= names
        if os.path.basename(path) != 'release.yml':
            assert not names, '%s reads secrets %s' % (path, sorted(names))
    assert used == {'GALAXY_API_KEY', 'AH_TOKEN'}
    release = load('release.yml')
    assert list(release[True]) == ['push'] and set(release[True]['push']) == {'tags'}
    for name, job in release['jobs'].items():
        text = yaml.safe_dump(job)
        if 'secrets.' in text:
            assert job.get('environment') == 'release', '%s reads a secret outside the environment release' % name
    for secret in sorted(used):
        assert '`%s`' % secret in contributing, 'CONTRIBUTING.md does not document the secret %s' % secret
    assert 'environment `release`' in ' '.join(contributing.split())


def test_the_release_publishes_to_galaxy_and_automation_hub():
    jobs = load('release.yml')['jobs']
    galaxy = ' '.join(' '.join(step.get('run', '').split()) for step in jobs['galaxy']['steps'])
    assert 'ansible-galaxy collection publish "$TARBALL" --server https://galaxy.ansible.com/api/ --api-key "$GALAXY_API_KEY"' in galaxy
    (publish,) = [step for step in jobs['automation-hub']['steps'] if 'ansible-galaxy collection publish' in step.get('run', '')]
    assert publish['env']['ANSIBLE_GALAXY_SERVER_AUTOMATION_HUB_TOKEN'] == '${{ secrets.AH_TOKEN }}'
    assert publish['env']['ANSIBLE_GALAXY_SERVER_AUTOMATION_HUB_URL'].endswith('/inbound-%s/' % 'langchain')
    build = ' '.join(step.get('run', '') for step in jobs['build']['steps'])
    assert 'make changelog' in build and 'git diff --exit-code -- CHANGELOG.rst changelogs/changelog.yaml' in build
    assert 'make build galaxy-importer' in build
    assert set(jobs['github-release']['needs']) == {'build', 'galaxy', 'automation-hub'}


# -- the changelog fragment check (tools/check_changelog_fragment.py, `make changelog-check`) ----------

@pytest.fixture
def repo(tmp_path):
    git = ['git', '-c', 'user.name=suite', '-c', 'user.email=suite@localhost']

    commits = []

    def commit(*files):
        commits.append(files)
        for name in files:
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text('%s, commit %d\n' % (name, len(commits)))
        subprocess.run(git + ['add', '-A'], cwd=tmp_path, check=True)
        subprocess.run(git + ['commit', '-q', '-m', 'x', '--allow-empty'], cwd=tmp_path, check=True)

    subprocess.run(git + ['init', '-q', '-b', 'main'], cwd=tmp_path, check=True)
    commit('README.md', 'plugins/modules/listener.py')
    subprocess.run(git + ['checkout', '-q', '-b', 'topic'], cwd=tmp_path, check=True)
    return tmp_path, commit


def check_fragment(path):
    return subprocess.run([DEFAULT_LINE.bin('python'), os.path.join(ROOT, 'tools', 'check_changelog_fragment.py'), 'main'], cwd=path,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)


@pytest.mark.parametrize('changed', ['plugins/modules/listener.py', 'roles/dataplane/tasks/main.yml', 'playbooks/x.yml',
                                     'meta/runtime.yml'])
def test_a_user_visible_change_needs_a_fragment(repo, changed):
    path, commit = repo
    commit(changed)
    proc = check_fragment(path)
    assert proc.returncode == 1 and 'adds no changelog fragment' in proc.stdout and changed in proc.stdout, proc.stdout
    commit('changelogs/fragments/99-topic.yml')
    proc = check_fragment(path)
    assert proc.returncode == 0 and 'ok' in proc.stdout, proc.stdout


def test_other_changes_need_no_fragment(repo):
    path, commit = repo
    commit('docs/x.md', 'tests/unit/test_x.py', 'Makefile')
    assert check_fragment(path).returncode == 0


def test_make_changelog_check_runs_the_check_and_the_lint():
    proc = subprocess.run(['make', '-n', 'changelog-check', 'SINCE=origin/main'], cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True)
    assert ".venv/bin/python tools/check_changelog_fragment.py 'origin/main'\n.venv/bin/antsibull-changelog lint\n" in proc.stdout
    proc = subprocess.run(['make', 'changelog-check'], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    assert proc.returncode != 0 and 'make changelog-check needs SINCE=<revision>' in proc.stdout
