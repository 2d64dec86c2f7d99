# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Claims of the guides that the modules must keep, checked against the in-process emulator: each
test reads the claim from the guide and the behaviour from a module run, and fails when either
changes without the other."""

import ast
import glob
import os
import re

import pytest
import yaml

from ansible.module_utils.basic import AnsibleModule
from ansible.parsing.dataloader import DataLoader
from ansible.template import Templar

try:
    from ansible.template import trust_as_template
except ImportError:  # ansible-core 2.16 to 2.18: every string is a template
    from ansible_collections.langchain.langsmith.tests.unit.compat import trust_as_template

from ansible_collections.langchain.langsmith.plugins.doc_fragments import connection
from ansible_collections.langchain.langsmith.plugins.inventory import listeners as listeners_inventory
from ansible_collections.langchain.langsmith.plugins.module_utils._urls import HOSTED_REGIONS
from ansible_collections.langchain.langsmith.plugins.modules import listener, listener_info, listeners
from ansible_collections.langchain.langsmith.tests.docs.pages import GUIDES, code_blocks, every_row, guide, literals, rows, section
from ansible_collections.langchain.langsmith.tests.unit.fakes import ROOT, load_emulator, run_module

EMU = load_emulator()
pytestmark = pytest.mark.usefixtures('clean_langsmith_env')
REQUEST = re.compile(r'``((?:GET|POST|PATCH|DELETE) /v2/listeners(?:/\{id\})?)``')


def run(module, capsys, check_mode=False, **args):
    return run_module(module, capsys, **dict(dict(api_key=EMU.API_KEY, _ansible_check_mode=check_mode), **args))


def sent(emulator):
    """The requests of the last run, consecutive pages of one listing counted once."""
    methods = emulator.methods()
    emulator.state.log.clear()
    return [method for number, method in enumerate(methods) if not number or method != methods[number - 1]]


def test_idempotency_says_what_a_converged_run_sends(emulator, capsys):
    claims = dict((row[0], row[1]) for row in rows(section(guide('idempotency'), 'What a converged run sends')))
    documented = dict((task, REQUEST.findall(sends)) for task, sends in claims.items())
    emulator.seed(150)  # two pages, the listener on the second
    item = dict(compute_id='prod-eu-1', k8s_namespaces=['agents'], version='1.0')
    created = run(listener, capsys, **item)['listener']
    emulator.state.log.clear()

    observed = {}
    result = run(listener, capsys, **item)
    assert not result['changed']
    observed['``listener`` without ``listener_id``'] = sent(emulator)
    result = run(listener, capsys, listener_id=created['id'], **item)
    assert not result['changed']
    observed['``listener`` with ``listener_id``'] = sent(emulator)
    result = run(listener, capsys, check_mode=True, **item)
    assert not result['changed']
    observed['``listener`` in check mode'] = sent(emulator)
    result = run(listeners, capsys, listeners=[item, dict(compute_id='seed-00001', k8s_namespaces=['seed-00001-ns'])])
    assert not result['changed']
    observed['``listeners``, and the ``dataplane`` role (which runs it once per play)'] = sent(emulator)

    assert observed == {
        '``listener`` without ``listener_id``': ['POST /v2/listeners', 'GET /v2/listeners'],
        '``listener`` with ``listener_id``': ['GET /v2/listeners/{id}'],
        '``listener`` in check mode': ['GET /v2/listeners'],
        '``listeners``, and the ``dataplane`` role (which runs it once per play)': ['GET /v2/listeners'],
    }
    # The check-mode row names the GET by id as its alternative with listener_id.
    documented['``listener`` in check mode'] = documented['``listener`` in check mode'][:1]
    assert documented == observed
    assert 'answers 409' in claims['``listener`` without ``listener_id``']


def test_troubleshooting_gives_no_cause_of_a_422_that_the_api_does_not(emulator, capsys):
    """Two listeners that serve one namespace are the collection's rule (the listeners module and the
    role refuse them), not a 422 of the API: the API documentation does not say so and the emulator,
    which follows it, accepts them. So the 422 row must not give it as a cause."""
    first = run(listener, capsys, compute_id='a', k8s_namespaces=['agents'])
    second = run(listener, capsys, compute_id='b', k8s_namespaces=['agents'])
    assert first['changed'] and second['changed'] and not second.get('failed')
    (row,) = [' '.join(cells) for dummy, cells in every_row(guide('troubleshooting'), 'Message')
              if cells[0].startswith('``Request <METHOD> <path> failed: 422')]
    assert not re.search(r'namespace (that )?another listener|already serve', row)


HOSTED = re.compile(r'https://(?:[a-z]+\.)?api\.host\.langchain\.com')


@pytest.mark.parametrize('path', ['README.md', 'docs/docsite/rst/authentication.rst', 'docs/docsite/rst/getting-started.rst',
                                  'plugins/doc_fragments/connection.py'])
def test_the_docs_list_exactly_the_hosted_regions(path):
    """_urls.HOSTED_REGIONS is the one place in the code; every list of them a user reads says the same."""
    with open(os.path.join(ROOT, path), encoding='utf-8') as handle:
        assert set(HOSTED.findall(handle.read())) == set(url for name, url, smith in HOSTED_REGIONS)


def test_authentication_names_each_hosted_region_with_its_url():
    regions = dict((row[0][len('LangSmith cloud, '):], literals(row[1])[0])
                   for row in rows(section(guide('authentication'), 'Which URL')) if row[0].startswith('LangSmith cloud, '))
    assert regions == dict((name, url) for name, url, smith in HOSTED_REGIONS)


@pytest.mark.parametrize('url, warnings', [
    ('https://control-plane.test', ['validate_certs is false: the TLS certificate of https://control-plane.test is not verified']),
    ('http://127.0.0.1:8080', []),
    ('http://control-plane.test', ['control_plane_url http://control-plane.test is plain http:// to a host that is not loopback: '
                                   'the API key crosses the network unencrypted, readable by anyone on the way. Use https://']),
], ids=['https', 'http-loopback', 'http-elsewhere'])
def test_validate_certs_false_warns_on_https_only(emulator, capsys, monkeypatch, url, warnings):
    """docs/docsite/rst/authentication.rst (TLS): the validate_certs warning is for https:// URLs; on http:// the
    option changes nothing, and only the plain-http warning applies, to a host that is not loopback."""
    given = []
    monkeypatch.setattr(AnsibleModule, 'warn', lambda self, msg: given.append(msg))
    result = run(listener_info, capsys, validate_certs=False, control_plane_url=url)
    assert not result.get('failed') and given == warnings
    text = ' '.join(section(guide('authentication'), 'TLS').split())
    assert 'with an ``https://`` URL every module (and the inventory plugin) warns on every run' in text
    assert 'On an ``http://`` URL, which has no certificate, ``validate_certs`` changes nothing and brings no warning of its own' in text


def _descriptions(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == 'description':
                yield from ([value] if isinstance(value, str) else value)
            else:
                yield from _descriptions(value)
    elif isinstance(node, list):
        for item in node:
            yield from _descriptions(item)


def test_the_inventory_plugins_documentation_speaks_of_no_single_module_or_task():
    """The inventory plugin shows the connection options' documentation too (the shared doc fragment):
    it must not promise what 'the module' does or how 'the task' fails, which an inventory has not."""
    texts = [connection.ModuleDocFragment.DOCUMENTATION, connection.ModuleDocFragment.PLUGIN, listeners_inventory.DOCUMENTATION]
    sentences = [text for doc in texts for text in _descriptions(yaml.safe_load(doc))]
    assert len(sentences) > 20
    wrong = [text for text in sentences if re.search(r"\b(?:the|this) (?:module|task)\b|\btask's\b|fails the task", text)]
    assert not wrong, wrong


def test_one_name_for_a_clusters_namespaces():
    """The per-cluster variable of a cluster's namespaces is langsmith_k8s_namespaces, as the role and
    the inventory plugin name it, in every example a user reads."""
    others = re.compile(r'\b(?:langsmith_namespaces|cluster_namespaces)\b')
    found = []
    for pattern in ('README.md', os.path.join(GUIDES, '*.rst'), 'plugins/**/*.py', 'roles/**/*.yml', 'playbooks/*.yml', 'examples/**/*.yml',
                    'extensions/**/*.yml', 'extensions/**/*.json'):
        for path in glob.glob(os.path.join(ROOT, pattern), recursive=True):
            with open(path, encoding='utf-8') as handle:
                found += ['%s: %s' % (os.path.relpath(path, ROOT), name) for name in others.findall(handle.read())]
    assert not found, found


FAILURE = {'status': 'int', 'detail': 'str', 'method': 'str', 'path': 'str'}


@pytest.mark.parametrize('module', [listener, listener_info, listeners], ids=lambda module: module.__name__.rsplit('.', 1)[-1])
def test_the_status_of_a_failure_is_a_documented_return_value(emulator, capsys, module):
    """docs/docsite/rst/troubleshooting.rst tells users to read result.status and result.detail, there on every failure
    (null where they do not apply); each module's RETURN documents the four keys."""
    emulator.fault(status=403, times=1)
    args = dict(compute_id='c1') if module is listener else dict(listeners=[dict(compute_id='c1')]) if module is listeners else {}
    result = run(module, capsys, **args)
    assert result['failed'] and result['status'] == 403 and result['detail'] == 'Injected fault: 403'
    assert result['method'] in ('GET', 'POST') and result['path'] == '/v2/listeners'
    for bad in (dict(timeout=0), dict(validate_certs='maybe')):  # refused by the collection; by ansible-core
        bad_input = run(module, capsys, **dict(args, **bad))
        assert bad_input['failed'] and dict((key, bad_input[key]) for key in FAILURE) == dict.fromkeys(FAILURE), bad
    returned = yaml.safe_load(module.RETURN)
    for key, kind in FAILURE.items():
        assert returned[key]['type'] == kind and returned[key]['returned'] == 'failure', key
    text = ' '.join(guide('troubleshooting').split())
    assert '``result.status`` or ``result.detail`` never meets an undefined variable' in text
    assert 'Each of the four is there on every failure, ``null`` where it does not apply (an option that ansible-core refuses included)' in text


