"""Presentation mode in a real browser at 1280×720 (a shared webinar screen): no chrome, large
type, the parcours walked with Précédent / Suivant, no personal data. Screenshots go to
tests/artifacts/presentation-*.png."""

import subprocess
import sys
from pathlib import Path

import pytest
from browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, running_app, wait_ready

playwright = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parent.parent
SCREEN = {"width": 1280, "height": 720}
TIMEOUT = 120_000  # ms: first runs are slow on a busy 2-core machine


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory, fixture_db_path):
    path = tmp_path_factory.mktemp("presentation") / "demo.duckdb"
    subprocess.run(
        [sys.executable, "-m", "consultation", "demo", "--contributions", "1500", "--out", str(path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with running_app(path, {"STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}) as url:
        yield url


def open_page(browser, url: str):
    page = browser.new_page(viewport=SCREEN)
    page.goto(url)
    settle(page)
    return page


def settle(page) -> None:
    wait_ready(page, TIMEOUT)
    page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=TIMEOUT)
    wait_ready(page, TIMEOUT)
    page.wait_for_timeout(800)  # plotly draws after the script run


def body_text(page) -> str:
    return page.locator("body").inner_text().replace("\u00a0", " ")


def test_the_overview_in_presentation_mode_has_no_chrome_and_large_type(browser, base_url):
    page = open_page(browser, f"{base_url}/?presentation=1&theme=donnees_ia")
    try:
        page.screenshot(path=str(ARTIFACTS / "presentation-overview.png"))
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        assert not page.locator('[data-testid="stToolbar"]').is_visible()
        assert not page.locator('[data-testid="stMainMenu"]').is_visible()
        assert page.locator(".modebar").count() == 0 or not page.locator(".modebar").first.is_visible()
        value_size = page.locator('[data-testid="stMetricValue"] p').first.evaluate(
            "e => parseFloat(getComputedStyle(e).fontSize)"
        )
        assert value_size >= 44
        assert "thème : Données & intelligence artificielle" in body_text(page)
    finally:
        page.close()


def test_no_planted_personal_data_appears_on_any_page_in_presentation_mode(browser, base_url):
    from consultation import navigation
    from consultation.demo import PLANTED_EMAILS, PLANTED_PHONES

    for spec in navigation.available_pages():
        page = open_page(browser, f"{base_url}/{spec.url_path}?presentation=1")
        try:
            text = body_text(page)
            assert [e for e in PLANTED_EMAILS if e in text] == [], spec.url_path
            assert [p for p in PLANTED_PHONES if p in text] == [], spec.url_path
        finally:
            page.close()


def test_a_parcours_is_walked_with_suivant_and_precedent(browser, base_url):
    page = open_page(browser, f"{base_url}/?presentation=1&parcours=webinaire-ia&etape=1")
    try:
        assert "1 / " in body_text(page)
        page.get_by_role("button", name="Suivant").click()
        settle(page)
        assert "etape=2" in page.url
        assert "2 / " in body_text(page)
        page.screenshot(path=str(ARTIFACTS / "presentation-parcours-step2.png"))
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        page.get_by_role("button", name="Précédent").click()
        settle(page)
        assert "etape=1" in page.url
    finally:
        page.close()


def test_the_parcours_can_be_walked_with_the_keyboard(browser, base_url):
    page = open_page(browser, f"{base_url}/?presentation=1&parcours=webinaire-ia&etape=3")
    try:
        link = page.get_by_role("button", name="Suivant")
        link.focus()
        page.keyboard.press("Enter")
        settle(page)
        assert "etape=4" in page.url
    finally:
        page.close()


def test_leaving_presentation_mode_brings_back_the_sidebar_with_the_filters(browser, base_url):
    page = open_page(browser, f"{base_url}/?presentation=1&theme=metavers")
    try:
        page.get_by_role("button", name="Quitter le mode présentation").click()
        settle(page)
        assert "presentation" not in page.url and "theme=metavers" in page.url
        assert page.locator('[data-testid="stSidebar"]').is_visible()
        page.locator('[data-testid="stSidebar"]').get_by_text("Métavers").first.wait_for(timeout=TIMEOUT)
    finally:
        page.close()


@pytest.mark.parametrize("plain_streamlit", [False, True], ids=["serve", "streamlit-run"])
@pytest.mark.parametrize("address", ["answers", "reponses"])
def test_a_deep_link_to_the_answers_right_after_server_start_still_checks_the_role(
    browser, fixture_db_path, address, plain_streamlit
):
    """Right after start, no address shows answers to the lecture role. Served by
    ``python -m consultation serve``, /reponses is refused by the router and /answers (a file
    name, not an address) opens the overview. Served by ``streamlit run app.py``, Streamlit runs
    a deep link as the legacy pages/ script first: ui sends it back through the router."""
    env = {"CONSULTATION_ROLE": "lecture", "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}
    with running_app(fixture_db_path, env, plain_streamlit=plain_streamlit) as url:
        page = open_page(browser, f"{url}/{address}")
        try:
            text = body_text(page)
            if address == "reponses" or plain_streamlit:
                assert "Accès réservé aux analystes" in text
            else:
                assert "Vue d'ensemble" in text and "Page not found" in text
            assert "Mode local en lecture seule" in text
            assert "<script>" not in text and "**gras**" not in text  # the fixture's answer texts
        finally:
            page.close()
