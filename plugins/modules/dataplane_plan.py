#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: dataplane_plan
short_description: Check what every cluster of the dataplane role's play asks for, once for the play
version_added: 0.1.0
description:
  - Internal to the C(langchain.langsmith.dataplane) role, with no compatibility promise.
  - Used by the C(langchain.langsmith.dataplane) role, once for the play (C(run_once)), before any request.
  - Reads the role's variables (the options of its C(meta/argument_specs.yml)) for each host of O(hosts), each with
    that host's own variables as a task of the role would see them, templates them once, validates them against that
    specification as ansible-core's validation of a role's arguments does, computes each cluster's request from them,
    and checks them all together. It checks every cluster's
    variables, the clashes between clusters (a compute ID or namespace twice, two data planes in one Kubernetes
    cluster both creating the CRDs or sharing a release namespace, clusters of one play on different connections)
    and the chart's prerequisites.
  - Runs on the controller, with no module process and no request, and costs the play one task instead of one
    task per host.
  - It takes no connection options, so it is not in the action group C(langchain.langsmith.all).
author:
  - LangChain platform engineering (@langchain-ai)
extends_documentation_fragment:
  - action_common_attributes
  - action_common_attributes.conn
  - action_common_attributes.flow
  - langchain.langsmith.attributes.controller
attributes:
  bypass_host_loop:
    support: none
    details:
      - Run it with C(run_once); it reads the variables of every host of O(hosts) itself.
  check_mode:
    support: full
    details:
      - It changes nothing in either mode.
  diff_mode:
    support: none
options:
  hosts:
    description: The hosts whose requests are checked together (the role passes C(ansible_play_batch)).
    type: list
    elements: str
    required: true
seealso:
  - module: langchain.langsmith.listeners
"""

EXAMPLES = r"""
- name: The role's use, once for the play
  langchain.langsmith.dataplane_plan:
    hosts: "{{ ansible_play_batch }}"
  run_once: true
  register: _dataplane_plan
"""

RETURN = r"""
problems:
  description: Every problem found, each naming its cluster; the role stops the play before any request if there is one.
  returned: always
  type: list
  elements: str
  sample: ["c3: langsmith_k8s_namespaces is required when langsmith_listener_state is present: name the Kubernetes namespaces that the listener of c3 serves"]
notes:
  description: What the role says once in the play's output (such as the clusters whose deployment health check is off).
  returned: always
  type: list
  elements: str
listeners:
  description:
    - Each cluster's item of the one M(langchain.langsmith.listeners) run that converges every cluster, by host name.
    - Empty when there are problems.
  returned: always
  type: dict
  sample: {"c1": {"compute_id": "c1", "state": "present", "k8s_namespaces": ["agents"]}}
installs:
  description: The clusters (host names) that install the data plane chart.
  returned: always
  type: list
  elements: str
uninstalls:
  description: The clusters (host names) that uninstall the data plane chart.
  returned: always
  type: list
  elements: str
force:
  description:
    - Whether the listeners run may delete listeners that deployments run on (C(langsmith_listener_force) of every
      cluster that is decommissioned; a problem when they differ).
  returned: always
  type: bool
"""
