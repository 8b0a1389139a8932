"""In a real browser: upload a Cap Collectif export on the Données page, read the preview,
confirm, and see the demo banner go (Playwright set_input_files on st.file_uploader)."""

from datetime import datetime
from pathlib import Path

import polars as pl
import pytest
from browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, running_app, wait_ready

from consultation import store

playwright = pytest.importorskip("playwright.sync_api")

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"
SLOW = 180_000  # an import rebuilds the database: give it time on a busy machine


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("browser_import") / "demo.duckdb"
    frames = {
        "respondents": pl.DataFrame([("RDEMO", "citoyen", "non_renseigne", "particulier", "11")], orient="row",
                                    schema=["respondent_id", "profile", "sector", "organisation_type", "region_code"]),
        "contributions": pl.DataFrame([("CDEMO", "RDEMO", "langue", datetime(2023, 3, 1), True, "demo")], orient="row",
                                      schema=["contribution_id", "respondent_id", "theme_id", "submitted_at", "is_complete", "source_id"]),
    }  # fmt: skip
    return store.build_database(path, frames, {"source": "demo", "is_demo": "true"})


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text().replace("\u00a0", " ")


def test_upload_preview_and_confirm_in_the_browser(browser, demo_db):
    with running_app(demo_db) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 2200})
        page.goto(url)
        wait_ready(page, SLOW)
        page.locator('[data-testid="stSidebar"] a', has_text="Données").first.click()
        wait_ready(page, SLOW)
        page.get_by_role("tab", name="Importer un fichier").click()
        wait_ready(page, SLOW)
        assert "onglet=Importer" in page.url  # the open tab is in the URL
        page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(
            str(FIXTURES / "capcollectif_metavers.csv")
        )
        wait_ready(page, SLOW)
        combo = page.get_by_role("combobox", name="Thème du questionnaire")
        combo.focus()
        combo.press("ArrowDown")
        page.get_by_role("option", name="Métavers").click()
        page.get_by_text("Aperçu de l'import").wait_for(timeout=SLOW)
        wait_ready(page, SLOW)
        text = main_text(page)
        assert "Cap Collectif (questionnaire) · CSV UTF-8, séparateur virgule · thème Métavers" in text
        assert "Lignes rejetées : 2 (identifiant en double : 1, date illisible : 1)." in text
        page.screenshot(path=str(ARTIFACTS / "data-import-preview.png"))
        page.get_by_role("button", name="Confirmer l'import").click()
        page.get_by_text("Import réussi").first.wait_for(timeout=SLOW)
        wait_ready(page, SLOW)
        assert "Données de démonstration" not in main_text(page)
        page.screenshot(path=str(ARTIFACTS / "data-import-done.png"))
        page.get_by_role("tab", name="Sources").click()
        wait_ready(page, SLOW)
        assert "capcollectif_metavers.csv" in main_text(page)
        page.close()
    frames, meta = store.read_frames(demo_db)
    assert (meta["is_demo"], frames["contributions"].height) == ("false", 5)
