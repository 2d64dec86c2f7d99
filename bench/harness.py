# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The benchmark's harness (bench/): ansible-playbook runs with the bench_timer callback against the
emulator on loopback (tools/checkout.py starts it), the emulator's request log attributed to tasks, the
peak memory of a process, and the machine the figures came from. What is measured is in measure.py,
what it should be in expectations.py, how it is shown in report.py."""

import json
import os
import platform
import re
import subprocess
import sys
import time
import urllib.request

from ansible_collections.langchain.langsmith.tools.checkout import COLLECTIONS, INVENTORY, ROOT, tool_env

BENCH = os.path.join(ROOT, 'bench')


CALLBACKS = os.path.join(BENCH, 'callback_plugins')


URI_BASELINE = os.path.join(BENCH, 'uri_baseline.yml')


FORKS = 10


RECAP = re.compile(r'^(\S+)\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)', re.M)


class BenchError(Exception):
    """A run that did not do what the benchmark measures."""


# -- running playbooks --------------------------------------------------------------------


class Run:
    """One ansible-playbook run: its output, exit code, wall time and the bench_timer records."""

    def __init__(self, name, returncode, output, seconds, timings, log):
        self.name = name
        self.returncode = returncode
        self.output = output
        self.seconds = seconds
        self.timings = timings
        self.log = log

    def check(self, failed_ok=False):
        if self.returncode != 0 and not failed_ok:
            raise BenchError('%s: ansible-playbook exited %d (log: %s)\n%s'
                             % (self.name, self.returncode, self.log, '\n'.join(self.output.splitlines()[-40:])))
        return self

    def recap(self):
        """{host: (ok, changed, unreachable, failed)} from the PLAY RECAP."""
        return {host: tuple(int(n) for n in counts) for host, *counts in RECAP.findall(self.output)}

    def tasks(self):
        """Where the time went: each task in the order it started, with the hosts it ran for and its
        span in seconds, from its start to its last host's result (tasks of a play run one after another)."""
        spans = {}
        for record in self.timings:
            span = spans.setdefault(record['uuid'], {'task': record['task'], 'action': record.get('action'), 'hosts': set(),
                                                     'start': record['start'], 'end': record['end']})
            span['hosts'].add(record['host'])
            span['start'], span['end'] = min(span['start'], record['start']), max(span['end'], record['end'])
        ordered = sorted(spans.values(), key=lambda span: span['start'])
        return [{'task': span['task'], 'action': span['action'], 'hosts': len(span['hosts']),
                 's': round(span['end'] - span['start'], 3)} for span in ordered]


class Bench:
    """The emulator, the connection to it and a directory for playbooks, logs and results."""

    def __init__(self, emulator, identities, workdir):
        self.emulator = emulator
        self.api_key = identities['api_key']
        self.workdir = workdir
        os.makedirs(workdir, exist_ok=True)
        self.inventory = self.write('localhost.ini', INVENTORY)

    @property
    def connection(self):
        return {'control_plane_url': self.emulator.url, 'api_key': self.api_key}

    def write(self, name, text):
        path = os.path.join(self.workdir, name)
        with open(path, 'w', encoding='utf-8') as handle:
            handle.write(text)
        return path

    def playbook(self, name, tasks, hosts='localhost'):
        play = [{'name': name, 'hosts': hosts, 'gather_facts': False, 'tasks': tasks}]
        # JSON is YAML. A .json name keeps what the bench writes under bench/results/ out of ansible-lint's
        # view: run at the top of the checkout, it lints every .yml file there, ignored by git or not.
        return self.write('%s.json' % name, json.dumps(play, indent=1))

    def run(self, name, playbook, inventory=None, options=(), env=None):
        """Run ``playbook`` with the bench_timer callback; never raises on a failed run (see Run.check)."""
        timings = os.path.join(self.workdir, '%s.timings.jsonl' % name)
        log = os.path.join(self.workdir, '%s.log' % name)
        if os.path.exists(timings):
            os.unlink(timings)
        environment = tool_env(ANSIBLE_CALLBACK_PLUGINS=CALLBACKS, ANSIBLE_CALLBACKS_ENABLED='bench_timer',
                               BENCH_TIMINGS=timings, **(env or {}))
        command = [os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), '-i', inventory or self.inventory,
                   playbook] + list(options)
        started = time.monotonic()
        proc = subprocess.run(command, cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, check=False)
        seconds = time.monotonic() - started
        with open(log, 'w', encoding='utf-8') as handle:
            handle.write('$ %s\n(%.2f s, exit %d)\n\n%s' % (' '.join(command), seconds, proc.returncode, proc.stdout))
        records = []
        if os.path.exists(timings):
            with open(timings, encoding='utf-8') as handle:
                records = [json.loads(line) for line in handle if line.strip()]
        return Run(name, proc.returncode, proc.stdout, seconds, records, log)

    def requests_since_reset(self):
        return self.emulator.stats()['log']

    def reset_requests(self):
        self.emulator.call('POST', '/stats/reset')

    def seeded(self, size):
        """A fresh workspace of ``size`` listeners seed-00000 ... (namespace <compute_id>-ns each)."""
        self.emulator.reset()
        if size:
            self.emulator.seed(size)
        return self.emulator.listeners()

    def listener(self, **args):
        return {'langchain.langsmith.listener': dict(self.connection, **args)}

    def api(self, method, path, body=None):
        """One request to the emulator's API with the bench's key (to set up a workspace; reset the request log after)."""
        request = urllib.request.Request(self.emulator.url + path, method=method,
                                         data=json.dumps(body).encode() if body is not None else None,
                                         headers={'X-Api-Key': self.api_key, 'Content-Type': 'application/json'})
        with urllib.request.urlopen(request, timeout=60) as answer:  # nosec - the emulator on loopback
            text = answer.read()
        return json.loads(text) if text else None

    def uri(self, path, **args):
        args.setdefault('headers', {'X-Api-Key': self.api_key})
        return {'ansible.builtin.uri': dict(args, url=self.emulator.url + path)}


