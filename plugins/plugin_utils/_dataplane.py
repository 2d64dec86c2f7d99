# -*- coding: utf-8 -*-
# Collection-private plugin_utils of langchain.langsmith: not a public API, may change without notice.
#
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the dataplane role computes, as plain functions (the role calls them through the action
dataplane_plan once per play, and the filters dataplane_values and dataplane_objects once per cluster).

``check_play()`` checks the requests of every cluster of a play before any request is sent (the
variables of each cluster, the clashes between clusters, the prerequisites of the chart) and
turns them into the items of one ``listeners`` module run. ``chart_values()`` builds the values
of the ``langgraph-dataplane`` chart for one cluster. Every check reads each request once and
looks the others up in dicts, so that a play of thousands of clusters, or a listener of
thousands of namespaces, costs time in proportion to its size.
"""

import hashlib
import json
import os

from ansible_collections.langchain.langsmith.plugins.module_utils._env import (
    ENV_API_KEY, ENV_BEARER_TOKEN, ENV_CONTROL_PLANE_URL, ENV_WORKSPACE_ID)
from ansible_collections.langchain.langsmith.plugins.module_utils._errors import InputError, check_compute_id, check_namespaces
from ansible_collections.langchain.langsmith.plugins.module_utils._fleet import requested_twice
from ansible_collections.langchain.langsmith.plugins.module_utils._secrets import trim
from ansible_collections.langchain.langsmith.plugins.module_utils._urls import DEFAULT_CONTROL_PLANE_URL, check_base_url, smith_backend_url

# The Secret the role creates in the release namespace for the API key, unless the user names one.
API_KEY_SECRET = '%s-langsmith-api-key'
API_KEY_SECRET_KEY = 'langsmith_api_key'  # the key the chart reads from either Secret


def merge(base, override):
    """``base`` with ``override`` merged in recursively (dicts merge, anything else replaces)."""
    result = dict(base)
    for key, value in (override or {}).items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = value
    return result


def _enabled(values, section):
    return bool((values.get(section) or {}).get('enabled'))


def routes_across_namespaces(values):
    """True when the chart's values route through the Gateway API or an Istio gateway, which reach
    every watched namespace (the default Ingress routes only within its own)."""
    return _enabled(values, 'gateway') or _enabled(values, 'istioGateway')


def root_domain(values):
    """The host name the operator's deployments are reached at (the chart's ROOT_DOMAIN), or ''."""
    for section in ('gateway', 'ingress', 'istioGateway'):
        hostname = (values.get(section) or {}).get('hostname')
        if hostname:
            return hostname
    return ''


def chart_values(listener_id, workspace_id, control_plane_url, smith_url, namespaces, secret_name,
                 ingress_hostname=None, create_crds=True, user_values=None, dataplane_control_plane_url=None):
    """The values of the ``langgraph-dataplane`` chart for one cluster: the role's, then ``user_values``
    merged in last (recursively), so that each of the role's values can be overridden.

    The API key is never among them: the chart reads it from the Secret ``secret_name``. With the
    Gateway API or an Istio gateway enabled in ``user_values``, the chart's Ingress is turned off
    (the chart allows one of the three). The host name of the deployments goes to the operator
    (``ingress.hostname``) and to the listener (``config.rootDomain``); without one, their health
    check is turned off: it calls each deployment through that host name. ``dataplane_control_plane_url``, when
    given, is the control plane URL the data plane uses (an in-cluster service URL, for a data plane in the cluster of
    a self-hosted LangSmith), in place of ``control_plane_url``, the one this run used.
    """
    user_values = user_values or {}
    config = {
        'langgraphListenerId': listener_id,
        'langsmithWorkspaceId': workspace_id,
        'hostBackendUrl': (dataplane_control_plane_url or control_plane_url or DEFAULT_CONTROL_PLANE_URL).rstrip('/'),
        'smithBackendUrl': smith_url,
        'watchNamespaces': ','.join(namespaces),
        'existingSecretName': secret_name,
    }
    values = {'config': config, 'operator': {'createCRDs': bool(create_crds)}}
    ingress = {}
    if routes_across_namespaces(user_values):
        ingress['enabled'] = False
    if ingress_hostname:
        ingress['hostname'] = ingress_hostname
    if ingress:
        values['ingress'] = ingress
    hostname = root_domain(merge(values, user_values))
    if hostname:
        # The operator takes the host name from ingress (or gateway, istioGateway).hostname; the
        # listener, which runs the health check, only from config.rootDomain.
        config['rootDomain'] = hostname
    else:
        config['enableLGPDeploymentHealthCheck'] = False
    return merge(values, user_values)


# What the control plane's host-backend needs in a watched namespace to read the logs of its agent servers, as the
# vendor's langsmith chart grants it in its own namespace (charts/langsmith/templates/host-backend/rbac.yaml).
LOG_ACCESS_RULES = [
    {'apiGroups': [''], 'resources': ['pods'], 'verbs': ['get', 'list']},
    {'apiGroups': [''], 'resources': ['pods/log'], 'verbs': ['get', 'list', 'watch']},
]
LOG_ACCESS_DEFAULTS = {'namespace': 'langsmith', 'service_account': 'langsmith-host-backend'}


def namespace_objects(names):
    """One v1 Namespace object (a dict) per name of ``names``, in order, each once; ValueError for a name that is
    not a Kubernetes namespace name. Built as data for kubernetes.core.k8s, never as YAML text."""
    objects = []
    for name in check_namespaces(list(names), 'the namespaces to create') or []:
        objects.append({'apiVersion': 'v1', 'kind': 'Namespace', 'metadata': {'name': name}})
    return objects


def log_access_objects(release_name, watched, log_access):
    """A Role and a RoleBinding in each watched namespace that let the control plane's ServiceAccount
    (``log_access``: its ``namespace`` and ``service_account``) read the pods and logs there; [] without log_access."""
    if not log_access:
        return []
    access = dict(LOG_ACCESS_DEFAULTS, **dict((k, v) for k, v in log_access.items() if v))
    name = '%s-langsmith-log-access' % release_name
    labels = {'app.kubernetes.io/managed-by': 'langchain.langsmith.dataplane'}
    objects = []
    for namespace in check_namespaces(list(watched), 'langsmith_k8s_namespaces') or []:
        meta = {'name': name, 'namespace': namespace, 'labels': labels}
        objects.append({'apiVersion': 'rbac.authorization.k8s.io/v1', 'kind': 'Role', 'metadata': meta, 'rules': LOG_ACCESS_RULES})
        objects.append({'apiVersion': 'rbac.authorization.k8s.io/v1', 'kind': 'RoleBinding', 'metadata': dict(meta),
                        'subjects': [{'kind': 'ServiceAccount', 'name': access['service_account'], 'namespace': access['namespace']}],
                        'roleRef': {'apiGroup': 'rbac.authorization.k8s.io', 'kind': 'Role', 'name': name}})
    return objects


def cluster_objects(namespaces, release_name=None, watched=(), log_access=None):
    """What the role creates in a cluster before the chart, in order: the Namespaces (``namespaces``), then the
    log-access Roles and RoleBindings of the watched namespaces (see log_access_objects)."""
    return namespace_objects(namespaces) + log_access_objects(release_name, watched, log_access)


def keda_enabled(values):
    """Whether the chart's operator scales with KEDA (operator.kedaEnabled, true unless the values say false)."""
    return (values.get('operator') or {}).get('kedaEnabled', True) not in (False, 'false', 'False')


