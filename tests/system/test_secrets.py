# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""No credential in any output: api_key and bearer_token never appear in -vvvv output, --diff output,
the failure message of any error class of docs/docsite/rst/reliability.rst, registered results, or ansible-runner
artifacts.

The emulator runs with credentials of its own (``--config``): canary values that cannot occur by
accident. A leak is any run of 8 characters of a canary's distinctive part, so that a truncated or
partly masked echo counts too. One playbook walks through every error class, with faults set by
``ansible.builtin.uri`` calls to the emulator's controls between the tasks; it runs with
``-vvvv --diff`` under ansible-playbook on both ansible-core lines (the key as a module option from
an extra-vars file, the token from LANGSMITH_BEARER_TOKEN) and under ansible-runner. Control runs
show that the scan finds a credential where ansible-core or ansible-runner themselves write it (the
``environment`` keyword at -vvv, the environment dump in ansible-runner's ``command`` artifact),
which docs/docsite/rst/reliability.rst warns about.
"""

import json
import os
import re
import socket

import pytest

from ansible_collections.langchain.langsmith.tests.system.harness import DEFAULT_LINE, LINES, EmulatorServer, run, tool_env
from ansible_collections.langchain.langsmith.tests.system.netfixtures import TLSEmulator
from ansible_collections.langchain.langsmith.tests.system.plays import INVENTORY, Plays, raw, task

pytestmark = pytest.mark.slow

# prefix + distinctive part; every 8 characters of the distinctive part contain capitals that
# no UUID, path or timestamp in the output has.
CANARIES = {
    'api_key': ('lsv2_sk_', 'KqVzWpLxTmBnRfYhDsGcJa7Q'),
    'bearer_token': ('eyJ.', 'ZrQmXvNtLpHwKsBdFgJcYe3T'),
    'wrong_api_key': ('lsv2_sk_', 'PwMzQxRvLtKnHsBjGdFcYa5W'),
    'wrong_bearer_token': ('eyJ.', 'TnXqBvRmLzKwHpJsGfDcYe9Q'),
    'org_api_key': ('lsv2_sk_', 'HvQzMxWtRnLpKsBjGdYcFa2X'),
    'org_bearer_token': ('eyJ.', 'BzRqXmVtNwLpKsHjGdFcYe6M'),
    'keyword_control': ('lsv2_sk_', 'YwTqZmXvRnLpKsHjBdGcFa8N'),
}
SECRET = {name: prefix + core for name, (prefix, core) in CANARIES.items()}


def leaks(text, names=tuple(CANARIES)):
    """The canaries of ``names`` that ``text`` holds 8 or more distinctive characters of."""
    found = []
    for name in names:
        core = CANARIES[name][1]
        if any(core[i:i + 8] in text for i in range(len(core) - 7)):
            found.append(name)
    return found


def scan(root):
    """{path relative to root: canaries found} for every file below root that holds one."""
    found = {}
    for folder, dummy, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            with open(path, encoding='utf-8', errors='replace') as handle:
                hits = leaks(handle.read())
            if hits:
                found[os.path.relpath(path, root)] = hits
    return found


@pytest.fixture(scope='module')
def servers(tmp_path_factory, ids):
    """An emulator that knows the canaries (plain HTTP), the same over HTTPS, and a closed port."""
    workdir = tmp_path_factory.mktemp('secrets-emulator')
    enterprise = {'organization': 'enterprise', 'workspace': ids['workspace_id']}
    config = {
        'organizations': {'enterprise': {'enterprise': True, 'workspaces': [ids['workspace_id'], ids['second_workspace_id']]}},
        'api_keys': {SECRET['api_key']: enterprise, SECRET['org_api_key']: {'organization': 'enterprise'}},
        'bearer_tokens': {SECRET['bearer_token']: enterprise, SECRET['org_bearer_token']: {'organization': 'enterprise'}},
    }
    config_file = str(workdir / 'config.json')
    with open(config_file, 'w', encoding='utf-8') as handle:
        json.dump(config, handle)
    plain = EmulatorServer(workdir, '--config', config_file)
    tls = TLSEmulator(workdir, '--config', config_file)
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        closed = 'http://127.0.0.1:%d' % sock.getsockname()[1]
    yield plain, tls, closed
    plain.stop()
    tls.stop()


def fault(control, **rule):
    return raw(**{'ansible.builtin.uri': {'url': control + '/_emulator/faults', 'method': 'POST', 'body_format': 'json',
                                          'body': rule}})


def clear_faults(control):
    return raw(**{'ansible.builtin.uri': {'url': control + '/_emulator/faults', 'method': 'DELETE'}})


def error_classes(credential, servers):
    """(tasks, expected outcomes): every error class of docs/docsite/rst/reliability.rst and the auth, TLS,
    connection and input errors. ``credential`` is api_key or bearer_token; the wrong and the
    organization-scoped values of it come from the variables wrong_credential and org_credential."""
    plain, tls, closed = servers
    control = plain.control
    failing = {'ignore_errors': True}
    steps = [
        (task(compute_id='sec-a', k8s_namespaces=['a']), 'Listener sec-a created'),
        (task(compute_id='sec-a', k8s_namespaces=['a', 'b']), 'Listener sec-a updated'),
        (task(compute_id='sec-a', version='1.0', keywords={'check_mode': True}), 'Listener sec-a would be updated'),
        (fault(control, method='POST', path='/v2/listeners', status=503, times=2), None),
        (task(compute_id='sec-b'), 'Listener sec-b created'),
        (fault(control, method='POST', path='/v2/listeners', status=429, retry_after=1, times=1), None),
        (task(compute_id='sec-c'), 'Listener sec-c created'),
        (fault(control, method='POST', path='/v2/listeners', status=502, after_commit=True, times=1), None),
        (task(compute_id='sec-d'), 'Listener sec-d created (the answer to the first create request was lost)'),
        (fault(control, method='POST', path='/v2/listeners', drop_connection=True, times=1), None),
        (task(compute_id='sec-e'), 'Listener sec-e created (the answer to the first create request was lost)'),
        (fault(control, status=500), None),
        (task(compute_id='sec-f', retries=1, keywords=failing), 'Request POST /v2/listeners failed: 500 Internal Server Error'),
        (clear_faults(control), None),
        (fault(control, method='GET', path='/v2/listeners', delay=3, times=2), None),
        (task('listener_info', timeout=1, retries=1, keywords=failing), 'Request GET %s/v2/listeners' % plain.url),
        (fault(control, method='GET', path='/v2/listeners', status=200, body='<html>proxy login</html>', times=1), None),
        (task('listener_info', keywords=failing), 'Request GET /v2/listeners answered 200 with a body that is not JSON'),
        (fault(control, method='GET', path='/v2/listeners', status=200, json={'resources': [{}], 'offset': 1}, times=1), None),
        (task('listener_info', keywords=failing), 'The answer to GET /v2/listeners does not match the API schema'),
        (fault(control, method='POST', path='/v2/listeners', status=201, after_commit=True, json={'compute_id': 'sec-g'},
               times=1), None),
        (task(compute_id='sec-g', keywords=failing), 'The answer to POST /v2/listeners does not match the API schema'),
        (fault(control, method='DELETE', path='/v2/listeners/{id}', status=404, times=1), None),
        (task(compute_id='sec-a', state='absent'), 'Listener sec-a was already deleted'),
        (task(compute_id='sec-b', state='absent'),
         re.compile(r'Listener sec-b deleted from the workspace of the (API key|bearer token), workspace_id unset \(ID [0-9a-f-]{36}\)')),
        (task(compute_id='sec-h', keywords=failing, **{credential: '{{ wrong_credential }}'}),
         'Request POST /v2/listeners failed: 401 Unauthorized'),
        (task(compute_id='sec-h', keywords=failing, **{credential: '{{ org_credential }}'}),
         'Request POST /v2/listeners failed: 403 Forbidden'),
        (task(compute_id='sec-h', control_plane_url=tls.url, keywords=failing), 'TLS certificate verification failed'),
        (task(compute_id='sec-h', control_plane_url=closed, retries=1, keywords=failing),
         'Request POST /v2/listeners failed: cannot connect to %s' % closed),
        (task(compute_id='sec-h', workspace_id='not-a-uuid', keywords=failing), 'workspace_id must be a workspace ID'),
        (task('listener_info'), None),
    ]
    return [step for step, dummy in steps], [expected for step, expected in steps if 'raw' not in step]


def check_outcomes(results, expected):
    """Every error class really happened: a leak scan of runs that did not get there proves nothing."""
    assert len(results) == len(expected)
    for result, wanted in zip(results, expected):
        if wanted is None:
            assert not result.get('failed'), result
        elif result.get('failed'):
            assert result['msg'].startswith(wanted), (result['msg'], wanted)
        elif isinstance(wanted, re.Pattern):
            assert wanted.fullmatch(result['msg']), (result['msg'], wanted)
        else:
            assert result['msg'] == wanted, (result['msg'], wanted)


def extra_vars(workdir, credential, supplied):
    """The extra-vars file: the credential itself when ``supplied`` is 'option', and its wrong and
    organization-scoped values."""
    values = {'wrong_credential': SECRET['wrong_' + credential], 'org_credential': SECRET['org_' + credential]}
    if supplied == 'option':
        values['langsmith_credential'] = SECRET[credential]
    path = os.path.join(str(workdir), 'secret-vars.json')
    with open(path, 'w', encoding='utf-8') as handle:
        json.dump(values, handle)
    return path


@pytest.mark.parametrize('credential, supplied, line', [
    ('api_key', 'option', LINES[0]),
    ('bearer_token', 'environment', LINES[1]),
], ids=['api_key-option-2.19', 'bearer_token-environment-2.21'])
def test_no_credential_in_verbose_diff_failure_output_or_registered_results(servers, tmp_path, ids, credential, supplied, line):
    plain = servers[0]
    plain.reset()
    connection = {'control_plane_url': plain.url}
    env = tool_env(line)
    if supplied == 'option':
        connection[credential] = '{{ langsmith_credential }}'
    else:
        env['LANGSMITH_%s' % credential.upper()] = SECRET[credential]
    plays = Plays(tmp_path, **connection)
    tasks, expected = error_classes(credential, servers)
    out = plays.run('secrets-%s-%s-%s' % (credential, supplied, line.core), *tasks, line=line, env=env,
                    options=['-vvvv', '--diff', '-e', '@' + extra_vars(tmp_path, credential, supplied)])
    assert out.rc == 0, out
    check_outcomes(out.results, expected)
    assert 'AnsiballZ_listener.py' in out.output  # -vvvv
    if line.core == '2.19':  # which also shows every module's arguments (2.21 no longer does)
        assert '"%s": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"' % credential in out.output
    assert '"k8s_namespaces": [' in out.output and '+++ after' in out.output  # --diff
    assert leaks(out.output) == []
    results = json.dumps(out.results)
    assert leaks(results) == []


def runner_data_dir(workdir, plays_args, tasks, envvars=None, extravars=None):
    """An ansible-runner private data dir with the playbook of ``tasks``; returns (dir, results file)."""
    data = os.path.join(str(workdir), 'runner')
    for sub in ('project', 'inventory', 'env'):
        os.makedirs(os.path.join(data, sub), exist_ok=True)
    with open(os.path.join(data, 'inventory', 'hosts'), 'w', encoding='utf-8') as handle:
        handle.write(INVENTORY)
    for name, values in (('envvars', envvars), ('extravars', extravars)):
        if values:
            with open(os.path.join(data, 'env', name), 'w', encoding='utf-8') as handle:
                json.dump(values, handle)
    dummy, results = Plays(os.path.join(data, 'project'), **plays_args).playbook('play', *tasks)
    return data, results


def run_runner(data, name):
    proc = run([DEFAULT_LINE.bin('ansible-runner'), 'run', data, '-p', 'play.yml', '--cmdline=-vvvv --diff'], name,
               env=tool_env(), check=False)
    artifacts = os.path.join(data, 'artifacts')
    (ident,) = os.listdir(artifacts)
    return proc, os.path.join(artifacts, ident)


def test_no_credential_in_ansible_runner_artifacts(servers, tmp_path, ids):
    """The bearer token as an extra var, as an AWX credential type with an extra_vars injector passes it."""
    plain = servers[0]
    plain.reset()
    tasks, expected = error_classes('bearer_token', servers)
    data, results_file = runner_data_dir(
        tmp_path, {'control_plane_url': plain.url, 'bearer_token': '{{ langsmith_credential }}'}, tasks,
        extravars={'langsmith_credential': SECRET['bearer_token'], 'wrong_credential': SECRET['wrong_bearer_token'],
                   'org_credential': SECRET['org_bearer_token']})
    proc, artifacts = run_runner(data, 'secrets-ansible-runner')
    assert proc.returncode == 0, proc.stdout[-3000:]
    with open(results_file, encoding='utf-8') as handle:
        check_outcomes(json.load(handle), expected)
    events = os.listdir(os.path.join(artifacts, 'job_events'))
    assert len(events) > 50 and os.path.getsize(os.path.join(artifacts, 'stdout')) > 10000
    assert scan(artifacts) == {}
    assert leaks(proc.stdout) == []
    assert scan(os.path.dirname(results_file)) == {}


def test_the_scan_finds_what_ansible_itself_prints(servers, tmp_path, ids):
    """Control: the scan does find a credential where ansible-core and ansible-runner write it, which
    docs/docsite/rst/reliability.rst warns about: a credential given by the environment keyword is shown at -vvv
    in the command line of the module; ansible-runner dumps its environment (an AWX-style
    LANGSMITH_API_KEY) into the artifact ``command``. The module adds nothing elsewhere."""
    plain = servers[0]
    plain.reset()
    tasks = [task('listener_info'),
             task('listener_info', keywords={'environment': {'LANGSMITH_API_KEY': SECRET['keyword_control']},
                                             'ignore_errors': True})]
    data, dummy = runner_data_dir(tmp_path, {'control_plane_url': plain.url}, tasks,
                                  envvars={'LANGSMITH_API_KEY': SECRET['api_key']})
    proc, artifacts = run_runner(data, 'secrets-ansible-runner-control')
    assert proc.returncode == 0, proc.stdout[-3000:]
    found = scan(artifacts)
    assert found.pop('command') == ['api_key']
    assert found.pop('stdout') == ['keyword_control']
    assert found and all(path.startswith('job_events/') and hits == ['keyword_control'] for path, hits in found.items())
    assert leaks(proc.stdout) == ['keyword_control']
