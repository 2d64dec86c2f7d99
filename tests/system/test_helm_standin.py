# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The helm stand-in (tests/integration/targets/setup_helm_standin): the charts its repository index
knows, and its line in the call log shared with the Kubernetes API stand-in (STANDIN_CALLS), beside
its own calls.jsonl and releases.json (the order of the shared log's lines: test_k8s_standin.py), and
what it does as Helm 3 and as Helm 4, held to the real Helm 3.17.2 and Helm 4.1.4."""

import json
import os
import re
import subprocess
import tempfile

import pytest
import yaml

from ansible_collections.langchain.langsmith.tests.system import chart
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


# -- as Helm 3 and as Helm 4, held to the real binaries (.build/bin/helm and .build/bin/helm4) ---------

AS = {'3': 'v3.17.3', '4': 'v4.1.4'}


def real(major, *args):
    """The real Helm ``major``'s CompletedProcess for ``args``, with no cluster and folders of its own."""
    binary = chart.HELMS[major]
    if not os.access(binary, os.X_OK):
        pytest.fail('no helm at %s: run make setup' % binary, pytrace=False)
    with tempfile.TemporaryDirectory(prefix='helm-') as home:
        env = dict(os.environ, HELM_CACHE_HOME=home, HELM_CONFIG_HOME=home, HELM_DATA_HOME=home, KUBECONFIG=os.devnull)
        return subprocess.run([binary] + list(args), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=60, check=False)


@pytest.fixture(params=sorted(AS), ids=lambda major: 'helm%s' % major)
def major(request, monkeypatch):
    """The stand-in answering as Helm 3 (its default) or, with HELM_STANDIN_VERSION, as Helm 4."""
    if request.param == '4':
        monkeypatch.setenv('HELM_STANDIN_VERSION', AS['4'])
    else:
        monkeypatch.delenv('HELM_STANDIN_VERSION', raising=False)
    return request.param


def fields(version_output):
    return re.findall(r'(\w+):"', version_output)


def test_version_says_what_the_real_helm_of_its_major_says(helm, major):
    """kubernetes.core reads the version from `helm version` (and decides from it how to speak to Helm)."""
    shown = helm('version').stdout
    assert shown.startswith('version.BuildInfo{Version:"%s", ' % AS[major])
    assert fields(shown) == fields(real(major, 'version').stdout)
    assert fields(real('4', 'version').stdout) == fields(real('3', 'version').stdout) + ['KubeClientVersion']


def test_plugin_list_has_the_columns_of_the_real_helm(helm, major):
    assert helm('plugin', 'list').stdout.splitlines()[0] == real(major, 'plugin', 'list').stdout.splitlines()[0]


def test_list_all_is_refused_by_helm_4_as_by_the_real_one(helm, major):
    proc = helm('list', '--all', check=False)
    if major == '4':
        assert proc.returncode == 1 and proc.stderr == 'Error: unknown flag: --all\n'
        assert real('4', 'list', '--all').stderr.splitlines()[0] == 'Error: unknown flag: --all'
    else:
        assert proc.returncode == 0
        assert '-a, --all ' in real('3', 'list', '--help').stdout


def test_list_without_a_status_flag_lists_every_status_on_helm_4_and_deployed_on_helm_3(helm, major):
    helm('upgrade', '-i', 'dp', 'langgraph-dataplane', '--repo', LANGCHAIN, '-n', 'lgd')
    assert [r['name'] for r in yaml.safe_load(helm('list', '-n', 'lgd', '--deployed').stdout)] == ['dp']
    assert yaml.safe_load(helm('list', '-n', 'lgd', '--failed').stdout) == []
    assert [r['name'] for r in yaml.safe_load(helm('list', '-n', 'lgd').stdout)] == ['dp']
    # what each real Helm says of a list without a status flag
    if major == '4':
        assert 'By default, it lists all releases in any status.' in real('4', 'list', '--help').stdout
    else:
        assert 'show deployed releases. If no other is specified, this will be automatically enabled' in real('3', 'list', '--help').stdout


@pytest.mark.parametrize('old, new', [('--atomic', '--rollback-on-failure'), ('--force', '--force-replace')])
def test_helm_4_takes_the_helm_3_flag_with_the_real_ones_deprecation_and_helm_3_refuses_the_new_one(helm, major, old, new):
    deprecation = 'Flag %s has been deprecated, use %s instead' % (old, new)
    taken = helm('upgrade', '-i', 'dp', 'langgraph-dataplane', '--repo', LANGCHAIN, '-n', 'lgd', old, check=False)
    assert taken.returncode == 0
    assert (deprecation in taken.stderr) == (major == '4')
    assert (deprecation in real(major, 'upgrade', old).stderr) == (major == '4')
    refused = helm('upgrade', '-i', 'dp', 'langgraph-dataplane', '--repo', LANGCHAIN, '-n', 'lgd', new, check=False)
    assert (refused.returncode, refused.stderr) == ((0, '') if major == '4' else (1, 'Error: unknown flag: %s\n' % new))
    assert real(major, 'upgrade', new).stderr.startswith('Error: unknown flag: %s' % new) == (major == '3')
    recorded = [json.loads(line) for line in (helm.dir / 'calls.jsonl').read_text().splitlines()]
    assert [call.get('warnings') for call in recorded] == ([[deprecation], None] if major == '4' else [None, None])


def test_an_unknown_version_is_refused(helm, monkeypatch):
    monkeypatch.setenv('HELM_STANDIN_VERSION', '4.1.4')
    proc = helm('version', check=False)
    assert proc.returncode == 1 and proc.stderr == "Error: HELM_STANDIN_VERSION must be v3.x.y or v4.x.y, not '4.1.4'\n"