def creates_crds(request):
    """Whether the chart will create the CRDs for this request: langsmith_dataplane_create_crds, unless
    langsmith_dataplane_values (merged last) says otherwise."""
    operator = (request.get('values') or {}).get('operator') or {}
    return bool(operator.get('createCRDs', request.get('create_crds', True)))


def _kube_target(request):
    return (request.get('kubeconfig') or '(the default kubeconfig)', request.get('kube_context') or '(its current context)')


class Problems(list):
    """The problems of a play, in order; ``at_fault`` files each under the clusters (hosts) it concerns, so that each
    cluster's failure can name its own problems and the others can name the clusters at fault."""

    def __init__(self):
        super(Problems, self).__init__()
        self.at_fault = {}

    def append(self, text, hosts=()):  # pylint: disable=arguments-differ
        super(Problems, self).append(text)
        for host in hosts:
            self.at_fault.setdefault(host, []).append(text)

    def blame(self, most=10):
        """The clusters at fault, for the message of the others: 'a, b and 3 more'."""
        hosts = list(self.at_fault)
        text = ', '.join(hosts[:most])
        return text + (' and %d more' % (len(hosts) - most) if len(hosts) > most else '')

    def result(self):
        """What the plan returns of them: every problem, each cluster's own (``at_fault``), and the message of the
        clusters of the play that are not at fault (``stop_others``)."""
        others = ''
        if self:
            others = ('Nothing was written for this cluster: the play stopped before any request, because of %s (see '
                      'their messages)' % (self.blame() or 'the problems of the play'))
        return {'problems': list(self), 'at_fault': self.at_fault, 'stop_others': [others] if others else []}


