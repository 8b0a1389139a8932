"""Load and soak: 20 concurrent browser sessions for 60 s, with an import swapping the database midway.

What it does (loopback only, bounded in sessions, actions and time):

1. Builds the default-size demo database (seed 2023) in a temporary folder and serves app.py on
   127.0.0.1 and a free port with CONSULTATION_DB pointing at it.
2. An observer session records the *fingerprint* of each CHECK_URLS view on the old data: the
   metric values and the chart captions of the page (KPIs, peak day, leading theme and profile),
   i.e. the output of several different queries of one script run.
3. ``--sessions`` browser contexts (one Debian chromium, asyncio) run for ``--seconds``: each
   repeatedly opens an overview view with filters (a CHECK_URLS entry), types a search in the
   sidebar, opens another page with filters, and, when the Réponses page exists, opens one
   contribution (/reponses?contribution=...). Each action is timed from the action to the end of
   the script run it caused (the page's own MutationObserver on
   [data-testid="stApp"][data-test-script-state] counts finished runs).
4. At ``--swap-at`` seconds an import replaces the database: ``python -m consultation demo
   --seed 2024`` writes a different consultation to the same path through
   consultation.store.build_database, the atomic replace every import uses. The sessions go on
   for at least 20 s after the swap (at most 3 x ``--seconds`` in all).
5. After the run the observer records the fingerprints on the new data. Every fingerprint a
   session saw must equal the old one or the new one for that URL: never a mix of both.

Errors counted: Streamlit exceptions shown on the page, JavaScript page errors, connection
loss, actions that did not finish within the timeout. Memory: RSS of the server process tree
every second.

    .venv/bin/python -m bench.load_test --sessions 20 --seconds 60 --out bench/results/load.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench_memory import CHROMIUM, CHROMIUM_ARGS, RssSampler, serve  # noqa: E402
from bench.bench_queries import summarise  # noqa: E402

TARGET_P95_S = 2.0
ACTION_TIMEOUT_MS = 60_000
MAX_ACTIONS_PER_SESSION = 400
PAUSE_S = (0.2, 0.8)  # a hurried user: a real one reads a page for several seconds
CHECK_URLS = (
    {},
    {"theme": "ecologie"},
    {"profil": "citoyen"},
    {"region": "11"},
    {"theme": "metavers", "profil": "professionnel"},
    {"q": "musee"},
)
SEARCH_WORDS = ("musee", "sobriete", "patrimoine", "formation", "artistes", "donnees", "creation", "public")

# Counts finished script runs of the page (a run ends when stApp's state becomes notRunning).
OBSERVER_JS = """
(() => {
  window.__runs = 0;
  const seen = new WeakMap();
  const watch = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || seen.has(app)) return;
    seen.set(app, true);
    let last = app.getAttribute('data-test-script-state');
    if (last === 'notRunning') window.__runs += 1;
    new MutationObserver(() => {
      const now = app.getAttribute('data-test-script-state');
      if (now === 'notRunning' && last !== 'notRunning') window.__runs += 1;
      last = now;
    }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
  };
  new MutationObserver(watch).observe(document, {childList: true, subtree: true});
  document.addEventListener('DOMContentLoaded', watch);
})();
"""
FINGERPRINT_JS = """
() => {
  const main = document.querySelector('[data-testid="stMain"]') || document;
  const metrics = {};
  for (const m of main.querySelectorAll('[data-testid="stMetric"]')) {
    const label = m.querySelector('[data-testid="stMetricLabel"]');
    const value = m.querySelector('[data-testid="stMetricValue"]');
    if (label && value) metrics[label.innerText.trim()] = value.innerText.trim();
  }
  const captions = Array.from(main.querySelectorAll('[data-testid="stCaptionContainer"]'))
    .map(e => e.innerText.trim()).filter(t => /\\d/.test(t));
  return JSON.stringify({metrics: metrics, captions: captions});
}
"""
READY_JS = """
(before) => {
  const app = document.querySelector('[data-testid="stApp"]');
  return window.__runs > before && app && app.getAttribute('data-test-script-state') === 'notRunning';
}
"""


def _url(base: str, path: str, params: dict) -> str:
    query = urllib.parse.urlencode(params, doseq=True)
    return f"{base}/{path}" + (f"?{query}" if query else "")


def _key(params: dict) -> str:
    return urllib.parse.urlencode(sorted(params.items()))


class User:
    """What both drivers' sessions record: timings and errors of their actions, and the
    fingerprints of the views they saw."""

    def __init__(self, n: int, deadline: dict, pages: list[str], contribution_ids: list[str]):
        self.n = n
        self.deadline = deadline
        self.pages = pages
        self.contribution_ids = contribution_ids
        self.rng = random.Random(n)
        self.pause_s = PAUSE_S
        self.timings: list[tuple[str, float]] = []
        self.ended: list[float] = []  # time.monotonic() at the end of each timed action
        self.errors: list[str] = []
        self.fingerprints: list[tuple[str, float, str]] = []  # (url key, time, fingerprint)

    async def act_until_deadline(self, pause, check=None) -> None:
        """Open an overview, then random actions with a user's pause between them (``pause_s``,
        0.2-0.8 s unless told), until the deadline (at most MAX_ACTIONS_PER_SESSION)."""
        actions = [self.open_overview, self.type_search, self.other_page, self.open_contribution]
        await self.open_overview()
        count = 0
        while time.monotonic() < self.deadline["at"] and count < MAX_ACTIONS_PER_SESSION:
            await self.rng.choice(actions)()
            count += 1
            await pause(self.rng.uniform(*self.pause_s))
            if check is not None:
                await check()


class Session(User):
    def __init__(self, n: int, context, base: str, deadline: dict, pages: list[str], contribution_ids: list[str]):
        super().__init__(n, deadline, pages, contribution_ids)
        self.context = context
        self.base = base
        self.page = None

    async def settle(self, before: int) -> None:
        """Wait for the run caused by the action, then for any follow-up run to end too."""
        await self.page.wait_for_function(READY_JS, arg=before, timeout=ACTION_TIMEOUT_MS, polling=50)
        await self.page.wait_for_timeout(250)
        await self.page.wait_for_function(READY_JS, arg=0, timeout=ACTION_TIMEOUT_MS, polling=50)

    async def runs(self) -> int:
        return await self.page.evaluate("window.__runs || 0")

    async def check_page(self, what: str) -> None:
        exceptions = await self.page.locator('[data-testid="stException"]').count()
        if exceptions:
            text = await self.page.locator('[data-testid="stException"]').first.inner_text()
            self.errors.append(f"{what}: exception on page: {text[:200]}")

    async def timed(self, what: str, action, navigation: bool) -> bool:
        t0 = time.perf_counter()
        try:
            before = 0 if navigation else await self.runs()
            await action()
            await self.settle(before)
        except Exception as exc:
            self.errors.append(f"{what}: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
            return False
        self.timings.append((what, time.perf_counter() - t0))
        self.ended.append(time.monotonic())
        await self.check_page(what)
        return True

    async def open_overview(self) -> None:
        params = self.rng.choice(CHECK_URLS)
        url = _url(self.base, "", params)
        if await self.timed("overview with filters (URL)", lambda: _goto(self.page, url), navigation=True):
            fp = await stable_fingerprint(self.page)
            self.fingerprints.append((_key(params), time.monotonic(), fp))

    async def type_search(self) -> None:
        box = self.page.get_by_role("textbox", name="Rechercher dans les réponses")
        word = self.rng.choice(SEARCH_WORDS)

        async def act():
            await box.fill(word)
            await box.press("Enter")

        await self.timed("search typed in the sidebar", act, navigation=False)

    async def other_page(self) -> None:
        if not self.pages:
            return await self.open_overview()
        path = self.rng.choice(self.pages)
        params = self.rng.choice(CHECK_URLS)
        url = _url(self.base, path, params)
        await self.timed(f"page {path} with filters (URL)", lambda: _goto(self.page, url), navigation=True)

    async def open_contribution(self) -> None:
        if "reponses" not in self.pages or not self.contribution_ids:
            return await self.open_overview()
        cid = self.rng.choice(self.contribution_ids)
        url = _url(self.base, "reponses", {"contribution": cid})
        await self.timed("one contribution (URL)", lambda: _goto(self.page, url), navigation=True)

    async def run(self) -> None:
        self.page = await self.context.new_page()
        self.page.on("pageerror", lambda exc: self.errors.append(f"page error: {str(exc)[:200]}"))
        await self.page.add_init_script(OBSERVER_JS)

        async def check() -> None:
            if await self.page.locator('[data-testid="stConnectionStatus"]').count():
                self.errors.append("connection status shown (server lost?)")

        await self.act_until_deadline(lambda seconds: self.page.wait_for_timeout(seconds * 1000), check)
        await self.page.close()


async def _goto(page, url: str) -> None:
    """Open ``url``; the timing ends when the script run it starts has finished (not at 'load')."""
    await page.goto(url, wait_until="commit", timeout=ACTION_TIMEOUT_MS)


async def stable_fingerprint(page, tries: int = 6) -> str:
    """The page's fingerprint once two reads 400 ms apart agree (the DOM has caught up)."""
    last = await page.evaluate(FINGERPRINT_JS)
    for _ in range(tries):
        await page.wait_for_timeout(400)
        now = await page.evaluate(FINGERPRINT_JS)
        if now == last and len(json.loads(now)["metrics"]) >= 4:
            return now
        last = now
    return last


