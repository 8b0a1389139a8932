"""The proxy in front of several dashboard processes (consultation.proxy) keeps each browser on
one process, spreads new visitors, survives a dead process, and refuses what it cannot read.

Backends here are tiny asyncio servers that answer with their own number and the request head
they received; the real dashboard behind the proxy is driven by the browser suite
(tests/browser.py serves through ``--workers 2``) and by the load test (bench/load_test.py)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from consultation import proxy, serve
from tests.browser import ARTIFACTS, ROOT, free_port


class FakeBackend:
    """An HTTP server that answers ``backend N`` and echoes the head it got; after a websocket
    upgrade it echoes every byte back."""

    def __init__(self, number: int):
        self.number = number
        self.heads: list[bytes] = []
        self.server: asyncio.Server | None = None

    async def start(self) -> int:
        self.server = await asyncio.start_server(self.handle, "127.0.0.1", 0)
        return self.server.sockets[0].getsockname()[1]

    async def handle(self, reader, writer) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        self.heads.append(head)
        if b"Upgrade: websocket" in head:
            writer.write(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
            while data := await reader.read(1024):
                writer.write(data)
                await writer.drain()
        else:
            body = f"backend {self.number}".encode()
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
            await writer.drain()
        writer.close()

    def stop(self) -> None:
        self.server.close()


@contextlib.asynccontextmanager
async def front(count: int = 2):
    backends = [FakeBackend(i) for i in range(count)]
    ports = [await b.start() for b in backends]
    front = proxy.Proxy([proxy.Backend(port) for port in ports])
    server = await proxy.serve(front, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield front, backends, port
    finally:
        server.close()
        for b in backends:
            b.stop()


async def get(port: int, path: str = "/", cookie: str | None = None, extra: bytes = b"") -> tuple[bytes, bytes]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = f"GET {path} HTTP/1.1\r\nHost: example\r\nConnection: keep-alive\r\n".encode()
    if cookie:
        head += f"Cookie: {cookie}\r\n".encode()
    writer.write(head + extra + b"\r\n")
    response = await asyncio.wait_for(reader.read(), 5)  # the proxy closes after one response
    writer.close()
    head, _, body = response.partition(b"\r\n\r\n")
    return head, body


def worker_cookie(head: bytes) -> str | None:
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"set-cookie: consultation_worker="):
            return line.split(b": ", 1)[1].split(b";")[0].decode()
    return None


def test_a_browser_gets_a_cookie_and_then_stays_on_the_same_process():
    async def scenario():
        async with front() as (_f, _b, port):
            head, body = await get(port)
            cookie = worker_cookie(head)
            assert cookie in ("consultation_worker=0", "consultation_worker=1")
            first = body
            for path in ("/static/app.js", "/media/image.png", "/_stcore/health"):
                head, body = await get(port, path, cookie=f"theme=dark; {cookie}")
                assert body == first
                assert worker_cookie(head) is None  # nothing new to say

    asyncio.run(scenario())


def test_new_visitors_are_spread_over_the_processes():
    async def scenario():
        async with front() as (_f, _b, port):
            bodies = {(await get(port))[1] for _ in range(4)}
            assert bodies == {b"backend 0", b"backend 1"}

    asyncio.run(scenario())


def test_a_new_session_goes_to_the_process_with_fewer_open_websockets():
    async def scenario():
        async with front() as (f, _b, port):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(
                b"GET /_stcore/stream HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
            )
            response = await reader.readuntil(b"\r\n\r\n")
            busy = int(worker_cookie(response).rpartition("=")[2])
            writer.write(b"ping")  # after the upgrade, bytes go both ways untouched
            assert await reader.readexactly(4) == b"ping"
            assert f.backends[busy].websockets == 1
            for _ in range(3):
                _head, body = await get(port)
                assert body == f"backend {1 - busy}".encode()
            writer.close()

    asyncio.run(scenario())


def test_a_plain_request_asks_the_process_to_close_so_each_request_is_routed():
    async def scenario():
        async with front(1) as (_f, backends, port):
            await get(port)
            head = backends[0].heads[-1].lower()
            assert b"connection: close" in head
            assert b"keep-alive" not in head

    asyncio.run(scenario())


@pytest.mark.parametrize("forged", ["consultation_worker=7", "consultation_worker=abc", "consultation_worker=-1"])
def test_a_forged_or_stale_cookie_is_only_a_hint(forged):
    async def scenario():
        async with front() as (_f, _b, port):
            head, body = await get(port, cookie=forged)
            assert body in (b"backend 0", b"backend 1")
            assert worker_cookie(head) == f"consultation_worker={body[-1:].decode()}"

    asyncio.run(scenario())


def test_a_dead_process_is_skipped_and_the_browser_moves_to_a_live_one():
    async def scenario():
        async with front() as (f, backends, port):
            backends[0].stop()
            await backends[0].server.wait_closed()
            head, body = await get(port, cookie="consultation_worker=0")
            assert body == b"backend 1"
            assert worker_cookie(head) == "consultation_worker=1"
            assert not f.backends[0].alive

    asyncio.run(scenario())


def test_when_no_process_answers_the_visitor_reads_a_french_message():
    async def scenario():
        async with front() as (_f, backends, port):
            for b in backends:
                b.stop()
                await b.server.wait_closed()
            head, body = await get(port)
            assert head.startswith(b"HTTP/1.1 503")
            assert "réessayez dans quelques secondes" in body.decode()

    asyncio.run(scenario())


def test_an_oversized_request_head_is_refused_without_reaching_a_process():
    async def scenario():
        async with front(1) as (_f, backends, port):
            head, _body = await get(port, extra=b"X-Pad: " + b"a" * (proxy.MAX_HEAD_BYTES + 10) + b"\r\n")
            assert head.startswith(b"HTTP/1.1 431")
            assert backends[0].heads == []

    asyncio.run(scenario())


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--workers", "3", "--server.headless", "true"], (3, ["--server.headless", "true"])),
        (["--workers=1"], (1, [])),
        ([], (2, [])),
    ],
)
def test_the_worker_count_is_read_from_the_command_line(argv, expected):
    assert serve.take_workers(argv, "2") == expected


@pytest.mark.parametrize("value", ["0", "deux", "17", ""])
def test_a_wrong_worker_count_is_refused_in_french(value):
    with pytest.raises(SystemExit, match="--workers : un nombre de 1 à 16"):
        serve.take_workers(["--workers", value], "auto")


def test_the_public_address_comes_from_the_options_and_the_rest_goes_to_the_workers():
    address, port, rest = serve.public_address(
        ["--server.port", "8502", "--server.address=0.0.0.0", "--server.maxUploadSize", "50"]
    )
    assert (address, port, rest) == ("0.0.0.0", 8502, ["--server.maxUploadSize", "50"])


def _children(pid: int) -> set[int]:
    found = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        with contextlib.suppress(OSError):
            if f"PPid:\t{pid}\n" in status.read_text():
                found.add(int(status.parent.name))
    return found


def _health(base: str) -> int:
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=5) as r:
            return r.status
    except OSError:
        return 0


def test_a_process_that_dies_is_restarted_while_the_dashboard_keeps_answering(fixture_db_path):
    """A worker killed under the supervisor (an out-of-memory kill, say) is replaced; visitors keep
    being served by the other one meanwhile; stopping the supervisor stops every worker."""
    port = free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / f"supervisor-{port}.log"
    env = {**os.environ, "CONSULTATION_DB": str(fixture_db_path)}
    command = [sys.executable, "-m", "consultation", "serve", "--workers", "2", "--server.port", str(port)]
    with open(log_path, "w") as log:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while _health(base) != 200:
            assert proc.poll() is None and time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.3)
        workers = _children(proc.pid)
        assert len(workers) == 2
        victim = min(workers)
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + 90
        while True:
            assert _health(base) == 200  # the other worker answers all along
            now = _children(proc.pid)
            if len(now) == 2 and victim not in now:
                break
            assert time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.3)
        assert "Processus 1 arrêté" in log_path.read_text() or "Processus 2 arrêté" in log_path.read_text()
        with urllib.request.urlopen(base, timeout=5) as r:
            assert "consultation_worker=" in r.headers["Set-Cookie"]
    finally:
        workers = _children(proc.pid)
        proc.terminate()
        proc.wait(timeout=30)
    time.sleep(0.5)
    assert not [
        pid
        for pid in workers
        if Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text()
    ]


def test_a_client_that_never_finishes_its_request_is_dropped(monkeypatch):
    monkeypatch.setattr(proxy, "HEAD_TIMEOUT_S", 0.2)

    async def scenario():
        async with front(1) as (_f, backends, port):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"GET / HTTP/1.1\r\nHost: x\r\n")  # no empty line: the head never ends
            assert await asyncio.wait_for(reader.read(), 5) == b""  # closed by the proxy
            assert backends[0].heads == []
            writer.close()

    asyncio.run(scenario())


def test_a_port_already_taken_is_reported_in_french(fixture_db_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "CONSULTATION_DB": str(fixture_db_path)}
        command = [sys.executable, "-m", "consultation", "serve", "--workers", "2", "--server.port", str(port)]
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert f"Impossible de servir sur le port {port}" in done.stderr
    assert "Traceback" not in done.stderr
