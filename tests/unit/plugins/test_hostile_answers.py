# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the control plane answers is hostile input too: a credential quoted near the cut of a long
text, answers of a shape nobody foresaw, JSON nested without end, control characters and ANSI
escapes, a Retry-After of 0. Through the client, the modules and the inventory plugin. (A trickled or
huge answer, over a real socket: tests/system/test_hostile_answers.py.)"""

import json

import pytest
import requests

from ansible.errors import AnsibleError
from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.testing import patch_module_args

from ansible_collections.langchain.langsmith.plugins.module_utils import _client, _connection
from ansible_collections.langchain.langsmith.plugins.module_utils._errors import LangSmithError
from ansible_collections.langchain.langsmith.plugins.module_utils._secrets import Scrubber
from ansible_collections.langchain.langsmith.plugins.modules import listener, listener_info
from ansible_collections.langchain.langsmith.tests.unit.fakes import BASE_URL, load_emulator, run_module
from ansible_collections.langchain.langsmith.tests.unit.plugins.inventory.test_listeners_inventory import config, parse

EMU = load_emulator()
KEY = EMU.API_KEY  # where the emulator must accept the key
# Where it need not (an injected fault answers before the key is checked, or no request is sent): a
# key none of whose 8 characters in a row can occur in a message by accident.
CANARY = 'lsv2_sk_Qz7XwV9bNmKpLr3TyUeIoPa1SdFgHjKl0'
pytestmark = pytest.mark.usefixtures('clean_langsmith_env')


def leaked(text, secret=CANARY, run=8):
    """Any ``run`` characters in a row of ``secret`` in ``text``: a truncated echo counts."""
    return [secret[i:i + run] for i in range(len(secret) - run + 1) if secret[i:i + run] in text]


def page_quoting_the_key(at):
    """An HTML error page (a proxy's) whose text quotes the key from character ``at`` on."""
    return '<html>' + 'x' * (at - 6) + CANARY + 'y' * 300 + '</html>'


# -- scrubbed before it is cut short -------------------------------------------------------------

@pytest.mark.parametrize('at', [150, 180, 192])
def test_a_key_quoted_where_a_page_is_cut_is_masked_whole(at):
    text = page_quoting_the_key(at)
    assert leaked(text[:200])  # what the message would print, cut before masking
    quoted = _client.format_detail(None, text, Scrubber([CANARY]))
    assert not leaked(quoted) and '********' in quoted


@pytest.mark.parametrize('at', [180, 192])
def test_a_module_never_prints_the_part_of_a_key_before_the_cut(emulator, capsys, at):
    emulator.fault(method='POST', path='/v2/listeners', status=400, body=page_quoting_the_key(at))
    result = run_module(listener, capsys, compute_id='c1', api_key=CANARY)
    assert result['failed'] and result['msg'].startswith('Request POST /v2/listeners failed: 400 Bad Request: <html>xxx')
    assert not leaked(json.dumps(result)), result['msg']


def test_the_inventory_plugin_never_prints_the_part_of_a_key_before_the_cut(emulator, tmp_path):
    emulator.fault(method='GET', path='/v2/listeners', status=400, body=page_quoting_the_key(190))
    with pytest.raises(AnsibleError) as err:
        parse(tmp_path, config().replace(KEY, CANARY))
    assert 'Request GET /v2/listeners failed: 400 Bad Request: <html>' in str(err.value)
    assert not leaked(str(err.value)), str(err.value)


def test_an_exception_text_is_scrubbed_before_it_is_cut(scripted):
    lost = requests.exceptions.ConnectionError('x' * 280 + CANARY)
    client, dummy, dummy2, warnings = scripted([lost, lost], retries=1, scrub=Scrubber([CANARY]))
    with pytest.raises(LangSmithError) as err:
        client.request('GET', '/v2/listeners')
    assert 'was lost: xxx' in str(err.value)
    assert not leaked(str(err.value)) and not leaked(' '.join(warnings))


# -- answers of an unforeseen shape ----------------------------------------------------------------

@pytest.mark.parametrize('body', ['[' * 100000 + ']' * 100000, '{"resources": [], "offset": 0, "x": %s}' % ('[' * 40 + ']' * 40)],
                         ids=['deeper-than-python-reads', 'deeper-than-max-depth'])
@pytest.mark.parametrize('status', [200, 400])
def test_json_nested_too_deep_is_a_clear_error(emulator, capsys, body, status):
    emulator.fault(method='GET', path='/v2/listeners', status=status, body=body, content_type='application/json')
    result = run_module(listener_info, capsys, api_key=KEY)
    assert result['failed']
    if status == 200:
        assert result['msg'] == ('Request GET /v2/listeners answered 200 with JSON nested deeper than 32 levels, which no '
                                 'answer of the API is: not read')
    else:  # the error's body is quoted as text instead, cut short
        assert result['msg'].startswith('Request GET /v2/listeners failed: 400 Bad Request: ')
        assert len(result['msg']) < 300


@pytest.mark.parametrize('detail, shown', [
    ({'reason': 'x'}, "{'reason': 'x'}"),
    ([1, 'two', None], '1; two; None'),
    ([{'loc': 5, 'msg': 'm'}], '5: m'),
    ([{'loc': 'body', 'msg': {'a': 1}}], "body: {'a': 1}"),
    ([{'msg': 'no loc'}], '(request): no loc'),
    (42, '42'),
])
def test_a_detail_of_any_type_is_shown(emulator, capsys, detail, shown):
    emulator.fault(method='GET', path='/v2/listeners', status=400, json={'detail': detail})
    result = run_module(listener_info, capsys, api_key=KEY)
    assert result['failed'] and result['msg'] == 'Request GET /v2/listeners failed: 400 Bad Request: %s' % shown


def test_a_key_in_a_location_that_is_a_string_is_masked(emulator, capsys):
    # Joined character by character ("l.s.v.2._..."), the key would pass the scrubber.
    emulator.fault(method='GET', path='/v2/listeners', status=400, json={'detail': [{'loc': CANARY, 'msg': 'bad'}]})
    result = run_module(listener_info, capsys, api_key=CANARY)
    assert result['msg'] == 'Request GET /v2/listeners failed: 400 Bad Request: ********: bad'


def test_any_exception_reading_an_answer_is_a_scrubbed_message_naming_the_request(emulator, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise TypeError('cannot handle %s' % KEY)

    monkeypatch.setattr(_client, 'format_detail', broken)
    emulator.fault(method='GET', path='/v2/listeners', status=400, json={'detail': 'x'})
    result = run_module(listener_info, capsys, api_key=KEY)
    assert result['failed']
    assert result['msg'] == 'Request GET /v2/listeners: its answer could not be read (TypeError: cannot handle ********)'


def test_a_page_that_cannot_be_parsed_names_the_request(scripted):
    client, dummy, dummy2, dummy3 = scripted([(200, {'resources': [], 'offset': 0})], scrub=Scrubber([KEY]))

    def parse_page(data):
        raise KeyError(KEY)

    with pytest.raises(LangSmithError) as err:
        list(client.paginate('/v2/listeners', parse_page))
    assert str(err.value) == "Request GET /v2/listeners: its answer could not be read (KeyError: '********')"


def test_a_result_that_cannot_be_returned_fails_with_a_scrubbed_message(emulator, capsys, monkeypatch):
    def too_deep(self, data):
        raise RecursionError('maximum recursion depth exceeded near %s' % KEY)

    monkeypatch.setattr(Scrubber, 'deep', too_deep)
    result = run_module(listener_info, capsys, api_key=KEY)
    assert result['failed']
    assert result['msg'] == ('The result of request GET /v2/listeners could not be returned (RecursionError: maximum '
                             'recursion depth exceeded near ********)')


# -- control characters from the API ---------------------------------------------------------------

def test_control_characters_and_ansi_escapes_are_shown_escaped(emulator, capsys):
    emulator.fault(method='GET', path='/v2/listeners', status=403,
                   json={'detail': '\x1b[2J\x1b[31mforged\r\n[WARNING]: \u202eall fine\x07'})
    result = run_module(listener_info, capsys, api_key=KEY)
    assert result['failed']
    assert '\\x1b[2J\\x1b[31mforged\\x0d\\x0a[WARNING]: \\u202eall fine\\x07' in result['msg']
    assert not any(char in result['msg'] for char in '\x1b\r\n\x07\u202e')


def test_a_warning_is_shown_escaped(monkeypatch):
    warnings = []
    monkeypatch.setattr(AnsibleModule, 'warn', lambda self, msg: warnings.append(msg))
    with patch_module_args({'api_key': KEY}):
        lsm = _connection.LangSmithModule(argument_spec={})
    lsm.warn('GET /v2/listeners: 503 \x1b[1mBusy %s; retrying' % KEY)
    assert warnings == ['GET /v2/listeners: 503 \\x1b[1mBusy ********; retrying']


# -- Retry-After of 0, or negative -----------------------------------------------------------------

@pytest.mark.parametrize('value', ['0', '-5', 'nan', 'Thu, 01 Jan 1970 00:00:00 GMT'])
def test_retry_after_never_shortens_the_backoff(scripted, monkeypatch, value):
    monkeypatch.setattr(_client.random, 'uniform', lambda low, high: high)
    client, dummy, clock, warnings = scripted([(429, {}, {'Retry-After': value})] * 3 + [(200, {})])
    client.request('GET', '/v2/listeners')
    assert clock.sleeps == [0.5, 1.0, 2.0]
    assert warnings[0] == ('GET /v2/listeners: 429 Too Many Requests; retrying in 0.5 s, not the 0 s that Retry-After '
                           'asked: never less than the backoff (retry 1 of 5)')


def test_a_longer_retry_after_still_wins_over_the_backoff(scripted):
    client, dummy, clock, dummy2 = scripted([(429, {}, {'Retry-After': '7'}), (200, {})])
    client.request('GET', '/v2/listeners')
    assert clock.sleeps == [7.0]


# -- options that must not echo what was pasted into them --------------------------------------------

@pytest.mark.parametrize('args, expected', [
    (dict(workspace_id=CANARY), 'workspace_id must be a workspace ID (a UUID), got a value of %d characters that is not '
                                'one (not shown: it may be a credential put in the wrong place)' % len(CANARY)),
    (dict(control_plane_url=CANARY), 'control_plane_url must be an http:// or https:// URL with a host name, got a value of '
                                     '%d characters without a scheme and host (not shown: it may be a credential put in the '
                                     'wrong place)' % len(CANARY)),
    (dict(control_plane_url='https://cp.example.com/api-host?key=%s' % CANARY),
     "control_plane_url must not have a query string or fragment, got 'https://cp.example.com/api-host' followed by one "
     "(not shown)"),
    (dict(control_plane_url='https://cp.example.com/#%s' % CANARY),
     "control_plane_url must not have a query string or fragment, got 'https://cp.example.com/' followed by one (not shown)"),
    (dict(control_plane_url='ftp://cp.example.com/x'),
     "control_plane_url must be an http:// or https:// URL with a host name, got 'ftp://cp.example.com'"),
    (dict(control_plane_url='  '), 'control_plane_url must be an http:// or https:// URL with a host name, got an empty value'),
])
def test_a_secret_pasted_into_another_option_is_not_echoed(emulator, capsys, args, expected):
    # api_key is another key, so the scrubber does not know the one pasted: the message itself must not show it.
    result = run_module(listener_info, capsys, **dict(dict(api_key='lsv2_sk_another_key_000000000000'), **args))
    assert result['failed'] and result['msg'] == expected
    assert not leaked(json.dumps({k: v for k, v in result.items() if k != 'invocation'}))
    assert emulator.methods() == []


# -- plain http:// through a proxy, and what counts as loopback ----------------------------------------

@pytest.mark.parametrize('url, loopback', [
    ('http://localhost:8080', True), ('http://LOCALHOST.:8080', True), ('http://127.0.0.1', True), ('http://127.8.9.1', True),
    ('http://[::1]:8080', True), ('http://api.localhost', False), ('http://localhost.example.com', False),
    ('http://10.0.0.7', False),
])
def test_only_localhost_and_loopback_addresses_are_loopback(url, loopback):
    assert _connection.is_loopback(url) is loopback


@pytest.mark.parametrize('environment, proxied', [
    ({'HTTP_PROXY': 'http://user:secret-pw@proxy.example.com:3128'}, True),
    ({'http_proxy': 'proxy.example.com:3128'}, True),
    ({'ALL_PROXY': 'http://proxy.example.com:3128'}, True),
    ({'HTTP_PROXY': 'http://proxy.example.com:3128', 'NO_PROXY': '127.0.0.1'}, False),
    ({'HTTP_PROXY': 'http://proxy.example.com:3128', 'no_proxy': '127.0.0.0/8'}, False),
    ({'HTTPS_PROXY': 'http://proxy.example.com:3128'}, False),  # for https:// URLs only
    ({}, False),
])
def test_plain_http_to_loopback_through_a_proxy_warns(emulator, capsys, monkeypatch, environment, proxied):
    for name in ('HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY'):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    warnings = []
    monkeypatch.setattr(AnsibleModule, 'warn', lambda self, msg: warnings.append(msg))
    result = run_module(listener_info, capsys, api_key=KEY, control_plane_url='http://127.0.0.1:8080')
    assert not result.get('failed'), result
    expected = ('control_plane_url http://127.0.0.1:8080 is plain http:// and the environment sends it through the proxy '
                'http://proxy.example.com:3128 (HTTP_PROXY or ALL_PROXY, the host not in NO_PROXY): the API key reaches the '
                'proxy unencrypted. Add the host to NO_PROXY, or use https://')
    assert warnings == ([expected] if proxied else [])
    assert 'secret-pw' not in json.dumps(result)


def test_a_name_below_localhost_gets_the_plain_http_warning(emulator, capsys, monkeypatch):
    warnings = []
    monkeypatch.setattr(AnsibleModule, 'warn', lambda self, msg: warnings.append(msg))
    run_module(listener_info, capsys, api_key=KEY, control_plane_url='http://api.localhost:8080')
    assert warnings == ['control_plane_url http://api.localhost:8080 is plain http:// to a host that is not loopback: the API '
                        'key crosses the network unencrypted, readable by anyone on the way. Use https://']


def test_the_client_gets_the_tasks_scrubber():
    client = _connection.client_from_params({'api_key': KEY, 'control_plane_url': BASE_URL})
    assert client.scrub('x %s y' % KEY) == 'x ******** y'
