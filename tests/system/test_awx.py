# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""AWX / Automation Platform: the execution environment definition, the credential type, and the
inventory plugin run the way an AWX inventory source runs it (through ansible-runner)."""

import json
import os
import re

import ansible_runner
import pytest
import yaml
from ansible_builder.ee_schema import validate_schema

from ansible_collections.langchain.langsmith.tests.system.awx import credential_type, injected_env, runner_env
from ansible_collections.langchain.langsmith.tests.system.harness import COLLECTIONS, DEFAULT_LINE, ROOT, run, tool_env

pytestmark = pytest.mark.slow

EE_DEFINITION = os.path.join(ROOT, 'extensions', 'ee', 'execution-environment.yml')
MODULE_ENV_VARS = {'LANGSMITH_API_KEY', 'LANGSMITH_BEARER_TOKEN', 'LANGSMITH_WORKSPACE_ID', 'LANGSMITH_CONTROL_PLANE_URL'}


def load(path):
    with open(os.path.join(ROOT, path), encoding='utf-8') as handle:
        return yaml.safe_load(handle)


# -- execution environment -------------------------------------------------------------------

def test_collection_metadata_is_a_valid_version_3_definition():
    meta = load('meta/execution-environment.yml')
    validate_schema(meta)
    assert meta['version'] == 3
    galaxy = load(meta['dependencies']['galaxy'])
    assert [c['name'] for c in galaxy['collections']] == ['kubernetes.core']


def test_introspection_lists_the_python_requirements():
    """What ansible-builder installs into an image for this collection and kubernetes.core."""
    out = run([DEFAULT_LINE.bin('ansible-builder'), 'introspect', '--sanitize', COLLECTIONS], 'ee-introspect').stdout
    data = yaml.safe_load(out.split('\n', 1)[1])
    python = [line.split('#')[0].strip() for line in data['python']]
    origins = {line.split('#')[0].strip(): line.split('from collection')[-1].strip() for line in data['python']}
    assert 'requests>=2.28' in python and origins['requests>=2.28'] == 'langchain.langsmith'
    assert 'pydantic>=2.5,<3' in python and origins['pydantic>=2.5,<3'] == 'langchain.langsmith'
    assert any(req.startswith('kubernetes') and origins[req] == 'kubernetes.core' for req in python)


def test_ee_build_context(tmp_path):
    definition = load(EE_DEFINITION)
    validate_schema(definition)
    context = tmp_path / 'context'
    run([DEFAULT_LINE.bin('ansible-builder'), 'create', '-f', EE_DEFINITION, '-c', str(context),
         '--output-filename', 'Containerfile'], 'ee-create', cwd=str(tmp_path))
    containerfile = (context / 'Containerfile').read_text()
    requirements = yaml.safe_load((context / '_build' / 'requirements.yml').read_text())
    assert {c['name'] for c in requirements['collections']} == {'langchain.langsmith', 'kubernetes.core'}
    assert 'ansible-core>=2.19,<2.22' in containerfile
    assert re.search(r'install -m 0755 /tmp/linux-amd64/helm /usr/local/bin/helm', containerfile)
    assert 'introspect' in containerfile  # the collections' own Python requirements are resolved in the build


# -- credential type -------------------------------------------------------------------------

def test_credential_type_has_the_shape_awx_takes():
    definition = credential_type()
    assert definition['kind'] == 'cloud' and definition['name']
    fields = {field['id']: field for field in definition['inputs']['fields']}
    assert set(fields) == {'api_key', 'bearer_token', 'workspace_id', 'control_plane_url'}
    assert fields['api_key']['secret'] and fields['bearer_token']['secret']
    assert not fields['workspace_id'].get('secret') and not fields['control_plane_url'].get('secret')
    for field in fields.values():
        assert field['type'] == 'string' and field['label']
    assert set(definition['injectors']['env']) == MODULE_ENV_VARS
    assert set(definition['inputs'].get('required', [])) <= set(fields)


def test_credential_type_sets_every_variable_the_modules_read():
    """The injectors and the modules' documented environment variables are the same set."""
    proc = run([DEFAULT_LINE.bin('ansible-doc'), '--json', '-t', 'inventory', 'langchain.langsmith.listeners'], 'ansible-doc-inventory')
    options = json.loads(proc.stdout)['langchain.langsmith.listeners']['doc']['options']
    documented = {env['name'] for option in options.values() for env in option.get('env', []) if env['name'].startswith('LANGSMITH_')}
    assert documented == set(credential_type()['injectors']['env'])


