# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the dataplane role computes: the preflight of a play, the chart's values, the LangSmith API URL,
and the filters that hand them to the role (the action that hands it the plan: tests/system/test_role_plan.py)."""

import pytest

from ansible.plugins.loader import filter_loader

from ansible_collections.langchain.langsmith.plugins.module_utils._urls import DEFAULT_CONTROL_PLANE_URL, HOSTED_REGIONS
from ansible_collections.langchain.langsmith.plugins.plugin_utils import _dataplane


def request(host, **kwargs):
    """What the role asks for a cluster (_dataplane_request, vars/main.yml), with the defaults of a cluster that only registers."""
    values = dict(host=host, connection='c', compute_id=host, state='present', namespaces=['%s-ns' % host], version='',
                  install=False, api_key=True, existing_secret='', workspace_id='w', control_plane_url=DEFAULT_CONTROL_PLANE_URL,
                  smith_backend_url='', kubeconfig='/k/%s.yml' % host, kube_context='', release_namespace='langgraph-dataplane',
                  create_crds=True, install_keda=False, ingress_hostname='', values={})
    values.update(kwargs)
    return values


# -- the LangSmith API URL ----------------------------------------------------------------------

@pytest.mark.parametrize('control_plane, smith', [
    ('https://api.host.langchain.com', 'https://api.smith.langchain.com'),
    ('https://api.host.langchain.com/', 'https://api.smith.langchain.com'),
    ('', 'https://api.smith.langchain.com'),
    ('https://eu.api.host.langchain.com', 'https://eu.api.smith.langchain.com'),
    ('https://apac.api.host.langchain.com', 'https://apac.api.smith.langchain.com'),
    ('https://aws.api.host.langchain.com', 'https://aws.api.smith.langchain.com'),
    ('https://ls.example.com/api-host', 'https://ls.example.com/api/v1'),
    ('https://ls.example.com/api-host/', 'https://ls.example.com/api/v1'),
    ('https://ls.example.com:8443/langsmith/api-host', 'https://ls.example.com:8443/langsmith/api/v1'),
    ('http://127.0.0.1:8080/api-host', 'http://127.0.0.1:8080/api/v1'),
    ('https://ls.example.com', ''),
    ('https://ls.example.com/api', ''),
    ('https:///api-host', ''),
])
def test_smith_backend_url(control_plane, smith):
    assert _dataplane.smith_backend_url(control_plane) == smith


def test_every_hosted_region_has_a_langsmith_api():
    assert [region for region, dummy, dummy2 in HOSTED_REGIONS] == ['US', 'EU', 'APAC', 'AWS US']
    for dummy, control_plane, smith in HOSTED_REGIONS:
        assert control_plane.replace('api.host.', 'api.smith.') == smith


# -- the chart's values -------------------------------------------------------------------------

def values(**kwargs):
    arguments = dict(listener_id='L', workspace_id='W', control_plane_url='https://ls.example.com/api-host',
                     smith_url='https://ls.example.com/api/v1', namespaces=['a'], secret_name='dp-langsmith-api-key')
    arguments.update(kwargs)
    return _dataplane.chart_values(**arguments)


def test_values_of_a_cluster_without_a_host_name():
    assert values() == {
        'config': {'langgraphListenerId': 'L', 'langsmithWorkspaceId': 'W', 'hostBackendUrl': 'https://ls.example.com/api-host',
                   'smithBackendUrl': 'https://ls.example.com/api/v1', 'watchNamespaces': 'a',
                   'existingSecretName': 'dp-langsmith-api-key', 'enableLGPDeploymentHealthCheck': False},
        'operator': {'createCRDs': True}}


def test_a_host_name_keeps_the_health_check_on():
    result = values(ingress_hostname='dp.example.com', create_crds=False)
    assert result['ingress'] == {'hostname': 'dp.example.com'}
    assert result['config']['rootDomain'] == 'dp.example.com'  # the listener's HOSTED_K8S_ROOT_DOMAIN
    assert 'enableLGPDeploymentHealthCheck' not in result['config']
    assert result['operator'] == {'createCRDs': False}


def test_a_gateway_turns_the_ingress_off_and_its_host_name_counts():
    gateway = {'gateway': {'enabled': True, 'name': 'gw', 'namespace': 'gw-system', 'hostname': 'dp.example.com'}}
    result = values(namespaces=['a', 'b'], user_values=gateway)
    assert result['ingress'] == {'enabled': False} and result['gateway'] == gateway['gateway']
    assert result['config']['watchNamespaces'] == 'a,b' and 'enableLGPDeploymentHealthCheck' not in result['config']
    assert result['config']['rootDomain'] == 'dp.example.com'


def test_the_users_values_come_last():
    result = values(user_values={'config': {'enableLGPDeploymentHealthCheck': True, 'hostQueue': 'q2'},
                                 'operator': {'createCRDs': False}, 'ingress': {'enabled': False}})
    assert result['config']['enableLGPDeploymentHealthCheck'] is True and result['config']['hostQueue'] == 'q2'
    assert result['config']['langgraphListenerId'] == 'L'
    assert result['operator'] == {'createCRDs': False}


def test_the_api_key_is_never_a_value():
    assert 'langsmithApiKey' not in repr(values(user_values={'config': {}}))


# -- the preflight of a play --------------------------------------------------------------------

def test_a_clean_play_gives_one_item_per_cluster():
    plan = _dataplane.check_play([request('a', version='1.0'), request('b', state='absent', namespaces=[]), None])
    assert plan == {'problems': [], 'at_fault': {}, 'stop_others': [], 'notes': [], 'installs': [], 'uninstalls': [],
                    'force': False, 'charts': {}, 'listeners': {
        'a': {'compute_id': 'a', 'state': 'present', 'k8s_namespaces': ['a-ns'], 'version': '1.0'},
        'b': {'compute_id': 'b', 'state': 'absent'}}}


@pytest.mark.parametrize('requests, installs, uninstalls', [
    ([request('a', install=True, ingress_hostname='h'), request('b')], ['a'], []),
    ([request('a', install=True, state='absent', namespaces=[]), request('b')], [], ['a']),
    ([request('a'), request('b', state='absent', namespaces=[])], [], []),
])
def test_whether_any_cluster_installs_or_uninstalls_the_chart(requests, installs, uninstalls):
    """The clusters that install the chart, and those that uninstall it (the role's include of each file runs once,
    skipped, when the list is empty)."""
    plan = _dataplane.check_play(requests)
    assert (plan['installs'], plan['uninstalls']) == (installs, uninstalls)


def test_each_cluster_variable_problem_names_its_cluster():
    problems = _dataplane.check_play([request('a', namespaces=['Team_A', 'ok']), request('b', namespaces=[]),
                                      request('c', compute_id=' c')])['problems']
    assert problems[0].startswith("a: langsmith_k8s_namespaces: 'Team_A' is not a Kubernetes namespace name")
    assert problems[1] == ('b: langsmith_k8s_namespaces is required when langsmith_listener_state is present: name the '
                           'Kubernetes namespaces that the listener of b serves')
    assert problems[2] == "c: langsmith_compute_id must not start or end with white space, got ' c'"


def test_clashes_between_clusters_name_both():
    problems = _dataplane.check_play([request('a', namespaces=['shared']), request('b', namespaces=['shared', 'b']),
                                      request('f', compute_id='a', namespaces=['f'])])['problems']
    assert problems == [
        'a clashes with another cluster of the play: langsmith_compute_id a is also the compute ID of f; every cluster needs its own.',
        'f clashes with another cluster of the play: langsmith_compute_id a is also the compute ID of a; every cluster needs its own.',
        'a clashes with another cluster of the play: two listeners must never serve the same namespace: namespace shared is '
        'also requested by compute_id b (host b).',
        'b clashes with another cluster of the play: two listeners must never serve the same namespace: namespace shared is '
        'also requested by compute_id a (host a).']


def test_one_connection_per_play():
    problems = _dataplane.check_play([request('a'), request('b', connection='other'), request('c', connection='other')])['problems']
    assert problems == ['One listing of the workspace serves every host of the play, so they must all use the same control '
                        'plane, workspace and credentials (langsmith_control_plane_url, langsmith_workspace_id, '
                        'langsmith_api_key, langsmith_bearer_token); b, c differ from a. Run one play per workspace.']


@pytest.mark.parametrize('changes, problem', [
    (dict(api_key=False), 'langsmith_dataplane_install needs the API key for the data plane'),
    (dict(workspace_id=''), 'langsmith_dataplane_install needs the workspace ID'),
    (dict(control_plane_url='https://cp.example.com'), 'langsmith_dataplane_install needs the LangSmith API URL: set '
     'langsmith_smith_backend_url (it cannot be derived from the control plane URL https://cp.example.com)'),
    (dict(namespaces=['a', 'b']), "langsmith_k8s_namespaces names 2 namespaces, and the chart's default Ingress routes only "
     'within its own namespace'),
])
def test_what_the_chart_cannot_do_without(changes, problem):
    problems = _dataplane.check_play([request('a', install=True, ingress_hostname='h', **changes)])['problems']
    assert len(problems) == 1 and problems[0].startswith('a: ' + problem), problems


def test_several_namespaces_with_a_gateway_or_istio_and_a_secret_of_ones_own():
    gateway = {'gateway': {'enabled': True, 'hostname': 'h'}}
    istio = {'istioGateway': {'enabled': True}}
    plan = _dataplane.check_play([request('a', install=True, namespaces=['a1', 'a2'], values=gateway, api_key=False, existing_secret='s'),
                                  request('b', install=True, namespaces=['b1', 'b2'], values=istio, ingress_hostname='h'),
                                  request('c', install=True, smith_backend_url='https://smith.example.com',
                                          control_plane_url='https://cp.example.com', ingress_hostname='h')])
    assert plan['problems'] == [] and plan['notes'] == []


def test_data_planes_that_share_a_kubernetes_cluster():
    shared = dict(install=True, kubeconfig='/k/shared.yml', kube_context='prod', ingress_hostname='h')
    problems = _dataplane.check_play([request('a', **shared), request('b', install_keda=True, **shared),
                                      request('c', install_keda=True, **shared), request('d', release_namespace='dp-d', **shared)])['problems']
    where = 'the same Kubernetes cluster (kubeconfig /k/shared.yml, context prod)'
    assert problems == [
        'a, b, c, d install into %s and all create the CRD lgps.apps.langchain.ai (kind LGP), which a cluster holds once: set '
        'langsmith_dataplane_create_crds: false on all but one of them' % where,
        'b, c install into %s and all install KEDA, which a cluster holds once: set langsmith_dataplane_install_keda: true '
        'on one of them only' % where,
        'a, b, c install into %s and the same release namespace langgraph-dataplane: give each data plane its own '
        'langsmith_dataplane_release_namespace' % where]


def test_a_second_data_plane_without_crds_passes():
    shared = dict(install=True, kubeconfig='/k/shared.yml', kube_context='prod', ingress_hostname='h')
    plan = _dataplane.check_play([request('a', **shared),
                                  request('b', release_namespace='dp-b', create_crds=False, **shared),
                                  request('c', release_namespace='dp-c', values={'operator': {'createCRDs': False}}, **shared)])
    assert plan['problems'] == []


def test_clusters_without_a_host_name_are_named_once():
    plan = _dataplane.check_play([request('a', install=True), request('b', install=True, ingress_hostname='h'), request('c', install=True)])
    assert plan['notes'] == ['The deployment health check is off (config.enableLGPDeploymentHealthCheck: false) for a, c: it calls '
                             'each deployment through the ingress host name, and none is set. Set '
                             'langsmith_dataplane_ingress_hostname to turn it on.']


def test_a_decommission_needs_nothing_but_the_cluster():
    plan = _dataplane.check_play([request('a', state='absent', install=True, namespaces=[], api_key=False, workspace_id='')])
    assert plan['problems'] == [] and plan['listeners'] == {'a': {'compute_id': 'a', 'state': 'absent'}}


def test_problems_leave_no_listener_to_converge():
    assert _dataplane.check_play([request('a'), request('b', namespaces=[])])['listeners'] == {}


def test_a_play_of_5000_clusters_and_one_of_10000_namespaces():
    requests = [request('c%05d' % i) for i in range(5000)]
    requests[0]['namespaces'] = ['ns-%05d' % i for i in range(10000)]
    plan = _dataplane.check_play(requests)
    assert plan['problems'] == [] and len(plan['listeners']) == 5000


# -- the filters ----------------------------------------------------------------------------------

@pytest.mark.parametrize('name, arguments, expected', [
    ('langchain.langsmith.smith_backend_url', ('https://eu.api.host.langchain.com',), 'https://eu.api.smith.langchain.com'),
    ('langchain.langsmith.mask_secrets', ('key "lsv2_sk_x\\n" and bHN2Ml9za194', ['lsv2_sk_x\n']), 'key "********" and ********'),
])
def test_filters(name, arguments, expected):
    assert filter_loader.get(name).j2_function(*arguments) == expected


def test_dataplane_values_filter():
    inputs = dict(listener_id='L', workspace_id='W', control_plane_url='https://api.host.langchain.com',
                  smith_url='https://api.smith.langchain.com', namespaces=['a'], secret_name='s', ingress_hostname='h',
                  create_crds=True, user_values={})
    assert filter_loader.get('langchain.langsmith.dataplane_values').j2_function(inputs) == _dataplane.chart_values(**inputs)


def test_force_is_the_plays_and_the_clusters_it_decommissions_agree_on_it():
    absent = dict(state='absent')
    assert _dataplane.check_play([request('a', force=True, **absent), request('b', force=True, **absent), request('c')])['force']
    assert not _dataplane.check_play([request('a', **absent), request('c', force=True)])['force']  # c deletes nothing
    plan = _dataplane.check_play([request('a', force=True, **absent), request('b', **absent)])
    assert not plan['force'] and plan['listeners'] == {}
    assert plan['problems'] == ['langsmith_listener_force is true for a but not for b: one run deletes the listeners of the play, '
                                'so set it alike for every cluster that is decommissioned (-e langsmith_listener_force=true)']


def test_each_problem_is_filed_under_the_clusters_it_concerns():
    """So that each cluster's failure names its own problems, and the others name the clusters at fault."""
    plan = _dataplane.check_play([request('a', namespaces=['shared']), request('b', namespaces=['shared']), request('c'),
                                  request('d', compute_id='a'), request('e', connection='other')])
    assert sorted(plan['at_fault']) == ['a', 'b', 'd', 'e']
    assert plan['at_fault']['e'] == [plan['problems'][0]] and plan['problems'][0].startswith('One listing of the workspace')
    assert 'c' not in plan['at_fault'] and plan['listeners'] == {}
    assert [p for p in plan['at_fault']['b'] if 'namespace shared' in p]
    assert plan['stop_others'] == ['Nothing was written for this cluster: the play stopped before any request, because of '
                                   'e, a, d, b (see their messages)']
    many = _dataplane.check_play([request('h%02d' % n, namespaces=[]) for n in range(12)])
    assert many['stop_others'][0].endswith('because of h00, h01, h02, h03, h04, h05, h06, h07, h08, h09 and 2 more (see their '
                                           'messages)')


