# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The benchmark (``make bench``, bench/): not a timed test, but its counting is code that must be right.

One small run of bench/run.py (two workspace sizes, a fleet of four clusters in a workspace of 154
listeners, a listener of 300 namespaces, the listeners module over 300 listeners) against its own
emulator; its request counts must equal the issue's formulas, worked out here by hand, and the
baselines' counts what those playbooks send. Times and memory are only checked to have been
measured, never against a target; whether a target is met is the benchmark's to report.
"""

import json
import os
import subprocess
import sys

import pytest

from ansible_collections.langchain.langsmith.bench import expectations, harness, measure, report
from ansible_collections.langchain.langsmith.tests.system.harness import ROOT, run, tool_env

# workspace size -> case -> (listener module, uri playbook): the module stops at the page that holds
# the match (the last one here); the uri playbook reads every page, and a full last page needs one more.
REQUESTS = {
    10: {'create': (1, 1), 'search': (2, 2), 'listener_id': (1, 1), 'update_search': (3, 3), 'update_listener_id': (2, 2)},
    200: {'create': (1, 1), 'search': (3, 4), 'listener_id': (1, 1), 'update_search': (4, 5), 'update_listener_id': (2, 2)},
}
FLEET_HOSTS = 4
FLEET_OTHERS = 150  # W = 154: a listing of two pages
WIDE_NAMESPACES = 300
MEMORY_LISTENERS = 300


@pytest.fixture(scope='module')
def bench_run(tmp_path_factory):
    out = str(tmp_path_factory.mktemp('bench'))
    proc = run([sys.executable, os.path.join(ROOT, 'bench', 'run.py'), '--sizes', '10,200', '--reps', '2',
                '--fleet', str(FLEET_HOSTS), '--fleet-others', str(FLEET_OTHERS), '--fleet-reps', '1',
                '--wide-hosts', str(FLEET_HOSTS), '--wide-namespaces', str(WIDE_NAMESPACES), '--wide-reps', '1',
                '--memory-listeners', str(MEMORY_LISTENERS), '--memory-runs', '1', '--floor', str(FLEET_HOSTS), '--floor-reps', '1',
                '--out', out],
               'bench-small', env=tool_env(), timeout=900)
    with open(os.path.join(out, 'results.json'), encoding='utf-8') as handle:
        return json.load(handle), proc.stdout, out


@pytest.mark.slow
def test_requests_per_task_equal_the_formulas(bench_run):
    results = bench_run[0]
    got = {(row['workspace'], row['case']): (row['module'], row['uri']) for row in results['requests']}
    assert got == {(size, case): counts for size, cases in REQUESTS.items() for case, counts in cases.items()}
    for row in results['requests']:
        assert row['target'] == REQUESTS[row['workspace']][row['case']][0], row  # every target met, none loosened


@pytest.mark.slow
def test_fleet_requests_equal_the_formulas(bench_run):
    (fleet,) = bench_run[0]['fleet']
    assert fleet['hosts'] == FLEET_HOSTS and fleet['workspace'] == FLEET_HOSTS + FLEET_OTHERS
    got = {kind: {phase: [run['requests'] for run in runs] for phase, runs in phases.items()} for kind, phases in fleet['runs'].items()}
    assert got == {
        # fresh: one listing of the 150 others (2 pages), one POST per cluster; converged: the listing of 154 alone
        'fleet': {'fresh': [2 + 4], 'converged': [2]},
        # the previous role: the same listing, then one listener module run per cluster (a POST, or a GET by ID)
        'per_cluster': {'fresh': [2 + 4], 'converged': [2 + 4]},
        # the uri role: POST (201, or 409) and GET per cluster
        'uri': {'fresh': [8], 'converged': [8]},
    }
    # one cluster of four gets a new version: the listing and one PATCH
    assert fleet['update']['changed'] == 1 and fleet['update']['requests'] == 2 + 1
    assert fleet['target'] == {'fresh': 6, 'converged': 2, 'update': 3}
    assert set(fleet['ratio']) == {'fleet', 'per_cluster'} and all(ratio > 0 for ratio in fleet['ratio'].values())


@pytest.mark.slow
def test_fleet_runs_say_where_their_time_goes(bench_run):
    (fleet,) = bench_run[0]['fleet']
    for kind, phases in fleet['runs'].items():
        for each in phases['fresh'] + phases['converged']:
            assert each['s'] > sum(task['s'] for task in each['tasks']) > 0, kind
    # the listeners tasks of bootstrap_cluster (the check of the deletes, skipped, and the run) each run once for the
    # play; the other two run a module per cluster
    tasks = fleet['runs']['fleet']['converged'][0]['tasks']
    assert [task['hosts'] for task in tasks if task['action'] == 'langchain.langsmith.listeners'] == [1, 1]
    per_cluster = fleet['runs']['per_cluster']['converged'][0]['tasks']
    assert [task['hosts'] for task in per_cluster if task['action'] == 'langchain.langsmith.listener'] == [FLEET_HOSTS]
    uri = fleet['runs']['uri']['converged'][0]['tasks']
    assert [task['hosts'] for task in uri if task['action'] == 'ansible.builtin.uri'] == [FLEET_HOSTS, FLEET_HOSTS]


@pytest.mark.slow
def test_wide_listener_pairs(bench_run):
    wide = bench_run[0]['wide']
    assert (wide['hosts'], wide['namespaces']) == (FLEET_HOSTS, WIDE_NAMESPACES)
    # a workspace of 4 or 5 listeners: one page either way, and nothing written
    assert [run['requests'] for run in wide['without']] == [run['requests'] for run in wide['with']] == [1]
    assert all(run['module_s'] > 0 for run in wide['without'] + wide['with'])
    (plus,), (minus,) = wide['with'], wide['without']
    assert wide['difference_s'] == plus['s'] - minus['s']
    assert wide['module_difference_s'] == plus['module_s'] - minus['module_s']
    assert has_row(bench_run[1], 'spread of the runs without it (slowest − fastest)', '', '', 'one run', 'one run')  # no spread of one


def has_row(output, *cells):
    """Whether a table that the benchmark printed (RST grid tables) has a row that starts with ``cells``."""
    rows = [[cell.strip() for cell in line.strip()[1:-1].split('|')] for line in output.splitlines() if line.startswith('|')]
    return any(row[:len(cells)] == list(cells) for row in rows)


@pytest.mark.slow
def test_listeners_module_memory(bench_run):
    memory = bench_run[0]['fleet_memory']
    assert memory['listeners'] == MEMORY_LISTENERS
    assert memory['requests'] == {'fresh': 1 + 300, 'converged': 4}  # creating from an empty workspace; 300 listed, 100 a page
    assert all(mb > 15 for mb in memory['mb'].values())


@pytest.mark.slow
def test_times_are_interleaved_samples_of_tasks_with_known_requests(bench_run):
    times = {entry['workspace']: entry for entry in bench_run[0]['times']}
    assert sorted(times) == [10, 200]
    for size, search in ((10, 2), (200, 3)):
        assert times[size]['requests'] == {'listener_id': [1], 'search': [search], 'uri': [1]}
        assert {kind: len(samples) for kind, samples in times[size]['samples_ms'].items()} == {'listener_id': 2, 'search': 2, 'uri': 2}
        assert set(times[size]['ratio']) == {'listener_id', 'search'}
    assert bench_run[0]['times_pooled']['samples'] == {'listener_id': 4, 'uri': 4}


@pytest.mark.slow
def test_report_table_json_and_picture(bench_run):
    results, output, out = bench_run
    assert results['memory']['workspace'] == 200
    assert sorted(results['memory']['mb']) == ['listener, found by search', 'listener, with listener_id',
                                               'listener_info, every listener', 'uri GET']
    assert all(mb > 15 for mb in results['memory']['mb'].values())  # a Python process with Ansible's module code
    assert results['machine']['cores'] == os.cpu_count() and results['machine']['load_average_after']
    assert has_row(output, '200', 'converged, found by search (worst case: last page)', '3', '3', '4', 'met')
    assert all(row['module_ms'] > 0 and row['uri_ms'] > 0 for row in results['requests'])
    assert has_row(output, '4', '154', 'bootstrap_cluster (listeners module, once per play)', '6')
    assert set(results['bench_seconds']) == {'requests', 'times', 'memory', 'fleet_memory', 'fleet', 'wide', 'floor'}
    floor = results['floor'][0]
    assert has_row(output, '4', '1', '%.1f' % floor['floor'][0]['s'], '%.1f' % floor['role'][0]['s'], '%.2f' % floor['ratio'])
    with open(os.path.join(out, 'performance.png'), 'rb') as handle:
        assert handle.read(8) == b'\x89PNG\r\n\x1a\n'


@pytest.mark.slow
def test_what_the_bench_writes_is_out_of_ansible_lints_view(bench_run):
    """ansible-lint, run at the top of the checkout (make test), lints every .yml and .yaml file below it,
    bench/results/ included although git ignores it: the bench's playbooks and inventories are .json."""
    written = [name for dummy, dummy, names in os.walk(bench_run[2]) for name in names]
    assert [name for name in written if name.endswith('.json') and name.startswith(('fleet-', 'requests-'))]
    assert [name for name in written if name.endswith(('.yml', '.yaml'))] == []