def connection_of(inputs, environ):
    """(control plane URL, workspace ID, API key, bearer token) of a cluster, as the modules see them: each role
    variable of ``inputs``, else its environment variable of ``environ``; an empty value (what an AWX survey leaves
    in an optional field) counts as omitted. Credentials trimmed as the modules trim them; the URL without its
    trailing slashes, the hosted US control plane when neither says one."""
    def given(name, env):
        return inputs.get(name) or environ.get(env) or ''
    url = (given('langsmith_control_plane_url', ENV_CONTROL_PLANE_URL) or DEFAULT_CONTROL_PLANE_URL).rstrip('/')
    return (url, given('langsmith_workspace_id', ENV_WORKSPACE_ID), trim(given('langsmith_api_key', ENV_API_KEY)),
            trim(given('langsmith_bearer_token', ENV_BEARER_TOKEN)))


def job_value(inputs, job, own):
    """What a cluster asks for where a job-wide variable (langsmith_job_*, an AWX survey's answer) may say it for every
    cluster of the job: the job's value when it is set, else the cluster's own (None when neither is)."""
    return inputs.get(job) or inputs.get(own)


def installs_chart(inputs):
    """Whether a cluster installs (or uninstalls) the chart: langsmith_job_dataplane_install, unless it is omitted, empty
    or ``inventory``, else the cluster's own langsmith_dataplane_install."""
    job = inputs.get('langsmith_job_dataplane_install')
    return (job == 'true') if job not in (None, '', 'inventory') else bool(inputs.get('langsmith_dataplane_install'))


def secret_name(inputs):
    """The Secret of the release namespace that the chart reads the API key from: the user's, or the role's own."""
    return inputs.get('langsmith_dataplane_existing_secret') or API_KEY_SECRET % inputs.get('langsmith_dataplane_release_name')


def cluster_request(host, inputs, environ):
    """What the role asks for cluster ``host``, from ``inputs`` (the role's variables as that host's tasks see them,
    templated once and validated against the role's argument specification; a variable set nowhere is left out) and
    ``environ`` (the controller's environment, where the connection falls back to): the request that check_play
    checks. Never a credential: whether there is an API key, and a hash of the connection, which one listing of the
    workspace serves only when every cluster of the play shares it."""
    url, workspace_id, api_key, bearer_token = connection_of(inputs, environ)
    install = installs_chart(inputs)
    request = {
        'host': host,
        'connection': hashlib.sha256(json.dumps([url, workspace_id, api_key, bearer_token]).encode('utf-8')).hexdigest(),
        'compute_id': inputs.get('langsmith_compute_id'),
        'state': inputs.get('langsmith_listener_state') or 'present',
        'force': bool(inputs.get('langsmith_listener_force')),
        'namespaces': inputs.get('langsmith_k8s_namespaces') or [],
        'version': job_value(inputs, 'langsmith_job_listener_version', 'langsmith_listener_version') or '',
        'install': install,
        'chart': {},
    }
    if install:
        request['chart'] = {
            'api_key': bool(api_key),
            'existing_secret': inputs.get('langsmith_dataplane_existing_secret') or '',
            'workspace_id': workspace_id,
            'control_plane_url': url,
            'smith_backend_url': inputs.get('langsmith_smith_backend_url') or '',
            'dataplane_control_plane_url': inputs.get('langsmith_dataplane_control_plane_url') or '',
            'kubeconfig': inputs.get('langsmith_kubeconfig') or '',
            'kube_context': inputs.get('langsmith_kube_context') or '',
            'release_namespace': inputs.get('langsmith_dataplane_release_namespace'),
            'create_crds': bool(inputs.get('langsmith_dataplane_create_crds', True)),
            'install_keda': bool(inputs.get('langsmith_dataplane_install_keda')),
            'ingress_hostname': inputs.get('langsmith_dataplane_ingress_hostname') or '',
            'values': inputs.get('langsmith_dataplane_values') or {},
            'secret_name': secret_name(inputs),
            'owns_secret': not inputs.get('langsmith_dataplane_existing_secret'),
            'chart_version': job_value(inputs, 'langsmith_job_dataplane_chart_version', 'langsmith_dataplane_chart_version') or '',
            'release_name': inputs.get('langsmith_dataplane_release_name'),
            'create_namespaces': bool(inputs.get('langsmith_dataplane_create_namespaces', True)),
            'log_access': inputs.get('langsmith_dataplane_log_access') or {},
        }
    return request