async def fingerprints_now(browser, base: str) -> dict[str, str]:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    await page.add_init_script(OBSERVER_JS)
    out = {}
    for params in CHECK_URLS:
        await _goto(page, _url(base, "", params))
        await page.wait_for_function(READY_JS, arg=0, timeout=120_000, polling=50)
        await page.wait_for_timeout(500)
        await page.wait_for_function(READY_JS, arg=0, timeout=120_000, polling=50)
        out[_key(params)] = await stable_fingerprint(page)
    await context.close()
    return out


async def swap(args, db_path: Path, swap_log: Path, sampler: RssSampler, start: float, deadline: dict) -> dict:
    """At ``args.swap_at`` s, replace the served database by another consultation (the atomic
    replace every import uses); then let the sessions run 20 s more (at most 3 x --seconds)."""
    await asyncio.sleep(args.swap_at)
    sampler.mark("import starts")
    t0 = time.monotonic()
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "consultation", "demo", "--seed", "2024",
        "--contributions", str(args.new_contributions), "--out", str(db_path),
        cwd=ROOT, stdout=swap_log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    code = await proc.wait()
    sampler.mark("import swapped")
    deadline["at"] = min(max(deadline["at"], time.monotonic() + 20), start + 3 * args.seconds)
    return {"started_s": round(t0 - start, 1), "seconds": round(time.monotonic() - t0, 1), "exit": code}


