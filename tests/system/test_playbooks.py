# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The collection's playbooks and modules, run by ansible-playbook (or ansible) against the emulator as
a user runs them, for what the guides say of them: decommission_cluster's guard, bootstrap_cluster in a
workspace with a listener without namespaces, the role's variables and module_defaults, what a
converged run sends, and an http:// URL for an HTTPS port."""

import json
import re

import pytest

from ansible_collections.langchain.langsmith.tests.system.harness import DEFAULT_LINE, run, tool_env
from ansible_collections.langchain.langsmith.tests.system.netfixtures import TLSEmulator
from ansible_collections.langchain.langsmith.tests.docs.pages import every_row, guide

pytestmark = pytest.mark.slow

CLUSTERS = {'cluster-a': ['agents-a'], 'cluster-b': ['agents-b'], 'cluster-c': ['agents-c']}
GUARD = 'This would decommission every host of langsmith_clusters (3 clusters), with no --limit or a --limit that matches all of them.'


def inventory(tmp_path):
    path = tmp_path / 'inventory.json'
    hosts = {name: {'langsmith_k8s_namespaces': namespaces} for name, namespaces in CLUSTERS.items()}
    path.write_text(json.dumps({'langsmith_clusters': {'hosts': hosts}, 'other': {'hosts': {'not-a-cluster': {}}}}))
    return str(path)


def playbook(name, inventory_path, emulator, ids, *options):
    env = tool_env(LANGSMITH_CONTROL_PLANE_URL=emulator.url, LANGSMITH_API_KEY=ids['api_key'])
    return run([DEFAULT_LINE.bin('ansible-playbook'), 'langchain.langsmith.%s' % name, '-i', inventory_path] + list(options),
               'playbooks-%s' % name, env=env, check=False)


def registered(emulator):
    return sorted(listener['compute_id'] for listener in emulator.listeners())


@pytest.mark.parametrize('options', [
    pytest.param((), id='no-limit'),
    pytest.param(('--limit', 'all'), id='limit-all'),
    pytest.param(('--limit', 'cluster-a,cluster-b,cluster-c'), id='limit-naming-every-cluster'),
    pytest.param(('--limit', 'cluster-*'), id='limit-pattern-matching-every-cluster'),
    pytest.param(('--limit', 'langsmith_clusters,not-a-cluster'), id='limit-wider-than-the-clusters'),
])
def test_decommission_refuses_to_reach_every_cluster(tmp_path, emulator, ids, options):
    hosts = inventory(tmp_path)
    assert playbook('bootstrap_cluster', hosts, emulator, ids).returncode == 0
    emulator.call('POST', '/stats/reset')
    proc = playbook('decommission_cluster', hosts, emulator, ids, *options)
    assert proc.returncode != 0
    assert GUARD in ' '.join(proc.stdout.split())
    assert registered(emulator) == sorted(CLUSTERS) and emulator.stats()['total'] == 0


def test_decommission_of_some_clusters_or_of_all_on_purpose(tmp_path, emulator, ids):
    hosts = inventory(tmp_path)
    assert playbook('bootstrap_cluster', hosts, emulator, ids).returncode == 0
    proc = playbook('decommission_cluster', hosts, emulator, ids, '--limit', 'cluster-a,cluster-b')
    assert proc.returncode == 0, proc.stdout
    assert registered(emulator) == ['cluster-c']
    proc = playbook('decommission_cluster', hosts, emulator, ids, '--limit', 'all', '-e', 'langsmith_decommission_all=true')
    assert proc.returncode == 0, proc.stdout
    assert registered(emulator) == []


@pytest.mark.parametrize('name', ['bootstrap_cluster', 'decommission_cluster'])
def test_a_host_pattern_that_matches_nothing_fails_naming_it(tmp_path, emulator, ids, name):
    """One letter off (the survey's first question), or a --limit that leaves none of the pattern's hosts: the
    playbook fails instead of ending green with "no hosts matched"."""
    hosts = inventory(tmp_path)
    proc = playbook(name, hosts, emulator, ids, '-e', 'langsmith_hosts=langsmith_cluster')
    assert proc.returncode != 0
    text = ' '.join(proc.stdout.split())
    assert 'The host pattern langsmith_cluster matches no host of the inventory: there is nothing to do.' in text
    proc = playbook(name, hosts, emulator, ids, '--limit', 'not-a-cluster')
    assert proc.returncode != 0
    assert ('The host pattern langsmith_clusters matches no host of the inventory that --limit not-a-cluster leaves: there is '
            'nothing to do.') in ' '.join(proc.stdout.split())
    assert emulator.stats()['total'] == 0


