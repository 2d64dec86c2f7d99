# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


class ModuleDocFragment:
    """The connection options shared by every module of langchain.langsmith."""

    DOCUMENTATION = r"""
options:
  api_key:
    description:
      - LangSmith API key, sent as the C(X-Api-Key) header.
      - If not set, the value of the E(LANGSMITH_API_KEY) environment variable is used.
      - White space at either end (such as the newline that C(echo) or a file leaves) is stripped. A key that
        still holds a control character or anything but printable ASCII is refused before any request, with
        an error that names the option but not the value.
      - One of O(api_key) and O(bearer_token) is required; they are mutually exclusive.
      - An organization-scoped key also needs O(workspace_id).
    type: str
  bearer_token:
    description:
      - 'Bearer token, sent as C(Authorization: Bearer <token>); the alternative to O(api_key).'
      - If not set, the value of the E(LANGSMITH_BEARER_TOKEN) environment variable is used.
      - Stripped and checked as O(api_key) is.
    type: str
  workspace_id:
    description:
      - ID (a UUID) of the LangSmith workspace, sent as the C(X-Tenant-Id) header.
      - Required by organization-scoped API keys; harmless with workspace-scoped ones.
      - If not set, the value of the E(LANGSMITH_WORKSPACE_ID) environment variable is used.
    type: str
    aliases: [tenant_id]
  control_plane_url:
    description:
      - Base URL of the LangSmith Deployment Control Plane API; C(http) or C(https) only.
      - LangSmith cloud by region, US V(https://api.host.langchain.com), EU V(https://eu.api.host.langchain.com),
        APAC V(https://apac.api.host.langchain.com), AWS US V(https://aws.api.host.langchain.com); self-hosted
        C(https://<langsmith-host>/api-host).
      - A path prefix is kept, with or without a trailing slash, so V(https://ls.example.com/api-host)
        reaches C(https://ls.example.com/api-host/v2/listeners).
      - If not set, the value of the E(LANGSMITH_CONTROL_PLANE_URL) environment variable is used,
        and then the default.
      - An C(http://) URL to a host other than loopback (C(localhost), C(127.0.0.0/8), C(::1)) gets a warning
        naming it on every run, since the credential then crosses the network unencrypted.
    type: str
    default: https://api.host.langchain.com
  validate_certs:
    description:
      - Verify the control plane's TLS certificate. Turn off only for tests; with an C(https://) URL, a warning
        says that it is off on every run. Without effect, and without that warning, on an C(http://) URL,
        which has no certificate.
      - HTTP(S) proxies are taken from the E(HTTPS_PROXY), E(HTTP_PROXY) and E(NO_PROXY) environment variables
        (or their lower-case forms) of the process that sends the requests.
    type: bool
    default: true
  ca_path:
    description:
      - PEM file (or directory prepared with C(c_rehash)) of the CA certificates to trust, for a control
        plane whose certificate a private CA signed. Ignored when O(validate_certs=false).
      - When omitted (or empty), E(LANGSMITH_CA_PATH) applies, which the AWX credential type sets from its CA bundle;
        then the CA certificates that requests trusts (certifi's, or E(REQUESTS_CA_BUNDLE)).
    type: path
  timeout:
    description:
      - Seconds to wait for each HTTP request to connect and answer.
      - The first attempt of a request always gets the whole O(timeout); a retry gets at most what is left of O(retry_timeout).
    type: int
    default: 30
  retries:
    description:
      - How many times each request is tried again after HTTP 429, 500, 502, 503 or 504, a lost connection or
        a read timeout. Other answers are never retried. Each retry adds a warning naming the status and the wait.
      - Waits grow exponentially with jitter (0.5, 1, 2, 4, 8 seconds, at most 15, each between half and all of that),
        or follow the C(Retry-After) header (seconds or an HTTP date, capped at 60 seconds).
      - Retrying is safe for every request this collection sends; a repeated create ends in HTTP 409, which
        the modules resolve to the existing listener. The inventory plugin only reads.
    type: int
    default: 5
  retry_timeout:
    description:
      - Total seconds that the retries of one run, and the waits between them, may take, counted from its first
        request. A run is one task of a module, or one parse of the inventory plugin. No retry starts that could
        not get at least a second before it ends, a retry's O(timeout) is cut to what is left, and a
        C(Retry-After) that reaches past it fails the run at once instead of waiting in vain.
      - So once the control plane stops answering properly, a run fails at the latest O(retry_timeout) +
        O(timeout) seconds after its first request (two minutes with the defaults); it never hangs on a rate limit.
    type: int
    default: 90
  max_pages:
    description:
      - The most pages (of 100 listeners) that one listing of the workspace reads. A listing that would need more
        fails with an error naming this option; the default is far above any real workspace, and bounds a control
        plane (or something posing as one) that never stops answering full pages.
      - A listing also asks for no further page once O(retry_timeout) has passed since the run's first request,
        so it ends at the latest one request's O(timeout) after that.
    type: int
    default: 1000
requirements:
  - requests >= 2.28
  - pydantic >= 2.5, < 3
"""

    # For plugins (inventory): the same options, read from the environment by Ansible's
    # configuration system. Use together with the default fragment.
    PLUGIN = r"""
options:
  api_key:
    env:
      - name: LANGSMITH_API_KEY
  bearer_token:
    env:
      - name: LANGSMITH_BEARER_TOKEN
  workspace_id:
    env:
      - name: LANGSMITH_WORKSPACE_ID
  control_plane_url:
    env:
      - name: LANGSMITH_CONTROL_PLANE_URL
  ca_path:
    env:
      - name: LANGSMITH_CA_PATH
"""
