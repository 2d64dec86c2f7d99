# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Reading the README and the guides in tests: a file, a guide, a section under a title, a table, the
code blocks, the links and anchors.

The guides are reStructuredText in docs/docsite/rst/ (one file each, the collection docsite's extra docs);
their tables are ``list-table`` directives, their code ``code-block`` directives. The README is Markdown:
``md_section`` and ``md_rows`` read it."""

import os
import re
import unicodedata

ROOT = os.path.realpath(os.path.join(os.path.dirname(__file__), os.pardir, os.pardir))  # not through .build/dev
GUIDES = os.path.join(ROOT, 'docs', 'docsite', 'rst')
# The adornment characters of a section title (docutils accepts any of them; the guides use = - ~ ^).
ADORNMENT = re.compile(r'^([=\-~^"\'`#*+:.<>_])\1*$')


def read(*path):
    """A file of the checkout, such as read('README.md')."""
    with open(os.path.join(ROOT, *path), encoding='utf-8') as handle:
        return handle.read()


def guide_path(name):
    """The file of the guide ``name``, such as guide_path('idempotency'): docs/docsite/rst/idempotency.rst."""
    return os.path.join(GUIDES, name + '.rst')


def guide(name):
    """The text of the guide ``name``, such as guide('idempotency')."""
    with open(guide_path(name), encoding='utf-8') as handle:
        return handle.read()


def guide_names():
    """Every guide of docs/docsite/rst/, by name (without .rst)."""
    return sorted(name[:-4] for name in os.listdir(GUIDES) if name.endswith('.rst'))


def titles(text):
    """[(line index, title)] of the section titles of an RST text (a line underlined at least as long)."""
    lines = text.splitlines()
    return [(index, line.strip()) for index, line in enumerate(lines[:-1])
            if line.strip() and not line.startswith(' ') and ADORNMENT.match(lines[index + 1])
            and len(lines[index + 1]) >= len(line.rstrip()) and not ADORNMENT.match(line.strip())]


def section(text, title):
    """The text under the RST section title ``title`` (without its adornment), up to the next title of any level."""
    found = titles(text)
    starts = [index for index, name in found if name == title]
    assert len(starts) == 1, '%d sections are titled %r' % (len(starts), title)
    lines = text.splitlines(True)
    following = [index for index, dummy in found if index > starts[0]]
    return ''.join(lines[starts[0] + 2:following[0] if following else len(lines)])


def _indent(line):
    return len(line) - len(line.lstrip(' '))


def _directive_body(lines, start):
    """The (first line index, lines) of the content of the directive on line ``start``: the lines indented
    deeper than the directive, after its options; ends before the first line that is not."""
    own = _indent(lines[start])
    index = start + 1
    while index < len(lines) and lines[index].strip().startswith(':') and _indent(lines[index]) > own:
        index += 1  # options
    end = index
    while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > own):
        end += 1
    while end > index and not lines[end - 1].strip():
        end -= 1
    while index < end and not lines[index].strip():
        index += 1
    return index, lines[index:end]


def tables(text):
    """Every ``list-table`` of an RST text: [(header cells, [(line number, cells)])], the header being the
    first row (the guides' tables have one header row). A cell's lines are joined by spaces."""
    lines = text.splitlines()
    found = []
    for start, line in enumerate(lines):
        if line.strip() != '.. list-table::':
            continue
        first, body = _directive_body(lines, start)
        table, cells = [], None
        for offset, row in enumerate(body):
            stripped = row.strip()
            if stripped.startswith('* - ') or stripped == '* -':
                cells = [stripped[4:]]
                table.append((first + offset + 1, cells))
            elif cells is not None and _indent(row) == _indent(body[0]) + 2 and (stripped.startswith('- ') or stripped == '-'):
                cells.append(stripped[2:])  # the next cell of the row
            elif stripped:
                cells[-1] = (cells[-1] + ' ' + stripped).strip()
        header = [cell.strip() for cell in table[0][1]]
        found.append((header, [(number, [cell.strip() for cell in cells]) for number, cells in table[1:]]))
    return found


def rows(text, header=None):
    """The rows (lists of cells, without the header) of the list-table in ``text`` whose first column is
    headed ``header``, or of the first table."""
    for head, body in tables(text):
        if header is None or head[0] == header:
            return [cells for dummy, cells in body]
    raise ValueError('no table headed %r' % header)


def every_row(text, header):
    """[(line number, cells)] of the rows of every list-table in ``text`` whose first column is headed ``header``."""
    return [row for head, body in tables(text) if head[0] == header for row in body]


def literals(cell):
    """The inline literals (````text````) of an RST cell or paragraph, in order."""
    return re.findall(r'``(.+?)``(?!`)', cell)


def code_blocks(text):
    """Every ``code-block`` of an RST text, in order: [(language, body, offset)], the body dedented and
    ending with a newline (as a Markdown fence's), ``offset`` where the directive starts in ``text``."""
    lines = text.splitlines(True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    blocks = []
    for start, line in enumerate(lines):
        match = re.match(r'^ *\.\. code-block::\s*(\S*)\s*$', line)
        if not match:
            continue
        dummy, body = _directive_body(lines, start)
        depth = min(_indent(row) for row in body if row.strip())
        blocks.append((match.group(1), ''.join(row[depth:] if row.strip() else '\n' for row in body), offsets[start]))
    return blocks


def links(text):
    """The targets of the hyperlinks of an RST text (```text <target>`_`` and ``__``): [(path, anchor)]."""
    return re.findall(r'<((?:[^<>`#\s])*)(?:#([^<>`\s]+))?>`__?', text)


def make_id(title):
    """The id that docutils (and so Sphinx, and GitHub's rendering of RST) gives a section titled ``title``."""
    text = unicodedata.normalize('NFKD', title.replace('``', '')).encode('ascii', 'ignore').decode('ascii').lower()
    text = re.sub(r'[^a-z0-9]+', '-', text)
    return re.sub(r'^[-0-9]+|-+$', '', text)


def anchors(text):
    """The ids that an RST text's section titles and explicit targets (``.. _name:``) get."""
    ids = {make_id(title) for dummy, title in titles(text)}
    return ids | {make_id(name) for name in re.findall(r'^\.\. _([^:]+):\s*$', text, re.M)}


def md_section(text, heading):
    """The text under the Markdown heading ``heading`` (with its #), up to the next heading of any level."""
    start = text.index('\n%s\n' % heading) + len(heading) + 2
    following = re.search(r'^#', text[start:], re.M)
    return text[start:start + following.start()] if following else text[start:]


def md_rows(text):
    """The rows (lists of cells, without the header and its ``| --- |`` line) of every Markdown table in ``text``."""
    found = []
    for line in text.splitlines():
        if not line.startswith('|'):
            continue
        cells = [cell.strip() for cell in line.strip().strip('|').split('|')]
        if all(re.match(r'^:?-+:?$', cell) for cell in cells):
            found.pop()  # the line before was the header
            continue
        found.append(cells)
    return found
