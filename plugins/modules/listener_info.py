#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: listener_info
short_description: Read LangSmith Deployment Control Plane listeners
version_added: 0.1.0
description:
  - Read the listeners of a LangSmith workspace, without changing anything.
  - With no filter, every listener of the workspace, across all pages.
  - With O(compute_id), the listener of that cluster (a list of zero or one).
  - With O(listener_id), the listener with that ID (a list of zero or one, found with one request).
author:
  - LangChain platform engineering (@langchain-ai)
extends_documentation_fragment:
  - langchain.langsmith.connection
  - langchain.langsmith.attributes
attributes:
  check_mode:
    support: full
    details:
      - This module never changes anything; it runs the same in check mode.
  diff_mode:
    support: N/A
    details:
      - This module never changes anything.
  idempotent:
    support: full
    details:
      - This module never changes anything.
options:
  compute_id:
    description:
      - Return only the listener with this compute ID (typically the cluster's name).
      - The control plane has no server-side filter, so the workspace is read 100 listeners at a
        time until the listener turns up.
      - Mutually exclusive with O(listener_id).
    type: str
  listener_id:
    description:
      - Return only the listener with this ID (a UUID), read with one request.
      - An ID that no listener has gives an empty list, not a failure.
      - Mutually exclusive with O(compute_id).
    type: str
  deployments:
    description:
      - Also return, for each listener, the deployments that run on it (RV(listeners[].deployments)), those whose
        C(source_config.listener_id) names the listener.
      - Costs one more listing (C(GET /v2/deployments), 100 deployments per request), sent only when this is V(true).
    type: bool
    default: false
notes:
  - A listener of another workspace is not found, and gives an empty list like an unknown one;
    O(workspace_id) chooses the workspace.
seealso:
  - module: langchain.langsmith.listener
  - name: Troubleshooting
    description: Every error and warning of the collection, with its cause and fix.
    link: https://github.com/langchain-ai/ansible-collection-langsmith/blob/main/docs/docsite/rst/troubleshooting.rst
"""

EXAMPLES = r"""
- name: Every listener of the workspace
  langchain.langsmith.listener_info:
  register: all_listeners

- name: Which cluster serves namespace agents?
  ansible.builtin.debug:
    msg: >-
      {{ all_listeners.listeners
         | selectattr('compute_config.k8s_namespaces', 'contains', 'agents')
         | map(attribute='compute_id') | list }}

- name: The listener of one cluster
  langchain.langsmith.listener_info:
    compute_id: prod-eu-1
  register: cluster

- name: Its id, for later tasks
  ansible.builtin.set_fact:
    listener_id: "{{ cluster.listeners[0].id }}"
  when: cluster.listeners | length == 1

- name: One listener by its id, in a workspace of an organization-scoped key
  langchain.langsmith.listener_info:
    listener_id: 6f1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d
    workspace_id: 3c1f1c7e-7d5f-4b5e-9b1e-2f0a9f0e6a11
  register: by_id

- name: Fail when it is gone
  ansible.builtin.assert:
    that: by_id.listeners | length == 1
    fail_msg: Listener 6f1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d is not registered

- name: Which deployments run on each listener (before a decommission, say)
  langchain.langsmith.listener_info:
    compute_id: prod-eu-1
    deployments: true
  register: in_use

- name: Show them
  ansible.builtin.debug:
    msg: "{{ in_use.listeners[0].deployments | map(attribute='name') | list }}"
  when: in_use.listeners | length == 1

- name: Audit every listener of the EU cloud
  langchain.langsmith.listener_info:
    control_plane_url: https://eu.api.host.langchain.com
  register: eu
"""

RETURN = r"""
listeners:
  description:
    - The listeners, as the API returned them, in the API's order.
    - Each has the same shape as the RV(langchain.langsmith.listener#module:listener) return value of
      M(langchain.langsmith.listener).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: System-assigned ID (a UUID) of the listener.
      type: str
      returned: always
      sample: 6f1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d
    compute_id:
      description: The listener's compute ID.
      type: str
      returned: always
      sample: prod-eu-1
    compute_type:
      description: The listener's compute type.
      type: str
      returned: always
      sample: k8s
    compute_config:
      description: Compute-specific settings.
      type: dict
      returned: always
      contains:
        k8s_namespaces:
          description:
            - Namespaces the listener serves, in the order the API keeps them.
            - Always a list. A listener that serves no namespace (the API allows one, and answers V(null) for
              it) has an empty list.
          type: list
          elements: str
          returned: always
          sample: [agents, agents-batch]
    version:
      description: The recorded listener version, or V(null).
      type: str
      returned: always
      sample: 0.12.0
    created_at:
      description: When the listener was created (ISO 8601).
      type: str
      returned: always
      sample: "2026-11-28T09:15:02.113Z"
    updated_at:
      description: When the listener was last changed (ISO 8601).
      type: str
      returned: always
      sample: "2026-11-28T09:15:02.113Z"
    deployments:
      description:
        - The deployments that run on the listener, in the API's order; an empty list for a listener that none runs on.
      type: list
      elements: dict
      returned: when O(deployments=true)
      contains:
        id:
          description: The deployment's ID.
          type: str
          returned: always
          sample: 0b6e8f0a-2c1d-4e3f-9a8b-7c6d5e4f3a2b
        name:
          description: The deployment's name.
          type: str
          returned: always
          sample: support-agent
        status:
          description: The deployment's status (for example V(READY) or V(AWAITING_DELETE)), as the API answers it.
          type: str
          returned: always
          sample: READY
status:
  description:
    - The HTTP status of the answer that made the task fail (for example V(403) for a key without access, V(404) for a
      URL that does not lead to the control plane).
    - V(null) when no answer did, because none arrived (a connection error, a timeout, TLS) or the task failed before
      any request (bad input) or on a bound of the collection (such as O(max_pages)).
  returned: failure
  type: int
  sample: 403
detail:
  description:
    - The API's own words about the failure (its C(detail), each field error of a 422 after the field it concerns, or the
      text of an answer that is not JSON), as the task's C(msg) quotes them, with the credentials masked.
    - V(null) when the task failed without such an answer.
  returned: failure
  type: str
  sample: Invalid API key or bearer token.
method:
  description: The method of the request that failed (V(GET), as the module only reads); V(null) when none did.
  returned: failure
  type: str
  sample: GET
path:
  description:
    - The path of the request that failed, below O(control_plane_url) and without the query string (such as
      C(/v2/listeners), C(/v2/listeners/<id>) or C(/v2/deployments)); V(null) when none did.
  returned: failure
  type: str
  sample: /v2/listeners
"""

from ansible_collections.langchain.langsmith.plugins.module_utils._connection import LangSmithModule
from ansible_collections.langchain.langsmith.plugins.module_utils._deployments import DeploymentService
from ansible_collections.langchain.langsmith.plugins.module_utils._errors import InputError, LangSmithError, check_compute_id, check_uuid
from ansible_collections.langchain.langsmith.plugins.module_utils._listener import ListenerService


def main():
    lsm = LangSmithModule(
        argument_spec=dict(
            compute_id=dict(type='str'),
            listener_id=dict(type='str'),
            deployments=dict(type='bool', default=False),
        ),
        mutually_exclusive=[('compute_id', 'listener_id')],
        supports_check_mode=True,
    )
    params = lsm.params
    try:
        compute_id = check_compute_id(params['compute_id']) if params['compute_id'] is not None else None
        listener_id = check_uuid(params['listener_id'], 'listener_id') if params['listener_id'] is not None else None
    except InputError as exc:
        lsm.fail(exc)
    client = lsm.client()
    service = ListenerService(client)
    try:
        if listener_id:
            found = service.get(listener_id)
            listeners = [found] if found else []
        elif compute_id is not None:
            found = service.find(compute_id)
            listeners = [found] if found else []
        else:
            listeners = service.list_all()
        if params['deployments'] and listeners:
            running = DeploymentService(client).by_listener()
            for listener in listeners:
                listener['deployments'] = running.get(str(listener['id']).lower(), [])
    except LangSmithError as exc:
        lsm.fail(exc)
    finally:
        client.close()
    lsm.exit(changed=False, listeners=listeners)


if __name__ == '__main__':
    main()
