# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Kubernetes API stand-in (tests/integration/targets/setup_k8s_standin): the real
kubernetes.core.k8s module, run by ansible-playbook, creates, reads, changes and deletes Namespaces
and Secrets in it (and Roles, RoleBindings, CRDs and their custom resources), in check mode too, in two clusters of one kubeconfig; the API's answers one by
one; its call log, shared in order with the helm stand-in's, which never holds a secret; k8s.sh."""

import base64
import fcntl
import json
import os
import subprocess
import sys
import threading
import time

import pytest
import yaml

from ansible_collections.langchain.langsmith.tests.system.harness import DEFAULT_LINE, LINES, tool_env
from ansible_collections.langchain.langsmith.tests.system.plays import Plays, task
from ansible_collections.langchain.langsmith.tests.system.standins import HELM_STANDIN, K8S_SH, K8sStandin, read_calls, run_helm

pytestmark = pytest.mark.slow

KEY_1 = 'lsv2_sk_StandinCanaryQxWvTpRm'
KEY_2 = 'lsv2_sk_StandinCanaryZnKjHgFd'
WRITES = ('POST', 'PUT', 'PATCH', 'DELETE')
K8S_FIELDS = {'tool', 'time', 'cluster', 'method', 'path', 'query', 'kind', 'name', 'namespace', 'dry_run', 'status'}
HELM_FIELDS = {'tool', 'time', 'cluster', 'words', 'release', 'namespace', 'chart', 'rc'}


@pytest.fixture
def standin(tmp_path):
    server = K8sStandin(tmp_path)
    yield server
    server.stop()


def namespace(name, **metadata):
    return {'apiVersion': 'v1', 'kind': 'Namespace', 'metadata': dict(metadata, name=name)}


def secret(name, namespace_name='team-a', **fields):
    return dict({'apiVersion': 'v1', 'kind': 'Secret', 'metadata': {'name': name, 'namespace': namespace_name}}, **fields)


def b64(text):
    return base64.b64encode(text.encode()).decode()


class Kube:
    """Playbooks of kubernetes.core.k8s tasks against the stand-in, with one kubeconfig."""

    def __init__(self, tmp_path, server, *clusters, line=DEFAULT_LINE):
        self.server = server
        self.plays = Plays(tmp_path)
        self.kubeconfig = server.kubeconfig(tmp_path / 'kubeconfig', *(clusters or ('cluster-a',)))
        self.line = line
        self.env = tool_env(line, TMPDIR=tmp_path)  # the client keeps its discovery cache in the temporary folder

    def k8s(self, definition, check_mode=False, **args):
        keywords = {'check_mode': True} if check_mode else {}
        return task('kubernetes.core.k8s', keywords, kubeconfig=self.kubeconfig, definition=definition, **args)

    def run(self, name, *tasks):
        """(outcome, the calls the stand-in received meanwhile)."""
        before = len(self.server.calls())
        outcome = self.plays.run(name, *tasks, env=self.env, line=self.line)
        return outcome, self.server.calls()[before:]


def objects(calls):
    """(method, name, status) of the calls on objects (not discovery)."""
    return [(call['method'], call['name'], call['status']) for call in calls if call['kind']]


def writes(calls):
    return [call for call in calls if call['method'] in WRITES and not call['dry_run']]


def secret_data(server, name, namespace_name='team-a', cluster='cluster-a'):
    stored = server.state()[cluster]['secrets'].get(namespace_name, {}).get(name)
    return None if stored is None else {key: base64.b64decode(value).decode() for key, value in stored.get('data', {}).items()}


# --- kubernetes.core.k8s ---------------------------------------------------------------------------

def test_the_client_discovers_version_apis_and_api_v1_once(standin, tmp_path):
    kube = Kube(tmp_path, standin)
    outcome, calls = kube.run('discovery', kube.k8s(namespace('team-a')), kube.k8s(namespace('team-b')))
    assert outcome.rc == 0, outcome
    # the first module run asks for the server's version, the API groups and core/v1's resources;
    # the second finds them in the client's discovery cache (a file in TMPDIR, per server URL)
    assert [call['path'] for call in calls] == ['/version', '/apis', '/api/v1', '/api/v1/namespaces/team-a', '/api/v1/namespaces',
                                                '/api/v1/namespaces/team-b', '/api/v1/namespaces']
    assert [name for name in os.listdir(str(tmp_path)) if name.startswith('k8srcp-')]