@pytest.mark.slow
def test_every_target_is_reported(bench_run):
    """Each target of the benchmark has its row, met or NOT met by this run's figures, or not measured
    when the run left its fleet size out (this one measures neither 200 nor 1,000 clusters)."""
    results, output = bench_run[0], bench_run[1]
    rows = expectations.verdicts(results)
    assert len(rows) == 11
    assert [row['met'] for row in rows[:5]] == [True, True, True, None, None]  # the request formulas; the two time targets
    assert rows[5]['met'] is None and 'trivial task' in rows[5]['target']  # the floor's target is at 2,000 clusters
    assert all(row['met'] in (True, False) for row in rows[6:])  # figures of this machine: reported, not asserted
    for row in rows:
        assert has_row(output, row['target'], row['measured'], row['limit'], report.mark(row['met']))
    # a figure over its limit is reported as NOT met
    worse = json.loads(json.dumps(results))
    worse['fleet'][0]['runs']['fleet']['converged'][0]['requests'] += 1
    worse['fleet_memory']['mb']['fresh'] = expectations.FLEET_MEMORY_TARGET_MB + 1
    worse['wide']['module_difference_s'] = expectations.WIDE_TARGET_S
    worse['floor'] = [dict(worse['floor'][0], hosts=expectations.FLOOR_HOSTS, ratio=expectations.FLOOR_TARGET + 0.01)]
    met = [row['met'] for row in expectations.verdicts(worse)]
    assert (met[1], met[5], met[6], met[7]) == (False, False, False, False)
    # the floor's pairs: each run of the role and of the floor, over the same clusters
    (floor,) = results['floor']
    assert floor['hosts'] == FLEET_HOSTS and len(floor['role']) == len(floor['floor']) == 1
    assert floor['ratio'] == floor['role'][0]['s'] / floor['floor'][0]['s']
    assert [task['hosts'] for task in floor['floor'][0]['tasks'] if task['task'] == measure.FLOOR_TASK] == [FLEET_HOSTS]
    assert 'NOT met' in report.table(worse)


