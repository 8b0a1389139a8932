"""Presentation mode and privacy settings, through the router (AppTest).

On the fixture DB (4 répondants) every group is smaller than the threshold of 10, so protection
shows "< 10" everywhere it is on. A small demo consultation (400 contributions, with the demo's
planted e-mails and phones) checks every page in presentation mode for personal data.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from consultation import navigation, presentation

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")

PARCOURS = """
[parcours.essai]
titre = "Essai"

[[parcours.essai.etapes]]
titre = "Tout"
page = "vue-d-ensemble"
filtres = {}
note = "Premier point."

[[parcours.essai.etapes]]
titre = "Le métavers"
page = "vue-d-ensemble"
filtres = { theme = "metavers" }
note = "Deuxième point."

[[parcours.essai.etapes]]
titre = "Les citoyens"
page = "vue-d-ensemble"
filtres = { profil = ["citoyen", "numerique"] }

[[parcours.essai.etapes]]
titre = "Page inconnue"
page = "nulle-part"
"""


def open_path(at: AppTest, url_path: str) -> AppTest:
    """Ask for the page at /<url_path>, as a browser opening that address does (a forged URL
    included): st.Page identifies a page by the hash of its url_path. Call it after a first run,
    so the router's st.navigation is known (before it, AppTest would run pages/<name>.py alone)."""
    at._page_hash = calc_hash(url_path)
    return at


def make(params: dict | None = None, url_path: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if url_path:
        at.run()
        open_path(at, url_path)
    at.run()
    assert not at.exception, at.exception
    return at


def all_text(at: AppTest) -> str:
    """Everything the run sent to the browser (texts, tables as Arrow bytes, chart specs)."""
    out: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            out.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    walk(at.sidebar)
    return "\n".join(out)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value.replace("\u00a0", " ") for m in at.metric}


def captions(at: AppTest) -> list[str]:
    return [c.value.replace("\u00a0", " ").replace("\\", "") for c in at.caption]


@pytest.fixture
def fixture_app(fixture_db_path):
    return make


@pytest.fixture
def parcours_file(tmp_path, monkeypatch):
    path = tmp_path / "parcours.toml"
    path.write_text(PARCOURS, encoding="utf-8")
    monkeypatch.setattr(presentation, "PARCOURS_FILE", path)
    return path


# --- Presentation mode on the overview ----------------------------------------------------------


def test_presentation_mode_draws_no_filter_widget_and_reads_the_filters_from_the_url(fixture_app):
    at = fixture_app({"presentation": "1", "theme": "metavers"})
    assert at.title[0].value == "Vue d'ensemble"
    assert at.multiselect == [] or all(w.key != "f_theme" for w in at.multiselect)
    assert "thème : Métavers" in "\n".join(m.value for m in at.markdown).replace("\\", "")


def test_presentation_mode_injects_the_fixed_stylesheet_that_hides_the_chrome(fixture_app):
    at = fixture_app({"presentation": "1"})
    styles = [h.proto.body for h in at.get("html") if "<style>" in h.proto.body]
    assert styles == [presentation.CSS.strip()]
    assert '[data-testid="stSidebar"]' in styles[0] and "display: none" in styles[0]


def test_outside_presentation_mode_no_stylesheet_is_injected(fixture_app):
    at = fixture_app()
    assert [h for h in at.get("html") if "<style>" in h.proto.body] == []


def test_presentation_mode_protects_small_groups_in_the_kpis(fixture_app):
    """Two répondants to the Métavers questionnaire: no count may be shown."""
    at = fixture_app({"presentation": "1", "theme": "metavers"})
    assert metrics(at) == {
        "Répondants": "< 10",
        "Contributions": "masqué",
        "Réponses": "masqué",
        "Thèmes par répondant": "masqué",
    }
    sentence = "\n".join(m.value for m in at.markdown).replace("\\", "")
    assert "moins de 10 répondants (nombres masqués) · thème : Métavers" in sentence


def test_presentation_mode_protects_the_respondents_by_profile(fixture_app):
    at = fixture_app({"presentation": "1"})
    text = all_text(at)
    assert "< 10" in text
    assert metrics(at)["Répondants"] == "< 10"


def test_every_chart_has_a_caption_saying_which_filters_apply(fixture_app):
    at = fixture_app({"presentation": "1", "theme": "metavers"})
    charts = at.get("plotly_chart")
    assert len(charts) == 3
    with_filters = [c for c in captions(at) if "thème : Métavers" in c]
    assert len(with_filters) == 3
    assert all(chart.proto.alt for chart in charts)


