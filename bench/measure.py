# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The measurements of the benchmark (``make bench``, bench/run.py), each against a real emulator
process on loopback (tools/checkout.py's EmulatorServer), seeded through ``/_emulator/seed``.

- ``task_requests``: HTTP requests per listener task, from the emulator's request log, for each
  case of the issue, beside an ``ansible.builtin.uri`` playbook doing the same job.
- ``task_times``: wall time of converged listener tasks and of a one-request uri task, interleaved in
  one playbook, from the bench_timer callback (bench/callback_plugins).
- ``fleet``: a fleet of H clusters bootstrapped three ways (forks 10), each first with every listener
  created fresh and then converged (rerun): the bootstrap_cluster playbook (the dataplane role: one
  ``listeners`` module run per play), the per-cluster baseline of bench/per_cluster_baseline.yml (the
  previous role: one ``listener`` module run per cluster) and the hand-written uri role of
  bench/uri_baseline.yml; then k clusters updated through bootstrap_cluster. Requests and wall time
  of each run, and the time of each of its tasks.
- ``wide_listener``: converged bootstrap_cluster runs with and without one more listener in the
  workspace that serves thousands of namespaces.
- ``peak_memory``: the maximum resident set size of one module process; ``fleet_memory``: that of
  the ``listeners`` module creating, then converging, thousands of listeners.

Every run checks that its tasks did what they claim (status, changed), so that a broken benchmark
fails instead of reporting figures of something else (harness.py runs them and checks; expectations.py
holds the issue's formulas and targets; report.py shows the figures).
"""

import contextlib
import json
import os
import shutil
import statistics

from ansible_collections.langchain.langsmith.bench.expectations import PAGE, fleet_expected, fleet_target, pages, task_targets
from ansible_collections.langchain.langsmith.bench.harness import (
    BENCH, FORKS, URI_BASELINE, BenchError, attribute, by_name, expect, max_rss)

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


# -- requests per task --------------------------------------------------------------------


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
    expect(run, {'warm-up listener': ('ok', False), 'warm-up uri': ('ok', False), 'search': ('ok', False),
                 'listener_id': ('ok', False), 'update_search': ('ok', True), 'update_listener_id': ('ok', True),
                 'create': ('ok', True), 'uri patch': ('ok', False), 'uri write': ('ok', False), 'uri create': ('ok', False)})
    per_task = by_name(run.timings, attribute(bench.requests_since_reset(), run.timings))
    per_task_ms = {}
    for record in run.timings:
        per_task_ms[record['task']] = per_task_ms.get(record['task'], 0) + (record['end'] - record['start']) * 1000
    goal = task_targets(size)
    return [{'workspace': size, 'case': case, 'module': per_task[case], 'target': goal[case],
             'uri': sum(per_task.get(step, 0) for step in URI_STEPS[case]),
             # one run of each: the time of the job, beside the requests it took
             'module_ms': round(per_task_ms[case], 1), 'uri_ms': round(sum(per_task_ms.get(step, 0) for step in URI_STEPS[case]), 1)}
            for case in CASES]


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
    expect(run, {t['name']: ('ok', False) for t in tasks})
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


# -- fleets -------------------------------------------------------------------------------


FLEET_PREFIX = 'bench-cluster-'

# The three ways of bootstrapping a fleet, in the order of the tables, and the playbook of each: the
# role of this collection, the previous role (bench/roles/dataplane_per_cluster), a hand-written role.
FLEET_KINDS = ('fleet', 'per_cluster', 'uri')

FLEET_TITLES = {'fleet': 'bootstrap_cluster (listeners module, once per play)',
                'per_cluster': 'per-cluster listener module (the previous role)',
                'uri': 'hand-written uri role'}

FLEET_PLAYBOOKS = {'fleet': 'langchain.langsmith.bootstrap_cluster',
                   'per_cluster': os.path.join(BENCH, 'per_cluster_baseline.yml'),
                   'uri': URI_BASELINE}

LISTENERS_ACTION = 'langchain.langsmith.listeners'

UPDATE_VERSION = 'bench-2'


def fleet_clusters(hosts, prefix=FLEET_PREFIX):
    """[(compute ID, namespaces)] of ``hosts`` clusters, each with a namespace of its own."""
    return [('%s%05d' % (prefix, number), ['%s%05d-ns' % (prefix, number)]) for number in range(hosts)]


def updated_count(hosts):
    """k, the clusters an update run changes: a tenth of the fleet, at least one."""
    return max(1, hosts // 10)


def fleet_inventory(bench, name, clusters, ids=None, versions=None):
    """The bootstrap_cluster inventory of ``clusters``: host name = compute ID, its namespaces, and when
    given its listener's ID as bench_listener_id (for the uri role, which cannot search) and a version."""
    hosts = {}
    for compute_id, namespaces in clusters:
        host = {'langsmith_k8s_namespaces': namespaces}
        if ids:
            host['bench_listener_id'] = ids[compute_id]
        if versions and compute_id in versions:
            host['langsmith_listener_version'] = versions[compute_id]
        hosts[compute_id] = host
    group = {'vars': {'langsmith_control_plane_url': bench.emulator.url, 'langsmith_api_key': bench.api_key}, 'hosts': hosts}
    return bench.write('%s.json' % name, json.dumps({'langsmith_clusters': group}, indent=1))  # read by the yaml inventory plugin


def fleet_run(bench, name, kind, inventory, hosts, changed):
    """One run of ``kind``'s playbook over ``inventory`` (forks 10): its wall time, its requests and where
    its time went. Every host must end ok; ``changed`` lists the hosts that must report a change (the others
    must not), or is None for the uri role, which reports none."""
    bench.reset_requests()
    run = bench.run(name, FLEET_PLAYBOOKS[kind], inventory, ['-f', str(FORKS)]).check()
    recap = run.recap()
    if len(recap) != hosts or any(counts[2:] != (0, 0) for counts in recap.values()):
        raise BenchError('%s: expected %d hosts, all ok, got %s (log: %s)' % (name, hosts, recap, run.log))
    if changed is not None and sorted(host for host, counts in recap.items() if counts[1]) != sorted(changed):
        raise BenchError('%s: expected %d host(s) to report changed, got %s (log: %s)' % (name, len(changed), recap, run.log))
    return {'s': round(run.seconds, 2), 'requests': len(bench.requests_since_reset()), 'tasks': run.tasks()}


def check_workspace(bench, name, clusters, others, versions=None):
    """After ``name``: the workspace holds ``others`` listeners and one per cluster, as the inventory has it."""
    listed = bench.emulator.listeners()
    mine = {item['compute_id']: item for item in listed if item['compute_id'].startswith(FLEET_PREFIX)}
    wrong = [compute_id for compute_id, namespaces in clusters
             if compute_id not in mine or mine[compute_id]['compute_config']['k8s_namespaces'] != namespaces
             or mine[compute_id]['version'] != (versions or {}).get(compute_id)]
    if wrong or len(listed) != others + len(clusters):
        raise BenchError('%s: %d listeners in the workspace, expected %d; wrong or missing: %s'
                         % (name, len(listed), others + len(clusters), ', '.join(wrong[:5]) or 'none'))
    return {compute_id: item['id'] for compute_id, item in mine.items()}


def fleet(bench, hosts, reps, others=0):
    """``hosts`` clusters (forks 10) bootstrapped each of the three ways, in a workspace that also holds
    ``others`` listeners: first fresh (the workspace holds none of the clusters' listeners; every one is
    created), one way after the other; then ``reps`` converged reruns of each, interleaved in a rotating
    order (every way leaves the same listeners, so each converged run finds the state it would have left);
    then an update through bootstrap_cluster of k clusters whose version changes."""
    clusters = fleet_clusters(hosts)
    everyone = [compute_id for compute_id, dummy in clusters]
    fresh_inventory = fleet_inventory(bench, 'fleet-%d' % hosts, clusters)
    result = {'hosts': hosts, 'others': others, 'workspace': others + hosts,
              'runs': {kind: {'fresh': [], 'converged': []} for kind in FLEET_KINDS}}
    for kind in FLEET_KINDS:
        bench.seeded(others)
        name = 'fleet-%d-%s-fresh' % (hosts, kind)
        result['runs'][kind]['fresh'].append(fleet_run(bench, name, kind, fresh_inventory, hosts, None if kind == 'uri' else everyone))
        ids = check_workspace(bench, name, clusters, others)
    converged_inventory = fleet_inventory(bench, 'fleet-%d-ids' % hosts, clusters, ids=ids)
    for rep in range(reps):
        shift = rep % len(FLEET_KINDS)
        for kind in FLEET_KINDS[shift:] + FLEET_KINDS[:shift]:
            name = 'fleet-%d-%s-converged-%d' % (hosts, kind, rep)
            result['runs'][kind]['converged'].append(fleet_run(bench, name, kind, converged_inventory, hosts, None if kind == 'uri' else []))
            check_workspace(bench, name, clusters, others)
    changed = updated_count(hosts)
    versions = {compute_id: UPDATE_VERSION for compute_id in everyone[:changed]}
    name = 'fleet-%d-fleet-update' % hosts
    result['update'] = dict(fleet_run(bench, name, 'fleet', fleet_inventory(bench, name, clusters, versions=versions), hosts,
                                      everyone[:changed]), changed=changed)
    check_workspace(bench, name, clusters, others, versions)
    result['target'] = {phase: fleet_target(phase, hosts, others, changed) for phase in ('fresh', 'converged', 'update')}
    result['expected'] = {kind: {phase: fleet_expected(kind, phase, hosts, others) for phase in ('fresh', 'converged')}
                          for kind in FLEET_KINDS}
    uri = statistics.median(run['s'] for run in result['runs']['uri']['converged'])
    result['ratio'] = {kind: statistics.median(run['s'] for run in result['runs'][kind]['converged']) / uri
                       for kind in ('fleet', 'per_cluster')}
    return result


def module_seconds(run):
    """Seconds of the listeners module task of a fleet run."""
    return sum(task['s'] for task in run['tasks'] if task['action'] == LISTENERS_ACTION)


WIDE_ID = 'bench-wide'


def wide_listener(bench, hosts, namespaces, reps):
    """What one listener of ``namespaces`` namespaces, of no cluster of the play, adds to a converged
    bootstrap_cluster run over ``hosts`` clusters (forks 10): ``reps`` pairs of runs without and with it
    in the workspace, in alternating order. Each pair's difference in wall time, and in the time of the
    listeners task (the one task that reads the listing)."""
    bench.seeded(0)
    bench.emulator.seed(hosts, prefix=FLEET_PREFIX)  # the listeners of fleet_clusters(hosts); check_workspace checks
    clusters = fleet_clusters(hosts)
    inventory = fleet_inventory(bench, 'wide-%d' % hosts, clusters)
    wide = {'compute_type': 'k8s', 'compute_id': WIDE_ID,
            'compute_config': {'k8s_namespaces': ['bench-wide-%05d' % number for number in range(namespaces)]}}
    result = {'hosts': hosts, 'namespaces': namespaces, 'without': [], 'with': []}
    for rep in range(reps):
        for case in ('without', 'with') if rep % 2 == 0 else ('with', 'without'):
            present = [item['id'] for item in bench.emulator.listeners() if item['compute_id'] == WIDE_ID]
            if case == 'with' and not present:
                bench.api('POST', '/v2/listeners', wide)
            elif case == 'without' and present:
                bench.api('DELETE', '/v2/listeners/%s' % present[0])
            name = 'wide-%d-%s-%d' % (hosts, case, rep)
            run = fleet_run(bench, name, 'fleet', inventory, hosts, [])
            check_workspace(bench, name, clusters, 1 if case == 'with' else 0)
            run['module_s'] = module_seconds(run)
            result[case].append(run)
    pairs = list(zip(result['with'], result['without']))
    result['difference_s'] = statistics.median(plus['s'] - minus['s'] for plus, minus in pairs)
    result['module_difference_s'] = statistics.median(plus['module_s'] - minus['module_s'] for plus, minus in pairs)
    return result


# -- memory -------------------------------------------------------------------------------


def peak_memory(bench, size, runs=3):
    """Maximum resident set size (MB) of one module process, for the listener task that searches a
    workspace of ``size`` listeners to its last page, the listener_info task that lists all of them,
    the listener task with listener_id, and a uri GET for reference. The module payloads that
    ansible-playbook ran (ANSIBLE_KEEP_REMOTE_FILES) are run again, each ``runs`` times, and the
    largest peak resident set size (VmHWM) of each is kept."""
    listeners = bench.seeded(size)
    last = listeners[-1]
    key, namespaces, listener_id = last['compute_id'], last['compute_config']['k8s_namespaces'], last['id']
    tasks = [
        dict(name='listener, found by search', **bench.listener(compute_id=key, k8s_namespaces=namespaces)),
        dict(name='listener_info, every listener', **{'langchain.langsmith.listener_info': bench.connection}),
        dict(name='listener, with listener_id', **bench.listener(compute_id=key, k8s_namespaces=namespaces, listener_id=listener_id)),
        dict(name='uri GET', **bench.uri('/v2/listeners/%s' % listener_id)),
    ]
    result = {'workspace': size, 'mb': {}}
    with kept_payloads(bench, 'memory-%d' % size, tasks, {t['name']: ('ok', False) for t in tasks}) as payloads:
        for task, payload in zip(tasks, payloads):
            result['mb'][task['name']] = round(max(max_rss(payload)[0] for dummy in range(runs)) / 1024.0, 1)
    return result


def fleet_memory(bench, count, runs=3):
    """Maximum resident set size (MB) of the listeners module process for ``count`` listeners (one
    namespace each): creating every one of them in an empty workspace, and converging them once they
    exist (the listing of ``count`` listeners, no write). The payload of one ansible-playbook run is run
    ``runs`` times for each, with the largest VmHWM kept; each run's requests are checked."""
    items = [{'compute_id': compute_id, 'k8s_namespaces': namespaces} for compute_id, namespaces in fleet_clusters(count, 'bench-memory-')]
    task = {'name': 'listeners, %d listeners' % count, LISTENERS_ACTION: dict(bench.connection, listeners=items)}
    bench.seeded(0)
    result = {'listeners': count, 'mb': {}, 'requests': {}}
    with kept_payloads(bench, 'memory-listeners-%d' % count, [task], {task['name']: ('ok', True)}) as (payload,):
        for case, changed, requests in (('converged', False, pages(count)), ('fresh', True, pages(0) + count)):
            peaks = []
            for dummy in range(runs):
                if case == 'fresh':
                    bench.seeded(0)
                bench.reset_requests()
                kib, output = max_rss(payload)
                sent = len(bench.requests_since_reset())
                if output.get('changed') != changed or sent != requests or len(output.get('listeners', ())) != count:
                    raise BenchError('%s, %s: changed %s after %d requests, expected %s after %d' % (
                        task['name'], case, output.get('changed'), sent, changed, requests))
                peaks.append(kib)
            result['mb'][case] = round(max(peaks) / 1024.0, 1)
            result['requests'][case] = requests
    return result


@contextlib.contextmanager
def kept_payloads(bench, name, tasks, want):
    """Run ``tasks`` in one playbook with ANSIBLE_KEEP_REMOTE_FILES, check each task's (status, changed)
    against ``want``, and yield the path of each task's AnsiballZ payload (its arguments are inside), in
    the order of ``tasks``; the payloads are deleted afterwards (they hold the emulator's key)."""
    kept = os.path.join(bench.workdir, 'kept-modules')
    shutil.rmtree(kept, ignore_errors=True)
    try:
        run = bench.run(name, bench.playbook(name, tasks), env={'ANSIBLE_KEEP_REMOTE_FILES': '1', 'ANSIBLE_REMOTE_TMP': kept}).check()
        expect(run, want)
        # one ansible-tmp-<time>-... directory per task, in the order the tasks ran
        directories = sorted((d for d in os.listdir(kept) if d.startswith('ansible-tmp-')), key=lambda d: float(d.split('-')[2]))
        if len(directories) != len(tasks):
            raise BenchError('expected %d kept module payloads in %s, found %d' % (len(tasks), kept, len(directories)))
        payloads = []
        for directory in directories:
            names = [n for n in os.listdir(os.path.join(kept, directory)) if n.startswith('AnsiballZ_')]
            payloads.append(os.path.join(kept, directory, names[0]))
        yield payloads
    finally:
        shutil.rmtree(kept, ignore_errors=True)


# -- the role against Ansible's floor -----------------------------------------------------


FLOOR_TASK = 'one trivial task per cluster'


def floor_playbook(bench):
    """Ansible's floor: a play of one trivial task per host (ansible.builtin.set_fact) over the fleet's inventory."""
    play = [{'name': 'floor', 'hosts': 'langsmith_clusters', 'gather_facts': False,
             'tasks': [{'name': FLOOR_TASK, 'ansible.builtin.set_fact': {'bench_floor': True}}]}]
    return bench.write('floor.json', json.dumps(play, indent=1))


def floor(bench, hosts, reps):
    """A converged bootstrap_cluster run over ``hosts`` clusters (forks 10) beside Ansible's floor over the same inventory
    in the same run: ``reps`` pairs, in alternating order. Every cluster's listener exists as the inventory asks, so the
    role writes nothing; the floor's task must be ok on every host. The ratio of the medians."""
    bench.seeded(0)
    bench.emulator.seed(hosts, prefix=FLEET_PREFIX)
    clusters = fleet_clusters(hosts)
    inventory = fleet_inventory(bench, 'floor-%d' % hosts, clusters)
    playbook = floor_playbook(bench)
    result = {'hosts': hosts, 'floor': [], 'role': []}
    for rep in range(reps):
        for case in ('floor', 'role') if rep % 2 == 0 else ('role', 'floor'):
            name = 'floor-%d-%s-%d' % (hosts, case, rep)
            if case == 'role':
                run = fleet_run(bench, name, 'fleet', inventory, hosts, [])
                check_workspace(bench, name, clusters, 0)
            else:
                done = bench.run(name, playbook, inventory, ['-f', str(FORKS)]).check()
                recap = done.recap()
                if len(recap) != hosts or any(counts != (1, 0, 0, 0) for counts in recap.values()):
                    raise BenchError('%s: expected %d hosts, each ok once, got %s (log: %s)' % (name, hosts, recap, done.log))
                run = {'s': round(done.seconds, 2), 'tasks': done.tasks()}
            result[case].append(run)
    result['ratio'] = statistics.median(run['s'] for run in result['role']) / statistics.median(run['s'] for run in result['floor'])
    return result
