# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The main job of the README (``make demo``), against the local control plane emulator.

Starts the emulator on a free loopback port, runs the bootstrap_cluster playbook for the example
inventory of clusters twice, with the connection in the environment (as a shell or AWX would set
it), shows that the first run registers every cluster and the second changes nothing, stops the
emulator and removes its state and log (printing the log's end first if something failed).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), os.pardir))
EMULATOR = os.path.join(ROOT, 'emulator', 'langsmith_emulator.py')
VENV_BIN = os.path.dirname(sys.executable)
PLAYBOOK = ['langchain.langsmith.bootstrap_cluster', '-i', 'examples/inventory.yml']


def main():
    identities = json.loads(subprocess.check_output([sys.executable, EMULATOR, 'identities']))
    workdir = tempfile.mkdtemp(prefix='langsmith-demo-')
    try:
        return demo(identities, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def demo(identities, workdir):
    state = os.path.join(workdir, 'emulator.json')
    log = os.path.join(workdir, 'emulator.log')
    try:
        url = subprocess.check_output([sys.executable, EMULATOR, 'start', '--state-file', state, '--log-file', log], text=True).strip()
    except subprocess.CalledProcessError:
        show_log(log)
        raise
    print('Control plane emulator: %s\n' % url, flush=True)
    env = dict(os.environ,
               PATH=VENV_BIN + os.pathsep + os.environ.get('PATH', ''),
               ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.build', 'collections'),
               LANGSMITH_CONTROL_PLANE_URL=url,
               LANGSMITH_API_KEY=identities['api_key'],
               ANSIBLE_FORCE_COLOR=os.environ.get('ANSIBLE_FORCE_COLOR', '1' if sys.stdout.isatty() else '0'))
    changed = []
    try:
        for attempt in ('first run: registers every cluster', 'second run: nothing to do'):
            print('=== ansible-playbook %s (%s)' % (' '.join(PLAYBOOK), attempt), flush=True)
            proc = subprocess.run([os.path.join(VENV_BIN, 'ansible-playbook')] + PLAYBOOK, cwd=ROOT, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
            print(proc.stdout, flush=True)
            if proc.returncode:
                show_log(log)
                return proc.returncode
            changed.append(sum(int(n) for n in re.findall(r'changed=(\d+)', proc.stdout)))
    finally:
        subprocess.run([sys.executable, EMULATOR, 'stop', '--state-file', state], check=False)
    if changed[0] == 0 or changed[1] != 0:
        print('Expected changes on the first run and none on the second, got changed=%s' % changed, file=sys.stderr)
        return 1
    print('First run changed %d, second run changed 0: bootstrap_cluster is idempotent.' % changed[0])
    return 0


def show_log(path, lines=40):
    """The end of the emulator's log, before it is removed with the rest of the demo's files."""
    if os.path.exists(path):
        with open(path, encoding='utf-8', errors='replace') as handle:
            tail = handle.read().splitlines()[-lines:]
        print('--- the end of the emulator log (%s)\n%s' % (path, '\n'.join(tail)), file=sys.stderr)


if __name__ == '__main__':
    sys.exit(main())
