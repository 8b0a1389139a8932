"""The Textes page in a real browser (Debian's chromium), on a small demo database: the word
cloud, its term links to the Réponses page, the comparison, topics and campaigns. Screenshots
go to tests/artifacts/texts-*.png (1280×720, the screen a webinar shares, and full pages)."""

from urllib.parse import parse_qs, urlparse

import pytest
from browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, running_app

from consultation import demo

playwright = pytest.importorskip("playwright.sync_api")

MAIN = '[data-testid="stMain"]'


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return demo.generate(tmp_path_factory.mktemp("texts-browser") / "demo.duckdb", contributions=3000)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def base_url(browser, demo_db):
    with running_app(demo_db) as url:
        # A first visit registers the pages: a deep link right after start may otherwise open
        # with a "page not found" notice (STACK-NOTES).
        page = browser.new_page()
        page.goto(url)
        settle(page)
        page.close()
        yield url


def settle(page, timeout: float = 180_000) -> None:
    """Wait until the script has finished its run (polling on a timer: robust on a busy machine)."""
    done = "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'"
    page.wait_for_function(done, polling=200, timeout=timeout)
    page.wait_for_timeout(500)
    page.wait_for_function(done, polling=200, timeout=timeout)


def open_texts(browser, base_url: str, query: str, height: int = 720):
    page = browser.new_page(viewport={"width": 1280, "height": height})
    page.goto(f"{base_url}/textes?{query}")
    try:
        page.get_by_role("heading", name="Textes").first.wait_for(timeout=180_000)
        page.locator(f"{MAIN} [data-testid='stMetric']").first.wait_for(timeout=180_000)
        settle(page)
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "texts-failure.png"))
        raise
    return page


def test_the_word_cloud_is_drawn_with_its_text_alternative(browser, base_url):
    page = open_texts(browser, base_url, "theme=metavers", height=1400)
    image = page.locator(f'{MAIN} [data-testid="stImage"] img').first
    image.wait_for()
    assert image.get_attribute("alt").startswith("Nuage des ")
    assert image.evaluate("img => img.naturalWidth") > 0
    links = page.locator(f'{MAIN} [data-testid="stPageLink"] a[href*="q="]')
    assert links.count() == 15
    page.screenshot(path=str(ARTIFACTS / "texts-cloud-full.png"))
    page.set_viewport_size({"width": 1280, "height": 720})
    page.locator(f'{MAIN} [data-testid="stImage"]').first.scroll_into_view_if_needed()
    page.wait_for_timeout(400)
    page.screenshot(path=str(ARTIFACTS / "texts-cloud-720p.png"))
    page.close()


def test_a_term_opens_the_answers_that_use_it(browser, base_url):
    page = open_texts(browser, base_url, "theme=metavers", height=1400)
    link = page.locator(f'{MAIN} [data-testid="stPageLink"] a[href*="q="]').first
    link.click()
    page.wait_for_url("**/reponses?**", timeout=60_000)
    settle(page)
    query = parse_qs(urlparse(page.url).query)
    assert query["theme"] == ["metavers"]
    assert query["q"][0]
    page.get_by_role("heading", name="Réponses").first.wait_for()
    page.close()


def test_the_comparison_of_a_theme_with_the_others(browser, base_url):
    page = open_texts(browser, base_url, "vue=distinctifs&comparer=theme&groupe_a=metavers", height=1500)
    page.locator(f'{MAIN} [data-testid="stPlotlyChart"]').first.wait_for()
    body = page.locator(MAIN).inner_text()
    assert "face aux autres thèmes" in body
    assert "réalité virtuelle" in body.lower()
    page.screenshot(path=str(ARTIFACTS / "texts-distinctive-full.png"))
    page.close()


def test_topics_and_campaigns_views(browser, base_url):
    page = open_texts(browser, base_url, "vue=sujets&theme=donnees_ia", height=1600)
    page.locator(f'{MAIN} [data-testid="stExpander"]').first.wait_for()
    assert "Sujet 1 ·" in page.locator(MAIN).inner_text()
    page.screenshot(path=str(ARTIFACTS / "texts-topics-full.png"))
    page.close()
    page = open_texts(browser, base_url, "vue=campagnes", height=1400)
    page.locator(f'{MAIN} [data-testid="stDataFrame"]').first.wait_for()
    assert "quasi identiques" in page.locator(MAIN).inner_text()
    page.screenshot(path=str(ARTIFACTS / "texts-campaigns-full.png"))
    page.close()