async def drive(base: str, args, db_path: Path, sampler: RssSampler, swap_log: Path) -> dict:
    from playwright.async_api import async_playwright

    from consultation import navigation

    pages = [p.url_path for p in navigation.available_pages()][1:]
    contribution_ids = _contribution_ids(db_path)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        old = await fingerprints_now(browser, base)
        sampler.mark("sessions start")
        start = time.monotonic()
        # Sessions run --seconds, and at least 20 s more after the import has swapped the file
        # (never more than 3 x --seconds), so that they are seen reading the new data too.
        deadline = {"at": start + args.seconds}
        contexts = [await browser.new_context(viewport={"width": 1280, "height": 720}) for _ in range(args.sessions)]
        sessions = [Session(i, c, base, deadline, pages, contribution_ids) for i, c in enumerate(contexts)]

        swap_info = await run_sessions(sessions, args, db_path, swap_log, sampler, start, deadline)
        for c in contexts:
            await c.close()
        new = await fingerprints_now(browser, base)
        await browser.close()
    return _result(old, new, sessions, swap_info, start)


async def run_sessions(sessions, args, db_path, swap_log, sampler, start: float, deadline: dict) -> dict | None:
    """Run every session to the deadline, with the import at --swap-at (negative: no import)."""
    for session in sessions:
        session.pause_s = tuple(args.pause)
    swap_task = (
        asyncio.create_task(swap(args, db_path, swap_log, sampler, start, deadline)) if args.swap_at >= 0 else None
    )
    await asyncio.gather(*(s.run() for s in sessions))
    swap_info = await swap_task if swap_task is not None else None
    sampler.mark("sessions end")
    return swap_info