def tools(collection=True, library=None, helm='v3.17.2'):
    return _dataplane.Tools(lambda: collection, lambda: library, lambda: helm)


def test_the_chart_tools_are_checked_only_where_the_chart_is_installed_or_uninstalled(tmp_path):
    kubeconfig = tmp_path / 'a.yml'
    kubeconfig.write_text('apiVersion: v1\n')
    installs = [request('a', install=True, kubeconfig=str(kubeconfig), ingress_hostname='h'),
                request('b', install=True, state='absent', kubeconfig=str(tmp_path / 'missing.yml')), request('c')]
    plan = _dataplane.check_play(installs, tools=tools(collection=False, library=('/usr/bin/python3', 'it is not installed'), helm=None))
    assert plan['problems'] == [
        'langsmith_dataplane_install needs the kubernetes.core collection (its helm and k8s modules), which cannot be found: '
        'install it beside this collection (ansible-galaxy collection install kubernetes.core; without Galaxy, from the ansible '
        'package on PyPI, see the dataplane role guide), for a, b',
        'langsmith_dataplane_install needs the kubernetes Python library in the Python that runs the tasks on the control node '
        '(/usr/bin/python3): it is not installed. Install it there (python -m pip install kubernetes), for a, b',
        'langsmith_dataplane_install needs the helm CLI (Helm 3 or 4) on the PATH of the control node, which has none: install it '
        '(https://helm.sh/docs/intro/install/; the execution environment of the collection has it), for a, b',
        'b: langsmith_kubeconfig %s is not a file on the control node' % (tmp_path / 'missing.yml')]
    assert sorted(plan['at_fault']) == ['a', 'b'] and plan['listeners'] == {}
    assert _dataplane.check_play(installs[:1], tools=tools(helm='v4.1.4'))['problems'] == []
    assert _dataplane.check_play(installs[:1], tools=tools(helm='v2.17.0'))['problems'] == [
        'langsmith_dataplane_install needs Helm 3 or 4, and the helm CLI on the PATH of the control node is v2.17.0, for a']


