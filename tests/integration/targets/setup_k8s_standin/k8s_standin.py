# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A stand-in for the Kubernetes API server, for tests only (never shipped with the role).

No Kubernetes API server can run on the test machines, so the tests drive the real
``kubernetes.core.k8s`` module (and the ``kubernetes`` Python client under it) against this small
HTTP server on loopback. It serves any number of clusters at once, each below its own prefix: a
kubeconfig's ``server: http://127.0.0.1:PORT/clusters/cluster-a`` is the cluster ``cluster-a``,
created with the namespaces every cluster has (default, kube-node-lease, kube-public, kube-system)
when it is first called.

It implements the core/v1 Namespaces and Secrets, the rbac.authorization.k8s.io/v1 Roles and
RoleBindings, the apiextensions.k8s.io/v1 CustomResourceDefinitions, and the custom resources of
each CRD stored in a cluster (served in that cluster once the CRD is), as much as the client and the
module use:

- discovery: ``/version``, ``/api``, ``/api/v1``, ``/apis`` and ``/apis/<group>/<version>`` (these
  resources);
- ``GET`` (one object, or a list), ``POST`` (201; 409 AlreadyExists; a Secret's namespace must
  exist), ``PUT``, ``PATCH`` (merge, strategic merge (here the same as merge: lists are replaced)
  and JSON patch; a patch that changes nothing keeps the resourceVersion), ``DELETE`` (a Secret
  answers a Status, a Namespace itself in phase Terminating; its Secrets go with it, at once);
- ``dryRun=All`` on every write (validated and answered, nothing stored);
- uid, creationTimestamp, resourceVersion; a Secret's ``stringData`` folded into ``data``;
  a Namespace's ``status.phase: Active``; errors as Status objects (400, 404, 405, 409, 415, 422).

Anything else (other resources, label and field selectors, watches, server-side apply) is answered
with an error that says so. Faults, for tests of how a client reports them: ``<dir>/faults.json``,
read on every call, ``{"LGP": {"forbidden": true}}`` answers every call of that kind 403 Forbidden, and
``{"Secret": {"delay": 30, "invalid": true}}`` makes each create, update or
patch of a Secret wait that many seconds (after creating ``<dir>/waiting``), then answer 422 Invalid with a message that quotes the
Secret's data, decoded, as an API server's validation message quotes a rejected value. The objects live in ``<dir>/state.json``
(``{cluster: {"namespaces": {name: obj}, "secrets": {namespace: {name: obj}}, "resourceVersion": n}}``, and
likewise under its plural each other kind: ``{namespace: {name: obj}}`` when it is namespaced, ``{name: obj}`` else;
rewritten whole after every change). When ``STANDIN_CALLS`` names a file, every call is appended to
it as one JSON line (tool, time, cluster, method, path below the cluster, query, kind, name,
namespace, dry_run, changed (for a write: whether it changed what is stored), status; never a
request or response body), under an exclusive ``flock`` of that
file, as the helm stand-in does, so that the two tools' lines keep their order and never mix.

    python k8s_standin.py serve --dir DIR        # listens on a free port; writes its URL to DIR/url
    python k8s_standin.py serve --dir DIR --detach   # the same, until `stop --dir DIR` (molecule's create and destroy)
    python k8s_standin.py kubeconfig --url URL --out FILE CLUSTER [CLUSTER...]