@pytest.mark.parametrize('line', LINES, ids=str)
def test_three_namespaces_from_one_task_then_a_rerun_changes_nothing(standin, tmp_path, line):
    kube = Kube(tmp_path, standin, line=line)
    names = ['team-a', 'team-b', 'team-c']
    first, calls = kube.run('namespaces', kube.k8s([namespace(name) for name in names]))
    assert first.rc == 0, first
    assert first.result['changed'] is True
    assert [result['changed'] for result in first.result['result']['results']] == [True, True, True]
    assert objects(calls) == [(method, name, status) for name in names for method, status in (('GET', 404), ('POST', 201))]
    held = standin.state()['cluster-a']['namespaces']
    assert all(held[name]['status'] == {'phase': 'Active'} for name in names)
    versions = {name: held[name]['metadata']['resourceVersion'] for name in names}

    again, calls = kube.run('namespaces-again', kube.k8s([namespace(name) for name in names]))
    assert again.rc == 0, again
    assert again.result['changed'] is False
    # kubernetes.core.k8s (without apply) reads each object and patches it with the definition,
    # changed or not; the patch changes nothing, so no object gets a new resourceVersion
    assert objects(calls) == [(method, name, 200) for name in names for method in ('GET', 'PATCH')]
    assert not [call for call in calls if call['method'] in ('POST', 'PUT', 'DELETE')]
    held = standin.state()['cluster-a']['namespaces']
    assert {name: held[name]['metadata']['resourceVersion'] for name in names} == versions


def test_apply_creates_and_a_rerun_sends_no_write(standin, tmp_path):
    kube = Kube(tmp_path, standin)
    definition = namespace('team-a', labels={'team': 'a'})
    first, calls = kube.run('apply', kube.k8s(definition, apply=True))
    assert first.rc == 0 and first.result['changed'] is True, first
    assert [(call['method'], call['status']) for call in writes(calls)] == [('POST', 201)]
    held = standin.state()['cluster-a']['namespaces']['team-a']
    assert held['metadata']['labels']['team'] == 'a'
    assert 'kubectl.kubernetes.io/last-applied-configuration' in held['metadata']['annotations']

    again, calls = kube.run('apply-again', kube.k8s(definition, apply=True))
    assert again.rc == 0 and again.result['changed'] is False, again
    assert calls and writes(calls) == []

    changed, calls = kube.run('apply-change', kube.k8s(namespace('team-a', labels={'team': 'a2'}), apply=True))
    assert changed.rc == 0 and changed.result['changed'] is True, changed
    assert [(call['method'], call['status']) for call in writes(calls)] == [('PATCH', 200)]
    assert standin.state()['cluster-a']['namespaces']['team-a']['metadata']['labels']['team'] == 'a2'


def test_a_secret_through_check_mode_create_change_and_delete(standin, tmp_path):
    kube = Kube(tmp_path, standin)
    assert kube.run('namespace', kube.k8s(namespace('team-a')))[0].rc == 0
    first = secret('langsmith-api-key', stringData={'langsmith_api_key': KEY_1}, data={'note': b64('plain')})

    check, calls = kube.run('check-create', kube.k8s(first, check_mode=True))
    assert check.rc == 0 and check.result['changed'] is True, check
    assert [(call['method'], call['dry_run'], call['status']) for call in calls] == [('GET', False, 404), ('POST', True, 201)]
    assert secret_data(standin, 'langsmith-api-key') is None

    create, calls = kube.run('create', kube.k8s(first))
    assert create.rc == 0 and create.result['changed'] is True, create
    assert objects(calls) == [('GET', 'langsmith-api-key', 404), ('POST', 'langsmith-api-key', 201)]
    assert secret_data(standin, 'langsmith-api-key') == {'langsmith_api_key': KEY_1, 'note': 'plain'}
    version = standin.state()['cluster-a']['secrets']['team-a']['langsmith-api-key']['metadata']['resourceVersion']

    rerun, calls = kube.run('rerun', kube.k8s(first))
    assert rerun.rc == 0 and rerun.result['changed'] is False, rerun

    second = secret('langsmith-api-key', stringData={'langsmith_api_key': KEY_2})
    check, calls = kube.run('check-change', kube.k8s(second, check_mode=True))
    assert check.rc == 0 and check.result['changed'] is True, check
    assert [(call['method'], call['dry_run']) for call in calls] == [('GET', False), ('PATCH', True)]
    assert secret_data(standin, 'langsmith-api-key')['langsmith_api_key'] == KEY_1

    change, calls = kube.run('change', kube.k8s(second))
    assert change.rc == 0 and change.result['changed'] is True, change
    assert objects(calls) == [('GET', 'langsmith-api-key', 200), ('PATCH', 'langsmith-api-key', 200)]
    assert secret_data(standin, 'langsmith-api-key') == {'langsmith_api_key': KEY_2, 'note': 'plain'}  # a patch: other keys stay
    assert int(standin.state()['cluster-a']['secrets']['team-a']['langsmith-api-key']['metadata']['resourceVersion']) > int(version)

    delete, calls = kube.run('delete', kube.k8s(second, state='absent'))
    assert delete.rc == 0 and delete.result['changed'] is True, delete
    assert objects(calls) == [('GET', 'langsmith-api-key', 200), ('DELETE', 'langsmith-api-key', 200)]
    assert secret_data(standin, 'langsmith-api-key') is None

    again, calls = kube.run('delete-again', kube.k8s(second, state='absent'))
    assert again.rc == 0 and again.result['changed'] is False, again
    assert objects(calls) == [('GET', 'langsmith-api-key', 404)]

    with open(standin.calls_file, encoding='utf-8') as handle:
        log = handle.read()
    for value in (KEY_1, KEY_2, b64(KEY_1), b64(KEY_2), 'plain', b64('plain')):
        assert value not in log


