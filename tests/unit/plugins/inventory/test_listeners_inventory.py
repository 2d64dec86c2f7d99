# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The listeners inventory plugin against the in-process emulator."""

import re

import pytest

from ansible.errors import AnsibleError
from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import inventory_loader

from ansible_collections.langchain.langsmith.plugins.inventory import listeners as listeners_inventory
from ansible_collections.langchain.langsmith.plugins.inventory.listeners import group_name
from ansible_collections.langchain.langsmith.tests.unit import compat
from ansible_collections.langchain.langsmith.tests.unit.fakes import BASE_URL, load_emulator

EMU = load_emulator()
pytestmark = pytest.mark.usefixtures('clean_langsmith_env')


def parse(tmp_path, config, cache=True):
    path = tmp_path / 'clusters.langsmith_listeners.yml'
    path.write_text(config)
    plugin = inventory_loader.get('langchain.langsmith.listeners')
    assert plugin.verify_file(str(path))
    inventory = InventoryData()
    plugin.parse(inventory, DataLoader(), str(path), cache=cache)
    if getattr(plugin, '_cache', None) is not None:  # as ansible's InventoryManager does after parse()
        plugin.update_cache_if_changed()
    return inventory, plugin


def config(**extra):
    lines = ['plugin: langchain.langsmith.listeners', 'control_plane_url: %s' % BASE_URL, 'api_key: %s' % EMU.API_KEY]
    lines += ['%s: %s' % item for item in extra.items()]
    return '\n'.join(lines) + '\n'


def test_hosts_groups_and_variables(emulator, tmp_path):
    emulator.state.create(EMU.WORKSPACE_ID, 'prod-eu-1', k8s_namespaces=['agents', 'agents-batch'], version='0.12.0')
    emulator.state.create(EMU.WORKSPACE_ID, 'prod-us-1', k8s_namespaces=['agents.us'])
    inventory, dummy = parse(tmp_path, config())
    assert sorted(inventory.hosts) == ['prod-eu-1', 'prod-us-1']
    assert sorted(h.name for h in inventory.groups['langsmith_clusters'].get_hosts()) == ['prod-eu-1', 'prod-us-1']
    assert [h.name for h in inventory.groups['langsmith_namespace_agents'].get_hosts()] == ['prod-eu-1']
    assert [h.name for h in inventory.groups['langsmith_namespace_agents_batch'].get_hosts()] == ['prod-eu-1']
    assert [h.name for h in inventory.groups['langsmith_namespace_agents_us'].get_hosts()] == ['prod-us-1']
    hostvars = inventory.get_host('prod-eu-1').vars
    listener = emulator.listeners()[0]
    assert hostvars['langsmith_listener_id'] == listener['id']
    assert hostvars['langsmith_k8s_namespaces'] == ['agents', 'agents-batch']
    assert hostvars['langsmith_listener_version'] == '0.12.0'
    assert hostvars['langsmith_compute_type'] == 'k8s'
    assert inventory.get_host('prod-us-1').vars['langsmith_listener_version'] is None


def test_a_listener_without_namespaces_has_an_empty_list(emulator, tmp_path):
    """A listener whose namespaces are null in the API is a host with langsmith_k8s_namespaces [],
    in no namespace group, and expressions over the variable work for it."""
    emulator.state.create(EMU.WORKSPACE_ID, 'bare', k8s_namespaces=None)
    emulator.state.create(EMU.WORKSPACE_ID, 'prod-eu-1', k8s_namespaces=['agents'])
    extra = config() + 'groups:\n  serves_agents: "\'agents\' in langsmith_k8s_namespaces"\n'
    inventory, dummy = parse(tmp_path, extra)
    assert inventory.get_host('bare').vars['langsmith_k8s_namespaces'] == []
    assert sorted(h.name for h in inventory.groups['langsmith_clusters'].get_hosts()) == ['bare', 'prod-eu-1']
    assert [h.name for h in inventory.groups['serves_agents'].get_hosts()] == ['prod-eu-1']
    assert [g for g in inventory.groups if g.startswith('langsmith_namespace_')] == ['langsmith_namespace_agents']


