# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""TLS and proxies, with real ansible-playbook runs: the emulator over HTTPS with a certificate of a
CA made by the test, and a recording proxy on loopback.

Every run sets REQUESTS_CA_BUNDLE to a public CA bundle, as many execution environments do: ca_path
and validate_certs must win over it.
"""

from urllib.parse import urlsplit

import certifi
import pytest

from ansible_collections.langchain.langsmith.tests.system.netfixtures import RecordingProxy, TLSEmulator, network_env
from ansible_collections.langchain.langsmith.tests.system.plays import Plays, task

pytestmark = pytest.mark.slow


def env(**extra):
    return network_env(REQUESTS_CA_BUNDLE=certifi.where(), **extra)


@pytest.fixture(scope='module')
def tls_server(tmp_path_factory):
    server = TLSEmulator(tmp_path_factory.mktemp('tls'))
    yield server
    server.stop()


@pytest.fixture
def tls(tls_server):
    tls_server.server.reset()
    return tls_server


@pytest.fixture
def emu(shared_emulator):
    shared_emulator.reset()
    return shared_emulator


@pytest.fixture
def proxy():
    server = RecordingProxy()
    yield server
    server.stop()


def test_https_without_ca_path_fails_naming_certificate_verification(tls, tmp_path, ids):
    plays = Plays(tmp_path, control_plane_url=tls.url, api_key=ids['api_key'])
    out = plays.run('tls-without-ca-path', task(compute_id='tls-1'), env=env())
    assert out.rc != 0
    msg = out.result['msg']
    assert msg.startswith('TLS certificate verification failed for %s/v2/listeners: ' % tls.url)
    assert 'certificate verify failed' in msg and 'Set ca_path to the bundle of the CA' in msg
    assert not out.result.get('warnings')  # not retried
    assert tls.server.stats()['total'] == 0  # the handshake failed: no request reached the API


def test_https_with_ca_path_succeeds(tls, tmp_path, ids):
    plays = Plays(tmp_path, control_plane_url=tls.url, api_key=ids['api_key'])
    out = plays.run('tls-with-ca-path', task(compute_id='tls-2', ca_path=tls.ca_path), env=env())
    assert out.rc == 0, out
    assert out.result['changed'] and not out.result.get('warnings')
    assert [item['id'] for item in tls.server.listeners()] == [out.result['listener']['id']]


def test_https_with_validate_certs_false_succeeds_and_warns(tls, tmp_path, ids):
    plays = Plays(tmp_path, control_plane_url=tls.url, api_key=ids['api_key'])
    out = plays.run('tls-validate-certs-false', task(compute_id='tls-3', validate_certs=False), env=env())
    assert out.rc == 0, out
    assert out.result['changed'] and len(tls.server.listeners()) == 1
    assert out.result['warnings'] == ['validate_certs is false: the TLS certificate of %s is not verified' % tls.url]
    assert '[WARNING]: validate_certs is false' in out.output


@pytest.mark.parametrize('variable', ['HTTP_PROXY', 'http_proxy'])
def test_http_proxy_is_honoured(emu, proxy, tmp_path, ids, variable):
    plays = Plays(tmp_path, control_plane_url=emu.url, api_key=ids['api_key'])
    out = plays.run('proxy-%s' % variable, task(compute_id='via-proxy'), task(compute_id='via-proxy'),
                    env=env(**{variable: proxy.url}))
    assert out.rc == 0, out
    assert proxy.seen == [('POST', emu.url + '/v2/listeners'), ('POST', emu.url + '/v2/listeners'),
                          ('GET', emu.url + '/v2/listeners?limit=100&offset=0')]
    assert [e['status'] for e in emu.stats()['log']] == [201, 409, 200]
    # the emulator is on loopback, but its http:// goes through the proxy: the key reaches the proxy in clear
    assert out.result['warnings'] == [
        'control_plane_url %s is plain http:// and the environment sends it through the proxy %s (HTTP_PROXY or '
        'ALL_PROXY, the host not in NO_PROXY): the API key reaches the proxy unencrypted. Add the host to NO_PROXY, or '
        'use https://' % (emu.url, proxy.url)]


def test_https_proxy_is_honoured(tls, proxy, tmp_path, ids):
    plays = Plays(tmp_path, control_plane_url=tls.url, api_key=ids['api_key'], ca_path=tls.ca_path)
    out = plays.run('proxy-HTTPS_PROXY', task(compute_id='via-tunnel'), env=env(HTTPS_PROXY=proxy.url))
    assert out.rc == 0, out
    assert proxy.seen == [('CONNECT', urlsplit(tls.url).netloc)]  # one tunnel, the API's TLS inside it
    assert [e['status'] for e in tls.server.stats()['log']] == [201]


@pytest.mark.parametrize('no_proxy', ['127.0.0.1', 'example.com,127.0.0.0/8'])
def test_no_proxy_bypasses_the_proxy(emu, tls, proxy, tmp_path, ids, no_proxy):
    plain = Plays(tmp_path, control_plane_url=emu.url, api_key=ids['api_key'])
    secure = Plays(tmp_path, control_plane_url=tls.url, api_key=ids['api_key'], ca_path=tls.ca_path)
    variables = env(HTTP_PROXY=proxy.url, HTTPS_PROXY=proxy.url, NO_PROXY=no_proxy)
    for name, plays in (('plain', plain), ('secure', secure)):
        out = plays.run('proxy-bypassed-%s-%s' % (name, no_proxy.split(',')[0]), task(compute_id='direct'), env=variables)
        assert out.rc == 0, out
    assert proxy.seen == []
    assert len(emu.listeners()) == 1 and len(tls.server.listeners()) == 1
