# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Playbooks of langchain.langsmith tasks, run by ansible-playbook in a subprocess, for the system tests.

``Plays(workdir, **connection).run(name, task, task, ...)`` writes a playbook whose tasks run the
collection's modules (each with the connection options merged in), runs it, and returns the exit
code, the whole output and the registered result of every task that ran (kept with
``ansible.builtin.copy`` and ``to_json``, as a user's playbook would).
"""

import json
import os

from ansible_collections.langchain.langsmith.tests.system.harness import DEFAULT_LINE, run, tool_env
from ansible_collections.langchain.langsmith.tools.checkout import INVENTORY


def task(module='listener', keywords=None, **args):
    """One task of ``langchain.langsmith.<module>`` with ``args`` (the connection options are added) and
    task ``keywords`` such as ``ignore_errors`` or ``check_mode``. A module of another collection goes
    by its full name (``kubernetes.core.k8s``)."""
    return {'module': module, 'keywords': keywords or {}, 'args': args}


def raw(**ansible_task):
    """Any other task, as it would be written in a playbook (e.g. an ``ansible.builtin.uri`` call)."""
    return {'raw': ansible_task}


class Outcome:
    def __init__(self, proc, results):
        self.rc = proc.returncode
        self.output = proc.stdout
        self.results = results

    @property
    def result(self):
        """The result of the last task that ran."""
        return self.results[-1]

    def __repr__(self):
        return 'Outcome(rc=%d, results=%r)\n%s' % (self.rc, self.results, self.output[-3000:])


class Plays:
    """Playbooks against one control plane: ``connection`` holds the options every module task gets."""

    def __init__(self, workdir, **connection):
        self.workdir = str(workdir)
        self.connection = connection
        self.inventory = os.path.join(self.workdir, 'inventory.ini')
        with open(self.inventory, 'w', encoding='utf-8') as handle:
            handle.write(INVENTORY)

    def playbook(self, name, *tasks):
        """Write the playbook ``name``.yml of ``tasks``; return its path and the path its results go to."""
        results_file = os.path.join(self.workdir, '%s.results.json' % name)
        body, registered = [], []
        for number, spec in enumerate(tasks):
            if 'raw' in spec:
                body.append(dict({'name': 'Step %d' % number}, **spec['raw']))
                continue
            var = 'result_%d' % number
            registered.append(var)
            module = spec['module'] if '.' in spec['module'] else 'langchain.langsmith.%s' % spec['module']
            entry = {'name': 'Step %d: %s' % (number, spec['module']),
                     module: dict(self.connection, **spec['args']),
                     'register': var}
            entry.update(spec['keywords'])
            body.append(entry)
        keep = '{{ [%s] | select("ne", None) | list | to_json }}' % ', '.join('%s | default(None)' % v for v in registered)
        play = [{
            'name': name, 'hosts': 'localhost', 'gather_facts': False,
            'tasks': [{
                'name': 'The tasks under test',
                'block': body,
                'always': [{'name': 'Keep the registered results',
                            'ansible.builtin.copy': {'content': keep, 'dest': results_file, 'mode': '0600'}}],
            }],
        }]
        path = os.path.join(self.workdir, '%s.yml' % name)
        with open(path, 'w', encoding='utf-8') as handle:
            json.dump(play, handle, indent=1)  # JSON is YAML
        return path, results_file

    def run(self, name, *tasks, options=(), env=None, line=DEFAULT_LINE, timeout=600):
        """Run the playbook of ``tasks`` with ansible-playbook ``options``; never fails the test by itself."""
        path, results_file = self.playbook(name, *tasks)
        if os.path.exists(results_file):
            os.unlink(results_file)
        proc = run([line.bin('ansible-playbook'), '-i', self.inventory, path] + list(options), name,
                   env=env or tool_env(line), timeout=timeout, check=False)
        results = []
        if os.path.exists(results_file):
            with open(results_file, encoding='utf-8') as handle:
                results = json.load(handle)
        return Outcome(proc, results)
