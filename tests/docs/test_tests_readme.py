# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""tests/README.md is true: every path it names exists (a ``file::test`` names a test of that file), every
folder and file of tests/ and every file of tests/unit and tests/docs is described, every make target it names is one
of the Makefile's and says what the Makefile's recipe runs, every target that runs tests is in its table, and
its commands name tests and targets that exist. Read from the files, without running a tool."""

import glob
import os
import re
import shlex

from ansible_collections.langchain.langsmith.tests.docs.pages import ROOT, md_rows, md_section, read

TEXT = read('tests', 'README.md')
# Paths of the checkout that the page names, in backticks or in its commands (.build/ is made by `make setup`, and
# is not in the trees that ansible-test copies).
PATH = re.compile(r'(?<![\w/.$])((?:tests|bench|docs|plugins|tools)/[\w./<>*-]*(?:::\w+)?)')
# What the runs write: named, and not there before a run.
WRITTEN = ('tests/output/',)
NOT_DESCRIBED = {'output', '__pycache__'}
BLOCKS = re.findall(r'^```bash\n(.*?)^```', TEXT, re.MULTILINE | re.DOTALL)


def named_paths():
    found = set()
    for path in PATH.findall(TEXT):
        path = path.rstrip('.')
        if '<' in path:  # a pattern (tests/output/suite/<name>.log): its folder
            path = path[:path.index('<')]
        found.add(path)
    return found


def makefile():
    """(the targets of `make help`, {target: its recipe, Make variables of this file expanded, $@ its name})."""
    text = read('Makefile')
    helped = re.findall(r'^#   make ([\w-]+)', text, re.MULTILINE)
    variables = dict(re.findall(r'^(\w+) :?= (.*)$', text, re.MULTILINE))
    recipes = {}
    for targets, body in re.findall(r'^([\w .-]+):(?!=)[^\n]*\n((?:\t[^\n]*\n)*)', text, re.MULTILINE):
        for target in targets.split():
            recipe = body.replace('$(PYTEST)', 'PYTEST').replace('$@', target)
            for dummy in range(5):
                recipe = re.sub(r'\$\((\w+)\)', lambda match: variables.get(match.group(1), '%' + match.group(1) + '%'), recipe)
            recipes[target] = recipe
    return helped, recipes


def table():
    """{make target: the text of its row} of the table under "What each make target runs"."""
    return {re.match(r'`make ([\w-]+)', cells[0]).group(1): ' | '.join(cells)
            for cells in md_rows(md_section(TEXT, '## What each make target runs'))}


def functions_of(path):
    """The names of the test functions of a test file, or of every test file below a folder."""
    files = [path] if path.endswith('.py') else [os.path.join(folder, name) for folder, dummy, names in os.walk(path)
                                                 for name in names if name.startswith('test_') and name.endswith('.py')]
    names = set()
    for name in files:
        with open(name, encoding='utf-8') as handle:
            names |= set(re.findall(r'^def (test_\w+)', handle.read(), re.MULTILINE))
    return names


def test_every_path_it_names_exists():
    named = named_paths()
    assert len(named) > 40
    for path in sorted(named):
        if path.startswith(WRITTEN):
            continue
        file, dummy, test = path.partition('::')
        assert glob.glob(os.path.join(ROOT, file)), 'tests/README.md names %s, which does not exist' % file
        if test:
            assert test in functions_of(os.path.join(ROOT, file)), 'tests/README.md names %s, which is not a test of %s' % (test, file)
    assert 'tests/output/' in TEXT and 'tests/output/' in read('.gitignore').splitlines()


def test_it_describes_every_folder_and_file_of_tests():
    named = named_paths()
    tests = os.path.join(ROOT, 'tests')
    missing = []
    for folder, folders, files in os.walk(tests):
        relative = os.path.relpath(folder, ROOT)
        folders[:] = [name for name in folders if name not in NOT_DESCRIBED and not name.startswith('.')]
        if relative.startswith(os.path.join('tests', 'integration', 'targets') + os.sep):
            folders[:] = []  # a target's own files: its runme.sh says what they are
        missing += ['%s/%s/' % (relative, name) for name in folders if '%s/%s/' % (relative, name) not in named]
        if folder in (tests, os.path.join(tests, 'unit'), os.path.join(tests, 'docs')):
            missing += ['%s/%s' % (relative, name) for name in files if '%s/%s' % (relative, name) not in named
                        and name not in ('__init__.py', 'README.md') and not name.endswith('.pyc')]
    assert not missing, 'tests/README.md does not describe: %s' % ', '.join(sorted(missing))


def test_its_make_targets_run_what_it_says():
    helped, recipes = makefile()
    rows = table()
    assert set(rows) <= set(helped), 'not targets of `make help`: %s' % sorted(set(rows) - set(helped))
    running = {target for target in helped if 'PYTEST' in recipes.get(target, '') or 'bench/' in recipes.get(target, '')}
    assert running <= set(rows), 'tests/README.md does not say what these run: %s' % sorted(running - set(rows))
    for target, row in sorted(rows.items()):
        recipe = recipes[target]
        for path in re.findall(r'(?:tests|bench)/[\w./-]*\w(?:::\w+)?', recipe.replace('tests/pytest.ini', '')):
            assert path in row, 'make %s runs %s; its row does not say so: %s' % (target, path, row)
        for marks in re.findall(r"-m '([^']+)'", recipe):
            assert marks in row, 'make %s selects -m %r; its row does not say so' % (target, marks)


def test_its_commands_name_tests_and_targets_that_exist():
    commands = [shlex.split(line) for block in BLOCKS for line in block.splitlines() if line.strip()]
    pytest_runs = [words for words in commands if words[:3] == ['.venv/bin/python', '-m', 'pytest']]
    assert len(pytest_runs) >= 4
    for words in pytest_runs:
        assert words[3:5] == ['-c', 'tests/pytest.ini'], words
        paths = [word for word in words[5:] if word.startswith('tests/')]
        assert paths, words
        if '-k' in words:
            expression = words[words.index('-k') + 1]
            assert any(expression in name for path in paths for name in functions_of(os.path.join(ROOT, path))), words
    (target,) = [words[words.index('integration') + 1] for words in commands if 'ansible-test' in words]
    assert os.path.isdir(os.path.join(ROOT, 'tests', 'integration', 'targets', target))


def test_what_it_says_of_pytest_ini():
    ini = read('tests', 'pytest.ini')
    assert 'pythonpath = ../.build/dev' in ini  # "through the link .build/dev"
    for marker in ('slow', 'ansible_test_line'):
        assert re.search(r'^    %s: ' % marker, ini, re.MULTILINE) and '`%s`' % marker in TEXT
