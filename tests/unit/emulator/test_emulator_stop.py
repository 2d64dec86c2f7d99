# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The emulator's ``stop`` signals the process that ``start`` recorded, and no other: a state file
left behind names a PID that the system may since have given to an unrelated process."""

import argparse
import json
import signal
import subprocess
import sys
import threading

import pytest

from ansible_collections.langchain.langsmith.tests.unit.fakes import load_emulator

EMU = load_emulator()


@pytest.fixture
def bystander():
    """A process that is not the emulator."""
    proc = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])  # pylint: disable=consider-using-with
    yield proc
    proc.kill()
    proc.wait()


def stop(tmp_path, **state):
    path = tmp_path / 'emulator.json'
    path.write_text(json.dumps(dict({'port': 1, 'url': 'http://127.0.0.1:1'}, **state)))
    EMU._stop(argparse.Namespace(state_file=str(path)))  # pylint: disable=protected-access
    return path


def test_a_stale_state_file_does_not_stop_the_process_that_now_has_its_pid(bystander, tmp_path, capsys):
    # The emulator that wrote the file started at another time than the process its PID names now.
    path = stop(tmp_path, pid=bystander.pid, started=EMU.process_start(1))
    assert bystander.poll() is None  # still running
    assert not path.exists()
    assert 'not stopping process %d: it is not the emulator that wrote' % bystander.pid in capsys.readouterr().err


def test_a_state_file_without_a_start_time_stops_nothing(bystander, tmp_path):
    stop(tmp_path, pid=bystander.pid)
    assert bystander.poll() is None


def test_the_process_the_state_file_names_is_stopped(bystander, tmp_path):
    started = EMU.process_start(bystander.pid)
    assert started and started != EMU.process_start(1)
    reaper = threading.Thread(target=bystander.wait)  # as init reaps a real emulator, which is no child of stop's
    reaper.start()
    stop(tmp_path, pid=bystander.pid, started=started)
    reaper.join(10)
    assert bystander.returncode == -signal.SIGTERM


def test_a_process_that_is_gone_has_no_start_time(bystander):
    bystander.kill()
    bystander.wait()
    assert EMU.process_start(bystander.pid) is None