def test_charts_have_no_toolbar_in_presentation_mode(fixture_app):
    at = fixture_app({"presentation": "1"})
    charts = at.get("plotly_chart")
    assert charts
    for chart in charts:
        assert json.loads(chart.proto.config)["displayModeBar"] is False


def test_the_menu_carries_presentation_mode_with_the_filters(fixture_app):
    at = fixture_app({"presentation": "1", "theme": "metavers"})
    strings = {link.proto.query_string for link in at.get("page_link") if link.proto.label in _menu_titles()}
    assert strings == {"theme=metavers&presentation=1"}


def _menu_titles() -> set[str]:
    return {spec.title for spec in navigation.available_pages()}


def test_outside_presentation_mode_the_menu_carries_only_the_filters(fixture_app):
    at = fixture_app({"theme": "metavers"})
    strings = {link.proto.query_string for link in at.get("page_link")}
    assert strings == {"theme=metavers"}


def test_the_presentation_switch_puts_presentation_in_the_url(fixture_app):
    at = fixture_app()
    at.toggle(key="presentation_switch").set_value(True).run()
    assert at.query_params["presentation"] in ("1", ["1"])
    assert [h for h in at.get("html") if "<style>" in h.proto.body]


def test_the_way_out_of_presentation_mode_keeps_the_filters(fixture_app):
    at = fixture_app({"presentation": "1", "profil": "citoyen"})
    at.button(key="presentation_exit").click().run()
    assert "presentation" not in at.query_params
    assert at.query_params["profil"] in ("citoyen", ["citoyen"])
    assert at.multiselect(key="f_profil").value == ["citoyen"]


# --- Parcours -----------------------------------------------------------------------------------


def test_a_parcours_step_shows_its_filters_and_its_position(fixture_app, parcours_file):
    at = fixture_app({"presentation": "1", "parcours": "essai", "etape": "2"})
    assert at.query_params["theme"] in ("metavers", ["metavers"])
    assert any("2 / 3" in m.value and "Le métavers" in m.value for m in at.markdown)
    assert "thème : Métavers" in "\n".join(m.value for m in at.markdown).replace("\\", "")


def test_suivant_opens_the_next_step_with_its_filters(fixture_app, parcours_file):
    at = fixture_app({"presentation": "1", "parcours": "essai", "etape": "2"})
    at.button(key="parcours_next").click().run()
    assert at.query_params["etape"] in ("3", ["3"])
    assert at.query_params["profil"] == ["citoyen", "numerique"]
    assert "theme" not in at.query_params
    assert any("3 / 3" in m.value and "Les citoyens" in m.value for m in at.markdown)


def test_precedent_opens_the_previous_step(fixture_app, parcours_file):
    at = fixture_app({"presentation": "1", "parcours": "essai", "etape": "2"})
    at.button(key="parcours_previous").click().run()
    assert at.query_params["etape"] in ("1", ["1"])
    assert "theme" not in at.query_params


def test_the_first_step_has_no_previous_and_the_last_no_next(fixture_app, parcours_file):
    first = fixture_app({"presentation": "1", "parcours": "essai", "etape": "1"})
    assert first.button(key="parcours_previous").disabled
    last = fixture_app({"presentation": "1", "parcours": "essai", "etape": "3"})
    assert last.button(key="parcours_next").disabled


def test_the_speaker_note_is_at_hand(fixture_app, parcours_file):
    at = fixture_app({"presentation": "1", "parcours": "essai", "etape": "2"})
    assert "Deuxième point" in all_text(at)


def test_a_step_out_of_range_is_clamped_and_said(fixture_app, parcours_file):
    at = fixture_app({"presentation": "1", "parcours": "essai", "etape": "9"})
    assert any("3 / 3" in m.value for m in at.markdown)
    assert any("Le parcours a 3 étapes" in w.value for w in at.warning)


def test_an_unknown_parcours_is_said_in_french_and_ignored(fixture_app, parcours_file):
    at = fixture_app({"presentation": "1", "parcours": "nope"})
    assert any("Parcours inconnu" in w.value for w in at.warning)
    assert at.title[0].value == "Vue d'ensemble"


