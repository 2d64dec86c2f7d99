# -*- coding: utf-8 -*-
# Collection-private module_utils of langchain.langsmith: not a public API, may change without notice.
#
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The environment variables of the collection: what the connection options fall back to, as the AWX
credential type (extensions/awx) injects them, and what messages tell users to set.

A leaf: it imports nothing. The role's ``vars/main.yml`` reads the same names with the ``env`` lookup.
"""

ENV_PREFIX = 'LANGSMITH_'
ENV_API_KEY = 'LANGSMITH_API_KEY'
ENV_BEARER_TOKEN = 'LANGSMITH_BEARER_TOKEN'
ENV_WORKSPACE_ID = 'LANGSMITH_WORKSPACE_ID'
ENV_CONTROL_PLANE_URL = 'LANGSMITH_CONTROL_PLANE_URL'
ENV_CA_PATH = 'LANGSMITH_CA_PATH'
