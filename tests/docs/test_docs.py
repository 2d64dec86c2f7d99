# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The documentation users read: the modules' own (ansible-doc, antsibull-docs) and the guides (docs/docsite/rst/).

(The troubleshooting guide is checked against the code by tests/docs/test_troubleshooting_doc.py.)
"""

import json
import os
import re
import shutil

import pytest
import yaml

from ansible_collections.langchain.langsmith.tests.system.harness import API_MODULES, DEFAULT_LINE, MATRIX, MODULES, ROOT, run, tool_env
from ansible_collections.langchain.langsmith.tests.docs.pages import anchors, guide, guide_names, guide_path, links, read

ATTRIBUTES = ('check_mode', 'diff_mode', 'action_group', 'idempotent')
SUPPORT = ('full', 'partial', 'none', 'N/A')


def tree_env(tree):
    """Tools see the collection of the ansible_test_tree copy, which has this checkout's files."""
    return tool_env(ANSIBLE_COLLECTIONS_PATH=os.path.dirname(os.path.dirname(os.path.dirname(tree))))


# antsibull-docs lints each plugin's page with the collection copied to a temporary directory named
# antsibull-docs-<8 random characters of a-z, 0-9 and _>, and the page's edit-on-GitHub line quotes that path:
# when the name ends in "_" (1 run in 37), docutils reads the name as a link with no target, on every page.
TEMPORARY_NAME_ERROR = re.compile(r'^\S+\.rst:\d+:\d+: \(ERROR/3\) Unknown target name: "antsibull-docs-[a-z0-9_]{7}"\.$')


def lint_errors_are_the_temporary_name_alone(output):
    errors = [line for line in output.splitlines() if '(ERROR/' in line or '(WARNING/' in line or '(SEVERE/' in line]
    return bool(errors) and all(TEMPORARY_NAME_ERROR.match(line) for line in errors)


@pytest.mark.slow
def test_antsibull_docs_lint_collection_docs(ansible_test_tree):
    command = [DEFAULT_LINE.bin('antsibull-docs'), 'lint-collection-docs', '--plugin-docs', '--validate-collection-refs', 'all',
               '--disallow-unknown-collection-refs', '.']
    proc = run(command, 'antsibull-docs-lint', cwd=ansible_test_tree, env=tree_env(ansible_test_tree), check=False)
    if proc.returncode != 0 and lint_errors_are_the_temporary_name_alone(proc.stdout):
        proc = run(command, 'antsibull-docs-lint', cwd=ansible_test_tree, env=tree_env(ansible_test_tree), check=False)  # another name
    assert proc.returncode == 0, 'antsibull-docs lint-collection-docs failed (tests/output/suite/antsibull-docs-lint.log):\n' + proc.stdout[-6000:]


def test_only_the_temporary_name_error_is_linted_again():
    page = 'plugins/module/listener.rst:4:0: (ERROR/3) Unknown target name: "antsibull-docs-%s".'
    assert lint_errors_are_the_temporary_name_alone('\n'.join([page % 'aunl2lx', page % 'aunl2lx']))
    assert not lint_errors_are_the_temporary_name_alone(page % 'aunl2lx' + '\nplugins/module/listener.rst:9:0: (ERROR/3) Unknown target name: "x".')
    assert not lint_errors_are_the_temporary_name_alone('plugins/module/listener.rst:4:0: (ERROR/3) Unknown target name: "my-guide".')
    assert not lint_errors_are_the_temporary_name_alone('')


@pytest.mark.slow
def test_antsibull_docs_lint_reads_the_guides(ansible_test_tree, tmp_path):
    """The lint above covers the guides (the extra docs): on a copy with a guide whose label is outside the
    collection's prefix (the docsite would leave it out) and an extra-docs.yml entry for a guide that does
    not exist, it fails naming both."""
    copy = tmp_path / 'ansible_collections' / 'langchain' / 'langsmith'
    shutil.copytree(ansible_test_tree, str(copy), ignore=shutil.ignore_patterns('.git', 'tests'))
    broken = copy / 'docs' / 'docsite' / 'rst' / 'idempotency.rst'
    broken.write_text('.. _idempotency:\n\n' + broken.read_text(encoding='utf-8'), encoding='utf-8')
    index = copy / 'docs' / 'docsite' / 'extra-docs.yml'
    index.write_text(index.read_text(encoding='utf-8').replace('      - awx\n', '      - awx\n      - no-such-guide\n'), encoding='utf-8')
    proc = run([DEFAULT_LINE.bin('antsibull-docs'), 'lint-collection-docs', '.'], 'antsibull-docs-lint-broken', cwd=str(copy),
               env=tree_env(str(copy)), check=False)
    assert proc.returncode != 0
    assert 'idempotency.rst' in proc.stdout and 'does not start with expected prefix' in proc.stdout, proc.stdout
    assert "'no-such-guide'" in proc.stdout, proc.stdout


