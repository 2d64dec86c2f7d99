# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
name: dataplane_objects
short_description: The Kubernetes objects the dataplane role creates in one cluster before the chart
version_added: 0.1.0
author:
  - LangChain platform engineering (@langchain-ai)
description:
  - Internal to the C(langchain.langsmith.dataplane) role, with no compatibility promise.
  - The objects, as data for the C(definition) option of C(kubernetes.core.k8s) (dicts, never YAML text, so
    that no name can add an object of its own), in order, first one C(v1) C(Namespace) per name of C(namespaces), each once;
    then, with C(log_access), a C(Role) and a C(RoleBinding) in each namespace of C(watched) that let the control plane's
    ServiceAccount read the pods and logs there.
  - Fails on a name that is not a Kubernetes namespace name.
options:
  _input:
    description:
      - C(namespaces), the namespaces to create; C(watched), the namespaces the data plane watches; C(log_access), the
        role's C(langsmith_dataplane_log_access) (empty for none); C(release_name), which names the Roles.
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: The role's use
  kubernetes.core.k8s:
    definition: "{{ {'namespaces': ['langgraph-dataplane', 'team-a'], 'watched': ['team-a']} | langchain.langsmith.dataplane_objects }}"
"""

RETURN = r"""
_value:
  description: The objects.
  type: list
  elements: dict
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.langchain.langsmith.plugins.plugin_utils._dataplane import cluster_objects


def dataplane_objects(inputs):
    try:
        return cluster_objects(**inputs)
    except (TypeError, ValueError) as exc:
        raise AnsibleFilterError(str(exc))


class FilterModule:

    def filters(self):
        return {'dataplane_objects': dataplane_objects}