def test_injectors_render_inputs_and_leave_unset_ones_empty():
    env = injected_env({'api_key': 'k-1', 'workspace_id': 'w-1'})
    assert env == {'LANGSMITH_API_KEY': 'k-1', 'LANGSMITH_BEARER_TOKEN': '', 'LANGSMITH_WORKSPACE_ID': 'w-1',
                   'LANGSMITH_CONTROL_PLANE_URL': 'https://api.host.langchain.com'}


# -- inventory source ------------------------------------------------------------------------

def write_source(tmp_path):
    source = tmp_path / 'clusters.langsmith_listeners.yml'
    source.write_text('plugin: langchain.langsmith.listeners\n')
    return str(source)


def test_inventory_plugin_through_ansible_inventory(shared_emulator, ids, tmp_path):
    shared_emulator.reset()
    shared_emulator.seed(140)
    env = tool_env(**injected_env({'api_key': ids['api_key'], 'control_plane_url': shared_emulator.url}))
    out = run([DEFAULT_LINE.bin('ansible-inventory'), '-i', write_source(tmp_path), '--list'], 'inventory-list', env=env).stdout
    data = json.loads(out)
    assert len(data['langsmith_clusters']['hosts']) == 140
    assert len(data['_meta']['hostvars']) == 140
    assert ids['api_key'] not in out


def test_inventory_source_through_ansible_runner(shared_emulator, ids, tmp_path, monkeypatch):
    """An AWX inventory update: ansible-inventory --list --export run by ansible-runner, with the
    credential's injected environment."""
    shared_emulator.reset()
    shared_emulator.seed(120)
    monkeypatch.setenv('PATH', os.path.join(DEFAULT_LINE.venv, 'bin') + os.pathsep + os.environ['PATH'])  # the EE's tools
    env = dict(injected_env({'api_key': ids['api_key'], 'control_plane_url': shared_emulator.url}))
    env.update(runner_env())
    out, err = ansible_runner.get_inventory(action='list', inventories=[write_source(tmp_path)], response_format='json',
                                            export=True, envvars=env, private_data_dir=str(tmp_path / 'runner'), quiet=True)
    assert len(out['langsmith_clusters']['hosts']) == 120, err
    assert ids['api_key'] not in json.dumps(out) + (err or '')


# -- job templates ---------------------------------------------------------------------------

SURVEY = os.path.join(ROOT, 'extensions', 'awx', 'survey_bootstrap.json')
ROLE_SPEC = os.path.join(ROOT, 'roles', 'dataplane', 'meta', 'argument_specs.yml')
# Variables of the playbook itself, not of the role.
PLAYBOOK_VARIABLES = {'langsmith_hosts': {'type': 'str', 'default': 'langsmith_clusters'}}
SURVEY_TYPES = {'text': ('str', 'path'), 'textarea': ('str',), 'password': ('str',), 'integer': ('int',),
                'float': ('float',), 'multiplechoice': ('str', 'bool'), 'multiselect': ('list',)}
CLUSTERS = {'awx-eu-1': ['agents-eu'], 'awx-us-1': ['agents-us'], 'awx-ap-1': ['agents-ap', 'batch-ap']}


def survey():
    with open(SURVEY, encoding='utf-8') as handle:
        return json.load(handle)


def survey_answers(**answers):
    """The extra variables AWX passes for a survey: every question, defaults where not answered."""
    values = {question['variable']: question.get('default', '') for question in survey()['spec']}
    values.update(answers)
    return values


def test_survey_matches_the_role_argument_specs():
    options = load(ROLE_SPEC)['argument_specs']['main']['options']
    spec = survey()
    assert spec['name'] and spec['description']
    for question in spec['spec']:
        for key in ('question_name', 'variable', 'type', 'required'):
            assert key in question, '%s has no %s' % (question.get('variable'), key)
        variable = question['variable']
        option = options.get(variable) or PLAYBOOK_VARIABLES.get(variable)
        assert option, '%s is neither an input of the role nor a variable of the playbook' % variable
        assert option['type'] in SURVEY_TYPES[question['type']], '%s: survey type %s for a %s' % (variable, question['type'], option['type'])
        if question['type'] == 'multiplechoice':
            expected = ['false', 'true'] if option['type'] == 'bool' else option['choices']
            assert sorted(question['choices']) == sorted(expected), variable
        if 'default' in option and question.get('default') not in ('', None):
            assert str(question['default']).lower() == str(option['default']).lower(), variable
        assert not option.get('no_log'), '%s is a secret: it belongs in the credential, not the survey' % variable