def test_no_tool_is_probed_for_a_play_that_installs_no_chart():
    def fail():
        raise AssertionError('probed')
    assert _dataplane.check_play([request('a'), request('b')], tools=_dataplane.Tools(fail, fail, fail))['problems'] == []


def test_each_tool_is_probed_once_for_the_play():
    calls = []
    probes = _dataplane.Tools(lambda: calls.append('collection') or True, lambda: calls.append('library'),
                              lambda: calls.append('helm') or 'v3.17.2')
    _dataplane.check_play([request('h%d' % n, install=True, ingress_hostname='x', kube_context='c%d' % n) for n in range(5)],
                          tools=probes)
    assert sorted(calls) == ['collection', 'helm', 'library']


def test_the_data_planes_own_urls_may_be_in_cluster_http_but_must_be_urls():
    inside = dict(install=True, ingress_hostname='h', dataplane_control_plane_url='http://langsmith-host-backend.langsmith.svc.cluster.local:1985',
                  smith_backend_url='http://langsmith-backend.langsmith.svc.cluster.local:1984')
    assert _dataplane.check_play([request('a', **inside)])['problems'] == []
    wrong = dict(inside)
    wrong.update(dataplane_control_plane_url='langsmith-host-backend:1985', smith_backend_url='https://user:secret@ls.example.com/api/v1')
    plan = _dataplane.check_play([request('a', **wrong)])
    assert plan['problems'] == [
        "a: langsmith_dataplane_control_plane_url must be an http:// or https:// URL with a host name, got a value of 27 characters "
        "without a scheme and host (not shown: it may be a credential put in the wrong place) (the URL the data plane uses: an "
        "in-cluster http:// service URL is fine)",
        'a: langsmith_smith_backend_url must not carry credentials; pass them as api_key or bearer_token (the URL the data plane '
        'uses: an in-cluster http:// service URL is fine)']
    assert 'secret' not in ' '.join(plan['problems'])


