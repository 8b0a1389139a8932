"""The Réponses page: list state from the URL, pagination bounds, search semantics, safe
highlighting, drill-down to one contribution and one respondent, hostile URL parameters.

Literal expected values are counted by hand on tests/fixture_db.py (6 contributions, 10 réponses):
by date, most recent first, the réponses are C5 q01 · C6 q01, q02 · C4 q01, q02 · C3 q02 ·
C2 q01, q02 · C1 q01, q02.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import polars as pl
import pytest
from fixture_db import HOSTILE
from streamlit.testing.v1 import AppTest

from consultation import answers, db, export_job, store
from consultation.answers import ListState
from consultation.filters import Filters

APP = str(Path(__file__).resolve().parent.parent / "app.py")
ALL = Filters().sql_params()


@pytest.fixture(autouse=True)
def _db(fixture_db_path):
    return fixture_db_path


def open_answers(**params) -> AppTest:
    """A new session that opens /reponses?<params>, as a shared link does."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()  # the router registers its pages (st.navigation) on the first run
    at.switch_page("pages/answers.py")
    for key, value in params.items():  # the address as the browser sends it
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def warnings(at: AppTest) -> str:
    return " ".join(w.value for w in at.warning).replace("\\", "")


def errors(at: AppTest) -> str:
    return " ".join(e.value for e in at.error).replace("\\", "")


def metrics(at: AppTest) -> dict[str, str]:
    """The counts line: {"Réponses": "10", "Contributions": "6", "Répondants": "4"}."""
    line = next(m.value for m in at.markdown if m.value.startswith("Réponses : "))
    return dict(part.replace("*", "").replace("\u00a0", " ").split(" : ") for part in line.split(" · "))


def markdown(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def page_keys(filters: Filters | None = None, **extra) -> list[tuple[str, str]]:
    params = {"sort": "date_desc", "limit": 25, "offset": 0, "from_end": False, **extra}
    rows = db.run("answer_page", **{**(filters or Filters()).sql_params(), **params})
    return list(zip(rows["contribution_id"], rows["question_id"], strict=True))


# --- List state from the URL ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected", "problem_count"),
    [
        ({}, ListState(), 0),
        (
            {"tri": "theme", "taille": "50", "page": "3", "affichage": "lecture"},
            ListState("theme", 50, 3, "lecture"),
            0,
        ),
        ({"tri": "'; DROP TABLE answers; --"}, ListState(), 1),
        ({"taille": "7"}, ListState(), 1),
        ({"taille": "1000000"}, ListState(), 1),
        ({"affichage": "<script>"}, ListState(), 1),
        ({"page": "2", "tri": ["question", "date_asc"]}, ListState("question", 25, 2), 0),
    ],
)
def test_list_state_is_read_from_the_url_and_wrong_values_are_reported(params, expected, problem_count):
    state, problems = answers.parse_list_params(params)
    assert state == expected
    assert len(problems) == problem_count


@pytest.mark.parametrize(
    ("raw", "expected", "message"),
    [
        ("1", 1, None),
        ("12", 12, None),
        ("0", 1, "La page 0 n'existe pas : les pages commencent à 1. La première page est affichée."),
        ("-3", 1, "La page -3 n'existe pas : les pages commencent à 1. La première page est affichée."),
        ("abc", 1, "Numéro de page illisible : « abc ». La première page est affichée."),
        ("", 1, "Numéro de page illisible : « (vide) ». La première page est affichée."),
        ("2.5", 1, "Numéro de page illisible : « 2.5 ». La première page est affichée."),
        ("9" * 50, 1, f"Numéro de page illisible : « {'9' * 39}… ». La première page est affichée."),
    ],
)
def test_a_page_number_must_be_a_positive_integer(raw, expected, message):
    assert answers.parse_page(raw) == (expected, message)


def test_a_page_past_the_end_shows_the_last_page_and_says_so():
    assert answers.clamp_page(3, 60, 25) == (3, None)
    assert answers.clamp_page(4, 60, 25) == (
        3,
        "La page 4 n'existe pas : il y a 3 pages pour ces filtres. La dernière page est affichée.",
    )
    assert answers.clamp_page(2, 0, 25) == (
        1,
        "La page 2 n'existe pas : il y a 1 page pour ces filtres. La dernière page est affichée.",
    )


