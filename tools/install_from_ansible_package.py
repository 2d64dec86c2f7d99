# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Install a collection from the ``ansible`` community package on PyPI, where Galaxy is unreachable.

The ``ansible`` wheel carries every collection of the community package under
``ansible_collections/``. This downloads the wheel (no dependencies) and unpacks
one collection into a collections path::

    python tools/install_from_ansible_package.py --package ansible==14.5.0 \\
        --collection kubernetes.core --dest .build/collections
"""

import argparse
import glob
import os
import shutil
import subprocess
import sys
import zipfile


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    parser.add_argument('--package', default='ansible', help='pip requirement of the ansible package')
    parser.add_argument('--collection', required=True, action='append', help='namespace.name (repeatable)')
    parser.add_argument('--dest', required=True, help='collections path (ansible_collections/ is created below it)')
    parser.add_argument('--cache', default='.build/wheels', help='where the wheel is downloaded')
    args = parser.parse_args(argv)

    os.makedirs(args.cache, exist_ok=True)
    wheels = sorted(glob.glob(os.path.join(args.cache, 'ansible-*.whl')))
    wanted = args.package.split('==')[1] if '==' in args.package else None
    wheels = [w for w in wheels if wanted is None or os.path.basename(w).startswith('ansible-%s-' % wanted)]
    if not wheels:
        subprocess.check_call([sys.executable, '-m', 'pip', 'download', '-q', '--no-deps', '--only-binary', ':all:',
                               '-d', args.cache, args.package])
        wheels = sorted(glob.glob(os.path.join(args.cache, 'ansible-%s-*.whl' % (wanted or '*'))))
    wheel = wheels[-1]
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        for collection in args.collection:
            namespace, name = collection.split('.')
            prefix = 'ansible_collections/%s/%s/' % (namespace, name)
            members = [n for n in names if n.startswith(prefix)]
            if not members:
                sys.exit('%s is not in %s' % (collection, os.path.basename(wheel)))
            target = os.path.join(args.dest, 'ansible_collections', namespace, name)
            shutil.rmtree(target, ignore_errors=True)
            for member in members:
                archive.extract(member, args.dest)
            print('installed %s from %s into %s' % (collection, os.path.basename(wheel), args.dest))
    return 0


if __name__ == '__main__':
    sys.exit(main())
