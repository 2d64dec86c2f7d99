# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The action of langchain.langsmith.dataplane_plan (documented in plugins/modules/dataplane_plan.py).

Once for the play, on the controller: reads the role's variables for every host of the play, each with that host's
own variables (as a task of the role would see them), templates and validates them (RoleInputs), computes each
cluster's request from them in Python (plugin_utils/_dataplane.cluster_request), and checks them all
(plugin_utils/_dataplane.check_play); what that takes of ansible-core's internals is plugin_utils/_internals.py's.
A per-host task that notes each host's request would cost the play
one more task per host: a worker process forked for each, and the strategy's own work per host and
task. This task gathers and templates each host's variables in one process instead, which the
benchmark shows to cost less (docs/docsite/rst/performance.rst, "Where the time of a fleet goes").
"""

from collections.abc import Mapping
import difflib
import importlib
import os
import re
import shutil
import subprocess
import sys

from ansible.errors import AnsibleError
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase
from ansible.plugins.loader import module_loader

import yaml

from ansible_collections.langchain.langsmith.plugins.module_utils._env import ENV_PREFIX
from ansible_collections.langchain.langsmith.plugins.module_utils._secrets import Scrubber
from ansible_collections.langchain.langsmith.plugins.plugin_utils._dataplane import Problems, Tools, check_play, cluster_request
from ansible_collections.langchain.langsmith.plugins.plugin_utils._internals import AnsibleInternalsError, PlayVariables


def has_kubernetes_core():
    """Whether kubernetes.core's helm module resolves, as the role's tasks will look for it."""
    try:
        return module_loader.find_plugin_with_context('kubernetes.core.helm').resolved
    except Exception:  # pylint: disable=broad-except
        return False


def kubernetes_library_missing(interpreter):
    """None when ``import kubernetes`` works in ``interpreter`` (the Python of the tasks on the control node), else
    (interpreter, why)."""
    if interpreter == sys.executable:
        try:
            importlib.import_module('kubernetes')
            return None
        except Exception as exc:  # pylint: disable=broad-except
            return interpreter, 'import kubernetes failed: %s' % _first_line(to_text(exc))
    try:
        proc = subprocess.run([interpreter, '-c', 'import kubernetes'], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              timeout=60, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return interpreter, 'it cannot be run: %s' % _first_line(to_text(exc))
    if proc.returncode:
        return interpreter, 'import kubernetes failed: %s' % _first_line(to_text(proc.stdout).strip().splitlines()[-1:])
    return None


def _first_line(text):
    if isinstance(text, list):
        text = text[0] if text else ''
    return (text.splitlines() or [''])[0][:200]


def helm_version():
    """The version of the helm on PATH ('v3.17.2'), '(unknown)' when it cannot tell, None without helm."""
    helm = shutil.which('helm')
    if not helm:
        return None
    try:
        # helm needs no credential of the control plane (as the role's helm tasks, which run without them)
        env = dict((name, value) for name, value in os.environ.items() if not name.startswith(ENV_PREFIX))
        proc = subprocess.run([helm, 'version'], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return '(unknown)'
    # version.BuildInfo{Version:"v3.17.2", ...}, as Helm 3 and 4 print it
    found = re.search(r'\bv\d+\.\d+\.\d+', to_text(proc.stdout))
    return found.group(0) if found else '(unknown)'


def failed_before(task_vars, registered, problems):
    """Append to ``problems`` one for each host of the play that failed before this task, in this batch (for example in the role's
    argument validation, which ansible-core runs per host before the role's first task): it left the batch, and
    the others must not be written as if it had not been asked for. A host that failed in an earlier batch has
    this task's result from that batch (``registered``), and is left out."""
    active = set(task_vars.get('ansible_play_hosts') or ())
    gone = [name for name in task_vars.get('ansible_play_hosts_all') or () if name not in active]
    hostvars = task_vars.get('hostvars') or {}
    # ansible-core 2.21 keeps register as a mapping of the variable's name to what it registers
    names = list(registered) if isinstance(registered, Mapping) else [registered] if registered else []
    for name in gone:
        if not any(registered_name in hostvars.get(name, {}) for registered_name in names):
            problems.append('%s failed before the role checked the play (for example, one of its variables did not pass the '
                            'role\'s argument validation): nothing is written for any cluster of the play while one of them is '
                            'wrong' % name, [name])


ROLE_SPEC = os.path.join(os.path.dirname(__file__), os.pardir, os.pardir, 'roles', 'dataplane', 'meta', 'argument_specs.yml')
# langsmith_* variables that are not the role's inputs but are the collection's all the same: the playbooks', the
# inventory plugin's host variables, and the role's facts.
OTHER_VARIABLES = frozenset(('langsmith_hosts', 'langsmith_decommission_all', 'langsmith_inventory_errors', 'langsmith_listener_id',
                             'langsmith_listener', 'langsmith_listener_version', 'langsmith_compute_type', 'langsmith_deployments'))
# The role's credentials: masked in what the validation of a cluster's variables says of them.
CREDENTIALS = ('langsmith_api_key', 'langsmith_bearer_token')


def role_spec():
    """The options of the role's entry point ``main`` (meta/argument_specs.yml): what the role's inputs are, and how
    ansible-core's own validation of a role's arguments checks them."""
    with open(ROLE_SPEC, encoding='utf-8') as handle:
        return yaml.safe_load(handle)['argument_specs']['main']['options']


def role_variables(options):
    """The names of the role's inputs (``options``, its argument specification), and the collection's other langsmith_*
    variables."""
    return OTHER_VARIABLES | frozenset(options)


class RoleInputs:
    """Each cluster's inputs of the role, as ansible-core's validation of the role's arguments takes them (the action
    validate_argument_spec, which ansible-core runs per host before a role's first task): every option of the role's
    argument specification that the host's variables set, templated, then checked against the specification. Once
    for the play, in this task: a play that includes the role with ``rolespec_validate: false`` (bootstrap_cluster and
    decommission_cluster do) is spared that one task per cluster and loses no check."""

    def __init__(self, options):
        self.names = tuple(options)
        self._validator = ArgumentSpecValidator(options)

    def of(self, templar, host_vars):
        """(inputs, errors) of one host, with ``templar`` templating in that host's variables ``host_vars``. Only the
        role's variables are templated, each once; the request is computed from them in Python (cluster_request)."""
        given = dict((name, host_vars[name]) for name in self.names if name in host_vars)
        templated = templar.template(given)
        checked = self._validator.validate(templated)
        if checked.error_messages:
            scrub = Scrubber([templated.get(name) for name in CREDENTIALS if templated.get(name)])
            return None, [scrub(to_text(message)) for message in checked.error_messages]
        # what the specification converted (a bool from "yes", a list from "a,b"), and nothing it would add
        return dict((name, value) for name, value in checked.validated_parameters.items() if name in templated), []


def misspelt(names_by_host, known):
    """One warning for each langsmith_* variable that is not one of ``known`` but is close to one (a typo, which would
    otherwise pass silently), naming the clusters that set it: [(name, [hosts], suggestion)]."""
    hosts_of = {}
    for host, names in names_by_host:
        for name in names:
            if name not in known:
                hosts_of.setdefault(name, []).append(host)
    found = []
    for name, hosts in sorted(hosts_of.items()):
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.8)
        if close:
            found.append('%s is not a variable of the langchain.langsmith.dataplane role, and has no effect (set for %s%s): did '
                         'you mean %s?' % (name, ', '.join(hosts[:5]), ' and %d more' % (len(hosts) - 5) if len(hosts) > 5 else '',
                                           close[0]))
    return found


