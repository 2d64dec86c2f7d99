# -*- coding: utf-8 -*-
# Collection-private module_utils of langchain.langsmith: not a public API, may change without notice.
#
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Listener resource logic (layer 2).

Find a listener by its natural key (``compute_id``) or by id, compare only the
fields the user manages, build the minimal PATCH, predict the result in check
mode, and resolve "already exists" (409) to the existing listener.
"""

import datetime

from ansible_collections.langchain.langsmith.plugins.module_utils._errors import (
    InputError, LangSmithError, check_compute_id, check_namespaces)
from ansible_collections.langchain.langsmith.plugins.module_utils import _models as models
from ansible_collections.langchain.langsmith.plugins.module_utils._deployments import refuse_protected

LISTENERS = '/v2/listeners'
PAGE_LIMIT = 100
# A create whose first answer was lost counts as this run's when the listener found
# afterwards is no older than the first attempt, less this much clock skew (seconds).
CLOCK_SKEW = 120
# How often "create -> 409 -> not found" (a concurrent delete) is tried again.
CREATE_ATTEMPTS = 3


def listener_argument_spec():
    """The options of one listener: the listener module's, and each item of the listeners module."""
    return dict(
        compute_id=dict(type='str', required=True),
        compute_type=dict(type='str', default='k8s', choices=list(models.COMPUTE_TYPES)),
        k8s_namespaces=dict(type='list', elements='str'),
        version=dict(type='str'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
    )


def listener_path(listener_id):
    return '%s/%s' % (LISTENERS, listener_id)


class Desired:
    """What the user asked for. ``None`` means "not managed"."""

    def __init__(self, compute_id, compute_type='k8s', k8s_namespaces=None, version=None):
        self.compute_id = check_compute_id(compute_id)
        if compute_type not in models.COMPUTE_TYPES:
            raise InputError('compute_type must be one of %s, got %r' % (', '.join(models.COMPUTE_TYPES), compute_type))
        self.compute_type = compute_type
        self.k8s_namespaces = check_namespaces(k8s_namespaces)
        self.version = version

    def create_body(self):
        body = models.ListenerCreateRequest(
            compute_type=self.compute_type,
            compute_id=self.compute_id,
            compute_config=models.ListenerComputeConfig(k8s_namespaces=self.k8s_namespaces),
            version=self.version,
        )
        return body.model_dump(exclude_none=True)

    def patch_for(self, current):
        """The minimal PATCH body that turns ``current`` into what is desired ({} if nothing differs)."""
        patch = {}
        if self.version is not None and current.get('version') != self.version:
            patch['version'] = self.version
        if self.k8s_namespaces is not None and set(namespaces_of(current)) != set(self.k8s_namespaces):
            patch['compute_config'] = {'k8s_namespaces': list(self.k8s_namespaces)}
        if patch:
            models.ListenerPatchRequest.model_validate(patch)
        return patch

    def matches(self, listener):
        return not self.patch_for(listener)

    def predicted_new(self):
        """The listener a create would make, without the fields only the server assigns."""
        return {
            'compute_id': self.compute_id,
            'compute_type': self.compute_type,
            'compute_config': {'k8s_namespaces': list(self.k8s_namespaces or [])},
            'version': self.version,
        }

    def managed_view(self, listener):
        """The managed fields of ``listener`` for --diff: identity plus what the user set."""
        return diff_view(listener, namespaces=self.k8s_namespaces is not None, version=self.version is not None)

    def create_only_changes(self, current):
        """Why the existing listener ``current`` cannot become what is desired: one message per field of
        models.CREATE_ONLY whose value differs (a PATCH cannot change it), [] when none does."""
        return [self._cannot_change(current, field) for field in models.CREATE_ONLY if current.get(field) != getattr(self, field)]

    def _cannot_change(self, current, field):
        return ('%s cannot change: listener %s (compute_id %s) has %s %r, not %r'
                % (field, current.get('id'), self.compute_id, field, current.get(field), getattr(self, field)))


def diff_view(listener, namespaces=True, version=True):
    """The fields of ``listener`` that --diff shows: its identity (compute_id, compute_type), and its namespaces
    and version unless left out (a task that does not manage them). {} for no listener."""
    if not listener:
        return {}
    view = {'compute_id': listener.get('compute_id'), 'compute_type': listener.get('compute_type')}
    if namespaces:
        view['k8s_namespaces'] = sorted(namespaces_of(listener))
    if version:
        view['version'] = listener.get('version')
    return view


def namespaces_of(listener):
    return list((listener.get('compute_config') or {}).get('k8s_namespaces') or [])


def answer_differs(listener, desired, fields=('compute_id', 'compute_type', 'k8s_namespaces', 'version')):
    """What of ``fields`` the listener a write answered has other than ``desired`` asked for (the fields ``desired``
    manages): ['k8s_namespaces [...], not [...]', ...]. An answer is data from the network: the role builds
    Kubernetes objects and chart values from the listener it returns, so it must be the one requested."""
    differs = []
    if 'compute_id' in fields and listener.get('compute_id') != desired.compute_id:
        differs.append('compute_id %r, not %r' % (listener.get('compute_id'), desired.compute_id))
    if 'compute_type' in fields and listener.get('compute_type') != desired.compute_type:
        differs.append('compute_type %r, not %r' % (listener.get('compute_type'), desired.compute_type))
    if 'k8s_namespaces' in fields and desired.k8s_namespaces is not None and set(namespaces_of(listener)) != set(desired.k8s_namespaces):
        differs.append('k8s_namespaces %s, not %s' % (namespaces_of(listener), list(desired.k8s_namespaces)))
    if 'version' in fields and desired.version is not None and listener.get('version') != desired.version:
        differs.append('version %r, not %r' % (listener.get('version'), desired.version))
    return differs


def with_namespace_list(listener):
    """``listener`` (as the API answered it) with ``compute_config.k8s_namespaces`` a list: the API
    allows a listener without namespaces, and answers ``null`` (or leaves the field out) for it.
    Every listener the collection returns or compares has been through here, so that readers
    (``selectattr(..., 'contains', ...)``, ``join``, ``length``) never meet ``None``."""
    config = listener['compute_config']  # a dict: the schema requires it
    if config.get('k8s_namespaces') is None:
        config['k8s_namespaces'] = []
    return listener


def apply_patch(listener, patch):
    result = dict(listener)
    if 'version' in patch:
        result['version'] = patch['version']
    if 'compute_config' in patch:
        config = dict(result.get('compute_config') or {})
        config.update(patch['compute_config'])
        result['compute_config'] = config
    return result


class Result:
    def __init__(self, changed, listener, msg, before=None, after=None):
        self.changed = changed
        self.listener = listener
        self.msg = msg
        self.before = before
        self.after = after

    def diff(self):
        return {'before': self.before or {}, 'after': self.after or {}}

    @property
    def operation(self):
        """'create', 'update' or 'delete': what this run did (or, in check mode, would do) to the listener; None
        when it did nothing. Read from the managed views: none before is a create, none after a delete."""
        if not self.changed:
            return None
        if not self.before:
            return 'create'
        return 'delete' if not self.after else 'update'


def _validated(model, data, what, status=None, method=None, path=None):
    """``data`` (the answer to ``method path``) if it matches ``model``, else LangSmithError naming what was wrong. The raw
    object is kept (fields this collection does not know included), so that users see what the
    API answered; the one change is ``with_namespace_list``'s, made by the callers."""
    try:
        models.parse(model, data, what)
    except ValueError as exc:
        raise LangSmithError(str(exc), method=method, path=path, status=status)
    return data


def _parse_timestamp(value):
    try:
        when = datetime.datetime.fromisoformat(str(value).replace('Z', '+00:00'))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return when.timestamp()


class ListenerService:
    """Listener operations on one Client. ``check_mode`` skips every write."""

    def __init__(self, client, check_mode=False):
        self.client = client
        self.check_mode = check_mode

    # -- reads --------------------------------------------------------------------------------

    def _page(self, data):
        page = _validated(models.ListenersList, data, 'The answer to GET %s' % LISTENERS, method='GET', path=LISTENERS)
        for listener in page['resources']:
            with_namespace_list(listener)
        return page

    def _listener(self, data, method, path, status=None):
        return with_namespace_list(_validated(models.Listener, data, 'The answer to %s %s' % (method, path), status, method, path))

    def pages(self):
        return self.client.paginate(LISTENERS, self._page, limit=PAGE_LIMIT)

    def list_all(self):
        return [item for page in self.pages() for item in page['resources']]

    def find(self, compute_id):
        """The listener with ``compute_id``, reading pages only until it turns up."""
        for page in self.pages():
            for item in page['resources']:
                if item['compute_id'] == compute_id:
                    return item
        return None

    def get(self, listener_id):
        """The listener with ``listener_id``, or None if the API does not know it."""
        path = listener_path(listener_id)
        resp = self.client.request('GET', path, expect=(200, 404))
        if resp.status == 404:
            return None
        return self._listener(resp.data, 'GET', path, resp.status)

    def _get_for(self, listener_id, compute_id):
        listener = self.get(listener_id)
        if listener is not None and listener['compute_id'] != compute_id:
            raise LangSmithError('listener_id %s belongs to compute_id %r, not to compute_id %r'
                                 % (listener_id, listener['compute_id'], compute_id))
        return listener

    # -- present ------------------------------------------------------------------------------

    def ensure_present(self, desired, listener_id=None):
        if listener_id is not None:
            current = self._get_for(listener_id, desired.compute_id)
            if current is None:
                raise LangSmithError('listener_id %s: no such listener in this workspace (GET %s answered 404); '
                                     'omit listener_id to find or create the listener by compute_id'
                                     % (listener_id, listener_path(listener_id)), method='GET', path=listener_path(listener_id),
                                     status=404)
            return self.converge(current, desired)
        if self.check_mode:
            current = self.find(desired.compute_id)
            if current is None:
                return self.predict_create(desired)
            return self.converge(current, desired)
        return self.create(desired)

    @staticmethod
    def predict_create(desired):
        predicted = desired.predicted_new()
        return Result(True, predicted, 'Listener %s would be created' % desired.compute_id, {}, desired.managed_view(predicted))

    def create(self, desired):
        """POST the listener; "already exists" (409) is resolved to the existing listener, converged."""
        for dummy in range(CREATE_ATTEMPTS):
            try:
                resp = self.client.request('POST', LISTENERS, body=desired.create_body(), expect=(201, 409))
                created = self._listener(resp.data, 'POST', LISTENERS, 201) if resp.status == 201 else None
            except LangSmithError as exc:
                if exc.status == 201:
                    exc.message += ('. The control plane answered 201 Created, so the listener exists: the next run '
                                    'finds it by compute_id and creates nothing')
                raise
            if created is not None:
                differs = answer_differs(created, desired)
                if differs:
                    raise LangSmithError('POST %s answered 201 Created with a listener that is not the one requested (%s): '
                                         'it is not used. Check what answers at control_plane_url, and the listeners of '
                                         'the workspace' % (LISTENERS, '; '.join(differs)), method='POST', path=LISTENERS, status=201)
                return Result(True, created, 'Listener %s created' % desired.compute_id,
                              {}, desired.managed_view(created))
            current = self.find(desired.compute_id)
            if current is not None:
                result = self.converge(current, desired)
                if resp.uncertain and not result.changed and self._created_by(current, resp.first_sent):
                    # Our first create was carried out but its answer was lost; the 409 was our own.
                    result.changed = True
                    result.msg = 'Listener %s created (the answer to the first create request was lost)' % desired.compute_id
                    result.before = {}
                return result
            # 409, yet not listed: deleted by someone else in between. Create again.
        raise LangSmithError('POST %s answered 409 for compute_id %r %d times, yet no listener with that compute_id '
                             'is listed' % (LISTENERS, desired.compute_id, CREATE_ATTEMPTS), method='POST', path=LISTENERS, status=409)

    @staticmethod
    def _created_by(listener, first_sent):
        created = _parse_timestamp(listener.get('created_at'))
        return created is not None and first_sent is not None and created >= first_sent - CLOCK_SKEW

    def converge(self, current, desired):
        """Bring the existing listener ``current`` to ``desired`` with one minimal PATCH, or none."""
        unchangeable = desired.create_only_changes(current)
        if unchangeable:
            raise LangSmithError('; '.join(unchangeable))
        before = desired.managed_view(current)
        patch = desired.patch_for(current)
        if not patch:
            return Result(False, current, 'Listener %s is up to date' % desired.compute_id, before, before)
        if self.check_mode:
            predicted = apply_patch(current, patch)
            return Result(True, predicted, 'Listener %s would be updated' % desired.compute_id,
                          before, desired.managed_view(predicted))
        path = listener_path(current['id'])
        resp = self.client.request('PATCH', path, body=patch, expect=(200,))
        updated = self._listener(resp.data, 'PATCH', path, resp.status)
        if str(updated['id']).lower() != str(current['id']).lower() or answer_differs(updated, desired, fields=('compute_id', 'compute_type')):
            raise LangSmithError('PATCH %s answered another listener (ID %s, compute_id %r) than the one it updates: it is not '
                                 'used. Check what answers at control_plane_url' % (path, updated['id'], updated['compute_id']),
                                 method='PATCH', path=path, status=resp.status)
        if not desired.matches(updated):
            raise LangSmithError('PATCH %s answered a listener that still differs from the request (sent %s, got '
                                 'k8s_namespaces %s, version %r)' % (path, patch, namespaces_of(updated), updated.get('version')),
                                 method='PATCH', path=path, status=resp.status)
        return Result(True, updated, 'Listener %s updated' % desired.compute_id, before, desired.managed_view(updated))

    # -- absent -------------------------------------------------------------------------------

    def ensure_absent(self, desired, listener_id=None, force=False):
        """Delete the listener of ``desired``; unless ``force``, not while a deployment runs on it
        (_deployments.refuse_protected: one listing of the deployments, only when there is a listener to delete)."""
        if listener_id is not None:
            current = self._get_for(listener_id, desired.compute_id)
        else:
            current = self.find(desired.compute_id)
        if current is None:
            return self.absent_result(desired.compute_id)
        if not force:
            refuse_protected(self.client, [current], self.client.workspace())
        return self.delete(current, desired.managed_view(current))

    @staticmethod
    def absent_result(compute_id):
        return Result(False, {}, 'Listener %s is absent' % compute_id, {}, {})

    def delete(self, current, before):
        """Delete the existing listener ``current``; ``before`` is its view for --diff."""
        compute_id = current['compute_id']
        where = (self.client.workspace(), current['id'])
        if self.check_mode:
            return Result(True, current, 'Listener %s would be deleted from %s (ID %s)' % ((compute_id,) + where), before, {})
        path = listener_path(current['id'])
        resp = self.client.request('DELETE', path, expect=(204, 200, 404))
        if resp.status == 404 and not resp.uncertain:
            return Result(False, {}, 'Listener %s was already deleted' % compute_id, {}, {})
        # A 404 after an attempt whose answer was lost is this run's own delete.
        return Result(True, current, 'Listener %s deleted from %s (ID %s)' % ((compute_id,) + where), before, {})
