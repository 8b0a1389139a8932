"""The Réponses page in a real browser (Debian's chromium driven by Playwright): search, open a
contribution, reload its URL, download a CSV, and the click-through from the overview's charts.
Screenshots go to tests/artifacts/."""

from __future__ import annotations

import re

import pytest
from browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, running_app, wait_ready
from fixture_db import HOSTILE

playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def base_url(fixture_db_path, browser):
    with running_app(fixture_db_path) as url:
        # The first session after the server starts runs before st.navigation has registered
        # the router's pages; open the app once so that deep links are known (app.py's concern).
        page = browser.new_page()
        page.goto(url)
        wait_ready(page, 90_000)
        page.close()
        yield url


def new_page(browser, height: int):
    page = browser.new_page(viewport={"width": 1280, "height": height})
    page.set_default_timeout(90_000)  # CI machines are small: a run can take a while
    return page


def click_bar(page, bar) -> None:
    """Click the middle of a plotly bar (plotly's drag layer covers the bars: click by position)."""
    bar.wait_for()
    page.wait_for_timeout(1000)  # plotly binds its click handlers after drawing
    box = bar.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text().replace("\u00a0", " ")


def test_search_open_a_contribution_reload_it_and_download_a_csv(browser, base_url):
    page = new_page(browser, 1400)
    page.goto(f"{base_url}/reponses")
    wait_ready(page, 90_000)
    page.get_by_role("heading", name="Réponses").first.wait_for()

    # Search from the sidebar: the hostile answer is found and shows as plain text.
    search = page.get_by_role("textbox", name="Rechercher dans les réponses")
    search.fill("GRAS")
    search.press("Enter")
    page.wait_for_url(re.compile(r"q=GRAS"), wait_until="commit")
    wait_ready(page, 90_000)
    page.get_by_text("1 contribution · recherche : « GRAS »").wait_for()
    assert HOSTILE in main_text(page)
    main = page.locator('[data-testid="stMain"]')
    assert main.locator("script").count() == 0
    assert main.locator("strong", has_text="gras").count() == 1  # the match, in bold
    page.screenshot(path=str(ARTIFACTS / "answers-search.png"))

    # Open the contribution from the reading list.
    page.get_by_role("link", name="Lire la contribution en entier").first.click()
    page.wait_for_url(re.compile(r"contribution=C5"), wait_until="commit")
    wait_ready(page, 90_000)
    page.get_by_role("heading", name="Contribution C5").wait_for()
    assert "q=GRAS" in page.url
    assert HOSTILE in main_text(page)
    assert "sans réponse" in main_text(page)
    page.screenshot(path=str(ARTIFACTS / "answers-contribution.png"))

    # The contribution's URL reopens the same view after a reload (a new session).
    url = page.url
    page.reload()
    wait_ready(page, 90_000)
    page.get_by_role("heading", name="Contribution C5").wait_for()
    assert page.url == url
    assert HOSTILE in main_text(page)
    assert page.get_by_role("textbox", name="Rechercher dans les réponses").input_value() == "GRAS"

    # Back to the list, prepare the CSV export and download it.
    page.get_by_role("link", name="Retour à la liste").click()
    page.wait_for_url(lambda u: "contribution=" not in u, wait_until="commit")
    wait_ready(page, 90_000)
    page.get_by_text("Exporter la liste", exact=False).first.click()
    download_button = page.get_by_role("button", name=re.compile(r"Télécharger reponses_"))
    for _attempt in range(3):  # a click that lands during a rerun is dropped by Streamlit: click again
        page.get_by_role("button", name="Préparer l'export").click()
        wait_ready(page, 90_000)
        try:
            download_button.wait_for(timeout=15_000)
            break
        except playwright.TimeoutError:
            continue
    with page.expect_download() as download_info:
        download_button.click()
    download = download_info.value
    assert re.fullmatch(r"reponses_\d{4}-\d{2}-\d{2}_recherche-gras\.csv", download.suggested_filename)
    content = download.path().read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    lines = content[3:].decode("utf-8").splitlines()
    assert lines[0].startswith('"Contribution";"Répondant";"Date";')
    assert lines[1].startswith('"C5";"R4";"2023-03-16 20:00";"Métavers";')
    assert lines[1].endswith(f'"{HOSTILE}"') and len(lines) == 2
    page.close()


def test_a_table_row_opens_its_contribution(browser, base_url):
    page = new_page(browser, 1200)
    page.goto(f"{base_url}/reponses?theme=ecologie&affichage=tableau")
    wait_ready(page, 90_000)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 45, box["y"] + 35 + 17)  # first row's « C3 » button (header ~35 px)
    page.wait_for_url(re.compile(r"contribution=C3"), wait_until="commit")
    wait_ready(page, 90_000)
    page.get_by_role("heading", name="Contribution C3").wait_for()
    assert "theme=ecologie" in page.url
    page.close()


@pytest.mark.parametrize(
    ("chart", "expected"),
    [(1, "theme=metavers"), (2, "profil=professionnel")],
)
def test_a_click_on_an_overview_bar_opens_its_answers(browser, base_url, chart, expected):
    page = new_page(browser, 1600)
    page.goto(f"{base_url}/")
    wait_ready(page, 90_000)
    bars = page.locator('[data-testid="stPlotlyChart"]').nth(chart).locator("g.point path")
    click_bar(page, bars.last)  # the top bar: first theme / first profile (bars are drawn bottom-up)
    page.wait_for_url(re.compile(r"/reponses\?"), wait_until="commit")
    wait_ready(page, 90_000)
    page.get_by_role("heading", name="Réponses").first.wait_for()
    assert expected in page.url
    page.screenshot(path=str(ARTIFACTS / f"answers-click-through-{chart}.png"))
    page.close()


def test_a_click_on_a_day_of_the_timeline_opens_that_day(browser, base_url):
    page = new_page(browser, 1600)
    page.goto(f"{base_url}/")
    wait_ready(page, 90_000)
    bars = page.locator('[data-testid="stPlotlyChart"]').first.locator("g.point path")
    click_bar(page, bars.first)  # 16 févr. 2023: C1 and C2
    page.wait_for_url(re.compile(r"du=2023-02-16"), wait_until="commit")
    wait_ready(page, 90_000)
    assert "au=2023-02-16" in page.url
    page.get_by_text("2 contributions · du 16 févr. 2023 au 16 févr. 2023").wait_for()
    page.close()
