"""Thèmes page: its queries on the fixture DB (literal counts, agreement with the overview), a
crosstab with a known chi-square on a small DB of its own, and the page itself (AppTest)."""

from datetime import datetime
from pathlib import Path

import polars as pl
import pytest
from data_tables import open_data_tables
from fixture_db import HOSTILE
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from consultation import db, stats, store, terms
from consultation.filters import Filters

APP = str(Path(__file__).resolve().parent.parent / "app.py")
ALL = Filters().sql_params()


def run(name: str, filters: Filters | None = None, **extra) -> pl.DataFrame:
    return db.run(name, **{**(filters or Filters()).sql_params(), **extra})


# --- A small DB of its own: a yes/no question whose answers depend on the profile ------------------
# 50 citoyens (30 Oui, 20 Non), 50 professionnels (12 Oui, 38 Non), 7 acteurs du numérique
# (4 Oui, 3 Non: a group under 10 répondants). Five open answers.

OPEN_TEXTS = [
    "Les musées virtuels ouvrent la culture à tous.",
    "Le droit d'auteur doit être protégé dans le métavers.",
    "Des visites virtuelles pour les écoles rurales.",
    "L'accessibilité des musées virtuels reste à construire.",
    "Former les médiateurs aux mondes virtuels.",
]


def build_crosstab_db(path: Path) -> Path:
    questions = pl.DataFrame(
        [
            (
                "metavers_q01",
                "metavers",
                1,
                "Avez-vous déjà visité une exposition virtuelle ?",
                "yes_no",
                ["Oui", "Non"],
            ),
            ("metavers_q02", "metavers", 2, "Quelles opportunités le métavers ouvre-t-il ?", "open", None),
        ],
        schema={
            "question_id": pl.String,
            "theme_id": pl.String,
            "position": pl.Int32,
            "label": pl.String,
            "kind": pl.String,
            "choices": pl.List(pl.String),
        },
        orient="row",
    )
    groups = [("citoyen", 30, 20), ("professionnel", 12, 38), ("numerique", 4, 3)]
    respondents, contributions, answers = [], [], []
    for profile, yes, no in groups:
        for i in range(yes + no):
            rid = f"{profile}-{i:02d}"
            respondents.append((rid, profile, "non_renseigne", "particulier", "11"))
            contributions.append((f"C-{rid}", rid, "metavers", datetime(2023, 3, 1 + i % 20, 10, 0), True, "x"))
            answers.append((f"C-{rid}", "metavers_q01", None, ["Oui" if i < yes else "Non"]))
    for i, text in enumerate(OPEN_TEXTS):
        answers.append((f"C-citoyen-{i:02d}", "metavers_q02", text, None))
    frames = {
        "questions": questions,
        "respondents": pl.DataFrame(
            respondents, schema=["respondent_id", "profile", "sector", "organisation_type", "region_code"], orient="row"
        ),
        "contributions": pl.DataFrame(
            contributions,
            schema=["contribution_id", "respondent_id", "theme_id", "submitted_at", "is_complete", "source_id"],
            orient="row",
        ),
        "answers": pl.DataFrame(
            answers,
            schema={
                "contribution_id": pl.String,
                "question_id": pl.String,
                "text": pl.String,
                "choices": pl.List(pl.String),
            },
            orient="row",
        ),
    }
    return store.build_database(path, frames, {"source": "test", "is_demo": "false"})


@pytest.fixture(scope="module")
def crosstab_db_path(tmp_path_factory) -> Path:
    return build_crosstab_db(tmp_path_factory.mktemp("themes") / "crosstab.duckdb")


@pytest.fixture
def on_fixture(fixture_db_path, monkeypatch):
    monkeypatch.setenv("CONSULTATION_DB", str(fixture_db_path))
    return fixture_db_path


@pytest.fixture
def on_crosstab_db(fixture_db_path, crosstab_db_path, monkeypatch):
    """The app reads the crosstab DB for one test; the shared fixture DB comes back after it."""
    monkeypatch.setenv("CONSULTATION_DB", str(crosstab_db_path))
    return crosstab_db_path


# --- Queries on the shared fixture -----------------------------------------------------------------


