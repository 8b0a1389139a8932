"""The Répondants page's logic: URL state of the map, drill-down links, sentences about the results.

Pure functions (no Streamlit): the page calls them, tests call them directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from consultation import fr
from consultation.privacy import HIDDEN_LABEL

# URL key of the map's measure, its values and their French labels (the first is the default).
MAP_KEY = "carte"
MAP_MODES: dict[str, str] = {"nombre": "Nombre de répondants", "taux": "Pour 100 000 habitants"}
DEFAULT_MAP_MODE = "nombre"
COMBINATION_LIMIT = 12


@dataclass(frozen=True)
class Dimension:
    query: str  # named query, one row a code of the dimension
    code_col: str
    url_key: str  # global filter the drill-down sets
    title: str
    file_name: str


DIMENSIONS: dict[str, Dimension] = {
    "profile": Dimension("respondents_by_profile", "profile", "profil", "Profil", "repondants-par-profil"),
    "sector": Dimension("respondents_by_sector", "sector", "secteur", "Secteur", "repondants-par-secteur"),
    "organisation_type": Dimension(
        "respondents_by_organisation_type",
        "organisation_type",
        "organisation",
        "Type d'organisation",
        "repondants-par-organisation",
    ),
}


def map_mode(raw: str | list[str] | None) -> str:
    """The map's measure from the URL value; anything unknown falls back to the default."""
    if isinstance(raw, list):
        raw = raw[0] if raw else None
    return raw if raw in MAP_MODES else DEFAULT_MAP_MODE


def drill_params(base: Mapping[str, str | list[str]], url_key: str, code: str) -> dict[str, str | list[str]]:
    """URL params of the Réponses page for one bar or region: the current view's params
    (ui.query_params_for: filters, presentation mode), narrowed to ``code`` on ``url_key``."""
    return {**base, url_key: [code]}


def selected_code(event: Mapping | None) -> str | None:
    """The code (customdata) of the first point clicked in a chart, if any."""
    if not event:
        return None
    selection = event.get("selection") or {}
    for point in selection.get("points") or []:
        data = point.get("customdata")
        if isinstance(data, list | tuple):
            data = data[0] if data else None
        if isinstance(data, str) and data:
            return data
    return None


def multi_theme_share(theme_counts: pl.DataFrame) -> float | None:
    """Share (%) of répondants who answered two questionnaires or more (raw counts)."""
    total = int(theme_counts["respondent_count"].sum())
    if total == 0:
        return None
    several = int(theme_counts.filter(pl.col("theme_count") >= 2)["respondent_count"].sum())
    return 100 * several / total


def top_row(df: pl.DataFrame, col: str) -> dict | None:
    """The row with the largest non-null ``col`` (ties: first in order), or None."""
    rows = df.filter(pl.col(col).is_not_null())
    if rows.height == 0:
        return None
    return rows.sort(col, descending=True, maintain_order=True).row(0, named=True)


def bottom_row(df: pl.DataFrame, col: str) -> dict | None:
    rows = df.filter(pl.col(col).is_not_null())
    if rows.height == 0:
        return None
    return rows.sort(col, maintain_order=True).row(0, named=True)


def region_sentence(regions: pl.DataFrame, mode: str) -> str:
    """One French sentence on the map's extremes (regions with a population only)."""
    inside = regions.filter(pl.col("population").is_not_null())
    if mode == "taux":
        top, low = top_row(inside, "rate_per_100k"), bottom_row(inside, "rate_per_100k")
        if top is None or low is None:
            return "Aucun taux ne peut être affiché."
        return (
            f"Taux le plus élevé : {top['name']} ({fr.decimal(top['rate_per_100k'])} répondants pour 100 000 "
            f"habitants) ; le plus faible : {low['name']} ({fr.decimal(low['rate_per_100k'])})."
        )
    top = top_row(inside, "respondent_count")
    if top is None:
        return "Aucun nombre ne peut être affiché."
    return f"Région la plus représentée : {top['name']} avec {fr.plural(top['respondent_count'], 'répondant')}."


def combination_label(theme_ids: list[str], short_labels: Mapping[str, str]) -> str:
    """'Métavers + Écologie' for the list of theme ids of one combination."""
    return " + ".join(short_labels.get(t, t) for t in theme_ids)


def with_combination_labels(combos: pl.DataFrame, themes: pl.DataFrame) -> pl.DataFrame:
    """Add 'combination', the readable list of a row's themes, to theme_combinations."""
    short_labels = dict(zip(themes["theme_id"].to_list(), themes["short_label"].to_list(), strict=True))
    labels = [combination_label(list(ids), short_labels) for ids in combos["theme_ids"].to_list()]
    return combos.with_columns(pl.Series("combination", labels, dtype=pl.String))


def count_of(regions: pl.DataFrame, region_code: str) -> str:
    """The count of one row of protected respondents_by_region as shown ("12", "< 10", "masqué")."""
    rows = regions.filter(pl.col("region_code") == region_code)
    if rows.height == 0:
        return "0"
    if rows["respondent_count"][0] is None:
        return rows["respondent_count_text"][0] if "respondent_count_text" in rows.columns else HIDDEN_LABEL
    return fr.integer(rows["respondent_count"][0])


def hidden_regions(regions: pl.DataFrame) -> dict[str, str]:
    """Region code -> shown text, for the regions whose count ui.protect hid."""
    if "respondent_count_suppressed" not in regions.columns:
        return {}
    rows = regions.filter(pl.col("respondent_count_suppressed"))
    texts = rows["respondent_count_text"].to_list() if "respondent_count_text" in rows.columns else None
    return {code: (texts[i] if texts else HIDDEN_LABEL) for i, code in enumerate(rows["region_code"].to_list())}


def dimension_sentence(df: pl.DataFrame, title: str) -> str:
    """'En tête : Archives (25 % des répondants).' for a protected dimension table."""
    # « Non renseigné » heads many a dimension (citizens name no sector): it is no answer to « which
    # one comes first ».
    known = df.filter(~pl.col("label").str.starts_with("Non renseign")) if "label" in df.columns else df
    top = top_row(known, "respondent_count")
    if top is None or not top["respondent_count"]:
        return f"Aucun {title.lower()} ne peut être affiché."
    return f"En tête : {top['label']} ({fr.percent(top['share_pct'])} des répondants)."
