"""The Thèmes and Chronologie pages in a real browser, on a demo database, at 1280×720 (a screen
share): what a presenter sees first, screenshots in tests/artifacts/, and a click through to the
answers behind a bar."""

import pytest
from browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, running_app

from consultation import demo

playwright = pytest.importorskip("playwright.sync_api")

SCREEN = {"width": 1280, "height": 720}
TIMEOUT = 240_000  # a loaded 2-core machine was seen to block the page's main thread for a minute


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
def base_url(demo_db, browser):
    with running_app(demo_db) as url:
        # The server's first request goes through Streamlit's legacy pages/ auto-navigation, which
        # would serve /themes without the router: open the home page first, as a user would.
        page = browser.new_page()
        page.goto(url)
        settle(page)
        page.close()
        yield url


def settle(page, timeout: float = TIMEOUT) -> None:
    """Wait until the script has finished its run, polling on a timer (animation-frame polling
    was seen never to fire while plotly draws on a loaded machine)."""
    done = "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'"
    page.wait_for_function(done, polling=250, timeout=timeout)
    page.wait_for_timeout(500)
    page.wait_for_function(done, polling=250, timeout=timeout)


def open_page(browser, url: str, height: int = SCREEN["height"]):
    page = browser.new_page(viewport={"width": SCREEN["width"], "height": height})
    page.goto(url)
    settle(page)
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for(timeout=TIMEOUT)
    page.wait_for_timeout(1000)
    return page


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text().replace("\u00a0", " ")


def scroll_to(page, text: str) -> None:
    page.get_by_text(text, exact=False).first.scroll_into_view_if_needed()
    page.wait_for_timeout(1500)


def test_themes_page_on_the_demo_database(browser, base_url):
    page = open_page(browser, f"{base_url}/themes?theme_page=donnees_ia")
    body = main_text(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "9 000 contributions · aucun filtre" in body
    assert "Les six thèmes comparés" in body
    assert "Données & intelligence artificielle : 2 364 contributions" in body
    assert "points plus souvent que" in body  # a clearest-difference sentence
    page.screenshot(path=str(ARTIFACTS / "themes.png"))
    scroll_to(page, "1. Utilisez-vous")
    page.screenshot(path=str(ARTIFACTS / "themes-question.png"))
    page.close()


def test_themes_page_open_question_on_the_demo_database(browser, base_url):
    page = open_page(browser, f"{base_url}/themes?theme_page=archivage&croiser=organisation", height=900)
    assert page.locator('[data-testid="stException"]').count() == 0
    scroll_to(page, "Verbatims tirés au hasard")
    assert page.get_by_role("button", name="Tirer d'autres verbatims").count() == 3  # three open questions
    page.screenshot(path=str(ARTIFACTS / "themes-open-question.png"))
    page.close()


def test_timeline_page_on_the_demo_database(browser, base_url):
    page = open_page(browser, f"{base_url}/chronologie")
    body = main_text(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "9 000 contributions · aucun filtre" in body
    assert "Après le webinaire Archivage numérique du 9 mars 2023, les contributions sur ce thème ont été" in body
    page.screenshot(path=str(ARTIFACTS / "timeline.png"))
    scroll_to(page, "Effet des événements")
    page.screenshot(path=str(ARTIFACTS / "timeline-uplift.png"))
    scroll_to(page, "Heures et jours de contribution")
    page.screenshot(path=str(ARTIFACTS / "timeline-hours.png"))
    page.close()


def test_timeline_small_multiples_by_week_from_the_url(browser, base_url):
    page = open_page(browser, f"{base_url}/chronologie?periode=semaine&vue=panneaux", height=1100)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Contributions par semaine et par thème" in main_text(page)
    assert "periode=semaine" in page.url and "vue=panneaux" in page.url
    page.screenshot(path=str(ARTIFACTS / "timeline-weekly-panels.png"))
    page.close()


def test_a_click_on_an_answer_bar_opens_the_answers_behind_it(browser, base_url):
    page = open_page(browser, f"{base_url}/themes?theme_page=donnees_ia&profil=numerique", height=1400)
    chart = page.locator('[data-testid="stPlotlyChart"]').nth(1)  # the first question's distribution
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(2000)
    bar = chart.locator(".bars path").first  # « Oui »
    box = bar.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**/reponses?**", timeout=TIMEOUT)
    settle(page)
    assert "choix_question=donnees_ia_q01" in page.url
    assert "choix=Oui" in page.url
    assert "profil=numerique" in page.url
    page.close()


def test_a_click_on_an_uplift_bar_opens_the_two_days_after_the_event(browser, base_url):
    page = open_page(browser, f"{base_url}/chronologie", height=1400)
    scroll_to(page, "Effet des événements")
    chart = page.locator('[data-testid="stPlotlyChart"]').nth(2)  # per period, cumulative, then uplift
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(2000)
    bars = chart.locator(".bars path")
    box = bars.nth(1).bounding_box()  # the second bar: the first themed webinar, on its theme
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**/reponses?**", timeout=TIMEOUT)
    settle(page)
    assert "du=" in page.url and "au=" in page.url and "theme=" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()
