# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The reliability guide (docs/docsite/rst/reliability.rst) names the test that proves each claim, and other guides name some: every name
they give must exist."""

import os
import re

from ansible_collections.langchain.langsmith.tests.system.harness import ROOT
from ansible_collections.langchain.langsmith.tests.docs.pages import guide_path

DOC = guide_path('reliability')
# ``test_name``, ``test_name[id]``, or a following ``[id]`` of the same test
REFERENCE = re.compile(r'``(test_\w+)?(?:\[([^\]`]+)\])?``')
# Guides that name a test now and then: only ``test_name`` and ``test_name[id]`` count there.
OTHER_GUIDES = ('authentication', 'getting-started', 'idempotency', 'troubleshooting')
NAMED = re.compile(r'``(test_\w+)(?:\[([^\]`]+)\])?``')


def _sources():
    sources = {}
    for folder in ('unit', 'docs', 'system'):
        for base, dummy, files in os.walk(os.path.join(ROOT, 'tests', folder)):
            for name in files:
                if name.startswith('test_') and name.endswith('.py'):
                    with open(os.path.join(base, name), encoding='utf-8') as handle:
                        sources[os.path.join(base, name)] = handle.read()
    return sources


def test_every_test_the_document_names_exists():
    with open(DOC, encoding='utf-8') as handle:
        text = handle.read()
    sources = _sources()
    named, current = [], None
    for function, param in REFERENCE.findall(text):
        current = function or current
        if function or param:
            named.append((current, param))
    assert len(named) > 30
    _assert_defined(DOC, named, sources)


def test_every_test_another_guide_names_exists():
    sources = _sources()
    count = 0
    for name in OTHER_GUIDES:
        path = guide_path(name)
        with open(path, encoding='utf-8') as handle:
            named = NAMED.findall(handle.read())
        count += len(named)
        _assert_defined(path, named, sources)
    assert count >= 3


def _assert_defined(doc, named, sources):
    for function, param in named:
        defined = [source for source in sources.values() if re.search(r'^def %s\(' % function, source, re.M)]
        assert defined, '%s names %s, which no test file defines' % (doc, function)
        if param:
            assert any("'%s'" % param in source for source in defined), '%s: no parameter id %r' % (function, param)
