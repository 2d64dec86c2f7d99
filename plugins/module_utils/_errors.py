# -*- coding: utf-8 -*-
# Collection-private module_utils of langchain.langsmith: not a public API, may change without notice.
#
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The errors of the collection, and the checks of input that every layer shares.

A leaf: it imports nothing of the collection, so that the HTTP client, the connection options,
the resource logic and the role's plugins can all raise and check the same way (as kubernetes.core's
``module_utils/k8s/exceptions.py``). ``LangSmithError`` is a request that did not end as expected;
``InputError`` is bad input found before any request; ``CredentialError`` a credential that cannot be
used. Only the standard library is imported here.
"""

import re
import uuid

_DNS_LABEL = re.compile(r'^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')


class LangSmithError(Exception):
    """A request that did not end as expected.

    ``status`` is None when no HTTP answer arrived (connection error, timeout, TLS).
    """

    def __init__(self, message, method=None, path=None, status=None, detail=None, url=None):
        super(LangSmithError, self).__init__(message)
        self.message = message
        self.method = method
        self.path = path
        self.status = status
        self.detail = detail
        self.url = url

    def __str__(self):
        return self.message


class InputError(ValueError):
    """Bad input, found before any request (or, for the listeners module, in its listing, before any write). The
    message names the option; ``result`` holds what the failed task returns beside it (``at_fault``: the compute
    IDs of the items a problem concerns)."""

    def __init__(self, message, result=None):
        super(InputError, self).__init__(message)
        self.result = result or {}


class CredentialError(ValueError):
    """A credential that cannot be used. The message names the option, never the value."""


def check_uuid(value, option, what='a listener ID'):
    """``value`` in canonical form if it is a UUID, else InputError naming ``option``."""
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        raise InputError('%s must be %s (a UUID), got %r' % (option, what, value))


def check_compute_id(value, option='compute_id'):
    if value is None or not str(value).strip():
        raise InputError('%s must not be empty' % option)
    if str(value) != str(value).strip():
        raise InputError('%s must not start or end with white space, got %r' % (option, value))
    return str(value)


def check_namespaces(values, option='k8s_namespaces'):
    """Validate and de-duplicate namespace names, keeping the order given."""
    if values is None:
        return None
    if not values:
        raise InputError('%s must name at least one namespace; omit it to leave namespaces unmanaged' % option)
    seen = []
    known = set()  # beside the list, so that a long list is checked in linear time
    for name in values:
        if name is None or not str(name).strip():
            raise InputError('%s must not contain an empty namespace name' % option)
        name = str(name)
        if len(name) > 63 or not _DNS_LABEL.match(name):
            raise InputError('%s: %r is not a Kubernetes namespace name (lower-case letters, digits and "-", '
                             'at most 63 characters, starting and ending with a letter or digit)' % (option, name))
        if name not in known:
            known.add(name)
            seen.append(name)
    return seen
