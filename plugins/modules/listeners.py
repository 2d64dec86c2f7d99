#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: listeners
short_description: Manage many LangSmith Deployment Control Plane listeners of one workspace at once
version_added: 0.1.0
description:
  - The desired state of many listeners of one workspace, in one task; typically one item per cluster of an
    inventory, in a task that runs once for the whole play.
  - Reads the workspace once (one listing, 100 listeners per request), checks every item against it, and then
    sends only the writes that are needed, several at a time on one connection. A listener that is already
    right costs no request at all.
  - Each item is what M(langchain.langsmith.listener) takes, with the same rules and the same idempotency
    on O(listeners[].compute_id); a create that meets an existing listener (HTTP 409) is resolved the same way.
  - Use M(langchain.langsmith.listener) for one cluster at a time, for example in a play that runs per host
    anyway; use this module for a fleet, where one module run and one listing replace one of each per cluster.
author:
  - LangChain platform engineering (@langchain-ai)
extends_documentation_fragment:
  - langchain.langsmith.connection
  - langchain.langsmith.attributes
attributes:
  check_mode:
    support: full
    details:
      - Lists the workspace, sends no create, update or delete, and returns the predicted result of every item. A run
        whose deletes would be refused (see O(purge) and O(force)) fails in check mode too.
  diff_mode:
    support: full
    details:
      - Shows O(listeners[].compute_id), O(listeners[].compute_type) and the managed fields of every listener
        that changes (or, in check mode, would change), including the listeners O(purge) deletes; never a credential.
  idempotent:
    support: full
    details:
      - Compares only O(listeners[].compute_type) and the fields each item sets; O(listeners[].k8s_namespaces) as a set.
options:
  listeners:
    description:
      - The listeners to manage, one item per listener. A compute ID may appear once.
      - Before any write, every item is checked, no namespace may be requested by two present items, and no
        namespace of a present item may be served by a listener that the list does not name (unless O(purge)
        deletes it). Each problem is reported with its compute ID, and nothing is written if there is one.
    type: list
    elements: dict
    required: true
    suboptions:
      compute_id:
        description:
          - The listener's natural key, unique per workspace; typically the cluster's name.
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
          - Namespaces the listener serves. Order does not matter and duplicates are dropped.
          - When omitted, the namespaces are not managed; an empty list is rejected.
        type: list
        elements: str
      version:
        description:
          - Listener version to record. When omitted, the version is not managed.
        type: str
      state:
        description:
          - V(present) creates the listener or brings the managed fields up to date; V(absent) deletes it.
        type: str
        choices: [present, absent]
        default: present
  purge:
    description:
      - Also delete every listener of the workspace that O(listeners) does not name.
      - B(Careful:) with V(true) the list is the whole workspace. A listener registered by another team, another
        inventory or by hand is deleted, and its data plane stops receiving deployments. Never build the list from
        C(ansible_play_hosts), a play run with C(--limit), or the C(groups) of an AWX job slice (each slice's inventory
        holds only its own hosts), or the listeners of every other cluster are deleted.
      - Run with C(--check --diff) first. RV(msg) names the workspace and every compute ID that would be deleted,
        and each diff's header names the workspace.
      - Refused, before any request, when no item has O(listeners[].state=present) (an empty list, or only deletes).
      - Refused, before any write, when no item names an existing listener of the workspace while the purge would
        delete at least one, which is what a purge in the wrong workspace (a wrong O(workspace_id) or key) looks like.
        O(force=true) lets it run.
    type: bool
    default: false
  force:
    description:
      - Delete listeners even while deployments run on them, and let a purge run that names no existing listener of
        the workspace.
      - With V(false), a run that would delete at least one listener (an item with O(listeners[].state=absent), or
        O(purge)) first reads the workspace's deployments (C(GET /v2/deployments), one listing) and fails before any
        write, changing nothing at all, when the C(source_config.listener_id) of a deployment names a listener it would
        delete. The message names each such listener and each deployment on it, and RV(protected) lists them. A run
        that deletes nothing sends no request for deployments. In check mode the task fails the same way.
      - Deleting the listener of running deployments strands their agents; what the control plane itself does with
        the deployments of a deleted listener is not documented.
    type: bool
    default: false
  parallel:
    description:
      - How many writes (create, update, delete) are in flight at once, on one keep-alive connection pool.
      - Between 1 and 64. Each write is retried on its own, with O(retries) and the task's O(retry_timeout).
    type: int
    default: 8