def test_more_than_one_page(emulator, tmp_path):
    emulator.seed(230)
    inventory, dummy = parse(tmp_path, config())
    assert len(inventory.groups['langsmith_clusters'].get_hosts()) == 230
    assert emulator.methods() == ['GET /v2/listeners'] * 3


def test_group_options_and_constructed_features(emulator, tmp_path):
    emulator.state.create(EMU.WORKSPACE_ID, 'c1', k8s_namespaces=['a'], version='1.0')
    extra = config(group='clusters', namespace_group_prefix="''") + (
        'keyed_groups:\n  - key: langsmith_listener_version\n    prefix: version\n'
        'compose:\n  listener_short_id: langsmith_listener_id[:8]\n')
    inventory, dummy = parse(tmp_path, extra)
    assert 'langsmith_clusters' not in inventory.groups and 'clusters' in inventory.groups
    assert not [g for g in inventory.groups if g.startswith('langsmith_namespace_')]
    assert [h.name for h in inventory.groups['version_1_0'].get_hosts()] == ['c1']
    assert inventory.get_host('c1').vars['listener_short_id'] == emulator.listeners()[0]['id'][:8]


def test_environment_variables_configure_it(emulator, tmp_path, monkeypatch):
    emulator.state.create(EMU.SECOND_WORKSPACE_ID, 'other-workspace', k8s_namespaces=['x'])
    monkeypatch.setenv('LANGSMITH_API_KEY', EMU.ORG_API_KEY)
    monkeypatch.setenv('LANGSMITH_WORKSPACE_ID', EMU.SECOND_WORKSPACE_ID)
    monkeypatch.setenv('LANGSMITH_CONTROL_PLANE_URL', BASE_URL)
    inventory, dummy = parse(tmp_path, 'plugin: langchain.langsmith.listeners\n')
    assert sorted(inventory.hosts) == ['other-workspace']


def test_cache_avoids_requests(emulator, tmp_path):
    emulator.state.create(EMU.WORKSPACE_ID, 'c1', k8s_namespaces=['a'])
    cached = config(cache='true', cache_plugin='ansible.builtin.jsonfile', cache_connection=str(tmp_path / 'cache'))
    parse(tmp_path, cached, cache=False)  # refresh: reads the API, writes the cache
    assert emulator.methods() == ['GET /v2/listeners']
    inventory, dummy = parse(tmp_path, cached, cache=True)
    assert sorted(inventory.hosts) == ['c1']
    assert emulator.methods() == ['GET /v2/listeners']


def test_missing_credentials_name_the_variable(emulator, tmp_path):
    with pytest.raises(AnsibleError, match='api_key or bearer_token is required: set the api_key option or the LANGSMITH_API_KEY'):
        parse(tmp_path, 'plugin: langchain.langsmith.listeners\ncontrol_plane_url: %s\n' % BASE_URL)
    assert emulator.methods() == []


def test_api_errors_are_explained_without_the_key(emulator, tmp_path):
    with pytest.raises(AnsibleError) as err:
        parse(tmp_path, config().replace(EMU.API_KEY, 'lsv2_sk_wrong_key_4242'))
    assert 'Request GET /v2/listeners failed: 401 Unauthorized' in str(err.value)
    assert 'lsv2_sk_wrong_key_4242' not in str(err.value)


def test_a_failed_source_is_noted_in_langsmith_inventory_errors(emulator, tmp_path):
    """ansible-core only warns about a failed source: the plugin notes it for the playbooks, masked."""
    path = tmp_path / 'clusters.langsmith_listeners.yml'
    path.write_text(config().replace(EMU.API_KEY, 'lsv2_sk_wrong_key_4242'))
    plugin = inventory_loader.get('langchain.langsmith.listeners')
    inventory = InventoryData()
    for dummy in range(2):  # two failed sources: both noted
        with pytest.raises(AnsibleError):
            plugin.parse(inventory, DataLoader(), str(path))
    errors = inventory.groups['all'].get_vars()['langsmith_inventory_errors']
    assert len(errors) == 2 and all(error.startswith('%s: ' % path) for error in errors)
    assert 'Request GET /v2/listeners failed: 401 Unauthorized' in errors[0] and 'lsv2_sk_wrong_key_4242' not in ''.join(errors)
    inventory, dummy = parse(tmp_path, config())
    assert 'langsmith_inventory_errors' not in inventory.groups['all'].get_vars()


