# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The performance guide (docs/docsite/rst/performance.rst) against the published run beside it
(performance.json, performance.png): its table, the run's settings, and every figure its prose quotes.
The benchmark's own counting is tests/system/test_bench.py's."""

import json
import os

from ansible_collections.langchain.langsmith.bench import expectations, report
from ansible_collections.langchain.langsmith.tests.docs.pages import GUIDES, ROOT, guide


def test_performance_page_shows_the_published_figures_and_its_claims_hold():
    """The performance guide: its table is the one `bench/run.py --publish` made from performance.json beside it,
    that run was a full one that measured every target, its request counts are the formulas, and the
    figures the page's prose quotes are the published ones."""
    from ansible_collections.langchain.langsmith.bench import run as bench  # pylint: disable=import-outside-toplevel

    with open(os.path.join(report.DOCS, 'performance.json'), encoding='utf-8') as handle:
        results = json.load(handle)
    assert os.path.realpath(report.DOCS) == GUIDES
    page = guide('performance')
    shown = page[page.index(report.TABLE_START) + len(report.TABLE_START):page.index(report.TABLE_END)]
    assert shown == '\n\n' + report.table(results) + '\n\n', 'rerun `make bench BENCH_ARGS=--publish`'
    assert '\n.. image:: performance.png\n' in page
    with open(os.path.join(report.DOCS, 'performance.png'), 'rb') as handle:
        assert handle.read(8) == b'\x89PNG\r\n\x1a\n'
    settings = results['settings']
    for name in ('sizes', 'fleet', 'reps', 'fleet_reps', 'wide_reps', 'memory_runs'):
        assert settings[name] == bench.FULL[name]
    assert not settings['quick'] and settings['fleet_others'] == 0
    assert (settings['wide_hosts'], settings['wide_namespaces'], settings['memory_listeners']) == (200, 10000, 5000)
    assert all(row['met'] is not None for row in expectations.verdicts(results))
    # the request counts are the formulas: the listing of W listeners takes W // 100 + 1 requests
    assert all(row['module'] <= row['target'] == expectations.task_targets(row['workspace'])[row['case']] for row in results['requests'])
    for fleet in results['fleet']:
        hosts, changed = fleet['hosts'], fleet['hosts'] // 10
        requests = {kind: {phase: {run['requests'] for run in runs} for phase, runs in phases.items()}
                    for kind, phases in fleet['runs'].items()}
        assert requests == {'fleet': {'fresh': {1 + hosts}, 'converged': {hosts // 100 + 1}},
                            'per_cluster': {'fresh': {1 + hosts}, 'converged': {hosts // 100 + 1 + hosts}},
                            'uri': {'fresh': {2 * hosts}, 'converged': {2 * hosts}}}
        assert fleet['update']['requests'] == hosts // 100 + 1 + changed
    # what the page's prose says of the targets, and the figures it quotes
    rows = expectations.verdicts(results)
    time_met = [row['met'] for row in rows if 'wall time ÷ the uri role' in row['target']]
    assert len(time_met) == 2 and ('Time: the targets are not met' in page) == (not any(time_met))
    assert ('Memory: met' in page) == (max(results['fleet_memory']['mb'].values()) <= expectations.FLEET_MEMORY_TARGET_MB)
    assert ('Single tasks: met' in page) == all(row['met'] for row in rows[-3:])
    wide = results['wide']
    assert ('no cost could be measured' in page) == (abs(wide['module_difference_s']) < expectations.WIDE_TARGET_S
                                                     and wide['difference_s'] < _spread(run['s'] for run in wide['without']))
    flowing = ' '.join(page.split())  # the prose's line breaks fall anywhere
    missing = [text for text in quoted_figures(results) if ' '.join(text.split()) not in flowing]
    assert missing == []
    with open(os.path.join(ROOT, 'README.md'), encoding='utf-8') as handle:
        assert '(%.0f minutes for the published run' % (results['seconds'] / 60.0) in handle.read()


def _spread(values):
    values = list(values)
    return max(values) - min(values)


def quoted_figures(results):
    """The figures of the published run that the performance guide quotes in its prose, as it writes them."""
    by_hosts = {fleet['hosts']: fleet for fleet in results['fleet']}
    wide = results['wide']
    # where the time of the first converged run of 1,000 clusters went
    fleet, uri = (by_hosts[1000]['runs'][kind]['converged'][0] for kind in ('fleet', 'uri'))
    per_cluster = [task for task in fleet['tasks'] if task['hosts'] > 1]
    per_cluster_ms = [1000.0 * task['s'] / task['hosts'] for task in per_cluster]
    uri_ms = [1000.0 * task['s'] / task['hosts'] for task in uri['tasks']]
    (validation,) = [task for task in per_cluster
                     if task['task'].startswith(('Validating arguments', 'langchain.langsmith.dataplane : Validating arguments'))]
    # by its action, not its name: the published run may predate a rename of the task (and the role's own action)
    (facts,) = [task for task in per_cluster if task['action'] in ('langchain.langsmith.listener_result', 'langchain.langsmith.dataplane_result')]
    assert len(per_cluster) == 2 and len(uri_ms) == 2  # "the two tasks that run once per cluster"
    assert len(wide['with']) == 3 and results['settings']['memory_runs'] == 3  # "three pairs", "three times for each"
    once = [task for task in fleet['tasks'] if task['hosts'] == 1]
    (checks,) = [task for task in once if task['action'] == 'langchain.langsmith.dataplane_plan']
    per_cluster_run = by_hosts[1000]['runs']['per_cluster']['converged'][0]['tasks']
    (listener,) = [task for task in per_cluster_run if task['action'] == 'langchain.langsmith.listener']
    (noted,) = [task for task in per_cluster_run if task['task'].endswith('Note what this cluster asks for')]
    checks_ms = 1000.0 * checks['s'] / validation['hosts']
    share_ms = sum(per_cluster_ms) + checks_ms
    return [
        '%.0f ms of the run per cluster' % (1000.0 * listener['s'] / listener['hosts']),
        '%.2f at 200 clusters' % by_hosts[200]['ratio']['fleet'],
        '%.2f at 1,000' % by_hosts[1000]['ratio']['fleet'],
        '%.2f and %.2f of it' % (by_hosts[200]['ratio']['per_cluster'], by_hosts[1000]['ratio']['per_cluster']),
        '%.0f MB over 5,000 listeners' % max(results['fleet_memory']['mb'].values()),
        'by %+.2f s (the median difference of three pairs' % wide['module_difference_s'],
        'whole run by %+.2f s;' % wide['difference_s'],
        'varied by %.0f s' % _spread(run['s'] for run in wide['without']),
        '%.2f in the published run' % results['times_pooled']['ratio']['listener_id'],
        '%.0f of the %.0f seconds' % (sum(task['s'] for task in per_cluster), fleet['s']),
        'argument validation (%.0f ms per cluster' % (1000.0 * validation['s'] / validation['hosts']),
        "each cluster's facts (%.0f ms per cluster" % (1000.0 * facts['s'] / facts['hosts']),
        'took %.0f seconds together, %.0f of them in the checks' % (sum(task['s'] for task in once), checks['s']),
        '%.0f ms per cluster, where the per-cluster role' % checks_ms,
        'took %.0f ms per cluster in the same run' % (1000.0 * noted['s'] / noted['hosts']),
        '%.0f and %.0f ms per cluster' % tuple(uri_ms),
        "(%.0f ms per cluster in that run) make it about %.2f" % (share_ms, share_ms / sum(uri_ms)),
        'the published run took %.0f minutes' % (results['seconds'] / 60.0),
    ]