@pytest.mark.parametrize('name', ['bootstrap_cluster', 'decommission_cluster'])
def test_a_failed_langsmith_inventory_fails_the_playbook(tmp_path, emulator, ids, name):
    """The inventory plugin with a wrong key: ansible-core only warns, and the playbook fails on it, the key masked."""
    source = tmp_path / 'clusters.langsmith_listeners.yml'
    source.write_text('plugin: langchain.langsmith.listeners\ncontrol_plane_url: %s\napi_key: lsv2_sk_not_the_key_0042\n'
                      % emulator.url)
    options = ['-e', 'langsmith_decommission_all=true'] if name == 'decommission_cluster' else []
    proc = playbook(name, str(source), emulator, ids, *options)
    assert proc.returncode != 0
    text = ' '.join(proc.stdout.split())
    assert ('The inventory of the LangSmith control plane could not be read, so the clusters it would have given are missing: '
            '%s: langchain.langsmith.listeners inventory: Request GET /v2/listeners failed: 401' % source) in text
    assert 'lsv2_sk_not_the_key_0042' not in proc.stdout


def test_bootstrap_in_a_workspace_with_a_listener_without_namespaces(tmp_path, emulator, ids):
    """A listener whose namespaces are null (made with the listener module without k8s_namespaces,
    or elsewhere) neither stops the role nor breaks its facts, whether it is another cluster's or one
    of the play's."""
    emulator.call('POST', '/seed', {'count': 1, 'prefix': 'elsewhere-', 'namespaces': False})
    emulator.call('POST', '/seed', {'count': 1, 'prefix': 'cluster-', 'namespaces': False})  # compute_id cluster-00001
    hosts = tmp_path / 'inventory.json'
    hosts.write_text(json.dumps({'langsmith_clusters': {'hosts': {
        'cluster-a': {'langsmith_k8s_namespaces': ['agents-a']},
        'cluster-00001': {'langsmith_k8s_namespaces': ['agents-1']}}}}))
    proc = playbook('bootstrap_cluster', str(hosts), emulator, ids)
    assert proc.returncode == 0, proc.stdout
    assert re.search(r'cluster-a: listener [-0-9a-f]{36} serving agents-a', proc.stdout)
    assert re.search(r'cluster-00001: listener [-0-9a-f]{36} serving agents-1', proc.stdout)
    served = {listener['compute_id']: listener['compute_config']['k8s_namespaces'] for listener in emulator.listeners()}
    assert served == {'elsewhere-00000': None, 'cluster-00001': ['agents-1'], 'cluster-a': ['agents-a']}


def test_role_variables_are_checked_by_value_and_a_misspelt_name_is_warned_about(tmp_path, emulator, ids):
    """docs/docsite/rst/troubleshooting.rst: a wrong value of a role variable stops the play before any request;
    a misspelt variable name has no effect, and the role warns about it once, suggesting the right one."""
    hosts = inventory(tmp_path)
    proc = playbook('bootstrap_cluster', hosts, emulator, ids, '-e', 'langsmith_listener_state=presnt')
    assert proc.returncode != 0 and emulator.stats()['total'] == 0
    assert ('Validation of arguments failed: value of langsmith_listener_state must be one of: present, absent, got: presnt'
            in ' '.join(proc.stdout.replace('\\n', ' ').split()))
    proc = playbook('bootstrap_cluster', hosts, emulator, ids, '-e', 'langsmith_listner_version=9.9')
    assert proc.returncode == 0, proc.stdout
    text = ' '.join(proc.stdout.split())
    assert text.count('langsmith_listner_version is not a variable of the langchain.langsmith.dataplane role') == 1
    assert ('has no effect (set for cluster-a, cluster-b, cluster-c): did you mean langsmith_listener_version?') in text
    assert [listener['version'] for listener in emulator.listeners()] == [None] * len(CLUSTERS)


def test_a_converged_bootstrap_sends_the_listing_alone(tmp_path, emulator, ids):
    """docs/docsite/rst/idempotency.rst: the role's converged run lists the workspace and writes nothing."""
    emulator.seed(120)  # two pages
    hosts = inventory(tmp_path)
    assert playbook('bootstrap_cluster', hosts, emulator, ids).returncode == 0
    emulator.call('POST', '/stats/reset')
    proc = playbook('bootstrap_cluster', hosts, emulator, ids)
    assert proc.returncode == 0 and re.search(r'cluster-a +: ok=\d+ +changed=0', proc.stdout)
    assert emulator.stats()['counts'] == {'GET /v2/listeners': 2}