def test_the_troubleshooting_failed_when_tells_the_failures_apart(emulator, capsys):
    """The guide's failed_when, over real results: the 403 of a workspace without listeners passes, a wrong key fails."""
    (block,) = [body for language, body, dummy in code_blocks(guide('troubleshooting')) if 'failed_when' in body]
    (task,) = yaml.safe_load(block)
    args = dict(task['langchain.langsmith.listener'])

    def failed(result):
        """As ansible-core evaluates a list of conditions: each in turn, up to the first that is false."""
        templar = Templar(loader=DataLoader(), variables={task['register']: result})
        return all(templar.template(trust_as_template('{{ %s }}' % condition)) in (True, 'True') for condition in task['failed_when'])

    plan = run(listener, capsys, **dict(args, api_key=EMU.FREE_API_KEY))
    wrong_key = run(listener, capsys, **dict(args, api_key='lsv2_sk_wrong'))
    created = run(listener, capsys, **args)
    assert plan['failed'] and plan['status'] == 403 and wrong_key['failed'] and wrong_key['status'] == 401
    assert [failed(plan), failed(wrong_key), failed(created)] == [False, True, False]
    assert created['operation'] == 'create'


def example(module, name):
    """The task of ``module``'s EXAMPLES called ``name``."""
    return next(task for task in yaml.safe_load(module.EXAMPLES) if task['name'] == name)