class ActionModule(ActionBase):

    TRANSFERS_FILES = False

    @staticmethod
    def _tasks_python(task_vars):
        """The Python that the role's tasks, delegated to localhost, run with: localhost's ansible_python_interpreter,
        else this controller's (the implicit localhost's)."""
        localhost = (task_vars.get('hostvars') or {}).get('localhost') or {}
        interpreter = localhost.get('ansible_python_interpreter')
        if not interpreter or str(interpreter).startswith('auto'):
            return sys.executable
        return str(interpreter)
    _requires_connection = False  # ansible-core 2.18 and later: no connection is made at all

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        dummy, args = self.validate_argument_spec(argument_spec=dict(
            hosts=dict(type='list', elements='str', required=True),
        ))
        try:
            variables = PlayVariables(self._task)
        except AnsibleInternalsError as exc:
            result.update(failed=True, changed=False, msg=to_text(exc))
            return result
        options = role_spec()
        inputs = RoleInputs(options)
        # one templar for the play, given each host's variables in turn
        templar = self._templar.copy_with_new_env(available_variables={})
        environ = dict(os.environ)
        hosts_all = list(task_vars.get('ansible_play_hosts_all') or args['hosts'])
        requests = []
        problems = Problems()
        langsmith_names = []
        for name in args['hosts']:
            host = variables.host(name)
            if host is None:
                problems.append('%s: not a host of the inventory' % name, [name])
                continue
            host_vars = variables.of(host, args['hosts'], hosts_all)
            langsmith_names.append((name, [key for key in host_vars if key.startswith('langsmith_')]))
            templar.available_variables = host_vars
            try:
                mine, errors = inputs.of(templar, host_vars)
            except AnsibleError as exc:
                problems.append('%s: its variables cannot be templated: %s' % (name, to_text(exc)), [name])
                continue
            if errors:
                # ansible-core's own words, as its validation of a role's arguments says them
                problems.append('%s: its variables do not pass the validation of the role\'s arguments '
                                '(meta/argument_specs.yml). Validation of arguments failed: %s' % (name, '; '.join(errors)), [name])
                continue
            requests.append(cluster_request(name, mine, environ))
        failed_before(task_vars, self._task.register, problems)
        interpreter = self._tasks_python(task_vars)
        tools = Tools(has_kubernetes_core, lambda: kubernetes_library_missing(interpreter), helm_version)
        found = check_play(requests, problems, tools)
        result.update(found)
        warnings = misspelt(langsmith_names, role_variables(options))
        if warnings:
            result['warnings'] = warnings
        result['changed'] = False
        return result
