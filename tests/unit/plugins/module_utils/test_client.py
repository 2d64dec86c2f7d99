# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

import email.utils

import pytest
import requests

from ansible_collections.langchain.langsmith.plugins.module_utils import _client, _urls
from ansible_collections.langchain.langsmith.plugins.module_utils._client import Client
from ansible_collections.langchain.langsmith.plugins.module_utils._errors import LangSmithError

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
    assert _urls.join_url(base, '/v2/listeners') == expected


@pytest.mark.parametrize('url', ['ftp://h/x', 'h.example.com', '', 'https://', 'https://u:p@h.example.com',
                                 'https://h.example.com/?a=1', 'file:///etc/passwd'])
def test_check_base_url_rejects(url):
    with pytest.raises(ValueError):
        _urls.check_base_url(url)


@pytest.mark.parametrize('url', ['http://127.0.0.1:8080', 'https://eu.api.host.langchain.com', 'https://h/api-host/'])
def test_check_base_url_accepts(url):
    assert _urls.check_base_url(url) == url


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
    assert warnings[0] == 'POST /v2/listeners: 503 Service Unavailable; retrying in %.1f s (retry 1 of 5)' % clock.sleeps[0]
    assert warnings[1] == 'POST /v2/listeners: 503 Service Unavailable; retrying in %.1f s (retry 2 of 5)' % clock.sleeps[1]
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
    assert warnings == ['GET /v2/listeners: 429 Too Many Requests; retrying in 2.0 s as Retry-After asked (retry 1 of 5)',
                        'GET /v2/listeners: 429 Too Many Requests; retrying in 60.0 s, the cap for the 3600 s that Retry-After '
                        'asked (retry 2 of 5)']


def test_retry_after_as_an_http_date(scripted, monkeypatch):
    monkeypatch.setattr(_client.time, 'time', lambda: 5000.0)
    date = email.utils.formatdate(5000 + 4, usegmt=True)
    client, dummy, clock, warnings = scripted([(503, {}, {'Retry-After': date}), (200, {})])
    client.request('GET', '/v2/listeners')
    assert clock.sleeps == [4.0] and 'retrying in 4.0 s as Retry-After asked' in warnings[0]


def test_retry_after_past_the_retry_timeout_gives_up_at_once(scripted):
    client, adapter, clock, warnings = scripted([(429, {'detail': 'slow down'}, {'Retry-After': '30'})], retry_timeout=20)
    with pytest.raises(LangSmithError) as err:
        client.request('GET', '/v2/listeners')
    assert len(adapter.sent) == 1 and not clock.sleeps and not warnings
    assert str(err.value) == ('Request GET /v2/listeners failed: 429 Too Many Requests: slow down (gave up after 1 attempt in '
                              '0.0 s: the control plane asked to wait 30 s (Retry-After), past the retry_timeout of 20 s)')


@pytest.mark.parametrize('status', [400, 401, 403, 404, 409, 422])
def test_other_4xx_are_never_retried(scripted, status):
    client, adapter, clock, warnings = scripted([(status, {'detail': 'no'})])
    with pytest.raises(LangSmithError) as err:
        client.request('POST', '/v2/listeners', body={}, expect=(201,))
    assert len(adapter.sent) == 1 and not clock.sleeps and not warnings
    assert err.value.status == status


def test_gives_up_after_retries_naming_status_and_request(scripted):
    client, adapter, clock, warnings = scripted([(500, {'detail': 'boom'})] * 4, retries=3)
    with pytest.raises(LangSmithError) as err:
        client.request('GET', '/v2/listeners')
    assert len(adapter.sent) == 4 and len(warnings) == 3
    assert str(err.value) == ('Request GET /v2/listeners failed: 500 Internal Server Error: boom (gave up after 4 attempts in '
                              '%.1f s: no retries left (retries=3))' % sum(clock.sleeps))


def test_retry_timeout_bounds_total_time(scripted, monkeypatch):
    monkeypatch.setattr(_client.random, 'uniform', lambda low, high: high)
    client, adapter, clock, dummy = scripted([(502, '')] * 20, retries=100, retry_timeout=10)
    with pytest.raises(LangSmithError) as err:
        client.request('GET', '/v2/listeners')
    assert sum(clock.sleeps) < 10
    assert len(adapter.sent) == 5  # waits 0.5 + 1 + 2 + 4 = 7.5; the next (8) would pass 10 s
    assert str(err.value).startswith('Request GET /v2/listeners failed: 502 Bad Gateway')
    assert str(err.value).endswith('(gave up after 5 attempts in 7.5 s: retry_timeout of 10 s reached)')


