"""Regions on a map: geometry for an offline map, rates per inhabitant, representativeness.

The map is drawn from data/regions.geojson (built by scripts/build_regions_geojson.py) as plain
polygons on a blank plane, so it needs no base map, tile, font or sprite from the network.
Metropolitan France is projected with a Lambert conformal conic (the parallels of Lambert-93, on
a sphere); the five overseas regions are drawn as insets, each in its own box and at its own
scale, in a column left of the mainland.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import polars as pl

from consultation import fr
from consultation.reference import ABROAD_REGION, DATA_DIR, UNKNOWN_REGION

GEOJSON = DATA_DIR / "regions.geojson"
# Overseas regions, top to bottom in the inset column (INSEE codes).
OVERSEAS = ("01", "02", "03", "04", "06")
OUTSIDE = (ABROAD_REGION, UNKNOWN_REGION)
PER = 100_000  # rates are répondants per 100 000 inhabitants

_EARTH_KM = 6371.0
_PHI1, _PHI2, _PHI0, _LAMBDA0 = (math.radians(v) for v in (44.0, 49.0, 46.5, 3.0))


@dataclass(frozen=True)
class Box:
    """An inset frame in map coordinates (km)."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class RegionShape:
    code: str
    name: str
    # One entry a polygon: its exterior ring then its holes, each an (n, 2) array in map km.
    polygons: tuple[tuple[np.ndarray, ...], ...]
    label_xy: tuple[float, float]
    inset: Box | None = None

    @property
    def area(self) -> float:
        return sum(_ring_area(rings[0]) - sum(_ring_area(h) for h in rings[1:]) for rings in self.polygons)


