# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What AWX does around a job, reproduced for tests: the credential type's injectors rendered into
the job's environment, and jobs run through ansible-runner, the engine AWX uses."""

import os

import jinja2
import yaml

from ansible_collections.langchain.langsmith.tests.system.harness import COLLECTIONS, ROOT

CREDENTIAL_TYPE = os.path.join(ROOT, 'extensions', 'awx', 'credential_type.yml')


def credential_type():
    with open(CREDENTIAL_TYPE, encoding='utf-8') as handle:
        return yaml.safe_load(handle)


def injected_env(inputs):
    """The environment AWX gives a job for a credential with ``inputs``: each injector template
    rendered with the inputs, an input left empty rendering as an empty string (as AWX does)."""
    definition = credential_type()
    fields = {field['id']: field for field in definition['inputs']['fields']}
    values = {name: inputs.get(name, fields[name].get('default', '')) for name in fields}
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined)
    return {name: environment.from_string(template).render(**values)
            for name, template in definition['injectors']['env'].items()}


def runner_env(extra=None):
    """The variables an execution environment has in place of a venv: the collections path."""
    env = {'ANSIBLE_COLLECTIONS_PATH': COLLECTIONS, 'ANSIBLE_NOCOLOR': '1', 'ANSIBLE_FORCE_COLOR': '0'}
    env.update(extra or {})
    return env
