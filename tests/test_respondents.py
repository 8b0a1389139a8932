"""The Répondants page: its queries on the fixture DB, its logic, and the page itself (AppTest).

Fixture (tests/fixture_db.py): R1 citoyen Île-de-France (Métavers + Écologie), R2 professionnel
archives Auvergne-Rhône-Alpes (Écologie + Données & IA), R3 acteur du numérique Île-de-France
(Données & IA), R4 citoyen abroad (Métavers).
"""

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from consultation import db, privacy
from consultation import respondents as logic
from consultation.filters import Filters

ALL = Filters().sql_params()
APP = str(Path(__file__).resolve().parent.parent / "app.py")

FILTER_SETS = [
    Filters(),
    Filters(themes=("ecologie",)),
    Filters(profiles=("citoyen",)),
    Filters(regions=("11",)),
    Filters(date_from=date(2023, 3, 1)),
    Filters(themes=("langue",)),
]


@pytest.fixture(autouse=True)
def _db(fixture_db_path):
    return fixture_db_path


def nonzero(df: pl.DataFrame, code_col: str) -> dict:
    return {r[code_col]: r["respondent_count"] for r in df.iter_rows(named=True) if r["respondent_count"]}


# --- Queries -------------------------------------------------------------------------------


def test_respondents_by_sector_counts_distinct_respondents():
    df = db.run("respondents_by_sector", **ALL)
    assert df.height == 16
    assert nonzero(df, "sector") == {"archives": 1, "numerique_tech": 1, "non_renseigne": 2}
    assert df.filter(pl.col("sector") == "non_renseigne")["share_pct"].to_list() == [50.0]


def test_respondents_by_organisation_type_counts_distinct_respondents():
    df = db.run("respondents_by_organisation_type", **ALL)
    assert df.height == 10
    assert nonzero(df, "organisation_type") == {"collectivite": 1, "start_up": 1, "particulier": 2}


def test_respondents_by_region_lists_every_region_then_abroad_and_unknown():
    df = db.run("respondents_by_region", **ALL)
    assert df.height == 20
    assert df["region_code"].to_list()[-2:] == ["99", "00"]
    assert nonzero(df, "region_code") == {"11": 2, "84": 1, "99": 1}
    assert df.filter(pl.col("region_code") == "11")["population"].to_list() == [12317279]


def test_respondents_by_region_follows_the_filters():
    df = db.run("respondents_by_region", **Filters(themes=("donnees_ia",)).sql_params())
    assert nonzero(df, "region_code") == {"11": 1, "84": 1}


@pytest.mark.parametrize("filters", FILTER_SETS, ids=["none", "theme", "profile", "region", "date", "nothing"])
@pytest.mark.parametrize(
    "query",
    ["respondents_by_profile", "respondents_by_sector", "respondents_by_organisation_type", "respondents_by_region"],
)
def test_every_breakdown_adds_up_to_the_overview_respondent_count(query, filters):
    params = filters.sql_params()
    total = db.run("overview_kpis", **params)["respondent_count"][0]
    assert db.run(query, **params)["respondent_count"].sum() == total


def test_profile_breakdown_agrees_with_the_overview_query_for_the_same_filters():
    params = Filters(themes=("metavers",)).sql_params()
    assert nonzero(db.run("respondents_by_profile", **params), "profile") == {"citoyen": 2}


def test_respondents_by_theme_count_counts_questionnaires_per_respondent():
    df = db.run("respondents_by_theme_count", **ALL)
    assert df.select("theme_count", "respondent_count").rows() == [(1, 2), (2, 2), (3, 0), (4, 0), (5, 0), (6, 0)]
    assert df["share_pct"].to_list()[:2] == [50.0, 50.0]


def test_respondents_by_theme_count_counts_only_filtered_questionnaires():
    df = db.run("respondents_by_theme_count", **Filters(themes=("ecologie", "metavers")).sql_params())
    assert df.select("theme_count", "respondent_count").rows()[:2] == [(1, 2), (2, 1)]


def test_theme_cooccurrence_counts_respondents_who_answered_both():
    df = db.run("theme_cooccurrence", **ALL)
    assert df.height == 36
    pairs = {
        (r["theme_a"], r["theme_b"]): r["respondent_count"] for r in df.iter_rows(named=True) if r["respondent_count"]
    }
    assert pairs == {
        ("metavers", "metavers"): 2,
        ("metavers", "ecologie"): 1,
        ("ecologie", "metavers"): 1,
        ("ecologie", "ecologie"): 2,
        ("ecologie", "donnees_ia"): 1,
        ("donnees_ia", "ecologie"): 1,
        ("donnees_ia", "donnees_ia"): 2,
    }
    row = df.filter((pl.col("theme_a") == "metavers") & (pl.col("theme_b") == "ecologie")).row(0, named=True)
    assert (row["label_a"], row["label_b"], row["share_pct"]) == ("Métavers", "Écologie", 50.0)


def test_theme_combinations_lists_exact_combinations_most_frequent_first():
    df = db.run("theme_combinations", **ALL, limit=10)
    assert df.select("theme_ids", "theme_count", "respondent_count").rows() == [
        (["metavers"], 1, 1),
        (["donnees_ia"], 1, 1),
        (["metavers", "ecologie"], 2, 1),
        (["ecologie", "donnees_ia"], 2, 1),
    ]
    assert db.run("theme_combinations", **ALL, limit=2).height == 2