def test_other_files_are_not_claimed(tmp_path):
    plugin = inventory_loader.get('langchain.langsmith.listeners')
    other = tmp_path / 'hosts.yml'
    other.write_text('plugin: langchain.langsmith.listeners\n')
    assert not plugin.verify_file(str(other))


def test_group_name():
    assert group_name('langsmith_namespace_', 'agents-batch.eu') == 'langsmith_namespace_agents_batch_eu'


@pytest.mark.parametrize('wrap', ['" {}"', '"{}\\n"', '"\\t{}\\r\\n"'], ids=['leading-space', 'newline', 'both'])
def test_white_space_around_the_key_is_stripped(emulator, tmp_path, wrap):
    emulator.state.create(EMU.WORKSPACE_ID, 'c1', k8s_namespaces=['a'])
    inventory, dummy = parse(tmp_path, config().replace(EMU.API_KEY, wrap.format(EMU.API_KEY)))
    assert sorted(inventory.hosts) == ['c1']


def test_a_key_that_cannot_go_into_a_header_is_refused_without_the_value(emulator, tmp_path):
    bad = EMU.API_KEY[:20] + '\\u0007' + EMU.API_KEY[20:]
    with pytest.raises(AnsibleError) as err:
        parse(tmp_path, config().replace(EMU.API_KEY, '"%s"' % bad))
    assert 'api_key holds a control character at position 21' in str(err.value)
    assert EMU.API_KEY[20:28] not in str(err.value) and emulator.methods() == []


@pytest.mark.parametrize('echo', ['{}', '{!r}', '"{}"'])
def test_an_api_error_that_quotes_the_key_is_masked(emulator, tmp_path, echo):
    key = EMU.API_KEY + '\\n'  # as written in YAML: a trailing newline
    emulator.fault(method='GET', path='/v2/listeners', status=400, json={'detail': 'invalid key ' + echo.format(EMU.API_KEY + '\n')})
    with pytest.raises(AnsibleError) as err:
        parse(tmp_path, config().replace(EMU.API_KEY, '"%s"' % key))
    assert 'Request GET /v2/listeners failed: 400 Bad Request: invalid key ' in str(err.value)
    assert '********' in str(err.value) and 'workspace_0123' not in str(err.value)


