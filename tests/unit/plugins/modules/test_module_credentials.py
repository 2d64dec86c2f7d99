# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Malformed and leaked credentials through the modules' main(), against the in-process emulator:
what a vault entry made with `echo KEY | ansible-vault encrypt_string` holds (a trailing newline),
what cannot go into a header, and an API that quotes the key back."""

import json

import pytest

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.testing import patch_module_args

from ansible_collections.langchain.langsmith.plugins.modules import listener, listener_info
from ansible_collections.langchain.langsmith.tests.unit.fakes import BASE_URL, load_emulator

EMU = load_emulator()
pytestmark = pytest.mark.usefixtures('clean_langsmith_env')
# The distinctive part of the emulator's keys: a leak is any of it in the output.
DISTINCT = ('workspace_0123', 'bearer.token-0123', '0123456789abcdef')


def run(capsys, module=listener, **args):
    args.setdefault('control_plane_url', BASE_URL)
    with patch_module_args(args):
        with pytest.raises(SystemExit) as exit_info:
            module.main()
    out = capsys.readouterr().out
    return exit_info.value.code != 0, json.loads(out), out


def assert_no_credential(out):
    for part in DISTINCT:
        assert part not in out, out


@pytest.mark.parametrize('wrap', ['{}\n', '{}\r\n', ' {}', '\t{} \n'], ids=['newline', 'crlf', 'leading-space', 'both'])
@pytest.mark.parametrize('credential', ['api_key', 'bearer_token'])
def test_white_space_around_a_credential_is_stripped(emulator, capsys, wrap, credential):
    value = EMU.API_KEY if credential == 'api_key' else EMU.BEARER_TOKEN
    failed, result, out = run(capsys, compute_id='c1', k8s_namespaces=['a'], **{credential: wrap.format(value)})
    assert not failed and result['msg'] == 'Listener c1 created', out
    failed, result, out = run(capsys, listener_info, **{credential: wrap.format(value)})
    assert not failed and [item['compute_id'] for item in result['listeners']] == ['c1']
    assert_no_credential(out)


@pytest.mark.parametrize('bad, what', [
    (EMU.API_KEY[:12] + '\n' + EMU.API_KEY[12:], 'a control character at position 13'),
    (EMU.API_KEY + '\x00', 'a control character at position 44'),
    (EMU.API_KEY + '\u20ac', 'a character that is not printable ASCII at position 44'),   # not Latin-1: a crash until now
    (EMU.API_KEY + '\u00e9', 'a character that is not printable ASCII at position 44'),
])
def test_what_cannot_go_into_a_header_fails_naming_the_option(emulator, capsys, bad, what):
    failed, result, out = run(capsys, compute_id='c1', api_key=bad)
    assert failed
    assert result['msg'].startswith('api_key holds %s' % what), result['msg']
    assert 'Traceback' not in out and 'exception' not in result
    assert emulator.methods() == []
    assert_no_credential(out)


@pytest.mark.parametrize('echo', [
    lambda key: 'invalid key %s' % key,
    lambda key: 'invalid key %r' % (key + '\n'),
    lambda key: 'invalid key %s' % json.dumps(key + '"'),
])
def test_an_api_error_that_quotes_the_key_is_masked(emulator, capsys, echo):
    emulator.fault(method='POST', path='/v2/listeners', status=400, json={'detail': echo(EMU.API_KEY)})
    failed, result, out = run(capsys, compute_id='c1', api_key=EMU.API_KEY + '\n')
    assert failed and result['msg'].startswith('Request POST /v2/listeners failed: 400 Bad Request: invalid key ')
    assert '********' in result['msg']
    assert_no_credential(out)


@pytest.mark.parametrize('url, warned', [
    ('http://control-plane.test', True),
    ('http://10.0.0.7:8080', True),
    ('http://127.0.0.1:8080', False),
    ('http://localhost:8080', False),
    ('http://[::1]:8080', False),
    ('https://control-plane.test', False),
])
def test_plain_http_to_a_host_that_is_not_loopback_warns_naming_the_url(emulator, capsys, monkeypatch, url, warned):
    warnings = []
    monkeypatch.setattr(AnsibleModule, 'warn', lambda self, msg: warnings.append(msg))
    failed, result, dummy = run(capsys, listener_info, api_key=EMU.API_KEY, control_plane_url=url)
    assert not failed, result
    expected = ('control_plane_url %s is plain http:// to a host that is not loopback: the API key crosses the network '
                'unencrypted, readable by anyone on the way. Use https://' % url)
    assert warnings == ([expected] if warned else [])


def test_max_pages_bounds_a_listing(emulator, capsys):
    emulator.seed(250)
    failed, result, dummy = run(capsys, listener_info, api_key=EMU.API_KEY, max_pages=2)
    assert failed and 'still full pages after 2 pages of 100 (max_pages)' in result['msg']
    failed, result, dummy = run(capsys, listener_info, api_key=EMU.API_KEY, max_pages=0)
    assert failed and result['msg'] == 'max_pages must be 1 or more, got 0'
