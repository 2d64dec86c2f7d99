# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
name: dataplane_listener_ids
short_description: Each cluster's listener ID, by compute ID, of the dataplane role's listeners run
version_added: 0.1.0
author:
  - LangChain platform engineering (@langchain-ai)
description:
  - Internal to the C(langchain.langsmith.dataplane) role, with no compatibility promise.
  - The role's listeners run of the play is the one that converged, or, where the role skipped it, the check of the
    deletes that found nothing to change; the input is the first, the argument the second, as the role registers them.
  - A listener not yet created (check mode), or already absent, has the ID V(null); one that the run deletes (or would
    delete, in check mode), the ID it had.
options:
  _input:
    description: The registered result of the role's converging C(langchain.langsmith.listeners) task.
    type: dict
    required: true
  checked:
    description: The registered result of the role's check of the deletes.
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: The role's use, once for the play
  ansible.builtin.set_stats:
    data:
      langsmith_listener_ids: "{{ _dataplane_converged | langchain.langsmith.dataplane_listener_ids(_dataplane_checked) }}"
"""

RETURN = r"""
_value:
  description: The listener ID of each compute ID of the run.
  type: dict
"""

from ansible_collections.langchain.langsmith.plugins.plugin_utils._listener_result import listener_ids, listeners_run


def dataplane_listener_ids(converged, checked):
    return listener_ids(listeners_run(converged, checked))


class FilterModule:

    def filters(self):
        return {'dataplane_listener_ids': dataplane_listener_ids}
