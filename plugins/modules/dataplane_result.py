#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: dataplane_result
short_description: Give each cluster of the dataplane role's play its part of the listeners run, as its own
version_added: 0.1.0
description:
  - Internal to the C(langchain.langsmith.dataplane) role, with no compatibility promise.
  - What M(langchain.langsmith.listener_result) does, for the C(langchain.langsmith.dataplane) role, run for each host
    after the role's one M(langchain.langsmith.listeners) run; it reads the host's item of that run itself, from the
    results that the role's earlier tasks registered (C(_dataplane_plan), C(_dataplane_checked),
    C(_dataplane_converged)), so that the task has no argument to template for each host, which would cost each host
    of a fleet about as much again as the rest of the task.
  - Sets the facts C(langsmith_listener) (the listener; V({}) where the cluster's C(langsmith_listener_state) is
    V(absent)) and C(langsmith_listener_id), reports C(changed) when that host's listener changed, shows its diff under
    C(--diff), and fails the host whose write failed, or every host when the run failed before any write.
  - Runs on the controller like M(ansible.builtin.set_fact), with no module process and no request.
  - It takes no options, and no connection options, so it is not in the action group C(langchain.langsmith.all).
author:
  - LangChain platform engineering (@langchain-ai)
extends_documentation_fragment:
  - action_common_attributes
  - action_common_attributes.conn
  - action_common_attributes.flow
  - langchain.langsmith.attributes.controller
attributes:
  check_mode:
    support: full
    details:
      - Reports what the listeners run predicted.
  diff_mode:
    support: full
    details:
      - The host's item's diff.
  idempotent:
    description:
      - When run twice in a row outside check mode, with the same arguments, the second invocation indicates no change.
    support: full
    details:
      - It reports the change that the listeners run made; run twice after the same run, it reports the same.
options: {}
seealso:
  - module: langchain.langsmith.listener_result
  - module: langchain.langsmith.listeners
"""

EXAMPLES = r"""
- name: The role's use, for each cluster, after its listeners run
  langchain.langsmith.dataplane_result:
  register: _dataplane_result
"""

RETURN = r"""
msg:
  description: As RV(langchain.langsmith.listener_result#module:msg).
  returned: always
  type: str
operation:
  description: As RV(langchain.langsmith.listener_result#module:operation).
  returned: success
  type: str
status:
  description: As RV(langchain.langsmith.listener_result#module:status).
  returned: failure
  type: int
detail:
  description: As RV(langchain.langsmith.listener_result#module:detail).
  returned: failure
  type: str
method:
  description: As RV(langchain.langsmith.listener_result#module:method).
  returned: failure
  type: str
path:
  description: As RV(langchain.langsmith.listener_result#module:path).
  returned: failure
  type: str
ansible_facts:
  description: As RV(langchain.langsmith.listener_result#module:ansible_facts), with the cluster's C(langsmith_listener_state).
  returned: success
  type: dict
"""
