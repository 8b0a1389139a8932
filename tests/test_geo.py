"""consultation/geo.py and data/regions.geojson: the offline map's geometry, rates, representativeness."""

import csv
import json
import math

import numpy as np
import polars as pl
import pytest

from consultation import geo
from consultation.charts import respondents as charts

REGIONS_CSV = geo.DATA_DIR / "regions.csv"


def reference_regions() -> dict[str, str]:
    with open(REGIONS_CSV, encoding="utf-8") as f:
        return {r["region_code"]: r["name"] for r in csv.DictReader(f) if r["population"]}


def fixture_counts() -> pl.DataFrame:
    """respondents_by_region on the fixture: R1 and R3 in Île-de-France, R2 in ARA, R4 abroad."""
    with open(REGIONS_CSV, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    counts = {"11": 2, "84": 1, "99": 1}
    return pl.DataFrame(
        {
            "region_code": [r["region_code"] for r in rows],
            "name": [r["name"] for r in rows],
            "population": [int(r["population"]) if r["population"] else None for r in rows],
            "respondent_count": [counts.get(r["region_code"], 0) for r in rows],
        },
        schema_overrides={"population": pl.Int64},
    )


def test_the_geojson_is_small_and_has_the_18_regions_of_the_reference_table():
    assert geo.GEOJSON.stat().st_size < 300_000
    features = json.loads(geo.GEOJSON.read_text(encoding="utf-8"))["features"]
    assert {f["properties"]["code"]: f["properties"]["nom"] for f in features} == reference_regions()
    assert {f["geometry"]["type"] for f in features} <= {"Polygon", "MultiPolygon"}


def test_lambert_projection_puts_the_origin_at_3_east_46_5_north():
    x, y = geo.lambert_conic(np.array([3.0, 4.0, 3.0]), np.array([46.5, 46.5, 47.5]))
    assert abs(x[0]) < 1e-6 and abs(y[0]) < 1e-6
    assert x[1] > 70 and y[2] > 110  # one degree east ≈ 77 km, one degree north ≈ 111 km


def test_projected_areas_match_the_regions_real_areas():
    shapes = geo.region_shapes()
    assert shapes["11"].area == pytest.approx(12_012, rel=0.05)  # Île-de-France, km²
    assert shapes["75"].area == pytest.approx(84_036, rel=0.05)  # Nouvelle-Aquitaine
    assert shapes["94"].area == pytest.approx(8_680, rel=0.05)  # Corse


def test_overseas_regions_are_insets_stacked_left_of_the_mainland():
    shapes = geo.region_shapes()
    mainland_left = min(
        ring[:, 0].min() for c, s in shapes.items() if c not in geo.OVERSEAS for p in s.polygons for ring in p
    )
    boxes = [shapes[c].inset for c in geo.OVERSEAS]
    assert all(box is not None and box.x1 < mainland_left for box in boxes)
    assert [b.y1 for b in boxes] == sorted((b.y1 for b in boxes), reverse=True)  # Guadeloupe on top
    for code in geo.OVERSEAS:
        box, pts = shapes[code].inset, np.vstack([p[0] for p in shapes[code].polygons])
        assert box.x0 <= pts[:, 0].min() and pts[:, 0].max() <= box.x1
        assert box.y0 <= pts[:, 1].min() and pts[:, 1].max() <= box.y1
    assert all(shapes[c].inset is None for c in shapes if c not in geo.OVERSEAS)


def test_every_label_sits_inside_its_region_box():
    for shape in geo.region_shapes().values():
        pts = np.vstack([p[0] for p in shape.polygons])
        x, y = shape.label_xy
        assert pts[:, 0].min() <= x <= pts[:, 0].max() and pts[:, 1].min() <= y <= pts[:, 1].max(), shape.name


def test_rates_are_respondents_per_100000_inhabitants():
    rates = geo.with_rates(fixture_counts())
    by_code = dict(zip(rates["region_code"], rates["rate_per_100k"], strict=True))
    assert by_code["11"] == pytest.approx(2 * 100_000 / 12_317_279)
    assert by_code["84"] == pytest.approx(100_000 / 8_114_361)
    assert by_code["24"] == 0.0
    assert by_code["99"] is None and by_code["00"] is None


def test_representativeness_index_and_score_on_the_fixture():
    table, summary = geo.representativeness(fixture_counts())
    population = 67_692_888  # the 18 regions of data/regions.csv
    index = dict(zip(table["region_code"], table["representation_index"], strict=True))
    assert index["11"] == pytest.approx(100 * (2 / 3) / (12_317_279 / population))  # 366
    assert index["84"] == pytest.approx(100 * (1 / 3) / (8_114_361 / population))  # 278
    assert index["53"] == 0.0
    assert table.height == 18 and table["region_code"][0] == "11"
    # Duncan: half the sum of |share of répondants − share of population| = 1 − p(IDF) − p(ARA).
    assert summary.dissimilarity_pct == pytest.approx(100 - 100 * (12_317_279 + 8_114_361) / population)
    assert summary.score_pct == pytest.approx(30.1828, abs=1e-4)
    assert (summary.located_count, summary.abroad_count, summary.unknown_count) == (3, 1, 0)


def test_a_distribution_like_the_population_scores_100():
    counts = fixture_counts().with_columns(
        pl.when(pl.col("population").is_not_null())
        .then(pl.col("population") // 1000)
        .otherwise(0)
        .alias("respondent_count")
    )
    _table, summary = geo.representativeness(counts)
    assert summary.score_pct == pytest.approx(100, abs=0.01)


def test_representativeness_hides_the_index_of_hidden_regions():
    table, summary = geo.representativeness(fixture_counts(), {"84": "< 10"})
    row = table.filter(pl.col("region_code") == "84").row(0, named=True)
    assert (row["respondent_count"], row["representation_index"], row["respondent_count_text"]) == (None, None, "< 10")
    assert summary.score_pct == pytest.approx(30.1828, abs=1e-4)


def test_representativeness_without_located_respondents_has_no_score():
    counts = fixture_counts().with_columns(pl.lit(0).alias("respondent_count"))
    _table, summary = geo.representativeness(counts)
    assert summary.score_pct is None


def test_the_map_figure_needs_no_base_map():
    """Only cartesian traces: no geo, map or mapbox subplot, so nothing is fetched from a CDN."""
    values = geo.with_rates(fixture_counts())
    fig = charts.region_map(geo.region_shapes(), values, value_col="respondent_count", value_name="répondants")
    layout = fig.to_plotly_json()["layout"]
    assert not {"geo", "map", "mapbox"} & set(layout)
    assert {t.type for t in fig.data} == {"scatter"}
    fills = [t for t in fig.data if t.fill == "toself"]
    assert len(fills) == 18
    labels = fig.data[-1]
    assert dict(zip(labels.customdata, labels.text, strict=True))["11"] == "2"


def test_hidden_counts_read_as_such_on_the_map():
    values = geo.with_rates(fixture_counts()).with_columns(
        pl.when(pl.col("region_code") == "84")
        .then(None)
        .otherwise(pl.col("respondent_count"))
        .alias("respondent_count"),
        pl.when(pl.col("region_code") == "84")
        .then(pl.lit("< 10"))
        .otherwise(pl.lit(""))
        .alias("respondent_count_text"),
    )
    values = geo.with_rates(values.drop("rate_per_100k"))
    fig = charts.region_map(geo.region_shapes(), values, value_col="rate_per_100k", value_name="pour 100 000 hab.")
    labels = fig.data[-1]
    assert dict(zip(labels.customdata, labels.text, strict=True))["84"] == "< 10"
    assert math.isclose(fig.data[-1].marker.cmax, 2 * 100_000 / 12_317_279)


def test_representativeness_within_filtered_regions_compares_them_only():
    table, summary = geo.representativeness(fixture_counts(), within=("11", "84"))
    assert table["region_code"].to_list() == ["11", "84"]  # IDF: 67 % of répondants, 60 % of population
    share_idf = 12_317_279 / (12_317_279 + 8_114_361)
    assert summary.score_pct == pytest.approx(100 - 100 * abs(2 / 3 - share_idf))
