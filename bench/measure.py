# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The measurements of the benchmark (``make bench``, bench/run.py), each against a real emulator
process on loopback (tests/system/harness.py's EmulatorServer), seeded through ``/_emulator/seed``.

- ``task_requests``: HTTP requests per listener task, from the emulator's request log, for each
  case of the issue, beside an ``ansible.builtin.uri`` playbook doing the same job.
- ``task_times``: wall time of converged listener tasks and of a one-request uri task, interleaved in
  one playbook, from the bench_timer callback (bench/callback_plugins).
- ``fleet``: the bootstrap_cluster playbook over H clusters (forks 10) whose listeners exist, beside
  the hand-written uri role of bench/uri_baseline.yml: requests and wall time.
- ``peak_memory``: the maximum resident set size of one module process.

Every run checks that its tasks did what they claim (status, changed), so that a broken benchmark
fails instead of reporting figures of something else. ``targets`` holds the issue's formulas.
"""

import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

from ansible_collections.langchain.langsmith.plugins.module_utils._listener import PAGE_LIMIT as PAGE  # the page size the modules ask for
from ansible_collections.langchain.langsmith.tests.system.harness import COLLECTIONS, ROOT, tool_env
from ansible_collections.langchain.langsmith.tests.system.plays import INVENTORY

BENCH = os.path.join(ROOT, 'bench')
CALLBACKS = os.path.join(BENCH, 'callback_plugins')
URI_BASELINE = os.path.join(BENCH, 'uri_baseline.yml')
FORKS = 10
# The cases of the per-task request counts, in the order of the table.
CASES = ('create', 'search', 'listener_id', 'update_search', 'update_listener_id')
CASE_TITLES = {
    'create': 'create',
    'search': 'converged, found by search (worst case: last page)',
    'listener_id': 'converged, with listener_id',
    'update_search': 'update, found by search (worst case)',
    'update_listener_id': 'update, with listener_id',
}
# The uri playbook's tasks (by name) that do the job of each case.
URI_STEPS = {
    'create': ('uri create',),
    'search': ('uri post', 'uri pages'),
    'listener_id': ('uri get',),
    'update_search': ('uri post', 'uri pages', 'uri patch'),
    'update_listener_id': ('uri read', 'uri write'),
}
TIMED_KINDS = ('listener_id', 'search', 'uri')
RECAP = re.compile(r'^(\S+)\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)', re.M)


class BenchError(Exception):
    """A run that did not do what the benchmark measures."""


def pages(size):
    """Requests that read a whole workspace of ``size`` listeners, 100 at a time: the listing stops
    at the first page shorter than 100, so a multiple of 100 takes one more (empty) page."""
    return size // PAGE + 1


def targets(size):
    """The issue's targets per task, for a workspace of ``size`` listeners."""
    search = 1 + math.ceil(size / PAGE)
    return {'create': 1, 'search': search, 'listener_id': 1, 'update_search': search + 1, 'update_listener_id': 2}


def fleet_target(hosts, size):
    """The issue's target for a converged rerun of ``hosts`` clusters in a workspace of ``size``."""
    return math.ceil(size / PAGE) + hosts


def fleet_expected(hosts, size):
    """What the role sends on a converged rerun: one listing of the workspace, one GET per host."""
    return pages(size) + hosts


def uri_expected(size):
    """What the uri playbook of ``task_requests`` sends for each case."""
    return {'create': 1, 'search': 1 + pages(size), 'listener_id': 1, 'update_search': 2 + pages(size),
            'update_listener_id': 2}


# -- running playbooks ------------------------------------------------------------------------


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
        return self.write('%s.yml' % name, json.dumps(play, indent=1))  # JSON is YAML

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


def _by_name(records, counts):
    result = {}
    for record, count in zip(records, counts):
        result[record['task']] = result.get(record['task'], 0) + count
    return result


def _expect(run, want):
    """Check each task's status and changed flag: ``want`` maps task name to (status, changed)."""
    got = {r['task']: (r['status'], r['changed']) for r in run.timings}
    wrong = ['%s: %s, expected %s' % (name, got.get(name, 'did not run'), expected)
             for name, expected in want.items() if got.get(name) != expected]
    if wrong:
        raise BenchError('%s: tasks did not do what is measured (log: %s):\n  %s' % (run.name, run.log, '\n  '.join(wrong)))


# -- requests per task ------------------------------------------------------------------------


def task_requests(bench, size):
    """Requests per task for every case in a workspace of ``size`` listeners, with the uri
    playbook doing the same job beside it. The listener found by search is the last one listed."""
    listeners = bench.seeded(size)
    last = listeners[-1]
    key, namespaces, listener_id = last['compute_id'], last['compute_config']['k8s_namespaces'], last['id']
    new_body = {'compute_type': 'k8s', 'compute_id': 'bench-uri-new', 'compute_config': {'k8s_namespaces': ['bench-uri-new']}}
    found = "{{ pages.results | map(attribute='json.resources') | flatten | selectattr('compute_id', 'equalto', '%s') | first }}" % key
    tasks = [
        # the controller builds each module's payload once, at its first task
        dict(name='warm-up listener', **bench.listener(compute_id=key, k8s_namespaces=namespaces, listener_id=listener_id)),
        dict(name='warm-up uri', **bench.uri('/v2/listeners/%s' % listener_id)),
        dict(name='search', **bench.listener(compute_id=key, k8s_namespaces=namespaces)),
        dict(name='listener_id', **bench.listener(compute_id=key, k8s_namespaces=namespaces, listener_id=listener_id)),
        dict(name='update_search', **bench.listener(compute_id=key, version='bench-1')),
        dict(name='update_listener_id', **bench.listener(compute_id=key, version='bench-2', listener_id=listener_id)),
        # uri: create, or learn that it exists; then read every page and pick the listener (it cannot stop at the match)
        dict(name='uri post', **bench.uri('/v2/listeners', method='POST', body_format='json', status_code=[201, 409],
                                          body={'compute_type': 'k8s', 'compute_id': key, 'compute_config': {'k8s_namespaces': namespaces}})),
        dict(name='uri pages', register='pages', loop='{{ range(0, %d, %d) | list }}' % (size + 1, PAGE),
             **bench.uri('/v2/listeners?limit=%d&offset={{ item }}' % PAGE)),
        {'name': 'uri find', 'ansible.builtin.set_fact': {'bench_found': found}},
        dict(name='uri patch', when="bench_found.version != 'bench-3'",
             **bench.uri('/v2/listeners/{{ bench_found.id }}', method='PATCH', body_format='json', body={'version': 'bench-3'})),
        dict(name='uri get', **bench.uri('/v2/listeners/%s' % listener_id)),
        dict(name='uri read', register='current', **bench.uri('/v2/listeners/%s' % listener_id)),
        dict(name='uri write', when="current.json.version != 'bench-4'",
             **bench.uri('/v2/listeners/%s' % listener_id, method='PATCH', body_format='json', body={'version': 'bench-4'})),
        # the creates last, so that every other case sees a workspace of ``size``
        dict(name='create', **bench.listener(compute_id='bench-new', k8s_namespaces=['bench-new'])),
        dict(name='uri create', **bench.uri('/v2/listeners', method='POST', body_format='json', body=new_body,
                                            status_code=[201, 409])),
    ]
    bench.reset_requests()
    run = bench.run('requests-%d' % size, bench.playbook('requests-%d' % size, tasks)).check()
    _expect(run, {'warm-up listener': ('ok', False), 'warm-up uri': ('ok', False), 'search': ('ok', False),
                  'listener_id': ('ok', False), 'update_search': ('ok', True), 'update_listener_id': ('ok', True),
                  'create': ('ok', True), 'uri patch': ('ok', False), 'uri write': ('ok', False), 'uri create': ('ok', False)})
    per_task = _by_name(run.timings, attribute(bench.requests_since_reset(), run.timings))
    per_task_ms = {}
    for record in run.timings:
        per_task_ms[record['task']] = per_task_ms.get(record['task'], 0) + (record['end'] - record['start']) * 1000
    goal = targets(size)
    return [{'workspace': size, 'case': case, 'module': per_task[case], 'target': goal[case],
             'uri': sum(per_task.get(step, 0) for step in URI_STEPS[case]),
             # one run of each: the time of the job, beside the requests it took
             'module_ms': round(per_task_ms[case], 1), 'uri_ms': round(sum(per_task_ms.get(step, 0) for step in URI_STEPS[case]), 1)}
            for case in CASES]


# -- time per task ----------------------------------------------------------------------------


def task_times(bench, size, reps):
    """Wall time of converged listener tasks (with listener_id; found by search, worst case) and of a
    uri task making one request to the same server, ``reps`` of each, interleaved in one playbook in
    a rotating order, after one untimed warm-up of each (the controller builds each module's payload
    once). Returns the samples in ms and the requests of each timed task."""
    listeners = bench.seeded(size)
    last = listeners[-1]
    key, namespaces, listener_id = last['compute_id'], last['compute_config']['k8s_namespaces'], last['id']
    make = {
        'listener_id': lambda: bench.listener(compute_id=key, k8s_namespaces=namespaces, listener_id=listener_id),
        'search': lambda: bench.listener(compute_id=key, k8s_namespaces=namespaces),
        'uri': lambda: bench.uri('/v2/listeners/%s' % listener_id),
    }
    tasks = [dict(name='warm-up %s' % kind, **make[kind]()) for kind in TIMED_KINDS]
    for rep in range(reps):
        shift = rep % len(TIMED_KINDS)
        for kind in TIMED_KINDS[shift:] + TIMED_KINDS[:shift]:
            tasks.append(dict(name='%s %d' % (kind, rep), **make[kind]()))
    bench.reset_requests()
    name = 'times-%d' % size
    run = bench.run(name, bench.playbook(name, tasks)).check()
    _expect(run, {t['name']: ('ok', False) for t in tasks})
    counts = attribute(bench.requests_since_reset(), run.timings)
    samples = {kind: [] for kind in TIMED_KINDS}
    requests = {kind: set() for kind in TIMED_KINDS}
    for record, count in zip(run.timings, counts):
        kind = record['task'].split()[0]
        if kind in samples:
            samples[kind].append(round((record['end'] - record['start']) * 1000, 1))
            requests[kind].add(count)
    return {'workspace': size, 'samples_ms': samples, 'requests': {kind: sorted(n) for kind, n in requests.items()}}


def summarize_times(samples):
    """Medians of ``{kind: [ms, ...]}`` and the ratios of each listener kind to the uri task."""
    medians = {kind: statistics.median(values) for kind, values in samples.items()}
    return {'median_ms': medians, 'ratio': {kind: medians[kind] / medians['uri'] for kind in medians if kind != 'uri'}}


# -- a fleet of clusters ----------------------------------------------------------------------


FLEET_PREFIX = 'bench-cluster-'


def fleet_inventory(bench, listeners):
    """The bootstrap_cluster inventory of the clusters whose ``listeners`` exist: host name = compute ID,
    its namespaces, and its listener's ID as bench_listener_id (for the uri baseline, which cannot search)."""
    hosts = {item['compute_id']: {'langsmith_k8s_namespaces': item['compute_config']['k8s_namespaces'], 'bench_listener_id': item['id']}
             for item in listeners}
    group = {'vars': {'langsmith_control_plane_url': bench.emulator.url, 'langsmith_api_key': bench.api_key}, 'hosts': hosts}
    return bench.write('fleet-%d.yml' % len(hosts), json.dumps({'langsmith_clusters': group}, indent=1))


def fleet(bench, hosts, reps, others=0):
    """bootstrap_cluster over ``hosts`` clusters (forks 10) whose listeners exist already (seeded,
    each with a namespace of its own), in a workspace that also holds ``others`` listeners: ``reps``
    converged runs, interleaved with as many runs of the hand-written uri baseline
    (bench/uri_baseline.yml) over the same inventory. Requests and wall time of each run."""
    bench.seeded(others)
    bench.emulator.seed(hosts, prefix=FLEET_PREFIX)
    clusters = [item for item in bench.emulator.listeners() if item['compute_id'].startswith(FLEET_PREFIX)]
    size = others + hosts
    inventory = fleet_inventory(bench, clusters)
    options = ['-f', str(FORKS)]
    playbooks = {'role': 'langchain.langsmith.bootstrap_cluster', 'uri': URI_BASELINE}
    result = {'hosts': hosts, 'workspace': size, 'role': {'s': [], 'requests': []}, 'uri': {'s': [], 'requests': []},
              'target': fleet_target(hosts, size), 'expected': fleet_expected(hosts, size)}
    for rep in range(reps):
        for kind in ('role', 'uri') if rep % 2 == 0 else ('uri', 'role'):
            bench.reset_requests()
            run = bench.run('fleet-%d-%s-%d' % (hosts, kind, rep), playbooks[kind], inventory, options).check()
            recap = run.recap()
            if len(recap) != hosts or any(counts[1:] != (0, 0, 0) for counts in recap.values()):
                raise BenchError('%s: expected %d hosts, all ok and unchanged, got %s (log: %s)' % (run.name, hosts, recap, run.log))
            result[kind]['s'].append(round(run.seconds, 2))
            result[kind]['requests'].append(len(bench.requests_since_reset()))
    if len(bench.emulator.listeners()) != size:
        raise BenchError('the converged runs over %d clusters changed the number of listeners' % hosts)
    result['ratio'] = statistics.median(result['role']['s']) / statistics.median(result['uri']['s'])
    return result


# -- memory -----------------------------------------------------------------------------------


def peak_memory(bench, size, runs=3):
    """Maximum resident set size (MB) of one module process, for the listener task that searches a
    workspace of ``size`` listeners to its last page, the listener_info task that lists all of them
    (once per play in the role), the listener task with listener_id, and a uri GET for reference.
    The module payloads that ansible-playbook ran (ANSIBLE_KEEP_REMOTE_FILES) are run again, each
    ``runs`` times, and the largest peak resident set size (VmHWM) of each is kept."""
    listeners = bench.seeded(size)
    last = listeners[-1]
    key, namespaces, listener_id = last['compute_id'], last['compute_config']['k8s_namespaces'], last['id']
    tasks = [
        dict(name='listener, found by search', **bench.listener(compute_id=key, k8s_namespaces=namespaces)),
        dict(name='listener_info, every listener', **{'langchain.langsmith.listener_info': bench.connection}),
        dict(name='listener, with listener_id', **bench.listener(compute_id=key, k8s_namespaces=namespaces, listener_id=listener_id)),
        dict(name='uri GET', **bench.uri('/v2/listeners/%s' % listener_id)),
    ]
    kept = os.path.join(bench.workdir, 'kept-modules')
    shutil.rmtree(kept, ignore_errors=True)
    run = bench.run('memory-%d' % size, bench.playbook('memory-%d' % size, tasks),
                    env={'ANSIBLE_KEEP_REMOTE_FILES': '1', 'ANSIBLE_REMOTE_TMP': kept}).check()
    _expect(run, {t['name']: ('ok', False) for t in tasks})
    # one ansible-tmp-<time>-... directory per task, in the order the tasks ran
    directories = sorted((d for d in os.listdir(kept) if d.startswith('ansible-tmp-')), key=lambda d: float(d.split('-')[2]))
    if len(directories) != len(tasks):
        raise BenchError('expected %d kept module payloads in %s, found %d' % (len(tasks), kept, len(directories)))
    result = {'workspace': size, 'mb': {}}
    for task, directory in zip(tasks, directories):
        payloads = [n for n in os.listdir(os.path.join(kept, directory)) if n.startswith('AnsiballZ_')]
        path = os.path.join(kept, directory, payloads[0])
        result['mb'][task['name']] = round(max(_max_rss(path) for dummy in range(runs)) / 1024.0, 1)
    shutil.rmtree(kept, ignore_errors=True)
    return result


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


def _max_rss(payload):
    """Run a kept AnsiballZ payload (its arguments are inside) and return its peak RSS in KiB."""
    kib, returncode, output = peak_rss(payload)
    result = json.loads(output[output.index(b'{'):]) if b'{' in output else {}
    if returncode != 0 or result.get('failed') or not result:
        raise BenchError('%s failed (exit %d): %s' % (payload, returncode, result.get('msg', output[-500:])))
    return kib


# -- the machine ------------------------------------------------------------------------------


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
