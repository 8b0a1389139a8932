"""Serve the dashboard: ``python -m consultation serve [--workers N|auto] [streamlit run options]``.

With more than one worker (the default on a machine with several cores: one a core, at most 4),
this process starts that many Streamlit processes on loopback ports and serves the public port
through consultation.proxy, which keeps each browser on one process. It restarts a process that
dies. One process runs one script at a time (consultation.runs), so a worker a core is what lets
20 sessions share the machine. ``--workers 1`` serves from this process alone.

Streamlit runs the first request of a process through its legacy ``pages/`` discovery when a
``pages/`` folder sits beside app.py: a deep link such as /vue-d-ensemble right after start then
runs a bare page script (or shows "Page not found") before the router's st.navigation has ever
run. Our router owns navigation, so this launcher turns that legacy mode off before the server
starts. ``streamlit run app.py`` still works; ui._ensure_routed re-routes such a first run.

It also imports the modules the pages need before the first session. Sessions are threads: two
sessions importing a module for the first time at once can see it half-initialised (under the
20-session load test, polars' lazy import of pandas raised « partially initialized module
'pandas' has no attribute 'Series' »), and the first visitor no longer waits for scipy,
scikit-learn and plotly to load.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import importlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request

from consultation.navigation import ROOT

PRELOAD = (
    "pandas",
    "pyarrow",
    "plotly.graph_objects",
    "consultation.ui",
    "consultation.stats",
    "consultation.text_view",
    "consultation.text_topics",
    "consultation.text_campaigns",
    "consultation.charts.overview",
    "consultation.charts.respondents",
    "consultation.charts.texts",
    "consultation.charts.themes",
    "consultation.charts.timeline",
    "wordcloud",
)


MAX_WORKERS = 4
START_TIMEOUT_S = 120.0
WATCH_EVERY_S = 1.0


def main(argv: list[str]) -> int:
    workers, argv = take_workers(argv, os.environ.get("CONSULTATION_WORKERS", "auto"))
    if workers > 1:
        return supervise(workers, argv)
    return serve_here(argv)


def take_workers(argv: list[str], default: str) -> tuple[int, list[str]]:
    """The worker count asked for (``--workers N``, ``--workers=N`` or ``auto``) and the other
    options, which go to Streamlit."""
    value, rest = default, []
    args = iter(argv)
    for arg in args:
        if arg == "--workers":
            value = next(args, "")
        elif arg.startswith("--workers="):
            value = arg.partition("=")[2]
        else:
            rest.append(arg)
    if value == "auto":
        return max(1, min(len(os.sched_getaffinity(0)), MAX_WORKERS)), rest
    if not value.isdigit() or not 1 <= int(value) <= 16:
        raise SystemExit(f"--workers : un nombre de 1 à 16, ou auto (reçu : {value!r}).")
    return int(value), rest


def serve_here(argv: list[str]) -> int:
    for name in PRELOAD:
        importlib.import_module(name)
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *argv]
    return cli.main()


def public_address(argv: list[str]) -> tuple[str, int, list[str]]:
    """The address and port to serve on, as Streamlit would read them (command line, then
    environment, then .streamlit/config.toml), and the options left for the workers."""
    found: dict[str, str] = {}
    rest = []
    args = iter(argv)
    for arg in args:
        name, eq, value = arg.partition("=")
        if name in ("--server.address", "--server.port"):
            found[name] = value if eq else next(args, "")
        else:
            rest.append(arg)
    config = {}
    with contextlib.suppress(OSError, tomllib.TOMLDecodeError):
        config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text()).get("server", {})
    address = found.get("--server.address", os.environ.get("STREAMLIT_SERVER_ADDRESS", config.get("address", "")))
    port = found.get("--server.port", os.environ.get("STREAMLIT_SERVER_PORT", config.get("port", 8501)))
    return str(address), int(port), rest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def die_with_parent() -> None:
    """In a child process (a worker, before exec; an export build): get SIGTERM if its parent
    dies, even by SIGKILL (Linux)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class Worker:
    """One Streamlit process on a loopback port."""

    def __init__(self, index: int, argv: list[str], env: dict, public_port: int):
        self.index = index
        self.port = _free_port()
        self.public_port = public_port
        self.argv = argv
        self.env = env
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        command = [sys.executable, "-m", "consultation", "serve", "--workers", "1", *self.argv]
        command += ["--server.address", "127.0.0.1", "--server.port", str(self.port)]
        if not any(a.startswith("--browser.serverPort") for a in self.argv):
            # The port browsers use (Streamlit prints it, and checks origins against it).
            command += ["--browser.serverPort", str(self.public_port)]
        # Its own session: Ctrl+C in the terminal reaches the supervisor alone, which stops the
        # workers itself instead of seeing them die and restarting them.
        self.proc = subprocess.Popen(
            command, cwd=ROOT, env=self.env, preexec_fn=die_with_parent, start_new_session=True
        )

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_stcore/health", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()


def supervise(count: int, argv: list[str]) -> int:
    """Start ``count`` workers, wait until each answers, then serve the public port through
    the proxy; restart any worker that exits; stop them all on SIGTERM or Ctrl+C."""
    from consultation import proxy

    address, port, rest = public_address(argv)
    # One secret for all: a cookie signed by one process must read the same in the others.
    env = {
        **os.environ,
        "STREAMLIT_SERVER_COOKIE_SECRET": os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET") or secrets.token_hex(32),
    }
    workers = [Worker(i, rest, env, port) for i in range(count)]
    for worker in workers:
        worker.start()
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not all(w.healthy() for w in workers):
            if any(w.proc.poll() is not None for w in workers) or time.monotonic() > deadline:
                print("Le tableau de bord n'a pas démarré (voir les messages ci-dessus).", file=sys.stderr)
                return 1
            time.sleep(0.3)
        front = proxy.Proxy([proxy.Backend(w.port) for w in workers])
        try:
            asyncio.run(_serve_forever(front, workers, address, port))
        except OSError as error:
            print(f"Impossible de servir sur le port {port} ({error.strerror}) : il est peut-être déjà utilisé ; "
                  "choisissez-en un autre avec --server.port.", file=sys.stderr)  # fmt: skip
            return 1
        return 0
    finally:
        for worker in workers:
            worker.stop()
        for worker in workers:
            with contextlib.suppress(subprocess.TimeoutExpired):
                worker.proc.wait(timeout=10)


async def _serve_forever(front, workers: list[Worker], address: str, port: int) -> None:
    from consultation import proxy

    server = await proxy.serve(front, address, port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    shown = address or "0.0.0.0"
    print(f"Tableau de bord : http://{shown}:{port} ({len(workers)} processus)", flush=True)
    async with server:
        watcher = asyncio.create_task(_watch(front, workers))
        await stop.wait()
        watcher.cancel()


async def _watch(front, workers: list[Worker]) -> None:
    """Restart a worker that exited; route to it again once it answers."""
    while True:
        await asyncio.sleep(WATCH_EVERY_S)
        for worker, backend in zip(workers, front.backends, strict=True):
            if worker.proc.poll() is not None:
                backend.alive = False
                print(f"Processus {worker.index + 1} arrêté (code {worker.proc.returncode}) : redémarrage.", flush=True)
                worker.start()
            elif not backend.alive:
                backend.alive = await asyncio.to_thread(worker.healthy)
