# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The fault table of docs/docsite/rst/reliability.rst, one test per row: real ansible-playbook runs against the
emulator on loopback, with faults injected by the emulator (see its ``Fault`` class). Times are read
from the emulator's request log, never from a stopwatch around the test."""

import json
import socket
import threading
import time
import urllib.request
from urllib.parse import urlsplit

import pytest

from ansible_collections.langchain.langsmith.tests.system.plays import Plays, task

pytestmark = pytest.mark.slow

LISTENERS = '/v2/listeners'
PROXY_ERROR_PAGE = ('<html><head><title>502 Proxy Error</title></head><body><h1>Proxy Error</h1>'
                    '<p>The proxy server received an invalid response from an upstream server.</p></body></html>')
LOGIN_PAGE = '<html><head><title>Sign in</title></head><body><form action="/login">Corporate proxy sign-in</form></body></html>'


@pytest.fixture
def emu(shared_emulator):
    shared_emulator.reset()
    return shared_emulator


@pytest.fixture
def plays(tmp_path, emu, ids):
    return Plays(tmp_path, control_plane_url=emu.url, api_key=ids['api_key'])


def requests_seen(emu):
    """The API requests the emulator received, as (method, route, status)."""
    return [(e['method'], e['route'], e['status']) for e in emu.stats()['log']]


def test_503_twice_on_post_then_created(emu, plays):
    emu.fault(method='POST', path=LISTENERS, status=503, times=2)
    out = plays.run('faults-503-twice', task(compute_id='row-503', k8s_namespaces=['agents']))
    assert out.rc == 0, out
    assert out.result['changed'] and out.result['msg'] == 'Listener row-503 created'
    assert [item['id'] for item in emu.listeners()] == [out.result['listener']['id']]
    assert requests_seen(emu) == [('POST', LISTENERS, 503), ('POST', LISTENERS, 503), ('POST', LISTENERS, 201)]
    warnings = out.result['warnings']
    assert len(warnings) == 2
    for number, warning in enumerate(warnings, 1):
        assert warning.startswith('POST /v2/listeners: 503 Service Unavailable; retrying in ')
        assert warning.endswith(' s (retry %d of 5)' % number)
    assert out.output.count('[WARNING]: POST /v2/listeners: 503 Service Unavailable; retrying in') == 2


def test_429_with_retry_after_waits_as_asked(emu, plays):
    emu.fault(method='POST', path=LISTENERS, status=429, retry_after=2, times=1)
    out = plays.run('faults-429-retry-after', task(compute_id='row-429'))
    assert out.rc == 0, out
    assert out.result['changed'] and len(emu.listeners()) == 1
    log = emu.stats()['log']
    assert [e['status'] for e in log] == [429, 201]
    assert log[1]['time'] - log[0]['time'] >= 2.0
    assert out.result['warnings'] == ['POST /v2/listeners: 429 Too Many Requests; retrying in 2.0 s as Retry-After asked '
                                      '(retry 1 of 5)']


@pytest.mark.parametrize('fault, first_status, warning', [
    (dict(status=502, after_commit=True), 502, 'POST /v2/listeners: 502 Bad Gateway; retrying in '),
    (dict(drop_connection=True), 'dropped', 'POST /v2/listeners: connection to %s/v2/listeners was lost: '),
], ids=['502-after-commit', 'connection-dropped-after-commit'])
def test_lost_create_answer_converges_to_one_listener(emu, plays, fault, first_status, warning):
    emu.fault(method='POST', path=LISTENERS, times=1, **fault)
    out = plays.run('faults-lost-%s' % first_status, task(compute_id='row-lost', k8s_namespaces=['a']),
                    task(compute_id='row-lost', k8s_namespaces=['a']))
    assert out.rc == 0, out
    first, rerun = out.results
    listeners = emu.listeners()
    assert len(listeners) == 1
    assert first['listener']['id'] == listeners[0]['id'] == rerun['listener']['id']
    assert first['changed'] and first['msg'] == 'Listener row-lost created (the answer to the first create request was lost)'
    assert not rerun['changed'] and rerun['msg'] == 'Listener row-lost is up to date'
    assert requests_seen(emu) == [('POST', LISTENERS, first_status), ('POST', LISTENERS, 409), ('GET', LISTENERS, 200),
                                  ('POST', LISTENERS, 409), ('GET', LISTENERS, 200)]
    assert len(first['warnings']) == 1 and first['warnings'][0].startswith(warning.replace('%s', emu.url))


