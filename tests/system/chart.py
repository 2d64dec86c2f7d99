# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The vendor's real ``langgraph-dataplane`` chart, rendered by a real Helm 3, for the system tests.

The chart is test data kept beside the checkout (``../shared/charts/``, see its README there), or
wherever ``LANGSMITH_DATAPLANE_CHART`` names; Helm is ``.build/bin/helm`` (``make setup``). A test
that needs either fails when it is missing.

``render(values)`` is ``helm template`` of the chart with ``values`` as a values file, as a list of
manifests; the helpers below pick out of such a list what the tests look at.
"""

import base64
import os
import subprocess
import tempfile

import pytest
import yaml

from ansible_collections.langchain.langsmith.tests.system.harness import HELM, ROOT

CHART_FILE = 'langgraph-dataplane-0.2.22.tgz'
# beside the checkout: <checkout>/../shared/charts/ (LANGSMITH_DATAPLANE_CHART names another place)
DEFAULT_CHART = os.path.normpath(os.path.join(ROOT, os.pardir, 'shared', 'charts', CHART_FILE))
CHART_VERSION = '0.2.22'
CHART_APP_VERSION = '0.16.36'
RELEASE = 'langgraph-dataplane'
NAMESPACE = 'langgraph-dataplane'


class HelmError(Exception):
    """helm exited non-zero; the message is its output."""


def chart():
    """The chart's path: $LANGSMITH_DATAPLANE_CHART, or ../shared/charts/ beside the checkout."""
    path = os.environ.get('LANGSMITH_DATAPLANE_CHART') or DEFAULT_CHART
    if not os.path.isfile(path):
        pytest.fail('the langgraph-dataplane chart is not at %s: put %s there or name it with LANGSMITH_DATAPLANE_CHART'
                    % (path, CHART_FILE), pytrace=False)
    return path


def helm(*args, values=None):
    """Run ``helm args...`` (with ``-f`` a values file of ``values`` when given); its standard output."""
    if not os.access(HELM, os.X_OK):
        pytest.fail('no helm at %s: run make setup' % HELM, pytrace=False)
    with tempfile.TemporaryDirectory(prefix='helm-') as home:
        command = [HELM] + list(args)
        if values is not None:
            path = os.path.join(home, 'values.yaml')
            with open(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600), 'w', encoding='utf-8') as handle:
                yaml.safe_dump(values, handle)
            command += ['-f', path]
        # Helm's own folders in the temporary directory: nothing of the user's is read or written.
        env = dict(os.environ, HELM_CACHE_HOME=home, HELM_CONFIG_HOME=home, HELM_DATA_HOME=home, KUBECONFIG=os.devnull)
        proc = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=300, check=False)
    if proc.returncode != 0:
        raise HelmError('helm %s exited %d: %s%s' % (' '.join(args), proc.returncode, proc.stderr, proc.stdout))
    return proc.stdout


def render(values, release=RELEASE, namespace=NAMESPACE):
    """The manifests of ``helm template <release> <chart> --namespace <namespace> -f <values>``."""
    out = helm('template', release, chart(), '--namespace', namespace, values=values)
    return [manifest for manifest in yaml.safe_load_all(out) if manifest]


def lint(values):
    """``helm lint --strict`` of the chart with ``values``; its output (HelmError when it finds errors)."""
    return helm('lint', '--strict', chart(), values=values)


def find(manifests, kind, name=None):
    """The manifests of ``kind`` (named ``name``, when given)."""
    return [m for m in manifests if m['kind'] == kind and name in (None, m['metadata']['name'])]


def _deployment(manifests, component):
    found = [m for m in find(manifests, 'Deployment') if m['metadata']['name'].endswith('-' + component)]
    assert len(found) == 1, 'expected one %s Deployment, got %s' % (component, [m['metadata']['name'] for m in found])
    return found[0]


def _env(deployment):
    """{name: value} of the first container's env; a value from a Secret as {'secret': name, 'key': key}."""
    env = {}
    for item in deployment['spec']['template']['spec']['containers'][0].get('env') or []:
        if 'valueFrom' in item:
            ref = item['valueFrom'].get('secretKeyRef')
            env[item['name']] = {'secret': ref['name'], 'key': ref['key']} if ref else item['valueFrom']
        else:
            env[item['name']] = item.get('value')
    return env


def listener_env(manifests):
    return _env(_deployment(manifests, 'listener'))


def operator_env(manifests):
    return _env(_deployment(manifests, 'operator'))


def secrets(manifests):
    """{name: {key: decoded value}} of the Secrets."""
    found = {}
    for secret in find(manifests, 'Secret'):
        data = {key: base64.b64decode(value).decode() for key, value in (secret.get('data') or {}).items()}
        data.update(secret.get('stringData') or {})
        found[secret['metadata']['name']] = data
    return found


def rbac(manifests):
    """{namespace: {'Role': [names], 'RoleBinding': [names]}} of the namespaced RBAC objects."""
    found = {}
    for manifest in manifests:
        if manifest['kind'] in ('Role', 'RoleBinding'):
            kinds = found.setdefault(manifest['metadata']['namespace'], {'Role': [], 'RoleBinding': []})
            kinds[manifest['kind']].append(manifest['metadata']['name'])
    return {namespace: {kind: sorted(names) for kind, names in kinds.items()} for namespace, kinds in found.items()}


def has_crds(manifests):
    return bool(find(manifests, 'CustomResourceDefinition'))


def ingress_host(manifests):
    """The host of the chart's one Ingress; None without an Ingress."""
    ingresses = find(manifests, 'Ingress')
    if not ingresses:
        return None
    assert len(ingresses) == 1, [m['metadata']['name'] for m in ingresses]
    return ingresses[0]['spec']['rules'][0]['host']
