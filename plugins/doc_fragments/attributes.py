# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


class ModuleDocFragment:
    """Attributes shared by the modules of langchain.langsmith."""

    DOCUMENTATION = r"""
options: {}
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
  action_group:
    description: Use C(group/langchain.langsmith.all) in C(module_defaults) to set the connection options once for every module.
    support: full
    membership:
      - langchain.langsmith.all
  idempotent:
    description:
      - When run twice in a row outside check mode, with the same arguments, the second invocation indicates no change.
      - This assumes that the listeners have not been changed by others in between.
  platform:
    description: Target OS/families that can be operated against.
    support: N/A
    platforms: all
"""

    # langchain.langsmith.attributes.controller: the attributes shared by the actions that run on the controller with
    # no module process and no connection (listener_result, dataplane_plan, dataplane_result); each module adds
    # check_mode, diff_mode and the details of its own.
    CONTROLLER = r"""
options: {}
attributes:
  action:
    support: full
  async:
    support: none
  become:
    support: none
  bypass_host_loop:
    support: none
  connection:
    support: none
  delegation:
    support: none
  platform:
    platforms: all
  idempotent:
    description:
      - When run twice in a row outside check mode, with the same arguments, the second invocation indicates no change.
    support: full
"""
