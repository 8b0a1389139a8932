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
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench_memory import RssSampler, serve  # noqa: E402
from bench.bench_queries import summarise  # noqa: E402
from bench.load_browser import drive_browser  # noqa: E402
from bench.load_sessions import MAX_SECONDS, PAUSE_S, User  # noqa: E402
from bench.load_ws import drive_ws  # noqa: E402

TARGET_P95_S = 2.0


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
    sessions: list[User] = result["sessions"]
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
    args.seconds = max(5.0, min(args.seconds, MAX_SECONDS))
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
                driver = drive_ws if args.driver == "ws" else drive_browser
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