def test_theme_comparison_counts_contributions_completion_and_open_answers(on_fixture):
    rows = run("theme_comparison").select(
        "theme_id", "contribution_count", "respondent_count", "complete_count", "completion_pct", "answer_count"
    )
    assert rows.rows() == [
        ("metavers", 2, 2, 2, 100.0, 3),
        ("creation", 0, 0, 0, None, 0),
        ("ecologie", 2, 2, 1, 50.0, 3),
        ("langue", 0, 0, 0, None, 0),
        ("archivage", 0, 0, 0, None, 0),
        ("donnees_ia", 2, 2, 2, 100.0, 4),
    ]


def test_open_fill_rate_is_open_answers_over_contributions_times_open_questions(on_fixture):
    """Métavers: 2 contributions × 1 open question, 2 filled; Écologie: 1 of 2; Données & IA has none."""
    rows = run("theme_comparison").select("theme_id", "open_question_count", "open_fill_pct").rows()
    assert rows[0] == ("metavers", 1, 100.0)
    assert rows[2] == ("ecologie", 1, 50.0)
    assert rows[5] == ("donnees_ia", 0, None)


@pytest.mark.parametrize(
    "filters",
    [Filters(), Filters(profiles=("citoyen",)), Filters(search="musées"), Filters(themes=("ecologie", "metavers"))],
    ids=["none", "profile", "search", "themes"],
)
def test_theme_comparison_adds_up_to_the_overview(on_fixture, filters):
    per_theme = run("theme_comparison", filters)
    kpis = run("overview_kpis", filters).row(0, named=True)
    assert per_theme["contribution_count"].sum() == kpis["contribution_count"]
    assert per_theme["answer_count"].sum() == kpis["answer_count"]


def test_profile_mix_counts_each_respondent_once_a_theme(on_fixture):
    mix = run("theme_profile_mix").filter(pl.col("respondent_count") > 0)
    assert mix.select("theme_id", "profile", "respondent_count", "share_pct").rows() == [
        ("metavers", "citoyen", 2, 100.0),
        ("ecologie", "professionnel", 1, 50.0),
        ("ecologie", "citoyen", 1, 50.0),
        ("donnees_ia", "professionnel", 1, 50.0),
        ("donnees_ia", "numerique", 1, 50.0),
    ]


def test_distribution_lists_every_choice_and_scale_point(on_fixture):
    cross = run("question_crosstab", theme_id="donnees_ia", dimension="profile")
    rows = stats.distribution(cross).select("question_id", "choice", "respondent_count", "answered_count", "share_pct")
    assert rows.rows() == [
        ("donnees_ia_q01", "Oui", 1, 2, 50.0),
        ("donnees_ia_q01", "Non", 1, 2, 50.0),
        ("donnees_ia_q02", "1", 0, 2, 0.0),
        ("donnees_ia_q02", "2", 1, 2, 50.0),
        ("donnees_ia_q02", "3", 0, 2, 0.0),
        ("donnees_ia_q02", "4", 1, 2, 50.0),
        ("donnees_ia_q02", "5", 0, 2, 0.0),
    ]


def test_question_crosstab_by_profile_and_by_sector(on_fixture):
    by_profile = run("question_crosstab", theme_id="ecologie", dimension="profile").filter(
        pl.col("respondent_count") > 0
    )
    assert by_profile.select("group_code", "choice", "respondent_count", "group_answered_count").rows() == [
        ("professionnel", "Moyen", 1, 1),
        ("citoyen", "Fort", 1, 1),
    ]
    by_sector = run("question_crosstab", theme_id="ecologie", dimension="sector")
    assert by_sector["group_label"].unique(maintain_order=True).to_list() == ["Archives", "Non renseigné"]


def test_the_distribution_is_the_same_whatever_the_crosstab_it_is_read_from(on_fixture):
    """Every répondant is in one group of each dimension ("Non renseigné" included): added up, the
    crosstab by profile, by sector and by organisation type give the same distribution."""
    for theme in ("metavers", "ecologie", "donnees_ia"):
        by = {
            dimension: stats.distribution(run("question_crosstab", theme_id=theme, dimension=dimension))
            for dimension in stats.DIMENSIONS
        }
        assert by["profile"].height > 0
        assert by["profile"].equals(by["sector"]) and by["profile"].equals(by["organisation_type"])