def test_retry_timeout_is_one_budget_for_every_request_of_a_task(scripted, monkeypatch):
    # A task makes several requests (find, then create or update): retry_timeout bounds them all
    # together, so that a flapping control plane cannot stretch a task to a multiple of it.
    monkeypatch.setattr(_client.random, 'uniform', lambda low, high: high)
    client, adapter, clock, warnings = scripted([(503, '')] * 4 + [(200, {})] + [(503, '')] * 20, retries=100, retry_timeout=10)
    client.request('GET', '/v2/listeners')  # waits 0.5 + 1 + 2 + 4 = 7.5 s of the 10
    with pytest.raises(LangSmithError) as err:
        client.request('PATCH', '/v2/listeners/x', body={})
    # The PATCH's own waits start again at 0.5 s, but its retries stop at the task's deadline:
    # after 7.5 + 0.5 + 1 = 9 s, another 2 s wait and a 1 s attempt would pass the 10.
    assert clock.sleeps == [0.5, 1.0, 2.0, 4.0, 0.5, 1.0]
    assert [s[0] for s in adapter.sent] == ['GET'] * 5 + ['PATCH'] * 3
    assert 'retry_timeout of 10 s reached' in str(err.value)


def test_after_the_budget_a_request_still_gets_one_whole_attempt(scripted, monkeypatch):
    monkeypatch.setattr(_client.random, 'uniform', lambda low, high: high)
    client, adapter, clock, warnings = scripted([(503, '')] * 4 + [(200, {}), (200, {}), (502, '')], retry_timeout=8.5, timeout=5)
    client.request('GET', '/v2/listeners')
    assert clock.now - 1000 == 7.5
    client.request('GET', '/v2/listeners')  # a healthy request is never cut short: the whole timeout
    assert adapter.sent[-1][3] == 5
    with pytest.raises(LangSmithError, match='gave up after 1 attempt in 0.0 s: retry_timeout of 8.5 s reached'):
        client.request('GET', '/v2/listeners')  # ... but not retried once the budget is spent
    assert adapter.sent[-1][3] == 5 and len(clock.sleeps) == 4


def test_a_retry_never_runs_past_the_deadline(scripted, monkeypatch):
    monkeypatch.setattr(_client.random, 'uniform', lambda low, high: high)
    timeout = requests.exceptions.ReadTimeout('read timed out')
    client, adapter, clock, warnings = scripted([timeout] * 3, retry_timeout=12, timeout=10)

    def send_and_wait(request, **kwargs):
        adapter.sent.append((request.method, request.url, dict(request.headers), kwargs.get('timeout')))
        clock.now += kwargs['timeout']  # the whole timeout passes without an answer
        raise timeout
    adapter.send = send_and_wait
    with pytest.raises(LangSmithError) as err:
        client.request('GET', '/v2/listeners')
    # 10 s, wait 0.5 s, then only the 1.5 s left of the 12; the task ends on its deadline.
    assert [s[3] for s in adapter.sent] == [10, 1.5]
    assert clock.now - 1000 == 12
    assert 'no answer within 10 s (timeout)' in str(err.value)


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


def test_other_tls_failures_are_not_called_certificate_verification(scripted):
    wrong = requests.exceptions.SSLError('[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)')
    client, adapter, dummy, dummy2 = scripted([wrong])
    with pytest.raises(LangSmithError) as err:
        client.request('GET', '/v2/listeners')
    assert len(adapter.sent) == 1
    assert str(err.value) == ('TLS handshake with http://control-plane.test/v2/listeners failed: [SSL: WRONG_VERSION_NUMBER] '
                              'wrong version number (_ssl.c:1006)')


@pytest.mark.parametrize('status', [301, 302, 307, 308])
def test_redirects_are_not_followed(scripted, status):
    # X-Api-Key is not a header that requests drops on a redirect to another host.
    client, adapter, dummy, dummy2 = scripted([(status, '', {'Location': 'https://elsewhere.test/v2/listeners'}), (200, {})])
    with pytest.raises(LangSmithError) as err:
        client.request('GET', '/v2/listeners')
    assert len(adapter.sent) == 1
    assert str(err.value).startswith('Request GET /v2/listeners failed: %d' % status)
    assert 'redirects to https://elsewhere.test/v2/listeners' in str(err.value) and 'control_plane_url' in str(err.value)


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


@pytest.mark.parametrize('method, path', [('GET', '/v2/listeners'), ('POST', '/v2/listeners'),
                                          ('PATCH', '/v2/listeners/6f1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d'),
                                          ('DELETE', '/v2/listeners/6f1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d')])
@pytest.mark.parametrize('answer', [(404, {'detail': 'Not Found'}), (404, '<html><body>Page not found</body></html>')],
                         ids=['json', 'html'])
def test_404_from_a_url_without_api_host_names_it(scripted, method, path, answer):
    """A self-hosted URL without /api-host reaches the LangSmith web application, which answers 404."""
    client, dummy, dummy2, dummy3 = scripted([answer], base_url='https://ls.example.com/')
    with pytest.raises(LangSmithError) as err:
        client.request(method, path, expect=(200, 201, 204))
    assert str(err.value).startswith('Request %s %s failed: 404 Not Found: ' % (method, path))
    assert str(err.value).endswith(' (control_plane_url https://ls.example.com/ does not end in /api-host, where a self-hosted '
                                   'LangSmith serves the control plane API: https://<host>/api-host)')