# --- Logic ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "mode"), [(None, "nombre"), ("taux", "taux"), (["taux"], "taux"), ("nombre", "nombre"), ("<b>", "nombre")]
)
def test_map_mode_reads_the_url_and_falls_back_to_counts(raw, mode):
    assert logic.map_mode(raw) == mode


def test_drill_params_keep_the_filters_and_narrow_the_clicked_dimension():
    base = {"theme": ["metavers"], "profil": ["citoyen", "numerique"], "presentation": "1"}
    assert logic.drill_params(base, "profil", "citoyen") == {
        "theme": ["metavers"],
        "profil": ["citoyen"],
        "presentation": "1",
    }


@pytest.mark.parametrize(
    ("event", "code"),
    [
        (None, None),
        ({"selection": {"points": []}}, None),
        ({"selection": {"points": [{"customdata": "11", "point_index": 3}]}}, "11"),
        ({"selection": {"points": [{"customdata": ["84"]}]}}, "84"),
        ({"selection": {"points": [{"point_index": 2}]}}, None),
    ],
)
def test_selected_code_is_the_customdata_of_the_clicked_point(event, code):
    assert logic.selected_code(event) == code


def test_multi_theme_share_is_the_share_of_respondents_with_two_themes_or_more():
    counts = pl.DataFrame({"theme_count": [1, 2, 3], "respondent_count": [6, 3, 1]})
    assert logic.multi_theme_share(counts) == 40.0
    assert logic.multi_theme_share(counts.with_columns(pl.lit(0).alias("respondent_count"))) is None


def test_hidden_regions_and_count_of_read_the_protected_table():
    regions = privacy.suppress_small_counts(db.run("respondents_by_region", **ALL), "respondent_count", 2)
    assert logic.hidden_regions(regions) == {"84": "< 2", "99": "< 2"}
    assert logic.count_of(regions, "99") == "< 2"
    assert logic.count_of(regions, "11") == "2"
    assert logic.count_of(regions, "00") == "0"


def test_combination_labels_use_short_theme_labels():
    combos = db.run("theme_combinations", **ALL, limit=10)
    labelled = logic.with_combination_labels(combos, db.run("themes"))
    assert labelled["combination"].to_list() == [
        "Métavers",
        "Données & IA",
        "Métavers + Écologie",
        "Écologie + Données & IA",
    ]


def test_region_sentence_names_the_extremes():
    from consultation import geo

    regions = geo.with_rates(db.run("respondents_by_region", **ALL))
    assert logic.region_sentence(regions, "nombre") == "Région la plus représentée : Île-de-France avec 2 répondants."
    assert logic.region_sentence(regions, "taux").startswith("Taux le plus élevé : Île-de-France (0,0 répondants")


# --- The page ------------------------------------------------------------------------------


@pytest.fixture
def page(monkeypatch):
    def make(env: dict | None = None, **params) -> AppTest:
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()  # the router registers its pages on a first run (at the URL's filters)
        at.switch_page("pages/respondents.py")
        at.run()
        assert not at.exception, at.exception
        return at

    return make


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value.replace("\u00a0", " ") for m in at.metric}


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption).replace("\u00a0", " ").replace("\\", "")


def test_page_without_filters_shows_who_answered(page):
    at = page()
    assert at.title[0].value == "Répondants"
    assert metrics(at) == {
        "Répondants": "4",
        "À plusieurs thèmes": "50 %",
        "Depuis l'étranger": "1",
        "Représentativité régionale": "30 %",
    }
    assert len(at.get("plotly_chart")) == 8
    assert "Région la plus représentée : Île-de-France avec 2 répondants." in captions(at)


def test_page_with_filters_in_the_url_counts_the_same_respondents_as_the_overview(page):
    at = page(theme="ecologie", region=["11", "84"])
    expected = db.run("overview_kpis", **Filters(themes=("ecologie",), regions=("11", "84")).sql_params())
    assert metrics(at)["Répondants"] == str(expected["respondent_count"][0]) == "2"
    assert metrics(at)["À plusieurs thèmes"] == "0 %"
    assert metrics(at)["Depuis l'étranger"] == "0"
    assert at.multiselect(key="f_theme").value == ["ecologie"]


def test_map_measure_comes_from_the_url(page):
    at = page(carte="taux")
    assert at.radio(key="map_mode").value == "taux"
    assert "Carte des régions, pour 100 000 habitants" in captions(at)
    assert "Taux le plus élevé : Île-de-France" in captions(at)


def test_choosing_rates_writes_the_map_measure_in_the_url(page):
    at = page(profil="citoyen")
    at.radio(key="map_mode").set_value("taux").run()
    assert not at.exception
    assert at.query_params["carte"] in ("taux", ["taux"])
    assert at.query_params["profil"] in ("citoyen", ["citoyen"])


def test_page_when_nothing_matches_says_so(page):
    at = page(theme="langue")
    assert any("Aucun répondant" in w.value for w in at.warning)
    assert len(at.get("plotly_chart")) == 0


def test_page_with_protection_on_hides_small_counts(page):
    at = page(env={"CONSULTATION_PRIVACY": "1", "CONSULTATION_PRIVACY_THRESHOLD": "2"})
    assert metrics(at)["Depuis l'étranger"] == "< 2"
    assert "Hors indice : < 2 à l'étranger, 0 sans région renseignée." in captions(at)
