# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The performance guide (docs/docsite/rst/performance.rst) against the published run beside it
(performance.json, performance.png): its table, the run's settings, and every figure its prose quotes; and the
figures of that run that the AWX guide quotes on job slicing. The benchmark's own counting is tests/system/test_bench.py's."""

import json
import os
import statistics

from ansible_collections.langchain.langsmith.bench import expectations, report
from ansible_collections.langchain.langsmith.tests.docs.pages import GUIDES, ROOT, guide


def test_performance_page_shows_the_published_figures_and_its_claims_hold():
    """The performance guide: its table is the one `bench/run.py --publish` made from performance.json beside it,
    that run was a full one that measured every target, its request counts are the formulas, and the
    figures the page's prose quotes are the published ones."""
    from ansible_collections.langchain.langsmith.bench import run as bench  # pylint: disable=import-outside-toplevel

    results = _published()
    assert os.path.realpath(report.DOCS) == GUIDES
    page = guide('performance')
    shown = page[page.index(report.TABLE_START) + len(report.TABLE_START):page.index(report.TABLE_END)]
    assert shown == '\n\n' + report.table(results) + '\n\n', 'rerun `make bench BENCH_ARGS=--publish`'
    assert '\n.. image:: performance.png\n' in page
    with open(os.path.join(report.DOCS, 'performance.png'), 'rb') as handle:
        assert handle.read(8) == b'\x89PNG\r\n\x1a\n'
    settings = results['settings']
    for name in ('sizes', 'fleet', 'reps', 'fleet_reps', 'wide_reps', 'memory_runs', 'floor', 'floor_reps'):
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
    floor_met = [row['met'] for row in rows if 'trivial task per cluster' in row['target']]
    assert len(floor_met) == 1 and ("Against Ansible's floor: met" in page) == floor_met[0]
    assert ('Memory: met' in page) == (max(results['fleet_memory']['mb'].values()) <= expectations.FLEET_MEMORY_TARGET_MB)
    assert ('Single tasks: met' in page) == all(row['met'] for row in rows[-3:])
    wide = results['wide']
    assert ('no cost could be measured' in page) == (abs(wide['module_difference_s']) < expectations.WIDE_TARGET_S
                                                     and wide['difference_s'] < _spread(run['s'] for run in wide['without']))
    assert _missing(quoted_figures(results), page) == []
    with open(os.path.join(ROOT, 'README.md'), encoding='utf-8') as handle:
        assert '(%.0f minutes for the published run' % (results['seconds'] / 60.0) in handle.read()


def _published():
    with open(os.path.join(report.DOCS, 'performance.json'), encoding='utf-8') as handle:
        return json.load(handle)


def _missing(figures, page):
    """The figures that the page does not quote as written; the prose's line breaks fall anywhere."""
    flowing = ' '.join(page.split())
    return [text for text in figures if ' '.join(text.split()) not in flowing]


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
    uri_ms = [1000.0 * task['s'] / task['hosts'] for task in uri['tasks']]
    # "the one task that runs once per cluster": by its action, not its name, which a rename would change
    (facts,) = per_cluster
    assert facts['action'] == 'langchain.langsmith.dataplane_result' and facts['hosts'] == 1000
    assert len(uri_ms) == 2  # "its two tasks"
    assert len(wide['with']) == 3 and results['settings']['memory_runs'] == 3  # "three pairs", "three times for each"
    once = [task for task in fleet['tasks'] if task['hosts'] == 1]
    assert len(once) + len(per_cluster) == len(fleet['tasks'])
    checks = _task(fleet, 'langchain.langsmith.dataplane_plan')
    (converge,) = [task for task in once if task['action'] == 'langchain.langsmith.listeners' and task['task'].endswith('Converge the listeners')]
    (show,) = [task for task in once if task['task'] == "Show each cluster's listener"]
    per_cluster_run = by_hosts[1000]['runs']['per_cluster']['converged'][0]['tasks']
    (listener,) = [task for task in per_cluster_run if task['action'] == 'langchain.langsmith.listener']
    (noted,) = [task for task in per_cluster_run if task['task'].endswith('Note what this cluster asks for')]
    facts_ms = 1000.0 * facts['s'] / facts['hosts']
    checks_ms = 1000.0 * checks['s'] / facts['hosts']
    share_ms = facts_ms + checks_ms
    floor = floor_figures(results)
    pooled = results['times_pooled']
    medians = pooled['median_ms']
    assert pooled['samples']['listener_id'] == pooled['samples']['uri']
    ratios = [entry['ratio']['listener_id'] for entry in results['times']]
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
        '%.0f of its %.0f seconds in the one task that runs once per cluster' % (facts['s'], fleet['s']),
        "each cluster's facts (%.0f ms per cluster" % facts_ms,
        'took %.0f seconds together: %.0f in the checks' % (sum(task['s'] for task in once), checks['s']),
        '%.0f ms per cluster, where the per-cluster role' % checks_ms,
        'took %.0f ms per cluster in the same run' % (1000.0 * noted['s'] / noted['hosts']),
        '%.1f in the ``listeners`` module run' % converge['s'],
        '%.1f in the playbook\'s one task that shows' % show['s'],
        '%.0f and %.0f ms per cluster' % tuple(uri_ms),
        "the checks' share, %.0f ms per cluster in that run, against the ``uri`` role's %.0f;" % (share_ms, sum(uri_ms)),
        '%.0f ms against %.0f ms, the medians of %d tasks' % (medians['listener_id'], medians['uri'], pooled['samples']['listener_id']),
        'ranged from %.2f to %.2f;' % (min(ratios), max(ratios)),
        'the published run took %.0f minutes' % (results['seconds'] / 60.0),
    ] + floor['ratio'] + floor['checks'] + floor['slicing']


