# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
name: dataplane_namespaces
short_description: The Namespace objects the dataplane role creates for one cluster
version_added: 0.1.0
author:
  - LangChain platform engineering (@langchain-ai)
description:
  - Internal to the C(langchain.langsmith.dataplane) role, with no compatibility promise.
  - One C(v1) C(Namespace) object (a dict, for C(kubernetes.core.k8s)'s O(kubernetes.core.k8s#module:definition)) per
    name, in the order given, each once. The objects are data, never YAML text, so that no name can add an object of its own.
  - Fails on a name that is not a Kubernetes namespace name.
options:
  _input:
    description: The namespace names (the release namespace, then the checked names the listener serves).
    type: list
    elements: str
    required: true
"""

EXAMPLES = r"""
- name: The role's use
  kubernetes.core.k8s:
    definition: "{{ ['langgraph-dataplane', 'team-a'] | langchain.langsmith.dataplane_namespaces }}"
"""

RETURN = r"""
_value:
  description: The Namespace objects.
  type: list
  elements: dict
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.langchain.langsmith.plugins.plugin_utils._dataplane import namespace_objects


def dataplane_namespaces(names):
    try:
        return namespace_objects(names)
    except ValueError as exc:
        raise AnsibleFilterError(str(exc))


class FilterModule:

    def filters(self):
        return {'dataplane_namespaces': dataplane_namespaces}
