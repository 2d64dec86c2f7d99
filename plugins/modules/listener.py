#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: listener
short_description: Manage LangSmith Deployment Control Plane listeners
version_added: 0.1.0
description:
  - Create, update and delete the listener of a Kubernetes cluster in the LangSmith Deployment Control
    Plane. A listener is the control plane's record of a cluster that runs the LangSmith data plane.
  - The module is idempotent on O(compute_id), which is unique per workspace. It sends the create request;
    if the listener already exists (HTTP 409) it finds it, compares the fields the task sets, and sends one
    PATCH with only what differs.
  - Fields the task does not set (O(k8s_namespaces), O(version)) are not managed and are left as they are.
author:
  - LangChain platform engineering (@langchain-ai)
extends_documentation_fragment:
  - langchain.langsmith.connection
  - langchain.langsmith.attributes
attributes:
  check_mode:
    support: full
    details:
      - Finds the listener by listing, sends no create, update or delete, and returns the predicted listener. A delete
        that would be refused (see O(force)) fails in check mode too.
  diff_mode:
    support: full
    details:
      - Shows O(compute_id), O(compute_type) and the managed fields only, never a credential.
  idempotent:
    support: full
    details:
      - Compares only O(compute_type) and the options the task sets; O(k8s_namespaces) as a set.
options:
  compute_id:
    description:
      - The listener's natural key, unique per workspace; typically the Kubernetes cluster's name.
      - Cannot change once the listener exists.
    type: str
    required: true
  compute_type:
    description:
      - The kind of compute the listener runs on. Cannot change once the listener exists.
    type: str
    default: k8s
    choices: [k8s]
  k8s_namespaces:
    description:
      - Kubernetes namespaces the listener serves. Order does not matter and duplicates are dropped.
      - When omitted, the namespaces are not managed. An existing listener keeps the ones it serves, and a
        listener created without them serves none (returned as an empty list) until a later run sets them.
      - An empty list is rejected; the module never empties a listener's namespaces (delete the listener instead).
      - Two listeners must never serve the same namespace. This module does not check it;
        M(langchain.langsmith.listeners) does, for the listeners it manages.
    type: list
    elements: str
  version:
    description:
      - Listener version to record. When omitted, the version is not managed.
    type: str
  state:
    description:
      - V(present) creates the listener or brings the managed fields up to date.
      - V(absent) deletes it; a listener that is already gone is not an error. The listener is not deleted while a
        deployment runs on it, unless O(force=true).
    type: str
    choices: [present, absent]
    default: present
  force:
    description:
      - With O(state=absent), delete the listener even while deployments run on it.
      - With V(false), before it deletes a listener the module reads the workspace's deployments (C(GET /v2/deployments),
        in a run that deletes and only then) and fails, changing nothing, when the C(source_config.listener_id) of a
        deployment names the listener. The message names the listener and each deployment on it (name, ID and status),
        and RV(protected) lists them. In check mode the task fails the same way.
      - Deleting the listener of running deployments strands their agents; what the control plane itself does with
        the deployments of a deleted listener (refuse, delete them, or leave them behind) is not documented.
    type: bool
    default: false
  listener_id:
    description:
      - ID of the listener, when it is already known (for example from M(langchain.langsmith.listener_info)
        or a previous run). The module then reads it with one request instead of searching the workspace
        by O(compute_id).
      - The module fails if that listener's compute ID is not O(compute_id), or, with O(state=present),
        if no listener has this ID.
    type: str
notes:
  - The control plane has no server-side filter, so finding a listener by O(compute_id) reads the
    workspace's listeners 100 at a time, stopping at the page that holds it. Pass O(listener_id) where
    it is known to make a converged run cost one request.
  - Concurrent runs on one O(compute_id) are safe; the control plane creates one listener, and the other
    runs find it.
