# -*- coding: utf-8 -*-
# Collection-private module_utils of langchain.langsmith: not a public API, may change without notice.
#
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The connection options shared by every module and plugin of the collection.

``connection_argument_spec()`` is the argument spec (documented once, in the
``langchain.langsmith.connection`` doc fragment); ``client_from_params()``
checks those options before any request and builds the HTTP client.
"""

import ipaddress
import os
import traceback
from urllib.parse import urlsplit

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.langchain.langsmith.plugins.module_utils import _client as client_lib
from ansible_collections.langchain.langsmith.plugins.module_utils._failure import FIELDS, failure
from ansible_collections.langchain.langsmith.plugins.module_utils import _models as models
from ansible_collections.langchain.langsmith.plugins.module_utils._env import (
    ENV_API_KEY, ENV_BEARER_TOKEN, ENV_CA_PATH, ENV_CONTROL_PLANE_URL, ENV_WORKSPACE_ID)
from ansible_collections.langchain.langsmith.plugins.module_utils._errors import CredentialError, InputError, check_uuid
from ansible_collections.langchain.langsmith.plugins.module_utils._secrets import Scrubber, clean_credential, trim
from ansible_collections.langchain.langsmith.plugins.module_utils._urls import DEFAULT_CONTROL_PLANE_URL, check_base_url

CREDENTIALS = ('api_key', 'bearer_token')


def connection_argument_spec():
    """The connection options, to be merged into every module's argument spec."""
    return dict(
        api_key=dict(type='str', no_log=True, fallback=(env_fallback, [ENV_API_KEY])),
        bearer_token=dict(type='str', no_log=True, fallback=(env_fallback, [ENV_BEARER_TOKEN])),
        workspace_id=dict(type='str', aliases=['tenant_id'], fallback=(env_fallback, [ENV_WORKSPACE_ID])),
        control_plane_url=dict(type='str', default=DEFAULT_CONTROL_PLANE_URL,
                               fallback=(env_fallback, [ENV_CONTROL_PLANE_URL])),
        validate_certs=dict(type='bool', default=True),
        ca_path=dict(type='path', fallback=(env_fallback, [ENV_CA_PATH])),
        timeout=dict(type='int', default=client_lib.DEFAULT_TIMEOUT),
        retries=dict(type='int', default=client_lib.DEFAULT_RETRIES),
        retry_timeout=dict(type='int', default=client_lib.DEFAULT_RETRY_TIMEOUT),
        max_pages=dict(type='int', default=client_lib.DEFAULT_MAX_PAGES),
    )


def scrubber_for(params):
    """The Scrubber of every credential in ``params``, in the form it was given (before any stripping)."""
    return Scrubber([params.get(name) for name in CREDENTIALS])


def is_loopback(url):
    """True for ``localhost`` and the loopback addresses (127.0.0.0/8, ::1), and nothing else: a name
    below ``.localhost`` is resolved by whatever resolver the host has, which may send it anywhere."""
    host = (urlsplit(url).hostname or '').rstrip('.')
    if host == 'localhost':
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def missing_libraries():
    """(message, traceback) for the first required library that cannot be imported, else None."""
    if not client_lib.HAS_REQUESTS:
        return missing_required_lib('requests'), ''.join(traceback.format_exception(
            type(client_lib.REQUESTS_IMPORT_ERROR), client_lib.REQUESTS_IMPORT_ERROR, client_lib.REQUESTS_IMPORT_ERROR.__traceback__))
    if not models.HAS_PYDANTIC:
        return missing_required_lib('pydantic (version 2)'), ''.join(traceback.format_exception(
            type(models.PYDANTIC_IMPORT_ERROR), models.PYDANTIC_IMPORT_ERROR, models.PYDANTIC_IMPORT_ERROR.__traceback__))
    return None