notes:
  - Writes that free a namespace another item asks for (deletes, and updates that drop a namespace) are sent
    before the others, so that a namespace can move between two listeners of the list in one run.
  - An item whose write fails after its retries does not stop the others. The task then fails at the end,
    naming each failed item, and RV(listeners) holds the result of every item.
seealso:
  - module: langchain.langsmith.listener
  - module: langchain.langsmith.listener_info
  - name: Idempotency, check and diff mode
    description: What the modules compare for each option.
    link: https://github.com/langchain-ai/ansible-collection-langsmith/blob/main/docs/docsite/rst/idempotency.rst
  - name: Troubleshooting
    description: Every error and warning of the collection, with its cause and fix.
    link: https://github.com/langchain-ai/ansible-collection-langsmith/blob/main/docs/docsite/rst/troubleshooting.rst
"""

EXAMPLES = r"""
# group_vars/k8s_clusters.yml describes each cluster's listener once, evaluated for each host:
#   langsmith_listener_item:
#     compute_id: "{{ inventory_hostname }}"
#     k8s_namespaces: "{{ langsmith_k8s_namespaces }}"
- name: Register every cluster of the inventory group k8s_clusters, in one task for the whole play
  langchain.langsmith.listeners:
    listeners: "{{ groups['k8s_clusters'] | map('extract', hostvars, 'langsmith_listener_item') | list }}"
  run_once: true
  delegate_to: localhost
  register: fleet

- name: Or from a list in the play's variables
  langchain.langsmith.listeners:
    listeners:
      - compute_id: prod-eu-1
        k8s_namespaces: [agents, agents-batch]
        version: "0.12.0"
      - compute_id: prod-us-1
        k8s_namespaces: [agents-us]
      - compute_id: staging-1
        state: absent
  register: fleet

- name: Use one cluster's listener ID
  ansible.builtin.debug:
    msg: "{{ fleet.listeners['prod-eu-1'].listener.id }}"

- name: Preview a purge (which listeners of the workspace no item names) without changing anything
  langchain.langsmith.listeners:
    listeners: "{{ wanted_listeners }}"  # every listener of the workspace to keep: never a --limit'ed play's hosts
    purge: true
  check_mode: true
  diff: true
  register: preview

- name: Show what the purge would delete, and from which workspace
  ansible.builtin.debug:
    msg: "{{ preview.msg }}"  # would create 0, update 0, delete 2; 40 unchanged. Would delete from workspace ...: a (purge), b (purge)
