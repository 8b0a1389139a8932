"""Every named query runs on the fixture database; the key ones return literal results."""

import json
from datetime import date

import pytest

from consultation import db, sql
from consultation.filters import Filters

ALL = Filters().sql_params()


@pytest.fixture(autouse=True)
def _db(fixture_db_path):
    return fixture_db_path


def example_params(name: str) -> dict:
    """Extra params a query declares in its header: `-- example params: {"limit": 10}` (JSON)."""
    for line in (sql.QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8").splitlines():
        if line.startswith("-- example params:"):
            return json.loads(line.removeprefix("-- example params:"))
    return {}


@pytest.mark.parametrize("name", sql.query_names())
def test_every_query_runs_with_no_filter_and_with_every_filter(name):
    everything = Filters(
        themes=("metavers",),
        profiles=("citoyen",),
        sectors=("non_renseigne",),
        organisation_types=("particulier",),
        regions=("11",),
        date_from=date(2023, 2, 1),
        date_to=date(2023, 3, 31),
        search="musées",
        question_id="metavers_q01",
        complete=True,
    ).sql_params()
    extra = example_params(name)
    assert db.run(name, **{**ALL, **extra}) is not None
    assert db.run(name, **{**everything, **extra}) is not None


@pytest.mark.parametrize("name", sql.query_names())
def test_a_query_reads_the_same_rows_and_types_executed_once_or_through_a_relation(name, monkeypatch):
    """db._execute runs small queries once and `-- rows: many` ones through a relation: both
    ways must give the pages the same columns, types and rows."""
    params = {**ALL, **example_params(name)}
    fetched = {}
    for many in (False, True):
        monkeypatch.setattr(sql, "many_rows", lambda _name, many=many: many)
        fetched[many] = db.run_uncached(name, **params)
    executed, relation = fetched[False], fetched[True]
    assert executed.schema == relation.schema
    assert sorted(executed.rows(), key=repr) == sorted(relation.rows(), key=repr)


def test_every_query_file_starts_with_a_comment_saying_what_a_row_is():
    for name in sql.query_names():
        first = (sql.QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(f"-- {name}:"), name


def test_headline_counts_follow_the_definitions():
    """4 répondants, 6 contributions, 10 non-empty réponses, 6 (répondant, thème) pairs."""
    assert db.run("overview_kpis", **ALL).to_dicts() == [
        {"respondent_count": 4, "contribution_count": 6, "answer_count": 10, "themes_per_respondent": 1.5}
    ]


def test_headline_counts_with_a_profile_filter():
    kpis = db.run("overview_kpis", **Filters(profiles=("citoyen",)).sql_params()).to_dicts()
    assert kpis == [{"respondent_count": 2, "contribution_count": 3, "answer_count": 5, "themes_per_respondent": 1.5}]


def test_headline_counts_when_nothing_matches():
    kpis = db.run("overview_kpis", **Filters(themes=("langue",)).sql_params()).to_dicts()
    assert kpis == [{"respondent_count": 0, "contribution_count": 0, "answer_count": 0, "themes_per_respondent": None}]


def test_contributions_by_theme_lists_all_six_themes_in_order():
    rows = db.run("contributions_by_theme", **ALL).select("theme_id", "contribution_count", "respondent_count")
    assert rows.rows() == [
        ("metavers", 2, 2),
        ("creation", 0, 0),
        ("ecologie", 2, 2),
        ("langue", 0, 0),
        ("archivage", 0, 0),
        ("donnees_ia", 2, 2),
    ]


def test_contributions_by_theme_shares_add_up_to_100():
    shares = db.run("contributions_by_theme", **ALL)["share_pct"].to_list()
    assert sum(shares) == pytest.approx(100)


def test_respondents_by_profile_counts_each_respondent_once():
    rows = db.run("respondents_by_profile", **ALL).select("profile", "respondent_count").rows()
    assert rows == [("professionnel", 1), ("numerique", 1), ("citoyen", 2)]


def test_contributions_by_day_fills_empty_days_with_zero():
    days = db.run("contributions_by_day", **ALL)
    assert days["day"][0] == date(2023, 2, 16)
    assert days["day"][-1] == date(2023, 3, 16)
    assert days.height == 29
    nonzero = days.filter(days["contribution_count"] > 0).rows()
    assert nonzero == [(date(2023, 2, 16), 2), (date(2023, 2, 17), 1), (date(2023, 3, 15), 1), (date(2023, 3, 16), 2)]


def test_date_range_is_inclusive_of_both_days():
    params = Filters(date_from=date(2023, 2, 17), date_to=date(2023, 3, 15)).sql_params()
    assert db.run("overview_kpis", **params)["contribution_count"].item() == 2


def test_search_ignores_accents_case_and_ligatures():
    for query, expected in [("ECOLOGIE", 1), ("oeuvres", 1), ("Œuvre", 1), ("musee", 1), ("introuvable", 0)]:
        params = Filters(search=query).sql_params()
        assert db.run("overview_kpis", **params)["contribution_count"].item() == expected, query


def test_search_requires_every_word_and_matches_phrases():
    def count(query):
        return db.run("overview_kpis", **Filters(search=query).sql_params())["answer_count"].item()

    assert count("sobriété auteur") == 1
    assert count("sobriété métavers") == 0  # both words exist, never in the same réponse
    assert count('"droit d’auteur"') == 1
    assert count('"auteur droit"') == 0


def test_complete_filter_and_answer_filter():
    assert db.run("overview_kpis", **Filters(complete=False).sql_params())["contribution_count"].item() == 1
    params = Filters(answer_question_id="donnees_ia_q01", answer_choice="Oui").sql_params()
    assert db.run("overview_kpis", **params)["contribution_count"].item() == 1
    params = Filters(answer_question_id="donnees_ia_q02", answer_choice="2").sql_params()
    assert db.run("overview_kpis", **params)["contribution_count"].item() == 1


def test_events_carry_the_opening_and_six_webinars():
    events = db.run("events")
    assert events.filter(events["kind"] == "webinar")["event_date"].unique().len() == 6
    assert events["event_date"][0] == date(2023, 2, 16)


def test_stored_search_text_is_normalised_like_the_query():
    from consultation.search import normalise

    con = db.connection()
    rows = con.cursor().sql("SELECT text, text_norm FROM answers WHERE text IS NOT NULL").fetchall()
    assert rows and all(normalise(text) == norm for text, norm in rows)


def test_database_is_opened_read_only():
    with pytest.raises(Exception, match="read-only"):
        db.connection().cursor().execute("DELETE FROM answers")
