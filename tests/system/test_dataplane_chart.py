# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The values the dataplane role hands to Helm, proven against the real chart.

bootstrap_cluster installs clusters into the stand-ins of the Kubernetes API and of helm (no
Kubernetes API server can run here); the values file the helm stand-in received for each release is
then rendered with the vendor's langgraph-dataplane 0.2.22 by a real Helm 3.17.2 and a real Helm 4.1.4
(`helm template`, `helm lint --strict`; both must render the same manifests), and the rendered listener is checked: its listener ID and workspace, the
control plane and LangSmith API URLs, the watched namespaces, and the API key reaching it through a
secretKeyRef to the Secret the role wrote (or the user's).

The hosted control planes are reached at their real names: the role runs with HTTPS_PROXY pointing
at a proxy that takes the CONNECT for each hosted (and example) host to an emulator served over
HTTPS with a certificate for those names, signed by a CA that REQUESTS_CA_BUNDLE trusts. So the
whole path of a hosted region (the URL, the derived LangSmith API URL, the chart) runs as a user's
would, against loopback.
"""

import difflib
import json
import os
import select
import socket
import threading

import pytest
import yaml

from ansible_collections.langchain.langsmith.plugins.module_utils._urls import HOSTED_REGIONS, smith_backend_url
from ansible_collections.langchain.langsmith.tests.system import chart
from ansible_collections.langchain.langsmith.tests.system.harness import DEFAULT_LINE, ROOT, EmulatorServer, run
from ansible_collections.langchain.langsmith.tests.system.netfixtures import network_env
from ansible_collections.langchain.langsmith.tests.system.standins import HELM_STANDIN, K8sStandin
from ansible_collections.langchain.langsmith.tests.docs.pages import code_blocks, guide

pytestmark = pytest.mark.slow

EXAMPLE = os.path.join(ROOT, 'examples', 'dataplane-inventory.yml')
SAME_CLUSTER = os.path.join(ROOT, 'examples', 'dataplane-same-cluster.yml')
SELF_HOSTED = 'https://langsmith.example.com/api-host'            # the example inventory's control plane
BASE_PATH = 'https://ls.example.org/langsmith/api-host'           # self-hosted under a base path
WORKSPACE_ID = '3c1f1c7e-7d5f-4b5e-9b1e-2f0a9f0e6a11'             # the example inventory's workspace
API_KEY = 'lsv2_sk_chart_test_QxWvTpRmZnKjHgFd'


class RoutingProxy:
    """A CONNECT proxy on loopback that takes every tunnel to host H to 127.0.0.1:routes[H]."""

    def __init__(self, routes):
        self.routes = routes
        self.seen = []
        self.sock = socket.socket()
        self.sock.bind(('127.0.0.1', 0))
        self.sock.listen(64)
        self.url = 'http://127.0.0.1:%d' % self.sock.getsockname()[1]
        self.running = True
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while self.running:
            try:
                client, dummy = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._tunnel, args=(client,), daemon=True).start()

    def _tunnel(self, client):
        with client:
            request = b''
            while b'\r\n\r\n' not in request:
                data = client.recv(4096)
                if not data:
                    return
                request += data
            method, target = request.split(b' ', 2)[:2]
            host = target.decode().rsplit(':', 1)[0]
            self.seen.append(host)
            if method != b'CONNECT' or host not in self.routes:
                client.sendall(b'HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n')
                return
            with socket.create_connection(('127.0.0.1', self.routes[host])) as upstream:
                client.sendall(b'HTTP/1.1 200 Connection established\r\n\r\n')
                sockets = [client, upstream]
                while True:
                    readable = select.select(sockets, [], [], 30)[0]
                    if not readable:
                        return
                    for sock in readable:
                        data = sock.recv(65536)
                        if not data:
                            return
                        (upstream if sock is client else client).sendall(data)

    def stop(self):
        self.running = False
        self.sock.close()


@pytest.fixture(scope='module')
def world(tmp_path_factory):
    """Emulators for the hosted regions, the example's self-hosted control plane and one under a base
    path, all over HTTPS with one private CA, the proxy that reaches them by name, the stand-ins."""
    import trustme  # pylint: disable=import-outside-toplevel

    workdir = tmp_path_factory.mktemp('chart-world')
    authority = trustme.CA()
    ca_path = str(workdir / 'ca.pem')
    authority.cert_pem.write_to_path(ca_path)
    config = str(workdir / 'config.json')
    with open(config, 'w', encoding='utf-8') as handle:
        json.dump({'organizations': {'o': {'enterprise': True, 'workspaces': [WORKSPACE_ID]}},
                   'api_keys': {API_KEY: {'organization': 'o', 'workspace': WORKSPACE_ID}}, 'bearer_tokens': {}}, handle)
    servers = []
    routes = {}
    for name, hosts, prefix in (('hosted', [url.split('/')[2] for dummy, url, dummy2 in HOSTED_REGIONS], ''),
                                ('self-hosted', ['langsmith.example.com'], '/api-host'),
                                ('base-path', ['ls.example.org'], '/langsmith/api-host')):
        cert = authority.issue_cert(*hosts)
        certfile, keyfile = str(workdir / ('%s.pem' % name)), str(workdir / ('%s.key' % name))
        for number, blob in enumerate(cert.cert_chain_pems):
            blob.write_to_path(certfile, append=number > 0)
        cert.private_key_pem.write_to_path(keyfile)
        server = EmulatorServer(workdir, '--certfile', certfile, '--keyfile', keyfile, '--config', config, '--prefix', prefix)
        servers.append(server)
        port = int(server.control.rsplit(':', 1)[1])
        routes.update(dict.fromkeys(hosts, port))
    proxy = RoutingProxy(routes)
    k8s = K8sStandin(workdir)
    yield {'workdir': workdir, 'ca_path': ca_path, 'proxy': proxy, 'k8s': k8s, 'servers': servers}
    k8s.stop()
    proxy.stop()
    for server in servers:
        server.stop()


def bootstrap(world, name, inventory, *options, **env_extra):
    """bootstrap_cluster with ``inventory`` (a dict, or the path of a file plus overrides) against the
    world; returns {host: {'values', 'release', 'namespace', 'server'}} as the helm stand-in received it."""
    workdir = world['workdir'] / name
    workdir.mkdir()
    helm_dir = workdir / 'helm'
    (helm_dir / 'bin').mkdir(parents=True)
    wrapper = helm_dir / 'bin' / 'helm'
    wrapper.write_text('#!/bin/sh\nexec "%s" "%s" "$@"\n' % (DEFAULT_LINE.bin('python'), HELM_STANDIN))
    wrapper.chmod(0o755)
    kubeconfig = world['k8s'].kubeconfig(workdir / 'kubeconfig.yml', *('%s-%s' % (name, number) for number in range(3)))
    sources = []
    for number, part in enumerate(inventory if isinstance(inventory, list) else [inventory]):
        if isinstance(part, dict):
            path = workdir / ('inventory-%d.yml' % number)
            path.write_text(yaml.safe_dump(part))
            part = str(path)
        sources += ['-i', part]
    env = network_env(HTTPS_PROXY=world['proxy'].url, NO_PROXY='127.0.0.1,localhost', REQUESTS_CA_BUNDLE=world['ca_path'],
                      LANGSMITH_API_KEY=API_KEY, HELM_STANDIN_DIR=str(helm_dir), STANDIN_CALLS=str(workdir / 'calls.jsonl'),
                      PATH='%s:%s' % (helm_dir / 'bin', network_env()['PATH']), **env_extra)
    run([DEFAULT_LINE.bin('ansible-playbook'), 'langchain.langsmith.bootstrap_cluster'] + sources
        + ['-e', 'kubeconfig=%s' % kubeconfig] + list(options), 'chart-%s' % name, env=env)
    with open(helm_dir / 'calls.jsonl', encoding='utf-8') as handle:
        calls = [json.loads(line) for line in handle]
    installed = {}
    for call in calls:
        if call.get('words', [''])[0] == 'upgrade' and call['words'][2] == 'langgraph-dataplane':
            context = call['env'].get('HELM_KUBECONTEXT')
            installed[context] = {'values': call['values_files'][0]['values'], 'release': call['words'][1],
                                  'namespace': call['namespace'], 'context': context}
    return installed


def cluster(name, number, **variables):
    """A host of an inventory for ``bootstrap``: its own context of the world's kubeconfig."""
    return dict({'langsmith_kubeconfig': '{{ kubeconfig }}', 'langsmith_kube_context': '%s-%d' % (name, number),
                 'langsmith_dataplane_install': True, 'langsmith_workspace_id': WORKSPACE_ID}, **variables)


def rendered(install):
    """The manifests of the real chart for what the role handed to Helm, the same by Helm 3 and Helm 4;
    helm lint --strict of each passes on them."""
    assert chart.IN_USE == ['3', '4']
    chart.lint(install['values'])
    return chart.render(install['values'], release=install['release'], namespace=install['namespace'])


def check_listener(world, install, listener_id, control_plane, smith, namespaces, secret=None):
    manifests = rendered(install)
    env = chart.listener_env(manifests)
    assert env['HOST_WORKER_LISTENER_ID'] == listener_id
    assert env['HOST_WORKER_TENANT_ID'] == WORKSPACE_ID
    assert env['HOST_BACKEND_ENDPOINT'] == control_plane
    assert env['HOST_LANGCHAIN_API_ENDPOINT'] == smith
    assert chart.operator_env(manifests)['WATCH_NAMESPACE'] == ','.join(namespaces)
    assert set(chart.rbac(manifests)) >= set(namespaces)
    secret = secret or '%s-langsmith-api-key' % install['release']
    assert env['HOST_WORKER_LANGSMITH_API_KEY'] == {'secret': secret, 'key': 'langsmith_api_key'}
    # the chart makes no Secret of the key: the role's (or the user's) is the only one
    assert not any('langsmith_api_key' in data for data in chart.secrets(manifests).values())
    return manifests


def listener_ids(world, server_index):
    return {listener['compute_id']: listener['id'] for listener in world['servers'][server_index].listeners(WORKSPACE_ID)}


def stored_key(world, context, namespace, secret):
    import base64  # pylint: disable=import-outside-toplevel
    stored = world['k8s'].state()[context]['secrets'][namespace][secret]
    return base64.b64decode(stored['data']['langsmith_api_key']).decode()


@pytest.mark.parametrize('region, control_plane, smith', HOSTED_REGIONS, ids=[region for region, dummy, dummy2 in HOSTED_REGIONS])
def test_each_hosted_region(world, region, control_plane, smith):
    name = 'region-' + region.lower().replace(' ', '-')
    namespaces = ['agents-' + name]  # (one workspace: each namespace is served once)
    hosts = {'%s-c' % name: cluster(name, 0, langsmith_k8s_namespaces=namespaces, langsmith_control_plane_url=control_plane,
                                    langsmith_dataplane_ingress_hostname='agents.%s.example.com' % name)}
    installed = bootstrap(world, name, {'langsmith_clusters': {'hosts': hosts}})
    assert world['proxy'].seen and control_plane.split('/')[2] in world['proxy'].seen
    check_listener(world, installed['%s-0' % name], listener_ids(world, 0)['%s-c' % name], control_plane, smith, namespaces)
    assert stored_key(world, '%s-0' % name, 'langgraph-dataplane', 'langgraph-dataplane-langsmith-api-key') == API_KEY


@pytest.mark.parametrize('control_plane, server_index', [(SELF_HOSTED, 1), (BASE_PATH, 2)], ids=['self-hosted', 'base-path'])
def test_self_hosted_with_and_without_a_base_path(world, control_plane, server_index):
    name = 'self-%d' % server_index
    smith = control_plane[:-len('/api-host')] + '/api/v1'
    assert smith_backend_url(control_plane) == smith
    hosts = {'%s-c' % name: cluster(name, 0, langsmith_k8s_namespaces=['agents-' + name], langsmith_control_plane_url=control_plane)}
    installed = bootstrap(world, name, {'langsmith_clusters': {'hosts': hosts}})
    manifests = check_listener(world, installed['%s-0' % name], listener_ids(world, server_index)['%s-c' % name],
                               control_plane, smith, ['agents-' + name])
    # no host name given: the deployment health check is off
    assert chart.listener_env(manifests)['ENABLE_LGP_DEPLOYMENT_HEALTH_CHECK'] == 'false'


def test_an_existing_secret(world):
    name = 'existing'
    hosts = {'existing-c': cluster(name, 0, langsmith_k8s_namespaces=['agents-existing'], langsmith_control_plane_url=SELF_HOSTED,
                                   langsmith_dataplane_existing_secret='our-langsmith-key')}
    # with inject_facts_as_vars off, langsmith_listener_id is no variable on this line (a host fact): the chart
    # gets the listener's ID all the same
    installed = bootstrap(world, name, {'langsmith_clusters': {'hosts': hosts}}, ANSIBLE_INJECT_FACT_VARS='false')
    check_listener(world, installed['existing-0'], listener_ids(world, 1)['existing-c'], SELF_HOSTED,
                   'https://langsmith.example.com/api/v1', ['agents-existing'], secret='our-langsmith-key')
    assert world['k8s'].state()['existing-0']['secrets'].get('langgraph-dataplane', {}) == {}  # the role wrote none


def test_the_example_inventory_two_namespaces_through_the_gateway_api_with_host_names(world):
    """examples/dataplane-inventory.yml as docs/docsite/rst/dataplane-role.rst shows it; only the kubeconfigs are this test's."""
    with open(EXAMPLE, encoding='utf-8') as handle:
        example = yaml.safe_load(handle)['langsmith_clusters']
    overrides = {'langsmith_clusters': {'hosts': {
        'prod-eu-1': {'langsmith_kubeconfig': '{{ kubeconfig }}', 'langsmith_kube_context': 'example-0'},
        'prod-us-1': {'langsmith_kubeconfig': '{{ kubeconfig }}', 'langsmith_kube_context': 'example-1'}}}}
    installed = bootstrap(world, 'example', [EXAMPLE, overrides])
    ids = listener_ids(world, 1)
    for host, context in (('prod-eu-1', 'example-0'), ('prod-us-1', 'example-1')):
        variables = example['hosts'][host]
        manifests = check_listener(world, installed[context], ids[host], SELF_HOSTED, 'https://langsmith.example.com/api/v1',
                                   variables['langsmith_k8s_namespaces'])
        hostname = variables['langsmith_dataplane_ingress_hostname']
        listener, operator = chart.listener_env(manifests), chart.operator_env(manifests)
        assert listener['ENABLE_LGP_DEPLOYMENT_HEALTH_CHECK'] == 'true'
        assert listener['HOSTED_K8S_ROOT_DOMAIN'] == hostname and operator['ROOT_DOMAIN'] == hostname
        assert operator['GATEWAY_NAME'] == 'langsmith-gateway' and operator['GATEWAY_NAMESPACE'] == 'gateway-system'
        assert chart.ingress_host(manifests) is None  # the Gateway API instead of the chart's Ingress
        assert chart.has_crds(manifests)
        assert stored_key(world, context, 'langgraph-dataplane', 'langgraph-dataplane-langsmith-api-key') == API_KEY
        state = world['k8s'].state()[context]
        assert set(variables['langsmith_k8s_namespaces']) <= set(state['namespaces'])
    assert ids['prod-eu-1'] != ids['prod-us-1']


def test_a_second_data_plane_in_one_cluster_without_crds(world):
    name = 'twins'
    shared = {'langsmith_kubeconfig': '{{ kubeconfig }}', 'langsmith_kube_context': 'twins-0',
              'langsmith_dataplane_install': True, 'langsmith_workspace_id': WORKSPACE_ID, 'langsmith_control_plane_url': SELF_HOSTED}
    hosts = {'twins-first': dict(shared, langsmith_k8s_namespaces=['first']),
             'twins-second': dict(shared, langsmith_k8s_namespaces=['second'], langsmith_dataplane_create_crds=False,
                                  langsmith_dataplane_release_namespace='dataplane-second',
                                  langsmith_dataplane_release_name='dataplane-second')}
    bootstrap(world, name, {'langsmith_clusters': {'hosts': hosts}})
    # both releases went into context twins-0: read them from the stand-in's releases
    releases = json.loads((world['workdir'] / name / 'helm' / 'releases.json').read_text())
    (server,) = releases
    first = releases[server]['langgraph-dataplane']['langgraph-dataplane']
    second = releases[server]['dataplane-second']['dataplane-second']
    ids = listener_ids(world, 1)
    first_manifests = check_listener(world, {'values': first['values'], 'release': 'langgraph-dataplane',
                                             'namespace': 'langgraph-dataplane'}, ids['twins-first'], SELF_HOSTED,
                                     'https://langsmith.example.com/api/v1', ['first'])
    second_manifests = check_listener(world, {'values': second['values'], 'release': 'dataplane-second',
                                              'namespace': 'dataplane-second'}, ids['twins-second'], SELF_HOSTED,
                                      'https://langsmith.example.com/api/v1', ['second'])
    assert chart.has_crds(first_manifests) and not chart.has_crds(second_manifests)


def test_the_same_cluster_example_in_cluster_urls_no_crd_and_log_access(world):
    """examples/dataplane-same-cluster.yml as the role's guide shows it: the play reaches the control plane at its
    external URL, the chart gets the in-cluster service URLs, creates no CRD, and each watched namespace gets the
    log-access Role and RoleBinding for the langsmith release's host-backend ServiceAccount."""
    with open(SAME_CLUSTER, encoding='utf-8') as handle:
        variables = yaml.safe_load(handle)['langsmith_clusters']['hosts']['langsmith-cluster']
    overrides = {'langsmith_clusters': {'hosts': {
        'langsmith-cluster': {'langsmith_kubeconfig': '{{ kubeconfig }}', 'langsmith_kube_context': 'same-0'}}}}
    installed = bootstrap(world, 'same', [SAME_CLUSTER, overrides])
    assert 'langsmith.example.com' in world['proxy'].seen  # the play's requests: the external URL
    install = installed['same-0']
    assert install['namespace'] == 'langgraph-dataplane-team-a'
    manifests = check_listener(world, install, listener_ids(world, 1)['langsmith-cluster'],
                               'http://langsmith-host-backend.langsmith.svc.cluster.local:1985',
                               'http://langsmith-backend.langsmith.svc.cluster.local:1984', variables['langsmith_k8s_namespaces'])
    assert variables['langsmith_dataplane_control_plane_url'] == chart.listener_env(manifests)['HOST_BACKEND_ENDPOINT']
    assert not chart.has_crds(manifests)
    assert chart.operator_env(manifests)['GATEWAY_NAME'] == 'langsmith-gateway'
    state = world['k8s'].state()['same-0']
    name = 'langgraph-dataplane-langsmith-log-access'
    for namespace in variables['langsmith_k8s_namespaces']:
        role, binding = state['roles'][namespace][name], state['rolebindings'][namespace][name]
        assert role['rules'] == [{'apiGroups': [''], 'resources': ['pods'], 'verbs': ['get', 'list']},
                                 {'apiGroups': [''], 'resources': ['pods/log'], 'verbs': ['get', 'list', 'watch']}]
        assert binding['roleRef'] == {'apiGroup': 'rbac.authorization.k8s.io', 'kind': 'Role', 'name': name}
        assert binding['subjects'] == [{'kind': 'ServiceAccount', 'name': 'langsmith-host-backend', 'namespace': 'langsmith'}]
    assert sorted(state['roles']) == sorted(variables['langsmith_k8s_namespaces'])  # none in the release namespace


@pytest.mark.parametrize('example', [EXAMPLE, SAME_CLUSTER], ids=os.path.basename)
def test_the_docs_show_the_example_inventory(example):
    blocks = [(language, body) for language, body, dummy in code_blocks(guide('dataplane-role'))]
    with open(example, encoding='utf-8') as handle:
        text = handle.read()
    body = text[text.index('langsmith_clusters:'):]
    assert ('yaml', body) in blocks


def test_a_render_that_differs_between_helm_3_and_helm_4_fails_saying_how(monkeypatch):
    """chart.render compares what each Helm renders (but the listener's random rollme annotation): the
    check can fail. Here Helm 4's output is Helm 3's with one value changed."""
    real = chart.helm

    def helm(*args, values=None, major='3'):
        out = real(*args, values=values, major='3')
        return out.replace('HOST_WORKER_TENANT_ID', 'HOST_WORKER_TENANT') if major == '4' else out

    monkeypatch.setattr(chart, 'helm', helm)
    with pytest.raises(AssertionError, match=r'(?s)Helm 3 and Helm 4 render different manifests:\n--- Helm 3\n\+\+\+ Helm 4\n.*'
                                             r'\n- +- name: HOST_WORKER_TENANT_ID\n\+ +- name: HOST_WORKER_TENANT\n'):
        chart.render({'config': {'langsmithWorkspaceId': WORKSPACE_ID}})
    monkeypatch.setattr(chart, 'helm', real)
    manifests = chart.render({'config': {'langsmithWorkspaceId': WORKSPACE_ID}})  # the real ones agree
    assert chart.listener_env(manifests)['HOST_WORKER_TENANT_ID'] == WORKSPACE_ID


def test_helm_3_and_helm_4_disagree_on_nothing_but_the_random_annotation():
    """The one value masked before the comparison is random with either Helm: two renders by the same
    Helm differ there, and only there."""
    first, second = (chart.helm('template', chart.RELEASE, chart.chart(), major='3') for dummy in range(2))
    changed = [line for line in difflib.ndiff(first.splitlines(), second.splitlines()) if line[:1] in '+-']
    assert len(changed) == 2 and all('rollme: ' in line for line in changed), changed


def test_a_render_that_one_helm_refuses_fails_naming_it(monkeypatch):
    def helm(*args, values=None, major='3'):
        if major == '4':
            raise chart.HelmError('helm template exited 1: Error: a refusal of Helm 4 alone')
        return 'kind: ConfigMap\nmetadata: {name: x}\n'

    monkeypatch.setattr(chart, 'helm', helm)
    with pytest.raises(AssertionError, match='^Helm 3 succeeds where Helm 4 fails: helm template exited 1: Error: a refusal of Helm 4 alone$'):
        chart.render({})
