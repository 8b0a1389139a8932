"""Chronologie page: its queries on the fixture DB (literal counts, agreement with the overview),
the uplift after a webinar on a small DB of its own, and the page itself (AppTest)."""

from datetime import date, datetime, timedelta
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from consultation import db, stats, store
from consultation.filters import Filters

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def run(name: str, filters: Filters | None = None, **extra) -> pl.DataFrame:
    return db.run(name, **{**(filters or Filters()).sql_params(), **extra})


# --- A small DB of its own: a bump after the Archivage webinar of 9 March 2023 ---------------------
# Archivage: 2 contributions a day from 2 to 8 March (14: 4 expected in two days), 7 on the webinar
# day (counted in neither window), 5 on 10 and 5 on 11 March (10: ×2.5), 3 on 12 March.
# Langue: 1 a day from 16 to 28 February and from 2 to 8 March, 1 on 10 March. Opening and closing
# days carry one contribution each so the consultation spans 16 Feb to 30 June.


def uplift_contributions() -> list[tuple[str, date, int]]:
    out = [("archivage", date(2023, 3, 9) - timedelta(days=i), 2) for i in range(1, 8)]
    out += [("archivage", date(2023, 3, 9), 7), ("archivage", date(2023, 3, 10), 5)]
    out += [("archivage", date(2023, 3, 11), 5), ("archivage", date(2023, 3, 12), 3)]
    out += [("langue", date(2023, 2, 16) + timedelta(days=i), 1) for i in range(13)]
    out += [("langue", date(2023, 3, 9) - timedelta(days=i), 1) for i in range(1, 8)]
    out += [("langue", date(2023, 3, 10), 1), ("langue", date(2023, 6, 30), 1)]
    return out


def build_uplift_db(path: Path) -> Path:
    profiles = ("professionnel", "numerique", "citoyen")
    respondents, contributions = [], []
    for theme, day, count in uplift_contributions():
        for i in range(count):
            rid = f"R-{theme}-{day.isoformat()}-{i}"
            respondents.append((rid, profiles[len(respondents) % 3], "archives", "collectivite", "11"))
            when = datetime(day.year, day.month, day.day, 9 + i % 10, 30)
            contributions.append((f"C{rid[1:]}", rid, theme, when, True, "x"))
    frames = {
        "respondents": pl.DataFrame(
            respondents, schema=["respondent_id", "profile", "sector", "organisation_type", "region_code"], orient="row"
        ),
        "contributions": pl.DataFrame(
            contributions,
            schema=["contribution_id", "respondent_id", "theme_id", "submitted_at", "is_complete", "source_id"],
            orient="row",
        ),
    }
    return store.build_database(path, frames, {"source": "test", "is_demo": "false"})


@pytest.fixture(scope="module")
def uplift_db_path(tmp_path_factory) -> Path:
    return build_uplift_db(tmp_path_factory.mktemp("timeline") / "uplift.duckdb")


@pytest.fixture
def on_fixture(fixture_db_path, monkeypatch):
    monkeypatch.setenv("CONSULTATION_DB", str(fixture_db_path))
    return fixture_db_path


@pytest.fixture
def on_uplift_db(fixture_db_path, uplift_db_path, monkeypatch):
    """The app reads the uplift DB for one test; the shared fixture DB comes back after it."""
    monkeypatch.setenv("CONSULTATION_DB", str(uplift_db_path))
    return uplift_db_path


# --- Queries on the shared fixture -----------------------------------------------------------------


@pytest.mark.parametrize(
    "filters",
    [Filters(), Filters(profiles=("citoyen",)), Filters(date_from=date(2023, 2, 17), date_to=date(2023, 3, 15))],
    ids=["none", "profile", "dates"],
)
def test_daily_totals_over_the_themes_are_the_overviews(on_fixture, filters):
    per_theme = run("timeline_contributions", filters, period="day")
    totals = per_theme.group_by("period_start").agg(pl.col("contribution_count").sum()).sort("period_start")
    overview = run("contributions_by_day", filters)
    assert totals.rows() == overview.rows()