The server stops when its parent process ends (or on SIGTERM).
"""

import argparse
import base64
import binascii
import copy
import fcntl
import json
import os
import re
import signal
import sys
import threading
import time
import traceback
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

VERSION = {'major': '1', 'minor': '32', 'gitVersion': 'v1.32.0', 'gitCommit': 'stand-in', 'gitTreeState': 'clean',
           'buildDate': '2025-01-01T00:00:00Z', 'goVersion': 'go1.23.4', 'compiler': 'gc', 'platform': 'linux/amd64'}
VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']
BUILTIN_NAMESPACES = ('default', 'kube-node-lease', 'kube-public', 'kube-system')
DNS_LABEL = re.compile(r'^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')
DNS_SUBDOMAIN = re.compile(r'^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$')
SECRET_KEY = re.compile(r'^[-._a-zA-Z0-9]+$')
# query parameters that would change what a call means, which the stand-in does not implement
UNSUPPORTED_QUERY = ('labelSelector', 'fieldSelector', 'watch', 'limit', 'continue')
PATCH_TYPES = ('application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/json-patch+json')


class ApiError(Exception):
    """An error answer of the API: its code, reason and message, as a Status object."""

    def __init__(self, code, reason, message, details=None):
        super().__init__(message)
        self.code = code
        self.reason = reason
        self.details = details

    def status(self):
        answer = {'kind': 'Status', 'apiVersion': 'v1', 'metadata': {}, 'status': 'Failure', 'message': str(self),
                  'reason': self.reason, 'code': self.code}
        if self.details:
            answer['details'] = self.details
        return answer


def not_found(plural, name):
    return ApiError(404, 'NotFound', '%s "%s" not found' % (plural, name), {'name': name, 'kind': plural})


def invalid(kind, name, message):
    return ApiError(422, 'Invalid', '%s "%s" is invalid: %s' % (kind, name, message), {'name': name, 'kind': kind.lower() + 's'})


def _decoded(value):
    try:
        return base64.b64decode(value).decode('utf-8')
    except (binascii.Error, UnicodeDecodeError, TypeError):
        return value


def now():
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())


def record(path, line):
    """Append ``line`` to the call log ``path`` as one JSON line, under an exclusive lock of the file."""
    with open(path, 'a', encoding='utf-8') as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file is closed
        handle.write(json.dumps(line, sort_keys=True) + '\n')
        handle.flush()


# --- patches -----------------------------------------------------------------------------------

def merge_patch(target, patch):
    """RFC 7386 JSON merge patch (also used for strategic merge: Namespaces and Secrets have no list
    that merges by key)."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if key.startswith('$'):
            raise ApiError(400, 'BadRequest', 'the stand-in does not implement the strategic merge directive %s' % key)
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def _pointer(document, pointer):
    """(container, key) that the JSON pointer ``pointer`` names in ``document``."""
    if not pointer.startswith('/'):
        raise ApiError(400, 'BadRequest', 'invalid JSON pointer %r' % pointer)
    keys = [part.replace('~1', '/').replace('~0', '~') for part in pointer[1:].split('/')]
    container = document
    for key in keys[:-1]:
        try:
            container = container[int(key)] if isinstance(container, list) else container[key]
        except (KeyError, IndexError, ValueError) as exc:
            raise ApiError(422, 'Invalid', 'the JSON patch path %s does not exist' % pointer) from exc
    last = keys[-1]
    if isinstance(container, list):
        last = len(container) if last == '-' else int(last)
    return container, last


def json_patch(document, operations):
    """RFC 6902 JSON patch."""
    document = copy.deepcopy(document)
    if not isinstance(operations, list):
        raise ApiError(400, 'BadRequest', 'a JSON patch is a list of operations')
    for operation in operations:
        op = operation.get('op')
        if op in ('move', 'copy'):
            source, key = _pointer(document, operation['from'])
            value = copy.deepcopy(source[key])
            if op == 'move':
                del source[key]
            operation = {'op': 'add', 'path': operation['path'], 'value': value}
            op = 'add'
        container, key = _pointer(document, operation.get('path', ''))
        try:
            if op == 'add':
                if isinstance(container, list):
                    container.insert(key, copy.deepcopy(operation['value']))
                else:
                    container[key] = copy.deepcopy(operation['value'])
            elif op == 'remove':
                del container[key]
            elif op == 'replace':
                if isinstance(container, dict) and key not in container:
                    raise KeyError(key)
                container[key] = copy.deepcopy(operation['value'])
            elif op == 'test':
                if container[key] != operation['value']:
                    raise ApiError(422, 'Invalid', 'the JSON patch test of %s failed' % operation['path'])
            else:
                raise ApiError(400, 'BadRequest', 'unknown JSON patch operation %r' % op)
        except (KeyError, IndexError) as exc:
            raise ApiError(422, 'Invalid', 'the JSON patch path %s does not exist' % operation['path']) from exc
    return document


