# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A recording stand-in for the ``helm`` CLI, for tests only (never shipped with the role).

No Kubernetes API server can run on the test machines, so the tests put this script on
``PATH`` as ``helm`` (see helm.sh) and drive the real ``kubernetes.core.helm`` module against
it. It keeps the releases of every cluster in ``$HELM_STANDIN_DIR/releases.json`` and appends
one JSON line per call to ``$HELM_STANDIN_DIR/calls.jsonl``: the argv, the version it answered as, the Helm environment
variables, the names of the ``LANGSMITH_*`` variables it inherited with a value, the kubeconfig helm was pointed at, and for each values file its path, its
permission bits and its parsed content (so that tests can check every value, and that the
file was not readable by others).

When ``STANDIN_CALLS`` names a file (the call log shared with the Kubernetes API stand-in,
../setup_k8s_standin), each call is also appended there as one JSON line that holds no value and
no flag: tool "helm", time, cluster (the API server URL of the kubeconfig context), words (the
positional arguments), release, namespace, chart, rc; under an exclusive ``flock`` of that file,
as the other stand-in does, so that the lines of both keep their order and never mix.

It answers the subcommands kubernetes.core.helm uses: ``version``, ``plugin list``,
``show chart``, ``list``, ``get values``, ``upgrade -i`` and ``uninstall``. Its repository
index knows the charts of REPOSITORIES; anything else fails as helm would.
With ``HELM_STANDIN_DELAY=<seconds>``, ``upgrade`` first creates ``$HELM_STANDIN_DIR/waiting`` and waits
that long (a chart that takes its time to become ready, for tests that interrupt a run). With
``HELM_STANDIN_FAIL=upgrade``, ``upgrade`` fails with an error that quotes the values and the API key in
base64, as a rendered Secret would.
"""

import base64
import fcntl
import json
import os
import re
import stat
import sys
import time

import yaml

VERSION = 'v3.17.3'  # unless HELM_STANDIN_VERSION says otherwise
REPOSITORIES = {
    'https://langchain-ai.github.io/helm/': {
        # newest first, as `helm show chart` without --version picks the newest
        'langgraph-dataplane': [('0.2.22', '0.16.36'), ('0.2.11', '0.12.0'), ('0.2.10', '0.11.3')],
    },
    'https://kedacore.github.io/charts/': {
        'keda': [('2.16.1', '2.16.1'), ('2.15.2', '2.15.2')],
    },
}
# flags that take a value, as "--flag=value" or "--flag value"
VALUE_FLAGS = {'--version', '--repo', '-f', '--values', '--timeout', '--output', '-o', '--filter', '--history-max',
               '--post-renderer', '--namespace', '-n', '--kube-context', '--kubeconfig', '--set', '--set-string',
               '--set-json', '--set-file', '--set-literal'}
ENV_RECORDED = ('KUBECONFIG', 'HELM_KUBECONTEXT', 'HELM_NAMESPACE', 'HELM_KUBETOKEN', 'HELM_KUBEAPISERVER')
# What Helm 4 changed in the subcommands answered here, as Helm 4.1.4 has it:
ONLY_HELM_4 = ('--rollback-on-failure', '--force-replace', '--force-conflicts', '--server-side')  # flags Helm 3 lacks
DEPRECATED_IN_HELM_4 = {'--atomic': '--rollback-on-failure', '--force': '--force-replace'}  # still accepted, with a message
LIST_STATUS_FLAGS = ('--deployed', '--failed', '--pending', '--superseded', '--uninstalled', '--uninstalling')


class HelmError(Exception):
    pass


def parse(argv):
    """(positional words, {flag: [values]}) of a helm command line."""
    words, flags = [], {}
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg.startswith('-'):
            name, eq, value = arg.partition('=')
            if name in VALUE_FLAGS and not eq:
                if not args:
                    raise HelmError('flag needs an argument: %s' % name)
                value = args.pop(0)
            elif name not in VALUE_FLAGS:
                value = value if eq else True
            flags.setdefault(name, []).append(value)
        else:
            words.append(arg)
    return words, flags


def flag(flags, *names):
    for name in names:
        if name in flags:
            return flags[name][-1]
    return None


def kubeconfig():
    path = os.environ.get('KUBECONFIG') or os.path.expanduser('~/.kube/config')
    if not os.path.isfile(path):
        raise HelmError('Kubernetes cluster unreachable: no kubeconfig at %s' % path)
    with open(path, encoding='utf-8') as handle:
        return yaml.safe_load(handle)


def cluster_of(config):
    """The API server URL of the context helm would use: the identity of a cluster here."""
    context_name = os.environ.get('HELM_KUBECONTEXT') or config.get('current-context')
    contexts = {c['name']: c['context'] for c in config.get('contexts') or []}
    if context_name not in contexts:
        raise HelmError('Kubernetes cluster unreachable: context "%s" does not exist' % context_name)
    clusters = {c['name']: c['cluster'] for c in config.get('clusters') or []}
    return clusters[contexts[context_name]['cluster']]['server']


def values_files(flags):
    files = []
    for path in flags.get('-f', []) + flags.get('--values', []):
        mode = stat.S_IMODE(os.stat(path).st_mode)
        with open(path, encoding='utf-8') as handle:
            files.append({'path': path, 'mode': '%04o' % mode, 'values': yaml.safe_load(handle) or {}})
    return files


def chart_of(flags, chart):
    repo = flag(flags, '--repo')
    if repo is None:
        raise HelmError('repo %s not found (the stand-in resolves charts with --repo only)' % chart.split('/')[0])
    versions = REPOSITORIES.get(repo if repo.endswith('/') else repo + '/', {}).get(chart)
    if not versions:
        raise HelmError('chart "%s" not found in %s repository' % (chart, repo))
    wanted = flag(flags, '--version')
    for version, app_version in versions:
        if wanted in (None, version):
            return {'apiVersion': 'v2', 'name': chart, 'version': version, 'appVersion': app_version, 'repo': repo}
    raise HelmError('chart "%s" version "%s" not found in %s repository' % (chart, wanted, repo))


class Store:
    def __init__(self, directory):
        self.path = os.path.join(directory, 'releases.json')
        self.data = {}
        if os.path.exists(self.path):
            with open(self.path, encoding='utf-8') as handle:
                self.data = json.load(handle)

    def save(self):
        with open(self.path, 'w', encoding='utf-8') as handle:
            json.dump(self.data, handle, indent=1, sort_keys=True)

    def releases(self, cluster, namespace):
        return self.data.setdefault(cluster, {}).setdefault(namespace, {})


def version():
    """The version the stand-in answers as: $HELM_STANDIN_VERSION, or VERSION."""
    answer = os.environ.get('HELM_STANDIN_VERSION') or VERSION
    if not re.match(r'^v[34]\.\d+\.\d+$', answer):
        raise HelmError('HELM_STANDIN_VERSION must be v3.x.y or v4.x.y, not %r' % answer)
    return answer


def helm_4():
    return version().startswith('v4.')


def check_flags(words, flags, record):
    """Refuse, or accept with Helm 4's message, the flags that Helm 3 and Helm 4 treat differently."""
    for name in flags:
        if not helm_4() and name in ONLY_HELM_4:
            raise HelmError('unknown flag: %s' % name)
        if helm_4() and words[:1] == ['list'] and name in ('--all', '-a'):
            raise HelmError('unknown flag: %s' % name)
        if helm_4() and name in DEPRECATED_IN_HELM_4:
            message = 'Flag %s has been deprecated, use %s instead' % (name, DEPRECATED_IN_HELM_4[name])
            sys.stderr.write(message + '\n')
            record.setdefault('warnings', []).append(message)