def test_the_chart_gets_the_data_planes_own_control_plane_url():
    common = dict(listener_id='l', workspace_id='w', control_plane_url='https://langsmith.example.com/api-host', smith_url='s',
                  namespaces=['a'], secret_name='x')
    assert _dataplane.chart_values(**common)['config']['hostBackendUrl'] == 'https://langsmith.example.com/api-host'
    inside = 'http://langsmith-host-backend.langsmith.svc.cluster.local:1985'
    assert _dataplane.chart_values(dataplane_control_plane_url=inside, **common)['config']['hostBackendUrl'] == inside


def test_keda_installed_for_an_operator_without_keda_is_a_problem():
    without = {'operator': {'kedaEnabled': False}}
    assert _dataplane.check_play([request('a', install=True, ingress_hostname='h', values=without)])['problems'] == []
    assert _dataplane.check_play([request('a', install=True, ingress_hostname='h', install_keda=True, values=without)])['problems'] == [
        'a: langsmith_dataplane_install_keda is true, and langsmith_dataplane_values sets operator.kedaEnabled: false, so the data '
        'plane would not use the KEDA the role installs: set one of them only']
    assert _dataplane.keda_enabled({}) and _dataplane.keda_enabled({'operator': {'kedaEnabled': True}})


def test_the_objects_before_the_chart_are_data_namespaces_first_then_log_access():
    assert _dataplane.cluster_objects(['langgraph-dataplane', 'a', 'a']) == [
        {'apiVersion': 'v1', 'kind': 'Namespace', 'metadata': {'name': 'langgraph-dataplane'}},
        {'apiVersion': 'v1', 'kind': 'Namespace', 'metadata': {'name': 'a'}}]
    objects = _dataplane.cluster_objects(['dp', 'a', 'b'], release_name='dp', watched=['a', 'b'], log_access={'namespace': ''})
    assert [(o['kind'], o['metadata'].get('namespace')) for o in objects] == [
        ('Namespace', None), ('Namespace', None), ('Namespace', None), ('Role', 'a'), ('RoleBinding', 'a'), ('Role', 'b'), ('RoleBinding', 'b')]
    binding = objects[4]
    assert binding['metadata']['name'] == 'dp-langsmith-log-access' and binding['roleRef']['name'] == 'dp-langsmith-log-access'
    assert binding['subjects'] == [{'kind': 'ServiceAccount', 'name': 'langsmith-host-backend', 'namespace': 'langsmith'}]
    assert objects[3]['rules'] == [{'apiGroups': [''], 'resources': ['pods'], 'verbs': ['get', 'list']},
                                   {'apiGroups': [''], 'resources': ['pods/log'], 'verbs': ['get', 'list', 'watch']}]
    with pytest.raises(ValueError, match="'team\\\\n---' is not a Kubernetes namespace name"):
        _dataplane.cluster_objects(['team\n---'])


