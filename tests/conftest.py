# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Loaded before every test module, by `make test` and by ansible-test units alike."""

import os
import sys


def _install_collection_loader():
    """ansible-test units runs with Ansible's collection loader installed, so that plugins find
    their documentation fragments; install it too when pytest runs these tests directly."""
    from ansible.utils.collection_loader._collection_finder import _AnsibleCollectionFinder  # pylint: disable=import-outside-toplevel

    if any(isinstance(finder, _AnsibleCollectionFinder) for finder in sys.meta_path):
        return
    import ansible_collections  # pylint: disable=import-outside-toplevel

    paths = [os.path.dirname(path) for path in ansible_collections.__path__]
    _AnsibleCollectionFinder(paths=paths)._install()  # pylint: disable=protected-access


_install_collection_loader()