def test_pages_past_the_middle_of_the_list_are_read_from_its_other_end():
    """103 réponses, 25 a page: pages 1 and 2 from the start; page 3 is réponses 51-75, the 25
    before the last 28; page 5 is the last 3."""

    def params(page):
        return ListState(page=page).page_params(103)

    assert params(1) == dict(sort="date_desc", limit=25, offset=0, from_end=False)
    assert params(2) == dict(sort="date_desc", limit=25, offset=25, from_end=False)
    assert params(3) == dict(sort="date_desc", limit=25, offset=28, from_end=True)
    assert params(5) == dict(sort="date_desc", limit=3, offset=0, from_end=True)
    assert ListState(sort="theme", page=2).page_params(30) == dict(sort="theme", limit=5, offset=0, from_end=True)
    assert ListState(page=1).page_params(0)["from_end"] is False


def test_the_list_state_writes_only_what_differs_from_the_defaults():
    assert ListState().query_params() == {}
    assert ListState("theme", 100, 4, "tableau").query_params() == {
        "tri": "theme",
        "taille": "100",
        "page": "4",
        "affichage": "tableau",
    }


def test_the_range_line_counts_from_one():
    assert answers.row_range(ListState(page_size=25, page=3), 60).replace("\u00a0", " ") == "Réponses 51 à 60 sur 60"
    assert answers.row_range(ListState(), 0) == "Aucune réponse"


@pytest.mark.parametrize(
    "raw",
    ["'; DROP TABLE answers; --", "C1' OR '1'='1", "<script>alert(1)</script>", "x" * 10_000, "", "C 1", "../C1"],
)
def test_hostile_identifiers_are_refused_before_any_query(raw):
    value, problem = answers.parse_id(raw, "contribution")
    assert value is None
    assert problem.startswith("Identifiant de la contribution invalide")
    assert len(problem) < 120


def test_well_formed_identifiers_are_accepted():
    assert answers.parse_id(["C0000123"], "contribution") == ("C0000123", None)
    assert answers.parse_id(" R000001 ", "répondant") == ("R000001", None)
    assert answers.parse_id(None, "contribution") == (None, None)


# --- Search semantics (SQL) and highlighting (Python) agree -----------------------------------


@pytest.mark.parametrize(
    ("query", "answer_count", "contribution_count"),
    [
        ("ecologie", 1, 1),  # écologie, accent ignored
        ("ÉCOLOGIE", 1, 1),
        ("OEUVRE", 1, 1),  # Œuvres, ligature folded
        ("œuvres", 1, 1),
        ("musee virtuel", 1, 1),  # several words, all required
        ("sobriété métavers", 0, 0),  # both words exist, never in the same réponse
        ('"droit d’auteur"', 1, 1),  # a phrase, typographic apostrophe
        ('"auteur droit"', 0, 0),  # a phrase is matched in order
        ("introuvable", 0, 0),
        ("cologie", 0, 0),  # inside a word (« écologie »): no match
        ("<script>", 1, 1),  # the hostile answer is found like any text
    ],
)
def test_search_counts_follow_the_search_rules(query, answer_count, contribution_count):
    counts = db.run("answer_counts", **Filters(search=query).sql_params()).row(0, named=True)
    assert (counts["answer_count"], counts["contribution_count"]) == (answer_count, contribution_count)


def test_search_lists_only_the_matching_reponses():
    assert page_keys(Filters(search="musées")) == [("C1", "metavers_q01")]
    assert page_keys(Filters(search="introuvable")) == []


def test_matches_are_found_whatever_the_accents_case_and_ligatures():
    text = "L'Écologie des Œuvres, c'est l'écologie."
    assert answers.match_spans(text, ["ecologie"]) == [(2, 10), (31, 39)]
    assert answers.match_spans(text, ["oeuvres"]) == [(15, 21)]
    assert answers.match_spans("droit d’auteur", ["droit d'auteur"]) == [(0, 14)]
    assert answers.match_spans(text, ["absent"]) == []
    # a term inside a word is no match, as for the search: « ia » in « biais », « cologie »
    assert answers.match_spans("Le biais de l'IA", ["ia"]) == [(14, 16)]
    assert answers.match_spans(text, ["cologie"]) == []