def test_the_chart_inputs_of_each_installing_cluster_are_checked_once_and_handed_on():
    """The plan gives each cluster that installs the chart its inputs, from its request as it was checked: the
    arguments of chart_values (but the listener ID) with the LangSmith URL's fallback, and of cluster_objects with
    the release namespace first, the chart's version and the Secret; the Secret alone for a cluster that uninstalls it;
    none for a cluster that only registers, or when the play has problems."""
    chart = dict(secret_name='r-langsmith-api-key', release_name='r', create_namespaces=True, log_access={})
    gateway = {'gateway': {'enabled': True, 'name': 'gw'}}  # two watched namespaces need one
    release_only = dict(chart)
    release_only['create_namespaces'] = False
    plan = _dataplane.check_play([request('a', install=True, ingress_hostname='h', namespaces=['a1', 'a2'], values=gateway, **chart),
                                  request('b', install=True, ingress_hostname='h',
                                          smith_backend_url='https://smith.example.com', dataplane_control_plane_url='http://hb',
                                          **release_only),
                                  request('c'),
                                  request('d', install=True, state='absent', namespaces=[], secret_name='mine', owns_secret=False)])
    assert sorted(plan['charts']) == ['a', 'b', 'd']
    assert plan['charts']['d'] == {'secret': {'name': 'mine', 'owned': False}}
    assert plan['charts']['a'] == {
        'secret': {'name': 'r-langsmith-api-key', 'owned': True}, 'chart_version': '',
        'values': {'workspace_id': 'w', 'control_plane_url': DEFAULT_CONTROL_PLANE_URL, 'dataplane_control_plane_url': '',
                   'smith_url': 'https://api.smith.langchain.com', 'namespaces': ['a1', 'a2'], 'secret_name': 'r-langsmith-api-key',
                   'ingress_hostname': 'h', 'create_crds': True, 'user_values': gateway},
        'objects': {'namespaces': ['langgraph-dataplane', 'a1', 'a2'], 'watched': ['a1', 'a2'], 'log_access': {}, 'release_name': 'r'}}
    b = plan['charts']['b']
    assert (b['values']['smith_url'], b['values']['dataplane_control_plane_url']) == ('https://smith.example.com', 'http://hb')
    assert b['objects']['namespaces'] == ['langgraph-dataplane']
    values = _dataplane.chart_values(listener_id='L', **plan['charts']['a']['values'])
    assert values['config']['watchNamespaces'] == 'a1,a2' and values['config']['langgraphListenerId'] == 'L'
    assert _dataplane.check_play([request('a', install=True, **chart), request('b', compute_id='a')])['charts'] == {}