def _result(old: dict, new: dict, sessions: list, swap_info: dict | None, start: float) -> dict:
    return {
        "old": old,
        "new": new,
        "sessions": sessions,
        "swap": swap_info,
        "start": start,
        "duration_s": round(time.monotonic() - start, 1),
    }


class WsSession(User):
    """The same user as Session, spoken in Streamlit's websocket protocol (bench/ws_client.py)
    instead of through a browser: a URL opened is a new connection (a new server session, as a
    browser navigation is), a search is typed into the sidebar's text box of the open page. An
    action is timed from the request to the end of the script run it caused."""

    def __init__(self, n: int, base: str, deadline: dict, pages: list[str], contribution_ids: list[str]):
        from bench.ws_client import StreamlitSocket

        super().__init__(n, deadline, pages, contribution_ids)
        self.socket = StreamlitSocket(base, timeout=ACTION_TIMEOUT_MS / 1000)

    async def timed(self, what: str, action) -> bool:
        t0 = time.perf_counter()
        try:
            await action()
        except Exception as exc:
            self.errors.append(f"{what}: {type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}")
            return False
        self.timings.append((what, time.perf_counter() - t0))
        self.ended.append(time.monotonic())
        self.errors.extend(f"{what}: exception on page: {e}" for e in self.socket.exceptions)
        return True

    async def open_overview(self) -> None:
        params = self.rng.choice(CHECK_URLS)
        if await self.timed("overview with filters (URL)", lambda: self.socket.open("", params)):
            self.fingerprints.append((_key(params), time.monotonic(), json.dumps(self.socket.fingerprint())))

    async def type_search(self) -> None:
        word = self.rng.choice(SEARCH_WORDS)
        await self.timed("search typed in the sidebar", lambda: self.socket.set_text("f_q", word))

    async def other_page(self) -> None:
        if not self.pages:
            return await self.open_overview()
        path, params = self.rng.choice(self.pages), self.rng.choice(CHECK_URLS)
        await self.timed(f"page {path} with filters (URL)", lambda: self.socket.open(path, params))

    async def open_contribution(self) -> None:
        if "reponses" not in self.pages or not self.contribution_ids:
            return await self.open_overview()
        params = {"contribution": self.rng.choice(self.contribution_ids)}
        await self.timed("one contribution (URL)", lambda: self.socket.open("reponses", params))

    async def run(self) -> None:
        await self.act_until_deadline(asyncio.sleep)
        await self.socket.close()


async def ws_fingerprints_now(base: str) -> dict[str, str]:
    from bench.ws_client import StreamlitSocket

    socket, out = StreamlitSocket(base, timeout=120), {}
    for params in CHECK_URLS:
        await socket.open("", params)
        out[_key(params)] = json.dumps(socket.fingerprint())
    await socket.close()
    return out