def test_highlighting_escapes_the_text_and_marks_the_matches():
    text = "L'écologie du métavers m'inquiète, mais les musées virtuels m'intéressent."
    assert answers.highlight_markdown(text, ["ecologie", "musee"]) == (
        "L\\':primary[**écologie**] du métavers m\\'inquiète\\, mais les :primary[**musée**]s virtuels "
        "m\\'intéressent\\."
    )


def test_a_hostile_answer_is_escaped_character_by_character():
    assert answers.escape_markdown(HOSTILE) == "\\*\\*gras\\*\\* \\<script\\>alert\\(1\\)\\<\\/script\\> \\=1\\+1"
    assert answers.highlight_markdown(HOSTILE, ["script"]) == (
        "\\*\\*gras\\*\\* \\<:primary[**script**]\\>alert\\(1\\)\\<\\/:primary[**script**]\\> \\=1\\+1"
    )


@pytest.mark.parametrize(
    "text",
    [
        "# titre\n- liste\n1. numéro\n> citation",
        "    code indenté\n\tet tabulation",
        "[lien](javascript:alert(1)) ![image](http://x/y.png) <b>gras</b> &lt;b&gt;",
        "`code` ~~barré~~ $x^2$ :material/home: :red[rouge] www.example.com a@b.fr",
        "titre\n===\nsous-titre\n---",
        "| a | b |\n|---|---|\n| 1 | 2 |",
    ],
)
def test_escaped_markdown_has_no_active_character_left(text):
    escaped = answers.escape_markdown(text)
    unescaped = []
    i = 0
    while i < len(escaped):
        if escaped[i] == "\\":
            i += 2
            continue
        unescaped.append(escaped[i])
        i += 1
    assert not set("".join(unescaped)) & set("#*_[]()<>`~$:|=-!&\\+.")
    assert "\n    " not in escaped and "\n\t" not in escaped  # no indented code block


def test_an_excerpt_is_centred_on_the_first_match():
    text = "début " + "mot " * 80 + "écologie " + "fin " * 80
    excerpt = answers.excerpt(text, ["ecologie"], length=60)
    assert excerpt.startswith("…") and excerpt.endswith("…")
    assert "écologie" in excerpt
    assert len(excerpt) <= 62
    assert answers.excerpt("court", ["x"]) == "court"
    assert answers.excerpt("a\n\nb   c") == "a b c"


def test_closed_answers_read_as_text():
    assert answers.answer_value(None, ["Oui"], None) == "Oui"
    assert answers.answer_value(None, ["Musées", "Archives"], None) == "Musées ; Archives"
    assert answers.answer_value(None, None, 4.0) == "4"
    assert answers.answer_value(None, None, 3.5) == "3,50"
    assert answers.answer_value("texte", None, None) == "texte"


# --- The page's queries: one page, sorted, bounded ----------------------------------------------


def test_the_list_is_sorted_by_date_most_recent_first():
    assert page_keys() == [
        ("C5", "metavers_q01"),
        ("C6", "donnees_ia_q01"),
        ("C6", "donnees_ia_q02"),
        ("C4", "donnees_ia_q01"),
        ("C4", "donnees_ia_q02"),
        ("C3", "ecologie_q02"),
        ("C2", "ecologie_q01"),
        ("C2", "ecologie_q02"),
        ("C1", "metavers_q01"),
        ("C1", "metavers_q02"),
    ]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("date_asc", ["C1", "C1", "C2", "C2", "C3", "C4", "C4", "C6", "C6", "C5"]),
        ("theme", ["C5", "C1", "C1", "C3", "C2", "C2", "C6", "C6", "C4", "C4"]),
        ("question", ["C5", "C1", "C1", "C2", "C3", "C2", "C6", "C4", "C6", "C4"]),
        ("profil", ["C6", "C6", "C3", "C4", "C4", "C5", "C2", "C2", "C1", "C1"]),
        ("longueur", ["C2", "C1", "C5", "C6", "C6", "C4", "C4", "C3", "C2", "C1"]),
    ],
)
def test_every_whitelisted_sort_orders_the_list(sort, expected):
    assert [c for c, _q in page_keys(sort=sort)] == expected


