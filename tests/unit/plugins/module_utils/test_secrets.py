# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Credentials as hostile input: stripping, refusing, and masking every form of them."""

import base64
import json
from urllib.parse import quote

import pytest

from ansible_collections.langchain.langsmith.plugins.module_utils._secrets import (
    MASK, CredentialError, Scrubber, clean_credential, secret_forms)

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
