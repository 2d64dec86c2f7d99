# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The emulator against the published OpenAPI file, with schemathesis (every check).

The emulator is a FastAPI app, as the real control plane is. Where FastAPI itself answers
something that the published file leaves out, the real service answers it too, so these
answers are accepted here, each for the reason given:

- 400 ``There was an error parsing the body``: FastAPI's answer to a body that is not
  decodable JSON; the file documents only 422.
- ``Allow`` of a 405: Starlette routes each method separately, so a 405 names the methods
  of the first matching route only.
- Query parameters the operation does not define are ignored, not rejected.

And for the deployments operations (``langsmith-deployments-v2.openapi.yml``), which the emulator
models for what ties a deployment to a listener: of a create body, ``source_config`` is checked
only for ``listener_id`` and ``listener_config`` (the rest, such as ``resource_spec``, is kept as
given), so a create is not checked for rejecting every invalid body; a schema-valid create can name a
listener that does not exist, or none, which the emulator answers with the spec's 400; and the filters
``remote_reconciled``, ``tag_value_ids``, ``image_version`` and ``deployment_type`` are accepted and
ignored.
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import load_all_checks
from schemathesis.specs.openapi.checks import (
    allow_header_conformance, negative_data_rejection, positive_data_acceptance, unsupported_method)

from ansible_collections.langchain.langsmith.tests.system.harness import ROOT, EmulatorServer, identities

SPEC = os.path.join(ROOT, 'emulator', 'openapi', 'langsmith-listeners-v2.openapi.yml')
DEPLOYMENTS_SPEC = os.path.join(ROOT, 'emulator', 'openapi', 'langsmith-deployments-v2.openapi.yml')
IDS = identities()
HEADERS = {'X-Api-Key': IDS['api_key'], 'X-Tenant-Id': IDS['workspace_id']}
FASTAPI_GAPS = [allow_header_conformance, unsupported_method]

load_all_checks()
schema = schemathesis.openapi.from_path(SPEC)
deployments_schema = schemathesis.openapi.from_path(DEPLOYMENTS_SPEC)


@pytest.fixture(scope='module', params=['', '/api-host'], ids=['root', 'prefix'])
def server(request, tmp_path_factory):
    options = ['--prefix', request.param] if request.param else []
    emulator = EmulatorServer(tmp_path_factory.mktemp('conformance'), *options)
    yield emulator
    emulator.stop()


def _fastapi_parse_error(response):
    return response.status_code == 400 and b'There was an error parsing the body' in response.content


def _validate(case, server, lenient=()):
    """Call the emulator with ``case`` and check the answer against the spec, with every check but FastAPI's gaps
    and ``lenient`` (a function of the case and the response that gives more checks to leave out)."""
    response = case.call(base_url=server.url, headers=HEADERS)
    if _fastapi_parse_error(response):
        return
    excluded = list(FASTAPI_GAPS)
    defined = {p['name'] for p in case.operation.definition.raw.get('parameters', []) if p.get('in') == 'query'}
    if set(case.query or {}) - defined:
        excluded.append(negative_data_rejection)
    for leave_out in lenient:
        excluded.extend(leave_out(case, response))
    case.validate_response(response, excluded_checks=excluded, headers=HEADERS)


@schema.parametrize()
@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_operation_conforms(case, server):
    _validate(case, server)


def _deployments_gaps(case, response):
    """What the emulator leaves unchecked of the deployments operations (see the top)."""
    gaps = []
    if case.method.upper() == 'POST' or set(case.query or {}) & IGNORED_FILTERS:
        gaps.append(negative_data_rejection)
    if case.method.upper() == 'POST' and response.status_code == 400:
        gaps.append(positive_data_acceptance)
    return gaps


@deployments_schema.parametrize()
@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_deployments_operation_conforms(case, server):
    _validate(case, server, lenient=[_deployments_gaps])


IGNORED_FILTERS = {'remote_reconciled', 'tag_value_ids', 'image_version', 'deployment_type'}