def test_pages_follow_each_other_without_overlap():
    first = page_keys(limit=4, offset=0)
    second = page_keys(limit=4, offset=4)
    third = page_keys(limit=4, offset=8)
    assert first + second + third == page_keys()
    assert page_keys(limit=4, offset=40) == []


def test_page_filters_narrow_the_list():
    def counts(**changes):
        row = db.run("answer_counts", **Filters(**changes).sql_params()).row(0, named=True)
        return row["answer_count"], row["contribution_count"], row["respondent_count"]

    assert counts() == (10, 6, 4)
    assert counts(question_id="donnees_ia_q01") == (2, 2, 2)
    assert counts(complete=False) == (1, 1, 1)
    # The brief's example: who answered « Oui » to « Utilisez-vous des outils d'IA… ? »
    assert counts(answer_question_id="donnees_ia_q01", answer_choice="Oui") == (2, 1, 1)
    assert counts(themes=("metavers",), profiles=("citoyen",), regions=("99",)) == (1, 1, 1)


def test_neighbours_follow_the_list_order_and_the_filters():
    def neighbours(cid, sort="date_desc", **changes):
        rows = db.run("contribution_neighbours", contribution_id=cid, sort=sort, **Filters(**changes).sql_params())
        return rows.rows()

    assert neighbours("C3") == [(4, 6, "C4", "C2")]
    assert neighbours("C5") == [(1, 6, None, "C6")]
    assert neighbours("C1") == [(6, 6, "C2", None)]
    assert neighbours("C3", sort="date_asc") == [(3, 6, "C2", "C4")]
    assert neighbours("C1", profiles=("citoyen",)) == [(3, 3, "C2", None)]
    assert neighbours("C3", profiles=("citoyen",)) == []  # not in the filtered list


def test_a_contribution_lists_every_question_of_its_questionnaire():
    rows = db.run("contribution_answers", contribution_id="C5").select("position", "text", "is_answered").rows()
    assert rows == [(1, HOSTILE, True), (2, None, False)]
    assert db.run("contribution_answers", contribution_id="C_unknown").height == 0


def test_a_respondent_lists_all_their_contributions_and_which_pass_the_filters():
    rows = db.run("respondent_contributions", respondent_id="R2", **Filters(complete=True).sql_params())
    assert rows.select("contribution_id", "theme_id", "answer_count", "matches_filters").rows() == [
        ("C3", "ecologie", 1, False),
        ("C6", "donnees_ia", 2, True),
    ]


def test_a_clicked_bar_narrows_the_filters_to_its_value():
    base = Filters(profiles=("citoyen",), themes=("metavers", "ecologie"))
    assert answers.clicked_filters(base, "theme", {"customdata": "ecologie"}).themes == ("ecologie",)
    assert answers.clicked_filters(base, "profile", {"customdata": ["numerique"]}).profiles == ("numerique",)
    day = answers.clicked_filters(base, "day", {"customdata": "2023-02-16"})
    assert (day.date_from, day.date_to, day.profiles) == (date(2023, 2, 16), date(2023, 2, 16), ("citoyen",))
    assert answers.clicked_filters(base, "day", {"customdata": "not a day"}) == base
    assert answers.clicked_filters(base, "theme", {}) == base


# --- The page (AppTest) ---------------------------------------------------------------------------


def test_the_list_shows_the_counts_the_sentence_and_one_page_of_reponses():
    at = open_answers()
    assert at.title[0].value == "Réponses"
    assert metrics(at) == {"Réponses": "10", "Contributions": "6", "Répondants": "4"}
    assert any("6 contributions · aucun filtre" in m.replace("\\", "") for m in markdown(at))
    table = at.dataframe[0].value
    assert list(table.columns) == ["contribution", "date", "theme", "profile", "region", "question", "answer"]
    assert table["contribution"].tolist() == ["C5", "C6", "C6", "C4", "C4", "C3", "C2", "C2", "C1", "C1"]
    assert table["answer"].tolist()[:3] == [HOSTILE, "Non", "2"]  # plain text cells
    assert at.get("pagination")[0].value == 1


