# -*- coding: utf-8 -*-
# Collection-private module_utils of langchain.langsmith: not a public API, may change without notice.
#
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Where the control planes are: the default URL, the hosted regions, the self-hosted rule, and URL joining.

A leaf: only the standard library is imported here. The HTTP client joins and checks URLs with it, the
connection options take their default from it, and the dataplane role's plugins derive the chart's
LangSmith API URL (``smith_backend_url``) from it. The role's own fallback (``vars/main.yml``) is tied to
``DEFAULT_CONTROL_PLANE_URL`` by a test.
"""

from urllib.parse import urlsplit

DEFAULT_CONTROL_PLANE_URL = 'https://api.host.langchain.com'
# The hosted control planes, by region, each with the LangSmith API of its region (what the data
# plane's chart calls smithBackendUrl). A self-hosted one is https://<host>[/<basePath>]/api-host.
HOSTED_REGIONS = (
    ('US', DEFAULT_CONTROL_PLANE_URL, 'https://api.smith.langchain.com'),
    ('EU', 'https://eu.api.host.langchain.com', 'https://eu.api.smith.langchain.com'),
    ('APAC', 'https://apac.api.host.langchain.com', 'https://apac.api.smith.langchain.com'),
    ('AWS US', 'https://aws.api.host.langchain.com', 'https://aws.api.smith.langchain.com'),
)
HOSTED_URLS = frozenset(url for dummy, url, dummy2 in HOSTED_REGIONS)
# A self-hosted control plane's API is served below this path of the LangSmith host, and the LangSmith
# API below SELF_HOSTED_SMITH_PATH of the same host.
SELF_HOSTED_SUFFIX = '/api-host'
SELF_HOSTED_SMITH_PATH = '/api/v1'


def join_url(base, path):
    """``https://h/api-host`` or ``https://h/api-host/`` + ``/v2/listeners`` -> ``https://h/api-host/v2/listeners``."""
    return base.rstrip('/') + '/' + path.lstrip('/')


def is_control_plane_api(url):
    """True when ``url`` is where a control plane's API is served by the look of it: a hosted region's URL, or a
    URL whose path ends in SELF_HOSTED_SUFFIX."""
    base = url.rstrip('/')
    return urlsplit(base).path.endswith(SELF_HOSTED_SUFFIX) or base.lower() in HOSTED_URLS


def smith_backend_url(control_plane_url):
    """The LangSmith API URL that goes with a control plane URL, or '' when it cannot be derived.

    Hosted: the region's (``https://eu.api.host.langchain.com`` -> ``https://eu.api.smith.langchain.com``);
    self-hosted: ``https://<host>[/<basePath>]/api-host`` -> ``https://<host>[/<basePath>]/api/v1``.
    """
    url = (control_plane_url or DEFAULT_CONTROL_PLANE_URL).rstrip('/')
    for dummy, control_plane, smith in HOSTED_REGIONS:
        if url.lower() == control_plane:
            return smith
    parts = urlsplit(url)
    if parts.hostname and parts.path.endswith(SELF_HOSTED_SUFFIX) and not parts.query:
        return url[:-len(SELF_HOSTED_SUFFIX)] + SELF_HOSTED_SMITH_PATH
    return ''


def check_base_url(url):
    """Return ``url`` if it is a usable control plane base URL, else raise ValueError.

    The message never repeats more of the value than its scheme, host and path: a credential
    pasted into the wrong option must not be printed.
    """
    parts = urlsplit(url or '')
    if parts.scheme not in ('http', 'https') or not parts.hostname:
        raise ValueError('must be an http:// or https:// URL with a host name, got %s' % _describe_url(url or '', parts))
    if parts.username or parts.password:
        raise ValueError('must not carry credentials; pass them as api_key or bearer_token')
    if parts.query or parts.fragment:
        raise ValueError("must not have a query string or fragment, got '%s' followed by one (not shown)"
                         % safe_url(parts, path=True))
    return url


def _describe_url(url, parts):
    """What a message may say of ``url``, which is not a URL the collection can use."""
    if not url.strip():
        return 'an empty value'
    if parts.scheme and parts.netloc and not (parts.username or parts.password):
        return "'%s'" % safe_url(parts)
    return ('a value of %d characters without a scheme and host (not shown: it may be a credential put in the '
            'wrong place)' % len(url))


def safe_url(parts, path=False):
    """scheme://host[:port] (and the path) of a split URL: never its user name, password or query."""
    host = parts.hostname or ''
    if ':' in host:
        host = '[%s]' % host
    try:
        port = parts.port
    except ValueError:
        port = None
    return '%s://%s%s%s' % (parts.scheme, host, ':%d' % port if port else '', parts.path if path else '')
