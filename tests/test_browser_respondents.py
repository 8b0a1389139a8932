"""The Répondants page in a real browser, on a demo database: the map draws with no network.

Chromium here has no internet: the test also records every request the page makes and checks
that none leaves the local server (plotly's geo base maps, tiles or fonts would).
"""

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, running_app

from consultation import demo, fr

playwright = pytest.importorskip("playwright.sync_api")

# Streamlit fetches the page icon (":material/insights:") from Google's icon CDN: the router's
# favicon, not the page. Everything else must come from the local server.
FAVICON = "https://fonts.gstatic.com/s/i/short-term/release/materialsymbolsrounded/"
MAP = '[data-testid="stPlotlyChart"]:has(.scatterlayer .trace path.js-fill)'


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return demo.generate(tmp_path_factory.mktemp("demo") / "demo.duckdb")


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def base_url(demo_db):
    # No file watcher: while the tree is being edited its event queue was seen to overflow and
    # stall the server (the page then never reports the end of its run).
    with running_app(demo_db, extra_env={"STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}) as url:
        yield url


def settle(page, timeout: float = 120_000) -> None:
    """Wait until the script has finished its run, polling on a timer: on a loaded machine the
    animation-frame polling of wait_for_selector(visible) was seen never to fire."""
    done = "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'"
    try:
        page.wait_for_function(done, polling=200, timeout=timeout)
        page.wait_for_timeout(400)
        page.wait_for_function(done, polling=200, timeout=timeout)
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "respondents-timeout.png"))
        raise


def open_page(browser, url: str, height: int = 4400):
    page = browser.new_page(viewport={"width": 1280, "height": height})
    outside: list[str] = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:", FAVICON)) else None
        ),
    )
    page.goto(url)
    settle(page)
    # Streamlit may open a "Page not found" notice on a deep link right after the server starts,
    # although it then runs the requested page (STACK-NOTES): close it, it hides the page.
    if page.locator('[role="dialog"]').count():
        page.keyboard.press("Escape")
        page.locator('[role="dialog"]').wait_for(state="detached")
    try:
        page.get_by_role("heading", name="Répondants").first.wait_for(state="attached", timeout=120_000)
        page.locator(MAP).first.wait_for(state="attached", timeout=120_000)
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "respondents-timeout.png"))
        raise
    return page, outside


def test_the_region_map_draws_every_region_offline(browser, base_url):
    page, outside = open_page(browser, f"{base_url}/repondants")
    fills = page.locator(f"{MAP} .scatterlayer .trace path.js-fill")
    assert fills.count() == 18  # 13 metropolitan regions and 5 overseas insets
    body = page.locator('[data-testid="stMain"]').inner_text()
    for name in ("Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"):
        assert name in body
    assert outside == []
    page.screenshot(path=str(ARTIFACTS / "respondents-demo-full.png"))
    page.set_viewport_size({"width": 1280, "height": 720})
    page.locator(MAP).first.evaluate("e => e.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(400)
    page.screenshot(path=str(ARTIFACTS / "respondents-demo-map-720p.png"))
    page.close()


def test_the_map_shows_rates_per_100000_inhabitants_from_the_url(browser, base_url):
    page, outside = open_page(browser, f"{base_url}/repondants?carte=taux&profil=citoyen", height=1800)
    assert "pour 100 000 hab." in page.locator(MAP).first.inner_text().replace("\u00a0", " ")
    assert page.get_by_role("radio", name="Pour 100 000 habitants").is_checked()
    assert "carte=taux" in page.url and "profil=citoyen" in page.url
    assert outside == []
    page.locator(MAP).first.screenshot(path=str(ARTIFACTS / "respondents-demo-rates-map.png"))
    page.close()


def test_clicking_a_region_opens_its_answers(browser, base_url):
    page, _outside = open_page(browser, f"{base_url}/repondants?theme=metavers", height=1800)
    labels = page.locator(f"{MAP} .scatterlayer .trace:last-child .point")
    labels.nth(0).wait_for()
    box = labels.nth(0).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**/reponses?**", timeout=60_000)
    settle(page)
    query = parse_qs(urlparse(page.url).query)
    assert query["theme"] == ["metavers"]
    assert len(query["region"]) == 1
    page.close()


def test_a_charts_data_opens_on_demand_and_downloads_as_csv(browser, base_url):
    """« Voir les données » is built when opened (ui.chart): closed, the page sends no table; opened,
    the chart's table shows and its CSV downloads with the counts of the bars."""
    page, _ = open_page(browser, f"{base_url}/repondants?theme=ecologie")
    csv_button = page.get_by_role("button", name="Télécharger ces données (CSV)")
    assert page.locator('[data-testid="stDataFrame"]').count() == 0 and csv_button.count() == 0
    page.get_by_text("Voir les données").first.click()
    csv_button.first.wait_for(timeout=60_000)
    settle(page)
    assert page.locator('[data-testid="stDataFrame"]').count() == 1
    with page.expect_download(timeout=30_000) as download:
        csv_button.first.click()
    assert download.value.suggested_filename == "repondants-par-profil.csv"
    rows = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == '"Profil";"Répondants";"Part (%)"'
    shown = page.locator('[data-testid="stPlotlyChart"]').first.inner_text()
    assert len(rows) == 4  # the three profiles
    for row in rows[1:]:
        assert f"{fr.integer(int(row.split(';')[1]))} (" in shown  # the bar's label, « 635 (47 %) »
    page.close()