def test_the_page_filters_come_from_the_url_and_say_so():
    at = open_answers(choix_question="donnees_ia_q01", choix="Oui", complet="oui")
    assert metrics(at) == {"Réponses": "2", "Contributions": "1", "Répondants": "1"}
    sentence = " ".join(markdown(at)).replace("\\", "")
    assert "contributions complètes" in sentence
    assert (
        "réponse « Oui » à « Utilisez-vous des outils d'intelligence artificielle dans votre activité ? »" in sentence
    )
    assert at.selectbox(key="a_choix_question").value == "donnees_ia_q01"
    assert at.selectbox(key="a_choix").value == "Oui"


def test_changing_a_page_filter_rewrites_the_url_and_goes_back_to_page_one():
    at = open_answers()
    at.selectbox(key="a_question").set_value("donnees_ia_q02").run()
    assert metrics(at)["Réponses"] == "2"
    assert at.query_params["question"] in ("donnees_ia_q02", ["donnees_ia_q02"])
    assert at.dataframe[0].value["answer"].tolist() == ["2", "4"]


def test_a_search_shows_the_reading_view_with_the_matches_highlighted():
    at = open_answers(q="ECOLOGIE")
    assert metrics(at) == {"Réponses": "1", "Contributions": "1", "Répondants": "1"}
    assert (
        "L\\':primary[**écologie**] du métavers m\\'inquiète\\, mais les musées virtuels m\\'intéressent\\."
        in markdown(at)
    )
    links = at.main.get("page_link")
    assert any(
        "contribution=C1" in link.proto.query_string and "q=ECOLOGIE" in link.proto.query_string for link in links
    )


def test_a_hostile_answer_is_shown_escaped_in_the_reading_view():
    at = open_answers(q="gras", affichage="lecture")
    assert "\\*\\*:primary[**gras**]\\*\\* \\<script\\>alert\\(1\\)\\<\\/script\\> \\=1\\+1" in markdown(at)
    assert not any("<script>" in m for m in markdown(at))


@pytest.mark.parametrize(
    ("params", "messages"),
    [
        ({"page": "0", "taille": "7"}, ["La page 0 n'existe pas", "Taille de page impossible : « 7 »"]),
        (
            {"page": "deux", "tri": "submitted_at; DROP TABLE answers"},
            ["Numéro de page illisible : « deux »", "Tri inconnu"],
        ),
        ({"page": "-1", "affichage": "x" * 10_000}, ["La page -1 n'existe pas", "Affichage inconnu"]),
        ({"page": "2"}, ["La page 2 n'existe pas : il y a 1 page pour ces filtres"]),
        # dates the sidebar's date pickers cannot hold used to crash every page
        ({"du": "9999-12-31", "au": "1999-12-31"}, ["Date de début hors des bornes", "Date de fin hors des bornes"]),
        (
            {"question": "<b>x</b>", "complet": "peut-être", "choix_question": "donnees_ia_q01", "choix": "Peut-être"},
            ["Question inconnue", "Valeur inconnue pour « complet »", "n'est pas une réponse possible"],
        ),
        (
            {
                "choix_question": "metavers_q01",
                "choix": "Oui",
                "du": "2023-02-30",
                "theme": "'; DROP TABLE answers; --",
            },
            ["incomplet ou inconnu", "Date de début illisible", "Valeur inconnue pour le filtre thème"],
        ),
    ],
)
def test_hostile_list_parameters_are_reported_and_the_whole_list_still_shows(params, messages):
    at = open_answers(**params)
    for message in messages:
        assert message in warnings(at)
    assert metrics(at)["Réponses"] == "10"


def test_a_search_of_10_kb_is_refused_not_run():
    at = open_answers(q="x" * 10_000)
    assert "dépasse 200 caractères" in warnings(at)
    assert metrics(at)["Réponses"] == "10"


