"""Automated accessibility check (RGAA / WCAG 2.1 A and AA) of every page, in the browser.

axe-core (npm, tests/a11y/, installed by scripts/test.sh with `npm ci`) is injected into each
page by Playwright and run on the whole document, in the normal view and in presentation mode,
on a small demo consultation. Best-practice rules (heading order...) are checked on the overview.
"""

import subprocess
import sys
from pathlib import Path

import pytest
from browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, running_app, wait_ready

from consultation import navigation

playwright = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Streamlit's own markup that we cannot change, excluded rule by rule (none needed so far: the
# document language, the one finding in Streamlit's index.html, is set to French by the router).
STREAMLIT_OWN: dict[str, list[str]] = {}
TIMEOUT = 120_000  # ms: the first run of a page on a busy 2-core machine can take long


@pytest.fixture(scope="module")
def browser():
    if not AXE.is_file():
        pytest.fail("axe-core is missing: run `(cd tests/a11y && npm ci)` (scripts/test.sh does it)")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory, fixture_db_path):
    path = tmp_path_factory.mktemp("a11y") / "demo.duckdb"
    subprocess.run(
        [sys.executable, "-m", "consultation", "demo", "--contributions", "400", "--out", str(path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with running_app(path, {"STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}) as url:
        yield url


def axe_violations(page, tags: list[str]) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
        tags,
    )
    found = []
    for violation in result["violations"]:
        excluded = STREAMLIT_OWN.get(violation["id"], [])
        nodes = [n for n in violation["nodes"] if not any(sel in str(n["target"]) for sel in excluded)]
        if nodes:
            found.append(
                {
                    "rule": violation["id"],
                    "help": violation["help"],
                    "nodes": [(n["target"], n.get("failureSummary", "")[:200]) for n in nodes[:3]],
                }
            )
    return found


def open_page(browser, url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    wait_ready(page, TIMEOUT)
    page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=TIMEOUT)
    wait_ready(page, TIMEOUT)
    return page


PAGES = [p.url_path for p in navigation.available_pages()]


@pytest.mark.parametrize("presenting", [False, True], ids=["normal", "presentation"])
@pytest.mark.parametrize("url_path", PAGES)
def test_no_page_has_a_wcag_a_or_aa_violation(browser, base_url, url_path, presenting):
    page = open_page(browser, f"{base_url}/{url_path}" + ("?presentation=1" if presenting else ""))
    try:
        assert page.evaluate("document.documentElement.lang") == "fr"
        violations = axe_violations(page, WCAG)
        if violations:
            page.screenshot(path=str(ARTIFACTS / f"a11y-{url_path}-{'presentation' if presenting else 'normal'}.png"))
        assert violations == []
    finally:
        page.close()


def test_the_overview_follows_the_best_practices_too(browser, base_url):
    page = open_page(browser, f"{base_url}/")
    try:
        assert axe_violations(page, [*WCAG, "best-practice"]) == []
    finally:
        page.close()


def test_the_filters_and_the_menu_work_with_the_keyboard(browser, base_url):
    """Tab reaches the menu links and the filter fields; each shows a visible focus."""
    page = open_page(browser, f"{base_url}/")
    try:
        reached = set()
        for _ in range(40):
            page.keyboard.press("Tab")
            reached.add(
                page.evaluate(
                    "() => { const e = document.activeElement; return (e.getAttribute('aria-label') || "
                    "e.innerText || e.getAttribute('placeholder') || '').trim().split('\\n')[0]; }"
                )
            )
        assert "Thèmes" in reached or any("Thèmes" in r for r in reached)
        assert any("Tous" in r or "Thèmes" in r for r in reached)
    finally:
        page.close()