seealso:
  - module: langchain.langsmith.listener_info
  - name: Idempotency, check and diff mode
    description: What the module compares for each option, and what it leaves alone when an option is omitted.
    link: https://github.com/langchain-ai/ansible-collection-langsmith/blob/main/docs/docsite/rst/idempotency.rst
  - name: Troubleshooting
    description: Every error and warning of the collection, with its cause and fix.
    link: https://github.com/langchain-ai/ansible-collection-langsmith/blob/main/docs/docsite/rst/troubleshooting.rst
  - name: LangSmith self-hosted data plane
    description: How a listener and the C(langgraph-dataplane) chart fit together.
    link: https://docs.langchain.com/langsmith/deploy-self-hosted-full-platform
"""

EXAMPLES = r"""
- name: Register the cluster with the control plane
  langchain.langsmith.listener:
    compute_id: prod-eu-1
    k8s_namespaces: [agents, agents-batch]
    version: "0.12.0"
    api_key: "{{ langsmith_api_key }}"
  register: result

- name: Use the listener's id later
  ansible.builtin.debug:
    msg: "Listener {{ result.listener.id }}"

- name: Set the connection once for every module of the collection
  module_defaults:
    group/langchain.langsmith.all:
      control_plane_url: https://langsmith.example.com/api-host
      workspace_id: 3c1f1c7e-7d5f-4b5e-9b1e-2f0a9f0e6a11
      ca_path: /etc/pki/tls/certs/internal-ca.pem
  block:
    - name: Ensure the listener (key from LANGSMITH_API_KEY)
      langchain.langsmith.listener:
        compute_id: "{{ inventory_hostname }}"
        k8s_namespaces: "{{ langsmith_k8s_namespaces }}"
      delegate_to: localhost

- name: Add a namespace; the version and the other fields are left as they are
  langchain.langsmith.listener:
    compute_id: prod-eu-1
    k8s_namespaces: [agents, agents-batch, agents-eval]
    listener_id: "{{ result.listener.id }}"  # known already: one request instead of a search

- name: Preview the change without making it
  langchain.langsmith.listener:
    compute_id: prod-eu-1
    version: "0.13.0"
  check_mode: true
  diff: true
  register: preview

- name: In the EU cloud, with a bearer token and an explicit workspace
  langchain.langsmith.listener:
    compute_id: prod-eu-2
    k8s_namespaces: [agents]
    control_plane_url: https://eu.api.host.langchain.com
    bearer_token: "{{ langsmith_bearer_token }}"
    workspace_id: 3c1f1c7e-7d5f-4b5e-9b1e-2f0a9f0e6a11

- name: Decommission a cluster (fails, deleting nothing, while deployments run on its listener)
  langchain.langsmith.listener:
    compute_id: prod-eu-1
    state: absent
"""

RETURN = r"""
listener:
  description:
    - The listener, as the API returned it.
    - In check mode, the predicted listener; a listener not yet created has no RV(listener.id),
      RV(listener.created_at) or RV(listener.updated_at).
    - After O(state=absent), the deleted listener, or V({}) if there was none.
  returned: always
  type: dict
  contains:
    id:
      description: System-assigned ID (a UUID) of the listener.
      type: str
      returned: when the listener exists
      sample: 6f1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d
    compute_id:
      description: The listener's compute ID.
      type: str
      returned: success
      sample: prod-eu-1
    compute_type:
      description: The listener's compute type.
      type: str
      returned: success
      sample: k8s
    compute_config:
      description: Compute-specific settings.
      type: dict
      returned: success
      contains:
        k8s_namespaces:
          description:
            - Namespaces the listener serves, in the order the API keeps them.
            - Always a list. A listener that serves no namespace (created without O(k8s_namespaces); the API
              answers V(null) for it) has an empty list.
          type: list
          elements: str
          returned: success
          sample: [agents, agents-batch]
    version:
      description: The recorded listener version, or V(null).
      type: str
      returned: success
      sample: 0.12.0
    created_at:
      description: When the listener was created (ISO 8601).
      type: str
      returned: when the listener exists
      sample: "2026-11-28T09:15:02.113Z"
    updated_at:
      description: When the listener was last changed (ISO 8601).
      type: str
      returned: when the listener exists
      sample: "2026-11-28T09:15:02.113Z"
msg:
  description: What the module did, or would do in check mode.
  returned: always
  type: str
  sample: Listener prod-eu-1 created