def test_a_secret_in_a_missing_namespace_fails_as_on_a_cluster(standin, tmp_path):
    kube = Kube(tmp_path, standin)
    outcome, calls = kube.run('nowhere', kube.k8s(secret('langsmith-api-key', 'nowhere', stringData={'k': 'v'})))
    assert outcome.rc != 0
    assert 'Failed to create object' in outcome.output and 'namespaces \\"nowhere\\" not found' in outcome.output
    assert objects(calls) == [('GET', 'langsmith-api-key', 404), ('POST', 'langsmith-api-key', 404)]


def test_two_clusters_of_one_kubeconfig_by_context(standin, tmp_path):
    kube = Kube(tmp_path, standin, 'cluster-a', 'cluster-b')
    outcome, calls = kube.run('two-clusters', kube.k8s(namespace('team-b'), context='cluster-b'),
                              kube.k8s(namespace('team-a')))  # the current context: the first cluster
    assert outcome.rc == 0, outcome
    state = standin.state()
    assert 'team-b' in state['cluster-b']['namespaces'] and 'team-b' not in state['cluster-a']['namespaces']
    assert 'team-a' in state['cluster-a']['namespaces'] and 'team-a' not in state['cluster-b']['namespaces']
    assert [(call['cluster'], call['method'], call['name']) for call in calls if call['kind']] == [
        ('cluster-b', 'GET', 'team-b'), ('cluster-b', 'POST', 'team-b'), ('cluster-a', 'GET', 'team-a'), ('cluster-a', 'POST', 'team-a')]


# --- the API, call by call -------------------------------------------------------------------------

def test_discovery_answers(standin):
    status, version = standin.request('GET', '/clusters/c1/version')
    assert status == 200 and version['gitVersion'].startswith('v1.')
    assert standin.request('GET', '/clusters/c1/api')[1]['versions'] == ['v1']
    resources = standin.request('GET', '/clusters/c1/api/v1')[1]
    assert resources['groupVersion'] == 'v1'
    assert [(r['name'], r['kind'], r['namespaced']) for r in resources['resources']] == [('namespaces', 'Namespace', False), ('secrets', 'Secret', True)]
    groups = standin.request('GET', '/clusters/c1/apis')[1]
    assert [(group['name'], group['preferredVersion']['version']) for group in groups['groups']] == [
        ('apiextensions.k8s.io', 'v1'), ('rbac.authorization.k8s.io', 'v1')]
    rbac = standin.request('GET', '/clusters/c1/apis/rbac.authorization.k8s.io/v1')[1]
    assert [(r['name'], r['kind'], r['namespaced']) for r in rbac['resources']] == [('roles', 'Role', True), ('rolebindings', 'RoleBinding', True)]
    status, answer = standin.request('GET', '/clusters/c1/apis/apps/v1')
    assert status == 404 and answer['kind'] == 'Status' and answer['reason'] == 'NotFound'


LGP_CRD = {'apiVersion': 'apiextensions.k8s.io/v1', 'kind': 'CustomResourceDefinition', 'metadata': {'name': 'lgps.apps.langchain.ai'},
           'spec': {'group': 'apps.langchain.ai', 'scope': 'Namespaced', 'names': {'kind': 'LGP', 'plural': 'lgps', 'singular': 'lgp'},
                    'versions': [{'name': 'v1alpha1', 'served': True, 'storage': True}]}}


def lgp(name, namespace_name):
    return {'apiVersion': 'apps.langchain.ai/v1alpha1', 'kind': 'LGP', 'metadata': {'name': name, 'namespace': namespace_name}, 'spec': {}}