def test_quick_and_full_runs_measure_every_target():
    """`--quick` bootstraps a fleet of 200 (the smaller time target) three ways; the full run both sizes, and the
    listener of 10,000 namespaces and the listeners module over 5,000 listeners in either."""
    from ansible_collections.langchain.langsmith.bench import run as bench  # pylint: disable=import-outside-toplevel

    quick, full = bench.parse_args(['--quick']), bench.parse_args([])
    assert quick.fleet == [200] and min(expectations.FLEET_TIME_TARGETS) == 200
    assert sorted(full.fleet) == sorted(expectations.FLEET_TIME_TARGETS) == [200, 1000]
    assert expectations.FLOOR_HOSTS in full.floor and full.floor == [1000, 2000, 5000] and quick.floor == [200]
    for args in (quick, full):
        assert (args.wide_hosts, args.wide_namespaces, args.memory_listeners) == (200, 10000, 5000)
        assert min(args.fleet_reps, args.wide_reps, args.memory_runs) >= 1 and args.fleet_others == 0
    assert bench.parse_args(['--out', 'somewhere']).out == os.path.join(os.getcwd(), 'somewhere')  # see measure.kept_payloads


def test_fleet_formulas():
    """The issue's request formulas, worked out by hand: the listing takes floor(W/100) + 1 requests."""
    assert expectations.fleet_target('converged', 200, 0) == 3
    assert expectations.fleet_target('converged', 1000, 0) == 11
    assert expectations.fleet_target('converged', 4, 150) == 2
    assert expectations.fleet_target('fresh', 1000, 0) == 1 + 1000  # the listing of an empty workspace, one POST each
    assert expectations.fleet_target('update', 1000, 0, changed=100) == 11 + 100
    assert expectations.fleet_expected('fleet', 'converged', 1000, 0) == 11
    assert expectations.fleet_expected('per_cluster', 'converged', 1000, 0) == 11 + 1000
    assert expectations.fleet_expected('per_cluster', 'fresh', 1000, 0) == 1 + 1000
    assert expectations.fleet_expected('uri', 'converged', 1000, 0) == expectations.fleet_expected('uri', 'fresh', 1000, 0) == 2000
    assert [measure.updated_count(hosts) for hosts in (4, 200, 1000)] == [1, 20, 100]


