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
bootstrap, and the peak memory of the listeners module over 5,000 listeners. Prints a table of the
targets (met or NOT met) and the figures, writes them to <out>/results.json and draws
<out>/performance.png.

    .venv/bin/python bench/run.py            # the full run (fleets of 200 and 1,000 clusters: an hour or more)
    .venv/bin/python bench/run.py --quick    # small workspaces, a fleet of 200, few repetitions (several minutes)
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

# The guide of the benchmark, with the figures and the picture it shows (docs/docsite/rst/performance.rst)
DOCS = os.path.join(ROOT, 'docs', 'docsite', 'rst')
# performance.rst holds the table of the published run between these two comments (each line a comment
# of its own, so a blank line parts each from the table).
TABLE_START = '.. bench/run.py --publish: the table of performance.json'
TABLE_END = '.. end of the table'
FULL = {'sizes': [10, 100, 1000, 5000], 'fleet': [200, 1000], 'reps': 15, 'fleet_reps': 2, 'wide_reps': 3, 'memory_runs': 3}
QUICK = {'sizes': [10, 150], 'fleet': [200], 'reps': 4, 'fleet_reps': 1, 'wide_reps': 1, 'memory_runs': 1}
# the targets of a single module task
TIME_TARGET = 1.2
MEMORY_TARGET_MB = 80
# the targets of a fleet: wall time of a converged bootstrap_cluster run ÷ the uri role's, by fleet size
FLEET_TIME_TARGETS = {200: 0.3, 1000: 0.2}
FLEET_MEMORY_TARGET_MB = 100   # the listeners module process over FLEET_MEMORY_LISTENERS listeners
FLEET_MEMORY_LISTENERS = 5000
WIDE_TARGET_S = 1.0            # what one listener of WIDE_NAMESPACES namespaces may add to a bootstrap of WIDE_HOSTS
WIDE_NAMESPACES = 10000
WIDE_HOSTS = 200


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
    for name in ('sizes', 'fleet', 'reps', 'fleet_reps', 'wide_reps', 'memory_runs'):
        if getattr(args, name) is None:
            setattr(args, name, defaults[name])
    return args