def test_deployments_tie_to_listeners_as_documented(server):
    """A deployment of the external_docker source names its listener, and the listener's delete is the emulator's
    setting: orphan (the default), refuse or cascade."""
    import requests  # pylint: disable=import-outside-toplevel

    server.reset()
    session = requests.Session()
    session.headers.update(HEADERS)
    create = {'compute_type': 'k8s', 'compute_id': 'tie', 'compute_config': {'k8s_namespaces': ['tie']}}
    listener = session.post(server.url + '/v2/listeners', json=create).json()
    body = {'name': 'agent', 'source': 'external_docker', 'secrets': [], 'source_revision_config': {'image_uri': 'a:1'},
            'source_config': {'listener_id': listener['id'], 'listener_config': {'k8s_namespace': 'tie'}}}
    created = session.post(server.url + '/v2/deployments', json=body)
    assert created.status_code == 201
    deployment = created.json()
    assert deployment['source_config']['listener_id'] == listener['id']
    assert deployment['source_config']['listener_config'] is None  # not reported back, as the vendor's provider notes
    assert session.get(server.url + '/v2/deployments/' + deployment['id']).json() == deployment
    unknown = dict(body, source_config={'listener_id': '00000000-0000-4000-8000-000000000000',
                                        'listener_config': {'k8s_namespace': 'tie'}})
    assert session.post(server.url + '/v2/deployments', json=unknown).status_code == 400
    server.settings(listener_delete='refuse')
    assert session.delete(server.url + '/v2/listeners/' + listener['id']).status_code == 409
    server.settings(listener_delete='orphan')
    assert session.delete(server.url + '/v2/listeners/' + listener['id']).status_code == 204
    assert session.get(server.url + '/v2/deployments/' + deployment['id']).status_code == 200  # left naming a listener gone
    assert session.delete(server.url + '/v2/deployments/' + deployment['id']).status_code == 204
    assert session.get(server.url + '/v2/deployments/' + deployment['id']).json() == {
        'detail': 'Deployment ID %s not found.' % deployment['id']}


def test_documented_errors_come_out_as_specified(server):
    """The 403, 404, 409 and 422 bodies, word for word."""
    import requests  # pylint: disable=import-outside-toplevel

    session = requests.Session()
    session.headers.update(HEADERS)
    body = {'compute_type': 'k8s', 'compute_id': 'conformance', 'compute_config': {'k8s_namespaces': ['c']}}
    first = session.post(server.url + '/v2/listeners', json=body)
    assert first.status_code in (201, 409)
    second = session.post(server.url + '/v2/listeners', json=body)
    assert second.status_code == 409
    assert second.json() == {'detail': "Listener for LangSmith workspace ID '%s' and compute ID 'conformance' already exists."
                                       % IDS['workspace_id']}
    unknown = '00000000-0000-4000-8000-000000000000'
    assert session.get(server.url + '/v2/listeners/' + unknown).json() == {'detail': 'Listener ID %s not found.' % unknown}
    assert session.delete(server.url + '/v2/listeners/' + unknown).status_code == 404
    invalid = session.post(server.url + '/v2/listeners', json=dict(body, compute_type='vm'))
    assert invalid.status_code == 422
    assert invalid.json()['detail'][0]['loc'] == ['body', 'compute_type']
    free = requests.post(server.url + '/v2/listeners', json=body, headers={'X-Api-Key': IDS['free_api_key']})
    assert free.status_code == 403
    assert free.json()['detail'] == ("Listeners cannot be created for LangSmith workspace ID '%s'. Creating listeners is only "
                                     "allowed for LangSmith organizations with self-hosted enterprise plans." % IDS['free_workspace_id'])


def test_pagination_as_documented(server):
    import requests  # pylint: disable=import-outside-toplevel

    server.reset()
    server.seed(45)
    session = requests.Session()
    session.headers.update(HEADERS)
    default = session.get(server.url + '/v2/listeners').json()
    assert len(default['resources']) == 20 and default['offset'] == 20
    seen, offset = [], 0
    while True:
        page = session.get(server.url + '/v2/listeners', params={'limit': 20, 'offset': offset}).json()
        seen += [item['compute_id'] for item in page['resources']]
        if len(page['resources']) < 20:
            break
        offset = page['offset']
    assert seen == ['seed-%05d' % i for i in range(45)]
    assert session.get(server.url + '/v2/listeners', params={'limit': 101}).status_code == 422
    assert session.get(server.url + '/v2/listeners', params={'offset': -1}).status_code == 422
