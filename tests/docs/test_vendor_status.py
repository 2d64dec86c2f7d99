# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The vendor's status of the listener flow, as the README, galaxy.yml and the guides say it (issue 21).

What the vendor's web pages say cannot be read here (no network): those claims carry the date they
were read and their source, and every place that makes them says the same. What the real chart
(../shared/charts/langgraph-dataplane-0.2.22.tgz) says and renders is checked against it: its
README's "legacy" warning, the CRD that ``helm uninstall`` keeps, and that the custom resources and
agent workloads are the listener's and the operator's, not Helm's.
"""

import os
import tarfile

import pytest
import yaml

from ansible_collections.langchain.langsmith.tests.system import chart
from ansible_collections.langchain.langsmith.tests.system.harness import ROOT
from ansible_collections.langchain.langsmith.tests.docs.pages import anchors, guide, read, section

READ_ON = '2026-12-01'
LEGACY_HYBRID = 'https://docs.langchain.com/langsmith/hybrid-legacy'
HYBRID = 'https://docs.langchain.com/langsmith/hybrid'
ADDITIONAL_DATA_PLANES = 'https://docs.langchain.com/langsmith/deploy-self-hosted-full-platform'
DEPRECATED_CHART_PR = 'https://github.com/langchain-ai/helm/pull/820'
NAMES = 'https://docs.langchain.com/oss/python/langgraph/overview'
STANDALONE = 'https://docs.langchain.com/langsmith/deploy-standalone-server'
STATUS_TITLE = 'Vendor status of the listener flow'
STATUS_ANCHOR = 'dataplane-role.rst#vendor-status-of-the-listener-flow'
# the chart README's warning, as the guides quote it
CHART_WARNING = 'Legacy Hybrid Deployment — No Longer Supported for New Customers'
CHART_EXISTING = 'existing customers will continue to be supported'


def flat(text):
    return ' '.join(text.split())


def status_section():
    return flat(section(guide('dataplane-role'), STATUS_TITLE))


# Every place a user meets the collection first says the status: with the date and a source, both
# names of the product, what the vendor recommends instead and that decommission_cluster is the exit.
PLACES = {
    'README.md': lambda: flat(read('README.md')),
    'guides': lambda: flat(guide('guides')),
    'getting-started': lambda: flat(guide('getting-started')),
    'awx': lambda: flat(guide('awx')),
    'dataplane-role': status_section,
}


@pytest.mark.parametrize('place', sorted(PLACES))
def test_the_status_is_said_with_its_date_and_source(place):
    text = PLACES[place]()
    for claim in (READ_ON, 'legacy hybrid', LEGACY_HYBRID, '"Not recommended; deprecation planned"', ADDITIONAL_DATA_PLANES,
                  'standalone Agent Servers', 'LangSmith Deployment', 'LangSmith Agent Server', 'decommission_cluster'):
        assert claim in text.replace('*', ''), '%s does not say %r' % (place, claim)
    if place != 'dataplane-role':
        assert STATUS_ANCHOR in text, '%s does not link to the vendor status' % place


def test_the_galaxy_description_says_it_too():
    with open(os.path.join(ROOT, 'galaxy.yml'), encoding='utf-8') as handle:
        description = yaml.safe_load(handle)['description']
    for claim in ('LangSmith Deployment', 'LangSmith Agent Server', 'Read %s' % READ_ON, LEGACY_HYBRID[len('https://'):],
                  'standalone Agent Servers', 'decommission_cluster'):
        assert claim in description, claim
    assert len(description) <= 255  # what Galaxy's collection listings show in full


def test_the_status_section_names_every_source_and_the_anchors_exist():
    text = status_section()
    for source in (LEGACY_HYBRID, HYBRID, ADDITIONAL_DATA_PLANES, DEPRECATED_CHART_PR, NAMES, STANDALONE):
        assert source in text, source
    assert 'read on %s' % READ_ON in text
    assert '"the deprecated chart"' in text and '0.2.22 is still its newest version' in text
    assert {'vendor-status-of-the-listener-flow', 'helm-3-and-helm-4'} <= anchors(guide('dataplane-role'))
    # the chart the guide speaks of is the one the tests render
    assert chart.CHART_VERSION == '0.2.22'


def chart_file(name):
    with tarfile.open(chart.chart()) as archive:
        return archive.extractfile('langgraph-dataplane/' + name).read().decode()


@pytest.mark.slow
def test_the_charts_readme_says_what_the_guides_quote():
    readme = flat(chart_file('README.md'))
    assert yaml.safe_load(chart_file('Chart.yaml'))['version'] == '0.2.22'
    assert 'This chart is the legacy version of the Hybrid deployment option.' in readme
    for quote in (CHART_WARNING, CHART_EXISTING):
        assert quote in readme, quote
        assert quote in status_section(), quote
    assert '"No Longer Supported for New Customers"' in flat(read('README.md'))


WATCHED = ['team-a', 'team-b']


def may_create(role, group, resource):
    return any(group in rule.get('apiGroups', []) and resource in rule.get('resources', []) and 'create' in rule.get('verbs', [])
               for rule in role['rules'])


@pytest.mark.slow
def test_helm_uninstall_keeps_the_crd_and_helm_holds_no_custom_resource_nor_agent_workload():
    """What a decommission leaves, as the guide says it, from the manifests the real chart renders
    (with Helm 3 and Helm 4, which render them alike): the release is everything Helm removes."""
    manifests = chart.render({'config': {'watchNamespaces': ','.join(WATCHED), 'langsmithApiKey': 'lsv2_sk_x'}})
    (crd,) = chart.find(manifests, 'CustomResourceDefinition')
    assert crd['metadata']['name'] == 'lgps.apps.langchain.ai'
    assert crd['metadata']['annotations']['helm.sh/resource-policy'] == 'keep'
    assert (crd['spec']['group'], crd['spec']['names']['kind'], crd['spec']['names']['plural']) == ('apps.langchain.ai', 'LGP', 'lgps')
    # no custom resource, and no workload but the chart's own: the listener, the operator and their Redis
    assert not chart.find(manifests, 'LGP')
    release = chart.RELEASE + '-'  # the chart's full name is the release's, which contains the chart's name
    assert sorted(m['metadata']['name'] for m in chart.find(manifests, 'Deployment')) == [release + 'listener', release + 'operator']
    assert sorted(m['metadata']['name'] for m in chart.find(manifests, 'StatefulSet')) == [release + 'redis']
    # the listener and the operator are the ones allowed to create them, in each watched namespace
    for namespace in WATCHED:
        roles = {m['metadata']['name']: m for m in chart.find(manifests, 'Role') if m['metadata']['namespace'] == namespace}
        for component in ('listener', 'operator'):
            role = roles[release + component]
            assert may_create(role, 'apps.langchain.ai', 'lgps') and may_create(role, 'apps', 'deployments'), component
    text = status_section()
    for claim in ('``lgps.apps.langchain.ai``', '``helm.sh/resource-policy: keep``', 'its custom resources (kind ``LGP``) and the agent '
                  'workloads: the listener and the operator create them (their Roles in each watched namespace allow it), not Helm'):
        assert claim in text, claim


def test_decommission_cluster_is_the_exit_the_guide_says():
    """decommission_cluster runs the role with langsmith_listener_state absent: the chart uninstalled, then the
    listener deleted (tests/integration/targets/dataplane checks the order: every chart before any listener)."""
    with open(os.path.join(ROOT, 'playbooks', 'decommission_cluster.yml'), encoding='utf-8') as handle:
        (play,) = [play for play in yaml.safe_load(handle) if 'tasks' in play]
    assert play['vars']['langsmith_listener_state'] == 'absent'
    assert 'roles' not in play
    assert [task['ansible.builtin.import_role']['name'] for task in play['tasks']] == ['langchain.langsmith.dataplane']
    assert ('``langchain.langsmith.decommission_cluster`` with ``langsmith_dataplane_install: true``: the chart is uninstalled, '
            'then the listener deleted') in status_section()
    assert 'the namespaces: a decommission never deletes a namespace' in status_section()


UPGRADE_TITLE = 'Upgrading the chart across a fleet'


def test_the_listener_image_of_0_2_22_is_what_the_upgrade_section_says():
    """The 0.2.22 half of the guide's image change, from the real chart: its default values and the listener it renders.
    (The 0.2.21 half, docker.io/langchain/hosted-langserve-backend with ./listener_entrypoint.sh, is from the vendor's
    helm repository, which the test machines cannot read.)"""
    text = flat(section(guide('dataplane-role'), UPGRADE_TITLE))
    values = yaml.safe_load(chart_file('values.yaml'))
    repository = values['images']['listenerImage']['repository']
    command = values['listener']['deployment']['command']
    assert '``images.listenerImage.repository`` is ``%s`` in 0.2.22 and its command ``%s``' % (repository, ' '.join(command)) in text
    manifests = chart.render({'config': {'watchNamespaces': 'team-a', 'langsmithApiKey': 'lsv2_sk_x'}})
    (container,) = [c for m in chart.find(manifests, 'Deployment') if m['metadata']['name'].endswith('-listener')
                    for c in m['spec']['template']['spec']['containers']]
    assert container['image'].split(':')[0] == repository
    assert container['command'] == command
    assert 'where an earlier chart ran ``docker.io/langchain/hosted-langserve-backend`` with ``./listener_entrypoint.sh``' in text


def test_the_upgrade_section_shows_the_rolling_upgrade_example():
    with open(os.path.join(ROOT, 'examples', 'rolling-upgrade.yml'), encoding='utf-8') as handle:
        example = handle.read()
    body = example[example.index('- name:'):]
    text = section(guide('dataplane-role'), UPGRADE_TITLE)
    assert '\n'.join('   ' + line if line else line for line in body.splitlines()) in text
    assert 'serial: "{{ batch_size | default(20) }}"' in body and 'max_fail_percentage: 0' in body