# --- the two resources ---------------------------------------------------------------------------

class Kind:
    def __init__(self, kind, plural, namespaced, short_names, api_version='v1'):
        self.kind = kind
        self.plural = plural
        self.namespaced = namespaced
        self.short_names = short_names
        self.api_version = api_version  # v1 (the core group), or group/version

    def discovery(self):
        return {'name': self.plural, 'singularName': self.kind.lower(), 'namespaced': self.namespaced, 'kind': self.kind,
                'verbs': VERBS, 'shortNames': self.short_names}

    def normalise(self, obj, name):
        """Check ``obj`` (a create or the result of an update) and fill in what the API server does."""
        if not (DNS_LABEL if self.kind == 'Namespace' else DNS_SUBDOMAIN).match(name) or len(name) > 253:
            raise invalid(self.kind, name, 'metadata.name: Invalid value: "%s": a lowercase RFC 1123 %s' % (
                name, 'label' if self.kind == 'Namespace' else 'subdomain'))
        if self.kind == 'Namespace':
            if len(name) > 63:
                raise invalid(self.kind, name, 'metadata.name: Invalid value: "%s": must be no more than 63 characters' % name)
            obj['metadata'].setdefault('labels', {})['kubernetes.io/metadata.name'] = name
            obj.setdefault('spec', {}).setdefault('finalizers', ['kubernetes'])
            obj['status'] = {'phase': 'Active'}
        elif self.kind == 'Secret':
            data = obj.get('data') or {}
            for key, value in (obj.pop('stringData', None) or {}).items():
                if not isinstance(value, str):
                    raise ApiError(400, 'BadRequest', 'Secret in version "v1" cannot be handled as a Secret: stringData.%s is not a string' % key)
                data[key] = base64.b64encode(value.encode()).decode()
            for key, value in data.items():
                if not SECRET_KEY.match(key):
                    raise invalid(self.kind, name, 'data[%s]: Invalid value: "%s": a valid config key must consist of alphanumeric'
                                  ' characters, "-", "_" or "."' % (key, key))
                try:
                    base64.b64decode(value, validate=True)
                except (binascii.Error, TypeError) as exc:
                    raise ApiError(400, 'BadRequest', 'Secret in version "v1" cannot be handled as a Secret: illegal base64 data in data.%s' % key) from exc
            if data:
                obj['data'] = data
            else:
                obj.pop('data', None)
            obj.setdefault('type', 'Opaque')
        return obj


KINDS = {'namespaces': Kind('Namespace', 'namespaces', False, ['ns']), 'secrets': Kind('Secret', 'secrets', True, [])}
GROUP_KINDS = [Kind('Role', 'roles', True, [], 'rbac.authorization.k8s.io/v1'),
               Kind('RoleBinding', 'rolebindings', True, [], 'rbac.authorization.k8s.io/v1'),
               Kind('CustomResourceDefinition', 'customresourcedefinitions', False, ['crd', 'crds'], 'apiextensions.k8s.io/v1')]


def custom_kinds(state):
    """The Kinds of the CRDs stored in a cluster (each version it serves)."""
    kinds = []
    for crd in (state.get('customresourcedefinitions') or {}).values():
        spec = crd.get('spec') or {}
        names = spec.get('names') or {}
        for version in spec.get('versions') or []:
            if version.get('served', True):
                kinds.append(Kind(names.get('kind'), names.get('plural'), spec.get('scope', 'Namespaced') == 'Namespaced',
                                  names.get('shortNames') or [], '%s/%s' % (spec.get('group'), version.get('name'))))
    return kinds


def group_kinds(state):
    """{group/version: [Kind]} that a cluster serves below /apis."""
    groups = {}
    for kind in GROUP_KINDS + custom_kinds(state):
        groups.setdefault(kind.api_version, []).append(kind)
    return groups