def test_a_question_nobody_answered_has_no_distribution_row(on_fixture):
    cross = run("question_crosstab", Filters(profiles=("citoyen",)), theme_id="donnees_ia", dimension="profile")
    assert stats.distribution(cross).height == 0


def test_question_open_stats_counts_reponses_and_mean_length(on_fixture):
    rows = run("question_open_stats", theme_id="metavers").rows(named=True)
    assert len(rows) == 1
    assert rows[0]["answer_count"] == 2
    texts = ["L'écologie du métavers m'inquiète, mais les musées virtuels m'intéressent.", HOSTILE]
    assert rows[0]["avg_chars"] == pytest.approx(sum(len(t) for t in texts) / 2)
    assert rows[0]["avg_words"] == (9 + 7) / 2  # as the Textes page counts words (open_answers)


def test_question_terms_are_the_text_module_terms_counted_once_a_reponse(on_fixture):
    rows = run("question_terms", theme_id="metavers", excluded=list(terms.CONSULTATION_TERMS), limit=20)
    assert rows.select("term", "label", "answer_count", "occurrence_count").rows() == [
        ("script", "script", 1, 2),  # twice in one réponse: first among the ties
        ("alert", "alert", 1, 1),
        ("gras", "gras", 1, 1),
        ("inquiéter", "inquiéter", 1, 1),
        ("intéresser", "intéresser", 1, 1),
        ("musée", "musées", 1, 1),
        ("métavers", "métavers", 1, 1),
        ("virtuel", "virtuels", 1, 1),
        ("écologie", "écologie", 1, 1),
    ]
    assert rows["share_pct"].unique().to_list() == [50.0]


def test_question_terms_leave_out_the_consultation_words_and_follow_the_search(on_fixture):
    ecologie = run("question_terms", theme_id="ecologie", excluded=list(terms.CONSULTATION_TERMS), limit=20)
    assert "numérique" not in ecologie["term"].to_list()
    searched = run("question_terms", Filters(search="musées"), theme_id="metavers", excluded=[], limit=20)
    assert "script" not in searched["term"].to_list()  # the hostile réponse does not mention musées
    assert searched["share_pct"].unique().to_list() == [100.0]


def test_question_verbatims_are_reproducible_for_a_seed_and_drawn_per_question(on_fixture):
    """Each open question draws its own réponses with its own seed, all in one query; a seed always
    draws the same réponses, and other seeds draw others."""

    def draw(seeds, questions=("metavers_q01",)):
        rows = run("question_verbatims", question_ids=list(questions), seeds=list(seeds), limit=1)
        return [(r["question_id"], r["contribution_id"]) for r in rows.iter_rows(named=True)]

    draws = [draw([seed]) for seed in range(8)]
    assert {d[0] for d in draws} == {("metavers_q01", "C1"), ("metavers_q01", "C5")}  # its two réponses
    assert draw([3]) == draws[3]
    assert draw([3, 5], ("metavers_q01", "ecologie_q01")) == draw([5], ("ecologie_q01",)) + draws[3]


# --- The crosstab DB: a known chi-square and the clearest difference -------------------------------


def test_crosstab_query_feeds_a_known_chi_square_and_sentence(on_crosstab_db):
    cells = stats.crosstab_cells(run("question_crosstab", theme_id="metavers", dimension="profile"))
    test = stats.question_test(cells, "yes_no")
    assert test.statistic == pytest.approx(11.863711, rel=1e-6)  # 100·850² / (50·50·42·58), numerique left out
    assert test.excluded_groups == ("numerique",)
    difference = stats.clearest_difference(cells, test, "yes_no")
    assert stats.difference_sentence(difference, "profile", "yes_no") == (
        "Les citoyens répondent « Oui » 36 points plus souvent que les professionnels de la culture "
        "(60\u00a0% contre 24\u00a0%)."
    )


# --- The page --------------------------------------------------------------------------------------


