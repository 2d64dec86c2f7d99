# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The vendor's real ``langgraph-dataplane`` chart, rendered by a real Helm 3 and a real Helm 4, for the
system tests.

The chart is test data kept beside the checkout (``../shared/charts/``, see its README there), or
wherever ``LANGSMITH_DATAPLANE_CHART`` names; Helm is ``.build/bin/helm`` (Helm 3.17.2) and
``.build/bin/helm4`` (Helm 4.1.4), both from ``make setup``. A test that needs either fails when it is
missing.

``render(values)`` is ``helm template`` of the chart with ``values`` as a values file, as a list of
manifests, by every Helm in use (both, unless a test chose one with ``use``): the manifests of each must
be the same, or the render fails saying how they differ. ``lint(values)`` is ``helm lint --strict``
by each. The helpers below pick out of a list of manifests what the tests look at.
"""

import base64
import copy
import difflib
import os
import subprocess
import sys
import tempfile

import pytest
import yaml

from ansible_collections.langchain.langsmith.tests.system.harness import HELM, HELM4, ROOT

CHART_FILE = 'langgraph-dataplane-0.2.22.tgz'
# beside the checkout: <checkout>/../shared/charts/ (LANGSMITH_DATAPLANE_CHART names another place)
DEFAULT_CHART = os.path.normpath(os.path.join(ROOT, os.pardir, 'shared', 'charts', CHART_FILE))
CHART_VERSION = '0.2.22'
CHART_APP_VERSION = '0.16.36'
RELEASE = 'langgraph-dataplane'
NAMESPACE = 'langgraph-dataplane'
# The Helm major versions the chart is rendered with, and their binaries.
HELMS = {'3': HELM, '4': HELM4}
VERSIONS = {'3': 'v3.17.2', '4': 'v4.1.4'}
IN_USE = list(HELMS)  # every render and lint runs each of these (use() narrows it for one test)


class HelmError(Exception):
    """helm exited non-zero; the message is its output."""


def chart():
    """The chart's path: $LANGSMITH_DATAPLANE_CHART, or ../shared/charts/ beside the checkout."""
    path = os.environ.get('LANGSMITH_DATAPLANE_CHART') or DEFAULT_CHART
    if not os.path.isfile(path):
        pytest.fail('the langgraph-dataplane chart is not at %s: put %s there or name it with LANGSMITH_DATAPLANE_CHART'
                    % (path, CHART_FILE), pytrace=False)
    return path


def use(monkeypatch, major):
    """Render and lint with Helm ``major`` ('3' or '4') alone, for the rest of the test."""
    monkeypatch.setattr(sys.modules[__name__], 'IN_USE', [major])


def helm(*args, values=None, major='3'):
    """Run Helm ``major``'s ``helm args...`` (with ``-f`` a values file of ``values`` when given); its standard output."""
    binary = HELMS[major]
    if not os.access(binary, os.X_OK):
        pytest.fail('no helm at %s: run make setup' % binary, pytrace=False)
    with tempfile.TemporaryDirectory(prefix='helm-') as home:
        command = [binary] + list(args)
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


def each_helm(*args, values=None):
    """{major: standard output} of ``helm args...`` run by every Helm in use. When one fails, all must:
    a HelmError names each one's failure; one failing where another succeeds is an AssertionError."""
    outputs, errors = {}, {}
    for major in IN_USE:
        try:
            outputs[major] = helm(*args, values=values, major=major)
        except HelmError as exc:
            errors[major] = exc
    if errors and outputs:
        failures = '; '.join(str(error) for error in errors.values())
        raise AssertionError('Helm %s succeeds where Helm %s fails: %s' % (', '.join(outputs), ', '.join(errors), failures))
    if errors:
        raise HelmError('; '.join('Helm %s: %s' % (major, error) for major, error in errors.items()))
    return outputs


# The one value of the chart that is random on every render: the listener's pod annotation
# rollme (randAlphaNum 5), which makes every upgrade restart the listener.
RANDOM = ('Deployment', 'listener', ('spec', 'template', 'metadata', 'annotations', 'rollme'))


def _comparable(manifests):
    """The manifests without the random value; asserts it is where RANDOM says (a render without it fails)."""
    kind, component, path = RANDOM
    found = []
    stable = copy.deepcopy(manifests)
    for manifest in stable:
        if manifest['kind'] == kind and manifest['metadata']['name'].endswith('-' + component):
            node = manifest
            for key in path[:-1]:
                node = node[key]
            assert len(node.pop(path[-1])) == 5
            found.append(manifest['metadata']['name'])
    assert len(found) <= 1, found
    return stable


def render(values, release=RELEASE, namespace=NAMESPACE):
    """The manifests of ``helm template <release> <chart> --namespace <namespace> -f <values>``, the same
    (but for the listener's random rollme annotation) by every Helm in use."""
    rendered = each_helm('template', release, chart(), '--namespace', namespace, values=values)
    found = {major: [manifest for manifest in yaml.safe_load_all(out) if manifest] for major, out in rendered.items()}
    first = IN_USE[0]
    for major in IN_USE[1:]:
        if _comparable(found[major]) != _comparable(found[first]):
            diff = difflib.unified_diff(yaml.safe_dump_all(_comparable(found[first])).splitlines(),
                                        yaml.safe_dump_all(_comparable(found[major])).splitlines(),
                                        'Helm %s' % first, 'Helm %s' % major, lineterm='', n=2)
            raise AssertionError('Helm %s and Helm %s render different manifests:\n%s' % (first, major, '\n'.join(diff)))
    return found[first]


def lint(values):
    """``helm lint --strict`` of the chart with ``values`` by every Helm in use; the output of the last
    (HelmError when any finds errors)."""
    return each_helm('lint', '--strict', chart(), values=values)[IN_USE[-1]]


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