def floor_figures(results):
    """What the guides quote of the role against Ansible's floor: ``ratio`` (the target's figure, at 1,000, 2,000 and
    5,000 clusters), and ``slicing``: the figures behind "from what fleet size to slice a job", and that size, the
    largest measured fleet whose converged job costs no more than a tenth more per cluster than the smallest fleet's
    (1,000 clusters), above which a job should be sliced."""
    entries = dict((entry['hosts'], entry) for entry in results['floor'])
    assert sorted(entries) == [1000, 2000, 5000]  # the full run's (the test above checks its settings)
    role = dict((hosts, expectations.median_seconds(entry['role'])) for hosts, entry in entries.items())
    floor = dict((hosts, expectations.median_seconds(entry['floor'])) for hosts, entry in entries.items())
    ms = dict((hosts, 1000.0 * seconds / hosts) for hosts, seconds in role.items())
    floor_ms = dict((hosts, 1000.0 * seconds / hosts) for hosts, seconds in floor.items())
    checks_ms = dict((hosts, statistics.median(1000.0 * _task(run, 'langchain.langsmith.dataplane_plan')['s'] / hosts for run in entry['role']))
                     for hosts, entry in entries.items())
    assert checks_ms[5000] - checks_ms[1000] < 1.0  # "grew by under a millisecond per cluster"
    slice_above = max(hosts for hosts in ms if ms[hosts] <= 1.1 * ms[1000])
    assert slice_above < max(ms)  # a larger fleet costs more than that: else the guides would say that no measured size needs slices
    return {
        'ratio': [
            'took %.2f times as long as a play of one trivial task' % entries[2000]['ratio'],
            '(%.1f s against %.1f s' % (role[2000], floor[2000]),
            '%.2f at 1,000 clusters and %.2f at 5,000' % (entries[1000]['ratio'], entries[5000]['ratio']),
        ],
        'checks': ['(the checks of every cluster: %.1f, %.1f and %.1f ms per cluster)' % (checks_ms[1000], checks_ms[2000], checks_ms[5000])],
        'slicing': [
            '%.0f ms per cluster at 1,000 clusters, %.0f at 2,000 and %.0f at 5,000' % (ms[1000], ms[2000], ms[5000]),
            '(the floor: %.0f, %.0f and %.0f)' % (floor_ms[1000], floor_ms[2000], floor_ms[5000]),
            'where one job of 5,000 took %.0f s, five slices of 1,000 take about %.0f s each' % (role[5000], role[1000]),
            'or about %.0f s one after another' % (5 * role[1000]),
            'a job of more than {:,} clusters'.format(slice_above),
        ],
    }


def _task(run, action):
    (task,) = [task for task in run['tasks'] if task['action'] == action]
    return task


def test_awx_guide_says_from_what_fleet_size_to_slice_from_the_published_run():
    """The AWX guide's job slicing section quotes the same figures of the published run as the performance guide."""
    results = _published()
    assert _missing(floor_figures(results)['slicing'], guide('awx')) == []
