# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

import email.utils

import pytest
import requests

from ansible_collections.langchain.langsmith.plugins.module_utils import _client
from ansible_collections.langchain.langsmith.plugins.module_utils._client import Client, LangSmithError

LISTENER = {
    'id': '6f1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d', 'compute_id': 'c1', 'compute_type': 'k8s',
    'compute_config': {'k8s_namespaces': ['a']}, 'version': None,
    'created_at': '2026-11-28T09:15:02.113Z', 'updated_at': '2026-11-28T09:15:02.113Z',
}


@pytest.mark.parametrize('base, expected', [
    ('https://api.host.langchain.com', 'https://api.host.langchain.com/v2/listeners'),
    ('https://api.host.langchain.com/', 'https://api.host.langchain.com/v2/listeners'),
    ('https://ls.example.com/api-host', 'https://ls.example.com/api-host/v2/listeners'),
    ('https://ls.example.com/api-host/', 'https://ls.example.com/api-host/v2/listeners'),
    ('https://ls.example.com/base/api-host//', 'https://ls.example.com/base/api-host/v2/listeners'),
])
def test_join_url_keeps_the_path_prefix(base, expected):
    assert _client.join_url(base, '/v2/listeners') == expected


@pytest.mark.parametrize('url', ['ftp://h/x', 'h.example.com', '', 'https://', 'https://u:p@h.example.com',
                                 'https://h.example.com/?a=1', 'file:///etc/passwd'])
def test_check_base_url_rejects(url):
    with pytest.raises(ValueError):
        _client.check_base_url(url)


@pytest.mark.parametrize('url', ['http://127.0.0.1:8080', 'https://eu.api.host.langchain.com', 'https://h/api-host/'])
def test_check_base_url_accepts(url):
    assert _client.check_base_url(url) == url


def test_parse_retry_after():
    assert _client.parse_retry_after('2') == 2.0
    assert _client.parse_retry_after(' 1.5 ') == 1.5
    assert _client.parse_retry_after(None) is None
    assert _client.parse_retry_after('soon') is None
    date = email.utils.formatdate(1000 + 7, usegmt=True)
    assert _client.parse_retry_after(date, now=1000) == pytest.approx(7, abs=1)
    assert _client.parse_retry_after(email.utils.formatdate(10, usegmt=True), now=1000) == 0.0


def test_format_detail():
    assert _client.format_detail({'detail': 'nope'}, '') == 'nope'
    detail = {'detail': [{'loc': ['body', 'compute_type'], 'msg': "Input should be 'k8s'", 'type': 'literal_error'},
                         {'loc': ['query', 'limit'], 'msg': 'too big', 'type': 'x'}]}
    assert _client.format_detail(detail, '') == "body.compute_type: Input should be 'k8s'; query.limit: too big"
    assert _client.format_detail(None, 'x' * 500).endswith('...')
    assert len(_client.format_detail(None, 'x' * 500)) == 203


def test_auth_headers_api_key_and_workspace(scripted):
    client, adapter, dummy, dummy2 = scripted([(200, {'resources': [], 'offset': 0})], workspace_id='w-1')
    client.request('GET', '/v2/listeners')
    headers = adapter.sent[0][2]
    assert headers['X-Api-Key'] == 'secret-key'
    assert headers['X-Tenant-Id'] == 'w-1'
    assert 'Authorization' not in headers
    assert headers['User-Agent'].startswith('langchain.langsmith-ansible/')


def test_auth_headers_bearer(scripted):
    client, adapter, dummy, dummy2 = scripted([(200, {})], api_key=None, bearer_token='tok')
    client.request('GET', '/v2/listeners')
    headers = adapter.sent[0][2]
    assert headers['Authorization'] == 'Bearer tok'
    assert 'X-Api-Key' not in headers and 'X-Tenant-Id' not in headers


def test_request_url_and_timeout(scripted):
    client, adapter, dummy, dummy2 = scripted([(200, {})], base_url='http://h/api-host/', timeout=7)
    client.request('GET', '/v2/listeners', params={'limit': 100, 'offset': 0})
    assert adapter.sent[0][1] == 'http://h/api-host/v2/listeners?limit=100&offset=0'
    assert adapter.sent[0][3] == 7


def test_retries_503_then_succeeds_with_a_warning_each(scripted):
    client, adapter, clock, warnings = scripted([(503, {'detail': 'busy'}), (503, {'detail': 'busy'}), (201, LISTENER)])
    resp = client.request('POST', '/v2/listeners', body={}, expect=(201,))
    assert resp.status == 201 and resp.data == LISTENER
    assert len(adapter.sent) == 3
    assert len(warnings) == 2 and len(clock.sleeps) == 2
    assert '503 Service Unavailable' in warnings[0] and 'POST /v2/listeners' in warnings[0] and 'retrying in' in warnings[0]
    assert not resp.uncertain  # 503 says the request was turned away