def awx_job(tmp_path, emulator, ids, name, extravars, check=False, diff=False):
    """A job of a job template for bootstrap_cluster, as AWX runs it: ansible-runner, the credential's
    injected environment, the survey's extra variables, an inventory of several clusters."""
    private = tmp_path / 'job'
    (private / 'project').mkdir(parents=True, exist_ok=True)
    (private / 'project' / 'bootstrap.yml').write_text('---\n- name: Bootstrap\n  ansible.builtin.import_playbook: langchain.langsmith.bootstrap_cluster\n')
    (private / 'inventory').mkdir(exist_ok=True)
    hosts = {name_: {'langsmith_k8s_namespaces': namespaces, 'ansible_connection': 'local'} for name_, namespaces in CLUSTERS.items()}
    inventory = {'langsmith_clusters': {'hosts': hosts}, 'all': {'vars': {'ansible_python_interpreter': DEFAULT_LINE.bin('python')}}}
    (private / 'inventory' / 'hosts.yml').write_text(yaml.safe_dump(inventory))
    env = dict(injected_env({'api_key': ids['api_key'], 'control_plane_url': emulator.url}))
    env.update(runner_env())
    cmdline = ' '.join(option for option, on in (('--check', check), ('--diff', diff)) if on)
    result = ansible_runner.run(private_data_dir=str(private), playbook='bootstrap.yml', ident=name, extravars=extravars,
                                envvars=env, cmdline=cmdline or None, quiet=True, suppress_env_files=True)
    return result, private / 'artifacts' / name


def artifact_texts(artifacts):
    """{path: text} of every artifact file but `command`, the one ansible-runner writes with the job's
    whole environment (mode 0600; AWX deletes a job's private data directory after the job)."""
    texts = {}
    for path in artifacts.rglob('*'):
        if path.is_file() and path.name != 'command':
            texts[str(path)] = path.read_text(errors='replace')
    assert os.stat(artifacts / 'command').st_mode & 0o077 == 0
    return texts


def test_bootstrap_job_template_through_ansible_runner(emulator, ids, tmp_path, monkeypatch):
    monkeypatch.setenv('PATH', os.path.join(DEFAULT_LINE.venv, 'bin') + os.pathsep + os.environ['PATH'])  # the EE's tools
    key = ids['api_key']

    check, artifacts_check = awx_job(tmp_path, emulator, ids, 'check', survey_answers(langsmith_listener_version='0.12.0'),
                                     check=True, diff=True)
    assert check.status == 'successful', check.stdout.read()
    assert sorted(check.stats['changed']) == sorted(CLUSTERS)
    assert emulator.listeners() == []
    assert [e for e in emulator.stats()['log'] if e['method'] != 'GET'] == []

    first, artifacts_first = awx_job(tmp_path, emulator, ids, 'first', survey_answers(langsmith_listener_version='0.12.0'))
    assert first.status == 'successful', first.stdout.read()
    assert sorted(first.stats['changed']) == sorted(CLUSTERS)
    stored = {listener['compute_id']: listener for listener in emulator.listeners()}
    assert sorted(stored) == sorted(CLUSTERS)
    assert all(listener['version'] == '0.12.0' for listener in stored.values())

    # The survey's empty answer for the version leaves it unmanaged.
    second, artifacts_second = awx_job(tmp_path, emulator, ids, 'second', survey_answers())
    assert second.status == 'successful', second.stdout.read()
    assert second.stats['changed'] == {}
    assert sorted(second.stats['ok']) == sorted(CLUSTERS)
    assert all(listener['version'] == '0.12.0' for listener in emulator.listeners())

    for artifacts in (artifacts_check, artifacts_first, artifacts_second):
        texts = artifact_texts(artifacts)
        assert any(name.endswith('stdout') for name in texts) and any('job_events' in name for name in texts)
        leaked = [name for name, text in texts.items() if key in text]
        assert not leaked, 'the API key is in %s' % leaked