def test_a_step_on_another_page_opens_that_page(fixture_app, tmp_path, monkeypatch):
    if not (ROOT / "pages" / "timeline.py").is_file():
        pytest.skip("the Chronologie page is not there yet")
    path = tmp_path / "parcours.toml"
    path.write_text(
        '[parcours.p]\ntitre = "P"\n[[parcours.p.etapes]]\ntitre = "Quand"\npage = "chronologie"\n'
        'filtres = { theme = "ecologie" }\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(presentation, "PARCOURS_FILE", path)
    at = fixture_app({"presentation": "1", "parcours": "p", "etape": "1"})
    assert at.title[0].value == "Chronologie"
    assert at.query_params["theme"] in ("ecologie", ["ecologie"])


def test_the_shipped_parcours_file_is_valid():
    parcours, problems = presentation.load_parcours()
    assert problems == []
    assert {"webinaire-ia", "synthese-direction"} <= set(parcours)
    assert len(parcours["webinaire-ia"].steps) == 8
    assert all(step.note for step in parcours["webinaire-ia"].steps)


def test_the_answers_page_is_replaced_by_an_explanation_in_presentation_mode(fixture_app):
    if not any(p.url_path == "reponses" for p in navigation.available_pages()):
        pytest.skip("the Réponses page is not there yet")
    at = fixture_app({"presentation": "1"}, url_path="reponses")
    assert at.title[0].value == "Réponses"
    assert any("pas disponible en mode présentation" in w.value for w in at.warning)
    assert at.dataframe == [] and at.text == []


# --- Privacy setting outside presentation mode ---------------------------------------------------


def test_outside_presentation_mode_protection_is_off_by_default(fixture_app):
    assert metrics(fixture_app())["Répondants"] == "4"


def test_the_protection_switch_hides_small_groups(fixture_app):
    at = fixture_app()
    at.toggle(key="privacy_on").set_value(True).run()
    assert metrics(at)["Répondants"] == "< 10"


def test_the_threshold_can_be_lowered_outside_presentation_mode(fixture_app):
    at = fixture_app()
    at.toggle(key="privacy_on").set_value(True).run()
    at.number_input(key="privacy_threshold_input").set_value(3).run()
    assert metrics(at)["Répondants"] == "4"
    assert metrics(at)["Contributions"] == "6"


def test_the_environment_can_turn_protection_on_by_default(fixture_app, monkeypatch):
    monkeypatch.setenv("CONSULTATION_PRIVACY", "1")
    monkeypatch.setenv("CONSULTATION_PRIVACY_THRESHOLD", "5")
    at = fixture_app()
    assert metrics(at)["Répondants"] == "< 5"
    assert at.number_input(key="privacy_threshold_input").value == 5


def test_presentation_mode_never_uses_a_threshold_below_the_configured_one(fixture_app, monkeypatch):
    monkeypatch.setenv("CONSULTATION_PRIVACY_THRESHOLD", "3")
    at = fixture_app({"presentation": "1"})
    assert metrics(at)["Répondants"] == "4"  # 4 répondants, threshold 3


# --- Every page in presentation mode, on a demo consultation with planted personal data ----------


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, fixture_db_path):
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    subprocess.run(
        [sys.executable, "-m", "consultation", "demo", "--contributions", "400", "--out", str(path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return path


@pytest.fixture
def demo_app(demo_db, monkeypatch):
    monkeypatch.setenv("CONSULTATION_DB", str(demo_db))
    return make


IDS = re.compile(r"\b(?:R\d{6}|C\d{7})\b")


@pytest.mark.parametrize("spec", navigation.available_pages(), ids=lambda s: s.url_path)
def test_no_page_shows_personal_data_ids_or_answers_in_presentation_mode(demo_app, spec):
    from consultation.demo import PLANTED_EMAILS, PLANTED_PHONES

    at = demo_app({"presentation": "1"}, url_path=spec.url_path)
    text = all_text(at)
    assert [e for e in PLANTED_EMAILS if e in text] == []
    assert [p for p in PLANTED_PHONES if p in text] == []
    assert IDS.findall(text) == []
    assert at.text == [], "no verbatim (st.text) in presentation mode"


@pytest.mark.parametrize("spec", navigation.available_pages(), ids=lambda s: s.url_path)
def test_every_chart_of_every_page_has_a_text_alternative_and_a_caption_in_presentation_mode(demo_app, spec):
    at = demo_app({"presentation": "1"}, url_path=spec.url_path)
    charts = at.get("plotly_chart")
    assert all(chart.proto.alt for chart in charts)
    assert len([c for c in captions(at) if "aucun filtre" in c]) >= len(charts)


def test_the_demo_has_planted_personal_data_to_find(demo_db):
    """Guard for the test above: it must have something to look for."""
    import duckdb

    from consultation.demo import PLANTED_EMAILS

    with duckdb.connect(str(demo_db), read_only=True) as con:
        texts = [r[0] for r in con.sql("SELECT text FROM answers WHERE text IS NOT NULL").fetchall()]
    assert any(e in t for t in texts for e in PLANTED_EMAILS)
    assert os.environ.get("CONSULTATION_DB") != str(demo_db)
