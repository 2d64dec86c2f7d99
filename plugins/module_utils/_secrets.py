# -*- coding: utf-8 -*-
# Collection-private module_utils of langchain.langsmith: not a public API, may change without notice.
#
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Credentials as hostile input: checked before any request, and kept out of every message.

``clean_credential()`` strips the white space that a file, a shell's ``echo`` or a vault
entry leaves around a key, and refuses what cannot go into an HTTP header, without ever
repeating the value. ``Scrubber`` masks every credential of a task in every form a library
can print it in (as given, stripped, repr- or JSON-escaped, URL-encoded, base64), so that no
exception text reaches a message unfiltered: Ansible's own ``no_log`` masks only the exact
value.

Only the standard library is imported here: the role's filter plugin uses it too.
"""

import base64
import json
import re
from urllib.parse import quote, quote_plus

MASK = '********'


class CredentialError(ValueError):
    """A credential that cannot be used. The message names the option, never the value."""


def clean_credential(value, option):
    """``value`` without surrounding white space, or None when nothing is left.

    Raises CredentialError, naming ``option`` and the position of the first offending
    character but not the value, for a control character or anything but printable ASCII
    (HTTP header values are Latin-1 at best, and no LangSmith credential has such a character:
    it is a paste or encoding accident, which would otherwise reach the HTTP library's error text).
    """
    if value is None:
        return None
    value = str(value).strip()
    if not value:
        return None
    for position, char in enumerate(value, 1):
        if ' ' <= char <= '~':
            continue
        what = 'a control character' if ord(char) < 0x20 or ord(char) == 0x7f else 'a character that is not printable ASCII'
        raise CredentialError('%s holds %s at position %d (after white space at either end is stripped), which cannot '
                              'go into an HTTP header; the value is not shown. Check how it was copied or encoded'
                              % (option, what, position))
    return value


# How a value gets escaped on its way into a message; a message can escape it twice (an API's JSON error
# quoting the value, itself quoted in JSON or printed by Python), so the forms are built two layers deep.
_ESCAPES = (
    lambda text: json.dumps(text)[1:-1],                             # JSON (and YAML double-quoted)
    lambda text: json.dumps(text, ensure_ascii=False)[1:-1],
    lambda text: repr(text)[1:-1],                                   # Python's repr, as requests quotes a header
    lambda text: text.encode('unicode_escape').decode('ascii'),      # the same, every non-ASCII character escaped
    lambda text: repr(text.encode('utf-8'))[2:-1],                   # a bytes repr (an HTTP body printed raw)
)
_LAYERS = 2


def secret_forms(value):
    """Every form in which ``value`` can turn up in a message."""
    forms = set()
    for text in (value, value.strip()):
        if not text:
            continue
        layer = {text}
        forms.update(layer)
        for dummy in range(_LAYERS):
            layer = set(escape(form) for form in layer for escape in _ESCAPES)
            forms.update(layer)
        forms.update((quote(text, safe=''), quote(text), quote_plus(text)))  # URL-encoded
        for encode in (base64.b64encode, base64.urlsafe_b64encode):  # a rendered Kubernetes Secret
            encoded = encode(text.encode('utf-8')).decode('ascii')
            forms.update((encoded, encoded.rstrip('=')))
    forms.discard('')
    return forms


class Scrubber:
    """Masks every form of the credentials it was given, in text or in nested results."""

    def __init__(self, secrets=()):
        forms = set()
        for secret in secrets:
            if secret:
                forms.update(secret_forms(str(secret)))
        # Longest first, so that a form is masked whole rather than a shorter form inside it.
        self._pattern = re.compile('|'.join(re.escape(form) for form in sorted(forms, key=len, reverse=True))) if forms else None

    def __call__(self, text):
        """``text`` with every credential form masked (any other value: as it is)."""
        if self._pattern is None or not isinstance(text, str):
            return text
        return self._pattern.sub(MASK, text)

    def deep(self, data):
        """``data`` (dicts, lists, strings) with every string scrubbed."""
        if self._pattern is None:
            return data
        if isinstance(data, str):
            return self(data)
        if isinstance(data, dict):
            return dict((self.deep(key), self.deep(value)) for key, value in data.items())
        if isinstance(data, (list, tuple)):
            return [self.deep(item) for item in data]
        return data