def test_a_shared_contribution_url_opens_the_same_contribution_in_a_new_session():
    first = open_answers(contribution="C5", theme="metavers")
    second = open_answers(contribution="C5", theme="metavers")
    for at in (first, second):
        assert at.title[0].value == "Contribution C5"
        assert [t.value for t in at.text] == [HOSTILE]  # plain text, never Markdown
        assert "*sans réponse*" in [c.value for c in at.caption]
        assert at.multiselect(key="f_theme").value == ["metavers"]


def test_a_contribution_shows_its_respondent_and_both_neighbours_in_the_filtered_list():
    at = open_answers(contribution="C3", tri="date_desc")
    labels = {link.value: link.proto.query_string for link in at.main.get("page_link")}
    assert "contribution=C4" in labels["Contribution précédente"]
    assert "contribution=C2" in labels["Contribution suivante"]
    assert "repondant=R2" in labels["Répondant R2 : toutes ses contributions"]
    assert "contribution=C6" in labels["Ouvrir la contribution C6"]
    captions = " ".join(c.value for c in at.caption).replace("\u00a0", " ")
    assert "Contribution 4 sur 6 de la liste filtrée" in captions
    body = " ".join(markdown(at)).replace("\\", "")
    assert "Archives" in body and "Collectivité territoriale" in body and "Auvergne-Rhône-Alpes" in body


def test_prev_and_next_links_keep_the_filters_in_the_url():
    at = open_answers(contribution="C1", profil="citoyen")
    labels = {link.value: link.proto.query_string for link in at.main.get("page_link")}
    assert labels["Contribution précédente"] == "profil=citoyen&contribution=C2"
    assert labels["Retour à la liste"] == "profil=citoyen"


def test_a_respondent_url_lists_their_contributions():
    at = open_answers(repondant="R2")
    assert at.title[0].value == "Répondant R2"
    assert "2 contributions" in [s.value for s in at.subheader]
    labels = [link.value for link in at.main.get("page_link")]
    assert labels == ["Retour à la liste", "Ouvrir la contribution C3", "Ouvrir la contribution C6"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"contribution": "C999"}, "Aucune contribution n'a l'identifiant « C999 »."),
        ({"repondant": "R999"}, "Aucun répondant n'a l'identifiant « R999 »."),
    ],
)
def test_unknown_identifiers_say_so(params, message):
    at = open_answers(**params)
    assert errors(at) == message
    assert not at.text  # no answer of anybody else


@pytest.mark.parametrize(
    "value", ["C1' OR '1'='1", "'; DROP TABLE answers; --", "<script>alert(1)</script>", "C" * 10_000]
)
def test_hostile_identifiers_in_the_url_never_show_anybody_s_answers(value):
    at = open_answers(contribution=value)
    assert at.title[0].value == "Réponses"
    assert "Identifiant de la contribution invalide" in warnings(at)
    at = open_answers(repondant=value)
    assert "Identifiant du répondant invalide" in warnings(at)
    assert not at.text


def test_the_export_is_built_only_when_asked_then_offered_for_download():
    at = open_answers(theme="metavers")
    assert [b.label for b in at.main.get("download_button")] == []
    at.button(key="a_export_prepare").click().run()
    [download] = at.main.get("download_button")
    assert download.label.startswith("Télécharger reponses_")
    assert download.label.endswith("_theme-metavers.csv")


def test_a_long_export_is_built_apart_and_offered_for_download(monkeypatch):
    monkeypatch.setattr(export_job, "APART_FROM_ROWS", 1)  # every export counts as long
    at = open_answers(theme="metavers")
    at.button(key="a_export_prepare").click().run()
    assert not at.exception
    [download] = at.main.get("download_button")
    assert download.label.endswith("_theme-metavers.csv")


def test_an_import_during_the_export_asks_to_export_again(monkeypatch):
    def replaced(job):
        raise export_job.DatabaseChanged(job.version)

    monkeypatch.setattr(export_job, "build", replaced)
    at = open_answers(theme="metavers")
    at.button(key="a_export_prepare").click().run()
    assert "cliquez de nouveau sur « Préparer l'export »" in warnings(at)
    assert at.main.get("download_button") == []