# -- each cluster's request, from its variables -------------------------------------------------

def test_a_cluster_request_of_the_role_defaults():
    """What a cluster that only registers asks for: its compute ID and namespaces; the connection hashed, never a key."""
    inputs = {'langsmith_compute_id': 'c', 'langsmith_listener_state': 'present', 'langsmith_listener_force': False,
              'langsmith_k8s_namespaces': ['ns'], 'langsmith_dataplane_install': False, 'langsmith_api_key': ' secret-key '}
    request = _dataplane.cluster_request('h', inputs, {})
    assert dict(request, connection=None) == {'host': 'h', 'connection': None, 'compute_id': 'c', 'state': 'present', 'force': False,
                                              'namespaces': ['ns'], 'version': '', 'install': False, 'chart': {}}
    assert 'secret-key' not in repr(request)
    # the same connection (the key trimmed as the modules trim it, the URL's trailing slash dropped) hashes alike
    same = dict(inputs, langsmith_api_key='secret-key', langsmith_control_plane_url=DEFAULT_CONTROL_PLANE_URL + '/')
    assert _dataplane.cluster_request('h', same, {})['connection'] == request['connection']
    assert _dataplane.cluster_request('h', inputs, {'LANGSMITH_WORKSPACE_ID': 'w'})['connection'] != request['connection']