def test_weekly_contributions_by_theme_start_on_mondays(on_fixture):
    weeks = run("timeline_contributions", period="week")
    assert weeks["period_start"].unique().to_list() == [date(2023, 2, 13) + timedelta(days=7 * i) for i in range(5)]
    assert weeks.height == 5 * 6
    assert weeks.filter(pl.col("contribution_count") > 0).select(
        "period_start", "theme_id", "contribution_count"
    ).rows() == [
        (date(2023, 2, 13), "metavers", 1),
        (date(2023, 2, 13), "ecologie", 2),
        (date(2023, 3, 13), "metavers", 1),
        (date(2023, 3, 13), "donnees_ia", 2),
    ]


def test_cumulative_counts_end_at_the_contributions_by_theme(on_fixture):
    ends = run("timeline_contributions", period="day").group_by("theme_id").agg(pl.col("cumulative_count").last())
    by_theme = run("contributions_by_theme").select("theme_id", "contribution_count")
    assert dict(ends.rows()) == dict(by_theme.rows())


def test_hour_weekday_grid_counts_wall_clock_times(on_fixture):
    """C1 (citoyen) Thursday 16 Feb at 10:00, C2 (citoyen) Thursday at 21:30, C5 (citoyen) Thursday 16 March at 20:00."""
    grid = run("timeline_hour_weekday")
    assert grid.height == 3 * 7 * 24
    assert grid["contribution_count"].sum() == 6
    citizens = grid.filter((pl.col("profile") == "citoyen") & (pl.col("contribution_count") > 0))
    assert citizens.select("weekday", "hour", "contribution_count").rows() == [(4, 10, 1), (4, 20, 1), (4, 21, 1)]
    assert citizens["share_pct"].to_list() == pytest.approx([100 / 3] * 3)


# --- Uplift, end to end on the uplift DB -----------------------------------------------------------


def test_uplift_after_the_archivage_webinar_from_the_database(on_uplift_db):
    days = run("timeline_contributions", period="day")
    uplift = stats.event_uplift(days, db.run("events"), date(2023, 2, 16), date(2023, 6, 30))
    archivage = uplift.filter(pl.col("theme_id") == "archivage").row(0, named=True)
    assert (archivage["baseline_count"], archivage["expected_count"], archivage["after_count"]) == (14, 4.0, 10)
    assert archivage["ratio"] == 2.5
    overall = uplift.filter((pl.col("label") == "Webinaire Archivage numérique") & pl.col("theme_id").is_null())
    assert overall.select("baseline_count", "after_count", "ratio").rows() == [(21, 11, pytest.approx(11 / 6))]


# --- The page --------------------------------------------------------------------------------------


def page(**params) -> AppTest:
    """The app opened at /chronologie?<params>."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at._page_hash = calc_hash("chronologie")
    return at.run()


def markdown_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown).replace("\u00a0", " ").replace("\\", "")


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption).replace("\u00a0", " ").replace("\\", "")


def test_timeline_page_with_filters_in_the_url(on_fixture):
    at = page(theme="ecologie", profil="citoyen")
    assert not at.exception
    assert at.title[0].value == "Chronologie"
    assert "1 contribution · thème : Impact écologique · profil : citoyens" in markdown_text(at)
    assert [c.key for c in at.get("plotly_chart")] == ["timeline_day_empiles", "cumulative", "uplift", "hour_weekday"]
    # C2 on 16 Feb, then nothing on 24-25 Feb:
    assert "Après le webinaire de lancement du 23 févr. 2023, l'ensemble des contributions a baissé de 100 %" in (
        markdown_text(at)
    )


def test_timeline_page_keeps_its_switches_in_the_url(on_fixture):
    at = page(periode="semaine", vue="panneaux")
    assert not at.exception
    assert "Contributions par semaine et par thème" in captions(at)
    assert at.query_params["periode"] in ("semaine", ["semaine"])
    assert at.query_params["vue"] in ("panneaux", ["panneaux"])


def test_timeline_page_says_what_each_webinar_changed(on_uplift_db):
    at = page()
    assert not at.exception
    assert (
        "Après le webinaire Archivage numérique du 9 mars 2023, les contributions sur ce thème ont été "
        "multipliées par 2,5 par rapport aux sept jours précédents." in markdown_text(at)
    )
    table = next(d.value for d in at.dataframe if "Reçues à J+1 et J+2" in d.value.columns)
    row = table[(table["Événement"] == "Webinaire Archivage numérique") & (table["Portée"] == "Archivage")]
    assert row[["Attendues à J+1 et J+2", "Reçues à J+1 et J+2", "Rapport"]].values.tolist() == [["4,0", "10", "×2,5"]]