def run(words, flags, store, record):
    out = []
    record['as'] = version()
    check_flags(words, flags, record)
    if words[:1] == ['version']:
        if helm_4():
            return ('version.BuildInfo{Version:"%s", GitCommit:"stand-in", GitTreeState:"clean", GoVersion:"go1.25.9", '
                    'KubeClientVersion:"v1.35"}\n' % version())
        return 'version.BuildInfo{Version:"%s", GitCommit:"stand-in", GitTreeState:"clean", GoVersion:"go1.23.8"}\n' % version()
    if words[:2] == ['plugin', 'list']:
        return 'NAME\tVERSION\tTYPE\tAPIVERSION\tPROVENANCE\tSOURCE\n' if helm_4() else 'NAME\tVERSION\tDESCRIPTION\n'
    if words[:2] == ['show', 'chart'] and len(words) == 3:
        info = chart_of(flags, words[2])
        info.pop('repo')
        return yaml.safe_dump(info)
    config = kubeconfig()
    cluster = cluster_of(config)
    namespace = flag(flags, '--namespace', '-n') or os.environ.get('HELM_NAMESPACE') or 'default'
    record.update(cluster=cluster, namespace=namespace)
    releases = store.releases(cluster, namespace)
    if words[:1] == ['list']:
        pattern = re.compile(flag(flags, '--filter') or '.*')
        statuses = [name[2:] for name in LIST_STATUS_FLAGS if name in flags]
        if not statuses and not helm_4():
            statuses = None if '--all' in flags or '-a' in flags else ['deployed']  # Helm 3: deployed unless --all
        shown = [r['listing'] for name, r in sorted(releases.items())
                 if pattern.search(name) and (not statuses or r['listing']['status'] in statuses)]
        return yaml.safe_dump(shown)
    if words[:2] == ['get', 'values'] and len(words) == 3:
        if words[2] not in releases:
            raise HelmError('release: not found')
        return yaml.safe_dump(releases[words[2]]['values']) if releases[words[2]]['values'] else 'null\n'
    if words[:1] == ['upgrade'] and '-i' in flags and len(words) == 3:
        name, chart = words[1], words[2]
        info = chart_of(flags, chart)
        values = {}
        for item in record['values_files']:
            values.update(item['values'])
        if os.environ.get('HELM_STANDIN_DELAY'):
            with open(os.path.join(os.environ['HELM_STANDIN_DIR'], 'waiting'), 'w', encoding='utf-8'):
                pass  # a test can tell that an upgrade is under way
            time.sleep(float(os.environ['HELM_STANDIN_DELAY']))
        if os.environ.get('HELM_STANDIN_FAIL') == 'upgrade':
            # as a chart whose template fails quotes the values it was given, or the manifest it rendered
            secret = base64.b64encode(str(values.get('config', {}).get('langsmithApiKey')).encode()).decode()
            raise HelmError('UPGRADE FAILED: template: %s/templates/secret.yaml: values %s; rendered: data: {langsmith_api_key: %s}'
                            % (chart, json.dumps(values), secret))
        previous = releases.get(name)
        revision = previous['listing']['revision'] + 1 if previous else 1
        releases[name] = {'values': values, 'repo': info['repo'], 'listing': {
            'name': name, 'namespace': namespace, 'revision': revision, 'status': 'deployed',
            'chart': '%s-%s' % (info['name'], info['version']), 'app_version': info['appVersion'],
            'updated': time.strftime('%Y-%m-%d %H:%M:%S +0000 UTC', time.gmtime())}}
        store.save()
        out.append('Release "%s" has been %s. Happy Helming!' % (name, 'upgraded' if previous else 'installed'))
        return '\n'.join(out) + '\n'
    if words[:1] == ['uninstall'] and len(words) == 2:
        if words[1] not in releases:
            raise HelmError('uninstall: Release not loaded: %s: release: not found' % words[1])
        del releases[words[1]]
        store.save()
        return 'release "%s" uninstalled\n' % words[1]
    raise HelmError('the helm stand-in does not implement: helm %s' % ' '.join(words))


