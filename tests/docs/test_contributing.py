# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""CONTRIBUTING.md is true: every make command it names exists and does something, every target of
`make help` is in its table, the paths and workflows it names exist, its test commands select tests,
its changelog fragment passes antsibull-changelog lint, and what it says of the matrix and of a
missing Python 3.13 is what the Makefile and the suite do."""

import os
import re
import shlex
import subprocess

import pytest
import yaml

from ansible_collections.langchain.langsmith.tests.system.harness import DEFAULT_LINE, PRERELEASE, ROOT, copy_checkout, run
from ansible_collections.langchain.langsmith.tests.docs.test_docs import matrix_phrase

with open(os.path.join(ROOT, 'CONTRIBUTING.md'), encoding='utf-8') as _handle:
    TEXT = _handle.read()
FLAT = ' '.join(TEXT.split())
CODE_BLOCKS = re.findall(r'^```(\w*)\n(.*?)^```', TEXT, re.MULTILINE | re.DOTALL)


def make_commands():
    """Every make command line CONTRIBUTING.md names, in backticks or in a code block."""
    commands = set(re.findall(r'`(make [^`]+)`', TEXT))
    for _kind, block in CODE_BLOCKS:
        commands |= {line.strip() for line in block.splitlines() if line.strip().startswith('make ')}
    return sorted(commands)


def table_targets():
    return {re.match(r'make ([\w-]+)', command).group(1) for command in re.findall(r'^\| `(make [^`]+)` \|', TEXT, re.MULTILINE)}


@pytest.mark.parametrize('command', make_commands())
def test_every_make_command_it_names_does_something(command):
    words = shlex.split(command)
    proc = subprocess.run(['make', '-n', '-B'] + words[1:], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          check=False)
    assert proc.returncode == 0 and proc.stdout.strip() and 'Nothing to be done' not in proc.stdout, (command, proc.stdout)


def test_its_table_has_every_target_of_make_help():
    helped = {re.match(r'make ([\w-]+)', line).group(1)
              for line in subprocess.run(['make', '--no-print-directory', 'help'], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                                         check=True).stdout.splitlines()}
    assert helped and helped <= table_targets(), 'CONTRIBUTING.md does not describe: %s' % sorted(helped - table_targets())
    assert {re.match(r'make ([\w-]+)', command).group(1) for command in make_commands()} <= table_targets() | {'help'}


def test_the_paths_it_names_exist():
    named = set(re.findall(r'`((?:\.github|\.ci|tests|plugins|roles|playbooks|meta|changelogs|docs|extensions|examples|tools)'
                           r'/[\w./-]*)`', TEXT))
    assert len(named) > 10
    for path in sorted(named):
        if path.startswith('changelogs/fragments/') and path != 'changelogs/fragments/':
            path = os.path.dirname(path)  # a fragment to add
        assert os.path.exists(os.path.join(ROOT, path)), 'CONTRIBUTING.md names %s, which does not exist' % path


def test_it_names_every_workflow():
    workflows = sorted(os.listdir(os.path.join(ROOT, '.github', 'workflows')))
    named = set(re.findall(r'`([\w-]+\.yml)`', TEXT)) - {'galaxy.yml'}
    assert named == set(workflows), (named, workflows)


@pytest.mark.parametrize('command', [line.strip() for _kind, block in CODE_BLOCKS for line in block.splitlines()
                                     if line.strip().startswith('.venv/bin/python -m pytest')])
def test_its_test_commands_select_tests(command):
    proc = subprocess.run(shlex.split(command) + ['--collect-only', '-q', '-p', 'no:cacheprovider'], cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, check=False)
    assert proc.returncode == 0 and re.search(r'^\d+(/\d+)? tests? (collected|selected)', proc.stdout, re.MULTILINE), proc.stdout


def test_what_it_says_of_the_matrix_and_a_missing_python():
    assert matrix_phrase() in FLAT, matrix_phrase()
    assert "**%s, ansible-core's newest pre-release**, on Python %s" % (PRERELEASE.core, PRERELEASE.python_version) in FLAT
    # the Makefile's message, as it prints it
    printed = subprocess.run(['make', '--no-print-directory', 'prerelease-not-set-up'], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, check=True).stdout.strip()
    (block,) = [block for kind, block in CODE_BLOCKS if kind == 'text']
    assert block.strip() == printed


def test_its_fragment_passes_antsibull_changelog_lint(tmp_path):
    (fragment,) = [block for kind, block in CODE_BLOCKS if kind == 'yaml']
    with open(os.path.join(ROOT, 'changelogs', 'config.yaml'), encoding='utf-8') as handle:
        sections = [name for name, _title in yaml.safe_load(handle)['sections']]
    stated = re.search(r'The sections are (.*?) \(`changelogs/config.yaml`\)', FLAT).group(1)
    assert re.findall(r'`(\w+)`', stated) == sections
    copy_checkout(str(tmp_path))
    (tmp_path / 'changelogs' / 'fragments' / '99-example.yml').write_text(fragment)
    proc = run([DEFAULT_LINE.bin('antsibull-changelog'), 'lint'], 'contributing-fragment-lint', cwd=str(tmp_path), check=False)
    assert proc.returncode == 0 and proc.stdout.strip() == '', proc.stdout
    (tmp_path / 'changelogs' / 'fragments' / '99-example.yml').write_text(fragment.replace('bugfixes:', 'bug_fixes:'))
    assert run([DEFAULT_LINE.bin('antsibull-changelog'), 'lint'], 'contributing-fragment-lint-bad', cwd=str(tmp_path),
               check=False).returncode != 0
