"""Files people download: CSV that French Excel opens, with formulas neutralised."""

from __future__ import annotations

import io

import polars as pl

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """A cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def neutralise_frame(df: pl.DataFrame) -> pl.DataFrame:
    """Every text cell neutralised; lists joined with ' | ' first (spreadsheets have no lists)."""
    casts = []
    for name, dtype in df.schema.items():
        if isinstance(dtype, pl.List):
            casts.append(pl.col(name).list.join(" | ").alias(name))
    if casts:
        df = df.with_columns(casts)
    texts = [n for n, t in df.schema.items() if t == pl.String]
    pattern = r"^[=+\-@\t\r]"
    return df.with_columns(
        pl.when(pl.col(n).str.contains(pattern)).then(pl.lit("'") + pl.col(n)).otherwise(pl.col(n)).alias(n)
        for n in texts
    )


def csv_bytes(df: pl.DataFrame) -> bytes:
    """UTF-8 with BOM, ';' separator, decimal comma-free: what French Excel opens correctly."""
    buffer = io.BytesIO()
    neutralise_frame(df).write_csv(buffer, separator=";", quote_style="non_numeric")
    return "\ufeff".encode() + buffer.getvalue()
