# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Claims of the guides that the modules must keep, checked against the in-process emulator: each
test reads the claim from the guide and the behaviour from a module run, and fails when either
changes without the other."""

import json
import os
import re

import pytest

from ansible.module_utils.testing import patch_module_args

from ansible_collections.langchain.langsmith.plugins.modules import listener, listeners
from ansible_collections.langchain.langsmith.tests.unit.fakes import BASE_URL, ROOT, load_emulator

EMU = load_emulator()
pytestmark = pytest.mark.usefixtures('clean_langsmith_env')
REQUEST = re.compile(r'`((?:GET|POST|PATCH|DELETE) /v2/listeners(?:/\{id\})?)`')


def guide(name):
    with open(os.path.join(ROOT, 'docs', name), encoding='utf-8') as handle:
        return handle.read()


def section(text, heading):
    """The text under the Markdown heading ``heading``, up to the next heading of any level."""
    start = text.index('\n%s\n' % heading) + len(heading) + 2
    following = re.search(r'^#', text[start:], re.M)
    return text[start:start + following.start()] if following else text[start:]


def table(text):
    """{first cell: second cell} of the Markdown table in ``text``."""
    rows = [[cell.strip() for cell in line.strip().strip('|').split('|')] for line in text.splitlines() if line.startswith('|')]
    return dict((row[0], row[1]) for row in rows[2:])


def run(module, capsys, check_mode=False, **args):
    args = dict(args, api_key=EMU.API_KEY, control_plane_url=BASE_URL, _ansible_check_mode=check_mode)
    with patch_module_args(args):
        with pytest.raises(SystemExit):
            module.main()
    return json.loads(capsys.readouterr().out)


def sent(emulator):
    """The requests of the last run, consecutive pages of one listing counted once."""
    methods = emulator.methods()
    emulator.state.log.clear()
    return [method for number, method in enumerate(methods) if not number or method != methods[number - 1]]


def test_idempotency_says_what_a_converged_run_sends(emulator, capsys):
    claims = table(section(guide('idempotency.md'), '## What a converged run sends'))
    documented = dict((task, REQUEST.findall(sends)) for task, sends in claims.items())
    emulator.seed(150)  # two pages, the listener on the second
    item = dict(compute_id='prod-eu-1', k8s_namespaces=['agents'], version='1.0')
    created = run(listener, capsys, **item)['listener']
    emulator.state.log.clear()

    observed = {}
    result = run(listener, capsys, **item)
    assert not result['changed']
    observed['`listener` without `listener_id`'] = sent(emulator)
    result = run(listener, capsys, listener_id=created['id'], **item)
    assert not result['changed']
    observed['`listener` with `listener_id`'] = sent(emulator)
    result = run(listener, capsys, check_mode=True, **item)
    assert not result['changed']
    observed['`listener` in check mode'] = sent(emulator)
    result = run(listeners, capsys, listeners=[item, dict(compute_id='seed-00001', k8s_namespaces=['seed-00001-ns'])])
    assert not result['changed']
    observed['`listeners`, and the `dataplane` role (which runs it once per play)'] = sent(emulator)

    assert observed == {
        '`listener` without `listener_id`': ['POST /v2/listeners', 'GET /v2/listeners'],
        '`listener` with `listener_id`': ['GET /v2/listeners/{id}'],
        '`listener` in check mode': ['GET /v2/listeners'],
        '`listeners`, and the `dataplane` role (which runs it once per play)': ['GET /v2/listeners'],
    }
    # The check-mode row names the GET by id as its alternative with listener_id.
    documented['`listener` in check mode'] = documented['`listener` in check mode'][:1]
    assert documented == observed
    assert 'answers 409' in claims['`listener` without `listener_id`']


def test_troubleshooting_gives_no_cause_of_a_422_that_the_api_does_not(emulator, capsys):
    """Two listeners that serve one namespace are the collection's rule (the listeners module and the
    role refuse them), not a 422 of the API: the API documentation does not say so and the emulator,
    which follows it, accepts them. So the 422 row must not give it as a cause."""
    first = run(listener, capsys, compute_id='a', k8s_namespaces=['agents'])
    second = run(listener, capsys, compute_id='b', k8s_namespaces=['agents'])
    assert first['changed'] and second['changed'] and not second.get('failed')
    row = next(line for line in guide('troubleshooting.md').splitlines() if line.startswith('| `Request <METHOD> <path> failed: 422'))
    assert not re.search(r'namespace (that )?another listener|already serve', row)