class Store:
    """The objects of every cluster, kept in ``state.json``."""

    def __init__(self, directory):
        self.path = os.path.join(directory, 'state.json')
        self.data = {}
        if os.path.exists(self.path):
            with open(self.path, encoding='utf-8') as handle:
                self.data = json.load(handle)
        self.lock = threading.Lock()

    def save(self):
        partial = self.path + '.part'
        with open(partial, 'w', encoding='utf-8') as handle:
            json.dump(self.data, handle, indent=1, sort_keys=True)
        os.replace(partial, self.path)

    def cluster(self, name):
        if name not in self.data:
            self.data[name] = {'namespaces': {}, 'secrets': {}, 'resourceVersion': 0}
            for namespace in BUILTIN_NAMESPACES:
                self.put(name, KINDS['namespaces'], None, self.new_object(name, KINDS['namespaces'], None, namespace, {}))
            self.save()
        return self.data[name]

    def next_version(self, cluster):
        self.data[cluster]['resourceVersion'] += 1
        return str(self.data[cluster]['resourceVersion'])

    def objects(self, cluster, kind, namespace):
        """The {name: object} of ``kind`` in ``namespace`` (for a namespaced kind, the namespace must exist)."""
        state = self.cluster(cluster)
        if not kind.namespaced:
            return state.get(kind.plural, {})
        if namespace not in state['namespaces']:
            raise not_found('namespaces', namespace)
        return state.get(kind.plural, {}).get(namespace, {})

    def all_objects(self, cluster, kind):
        """Every object of a namespaced ``kind``, in every namespace."""
        return [obj for objects in self.cluster(cluster).get(kind.plural, {}).values() for obj in objects.values()]

    def put(self, cluster, kind, namespace, obj):
        state = self.data[cluster]
        if not kind.namespaced:
            state.setdefault(kind.plural, {})[obj['metadata']['name']] = obj
        else:
            state.setdefault(kind.plural, {}).setdefault(namespace, {})[obj['metadata']['name']] = obj

    def remove(self, cluster, kind, namespace, name):
        state = self.data[cluster]
        if not kind.namespaced:
            del state[kind.plural][name]
            if kind.plural == 'namespaces':  # what namespace finalization does, at once here
                for each in list(KINDS.values()) + [kind for kinds in group_kinds(state).values() for kind in kinds]:
                    if each.namespaced:
                        state.get(each.plural, {}).pop(name, None)
        else:
            del state[kind.plural][namespace][name]
            if not state[kind.plural][namespace]:
                del state[kind.plural][namespace]

    def new_object(self, cluster, kind, namespace, name, body, dry_run=False):
        obj = copy.deepcopy(body)
        obj['kind'], obj['apiVersion'] = kind.kind, kind.api_version
        metadata = obj.setdefault('metadata', {})
        for field in ('resourceVersion', 'uid', 'creationTimestamp', 'deletionTimestamp', 'managedFields'):
            metadata.pop(field, None)
        metadata.update(name=name, uid=str(uuid.uuid4()), creationTimestamp=now())
        if namespace:
            metadata['namespace'] = namespace
        obj = kind.normalise(obj, name)
        metadata['resourceVersion'] = '' if dry_run else self.next_version(cluster)
        return obj


# --- requests ----------------------------------------------------------------------------------

def route(path, state):
    """(kind, namespace, name) that an /api/v1 or /apis/<group>/<version> path below a cluster names."""
    parts = path.strip('/').split('/')
    if parts[:2] == ['api', 'v1'] and len(parts) >= 3:
        kinds, parts = KINDS, parts[2:]
    elif parts[0] == 'apis' and len(parts) >= 4:
        kinds, parts = {kind.plural: kind for kind in group_kinds(state).get('/'.join(parts[1:3]), [])}, parts[3:]
    else:
        raise ApiError(404, 'NotFound', 'the server could not find the requested resource')
    if parts[0] == 'namespaces' and len(parts) in (3, 4) and parts[2] in kinds and kinds[parts[2]].namespaced:
        return kinds[parts[2]], parts[1], parts[3] if len(parts) == 4 else None
    if parts[0] in kinds and len(parts) <= 2 and (len(parts) == 1 or not kinds[parts[0]].namespaced):
        return kinds[parts[0]], None, parts[1] if len(parts) == 2 else None
    raise ApiError(404, 'NotFound', 'the server could not find the requested resource (the stand-in serves namespaces, secrets, '
                   'roles, rolebindings, customresourcedefinitions and the resources of stored CRDs only)')


