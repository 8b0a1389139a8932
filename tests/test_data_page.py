"""The Données page (AppTest): sources, data quality, definitions, and the upload flow
(file, preview, confirmation) driven through st.file_uploader."""

from datetime import datetime
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from consultation import importers, store
from consultation.importers import upload

APP = str(Path(__file__).resolve().parent.parent / "app.py")
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"
CAPCOLLECTIF = FIXTURES / "capcollectif_metavers.csv"
GRANDDEBAT = FIXTURES / "granddebat_fiscalite_latin1.csv"


@pytest.fixture(scope="module")
def imported_db(tmp_path_factory) -> Path:
    """Two real files imported: 12 contributions (1 incomplete), 11 répondants, 41 réponses."""
    path = tmp_path_factory.mktemp("data_page") / "consultation.duckdb"
    importers.import_file(CAPCOLLECTIF, path, importers.Options(theme="metavers"))
    importers.import_file(GRANDDEBAT, path, importers.Options(theme="ecologie"))
    return path


@pytest.fixture
def demo_db(tmp_path) -> Path:
    """A one-contribution database flagged as demo data."""
    path = tmp_path / "demo.duckdb"
    frames = {
        "respondents": pl.DataFrame([("RDEMO", "citoyen", "non_renseigne", "particulier", "11")], orient="row",
                                    schema=["respondent_id", "profile", "sector", "organisation_type", "region_code"]),
        "contributions": pl.DataFrame([("CDEMO", "RDEMO", "langue", datetime(2023, 3, 1), True, "demo")], orient="row",
                                      schema=["contribution_id", "respondent_id", "theme_id", "submitted_at", "is_complete", "source_id"]),
    }  # fmt: skip
    return store.build_database(path, frames, {"source": "demo", "is_demo": "true"})


def data_page(db_path: Path, monkeypatch, params: dict | None = None, tab: str | None = None, **env) -> AppTest:
    """The app (router, sidebar filters, role) opened on the Données page, on ``tab``."""
    monkeypatch.setenv("CONSULTATION_DB", str(db_path))
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/data.py")
    if tab:
        at.session_state["onglet"] = tab
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Données"
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value.replace("\u00a0", " ") for m in at.metric}


def texts(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown).replace("\\", "").replace("\u00a0", " ")


def upload_file(at: AppTest, path: Path, theme: str | None = None) -> AppTest:
    at.get("file_uploader")[0].set_value((path.name, path.read_bytes(), "text/csv"))
    if theme:
        at.selectbox(key="import_theme").set_value(theme)
    at.run()
    assert not at.exception, at.exception
    return at


def test_sources_tab_lists_each_imported_file_with_its_report(imported_db, monkeypatch):
    at = data_page(imported_db, monkeypatch)
    assert [t.label for t in at.tabs] == ["Sources", "Qualité des données", "Définitions", "Importer un fichier"]
    assert not at.tabs[1].metric, "only the open tab runs"
    sources = at.dataframe[0].value
    assert list(sources["Fichier"]) == ["granddebat_fiscalite_latin1.csv", "capcollectif_metavers.csv"]
    assert list(sources["Contributions"]) == [7, 5]
    assert [e.label.replace("\\", "") for e in at.expander][:2] == [
        "Rapport d'import : granddebat_fiscalite_latin1.csv",
        "Rapport d'import : capcollectif_metavers.csv",
    ]
    assert "Lignes rejetées : 2 (identifiant en double : 1, date illisible : 1)." in texts(at)


def test_quality_tab_counts_empty_answers_and_repeats(imported_db, monkeypatch):
    at = data_page(imported_db, monkeypatch, tab="Qualité des données")
    tab = at.tabs[1]
    assert {m.label: m.value for m in tab.metric} == {
        "Contributions": "12",
        "Incomplètes": "1",
        "Sans aucune réponse": "0",
        "Contributions répétées": "1",  # U1 answered the Grand Débat file twice
    }
    questions = tab.dataframe[0].value
    assert len(questions) == 8
    assert list(questions["Sans réponse"]) == [0, 1, 0, 0, 2, 1, 1, 2]


def test_quality_tab_follows_the_filters(imported_db, monkeypatch):
    at = data_page(imported_db, monkeypatch, params={"theme": "metavers"}, tab="Qualité des données")
    assert {m.label: m.value for m in at.tabs[1].metric}["Contributions"] == "5"
    assert "5 contributions · thème : Métavers" in texts(at)


def test_definitions_tab_shows_the_glossary(imported_db, monkeypatch):
    at = data_page(imported_db, monkeypatch, tab="Définitions")
    words = "\n".join(m.value for m in at.tabs[2].markdown)
    assert "**Répondant** : une personne ou une organisation distincte" in words
    assert "**Contribution** : les réponses d'un répondant à un questionnaire thématique." in words
    assert "**Réponse** : une réponse non vide à une question, dans une contribution." in words


