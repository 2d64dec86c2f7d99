# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Whether a branch that changes what users get also adds a changelog fragment.

A change to plugins/, roles/, playbooks/ or meta/ since the branch left BASE (``git diff
BASE...HEAD``) needs a new or changed file in changelogs/fragments/ (a ``trivial:`` fragment for a
change that users do not see). CONTRIBUTING.md explains fragments; `make changelog-check SINCE=...`
runs this and ``antsibull-changelog lint``::

    python tools/check_changelog_fragment.py origin/main
"""

import subprocess
import sys

USER_VISIBLE = ('plugins/', 'roles/', 'playbooks/', 'meta/')
FRAGMENTS = 'changelogs/fragments/'


def changed_files(base, cwd=None):
    out = subprocess.run(['git', 'diff', '--name-only', '--no-renames', '--diff-filter=ACDMR', '%s...HEAD' % base],
                         cwd=cwd, check=True, stdout=subprocess.PIPE, text=True).stdout
    return [name for name in out.splitlines() if name]


def check(files):
    """The message of the failure, or None."""
    visible = sorted(name for name in files if name.startswith(USER_VISIBLE))
    fragments = [name for name in files if name.startswith(FRAGMENTS) and name.endswith(('.yml', '.yaml'))]
    if visible and not fragments:
        return ('this branch changes %s but adds no changelog fragment: add changelogs/fragments/<issue>-<topic>.yml '
                '(CONTRIBUTING.md, "Changelog fragments")' % ', '.join(visible))
    return None


def main(argv):
    if len(argv) != 1:
        sys.exit('usage: check_changelog_fragment.py BASE (a git revision, e.g. origin/main)')
    problem = check(changed_files(argv[0]))
    if problem:
        sys.exit(problem)
    print('changelog fragment check: ok')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
