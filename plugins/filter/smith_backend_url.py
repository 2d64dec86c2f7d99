# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
name: smith_backend_url
short_description: The LangSmith API URL that goes with a control plane URL
version_added: 0.1.0
author:
  - LangChain platform engineering (@langchain-ai)
description:
  - Internal to the C(langchain.langsmith.dataplane) role, with no compatibility promise.
  - The URL of the LangSmith API that a data plane talks to beside its control plane (the C(langgraph-dataplane)
    chart's C(config.smithBackendUrl)), derived from the control plane URL.
  - 'Hosted control planes map to their region''s LangSmith API: V(https://api.host.langchain.com) (US) to
    V(https://api.smith.langchain.com), V(https://eu.api.host.langchain.com) (EU) to V(https://eu.api.smith.langchain.com),
    V(https://apac.api.host.langchain.com) (APAC) to V(https://apac.api.smith.langchain.com), and
    V(https://aws.api.host.langchain.com) (AWS US) to V(https://aws.api.smith.langchain.com).'
  - 'A self-hosted control plane C(https://<host>[/<basePath>]/api-host) maps to C(https://<host>[/<basePath>]/api/v1),
    the LangSmith API that the vendor''s own C(langsmith) chart gives its listener.'
  - Any other URL gives an empty string.
options:
  _input:
    description: The control plane URL; empty means the default, V(https://api.host.langchain.com).
    type: str
    required: true
"""

EXAMPLES = r"""
- name: The LangSmith API of a self-hosted control plane under a base path
  ansible.builtin.debug:
    msg: "{{ 'https://ls.example.com/langsmith/api-host' | langchain.langsmith.smith_backend_url }}"
    # https://ls.example.com/langsmith/api/v1
"""

RETURN = r"""
_value:
  description: The LangSmith API URL, or an empty string when it cannot be derived.
  type: str
"""

from ansible_collections.langchain.langsmith.plugins.module_utils._urls import smith_backend_url


class FilterModule:

    def filters(self):
        return {'smith_backend_url': smith_backend_url}
