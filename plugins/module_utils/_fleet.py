# -*- coding: utf-8 -*-
# Collection-private module_utils of langchain.langsmith: not a public API, may change without notice.
#
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Many listeners of one workspace at once (the ``listeners`` module, and the role through it).

``desired_items()`` checks every item before any request; ``actions_for()`` compares them with one
listing of the workspace and decides the writes (none for a listener that is already right);
``carry_out_all()`` carries them out on one client, a bounded number at a time, with the same
ListenerService code as the ``listener`` module (so a 409 on create is resolved the same way).
Every index here is a dict built in one pass, so that the cost grows with the number of
listeners and namespaces, never with its square.
"""

from concurrent.futures import ThreadPoolExecutor

from ansible_collections.langchain.langsmith.plugins.module_utils._deployments import refuse_protected
from ansible_collections.langchain.langsmith.plugins.module_utils._env import ENV_WORKSPACE_ID
from ansible_collections.langchain.langsmith.plugins.module_utils._errors import InputError, LangSmithError
from ansible_collections.langchain.langsmith.plugins.module_utils._listener import Desired, diff_view, namespaces_of

DEFAULT_PARALLEL = 8
MAX_PARALLEL = 64


def item_label(index, compute_id=None):
    return 'listeners[%d] (compute_id %s)' % (index, compute_id) if compute_id else 'listeners[%d]' % index


def desired_items(items):
    """[(Desired, state)] for the module's ``listeners`` items, or InputError listing every problem.

    Each item is checked by the ``listener`` module's rules; across items, a compute ID may appear
    once, and a namespace may be requested by one present item only.
    """
    problems = []
    desired = []
    first_index = {}
    for index, item in enumerate(items):
        try:
            wanted = Desired(item.get('compute_id'), item.get('compute_type') or 'k8s', item.get('k8s_namespaces'),
                             item.get('version'))
        except InputError as exc:
            problems.append('%s: %s' % (item_label(index, item.get('compute_id')), exc))
            continue
        if wanted.compute_id in first_index:
            twin = ('%s: compute_id %s is also the compute_id of listeners[%d]; each listener once'
                    % (item_label(index), wanted.compute_id, first_index[wanted.compute_id]))
            problems.append(twin)
            continue
        first_index[wanted.compute_id] = index
        desired.append((wanted, item.get('state') or 'present'))
    for namespace, owners in requested_twice((d.compute_id, d.k8s_namespaces or []) for d, state in desired if state == 'present'):
        shared = ('namespace %s is requested by more than one listener: compute_id %s. Two listeners must never '
                  'serve the same namespace' % (namespace, ', '.join(owners)))
        problems.append(shared)
    if problems:
        raise InputError('%d problem%s, nothing was changed: %s'
                         % (len(problems), '' if len(problems) == 1 else 's', '; '.join(problems)))
    return desired


def requested_twice(requests):
    """[(namespace, [owner, ...])] for every namespace that more than one owner of ``requests``
    ((owner, namespaces) pairs) asks for, in the order first asked."""
    owners = {}
    for owner, namespaces in requests:
        for namespace in namespaces:
            owners.setdefault(namespace, []).append(owner)
    return [(namespace, names) for namespace, names in owners.items() if len(names) > 1]


class Action:
    """One item of the plan: what to do for one compute ID, and the listener it concerns."""

    __slots__ = ('kind', 'compute_id', 'desired', 'current', 'releases')

    def __init__(self, kind, compute_id, desired=None, current=None, releases=False):
        self.kind = kind            # 'create', 'converge', 'delete', 'purge' or 'absent' (nothing to do)
        self.compute_id = compute_id
        self.desired = desired
        self.current = current
        self.releases = releases    # frees a namespace that another item asks for: written first


def actions_for(desired, listing, purge=False):
    """The actions that bring the workspace (``listing``) to ``desired``, or InputError when a present
    item asks for a namespace that a listener outside the plan serves."""
    listed = {}
    for listener in listing:
        listed[listener['compute_id']] = listener
    named = set(d.compute_id for d, state in desired)
    # A namespace served by a listener the plan leaves alone (not named; kept unless purged) is taken.
    served = {}
    for listener in listing:
        if listener['compute_id'] not in named and not purge:
            for namespace in namespaces_of(listener):
                served[namespace] = listener
    wanted_namespaces = {}
    problems = []
    taken = []
    at_fault = {}  # compute ID -> True, for each item a problem concerns
    for wanted, state in desired:
        if state != 'present':
            continue
        current = listed.get(wanted.compute_id)
        unchangeable = wanted.create_only_changes(current) if current is not None else []
        if unchangeable:
            problems.extend(unchangeable)
            at_fault[wanted.compute_id] = True
        for namespace in wanted.k8s_namespaces or []:
            wanted_namespaces[namespace] = wanted.compute_id
            other = served.get(namespace)
            if other is not None:
                clash = ('namespace %s is already served by the listener of compute_id %s (listener %s), which this run '
                         'does not manage, and asked for by compute_id %s' % (namespace, other['compute_id'], other['id'],
                                                                              wanted.compute_id))
                taken.append(clash)
                at_fault[wanted.compute_id] = True
    if taken:
        clashes = ('Two listeners must never serve the same namespace: %s. To move a namespace between clusters, '
                   'remove it from the other cluster first, in a run of its own' % '; '.join(taken))
        problems.append(clashes)
    if problems:
        raise InputError('%s. Nothing was changed' % '. '.join(problems), result={'at_fault': at_fault})
    actions = []
    for wanted, state in desired:
        current = listed.get(wanted.compute_id)
        if state == 'absent':
            actions.append(Action('delete' if current else 'absent', wanted.compute_id, wanted, current, releases=True))
            continue
        if current is None:
            actions.append(Action('create', wanted.compute_id, wanted))
            continue
        releases = any(wanted_namespaces.get(ns, wanted.compute_id) != wanted.compute_id for ns in namespaces_of(current))
        actions.append(Action('converge', wanted.compute_id, wanted, current, releases))
    if purge:
        for listener in listing:
            if listener['compute_id'] not in named:
                actions.append(Action('purge', listener['compute_id'], current=listener, releases=True))
    return actions


def check_purge(desired, purge):
    """InputError, before any request, for a purge that keeps nothing: with no present item, it would delete
    every listener of the workspace (an empty list, or one of only ``state: absent`` items)."""
    if purge and not any(state == 'present' for dummy, state in desired):
        raise InputError('purge with no item of state present in listeners would delete every listener of the workspace: '
                         'refused. Name the listeners to keep')


def deletes(actions):
    """The actions that delete a listener (state absent, or purge)."""
    return [action for action in actions if action.kind in ('delete', 'purge')]


def guard(client, actions, force=False):
    """Refuse, before any write, the deletes that cannot be meant (unless ``force``): a purge that names no
    listener of the workspace (InputError: the signature of a wrong workspace), and the delete of a listener
    that deployments run on (ProtectedError). Reads the deployments only when the plan deletes a listener."""
    doomed = deletes(actions)
    if force or not doomed:
        return
    workspace = client.workspace()
    purged = [action.compute_id for action in doomed if action.kind == 'purge']
    if purged and not any(action.current for action in actions if action.kind in ('converge', 'delete')):
        raise InputError('Refusing to purge %s: no item of listeners names one of its listeners, yet the purge would delete '
                         '%d of them (%s). That is what a purge in the wrong workspace looks like: check workspace_id '
                         '(%s) and the credentials, or set force: true if the list is meant to '
                         'replace every listener of this workspace. Nothing was changed'
                         % (workspace, len(purged), ', '.join(purged), ENV_WORKSPACE_ID))
    refuse_protected(client, [action.current for action in doomed], workspace)


def carry_out(service, action):
    """The Result of one action, on ``service`` (which skips writes in check mode)."""
    if action.kind == 'create':
        return service.predict_create(action.desired) if service.check_mode else service.create(action.desired)
    if action.kind == 'converge':
        return service.converge(action.current, action.desired)
    if action.kind == 'delete':
        return service.delete(action.current, action.desired.managed_view(action.current))
    if action.kind == 'purge':
        result = service.delete(action.current, diff_view(action.current))  # every field: the list does not name it
        result.msg += ' (purge: not in the list)'
        return result
    return service.absent_result(action.compute_id)


def carry_out_all(service, actions, parallel=DEFAULT_PARALLEL):
    """{compute_id: Result or LangSmithError} for every action: first those that free a namespace
    another item asks for, then the rest; writes run ``parallel`` at a time on the service's client."""
    outcomes = {}

    def run(action):
        try:
            return action.compute_id, carry_out(service, action)
        except LangSmithError as exc:
            return action.compute_id, exc

    phases = [[a for a in actions if a.releases], [a for a in actions if not a.releases]]
    service.client.allow_concurrency(parallel)
    with ThreadPoolExecutor(max_workers=max(1, parallel)) as pool:
        for phase in phases:
            # Actions that write nothing are answered here, without a thread.
            quiet = [a for a in phase if not writes(a, service.check_mode)]
            for action in quiet:
                compute_id, outcome = run(action)
                outcomes[compute_id] = outcome
            for compute_id, outcome in pool.map(run, [a for a in phase if writes(a, service.check_mode)]):
                outcomes[compute_id] = outcome
    return outcomes


def writes(action, check_mode):
    """True when carrying ``action`` out sends a request."""
    if check_mode or action.kind == 'absent':
        return False
    if action.kind == 'converge':
        return bool(action.desired.patch_for(action.current))
    return True
