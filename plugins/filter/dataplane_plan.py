# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
name: dataplane_plan
short_description: The checks and the listeners of the dataplane role's play, once per play
version_added: 0.1.0
author:
  - LangChain platform engineering (@langchain-ai)
description:
  - Used by the C(langchain.langsmith.dataplane) role, once per play, on what each cluster of the play asks for.
    Checks every cluster's variables, the clashes between clusters (a compute ID or namespace twice, two data
    planes in one Kubernetes cluster both creating the CRDs or sharing a release namespace, clusters of one play
    on different connections) and the chart's prerequisites, before any request.
  - Its input is internal to the role and may change between releases.
options:
  _input:
    description: What each cluster of the play asks for (the role's C(_dataplane_request) of each host).
    type: list
    elements: dict
    required: true
"""

EXAMPLES = r"""
- name: The role's use, once per play
  ansible.builtin.set_fact:
    _dataplane_plan: >-
      {{ ansible_play_batch | map('extract', hostvars) | selectattr('_dataplane_request', 'defined')
         | map(attribute='_dataplane_request') | langchain.langsmith.dataplane_plan }}
  run_once: true
"""

RETURN = r"""
_value:
  description: What the play needs.
  type: dict
  contains:
    problems:
      description: Every problem found, each naming its cluster; the role stops the play before any request if there is one.
      type: list
      elements: str
    notes:
      description: What the role says once in the play's output (such as the clusters whose deployment health check is off).
      type: list
      elements: str
    listeners:
      description:
        - Each cluster's item of the one M(langchain.langsmith.listeners) run that converges every cluster, by host name.
        - Empty when there are problems.
      type: dict
"""

from ansible_collections.langchain.langsmith.plugins.plugin_utils._dataplane import plan


class FilterModule:

    def filters(self):
        return {'dataplane_plan': plan}
