# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A local emulator of the LangSmith Deployment Control Plane listener API.

The five ``/v2/listeners`` operations of ``langsmith-listeners-v2.openapi.yml``, and the four
``/v2/deployments`` operations of ``langsmith-deployments-v2.openapi.yml`` (a deployment of the
``external_docker`` source runs on a listener),
as a FastAPI app (the real control plane is one too, so validation errors come
out the same), with API-key and bearer authentication, ``X-Tenant-Id`` workspace
scoping, organization-scoped keys, a non-enterprise organization, an optional
path prefix (``/api-host``) and test-only controls under ``/_emulator``
(always at the server's root, whatever the prefix): injected faults, latency,
per-request counters, seeding and reset.

Run ``python emulator/langsmith_emulator.py --help``; ``start`` and ``stop``
manage a background instance on a free loopback port, ``identities [NAME]``
prints its keys and workspace IDs. docs/docsite/rst/getting-started.rst ("The emulator")
says what each identity is for and lists every control; a test keeps it so.
"""

import argparse
import asyncio
import datetime
import importlib.util
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import typing as t
import uuid

from fastapi import APIRouter, Body, Depends, FastAPI, Query, Request
from fastapi.exceptions import HTTPException
from fastapi.responses import JSONResponse, Response
from fastapi.security import APIKeyHeader, HTTPBearer
import uvicorn

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS_PATH = os.path.join(HERE, os.pardir, 'plugins', 'module_utils', '_models.py')


def _load_models():
    """The collection's API models are the one place the API's shapes are written down."""
    spec = importlib.util.spec_from_file_location('langsmith_api_models', MODELS_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


models = _load_models()

# -- identities ------------------------------------------------------------------------------

WORKSPACE_ID = '5f0e3c1a-9a4b-4c1e-8d2f-1b6a7c8d9e01'
SECOND_WORKSPACE_ID = '5f0e3c1a-9a4b-4c1e-8d2f-1b6a7c8d9e02'
FREE_WORKSPACE_ID = '5f0e3c1a-9a4b-4c1e-8d2f-1b6a7c8d9e03'
API_KEY = 'lsv2_sk_emulator_workspace_0123456789abcdef'
ORG_API_KEY = 'lsv2_sk_emulator_org_0123456789abcdef'
FREE_API_KEY = 'lsv2_sk_emulator_free_0123456789abcdef'
BEARER_TOKEN = 'emulator.bearer.token-0123456789abcdef'

DEFAULT_CONFIG = {
    'organizations': {
        'enterprise': {'enterprise': True, 'workspaces': [WORKSPACE_ID, SECOND_WORKSPACE_ID]},
        'free': {'enterprise': False, 'workspaces': [FREE_WORKSPACE_ID]},
    },
    # A principal without "workspace" is organization-scoped: it must send X-Tenant-Id.
    'api_keys': {
        API_KEY: {'organization': 'enterprise', 'workspace': WORKSPACE_ID},
        ORG_API_KEY: {'organization': 'enterprise'},
        FREE_API_KEY: {'organization': 'free', 'workspace': FREE_WORKSPACE_ID},
    },
    'bearer_tokens': {
        BEARER_TOKEN: {'organization': 'enterprise', 'workspace': WORKSPACE_ID},
    },
}

FORBIDDEN_PLAN = ("Listeners cannot be created for LangSmith workspace ID '{workspace_id}'. Creating listeners is only "
                  "allowed for LangSmith organizations with self-hosted enterprise plans.")
CONFLICT = "Listener for LangSmith workspace ID '{workspace_id}' and compute ID '{compute_id}' already exists."
NOT_FOUND = 'Listener ID {listener_id} not found.'
DEPLOYMENT_NOT_FOUND = 'Deployment ID {deployment_id} not found.'
# Not the vendor's words (what the control plane does on such a DELETE is not documented): the emulator's,
# with the setting listener_delete = "refuse".
LISTENER_IN_USE = 'Listener ID {listener_id} has deployments: {names}.'
LISTENER_DELETE_MODES = ('orphan', 'refuse', 'cascade')
CONTROL = '/_emulator'


def now_iso():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='microseconds').replace('+00:00', 'Z')


class Principal(t.NamedTuple):
    organization: str
    enterprise: bool
    workspace_id: str


# -- state -----------------------------------------------------------------------------------

class State:
    """Everything the emulator knows. Handlers are coroutines that never await while they
    read and write it, so every operation is atomic on the event loop."""

    def __init__(self, config):
        self.config = config
        self.reset()

    def reset(self):
        self.listeners = {}  # workspace id -> {listener id -> listener}, in creation order
        self.deployments = {}  # workspace id -> {deployment id -> deployment}, in creation order
        self.deployment_namespaces = {}  # deployment id -> listener_config.k8s_namespace, as created
        self.faults = []
        self.log = []
        self.latency = 0.0
        self.patch_mode = 'replace'
        # What DELETE /v2/listeners/{id} does while deployments name the listener (undocumented for the real
        # service): 'orphan' deletes the listener and leaves them naming it, 'refuse' answers 409, 'cascade'
        # deletes them too.
        self.listener_delete = 'orphan'

    def workspace(self, workspace_id):
        return self.listeners.setdefault(workspace_id, {})

    def workspace_deployments(self, workspace_id):
        return self.deployments.setdefault(workspace_id, {})

    def create_deployment(self, workspace_id, name, listener_id=None, k8s_namespace=None, source='external_docker',
                          status='READY', image_uri='docker.io/example/agent:1.0'):
        """A deployment as ``GET /v2/deployments/{id}`` answers it. ``listener_config`` is kept apart, not in the
        answers: the vendor's Terraform provider notes that the service does not report it back."""
        stamp = now_iso()
        revision = str(uuid.uuid4())
        deployment = {
            'id': str(uuid.uuid4()), 'tenant_id': workspace_id, 'name': name, 'source': source,
            'source_config': {'listener_id': listener_id, 'custom_url': None, 'resource_spec': None},
            'source_revision_config': {'image_uri': image_uri, 'repo_ref': None, 'langgraph_config_path': None,
                                       'source_tarball_path': None, 'repo_commit_sha': None},
            'secrets': [], 'secret_references': None,
            'created_at': stamp, 'updated_at': stamp, 'status': status,
            'latest_revision_id': revision, 'active_revision_id': revision, 'image_version': None,
        }
        self.workspace_deployments(workspace_id)[deployment['id']] = deployment
        self.deployment_namespaces[deployment['id']] = k8s_namespace
        return deployment

    def deployments_on(self, workspace_id, listener_id):
        return [d for d in self.workspace_deployments(workspace_id).values()
                if (d['source_config'] or {}).get('listener_id') == listener_id]

    def create(self, workspace_id, compute_id, compute_type='k8s', k8s_namespaces=None, version=None, extra_config=None):
        stamp = now_iso()
        config = dict(extra_config or {})
        config['k8s_namespaces'] = k8s_namespaces
        listener = {
            'id': str(uuid.uuid4()),
            'compute_id': compute_id,
            'compute_type': compute_type,
            'compute_config': config,
            'version': version,
            'created_at': stamp,
            'updated_at': stamp,
        }
        self.workspace(workspace_id)[listener['id']] = listener
        return listener

    def by_compute_id(self, workspace_id, compute_id):
        for listener in self.workspace(workspace_id).values():
            if listener['compute_id'] == compute_id:
                return listener
        return None

    def counts(self):
        counts = {}
        for entry in self.log:
            key = '%s %s' % (entry['method'], entry['route'])
            counts[key] = counts.get(key, 0) + 1
        return counts


# -- authentication --------------------------------------------------------------------------

api_key_scheme = APIKeyHeader(name='X-Api-Key', scheme_name='API Key', auto_error=False)
tenant_scheme = APIKeyHeader(name='X-Tenant-Id', scheme_name='Tenant ID', auto_error=False)
bearer_scheme = HTTPBearer(scheme_name='Bearer Auth', auto_error=False)


def principal(request: Request,
              api_key: t.Optional[str] = Depends(api_key_scheme),
              tenant: t.Optional[str] = Depends(tenant_scheme),
              bearer=Depends(bearer_scheme)) -> Principal:
    config = request.app.state.emulator.config
    entry = None
    if api_key:
        entry = config['api_keys'].get(api_key)
    elif bearer is not None:
        entry = config['bearer_tokens'].get(bearer.credentials)
    if entry is None:
        raise HTTPException(status_code=401, detail='Invalid API key or bearer token.')
    org = config['organizations'][entry['organization']]
    if tenant:
        if tenant not in org['workspaces'] or (entry.get('workspace') and entry['workspace'] != tenant):
            raise HTTPException(status_code=403, detail='This API key has no access to workspace %s.' % tenant)
        workspace_id = tenant
    elif entry.get('workspace'):
        workspace_id = entry['workspace']
    else:
        raise HTTPException(status_code=403, detail='This API key is organization-scoped: send the X-Tenant-Id header '
                                                    'with the ID of the workspace to use.')
    return Principal(entry['organization'], bool(org['enterprise']), workspace_id)


def enterprise(who: Principal = Depends(principal)) -> Principal:
    if not who.enterprise:
        raise HTTPException(status_code=403, detail=FORBIDDEN_PLAN.format(workspace_id=who.workspace_id))
    return who


# -- the API ---------------------------------------------------------------------------------

def _state(request):
    return request.app.state.emulator


def _not_found(listener_id):
    return HTTPException(status_code=404, detail=NOT_FOUND.format(listener_id=listener_id))


router = APIRouter(tags=['Listeners (v2)'])


@router.get('/v2/listeners', response_model=models.ListenersList, summary='List Listeners',
            description='List all listeners.', operation_id='list_listeners_v2_listeners_get')
async def list_listeners(request: Request,
                         limit: int = Query(20, ge=1, le=100, description='Maximum number of resources to return.'),
                         offset: int = Query(0, ge=0, description='Pagination offset.'),
                         who: Principal = Depends(principal)):
    items = list(_state(request).workspace(who.workspace_id).values())
    page = items[offset:offset + limit]
    return {'resources': page, 'offset': offset + len(page)}


@router.post('/v2/listeners', status_code=201, response_model=models.Listener, summary='Create Listener',
             operation_id='create_listener_v2_listeners_post')
async def create_listener(request: Request, body: models.ListenerCreateRequest, who: Principal = Depends(enterprise)):
    state = _state(request)
    if state.by_compute_id(who.workspace_id, body.compute_id) is not None:
        raise HTTPException(status_code=409, detail=CONFLICT.format(workspace_id=who.workspace_id, compute_id=body.compute_id))
    extra = {k: v for k, v in body.compute_config.model_dump().items() if k != 'k8s_namespaces'}
    return state.create(who.workspace_id, body.compute_id, body.compute_type, body.compute_config.k8s_namespaces,
                        body.version, extra)


@router.get('/v2/listeners/{listener_id}', response_model=models.Listener, summary='Get Listener',
            operation_id='get_listener_v2_listeners__listener_id__get')
async def get_listener(request: Request, listener_id: uuid.UUID, who: Principal = Depends(enterprise)):
    listener = _state(request).workspace(who.workspace_id).get(str(listener_id))
    if listener is None:
        raise _not_found(listener_id)
    return listener


@router.patch('/v2/listeners/{listener_id}', response_model=models.Listener, summary='Patch Listener',
              operation_id='patch_listener_v2_listeners__listener_id__patch')
async def patch_listener(request: Request, listener_id: uuid.UUID, body: models.ListenerPatchRequest,
                         who: Principal = Depends(enterprise)):
    state = _state(request)
    listener = state.workspace(who.workspace_id).get(str(listener_id))
    if listener is None:
        raise _not_found(listener_id)
    if 'version' in body.model_fields_set:
        listener['version'] = body.version
    if body.compute_config is not None and 'k8s_namespaces' in body.compute_config.model_fields_set:
        wanted = body.compute_config.k8s_namespaces
        if state.patch_mode == 'merge' and wanted is not None:
            current = listener['compute_config'].get('k8s_namespaces') or []
            wanted = current + [n for n in wanted if n not in current]
        listener['compute_config'] = dict(listener['compute_config'], k8s_namespaces=wanted)
    listener['updated_at'] = now_iso()
    return listener


@router.delete('/v2/listeners/{listener_id}', status_code=204, response_class=Response, summary='Delete Listener',
               operation_id='delete_listener_v2_listeners__listener_id__delete')
async def delete_listener(request: Request, listener_id: uuid.UUID, who: Principal = Depends(enterprise)):
    state = _state(request)
    listeners = state.workspace(who.workspace_id)
    if str(listener_id) not in listeners:
        raise _not_found(listener_id)
    running = state.deployments_on(who.workspace_id, str(listener_id))
    if running and state.listener_delete == 'refuse':
        raise HTTPException(status_code=409, detail=LISTENER_IN_USE.format(
            listener_id=listener_id, names=', '.join(d['name'] for d in running)))
    if state.listener_delete == 'cascade':
        for deployment in running:
            state.workspace_deployments(who.workspace_id).pop(deployment['id'], None)
    del listeners[str(listener_id)]
    return Response(status_code=204)


deployments_router = APIRouter(tags=['Deployments (v2)'])


def _deployment_not_found(deployment_id):
    return HTTPException(status_code=404, detail=DEPLOYMENT_NOT_FOUND.format(deployment_id=deployment_id))


@deployments_router.get('/v2/deployments', response_model=models.DeploymentsList, summary='List Deployments',
                        description='List all deployments.', operation_id='list_deployments_v2_deployments_get')
async def list_deployments(request: Request,
                           limit: int = Query(20, ge=1, le=100, description='Maximum number of resources to return.'),
                           offset: int = Query(0, ge=0, description='Pagination offset.'),
                           name_contains: t.Optional[str] = Query(None, description='Name of the deployment to filter by.'),
                           status: t.Optional[str] = Query(None, description='`status` of the deployment to filter by.'),
                           deployment_ids: t.Optional[str] = Query(None, description='Comma separated list of deployment IDs.'),
                           who: Principal = Depends(principal)):
    items = list(_state(request).workspace_deployments(who.workspace_id).values())
    if name_contains:
        items = [d for d in items if name_contains in d['name']]
    if status:
        items = [d for d in items if d['status'] == status]
    if deployment_ids:
        wanted = set(i.strip() for i in deployment_ids.split(','))
        items = [d for d in items if d['id'] in wanted]
    page = items[offset:offset + limit]
    return {'resources': page, 'offset': offset + len(page)}


@deployments_router.post('/v2/deployments', status_code=201, response_model=models.Deployment, summary='Create Deployment',
                         operation_id='create_deployment_v2_deployments_post')
async def create_deployment(request: Request, body: models.DeploymentCreateRequest, who: Principal = Depends(enterprise)):
    state = _state(request)
    config = body.source_config
    if body.source == 'external_docker':
        if config.listener_id is None or str(config.listener_id) not in state.workspace(who.workspace_id):
            raise HTTPException(status_code=400, detail='source_config.listener_id must name a listener of the workspace '
                                                        'for the external_docker source.')
        if config.listener_config is None or not config.listener_config.k8s_namespace:
            raise HTTPException(status_code=400, detail='source_config.listener_config.k8s_namespace is required for the '
                                                        'external_docker source.')
    return state.create_deployment(
        who.workspace_id, body.name, str(config.listener_id) if config.listener_id else None,
        config.listener_config.k8s_namespace if config.listener_config else None, body.source,
        image_uri=body.source_revision_config.image_uri)


@deployments_router.get('/v2/deployments/{deployment_id}', response_model=models.Deployment, summary='Get Deployment',
                        operation_id='get_deployment_v2_deployments__deployment_id__get')
async def get_deployment(request: Request, deployment_id: uuid.UUID, who: Principal = Depends(principal)):
    deployment = _state(request).workspace_deployments(who.workspace_id).get(str(deployment_id))
    if deployment is None:
        raise _deployment_not_found(deployment_id)
    return deployment


@deployments_router.delete('/v2/deployments/{deployment_id}', status_code=204, response_class=Response,
                           summary='Delete Deployment', operation_id='delete_deployment_v2_deployments__deployment_id__delete')
async def delete_deployment(request: Request, deployment_id: uuid.UUID,
                            delete_tracing_project: bool = Query(False, description='Optionally delete tracing project.'),
                            who: Principal = Depends(enterprise)):
    if _state(request).workspace_deployments(who.workspace_id).pop(str(deployment_id), None) is None:
        raise _deployment_not_found(deployment_id)
    return Response(status_code=204)


# -- test-only controls ----------------------------------------------------------------------

control = APIRouter(prefix=CONTROL, include_in_schema=False)


@control.get('/health')
async def health():
    return {'status': 'ok'}


@control.post('/reset')
async def reset(request: Request):
    _state(request).reset()
    return {'status': 'reset'}


@control.get('/stats')
async def stats(request: Request):
    state = _state(request)
    return {'total': len(state.log), 'counts': state.counts(), 'log': state.log}


@control.post('/stats/reset')
async def reset_stats(request: Request):
    _state(request).log = []
    return {'total': 0}


@control.get('/listeners')
async def all_listeners(request: Request, workspace_id: str = WORKSPACE_ID):
    return {'resources': list(_state(request).workspace(workspace_id).values())}


@control.post('/seed')
async def seed(request: Request, body: dict = Body(...)):
    """``{"count": N, "prefix": "seed-", "workspace_id": ..., "namespaces": true}``: N listeners at once."""
    state = _state(request)
    workspace_id = body.get('workspace_id', WORKSPACE_ID)
    prefix = body.get('prefix', 'seed-')
    start = len(state.workspace(workspace_id))
    created = []
    for number in range(start, start + int(body.get('count', 1))):
        compute_id = '%s%05d' % (prefix, number)
        namespaces = ['%s-ns' % compute_id.lower()] if body.get('namespaces', True) else None
        created.append(state.create(workspace_id, compute_id, k8s_namespaces=namespaces, version=body.get('version')))
    return {'created': len(created), 'first': created[0]['compute_id'] if created else None,
            'last': created[-1]['compute_id'] if created else None}


@control.get('/deployments')
async def all_deployments(request: Request, workspace_id: str = WORKSPACE_ID):
    """Every deployment of a workspace, each with the ``k8s_namespace`` it was created with."""
    state = _state(request)
    return {'resources': [dict(d, k8s_namespace=state.deployment_namespaces.get(d['id']))
                          for d in state.workspace_deployments(workspace_id).values()]}


@control.post('/deployments')
async def seed_deployments(request: Request, body: dict = Body(...)):
    """``{"compute_id": "prod-eu-1", "names": ["agent-a"], "status": "READY", "workspace_id": ..., "k8s_namespace": ...}``:
    deployments of the external_docker source on the listener of ``compute_id`` (or ``listener_id``), in the
    listener's first namespace unless ``k8s_namespace`` says otherwise."""
    state = _state(request)
    workspace_id = body.get('workspace_id', WORKSPACE_ID)
    listener = None
    if body.get('listener_id'):
        listener = state.workspace(workspace_id).get(body['listener_id'])
    elif body.get('compute_id'):
        listener = state.by_compute_id(workspace_id, body['compute_id'])
    if listener is None:
        raise HTTPException(status_code=404, detail='no such listener in workspace %s' % workspace_id)
    namespace = body.get('k8s_namespace') or ((listener['compute_config'].get('k8s_namespaces') or [None])[0])
    created = [state.create_deployment(workspace_id, name, listener['id'], namespace, status=body.get('status', 'READY'))
               for name in body.get('names') or ['%s-agent' % listener['compute_id']]]
    return {'created': [d['id'] for d in created]}


@control.post('/faults')
async def add_faults(request: Request, body: dict = Body(...)):
    """Append fault rules; see ``Fault`` for their fields."""
    state = _state(request)
    for rule in body['faults'] if 'faults' in body else [body]:
        state.faults.append(Fault(rule))
    return {'faults': [f.rule for f in state.faults]}


@control.delete('/faults')
async def clear_faults(request: Request):
    _state(request).faults = []
    return {'faults': []}


@control.put('/settings')
async def settings(request: Request, body: dict = Body(...)):
    state = _state(request)
    if 'latency' in body:
        state.latency = float(body['latency'])
    if 'patch_mode' in body:
        if body['patch_mode'] not in ('replace', 'merge'):
            raise HTTPException(status_code=422, detail='patch_mode must be replace or merge')
        state.patch_mode = body['patch_mode']
    if 'listener_delete' in body:
        if body['listener_delete'] not in LISTENER_DELETE_MODES:
            raise HTTPException(status_code=422, detail='listener_delete must be one of %s' % ', '.join(LISTENER_DELETE_MODES))
        state.listener_delete = body['listener_delete']
    return {'latency': state.latency, 'patch_mode': state.patch_mode, 'listener_delete': state.listener_delete}


class Fault:
    """One injected fault, matched against API requests (never the controls).

    method        "POST", "GET", ... or "*" (default)
    path          an exact API path without prefix ("/v2/listeners"), "/v2/listeners/{id}" for any id (the same for
                  "/v2/deployments"), or "*"
    status        the status to answer (e.g. 503), with
    retry_after   an optional Retry-After header value, and
    body          an optional raw body with content_type (default: JSON {"detail": "Injected fault"})
    after_commit  carry the request out first, then answer ``status`` (a lost answer)
    drop_connection  carry the request out first, then close the connection without an answer
    delay         seconds to wait before answering (a read timeout for a short client timeout)
    times         how many requests the rule hits (default: every matching one)
    every         hit only every N-th matching request (1 in N)
    skip          let the first N matching requests through
    """

    def __init__(self, rule):
        self.rule = dict(rule)
        self.method = rule.get('method', '*').upper()
        self.path = rule.get('path', '*')
        self.times = rule.get('times')
        self.every = int(rule.get('every') or 1)
        self.skip = int(rule.get('skip') or 0)
        self.seen = 0
        self.hits = 0

    def matches(self, method, route):
        if self.method not in ('*', method):
            return False
        if self.path not in ('*', route):
            return False
        self.seen += 1
        if self.seen <= self.skip or (self.seen - self.skip) % self.every:
            return False
        if self.times is not None and self.hits >= int(self.times):
            return False
        self.hits += 1
        return True

    def response(self):
        status = int(self.rule.get('status', 500))
        headers = {}
        if self.rule.get('retry_after') is not None:
            headers['Retry-After'] = str(self.rule['retry_after'])
        if 'body' in self.rule:
            return Response(self.rule['body'], status_code=status, headers=headers,
                            media_type=self.rule.get('content_type', 'text/html'))
        if 'json' in self.rule:
            return JSONResponse(self.rule['json'], status_code=status, headers=headers)
        return JSONResponse({'detail': 'Injected fault: %d' % status}, status_code=status, headers=headers)


_ID = re.compile(r'/v2/(listeners|deployments)/[^/]+$')


def route_of(path):
    return _ID.sub(r'/v2/\1/{id}', path)


class Controls:
    """ASGI middleware: request log, latency and fault injection for the API routes."""

    def __init__(self, app, state, prefix):
        self.app = app
        self.state = state
        self.prefix = prefix

    async def __call__(self, scope, receive, send):
        if scope['type'] != 'http' or scope['path'].startswith(CONTROL):
            await self.app(scope, receive, send)
            return
        path = scope['path']
        api_path = path[len(self.prefix):] if self.prefix and path.startswith(self.prefix) else path
        route = route_of(api_path)
        method = scope['method']
        entry = {'method': method, 'route': route, 'path': api_path, 'status': None,
                 'workspace': _header(scope, b'x-tenant-id'), 'time': time.time()}
        self.state.log.append(entry)
        fault = next((f for f in self.state.faults if f.matches(method, route)), None)
        delay = self.state.latency + float(fault.rule.get('delay', 0) if fault else 0)
        if delay:
            await asyncio.sleep(delay)
        if fault is None or ('status' not in fault.rule and not fault.rule.get('drop_connection')):
            await self.app(scope, receive, self._recording(send, entry))
            return
        entry['fault'] = fault.rule
        if fault.rule.get('after_commit') or fault.rule.get('drop_connection'):
            await self.app(scope, receive, self._discard)
            if fault.rule.get('drop_connection'):
                entry['status'] = 'dropped'
                _abort(scope.get(SERVER_SEND))
                return
        response = fault.response()
        entry['status'] = response.status_code
        await response(scope, receive, send)

    @staticmethod
    async def _discard(message):
        return None

    @staticmethod
    def _recording(send, entry):
        async def wrapped(message):
            if message['type'] == 'http.response.start':
                entry['status'] = message['status']
            await send(message)
        return wrapped


def _header(scope, name):
    for key, value in scope.get('headers', ()):
        if key == name:
            return value.decode('latin-1')
    return None


def _abort(send):
    """Close the client's connection without an answer.

    ``send`` is the one uvicorn handed to the app (see ``EmulatorApp``): a method of uvicorn's
    request-response cycle, which holds the connection's transport. The cycle is marked as
    disconnected, so that uvicorn does not try to answer 500 on the aborted connection.
    """
    cycle = getattr(send, '__self__', None)
    transport = getattr(cycle, 'transport', None)
    if transport is None:
        raise RuntimeError('drop_connection needs a socket served by uvicorn (no transport reachable)')
    transport.abort()
    cycle.disconnected = True


# The scope key under which EmulatorApp keeps the server's own ``send``.
SERVER_SEND = 'langsmith_emulator.server_send'


class EmulatorApp(FastAPI):
    """FastAPI, keeping the server's ``send`` in the scope: Starlette wraps ``send`` in its own
    middleware, which hides uvicorn's connection from ``Controls`` (needed by drop_connection)."""

    async def __call__(self, scope, receive, send):
        scope[SERVER_SEND] = send
        await super().__call__(scope, receive, send)


def normalise_prefix(prefix):
    """'api-host/' -> '/api-host'; '' or '/' -> ''."""
    return ('/' + prefix.strip('/')) if prefix and prefix.strip('/') else ''


def create_app(prefix='', config=None):
    """The emulator as an ASGI app. ``prefix`` is a path such as ``/api-host``."""
    prefix = normalise_prefix(prefix)
    app = EmulatorApp(title='LangSmith Deployment Control Plane Listeners (v2) API (emulator)', version='0.1.0',
                      openapi_url=prefix + '/openapi.json', docs_url=None, redoc_url=None)
    app.state.emulator = State(config or DEFAULT_CONFIG)
    app.include_router(router, prefix=prefix)
    app.include_router(deployments_router, prefix=prefix)
    app.include_router(control)
    app.add_middleware(Controls, state=app.state.emulator, prefix=prefix)
    return app


# -- command line ----------------------------------------------------------------------------

def listening_socket(host, port):
    """A TCP socket listening on ``host``:``port`` (0: a free port), whose connections send at once.

    proto IPPROTO_TCP, not 0: asyncio turns Nagle's algorithm off (TCP_NODELAY) only on sockets that
    say they are TCP, and the accepted connections inherit the proto. With Nagle on, uvicorn's answer
    (headers, then body, in two writes) waits for the client's delayed ACK: 40 ms on every request of
    a keep-alive connection after its first, which no real control plane adds.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(1024)
    return sock


def check_config(config):
    """``config`` if it is a configuration the emulator can serve, else ValueError naming what is wrong.

    ``{"organizations": {NAME: {"enterprise": BOOL, "workspaces": [UUID, ...]}},
       "api_keys": {KEY: {"organization": NAME[, "workspace": UUID]}}, "bearer_tokens": {TOKEN: {...the same}}}``:
    a principal without ``workspace`` is organization-scoped (it must send X-Tenant-Id), and a workspace it names
    must be one of its organization's.
    """
    if not isinstance(config, dict) or set(config) != {'organizations', 'api_keys', 'bearer_tokens'}:
        raise ValueError('the configuration must be an object with exactly organizations, api_keys and bearer_tokens')
    organizations = config['organizations']
    if not isinstance(organizations, dict) or not organizations:
        raise ValueError('organizations must be an object of at least one organization')
    for name, org in organizations.items():
        if not isinstance(org, dict) or not isinstance(org.get('enterprise'), bool) or not isinstance(org.get('workspaces'), list):
            raise ValueError('organizations.%s must be {"enterprise": true or false, "workspaces": [workspace IDs]}' % name)
        for workspace in org['workspaces']:
            try:
                uuid.UUID(str(workspace))
            except ValueError:
                raise ValueError('organizations.%s.workspaces: %r is not a UUID' % (name, workspace)) from None
    for kind in ('api_keys', 'bearer_tokens'):
        if not isinstance(config[kind], dict):
            raise ValueError('%s must be an object of credential -> principal' % kind)
        for credential, entry in config[kind].items():
            where = '%s entry %d' % (kind, list(config[kind]).index(credential))  # never the credential itself
            if not credential or not isinstance(entry, dict) or entry.get('organization') not in organizations:
                raise ValueError('%s must be {"organization": one of %s[, "workspace": ...]}' % (where, ', '.join(sorted(organizations))))
            if 'workspace' in entry and entry['workspace'] not in organizations[entry['organization']]['workspaces']:
                raise ValueError('%s: workspace %r is not one of organization %s' % (where, entry['workspace'], entry['organization']))
    return config


def load_config(path):
    """The configuration of ``--config`` (the default one without it); exits naming what is wrong with the file."""
    if not path:
        return DEFAULT_CONFIG
    try:
        with open(path, encoding='utf-8') as handle:
            return check_config(json.load(handle))
    except (OSError, ValueError) as exc:  # json.JSONDecodeError is a ValueError
        sys.exit('--config %s: %s' % (path, exc))


def _serve(args):
    config = load_config(args.config)
    app = create_app(args.prefix, config)
    sock = listening_socket(args.host, args.port)
    port = sock.getsockname()[1]
    scheme = 'https' if args.certfile else 'http'
    url = '%s://%s:%d%s' % (scheme, args.host, port, normalise_prefix(args.prefix))
    if args.port_file:
        tmp = args.port_file + '.tmp'
        with open(tmp, 'w', encoding='utf-8') as handle:
            json.dump({'port': port, 'url': url, 'pid': os.getpid(), 'started': process_start(os.getpid()),
                       'control_url': '%s://%s:%d' % (scheme, args.host, port)}, handle)
        os.replace(tmp, args.port_file)
    print('LangSmith control plane emulator listening on %s' % url, flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level=args.log_level, access_log=args.access_log,
                                           ssl_certfile=args.certfile, ssl_keyfile=args.keyfile,
                                           timeout_keep_alive=30))
    server.run(sockets=[sock])


def _start(args):
    """Start ``serve`` in the background, wait until it answers, print its URL."""
    load_config(args.config)  # a bad --config fails here, saying why, not in the background
    state_file = os.path.abspath(args.state_file)
    if os.path.exists(state_file):
        os.unlink(state_file)
    command = [sys.executable, os.path.abspath(__file__), 'serve', '--host', args.host, '--port', str(args.port),
               '--port-file', state_file, '--log-level', args.log_level]
    for option in ('prefix', 'certfile', 'keyfile', 'config'):
        if getattr(args, option):
            command += ['--' + option, getattr(args, option)]
    log = open(args.log_file or os.devnull, 'ab')  # pylint: disable=consider-using-with
    proc = subprocess.Popen(command, stdout=log, stderr=log, stdin=subprocess.DEVNULL,  # pylint: disable=consider-using-with
                            start_new_session=True)
    deadline = time.time() + args.wait
    while time.time() < deadline:
        if proc.poll() is not None:
            sys.exit('emulator exited with status %s during start-up (log: %s)' % (proc.returncode, args.log_file))
        if os.path.exists(state_file):
            with open(state_file, encoding='utf-8') as handle:
                info = json.load(handle)
            print(info['url'])
            return
        time.sleep(0.05)
    proc.terminate()
    sys.exit('emulator did not start within %s s' % args.wait)


def process_start(pid):
    """When process ``pid`` started, as the system tells (clock ticks since boot from /proc on Linux,
    else ``ps -o lstart``), or None if there is no such process. A PID is reused once its process has
    exited; the PID and its start time together name one process."""
    try:
        with open('/proc/%d/stat' % pid, encoding='utf-8') as handle:
            return 'proc:' + handle.read().rsplit(')', 1)[1].split()[19]  # field 22, starttime
    except FileNotFoundError:
        if os.path.isdir('/proc/self'):
            return None
    except (OSError, IndexError):
        pass
    proc = subprocess.run(['ps', '-o', 'lstart=', '-p', str(pid)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True, check=False)
    return 'ps:' + ' '.join(proc.stdout.split()) if proc.returncode == 0 and proc.stdout.strip() else None


def _stop(args):
    """Stop the emulator that ``start`` recorded in the state file, and only that process: a stale file
    (the emulator gone, its PID since given to another process) names a process that started at
    another time, which is left alone."""
    if not os.path.exists(args.state_file):
        return
    with open(args.state_file, encoding='utf-8') as handle:
        state = json.load(handle)
    pid = state['pid']

    def ours():
        return state.get('started') is not None and process_start(pid) == state['started']

    if not ours():
        if process_start(pid) is not None:
            print('not stopping process %d: it is not the emulator that wrote %s (it started at another time); '
                  'removing the stale state file' % (pid, args.state_file), file=sys.stderr)
        os.unlink(args.state_file)
        return
    try:
        os.kill(pid, signal.SIGTERM)
        for dummy in range(100):
            os.kill(pid, 0)
            time.sleep(0.05)
        if ours():
            os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.unlink(args.state_file)


def identities():
    """The credentials and workspaces of the default configuration, for tests and demos."""
    return {
        'api_key': API_KEY, 'org_api_key': ORG_API_KEY, 'free_api_key': FREE_API_KEY, 'bearer_token': BEARER_TOKEN,
        'workspace_id': WORKSPACE_ID, 'second_workspace_id': SECOND_WORKSPACE_ID, 'free_workspace_id': FREE_WORKSPACE_ID,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    sub = parser.add_subparsers(dest='command', required=True)
    for name in ('serve', 'start'):
        cmd = sub.add_parser(name, help='run in the foreground' if name == 'serve' else 'run in the background')
        cmd.add_argument('--host', default='127.0.0.1')
        cmd.add_argument('--port', type=int, default=0, help='0 (the default) picks a free port')
        cmd.add_argument('--prefix', default='', help='path prefix of the API, e.g. /api-host')
        cmd.add_argument('--certfile', help='serve HTTPS with this certificate (PEM)')
        cmd.add_argument('--keyfile', help='private key of --certfile')
        cmd.add_argument('--config', help='JSON file of organizations, api_keys and bearer_tokens (see check_config; the '
                                          'getting-started guide, "The emulator", has an example)')
        cmd.add_argument('--log-level', default='warning')
        if name == 'serve':
            cmd.add_argument('--port-file', help='write {"port", "url", "pid"} here once listening')
            cmd.add_argument('--access-log', action='store_true')
        else:
            cmd.add_argument('--state-file', default='.emulator.json')
            cmd.add_argument('--log-file')
            cmd.add_argument('--wait', type=float, default=30)
    stop = sub.add_parser('stop', help='stop the instance that start started')
    stop.add_argument('--state-file', default='.emulator.json')
    known = sub.add_parser('identities', help='print the default API keys, bearer token and workspace IDs as JSON, '
                                              'or the one NAME names')
    known.add_argument('name', nargs='?', choices=sorted(identities()), metavar='NAME',
                       help='print only this one, as plain text: %s' % ', '.join(sorted(identities())))
    args = parser.parse_args(argv)
    if args.command == 'identities':
        print(identities()[args.name] if args.name else json.dumps(identities(), indent=2))
        return
    {'serve': _serve, 'start': _start, 'stop': _stop}[args.command](args)


if __name__ == '__main__':
    main()