def measure_all(args, bench, say):
    results = {'machine': measure.machine(), 'settings': {
        'quick': args.quick, 'sizes': args.sizes, 'fleet': args.fleet, 'reps': args.reps, 'fleet_reps': args.fleet_reps,
        'fleet_others': args.fleet_others, 'wide_hosts': args.wide_hosts, 'wide_namespaces': args.wide_namespaces,
        'wide_reps': args.wide_reps, 'memory_listeners': args.memory_listeners, 'memory_runs': args.memory_runs, 'forks': measure.FORKS,
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
                % (hosts, measure.FORKS, args.fleet_reps, measure.updated_count(hosts)))
        results['fleet'].append(timed('fleet', text, lambda hosts=hosts: measure.fleet(bench, hosts, args.fleet_reps, args.fleet_others)))
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


# -- the targets ------------------------------------------------------------------------------


def _mark(ok):
    return 'not measured' if ok is None else 'met' if ok else 'NOT met'


def _fleet_runs(entry, kind, phase):
    return entry['runs'][kind][phase]


def _seconds(runs):
    return statistics.median(run['s'] for run in runs)


def _requests(runs):
    return '/'.join(str(n) for n in sorted({run['requests'] for run in runs}))


def targets(results):
    """Every target of the benchmark with this run's figure: [{'target', 'measured', 'limit', 'met'}], where
    'met' is True, False, or None for a target that this run did not measure (such as the fleet of 1,000
    clusters in a --quick run)."""
    rows = []

    def row(target, measured, limit, met):
        rows.append({'target': target, 'measured': measured, 'limit': limit, 'met': met})

    for entry in results['fleet']:
        hosts, others, workspace = entry['hosts'], entry['others'], entry['workspace']
        fresh = _fleet_runs(entry, 'fleet', 'fresh')
        converged = _fleet_runs(entry, 'fleet', 'converged')
        update = entry['update']
        row('bootstrap_cluster, %d clusters, fresh: requests = listing of W = %d, + H' % (hosts, others),
            _requests(fresh), '%d' % entry['target']['fresh'], max(run['requests'] for run in fresh) <= entry['target']['fresh'])
        row('bootstrap_cluster, %d clusters, converged: requests = floor(W/100) + 1, W = %d' % (hosts, workspace),
            _requests(converged), '%d' % entry['target']['converged'],
            max(run['requests'] for run in converged) <= entry['target']['converged'])
        row('bootstrap_cluster, %d clusters, update of k = %d: requests = listing + k' % (hosts, update['changed']),
            '%d' % update['requests'], '%d' % entry['target']['update'], update['requests'] <= entry['target']['update'])
    by_hosts = {entry['hosts']: entry for entry in results['fleet']}
    for hosts, limit in sorted(FLEET_TIME_TARGETS.items()):
        entry = by_hosts.get(hosts)
        row('bootstrap_cluster, %d clusters, converged: wall time ÷ the uri role\'s (forks %d)' % (hosts, measure.FORKS),
            '%.2f' % entry['ratio']['fleet'] if entry else '—', '≤ %.1f' % limit,
            entry['ratio']['fleet'] <= limit if entry else None)
    memory = results['fleet_memory']
    peak = max(memory['mb'].values())
    row('listeners module, %d listeners: peak memory (creating them, or converging them)' % memory['listeners'],
        '%.1f MB' % peak, '≤ %d MB' % FLEET_MEMORY_TARGET_MB, peak <= FLEET_MEMORY_TARGET_MB)
    # Judged on the one task that reads the listing: the whole run's difference is shown beside it, but
    # the noise of its per-cluster tasks is many times the target on a shared machine.
    wide = results['wide']
    row('one more listener of %d namespaces: added to the listeners task of a converged bootstrap_cluster run of %d clusters '
        '(to the whole run; its runs\' spread)' % (wide['namespaces'], wide['hosts']),
        '%+.2f s (%+.2f s; %s)' % (wide['module_difference_s'], wide['difference_s'], _spread_text(run['s'] for run in wide['without'])),
        '< %.0f s' % WIDE_TARGET_S, wide['module_difference_s'] < WIDE_TARGET_S)
    # the single module tasks
    missed = [row_ for row_ in results['requests'] if row_['module'] > row_['target']]
    row('listener task: requests per case (create 1; search 1 + ceil(W/100); listener_id 1; update + 1)',
        '%d of %d cases within' % (len(results['requests']) - len(missed), len(results['requests'])), 'all',
        not missed)
    ratio = results['times_pooled']['ratio']['listener_id']
    row('listener task, converged, with listener_id: wall time ÷ a one-request uri task', '%.2f' % ratio,
        '≤ %.1f' % TIME_TARGET, ratio <= TIME_TARGET)
    peak = max(results['memory']['mb'].values())
    row('one listener or listener_info module process, workspace of %d: peak memory' % results['memory']['workspace'],
        '%.1f MB' % peak, '≤ %d MB' % MEMORY_TARGET_MB, peak <= MEMORY_TARGET_MB)
    return rows


# -- the table --------------------------------------------------------------------------------


def table(results):
    """The targets and the figures as reStructuredText grid tables under their headings (docs/docsite/rst/performance.rst
    shows the same; a terminal shows them as they are)."""
    lines = _titled('Targets', ('target', 'this run', 'target', ''),
                    [(row['target'], row['measured'], row['limit'], _mark(row['met'])) for row in targets(results)])
    lines += _fleet_tables(results) + _task_tables(results)
    machine = results['machine']
    lines += ['', '%d cores (%s), Python %s, ansible-core %s, pydantic %s, requests %s; load average %s before, %s after; '
              'the benchmark took %.0f minutes.' % (
                  machine['cores'], machine['cpu'], machine['python'], machine['ansible_core'], machine['pydantic'],
                  machine['requests'], ' '.join('%.2f' % x for x in machine['load_average_before']),
                  ' '.join('%.2f' % x for x in machine['load_average_after']), results['seconds'] / 60.0)]
    return '\n'.join(lines[1:])


def _titled(title, header, rows):
    """A heading (a subsection of performance.rst's "The figures") and its table, after a blank line."""
    return ['', title, '~' * len(title), ''] + _grid(header, rows)


def _grid(header, rows):
    """An RST grid table of the header and the rows (cells as text; numbers are formatted by the caller)."""
    widths = [max(len(str(line[column])) for line in [header] + rows) for column in range(len(header))]

    def border(char):
        return '+' + '+'.join(char * (width + 2) for width in widths) + '+'

    def line(cells):
        return '|' + '|'.join(' %s ' % str(cell).ljust(width) for cell, width in zip(cells, widths)) + '|'
    lines = [border('-'), line(header), border('=')]
    for row in rows:
        lines += [line(row), border('-')]
    return lines


def _fleet_tables(results):
    reps = results['settings']['fleet_reps']
    rows = []
    for entry in results['fleet']:
        for kind in measure.FLEET_KINDS:
            fresh, converged = _fleet_runs(entry, kind, 'fresh'), _fleet_runs(entry, kind, 'converged')
            rows.append(('%d' % entry['hosts'], '%d' % entry['workspace'], measure.FLEET_TITLES[kind], _requests(fresh),
                         '%.1f' % _seconds(fresh), _requests(converged), '%.1f' % _seconds(converged),
                         '%.2f' % entry['ratio'].get(kind, 1.0)))
    lines = _titled('Fleets three ways, forks %d: fresh (every listener created), then converged (median of %d rerun%s)'
                    % (measure.FORKS, reps, '' if reps == 1 else 's'),
                    ('clusters', 'W', 'playbook', 'fresh: requests', 'fresh (s)', 'converged: requests', 'converged (s)',
                     '÷ uri role'), rows)
    rows = []
    for entry in results['fleet']:
        update = entry['update']
        rows.append(('%d' % entry['hosts'], '%d' % entry['workspace'], '%d' % update['changed'], '%d' % update['requests'],
                     '%d' % entry['target']['update'], '%.1f' % update['s']))
    lines += _titled('An update through bootstrap_cluster: k clusters of a converged fleet get a new version',
                     ('clusters', 'W', 'k', 'requests', 'target', 'time (s)'), rows)
    largest = max(results['fleet'], key=lambda entry: entry['hosts'])
    rows = []
    for kind in measure.FLEET_KINDS:
        run = _fleet_runs(largest, kind, 'converged')[0]
        for task in run['tasks']:
            rows.append((measure.FLEET_TITLES[kind], _task_name(task['task']), '%d' % task['hosts'], '%.1f' % task['s'],
                         '%.0f' % (1000.0 * task['s'] / task['hosts'])))
        outside = run['s'] - sum(task['s'] for task in run['tasks'])
        rows.append((measure.FLEET_TITLES[kind], '(outside the tasks: start-up, inventory, play recap)', '', '%.1f' % outside, ''))
    lines += _titled('Where the time of a converged run goes: %d clusters, first converged run of each playbook' % largest['hosts'],
                     ('playbook', 'task', 'hosts', 's', 'ms per host'), rows)
    wide = results['wide']
    rows = []
    for case in ('without', 'with'):
        runs = wide[case]
        rows.append(('%s it' % case, '%d' % len(runs), _requests(runs), '%.2f' % _seconds(runs),
                     '%.2f' % statistics.median(run['module_s'] for run in runs)))
    rows.append(('difference (median of the pairs)', '', '', '%+.2f' % wide['difference_s'], '%+.2f' % wide['module_difference_s']))
    rows.append(('spread of the runs without it (slowest − fastest)', '', '', _spread_text(run['s'] for run in wide['without']),
                 _spread_text(run['module_s'] for run in wide['without'])))
    lines += _titled('One more listener of %d namespaces in the workspace: bootstrap_cluster, %d converged clusters' % (
        wide['namespaces'], wide['hosts']), ('', 'runs', 'requests', 'wall time (s, median)', 'listeners task (s, median)'), rows)
    memory = results['fleet_memory']
    lines += _titled('Peak memory of the listeners module process, %d listeners (target <= %d MB)' % (
        memory['listeners'], FLEET_MEMORY_TARGET_MB), ('listeners module', 'requests', 'max RSS (MB)'),
        [('creating every listener (empty workspace)', '%d' % memory['requests']['fresh'], '%.1f' % memory['mb']['fresh']),
         ('converging them (all exist)', '%d' % memory['requests']['converged'], '%.1f' % memory['mb']['converged'])])
    return lines


def _spread_text(values):
    """How much the seconds ``values`` of identical runs differ (slowest - fastest); nothing to say of one run."""
    values = list(values)
    return '%.2f s' % (max(values) - min(values)) if len(values) > 1 else 'one run'


def _task_name(name):
    """A task's name without its role's prefix, short enough for a table, without a '|' (a grid table's border)."""
    name = name.split(' : ', 1)[-1].replace('|', '/')
    return name if len(name) <= 70 else name[:67] + '...'


def _task_tables(results):
    rows = []
    for row in results['requests']:
        rows.append(('%d' % row['workspace'], measure.CASE_TITLES[row['case']], '%d' % row['module'], '%d' % row['target'],
                     '%d' % row['uri'], _mark(row['module'] <= row['target']), '%.0f' % row['module_ms'], '%.0f' % row['uri_ms']))
    lines = _titled('Requests per task', ('workspace', 'case', 'listener module', 'target', 'uri playbook', '',
                                          'listener task (ms)', 'uri playbook (ms)'), rows)
    rows = []
    for entry in results['times']:
        median, ratio = entry['median_ms'], entry['ratio']
        rows.append(('%d' % entry['workspace'], '%.0f' % median['uri'], '%.0f' % median['listener_id'], '%.2f' % ratio['listener_id'],
                     '%.0f' % median['search'], '/'.join(str(n) for n in entry['requests']['search']), '%.2f' % ratio['search']))
    pooled = results['times_pooled']
    rows.append(('all', '%.0f' % pooled['median_ms']['uri'], '%.0f' % pooled['median_ms']['listener_id'],
                 '**%.2f** %s' % (pooled['ratio']['listener_id'], _mark(pooled['ratio']['listener_id'] <= TIME_TARGET)), '', '', ''))
    lines += _titled('Wall time of a converged task, ÷ a uri task making one request (target <= %.1f)' % TIME_TARGET,
                     ('workspace', 'uri task (ms)', 'listener_id (ms)', 'ratio', 'found by search (ms)', 'requests', 'ratio'), rows)
    lines += _titled('Peak memory of one module process (target <= %d MB)' % MEMORY_TARGET_MB,
                     ('module process (workspace of %d)' % results['memory']['workspace'], 'max RSS (MB)'),
                     [(name, '%.1f' % mb) for name, mb in results['memory']['mb'].items()])
    return lines


# -- the picture ------------------------------------------------------------------------------


def plot(results, path):
    import matplotlib  # pylint: disable=import-outside-toplevel
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt  # pylint: disable=import-outside-toplevel

    fig, axes = plt.subplots(2, 3, figsize=(18, 11))
    _plot_fleet_requests(axes[0][0], results)
    _plot_fleet_times(axes[0][1], results)
    _plot_where_the_time_goes(axes[0][2], results)
    _plot_task_requests(axes[1][0], results)
    _plot_task_times(axes[1][1], results)
    _plot_memory(axes[1][2], results)
    machine = results['machine']
    fig.suptitle('langchain.langsmith against ansible.builtin.uri: %d cores, Python %s, ansible-core %s, load %s before, %s after'
                 % (machine['cores'], machine['python'], machine['ansible_core'], '/'.join('%.1f' % x for x in machine['load_average_before']),
                    '/'.join('%.1f' % x for x in machine['load_average_after'])), fontsize=10)
    handles, labels = axes[0][0].get_legend_handles_labels()  # the two fleet plots share one legend
    fig.legend(handles, labels, loc='upper center', bbox_to_anchor=(0.34, 0.965), ncol=3, fontsize=8)
    fig.tight_layout(rect=(0, 0, 1, 0.91))
    fig.savefig(path, dpi=90)
    plt.close(fig)


COLOURS = {'fleet': 'tab:blue', 'per_cluster': 'tab:orange', 'uri': 'grey'}


def _fleet_bars(ax, results, value, ylabel, title, log=False):
    """Bars of ``value(entry, kind, phase)`` for every fleet size, way and phase."""
    width = 0.13
    fleets = results['fleet']
    for number, (kind, phase) in enumerate((kind, phase) for kind in measure.FLEET_KINDS for phase in ('fresh', 'converged')):
        xs = [index + (number - 2.5) * width for index in range(len(fleets))]
        bars = ax.bar(xs, [value(entry, kind, phase) for entry in fleets], width, color=COLOURS[kind],
                      alpha=0.45 if phase == 'fresh' else 1.0, label='%s, %s' % (measure.FLEET_TITLES[kind], phase))
        ax.bar_label(bars, fmt='%.0f', fontsize=6, rotation=90, padding=2)
    ax.set_xticks(range(len(fleets)))
    ax.set_xticklabels(['%d clusters, W = %d' % (entry['hosts'], entry['workspace']) for entry in fleets])
    if log:
        ax.set_yscale('log')
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=10)
    ax.margins(y=0.15)


