"""In a real browser (Debian's chromium driven by Playwright): deep links, KPIs, the sentence."""

import time

import pytest
from browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, running_app, wait_ready

playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def base_url(fixture_db_path):
    with running_app(fixture_db_path) as url:
        yield url


def kpis(page) -> dict[str, str]:
    out = {}
    for metric in page.locator('[data-testid="stMetric"]').all():
        label = metric.locator('[data-testid="stMetricLabel"]').inner_text().strip()
        out[label] = metric.locator('[data-testid="stMetricValue"]').inner_text().replace("\u00a0", " ").strip()
    return out


def shown_kpis(page, timeout_s: float = 60) -> dict[str, str]:
    """The KPIs once the page shows them: on a loaded machine the second run of a rewritten URL
    may start after wait_ready returned, and the metrics are redrawn during it."""
    deadline = time.monotonic() + timeout_s
    while True:
        wait_ready(page)
        shown = kpis(page)
        if "Contributions" in shown or time.monotonic() > deadline:
            return shown
        page.wait_for_timeout(500)


def test_a_filtered_url_opens_the_same_view_right_after_start(browser, base_url):
    page = browser.new_page(viewport={"width": 1280, "height": 1400})
    page.goto(f"{base_url}/?theme=metavers&profil=citoyen")
    wait_ready(page)
    page.get_by_text("Vue d'ensemble", exact=True).first.wait_for()
    assert shown_kpis(page)["Contributions"] == "2"
    assert kpis(page)["Répondants"] == "2"
    body = page.locator('[data-testid="stMain"]').inner_text().replace("\u00a0", " ")
    assert "2 contributions · thème : Métavers · profil : citoyens" in body
    assert "theme=metavers" in page.url and "profil=citoyen" in page.url
    page.screenshot(path=str(ARTIFACTS / "overview-filtered.png"))
    page.close()


def test_deep_link_to_a_page_path_keeps_its_filters(browser, base_url):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(f"{base_url}/vue-d-ensemble?theme=ecologie")
    assert shown_kpis(page)["Contributions"] == "2"
    assert page.get_by_text("Page not found").count() == 0
    # The legacy pages/ auto-navigation must not appear: only the router's own menu.
    assert page.locator('[data-testid="stSidebarNav"]').count() == 0
    page.close()


def test_menu_link_carries_the_filters(browser, base_url):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(f"{base_url}/?profil=professionnel")
    wait_ready(page)
    links = page.locator('[data-testid="stSidebar"] a[href*="profil=professionnel"]')
    links.first.wait_for()
    assert links.count() >= 6  # every page of the menu carries the filter
    page.close()
