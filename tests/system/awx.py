# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What AWX does around a job, reproduced for tests: the credential type's injectors rendered into
the job's environment, the environment of an inventory update, the inventory script through which
a job gets the stored inventory, the project files AWX offers as inventory files, a job's artifacts
and the extra variables they give the jobs of the next nodes of a workflow, and jobs run through
ansible-runner, the engine AWX uses. (AWX's own code: awx/main/models/credential,
awx/main/tasks/jobs.py, awx/main/tasks/callback.py, awx/main/models/workflow.py, awx/main/constants.py
and awx/main/utils/ansible.py.)"""

import json
import os
import re
import tempfile

import jinja2
import jinja2.sandbox
import yaml

from ansible_collections.langchain.langsmith.tests.system.harness import COLLECTIONS, ROOT

CREDENTIAL_TYPE = os.path.join(ROOT, 'extensions', 'awx', 'credential_type.yml')


def credential_type():
    with open(CREDENTIAL_TYPE, encoding='utf-8') as handle:
        return yaml.safe_load(handle)


def injected_env(inputs, files_dir=None):
    """The environment AWX gives a job for a credential whose stored inputs are ``inputs``, as AWX's
    CredentialType.inject_credential builds it: only the inputs the credential holds and that are not
    empty are in the namespace, and each injector template is rendered in a sandboxed Jinja
    environment whose undefined variables render as empty strings. A field's ``default`` plays no
    part: it only pre-fills the UI's form, so a credential created through the API or the CLI
    without a field injects it empty. Files of file injectors go to ``files_dir`` (AWX: the job's
    private data directory)."""
    definition = credential_type()
    fields = {field['id'] for field in definition['inputs']['fields']}
    unknown = set(inputs) - fields
    assert not unknown, 'AWX refuses inputs the credential type does not define: %s' % sorted(unknown)
    namespace = {name: value for name, value in inputs.items() if len(value)}
    environment = jinja2.sandbox.ImmutableSandboxedEnvironment()
    # File injectors first: each template is rendered into a file of its own (written whether or not it renders
    # empty), whose path the others read as tower.filename.<name> ("template.<name>"), or tower.filename ("template").
    filenames = {}
    for label, template in (definition['injectors'].get('file') or {}).items():
        handle, path = tempfile.mkstemp(prefix='awx_cred_', dir=files_dir)
        with os.fdopen(handle, 'w', encoding='utf-8') as out:
            out.write(environment.from_string(template).render(**namespace))
        os.chmod(path, 0o600)
        filenames[label.partition('.')[2] or None] = path
    if filenames:
        namespace['tower'] = {'filename': filenames.pop(None) if None in filenames else filenames}
    return {name: environment.from_string(template).render(**namespace)
            for name, template in definition['injectors']['env'].items()}


def ui_form_inputs(inputs):
    """The inputs of a credential created in the UI, whose form starts with each field's default."""
    defaults = {field['id']: field['default'] for field in credential_type()['inputs']['fields'] if 'default' in field}
    return dict(defaults, **inputs)


def missing_required(inputs):
    """The fields the credential type requires that ``inputs`` leaves missing or empty: AWX does not
    start a job whose credential has any."""
    required = credential_type()['inputs'].get('required') or []
    return [name for name in required if not inputs.get(name)]


def inventory_update_env():
    """What AWX adds to the environment of every inventory update (STANDARD_INVENTORY_UPDATE_ENV)."""
    return {'ANSIBLE_INVENTORY_UNPARSED_FAILED': 'True', 'ANSIBLE_INVENTORY_EXPORT': 'True', 'ANSIBLE_VERBOSE_TO_STDERR': 'True'}


def write_inventory_script(path, inventory):
    """The inventory of a job as AWX gives it: a script that prints the inventory AWX stored (the
    output of the inventory updates), with the host variables as they were stored."""
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write('#! /usr/bin/env python3\n# -*- coding: utf-8 -*-\nprint(%r)\n' % json.dumps(inventory))
    os.chmod(path, 0o700)


def could_be_inventory(project, filename):
    """Whether AWX offers the project file ``filename`` in the Inventory file list of an inventory
    source: a file named inventory or hosts, an .ini file or an executable file is offered; any other
    file with an extension is not; a file without one is, if its first lines look like an inventory."""
    path = os.path.join(project, filename)
    extension = os.path.splitext(filename)[1]
    if filename in ('inventory', 'hosts') or extension == '.ini' or os.access(path, os.X_OK):
        return True
    if extension:
        return False
    with open(path, encoding='utf-8', errors='ignore') as handle:
        return all(re.match(r'^[a-zA-Z0-9_.=\[\]]', line) for line in handle.readlines()[:10])


def job_artifacts(events):
    """A job's artifacts, as AWX's RunnerCallback.event_handler keeps them: the ``artifact_data`` of the
    job's events that have one not empty (ansible-runner's playbook_on_stats event carries the job's
    set_stats data there), the last one; {} when there is none."""
    artifacts = {}
    for event in events:
        if event.get('event_data', {}).get('artifact_data', {}):
            artifacts = event['event_data']['artifact_data']
    return artifacts


def workflow_node_extra_vars(parent_artifacts, workflow_extra_vars=None):
    """The extra variables that a workflow node of a job template gives its job, as AWX's
    WorkflowJobNode.get_job_kwargs builds them: the artifacts of the nodes before it (each parent node's
    job's, and what that node got from its own parents), whatever the job template prompts for, without
    ``_ansible_no_log``; the workflow's own extra variables over them."""
    extra_vars = {}
    for artifacts in parent_artifacts:
        extra_vars.update(artifacts)
    extra_vars.pop('_ansible_no_log', None)
    extra_vars.update(workflow_extra_vars or {})
    return extra_vars


def runner_env(extra=None):
    """The variables an execution environment has in place of a venv: the collections path."""
    env = {'ANSIBLE_COLLECTIONS_PATH': COLLECTIONS, 'ANSIBLE_NOCOLOR': '1', 'ANSIBLE_FORCE_COLOR': '0'}
    env.update(extra or {})
    return env