"""

RETURN = r"""
listeners:
  description:
    - The result of every item, and of every listener that O(purge) deleted, by compute ID.
    - In check mode, the predicted results.
  returned: always
  type: dict
  sample:
    prod-eu-1:
      changed: true
      msg: Listener prod-eu-1 created
      listener:
        id: 6f1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d
        compute_id: prod-eu-1
        compute_type: k8s
        compute_config: {k8s_namespaces: [agents, agents-batch]}
        version: 0.12.0
        created_at: "2026-11-28T09:15:02.113Z"
        updated_at: "2026-11-28T09:15:02.113Z"
  contains:
    changed:
      description: Whether this item's listener changed (or, in check mode, would change).
      type: bool
      returned: always
    msg:
      description: What was done for this item, or why its write failed.
      type: str
      returned: always
      sample: Listener prod-eu-1 is up to date
    listener:
      description:
        - The listener as the API returned it (or as predicted in check mode), as M(langchain.langsmith.listener)
          returns it. V({}) for a listener that is absent.
        - Its C(compute_config.k8s_namespaces) is always a list, empty for a listener that serves no namespace
          (which the API answers as V(null)).
      type: dict
      returned: unless the item failed
    operation:
      description:
        - What was done to this item's listener (in check mode, would be done), V(create), V(update) or V(delete);
          V(null) when nothing changed.
      type: str
      returned: unless the item failed
      sample: create
    failed:
      description: V(true) for an item whose write failed after its retries.
      type: bool
      returned: when the item failed
    status:
      description:
        - The HTTP status of the answer that made the item fail; V(null) when none did (no answer arrived, after a connection
          error, a timeout or a TLS failure).
      type: int
      returned: when the item failed
      sample: 500
    detail:
      description: The API's own words about the item's failure, as its RV(listeners.msg) quotes them, with the credentials masked; V(null) without them.
      type: str
      returned: when the item failed
      sample: Internal Server Error
    method:
      description: The method of the item's request that failed (V(POST), V(PATCH), V(DELETE), or V(GET) for the search after a 409).
      type: str
      returned: when the item failed
      sample: POST
    path:
      description: The path of the item's request that failed, below O(control_plane_url) and without the query string.
      type: str
      returned: when the item failed
      sample: /v2/listeners
    diff:
      description: The item's managed fields before and after.
      type: dict
      returned: in diff mode, unless the item failed
msg:
  description:
    - A summary of what was done (or, in check mode, would be done).
    - When listeners were (or would be) deleted, it names the workspace and each of their compute IDs, those of
      O(purge) marked C((purge)).
  returned: always
  type: str
  sample: "2 created, 1 updated, 1 deleted, 997 unchanged. Deleted from workspace 3c1f1c7e-7d5f-4b5e-9b1e-2f0a9f0e6a11: staging-1 (purge)"
diff:
  description:
    - The managed fields before and after of each listener that changed, for C(--diff); each header names the listener's
      compute ID and the workspace.
  returned: when diff mode is on
  type: list
  elements: dict
protected:
  description:
    - The listeners whose delete was refused because deployments run on them (see O(force)), with those deployments.
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
status:
  description:
    - The HTTP status of the answer that made the task fail before any write (the listing of the listeners or of the
      deployments), for example V(403) for a key without access, V(404) for a URL that does not lead to the control plane.
    - V(null) when no answer did, because none arrived (a connection error, a timeout, TLS) or the task failed before
      any request (bad input) or on a rule of the collection (a namespace served outside the list, a refused delete).
    - V(null) too when items failed after the writes began; each failed item has its own RV(listeners.status),
      RV(listeners.detail), RV(listeners.method) and RV(listeners.path).
  returned: failure
  type: int
  sample: 403
detail:
  description:
    - The API's own words about the failure before any write (its C(detail), or the text of an answer that is not JSON),
      as RV(msg) quotes them, with the credentials masked.
    - V(null) when the task failed without such an answer, and when items failed (see RV(status)).
  returned: failure
  type: str
  sample: Invalid API key or bearer token.
method:
  description: The method of the request that failed before any write (V(GET)); V(null) when none did, and when items failed.
  returned: failure
  type: str
  sample: GET
path:
  description:
    - The path of the request that failed before any write (C(/v2/listeners) or C(/v2/deployments), without the query
      string); V(null) when none did, and when items failed.
  returned: failure
  type: str
  sample: /v2/listeners