def test_peak_rss_is_the_measured_process_own(tmp_path):
    """Not the benchmark's: Linux hands a forking parent's peak on to the child's ru_maxrss."""
    script = tmp_path / 'allocate.py'
    script.write_text('import sys\nblock = bytearray(int(sys.argv[1]) << 20)\nblock[::4096] = b"x" * len(block[::4096])\n')
    big, returncode, dummy = harness.peak_rss(str(script), '96')
    small = harness.peak_rss(str(script), '0')[0]
    assert returncode == 0
    assert big >= 96 << 10
    assert small < 40 << 10 < big - small


def test_requests_are_counted_per_task_window():
    records = [{'task': 'a', 'start': 10.0, 'end': 11.0}, {'task': 'b', 'start': 11.5, 'end': 12.0}]
    entries = [{'time': 10.2}, {'time': 10.9}, {'time': 11.7}]
    assert harness.attribute(entries, records) == [2, 1]
    with pytest.raises(harness.BenchError, match='outside every task'):
        harness.attribute(entries + [{'time': 11.2}], records)


def test_tables_from_saved_figures(tmp_path):
    """--from-results prints the tables of saved figures, as the run that measured them printed them, and
    measures nothing (no emulator is started)."""
    saved = os.path.join(report.DOCS, 'performance.json')
    with open(saved, encoding='utf-8') as handle:
        results = json.load(handle)
    proc = subprocess.run([sys.executable, os.path.join(ROOT, 'bench', 'run.py'), '--from-results', saved, '--out', str(tmp_path),
                           '--no-plot'], cwd=ROOT, env=tool_env(), stdout=subprocess.PIPE, text=True, check=True)
    assert '\n' + report.table(results) + '\n' in proc.stdout and 'emulator' not in proc.stdout
    assert os.listdir(str(tmp_path)) == []


def test_bench_runs_from_make():
    """`make bench` runs bench/run.py with the suite's Python, after `make setup`."""
    out = subprocess.run(['make', '-n', 'bench'], cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True).stdout
    assert '.venv/bin/python bench/run.py' in out


def test_the_benchmark_imports_nothing_from_the_test_suite():
    """bench/ stands on its own: the checkout's layout and the emulator process come from tools/checkout.py,
    which the test suite shares, not from tests/."""
    bench_dir = os.path.join(ROOT, 'bench')
    sources = sorted(name for name in os.listdir(bench_dir) if name.endswith('.py'))
    assert sources == ['expectations.py', 'harness.py', 'measure.py', 'report.py', 'run.py']
    for name in sources:
        with open(os.path.join(bench_dir, name), encoding='utf-8') as handle:
            text = handle.read()
        assert 'langsmith.tests' not in text and 'from tests' not in text, name