diff:
  description: The managed fields before and after; only under C(--diff).
  returned: when diff mode is on
  type: dict
  contains:
    before:
      description: Managed fields before the task (V({}) for a listener that did not exist).
      type: dict
      returned: when diff mode is on
    after:
      description: Managed fields after the task (V({}) after a delete).
      type: dict
      returned: when diff mode is on
operation:
  description:
    - What the task did to the listener (in check mode, would do), V(create), V(update) or V(delete); V(null) when it
      changed nothing.
  returned: success
  type: str
  sample: create
status:
  description:
    - The HTTP status of the answer that made the task fail (for example V(403) for a key without access, V(404) for a
      URL that does not lead to the control plane, V(422) for a body the API refused).
    - V(null) when no answer did, because none arrived (a connection error, a timeout, TLS) or the task failed before
      any request (bad input) or on a rule of the collection (such as a refused delete, or O(max_pages)).
  returned: failure
  type: int
  sample: 403
detail:
  description:
    - The API's own words about the failure (its C(detail), each field error of a 422 after the field it concerns, or the
      text of an answer that is not JSON), as RV(msg) quotes them, with the credentials masked.
    - V(null) when the task failed without such an answer.
  returned: failure
  type: str
  sample: >-
    Listeners cannot be created for LangSmith workspace ID '3c1f1c7e-7d5f-4b5e-9b1e-2f0a9f0e6a11'. Creating listeners
    is only allowed for LangSmith organizations with self-hosted enterprise plans.
method:
  description: The method of the request that failed (V(GET), V(POST), V(PATCH) or V(DELETE)); V(null) when none did.
  returned: failure
  type: str
  sample: POST
path:
  description:
    - The path of the request that failed, below O(control_plane_url) and without the query string (such as
      C(/v2/listeners), C(/v2/listeners/<id>) or C(/v2/deployments)); V(null) when none did.
  returned: failure
  type: str
  sample: /v2/listeners
protected:
  description:
    - The listener whose delete was refused because deployments run on it (see O(force)), with those deployments.
  returned: when a delete was refused
  type: list
  elements: dict
  contains:
    compute_id:
      description: The listener's compute ID.
      type: str
      returned: always
    id:
      description: The listener's ID.
      type: str
      returned: always
    deployments:
      description: The deployments whose C(source_config.listener_id) names the listener, each with C(id), C(name) and C(status).
      type: list
      elements: dict
      returned: always
  sample:
    - compute_id: prod-eu-1
      id: 6f1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d
      deployments: [{id: 0b6e8f0a-2c1d-4e3f-9a8b-7c6d5e4f3a2b, name: support-agent, status: READY}]
"""

from ansible_collections.langchain.langsmith.plugins.module_utils._connection import LangSmithModule
from ansible_collections.langchain.langsmith.plugins.module_utils._errors import InputError, LangSmithError, check_uuid
from ansible_collections.langchain.langsmith.plugins.module_utils._listener import Desired, ListenerService, listener_argument_spec


def main():
    lsm = LangSmithModule(
        argument_spec=dict(listener_argument_spec(), listener_id=dict(type='str'), force=dict(type='bool', default=False)),
        supports_check_mode=True,
    )
    params = lsm.params
    try:
        desired = Desired(params['compute_id'], params['compute_type'], params['k8s_namespaces'], params['version'])
        listener_id = check_uuid(params['listener_id'], 'listener_id') if params['listener_id'] else None
    except InputError as exc:
        lsm.fail(exc)
    client = lsm.client()
    service = ListenerService(client, check_mode=lsm.check_mode)
    try:
        if params['state'] == 'present':
            result = service.ensure_present(desired, listener_id)
        else:
            result = service.ensure_absent(desired, listener_id, force=params['force'])
    except LangSmithError as exc:
        lsm.fail(exc)
    finally:
        client.close()
    output = dict(changed=result.changed, listener=result.listener, msg=result.msg, operation=result.operation)
    if lsm.module._diff:
        output['diff'] = result.diff()
    lsm.exit(**output)


if __name__ == '__main__':
    main()