def test_plain_http_to_another_host_warns(emulator, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(listeners_inventory.display, 'warning', warnings.append)
    parse(tmp_path, config())
    assert warnings == ['control_plane_url %s is plain http:// to a host that is not loopback: the API key crosses the network '
                        'unencrypted, readable by anyone on the way. Use https://' % BASE_URL]


def test_the_cache_is_kept_apart_by_url_workspace_and_credential(emulator, tmp_path):
    emulator.state.create(EMU.WORKSPACE_ID, 'c1', k8s_namespaces=['a'])
    emulator.state.create(EMU.SECOND_WORKSPACE_ID, 'c2', k8s_namespaces=['b'])
    cache = dict(cache='true', cache_plugin='ansible.builtin.jsonfile', cache_connection=str(tmp_path / 'cache'))
    parse(tmp_path, config(**cache), cache=False)
    assert emulator.methods() == ['GET /v2/listeners']
    # another workspace, through an organization-scoped key: not the cached inventory
    other = config(workspace_id=EMU.SECOND_WORKSPACE_ID, **cache).replace(EMU.API_KEY, EMU.ORG_API_KEY)
    inventory, dummy = parse(tmp_path, other, cache=True)
    assert sorted(inventory.hosts) == ['c2'] and len(emulator.methods()) == 2
    # a wrong key: the API is asked (and refuses), the cache does not answer for it
    with pytest.raises(AnsibleError, match='401 Unauthorized'):
        parse(tmp_path, config(**cache).replace(EMU.API_KEY, 'lsv2_sk_wrong'), cache=True)
    # the same connection again: from the cache
    inventory, dummy = parse(tmp_path, config(**cache), cache=True)
    assert sorted(inventory.hosts) == ['c1'] and len(emulator.methods()) == 3


def test_connection_digest_ignores_white_space_around_the_credential():
    one = listeners_inventory.connection_digest({'control_plane_url': 'u', 'api_key': 'k\n'})
    assert one == listeners_inventory.connection_digest({'control_plane_url': 'u', 'api_key': 'k'})
    assert one != listeners_inventory.connection_digest({'control_plane_url': 'u', 'api_key': 'other'})
    assert len(one) == 32 and all(c in '0123456789abcdef' for c in one)


# -- listener data is hostile input ----------------------------------------------------------------

def jinja(marker):
    """Jinja that creates ``marker`` when Ansible templates it (no white space: it is a host name too)."""
    return "{{lookup('ansible.builtin.pipe','touch${IFS}%s')}}" % marker


def template(text, variables):
    """``text`` templated by ansible-core as a task would, over ``variables``."""
    from ansible.template import Templar  # pylint: disable=import-outside-toplevel
    try:
        from ansible.template import trust_as_template  # pylint: disable=import-outside-toplevel
    except ImportError:  # before 2.19 every string is a template
        trust_as_template = compat.trust_as_template
    return Templar(loader=DataLoader(), variables=variables).template(trust_as_template(text))


def test_values_from_the_api_are_never_templated(emulator, tmp_path):
    """A listener whose version and namespaces hold Jinja: its variables and what compose and keyed_groups
    make of them are that text, and templating them runs nothing."""
    marker = tmp_path / 'ran'
    name = 'hostile-1'
    version, namespace = (jinja('%s-%s' % (marker, what)) for what in ('version', 'namespace'))
    emulator.state.create(EMU.WORKSPACE_ID, name, k8s_namespaces=[namespace], version=version)
    extra = config() + ('keyed_groups:\n  - key: langsmith_listener_version\n    prefix: version\n'
                        'compose:\n  listener_label: "\'label-\' ~ langsmith_listener_version"\n')
    inventory, dummy = parse(tmp_path, extra)
    assert list(inventory.hosts) == [name]
    host = inventory.get_host(name)
    variables = host.get_vars()
    assert variables['langsmith_listener_version'] == version and variables['langsmith_k8s_namespaces'] == [namespace]
    assert variables['listener_label'] == 'label-' + version
    keyed = [group for group in inventory.groups if group.startswith('version_')]
    assert len(keyed) == 1 and 'lookup' in keyed[0] and re.fullmatch(r'\w+', keyed[0], re.ASCII)
    assert template('{{ inventory_hostname }} {{ group_names | sort | join(",") }}', variables).startswith(name + ' ')
    assert template('{{ langsmith_listener_version }}', variables) == version
    assert template('{{ langsmith_k8s_namespaces | first }}', variables) == namespace
    assert template('{{ listener_label }}', variables) == 'label-' + version
    assert not list(tmp_path.glob('ran-*'))


@pytest.mark.parametrize('compute_id, reason', [
    ('', 'is empty'),
    ('all', 'is the name of a group that every inventory has'),
    ('ungrouped', 'is the name of a group that every inventory has'),
    ('localhost', 'is a name of the control node, which would take the place of the implicit localhost'),
    ('127.0.0.1', 'is a name of the control node, which would take the place of the implicit localhost'),
    ('langsmith_clusters', 'is the name of a group of this inventory'),
    ('langsmith_namespace_agents', 'is the name of a group of this inventory'),
    ('two words', 'holds white space, a control character or an invisible character at position 4'),
    ('tab\there', 'holds white space, a control character or an invisible character at position 4'),
    ('red\x1b[31m', 'holds white space, a control character or an invisible character at position 4'),
    ('zero\u200bwidth', 'holds white space, a control character or an invisible character at position 5'),
    ('nb\u00a0sp', 'holds white space, a control character or an invisible character at position 3'),
    ("{{lookup('pipe','id')}}", 'holds Jinja, which ansible-core before 2.19 would run wherever the host name is used'),
    ('a{%raw%}b', 'holds Jinja, which ansible-core before 2.19 would run wherever the host name is used'),
    ('x{#comment#}', 'holds Jinja, which ansible-core before 2.19 would run wherever the host name is used'),
    ("#jinja2:variable_start_string:'<<'", 'holds Jinja, which ansible-core before 2.19 would run wherever the host name is used'),
], ids=['empty', 'all', 'ungrouped', 'localhost', '127.0.0.1', 'the-group', 'a-namespace-group', 'space', 'tab', 'ansi',
        'zero-width', 'no-break-space', 'jinja-expression', 'jinja-statement', 'jinja-comment', 'jinja-header'])
def test_a_compute_id_that_cannot_be_a_host_name_is_skipped_with_a_warning(emulator, tmp_path, monkeypatch, compute_id, reason):
    warnings = []
    monkeypatch.setattr(listeners_inventory.display, 'warning', warnings.append)
    emulator.state.create(EMU.WORKSPACE_ID, 'prod-eu-1', k8s_namespaces=['agents'])
    bad = emulator.state.create(EMU.WORKSPACE_ID, compute_id, k8s_namespaces=['other'])
    emulator.state.create(EMU.WORKSPACE_ID, 'prod-us-1', k8s_namespaces=['agents-us'])
    inventory, dummy = parse(tmp_path, config())
    assert sorted(inventory.hosts) == ['prod-eu-1', 'prod-us-1']
    assert sorted(h.name for h in inventory.groups['langsmith_clusters'].get_hosts()) == ['prod-eu-1', 'prod-us-1']
    shown = compute_id.replace('\t', '\\x09').replace('\x1b', '\\x1b').replace('\u200b', '\\u200b')
    assert warnings[1:] == ["langchain.langsmith.listeners inventory: listener %s skipped: its compute_id '%s' %s, so it "
                            "cannot be a host name" % (bad['id'], shown, reason)]


def test_the_groups_of_every_listener_are_known_before_any_host_is_added(emulator, tmp_path, monkeypatch):
    """A compute ID that is the namespace group of a listener listed after it is skipped too."""
    monkeypatch.setattr(listeners_inventory.display, 'warning', lambda msg: None)
    emulator.state.create(EMU.WORKSPACE_ID, 'langsmith_namespace_batch', k8s_namespaces=['a'])
    emulator.state.create(EMU.WORKSPACE_ID, 'prod-eu-1', k8s_namespaces=['batch'])
    inventory, dummy = parse(tmp_path, config())
    assert sorted(inventory.hosts) == ['prod-eu-1']
    assert [h.name for h in inventory.groups['langsmith_namespace_batch'].get_hosts()] == ['prod-eu-1']


def test_deployments_true_gives_each_host_the_deployments_on_its_listener(emulator, tmp_path):
    for name in ('c1', 'c2'):
        emulator.state.create(EMU.WORKSPACE_ID, name, k8s_namespaces=[name])
    (agent,) = emulator.deploy('c1', 'agent-1')
    emulator.state.log = []
    inventory, dummy = parse(tmp_path, config(deployments='true'))
    assert inventory.get_host('c1').vars['langsmith_deployments'] == [{'id': agent['id'], 'name': 'agent-1', 'status': 'READY'}]
    assert inventory.get_host('c2').vars['langsmith_deployments'] == []
    assert emulator.methods() == ['GET /v2/listeners', 'GET /v2/deployments']
    emulator.state.log = []
    inventory, dummy = parse(tmp_path, config())  # off by default: no deployments request, no variable
    assert 'langsmith_deployments' not in inventory.get_host('c1').vars and emulator.methods() == ['GET /v2/listeners']
