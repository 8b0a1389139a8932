"""AppTest of the pages: what a user sees for a URL."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def app(fixture_db_path):
    def make(**params) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=30)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, at.exception
        return at

    return make


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value.replace("\u00a0", " ") for m in at.metric}


def markdown_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown).replace("\u00a0", " ").replace("\\", "")


def test_overview_without_filters_shows_the_headline_counts(app):
    at = app()
    assert at.title[0].value == "Vue d'ensemble"
    assert metrics(at) == {"Répondants": "4", "Contributions": "6", "Réponses": "10", "Thèmes par répondant": "1,5"}
    assert "6 contributions · aucun filtre" in markdown_text(at)
    assert len(at.get("plotly_chart")) == 3


def test_overview_with_filters_in_the_url(app):
    """A shared URL with filters shows the same filtered view in a new session."""
    at = app(theme="metavers", profil="citoyen")
    assert metrics(at)["Contributions"] == "2"
    assert metrics(at)["Répondants"] == "2"
    assert "2 contributions · thème : Métavers · profil : citoyens" in markdown_text(at)
    assert at.multiselect(key="f_theme").value == ["metavers"]


def test_overview_filter_change_rewrites_the_url(app):
    at = app()
    at.multiselect(key="f_profil").set_value(["professionnel"]).run()
    assert metrics(at)["Contributions"] == "2"
    assert at.query_params["profil"] in ("professionnel", ["professionnel"])


def test_overview_with_hostile_params_explains_and_shows_everything(app):
    at = app(theme="'; DROP TABLE answers; --", du="2023-13-45", q="x" * 10_000)
    warnings = " ".join(w.value for w in at.warning)
    assert "Valeur inconnue pour le filtre thème" in warnings
    assert "Date de début illisible" in warnings
    assert "dépasse 200 caractères" in warnings
    assert metrics(at)["Contributions"] == "6"


def test_an_ignored_url_value_is_no_longer_reported_once_the_user_changes_a_filter(app):
    at = app(theme="inconnu", profil="citoyens")  # the plural label, as the sentence writes it
    assert "Valeur inconnue pour le filtre thème" in " ".join(w.value for w in at.warning)
    assert at.multiselect(key="f_profil").value == ["citoyen"]
    at.multiselect(key="f_theme").set_value(["metavers"]).run()
    assert not any("Valeur inconnue" in w.value for w in at.warning)
    assert metrics(at)["Contributions"] == "2"


def test_an_out_of_range_date_in_the_url_is_reported_not_a_crash(app):
    at = app(du="1999-01-01", au="2100-01-01")  # the date pickers cannot hold them
    warnings = " ".join(w.value for w in at.warning)
    assert "Date de début hors des bornes" in warnings and "Date de fin hors des bornes" in warnings
    assert metrics(at)["Contributions"] == "6"


def test_overview_when_nothing_matches_says_so(app):
    at = app(theme="langue")
    assert metrics(at)["Contributions"] == "0"
    assert any("Aucune contribution" in w.value for w in at.warning)


def test_menu_links_carry_the_filters(app):
    at = app(theme="metavers")
    links = at.get("page_link")
    assert links, "the sidebar menu is drawn"
    assert [link.proto.query_string for link in links] == ["theme=metavers"] * len(links)
