# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A server posing as the control plane that never finishes its answer, or sends one without end:
each attempt ends within its ``timeout`` in total (connect, headers and body), a task within
``retry_timeout + timeout``, and no more than MAX_BODY of an answer is ever read (docs/reliability.md).
Over real sockets on loopback (netfixtures.HostileServer): through the client in this process, and
through a module in ansible-playbook."""

import time
import tracemalloc

import pytest

from ansible_collections.langchain.langsmith.plugins.module_utils._client import MAX_BODY, Client
from ansible_collections.langchain.langsmith.plugins.module_utils._errors import LangSmithError
from ansible_collections.langchain.langsmith.tests.system.netfixtures import HostileServer, flood, network_env, trickle
from ansible_collections.langchain.langsmith.tests.system.plays import Plays, task

HEAD = b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n'
PAGE = b'{"resources": [], "offset": 0}' + b' ' * 30
# A page sent one byte every 0.3 s: 18 s for the whole answer, every byte well within any read timeout.
TRICKLED_BODY = trickle(HEAD % len(PAGE), PAGE, 0.3)
TRICKLED_HEAD = trickle(HEAD % len(PAGE) + PAGE, None, 0.3)
# What time a task may take past retry_timeout + timeout in these tests: thread and socket overheads of a
# loaded machine (the answers trickle for far longer, so without the bound they would pass it by seconds).
SLACK = 1.0


@pytest.fixture
def hostile():
    servers = []

    def start(answer):
        servers.append(HostileServer(answer))
        return servers[-1]
    yield start
    for server in servers:
        server.stop()


def listing(server, **options):
    """List the listeners of ``server`` with a client of ``options``; (the error, seconds it took)."""
    client = Client(base_url=server.url, api_key='lsv2_sk_hostile_test', **options)
    started = time.monotonic()
    with pytest.raises(LangSmithError) as err:
        client.request('GET', '/v2/listeners')
    return err.value, time.monotonic() - started


def test_a_trickled_body_ends_each_attempt_at_its_timeout(hostile):
    server = hostile(TRICKLED_BODY)
    error, took = listing(server, timeout=1, retries=5, retry_timeout=3)
    assert took <= 3 + 1 + SLACK, took
    assert str(error).startswith('Request GET /v2/listeners failed: the answer from %s/v2/listeners did not arrive in full '
                                 'within 1 s (timeout) (gave up after ' % server.url), str(error)
    assert 'retry_timeout of 3 s reached' in str(error)
    assert len(server.connections) >= 2  # retried, as a read timeout is
    time.sleep(1.5)
    # no abandoned attempt lingers: the server saw the client go (at its next byte) soon after the attempt's
    # timeout, not when the 18 s answer would have ended
    assert all(end is not None and end - start <= 1 + SLACK for start, end in server.connections), server.connections


def test_a_trickled_head_ends_each_attempt_at_its_timeout(hostile):
    server = hostile(TRICKLED_HEAD)
    error, took = listing(server, timeout=1, retries=5, retry_timeout=2)
    assert took <= 2 + 1 + SLACK, took
    assert str(error).startswith('Request GET %s/v2/listeners timed out: no answer within 1 s (timeout), gave up after '
                                 % server.url), str(error)


def test_an_answer_that_says_it_is_larger_than_the_cap_is_not_read(hostile):
    server = hostile(flood(1024 ** 3))
    error, took = listing(server, timeout=10, retries=5, retry_timeout=20)
    assert str(error) == 'Request GET /v2/listeners answered more than 8 MiB, the most that is read of one answer: not read further, not retried'
    assert len(server.connections) == 1 and took < 5


def test_an_answer_without_a_length_is_read_up_to_the_cap_and_no_further(hostile):
    server = hostile(flood(1024 ** 3, content_length=False))
    tracemalloc.start()
    try:
        error, dummy = listing(server, timeout=30, retries=5, retry_timeout=60)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert 'answered more than 8 MiB' in str(error) and len(server.connections) == 1
    # the chunks read, and their join: a bound of a few times MAX_BODY, where a 1 GiB answer took 3 GB
    assert peak < 3 * MAX_BODY, peak


def test_an_answer_of_a_right_size_is_read_whole(hostile):
    body = b'{"resources": [], "offset": 0, "padding": "%s"}' % (b'x' * (MAX_BODY - 100))
    server = hostile(lambda conn, srv: conn.sendall(HEAD % len(body) + body))
    client = Client(base_url=server.url, api_key='lsv2_sk_hostile_test')
    assert client.request('GET', '/v2/listeners').data['resources'] == []
    assert b'\r\nAccept-Encoding: identity\r\n' in server.requests[0]


def test_a_compressed_answer_is_refused(hostile):
    server = hostile(lambda conn, srv: conn.sendall(
        b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\nabcd'))
    error, dummy = listing(server)
    assert str(error) == ('Request GET /v2/listeners answered with Content-Encoding gzip although only identity was accepted: '
                          'not read, not retried')


@pytest.mark.slow
def test_a_task_against_a_trickling_server_ends_within_retry_timeout_plus_timeout(hostile, tmp_path):
    server = hostile(TRICKLED_BODY)
    plays = Plays(tmp_path, control_plane_url=server.url, api_key='lsv2_sk_hostile_test', timeout=2, retry_timeout=3)
    out = plays.run('trickled-answer', task('listener_info'), env=network_env())
    ended = time.monotonic()
    assert out.rc != 0 and out.result['failed']
    assert 'did not arrive in full within 2 s (timeout)' in out.result['msg'] and 'retry_timeout of 3 s reached' in out.result['msg']
    # from the module's first request to the end of ansible-playbook (which also reports the failure)
    assert ended - server.connections[0][0] <= 3 + 2 + SLACK + 2, ended - server.connections[0][0]


@pytest.mark.slow
def test_a_task_against_a_flooding_server_fails_at_once(hostile, tmp_path):
    server = hostile(flood(1024 ** 3, content_length=False))
    plays = Plays(tmp_path, control_plane_url=server.url, api_key='lsv2_sk_hostile_test')
    out = plays.run('flooding-answer', task('listener_info'), env=network_env())
    assert out.rc != 0
    assert out.result['msg'] == ('Request GET /v2/listeners answered more than 8 MiB, the most that is read of one answer: not '
                                 'read further, not retried')
    assert len(server.connections) == 1