@pytest.mark.slow
def test_every_module_is_documented_completely(ansible_test_tree):
    names = ['langchain.langsmith.%s' % name for name in MODULES]
    docs = json.loads(run([DEFAULT_LINE.bin('ansible-doc'), '--json', '-t', 'module'] + names, 'ansible-doc-all',
                          env=tree_env(ansible_test_tree)).stdout)
    assert sorted(docs) == names
    for name, entry in docs.items():
        doc = entry['doc']
        assert doc['short_description'] and doc['description'] and doc['author'] and doc['version_added'], name
        for option, spec in doc['options'].items():
            assert spec.get('description') and spec.get('type'), '%s: option %s needs a description and a type' % (name, option)
        attributes = doc['attributes']
        for attribute in ATTRIBUTES if name.split('.')[-1] in API_MODULES else set(ATTRIBUTES) - {'action_group'}:
            assert attributes[attribute]['description'], '%s: attribute %s has no description' % (name, attribute)
            assert attributes[attribute]['support'] in SUPPORT, '%s: attribute %s has no support' % (name, attribute)
        assert attributes['check_mode']['support'] == 'full', name
        if name.split('.')[-1] in API_MODULES:
            assert attributes['action_group']['support'] == 'full', name
            assert attributes['action_group']['membership'] == ['langchain.langsmith.all'], name
        else:  # an action on the controller, without the connection options
            assert 'action_group' not in attributes and attributes['action']['support'] == 'full', name
            assert 'api_key' not in doc['options'], name
        # examples: YAML tasks that call the module by its full name
        examples = yaml.safe_load(entry['examples'])
        assert isinstance(examples, list) and examples, name
        assert any(name in task or any(name in t for t in task.get('block', ())) for task in examples), name
        assert all(task.get('name') for task in examples), '%s: every example task needs a name' % name
        # return values: described, typed, and said when
        assert entry['return'], name
        for key, value in _return_values(entry['return']):
            assert value.get('description') and value.get('type') and value.get('returned'), '%s: return value %s' % (name, key)


def _return_values(values, prefix=''):
    for key, value in values.items():
        yield prefix + key, value
        yield from _return_values(value.get('contains') or {}, prefix + key + '.')


def test_every_module_that_talks_to_the_control_plane_is_in_the_action_group():
    with open(os.path.join(ROOT, 'meta', 'runtime.yml'), encoding='utf-8') as handle:
        runtime = yaml.safe_load(handle)
    assert sorted(runtime['action_groups']['all']) == API_MODULES
    assert set(MODULES) - set(API_MODULES) == {'listener_result', 'dataplane_plan', 'dataplane_result'}


def _version(core):
    return tuple(int(part) for part in core.split('.'))


def matrix_phrase():
    """How the documents name the test matrix: 'ansible-core 2.16, 2.17, 2.18, 2.19, 2.20 and 2.21 with
    Python 3.12' (lines on different Pythons: '... 2.19 with Python 3.11, and 2.20 and 2.21 with Python 3.12')."""
    pythons = []
    for line in MATRIX:
        if not pythons or pythons[-1][0] != line.python_version:
            pythons.append((line.python_version, []))
        pythons[-1][1].append(line.core)

    def names(items):
        return items[0] if len(items) == 1 else '%s and %s' % (', '.join(items[:-1]), items[-1])
    return 'ansible-core ' + ', and '.join('%s with Python %s' % (names(cores), python) for python, cores in pythons)


def test_requires_ansible_states_the_oldest_tested_line():
    with open(os.path.join(ROOT, 'meta', 'runtime.yml'), encoding='utf-8') as handle:
        requires = yaml.safe_load(handle)['requires_ansible']
    cores = [line.core for line in MATRIX]
    assert cores == sorted(cores, key=_version), 'MATRIX lists the lines oldest first'
    oldest, newest = cores[0], cores[-1]
    assert requires == '>=%s.0' % oldest
    # every line between the oldest and the newest is tested
    assert [_version(core)[1] for core in cores] == list(range(_version(oldest)[1], _version(newest)[1] + 1))
    # the role says the same to Galaxy
    with open(os.path.join(ROOT, 'roles', 'dataplane', 'meta', 'main.yml'), encoding='utf-8') as handle:
        assert yaml.safe_load(handle)['galaxy_info']['min_ansible_version'] == oldest
    # and the documents that users read before installing say the same
    for name in ('README.md', os.path.relpath(guide_path('getting-started'), ROOT), os.path.relpath(guide_path('guides'), ROOT)):
        with open(os.path.join(ROOT, name), encoding='utf-8') as handle:
            text = ' '.join(handle.read().split())
        assert 'ansible-core %s or newer' % oldest in text, '%s must say: ansible-core %s or newer' % (name, oldest)
        stated = set(re.findall(r'ansible-core (\d+\.\d+) or newer', text))
        assert stated == {oldest}, '%s states another minimum: %s' % (name, sorted(stated))
        assert matrix_phrase() in text, '%s must name the lines it is tested on: %s' % (name, matrix_phrase())