@pytest.mark.parametrize('job, own, install', [
    (None, True, True), ('', True, True), ('inventory', True, True), ('false', True, False), ('true', False, True),
    (None, False, False)])
def test_the_job_wide_install_answer_beats_each_cluster_own(job, own, install):
    inputs = {'langsmith_dataplane_install': own, 'langsmith_dataplane_release_name': 'r'}
    if job is not None:
        inputs['langsmith_job_dataplane_install'] = job
    assert _dataplane.cluster_request('h', inputs, {})['install'] is install


def test_the_chart_request_of_a_cluster_that_installs_it():
    inputs = {'langsmith_dataplane_install': True, 'langsmith_dataplane_release_name': 'r', 'langsmith_dataplane_release_namespace': 'n',
              'langsmith_dataplane_chart_version': '0.2.21', 'langsmith_job_dataplane_chart_version': '',
              'langsmith_listener_version': '1', 'langsmith_job_listener_version': '2'}
    request = _dataplane.cluster_request('h', inputs, {'LANGSMITH_API_KEY': 'k', 'LANGSMITH_CONTROL_PLANE_URL': 'https://x/api-host//'})
    assert request['version'] == '2'
    chart = request['chart']
    assert (chart['api_key'], chart['control_plane_url'], chart['secret_name'], chart['owns_secret'], chart['chart_version']) == (
        True, 'https://x/api-host', 'r-langsmith-api-key', True, '0.2.21')
    mine = _dataplane.cluster_request('h', dict(inputs, langsmith_dataplane_existing_secret='theirs'), {})['chart']
    assert (mine['api_key'], mine['secret_name'], mine['owns_secret']) == (False, 'theirs', False)
