"""AppTest of the Textes page: what a user sees for a URL, on the fixture and a small demo database."""

from pathlib import Path
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from consultation import demo

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    return demo.generate(tmp_path_factory.mktemp("texts-page") / "d.duckdb", contributions=1500)


def open_texts(db_path: Path, monkeypatch, **params) -> AppTest:
    """The Textes page for a URL with ``params``, as a new session opening that link."""
    monkeypatch.setenv("CONSULTATION_DB", str(db_path))
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/texts.py")
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Textes"
    return at


def term_links(at: AppTest) -> list[tuple[str, dict]]:
    """(label, query params) of the links that open the Réponses page searched for a term."""
    out = []
    for link in at.get("page_link"):
        query = parse_qs(link.proto.query_string)
        if "q" in query:
            out.append((link.proto.label.replace("\\", "").replace("\u00a0", " "), query))
    return out


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value.replace("\u00a0", " ") for m in at.metric}


def warnings(at: AppTest) -> str:
    return " ".join(w.value for w in at.warning)


# --- Fixture database: literal values ------------------------------------------------------------


def test_the_cloud_of_the_fixture_lists_every_term_with_its_count_and_link(fixture_db_path, monkeypatch):
    """14 terms (« numérique » is left out of the cloud); each link opens the Réponses page
    searched for the term, with the filters of the view."""
    at = open_texts(fixture_db_path, monkeypatch, theme="metavers")
    assert metrics(at)["Réponses ouvertes"] == "2"
    links = term_links(at)
    assert [label for label, _q in links[:3]] == ["script · 1", "alert · 1", "gras · 1"]
    assert len(links) == 9  # metavers: C1 six terms, C5 three
    assert links[0][1] == {"theme": ["metavers"], "q": ["script"]}
    (cloud,) = at.image
    assert cloud.proto.imgs[0].alt.startswith("Nuage des 9 termes les plus employés dans les réponses ouvertes")


def test_a_filter_without_open_answers_says_so(fixture_db_path, monkeypatch):
    at = open_texts(fixture_db_path, monkeypatch, theme="donnees_ia")
    assert "Aucune réponse ouverte ne correspond à ces filtres." in warnings(at)


def test_protection_hides_the_analysis_of_a_small_group(fixture_db_path, monkeypatch):
    monkeypatch.setenv("CONSULTATION_PRIVACY", "1")
    at = open_texts(fixture_db_path, monkeypatch)
    assert any("Moins de 10 répondants" in i.value for i in at.info)
    assert term_links(at) == []


def test_unknown_settings_in_the_url_are_reported_and_ignored(fixture_db_path, monkeypatch):
    at = open_texts(fixture_db_path, monkeypatch, vue="'; DROP TABLE answers; --", sujets="99", question="nope")
    text = warnings(at)
    assert "Valeur inconnue pour « vue »" in text
    assert "Valeur inconnue pour « sujets »" in text
    assert "Valeur inconnue pour « question »" in text
    assert at.button_group(key="t_vue").value == "nuage"
    assert len(term_links(at)) == 14


# --- Small demo database ----------------------------------------------------------------------------


def test_settings_in_the_url_open_the_same_comparison(demo_db, monkeypatch):
    """A shared link to « Métavers face aux autres thèmes » opens that comparison."""
    at = open_texts(demo_db, monkeypatch, vue="distinctifs", comparer="theme", groupe_a="metavers")
    assert at.radio(key="t_comparer").value == "theme"
    assert at.selectbox(key="t_theme_a").value == "metavers"
    assert any("face aux autres thèmes" in m.value for m in at.markdown)
    assert len(at.get("plotly_chart")) == 1
    assert at.query_params["groupe_a"] in ("metavers", ["metavers"])


def test_changing_the_view_rewrites_the_url(demo_db, monkeypatch):
    at = open_texts(demo_db, monkeypatch)
    at.button_group(key="t_vue").set_value("distinctifs").run()
    assert not at.exception, at.exception
    assert at.query_params["vue"] in ("distinctifs", ["distinctifs"])
    assert at.query_params["groupe_a"] in ("citoyen", ["citoyen"])


def test_the_campaign_view_lists_the_planted_campaign_first(demo_db, monkeypatch):
    at = open_texts(demo_db, monkeypatch, vue="campagnes")
    table = at.dataframe[0].value
    first = table.iloc[0] if hasattr(table, "iloc") else table.row(0, named=True)
    assert first["Réponses"] >= 40
    assert "droit d'auteur" in first["Question"]
    assert len(at.get("plotly_chart")) >= 1  # its answers per day
    assert any("Je soutiens" in t.value or "JE SOUTIENS" in t.value for t in at.text)


def test_one_voice_counts_each_campaign_once(demo_db, monkeypatch):
    at = open_texts(demo_db, monkeypatch, une_voix="oui")
    shown = metrics(at)
    answers, voices = (int(shown[k].replace(" ", "")) for k in ("Réponses ouvertes", "Voix comptées"))
    assert answers - voices >= 49  # the 50 copies of the campaign count as one
    assert at.toggle(key="t_une_voix").value is True


def test_topics_show_their_terms_and_typical_answers(demo_db, monkeypatch):
    at = open_texts(demo_db, monkeypatch, vue="sujets", theme="donnees_ia", sujets="4")
    titles = [e.label for e in at.expander if e.label.startswith("Sujet ")]
    assert [t.split(" ·")[0] for t in titles] == ["Sujet 1", "Sujet 2", "Sujet 3", "Sujet 4"]
    assert len(at.text) >= 4  # verbatims, as plain text
    assert at.slider(key="t_sujets").value == 4


def test_a_campaign_of_few_respondents_is_not_detailed_when_protection_is_on(demo_db, monkeypatch):
    """Among the professionals of Île-de-France the planted campaign has fewer than 10 répondants:
    in presentation mode neither its answers nor its days may be shown, only that it exists."""
    at = open_texts(demo_db, monkeypatch, vue="campagnes", profil="professionnel", region="11", presentation="1")
    notes = " ".join(c.value for c in at.caption)
    assert "de moins de 10 répondants" in notes and "détaillé" in notes
    for frame in at.dataframe:
        assert "< 10" not in frame.value.astype(str).to_numpy().ravel().tolist()
    assert not any(e.label.startswith(("1 réponse", "2 réponses")) for e in at.expander)


def test_the_cloud_writes_acronyms_as_people_do_and_its_links_find_every_form(demo_db, monkeypatch):
    """« IA » is written in capitals by most who use it, so the cloud shows it so; the link of
    « créer » searches « crée », the beginning of créer, créent, créé (the search finds word starts)."""
    at = open_texts(demo_db, monkeypatch, theme="donnees_ia")
    links = {label.rsplit(" · ", 1)[0]: query for label, query in term_links(at)}
    assert links["IA"] == {"theme": ["donnees_ia"], "q": ["ia"]}
    assert "ia" not in links
    assert links["créer"] == {"theme": ["donnees_ia"], "q": ["crée"]}
