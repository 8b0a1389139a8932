"""The fast forms of the counts give what a plain count gives, on a generated consultation.

Répondants are counted as bits of a bitmap (``bitstring_agg`` of the dense respondent_key), the
date-ordered list of réponses orders only its first contributions, a contribution's neighbours
are found without sorting, and the Thèmes distribution is the crosstab added up. Each is checked
here against the filtered rows themselves, counted and sorted in polars, for filters that keep
everything, a theme, a profile and a region, a fortnight, a search, a question, and nothing.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from consultation import db, demo, stats
from consultation.filters import Filters

FILTERS = {
    "none": Filters(),
    "theme": Filters(themes=("ecologie",)),
    "profile+region": Filters(profiles=("citoyen",), regions=("11",)),
    "fortnight": Filters(date_from=date(2023, 3, 1), date_to=date(2023, 3, 15)),
    "search": Filters(search="musée"),
    "question": Filters(question_id="ecologie_q02"),
    "nothing": Filters(search="zzqxw"),
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
        assert summary["respondent_count"] == answers["respondent_id"].n_unique()
        assert summary["contribution_count"] == answers["contribution_id"].n_unique()
    split = dict(split="profil", group_a=["citoyen"], group_b=["professionnel"], pivot_date=None)
    for one_voice in (False, True):
        voices = run("text_voices", filters, one_voice=one_voice)
        sized = run("text_group_sizes", filters, one_voice=one_voice, **split)
        sizes = {r["side"]: r["respondent_count"] for r in sized.iter_rows(named=True)}
        for side, profile in (("a", "citoyen"), ("b", "professionnel")):
            assert sizes.get(side, 0) == voices.filter(pl.col("profile") == profile)["respondent_id"].n_unique()


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
        page = run("answer_page", filters, sort=sort, limit=25, offset=offset)
        assert page.select("contribution_id", "question_id").rows() == ordered.slice(offset, 25).rows(), offset
    if name != "nothing":
        assert keys.height > 25


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