def page(**params) -> AppTest:
    """The app opened at /themes?<params>, as a browser does (st.Page knows a page by its url_path's hash)."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at._page_hash = calc_hash("themes")
    return at.run()


def markdown_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown).replace("\u00a0", " ").replace("\\", "")


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption).replace("\u00a0", " ").replace("\\", "")


def test_themes_page_with_a_theme_filter_in_the_url(on_fixture):
    at = page(theme="metavers")
    assert not at.exception
    assert at.title[0].value == "Thèmes"
    assert at.selectbox(key="theme_page").value == "metavers"
    assert "**Métavers** : 2 contributions, 100 % complètes." in markdown_text(at)
    comparison = at.dataframe[0].value
    assert comparison["Contributions"].tolist() == ["2", "0", "0", "0", "0", "0"]
    assert "1 répondant a répondu (50 % des contributions)" in captions(at)  # the yes/no question


def test_themes_page_theme_choice_and_filters_survive_the_url(on_fixture):
    at = page(theme_page="ecologie", profil="citoyen")
    assert not at.exception
    assert at.selectbox(key="theme_page").value == "ecologie"
    assert "**Impact écologique** : 1 contribution, 100 % complètes." in markdown_text(at)
    assert at.query_params["theme_page"] in ("ecologie", ["ecologie"])


def test_themes_page_crosses_by_sector_on_demand(on_fixture):
    at = page(theme_page="ecologie", croiser="secteur")
    assert not at.exception
    assert "Pas assez de répondants pour tester un lien avec le secteur" in captions(at)


def test_themes_page_ignores_an_unknown_crosstab_dimension(on_fixture):
    at = page(theme_page="ecologie", croiser="region; DROP TABLE answers")
    assert not at.exception
    assert "Pas assez de répondants pour tester un lien avec le profil" in captions(at)


def test_themes_page_shows_answer_texts_as_plain_text(on_fixture):
    at = page(theme_page="metavers")
    assert HOSTILE in [t.value for t in at.text]
    assert "<script>" not in markdown_text(at)


def test_themes_page_states_the_clearest_difference(on_crosstab_db):
    at = page()
    assert not at.exception
    assert (
        "Les citoyens répondent « Oui » 36 points plus souvent que les professionnels de la culture "
        "(60 % contre 24 %)." in markdown_text(at)
    )


def test_drawing_other_verbatims_follows_the_click_count(on_crosstab_db):
    at = page()
    first = [t.value for t in at.text]
    at.button(key="draw_metavers_q02").click().run()
    assert not at.exception
    seed_1 = drawn_texts("metavers_q02", seed=1)
    assert [t.value for t in at.text] == seed_1
    assert first == drawn_texts("metavers_q02", seed=0)
    assert first != seed_1


def drawn_texts(question_id: str, seed: int) -> list[str]:
    """The texts of the réponses question_verbatims draws for a seed, in draw order (the page reads
    them by key with text_verbatims)."""
    drawn = run("question_verbatims", question_ids=[question_id], seeds=[seed], limit=3)
    keys = [f"{c}|{q}" for c, q in zip(drawn["contribution_id"], drawn["question_id"], strict=True)]
    texts = run("text_verbatims", contribution_ids=drawn["contribution_id"].to_list(), answer_keys=keys)
    by_key = {f"{r['contribution_id']}|{r['question_id']}": r["text"] for r in texts.iter_rows(named=True)}
    return [by_key[k] for k in keys]


def test_a_fresh_deep_link_to_themes_goes_through_the_router(on_fixture):
    """A folder named pages/ makes Streamlit run /themes as the bare script at first (AppTest starts
    afresh at each run, as a server does on its first request): the page must still get the router's
    filters (ui.current_filters sends it back through app.py)."""
    at = page(theme="metavers")
    assert "2 contributions · thème : Métavers" in markdown_text(at)


def test_a_hidden_crosstab_cell_cannot_be_found_back_by_subtraction(on_crosstab_db):
    """7 acteurs du numérique: their cells are hidden. The distribution beside the crosstab gives
    each choice's total, so another cell of that choice must be hidden too (and then another of
    its group), and the sentence must not quote a hidden share."""
    at = open_data_tables(page(presentation="1"))
    assert not at.exception
    table = next(d.value for d in at.dataframe if "Rapport à l'ensemble" in d.value.columns)
    hidden = table["Répondants"].isin(["< 10", "masqué"])
    assert hidden.any()
    for by in ("Réponse", "Profil"):
        per_line = hidden.groupby(table[by]).sum()
        assert not (per_line == 1).any(), f"a lone hidden cell per {by}: {per_line.to_dict()}"
    assert "acteurs du numérique" not in markdown_text(at)