def test_a_click_on_an_overview_bar_opens_the_answers_with_that_filter():
    """AppTest cannot click a plotly bar: the session is put where the click leads (the same
    params that ui.drill_to_answers hands to st.switch_page), and the Réponses page applies them."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["profil"] = "citoyen"
    at.run()
    assert at.title[0].value == "Vue d'ensemble"
    clicked = answers.clicked_filters(Filters(profiles=("citoyen",)), "theme", {"customdata": "ecologie"})
    at.switch_page("pages/answers.py")
    at.query_params.clear()
    at.query_params.update(clicked.query_params())
    at.run()
    assert not at.exception
    assert at.title[0].value == "Réponses"
    assert at.multiselect(key="f_theme").value == ["ecologie"]
    assert at.multiselect(key="f_profil").value == ["citoyen"]
    assert metrics(at) == {"Réponses": "2", "Contributions": "1", "Répondants": "1"}


# --- Pagination on a database with more réponses than a page ------------------------------------


@pytest.fixture
def sixty_answers(tmp_path, monkeypatch):
    """60 contributions of one réponse each (C01 is the oldest, C60 the most recent)."""
    questions = pl.DataFrame(
        {
            "question_id": ["langue_q01"],
            "theme_id": ["langue"],
            "position": [1],
            "label": ["Une question"],
            "kind": ["open"],
            "choices": [None],
        },
        schema_overrides={"choices": pl.List(pl.String), "position": pl.Int32},
    )
    ids = [f"C{i:02d}" for i in range(1, 61)]
    frames = {
        "questions": questions,
        "respondents": pl.DataFrame(
            {
                "respondent_id": ["R1"],
                "profile": ["citoyen"],
                "sector": ["autre"],
                "organisation_type": ["particulier"],
                "region_code": ["11"],
            }
        ),
        "contributions": pl.DataFrame(
            {
                "contribution_id": ids,
                "respondent_id": ["R1"] * 60,
                "theme_id": ["langue"] * 60,
                "submitted_at": [datetime(2023, 3, 1, 8, i) for i in range(60)],
                "is_complete": [True] * 60,
                "source_id": ["test"] * 60,
            }
        ),
        "answers": pl.DataFrame(
            {
                "contribution_id": ids,
                "question_id": ["langue_q01"] * 60,
                "text": [f"Réponse numéro {i}" for i in range(1, 61)],
                "choices": [None] * 60,
                "number": [None] * 60,
            },
            schema_overrides={"choices": pl.List(pl.String), "number": pl.Float64},
        ),
    }
    path = store.build_database(tmp_path / "sixty.duckdb", frames, {"source": "test", "is_demo": "false"})
    monkeypatch.setenv("CONSULTATION_DB", str(path))
    return path


def test_page_two_of_a_shared_url_shows_rows_26_to_50(sixty_answers):
    at = open_answers(page="2")
    ids = at.dataframe[0].value["contribution"].tolist()
    assert ids == [f"C{i:02d}" for i in range(35, 10, -1)]
    assert at.get("pagination")[0].value == 2
    assert "Réponses 26 à 50 sur 60" in [c.value.replace("\u00a0", " ") for c in at.caption]


def test_the_last_page_is_shorter_and_a_page_past_it_is_explained(sixty_answers):
    at = open_answers(page="9", taille="25")
    assert "La page 9 n'existe pas : il y a 3 pages pour ces filtres" in warnings(at)
    assert at.dataframe[0].value["contribution"].tolist() == [f"C{i:02d}" for i in range(10, 0, -1)]
    assert at.query_params["page"] in ("3", ["3"])


def test_turning_the_page_and_then_changing_the_sort_goes_back_to_page_one(sixty_answers):
    at = open_answers()
    at.get("pagination")[0].select(3).run()
    assert at.dataframe[0].value["contribution"].tolist()[0] == "C10"
    assert at.query_params["page"] in ("3", ["3"])
    at.selectbox(key="a_tri").set_value("date_asc").run()
    assert at.get("pagination")[0].value == 1
    assert at.dataframe[0].value["contribution"].tolist()[0] == "C01"
    assert "page" not in at.query_params