def chart_inputs(request, namespaces=None):
    """The checked inputs of the chart's tasks for one cluster that installs the chart (``namespaces``: its listener's,
    checked) or uninstalls it (None): ``secret``, the Secret the chart reads the API key from (its ``name``, and whether
    the role ``owns`` it: creates and deletes it); and where it installs, ``chart_version`` (empty: the newest),
    ``values``, the arguments of chart_values but the listener's ID, which only the listeners run knows, and
    ``objects``, those of cluster_objects (the release namespace, then the watched ones when the role creates them)."""
    inputs = {'secret': {'name': request.get('secret_name'), 'owned': bool(request.get('owns_secret', True))}}
    if namespaces is None:
        return inputs
    inputs['chart_version'] = request.get('chart_version') or ''
    inputs['values'] = {
        'workspace_id': request.get('workspace_id'),
        'control_plane_url': request.get('control_plane_url'),
        'dataplane_control_plane_url': request.get('dataplane_control_plane_url') or '',
        'smith_url': request.get('smith_backend_url') or smith_backend_url(request.get('control_plane_url')),
        'namespaces': list(namespaces),
        'secret_name': request.get('secret_name'),
        'ingress_hostname': request.get('ingress_hostname') or '',
        'create_crds': bool(request.get('create_crds', True)),
        'user_values': request.get('values') or {},
    }
    created = [request.get('release_namespace')] + (list(namespaces) if request.get('create_namespaces', True) else [])
    inputs['objects'] = {'namespaces': created, 'watched': list(namespaces), 'log_access': request.get('log_access') or {},
                         'release_name': request.get('release_name')}
    return inputs


