# -*- coding: utf-8 -*-
# Collection-private module_utils of langchain.langsmith: not a public API, may change without notice.
#
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What a failed task returns beside ``msg``: the request that failed and the control plane's answer.

A leaf: it imports nothing of the collection, so that the ``listener_result`` action (which runs on the
controller, once per host) reads the same fields as the modules write without loading the HTTP client.
"""

# Each failed task of the listener, listener_info and listeners modules (and each failed item of a listeners
# result, which listener_result reports as its host's own) has every one of these keys, None where it does
# not apply:
#   status  the HTTP status of the answer that made it fail; None when no answer came (connection, timeout,
#           TLS) or no request failed (bad input, a rule of the collection);
#   detail  the API's own words (its ``detail``, or the body's text), credentials masked; None without them;
#   method  the request's method (GET, POST, PATCH, DELETE), and
#   path    its path below control_plane_url (/v2/listeners/<id>, without the query): None before any request.
FIELDS = ('status', 'detail', 'method', 'path')


def failure(error):
    """{status, detail, method, path} of ``error`` (a LangSmithError, or any exception: None for each it lacks)."""
    return dict((key, getattr(error, key, None)) for key in FIELDS)


def failure_of(result):
    """{status, detail, method, path} of a failed task's (or item's) ``result``: None for each it lacks."""
    return dict((key, result.get(key)) for key in FIELDS)
