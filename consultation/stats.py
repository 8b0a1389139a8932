"""Statistics of the analysis pages, as pure functions of query results.

- Crosstabs of a closed question by a group of répondants (profile, sector, organisation type):
  each cell's share of the group, the overall share, the lift (cell share / overall share), and a
  chi-square test of independence (scipy). Cells with fewer than MIN_CELL répondants are flagged
  ``is_small``: greyed on screen, never interpreted.
- The clearest difference between two groups, as one French sentence, only when the test is
  significant and both cells are large enough.
- The uplift of contributions after an event: contributions on the two days after it (D+1 and
  D+2; the event day itself, split by a webinar at 11:30, belongs to neither window) against the
  baseline of the seven days before (D-7 to D-1): daily mean × 2.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import polars as pl
from scipy.stats import chi2_contingency

from consultation import fr

MIN_CELL = 10  # répondants: a smaller cell is greyed and not interpreted
ALPHA = 0.05
LOW_EXPECTED = 5  # a chi-square is unreliable when over 20 % of expected counts are below 5
BASELINE_DAYS = 7
AFTER_OFFSETS = (1, 2)  # days after the event counted as "after it"

# Whitelist of crosstab dimensions: column of filtered_contributions -> (URL value, French name,
# Filters field). The URL values are those of the global filters (consultation.filters).
DIMENSIONS = {
    "profile": ("profil", "profil", "profiles"),
    "sector": ("secteur", "secteur", "sectors"),
    "organisation_type": ("organisation", "type d'organisation", "organisation_types"),
}
CROSS_BY = {url: dimension for dimension, (url, _name, _field) in DIMENSIONS.items()}  # URL value -> dimension
CROSS_BY_LABELS = {url: name[:1].upper() + name[1:] for url, name, _field in DIMENSIONS.values()}


# --- Crosstabs -------------------------------------------------------------------------------------


def crosstab_cells(crosstab: pl.DataFrame) -> pl.DataFrame:
    """Add share_pct (of the group), overall_pct (of everybody who answered), lift, is_small.

    ``crosstab`` has one row a (question_id, group_code, choice) with respondent_count and
    group_answered_count (queries/question_crosstab.sql).
    """
    over = ["question_id", "choice"]
    return crosstab.with_columns(
        share_pct=_pct(pl.col("respondent_count"), pl.col("group_answered_count")),
        overall_pct=_pct(pl.col("respondent_count").sum().over(over), pl.col("group_answered_count").sum().over(over)),
        is_small=pl.col("respondent_count") < MIN_CELL,
    ).with_columns(
        lift=pl.when(pl.col("overall_pct") > 0).then(pl.col("share_pct") / pl.col("overall_pct")).otherwise(None)
    )


def distribution(crosstab: pl.DataFrame) -> pl.DataFrame:
    """The answers to each closed question, all groups together: one row a (question_id, choice)
    with respondent_count, answered_count (the question's répondants) and share_pct, in question
    then choice order. Summed over its groups, the crosstab gives these numbers (each répondant is
    in one group, "Non renseigné" included: queries/question_crosstab.sql), so the page reads them
    from the crosstab beside rather than from a query of its own (110 ms for a theme at 1M), and
    the two charts cannot disagree. A question nobody answered has no row.
    """
    keys = ["question_id", "question_position", "choice", "choice_position"]
    answered = (
        crosstab.unique(["question_id", "group_code"])
        .group_by("question_id")
        .agg(pl.col("group_answered_count").sum().cast(pl.Int64).alias("answered_count"))
    )
    return (
        crosstab.group_by(keys)
        .agg(pl.col("respondent_count").sum().cast(pl.Int64))
        .join(answered, on="question_id")
        .with_columns(share_pct=_pct(pl.col("respondent_count"), pl.col("answered_count")))
        .sort("question_position", "choice_position")
    )


def _pct(part: pl.Expr, whole: pl.Expr) -> pl.Expr:
    return pl.when(whole > 0).then(100.0 * part / whole).otherwise(None)


def hide_suppressed(df: pl.DataFrame, count: str, shares: tuple[str, ...]) -> pl.DataFrame:
    """Null the shares (and lifts) of rows whose ``count`` privacy.suppress_small_counts hid."""
    flag = f"{count}_suppressed"
    if flag not in df.columns:
        return df
    return df.with_columns(pl.when(pl.col(flag)).then(None).otherwise(pl.col(c)).alias(c) for c in shares)


@dataclass(frozen=True)
class ChiSquare:
    """A chi-square test of independence (for multiple choice: of the most dependent option)."""

    statistic: float
    dof: int
    p_value: float  # Bonferroni-corrected for multiple choice
    n: int  # répondants in the test
    cramers_v: float
    low_expected: bool  # over 20 % of expected counts below 5: not interpreted
    excluded_groups: tuple[str, ...] = ()  # groups of fewer than MIN_CELL répondants, left out
    significant_choices: tuple[str, ...] = ()  # choices whose own test is significant (multiple)
    options_tested: int = 0  # multiple choice: one test an option

    @property
    def significant(self) -> bool:
        return self.p_value < ALPHA and not self.low_expected


def chi_square(table: np.ndarray) -> ChiSquare | None:
    """Test of independence of a groups × choices table of counts (empty rows and columns dropped).

    None when fewer than two groups or two choices are left. Yates' correction applies to 2×2
    tables, as scipy does by default.
    """
    table = np.asarray(table, dtype=float)
    table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0] if table.size else table
    if table.ndim != 2 or min(table.shape) < 2:
        return None
    result = chi2_contingency(table)
    n = int(table.sum())
    k = min(table.shape) - 1
    v = math.sqrt(result.statistic / (n * k)) if n and k else 0.0
    low = float((result.expected_freq < LOW_EXPECTED).mean()) > 0.2
    return ChiSquare(float(result.statistic), int(result.dof), float(result.pvalue), n, v, low)


def question_test(cells: pl.DataFrame, kind: str) -> ChiSquare | None:
    """The independence test of one question's crosstab (rows of crosstab_cells for it).

    Groups of fewer than MIN_CELL répondants are left out. Single choice, yes/no and scale: one
    test of the groups × choices table. Multiple choice (choices are not exclusive): one test an
    option, chosen or not by group, Bonferroni-corrected; the result is the option with the
    smallest p-value, and ``significant_choices`` lists every significant option.
    """
    answered = cells.select("group_code", "group_answered_count").unique(maintain_order=True)
    excluded = tuple(answered.filter(pl.col("group_answered_count") < MIN_CELL)["group_code"].to_list())
    kept = cells.filter(~pl.col("group_code").is_in(excluded))
    groups = kept["group_code"].unique(maintain_order=True).to_list()
    choices = kept["choice"].unique(maintain_order=True).to_list()
    if len(groups) < 2:
        return None
    counts = {(r["group_code"], r["choice"]): r["respondent_count"] for r in kept.iter_rows(named=True)}
    totals = dict(answered.iter_rows())
    if kind != "multiple":
        table = np.array([[counts.get((g, c), 0) for c in choices] for g in groups])
        test = chi_square(table)
        return None if test is None else _with(test, excluded_groups=excluded)
    tests: list[tuple[str, ChiSquare]] = []
    for c in choices:
        table = np.array([[counts.get((g, c), 0), totals[g] - counts.get((g, c), 0)] for g in groups])
        test = chi_square(table)
        if test is not None:
            tests.append((c, _with(test, p_value=min(1.0, test.p_value * len(choices)))))
    if not tests:
        return None
    significant = tuple(c for c, t in tests if t.significant)
    best = min(tests, key=lambda ct: (ct[1].p_value, -ct[1].statistic))[1]
    return _with(best, excluded_groups=excluded, significant_choices=significant, options_tested=len(choices))


def _with(test: ChiSquare, **changes) -> ChiSquare:
    return ChiSquare(**{**test.__dict__, **changes})


def test_sentence(test: ChiSquare | None, dimension: str) -> str:
    """One French sentence saying what the test found, for the caption under the crosstab."""
    name = DIMENSIONS[dimension][1]
    if test is None:
        return f"Pas assez de répondants pour tester un lien avec le {name} (au moins deux groupes de {MIN_CELL})."
    p = "p < 0,001" if test.p_value < 0.001 else f"p = {fr.decimal(test.p_value, 3)}"
    detail = f"khi-deux = {fr.decimal(test.statistic, 1)}, {p}, V de Cramér = {fr.decimal(test.cramers_v, 2)}"
    if test.options_tested:
        detail += f" ; un test par option, corrigé pour {test.options_tested} options"
    if test.low_expected:
        verdict = "Test peu fiable : trop de cases ont un effectif attendu inférieur à 5"
    elif test.significant:
        verdict = f"Les réponses dépendent du {name} (test du khi-deux significatif au seuil de {fr.percent(5)})"
    else:
        verdict = f"Pas de lien démontré avec le {name} (test du khi-deux non significatif au seuil de {fr.percent(5)})"
    excluded = (
        f" Groupes de moins de {MIN_CELL} répondants exclus du test : {len(test.excluded_groups)}."
        if test.excluded_groups
        else ""
    )
    return f"{verdict} ({detail}).{excluded}"


@dataclass(frozen=True)
class Difference:
    choice: str
    high_code: str
    high_label: str
    high_plural: str
    high_pct: int  # rounded, as shown
    low_code: str
    low_label: str
    low_plural: str
    low_pct: int

    @property
    def points(self) -> int:
        return self.high_pct - self.low_pct


def clearest_difference(cells: pl.DataFrame, test: ChiSquare | None, kind: str) -> Difference | None:
    """The largest gap in share between two groups for one choice, in rounded percentage points.

    Only when the test is significant, between two cells of at least MIN_CELL répondants (and
    not hidden), and for multiple choice only on an option whose own test is significant.
    """
    if test is None or not test.significant:
        return None
    usable = cells.filter(
        ~pl.col("is_small")
        & pl.col("share_pct").is_not_null()
        & ~pl.col("group_code").is_in(test.excluded_groups)
        & (pl.lit(kind != "multiple") | pl.col("choice").is_in(test.significant_choices))
    )
    best: Difference | None = None
    for choice in usable["choice"].unique(maintain_order=True).to_list():
        rows = usable.filter(pl.col("choice") == choice).sort("share_pct", descending=True, maintain_order=True)
        if rows.height < 2:
            continue
        high, low = rows.row(0, named=True), rows.row(rows.height - 1, named=True)
        diff = Difference(
            choice=choice,
            high_code=high["group_code"],
            high_label=high["group_label"],
            high_plural=high["group_plural_label"],
            high_pct=round(high["share_pct"]),
            low_code=low["group_code"],
            low_label=low["group_label"],
            low_plural=low["group_plural_label"],
            low_pct=round(low["share_pct"]),
        )
        if diff.points >= 1 and (best is None or diff.points > best.points):
            best = diff
    return best


def difference_sentence(diff: Difference, dimension: str, kind: str) -> str:
    """'Les citoyens répondent « Oui » 18 points plus souvent que les professionnels de la culture (45 % contre 27 %).'"""
    if kind == "scale":
        verb = f"choisissent la note « {diff.choice} »"
    elif kind == "multiple":
        verb = f"choisissent « {diff.choice} »"
    else:
        verb = f"répondent « {diff.choice} »"
    if dimension == "profile":
        subject, other = f"Les {diff.high_plural}", f"les {diff.low_plural}"
    elif dimension == "sector":
        subject = f"Les répondants du secteur « {diff.high_label} »"
        other = f"ceux du secteur « {diff.low_label} »"
    else:
        subject = f"Les répondants de type « {diff.high_label} »"
        other = f"ceux de type « {diff.low_label} »"
    points = fr.plural(diff.points, "point")
    return (
        f"{subject} {verb} {points} plus souvent que {other} "
        f"({fr.percent(diff.high_pct)} contre {fr.percent(diff.low_pct)})."
    )


# --- Uplift after events ---------------------------------------------------------------------------


def event_uplift(daily: pl.DataFrame, events: pl.DataFrame, first_day: date, last_day: date) -> pl.DataFrame:
    """One row an (event, scope): the whole filtered set, then each theme the event is about.

    ``daily``: one row a (period_start, theme_id) with contribution_count (timeline_contributions by day,
    days without contributions included). ``events``: queries/events.sql. ``first_day`` and
    ``last_day`` bound the days whose counts mean something (the consultation's days within the
    date filter): an event whose windows leave them gets no ratio, and a note says why.
    Columns: event_date, label, kind, theme_id (None: all themes), scope_label,
    event_theme_count (how many themes the event is about), color (the theme's), baseline_count
    (the seven days before), baseline_mean (per day), expected_count (baseline_mean × 2),
    after_count (D+1 and D+2), ratio (after / expected, None when not computable), note.
    """
    counts: dict[tuple[date, str], int] = {
        (d, t): c for d, t, c in daily.select("period_start", "theme_id", "contribution_count").iter_rows()
    }
    totals: dict[date, int] = {}
    for (d, _t), c in counts.items():
        totals[d] = totals.get(d, 0) + c
    themes_of: dict[tuple[date, str], int] = {}
    for event in events.iter_rows(named=True):
        key = (event["event_date"], event["label"])
        themes_of[key] = themes_of.get(key, 0) + (1 if event["theme_id"] else 0)
    rows = []
    seen: set[tuple[date, str]] = set()
    for event in events.iter_rows(named=True):
        key = (event["event_date"], event["label"])
        scopes = []
        if key not in seen:
            seen.add(key)
            scopes.append((None, "Ensemble"))
        if event["theme_id"]:
            scopes.append((event["theme_id"], event["theme_short_label"] or event["theme_id"]))
        for theme_id, scope_label in scopes:
            color = event.get("theme_color") if theme_id else None

            def count(d: date, theme_id=theme_id) -> int:
                return totals.get(d, 0) if theme_id is None else counts.get((d, theme_id), 0)

            rows.append(
                {
                    "event_date": event["event_date"],
                    "label": event["label"],
                    "kind": event["kind"],
                    "theme_id": theme_id,
                    "scope_label": scope_label,
                    "event_theme_count": themes_of[key],
                    "color": color,
                    **uplift(count, event["event_date"], first_day, last_day),
                }
            )
    schema = {
        "event_date": pl.Date,
        "label": pl.String,
        "kind": pl.String,
        "theme_id": pl.String,
        "scope_label": pl.String,
        "event_theme_count": pl.Int64,
        "color": pl.String,
        "baseline_count": pl.Int64,
        "baseline_mean": pl.Float64,
        "expected_count": pl.Float64,
        "after_count": pl.Int64,
        "ratio": pl.Float64,
        "note": pl.String,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


def uplift(count, event_day: date, first_day: date, last_day: date) -> dict:
    """The uplift of one series around ``event_day``; ``count(day)`` gives a day's contributions."""
    before = [event_day - timedelta(days=i) for i in range(BASELINE_DAYS, 0, -1)]
    after = [event_day + timedelta(days=i) for i in AFTER_OFFSETS]
    out = {
        "baseline_count": None,
        "baseline_mean": None,
        "expected_count": None,
        "after_count": None,
        "ratio": None,
        "note": None,
    }
    if before[0] < first_day:
        out["note"] = "Pas de période de référence : les sept jours précédents sortent de la période étudiée."
        return out
    if after[-1] > last_day:
        out["note"] = "Les deux jours suivants sortent de la période étudiée."
        return out
    baseline = sum(count(d) for d in before)
    mean = baseline / BASELINE_DAYS
    expected = mean * len(AFTER_OFFSETS)
    after_count = sum(count(d) for d in after)
    out.update(baseline_count=baseline, baseline_mean=mean, expected_count=expected, after_count=after_count)
    if expected == 0:
        out["note"] = "Aucune contribution les sept jours précédents : pas de rapport calculable."
    else:
        out["ratio"] = after_count / expected
    return out


def headline_uplifts(uplift: pl.DataFrame) -> pl.DataFrame:
    """The rows worth a sentence: each event's own theme(s), or the whole set for an event about
    no theme in particular (the launch webinar), when a ratio could be computed."""
    return uplift.filter(
        pl.col("ratio").is_not_null() & (pl.col("theme_id").is_not_null() | (pl.col("event_theme_count") == 0))
    )


def uplift_table(uplift: pl.DataFrame) -> pl.DataFrame:
    """The rows of event_uplift as the page shows them: French headers and numbers, '–' when
    a number could not be computed (or is hidden)."""

    def text(column: str, fmt) -> pl.Series:
        # In Python, never with map_elements (see ui._table).
        return pl.Series(column, [fmt(v) if v is not None else "–" for v in uplift[column].to_list()], dtype=pl.String)

    return uplift.select(
        text("event_date", fr.day).alias("Date"),
        pl.col("label").alias("Événement"),
        pl.col("scope_label").alias("Portée"),
        text("baseline_mean", fr.decimal).alias("Par jour, J-7 à J-1"),
        text("expected_count", fr.decimal).alias("Attendues à J+1 et J+2"),
        text("after_count", fr.integer).alias("Reçues à J+1 et J+2"),
        text("ratio", lambda r: f"×{fr.decimal(r, 1)}").alias("Rapport"),
        pl.col("note").fill_null("").alias("Remarque"),
    )


_ARTICLES = {"webinaire": "le ", "ouverture": "l'", "clôture": "la "}


def uplift_sentence(row: dict) -> str | None:
    """'Après le webinaire Archivage numérique du 9 mars 2023, les contributions sur ce thème ont
    été multipliées par 2,4 par rapport aux sept jours précédents.' None without a ratio."""
    ratio = row.get("ratio")
    if ratio is None:
        return None
    label = row["label"]
    first = label.split()[0].lower()
    article = _ARTICLES.get(first)
    name = f"{article}{first}{label[len(first) :]}" if article else f"« {label} »"
    if not row.get("theme_id"):
        scope = "l'ensemble des contributions"
    elif row.get("event_theme_count", 1) == 1:
        scope = "les contributions sur ce thème"
    else:
        scope = f"les contributions sur le thème {row['scope_label']}"
    plural = bool(row.get("theme_id"))
    if ratio >= 1.05:
        change = f"{'ont été multipliées' if plural else 'a été multiplié'} par {fr.decimal(ratio, 1)}"
    elif ratio <= 0.95:
        change = f"{'ont baissé' if plural else 'a baissé'} de {fr.percent(100 * (1 - ratio))}"
    else:
        change = "sont restées au même niveau" if plural else "est resté au même niveau"
    return f"Après {name} du {fr.day(row['event_date'])}, {scope} {change} par rapport aux sept jours précédents."
