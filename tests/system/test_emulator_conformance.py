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
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import load_all_checks
from schemathesis.specs.openapi.checks import allow_header_conformance, negative_data_rejection, unsupported_method

from ansible_collections.langchain.langsmith.tests.system.harness import ROOT, EmulatorServer, identities

SPEC = os.path.join(ROOT, 'emulator', 'openapi', 'langsmith-listeners-v2.openapi.yml')
IDS = identities()
HEADERS = {'X-Api-Key': IDS['api_key'], 'X-Tenant-Id': IDS['workspace_id']}
FASTAPI_GAPS = [allow_header_conformance, unsupported_method]

load_all_checks()
schema = schemathesis.openapi.from_path(SPEC)


@pytest.fixture(scope='module', params=['', '/api-host'], ids=['root', 'prefix'])
def server(request, tmp_path_factory):
    options = ['--prefix', request.param] if request.param else []
    emulator = EmulatorServer(tmp_path_factory.mktemp('conformance'), *options)
    yield emulator
    emulator.stop()


def _fastapi_parse_error(response):
    return response.status_code == 400 and b'There was an error parsing the body' in response.content


@schema.parametrize()
@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_operation_conforms(case, server):
    response = case.call(base_url=server.url, headers=HEADERS)
    if _fastapi_parse_error(response):
        return
    excluded = list(FASTAPI_GAPS)
    defined = {p['name'] for p in case.operation.definition.raw.get('parameters', []) if p.get('in') == 'query'}
    if set(case.query or {}) - defined:
        excluded.append(negative_data_rejection)
    case.validate_response(response, excluded_checks=excluded, headers=HEADERS)


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