def check_play(requests, problems=None, tools=None):
    """``{'problems': [...], 'notes': [...], 'listeners': {host: item}, 'charts': {host: inputs}, 'installs': [host],
    'uninstalls': [host], 'force': bool}``
    for the requests of a play's clusters.

    A request is what the role asks for each cluster (``cluster_request``). ``problems``
    stop the play before any request; ``notes`` are said once; ``listeners`` holds each cluster's item of the one
    ``langchain.langsmith.listeners`` run that converges every cluster (none when there are problems);
    ``installs`` and ``uninstalls`` name the clusters that install or uninstall the chart; ``charts`` holds, for each of
    them, its checked inputs (``chart_inputs``): the role templates them once, here, and hands them on as they are.
    """
    problems = Problems() if problems is None else problems
    notes = []
    items = {}
    charts = {}
    # What the chart's checks need comes under "chart" (the role reads it only where the chart is installed).
    requests = [dict(request.get('chart') or {}, **dict((k, v) for k, v in request.items() if k != 'chart'))
                for request in requests if request]
    if not requests:
        return dict(problems.result(), notes=notes, listeners=items, charts=charts, installs=[], uninstalls=[], force=False)

    first = requests[0]
    others = [r['host'] for r in requests if r.get('connection') != first.get('connection')]
    if others:
        problems.append('One listing of the workspace serves every host of the play, so they must all use the same control '
                        'plane, workspace and credentials (langsmith_control_plane_url, langsmith_workspace_id, '
                        'langsmith_api_key, langsmith_bearer_token); %s differ from %s. Run one play per workspace.'
                        % (', '.join(others), first['host']), others + [first['host']])

    by_compute_id = {}
    present = []
    without_hostname = []
    for request in requests:
        host = request['host']
        state = request.get('state') or 'present'
        mine = []
        try:
            compute_id = check_compute_id(request.get('compute_id'), 'langsmith_compute_id')
        except InputError as exc:
            mine.append(str(exc))
            compute_id = None
        namespaces = None
        if state == 'present':
            try:
                namespaces = check_namespaces(request.get('namespaces') or None, 'langsmith_k8s_namespaces')
            except InputError as exc:
                mine.append(str(exc))
            if not request.get('namespaces'):
                mine.append('langsmith_k8s_namespaces is required when langsmith_listener_state is present: name the '
                            'Kubernetes namespaces that the listener of %s serves' % (compute_id or host))
        if request.get('install'):
            mine.extend(_install_problems(request, state, namespaces or []))
            if state == 'present' and not (request.get('ingress_hostname') or root_domain(request.get('values') or {})):
                without_hostname.append(host)
        for problem in mine:
            problems.append('%s: %s' % (host, problem), [host])
        if compute_id is None:
            continue
        by_compute_id.setdefault(compute_id, []).append(host)
        if state == 'present' and namespaces:
            present.append(((compute_id, host), namespaces))
        item = {'compute_id': compute_id, 'state': state}
        if state == 'present':
            item['k8s_namespaces'] = namespaces
            if request.get('version'):
                item['version'] = request['version']
            if request.get('install') and namespaces:
                charts[host] = chart_inputs(request, namespaces)
        elif request.get('install'):
            charts[host] = chart_inputs(request)
        items[host] = item

    for compute_id, hosts in by_compute_id.items():
        for host in hosts if len(hosts) > 1 else ():
            problems.append('%s clashes with another cluster of the play: langsmith_compute_id %s is also the compute ID of '
                            '%s; every cluster needs its own.' % (host, compute_id, ', '.join(h for h in hosts if h != host)), [host])
    for namespace, owners in requested_twice(present):
        for compute_id, host in owners:
            shared = ', '.join('compute_id %s (host %s)' % owner for owner in owners if owner[1] != host)
            problems.append('%s clashes with another cluster of the play: two listeners must never serve the same '
                            'namespace: namespace %s is also requested by %s.' % (host, namespace, shared), [host])
    _shared_cluster_problems(requests, problems)
    if tools is not None:
        _tool_problems(requests, tools, problems)
    # One listeners run deletes for the whole play: force is the play's, so the clusters it deletes must agree on it.
    deleting = [r for r in requests if r.get('state') == 'absent']
    forced = [r['host'] for r in deleting if r.get('force')]
    if forced and len(forced) != len(deleting):
        problems.append('langsmith_listener_force is true for %s but not for %s: one run deletes the listeners of the play, '
                        'so set it alike for every cluster that is decommissioned (-e langsmith_listener_force=true)'
                        % (', '.join(forced), ', '.join(r['host'] for r in deleting if not r.get('force'))),
                        [r['host'] for r in deleting])
    if without_hostname:
        notes.append('The deployment health check is off (config.enableLGPDeploymentHealthCheck: false) for %s: it calls '
                     'each deployment through the ingress host name, and none is set. Set langsmith_dataplane_ingress_hostname '
                     'to turn it on.' % ', '.join(without_hostname))
    installs = [request for request in requests if request.get('install')]
    return dict(problems.result(), notes=notes, listeners=items if not problems else {}, charts=charts if not problems else {},
                installs=[r['host'] for r in installs if (r.get('state') or 'present') == 'present'],
                uninstalls=[r['host'] for r in installs if r.get('state') == 'absent'],
                force=bool(deleting) and len(forced) == len(deleting))


def _install_problems(request, state, namespaces):
    """What the chart cannot do without, for one cluster that installs it."""
    found = []
    if state != 'present':
        return found
    if not request.get('api_key') and not request.get('existing_secret'):
        found.append('langsmith_dataplane_install needs the API key for the data plane: set langsmith_api_key (or %s), or '
                     'name a Secret that holds it in langsmith_dataplane_existing_secret' % ENV_API_KEY)
    if not request.get('workspace_id'):
        found.append('langsmith_dataplane_install needs the workspace ID: set langsmith_workspace_id (or %s)' % ENV_WORKSPACE_ID)
    if not (request.get('smith_backend_url') or smith_backend_url(request.get('control_plane_url'))):
        found.append('langsmith_dataplane_install needs the LangSmith API URL: set langsmith_smith_backend_url (it cannot be '
                     'derived from the control plane URL %s)' % request.get('control_plane_url'))
    for variable, key in (('langsmith_dataplane_control_plane_url', 'dataplane_control_plane_url'),
                          ('langsmith_smith_backend_url', 'smith_backend_url')):
        if request.get(key):
            try:
                check_base_url(request[key])
            except ValueError as exc:
                found.append('%s %s (the URL the data plane uses: an in-cluster http:// service URL is fine)' % (variable, exc))
    if request.get('install_keda') and not keda_enabled(request.get('values') or {}):
        found.append('langsmith_dataplane_install_keda is true, and langsmith_dataplane_values sets operator.kedaEnabled: false, '
                     'so the data plane would not use the KEDA the role installs: set one of them only')
    if len(namespaces) > 1 and not routes_across_namespaces(request.get('values') or {}):
        found.append('langsmith_k8s_namespaces names %d namespaces, and the chart\'s default Ingress routes only within its own '
                     'namespace: a data plane that watches more than one namespace needs the Gateway API or an Istio gateway. '
                     'Set gateway.enabled (or istioGateway.enabled) and its name in langsmith_dataplane_values, or serve one '
                     'namespace' % len(namespaces))
    return found