def test_a_crd_serves_its_resources_in_its_cluster_only(standin):
    lgps = '/clusters/c1/apis/apps.langchain.ai/v1alpha1'
    assert standin.request('GET', lgps + '/lgps')[0] == 404  # no CRD yet
    assert standin.request('POST', '/clusters/c1/apis/apiextensions.k8s.io/v1/customresourcedefinitions', LGP_CRD)[0] == 201
    assert ('apps.langchain.ai', 'v1alpha1') in [(group['name'], group['preferredVersion']['version'])
                                                 for group in standin.request('GET', '/clusters/c1/apis')[1]['groups']]
    assert [r['kind'] for r in standin.request('GET', lgps)[1]['resources']] == ['LGP']
    assert standin.request('GET', '/clusters/c2/apis/apps.langchain.ai/v1alpha1/lgps')[0] == 404
    for name in ('team-a', 'team-b'):
        assert standin.request('POST', '/clusters/c1/api/v1/namespaces', namespace(name))[0] == 201
    assert standin.request('POST', lgps + '/namespaces/team-a/lgps', lgp('agent-1', 'team-a'))[0] == 201
    assert standin.request('POST', lgps + '/namespaces/team-b/lgps', lgp('agent-2', 'team-b'))[0] == 201
    listed = standin.request('GET', lgps + '/lgps')[1]  # every namespace's
    assert listed['kind'] == 'LGPList' and listed['apiVersion'] == 'apps.langchain.ai/v1alpha1'
    assert [(item['metadata']['namespace'], item['metadata']['name']) for item in listed['items']] == [('team-a', 'agent-1'), ('team-b', 'agent-2')]
    status, answer = standin.request('POST', lgps + '/namespaces/team-a/lgps', dict(lgp('agent-3', 'team-a'), apiVersion='v1'))
    assert status == 400 and 'not a apps.langchain.ai/v1alpha1/LGP' in answer['message']
    # a namespace takes its custom resources with it; the CRD, cluster-wide, stays
    assert standin.request('DELETE', '/clusters/c1/api/v1/namespaces/team-a')[0] == 200
    assert [item['metadata']['name'] for item in standin.request('GET', lgps + '/lgps')[1]['items']] == ['agent-2']
    assert list(standin.state()['c1']['customresourcedefinitions']) == ['lgps.apps.langchain.ai']


def test_roles_crds_and_custom_resources_through_kubernetes_core(standin, tmp_path):
    kube = Kube(tmp_path, standin)
    role = {'apiVersion': 'rbac.authorization.k8s.io/v1', 'kind': 'Role', 'metadata': {'name': 'log-access', 'namespace': 'team-a'},
            'rules': [{'apiGroups': [''], 'resources': ['pods/log'], 'verbs': ['get']}]}
    binding = {'apiVersion': 'rbac.authorization.k8s.io/v1', 'kind': 'RoleBinding', 'metadata': {'name': 'log-access', 'namespace': 'team-a'},
               'roleRef': {'apiGroup': 'rbac.authorization.k8s.io', 'kind': 'Role', 'name': 'log-access'},
               'subjects': [{'kind': 'ServiceAccount', 'name': 'langsmith-host-backend', 'namespace': 'langsmith'}]}
    first, calls = kube.run('rbac', kube.k8s([namespace('team-a'), role, binding, LGP_CRD]), kube.k8s(lgp('agent-1', 'team-a')),
                            task('kubernetes.core.k8s_info', {}, kubeconfig=kube.kubeconfig, api_version='apps.langchain.ai/v1alpha1', kind='LGP'))
    assert first.rc == 0, first
    assert [item['metadata']['name'] for item in first.result['resources']] == ['agent-1']
    state = standin.state()['cluster-a']
    assert state['roles']['team-a']['log-access']['rules'] == role['rules']
    assert state['rolebindings']['team-a']['log-access']['subjects'] == binding['subjects']
    again, calls = kube.run('rbac-again', kube.k8s([namespace('team-a'), role, binding, LGP_CRD]))
    assert again.rc == 0 and again.result['changed'] is False, again


def test_every_cluster_has_its_own_objects_and_the_builtin_namespaces(standin):
    assert standin.request('POST', '/clusters/c1/api/v1/namespaces', namespace('team-a'))[0] == 201
    listed = {cluster: [item['metadata']['name'] for item in standin.request('GET', '/clusters/%s/api/v1/namespaces' % cluster)[1]['items']]
              for cluster in ('c1', 'c2')}
    assert listed == {'c1': ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'team-a'],
                      'c2': ['default', 'kube-node-lease', 'kube-public', 'kube-system']}
    assert sorted(standin.state()) == ['c1', 'c2']


