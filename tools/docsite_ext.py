# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Sphinx extension of `make docs` (added to the conf.py that `antsibull-docs sphinx-init` writes).

The guides in docs/docsite/rst/ link to each other the way GitHub follows links: ```Troubleshooting
<troubleshooting.rst#warnings>`__``, relative to the file. On the docsite each becomes the link to that
page (``troubleshooting.html#warnings``); a link to another file of the repository (``CHANGELOG.rst``,
``performance.json``) becomes its address on GitHub (``edit_on_github`` of docs/docsite/links.yml). A
link to a file that does not exist is a warning, so `make docs` (``sphinx-build -W``) fails on it.

The build is offline: no intersphinx inventory is fetched. The references into docs.ansible.com that
antsibull-docs writes into the plugin pages (another collection's plugin, ansible-core's environment
variables and the few pages of ansible-core's guides below) are resolved to their address there, as the
inventory of ansible-core's docs would; any other reference that does not resolve stays a warning.
"""

import os
import posixpath
import re
import shutil

import yaml
from docutils import nodes
from sphinx.util import logging

LOG = logging.getLogger(__name__)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GUIDES = os.path.join(ROOT, 'docs', 'docsite', 'rst')
COLLECTION = ('langchain', 'langsmith')
# Where antsibull-docs puts a collection's extra docs in the docsite.
DOCSITE_PREFIX = 'collections/%s/%s/docsite/' % COLLECTION
ANSIBLE_DOCS = 'https://docs.ansible.com/projects/ansible/devel/'
# The labels of ansible-core's own guides that the plugin pages refer to, and their pages there.
ANSIBLE_LABELS = {
    'common_return_values': 'reference_appendices/common_return_values.html',
    'action_plugins': 'plugins/action.html',
    'ansible_configuration_settings': 'reference_appendices/config.html',
}
PLUGIN_LABEL = re.compile(r'^ansible_collections\.(\w+)\.(\w+)\.(\w+)$')


def blob_url():
    """https://github.com/<repository>/blob/<branch>/, from docs/docsite/links.yml."""
    with open(os.path.join(ROOT, 'docs', 'docsite', 'links.yml'), encoding='utf-8') as handle:
        github = yaml.safe_load(handle)['edit_on_github']
    return 'https://github.com/%s/blob/%s/' % (github['repository'], github['branch'])


def resolve_guide_links(app, doctree, docname):
    """The relative links of a guide, to the docsite's page or to the file on GitHub."""
    if not docname.startswith(DOCSITE_PREFIX):
        return
    here = posixpath.dirname(docname[len(DOCSITE_PREFIX):])
    for node in doctree.findall(nodes.reference):
        uri = node.get('refuri')
        if not uri or re.match(r'^[a-z][a-z0-9+.-]*:|^#|^/', uri):
            continue
        path, dummy, anchor = uri.partition('#')
        target = posixpath.normpath(posixpath.join(here, path))
        if not os.path.exists(os.path.join(GUIDES, target)):
            LOG.warning('the link %r names no file (docs/docsite/rst/%s)', uri, target, location=node)
            continue
        page = DOCSITE_PREFIX + target[:-len('.rst')] if target.endswith('.rst') else None
        if page in app.env.found_docs:
            node['refuri'] = app.builder.get_relative_uri(docname, page) + ('#' + anchor if anchor else '')
        else:
            repository_path = posixpath.normpath(posixpath.join('docs/docsite/rst', target))
            node['refuri'] = blob_url() + repository_path + ('#' + anchor if anchor else '')
            node['classes'].append('external')


def resolve_ansible_docs(app, env, node, contnode):
    """A reference into docs.ansible.com that no inventory resolves here, resolved to its page there."""
    target = node.get('reftarget', '')
    if node.get('refdomain') == 'std' and node.get('reftype') == 'envvar' and target.startswith('ANSIBLE_'):
        uri = ANSIBLE_DOCS + 'reference_appendices/config.html#envvar-' + target
    elif node.get('refdomain') == 'std' and node.get('reftype') == 'ref' and target in ANSIBLE_LABELS:
        uri = ANSIBLE_DOCS + ANSIBLE_LABELS[target]
    elif node.get('refdomain') == 'std' and node.get('reftype') == 'ref' and PLUGIN_LABEL.match(target) \
            and PLUGIN_LABEL.match(target).groups()[:2] != COLLECTION:
        namespace, name, page = PLUGIN_LABEL.match(target).groups()
        uri = ANSIBLE_DOCS + 'collections/%s/%s/%s.html' % (namespace, name, page)
    else:
        return None
    reference = nodes.reference('', '', internal=False, refuri=uri, classes=['external'])
    reference.append(contnode)
    return reference


def offline(app, config):
    """No intersphinx inventory is fetched: the references they served are resolve_ansible_docs's."""
    config.intersphinx_mapping = {}


def copy_pictures(app):
    """The pictures of the guides, beside the pages that show them (antsibull-docs copies RST files only)."""
    dest = os.path.join(app.srcdir, *DOCSITE_PREFIX.split('/'))
    for name in sorted(os.listdir(GUIDES)):
        if name.endswith(('.png', '.svg')) and os.path.isdir(dest):
            shutil.copyfile(os.path.join(GUIDES, name), os.path.join(dest, name))


def setup(app):
    app.connect('config-inited', offline, priority=100)
    app.connect('builder-inited', copy_pictures)
    app.connect('doctree-resolved', resolve_guide_links)
    app.connect('missing-reference', resolve_ansible_docs)
    return {'version': '1.0', 'parallel_read_safe': True, 'parallel_write_safe': True}