def test_the_supported_python_is_the_tested_one():
    """tests/config.yml (what ansible-test reads), the README's requirements and the execution environment
    state the Python that every line of the matrix is tested on as the oldest supported."""
    oldest = min({line.python_version for line in MATRIX}, key=_version)
    with open(os.path.join(ROOT, 'tests', 'config.yml'), encoding='utf-8') as handle:
        assert yaml.safe_load(handle)['modules']['python_requires'] == '>=%s' % oldest
    with open(os.path.join(ROOT, 'extensions', 'ee', 'execution-environment.yml'), encoding='utf-8') as handle:
        interpreter = yaml.safe_load(handle)['dependencies']['python_interpreter']
    assert interpreter == {'package_system': 'python%s' % oldest, 'python_path': '/usr/bin/python%s' % oldest}
    for name in ('README.md', os.path.relpath(guide_path('getting-started'), ROOT)):
        with open(os.path.join(ROOT, name), encoding='utf-8') as handle:
            text = ' '.join(handle.read().split())
        assert 'Python %s or newer' % oldest in text, '%s must say: Python %s or newer' % (name, oldest)
        stated = set(re.findall(r'Python (\d+\.\d+) or newer', text))
        assert stated == {oldest}, '%s states another minimum Python: %s' % (name, sorted(stated))


def test_docs_index_lists_every_guide():
    """The guides' index links every guide, and extra-docs.yml puts every guide on the docsite."""
    linked = {path for path, anchor in links(guide('guides')) if path.endswith('.rst')}
    guides = {name + '.rst' for name in guide_names()} - {'guides.rst'}
    assert not guides - linked, 'guides.rst does not list %s' % sorted(guides - linked)
    assert not {name for name in linked if '/' not in name} - guides, 'guides.rst links a guide that does not exist'
    with open(os.path.join(ROOT, 'docs', 'docsite', 'extra-docs.yml'), encoding='utf-8') as handle:
        listed = [entry for section_ in yaml.safe_load(handle)['sections'] for entry in section_['toctree']]
    assert sorted(listed) == guide_names(), 'docs/docsite/extra-docs.yml must list every guide once'


def test_every_guide_has_its_docsite_label():
    """antsibull-docs leaves out of the docsite a guide with a label outside the collection's prefix."""
    for name in guide_names():
        labels = re.findall(r'^\.\. _([^:]+):\s*$', guide(name), re.M)
        assert labels[:1] == ['ansible_collections.langchain.langsmith.docsite.%s' % name], name
        assert all(label.startswith('ansible_collections.langchain.langsmith.docsite.') for label in labels), name


def test_relative_links_and_anchors_resolve():
    """Every relative link of the README (Markdown) and of the guides (RST: GitHub follows them, and the
    docsite's conf.py resolves them) names a file that exists, and an anchor that file has."""
    broken = []
    pages = [('README.md', re.findall(r'\]\((?!https?:|mailto:)([^)#\s]*)(?:#([^)\s]+))?\)', read('README.md')))]
    pages += [(os.path.relpath(guide_path(name), ROOT), [link for link in links(guide(name)) if not re.match(r'https?:|mailto:', link[0])])
              for name in guide_names()]
    assert sum(len(found) for page, found in pages) > 40
    for page, found in pages:
        for target, anchor in found:
            path = os.path.normpath(os.path.join(os.path.dirname(page), target)) if target else page
            if not os.path.exists(os.path.join(ROOT, path)):
                broken.append('%s: %s' % (page, target))
            elif anchor and anchor not in _anchors(os.path.join(ROOT, path)):
                broken.append('%s: %s#%s' % (page, target, anchor))
    assert not broken, 'broken links:\n' + '\n'.join(broken)


def _anchors(path):
    """The anchors of a file's headings: docutils' ids of an RST file's titles, GitHub's of a Markdown file's."""
    with open(path, encoding='utf-8') as handle:
        text = handle.read()
    if path.endswith('.rst'):
        return anchors(text)
    headings = re.findall(r'^#+\s+(.+?)\s*$', text, re.MULTILINE)
    return {re.sub(r'[^\w\- ]', '', heading.lower()).replace(' ', '-') for heading in headings}
