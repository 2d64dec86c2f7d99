# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the README and docs/docsite/rst/getting-started.rst say about the emulator: how to point the modules at
it, what each of its identities is for, and its controls, checked against the emulator itself."""

import json
import re

import pytest

from ansible_collections.langchain.langsmith.plugins.modules import listener, listener_info
from ansible_collections.langchain.langsmith.tests.docs.pages import code_blocks, guide, md_section, read, rows, section
from ansible_collections.langchain.langsmith.tests.unit.fakes import Emulator, load_emulator, run_module

EMU = load_emulator()
pytestmark = pytest.mark.usefixtures('clean_langsmith_env')


GUIDE = section(guide('getting-started'), 'The emulator')


def test_the_readme_points_the_modules_at_the_emulator_as_the_guide_does():
    """The README's commands are the guide's, which tests/docs/test_getting_started.py runs."""
    readme = re.findall(r'```bash\n(.*?)```', md_section(read('README.md'), '## Try it locally'), re.DOTALL)
    guides = [body for language, body, dummy in code_blocks(section(guide('getting-started'), 'Try it locally')) if language == 'bash']
    assert readme and guides and readme[0] == guides[0]
    assert 'LANGSMITH_CONTROL_PLANE_URL' in readme[0] and 'identities api_key' in readme[0]


def test_identities_prints_one_by_name(capsys):
    EMU.main(['identities', 'api_key'])
    assert capsys.readouterr().out == EMU.API_KEY + '\n'
    EMU.main(['identities'])
    assert json.loads(capsys.readouterr().out) == EMU.identities()


def test_the_guide_lists_every_identity():
    listed = [name.strip(' `') for row in rows(GUIDE, 'identity') for name in row[0].split(',')]
    assert sorted(listed) == sorted(EMU.identities())


def test_each_identity_is_what_the_guide_says(emulator, capsys):
    ids = EMU.identities()
    config = EMU.DEFAULT_CONFIG
    # api_key and bearer_token: workspace workspace_id, of an enterprise organization
    for option, value in (('api_key', ids['api_key']), ('bearer_token', ids['bearer_token'])):
        entry = config['api_keys' if option == 'api_key' else 'bearer_tokens'][value]
        assert entry['workspace'] == ids['workspace_id'] and config['organizations'][entry['organization']]['enterprise']
        assert run_module(listener, capsys, compute_id='by-' + option, **{option: value})['changed']
    # org_api_key: organization-scoped, needs workspace_id or second_workspace_id; 403 without
    assert 'workspace' not in config['api_keys'][ids['org_api_key']]
    result = run_module(listener_info, capsys, api_key=ids['org_api_key'])
    assert result['failed'] and result['status'] == 403 and 'set workspace_id' in result['msg']
    for workspace in ('workspace_id', 'second_workspace_id'):
        assert run_module(listener, capsys, compute_id='org', api_key=ids['org_api_key'], workspace_id=ids[workspace])['changed']
    # free_api_key: workspace free_workspace_id, not enterprise: it lists, and nothing else
    entry = config['api_keys'][ids['free_api_key']]
    assert entry['workspace'] == ids['free_workspace_id'] and not config['organizations'][entry['organization']]['enterprise']
    assert not run_module(listener_info, capsys, api_key=ids['free_api_key']).get('failed')
    result = run_module(listener, capsys, compute_id='free', api_key=ids['free_api_key'])
    assert result['status'] == 403 and 'not on a self-hosted enterprise plan' in result['msg']
    result = run_module(listener_info, capsys, api_key=ids['free_api_key'], listener_id=emulator.listeners()[0]['id'])
    assert result['status'] == 403


def control_routes():
    """Every control of the emulator, as 'METHOD /path'."""
    return set('%s %s' % (method, route.path) for route in EMU.control.routes for method in route.methods - {'HEAD'})


def test_the_guide_lists_every_control():
    listed = set(row[0].strip('`') for row in rows(GUIDE, 'control'))
    assert listed == control_routes()


def test_the_controls_are_at_the_root_even_with_a_prefix():
    emu = Emulator('/api-host')
    client = emu.adapter.client
    for route in sorted(control_routes()):
        method, path = route.split(' ')
        if method == 'GET':
            assert client.get(path).status_code == 200, route
            assert client.get('/api-host' + path).status_code == 404, route
    client.post('/_emulator/stats/reset')  # the 404s below the prefix were API requests
    assert client.post('/_emulator/seed', json={'count': 2}).json()['created'] == 2
    assert client.get('/api-host/v2/listeners', headers={'X-Api-Key': EMU.API_KEY}).json()['offset'] == 2
    assert client.get('/_emulator/stats').json()['counts'] == {'GET /v2/listeners': 1}


def test_the_config_format_is_documented_and_a_malformed_file_is_refused(tmp_path, capsys):
    """getting started, "The emulator": the --config format it shows is one the emulator serves, and a file of
    another shape is refused before anything starts, naming what is wrong but never a key."""
    blocks = [body for language, body, dummy in code_blocks(GUIDE) if language == 'json']
    assert blocks, 'the guide shows no --config example'
    example = json.loads(blocks[0])
    assert EMU.check_config(example) == example
    assert EMU.check_config(EMU.DEFAULT_CONFIG) is EMU.DEFAULT_CONFIG
    bad = tmp_path / 'bad.json'
    for config, words in (({'organizations': {}}, 'exactly organizations, api_keys and bearer_tokens'),
                          (dict(example, api_keys={'lsv2_sk_secret_0042': {'organization': 'nobody'}}), 'api_keys entry 0 must be'),
                          (dict(example, organizations={'o': {'enterprise': 'yes', 'workspaces': []}}), 'organizations.o must be')):
        bad.write_text(json.dumps(config))
        with pytest.raises(SystemExit) as exit_info:
            EMU.main(['start', '--config', str(bad), '--state-file', str(tmp_path / 'state.json')])
        assert words in str(exit_info.value) and 'lsv2_sk_secret_0042' not in str(exit_info.value)
    assert not (tmp_path / 'state.json').exists()
    bad.write_text('{not json')
    with pytest.raises(SystemExit) as exit_info:
        EMU.main(['start', '--config', str(bad), '--state-file', str(tmp_path / 'state.json')])
    assert str(exit_info.value).startswith('--config %s: ' % bad)
