# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
name: dataplane_values
short_description: The values of the langgraph-dataplane chart for one cluster
version_added: 0.1.0
author:
  - LangChain platform engineering (@langchain-ai)
description:
  - Internal to the C(langchain.langsmith.dataplane) role, with no compatibility promise.
  - Used by the C(langchain.langsmith.dataplane) role for each cluster that installs the data plane. The chart's
    C(config) values (listener ID, workspace, control plane and LangSmith API URLs, watched namespaces, the Secret that
    holds the API key), C(operator.createCRDs), C(ingress.hostname), and then the user's values merged in last.
  - With C(gateway.enabled) or C(istioGateway.enabled) in the user's values, C(ingress.enabled) is V(false) (the chart
    allows one of the three). Without a host name for the deployments, C(config.enableLGPDeploymentHealthCheck) is V(false).
  - The API key is never among the values.
options:
  _input:
    description: The cluster's inputs (the keyword arguments of the role's chart_values function); internal to the role.
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: The role's use, for each cluster that installs the chart
  ansible.builtin.set_fact:
    values: "{{ _dataplane_chart_inputs | langchain.langsmith.dataplane_values }}"
"""

RETURN = r"""
_value:
  description: The chart's values.
  type: dict
"""

from ansible_collections.langchain.langsmith.plugins.plugin_utils._dataplane import chart_values


def dataplane_values(inputs):
    return chart_values(**inputs)


class FilterModule:

    def filters(self):
        return {'dataplane_values': dataplane_values}
