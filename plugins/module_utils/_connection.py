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

import os
import traceback

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.langchain.langsmith.plugins.module_utils import _client as client_lib
from ansible_collections.langchain.langsmith.plugins.module_utils import _models as models
from ansible_collections.langchain.langsmith.plugins.module_utils._listener import InputError, check_uuid

ENV_API_KEY = 'LANGSMITH_API_KEY'
ENV_BEARER_TOKEN = 'LANGSMITH_BEARER_TOKEN'
ENV_WORKSPACE_ID = 'LANGSMITH_WORKSPACE_ID'
ENV_CONTROL_PLANE_URL = 'LANGSMITH_CONTROL_PLANE_URL'


def connection_argument_spec():
    """The connection options, to be merged into every module's argument spec."""
    return dict(
        api_key=dict(type='str', no_log=True, fallback=(env_fallback, [ENV_API_KEY])),
        bearer_token=dict(type='str', no_log=True, fallback=(env_fallback, [ENV_BEARER_TOKEN])),
        workspace_id=dict(type='str', aliases=['tenant_id'], fallback=(env_fallback, [ENV_WORKSPACE_ID])),
        control_plane_url=dict(type='str', default=client_lib.DEFAULT_CONTROL_PLANE_URL,
                               fallback=(env_fallback, [ENV_CONTROL_PLANE_URL])),
        validate_certs=dict(type='bool', default=True),
        ca_path=dict(type='path'),
        timeout=dict(type='int', default=client_lib.DEFAULT_TIMEOUT),
        retries=dict(type='int', default=client_lib.DEFAULT_RETRIES),
        retry_timeout=dict(type='int', default=client_lib.DEFAULT_RETRY_TIMEOUT),
    )


def missing_libraries():
    """(message, traceback) for the first required library that cannot be imported, else None."""
    if not client_lib.HAS_REQUESTS:
        return missing_required_lib('requests'), ''.join(traceback.format_exception(
            type(client_lib.REQUESTS_IMPORT_ERROR), client_lib.REQUESTS_IMPORT_ERROR, client_lib.REQUESTS_IMPORT_ERROR.__traceback__))
    if not models.HAS_PYDANTIC:
        return missing_required_lib('pydantic (version 2)'), ''.join(traceback.format_exception(
            type(models.PYDANTIC_IMPORT_ERROR), models.PYDANTIC_IMPORT_ERROR, models.PYDANTIC_IMPORT_ERROR.__traceback__))
    return None


def client_from_params(params, warn=None):
    """Check the connection options in ``params`` and return a Client.

    Raises InputError, naming the option, for anything that cannot work; no request
    is sent before every option has passed.
    """
    api_key = params.get('api_key') or None
    bearer_token = params.get('bearer_token') or None
    if not api_key and not bearer_token:
        raise InputError('api_key or bearer_token is required: set the api_key option or the %s environment '
                         'variable (or bearer_token / %s)' % (ENV_API_KEY, ENV_BEARER_TOKEN))
    if api_key and bearer_token:
        raise InputError('api_key and bearer_token are mutually exclusive (check the %s and %s environment '
                         'variables too)' % (ENV_API_KEY, ENV_BEARER_TOKEN))
    url = params.get('control_plane_url') or client_lib.DEFAULT_CONTROL_PLANE_URL
    try:
        client_lib.check_base_url(url)
    except ValueError as exc:
        raise InputError('control_plane_url %s' % exc)
    workspace_id = params.get('workspace_id') or None
    if workspace_id:
        workspace_id = check_uuid(workspace_id, 'workspace_id', 'a workspace ID')
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
    validate_certs = params.get('validate_certs')
    validate_certs = True if validate_certs is None else validate_certs
    if not validate_certs and url.startswith('https:') and warn:
        warn('validate_certs is false: the TLS certificate of %s is not verified' % url)
    return client_lib.Client(
        base_url=url, api_key=api_key, bearer_token=bearer_token, workspace_id=workspace_id,
        validate_certs=validate_certs, ca_path=ca_path, timeout=timeout, retries=retries,
        retry_timeout=retry_timeout, warn=warn)


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
        self.module = AnsibleModule(argument_spec=spec, **kwargs)
        missing = missing_libraries()
        if missing:
            self.module.fail_json(msg=missing[0], exception=missing[1])
        self.params = self.module.params
        self.check_mode = self.module.check_mode

    def client(self):
        try:
            return client_from_params(self.params, warn=self.module.warn)
        except InputError as exc:
            self.fail(exc)

    def fail(self, exc, **result):
        status = getattr(exc, 'status', None)
        if status is not None:
            result['status'] = status
        self.module.fail_json(msg=str(exc), **result)

    def exit(self, **result):
        self.module.exit_json(**result)