def attribute(entries, records):
    """Count the emulator's log ``entries`` per task record: a request belongs to the task whose
    start..end holds its arrival time (tasks of one host run one after another)."""
    counts = [0] * len(records)
    stray = 0
    for entry in entries:
        for number, record in enumerate(records):
            if record['start'] <= entry['time'] <= record['end']:
                counts[number] += 1
                break
        else:
            stray += 1
    if stray:
        raise BenchError('%d request(s) arrived outside every task: the task windows are wrong' % stray)
    return counts


def by_name(records, counts):
    result = {}
    for record, count in zip(records, counts):
        result[record['task']] = result.get(record['task'], 0) + count
    return result


def expect(run, want):
    """Check each task's status and changed flag: ``want`` maps task name to (status, changed)."""
    got = {r['task']: (r['status'], r['changed']) for r in run.timings}
    wrong = ['%s: %s, expected %s' % (name, got.get(name, 'did not run'), expected)
             for name, expected in want.items() if got.get(name) != expected]
    if wrong:
        raise BenchError('%s: tasks did not do what is measured (log: %s):\n  %s' % (run.name, run.log, '\n  '.join(wrong)))


# -- peak memory --------------------------------------------------------------------------


# Runs a Python script as __main__ and reports the process's peak resident set size (VmHWM) on
# stderr at exit. VmHWM belongs to the process image since its exec; ru_maxrss would not do, as Linux
# carries the peak of the forking parent (this benchmark, with its imports) into the child's.
PEAK_RSS_RUNNER = (
    'import atexit, runpy, sys\n'
    'def report():\n'
    '    with open("/proc/self/status", encoding="ascii") as status:\n'
    '        peak = [line.split()[1] for line in status if line.startswith("VmHWM:")][0]\n'
    '    sys.stderr.write("\\nBENCH_PEAK_RSS_KIB %s\\n" % peak)\n'
    'atexit.register(report)\n'
    'sys.argv = sys.argv[1:]\n'
    'runpy.run_path(sys.argv[0], run_name="__main__")\n'
)


def peak_rss(script, *args):
    """Run ``script`` with ``args`` under this Python; return (peak RSS in KiB, exit code, stdout)."""
    proc = subprocess.run([sys.executable, '-c', PEAK_RSS_RUNNER, script] + list(args), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, check=False,
                          env=tool_env(ANSIBLE_COLLECTIONS_PATH=COLLECTIONS))
    found = re.findall(rb'^BENCH_PEAK_RSS_KIB (\d+)$', proc.stderr, re.M)
    if not found:
        raise BenchError('%s reported no peak RSS (exit %d): %s' % (script, proc.returncode, proc.stderr[-500:]))
    return int(found[-1]), proc.returncode, proc.stdout


def max_rss(payload):
    """Run a kept AnsiballZ payload (its arguments are inside); return its peak RSS in KiB and its result."""
    kib, returncode, output = peak_rss(payload)
    result = json.loads(output[output.index(b'{'):]) if b'{' in output else {}
    if returncode != 0 or result.get('failed') or not result:
        raise BenchError('%s failed (exit %d): %s' % (payload, returncode, result.get('msg', output[-500:])))
    return kib, result


# -- the machine --------------------------------------------------------------------------


def machine():
    """What the figures came from."""
    import ansible  # pylint: disable=import-outside-toplevel
    import pydantic  # pylint: disable=import-outside-toplevel
    import requests  # pylint: disable=import-outside-toplevel
    commit = subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, check=False).stdout.strip()
    return {
        'cores': os.cpu_count(),
        'cpu': _cpu_model(),
        'platform': platform.platform(),
        'python': platform.python_version(),
        'ansible_core': ansible.__version__,
        'pydantic': pydantic.VERSION,
        'requests': requests.__version__,
        'commit': commit,
        'load_average_before': [round(x, 2) for x in os.getloadavg()],
        'started': time.strftime('%Y-%m-%d %H:%M:%S %Z'),
    }


def _cpu_model():
    try:
        with open('/proc/cpuinfo', encoding='utf-8') as handle:
            for line in handle:
                if line.startswith('model name'):
                    return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or 'unknown'