@pytest.mark.parametrize('options, stop', [
    (dict(retries=3, retry_timeout=60), 'no retries left (retries=3)'),
    (dict(retries=50, retry_timeout=3), 'retry_timeout of 3 s reached'),
], ids=['bounded-by-retries', 'bounded-by-retry_timeout'])
def test_500_on_every_request_fails_within_the_retry_bound(emu, plays, options, stop):
    emu.fault(status=500)
    out = plays.run('faults-500-%s' % options['retries'], task(compute_id='row-500', **options))
    assert out.rc != 0
    msg = out.result['msg']
    assert msg.startswith('Request POST /v2/listeners failed: 500 Internal Server Error: Injected fault: 500 (gave up after ')
    assert msg.endswith(': %s)' % stop)
    log = emu.stats()['log']
    assert {(e['method'], e['status']) for e in log} == {('POST', 500)}
    assert log[-1]['time'] - log[0]['time'] <= options['retry_timeout']
    if options['retries'] == 3:
        assert len(log) == 4
    else:  # waits of 0.25-0.5, 0.5-1, 1-2 s...; a retry needs 1 s left of the 3: a fifth attempt cannot fit
        assert 2 <= len(log) <= 4
    assert len(out.result['warnings']) == len(log) - 1
    assert emu.listeners() == []


@pytest.mark.parametrize('times', [1, None], ids=['recovers', 'gives-up'])
def test_read_timeout_on_a_get_is_retried_then_named(emu, plays, times):
    emu.fault(method='GET', path=LISTENERS, delay=3, times=times)
    out = plays.run('faults-read-timeout-%s' % times, task('listener_info', timeout=1, retries=2, retry_timeout=30))
    url = '%s/v2/listeners?limit=100&offset=0' % emu.url
    log = emu.stats()['log']
    assert all(e['method'] == 'GET' for e in log)
    for warning in out.result['warnings']:
        assert warning.startswith('GET /v2/listeners: no answer from %s within 1 s; retrying in ' % url)
    if times == 1:
        assert out.rc == 0, out
        assert len(log) == 2 and log[1]['time'] - log[0]['time'] >= 1
        assert len(out.result['warnings']) == 1
    else:
        assert out.rc != 0
        assert len(log) == 3 and len(out.result['warnings']) == 2
        assert out.result['msg'].startswith('Request GET %s timed out: no answer within 1 s (timeout), gave up after 3 '
                                            'attempts in ' % url)
        assert out.result['msg'].endswith(': no retries left (retries=2)')


@pytest.mark.parametrize('fault, error', [
    (dict(method='GET', status=200, body=LOGIN_PAGE, content_type='text/html'),
     'Request GET /v2/listeners answered 200 with a body that is not JSON (Content-Type text/html): %s' % LOGIN_PAGE),
    (dict(method='GET', status=200, json={'resources': [{'compute_id': 'row-bad'}], 'offset': 1}),
     'The answer to GET /v2/listeners does not match the API schema (ListenersList): resources.0.compute_type: Field '
     'required; resources.0.compute_config: Field required; resources.0.id: Field required; resources.0.created_at: '
     'Field required; resources.0.updated_at: Field required'),
], ids=['html-page', 'json-missing-fields'])
def test_unreadable_list_answer_is_a_clear_error_and_nothing_is_written(emu, plays, fault, error):
    emu.seed(1, prefix='row-bad-')
    before = emu.listeners()
    emu.fault(path=LISTENERS, times=1, **fault)
    out = plays.run('faults-unreadable-list-%s' % ('html' if 'body' in fault else 'json'),
                    task(compute_id='row-bad-00000', state='absent'))
    assert out.rc != 0
    assert out.result['msg'] == error
    assert requests_seen(emu) == [('GET', LISTENERS, 200)]  # not retried, no DELETE
    assert emu.listeners() == before


