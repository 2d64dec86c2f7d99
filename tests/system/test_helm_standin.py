# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The helm stand-in (tests/integration/targets/setup_helm_standin): the charts its repository index
knows, and its line in the call log shared with the Kubernetes API stand-in (STANDIN_CALLS), beside
its own calls.jsonl and releases.json. (The order of the shared log's lines: test_k8s_standin.py.)"""

import json

import pytest
import yaml

from ansible_collections.langchain.langsmith.tests.system.standins import read_calls, run_helm

LANGCHAIN = 'https://langchain-ai.github.io/helm/'
KEDA = 'https://kedacore.github.io/charts'
KUBECONFIG = {
    'apiVersion': 'v1', 'kind': 'Config', 'current-context': 'a',
    'clusters': [{'name': 'a', 'cluster': {'server': 'https://a.k8s.invalid:6443'}}],
    'contexts': [{'name': 'a', 'context': {'cluster': 'a', 'user': 'u'}}],
    'users': [{'name': 'u', 'user': {}}],
}


@pytest.fixture
def helm(tmp_path):
    """helm(args...) -> CompletedProcess of the stand-in; .calls_file is the shared log."""
    (tmp_path / 'helm').mkdir()
    kubeconfig = tmp_path / 'kubeconfig'
    kubeconfig.write_text(json.dumps(KUBECONFIG))

    def call(*args, check=True):
        return run_helm(args, tmp_path / 'helm', tmp_path / 'calls.jsonl', kubeconfig, check=check)

    call.dir = tmp_path / 'helm'
    call.calls_file = str(tmp_path / 'calls.jsonl')
    return call


def shown(helm, *args):
    return yaml.safe_load(helm('show', 'chart', *args).stdout)


def test_the_newest_langgraph_dataplane_is_0_2_22(helm):
    newest = shown(helm, 'langgraph-dataplane', '--repo', LANGCHAIN)
    assert (newest['version'], newest['appVersion']) == ('0.2.22', '0.16.36')
    assert shown(helm, 'langgraph-dataplane', '--repo', LANGCHAIN, '--version', '0.2.11')['appVersion'] == '0.12.0'


def test_keda_from_its_repository(helm):
    assert shown(helm, 'keda', '--repo', KEDA) == {'apiVersion': 'v2', 'name': 'keda', 'version': '2.16.1', 'appVersion': '2.16.1'}
    assert shown(helm, 'keda', '--repo', KEDA + '/', '--version', '2.15.2')['appVersion'] == '2.15.2'
    missing = helm('show', 'chart', 'keda', '--repo', KEDA, '--version', '9.9.9', check=False)
    assert missing.returncode == 1 and 'chart "keda" version "9.9.9" not found' in missing.stderr
    assert helm('show', 'chart', 'keda', '--repo', LANGCHAIN, check=False).returncode == 1


def test_each_call_also_goes_to_the_shared_log_without_values(helm, tmp_path):
    values = tmp_path / 'values.yaml'
    values.write_text('config: {langsmithApiKey: lsv2_sk_HelmStandinCanaryWq}\n')
    helm('upgrade', '-i', 'dp', 'langgraph-dataplane', '--repo', LANGCHAIN, '-n', 'lgd', '-f', str(values),
         '--set-json', 'config={"langsmithApiKey": "lsv2_sk_HelmStandinCanaryJs"}')
    helm('get', 'values', 'dp', '-n', 'lgd')
    helm('uninstall', 'dp', '-n', 'lgd')
    assert helm('uninstall', 'dp', '-n', 'lgd', check=False).returncode == 1
    shared = read_calls(helm.calls_file)
    assert [{k: v for k, v in line.items() if k != 'time'} for line in shared] == [
        {'tool': 'helm', 'cluster': 'https://a.k8s.invalid:6443', 'words': ['upgrade', 'dp', 'langgraph-dataplane'], 'release': 'dp',
         'namespace': 'lgd', 'chart': 'langgraph-dataplane', 'rc': 0},
        {'tool': 'helm', 'cluster': 'https://a.k8s.invalid:6443', 'words': ['get', 'values', 'dp'], 'release': 'dp', 'namespace': 'lgd',
         'chart': None, 'rc': 0},
        {'tool': 'helm', 'cluster': 'https://a.k8s.invalid:6443', 'words': ['uninstall', 'dp'], 'release': 'dp', 'namespace': 'lgd',
         'chart': None, 'rc': 0},
        {'tool': 'helm', 'cluster': 'https://a.k8s.invalid:6443', 'words': ['uninstall', 'dp'], 'release': 'dp', 'namespace': 'lgd',
         'chart': None, 'rc': 1},
    ]
    with open(helm.calls_file, encoding='utf-8') as handle:
        assert 'HelmStandinCanary' not in handle.read()
    # its own log and releases, as before: every argument and value
    own = read_calls(str(helm.dir / 'calls.jsonl'))
    assert [call['words'] for call in own] == [line['words'] for line in shared]
    assert own[0]['values_files'][0]['values'] == {'config': {'langsmithApiKey': 'lsv2_sk_HelmStandinCanaryWq'}}
    assert own[0]['flags']['--set-json'] == ['config={"langsmithApiKey": "lsv2_sk_HelmStandinCanaryJs"}']
    assert json.loads((helm.dir / 'releases.json').read_text()) == {'https://a.k8s.invalid:6443': {'lgd': {}}}


def test_no_shared_log_without_standin_calls(tmp_path):
    (tmp_path / 'helm').mkdir()
    run_helm(['version'], tmp_path / 'helm', '', None)  # STANDIN_CALLS empty
    assert sorted(path.name for path in tmp_path.iterdir()) == ['helm']
    assert [call['words'] for call in read_calls(str(tmp_path / 'helm' / 'calls.jsonl'))] == [['version']]
