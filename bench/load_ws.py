"""The load test's default driver: Streamlit's websocket protocol (bench/ws_client.py), 10-50x
lighter than chromium, so that what is measured is the server."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

from bench.bench_memory import RssSampler
from bench.load_sessions import (
    ACTION_TIMEOUT_MS,
    CHECK_URLS,
    SEARCH_WORDS,
    User,
    run_result,
    run_sessions,
    sample_contribution_ids,
    url_key,
)


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
            self.fingerprints.append((url_key(params), time.monotonic(), json.dumps(self.socket.fingerprint())))

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
        out[url_key(params)] = json.dumps(socket.fingerprint())
    await socket.close()
    return out


async def drive_ws(base: str, args, db_path: Path, sampler: RssSampler, swap_log: Path) -> dict:
    from consultation import navigation

    pages = [p.url_path for p in navigation.available_pages()][1:]
    contribution_ids = sample_contribution_ids(db_path)
    old = await ws_fingerprints_now(base)
    sampler.mark("sessions start")
    start = time.monotonic()
    deadline = {"at": start + args.seconds}
    sessions = [WsSession(i, base, deadline, pages, contribution_ids) for i in range(args.sessions)]
    swap_info = await run_sessions(sessions, args, db_path, swap_log, sampler, start, deadline)
    new = await ws_fingerprints_now(base)
    return run_result(old, new, sessions, swap_info, start)