def lambert_conic(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lambert conformal conic on a sphere (standard parallels 44° and 49° N, origin 3° E 46.5° N), km."""
    n = math.log(math.cos(_PHI1) / math.cos(_PHI2)) / math.log(
        math.tan(math.pi / 4 + _PHI2 / 2) / math.tan(math.pi / 4 + _PHI1 / 2)
    )
    f = math.cos(_PHI1) * math.tan(math.pi / 4 + _PHI1 / 2) ** n / n
    rho0 = f / math.tan(math.pi / 4 + _PHI0 / 2) ** n
    rho = f / np.tan(np.pi / 4 + np.radians(lat) / 2) ** n
    theta = n * (np.radians(lon) - _LAMBDA0)
    return _EARTH_KM * rho * np.sin(theta), _EARTH_KM * (rho0 - rho * np.cos(theta))


def _ring_area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return abs(float(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))) / 2


def _centroid(ring: np.ndarray) -> tuple[float, float]:
    x, y = ring[:, 0], ring[:, 1]
    cross = x * np.roll(y, -1) - np.roll(x, -1) * y
    area = cross.sum() / 2
    if abs(area) < 1e-12:
        return float(x.mean()), float(y.mean())
    return float(((x + np.roll(x, -1)) * cross).sum() / (6 * area)), float(
        ((y + np.roll(y, -1)) * cross).sum() / (6 * area)
    )


def _polygons(geometry: dict) -> list[list[np.ndarray]]:
    """GeoJSON Polygon / MultiPolygon -> list of polygons, each a list of (n, 2) lon/lat rings."""
    coords = geometry["coordinates"]
    polys = [coords] if geometry["type"] == "Polygon" else coords
    return [[np.asarray(ring, dtype=float) for ring in poly] for poly in polys]


@cache
def region_shapes(path: Path = GEOJSON) -> dict[str, RegionShape]:
    """Every region of the GeoJSON in map coordinates, the overseas ones placed in their insets."""
    features = json.loads(Path(path).read_text(encoding="utf-8"))["features"]
    raw = {f["properties"]["code"]: (f["properties"]["nom"], _polygons(f["geometry"])) for f in features}
    shapes: dict[str, RegionShape] = {}

    def projected(polys, transform):
        return tuple(tuple(np.column_stack(transform(r[:, 0], r[:, 1])) for r in poly) for poly in polys)

    metro_codes = [c for c in raw if c not in OVERSEAS]
    for code in metro_codes:
        name, polys = raw[code]
        shapes[code] = _with_label(code, name, projected(polys, lambert_conic))
    all_metro = np.vstack([r for c in metro_codes for poly in shapes[c].polygons for r in poly])
    min_x, min_y, max_y = all_metro[:, 0].min(), all_metro[:, 1].min(), all_metro[:, 1].max()

    present = [c for c in OVERSEAS if c in raw]
    gap = 0.035 * (max_y - min_y)
    size = ((max_y - min_y) - gap * (len(present) - 1)) / max(len(present), 1)
    right = min_x - 1.2 * gap
    for i, code in enumerate(present):
        name, polys = raw[code]
        top = max_y - i * (size + gap)
        box = Box(right - size, top - size, right, top)
        shapes[code] = _with_label(code, name, projected(polys, _fit_into(polys, box)), box)
    return shapes


def _fit_into(polys, box: Box, label_share: float = 0.2):
    """Local equirectangular projection of ``polys`` scaled to fit ``box`` (its top left for the name)."""
    pts = np.vstack([r for poly in polys for r in poly])
    lat0 = math.radians(float(pts[:, 1].mean()))
    xs, ys = pts[:, 0] * math.cos(lat0), pts[:, 1]
    width, height = xs.max() - xs.min(), ys.max() - ys.min()
    pad = 0.08 * (box.x1 - box.x0)
    avail_w, avail_h = (box.x1 - box.x0) - 2 * pad, (box.y1 - box.y0) * (1 - label_share) - pad
    scale = min(avail_w / width, avail_h / height)
    cx = (box.x0 + box.x1) / 2
    cy = box.y0 + pad / 2 + avail_h / 2
    mid_x, mid_y = (xs.max() + xs.min()) / 2, (ys.max() + ys.min()) / 2

    def transform(lon, lat):
        return cx + (lon * math.cos(lat0) - mid_x) * scale, cy + (lat - mid_y) * scale

    return transform


def _with_label(code, name, polys, inset: Box | None = None) -> RegionShape:
    if inset is not None:  # an island group: the middle of the drawing, below the inset's name
        pts = np.vstack([rings[0] for rings in polys])
        x, y = (pts.min(axis=0) + pts.max(axis=0)) / 2
        return RegionShape(code=code, name=name, polygons=polys, label_xy=(float(x), float(y)), inset=inset)
    largest = max(polys, key=lambda rings: _ring_area(rings[0]))
    x, y = _centroid(largest[0])
    return RegionShape(code=code, name=name, polygons=polys, label_xy=(x, y), inset=inset)


# --- Rates and representativeness -----------------------------------------------------------


def with_rates(regions: pl.DataFrame) -> pl.DataFrame:
    """Add rate_per_100k: répondants per 100 000 inhabitants (null without population or count)."""
    return regions.with_columns(
        (pl.col("respondent_count") * PER / pl.col("population")).cast(pl.Float64).alias("rate_per_100k")
    )


@dataclass(frozen=True)
class Representativeness:
    """How far the regional distribution of répondants is from that of the population.

    score_pct = 100 − Duncan's dissimilarity index: the share of répondants who would have to
    live in another region for the répondants to be spread exactly like the population.
    """

    score_pct: float | None
    dissimilarity_pct: float | None
    located_count: int  # répondants in one of the regions
    abroad_count: int
    unknown_count: int


def representativeness(
    regions: pl.DataFrame, hidden: Mapping[str, str] | None = None, within: tuple[str, ...] = ()
) -> tuple[pl.DataFrame, Representativeness]:
    """Per region: shares of répondants and of population, and the index (100 = in proportion).

    ``regions`` is respondents_by_region before suppression (raw counts); abroad and unknown are
    left out of the index and counted apart. ``hidden`` maps the regions whose count ui.protect
    hid to the text shown instead ("< 10", "masqué"): their count, share and index are null
    (the count could be worked back from them) and respondent_count_text says why. ``within``:
    the regions a filter kept (empty: all); the comparison is then made among them only.
    """
    hidden = dict(hidden or {})
    inside = regions.filter(pl.col("population").is_not_null() & ~pl.col("region_code").is_in(OUTSIDE))
    if within:
        inside = inside.filter(pl.col("region_code").is_in(list(within)))
    located = int(inside["respondent_count"].sum())
    population = int(inside["population"].sum())
    table = inside.select(
        "region_code",
        "name",
        "population",
        "respondent_count",
        (100 * pl.col("respondent_count") / located if located else pl.lit(None, pl.Float64)).alias(
            "respondent_share_pct"
        ),
        (100 * pl.col("population") / population).alias("population_share_pct"),
    ).with_columns(
        (100 * pl.col("respondent_share_pct") / pl.col("population_share_pct")).alias("representation_index"),
    )
    if located:
        dissimilarity = float((table["respondent_share_pct"] - table["population_share_pct"]).abs().sum() / 2)
        score: float | None = 100 - dissimilarity
    else:
        dissimilarity, score = None, None
    is_hidden = pl.col("region_code").is_in(list(hidden))
    texts = [
        hidden.get(code, fr.integer(count))
        for code, count in zip(table["region_code"].to_list(), table["respondent_count"].to_list(), strict=True)
    ]
    table = (
        table.with_columns(
            pl.when(is_hidden).then(None).otherwise(pl.col(c)).alias(c)
            for c in ("respondent_count", "respondent_share_pct", "representation_index")
        )
        .with_columns(pl.Series("respondent_count_text", texts, dtype=pl.String))
        .sort("representation_index", descending=True, nulls_last=True)
    )

    def count_of(code: str) -> int:
        return int(regions.filter(pl.col("region_code") == code)["respondent_count"].sum())

    summary = Representativeness(
        score_pct=score,
        dissimilarity_pct=dissimilarity,
        located_count=located,
        abroad_count=count_of(ABROAD_REGION),
        unknown_count=count_of(UNKNOWN_REGION),
    )
    return table, summary


SCORE_EXPLANATION = (
    "Score de représentativité : 100 % moins l'indice de dissimilarité de Duncan, c'est-à-dire moins la part "
    "des répondants qu'il faudrait faire changer de région pour que leur répartition soit celle de la population."
)
NOT_A_POLL = (
    "Une consultation ouverte n'est pas un sondage : ne répond que qui le souhaite, sans "
    "échantillonnage ni redressement. Ces écarts décrivent qui a participé, pas l'opinion des habitants."
)
