# -*- coding: utf-8 -*-
# Collection-private module_utils of langchain.langsmith: not a public API, may change without notice.
#
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Credentials as hostile input: checked before any request, and kept out of every message.

``clean_credential()`` strips the white space that a file, a shell's ``echo`` or a vault
entry leaves around a key (``trim()``, the one rule for it, which Jinja's ``trim`` filter in the
dataplane role's ``vars/main.yml`` follows too), and refuses what cannot go into an HTTP header,
without ever repeating the value. ``Scrubber`` masks every credential of a task in every form a library
can print it in (as given, stripped, repr-, JSON- or HTML-escaped, URL-encoded, base64 at any
alignment, in any letter case, split across lines), so that no exception text reaches a message
unfiltered: Ansible's own ``no_log`` masks only the exact value. ``neutralise()`` escapes the
control characters (ANSI escape sequences among them) that text from the API may carry, so that
a message cannot rewrite the terminal or forge lines of a log.

Only the standard library (and ``_errors.py``, a leaf) is imported here: the role's filter plugin uses it too.
"""

import base64
import html
import json
import re
from urllib.parse import quote, quote_plus

from ansible_collections.langchain.langsmith.plugins.module_utils._errors import CredentialError

MASK = '********'


def trim(value):
    """``value`` without the white space at either end: what the header gets of a credential. Python's ``str.strip()``,
    as Jinja's ``trim`` filter, so that the role's ``| trim`` (vars/main.yml) strips a credential alike."""
    return str(value).strip()


def clean_credential(value, option):
    """``value`` without surrounding white space, or None when nothing is left.

    Raises CredentialError, naming ``option`` and the position of the first offending
    character but not the value, for a control character or anything but printable ASCII
    (HTTP header values are Latin-1 at best, and no LangSmith credential has such a character:
    it is a paste or encoding accident, which would otherwise reach the HTTP library's error text).
    """
    if value is None:
        return None
    value = trim(value)
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
    html.escape,                                                     # an HTML error page quoting the value
    lambda text: html.escape(text, quote=False),
)
_LAYERS = 2


def secret_forms(value):
    """Every form in which ``value`` can turn up in a message."""
    forms = set()
    for text in (value, trim(value)):
        if not text:
            continue
        layer = {text}
        forms.update(layer)
        for dummy in range(_LAYERS):
            layer = set(escape(form) for form in layer for escape in _ESCAPES)
            forms.update(layer)
        forms.update((quote(text, safe=''), quote(text), quote_plus(text)))  # URL-encoded
        forms.update((''.join('&#%d;' % ord(char) for char in text), ''.join('&#x%x;' % ord(char) for char in text)))
        for encode in (base64.b64encode, base64.urlsafe_b64encode):  # a rendered Kubernetes Secret
            encoded = encode(text.encode('utf-8')).decode('ascii')
            forms.update((encoded, encoded.rstrip('=')))
            forms.update(base64_cores(text.encode('utf-8'), encode))
    forms.discard('')
    return forms


# A base64 core shorter than this is not looked for: it would mask ordinary words (no credential is so short).
MIN_CORE = 8


def base64_cores(raw, encode=base64.b64encode):
    """The part of the base64 of ``raw`` that does not depend on the bytes around it, for each of the
    three alignments ``raw`` can have inside a longer encoded text (a Secret holding ``KEY=<key>``, or
    the key followed by a newline). Each base64 character encodes 6 bits: the characters that mix bits
    of ``raw`` with bits of a neighbour are left out (at most 3 at the start and 1 at the end)."""
    cores = set()
    for offset, mixed in ((0, 0), (1, 2), (2, 3)):
        encoded = encode(b'\0' * offset + raw).decode('ascii').rstrip('=')
        end = len(encoded) - (1 if (offset + len(raw)) % 3 else 0)
        core = encoded[mixed:end]
        if len(core) >= MIN_CORE:
            cores.add(core)
    return cores


# A line break, with the indentation around it: where a wrapped text (base64 folded at 76 columns, a
# log line wrapped by a formatter) splits a credential.
_LINE_BREAK = re.compile(r'[ \t]*(?:\r\n|\r|\n)[ \t]*')
# C0 and C1 control characters (ESC, which starts an ANSI escape sequence, among them), DEL, and the
# invisible Unicode formatting characters that reorder or hide text (bidirectional overrides and isolates,
# zero-width characters, the byte order mark).
_UNPRINTABLE = re.compile('[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]')


def neutralise(text):
    """``text`` with every control or invisible formatting character written as an escape (``\\x1b``,
    ``\\u202e``): what the API answers reaches a terminal or a log as visible text, never as a command."""
    if not isinstance(text, str):
        return text
    return _UNPRINTABLE.sub(lambda match: ('\\x%02x' if ord(match.group()) < 0x100 else '\\u%04x') % ord(match.group()), text)


class Scrubber:
    """Masks every form of the credentials it was given, in text or in nested results."""

    def __init__(self, secrets=()):
        forms = set()
        for secret in secrets:
            if secret:
                forms.update(secret_forms(str(secret)))
        # Longest first, so that a form is masked whole rather than a shorter form inside it; in any
        # letter case (an error page or a log that lower-cases what it quotes).
        self._pattern = re.compile('|'.join(re.escape(form) for form in sorted(forms, key=len, reverse=True)),
                                   re.IGNORECASE) if forms else None

    def __call__(self, text):
        """``text`` with every credential form masked (any other value: as it is)."""
        if self._pattern is None or not isinstance(text, str):
            return text
        return self._across_lines(self._pattern.sub(MASK, text))

    def message(self, text):
        """A message for the user: scrubbed, then neutralised (see ``neutralise``)."""
        return neutralise(self(text))

    def _across_lines(self, text):
        """``text`` with every credential form that a line break (and indentation) splits masked."""
        if '\n' not in text and '\r' not in text:
            return text
        pieces = []
        where = []  # the index in ``text`` of each character of the joined text
        position = 0
        for match in _LINE_BREAK.finditer(text):
            pieces.append(text[position:match.start()])
            where.extend(range(position, match.start()))
            position = match.end()
        pieces.append(text[position:])
        where.extend(range(position, len(text)))
        masked = []
        position = 0
        for match in self._pattern.finditer(''.join(pieces)):
            start, end = where[match.start()], where[match.end() - 1] + 1
            masked += [text[position:start], MASK]
            position = end
        if not masked:
            return text
        return ''.join(masked) + text[position:]

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
