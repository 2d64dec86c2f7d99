# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""docs/docsite/rst/getting-started.rst, run as written against the emulator, the way its "Try it locally" tells
a user to: in a clone of the repository, every ``bash`` block line by line in one shell environment
(except those marked as not run), every playbook the guide names written where the guide says, and
what each command's comment promises (``changed=N``, a quoted message, "sends no write") checked
against the output and the emulator's request counters."""

import json
import os
import re
import subprocess
import urllib.request

import pytest

from ansible_collections.langchain.langsmith.tests.system.harness import copy_checkout, tool_env
from ansible_collections.langchain.langsmith.tests.docs.pages import code_blocks, guide_path

pytestmark = pytest.mark.slow

GUIDE = guide_path('getting-started')
# an RST comment right before a block
NOT_RUN = re.compile(r'\n\.\. not run by the test suite: [^\n]+$')
FILE_NAME = re.compile(r'``([\w.-]+\.yml)``:\s*$')
UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'


def guide_steps(text):
    """[('file', name, content) or ('run', command, comment)] in the guide's order."""
    steps = []
    for language, body, offset in code_blocks(text):
        before = text[:offset].rstrip('\n')
        if NOT_RUN.search(before):
            continue
        named = FILE_NAME.search(before)
        if language == 'yaml' and named:
            steps.append(('file', named.group(1), body))
        elif language == 'bash':
            for line in body.splitlines():
                command, dummy, comment = line.partition('   #')
                if command.strip() and not command.lstrip().startswith('#'):
                    steps.append(('run', command.strip(), comment.strip()))
    return steps


def promised(comment):
    """What a command's comment promises: (changed, [message patterns], sends no write)."""
    changed = re.search(r'changed=(\d+)', comment)
    messages = [re.compile(re.escape(quoted).replace(re.escape('<id>'), UUID)) for quoted in re.findall(r'"([^"]+)"', comment)]
    return (int(changed.group(1)) if changed else None), messages, 'sends no write' in comment


class Shell:
    """Runs one command at a time in ``cwd``, carrying the environment from one command to the next."""

    def __init__(self, cwd, env):
        self.cwd = cwd
        self.env = env

    def run(self, command):
        dump = os.path.join(self.cwd, '.test-env')
        proc = subprocess.run(['bash', '-c', 'set -eo pipefail\n%s\nenv -0 > %s' % (command, dump)], cwd=self.cwd, env=self.env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600, check=False)
        assert proc.returncode == 0, '%s exited %d:\n%s' % (command, proc.returncode, proc.stdout[-4000:])
        with open(dump, encoding='utf-8') as handle:
            self.env = dict(item.split('=', 1) for item in handle.read().split('\0') if '=' in item)
        return proc.stdout


def control(clone, path, method='GET'):
    """A control of the emulator that the guide started (its state file is in the clone), or None."""
    state = os.path.join(clone, '.emulator.json')
    if not os.path.exists(state):
        return None
    with open(state, encoding='utf-8') as handle:
        url = json.load(handle)['control_url']
    with urllib.request.urlopen(urllib.request.Request(url + '/_emulator' + path, method=method), timeout=30) as answer:
        return json.loads(answer.read())


def test_the_guide_runs_as_written_against_the_emulator(tmp_path):
    with open(GUIDE, encoding='utf-8') as handle:
        steps = guide_steps(handle.read())
    commands = [step[1] for step in steps if step[0] == 'run']
    assert any(command.startswith('ansible-galaxy collection install') for command in commands)
    assert sum(command.startswith('ansible-playbook') for command in commands) >= 6
    assert commands[-1] == 'python3 emulator/langsmith_emulator.py stop'

    clone = str(tmp_path / 'clone')
    copy_checkout(clone)
    collections = str(tmp_path / 'collections')
    shell = Shell(clone, tool_env(ANSIBLE_COLLECTIONS_PATH=collections))
    try:
        for kind, what, detail in steps:
            if kind == 'file':
                with open(os.path.join(clone, what), 'w', encoding='utf-8') as handle:
                    handle.write(detail)
                continue
            if control(clone, '/health'):
                control(clone, '/stats/reset', 'POST')
            output = shell.run(what)
            changed, messages, no_write = promised(detail)
            if changed is not None:
                assert re.search(r'^localhost +: ok=\d+ +changed=%d ' % changed, output, re.M), '%s:\n%s' % (what, output)
            for message in messages:
                assert message.search(output), '%s: no %s in:\n%s' % (what, message.pattern, output)
            if no_write:
                assert set(control(clone, '/stats')['counts']) <= {'GET /v2/listeners', 'GET /v2/listeners/{id}'}, what
        assert control(clone, '/health') is None or not os.path.exists(os.path.join(clone, '.emulator.json'))
        installed = os.path.join(collections, 'ansible_collections', 'langchain', 'langsmith')
        assert os.path.exists(os.path.join(installed, 'plugins', 'modules', 'listener.py'))

        # The guide's install from a clone, again after a change of the same version: --force installs it.
        with open(os.path.join(clone, 'plugins', 'modules', 'listener.py'), 'a', encoding='utf-8') as handle:
            handle.write('\n# changed after the first install\n')
        for command in commands:
            if command.startswith('ansible-galaxy collection') and 'langchain.langsmith' not in command:
                shell.run(command)
        with open(os.path.join(installed, 'plugins', 'modules', 'listener.py'), encoding='utf-8') as handle:
            assert handle.read().endswith('# changed after the first install\n')
    finally:
        if os.path.exists(os.path.join(clone, '.emulator.json')):
            subprocess.run(['python3', 'emulator/langsmith_emulator.py', 'stop'], cwd=clone, env=shell.env, check=False)
