# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The benchmark (``make bench``, bench/): not a timed test, but its counting is code that must be right.

One small run of bench/run.py (two workspace sizes, one fleet, two repetitions) against its own
emulator; its request counts must equal the issue's formulas, worked out here by hand, and the
uri baseline's counts what that playbook sends. Times and memory are only checked to have been
measured, never against a target.
"""

import json
import os
import subprocess
import sys

import pytest

from ansible_collections.langchain.langsmith.bench import measure
from ansible_collections.langchain.langsmith.tests.system.harness import ROOT, run, tool_env

# workspace size -> case -> (listener module, uri playbook): the module stops at the page that holds
# the match (the last one here); the uri playbook reads every page, and a full last page needs one more.
REQUESTS = {
    10: {'create': (1, 1), 'search': (2, 2), 'listener_id': (1, 1), 'update_search': (3, 3), 'update_listener_id': (2, 2)},
    200: {'create': (1, 1), 'search': (3, 4), 'listener_id': (1, 1), 'update_search': (4, 5), 'update_listener_id': (2, 2)},
}
FLEET_HOSTS = 4
FLEET_OTHERS = 150  # W = 154: a listing of two pages


@pytest.fixture(scope='module')
def bench_run(tmp_path_factory):
    out = str(tmp_path_factory.mktemp('bench'))
    proc = run([sys.executable, os.path.join(ROOT, 'bench', 'run.py'), '--sizes', '10,200', '--reps', '2',
                '--fleet', str(FLEET_HOSTS), '--fleet-others', str(FLEET_OTHERS), '--fleet-reps', '1', '--out', out],
               'bench-small', env=tool_env(), timeout=600)
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
def test_fleet_requests_equal_the_formula(bench_run):
    (fleet,) = bench_run[0]['fleet']
    assert fleet['hosts'] == FLEET_HOSTS and fleet['workspace'] == FLEET_HOSTS + FLEET_OTHERS
    # converged: one listing (2 pages of 100) for the play, one GET by ID per cluster
    assert fleet['role']['requests'] == [2 + FLEET_HOSTS] and fleet['target'] == 2 + FLEET_HOSTS
    # the uri role: POST (409) and GET per cluster
    assert fleet['uri']['requests'] == [2 * FLEET_HOSTS]
    assert len(fleet['role']['s']) == len(fleet['uri']['s']) == 1 and fleet['ratio'] > 0


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
    assert '| 200 | converged, found by search (worst case: last page) | 3 | 3 | 4 | ok |' in output
    assert all(row['module_ms'] > 0 and row['uri_ms'] > 0 for row in results['requests'])
    assert '| %d | %d | 6 | 6 | 8 |' % (FLEET_HOSTS, FLEET_HOSTS + FLEET_OTHERS) in output
    with open(os.path.join(out, 'performance.png'), 'rb') as handle:
        assert handle.read(8) == b'\x89PNG\r\n\x1a\n'


def test_peak_rss_is_the_measured_process_own(tmp_path):
    """Not the benchmark's: Linux hands a forking parent's peak on to the child's ru_maxrss."""
    script = tmp_path / 'allocate.py'
    script.write_text('import sys\nblock = bytearray(int(sys.argv[1]) << 20)\nblock[::4096] = b"x" * len(block[::4096])\n')
    big, returncode, dummy = measure.peak_rss(str(script), '96')
    small = measure.peak_rss(str(script), '0')[0]
    assert returncode == 0
    assert big >= 96 << 10
    assert small < 40 << 10 < big - small


def test_requests_are_counted_per_task_window():
    records = [{'task': 'a', 'start': 10.0, 'end': 11.0}, {'task': 'b', 'start': 11.5, 'end': 12.0}]
    entries = [{'time': 10.2}, {'time': 10.9}, {'time': 11.7}]
    assert measure.attribute(entries, records) == [2, 1]
    with pytest.raises(measure.BenchError, match='outside every task'):
        measure.attribute(entries + [{'time': 11.2}], records)


def test_bench_runs_from_make():
    """`make bench` runs bench/run.py with the suite's Python, after `make setup`."""
    out = subprocess.run(['make', '-n', 'bench'], cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True).stdout
    assert '.venv/bin/python bench/run.py' in out


def test_performance_page_shows_the_published_figures_and_its_claims_hold():
    """docs/performance.md: its table is the one `bench/run.py --publish` made from docs/performance.json,
    that run was a full one, and each target the page calls met is met by those figures."""
    from ansible_collections.langchain.langsmith.bench import run as bench  # pylint: disable=import-outside-toplevel

    with open(os.path.join(ROOT, 'docs', 'performance.json'), encoding='utf-8') as handle:
        results = json.load(handle)
    with open(os.path.join(ROOT, 'docs', 'performance.md'), encoding='utf-8') as handle:
        page = handle.read()
    shown = page[page.index(bench.TABLE_START) + len(bench.TABLE_START):page.index(bench.TABLE_END)]
    assert shown == '\n' + bench.table(results) + '\n', 'rerun `make bench BENCH_ARGS=--publish`'
    with open(os.path.join(ROOT, 'docs', 'performance.png'), 'rb') as handle:
        assert handle.read(8) == b'\x89PNG\r\n\x1a\n'
    for name in ('sizes', 'fleet', 'reps', 'fleet_reps'):
        assert results['settings'][name] == bench.FULL[name]
    assert not results['settings']['quick'] and results['settings']['fleet_others'] == 0
    # what the page's table of targets says
    assert all(row['module'] <= row['target'] == measure.targets(row['workspace'])[row['case']] for row in results['requests'])
    for fleet in results['fleet']:
        workspace, hosts = fleet['workspace'], fleet['hosts']
        assert set(fleet['role']['requests']) == {workspace // 100 + 1 + hosts}  # ceil(W/100) + H, +1 when 100 divides W
        assert max(fleet['role']['requests']) < min(fleet['uri']['requests'])
    assert results['times_pooled']['ratio']['listener_id'] <= bench.TIME_TARGET
    (fleet_200,) = [fleet for fleet in results['fleet'] if fleet['hosts'] == bench.FLEET_TIME_HOSTS]
    assert fleet_200['ratio'] <= bench.FLEET_TIME_TARGET
    assert max(results['memory']['mb'].values()) <= bench.MEMORY_TARGET_MB
    # and the figures its table of targets quotes are the published ones
    quoted = ['%.2f in the published run' % results['times_pooled']['ratio']['listener_id'],
              '%.2f, with %d requests against %d' % (fleet_200['ratio'], max(fleet_200['role']['requests']), min(fleet_200['uri']['requests'])),
              '%.0f MB at most' % max(results['memory']['mb'].values()),
              '%.0f MB for `listener`' % max(mb for name, mb in results['memory']['mb'].items() if name.startswith('listener,'))]
    assert [text for text in quoted if text not in page] == []
