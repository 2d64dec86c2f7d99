# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
name: mask_secrets
short_description: Mask every form of the given credentials in a text
version_added: 0.1.0
author:
  - LangChain platform engineering (@langchain-ai)
description:
  - Internal to the C(langchain.langsmith.dataplane) role, with no compatibility promise.
  - Replaces each credential in O(_input) with C(********), in every form a library or tool can print it in
    as well as it is given and without surrounding white space, Python C(repr) and JSON escaping, URL encoding,
    and base64 (as a rendered Kubernetes Secret holds it).
  - Ansible's C(no_log) masks only a value exactly as given; the C(dataplane) role reports errors of tasks
    that carry the API key through this filter.
options:
  _input:
    description: The text to mask.
    type: str
    required: true
  secrets:
    description: The credentials; empty and null items are ignored.
    type: list
    elements: str
    required: true
positional: secrets
"""

EXAMPLES = r"""
- name: Report a failure without the key, whatever form the tool quoted it in
  ansible.builtin.fail:
    msg: "{{ result.msg | langchain.langsmith.mask_secrets([langsmith_api_key]) }}"
  when: result is failed
"""

RETURN = r"""
_value:
  description: O(_input) with every form of every credential replaced by C(********).
  type: str
"""

from ansible_collections.langchain.langsmith.plugins.module_utils._secrets import Scrubber


def mask_secrets(text, secrets):
    return Scrubber(secrets or ())(str(text))


class FilterModule:

    def filters(self):
        return {'mask_secrets': mask_secrets}
