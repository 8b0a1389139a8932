"""Peak memory of the app: serve app.py on a database, visit every page with a few filters, sample RSS.

The app runs as ``python -m streamlit run app.py`` on 127.0.0.1 and a free port, with
CONSULTATION_DB pointing at the database. Debian's chromium (Playwright) opens every page of
consultation.navigation.available_pages() without filter, then with each filter set of
URL_FILTERS, then types a search in the sidebar, waiting each time for the script run to end.
A thread samples the resident memory (RSS) of the server's process tree every 0.2 s with psutil.

    .venv/bin/python -m bench.bench_memory --db bench/data/demo-1000000.duckdb --out m.json
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TARGET_MB = 1536
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
URL_FILTERS = (
    {},
    {"theme": "ecologie"},
    {"profil": "citoyen", "region": "11"},
    {"du": "2023-03-01", "au": "2023-03-15"},
    {"q": "musee"},
    {"theme": "ecologie", "profil": "citoyen", "q": "numerique"},
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(db_path: Path, log_path: Path, extra_env: dict | None = None):
    """Serve app.py on 127.0.0.1 and a free port; yield (base URL, server Popen)."""
    port = free_port()
    env = {**os.environ, "CONSULTATION_DB": str(db_path), **(extra_env or {})}
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "w") as log:  # a file, not a pipe: a full pipe would block the server
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "consultation",
                "serve",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
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
        yield base, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class RssSampler(threading.Thread):
    """Samples the RSS (MB) of a process and its children every ``interval`` seconds."""

    def __init__(self, pid: int, interval: float = 0.2):
        super().__init__(daemon=True)
        import psutil

        self.process = psutil.Process(pid)
        self.interval = interval
        self.samples: list[tuple[float, float]] = []
        self.marks: list[tuple[float, str]] = []
        self._halt = threading.Event()
        self.t0 = time.monotonic()

    def rss_mb(self) -> float:
        import psutil

        total = 0
        try:
            procs = [self.process, *self.process.children(recursive=True)]
        except psutil.NoSuchProcess:
            return 0.0
        for p in procs:
            with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                total += p.memory_info().rss
        return total / 2**20

    def mark(self, label: str) -> None:
        self.marks.append((round(time.monotonic() - self.t0, 2), label))

    def run(self) -> None:
        while not self._halt.is_set():
            self.samples.append((round(time.monotonic() - self.t0, 2), round(self.rss_mb(), 1)))
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()

    @property
    def peak_mb(self) -> float:
        return max((mb for _t, mb in self.samples), default=0.0)


def launch_browser(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def page_url(base: str, url_path: str, params: dict) -> str:
    from consultation import navigation

    default = navigation.available_pages()[0].url_path
    path = "" if url_path == default else url_path
    query = urllib.parse.urlencode(params, doseq=True)
    return f"{base}/{path}" + (f"?{query}" if query else "")


def wait_ready(page, timeout_ms: float = 120_000) -> None:
    page.wait_for_selector(READY, timeout=timeout_ms)
    page.wait_for_timeout(300)
    page.wait_for_selector(READY, timeout=timeout_ms)


def bench(db_path: Path, log_dir: Path) -> dict:
    from playwright.sync_api import sync_playwright

    from consultation import navigation

    steps = []
    # One process: the target (1.5 GB) is per process; ``serve --workers N`` uses N of them.
    with serve(db_path, log_dir / "memory-streamlit.log", {"CONSULTATION_WORKERS": "1"}) as (base, proc):
        sampler = RssSampler(proc.pid)
        sampler.start()
        idle_mb = sampler.rss_mb()
        try:
            with sync_playwright() as pw:
                browser = launch_browser(pw)
                page = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
                page.goto(base)
                wait_ready(page)
                for spec in navigation.available_pages():
                    for params in URL_FILTERS:
                        url = page_url(base, spec.url_path, params)
                        sampler.mark(url.removeprefix(base))
                        t0 = time.perf_counter()
                        page.goto(url)
                        wait_ready(page)
                        elapsed = time.perf_counter() - t0
                        errors = page.locator('[data-testid="stException"]').count()
                        steps.append(
                            {
                                "url": url.removeprefix(base),
                                "s": round(elapsed, 2),
                                "exceptions": errors,
                                "rss_mb": round(sampler.rss_mb(), 1),
                            }
                        )
                        print(f"{steps[-1]}", file=sys.stderr)
                    # one interactive search on the page, typed in the sidebar
                    box = page.get_by_role("textbox", name="Rechercher dans les réponses")
                    if box.count():
                        sampler.mark(f"{spec.url_path}: typed search")
                        box.fill("patrimoine")
                        box.press("Enter")
                        wait_ready(page)
                browser.close()
        finally:
            sampler.stop()
    return {
        "db": str(db_path),
        "db_bytes": db_path.stat().st_size,
        "target_mb": TARGET_MB,
        "idle_mb": round(idle_mb, 1),
        "peak_mb": round(sampler.peak_mb, 1),
        "meets_target": sampler.peak_mb <= TARGET_MB,
        "steps": steps,
        "samples": sampler.samples,
        "marks": sampler.marks,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--log-dir", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args(argv)
    result = bench(args.db.resolve(), args.log_dir)
    print(f"peak RSS {result['peak_mb']} MB (idle {result['idle_mb']} MB)", file=sys.stderr)
    text = json.dumps(result, indent=1, ensure_ascii=False)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