def test_errors_are_status_objects(standin):
    base = '/clusters/c1/api/v1'
    status, answer = standin.request('GET', base + '/namespaces/default/secrets/missing')
    assert status == 404 and answer == {'kind': 'Status', 'apiVersion': 'v1', 'metadata': {}, 'status': 'Failure', 'reason': 'NotFound',
                                        'message': 'secrets "missing" not found', 'code': 404, 'details': {'name': 'missing', 'kind': 'secrets'}}
    assert standin.request('POST', base + '/namespaces/default/secrets', secret('s', 'default'))[0] == 201
    status, answer = standin.request('POST', base + '/namespaces/default/secrets', secret('s', 'default'))
    assert (status, answer['reason'], answer['message']) == (409, 'AlreadyExists', 'secrets "s" already exists')
    status, answer = standin.request('POST', base + '/namespaces/nowhere/secrets', secret('s', 'nowhere'))
    assert (status, answer['reason'], answer['message']) == (404, 'NotFound', 'namespaces "nowhere" not found')
    status, answer = standin.request('POST', base + '/namespaces', namespace('Team_A'))
    assert (status, answer['reason']) == (422, 'Invalid')
    status, answer = standin.request('POST', base + '/namespaces/default/secrets', secret('t', 'default', data={'k': 'not base64!'}))
    assert (status, answer['reason']) == (400, 'BadRequest')
    status, answer = standin.request('PATCH', base + '/namespaces/default/secrets/s', {}, content_type='application/apply-patch+yaml')
    assert (status, answer['reason']) == (415, 'UnsupportedMediaType')
    assert standin.request('GET', base + '/namespaces/default/secrets?labelSelector=a%3Db')[0] == 400
    assert standin.request('PUT', base + '/namespaces', namespace('x'))[0] == 405
    assert standin.request('GET', base + '/configmaps')[0] == 404
    assert standin.request('GET', '/api/v1/namespaces')[0] == 404  # not below /clusters/<name>


def test_dry_run_changes_nothing(standin):
    base = '/clusters/c1/api/v1/namespaces/default/secrets'
    status, answer = standin.request('POST', base + '?dryRun=All', secret('s', 'default', stringData={'k': 'v'}))
    assert status == 201 and answer['data'] == {'k': b64('v')}
    assert standin.request('GET', base + '/s')[0] == 404
    standin.request('POST', base, secret('s', 'default', stringData={'k': 'v'}))
    before = standin.state()
    status, answer = standin.request('PATCH', base + '/s?dryRun=All', {'stringData': {'k': 'w'}}, content_type='application/merge-patch+json')
    assert status == 200 and answer['data'] == {'k': b64('w')}
    assert standin.request('DELETE', base + '/s?dryRun=All')[0] == 200
    assert standin.request('DELETE', '/clusters/c1/api/v1/namespaces/default', {'kind': 'DeleteOptions', 'dryRun': ['All']})[0] == 200
    assert standin.state() == before
    assert [call['dry_run'] for call in standin.calls()] == [True, False, False, True, True, True]


def test_patches_merge_strategic_and_json(standin):
    item = '/clusters/c1/api/v1/namespaces/default/secrets/s'
    standin.request('POST', '/clusters/c1/api/v1/namespaces/default/secrets', secret('s', 'default', data={'a': b64('1'), 'b': b64('2')}))
    version = standin.request('GET', item)[1]['metadata']['resourceVersion']
    status, answer = standin.request('PATCH', item, {'data': {'a': None, 'c': b64('3')}}, content_type='application/merge-patch+json')
    assert status == 200 and answer['data'] == {'b': b64('2'), 'c': b64('3')}
    status, answer = standin.request('PATCH', item, {'stringData': {'b': '4'}, 'metadata': {'labels': {'x': 'y'}}},
                                     content_type='application/strategic-merge-patch+json')
    assert status == 200 and answer['data'] == {'b': b64('4'), 'c': b64('3')} and answer['metadata']['labels'] == {'x': 'y'}
    operations = [{'op': 'test', 'path': '/data/c', 'value': b64('3')}, {'op': 'remove', 'path': '/data/c'},
                  {'op': 'add', 'path': '/data/d', 'value': b64('5')}, {'op': 'replace', 'path': '/metadata/labels/x', 'value': 'z'}]
    status, answer = standin.request('PATCH', item, operations, content_type='application/json-patch+json')
    assert status == 200 and answer['data'] == {'b': b64('4'), 'd': b64('5')} and answer['metadata']['labels'] == {'x': 'z'}
    assert int(answer['metadata']['resourceVersion']) == int(version) + 3
    status, answer = standin.request('PATCH', item, [{'op': 'test', 'path': '/data/d', 'value': b64('6')}],
                                     content_type='application/json-patch+json')
    assert (status, answer['reason']) == (422, 'Invalid')
    # a patch that changes nothing keeps the resourceVersion, as on a cluster
    status, answer = standin.request('PATCH', item, {'data': {'b': b64('4')}}, content_type='application/merge-patch+json')
    assert status == 200 and int(answer['metadata']['resourceVersion']) == int(version) + 3