def test_listener_infos_example_finds_a_namespaces_cluster_beside_a_listener_without_namespaces(emulator, capsys):
    """The example 'Which cluster serves namespace agents?' failed with "argument of type 'NoneType' is
    not iterable" on a listener whose namespaces are null in the API; it runs over what the module returns."""
    emulator.state.create(EMU.WORKSPACE_ID, 'bare', k8s_namespaces=None)
    emulator.state.create(EMU.WORKSPACE_ID, 'prod-eu-1', k8s_namespaces=['agents', 'agents-batch'])
    registered = example(listener_info, 'Every listener of the workspace')['register']
    question = example(listener_info, 'Which cluster serves namespace agents?')['ansible.builtin.debug']['msg']
    templar = Templar(loader=DataLoader(), variables={registered: run(listener_info, capsys)})
    answer = templar.template(trust_as_template(question))
    # (ansible-core 2.16 to 2.18 render a template to text, unless jinja2_native is on)
    assert (answer if isinstance(answer, list) else ast.literal_eval(answer)) == ['prod-eu-1']


def test_the_purge_preview_prints_what_the_guide_shows(emulator, capsys):
    """The idempotency guide, "Purge safely": the check-mode message of its example, run as it describes."""
    text = section(guide('idempotency'), 'Purge safely')
    shown = [body for language, body, dummy in code_blocks(text) if language == 'text'][0].strip()
    for name in ('prod-eu-1', 'prod-us-1', 'stray'):
        emulator.state.create(EMU.WORKSPACE_ID, name, k8s_namespaces=[name])
    assert 'listeners ``prod-eu-1``, ``prod-us-1`` and ``stray`` in workspace ``workspace_id``' in ' '.join(text.split())
    result = run_module(listeners, capsys, api_key=EMU.API_KEY, workspace_id=EMU.WORKSPACE_ID, purge=True,
                        listeners=[{'compute_id': 'prod-eu-1'}, {'compute_id': 'prod-us-1'}], _ansible_check_mode=True,
                        _ansible_diff=True)
    assert result['msg'] == shown
    assert [d['before_header'] for d in result['diff']] == ['listener stray (workspace %s)' % EMU.WORKSPACE_ID]