def api_group_list(state):
    groups = {}
    for api_version in group_kinds(state):
        group, version = api_version.split('/')
        groups.setdefault(group, []).append({'groupVersion': api_version, 'version': version})
    return {'kind': 'APIGroupList', 'apiVersion': 'v1',
            'groups': [{'name': group, 'versions': versions, 'preferredVersion': versions[0]} for group, versions in sorted(groups.items())]}


def discovery(path, url, state):
    if path == '/version':
        return VERSION
    if path == '/api':
        return {'kind': 'APIVersions', 'versions': ['v1'],
                'serverAddressByClientCIDRs': [{'clientCIDR': '0.0.0.0/0', 'serverAddress': urlsplit(url).netloc}]}
    if path == '/api/v1':
        return {'kind': 'APIResourceList', 'groupVersion': 'v1', 'resources': [kind.discovery() for kind in KINDS.values()]}
    if path == '/apis':
        return api_group_list(state)
    groups = group_kinds(state)
    if path.startswith('/apis/') and path[len('/apis/'):].strip('/') in groups:
        api_version = path[len('/apis/'):].strip('/')
        return {'kind': 'APIResourceList', 'apiVersion': 'v1', 'groupVersion': api_version,
                'resources': [kind.discovery() for kind in groups[api_version]]}
    return None


def parse_body(body, content_type='application/json'):
    try:
        parsed = json.loads(body or b'null')
    except ValueError as exc:
        raise ApiError(400, 'BadRequest', 'the request body is not JSON (%s): %s' % (content_type, exc)) from exc
    return parsed


