"""The load test's browser driver (``--driver browser``): chromium pages, one a session, timed
from an action to the end of the script run it caused, as seen by the page's own
MutationObserver on [data-testid="stApp"][data-test-script-state]."""

from __future__ import annotations

import json
import time
from pathlib import Path

from bench.bench_memory import CHROMIUM, CHROMIUM_ARGS, RssSampler
from bench.load_sessions import (
    ACTION_TIMEOUT_MS,
    CHECK_URLS,
    SEARCH_WORDS,
    User,
    page_url,
    run_result,
    run_sessions,
    sample_contribution_ids,
    url_key,
)

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
        url = page_url(self.base, "", params)
        if await self.timed("overview with filters (URL)", lambda: _goto(self.page, url), navigation=True):
            fp = await stable_fingerprint(self.page)
            self.fingerprints.append((url_key(params), time.monotonic(), fp))

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
        url = page_url(self.base, path, params)
        await self.timed(f"page {path} with filters (URL)", lambda: _goto(self.page, url), navigation=True)

    async def open_contribution(self) -> None:
        if "reponses" not in self.pages or not self.contribution_ids:
            return await self.open_overview()
        cid = self.rng.choice(self.contribution_ids)
        url = page_url(self.base, "reponses", {"contribution": cid})
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
        await _goto(page, page_url(base, "", params))
        await page.wait_for_function(READY_JS, arg=0, timeout=120_000, polling=50)
        await page.wait_for_timeout(500)
        await page.wait_for_function(READY_JS, arg=0, timeout=120_000, polling=50)
        out[url_key(params)] = await stable_fingerprint(page)
    await context.close()
    return out


async def drive_browser(base: str, args, db_path: Path, sampler: RssSampler, swap_log: Path) -> dict:
    from playwright.async_api import async_playwright

    from consultation import navigation

    pages = [p.url_path for p in navigation.available_pages()][1:]
    contribution_ids = sample_contribution_ids(db_path)
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
    return run_result(old, new, sessions, swap_info, start)
