"""The fast forms of the counts give what a plain count gives, on a generated consultation.

Répondants are counted as bits of a bitmap (``bitstring_agg`` of the dense respondent_key), the
date-ordered list of réponses orders only its first contributions, a contribution's neighbours
are found without sorting, the Thèmes distribution is the crosstab added up, and without any
filter the Textes and Données figures are read from totals precomputed at build time. Each is
checked here against the filtered rows themselves, counted and sorted in polars, for no filter,
a theme, a profile and a region, a fortnight, a search, a question, and a filter that keeps
nothing; and the precomputed totals against the same query made to count every réponse.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from consultation import answers, db, demo, stats
from consultation.answers import ListState
from consultation.filters import FIRST_DATE, Filters

FILTERS = {
    "none": Filters(),
    "theme": Filters(themes=("ecologie",)),
    "profile+region": Filters(profiles=("citoyen",), regions=("11",)),
    "fortnight": Filters(date_from=date(2023, 3, 1), date_to=date(2023, 3, 15)),
    "search": Filters(search="musée"),
    "question": Filters(question_id="ecologie_q02"),
    "nothing": Filters(search="zzqxw"),
}
# Keeps every contribution but is a filter: the queries count the réponses, not their totals.
EVERYTHING = Filters(date_from=FIRST_DATE)
SPLITS = {
    "profil": dict(split="profil", group_a=["citoyen"], group_b=["professionnel", "numerique"], pivot_date=None),
    "theme": dict(split="theme", group_a=["ecologie"], group_b=["langue", "donnees_ia"], pivot_date=None),
    "periode": dict(split="periode", group_a=[], group_b=[], pivot_date=date(2023, 3, 9)),
}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = demo.generate(tmp_path_factory.mktemp("agree") / "demo.duckdb", contributions=1500, seed=7)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CONSULTATION_DB", str(path))
        yield path


def run(name: str, filters: Filters, **extra) -> pl.DataFrame:
    return db.run_uncached(name, **filters.sql_params(), **extra)


def contributions(filters: Filters) -> pl.DataFrame:
    return run("filtered_contributions", filters)


@pytest.mark.parametrize("name", FILTERS)
def test_respondent_counts_are_the_distinct_respondents_of_the_filtered_contributions(demo_db, name):
    filters = FILTERS[name]
    rows = contributions(filters)
    respondents = rows["respondent_id"].n_unique()
    kpis = run("overview_kpis", filters).row(0, named=True)
    assert kpis["respondent_count"] == respondents
    assert kpis["contribution_count"] == rows.height
    pairs = rows.select("respondent_id", "theme_id").n_unique() if rows.height else 0
    assert kpis["themes_per_respondent"] == (pairs / respondents if respondents else None)
    assert run("answer_counts", filters)["respondent_count"][0] == respondents
    assert run("data_quality_summary", filters)["respondent_count"][0] == respondents
    if name != "nothing":
        assert respondents > 0  # the filter keeps someone: the check above is not 0 == 0

    by_theme = dict(rows.group_by("theme_id").agg(pl.col("respondent_id").n_unique()).iter_rows())
    for query in ("contributions_by_theme", "theme_comparison"):
        got = {r["theme_id"]: r["respondent_count"] for r in run(query, filters).iter_rows(named=True)}
        assert got == {t: by_theme.get(t, 0) for t in got}, query

    by_profile = dict(rows.group_by("profile").agg(pl.col("respondent_id").n_unique()).iter_rows())
    got = {r["profile"]: r["respondent_count"] for r in run("respondents_by_profile", filters).iter_rows(named=True)}
    assert got == {p: by_profile.get(p, 0) for p in got}

    mix = rows.group_by("theme_id", "profile").agg(pl.col("respondent_id").n_unique())
    expected = {(t, p): n for t, p, n in mix.iter_rows()}
    got = {
        (r["theme_id"], r["profile"]): r["respondent_count"]
        for r in run("theme_profile_mix", filters).iter_rows(named=True)
    }
    assert got == {k: expected.get(k, 0) for k in got}


@pytest.mark.parametrize("name", FILTERS)
def test_the_texts_summary_counts_the_authors_of_the_open_reponses(demo_db, name):
    filters = FILTERS[name]
    answers = run("text_open_answers", filters)
    for one_voice in (False, True):  # campaigns count once in voice_count only
        summary = run("text_summary", filters, one_voice=one_voice).row(0, named=True)
        assert summary["answer_count"] == answers.height
        assert summary["voice_count"] == run("text_voices", filters, one_voice=one_voice).height
        assert summary["grouped_answer_count"] == answers["group_id"].count()
        assert summary["respondent_count"] == answers["respondent_id"].n_unique()
        assert summary["contribution_count"] == answers["contribution_id"].n_unique()
    if name == "none":
        assert 0 < summary["voice_count"] < summary["answer_count"]  # the demo plants campaigns


@pytest.mark.parametrize("name", FILTERS)
@pytest.mark.parametrize("split", SPLITS)
def test_the_sides_of_a_comparison_count_their_reponses_and_authors(demo_db, name, split):
    filters, params = FILTERS[name], SPLITS[split]
    for one_voice in (False, True):
        voices = run("text_voices", filters, one_voice=one_voice)
        if split == "periode":
            before = pl.col("submitted_at") < pl.lit(params["pivot_date"]).cast(pl.Datetime)
            sides = {"a": voices.filter(before), "b": voices.filter(~before)}
        else:
            column = "profile" if split == "profil" else "theme_id"
            sides = {s: voices.filter(pl.col(column).is_in(params[f"group_{s}"])) for s in ("a", "b")}
        expected = {s: (v.height, v["respondent_id"].n_unique()) for s, v in sides.items() if v.height}
        sized = run("text_group_sizes", filters, one_voice=one_voice, **params)
        assert {r["side"]: (r["answer_count"], r["respondent_count"]) for r in sized.iter_rows(named=True)} == expected
        if name == "none":
            assert len(expected) == 2


@pytest.mark.parametrize("name", FILTERS)
def test_data_quality_counts_are_those_of_the_filtered_contributions(demo_db, name):
    filters = FILTERS[name]
    rows = contributions(filters)
    got = run("data_quality_summary", filters).row(0, named=True)
    assert got["contribution_count"] == rows.height
    assert got["incomplete_count"] == rows.filter(~pl.col("is_complete")).height
    assert got["empty_contribution_count"] == rows.filter(pl.col("answer_count") == 0).height
    pairs = rows.select("respondent_id", "theme_id").n_unique() if rows.height else 0
    assert got["repeat_contribution_count"] == rows.height - pairs
    for field, column, value in (
        ("unknown_region_count", "region_code", "00"),
        ("unknown_sector_count", "sector", "non_renseigne"),
        ("unknown_organisation_count", "organisation_type", "non_renseigne"),
    ):
        assert got[field] == rows.filter(pl.col(column) == value)["respondent_id"].n_unique(), field
    if name == "none":
        assert got["unknown_region_count"] > 0 and got["unknown_sector_count"] > 0
    if filters.search or filters.question_id:
        return  # the questions' counts leave the search and question filters out
    per_question = dict(run("filtered_answer_keys", filters).group_by("question_id").len().iter_rows())
    questions = run("data_quality_questions", filters)
    assert {r["question_id"]: r["answer_count"] for r in questions.iter_rows(named=True)} == {
        q: per_question.get(q, 0) for q in questions["question_id"]
    }
    assert questions.height > 0 or name == "nothing"


PRECOMPUTED = {
    "text_summary": [dict(one_voice=v) for v in (False, True)],
    "text_group_sizes": [dict(one_voice=v, **s) for v in (False, True) for s in SPLITS.values()],
    "text_group_term_counts": [dict(one_voice=v, **s) for v in (False, True) for s in SPLITS.values()],
    "text_term_counts": [dict(one_voice=v, hidden_terms=["numérique"], limit=10_000) for v in (False, True)],
    "text_topic_terms": [dict(one_voice=v, max_answers=m) for v in (False, True) for m in (200, 100_000)],
    "data_quality_questions": [{}],
}


@pytest.mark.parametrize("query", PRECOMPUTED)
def test_without_a_filter_the_precomputed_totals_are_the_counts_of_every_reponse(demo_db, query):
    """queries/no_filter.sql: without any filter these queries read totals computed at build time
    (queries/build/text_totals.sql); a filter that keeps everything makes them count."""
    for extra in PRECOMPUTED[query]:
        precomputed = run(query, Filters(), **extra)
        assert precomputed.height > 0, extra
        assert precomputed.equals(run(query, EVERYTHING, **extra)), extra


@pytest.mark.parametrize("name", FILTERS)
@pytest.mark.parametrize("sort", ["date_desc", "date_asc"])
def test_a_page_of_the_list_in_date_order_is_that_slice_of_every_filtered_reponse_sorted(demo_db, name, sort):
    """The query orders only the réponses of its first contributions; the slice must be the one
    of all the filtered réponses sorted by date, contribution and question."""
    filters = FILTERS[name]
    keys = run("filtered_answer_keys", filters).join(
        db.run_uncached("questions").select("question_id", pl.col("position").alias("question_position")),
        on="question_id",
    )
    ordered = keys.sort(
        ["submitted_at", "contribution_id", "question_position"],
        descending=[sort == "date_desc", False, False],
    ).select("contribution_id", "question_id")
    for offset in (0, 25, 490, max(keys.height - 10, 0)):
        page = run("answer_page", filters, sort=sort, limit=25, offset=offset, from_end=False)
        assert page.select("contribution_id", "question_id").rows() == ordered.slice(offset, 25).rows(), offset
    if name != "nothing":
        assert keys.height > 25


@pytest.mark.parametrize("name", FILTERS)
def test_a_page_by_length_is_that_slice_of_every_filtered_reponse_sorted_by_its_texts_length(demo_db, name):
    """The order by length reads the lengths precomputed for the open réponses (0 for the
    others), not the texts: the slice must be the one of the texts themselves measured."""
    rows = run("filtered_answers", FILTERS[name]).join(
        db.run_uncached("questions").select("question_id", pl.col("position").alias("question_position")),
        on="question_id",
    )
    ordered = rows.with_columns(length=pl.col("text").str.len_chars().fill_null(0)).sort(
        ["length", "submitted_at", "contribution_id", "question_position"], descending=[True, True, False, False]
    )
    for offset in (0, 25, max(rows.height - 10, 0)):
        page = run("answer_page", FILTERS[name], sort="longueur", limit=25, offset=offset, from_end=False)
        expected = ordered.slice(offset, 25)
        assert (
            page.select("contribution_id", "question_id").rows()
            == expected.select("contribution_id", "question_id").rows()
        ), offset
    if name == "none":
        assert ordered["length"][0] > 500 and ordered["length"][-1] == 0  # long texts first, closed answers last


@pytest.mark.parametrize("name", ["none", "theme", "search", "question"])
@pytest.mark.parametrize("sort", answers.SORTS)
def test_a_page_read_from_the_far_end_of_the_list_is_the_same_page(demo_db, name, sort):
    """Past the middle of the list the Réponses page reads a page from the list's other end
    (ListState.page_params): the rows must be those of the list read from its start."""
    filters = FILTERS[name]
    total = run("answer_counts", filters)["answer_count"][0]
    far = 0
    for size in answers.PAGE_SIZES:
        last = answers.page_count(total, size)
        for number in sorted({1, 2, last // 2, last // 2 + 1, last - 1, last} - {0}):
            state = ListState(sort=sort, page_size=size, page=number)
            params = state.page_params(total)
            far += params["from_end"]
            page = run("answer_page", filters, **params)
            start = run("answer_page", filters, sort=sort, limit=size, offset=state.offset(), from_end=False)
            assert page.equals(start), (size, number, params)
            assert page.height == min(size, total - state.offset())
    assert far >= 6  # the far end was read


@pytest.mark.parametrize("name", ["none", "theme", "search"])
@pytest.mark.parametrize("sort", ["date_desc", "date_asc", "theme", "region"])
def test_a_contributions_neighbours_are_those_of_the_sorted_list(demo_db, name, sort):
    filters = FILTERS[name]
    rows = contributions(filters)
    if sort == "theme":
        positions = dict(db.run_uncached("themes").select("theme_id", "position").iter_rows())
        rows = rows.with_columns(g=pl.col("theme_id").replace_strict(positions, default=None))
    elif sort == "region":
        regions = db.run_uncached("dimension_values").filter(pl.col("dimension") == "region")
        positions = dict(regions.select("code", "position").iter_rows())
        rows = rows.with_columns(g=pl.col("region_code").replace_strict(positions, default=None))
    else:
        rows = rows.with_columns(g=pl.lit(0))
    ordered = rows.sort(
        ["g", "submitted_at", "contribution_id"],
        descending=[False, sort != "date_asc", False],
        nulls_last=True,
    )["contribution_id"].to_list()
    for index in (0, 1, len(ordered) // 2, len(ordered) - 1):
        got = run("contribution_neighbours", filters, sort=sort, contribution_id=ordered[index]).row(0, named=True)
        assert got["position"] == index + 1
        assert got["total"] == len(ordered)
        assert got["previous_id"] == (ordered[index - 1] if index else None)
        assert got["next_id"] == (ordered[index + 1] if index + 1 < len(ordered) else None)
    assert run("contribution_neighbours", filters, sort=sort, contribution_id="absent").height == 0


@pytest.mark.parametrize("name", ["none", "profile+region", "search"])
def test_the_themes_distribution_is_the_same_from_every_crosstab(demo_db, name):
    """Added up, the crosstab by profile, sector and organisation type give one distribution,
    whose answered counts are the répondants (latest contribution) who answered each question."""
    filters = FILTERS[name]
    for theme in ("ecologie", "donnees_ia"):
        by = [
            stats.distribution(run("question_crosstab", filters, theme_id=theme, dimension=d)) for d in stats.DIMENSIONS
        ]
        assert by[0].height > 0
        assert by[0].equals(by[1]) and by[0].equals(by[2])