class Api:
    def __init__(self, directory, url):
        self.store = Store(directory)
        self.url = url
        self.faults_file = os.path.join(directory, 'faults.json')

    def fault(self, kind, method, payload):
        """The fault that ``faults.json`` sets for a call of ``kind``: 403 Forbidden for any call; for a write, a delay,
        then a 422 quoting the data."""
        if not os.path.exists(self.faults_file):
            return
        with open(self.faults_file, encoding='utf-8') as handle:
            rule = json.load(handle).get(kind.kind) or {}
        if rule.get('forbidden'):
            raise ApiError(403, 'Forbidden', '%s is forbidden: User "stand-in" cannot %s resource "%s" in API group "%s"'
                           % (kind.plural, method.lower(), kind.plural, kind.api_version.rpartition('/')[0]))
        if method not in ('POST', 'PUT', 'PATCH'):
            return
        if rule.get('delay'):
            with open(os.path.join(os.path.dirname(self.faults_file), 'waiting'), 'w', encoding='utf-8'):
                pass  # a test can tell that the write is under way
            time.sleep(float(rule['delay']))
        if rule.get('invalid'):
            data = (payload or {}).get('data') or {} if isinstance(payload, dict) else {}
            quoted = '; '.join('data[%s]: Invalid value: %s: rejected by the stand-in' % (key, json.dumps(_decoded(value)))
                               for key, value in sorted(data.items()))
            raise invalid(kind.kind, ((payload or {}).get('metadata') or {}).get('name', ''), quoted or 'rejected by the stand-in')

    def handle(self, method, path, query, body, content_type, call):
        """(status, answer) of one call; fills in ``call`` (the line of the call log) as it learns."""
        match = re.match(r'^/clusters/([^/]+)(/.*)?$', path)
        if not match:
            raise ApiError(404, 'NotFound', 'the stand-in serves /clusters/<cluster>/... only')
        cluster, path = match.group(1), match.group(2) or '/'
        call.update(cluster=cluster, path=path)
        with self.store.lock:
            state = self.store.cluster(cluster)
            answer = discovery(path, self.url, state) if method == 'GET' else None
            if answer is not None:
                return 200, answer
            kind, namespace, name = route(path, state)
        call.update(kind=kind.kind, namespace=namespace, name=name)
        for parameter in UNSUPPORTED_QUERY:
            if parameter in query:
                raise ApiError(400, 'BadRequest', 'the stand-in does not implement the query parameter %s' % parameter)
        if method == 'PATCH' and content_type not in PATCH_TYPES:
            raise ApiError(415, 'UnsupportedMediaType', 'the stand-in does not implement the patch type %s (it takes %s)'
                           % (content_type, ', '.join(PATCH_TYPES)))
        payload = parse_body(body, content_type) if body else None
        self.fault(kind, method, payload)
        options = payload if method == 'DELETE' and isinstance(payload, dict) else {}  # DeleteOptions
        if method == 'POST' and isinstance(payload, dict):
            call['name'] = (payload.get('metadata') or {}).get('name')
        dry_run = query.get('dryRun') or options.get('dryRun')
        if dry_run not in (None, 'All', ['All']):
            raise ApiError(400, 'BadRequest', 'dryRun must be All, not %s' % dry_run)
        call['dry_run'] = bool(dry_run)
        with self.store.lock:
            if kind.namespaced and namespace is None:  # /api/v1/secrets: every namespace's
                if method != 'GET':
                    raise ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource')
                return 200, self.listing(cluster, kind, self.store.all_objects(cluster, kind))
            objects = self.store.objects(cluster, kind, namespace)
            if name is None:
                if method == 'GET':
                    return 200, self.listing(cluster, kind, objects.values())
                if method != 'POST':
                    raise ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource')
                call['changed'] = not call['dry_run']
                return self.create(cluster, kind, namespace, objects, payload, call['dry_run'])
            if name not in objects:
                raise not_found(kind.plural, name)
            current = objects[name]
            if method == 'GET':
                return 200, current
            if method == 'DELETE':
                call['changed'] = not call['dry_run']
                return self.delete(cluster, kind, namespace, current, options, call['dry_run'])
            if method == 'PUT':
                new = payload
            elif method == 'PATCH':
                new = json_patch(current, payload) if content_type == 'application/json-patch+json' else merge_patch(current, payload)
            else:
                raise ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource')
            status, answer = self.update(cluster, kind, namespace, current, new, call['dry_run'])
            call['changed'] = answer is not current and not call['dry_run']
            return status, answer

    def listing(self, cluster, kind, objects):
        # the items of a list carry no kind and apiVersion of their own
        items = sorted(({k: v for k, v in obj.items() if k not in ('kind', 'apiVersion')} for obj in objects),
                       key=lambda obj: (obj['metadata'].get('namespace', ''), obj['metadata']['name']))
        return {'kind': kind.kind + 'List', 'apiVersion': kind.api_version, 'items': items,
                'metadata': {'resourceVersion': str(self.store.data[cluster]['resourceVersion'])}}

    @staticmethod
    def check(kind, namespace, body):
        """A body fit for ``kind`` in ``namespace``: an object of the right kind, with metadata."""
        if not isinstance(body, dict) or not isinstance(body.get('metadata', {}), dict):
            raise ApiError(400, 'BadRequest', 'the body is not an object with metadata')
        if body.get('kind', kind.kind) != kind.kind or body.get('apiVersion', kind.api_version) != kind.api_version:
            raise ApiError(400, 'BadRequest', 'the body is a %s/%s, not a %s/%s'
                           % (body.get('apiVersion'), body.get('kind'), kind.api_version, kind.kind))
        given = (body.get('metadata') or {}).get('namespace')
        if kind.namespaced and given and given != namespace:
            raise ApiError(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request')

    def create(self, cluster, kind, namespace, objects, new, dry_run):  # pylint: disable=too-many-arguments
        self.check(kind, namespace, new)
        name = (new.get('metadata') or {}).get('name')
        if not name:
            raise invalid(kind.kind, '', 'metadata.name: Required value: name or generateName is required'
                          ' (the stand-in does not implement generateName)')
        if name in objects:
            raise ApiError(409, 'AlreadyExists', '%s "%s" already exists' % (kind.plural, name), {'name': name, 'kind': kind.plural})
        obj = self.store.new_object(cluster, kind, namespace, name, new, dry_run)
        if not dry_run:
            self.store.put(cluster, kind, namespace, obj)
            self.store.save()
        return 201, obj

    def update(self, cluster, kind, namespace, current, new, dry_run):  # pylint: disable=too-many-arguments
        """The PUT or PATCH result ``new`` of ``current``: checked, and stored unless it is the same."""
        self.check(kind, namespace, new)
        name = current['metadata']['name']
        if new.get('metadata', {}).get('name', name) != name:
            raise ApiError(400, 'BadRequest', 'the name of the object (%s) does not match the name on the URL (%s)' % (new['metadata']['name'], name))
        wanted_version = new.get('metadata', {}).get('resourceVersion')
        if wanted_version and wanted_version != current['metadata']['resourceVersion']:
            raise ApiError(409, 'Conflict', 'Operation cannot be fulfilled on %s "%s": the object has been modified; please apply your changes'
                           ' to the latest version and try again' % (kind.plural, name), {'name': name, 'kind': kind.plural})
        new = copy.deepcopy(new)
        new['kind'], new['apiVersion'] = kind.kind, kind.api_version
        new.setdefault('metadata', {})
        for field in ('name', 'namespace', 'uid', 'creationTimestamp', 'resourceVersion'):
            if field in current['metadata']:
                new['metadata'][field] = current['metadata'][field]
        if kind.kind == 'Namespace':
            new.setdefault('spec', current.get('spec'))
        new = kind.normalise(new, name)
        if new == current:
            return 200, current  # nothing changed: no new resourceVersion
        if not dry_run:
            new['metadata']['resourceVersion'] = self.store.next_version(cluster)
            self.store.put(cluster, kind, namespace, new)
            self.store.save()
        return 200, new

    def delete(self, cluster, kind, namespace, current, options, dry_run):  # pylint: disable=too-many-arguments
        name = current['metadata']['name']
        preconditions = options.get('preconditions') or {}
        for field in ('uid', 'resourceVersion'):
            if preconditions.get(field) and preconditions[field] != current['metadata'][field]:
                raise ApiError(409, 'Conflict', 'Precondition failed: %s in precondition: %s, %s in object meta: %s'
                               % (field, preconditions[field], field, current['metadata'][field]), {'name': name, 'kind': kind.plural})
        if not dry_run:
            self.store.remove(cluster, kind, namespace, name)
            self.store.save()
        if kind.kind == 'Namespace':
            # gone at once here; the API server answers with the namespace, terminating
            answer = copy.deepcopy(current)
            answer['metadata']['deletionTimestamp'] = now()
            answer['status'] = {'phase': 'Terminating'}
            return 200, answer
        return 200, {'kind': 'Status', 'apiVersion': 'v1', 'metadata': {}, 'status': 'Success',
                     'details': {'name': name, 'kind': kind.plural, 'uid': current['metadata']['uid']}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    disable_nagle_algorithm = True  # else each answer after the first on a connection waits for a delayed ACK

    def call(self, method):
        url = urlsplit(self.path)
        query = {key: values[-1] if len(values) == 1 else values for key, values in parse_qs(url.query, keep_blank_values=True).items()}
        length = int(self.headers.get('Content-Length') or 0)
        body = self.rfile.read(length) if length else b''
        content_type = (self.headers.get('Content-Type') or 'application/json').split(';')[0].strip()
        line = {'tool': 'k8s', 'time': time.time(), 'cluster': None, 'method': method, 'path': url.path, 'query': query,
                'kind': None, 'name': None, 'namespace': None, 'dry_run': False}
        try:
            status, answer = self.server.api.handle(method, url.path, query, body, content_type, line)
        except ApiError as exc:
            status, answer = exc.code, exc.status()
            line.pop('changed', None)
        except Exception as exc:  # pylint: disable=broad-exception-caught  # answered as the API server would: 500
            traceback.print_exc()
            status, answer = 500, ApiError(500, 'InternalError', 'stand-in error: %r' % exc).status()
            line.pop('changed', None)
        line['status'] = status
        if self.server.calls:
            record(self.server.calls, line)
        payload = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self):  # noqa: N802  # pylint: disable=invalid-name
        self.call('GET')

    def do_POST(self):  # noqa: N802  # pylint: disable=invalid-name
        self.call('POST')

    def do_PUT(self):  # noqa: N802  # pylint: disable=invalid-name
        self.call('PUT')

    def do_PATCH(self):  # noqa: N802  # pylint: disable=invalid-name
        self.call('PATCH')

    def do_DELETE(self):  # noqa: N802  # pylint: disable=invalid-name
        self.call('DELETE')

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass  # the call log is the record


def serve(directory, detach=False):
    """Serve until SIGTERM, or (unless ``detach``) until the parent process ends. A detached
    server writes its pid to DIR/pid, for ``stop``."""
    server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    server.daemon_threads = True
    url = 'http://127.0.0.1:%d' % server.server_address[1]
    server.api = Api(directory, url)
    server.calls = os.environ.get('STANDIN_CALLS')
    parent = os.getppid()

    def exit_with_parent():
        while os.getppid() == parent:
            time.sleep(0.5)
        server.shutdown()

    if detach:
        signal.signal(signal.SIGTERM, lambda *dummy: threading.Thread(target=server.shutdown).start())
        with open(os.path.join(directory, 'pid'), 'w', encoding='utf-8') as handle:
            handle.write('%d\n' % os.getpid())
    else:
        threading.Thread(target=exit_with_parent, daemon=True).start()
    with open(os.path.join(directory, 'url.part'), 'w', encoding='utf-8') as handle:
        handle.write(url + '\n')
    os.replace(os.path.join(directory, 'url.part'), os.path.join(directory, 'url'))
    server.serve_forever(poll_interval=0.2)
    server.server_close()


def kubeconfig(url, clusters):
    """A kubeconfig with one context per cluster, named like it; the first is the current one."""
    return {
        'apiVersion': 'v1', 'kind': 'Config',
        'clusters': [{'name': name, 'cluster': {'server': '%s/clusters/%s' % (url.rstrip('/'), name)}} for name in clusters],
        'contexts': [{'name': name, 'context': {'cluster': name, 'user': 'stand-in'}} for name in clusters],
        'users': [{'name': 'stand-in', 'user': {'token': 'stand-in-token'}}],
        'current-context': clusters[0],
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    commands = parser.add_subparsers(dest='command', required=True)
    serve_command = commands.add_parser('serve', help='serve the API on a free loopback port; its URL goes to DIR/url')
    serve_command.add_argument('--dir', required=True, help='where state.json and url are kept')
    serve_command.add_argument('--detach', action='store_true',
                               help='do not stop with the parent process; write the pid to DIR/pid (for stop)')
    stop_command = commands.add_parser('stop', help='stop a server started with --detach')
    stop_command.add_argument('--dir', required=True)
    config_command = commands.add_parser('kubeconfig', help='write a kubeconfig with a context per cluster')
    config_command.add_argument('--url', required=True, help="the stand-in's URL (K8S_STANDIN_URL)")
    config_command.add_argument('--out', required=True, help='the kubeconfig file to write')
    config_command.add_argument('clusters', nargs='+', metavar='CLUSTER')
    args = parser.parse_args(argv)
    if args.command == 'serve':
        serve(args.dir, args.detach)
    elif args.command == 'stop':
        pid_file = os.path.join(args.dir, 'pid')
        if os.path.exists(pid_file):
            with open(pid_file, encoding='utf-8') as handle:
                pid = int(handle.read())
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            os.unlink(pid_file)
    else:
        with open(os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 'w', encoding='utf-8') as handle:
            json.dump(kubeconfig(args.url, args.clusters), handle, indent=1)  # JSON is YAML
    return 0


if __name__ == '__main__':
    sys.exit(main())