def client_from_params(params, warn=None, scrub=None):
    """Check the connection options in ``params`` and return a Client.

    Raises InputError, naming the option, for anything that cannot work; no request
    is sent before every option has passed. ``scrub`` is the task's Scrubber (made from
    ``params`` when not given): the client masks the credentials in the text of an answer
    before it cuts it short.
    """
    try:
        api_key = clean_credential(params.get('api_key'), 'api_key')
        bearer_token = clean_credential(params.get('bearer_token'), 'bearer_token')
    except CredentialError as exc:
        raise InputError(str(exc))
    if not api_key and not bearer_token:
        raise InputError('api_key or bearer_token is required: set the api_key option or the %s environment '
                         'variable (or bearer_token / %s)' % (ENV_API_KEY, ENV_BEARER_TOKEN))
    if api_key and bearer_token:
        raise InputError('api_key and bearer_token are mutually exclusive (check the %s and %s environment '
                         'variables too)' % (ENV_API_KEY, ENV_BEARER_TOKEN))
    url = params.get('control_plane_url') or DEFAULT_CONTROL_PLANE_URL
    try:
        check_base_url(url)
    except ValueError as exc:
        raise InputError('control_plane_url %s' % exc)
    workspace_id = params.get('workspace_id') or None
    if workspace_id:
        try:
            workspace_id = check_uuid(workspace_id, 'workspace_id', 'a workspace ID')
        except InputError:
            raise InputError('workspace_id must be a workspace ID (a UUID), got a value of %d characters that is not one '
                             '(not shown: it may be a credential put in the wrong place)' % len(str(workspace_id)))
    ca_path = params.get('ca_path') or None
    if ca_path and not os.path.exists(ca_path):
        raise InputError('ca_path %s does not exist' % ca_path)
    timeout = params.get('timeout')
    timeout = client_lib.DEFAULT_TIMEOUT if timeout is None else timeout
    if timeout <= 0:
        raise InputError('timeout must be a positive number of seconds, got %s' % timeout)
    retries = params.get('retries')
    retries = client_lib.DEFAULT_RETRIES if retries is None else retries
    if retries < 0:
        raise InputError('retries must be 0 or more, got %s' % retries)
    retry_timeout = params.get('retry_timeout')
    retry_timeout = client_lib.DEFAULT_RETRY_TIMEOUT if retry_timeout is None else retry_timeout
    if retry_timeout < 0:
        raise InputError('retry_timeout must be 0 or more seconds, got %s' % retry_timeout)
    max_pages = params.get('max_pages')
    max_pages = client_lib.DEFAULT_MAX_PAGES if max_pages is None else max_pages
    if max_pages < 1:
        raise InputError('max_pages must be 1 or more, got %s' % max_pages)
    validate_certs = params.get('validate_certs')
    validate_certs = True if validate_certs is None else validate_certs
    if warn and url.lower().startswith('https:') and not validate_certs:
        warn('validate_certs is false: the TLS certificate of %s is not verified' % url)
    if warn and url.lower().startswith('http:'):
        if not is_loopback(url):
            warn('control_plane_url %s is plain http:// to a host that is not loopback: the %s crosses the network '
                 'unencrypted, readable by anyone on the way. Use https://' % (url, 'API key' if api_key else 'bearer token'))
        elif client_lib.proxy_for(url):
            warn('control_plane_url %s is plain http:// and the environment sends it through the proxy %s (HTTP_PROXY or '
                 'ALL_PROXY, the host not in NO_PROXY): the %s reaches the proxy unencrypted. Add the host to NO_PROXY, '
                 'or use https://' % (url, client_lib.proxy_for(url), 'API key' if api_key else 'bearer token'))
    return client_lib.Client(
        base_url=url, api_key=api_key, bearer_token=bearer_token, workspace_id=workspace_id,
        validate_certs=validate_certs, ca_path=ca_path, timeout=timeout, retries=retries,
        retry_timeout=retry_timeout, max_pages=max_pages, warn=warn, scrub=scrub or scrubber_for(params))


class _AnsibleModule(AnsibleModule):
    """An AnsibleModule whose every failure has the keys of _failure.FIELDS, None unless given: also those that
    ansible-core reports itself (an option that fails its argument spec) and a missing library, so that a
    failed_when on result.status never meets an undefined variable."""

    def fail_json(self, msg, **kwargs):
        for key in FIELDS:
            kwargs.setdefault(key, None)
        super(_AnsibleModule, self).fail_json(msg, **kwargs)


class LangSmithModule:
    """An AnsibleModule with the connection options, the library check and error handling."""

    def __init__(self, argument_spec, **kwargs):
        # Pydantic looks for plugins (observers of validation, such as tracing) by reading the entry
        # points of every installed distribution when it builds its first validator: 10 ms and more of
        # each task in a controller environment with many packages, for nothing a module uses. A
        # module process only; PYDANTIC_DISABLE_PLUGINS set in the environment is left as it is.
        os.environ.setdefault('PYDANTIC_DISABLE_PLUGINS', '__all__')
        spec = connection_argument_spec()
        spec.update(argument_spec)
        self.module = _AnsibleModule(argument_spec=spec, **kwargs)
        missing = missing_libraries()
        if missing:
            self.module.fail_json(msg=missing[0], exception=missing[1])
        self.params = self.module.params
        self.check_mode = self.module.check_mode
        # Ansible masks the exact no_log values; the scrubber every other form of them, and the
        # stripped value (what goes into the header) is added to Ansible's own list too.
        self.scrub = scrubber_for(self.params)
        self._client = None
        for name in CREDENTIALS:
            value = self.params.get(name)
            if value and trim(value) != value:
                self.module.no_log_values.add(trim(value))

    def client(self):
        try:
            self._client = client_from_params(self.params, warn=self.warn, scrub=self.scrub)
        except InputError as exc:
            self.fail(exc)
        return self._client

    def warn(self, msg):
        self.module.warn(self.scrub.message(msg))

    def failure(self, exc):
        """_failure.FIELDS of ``exc`` (None for each it lacks): the API's detail masked (the client did) and
        neutralised as a message is, since it is the API's text too."""
        fields = failure(exc)
        fields['detail'] = self.scrub.message(fields['detail'])
        return fields

    def fail(self, exc, **result):
        """Fail the task with ``exc``'s message, its failure fields (``failure``), ``result`` and what ``exc``
        carries for the task's result."""
        result = dict(self.failure(exc), **result)
        result.update(getattr(exc, 'result', None) or {})  # what an error carries for the task's result
        self._output(self.module.fail_json, dict(result, msg=str(exc)))

    def exit(self, **result):
        self._output(self.module.exit_json, result)

    def _output(self, finish, result):
        """Scrub ``result``, neutralise its message and hand it to ``finish``. Should that raise (a result
        that nests too deep to be encoded, say), fail with a scrubbed message naming the last request
        instead of letting Ansible print the raw exception."""
        try:
            result = self.scrub.deep(result)
            if 'msg' in result:
                result['msg'] = self.scrub.message(result['msg'])
            finish(**result)
        except Exception as exc:  # pylint: disable=broad-except
            request = getattr(self._client, 'last_request', None)
            msg = 'The result of %s could not be returned (%s: %s)' % (
                'request %s' % request if request else 'the task', type(exc).__name__, client_lib.cut_short(str(exc), 300, self.scrub))
            self.module.fail_json(msg=self.scrub.message(msg))