"""

from ansible_collections.langchain.langsmith.plugins.module_utils._connection import LangSmithModule
from ansible_collections.langchain.langsmith.plugins.module_utils._errors import InputError, LangSmithError
from ansible_collections.langchain.langsmith.plugins.module_utils import _items as items
from ansible_collections.langchain.langsmith.plugins.module_utils._fleet import (
    DEFAULT_PARALLEL, MAX_PARALLEL, actions_for, carry_out_all, check_purge, desired_items, guard)
from ansible_collections.langchain.langsmith.plugins.module_utils._listener import ListenerService, listener_argument_spec
DONE = {'create': 'created', 'converge': 'updated', 'delete': 'deleted', 'purge': 'deleted'}


def summary(actions, outcomes, check_mode, workspace):
    """The counts, then every listener deleted (or, in check mode, to be deleted), named with its workspace, in
    the order of their compute IDs."""
    counts = {'created': 0, 'updated': 0, 'deleted': 0, 'unchanged': 0, 'failed': 0}
    deleted = []
    for action in actions:
        outcome = outcomes[action.compute_id]
        if isinstance(outcome, LangSmithError):
            counts['failed'] += 1
        elif outcome.changed:
            counts[DONE[action.kind]] += 1
            if action.kind in ('delete', 'purge'):
                deleted.append(action.compute_id + (' (purge)' if action.kind == 'purge' else ''))
        else:
            counts['unchanged'] += 1
    if check_mode:
        text = 'would create %(created)d, update %(updated)d, delete %(deleted)d; %(unchanged)d unchanged' % counts
    else:
        text = '%(created)d created, %(updated)d updated, %(deleted)d deleted, %(unchanged)d unchanged' % counts
    text += ', %(failed)d failed' % counts if counts['failed'] else ''
    if deleted:
        text += '. %s %s: %s' % ('Would delete from' if check_mode else 'Deleted from', workspace, ', '.join(sorted(deleted)))
    return text


def main():
    lsm = LangSmithModule(
        argument_spec=dict(
            listeners=dict(type='list', elements='dict', required=True, options=listener_argument_spec()),
            purge=dict(type='bool', default=False),
            parallel=dict(type='int', default=DEFAULT_PARALLEL),
            force=dict(type='bool', default=False),
        ),
        supports_check_mode=True,
    )
    params = lsm.params
    try:
        if not 1 <= params['parallel'] <= MAX_PARALLEL:
            raise InputError('parallel must be between 1 and %d, got %s' % (MAX_PARALLEL, params['parallel']))
        desired = desired_items(params['listeners'])
        check_purge(desired, params['purge'])
    except InputError as exc:
        lsm.fail(exc)
    client = lsm.client()
    service = ListenerService(client, check_mode=lsm.check_mode)
    workspace = client.workspace()
    try:
        try:
            actions = actions_for(desired, service.list_all(), purge=params['purge'])
            guard(client, actions, force=params['force'])
        except (InputError, LangSmithError) as exc:
            lsm.fail(exc)
        outcomes = carry_out_all(service, actions, parallel=params['parallel'])
    finally:
        client.close()

    results = {}
    diffs = []
    failed = []
    for action in actions:
        outcome = outcomes[action.compute_id]
        if isinstance(outcome, LangSmithError):
            entry = items.failed(lsm.failure(outcome), str(outcome))
            failed.append('%s: %s' % (action.compute_id, outcome))
        else:
            entry = items.carried_out(outcome.changed, outcome.listener, outcome.msg, outcome.operation,
                                      diff=outcome.diff() if lsm.module._diff else None)
            if lsm.module._diff and outcome.changed:
                header = 'listener %s (%s)' % (action.compute_id, workspace)
                diffs.append(dict(outcome.diff(), before_header=header, after_header=header))
        results[action.compute_id] = entry
    output = dict(changed=any(entry['changed'] for entry in results.values()), listeners=results,
                  msg=summary(actions, outcomes, lsm.check_mode, workspace))
    if lsm.module._diff:
        output['diff'] = diffs
    if failed:
        output['msg'] = '%s. %d listener%s failed: %s' % (output['msg'], len(failed), '' if len(failed) == 1 else 's',
                                                          '; '.join(failed))
        lsm.fail(LangSmithError(output.pop('msg')), **output)
    lsm.exit(**output)


if __name__ == '__main__':
    main()