def _plot_fleet_requests(ax, results):
    _fleet_bars(ax, results, lambda entry, kind, phase: max(run['requests'] for run in _fleet_runs(entry, kind, phase)),
                'HTTP requests of the run', 'Requests of a fleet (target converged: floor(W/100) + 1)', log=True)


def _plot_fleet_times(ax, results):
    _fleet_bars(ax, results, lambda entry, kind, phase: _seconds(_fleet_runs(entry, kind, phase)),
                'wall time of ansible-playbook (s)', 'Time of a fleet (forks %d)' % measure.FORKS)
    for index, entry in enumerate(results['fleet']):
        limit = FLEET_TIME_TARGETS.get(entry['hosts'])
        if limit:
            uri = _seconds(_fleet_runs(entry, 'uri', 'converged'))
            ax.plot([index - 0.45, index + 0.45], [limit * uri] * 2, '--', color='black', linewidth=0.8)
            ax.annotate('target %.1f × uri, converged' % limit, (index + 0.45, limit * uri), fontsize=7, va='bottom', ha='right')


def _plot_where_the_time_goes(ax, results):
    largest = max(results['fleet'], key=lambda entry: entry['hosts'])
    tasks = _fleet_runs(largest, 'fleet', 'converged')[0]['tasks']
    names = [_task_name(task['task'])[:45] for task in tasks]
    ax.barh(range(len(tasks)), [task['s'] for task in tasks], color=['tab:blue' if task['hosts'] == 1 else 'tab:red' for task in tasks])
    ax.set_yticks(range(len(tasks)))
    ax.set_yticklabels(names, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel('seconds (red: a task per cluster; blue: once per play)')
    ax.set_title('Time per task: bootstrap_cluster, %d clusters, converged' % largest['hosts'], fontsize=10)


def _plot_task_requests(ax, results):
    by_case = {}
    for row in results['requests']:
        by_case.setdefault(row['case'], []).append(row)
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
    ax.set_title('Requests of one listener task')
    ax.legend(fontsize=7)


def _plot_task_times(ax, results):
    workspaces = [entry['workspace'] for entry in results['times']]
    ax.plot(workspaces, [e['ratio']['listener_id'] for e in results['times']], '^-', label='listener with listener_id ÷ uri')
    ax.plot(workspaces, [e['ratio']['search'] for e in results['times']], 'o-', label='listener found by search ÷ uri')
    ax.axhline(TIME_TARGET, linestyle='--', color='black', linewidth=0.8, label='target %.1f' % TIME_TARGET)
    ax.axhline(1.0, color='grey', linewidth=0.5)
    ax.set_xscale('log')
    ax.set_xlabel('workspace size W (listeners)')
    ax.set_ylabel('median task wall time ÷ one-request uri task')
    ax.set_title('Time of one converged task (uri task: %.0f ms)' % results['times_pooled']['median_ms']['uri'])
    ax.legend(fontsize=7)


def _plot_memory(ax, results):
    fleet = results['fleet_memory']
    names = ['%s (W = %d)' % (name, results['memory']['workspace']) for name in results['memory']['mb']]
    values = list(results['memory']['mb'].values())
    names += ['listeners, creating %d' % fleet['listeners'], 'listeners, converging %d' % fleet['listeners']]
    values += [fleet['mb']['fresh'], fleet['mb']['converged']]
    ax.barh(range(len(values)), values, color=['tab:green'] * (len(values) - 2) + ['tab:blue'] * 2)
    ax.set_yticks(range(len(values)))
    ax.set_yticklabels(names, fontsize=7)
    ax.invert_yaxis()
    ax.axvline(MEMORY_TARGET_MB, linestyle=':', color='black', linewidth=0.8, label='one-listener modules: %d MB' % MEMORY_TARGET_MB)
    ax.axvline(FLEET_MEMORY_TARGET_MB, linestyle='--', color='black', linewidth=0.8, label='listeners module: %d MB' % FLEET_MEMORY_TARGET_MB)
    ax.set_xlabel('peak resident set size of the module process (MB)')
    ax.set_title('Peak memory')
    ax.legend(fontsize=7)


def publish(results, picture):
    """performance.json, performance.png and the table in performance.rst (docs/docsite/rst), from this run."""
    with open(os.path.join(DOCS, 'performance.json'), 'w', encoding='utf-8') as handle:
        json.dump(results, handle, indent=1)
        handle.write('\n')
    if picture:
        shutil.copyfile(picture, os.path.join(DOCS, 'performance.png'))
    path = os.path.join(DOCS, 'performance.rst')
    with open(path, encoding='utf-8') as handle:
        text = handle.read()
    start, end = text.index(TABLE_START) + len(TABLE_START), text.index(TABLE_END)
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write(text[:start] + '\n\n' + table(results) + '\n\n' + text[end:])


# -- main -------------------------------------------------------------------------------------


def measure_and_save(args, say, started):
    """Measure everything against an emulator of this run; write <out>/results.json. None if the benchmark failed."""
    workdir = tempfile.mkdtemp(prefix='runs-', dir=args.out)
    emulator = EmulatorServer(workdir)
    try:
        say('emulator at %s; playbooks and logs in %s' % (emulator.url, workdir))
        results = measure_all(args, measure.Bench(emulator, identities(), workdir), say)
    except measure.BenchError as exc:
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