def test_put_checks_the_resource_version(standin):
    item = '/clusters/c1/api/v1/namespaces/default/secrets/s'
    created = standin.request('POST', '/clusters/c1/api/v1/namespaces/default/secrets', secret('s', 'default', data={'a': b64('1')}))[1]
    stale = dict(created, data={'a': b64('2')}, metadata=dict(created['metadata'], resourceVersion='1'))
    status, answer = standin.request('PUT', item, stale)
    assert (status, answer['reason']) == (409, 'Conflict')
    status, answer = standin.request('PUT', item, dict(created, data={'a': b64('2')}))
    assert status == 200 and answer['data'] == {'a': b64('2')}
    assert answer['metadata']['uid'] == created['metadata']['uid']
    assert int(answer['metadata']['resourceVersion']) > int(created['metadata']['resourceVersion'])


def test_delete_answers_a_status_and_a_namespace_takes_its_secrets(standin):
    base = '/clusters/c1/api/v1/namespaces'
    standin.request('POST', base, namespace('team-a'))
    created = standin.request('POST', base + '/team-a/secrets', secret('s', 'team-a', stringData={'k': 'v'}))[1]
    standin.request('POST', base + '/team-a/secrets', secret('t', 'team-a', stringData={'k': 'v'}))
    status, answer = standin.request('DELETE', base + '/team-a/secrets/s')
    assert status == 200 and answer == {'kind': 'Status', 'apiVersion': 'v1', 'metadata': {}, 'status': 'Success',
                                        'details': {'name': 's', 'kind': 'secrets', 'uid': created['metadata']['uid']}}
    status, answer = standin.request('DELETE', base + '/team-a')
    assert status == 200 and answer['kind'] == 'Namespace' and answer['status'] == {'phase': 'Terminating'}
    assert answer['metadata']['deletionTimestamp']
    assert 'team-a' not in standin.state()['c1']['namespaces'] and 'team-a' not in standin.state()['c1']['secrets']
    assert standin.request('GET', base + '/team-a')[0] == 404


def test_the_call_log_holds_the_documented_fields_and_no_body(standin):
    base = '/clusters/c1/api/v1/namespaces/default/secrets'
    standin.request('POST', base + '?dryRun=All', secret('s', 'default', stringData={'langsmith_api_key': KEY_1}))
    standin.request('POST', base, secret('s', 'default', stringData={'langsmith_api_key': KEY_1}))
    standin.request('PATCH', base + '/s', {'stringData': {'langsmith_api_key': KEY_2}}, content_type='application/merge-patch+json')
    standin.request('GET', base + '/s')
    standin.request('PATCH', base + '/s', {'stringData': {'langsmith_api_key': KEY_2}}, content_type='application/merge-patch+json')
    standin.request('POST', base, secret('s', 'default', stringData={'langsmith_api_key': KEY_1}))  # 409
    calls = standin.calls()
    assert [set(call) for call in calls] == [K8S_FIELDS | {'changed'}] * 3 + [K8S_FIELDS] + [K8S_FIELDS | {'changed'}] + [K8S_FIELDS]
    # a write says whether it changed what is stored: not a dry run, nor a PATCH to what is there, nor a refusal
    assert [call.get('changed') for call in calls] == [False, True, True, None, False, None]
    assert calls[-1]['status'] == 409
    calls = calls[:4]
    assert [(c['tool'], c['cluster'], c['method'], c['path'], c['query'], c['kind'], c['name'], c['namespace'], c['dry_run'], c['status'])
            for c in calls] == [
        ('k8s', 'c1', 'POST', '/api/v1/namespaces/default/secrets', {'dryRun': 'All'}, 'Secret', 's', 'default', True, 201),
        ('k8s', 'c1', 'POST', '/api/v1/namespaces/default/secrets', {}, 'Secret', 's', 'default', False, 201),
        ('k8s', 'c1', 'PATCH', '/api/v1/namespaces/default/secrets/s', {}, 'Secret', 's', 'default', False, 200),
        ('k8s', 'c1', 'GET', '/api/v1/namespaces/default/secrets/s', {}, 'Secret', 's', 'default', False, 200)]
    with open(standin.calls_file, encoding='utf-8') as handle:
        log = handle.read()
    for value in (KEY_1, KEY_2, b64(KEY_1), b64(KEY_2)):
        assert value not in log


