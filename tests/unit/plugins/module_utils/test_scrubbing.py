# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Credentials as hostile input: stripping, refusing, and masking every form of them."""

import base64
import html
import json
from urllib.parse import quote

import pytest

from ansible_collections.langchain.langsmith.plugins.module_utils._errors import CredentialError
from ansible_collections.langchain.langsmith.plugins.module_utils._secrets import MASK, Scrubber, base64_cores, clean_credential, neutralise, secret_forms

KEY = 'lsv2_sk_QzXwVbNmKpLr'


@pytest.mark.parametrize('given', [KEY + '\n', KEY + '\r\n', ' ' + KEY, '\t%s  ' % KEY, KEY])
def test_white_space_at_either_end_is_stripped(given):
    assert clean_credential(given, 'api_key') == KEY


@pytest.mark.parametrize('given', [None, '', ' ', '\n', '\r\n\t'])
def test_nothing_left_is_unset(given):
    assert clean_credential(given, 'api_key') is None


@pytest.mark.parametrize('given, what, position', [
    ('lsv2_sk_Qz\nXwVbNmKpLr', 'a control character', 11),
    ('lsv2_sk_Qz\x00XwVbNmKpLr', 'a control character', 11),
    ('lsv2_sk_Qz\x7fXwVbNmKpLr', 'a control character', 11),
    ('lsv2_sk_QzXwVbNmKpLé', 'a character that is not printable ASCII', 20),
    ('lsv2_sk_€QzXwVbNmKpLr', 'a character that is not printable ASCII', 9),
    ('lsv2_sk_QzXwVbNmKpLr\u200b', 'a character that is not printable ASCII', 21),
])
def test_what_cannot_go_into_a_header_is_refused_without_the_value(given, what, position):
    with pytest.raises(CredentialError) as err:
        clean_credential(' %s\n' % given, 'bearer_token')
    message = str(err.value)
    assert message.startswith('bearer_token holds %s at position %d' % (what, position))
    assert 'the value is not shown' in message
    for part in ('QzXw', 'VbNm', 'NmKpL'):
        assert part not in message


@pytest.mark.parametrize('secret', [KEY, KEY + '\n', 'lsv2_sk_Qz"Xw\\Vb', 'lsv2_sk_QzXwVbNmKpLé', 'lsv2 sk/Qz+Xw=Vb&Nm'])
def test_every_form_of_a_credential_is_masked(secret):
    raw = secret.encode('utf-8')
    printed = [
        secret,
        secret.strip(),
        repr(secret),                                   # requests' InvalidHeader quotes the value with repr
        repr(raw),                                      # a bytes repr
        json.dumps(secret),                             # JSON (a values file, an API's echo)
        json.dumps(secret, ensure_ascii=False),
        quote(secret, safe=''),                         # a URL
        base64.b64encode(raw).decode(),                 # a rendered Kubernetes Secret
        base64.b64encode(secret.strip().encode()).decode().rstrip('='),
        base64.urlsafe_b64encode(raw).decode(),
        repr(json.dumps({'value': secret}).encode()),   # a JSON body printed as bytes (a Kubernetes API error)
        repr(json.dumps({'value': secret}, ensure_ascii=False)),
        json.dumps({'status': json.dumps({'message': secret})}),  # an API's JSON error, quoted in JSON again
    ]
    scrub = Scrubber([secret])
    for form in printed:
        text = 'error: header value %s is invalid' % form
        masked = scrub(text)
        assert masked.startswith('error: header value ') and masked.endswith(' is invalid'), form
        assert MASK in masked, form
        for piece in ('QzXw', 'Qz"Xw', 'Qz\\"Xw', 'Qz%22Xw', 'Qz+Xw', 'Qz%2BXw'):
            assert piece not in masked, (form, masked)


def test_the_longest_form_is_masked_whole():
    secret = 'lsv2_sk_QzXwVbNmKpLr\n'
    assert Scrubber([secret])("'lsv2_sk_QzXwVbNmKpLr\\n'") == "'%s'" % MASK


def test_scrubber_of_several_credentials_and_nested_results():
    scrub = Scrubber(['key-one-AAAA', None, '', 'token-two-BBBB'])
    result = {'msg': 'key-one-AAAA and token-two-BBBB', 'list': ['x key-one-AAAA', 3, None], 'key-one-AAAA': True}
    assert scrub.deep(result) == {'msg': '%s and %s' % (MASK, MASK), 'list': ['x %s' % MASK, 3, None], MASK: True}


def test_no_credential_masks_nothing():
    scrub = Scrubber([None, ''])
    assert scrub('anything') == 'anything'
    data = {'a': ['b']}
    assert scrub.deep(data) is data


def test_secret_forms_has_no_empty_form():
    assert '' not in secret_forms('x\n')


LONG_KEY = 'lsv2_sk_QzXwVbNmKpLr3TyUeIoPa1SdFgHjKl0_4b'