@pytest.mark.parametrize('base_url, detail', [
    ('https://ls.example.com/api-host', 'Not Found'),
    ('https://ls.example.com/langsmith/api-host/', 'Not Found'),
    ('https://eu.api.host.langchain.com', 'Not Found'),
    ('https://api.host.langchain.com/', 'Not Found'),
    ('https://ls.example.com', 'Listener ID 6f1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d not found.'),
], ids=['api-host', 'base-path-api-host', 'hosted-eu', 'hosted-us', 'the-apis-own-unknown-listener'])
def test_404_carries_no_api_host_hint_where_the_url_is_right(scripted, base_url, detail):
    client, dummy, dummy2, dummy3 = scripted([(404, {'detail': detail})], base_url=base_url)
    with pytest.raises(LangSmithError) as err:
        client.request('PATCH', '/v2/listeners/6f1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d')
    assert str(err.value) == 'Request PATCH /v2/listeners/6f1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d failed: 404 Not Found: %s' % detail


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


@pytest.mark.parametrize('options, verify', [
    (dict(ca_path='/etc/private-ca.pem'), '/etc/private-ca.pem'),
    (dict(validate_certs=False), False),
    (dict(), '/env/bundle.pem'),  # no choice made: the environment's CA bundle, as requests does
])
def test_ca_path_and_validate_certs_win_over_requests_ca_bundle(scripted, monkeypatch, options, verify):
    # requests lets REQUESTS_CA_BUNDLE (set in many execution environments) override a session's
    # verify; the client passes its choice with every request instead.
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', '/env/bundle.pem')
    monkeypatch.setenv('CURL_CA_BUNDLE', '/env/bundle.pem')
    client, adapter, dummy, dummy2 = scripted([(200, {})], base_url='https://control-plane.test', **options)
    client.request('GET', '/v2/listeners')
    assert adapter.options[0]['verify'] == verify


def endless(n):
    """n full pages, each with an advancing offset: a control plane that never stops answering."""
    return [(200, page(100, 100 * i)) for i in range(n)]


def test_paginate_stops_after_max_pages(scripted):
    client, adapter, dummy, dummy2 = scripted(endless(5), max_pages=3)
    with pytest.raises(LangSmithError) as err:
        list(client.paginate('/v2/listeners', lambda data: data))
    assert str(err.value) == ('Request GET /v2/listeners: still full pages after 3 pages of 100 (max_pages): stopped. '
                              'Raise max_pages if the workspace really holds more than 300 listeners')
    assert len(adapter.sent) == 3


def test_paginate_asks_for_no_page_after_the_retry_timeout(scripted):
    client, adapter, clock, dummy = scripted(endless(5), retry_timeout=10)

    def slow(data):
        clock.now += 4  # each page takes 4 s to arrive
        return data

    with pytest.raises(LangSmithError, match=r'the listing did not end within the retry_timeout of 10 s \(3 pages of 100 read\)'):
        list(client.paginate('/v2/listeners', slow))
    assert len(adapter.sent) == 3


def test_paginate_default_bound():
    assert Client(api_key='k').max_pages == _client.DEFAULT_MAX_PAGES == 1000


@pytest.mark.parametrize('credential, header', [({'bearer_token': 'tok'}, 'Bearer tok'), ({}, None)])
def test_netrc_neither_replaces_nor_adds_authorization(scripted, monkeypatch, tmp_path, credential, header):
    netrc = tmp_path / 'netrc'
    netrc.write_text('machine control-plane.test login someone password netrc-password-1234\n')
    netrc.chmod(0o600)
    monkeypatch.setenv('NETRC', str(netrc))
    options = dict(credential, api_key=None) if credential else {}
    client, adapter, dummy, dummy2 = scripted([(200, {})], **options)
    client.request('GET', '/v2/listeners')
    assert adapter.sent[0][2].get('Authorization') == header


def test_proxies_from_the_environment_still_apply(scripted, monkeypatch, tmp_path):
    monkeypatch.setenv('NETRC', str(tmp_path / 'none'))
    monkeypatch.setenv('HTTP_PROXY', 'http://proxy.example.com:3128')
    monkeypatch.delenv('NO_PROXY', raising=False)
    monkeypatch.delenv('no_proxy', raising=False)
    client, adapter, dummy, dummy2 = scripted([(200, {})])
    client.request('GET', '/v2/listeners')
    assert adapter.options[0]['proxies'].get('http') == 'http://proxy.example.com:3128'
    assert adapter.sent[0][2]['X-Api-Key'] == 'secret-key'