def test_a_call_waits_for_the_lock_of_the_call_log(standin):
    standin.request('GET', '/clusters/c1/version')  # the log exists
    answered = threading.Event()
    with open(standin.calls_file, 'a', encoding='utf-8') as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        caller = threading.Thread(target=lambda: (standin.request('GET', '/clusters/c1/api'), answered.set()))
        caller.start()
        assert not answered.wait(1.0)  # the stand-in waits to write its line, and answers after that
        assert len(standin.calls()) == 1
    caller.join(30)
    assert answered.is_set() and [call['path'] for call in standin.calls()] == ['/version', '/api']


# --- the call log shared with the helm stand-in ----------------------------------------------------

def test_helm_and_k8s_lines_share_the_log_in_order(standin, tmp_path):
    kubeconfig = standin.kubeconfig(tmp_path / 'kubeconfig', 'cluster-a')
    helm_dir = tmp_path / 'helm'
    helm_dir.mkdir()
    values = tmp_path / 'values.yaml'
    values.write_text('config:\n  langsmithApiKey: %s\n' % KEY_1)
    standin.request('POST', '/clusters/cluster-a/api/v1/namespaces', namespace('langgraph-dataplane'))
    run_helm(['upgrade', '-i', 'langgraph-dataplane', 'langgraph-dataplane', '--repo', 'https://langchain-ai.github.io/helm/',
              '--namespace', 'langgraph-dataplane', '-f', str(values), '--set', 'config.langsmithApiKey=' + KEY_2],
             helm_dir, standin.calls_file, kubeconfig)
    standin.request('GET', '/clusters/cluster-a/api/v1/namespaces/langgraph-dataplane')
    run_helm(['uninstall', 'langgraph-dataplane', '--namespace', 'langgraph-dataplane'], helm_dir, standin.calls_file, kubeconfig)
    calls = standin.calls()
    assert [(call['tool'], call.get('method'), call.get('words', [None])[0]) for call in calls] == [
        ('k8s', 'POST', None), ('helm', None, 'upgrade'), ('k8s', 'GET', None), ('helm', None, 'uninstall')]
    upgrade = calls[1]
    assert set(upgrade) == HELM_FIELDS
    assert {k: v for k, v in upgrade.items() if k != 'time'} == {
        'tool': 'helm', 'cluster': standin.url + '/clusters/cluster-a', 'words': ['upgrade', 'langgraph-dataplane', 'langgraph-dataplane'],
        'release': 'langgraph-dataplane', 'namespace': 'langgraph-dataplane', 'chart': 'langgraph-dataplane', 'rc': 0}
    assert (calls[3]['release'], calls[3]['chart'], calls[3]['rc']) == ('langgraph-dataplane', None, 0)
    assert [call['time'] for call in calls] == sorted(call['time'] for call in calls)
    with open(standin.calls_file, encoding='utf-8') as handle:
        log = handle.read()
    assert KEY_1 not in log and KEY_2 not in log


def test_helm_waits_for_the_lock_of_the_call_log(tmp_path):
    calls_file = tmp_path / 'calls.jsonl'
    calls_file.write_text('')
    helm_dir = tmp_path / 'helm'
    helm_dir.mkdir()
    env = dict(os.environ, HELM_STANDIN_DIR=str(helm_dir), STANDIN_CALLS=str(calls_file))
    with open(str(calls_file), 'a', encoding='utf-8') as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        helm = subprocess.Popen([sys.executable, HELM_STANDIN, 'version'], env=env, stdout=subprocess.DEVNULL)
        time.sleep(1.5)
        assert helm.poll() is None and read_calls(str(calls_file)) == []  # waiting for the lock
    assert helm.wait(30) == 0
    assert [call['words'] for call in read_calls(str(calls_file))] == [['version']]


# --- k8s.sh ----------------------------------------------------------------------------------------

def alive(pid):
    try:
        with open('/proc/%d/stat' % pid, encoding='utf-8') as handle:
            return handle.read().rsplit(')', 1)[1].split()[0] != 'Z'
    except FileNotFoundError:
        return False


def gone_within(pid, seconds):
    deadline = time.time() + seconds
    while alive(pid) and time.time() < deadline:
        time.sleep(0.1)
    return not alive(pid)