class Tools:
    """What the chart's tasks need on the control node, found out once for the play (each probe runs at most once):
    the kubernetes.core collection, the kubernetes Python library in the Python the tasks run with, and the helm
    CLI (Helm 3 or 4). The probes are functions, so that tests can stand in for them."""

    def __init__(self, collection, library, helm):
        self._probes = {'collection': collection, 'library': library, 'helm': helm}
        self._found = {}

    def __getitem__(self, name):
        if name not in self._found:
            self._found[name] = self._probes[name]()
        return self._found[name]


def helm_major(version):
    """3 from 'v3.17.2' (what ``helm version --template {{.Version}}`` prints), else None."""
    text = (version or '').strip().lstrip('v')
    major = text.split('.', 1)[0]
    return int(major) if major.isdigit() else None


def _tool_problems(requests, tools, found):
    """What the chart's tasks cannot run without, checked before any write for the clusters that install or uninstall
    the chart (appended to ``found``): kubernetes.core, the kubernetes library, helm, and each cluster's kubeconfig."""
    charted = [r for r in requests if r.get('install')]
    if not charted:
        return
    hosts = [r['host'] for r in charted]
    if not tools['collection']:
        found.append('langsmith_dataplane_install needs the kubernetes.core collection (its helm and k8s modules), which '
                     'cannot be found: install it beside this collection (ansible-galaxy collection install kubernetes.core; '
                     'without Galaxy, from the ansible package on PyPI, see the dataplane role guide), for %s'
                     % ', '.join(hosts), hosts)
    library = tools['library']
    if library:
        found.append('langsmith_dataplane_install needs the kubernetes Python library in the Python that runs the tasks on '
                     'the control node (%s): %s. Install it there (python -m pip install kubernetes), for %s'
                     % (library[0], library[1], ', '.join(hosts)), hosts)
    helm = tools['helm']
    if helm is None:
        found.append('langsmith_dataplane_install needs the helm CLI (Helm 3 or 4) on the PATH of the control node, which has '
                     'none: install it (https://helm.sh/docs/intro/install/; the execution environment of the collection '
                     'has it), for %s' % ', '.join(hosts), hosts)
    elif helm_major(helm) not in (3, 4):
        found.append('langsmith_dataplane_install needs Helm 3 or 4, and the helm CLI on the PATH of the control node is %s, '
                     'for %s' % (helm, ', '.join(hosts)), hosts)
    for request in charted:
        kubeconfig = request.get('kubeconfig')
        if kubeconfig and not os.path.isfile(os.path.expanduser(kubeconfig)):
            found.append('%s: langsmith_kubeconfig %s is not a file on the control node' % (request['host'], kubeconfig),
                         [request['host']])


def _shared_cluster_problems(requests, found):
    """Clashes between clusters of the play that install into the same Kubernetes cluster, appended to ``found``
    (Problems)."""
    by_target = {}
    for request in requests:
        if request.get('install') and (request.get('state') or 'present') == 'present':
            by_target.setdefault(_kube_target(request), []).append(request)
    for (kubeconfig, context), group in by_target.items():
        if len(group) < 2:
            continue
        where = 'the same Kubernetes cluster (kubeconfig %s, context %s)' % (kubeconfig, context)
        creating = [r['host'] for r in group if creates_crds(r)]
        if len(creating) > 1:
            found.append('%s install into %s and all create the CRD lgps.apps.langchain.ai (kind LGP), which a cluster holds once: set '
                         'langsmith_dataplane_create_crds: false on all but one of them' % (', '.join(creating), where), creating)
        keda = [r['host'] for r in group if r.get('install_keda')]
        if len(keda) > 1:
            found.append('%s install into %s and all install KEDA, which a cluster holds once: set '
                         'langsmith_dataplane_install_keda: true on one of them only' % (', '.join(keda), where), keda)
        by_namespace = {}
        for request in group:
            by_namespace.setdefault(request.get('release_namespace'), []).append(request['host'])
        for namespace, hosts in by_namespace.items():
            if len(hosts) > 1:
                found.append('%s install into %s and the same release namespace %s: give each data plane its own '
                             'langsmith_dataplane_release_namespace' % (', '.join(hosts), where, namespace), hosts)
