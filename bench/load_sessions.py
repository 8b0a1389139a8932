"""What both drivers of the load test share (bench/load_test.py): the user's actions and their
bounds, the import that swaps the database midway, the run of every session to the deadline."""

from __future__ import annotations

import asyncio
import math
import random
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from bench.bench_memory import RssSampler

ROOT = Path(__file__).resolve().parent.parent
ACTION_TIMEOUT_MS = 60_000
MAX_ACTIONS_PER_MINUTE = 400  # a session's bound, per minute of the run
MAX_SECONDS = 4 * 3600  # a soak of a few hours at most
PAUSE_S = (0.2, 0.8)  # a hurried user: a real one reads a page for several seconds
CHECK_URLS = (
    {},
    {"theme": "ecologie"},
    {"profil": "citoyen"},
    {"region": "11"},
    {"theme": "metavers", "profil": "professionnel"},
    {"q": "musee"},
)
SEARCH_WORDS = (
    "musee", "sobriete", "patrimoine", "formation", "artistes", "donnees", "creation", "public", '"droit d\'auteur"',
)  # fmt: skip


def page_url(base: str, path: str, params: dict) -> str:
    query = urllib.parse.urlencode(params, doseq=True)
    return f"{base}/{path}" + (f"?{query}" if query else "")


def url_key(params: dict) -> str:
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
        self.max_actions = MAX_ACTIONS_PER_MINUTE
        self.timings: list[tuple[str, float]] = []
        self.ended: list[float] = []  # time.monotonic() at the end of each timed action
        self.errors: list[str] = []
        self.fingerprints: list[tuple[str, float, str]] = []  # (url key, time, fingerprint)

    async def act_until_deadline(self, pause, check=None) -> None:
        """Open an overview, then random actions with a user's pause between them (``pause_s``,
        0.2-0.8 s unless told), until the deadline (at most ``max_actions``)."""
        actions = [self.open_overview, self.type_search, self.other_page, self.open_contribution]
        await self.open_overview()
        count = 0
        while time.monotonic() < self.deadline["at"] and count < self.max_actions:
            await self.rng.choice(actions)()
            count += 1
            await pause(self.rng.uniform(*self.pause_s))
            if check is not None:
                await check()


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


async def run_sessions(sessions, args, db_path, swap_log, sampler, start: float, deadline: dict) -> dict | None:
    """Run every session to the deadline, with the import at --swap-at (negative: no import)."""
    for session in sessions:
        session.pause_s = tuple(args.pause)
        session.max_actions = math.ceil(MAX_ACTIONS_PER_MINUTE * args.seconds / 60)
    swap_task = (
        asyncio.create_task(swap(args, db_path, swap_log, sampler, start, deadline)) if args.swap_at >= 0 else None
    )
    await asyncio.gather(*(s.run() for s in sessions))
    swap_info = await swap_task if swap_task is not None else None
    sampler.mark("sessions end")
    return swap_info


def run_result(old: dict, new: dict, sessions: list, swap_info: dict | None, start: float) -> dict:
    return {
        "old": old,
        "new": new,
        "sessions": sessions,
        "swap": swap_info,
        "start": start,
        "duration_s": round(time.monotonic() - start, 1),
    }


def sample_contribution_ids(db_path: Path, n: int = 200) -> list[str]:
    import duckdb

    con = duckdb.connect(str(db_path), read_only=True)
    try:
        rows = con.execute(
            "SELECT contribution_id FROM contributions ORDER BY hash(contribution_id) LIMIT $n", {"n": n}
        ).fetchall()
        return [r[0] for r in rows]
    finally:
        con.close()