def test_backoff_grows_with_jitter(scripted, monkeypatch):
    monkeypatch.setattr(_client.random, 'uniform', lambda low, high: high)
    client, dummy, clock, dummy2 = scripted([(503, '')] * 4 + [(200, {})])
    client.request('GET', '/v2/listeners')
    assert clock.sleeps == [0.5, 1.0, 2.0, 4.0]
    monkeypatch.setattr(_client.random, 'uniform', lambda low, high: low)
    client, dummy, clock, dummy2 = scripted([(503, '')] * 2 + [(200, {})])
    client.request('GET', '/v2/listeners')
    assert clock.sleeps == [0.25, 0.5]


def test_retry_after_is_honoured_and_capped(scripted):
    client, dummy, clock, warnings = scripted([(429, {}, {'Retry-After': '2'}), (429, {}, {'Retry-After': '3600'}), (200, {})],
                                              retry_timeout=1000)
    client.request('GET', '/v2/listeners')
    assert clock.sleeps == [2.0, _client.RETRY_AFTER_CAP]
    assert '429 Too Many Requests' in warnings[0] and 'retrying in 2.0 s' in warnings[0]


@pytest.mark.parametrize('status', [400, 401, 403, 404, 409, 422])
def test_other_4xx_are_never_retried(scripted, status):
    client, adapter, clock, warnings = scripted([(status, {'detail': 'no'})])
    with pytest.raises(LangSmithError) as err:
        client.request('POST', '/v2/listeners', body={}, expect=(201,))
    assert len(adapter.sent) == 1 and not clock.sleeps and not warnings
    assert err.value.status == status


def test_gives_up_after_retries_naming_status_and_request(scripted):
    client, adapter, dummy, warnings = scripted([(500, {'detail': 'boom'})] * 4, retries=3)
    with pytest.raises(LangSmithError) as err:
        client.request('GET', '/v2/listeners')
    assert len(adapter.sent) == 4 and len(warnings) == 3
    msg = str(err.value)
    assert msg.startswith('Request GET /v2/listeners failed: 500 Internal Server Error: boom')
    assert 'gave up after 4 attempts' in msg


def test_retry_timeout_bounds_total_time(scripted, monkeypatch):
    monkeypatch.setattr(_client.random, 'uniform', lambda low, high: high)
    client, adapter, clock, dummy = scripted([(502, '')] * 20, retries=100, retry_timeout=10)
    with pytest.raises(LangSmithError) as err:
        client.request('GET', '/v2/listeners')
    assert sum(clock.sleeps) < 10
    assert len(adapter.sent) == 5  # waits 0.5 + 1 + 2 + 4 = 7.5; the next (8) would pass 10 s
    assert '502' in str(err.value)


def test_zero_retries(scripted):
    client, adapter, dummy, warnings = scripted([(503, '')], retries=0)
    with pytest.raises(LangSmithError):
        client.request('GET', '/v2/listeners')
    assert len(adapter.sent) == 1 and not warnings


def test_read_timeout_is_retried_then_named(scripted):
    timeout = requests.exceptions.ReadTimeout('read timed out')
    client, adapter, dummy, warnings = scripted([timeout, timeout, timeout], retries=2, timeout=3)
    with pytest.raises(LangSmithError) as err:
        client.request('GET', '/v2/listeners')
    assert len(adapter.sent) == 3
    msg = str(err.value)
    assert 'http://control-plane.test/v2/listeners' in msg and 'timed out' in msg and '3 s' in msg
    assert 'no answer from http://control-plane.test/v2/listeners within 3 s' in warnings[0]


def test_connection_refused_names_url(scripted):
    refused = requests.exceptions.ConnectionError('HTTPConnectionPool: Max retries exceeded (Caused by NewConnectionError: '
                                                  'Failed to establish a new connection: [Errno 111] Connection refused)')
    client, dummy, dummy2, dummy3 = scripted([refused] * 3, retries=2)
    with pytest.raises(LangSmithError) as err:
        client.request('GET', '/v2/listeners')
    assert 'cannot connect to http://control-plane.test/v2/listeners' in str(err.value)


def test_uncertain_after_a_lost_answer(scripted):
    client, dummy, dummy2, dummy3 = scripted([(502, '<html>bad gateway</html>'), (409, {'detail': 'exists'})])
    resp = client.request('POST', '/v2/listeners', body={}, expect=(201, 409))
    assert resp.status == 409 and resp.uncertain
    dropped = requests.exceptions.ConnectionError('Connection aborted. RemoteDisconnected')
    client, dummy, dummy2, dummy3 = scripted([dropped, (409, {'detail': 'exists'})])
    assert client.request('POST', '/v2/listeners', body={}, expect=(201, 409)).uncertain
    client, dummy, dummy2, dummy3 = scripted([(429, ''), (409, {'detail': 'exists'})])
    assert not client.request('POST', '/v2/listeners', body={}, expect=(201, 409)).uncertain


def test_broken_body_is_retried(scripted):
    broken = requests.exceptions.ChunkedEncodingError('Connection broken: IncompleteRead')
    client, adapter, dummy, warnings = scripted([broken, (200, {'ok': 1})])
    assert client.request('GET', '/v2/listeners').data == {'ok': 1}
    assert len(adapter.sent) == 2 and 'was lost' in warnings[0]


