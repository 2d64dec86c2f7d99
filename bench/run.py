# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The performance benchmark of langchain.langsmith (``make bench``; docs/performance.md).

Starts the control plane emulator on loopback and measures, against it, with the
``ansible.builtin.uri`` baseline beside each figure and in the same invocation: HTTP requests per
listener task at each workspace size, the wall time of converged listener tasks as a ratio of a
one-request uri task's, the bootstrap_cluster playbook over fleets of clusters against a
hand-written uri role, and the peak memory of one module process. Prints a table, writes the raw
figures to <out>/results.json and draws <out>/performance.png.

    .venv/bin/python bench/run.py            # the full run (a few minutes)
    .venv/bin/python bench/run.py --quick    # small sizes, few repetitions (about a minute)
"""

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, '.build', 'dev'))  # the checkout as ansible_collections.langchain.langsmith (make setup)

# pylint: disable=wrong-import-position
from ansible_collections.langchain.langsmith.bench import measure  # noqa: E402
from ansible_collections.langchain.langsmith.tests.system.harness import EmulatorServer, identities  # noqa: E402

DOCS = os.path.join(ROOT, 'docs')
# docs/performance.md holds the table of the published run between these two lines.
TABLE_START = '<!-- bench/run.py --publish: the table of docs/performance.json -->'
TABLE_END = '<!-- end of the table -->'
FULL = {'sizes': [10, 100, 1000, 5000], 'fleet': [10, 50, 200], 'reps': 15, 'fleet_reps': 2}
QUICK = {'sizes': [10, 150], 'fleet': [5, 20], 'reps': 4, 'fleet_reps': 1}
TIME_TARGET = 1.2
FLEET_TIME_TARGET = 1.0
FLEET_TIME_HOSTS = 200  # the issue sets the time target for a fleet of 200
MEMORY_TARGET_MB = 80


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
    parser.add_argument('--fleet-others', type=int, default=0, help='listeners of other clusters in the workspace of each fleet (default 0)')
    parser.add_argument('--out', default=os.path.join(HERE, 'results'), help='where results.json and performance.png go')
    parser.add_argument('--no-plot', action='store_true', help='skip the PNG')
    parser.add_argument('--publish', action='store_true',
                        help='also copy the figures and the picture to docs/ (performance.json, performance.png) and put the '
                             'table into docs/performance.md')
    args = parser.parse_args(argv)
    defaults = QUICK if args.quick else FULL
    for name in ('sizes', 'fleet', 'reps', 'fleet_reps'):
        if getattr(args, name) is None:
            setattr(args, name, defaults[name])
    return args


def measure_all(args, bench, say):
    results = {'machine': measure.machine(), 'settings': {
        'quick': args.quick, 'sizes': args.sizes, 'fleet': args.fleet, 'reps': args.reps, 'fleet_reps': args.fleet_reps,
        'fleet_others': args.fleet_others, 'forks': measure.FORKS, 'emulator': bench.emulator.url}}
    results['requests'] = []
    for size in args.sizes:
        say('requests per task, workspace of %d' % size)
        results['requests'] += measure.task_requests(bench, size)
    results['times'] = []
    for size in args.sizes:
        say('time per task, workspace of %d (%d of each kind, interleaved)' % (size, args.reps))
        entry = measure.task_times(bench, size, args.reps)
        entry.update(measure.summarize_times(entry['samples_ms']))
        results['times'].append(entry)
    # listener_id and uri tasks do not depend on the workspace: all their samples together
    pooled = {kind: [ms for entry in results['times'] for ms in entry['samples_ms'][kind]] for kind in ('listener_id', 'uri')}
    results['times_pooled'] = measure.summarize_times(pooled)
    results['times_pooled']['samples'] = {kind: len(values) for kind, values in pooled.items()}
    say('peak memory of one module process, workspace of %d' % max(args.sizes))
    results['memory'] = measure.peak_memory(bench, max(args.sizes))
    results['fleet'] = []
    for hosts in args.fleet:
        say('bootstrap_cluster over %d clusters (forks %d), %d converged rerun(s) beside the uri role'
            % (hosts, measure.FORKS, args.fleet_reps))
        results['fleet'].append(measure.fleet(bench, hosts, args.fleet_reps, args.fleet_others))
    results['machine']['load_average_after'] = [round(x, 2) for x in os.getloadavg()]
    return results


# -- the table --------------------------------------------------------------------------------


def _mark(ok):
    return 'ok' if ok else 'MISSED'


def table(results):
    """The figures as Markdown tables (docs/performance.md shows the same)."""
    lines = ['### Requests per task', '',
             '| workspace | case | listener module | target | uri playbook | | listener task (ms) | uri playbook (ms) |',
             '| ---: | --- | ---: | ---: | ---: | --- | ---: | ---: |']
    for row in results['requests']:
        cells = (row['workspace'], measure.CASE_TITLES[row['case']], row['module'], row['target'], row['uri'],
                 _mark(row['module'] <= row['target']), row['module_ms'], row['uri_ms'])
        lines.append('| %d | %s | %d | %d | %d | %s | %.0f | %.0f |' % cells)
    lines += ['', '### Wall time of a converged task, ÷ a uri task making one request (target <= %.1f)' % TIME_TARGET, '',
              '| workspace | uri task (ms) | listener_id (ms) | ratio | found by search (ms) | requests | ratio |',
              '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |']
    for entry in results['times']:
        median, ratio = entry['median_ms'], entry['ratio']
        cells = (entry['workspace'], median['uri'], median['listener_id'], ratio['listener_id'], median['search'],
                 '/'.join(str(n) for n in entry['requests']['search']), ratio['search'])
        lines.append('| %d | %.0f | %.0f | %.2f | %.0f | %s | %.2f |' % cells)
    pooled = results['times_pooled']
    cells = (pooled['median_ms']['uri'], pooled['median_ms']['listener_id'], pooled['ratio']['listener_id'],
             _mark(pooled['ratio']['listener_id'] <= TIME_TARGET))
    lines.append('| all | %.0f | %.0f | **%.2f** %s | | | |' % cells)
    lines += ['', '### A fleet through bootstrap_cluster (forks %d), converged, beside the hand-written uri role' % measure.FORKS, '',
              '| clusters | workspace | role requests | target | uri role requests | role (s) | uri role (s) | time ratio | |',
              '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |']
    for entry in results['fleet']:
        role_requests = max(entry['role']['requests'])
        cells = (entry['hosts'], entry['workspace'], role_requests, entry['target'], max(entry['uri']['requests']),
                 statistics.median(entry['role']['s']), statistics.median(entry['uri']['s']), entry['ratio'],
                 _fleet_mark(entry, role_requests))
        lines.append('| %d | %d | %d | %d | %d | %.1f | %.1f | %.2f | %s |' % cells)
    lines += ['', '### Peak memory of one module process (target <= %d MB)' % MEMORY_TARGET_MB, '',
              '| module process (workspace of %d) | max RSS (MB) |' % results['memory']['workspace'], '| --- | ---: |']
    for name, mb in results['memory']['mb'].items():
        lines.append('| %s | %.1f |' % (name, mb))
    machine = results['machine']
    lines += ['', '%d cores (%s), Python %s, ansible-core %s, pydantic %s, requests %s; load average %s before, %s after.' % (
        machine['cores'], machine['cpu'], machine['python'], machine['ansible_core'], machine['pydantic'], machine['requests'],
        ' '.join('%.2f' % x for x in machine['load_average_before']), ' '.join('%.2f' % x for x in machine['load_average_after']))]
    return '\n'.join(lines)


def _fleet_mark(entry, role_requests):
    notes = []
    if role_requests > entry['target']:
        notes.append('requests: %d over the target%s' % (role_requests - entry['target'],
                                                         ' (the empty last page)' if role_requests == entry['expected'] else ''))
    if role_requests >= min(entry['uri']['requests']):
        notes.append('requests: not fewer than the uri role')
    if entry['hosts'] == FLEET_TIME_HOSTS:
        notes.append('time: %s' % _mark(entry['ratio'] <= FLEET_TIME_TARGET))
    return '; '.join(notes) or 'ok'


# -- the picture ------------------------------------------------------------------------------


def plot(results, path):
    import matplotlib  # pylint: disable=import-outside-toplevel
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt  # pylint: disable=import-outside-toplevel

    fig, axes = plt.subplots(2, 2, figsize=(12, 9))
    by_case = {}
    for row in results['requests']:
        by_case.setdefault(row['case'], []).append(row)
    ax = axes[0][0]
    for case, style in (('search', 'o-'), ('update_search', 's-'), ('listener_id', '^-'), ('create', 'v-')):
        rows = by_case[case]
        ax.plot([r['workspace'] for r in rows], [r['module'] for r in rows], style, label='listener: %s' % case)
    rows = by_case['search']
    ax.plot([r['workspace'] for r in rows], [r['uri'] for r in rows], 'o:', color='grey', label='uri playbook: search')
    ax.plot([r['workspace'] for r in rows], [r['target'] for r in rows], '--', color='black', linewidth=0.8, label='target 1 + ceil(W/100)')
    ax.set_xscale('log')
    ax.set_yscale('log')
    ax.set_xlabel('workspace size W (listeners)')
    ax.set_ylabel('HTTP requests per task')
    ax.set_title('Requests per task')
    ax.legend(fontsize=8)

    ax = axes[0][1]
    workspaces = [entry['workspace'] for entry in results['times']]
    ax.plot(workspaces, [e['ratio']['listener_id'] for e in results['times']], '^-', label='listener with listener_id ÷ uri')
    ax.plot(workspaces, [e['ratio']['search'] for e in results['times']], 'o-', label='listener found by search ÷ uri')
    ax.axhline(TIME_TARGET, linestyle='--', color='black', linewidth=0.8, label='target %.1f' % TIME_TARGET)
    ax.axhline(1.0, color='grey', linewidth=0.5)
    ax.set_xscale('log')
    ax.set_xlabel('workspace size W (listeners)')
    ax.set_ylabel('median task wall time ÷ one-request uri task')
    ax.set_title('Time of a converged task (uri task: %.0f ms)' % results['times_pooled']['median_ms']['uri'])
    ax.legend(fontsize=8)

    hosts = [entry['hosts'] for entry in results['fleet']]
    ax = axes[1][0]
    ax.plot(hosts, [max(e['role']['requests']) for e in results['fleet']], 'o-', label='bootstrap_cluster')
    ax.plot(hosts, [max(e['uri']['requests']) for e in results['fleet']], 's:', color='grey', label='uri role (POST + GET)')
    ax.plot(hosts, [e['target'] for e in results['fleet']], '--', color='black', linewidth=0.8, label='target ceil(W/100) + H')
    others = results['settings']['fleet_others']
    ax.set_xlabel('clusters H (workspace W = H%s)' % (' + %d' % others if others else ''))
    ax.set_ylabel('HTTP requests, converged rerun')
    ax.set_title('Requests of a fleet')
    ax.legend(fontsize=8)

    ax = axes[1][1]
    ax.plot(hosts, [statistics.median(e['role']['s']) for e in results['fleet']], 'o-', label='bootstrap_cluster')
    ax.plot(hosts, [statistics.median(e['uri']['s']) for e in results['fleet']], 's:', color='grey', label='uri role (POST + GET)')
    ax.set_xlabel('clusters H (forks %d)' % measure.FORKS)
    ax.set_ylabel('wall time of ansible-playbook (s)')
    ax.set_title('Time of a fleet, converged rerun')
    ax.legend(fontsize=8)

    machine = results['machine']
    fig.suptitle('langchain.langsmith against ansible.builtin.uri: %d cores, Python %s, ansible-core %s, load %s'
                 % (machine['cores'], machine['python'], machine['ansible_core'], '/'.join('%.1f' % x for x in machine['load_average_before'])),
                 fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def publish(results, picture):
    """docs/performance.json, docs/performance.png and the table in docs/performance.md, from this run."""
    with open(os.path.join(DOCS, 'performance.json'), 'w', encoding='utf-8') as handle:
        json.dump(results, handle, indent=1)
        handle.write('\n')
    if picture:
        shutil.copyfile(picture, os.path.join(DOCS, 'performance.png'))
    path = os.path.join(DOCS, 'performance.md')
    with open(path, encoding='utf-8') as handle:
        text = handle.read()
    start, end = text.index(TABLE_START) + len(TABLE_START), text.index(TABLE_END)
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write(text[:start] + '\n' + table(results) + '\n' + text[end:])


# -- main -------------------------------------------------------------------------------------


def main(argv=None):
    args = parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix='runs-', dir=args.out)
    started = time.monotonic()

    def say(text):
        print('[%5.0f s] %s' % (time.monotonic() - started, text), flush=True)

    emulator = EmulatorServer(workdir)
    try:
        say('emulator at %s; playbooks and logs in %s' % (emulator.url, workdir))
        results = measure_all(args, measure.Bench(emulator, identities(), workdir), say)
    except measure.BenchError as exc:
        print('benchmark failed: %s' % exc, file=sys.stderr)
        return 1
    finally:
        emulator.stop()
    results['seconds'] = round(time.monotonic() - started, 1)
    path = os.path.join(args.out, 'results.json')
    with open(path, 'w', encoding='utf-8') as handle:
        json.dump(results, handle, indent=1)
    print('\n' + table(results) + '\n')
    print('raw figures: %s' % path)
    picture = os.path.join(args.out, 'performance.png')
    if not args.no_plot:
        plot(results, picture)
        print('picture: %s' % picture)
    if args.publish:
        publish(results, None if args.no_plot else picture)
        print('published to %s' % DOCS)
    say('done')
    return 0


if __name__ == '__main__':
    sys.exit(main())
