# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The benchmark's task timer (bench/, not part of the collection).

Appends one JSON line per task result to the file named by ``BENCH_TIMINGS``: the task's name,
action and id, the host, its status and changed flag, and the wall-clock times (``time.time()``) at which the task started and at which
its result reached the controller. The benchmark divides the emulator's request log among tasks by
those times, and takes task durations from them.

Enable it with ``ANSIBLE_CALLBACK_PLUGINS=bench/callback_plugins ANSIBLE_CALLBACKS_ENABLED=bench_timer``.
"""

from __future__ import annotations

DOCUMENTATION = r"""
name: bench_timer
type: aggregate
short_description: Record when each task started and when each of its results arrived
description:
  - Appends one JSON line per task result to the file named by the E(BENCH_TIMINGS) environment variable.
requirements:
  - enabled in the callbacks_enabled setting
"""

import json
import os
import time

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'bench_timer'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._path = os.environ.get('BENCH_TIMINGS')
        self._started = {}

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._started[task._uuid] = time.time()  # pylint: disable=protected-access

    def v2_playbook_on_handler_task_start(self, task):
        self._started[task._uuid] = time.time()  # pylint: disable=protected-access

    def _record(self, result, status):
        end = time.time()
        if not self._path:
            return
        task = result._task  # pylint: disable=protected-access
        entry = {'task': task.get_name(), 'action': task.action, 'uuid': task._uuid,  # pylint: disable=protected-access
                 'host': result._host.get_name(),  # pylint: disable=protected-access
                 'status': status, 'changed': bool(result._result.get('changed')),  # pylint: disable=protected-access
                 'start': self._started.get(task._uuid, end), 'end': end}  # pylint: disable=protected-access
        with open(self._path, 'a', encoding='utf-8') as handle:
            handle.write(json.dumps(entry) + '\n')

    def v2_runner_on_ok(self, result):
        self._record(result, 'ok')

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, 'failed')

    def v2_runner_on_skipped(self, result):
        self._record(result, 'skipped')

    def v2_runner_on_unreachable(self, result):
        self._record(result, 'unreachable')
