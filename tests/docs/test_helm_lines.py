# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the role's guide says of Helm 3 and Helm 4 ("Helm 3 and Helm 4", issue 21), held to what it
rests on: kubernetes.core's own changelog (of the release the suite installs), the floor that
galaxy.yml, meta/ee-requirements.yml and the execution environment ask for, the role's Helm tasks,
and the help and messages of the real Helm 3.17.2 and Helm 4.1.4. (That kubernetes.core passes
atomic as --atomic to Helm 3 and as --rollback-on-failure to Helm 4 is checked by the integration
target dataplane, against the helm stand-in answering as each: playbooks/check_helm_line.yml.)"""

import glob
import json
import os
import zipfile

import pytest
import yaml

from ansible_collections.langchain.langsmith.tests.system import chart
from ansible_collections.langchain.langsmith.tests.system.harness import BUILD, COLLECTIONS, ROOT
from ansible_collections.langchain.langsmith.tests.system.test_helm_standin import real
from ansible_collections.langchain.langsmith.tests.docs.pages import guide, rows, section

FLOOR = '6.5.0'
KUBERNETES_CORE = os.path.join(COLLECTIONS, 'ansible_collections', 'kubernetes', 'core')


def flat(text):
    return ' '.join(text.split())


def helm_section():
    return section(guide('dataplane-role'), 'Helm 3 and Helm 4')


def load(*path):
    with open(os.path.join(ROOT, *path), encoding='utf-8') as handle:
        return yaml.safe_load(handle)


def changes(version):
    with open(os.path.join(KUBERNETES_CORE, 'changelogs', 'changelog.yaml'), encoding='utf-8') as handle:
        return yaml.safe_load(handle)['releases'][version]['changes']


def version_tuple(text):
    return tuple(int(part) for part in text.split('.'))


def test_the_floor_is_the_first_kubernetes_core_that_speaks_helm_4_in_full():
    """6.3.0 limits Helm to <4.0.0, 6.4.0 adds Helm 4, 6.5.0 maps atomic and force to Helm 4's flags
    (and, for the AWX guide, stops asking for openshift-clients): so 6.5.0, everywhere it is asked for."""
    assert 'Limit supported versions of Helm to <4.0.0' in ' '.join(changes('6.3.0')['bugfixes'])
    assert 'Helm v4 compatibility across the Helm modules' in changes('6.4.0')['release_summary']
    fixes = ' '.join(changes(FLOOR)['bugfixes'])
    assert 'use the ``--rollback-on-failure`` flag instead of the deprecated/removed ``--atomic`` flag when ``atomic=true`` is used with Helm v4' in fixes
    assert 'use ``--server-side=false --force-replace`` instead of the deprecated/removed ``--force`` flag' in fixes
    assert 'openshift-clients' in fixes
    assert load('galaxy.yml')['dependencies'] == {'kubernetes.core': '>=' + FLOOR}
    assert load('meta', 'ee-requirements.yml')['collections'] == [{'name': 'kubernetes.core', 'version': '>=' + FLOOR}]
    ee = {c['name']: c['version'] for c in load('extensions', 'ee', 'execution-environment.yml')['dependencies']['galaxy']['collections']}
    assert ee['kubernetes.core'] == '>=' + FLOOR
    text = flat(helm_section())
    assert ('That takes kubernetes.core 6.5.0 or newer, which ``galaxy.yml`` asks for: 6.4.0 added Helm 4 to kubernetes.core\'s Helm '
            'modules, 6.5.0 passes ``atomic`` and ``force`` to Helm 4 by Helm 4\'s flags, and the releases before 6.4.0 are built for '
            'Helm 3 (6.3.0 limits Helm to versions below 4.0.0)') in text


def test_the_suite_runs_kubernetes_core_6_6_0_of_the_ansible_14_package_that_needs_python_3_12():
    with open(os.path.join(KUBERNETES_CORE, 'MANIFEST.json'), encoding='utf-8') as handle:
        installed = json.load(handle)['collection_info']['version']
    assert version_tuple(installed) >= version_tuple(FLOOR)
    with open(os.path.join(ROOT, 'Makefile'), encoding='utf-8') as handle:
        (package,) = [line.split(':=')[1].strip() for line in handle if line.startswith('ANSIBLE_PACKAGE :=')]
    (wheel,) = glob.glob(os.path.join(BUILD, 'wheels', 'ansible-%s-*.whl' % package.split('==')[1]))
    with zipfile.ZipFile(wheel) as archive:
        (metadata,) = [name for name in archive.namelist() if name.endswith('.dist-info/METADATA')]
        requires = [line for line in archive.read(metadata).decode().splitlines() if line.startswith('Requires-Python:')]
        carried = json.loads(archive.read('ansible_collections/kubernetes/core/MANIFEST.json'))['collection_info']['version']
    assert (package, carried, installed, requires) == ('ansible==14.5.0', '6.6.0', '6.6.0', ['Requires-Python: >=3.12'])
    assert ('The ``ansible`` package 14 on PyPI carries kubernetes.core 6.6.0 and needs Python 3.12; ``ansible-galaxy collection '
            "install 'kubernetes.core>=6.5.0'`` installs it wherever the collection runs.") in flat(helm_section())


def test_the_roles_helm_tasks_wait_and_leave_atomic_to_module_defaults():
    tasks = []
    for name in ('install.yml', 'uninstall.yml'):
        with open(os.path.join(ROOT, 'roles', 'dataplane', 'tasks', name), encoding='utf-8') as handle:
            tasks += [task['kubernetes.core.helm'] for task in yaml.safe_load(handle) if 'kubernetes.core.helm' in task]
    assert len(tasks) == 3  # KEDA, the data plane, its uninstall
    assert all(task['wait'] is True and 'atomic' not in task for task in tasks)
    with open(os.path.join(ROOT, 'tests', 'integration', 'targets', 'dataplane', 'playbooks', 'helm_line.yml'), encoding='utf-8') as handle:
        (play,) = yaml.safe_load(handle)
    assert play['module_defaults'] == {'kubernetes.core.helm': {'atomic': True}}  # as the guide tells users to set it
    assert ('The role\'s Helm tasks set ``wait: true`` (``--wait``; with Helm 4 that is its ``watcher`` strategy) and leave ``atomic`` '
            'unset. Set ``atomic: true`` with ``module_defaults`` for ``kubernetes.core.helm`` in the play that runs the role') in flat(helm_section())


def help_of(major, command):
    return flat(real(major, command, '--help').stdout)


@pytest.mark.parametrize('major', sorted(chart.HELMS))
def test_the_table_quotes_each_helms_own_help(major):
    (row,) = [cells for cells in rows(helm_section(), 'Helm') if cells[0] == 'Helm %s' % major]
    flag = {'3': '--atomic', '4': '--rollback-on-failure'}[major]
    assert row[1] == '``%s``' % flag
    for quoted, command in ((row[2], 'upgrade'), (row[3], 'install')):
        assert quoted.startswith('"') and quoted.endswith('"')
        assert '%s %s' % (flag, quoted[1:-1]) in help_of(major, command), (major, command)
    # the role's wait: true is --wait, which is Helm 4's watcher strategy
    if major == '4':
        assert '--wait WaitStrategy[=watcher]' in help_of('4', 'upgrade')


def test_helm_4_still_takes_atomic_with_the_message_the_guide_quotes():
    message = 'Flag --atomic has been deprecated, use --rollback-on-failure instead'
    assert message in real('4', 'upgrade', '--atomic').stderr
    assert message not in real('3', 'upgrade', '--atomic').stderr
    assert '"%s"; kubernetes.core 6.5.0 and newer never pass it to Helm 4.' % message in flat(helm_section())


def test_the_guide_names_the_helms_the_suite_renders_the_chart_with():
    assert chart.VERSIONS == {'3': 'v3.17.2', '4': 'v4.1.4'}
    text = flat(helm_section())
    assert 'The test suite renders the chart with Helm 3.17.2 and with Helm 4.1.4 and requires the same manifests of both' in text
    assert flat(section(guide('dataplane-role'), 'How it is tested')).count('Helm 3.17.2 and a real Helm 4.1.4') == 1
    ee = load('extensions', 'ee', 'execution-environment.yml')
    assert 'ARG HELM_VERSION=%s' % chart.VERSIONS['4'] in ee['additional_build_steps']['append_final']
    assert 'The execution environment of `AWX <awx.rst>`__ has Helm 4.' in text