@pytest.mark.parametrize('form', [
    html.escape('<b>%s</b>' % 'lsv2_sk_Qz"Xw&Vb<Nm>'),                      # an HTML error page
    ''.join('&#%d;' % ord(char) for char in 'lsv2_sk_Qz"Xw&Vb<Nm>'),         # every character a character reference
    ''.join('&#x%X;' % ord(char) for char in 'lsv2_sk_Qz"Xw&Vb<Nm>'),
], ids=['escaped', 'decimal-references', 'hex-references'])
def test_html_escaped_forms_are_masked(form):
    scrub = Scrubber(['lsv2_sk_Qz"Xw&Vb<Nm>'])
    assert 'Qz' not in scrub('page: %s' % form) and MASK in scrub('page: %s' % form)


@pytest.mark.parametrize('before', [b'', b'K', b'KE', b'KEY=', b'api_key: ', b'{"k": "'])
@pytest.mark.parametrize('after', [b'', b'\n', b'\r\n', b'"}'])
@pytest.mark.parametrize('encode', [base64.b64encode, base64.urlsafe_b64encode], ids=['base64', 'urlsafe'])
def test_base64_of_a_longer_text_holding_the_key_is_masked_at_any_alignment(before, after, encode):
    """A Kubernetes Secret's data, or any blob, holding the key among other bytes: its base64 holds
    the key's at one of three alignments, and the key's own base64 at none of them but the first."""
    encoded = encode(before + LONG_KEY.encode() + after).decode()
    masked = Scrubber([LONG_KEY])('data: %s' % encoded)
    assert MASK in masked
    # what is left of the encoded text is at most 3 characters before the mask and 3 after it (those
    # mix bits of the key with its neighbours', or are padding), besides what encodes the neighbours
    left = masked[len('data: '):].split(MASK)
    assert len(left) == 2
    assert len(left[0]) <= len(encode(before).decode().rstrip('=')) + 3 and len(left[1]) <= len(after) * 4 // 3 + 4


def test_base64_cores_leave_out_the_mixed_characters():
    cores = base64_cores(LONG_KEY.encode())
    for offset in range(3):
        for neighbour in (b'\x00', b'\xff'):
            encoded = base64.b64encode(neighbour * offset + LONG_KEY.encode() + neighbour * 2).decode()
            assert any(core in encoded for core in cores), offset


def test_a_short_value_has_no_base64_core():
    assert base64_cores(b'abc') == set() and base64_cores(b'abcd') == set()


@pytest.mark.parametrize('form', [LONG_KEY.lower(), LONG_KEY.upper(), LONG_KEY.swapcase(),
                                  base64.b64encode(LONG_KEY.encode()).decode().lower()])
def test_a_credential_in_another_letter_case_is_masked(form):
    assert Scrubber([LONG_KEY])('error: %s.' % form) == 'error: %s.' % MASK


@pytest.mark.parametrize('text', [
    LONG_KEY[:20] + '\n' + LONG_KEY[20:],                                   # a wrapped log line
    LONG_KEY[:20] + '\r\n    ' + LONG_KEY[20:],                             # wrapped and indented (YAML, a formatter)
    LONG_KEY[:10] + ' \n\t' + LONG_KEY[10:30] + '\n' + LONG_KEY[30:],       # more than once
    base64.encodebytes(b'KEY=' + LONG_KEY.encode() * 2).decode(),            # base64 folded at 76 columns
])
def test_a_credential_split_across_lines_is_masked(text):
    masked = Scrubber([LONG_KEY])('got:\n%s\nend' % text)
    assert masked.startswith('got:\n') and masked.endswith('\nend') and MASK in masked
    for piece in ('QzXwVbNm', 'Pa1SdFg', 'UWdYd1Zi'):  # UWdYd1Zi: 'QzXwVb' in base64
        assert piece not in masked.replace('\n', ''), masked


def test_text_without_a_credential_is_left_as_it_is():
    text = 'a line\n  another line, with lsv2 and 42\r\n'
    assert Scrubber([LONG_KEY])(text) == text


@pytest.mark.parametrize('text, shown', [
    ('\x1b[31mred\x1b[0m', '\\x1b[31mred\\x1b[0m'),
    ('line\r\nforged', 'line\\x0d\\x0aforged'),
    ('bell\x07 nul\x00 del\x7f c1\x9b', 'bell\\x07 nul\\x00 del\\x7f c1\\x9b'),
    ('\u202eevil\u2066 \u200bzero \ufeffbom', '\\u202eevil\\u2066 \\u200bzero \\ufeffbom'),
    ('plain text, é and 東京', 'plain text, é and 東京'),
])
def test_control_characters_are_neutralised(text, shown):
    assert neutralise(text) == shown
    assert Scrubber([LONG_KEY]).message(text) == shown