def main(argv):
    directory = os.environ.get('HELM_STANDIN_DIR')
    if not directory:
        sys.stderr.write('Error: HELM_STANDIN_DIR is not set (the helm stand-in is for tests only)\n')
        return 2
    # The calls for several clusters come at once and share these files: they take turns.
    with open(os.path.join(directory, '.lock'), 'w', encoding='utf-8') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return locked_main(argv, directory)


def locked_main(argv, directory):
    record = {'time': time.time(), 'argv': argv, 'env': {k: os.environ[k] for k in ENV_RECORDED if k in os.environ},
              # the names (never the values) of the LANGSMITH_* variables helm inherited with a value
              'langsmith_env': sorted(k for k, v in os.environ.items() if k.startswith('LANGSMITH_') and v)}
    rc = 0
    try:
        words, flags = parse(argv)
        record['words'] = words
        record['flags'] = flags
        record['values_files'] = values_files(flags)
        if os.environ.get('KUBECONFIG') and os.path.isfile(os.environ['KUBECONFIG']):
            record['kubeconfig'] = kubeconfig()
        output = run(words, flags, Store(directory), record)
        sys.stdout.write(output)
    except HelmError as exc:
        sys.stderr.write('Error: %s\n' % exc)
        record['error'] = str(exc)
        rc = 1
    record['rc'] = rc
    with open(os.path.join(directory, 'calls.jsonl'), 'a', encoding='utf-8') as handle:
        handle.write(json.dumps(record, sort_keys=True) + '\n')
    if os.environ.get('STANDIN_CALLS'):
        record_shared(os.environ['STANDIN_CALLS'], record)
    return rc


def subject(words):
    """(release, chart) that the helm command ``words`` is about."""
    if words[:1] in (['upgrade'], ['install']) and len(words) == 3:
        return words[1], words[2]
    if words[:1] == ['uninstall'] and len(words) == 2:
        return words[1], None
    if words[:2] == ['get', 'values'] and len(words) == 3:
        return words[2], None
    if words[:2] == ['show', 'chart'] and len(words) == 3:
        return None, words[2]
    return None, None


def record_shared(path, record):
    """Append the call to the shared call log ``path`` (no values, no flags), under an exclusive lock of the file."""
    words = record.get('words') or []
    release, chart = subject(words)
    line = {'tool': 'helm', 'time': record['time'], 'cluster': record.get('cluster'), 'words': words, 'release': release,
            'namespace': record.get('namespace'), 'chart': chart, 'rc': record['rc']}
    with open(path, 'a', encoding='utf-8') as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file is closed
        handle.write(json.dumps(line, sort_keys=True) + '\n')
        handle.flush()


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
