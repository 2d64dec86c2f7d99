# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""How the benchmark shows its figures (bench/): the targets and the figures as reStructuredText grid
tables (what a terminal and docs/docsite/rst/performance.rst show), the picture, and publishing both
to the docs."""

import json
import os
import shutil
import statistics

from ansible_collections.langchain.langsmith.bench import measure
from ansible_collections.langchain.langsmith.bench.expectations import (FLEET_MEMORY_TARGET_MB, FLEET_TIME_TARGETS, MEMORY_TARGET_MB, TIME_TARGET,
                                                                        fleet_runs, median_seconds, requests_text, spread_text, verdicts)
from ansible_collections.langchain.langsmith.bench.harness import FORKS, ROOT

# The guide of the benchmark, with the figures and the picture it shows (docs/docsite/rst/performance.rst)
DOCS = os.path.join(ROOT, 'docs', 'docsite', 'rst')


# performance.rst holds the table of the published run between these two comments (each line a comment
# of its own, so a blank line parts each from the table).
TABLE_START = '.. bench/run.py --publish: the table of performance.json'


TABLE_END = '.. end of the table'


def mark(ok):
    return 'not measured' if ok is None else 'met' if ok else 'NOT met'


# -- the tables ---------------------------------------------------------------------------


def table(results):
    """The targets and the figures as reStructuredText grid tables under their headings (docs/docsite/rst/performance.rst
    shows the same; a terminal shows them as they are)."""
    lines = _titled('Targets', ('target', 'this run', 'target', ''),
                    [(row['target'], row['measured'], row['limit'], mark(row['met'])) for row in verdicts(results)])
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
            fresh, converged = fleet_runs(entry, kind, 'fresh'), fleet_runs(entry, kind, 'converged')
            rows.append(('%d' % entry['hosts'], '%d' % entry['workspace'], measure.FLEET_TITLES[kind], requests_text(fresh),
                         '%.1f' % median_seconds(fresh), requests_text(converged), '%.1f' % median_seconds(converged),
                         '%.2f' % entry['ratio'].get(kind, 1.0)))
    lines = _titled('Fleets three ways, forks %d: fresh (every listener created), then converged (median of %d rerun%s)'
                    % (FORKS, reps, '' if reps == 1 else 's'),
                    ('clusters', 'W', 'playbook', 'fresh: requests', 'fresh (s)', 'converged: requests', 'converged (s)',
                     '÷ uri role'), rows)
    rows = []
    for entry in results['fleet']:
        update = entry['update']
        rows.append(('%d' % entry['hosts'], '%d' % entry['workspace'], '%d' % update['changed'], '%d' % update['requests'],
                     '%d' % entry['target']['update'], '%.1f' % update['s']))
    lines += _titled('An update through bootstrap_cluster: k clusters of a converged fleet get a new version',
                     ('clusters', 'W', 'k', 'requests', 'target', 'time (s)'), rows)
    if results.get('floor'):
        floor_rows = [('%d' % entry['hosts'], '%d' % len(entry['role']), '%.1f' % median_seconds(entry['floor']),
                       '%.1f' % median_seconds(entry['role']), '%.2f' % entry['ratio']) for entry in results['floor']]
        lines += _titled("The role against Ansible's floor, forks %d: a converged bootstrap_cluster run beside a play of one "
                         'trivial task per cluster over the same inventory (medians)' % FORKS,
                         ('clusters', 'pairs', 'floor (s)', 'bootstrap_cluster (s)', '÷ floor'), floor_rows)
    largest = max(results['fleet'], key=lambda entry: entry['hosts'])
    rows = []
    for kind in measure.FLEET_KINDS:
        run = fleet_runs(largest, kind, 'converged')[0]
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
        rows.append(('%s it' % case, '%d' % len(runs), requests_text(runs), '%.2f' % median_seconds(runs),
                     '%.2f' % statistics.median(run['module_s'] for run in runs)))
    rows.append(('difference (median of the pairs)', '', '', '%+.2f' % wide['difference_s'], '%+.2f' % wide['module_difference_s']))
    rows.append(('spread of the runs without it (slowest − fastest)', '', '', spread_text(run['s'] for run in wide['without']),
                 spread_text(run['module_s'] for run in wide['without'])))
    lines += _titled('One more listener of %d namespaces in the workspace: bootstrap_cluster, %d converged clusters' % (
        wide['namespaces'], wide['hosts']), ('', 'runs', 'requests', 'wall time (s, median)', 'listeners task (s, median)'), rows)
    memory = results['fleet_memory']
    lines += _titled('Peak memory of the listeners module process, %d listeners (target <= %d MB)' % (
        memory['listeners'], FLEET_MEMORY_TARGET_MB), ('listeners module', 'requests', 'max RSS (MB)'),
        [('creating every listener (empty workspace)', '%d' % memory['requests']['fresh'], '%.1f' % memory['mb']['fresh']),
         ('converging them (all exist)', '%d' % memory['requests']['converged'], '%.1f' % memory['mb']['converged'])])
    return lines


def _task_name(name):
    """A task's name without its role's prefix, short enough for a table, without a '|' (a grid table's border)."""
    name = name.split(' : ', 1)[-1].replace('|', '/')
    return name if len(name) <= 70 else name[:67] + '...'


def _task_tables(results):
    rows = []
    for row in results['requests']:
        rows.append(('%d' % row['workspace'], measure.CASE_TITLES[row['case']], '%d' % row['module'], '%d' % row['target'],
                     '%d' % row['uri'], mark(row['module'] <= row['target']), '%.0f' % row['module_ms'], '%.0f' % row['uri_ms']))
    lines = _titled('Requests per task', ('workspace', 'case', 'listener module', 'target', 'uri playbook', '',
                                          'listener task (ms)', 'uri playbook (ms)'), rows)
    rows = []
    for entry in results['times']:
        median, ratio = entry['median_ms'], entry['ratio']
        rows.append(('%d' % entry['workspace'], '%.0f' % median['uri'], '%.0f' % median['listener_id'], '%.2f' % ratio['listener_id'],
                     '%.0f' % median['search'], '/'.join(str(n) for n in entry['requests']['search']), '%.2f' % ratio['search']))
    pooled = results['times_pooled']
    rows.append(('all', '%.0f' % pooled['median_ms']['uri'], '%.0f' % pooled['median_ms']['listener_id'],
                 '**%.2f** %s' % (pooled['ratio']['listener_id'], mark(pooled['ratio']['listener_id'] <= TIME_TARGET)), '', '', ''))
    lines += _titled('Wall time of a converged task, ÷ a uri task making one request (target <= %.1f)' % TIME_TARGET,
                     ('workspace', 'uri task (ms)', 'listener_id (ms)', 'ratio', 'found by search (ms)', 'requests', 'ratio'), rows)
    lines += _titled('Peak memory of one module process (target <= %d MB)' % MEMORY_TARGET_MB,
                     ('module process (workspace of %d)' % results['memory']['workspace'], 'max RSS (MB)'),
                     [(name, '%.1f' % mb) for name, mb in results['memory']['mb'].items()])
    return lines


# -- the picture --------------------------------------------------------------------------


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
    _fleet_bars(ax, results, lambda entry, kind, phase: max(run['requests'] for run in fleet_runs(entry, kind, phase)),
                'HTTP requests of the run', 'Requests of a fleet (target converged: floor(W/100) + 1)', log=True)


def _plot_fleet_times(ax, results):
    _fleet_bars(ax, results, lambda entry, kind, phase: median_seconds(fleet_runs(entry, kind, phase)),
                'wall time of ansible-playbook (s)', 'Time of a fleet (forks %d)' % FORKS)
    for index, entry in enumerate(results['fleet']):
        limit = FLEET_TIME_TARGETS.get(entry['hosts'])
        if limit:
            uri = median_seconds(fleet_runs(entry, 'uri', 'converged'))
            ax.plot([index - 0.45, index + 0.45], [limit * uri] * 2, '--', color='black', linewidth=0.8)
            ax.annotate('target %.1f × uri, converged' % limit, (index + 0.45, limit * uri), fontsize=7, va='bottom', ha='right')


def _plot_where_the_time_goes(ax, results):
    largest = max(results['fleet'], key=lambda entry: entry['hosts'])
    tasks = fleet_runs(largest, 'fleet', 'converged')[0]['tasks']
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


# -- publishing ---------------------------------------------------------------------------


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
