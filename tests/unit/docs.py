# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Reading the README and the guides in tests: a file, a section under a heading, a table."""

import os
import re

from ansible_collections.langchain.langsmith.tests.unit.fakes import ROOT


def read(*path):
    """A file of the checkout, such as read('docs', 'idempotency.md')."""
    with open(os.path.join(ROOT, *path), encoding='utf-8') as handle:
        return handle.read()


def section(text, heading):
    """The text under the Markdown heading ``heading`` (with its #), up to the next heading of any level."""
    start = text.index('\n%s\n' % heading) + len(heading) + 2
    following = re.search(r'^#', text[start:], re.M)
    return text[start:start + following.start()] if following else text[start:]


def rows(text, header=None):
    """The rows (lists of cells, without the header) of the Markdown table in ``text`` whose first column
    is headed ``header``, or of the first table."""
    start = text.index('| %s |' % header) if header else text.index('\n|') + 1
    lines = text[start:].split('\n\n', 1)[0].splitlines()
    return [[cell.strip() for cell in line.strip().strip('|').split('|')] for line in lines[2:]]