def test_upload_shows_a_preview_then_confirm_replaces_the_demo(demo_db, monkeypatch):
    """An analyst uploads a Cap Collectif export, reads the preview, confirms: the demo is gone."""
    at = data_page(demo_db, monkeypatch, tab="Importer un fichier")
    assert any("démonstration" in i.value for i in at.info)
    upload_file(at, CAPCOLLECTIF, theme="metavers")
    preview = {m.label: m.value for m in at.tabs[3].metric}
    assert preview == {"Lignes lues": "8", "Contributions": "5", "Répondants": "5", "Réponses": "19"}
    assert "Cap Collectif (questionnaire) · CSV UTF-8, séparateur virgule · thème Métavers" in texts(at)
    questions = next(d.value for d in at.tabs[3].dataframe if "Type" in d.value.columns)
    assert list(questions["Type"]) == ["open", "yes_no", "multiple", "scale"]  # shown as French labels
    button = at.button(key="import_confirm")
    assert not button.disabled
    button.click().run()
    assert not at.exception, at.exception
    assert any(s.value.startswith("Import réussi") for s in at.success)
    frames, meta = store.read_frames(demo_db)
    assert meta["is_demo"] == "false"
    assert frames["contributions"].height == 5
    assert not any("démonstration" in i.value for i in at.info)


def test_after_an_import_the_rejected_rows_and_dropped_columns_are_still_listed(demo_db, monkeypatch):
    """The tables of the preview (rejected rows, personal-data columns) stay on the success screen."""
    at = upload_file(data_page(demo_db, monkeypatch, tab="Importer un fichier"), CAPCOLLECTIF, theme="metavers")
    at.button(key="import_confirm").click().run()
    assert not at.exception, at.exception
    assert any(s.value.startswith("Import réussi") for s in at.success)
    assert not at.get("file_uploader")[0].value, "the preview is gone: what follows is the report"
    tables = {tuple(d.value.columns): d.value for d in at.tabs[3].dataframe}
    rejected = tables[("Ligne", "Colonne", "Motif")]
    assert rejected.to_dict("records") == [
        {"Ligne": 7, "Colonne": "export_contribution_id", "Motif": "identifiant « C1 » déjà vu ligne 2"},
        {"Ligne": 8, "Colonne": "export_contribution_published_at", "Motif": "date illisible « pas une date »"},
    ]
    dropped = dict(tables[("Colonne", "Raison")].itertuples(index=False))
    assert dropped["Présentation"] == "toujours vide (titre de section ?)"
    assert "export_contribution_author_email" in dropped
    assert "**Lignes rejetées** (2)" in texts(at)


def test_upload_without_a_theme_explains_what_is_missing(demo_db, monkeypatch):
    at = upload_file(data_page(demo_db, monkeypatch, tab="Importer un fichier"), CAPCOLLECTIF)
    assert at.error[0].value.replace("\\", "") == (
        "Ce fichier ne peut pas être importé. Un export Cap Collectif contient un seul questionnaire : "
        "choisissez son thème (--theme)."
    )
    assert not at.button(key="import_confirm") if at.get("button") else True


def test_a_broken_upload_gets_a_french_error_with_its_line(demo_db, monkeypatch):
    at = upload_file(
        data_page(demo_db, monkeypatch, tab="Importer un fichier"), FIXTURES / "ragged_row.csv", theme="langue"
    )
    assert (
        at.error[0]
        .value.replace("\\", "")
        .startswith("Ce fichier ne peut pas être importé. Ligne 3 : 4 champs au lieu de 3")
    )


def test_a_file_already_imported_cannot_be_confirmed(imported_db, monkeypatch):
    at = upload_file(data_page(imported_db, monkeypatch, tab="Importer un fichier"), CAPCOLLECTIF, theme="metavers")
    assert any("Ce fichier a déjà été importé" in e.value for e in at.error)
    assert at.button(key="import_confirm").disabled


def test_the_import_tab_is_closed_to_the_lecture_role(imported_db, monkeypatch):
    at = data_page(imported_db, monkeypatch, tab="Importer un fichier", CONSULTATION_ROLE="lecture")
    assert any(i.value == "L'import de fichiers est réservé aux analystes." for i in at.tabs[3].info)
    assert not at.get("file_uploader")


# --- The flow without Streamlit (what the page calls) -------------------------------------------


def test_preview_then_confirm_functions(tmp_path):
    db_path = tmp_path / "flow.duckdb"
    preview = upload.preview_upload(CAPCOLLECTIF.read_bytes(), CAPCOLLECTIF.name, db_path, theme="metavers")
    assert preview.can_confirm and preview.error is None
    report, error = upload.confirm_upload(preview, db_path)
    assert (report["contributions"], error) == (5, None)
    again = upload.preview_upload(CAPCOLLECTIF.read_bytes(), CAPCOLLECTIF.name, db_path, theme="metavers")
    assert not again.can_confirm
    assert again.refusal.startswith("Ce fichier a déjà été importé")


def test_cached_preview_reads_the_file_once_and_applies_kind_corrections(tmp_path):
    state: dict = {}
    data = CAPCOLLECTIF.read_bytes()
    first = upload.cached_preview(state, data, CAPCOLLECTIF.name, tmp_path / "x.duckdb", theme="metavers")
    assert upload.cached_preview(state, data, CAPCOLLECTIF.name, tmp_path / "x.duckdb", theme="metavers") is first
    edited = importers.report.questions_table(first.parsed.questions).with_columns(
        pl.when(pl.col("Type") == "scale").then(pl.lit("single")).otherwise(pl.col("Type")).alias("Type")
    )
    assert upload.record_kinds(state, first, edited)
    second = upload.cached_preview(state, data, CAPCOLLECTIF.name, tmp_path / "x.duckdb", theme="metavers")
    assert second is not first
    assert second.parsed.questions["kind"].to_list() == ["open", "yes_no", "multiple", "single"]
    assert not upload.record_kinds(state, second, importers.report.questions_table(second.parsed.questions))