async def drive_ws(base: str, args, db_path: Path, sampler: RssSampler, swap_log: Path) -> dict:
    from consultation import navigation

    pages = [p.url_path for p in navigation.available_pages()][1:]
    contribution_ids = _contribution_ids(db_path)
    old = await ws_fingerprints_now(base)
    sampler.mark("sessions start")
    start = time.monotonic()
    deadline = {"at": start + args.seconds}
    sessions = [WsSession(i, base, deadline, pages, contribution_ids) for i in range(args.sessions)]
    swap_info = await run_sessions(sessions, args, db_path, swap_log, sampler, start, deadline)
    new = await ws_fingerprints_now(base)
    return _result(old, new, sessions, swap_info, start)


def _contribution_ids(db_path: Path, n: int = 200) -> list[str]:
    import duckdb

    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return [
            r[0] for r in con.sql(f"SELECT contribution_id FROM contributions USING SAMPLE {int(n)} ROWS").fetchall()
        ]
    finally:
        con.close()


def _kpis(fp: str) -> dict[str, str]:
    return json.loads(fp)["metrics"]


def classify(seen: str, old: str | None, new: str | None) -> str:
    """Whether what a session saw (metrics and figures in captions, as far as rendered) is all
    from the old data, all from the new data, or a mix (or matches neither)."""
    s = json.loads(seen)
    items = [("m", k, v) for k, v in s["metrics"].items()] + [("c", None, c) for c in s["captions"]]
    if len(items) < 3:
        return "too_little_rendered"

    def agrees(reference: str | None) -> bool:
        if reference is None:
            return False
        r = json.loads(reference)
        return all((r["metrics"].get(k) == v) if kind == "m" else (v in r["captions"]) for kind, k, v in items)

    in_old, in_new = agrees(old), agrees(new)
    if old == new:  # no import: the data never changed
        return "unchanged" if in_old else "mixed_or_unknown"
    if in_old and not in_new:
        return "old"
    if in_new and not in_old:
        return "new"
    return "mixed_or_unknown"


def _latency_by_phase(sessions, result: dict) -> dict:
    """Latencies of the actions that ended before the import started, while it ran (it takes a
    core and, once swapped, every cache is cold), and from 10 s after the swap on."""
    swap = result["swap"]
    if not swap:
        return {}
    start = result["start"]
    began, swapped = start + swap["started_s"], start + swap["started_s"] + swap["seconds"]
    phases: dict[str, list[float]] = {"before_import": [], "import_and_10s_after": [], "from_10s_after_swap": []}
    for s in sessions:
        for (_what, t), end in zip(s.timings, s.ended, strict=True):
            phase = (
                "before_import"
                if end < began
                else "import_and_10s_after"
                if end < swapped + 10
                else "from_10s_after_swap"
            )
            phases[phase].append(t * 1000)
    return {k: summarise(v) for k, v in phases.items()}


