# -*- coding: utf-8 -*-
# Collection-private module_utils of langchain.langsmith: not a public API, may change without notice.
#
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The version of the collection, as the User-Agent of every request names it.

A module runs without galaxy.yml beside it, so the version is written here once, as hetzner.hcloud's
``module_utils/_version.py``; a unit test (tests/unit/plugins/module_utils/test_version.py) fails when
it is not the ``version`` of galaxy.yml, so that a release bump cannot leave it behind.
"""

COLLECTION_VERSION = '0.1.0'
