"""Helpers for the browser tests: start the app on a free port, open Debian's chromium."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_app(db_path: Path, extra_env: dict | None = None, plain_streamlit: bool = False, workers: int = 2):
    """Serve app.py on 127.0.0.1 and a free port; yield its base URL; print its log on failure.

    Served as scripts/run.sh does (python -m consultation serve), with two processes behind the
    proxy as on any machine of two cores or more, so that every browser test also goes through
    the proxy (media, downloads, uploads, websockets); or with ``plain_streamlit`` as
    ``streamlit run app.py``, whose first run of a deep link goes through the legacy pages/ mode."""
    port = free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / f"streamlit-{port}.log"
    env = {**os.environ, "CONSULTATION_DB": str(db_path), **(extra_env or {})}
    with open(log_path, "w") as log:  # a file, not a pipe: a full pipe would block the server
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                *(
                    ["streamlit", "run", "app.py"]
                    if plain_streamlit
                    else ["consultation", "serve", "--workers", str(workers)]
                ),
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("streamlit did not start:\n" + log_path.read_text())
            time.sleep(0.3)
        yield base
    except BaseException:
        print(log_path.read_text())
        raise
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def wait_ready(page, timeout: float = 30_000) -> None:
    """Wait until the script has finished its run, the page shows its title, and no new run follows.

    A URL that Streamlit rewrites (the default page's /vue-d-ensemble becomes /) is run twice:
    the idle state between the two runs must not be taken for the end."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        page.wait_for_selector(READY, timeout=timeout)
        page.wait_for_selector('[data-testid="stMain"] h1', timeout=timeout)
        page.wait_for_timeout(600)
        if page.locator(READY).count() == 1 or time.monotonic() > deadline:
            page.wait_for_selector(READY, timeout=timeout)
            return