def analyse(result: dict, sampler: RssSampler, args) -> dict:
    sessions: list[Session] = result["sessions"]
    old, new = result["old"], result["new"]
    timings = [t for s in sessions for _what, t in s.timings]
    by_kind: dict[str, list[float]] = {}
    for s in sessions:
        for what, t in s.timings:
            by_kind.setdefault(what, []).append(t * 1000)
    errors = [f"session {s.n}: {e}" for s in sessions for e in s.errors]
    seen = {"old": 0, "new": 0, "unchanged": 0, "mixed_or_unknown": 0, "too_little_rendered": 0}
    mismatches = []
    for s in sessions:
        for key, _t, fp in s.fingerprints:
            verdict = classify(fp, old.get(key), new.get(key))
            seen[verdict] += 1
            if verdict == "mixed_or_unknown":
                mismatches.append({"session": s.n, "url": key, "seen": fp, "old": old.get(key), "new": new.get(key)})
    distinct = all(old[k] != new[k] for k in old)
    samples = sampler.samples
    t_start = next((t for t, label in sampler.marks if label == "sessions start"), 0)
    warm = [mb for t, mb in samples if t_start + 15 <= t <= t_start + 25]
    t_end = t_start + result["duration_s"]
    end = [mb for t, mb in samples if t_end - 10 <= t <= t_end]
    ms = [t * 1000 for t in timings]
    by_phase = _latency_by_phase(sessions, result)
    return {
        "driver": args.driver,
        "sessions": args.sessions,
        "seconds": result["duration_s"],
        "actions": len(timings),
        "actions_per_s": round(len(timings) / result["duration_s"], 1),
        "errors": len(errors),
        "error_list": errors[:50],
        "latency_ms": summarise(ms),
        "p95_within_target": (summarise(ms).get("p95_ms") or 0) <= TARGET_P95_S * 1000,
        "latency_by_action_ms": {k: summarise(v) for k, v in by_kind.items()},
        "latency_by_phase_ms": by_phase,
        "swap": result["swap"],
        "old_and_new_fingerprints_differ": distinct,
        "old_kpis": {k: _kpis(v) for k, v in old.items()},
        "new_kpis": {k: _kpis(v) for k, v in new.items()},
        "consistency": seen,
        "mismatches": mismatches[:10],
        "memory_mb": {
            "peak": round(sampler.peak_mb, 1),
            "after_warm_up_median": round(statistics.median(warm), 1) if warm else None,
            "last_10s_median": round(statistics.median(end), 1) if end else None,
        },
        "memory_samples": samples,
        "marks": sampler.marks,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--swap-at", type=float, default=10, help="seconds after the start; negative: no import")
    parser.add_argument("--contributions", type=int, default=9000, help="size of the served demo database")
    parser.add_argument("--new-contributions", type=int, default=9500, help="size of the imported one")
    parser.add_argument(
        "--driver",
        choices=("ws", "browser"),
        default="ws",
        help="ws: Streamlit's websocket protocol (bench/ws_client.py); browser: chromium pages (Playwright)",
    )
    parser.add_argument(
        "--workers",
        default="auto",
        help="processes behind the proxy (python -m consultation serve --workers): a number or auto (one a core)",
    )
    parser.add_argument(
        "--pause",
        type=float,
        nargs=2,
        default=PAUSE_S,
        metavar=("MIN", "MAX"),
        help="a user's pause between two actions, drawn between MIN and MAX seconds",
    )
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    args.sessions = max(1, min(args.sessions, 50))
    args.seconds = max(5.0, min(args.seconds, 600.0))
    workdir = Path(tempfile.mkdtemp(prefix="consultation-load-"))
    db_path = workdir / "load.duckdb"
    try:
        subprocess.run(
            [sys.executable, "-m", "consultation", "demo", "--contributions", str(args.contributions), "--out",
             str(db_path)], cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
        with serve(db_path, workdir / "streamlit.log", {"CONSULTATION_WORKERS": str(args.workers)}) as (base, proc):
            processes = 1 + len(psutil.Process(proc.pid).children())  # the proxy and its workers, if any
            sampler = RssSampler(proc.pid, interval=1.0)
            sampler.start()
            try:
                driver = drive_ws if args.driver == "ws" else drive
                result = asyncio.run(driver(base, args, db_path, sampler, workdir / "import.log"))
            finally:
                sampler.stop()
            report = analyse(result, sampler, args)
            report["server_processes"] = processes
        log = (workdir / "streamlit.log").read_text(errors="replace")
        report["server_log_tracebacks"] = log.count("Traceback")
        if report["server_log_tracebacks"]:
            report["server_log_tail"] = log[-3000:]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    lat = report["latency_ms"]
    print(
        f"{report['sessions']} sessions, {processes} server process(es), {report['actions']} actions in {args.seconds:.0f} s, errors {report['errors']},"
        f" p50 {lat.get('median_ms')} ms, p95 {lat.get('p95_ms')} ms; consistency {report['consistency']};"
        f" memory {report['memory_mb']}",
        file=sys.stderr,
    )
    text = json.dumps(report, indent=1, ensure_ascii=False)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
