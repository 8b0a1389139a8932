"""Open the consultation database read-only and run named queries on it.

One DuckDB connection a process, one cursor a call (Streamlit sessions are threads). The
connection is reopened when the file is replaced by an import, so readers switch from the old
complete database to the new complete one between two queries, never in the middle of one.
"""

from __future__ import annotations

import os
import threading
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import streamlit as st

from consultation import sql

DEFAULT_DB = Path(__file__).resolve().parent.parent / "data" / "consultation.duckdb"

_lock = threading.Lock()
_open: dict[str, tuple[tuple[int, int], duckdb.DuckDBPyConnection]] = {}


def database_path() -> Path:
    """The database the app reads: $CONSULTATION_DB, else data/consultation.duckdb."""
    return Path(os.environ.get("CONSULTATION_DB") or DEFAULT_DB)


def database_version(path: Path | None = None) -> str:
    """Identifies one version of the file (changes when an import swaps it)."""
    path = path or database_path()
    stat = path.stat()
    return f"{path}:{stat.st_ino}:{stat.st_mtime_ns}"


def connection(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """The shared read-only connection to the current version of the file."""
    path = path or database_path()
    stat = path.stat()
    stamp = (stat.st_ino, stat.st_mtime_ns)
    key = str(path)
    with _lock:
        known = _open.get(key)
        if known is None or known[0] != stamp:
            if known is not None:
                # DuckDB hands back its cached instance of a path while any connection to it is
                # open: close the old file's connection, or the new file would never be read.
                known[1].close()
            _open[key] = (stamp, duckdb.connect(key, read_only=True))
        return _open[key][1]


def run(name: str, **params) -> pl.DataFrame:
    """Run the named query with bound ``params`` and return its rows as a polars DataFrame.

    Params the query does not use are ignored, so callers can pass a whole filter set.
    Results are cached per database version.
    """
    wanted = sql.param_names(name)
    missing = wanted - params.keys()
    if missing:
        raise TypeError(f"query {name!r} needs params {sorted(missing)}")
    bound = tuple(sorted((k, _freeze(v)) for k, v in params.items() if k in wanted))
    return _run_cached(database_version(), name, bound)


def run_uncached(name: str, **params) -> pl.DataFrame:
    """Same as run() without the result cache (exports, benchmarks)."""
    wanted = sql.param_names(name)
    return _execute(name, {k: v for k, v in params.items() if k in wanted})


@st.cache_data(max_entries=512, show_spinner=False)
def _run_cached(version: str, name: str, bound: tuple) -> pl.DataFrame:
    return _execute(name, {k: _thaw(v) for k, v in bound})


def _execute(name: str, params: dict) -> pl.DataFrame:
    cursor = connection().cursor()
    try:
        frame = cursor.sql(sql.load(name), params=params).pl()
    finally:
        cursor.close()
    return _undecimal(frame)


def _undecimal(frame: pl.DataFrame) -> pl.DataFrame:
    """DuckDB sums come back as Decimal; the app wants plain integers and floats."""
    casts = []
    for col, dtype in frame.schema.items():
        if isinstance(dtype, pl.Decimal):
            casts.append(pl.col(col).cast(pl.Int64 if dtype.scale == 0 else pl.Float64))
    return frame.with_columns(casts) if casts else frame


def _freeze(value):
    if isinstance(value, list | tuple):
        return ("__list__", tuple(value))
    if isinstance(value, Decimal):
        return float(value)
    return value


def _thaw(value):
    if isinstance(value, tuple) and len(value) == 2 and value[0] == "__list__":
        return list(value[1])
    return value
