"""Protection of respondents on screen: suppression of small groups.

A count of répondants below the threshold is hidden ("< 10") and not plotted, and when a table
shows a total, a second cell is hidden too so the first cannot be found by subtraction.
"""

from __future__ import annotations

import polars as pl

DEFAULT_THRESHOLD = 10


def suppress_small_counts(
    df: pl.DataFrame, column: str, threshold: int | None, group_by: list[str] | None = None
) -> pl.DataFrame:
    """Null out counts in 1..threshold-1 of ``column`` and flag them in ``<column>_suppressed``.

    Within each group (the whole table when ``group_by`` is None), if exactly one cell is
    suppressed, the smallest other non-zero cell is suppressed as well (secondary suppression),
    so no hidden value can be recovered from the total. ``threshold`` None: nothing changes
    except the flag column, all false.
    """
    flag = f"{column}_suppressed"
    if not threshold or df.height == 0:
        return df.with_columns(pl.lit(False).alias(flag))
    groups = group_by or []
    primary = (pl.col(column) > 0) & (pl.col(column) < threshold)
    df = df.with_row_index("__row").with_columns(primary.alias(flag))
    over = groups or None
    n_suppressed = pl.col(flag).sum().over(over) if over else pl.col(flag).sum()
    candidate = (~pl.col(flag)) & (pl.col(column) > 0)
    rank_expr = pl.when(candidate).then(pl.col(column)).otherwise(None)
    smallest = rank_expr.min().over(over) if over else rank_expr.min()
    first_row = (
        pl.when(candidate & (pl.col(column) == smallest)).then(pl.col("__row")).otherwise(None).min().over(over)
        if over
        else pl.when(candidate & (pl.col(column) == smallest)).then(pl.col("__row")).otherwise(None).min()
    )
    secondary = (n_suppressed == 1) & candidate & (pl.col("__row") == first_row)
    df = df.with_columns((pl.col(flag) | secondary).alias(flag))
    return df.with_columns(pl.when(pl.col(flag)).then(None).otherwise(pl.col(column)).alias(column)).drop("__row")


def small_count_label(threshold: int) -> str:
    return f"< {threshold}"
