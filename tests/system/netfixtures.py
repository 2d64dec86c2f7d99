# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Network pieces of the system tests: a private CA for an emulator served over HTTPS, a tiny
recording HTTP proxy on loopback (plain forwarding for http:// URLs, CONNECT tunnels for https://),
and a hostile server on loopback that trickles its answers or floods the client with one."""

import http.client
import http.server
import os
import select
import socket
import socketserver
import threading
import time
from urllib.parse import urlsplit

from ansible_collections.langchain.langsmith.tests.system.harness import EmulatorServer, tool_env

PROXY_VARIABLES = ('HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY')
CA_BUNDLE_VARIABLES = ('REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE', 'SSL_CERT_FILE', 'SSL_CERT_DIR')


def network_env(**extra):
    """tool_env() without any proxy or CA bundle setting of the machine, plus ``extra``: what a test
    sets is all there is."""
    env = tool_env()
    for name in PROXY_VARIABLES + CA_BUNDLE_VARIABLES:
        env.pop(name, None)
        env.pop(name.lower(), None)
    env.update({k: str(v) for k, v in extra.items()})
    return env


class TLSEmulator:
    """The emulator over HTTPS, with a certificate for 127.0.0.1 and localhost signed by a CA made here."""

    def __init__(self, workdir, *options):
        import trustme  # pylint: disable=import-outside-toplevel

        workdir = str(workdir)
        authority = trustme.CA()
        cert = authority.issue_cert('127.0.0.1', 'localhost')
        self.ca_path = os.path.join(workdir, 'private-ca.pem')
        authority.cert_pem.write_to_path(self.ca_path)
        certfile = os.path.join(workdir, 'server.pem')
        keyfile = os.path.join(workdir, 'server.key')
        for number, blob in enumerate(cert.cert_chain_pems):
            blob.write_to_path(certfile, append=number > 0)
        cert.private_key_pem.write_to_path(keyfile)
        self.server = EmulatorServer(workdir, '--certfile', certfile, '--keyfile', keyfile, *options)
        self.url = self.server.url

    def stop(self):
        self.server.stop()


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass

    def do_CONNECT(self):  # pylint: disable=invalid-name
        self.server.seen.append(('CONNECT', self.path))
        host, port = self.path.rsplit(':', 1)
        upstream = socket.create_connection((host, int(port)), timeout=30)
        self.send_response(200, 'Connection established')
        self.end_headers()
        self.close_connection = True
        sockets = [self.connection, upstream]
        try:
            while True:
                readable = select.select(sockets, [], [], 30)[0]
                if not readable:
                    return
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (upstream if sock is self.connection else self.connection).sendall(data)
        except OSError:
            return
        finally:
            upstream.close()

    def _forward(self):
        self.server.seen.append((self.command, self.path))
        target = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get('Content-Length') or 0))
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ('proxy-connection', 'connection', 'keep-alive')}
        upstream = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        try:
            upstream.request(self.command, target.path + ('?' + target.query if target.query else ''), body=body or None,
                             headers=headers)
            answer = upstream.getresponse()
            data = answer.read()
        finally:
            upstream.close()
        self.send_response(answer.status, answer.reason)
        for name, value in answer.getheaders():
            if name.lower() not in ('transfer-encoding', 'connection', 'keep-alive', 'content-length'):
                self.send_header(name, value)
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PATCH = do_DELETE = _forward  # noqa: N815


class RecordingProxy(socketserver.ThreadingMixIn, http.server.HTTPServer):
    """An HTTP proxy on a free loopback port; ``seen`` lists (method, target) of every request."""

    daemon_threads = True

    def __init__(self):
        super().__init__(('127.0.0.1', 0), _ProxyHandler)
        self.seen = []
        self.url = 'http://127.0.0.1:%d' % self.server_address[1]
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()

    def stop(self):
        self.shutdown()
        self.server_close()


class HostileServer:
    """A server on a free loopback port that answers every HTTP request with ``answer(connection, server)``,
    a function of the test's that writes raw bytes (see ``trickle`` and ``flood``). It records when each
    connection came and when it ended (``connections``: [start, end] in time.monotonic()), and stops
    every answer still being written when stopped. ``requests`` holds each request's head, as received."""

    def __init__(self, answer):
        self.answer = answer
        self.stopped = threading.Event()
        self.connections = []
        self.requests = []
        self.sock = socket.create_server(('127.0.0.1', 0))
        self.sock.settimeout(0.2)
        self.url = 'http://127.0.0.1:%d' % self.sock.getsockname()[1]
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while not self.stopped.is_set():
            try:
                conn, dummy = self.sock.accept()
            except OSError:  # socket.timeout among them
                continue
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        times = [time.monotonic(), None]
        self.connections.append(times)
        try:
            conn.settimeout(30)
            request = b''
            while b'\r\n\r\n' not in request:
                data = conn.recv(65536)
                if not data:
                    return
                request += data
            self.requests.append(request)
            self.answer(conn, self)
        except OSError:  # the client went away: what these answers wait for
            pass
        finally:
            times[1] = time.monotonic()
            conn.close()

    def stop(self):
        self.stopped.set()
        self.sock.close()
        self._thread.join(5)


def trickle(head, body, every):
    """An answer: ``head`` (the status line and headers) at once, then ``body`` one byte every ``every`` seconds
    (with ``body`` None: ``head`` itself, one byte at a time)."""
    def answer(conn, server):
        slow = head if body is None else body
        if body is not None:
            conn.sendall(head)
        for position in range(len(slow)):
            if server.stopped.wait(every if position else 0):
                return
            conn.sendall(slow[position:position + 1])
    return answer


def flood(size, content_length=True):
    """An answer of ``size`` bytes of JSON-looking text, sent as fast as the client reads, with or without
    a Content-Length (chunked)."""
    def answer(conn, server):
        chunk = b' ' * 65536
        if content_length:
            conn.sendall(b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n' % size)
        else:
            conn.sendall(b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n')
        sent = 0
        while sent < size and not server.stopped.is_set():
            part = chunk[:size - sent]
            conn.sendall(part if content_length else b'%x\r\n%s\r\n' % (len(part), part))
            sent += len(part)
        if not content_length:
            conn.sendall(b'0\r\n\r\n')
    return answer
