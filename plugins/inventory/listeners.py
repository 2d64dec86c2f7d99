# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
name: listeners
short_description: Inventory of the clusters registered as LangSmith listeners
version_added: 0.1.0
description:
  - Builds an inventory of the Kubernetes clusters that are registered as listeners in a LangSmith
    workspace, with one host per listener, named by its compute ID.
  - Every host is in the group O(group) (V(langsmith_clusters) by default, the group that the
    C(langchain.langsmith.bootstrap_cluster) and C(langchain.langsmith.decommission_cluster)
    playbooks target), and in one group per namespace it serves (O(namespace_group_prefix) plus the
    namespace name, with C(-) and C(.) turned into C(_)).
  - 'Host variables: C(langsmith_listener_id), C(langsmith_k8s_namespaces), C(langsmith_listener_version)
    and C(langsmith_compute_type); with O(deployments=true), C(langsmith_deployments) too.'
  - C(langsmith_k8s_namespaces) is always a list; it is empty for a listener that serves no namespace (the API
    answers V(null) for one), and such a listener's host is in no per-namespace group.
  - Every host variable taken from the API (and so what O(compose), O(groups) and O(keyed_groups) compute from
    them) is marked unsafe, so that Ansible never templates it; a listener whose version or namespaces hold
    Jinja is shown as the text it is, on every ansible-core version. (The name of a group that
    O(keyed_groups) makes holds only letters, digits and C(_); Ansible replaces every other character.)
  - >-
    A listener whose compute ID cannot be a host name is skipped, with a warning naming its listener ID and the
    reason. That is an empty compute ID; V(all) or V(ungrouped); a name of the control node (V(localhost),
    V(127.0.0.1), V(::1)), which would take the place of the implicit localhost that C(delegate_to: localhost)
    tasks run on; the name of O(group) or of a per-namespace group; one that holds white space, a control
    character or an invisible formatting character; or one that holds Jinja (C({{), C({%), C({#), or a
    leading C(#jinja2:)). A host name cannot be marked unsafe without changing what C(ansible-inventory --list)
    prints for it on ansible-core before 2.19 (an object in place of the name, which tools that read the
    inventory, such as AWX, do not expect), and those versions template it wherever it is used.
  - The configuration file's name must end in C(langsmith_listeners.yml) or C(langsmith_listeners.yaml).
  - Reads the same environment variables as the modules, so that an AWX credential of the
    C(LangSmith control plane) type configures it.
  - When a source cannot be read (a wrong key, an unreachable URL), ansible-core only warns and runs the play without
    its clusters. The plugin also adds the error, with every credential masked, to the list
    C(langsmith_inventory_errors) of the group C(all), so that a play can fail on it; the
    C(langchain.langsmith.bootstrap_cluster) and C(langchain.langsmith.decommission_cluster) playbooks do.
author:
  - LangChain platform engineering (@langchain-ai)
extends_documentation_fragment:
  - langchain.langsmith.connection
  - langchain.langsmith.connection.plugin
  - ansible.builtin.constructed
  - ansible.builtin.inventory_cache
options:
  plugin:
    description: The name of this plugin; the file is a configuration of this plugin only if it is set.
    type: str
    required: true
    choices: [langchain.langsmith.listeners]
  group:
    description: The group that holds every listener's host.
    type: str
    default: langsmith_clusters
  namespace_group_prefix:
    description:
      - Prefix of the per-namespace groups. A listener that serves namespace C(agents-batch) is in the
        group C(langsmith_namespace_agents_batch) by default.
      - Set to an empty string to create no per-namespace groups.
    type: str
    default: langsmith_namespace_
  deployments:
    description:
      - Also give each host the variable C(langsmith_deployments), the deployments that run on its listener (those
        whose C(source_config.listener_id) names it), each with C(id), C(name) and C(status); an empty list for a
        listener that none runs on.
      - Costs one more listing (C(GET /v2/deployments), 100 deployments per request), only when V(true).
    type: bool
    default: false
"""

EXAMPLES = r"""
---
# clusters.langsmith_listeners.yml: the key and workspace from LANGSMITH_API_KEY and
# LANGSMITH_WORKSPACE_ID (or an AWX credential of the "LangSmith control plane" type)
plugin: langchain.langsmith.listeners

# Another source file: a self-hosted control plane, cached for an hour, with a group per listener
# version. (One YAML document: ansible-core 2.16's sanity test takes no more in EXAMPLES.)
# plugin: langchain.langsmith.listeners
# control_plane_url: https://langsmith.example.com/api-host
# ca_path: /etc/pki/tls/certs/internal-ca.pem
# cache: true
# cache_plugin: ansible.builtin.jsonfile
# cache_connection: ~/.cache/langsmith-inventory
# cache_timeout: 3600
# keyed_groups:
#   - key: langsmith_listener_version | default('unversioned', true)
#     prefix: listener_version
"""

import hashlib
import json
import re
import unicodedata

from ansible import constants as C
from ansible.errors import AnsibleError
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable
from ansible.utils.display import Display
from ansible.utils.unsafe_proxy import wrap_var

from ansible_collections.langchain.langsmith.plugins.module_utils._client import cut_short
from ansible_collections.langchain.langsmith.plugins.module_utils._connection import (
    client_from_params, connection_argument_spec, missing_libraries, scrubber_for)
from ansible_collections.langchain.langsmith.plugins.module_utils._deployments import DeploymentService
from ansible_collections.langchain.langsmith.plugins.module_utils._errors import InputError, LangSmithError
from ansible_collections.langchain.langsmith.plugins.module_utils._listener import ListenerService, namespaces_of
from ansible_collections.langchain.langsmith.plugins.module_utils._secrets import trim

display = Display()
# Where a failed source is noted, for the playbooks (playbooks/check_targets.yml).
ERRORS_VARIABLE = 'langsmith_inventory_errors'
# The groups that every inventory has.
IMPLICIT_GROUPS = ('all', 'ungrouped')
# What makes ansible-core before 2.19 template a string: a Jinja delimiter, or a header that sets others.
JINJA_MARKERS = ('{{', '{%', '{#')
JINJA_HEADER = '#jinja2:'


def connection_digest(params):
    """A hash of what decides which listeners a listing returns: URL, workspace and credential."""
    key = [trim(params.get(name) or '') for name in ('control_plane_url', 'workspace_id', 'api_key', 'bearer_token')]
    return hashlib.sha256(json.dumps(key).encode('utf-8')).hexdigest()[:32]


def group_name(prefix, namespace):
    return prefix + re.sub(r'[^A-Za-z0-9_]', '_', namespace)


def unusable_host_name(name, groups):
    """Why ``name`` cannot be the name of an inventory host (``groups``: the names of this inventory's
    groups), or None when it can."""
    if not name:
        return 'is empty'
    if name in IMPLICIT_GROUPS:
        return 'is the name of a group that every inventory has'
    if name in C.LOCALHOST:
        return 'is a name of the control node, which would take the place of the implicit localhost'
    if name in groups:
        return 'is the name of a group of this inventory'
    for position, char in enumerate(name, 1):
        if char.isspace() or unicodedata.category(char)[0] in 'CZ':
            return 'holds white space, a control character or an invisible character at position %d' % position
    if name.startswith(JINJA_HEADER) or any(marker in name for marker in JINJA_MARKERS):
        return 'holds Jinja, which ansible-core before 2.19 would run wherever the host name is used'
    return None


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):

    NAME = 'langchain.langsmith.listeners'

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and path.endswith(('langsmith_listeners.yml', 'langsmith_listeners.yaml'))

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        self._read_config_data(path)
        params = dict((name, self.get_option(name)) for name in connection_argument_spec())
        scrub = scrubber_for(params)
        self._scrub = scrub
        self._client = None
        try:
            self._parse(path, cache, params, scrub)
        except AnsibleError as exc:
            # Ansible prints an inventory plugin's error as a warning, with no masking of its own.
            raise self._failed(path, scrub.message(str(exc))) from None  # no chained traceback at -vvv
        except Exception as exc:  # pylint: disable=broad-except
            request = getattr(self._client, 'last_request', None)
            raise self._failed(path, scrub.message('%s inventory: %s%s: %s' % (
                self.NAME, 'after request %s: ' % request if request else '', type(exc).__name__,
                cut_short(str(exc), 300, scrub)))) from None

    def _failed(self, path, message):
        """The error to raise, once the failure is also noted in the variable langsmith_inventory_errors of the
        group all: ansible-core only warns about an inventory source that fails, and the playbooks of the
        collection then fail on it, instead of running without the clusters it would have given."""
        errors = list(self.inventory.groups['all'].get_vars().get(ERRORS_VARIABLE) or [])
        errors.append(wrap_var('%s: %s' % (path, message)))
        self.inventory.set_variable('all', ERRORS_VARIABLE, errors)
        return AnsibleError(message)

    def _parse(self, path, cache, params, scrub):
        # A cached inventory is only served back for the same control plane, workspace and credential.
        cache_key = '%s_%s%s' % (self.get_cache_key(path), connection_digest(params), '_deployments' if self.get_option('deployments') else '')
        use_cache = self.get_option('cache') and cache
        update_cache = self.get_option('cache') and not cache
        listeners = None
        if use_cache:
            try:
                listeners = self._cache[cache_key]
            except KeyError:
                update_cache = True
        if listeners is None:
            listeners = self._fetch(params, scrub)
        if update_cache:
            self._cache[cache_key] = listeners
        self._populate(listeners)

    def _fetch(self, params, scrub):
        missing = missing_libraries()
        if missing:
            raise AnsibleError(missing[0])
        try:
            client = client_from_params(params, warn=lambda msg: display.warning(scrub.message(msg)), scrub=scrub)
        except InputError as exc:
            raise AnsibleError('%s inventory: %s' % (self.NAME, exc)) from None
        self._client = client
        try:
            listeners = ListenerService(client).list_all()
            if self.get_option('deployments') and listeners:
                running = DeploymentService(client).by_listener()
                for listener in listeners:
                    listener['deployments'] = running.get(str(listener['id']).lower(), [])
            return listeners
        except LangSmithError as exc:
            raise AnsibleError('%s inventory: %s' % (self.NAME, exc)) from None
        finally:
            client.close()

    def _populate(self, listeners):
        group = self.inventory.add_group(self.get_option('group'))
        prefix = self.get_option('namespace_group_prefix')
        strict = self.get_option('strict')
        groups = {group}
        if prefix:
            groups.update(group_name(prefix, namespace) for listener in listeners for namespace in namespaces_of(listener))
        for listener in listeners:
            # A listener's fields are anyone's who can write one, and ansible-core before 2.19 templates a
            # plain string that holds Jinja when it is used: every value is marked unsafe, and a host name,
            # which cannot be (see DOCUMENTATION), must hold none.
            why = unusable_host_name(listener['compute_id'], groups)
            if why:
                shown = "'%s' %s" % (cut_short(listener['compute_id'], 100, self._scrub), why)
                msg = '%s inventory: listener %s skipped: its compute_id %s, so it cannot be a host name' % (
                    self.NAME, listener['id'], shown)
                display.warning(self._scrub.message(msg))
                continue
            host = self.inventory.add_host(listener['compute_id'], group=group)
            namespaces = wrap_var(namespaces_of(listener))
            hostvars = {
                'langsmith_listener_id': listener['id'],
                'langsmith_k8s_namespaces': namespaces,
                'langsmith_listener_version': listener.get('version'),
                'langsmith_compute_type': listener.get('compute_type'),
            }
            if 'deployments' in listener:
                hostvars['langsmith_deployments'] = listener['deployments']
            for name, value in hostvars.items():
                self.inventory.set_variable(host, name, wrap_var(value))
            if prefix:
                for namespace in namespaces:
                    self.inventory.add_child(self.inventory.add_group(group_name(prefix, namespace)), host)
            variables = self.inventory.get_host(host).get_vars()
            self._set_composite_vars(self.get_option('compose'), variables, host, strict=strict)
            self._add_host_to_composed_groups(self.get_option('groups'), variables, host, strict=strict)
            self._add_host_to_keyed_groups(self.get_option('keyed_groups'), variables, host, strict=strict)
