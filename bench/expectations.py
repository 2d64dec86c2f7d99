# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the benchmark expects (bench/): the issue's formulas for the requests of each case and each
fleet, the targets (limits) of its figures, and the verdict on a run's figures, target by target."""

import math
import statistics

from ansible_collections.langchain.langsmith.bench.harness import FORKS
from ansible_collections.langchain.langsmith.plugins.module_utils._listener import PAGE_LIMIT as PAGE  # the page size the modules ask for

# the targets of a single module task
TIME_TARGET = 1.2


MEMORY_TARGET_MB = 80


# the targets of a fleet: wall time of a converged bootstrap_cluster run ÷ the uri role's, by fleet size
FLEET_TIME_TARGETS = {200: 0.3, 1000: 0.2}


FLOOR_TARGET = 2.5            # a converged bootstrap_cluster run ÷ Ansible's floor (one trivial task per host), at FLOOR_HOSTS


FLOOR_HOSTS = 2000


FLEET_MEMORY_TARGET_MB = 100   # the listeners module process over FLEET_MEMORY_LISTENERS listeners


FLEET_MEMORY_LISTENERS = 5000


WIDE_TARGET_S = 1.0            # what one listener of WIDE_NAMESPACES namespaces may add to a bootstrap of WIDE_HOSTS


WIDE_NAMESPACES = 10000


WIDE_HOSTS = 200


# -- the formulas -------------------------------------------------------------------------


def pages(size):
    """Requests that read a whole workspace of ``size`` listeners, 100 at a time: the listing stops
    at the first page shorter than 100, so a multiple of 100 takes one more (empty) page."""
    return size // PAGE + 1


def task_targets(size):
    """The issue's targets per task, for a workspace of ``size`` listeners."""
    search = 1 + math.ceil(size / PAGE)
    return {'create': 1, 'search': search, 'listener_id': 1, 'update_search': search + 1, 'update_listener_id': 2}


def fleet_target(phase, hosts, others, changed=0):
    """The issue's request targets for ``hosts`` clusters through bootstrap_cluster, in a workspace that also
    holds ``others`` listeners: the listing of the workspace as the run finds it (``floor(W/100) + 1``), plus
    one request per listener written (all of them when ``fresh``, ``changed`` on an ``update``, none when
    ``converged``)."""
    if phase == 'fresh':
        return pages(others) + hosts
    return pages(others + hosts) + (changed if phase == 'update' else 0)


def fleet_expected(kind, phase, hosts, others, changed=0):
    """What each way of bootstrapping sends: the fleet role its target; the per-cluster role the same
    listing and one request per cluster besides (a POST when fresh, else a GET by ID, and a PATCH for
    each cluster that changes); the uri role a POST (201 or 409) and a GET per cluster."""
    if kind == 'uri':
        return 2 * hosts
    extra = hosts if kind == 'per_cluster' and phase != 'fresh' else 0
    return fleet_target(phase, hosts, others, changed) + extra


def uri_expected(size):
    """What the uri playbook of ``task_requests`` sends for each case."""
    return {'create': 1, 'search': 1 + pages(size), 'listener_id': 1, 'update_search': 2 + pages(size),
            'update_listener_id': 2}


# -- the verdicts -------------------------------------------------------------------------


def fleet_runs(entry, kind, phase):
    return entry['runs'][kind][phase]


def median_seconds(runs):
    return statistics.median(run['s'] for run in runs)


def requests_text(runs):
    return '/'.join(str(n) for n in sorted({run['requests'] for run in runs}))


def spread_text(values):
    """How much the seconds ``values`` of identical runs differ (slowest - fastest); nothing to say of one run."""
    values = list(values)
    return '%.2f s' % (max(values) - min(values)) if len(values) > 1 else 'one run'


def verdicts(results):
    """Every target of the benchmark with this run's figure: [{'target', 'measured', 'limit', 'met'}], where
    'met' is True, False, or None for a target that this run did not measure (such as the fleet of 1,000
    clusters in a --quick run)."""
    rows = []

    def row(target, measured, limit, met):
        rows.append({'target': target, 'measured': measured, 'limit': limit, 'met': met})

    for entry in results['fleet']:
        hosts, others, workspace = entry['hosts'], entry['others'], entry['workspace']
        fresh = fleet_runs(entry, 'fleet', 'fresh')
        converged = fleet_runs(entry, 'fleet', 'converged')
        update = entry['update']
        row('bootstrap_cluster, %d clusters, fresh: requests = listing of W = %d, + H' % (hosts, others),
            requests_text(fresh), '%d' % entry['target']['fresh'], max(run['requests'] for run in fresh) <= entry['target']['fresh'])
        row('bootstrap_cluster, %d clusters, converged: requests = floor(W/100) + 1, W = %d' % (hosts, workspace),
            requests_text(converged), '%d' % entry['target']['converged'],
            max(run['requests'] for run in converged) <= entry['target']['converged'])
        row('bootstrap_cluster, %d clusters, update of k = %d: requests = listing + k' % (hosts, update['changed']),
            '%d' % update['requests'], '%d' % entry['target']['update'], update['requests'] <= entry['target']['update'])
    by_hosts = {entry['hosts']: entry for entry in results['fleet']}
    for hosts, limit in sorted(FLEET_TIME_TARGETS.items()):
        entry = by_hosts.get(hosts)
        row('bootstrap_cluster, %d clusters, converged: wall time ÷ the uri role\'s (forks %d)' % (hosts, FORKS),
            '%.2f' % entry['ratio']['fleet'] if entry else '—', '≤ %.1f' % limit,
            entry['ratio']['fleet'] <= limit if entry else None)
    if 'floor' in results:  # measured since issue 23 (part 8); a run published before has no figure of it
        entry = dict((item['hosts'], item) for item in results['floor']).get(FLOOR_HOSTS)
        row('bootstrap_cluster, %d clusters, converged: wall time ÷ a play of one trivial task per cluster (forks %d)'
            % (FLOOR_HOSTS, FORKS), '%.2f' % entry['ratio'] if entry else '—', '≤ %.1f' % FLOOR_TARGET,
            entry['ratio'] <= FLOOR_TARGET if entry else None)
    memory = results['fleet_memory']
    peak = max(memory['mb'].values())
    row('listeners module, %d listeners: peak memory (creating them, or converging them)' % memory['listeners'],
        '%.1f MB' % peak, '≤ %d MB' % FLEET_MEMORY_TARGET_MB, peak <= FLEET_MEMORY_TARGET_MB)
    # Judged on the one task that reads the listing: the whole run's difference is shown beside it, but
    # the noise of its per-cluster tasks is many times the target on a shared machine.
    wide = results['wide']
    row('one more listener of %d namespaces: added to the listeners task of a converged bootstrap_cluster run of %d clusters '
        '(to the whole run; its runs\' spread)' % (wide['namespaces'], wide['hosts']),
        '%+.2f s (%+.2f s; %s)' % (wide['module_difference_s'], wide['difference_s'], spread_text(run['s'] for run in wide['without'])),
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