@pytest.mark.parametrize('fault, error', [
    (dict(status=201, after_commit=True, body=PROXY_ERROR_PAGE, content_type='text/html'),
     'Request POST /v2/listeners answered 201 with a body that is not JSON (Content-Type text/html): <html><head><title>'
     '502 Proxy Error</title></head><body><h1>Proxy Error</h1><p>The proxy server received an invalid response from an '
     'upstream server.</p></body></html>'),
    (dict(status=201, after_commit=True, json={'compute_id': 'row-unreadable', 'compute_type': 'k8s'}),
     'The answer to POST /v2/listeners does not match the API schema (Listener): compute_config: Field required; id: '
     'Field required; created_at: Field required; updated_at: Field required'),
], ids=['html-page', 'json-missing-fields'])
def test_unreadable_create_answer_is_a_clear_error_and_nothing_is_written_twice(emu, plays, fault, error):
    emu.fault(method='POST', path=LISTENERS, times=1, **fault)
    out = plays.run('faults-unreadable-create-%s' % ('html' if 'body' in fault else 'json'),
                    task(compute_id='row-unreadable', keywords={'ignore_errors': True}), task(compute_id='row-unreadable'))
    assert out.rc == 0, out
    failed, rerun = out.results
    assert failed['failed'] and failed['msg'] == error + (
        '. The control plane answered 201 Created, so the listener exists: the next run finds it by compute_id '
        'and creates nothing')
    listeners = emu.listeners()
    assert len(listeners) == 1
    assert not rerun['changed'] and rerun['listener']['id'] == listeners[0]['id']
    assert requests_seen(emu) == [('POST', LISTENERS, 201), ('POST', LISTENERS, 409), ('GET', LISTENERS, 200)]


def test_html_error_page_of_a_proxy_is_retried_then_quoted(emu, plays):
    emu.fault(method='POST', path=LISTENERS, status=502, body=PROXY_ERROR_PAGE, content_type='text/html')
    out = plays.run('faults-proxy-502-page', task(compute_id='row-proxy', retries=1))
    assert out.rc != 0
    msg = out.result['msg']
    assert msg.startswith('Request POST /v2/listeners failed: 502 Bad Gateway: <html><head><title>502 Proxy Error</title>')
    assert ' (gave up after 2 attempts in ' in msg and msg.endswith(' s: no retries left (retries=1))')
    assert requests_seen(emu) == [('POST', LISTENERS, 502)] * 2 and emu.listeners() == []


def test_404_on_delete_because_another_run_won_is_ok(emu, plays, ids):
    emu.seed(1, prefix='row-404-')
    listener_id = emu.listeners()[0]['id']
    # The module's DELETE waits 5 s in the emulator; meanwhile another client deletes the listener.
    emu.fault(method='DELETE', path='/v2/listeners/{id}', delay=5, times=1)
    outcome = {}
    runner = threading.Thread(target=lambda: outcome.update(out=plays.run('faults-404-on-delete',
                                                                          task(compute_id='row-404-00000', state='absent'))))
    runner.start()
    deadline = time.time() + 120
    while not any(e['method'] == 'DELETE' for e in emu.stats()['log']) and time.time() < deadline:
        time.sleep(0.05)
    other = urllib.request.Request('%s/v2/listeners/%s' % (emu.url, listener_id), method='DELETE',
                                   headers={'X-Api-Key': ids['api_key']})
    with urllib.request.urlopen(other, timeout=30) as answer:  # nosec - the emulator on loopback
        assert answer.status == 204
    runner.join(300)
    out = outcome['out']
    assert out.rc == 0, out
    assert not out.result['changed'] and out.result['msg'] == 'Listener row-404-00000 was already deleted'
    assert [e['status'] for e in emu.stats()['log'] if e['method'] == 'DELETE'] == [404, 204]  # logged on arrival
    assert emu.listeners() == []


def test_emulator_drop_connection_closes_the_socket_without_an_answer(emu, ids):
    """The emulator's drop_connection fault, over a real socket: the request is carried out, then the
    connection is closed with no status line at all (what a proxy losing the answer looks like)."""
    emu.fault(method='POST', path=LISTENERS, drop_connection=True, times=1)
    body = json.dumps({'compute_type': 'k8s', 'compute_id': 'row-drop', 'compute_config': {}}).encode()
    url = urlsplit(emu.url)
    head = ('POST /v2/listeners HTTP/1.1\r\nHost: %s\r\nX-Api-Key: %s\r\nContent-Type: application/json\r\n'
            'Content-Length: %d\r\n\r\n' % (url.netloc, ids['api_key'], len(body))).encode()
    with socket.create_connection((url.hostname, url.port), timeout=30) as sock:
        sock.sendall(head + body)
        received = b''
        try:
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                received += chunk
        except ConnectionResetError:
            pass
    assert received == b''
    assert [item['compute_id'] for item in emu.listeners()] == ['row-drop']
    assert requests_seen(emu) == [('POST', LISTENERS, 'dropped')]
