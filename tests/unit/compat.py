# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the unit tests use from ansible-core that the older lines of the test matrix lack.

ansible.module_utils.testing.patch_module_args and ansible.template.trust_as_template exist from ansible-core
2.19 on (test modules import the latter from here where it is missing). On 2.16 to 2.18,
install() (called by tests/unit/conftest.py, before any test module is imported) puts this module
in its place, so that the tests import it by its usual name on every line.
"""

import contextlib
import json
import sys
from unittest import mock

from ansible.module_utils import basic


@contextlib.contextmanager
def patch_module_args(args=None):
    """Expose ``args`` to the AnsibleModule instances created within this context, as ansible-core
    2.19's ansible.module_utils.testing.patch_module_args does."""
    payload = json.dumps({'ANSIBLE_MODULE_ARGS': args or {}}).encode()
    with mock.patch.object(basic, '_ANSIBLE_ARGS', payload):
        yield


def trust_as_template(value):
    """ansible-core 2.19's ansible.template.trust_as_template: on older lines every string is a template already."""
    return value


def install():
    """Make ``ansible.module_utils.testing`` importable where ansible-core does not have it."""
    try:
        import ansible.module_utils.testing  # pylint: disable=unused-import,import-outside-toplevel
    except ImportError:
        import ansible.module_utils  # pylint: disable=import-outside-toplevel

        sys.modules['ansible.module_utils.testing'] = sys.modules[__name__]
        ansible.module_utils.testing = sys.modules[__name__]
