# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The performance benchmark of langchain.langsmith (``make bench``; docs/docsite/rst/performance.rst).

Starts the control plane emulator on loopback and measures, against it, with the
``ansible.builtin.uri`` baseline beside each figure and in the same invocation: HTTP requests per
listener task at each workspace size, the wall time of converged listener tasks as a ratio of a
one-request uri task's, the peak memory of one module process; then fleets of clusters bootstrapped
three ways (bootstrap_cluster, the previous per-cluster role, a hand-written uri role), fresh and
converged, an update of a tenth of a fleet, what one listener of 10,000 namespaces adds to a
bootstrap, the peak memory of the listeners module over 5,000 listeners, and converged bootstrap_cluster runs of
1,000, 2,000 and 5,000 clusters beside Ansible's floor over the same inventory (a play of one trivial task per
cluster). Prints a table of the
targets (met or NOT met) and the figures, writes them to <out>/results.json and draws
<out>/performance.png.

    .venv/bin/python bench/run.py            # the full run (fleets of 200 and 1,000 clusters: an hour or more)
    .venv/bin/python bench/run.py --quick    # small workspaces, a fleet of 200, few repetitions (several minutes)

The parts: harness.py (running playbooks against the emulator, counting, peak memory), measure.py (the
measurements), expectations.py (the formulas and targets, and each target's verdict) and report.py
(tables, picture, publishing); this file is the command line. Nothing here imports the test suite.
"""

import argparse
import json
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, '.build', 'dev'))  # the checkout as ansible_collections.langchain.langsmith (make setup)

# pylint: disable=wrong-import-position
from ansible_collections.langchain.langsmith.bench import harness, measure, report  # noqa: E402
from ansible_collections.langchain.langsmith.bench.expectations import FLEET_MEMORY_LISTENERS, WIDE_HOSTS, WIDE_NAMESPACES  # noqa: E402
from ansible_collections.langchain.langsmith.tools.checkout import EmulatorServer, identities  # noqa: E402

FULL = {'sizes': [10, 100, 1000, 5000], 'fleet': [200, 1000], 'reps': 15, 'fleet_reps': 2, 'wide_reps': 3, 'memory_runs': 3,
        'floor': [1000, 2000, 5000], 'floor_reps': 2}


QUICK = {'sizes': [10, 150], 'fleet': [200], 'reps': 4, 'fleet_reps': 1, 'wide_reps': 1, 'memory_runs': 1, 'floor': [200], 'floor_reps': 1}


def sizes(text):
    return [int(part) for part in text.split(',') if part.strip()]


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    parser.add_argument('--quick', action='store_true', help='workspaces of %s, fleets of %s, %d repetitions'
                        % (QUICK['sizes'], QUICK['fleet'], QUICK['reps']))
    parser.add_argument('--sizes', type=sizes, help='workspace sizes, comma-separated (default %s)' % FULL['sizes'])
    parser.add_argument('--fleet', type=sizes, help='fleet sizes (clusters), comma-separated (default %s)' % FULL['fleet'])
    parser.add_argument('--reps', type=int, help='timed repetitions of each task kind per workspace (default %d)' % FULL['reps'])
    parser.add_argument('--fleet-reps', type=int, help='converged reruns of each fleet playbook (default %d)' % FULL['fleet_reps'])
    parser.add_argument('--floor', type=sizes, help='fleet sizes whose converged bootstrap_cluster run is measured beside a play of '
                        'one trivial task per cluster, comma-separated (default %s)' % FULL['floor'])
    parser.add_argument('--floor-reps', type=int, help='pairs of those runs at each size (default %d)' % FULL['floor_reps'])
    parser.add_argument('--fleet-others', type=int, default=0, help='listeners of other clusters in the workspace of each fleet (default 0)')
    parser.add_argument('--wide-hosts', type=int, default=WIDE_HOSTS,
                        help='clusters of the bootstrap with and without a listener of many namespaces (default %d)' % WIDE_HOSTS)
    parser.add_argument('--wide-namespaces', type=int, default=WIDE_NAMESPACES,
                        help='namespaces of that listener (default %d)' % WIDE_NAMESPACES)
    parser.add_argument('--wide-reps', type=int, help='pairs of runs without and with it (default %d)' % FULL['wide_reps'])
    parser.add_argument('--memory-listeners', type=int, default=FLEET_MEMORY_LISTENERS,
                        help='listeners of the listeners module whose peak memory is measured (default %d)' % FLEET_MEMORY_LISTENERS)
    parser.add_argument('--memory-runs', type=int, help='runs of each module payload whose peak memory is measured, the largest '
                        'kept (default %d)' % FULL['memory_runs'])
    parser.add_argument('--out', default=os.path.join(HERE, 'results'), help='where results.json and performance.png go')
    parser.add_argument('--from-results', metavar='JSON',
                        help='measure nothing: print the tables of the figures in JSON (a results.json or docs/docsite/rst/performance.json) '
                             'and draw their picture (with --publish, publish them)')
    parser.add_argument('--no-plot', action='store_true', help='skip the PNG')
    parser.add_argument('--publish', action='store_true',
                        help='also copy the figures and the picture to docs/docsite/rst/ (performance.json, performance.png) and put the '
                             'table into performance.rst')
    args = parser.parse_args(argv)
    # absolute: ansible-playbook runs from the checkout, and its modules' temporary directories (kept for
    # the memory measurements, under --out) are resolved elsewhere
    args.out = os.path.abspath(args.out)
    defaults = QUICK if args.quick else FULL
    for name in ('sizes', 'fleet', 'reps', 'fleet_reps', 'wide_reps', 'memory_runs', 'floor', 'floor_reps'):
        if getattr(args, name) is None:
            setattr(args, name, defaults[name])
    return args


def measure_all(args, bench, say):
    results = {'machine': harness.machine(), 'settings': {
        'quick': args.quick, 'sizes': args.sizes, 'fleet': args.fleet, 'reps': args.reps, 'fleet_reps': args.fleet_reps,
        'fleet_others': args.fleet_others, 'wide_hosts': args.wide_hosts, 'wide_namespaces': args.wide_namespaces,
        'wide_reps': args.wide_reps, 'floor': args.floor, 'floor_reps': args.floor_reps,
        'memory_listeners': args.memory_listeners, 'memory_runs': args.memory_runs, 'forks': harness.FORKS,
        'emulator': bench.emulator.url}}
    sections = results['bench_seconds'] = {}

    def timed(section, text, work):
        say(text)
        started = time.monotonic()
        value = work()
        sections[section] = round(sections.get(section, 0) + time.monotonic() - started, 1)
        return value

    # the fleets first: the longest part, and the one most likely to stop a run
    results['fleet'] = []
    for hosts in args.fleet:
        text = ('%d clusters (forks %d) three ways, fresh then %d converged rerun(s) of each, then an update of %d'
                % (hosts, harness.FORKS, args.fleet_reps, measure.updated_count(hosts)))
        results['fleet'].append(timed('fleet', text, lambda hosts=hosts: measure.fleet(bench, hosts, args.fleet_reps, args.fleet_others)))
    results['floor'] = []
    for hosts in args.floor:
        text = ('bootstrap_cluster over %d converged clusters beside a play of one trivial task per cluster (%d pair(s))'
                % (hosts, args.floor_reps))
        results['floor'].append(timed('floor', text, lambda hosts=hosts: measure.floor(bench, hosts, args.floor_reps)))
    text = ('bootstrap_cluster over %d converged clusters, with and without a listener of %d namespaces (%d pair(s))'
            % (args.wide_hosts, args.wide_namespaces, args.wide_reps))
    results['wide'] = timed('wide', text, lambda: measure.wide_listener(bench, args.wide_hosts, args.wide_namespaces, args.wide_reps))
    results['fleet_memory'] = timed('fleet_memory', 'peak memory of the listeners module, %d listeners' % args.memory_listeners,
                                    lambda: measure.fleet_memory(bench, args.memory_listeners, args.memory_runs))
    results['requests'] = []
    for size in args.sizes:
        results['requests'] += timed('requests', 'requests per task, workspace of %d' % size, lambda size=size: measure.task_requests(bench, size))
    results['times'] = []
    for size in args.sizes:
        entry = timed('times', 'time per task, workspace of %d (%d of each kind, interleaved)' % (size, args.reps),
                      lambda size=size: measure.task_times(bench, size, args.reps))
        entry.update(measure.summarize_times(entry['samples_ms']))
        results['times'].append(entry)
    # listener_id and uri tasks do not depend on the workspace: all their samples together
    pooled = {kind: [ms for entry in results['times'] for ms in entry['samples_ms'][kind]] for kind in ('listener_id', 'uri')}
    results['times_pooled'] = measure.summarize_times(pooled)
    results['times_pooled']['samples'] = {kind: len(values) for kind, values in pooled.items()}
    results['memory'] = timed('memory', 'peak memory of one module process, workspace of %d' % max(args.sizes),
                              lambda: measure.peak_memory(bench, max(args.sizes), args.memory_runs))
    results['machine']['load_average_after'] = [round(x, 2) for x in os.getloadavg()]
    return results


# -- main ---------------------------------------------------------------------------------


def measure_and_save(args, say, started):
    """Measure everything against an emulator of this run; write <out>/results.json. None if the benchmark failed."""
    workdir = tempfile.mkdtemp(prefix='runs-', dir=args.out)
    emulator = EmulatorServer(workdir)
    try:
        say('emulator at %s; playbooks and logs in %s' % (emulator.url, workdir))
        results = measure_all(args, harness.Bench(emulator, identities(), workdir), say)
    except harness.BenchError as exc:
        print('benchmark failed: %s' % exc, file=sys.stderr)
        return None
    finally:
        emulator.stop()
    results['seconds'] = round(time.monotonic() - started, 1)
    with open(os.path.join(args.out, 'results.json'), 'w', encoding='utf-8') as handle:
        json.dump(results, handle, indent=1)
    return results


def main(argv=None):
    args = parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    started = time.monotonic()

    def say(text):
        print('[%5.0f s] %s' % (time.monotonic() - started, text), flush=True)

    if args.from_results:
        with open(args.from_results, encoding='utf-8') as handle:
            results = json.load(handle)
        path = args.from_results
    else:
        results = measure_and_save(args, say, started)
        if results is None:
            return 1
        path = os.path.join(args.out, 'results.json')
    print('\n' + report.table(results) + '\n')
    print('raw figures: %s' % path)
    picture = os.path.join(args.out, 'performance.png')
    if not args.no_plot:
        report.plot(results, picture)
        print('picture: %s' % picture)
    if args.publish:
        report.publish(results, None if args.no_plot else picture)
        print('published to %s' % report.DOCS)
    say('done')
    return 0


if __name__ == '__main__':
    sys.exit(main())
