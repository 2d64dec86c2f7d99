# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A stand-in for the pip bootstrap script that ``ansible-test --venv`` downloads.

``ansible-test`` fetches ``get-pip-<version>.py`` from ci-files.testing.ansible.com,
which air-gapped and proxied machines cannot reach; it looks in its cache first
(``~/.ansible/test/cache/get_pip_<version>.py``). This file is such a script:
it bootstraps pip with the standard library's ``ensurepip`` and then installs
the pip that ansible-test asked for from the configured package index (PyPI or
a mirror: pip's usual configuration and ``PIP_INDEX_URL`` apply).

Install it into the cache, for the pip versions of every ansible-test this
Python can import (or the versions given)::

    python tools/ansible_test_get_pip.py install [--pip-version 24.2 ...]

ansible-test then runs it as ``python get_pip_24_2.py [pip options] pip==24.2``.
"""

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys

CACHE = os.path.expanduser('~/.ansible/test/cache')
# Options of the real get-pip.py that pip install does not know.
GET_PIP_ONLY = ('--no-setuptools', '--no-wheel')


def bootstrap(args):
    """Act as get-pip.py: ensure pip, then ``pip install`` the requested packages."""
    import ensurepip  # pylint: disable=import-outside-toplevel

    saved = dict(os.environ)
    try:
        ensurepip.bootstrap(upgrade=True, default_pip=True)
    finally:
        # ensurepip deletes PIP_* variables and points PIP_CONFIG_FILE at /dev/null,
        # which would hide the index, proxy and certificate settings from the next step.
        os.environ.clear()
        os.environ.update(saved)
    pip_args = [arg for arg in args if arg not in GET_PIP_ONLY]
    return subprocess.call([sys.executable, '-m', 'pip', 'install'] + pip_args)


def detect_versions():
    """The pip versions that the ansible-test importable by this Python bootstraps."""
    try:
        import ansible_test  # pylint: disable=import-outside-toplevel
    except ImportError:
        return []
    source = os.path.join(os.path.dirname(ansible_test.__file__), '_internal', 'python_requirements.py')
    with open(source, encoding='utf-8') as handle:
        return sorted(set(re.findall(r"pip='([0-9.]+)'", handle.read())))


def install(versions):
    versions = versions or detect_versions()
    if not versions:
        sys.exit('no pip version given and no ansible-test found on %s' % sys.executable)
    os.makedirs(CACHE, exist_ok=True)
    for version in versions:
        target = os.path.join(CACHE, 'get_pip_%s.py' % version.replace('.', '_'))
        shutil.copyfile(os.path.abspath(__file__), target)
        print('installed %s' % target)
    return 0


def main(argv):
    if argv[:1] == ['install']:
        parser = argparse.ArgumentParser(prog='ansible_test_get_pip.py install', description=__doc__.split('\n\n', maxsplit=1)[0])
        parser.add_argument('--pip-version', action='append', default=[], help='e.g. 24.2 (repeatable)')
        return install(parser.parse_args(argv[1:]).pip_version)
    if argv[:1] == ['list']:
        print('\n'.join(sorted(glob.glob(os.path.join(CACHE, 'get_pip_*.py')))))
        return 0
    return bootstrap(argv)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
