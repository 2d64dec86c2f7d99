# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The filter langchain.langsmith.dataplane_listener_ids: the role's listener IDs of its play's listeners run, from the
same choice of run as the action that sets each cluster's facts (dataplane_result)."""

import pytest

from ansible_collections.langchain.langsmith.plugins.action import dataplane_result
from ansible_collections.langchain.langsmith.plugins.filter.dataplane_listener_ids import FilterModule
from ansible_collections.langchain.langsmith.plugins.modules import listeners as listeners_module
from ansible_collections.langchain.langsmith.tests.unit.fakes import load_emulator, run_module

EMU = load_emulator()

ids_of = FilterModule().filters()['dataplane_listener_ids']
SKIPPED = {'changed': False, 'skipped': True, 'skip_reason': 'Conditional result was False'}


def item(listener_id):
    return {'changed': False, 'diff': {}, 'listener': {'id': listener_id, 'compute_id': 'x'} if listener_id else None}


def run(**items):
    return {'changed': False, 'listeners': items}


def test_the_converging_run_when_it_ran():
    converged = run(**{'cluster-a': item('11111111-1111-1111-1111-111111111111'), 'cluster-b': item(None)})
    checked = run(**{'cluster-a': item('22222222-2222-2222-2222-222222222222')})
    assert ids_of(converged, checked) == {'cluster-a': '11111111-1111-1111-1111-111111111111', 'cluster-b': None}
    assert ids_of(converged, SKIPPED) == ids_of(converged, checked)


def test_the_check_of_the_deletes_when_the_converging_run_was_skipped():
    checked = run(**{'cluster-a': item('22222222-2222-2222-2222-222222222222'), 'cluster-absent': item(None)})
    assert ids_of(SKIPPED, checked) == {'cluster-a': '22222222-2222-2222-2222-222222222222', 'cluster-absent': None}


@pytest.mark.usefixtures('clean_langsmith_env')
def test_the_listeners_modules_own_results(emulator, capsys):
    """Through the listeners module's real results: null before a create (check mode), the ID once created, and a
    listener that the run deletes (or would delete, in check mode) keeps the ID it had."""
    wanted = [{'compute_id': 'c%d' % i, 'k8s_namespaces': ['ns-%d' % i]} for i in range(2)]

    def listeners(items, check_mode=False):
        return run_module(listeners_module, capsys, listeners=items, api_key=EMU.API_KEY, _ansible_check_mode=check_mode)

    assert ids_of(listeners(wanted, check_mode=True), SKIPPED) == {'c0': None, 'c1': None}
    created = ids_of(listeners(wanted), SKIPPED)
    assert all(created.values()) and len(set(created.values())) == 2
    gone = [wanted[0], dict(wanted[1], state='absent')]
    assert ids_of(listeners(gone, check_mode=True), SKIPPED) == created
    assert ids_of(listeners(gone), SKIPPED) == created
    assert ids_of(listeners(gone), SKIPPED) == {'c0': created['c0'], 'c1': None}  # already absent


def test_a_listener_without_an_id_is_null():
    assert ids_of(run(a={'changed': True, 'listener': {}}, b={'changed': True, 'listener': {'id': ''}}), SKIPPED) == {'a': None, 'b': None}


def test_it_chooses_the_run_each_cluster_reports_from():
    """The choice of run is one function, which dataplane_result's host_part uses too."""
    plan = {'listeners': {'host-a': {'compute_id': 'cluster-a', 'state': 'present'}}}
    converged = run(**{'cluster-a': item('11111111-1111-1111-1111-111111111111')})
    checked = run(**{'cluster-a': item('22222222-2222-2222-2222-222222222222')})
    for conv, chk in ((converged, checked), (SKIPPED, checked)):
        task_vars = {'inventory_hostname': 'host-a', '_dataplane_plan': plan, '_dataplane_checked': chk, '_dataplane_converged': conv}
        reported, dummy, dummy, compute_id = dataplane_result.host_part(task_vars)
        assert reported['listener']['id'] == ids_of(conv, chk)[compute_id]
