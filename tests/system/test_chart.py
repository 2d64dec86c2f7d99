# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The facts about the vendor's langgraph-dataplane chart that the dataplane role relies on (listed in
the chart's README beside it, ../shared/charts/README.md), each proven on the real chart rendered by
a real Helm 3 and, again, by a real Helm 4 (tests/system/chart.py): every test runs once with each."""

import os
import tarfile

import pytest

from ansible_collections.langchain.langsmith.tests.system import chart
from ansible_collections.langchain.langsmith.tests.system.chart import (
    HelmError, find, has_crds, ingress_host, lint, listener_env, operator_env, rbac, render, secrets)
from ansible_collections.langchain.langsmith.tests.system.harness import ROOT

pytestmark = pytest.mark.slow

LISTENER_ID = '6f1c2b0e-5a47-4d0a-9a8e-2f4f0c9d1e11'
WORKSPACE_ID = 'c0ffee00-1234-4abc-8def-0123456789ab'
API_KEY = 'lsv2_sk_ChartTestKeyNotARealOne'


@pytest.fixture(autouse=True, params=sorted(chart.HELMS), ids=lambda major: 'helm%s' % major)
def helm_major(request, monkeypatch):
    """Every test of this module, once with Helm 3 and once with Helm 4."""
    chart.use(monkeypatch, request.param)
    return request.param


def values(**config):
    """The values the dataplane role hands to Helm, with ``config`` merged into ``config``."""
    base = {
        'langgraphListenerId': LISTENER_ID,
        'langsmithWorkspaceId': WORKSPACE_ID,
        'hostBackendUrl': 'https://langsmith.example.com/api-host',
        'smithBackendUrl': 'https://langsmith.example.com/api/v1',
        'watchNamespaces': 'team-a',
        'langsmithApiKey': API_KEY,
    }
    base.update(config)
    return {'config': {key: value for key, value in base.items() if value is not None}}


def test_the_chart_is_found_beside_the_checkout_or_where_the_variable_says(monkeypatch, tmp_path):
    monkeypatch.delenv('LANGSMITH_DATAPLANE_CHART', raising=False)
    assert chart.chart() == os.path.normpath(os.path.join(ROOT, '..', 'shared', 'charts', 'langgraph-dataplane-0.2.22.tgz'))
    missing = str(tmp_path / 'langgraph-dataplane.tgz')
    monkeypatch.setenv('LANGSMITH_DATAPLANE_CHART', missing)
    with pytest.raises(pytest.fail.Exception, match='the langgraph-dataplane chart is not at %s' % missing):
        chart.chart()


def test_helm_is_the_pinned_version(helm_major):
    assert chart.helm('version', '--short', major=helm_major).startswith(chart.VERSIONS[helm_major] + '+g')
    assert chart.VERSIONS == {'3': 'v3.17.2', '4': 'v4.1.4'}


def test_the_chart_is_0_2_22_of_app_0_16_36(helm_major):
    shown = chart.helm('show', 'chart', chart.chart(), major=helm_major)
    assert 'name: langgraph-dataplane\n' in shown
    assert 'version: %s\n' % chart.CHART_VERSION in shown and 'appVersion: %s\n' % chart.CHART_APP_VERSION in shown


def test_the_roles_values_pass_helm_lint_strict():
    assert '0 chart(s) failed' in lint(values(watchNamespaces='team-a,team-b'))


def test_lint_strict_fails_on_an_error():
    # (Helm 3 says it on one line; Helm 4 breaks the line after the template's position)
    with pytest.raises(HelmError, match=r'(?s)\[ERROR\] templates/: .* wrong type for value; expected string'):
        lint(values(watchNamespaces=['team-a', 'team-b']))


def test_lint_lets_the_charts_own_fail_pass_only_render_catches_it():
    # helm lint logs a template's `fail` as [INFO]: values the chart refuses still lint clean.
    both = dict(values(), gateway={'enabled': True})
    assert '1 chart(s) linted, 0 chart(s) failed' in lint(both)
    with pytest.raises(HelmError, match='Only one of ingress, gateway, or istioGateway'):
        render(both)


def test_listener_id_is_host_worker_listener_id():
    assert listener_env(render(values()))['HOST_WORKER_LISTENER_ID'] == LISTENER_ID
    assert 'HOST_WORKER_LISTENER_ID' not in listener_env(render(values(langgraphListenerId=None)))


def test_workspace_id_is_host_worker_tenant_id():
    assert listener_env(render(values()))['HOST_WORKER_TENANT_ID'] == WORKSPACE_ID


def test_host_backend_url_is_host_backend_endpoint():
    assert listener_env(render(values()))['HOST_BACKEND_ENDPOINT'] == 'https://langsmith.example.com/api-host'
    # the chart's default: LangSmith's hosted control plane
    assert listener_env(render({}))['HOST_BACKEND_ENDPOINT'] == 'https://api.host.langchain.com'


def test_smith_backend_url_is_host_langchain_api_endpoint():
    assert listener_env(render(values()))['HOST_LANGCHAIN_API_ENDPOINT'] == 'https://langsmith.example.com/api/v1'
    assert listener_env(render({}))['HOST_LANGCHAIN_API_ENDPOINT'] == 'https://api.smith.langchain.com'


def test_watch_namespaces_is_the_operators_watch_namespace_and_a_role_and_binding_in_each():
    manifests = render(values(watchNamespaces='team-a,team-b'))
    assert operator_env(manifests)['WATCH_NAMESPACE'] == 'team-a,team-b'
    roles = rbac(manifests)
    for namespace in ('team-a', 'team-b'):
        names = ['langgraph-dataplane-listener', 'langgraph-dataplane-operator']
        assert roles[namespace] == {'Role': names, 'RoleBinding': names}, namespace
    # the release namespace holds only the operator's leader election
    assert roles[chart.NAMESPACE] == {'Role': ['langgraph-dataplane-operator-leader-election-role'],
                                      'RoleBinding': ['langgraph-dataplane-operator-leader-election-rolebinding']}
    assert not find(manifests, 'ClusterRole')


def test_watch_namespaces_must_be_one_string_not_a_list():
    with pytest.raises(HelmError, match='wrong type for value; expected string'):
        render(values(watchNamespaces=['team-a', 'team-b']))


def test_the_chart_creates_no_namespace():
    assert not find(render(values(watchNamespaces='team-a,team-b')), 'Namespace')


def test_api_key_goes_to_the_secret_release_secrets_referenced_by_the_listener():
    manifests = render(values())
    assert secrets(manifests)['langgraph-dataplane-secrets'] == {'langsmith_api_key': API_KEY}
    assert find(manifests, 'Secret', 'langgraph-dataplane-secrets')[0]['metadata']['namespace'] == chart.NAMESPACE
    assert listener_env(manifests)['HOST_WORKER_LANGSMITH_API_KEY'] == {'secret': 'langgraph-dataplane-secrets', 'key': 'langsmith_api_key'}


def test_the_secret_is_named_after_the_releases_full_name_not_the_release():
    # <release>-secrets only while the release name contains the chart's name; otherwise Helm's
    # "full name" <release>-langgraph-dataplane comes first (the README's "<release>-secrets" is wrong there).
    manifests = render(values(), release='dp')
    assert 'dp-secrets' not in secrets(manifests)
    assert secrets(manifests)['dp-langgraph-dataplane-secrets'] == {'langsmith_api_key': API_KEY}
    assert listener_env(manifests)['HOST_WORKER_LANGSMITH_API_KEY'] == {'secret': 'dp-langgraph-dataplane-secrets', 'key': 'langsmith_api_key'}
    assert 'my-langgraph-dataplane-secrets' in secrets(render(values(), release='my-langgraph-dataplane'))


def test_existing_secret_is_referenced_and_the_chart_makes_none():
    manifests = render(values(langsmithApiKey=None, existingSecretName='langsmith-api-key'))
    assert listener_env(manifests)['HOST_WORKER_LANGSMITH_API_KEY'] == {'secret': 'langsmith-api-key', 'key': 'langsmith_api_key'}
    assert sorted(secrets(manifests)) == ['langgraph-dataplane-redis']  # Redis's own, no API key Secret
    # a secretKeyRef reads the pod's namespace: the release namespace
    listener = [m for m in find(manifests, 'Deployment') if m['metadata']['name'].endswith('-listener')][0]
    assert listener['metadata']['namespace'] == chart.NAMESPACE


def test_lgp_deployment_health_check_is_an_env_of_the_listener_on_by_default():
    assert listener_env(render(values()))['ENABLE_LGP_DEPLOYMENT_HEALTH_CHECK'] == 'true'
    assert listener_env(render(values(enableLGPDeploymentHealthCheck=False)))['ENABLE_LGP_DEPLOYMENT_HEALTH_CHECK'] == 'false'


def test_ingress_hostname_reaches_the_operator_not_the_listener():
    # What the chart does with ingress.hostname: the Ingress's host and the operator's ROOT_DOMAIN.
    # The listener (which runs the health check) gets HOSTED_K8S_ROOT_DOMAIN from config.rootDomain,
    # a value values.yaml does not list, and nothing from ingress.hostname.
    manifests = render(dict(values(), ingress={'hostname': 'agents.example.com'}))
    assert operator_env(manifests)['ROOT_DOMAIN'] == 'agents.example.com'
    assert listener_env(manifests)['HOSTED_K8S_ROOT_DOMAIN'] is None
    assert listener_env(render(values(rootDomain='agents.example.com')))['HOSTED_K8S_ROOT_DOMAIN'] == 'agents.example.com'


def test_create_crds_false_renders_no_crd():
    assert [m['metadata']['name'] for m in find(render(values()), 'CustomResourceDefinition')] == ['lgps.apps.langchain.ai']
    assert not has_crds(render(dict(values(), operator={'createCRDs': False})))


def test_ingress_hostname_is_the_host_of_one_ingress_in_the_release_namespace():
    manifests = render(dict(values(watchNamespaces='team-a,team-b'), ingress={'hostname': 'agents.example.com'}))
    assert ingress_host(manifests) == 'agents.example.com'
    assert [m['metadata']['namespace'] for m in find(manifests, 'Ingress')] == [chart.NAMESPACE]
    assert operator_env(manifests)['SHARED_INGRESS_NAMESPACE'] == chart.NAMESPACE


def test_only_one_of_ingress_gateway_and_istio_gateway():
    # ingress is enabled by default: enabling another needs ingress.enabled false
    for other in ('gateway', 'istioGateway'):
        with pytest.raises(HelmError, match='Only one of ingress, gateway, or istioGateway can be enabled at the same time'):
            render(dict(values(), **{other: {'enabled': True}}))
    with pytest.raises(HelmError, match='Only one of ingress, gateway, or istioGateway'):
        render(dict(values(), ingress={'enabled': False}, gateway={'enabled': True}, istioGateway={'enabled': True}))


def test_gateway_replaces_the_ingress():
    manifests = render(dict(values(watchNamespaces='team-a,team-b'), ingress={'enabled': False},
                            gateway={'enabled': True, 'name': 'shared', 'namespace': 'gateways', 'hostname': 'agents.example.com'}))
    assert ingress_host(manifests) is None
    env = operator_env(manifests)
    assert (env['GATEWAY_NAME'], env['GATEWAY_NAMESPACE'], env['ROOT_DOMAIN']) == ('shared', 'gateways', 'agents.example.com')
    assert 'SHARED_INGRESS_NAME' not in env


def test_istio_gateway_replaces_the_ingress():
    manifests = render(dict(values(), ingress={'enabled': False},
                            istioGateway={'enabled': True, 'name': 'istio', 'namespace': 'istio-system', 'hostname': 'agents.example.com'}))
    assert ingress_host(manifests) is None
    env = operator_env(manifests)
    assert (env['ISTIO_GATEWAY_NAME'], env['ISTIO_GATEWAY_NAMESPACE'], env['ROOT_DOMAIN']) == ('istio', 'istio-system', 'agents.example.com')


def test_no_required_values_and_no_values_schema():
    with tarfile.open(chart.chart()) as archive:
        names = archive.getnames()
        templates = [archive.extractfile(name).read().decode() for name in names if '/templates/' in name]
    assert 'langgraph-dataplane/values.yaml' in names
    assert not [name for name in names if name.endswith('values.schema.json')]
    assert not [text for text in templates if 'required "' in text or '| required' in text]
    assert find(render({}), 'Deployment')  # renders with no values at all