def test_tls_failure_names_certificate_verification_and_is_not_retried(scripted):
    ssl = requests.exceptions.SSLError('[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate')
    client, adapter, dummy, dummy2 = scripted([ssl, ssl])
    with pytest.raises(LangSmithError) as err:
        client.request('GET', '/v2/listeners')
    assert len(adapter.sent) == 1
    assert 'TLS certificate verification failed' in str(err.value) and 'ca_path' in str(err.value)


def test_non_json_body_is_a_clear_error(scripted):
    client, dummy, dummy2, dummy3 = scripted([(200, '<html><body>Proxy error</body></html>', {'Content-Type': 'text/html'})])
    with pytest.raises(LangSmithError) as err:
        client.request('GET', '/v2/listeners')
    assert str(err.value) == ('Request GET /v2/listeners answered 200 with a body that is not JSON (Content-Type text/html): '
                              '<html><body>Proxy error</body></html>')


def test_204_has_no_body(scripted):
    client, dummy, dummy2, dummy3 = scripted([(204, '')])
    assert client.request('DELETE', '/v2/listeners/x', expect=(204,)).data is None


def test_422_message_quotes_each_field_error(scripted):
    detail = {'detail': [{'loc': ['body', 'compute_type'], 'msg': "Input should be 'k8s'", 'type': 'literal_error'}]}
    client, dummy, dummy2, dummy3 = scripted([(422, detail)])
    with pytest.raises(LangSmithError) as err:
        client.request('POST', '/v2/listeners', body={}, expect=(201,))
    assert str(err.value) == "Request POST /v2/listeners failed: 422 Unprocessable Entity: body.compute_type: Input should be 'k8s'"


def test_401_and_403_say_what_is_wrong(scripted):
    client, dummy, dummy2, dummy3 = scripted([(401, {'detail': 'Invalid token'})])
    with pytest.raises(LangSmithError) as err:
        client.request('GET', '/v2/listeners')
    assert 'api_key (LANGSMITH_API_KEY)' in str(err.value) and 'Invalid token' in str(err.value)

    client, dummy, dummy2, dummy3 = scripted([(403, {'detail': 'org-scoped'})])
    with pytest.raises(LangSmithError) as err:
        client.request('GET', '/v2/listeners')
    assert 'workspace_id (LANGSMITH_WORKSPACE_ID)' in str(err.value)

    client, dummy, dummy2, dummy3 = scripted([(403, {'detail': 'no access'})], workspace_id='w-9')
    with pytest.raises(LangSmithError) as err:
        client.request('GET', '/v2/listeners')
    assert 'no access to workspace w-9' in str(err.value)

    plan = {'detail': "Listeners cannot be created for LangSmith workspace ID 'w'. Creating listeners is only allowed for "
                      "LangSmith organizations with self-hosted enterprise plans."}
    client, dummy, dummy2, dummy3 = scripted([(403, plan)], workspace_id='w-9')
    with pytest.raises(LangSmithError) as err:
        client.request('POST', '/v2/listeners', body={}, expect=(201,))
    assert 'not on a self-hosted enterprise plan' in str(err.value) and 'Request POST /v2/listeners failed: 403 Forbidden' in str(err.value)


def page(n, start=0):
    return {'resources': [dict(LISTENER, compute_id='c%d' % i) for i in range(start, start + n)], 'offset': start + n}


def test_paginate_stops_at_a_short_page(scripted):
    client, adapter, dummy, dummy2 = scripted([(200, page(100)), (200, page(30, 100))])
    pages = list(client.paginate('/v2/listeners', lambda data: data))
    assert [len(p['resources']) for p in pages] == [100, 30]
    assert [s[1].split('?')[1] for s in adapter.sent] == ['limit=100&offset=0', 'limit=100&offset=100']


def test_paginate_stops_when_the_consumer_stops(scripted):
    client, adapter, dummy, dummy2 = scripted([(200, page(100)), (200, page(100, 100)), (200, page(100, 200))])
    for item in client.paginate('/v2/listeners', lambda data: data):
        break
    assert len(adapter.sent) == 1


def test_paginate_exact_multiple_reads_one_empty_page(scripted):
    client, adapter, dummy, dummy2 = scripted([(200, page(100)), (200, page(0, 100))])
    assert len(list(client.paginate('/v2/listeners', lambda data: data))) == 2


def test_paginate_refuses_an_offset_that_does_not_advance(scripted):
    stuck = page(100)
    stuck['offset'] = 0
    client, dummy, dummy2, dummy3 = scripted([(200, stuck)])
    with pytest.raises(LangSmithError, match='pagination does not advance'):
        list(client.paginate('/v2/listeners', lambda data: data))


def test_validate_certs_and_ca_path():
    assert Client(api_key='k', validate_certs=False).session.verify is False
    assert Client(api_key='k', ca_path='/tmp/ca.pem').session.verify == '/tmp/ca.pem'
    assert Client(api_key='k').session.verify is True
