# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Release engineering: the changelog, the tarball that `ansible-galaxy collection build` makes,
and galaxy-importer (the checker Galaxy and Automation Hub run on upload) on that tarball."""

import difflib
import json
import os
import re
import tarfile

import pytest
import yaml

from ansible_collections.langchain.langsmith.tests.system.harness import DEFAULT_LINE, MODULES, ROOT, copy_checkout, run, tool_env

pytestmark = pytest.mark.slow

# What a working checkout holds besides the collection, after `make setup`, `make test` and
# `make bench`: none of it may reach the tarball (galaxy.yml's build_ignore).
LEFTOVERS = [
    '.venv/bin/python',
    '.venv-2.21/bin/python',
    '.build/langchain-langsmith-0.0.1.tar.gz',
    '.build/src/ansible_collections/langchain/langsmith/galaxy.yml',
    '.cache/pip/wheel',
    '.ansible/roles/x',
    '.pytest_cache/v/cache/nodeids',
    'tests/.pytest_cache/v/cache/nodeids',
    '.hypothesis/examples/x',
    '.schemathesis/report.json',
    'tests/output/junit/python3.12-modules.xml',
    'tests/output/suite/sanity-2.19.log',
    'bench/results/run-1.json',
    'bench/results/latency.png',
    'plugins/modules/__pycache__/listener.cpython-312.pyc',
    'tests/unit/__pycache__/conftest.cpython-312-pytest-9.2.0.pyc',
    'changelogs/.plugin-cache.yaml',
    'langchain-langsmith-0.0.9.tar.gz',
    'importer_result.json',
    '.emulator.json',  # left by "Try it locally" (README, getting started)
]
# What the tarball must hold for users, Galaxy and Automation Hub.
REQUIRED = ['README.md', 'LICENSE', 'CHANGELOG.rst', 'changelogs/changelog.yaml', 'meta/runtime.yml',
            'meta/ee-requirements.txt', 'docs/docsite/links.yml', 'docs/docsite/extra-docs.yml',
            'docs/docsite/rst/guides.rst']


def galaxy_yml():
    with open(os.path.join(ROOT, 'galaxy.yml'), encoding='utf-8') as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope='module')
def tarball(tmp_path_factory):
    """The collection built with `ansible-galaxy collection build` from a copy of this checkout in
    which every LEFTOVERS file exists, as it does in a developer's checkout."""
    src = str(tmp_path_factory.mktemp('checkout'))
    copied = copy_checkout(src)
    for name in LEFTOVERS:
        path = os.path.join(src, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w', encoding='utf-8') as handle:
            handle.write('left over\n')
    dist = str(tmp_path_factory.mktemp('dist'))
    run([DEFAULT_LINE.bin('ansible-galaxy'), 'collection', 'build', '--output-path', dist, src], 'galaxy-build')
    built = [name for name in os.listdir(dist) if name.endswith('.tar.gz')]
    assert built == ['langchain-langsmith-%s.tar.gz' % galaxy_yml()['version']]
    return os.path.join(dist, built[0]), src, copied


def test_tarball_holds_the_collection_and_nothing_left_over(tarball):
    path, src, copied = tarball
    with tarfile.open(path) as archive:
        members = {m.name for m in archive.getmembers() if m.isfile()}
        manifest = json.load(archive.extractfile('MANIFEST.json'))
    leftovers = sorted(name for name in LEFTOVERS if name in members)
    assert not leftovers, 'build_ignore in galaxy.yml lets these into the tarball: %s' % leftovers
    # Nothing but the checkout's own files (plus the two manifests ansible-galaxy writes).
    strays = sorted(members - set(copied) - {'MANIFEST.json', 'FILES.json'})
    assert not strays, 'files in the tarball that git does not know: %s' % strays
    ci = sorted(name for name in members if name.startswith(('.github/', '.ci/')))
    assert not ci, 'the CI workflows are not part of the collection: %s' % ci
    missing = [name for name in REQUIRED if name not in members]
    assert not missing, 'missing from the tarball: %s' % missing
    for folder in ('plugins/modules', 'plugins/module_utils', 'plugins/doc_fragments', 'docs/docsite', 'docs/docsite/rst'):
        wanted = {'%s/%s' % (folder, name) for name in os.listdir(os.path.join(src, folder))
                  if os.path.isfile(os.path.join(src, folder, name)) and not name.endswith('.pyc')}
        assert wanted <= members, 'missing from the tarball: %s' % sorted(wanted - members)

    info = manifest['collection_info']
    metadata = galaxy_yml()
    for key in ('repository', 'documentation', 'issues', 'homepage'):
        assert info[key] == metadata[key] and info[key].startswith('https://github.com/'), key
    assert info['documentation'].endswith('/blob/main/docs/docsite/rst/guides.rst')  # the guides' index
    assert info['license'] == ['GPL-3.0-or-later']
    assert {'langsmith', 'kubernetes'} <= set(info['tags'])


def test_galaxy_importer_passes_on_the_tarball(tarball, tmp_path):
    path = tarball[0]
    env = tool_env(GALAXY_IMPORTER_CONFIG=os.path.join(ROOT, 'tests', 'galaxy-importer.cfg'),
                   GALAXY_IMPORTER_TMP_ROOT_DIR=str(tmp_path),
                   GALAXY_IMPORTER_ANSIBLE_LOCAL_TMP=str(tmp_path / 'ansible-tmp'))
    proc = run([DEFAULT_LINE.bin('python'), '-m', 'galaxy_importer.main', path], 'galaxy-importer', cwd=str(tmp_path), env=env)
    # The importer lints the collection alone, so a module of a collection that galaxy.yml declares as a
    # dependency cannot be resolved (on Galaxy as here); that warning, and only that, is expected.
    dependencies = tuple('%s.' % name for name in galaxy_yml().get('dependencies') or {})
    unresolved = re.compile(r"syntax-check\[unknown-module\]: couldn't resolve module/action '([^']+)'")
    problems = [line for line in proc.stdout.splitlines() if line.startswith(('ERROR', 'WARNING', 'CRITICAL'))
                and not (unresolved.search(line) and unresolved.search(line).group(1).startswith(dependencies))]
    assert not problems, 'galaxy-importer reports:\n%s' % '\n'.join(problems)
    assert 'Importer processing completed successfully' in proc.stdout

    with open(tmp_path / 'importer_result.json', encoding='utf-8') as handle:
        result = json.load(handle)
    with open(os.path.join(ROOT, 'meta', 'runtime.yml'), encoding='utf-8') as handle:
        assert result['requires_ansible'] == yaml.safe_load(handle)['requires_ansible']
    documented = sorted(c['name'] for c in result['contents'] if c['content_type'] == 'module' and c['description'])
    assert documented == MODULES
    assert result['docs_blob']['collection_readme']['html']


# -- the changelog --------------------------------------------------------------------------------

def test_changelog_fragments_lint():
    env = tool_env()
    run([DEFAULT_LINE.bin('antsibull-changelog'), 'lint'], 'changelog-lint', env=env)
    run([DEFAULT_LINE.bin('antsibull-changelog'), 'lint-changelog-yaml', 'changelogs/changelog.yaml'], 'changelog-lint-yaml', env=env)


def test_changelog_is_what_make_changelog_generates(tmp_path):
    """CHANGELOG.rst and changelogs/changelog.yaml are what `make changelog` makes of the fragments,
    with the release date they record (so the check does not depend on today's date)."""
    version = galaxy_yml()['version']
    with open(os.path.join(ROOT, 'changelogs', 'changelog.yaml'), encoding='utf-8') as handle:
        releases = yaml.safe_load(handle).get('releases') or {}
    assert version in releases, ('changelogs/changelog.yaml has no release %s (the version in galaxy.yml): run '
                                 '`make changelog` and commit CHANGELOG.rst and changelogs/changelog.yaml' % version)
    copy = str(tmp_path)
    copy_checkout(copy)
    # The arguments of `make changelog` (Makefile), plus --date.
    run([DEFAULT_LINE.bin('antsibull-changelog'), 'release', '--version', version, '--update-existing', '--refresh',
         '--reload-plugins', '--date', releases[version]['release_date']], 'changelog-release', cwd=copy)
    stale = []
    for name in ('CHANGELOG.rst', os.path.join('changelogs', 'changelog.yaml')):
        with open(os.path.join(ROOT, name), encoding='utf-8') as handle:
            committed = handle.read()
        with open(os.path.join(copy, name), encoding='utf-8') as handle:
            generated = handle.read()
        if committed != generated:
            stale.append(''.join(difflib.unified_diff(committed.splitlines(True), generated.splitlines(True),
                                                      name + ' (committed)', name + ' (make changelog)')))
    assert not stale, ('run `make changelog` and commit the result: the fragments in changelogs/fragments/ say more '
                       'than CHANGELOG.rst\n%s' % '\n'.join(stale))


def test_every_fragment_is_in_the_changelog():
    """A fragment that antsibull-changelog would skip (a wrong extension or section) is a lost change."""
    with open(os.path.join(ROOT, 'changelogs', 'changelog.yaml'), encoding='utf-8') as handle:
        releases = yaml.safe_load(handle).get('releases') or {}
    released = {name for release in releases.values() for name in release.get('fragments') or ()}
    fragments = set(os.listdir(os.path.join(ROOT, 'changelogs', 'fragments'))) - {'.keep', '.gitkeep'}
    assert not [name for name in fragments if not re.search(r'\.ya?ml$', name)], 'fragments must end in .yml or .yaml'
    assert sorted(fragments - released) == [], 'fragments in no release: run `make changelog`'
