# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The README's contents: every public plugin, role and playbook of the collection in its table under
"## Contents", and every plugin whose documentation says it is internal to the dataplane role apart,
under "### Internal to the `langchain.langsmith.dataplane` role", never among the public ones.

A plugin says it is internal with one sentence of its DOCUMENTATION description, the same for each."""

import ast
import os
import re

import yaml

from ansible_collections.langchain.langsmith.tests.docs.pages import ROOT, md_rows, md_section, read

INTERNAL = 'Internal to the C(langchain.langsmith.dataplane) role, with no compatibility promise.'
INTERNAL_HEADING = '### Internal to the `langchain.langsmith.dataplane` role'
# The plugin folders that hold content a user calls, by the type the README's tables give it; the others hold code of
# the collection's own.
KINDS = {'modules': 'module', 'filter': 'filter', 'inventory': 'inventory plugin'}
NOT_CONTENT = {'action', 'doc_fragments', 'module_utils', 'plugin_utils'}
# Playbooks that other playbooks import, not meant to be run alone: {name: the playbooks that import it}.
IMPORTED = {'check_targets': ('bootstrap_cluster', 'decommission_cluster')}


def documentation(path):
    """The DOCUMENTATION of a plugin file, parsed, without importing it."""
    with open(path, encoding='utf-8') as handle:
        tree = ast.parse(handle.read())
    (text,) = [node.value.value for node in tree.body if isinstance(node, ast.Assign)
               and any(getattr(target, 'id', None) == 'DOCUMENTATION' for target in node.targets)]
    return yaml.safe_load(text)


def plugins():
    """{(type, name): the description lines} of every plugin a user can call."""
    found = {}
    for folder in sorted(os.listdir(os.path.join(ROOT, 'plugins'))):
        names = sorted(name[:-3] for name in os.listdir(os.path.join(ROOT, 'plugins', folder))
                       if name.endswith('.py') and name != '__init__.py')
        if folder in NOT_CONTENT or not names:
            continue
        assert folder in KINDS, 'plugins/%s: a new type of plugin; add it to KINDS (the type the README gives it)' % folder
        for name in names:
            doc = documentation(os.path.join(ROOT, 'plugins', folder, name + '.py'))
            assert doc.get('module', doc.get('name')) == name, 'plugins/%s/%s.py documents another name' % (folder, name)
            description = doc['description']
            found[(KINDS[folder], name)] = description if isinstance(description, list) else [description]
    return found


def internal(description):
    return INTERNAL in description


def listed(text):
    """{(type, name)} of the rows of the Markdown tables of ``text``: a row names one or more (`langchain.langsmith.x`,
    `y`) of one type (module, module (action), filter or filters, inventory plugin, role, playbook)."""
    found = set()
    for cells in md_rows(text):
        kind = {'module (action)': 'module', 'filters': 'filter'}.get(cells[1], cells[1])
        for name in re.findall(r'`([^`]+)`', cells[0]):
            found.add((kind, name[len('langchain.langsmith.'):] if name.startswith('langchain.langsmith.') else name))
    return found


README = read('README.md')
PUBLIC = listed(md_section(README, '## Contents'))
INTERNALS = listed(md_section(README, INTERNAL_HEADING))


def test_a_plugin_that_says_it_is_internal_says_it_in_the_same_words():
    """"Internal" in a plugin's description is the one sentence of every internal plugin, not words of its own."""
    loose = ['%s %s' % key for key, description in plugins().items()
             if not internal(description) and any(re.search(r'\binternal\b', line, re.I) for line in description)]
    assert not loose, 'say %r in the description of: %s' % (INTERNAL, ', '.join(loose))


def test_the_readme_lists_every_public_plugin_role_and_playbook():
    public = {key for key, description in plugins().items() if not internal(description)}
    public |= {('role', name) for name in os.listdir(os.path.join(ROOT, 'roles'))}
    public |= {('playbook', name[:-4]) for name in os.listdir(os.path.join(ROOT, 'playbooks'))
               if name.endswith('.yml') and name[:-4] not in IMPORTED}
    assert sorted(public - PUBLIC) == [], 'missing from the README\'s "## Contents" table'
    assert sorted(PUBLIC - public) == [], 'in the README\'s "## Contents" table, and internal or not in the collection'


def test_the_readme_lists_every_internal_plugin_apart():
    internals = {key for key, description in plugins().items() if internal(description)}
    assert internals, 'no plugin says %r' % INTERNAL
    assert sorted(internals & PUBLIC) == [], 'internal, yet in the README\'s "## Contents" table among the public ones'
    assert INTERNALS == internals, 'the README\'s table under %r is not the plugins that say they are internal' % INTERNAL_HEADING


def test_the_readme_says_the_internal_plugins_have_no_compatibility_promise():
    text = ' '.join(md_section(README, INTERNAL_HEADING).split())
    assert 'internal to the `langchain.langsmith.dataplane` role, with no compatibility promise' in text


def test_a_playbook_left_out_of_the_readme_is_imported_by_the_others():
    for name, importers in IMPORTED.items():
        for importer in importers:
            plays = yaml.safe_load(read('playbooks', importer + '.yml'))
            assert {'ansible.builtin.import_playbook': name + '.yml'} in [
                {key: value for key, value in play.items() if key == 'ansible.builtin.import_playbook'} for play in plays], importer
