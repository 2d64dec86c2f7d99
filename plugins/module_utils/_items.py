# -*- coding: utf-8 -*-
# Collection-private module_utils of langchain.langsmith: not a public API, may change without notice.
#
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""One item of a ``listeners`` result (``result.listeners[compute_id]``), defined once: the listeners module
builds each item here, and the ``listener_result`` action (which reports an item as its host's own) checks
what it is given here.

A leaf, like _failure.py: the action runs on the controller once per host and loads nothing else.

An item that was carried out:  changed, listener, msg, operation, and diff (with --diff);
an item whose write failed:    changed (false), failed (true), msg, and the failure keys of _failure.py.
"""

from ansible_collections.langchain.langsmith.plugins.module_utils._failure import FIELDS

# What every item has, carried out or failed: what listener_result needs to report it.
REQUIRED = ('changed', 'msg')
CARRIED_OUT = ('changed', 'listener', 'msg', 'operation')
FAILED = ('changed', 'failed', 'msg') + FIELDS


def carried_out(changed, listener, msg, operation, diff=None):
    """The item of a listener whose action was carried out (or predicted, in check mode)."""
    item = dict(changed=changed, listener=listener, msg=msg, operation=operation)
    if diff is not None:
        item['diff'] = diff
    return item


def failed(failure, msg):
    """The item of a listener whose write failed: ``failure`` is its {status, detail, method, path}."""
    return dict(failure, changed=False, failed=True, msg=msg)


def not_an_item(item):
    """Why ``item`` is not one item of a listeners result (a message), or None when it is."""
    missing = [key for key in REQUIRED if key not in item]
    if missing:
        return ('result must be one item of the listeners result of a langchain.langsmith.listeners task '
                '(registered.listeners[compute_id]), with %s' % ' and '.join(REQUIRED))
    return None
