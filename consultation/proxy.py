"""A sticky reverse proxy in front of several Streamlit processes of this dashboard.

Why: a Streamlit process runs its sessions' scripts under one GIL, and consultation.runs lets
one run at a time in: one process uses one core. ``python -m consultation serve --workers N``
starts N processes and this proxy on the public port.

Sticky: a Streamlit session lives in the process that accepted its websocket, and so do the
files it hands out (images under /media/, downloads, uploads). The proxy therefore sends every
request of one browser to one process: the first response carries a cookie naming the process,
and later requests (the page's assets, the websocket, /media/) follow it. A client without the
cookie goes to the process with the fewest open websockets. The cookie is only a routing hint:
a forged or stale value is ignored, and a session can only be read in the process that holds it.

How: each TCP connection carries one request (« Connection: close » is set on plain HTTP
requests), so the proxy reads one request head, picks the process, passes the head on and then
copies bytes both ways until either side closes. A websocket stays one connection for the
session's life.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import re
from dataclasses import dataclass, field

COOKIE = "consultation_worker"
MAX_HEAD_BYTES = 64 * 1024
CHUNK = 64 * 1024
CONNECT_TIMEOUT_S = 5.0
HEAD_TIMEOUT_S = 30.0  # a client that never finishes its request head is dropped
UNAVAILABLE = "Le tableau de bord redémarre : réessayez dans quelques secondes.\n"
BAD_REQUEST = "Requête illisible.\n"

_COOKIE_RE = re.compile(rf"(?:^|;)\s*{COOKIE}=([0-9]{{1,3}})\s*(?:;|$)")


@dataclass
class Backend:
    port: int
    host: str = "127.0.0.1"
    alive: bool = True
    websockets: int = 0  # open websockets: the sessions this process serves


@dataclass
class RequestHead:
    lines: list[bytes]
    worker: int | None  # the process named by the request's cookie, if any
    websocket: bool


def parse_head(head: bytes) -> RequestHead:
    """The request line and headers of ``head`` (which ends with an empty line)."""
    lines = head[:-4].split(b"\r\n")
    worker = None
    websocket = False
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"cookie" and worker is None:
            match = _COOKIE_RE.search(value.decode("latin-1"))
            if match:
                worker = int(match.group(1))
        elif name == b"upgrade" and value.strip().lower() == b"websocket":
            websocket = True
    return RequestHead(lines, worker, websocket)


def rewrite_head(request: RequestHead) -> bytes:
    """The head to send on: a plain HTTP request asks the process to close after its response,
    so the next request of this connection is routed again."""
    if request.websocket:
        lines = request.lines
    else:
        drop = (b"connection", b"keep-alive")
        lines = [request.lines[0]]
        lines += [line for line in request.lines[1:] if line.partition(b":")[0].strip().lower() not in drop]
        lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n"


def with_cookie(response_head: bytes, worker: int) -> bytes:
    """The response head with the routing cookie added."""
    cookie = f"Set-Cookie: {COOKIE}={worker}; Path=/; HttpOnly; SameSite=Lax\r\n".encode()
    return response_head[:-2] + cookie + b"\r\n"


def plain_response(status: str, text: str) -> bytes:
    body = text.encode()
    head = (
        f"HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\nRetry-After: 5\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + body


@dataclass
class Proxy:
    backends: list[Backend]
    _turn: itertools.count = field(default_factory=itertools.count)

    def choose(self, wanted: int | None) -> list[int]:
        """The processes to try, in order: the one the cookie names if it is up, else the
        live ones by fewest open websockets (ties in turn)."""
        live = [i for i, b in enumerate(self.backends) if b.alive]
        if wanted is not None and wanted in live:
            return [wanted] + [i for i in live if i != wanted]
        start = next(self._turn)
        n = len(self.backends)
        return sorted(live, key=lambda i: (self.backends[i].websockets, (i - start) % n))

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await self._handle(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), HEAD_TIMEOUT_S)
        except asyncio.LimitOverrunError:
            writer.write(plain_response("431 Request Header Fields Too Large", BAD_REQUEST))
            await writer.drain()
            return
        request = parse_head(head)
        for index in self.choose(request.worker):
            backend = self.backends[index]
            try:
                up_reader, up_writer = await asyncio.wait_for(
                    asyncio.open_connection(backend.host, backend.port, limit=MAX_HEAD_BYTES), CONNECT_TIMEOUT_S
                )
            except (OSError, TimeoutError):
                backend.alive = False  # the supervisor marks it alive again once it answers
                continue
            break
        else:
            writer.write(plain_response("503 Service Unavailable", UNAVAILABLE))
            await writer.drain()
            return
        if request.websocket:
            backend.websockets += 1
        try:
            up_writer.write(rewrite_head(request))
            set_cookie = request.worker != index
            await self._relay(reader, writer, up_reader, up_writer, index if set_cookie else None)
        finally:
            if request.websocket:
                backend.websockets -= 1
            up_writer.close()
            with contextlib.suppress(Exception):
                await up_writer.wait_closed()

    async def _relay(self, reader, writer, up_reader, up_writer, cookie_worker: int | None) -> None:
        """Copy the request's body and the response both ways until the response ends."""
        upstream = asyncio.create_task(_copy(reader, up_writer, half_close=True))
        try:
            if cookie_worker is not None:
                response_head = await up_reader.readuntil(b"\r\n\r\n")
                writer.write(with_cookie(response_head, cookie_worker))
            await _copy(up_reader, writer, half_close=False)
        finally:
            upstream.cancel()
            with contextlib.suppress(asyncio.CancelledError, ConnectionError, OSError):
                await upstream


async def _copy(source: asyncio.StreamReader, sink: asyncio.StreamWriter, half_close: bool) -> None:
    while chunk := await source.read(CHUNK):
        sink.write(chunk)
        await sink.drain()
    if half_close and sink.can_write_eof():
        sink.write_eof()


async def serve(proxy: Proxy, host: str, port: int) -> asyncio.Server:
    return await asyncio.start_server(proxy.handle, host or None, port, limit=MAX_HEAD_BYTES, reuse_address=True)