def test_module_defaults_do_not_set_the_roles_connection(tmp_path, emulator, ids):
    """docs/docsite/rst/authentication.rst: with the role, a key in module_defaults is dropped (the role passes its
    own langsmith_api_key, as omit when empty), which fails as documented; the role variable works."""
    hosts = inventory(tmp_path)
    play = tmp_path / 'vault_key.yml'
    play.write_text(json.dumps([{
        'name': 'The role with the key in module_defaults or in langsmith_api_key', 'hosts': 'langsmith_clusters',
        'gather_facts': False,
        'module_defaults': {'group/langchain.langsmith.all': {'api_key': '{{ vault_langsmith_api_key }}'}},
        'vars': {'langsmith_api_key': '{{ vault_langsmith_api_key if key_in_role_variable | bool else "" }}'},
        'roles': [{'role': 'langchain.langsmith.dataplane'}]}]))
    env = tool_env(LANGSMITH_CONTROL_PLANE_URL=emulator.url)
    command = [DEFAULT_LINE.bin('ansible-playbook'), str(play), '-i', hosts, '-e', 'vault_langsmith_api_key=%s' % ids['api_key']]
    proc = run(command + ['-e', 'key_in_role_variable=false'], 'playbooks-module-defaults', env=env, check=False)
    assert proc.returncode != 0 and 'api_key or bearer_token is required' in proc.stdout
    assert emulator.stats()['total'] == 0
    proc = run(command + ['-e', 'key_in_role_variable=true'], 'playbooks-role-variable', env=env, check=False)
    assert proc.returncode == 0, proc.stdout
    assert registered(emulator) == sorted(CLUSTERS)


def test_an_http_url_for_an_https_port_is_a_lost_connection(tmp_path, ids):
    """docs/docsite/rst/troubleshooting.rst: an http:// URL aimed at a port that serves HTTPS ends in 'connection to
    <url> was lost', and that row names it among its causes."""
    tls = TLSEmulator(tmp_path)
    try:
        url = tls.url.replace('https://', 'http://')
        proc = run([DEFAULT_LINE.bin('ansible'), 'localhost', '-m', 'langchain.langsmith.listener_info', '-a', 'retries=1'],
                   'playbooks-http-to-https', env=tool_env(LANGSMITH_CONTROL_PLANE_URL=url, LANGSMITH_API_KEY=ids['api_key']),
                   check=False)
    finally:
        tls.stop()
    assert proc.returncode != 0
    assert 'Request GET /v2/listeners failed: connection to %s/v2/listeners?limit=100&offset=0 was lost: ' % url in proc.stdout
    assert 'A port that serves HTTPS drops a plain http:// request so: use https:// if the control plane serves HTTPS' in proc.stdout
    assert 'Max retries exceeded' not in proc.stdout  # urllib3's words, though it retried nothing
    (row,) = [' '.join(cells) for dummy, cells in every_row(guide('troubleshooting'), 'Message')
              if cells[0].startswith('``Request <METHOD> <path> failed: connection to <url> was lost')]
    assert 'an ``http://`` URL for a port that serves HTTPS' in row


def test_a_private_ca_reaches_the_playbooks_through_the_role_variable_and_the_awx_credential(tmp_path, ids):
    """A control plane behind a private CA (the emulator over HTTPS): without the CA every cluster fails with the
    TLS message, which names langsmith_ca_path; with langsmith_ca_path, or LANGSMITH_CA_PATH as the AWX credential's
    CA bundle injects it, the bootstrap registers every cluster."""
    from ansible_collections.langchain.langsmith.tests.system.awx import injected_env  # pylint: disable=import-outside-toplevel

    tls = TLSEmulator(tmp_path)
    try:
        hosts = inventory(tmp_path)
        proc = playbook('bootstrap_cluster', hosts, tls.server, ids)
        assert proc.returncode != 0
        for cluster in CLUSTERS:
            assert re.search(r'^%s +: ok=\d+ +changed=0 +unreachable=0 +failed=1 ' % cluster, proc.stdout, re.M), proc.stdout
        assert 'TLS certificate verification failed for %s' % tls.url in proc.stdout
        assert 'for the dataplane role and its playbooks, langsmith_ca_path' in proc.stdout
        assert 'Max retries exceeded' not in proc.stdout  # a TLS failure is not retried, and urllib3 retried nothing either
        assert tls.server.listeners() == []
        proc = playbook('bootstrap_cluster', hosts, tls.server, ids, '-e', 'langsmith_ca_path=%s' % tls.ca_path)
        assert proc.returncode == 0, proc.stdout
        assert registered(tls.server) == sorted(CLUSTERS)
        tls.server.reset()
        with open(tls.ca_path, encoding='utf-8') as handle:
            env = injected_env({'api_key': ids['api_key'], 'control_plane_url': tls.url, 'ca_bundle': handle.read()},
                               files_dir=str(tmp_path))
        assert env['LANGSMITH_CA_PATH'].startswith(str(tmp_path))
        proc = run([DEFAULT_LINE.bin('ansible-playbook'), 'langchain.langsmith.bootstrap_cluster', '-i', hosts],
                   'playbooks-awx-ca-bundle', env=tool_env(**env), check=False)
        assert proc.returncode == 0, proc.stdout
        assert registered(tls.server) == sorted(CLUSTERS)
    finally:
        tls.stop()
