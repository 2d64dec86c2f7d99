# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The emulator's listening socket: its connections send without waiting (no Nagle), as asyncio
arranges only for sockets that say they are TCP. Otherwise every request after the first on a
keep-alive connection waits 40 ms for a delayed ACK, and the benchmark (bench/) measures that."""

import socket

from ansible_collections.langchain.langsmith.tests.unit.fakes import load_emulator

EMU = load_emulator()


def test_accepted_connections_are_tcp_without_nagle():
    server = EMU.listening_socket('127.0.0.1', 0)
    try:
        client = socket.create_connection(server.getsockname())
        accepted, dummy = server.accept()
        try:
            assert accepted.proto == socket.IPPROTO_TCP  # what asyncio checks before it sets TCP_NODELAY
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        finally:
            accepted.close()
            client.close()
    finally:
        server.close()