def bash(script, tmp_path):
    env = dict(os.environ, ANSIBLE_TEST_PYTHON_INTERPRETER=sys.executable, TMPDIR=str(tmp_path), OUT=str(tmp_path))
    env.pop('STANDIN_CALLS', None)
    proc = subprocess.run(['bash', '-c', 'set -eu\nsource "%s"\n%s' % (K8S_SH, script)], env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stdout
    return dict(line.split('=', 1) for line in proc.stdout.splitlines() if '=' in line)


def test_k8s_sh_starts_the_standin_writes_a_kubeconfig_and_stops_from_the_callers_trap(tmp_path):
    seen = bash('''
trap 'k8s_standin_stop; echo trap=ran' EXIT
echo "url=$K8S_STANDIN_URL"; echo "dir=$K8S_STANDIN_DIR"; echo "calls=$STANDIN_CALLS"; echo "pid=$K8S_STANDIN_PID"
k8s_standin_kubeconfig "$OUT/kubeconfig" cluster-a cluster-b
"$ANSIBLE_TEST_PYTHON_INTERPRETER" -c 'import sys, urllib.request; print("status=%d" % urllib.request.urlopen(sys.argv[1]).status)' \\
    "$K8S_STANDIN_URL/clusters/cluster-b/api/v1/namespaces/default"
cp "$STANDIN_CALLS" "$OUT/calls.jsonl"
''', tmp_path)
    assert seen['url'].startswith('http://127.0.0.1:') and seen['status'] == '200' and seen['trap'] == 'ran'
    assert seen['calls'] == seen['dir'] + '/calls.jsonl'
    assert [(call['cluster'], call['path']) for call in read_calls(str(tmp_path / 'calls.jsonl'))] == [('cluster-b', '/api/v1/namespaces/default')]
    assert not os.path.exists(seen['dir']) and gone_within(int(seen['pid']), 10)
    config = yaml.safe_load((tmp_path / 'kubeconfig').read_text())
    assert config['current-context'] == 'cluster-a'
    assert [(c['name'], c['context']['cluster']) for c in config['contexts']] == [('cluster-a', 'cluster-a'), ('cluster-b', 'cluster-b')]
    assert [(c['name'], c['cluster']['server']) for c in config['clusters']] == [
        ('cluster-a', seen['url'] + '/clusters/cluster-a'), ('cluster-b', seen['url'] + '/clusters/cluster-b')]
    assert os.stat(str(tmp_path / 'kubeconfig')).st_mode & 0o777 == 0o600


def test_the_standin_stops_when_the_shell_that_started_it_ends(tmp_path):
    seen = bash('echo "pid=$K8S_STANDIN_PID"; echo "dir=$K8S_STANDIN_DIR"', tmp_path)  # no trap: a forgotten stop
    assert gone_within(int(seen['pid']), 10)
    subprocess.run(['rm', '-rf', seen['dir']], check=True)


def test_faults_delay_a_secret_write_then_refuse_it_quoting_its_data(standin):
    with open(os.path.join(standin.dir, 'faults.json'), 'w', encoding='utf-8') as handle:
        json.dump({'Secret': {'delay': 0.3, 'invalid': True}}, handle)
    base = '/clusters/c1/api/v1/namespaces/default/secrets'
    started = time.monotonic()
    status, answer = standin.request('POST', base, secret('s', 'default', data={'langsmith_api_key': b64('k"ey\\1')}))
    assert time.monotonic() - started >= 0.3
    assert status == 422 and answer['reason'] == 'Invalid'
    assert answer['message'] == 'Secret "s" is invalid: data[langsmith_api_key]: Invalid value: "k\\"ey\\\\1": rejected by the stand-in'
    assert standin.request('GET', base)[1]['items'] == []
    status, dummy = standin.request('POST', '/clusters/c1/api/v1/namespaces', {'apiVersion': 'v1', 'kind': 'Namespace', 'metadata': {'name': 'n'}})
    assert status == 201  # other kinds are not affected


def test_faults_forbid_every_call_of_a_kind(standin):
    assert standin.request('POST', '/clusters/c1/apis/apiextensions.k8s.io/v1/customresourcedefinitions', LGP_CRD)[0] == 201
    with open(os.path.join(standin.dir, 'faults.json'), 'w', encoding='utf-8') as handle:
        json.dump({'LGP': {'forbidden': True}}, handle)
    status, answer = standin.request('GET', '/clusters/c1/apis/apps.langchain.ai/v1alpha1/lgps')
    assert status == 403 and answer['reason'] == 'Forbidden'
    assert answer['message'] == 'lgps is forbidden: User "stand-in" cannot get resource "lgps" in API group "apps.langchain.ai"'
    assert standin.request('GET', '/clusters/c1/apis/apiextensions.k8s.io/v1/customresourcedefinitions')[0] == 200
