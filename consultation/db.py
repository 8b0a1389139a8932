"""Open the consultation database read-only and run named queries on it.

One DuckDB connection a process, one cursor a call (Streamlit sessions are threads). The
connection is reopened when the file is replaced by an import. Each script run is pinned to the
version current when it starts (``pinned``, applied by the router), so a page switches from the
old complete database to the new complete one between two runs, never in the middle of one.
"""

from __future__ import annotations

import os
import threading
import warnings
from collections import OrderedDict
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl

from consultation import runs, sql

DEFAULT_DB = Path(__file__).resolve().parent.parent / "data" / "consultation.duckdb"

# _execute chose the copy for small results (its docstring); DuckDB warns about it each time.
warnings.filterwarnings("ignore", message="Arrow output on a DB-API result", category=UserWarning)

_lock = threading.Condition()
_pin = threading.local()  # the version a script run reads (see pinned)


@dataclass
class _Version:
    """One version of the file (its inode and mtime), its connection, and how many script runs
    are pinned to it."""

    stamp: tuple[int, int]
    connection: duckdb.DuckDBPyConnection
    readers: int = 0


_open: dict[str, _Version] = {}


def database_path() -> Path:
    """The database the app reads: $CONSULTATION_DB, else data/consultation.duckdb."""
    return Path(os.environ.get("CONSULTATION_DB") or DEFAULT_DB)


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return (stat.st_ino, stat.st_mtime_ns)


def database_version(path: Path | None = None) -> str:
    """Identifies one version of the file (changes when an import swaps it); inside a pinned run,
    the version the run reads."""
    pinned = _pinned_version(path)
    path = path or database_path()
    ino, mtime = pinned.stamp if pinned is not None else _stamp(path)
    return f"{path}:{ino}:{mtime}"


def _pinned_version(path: Path | None) -> _Version | None:
    version, key = getattr(_pin, "version", None), getattr(_pin, "key", None)
    if version is None or (path is not None and str(path) != key):
        return None
    return version


def _current(path: Path) -> _Version:
    """The open version of the file as it is now (caller holds _lock). When an import has
    replaced it, the old connection is closed once no pinned run reads it any more (DuckDB hands
    back its cached instance of a path while a connection to it is open, so the new file could
    not be opened beside it)."""
    key = str(path)
    while True:
        stamp, known = _stamp(path), _open.get(key)
        if known is not None and known.stamp == stamp:
            return known
        if known is not None and known.readers:
            _lock.wait(timeout=1.0)  # runs on the old version end within seconds
            continue
        if known is not None:
            known.connection.close()
        _open[key] = _Version(stamp, duckdb.connect(key, read_only=True))


def connection(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """The shared read-only connection to the current version of the file (to the pinned one
    inside a pinned run)."""
    pinned = _pinned_version(path)
    if pinned is not None:
        return pinned.connection
    with _lock:
        return _current(path or database_path()).connection


@contextmanager
def pinned(path: Path | None = None):
    """Every query of the block, in this thread, reads the version of the file that is current on
    entry, even if an import replaces the file meanwhile: a page never mixes numbers of two
    databases. The router pins each script run. A swap waits for the pinned runs on the old
    version to end before it closes that version's connection."""
    if getattr(_pin, "version", None) is not None:  # already pinned (nested)
        yield
        return
    path = path or database_path()
    with _lock:
        version = _current(path)
        version.readers += 1
    _pin.version, _pin.key = version, str(path)
    try:
        yield
    finally:
        _pin.version = _pin.key = None
        with _lock:
            version.readers -= 1
            _lock.notify_all()


def run(name: str, **params) -> pl.DataFrame:
    """Run the named query with bound ``params`` and return its rows as a polars DataFrame.

    Params the query does not use are ignored, so callers can pass a whole filter set.
    Results are cached per database version.
    """
    return _run_cached(*_cache_key(database_version(), name, params))


def _cache_key(version: str, name: str, params: dict) -> tuple:
    """(version, name, bound params) of a query: the params it uses, frozen to be hashable."""
    wanted = sql.param_names(name)
    missing = wanted - params.keys()
    if missing:
        raise TypeError(f"query {name!r} needs params {sorted(missing)}")
    return version, name, tuple(sorted((k, _freeze(v)) for k, v in params.items() if k in wanted))


def run_many(jobs: Mapping[str, tuple[str, dict]]) -> dict[str, pl.DataFrame]:
    """Several named queries at once, as ``{label: (name, params)}`` -> ``{label: rows}``; each
    as run() would return it. The ones not in the cache run side by side, each on its own cursor
    of the version this run is pinned to: a page's cold run at 1M waits for its slowest query
    rather than for the sum (Thèmes: 7 queries, ~0.7 s in a row).

    Only DuckDB and Arrow work in the helper threads: the polars frames are built here, in the
    script's thread (two threads inside polars at once can stall the process, see
    consultation.runs). Queries marked ``-- rows: many`` run here too, one after the other.
    """
    version = database_version()
    keys = {label: _cache_key(version, name, params) for label, (name, params) in jobs.items()}
    out = {label: frame for label, key in keys.items() if (frame := _results.peek(key)) is not None}
    side_by_side = [label for label in keys if label not in out and not sql.many_rows(keys[label][1])]
    # Under load (other runs queued) the cores are busy already: helper threads would only add
    # contention (load test: 845 -> 792-822 actions in 60 s), so the queries run in a row.
    if len(side_by_side) > 1 and not runs.others_waiting():
        con = connection()
        futures = {}
        for label in side_by_side:
            _version, name, bound = keys[label]
            params = {k: _thaw(v) for k, v in bound}
            futures[label] = _pool.submit(_arrow_of, con, name, params, _hits_arrow(name, params))
        for label, future in futures.items():
            frame = _frame_of(future.result())
            out[label] = _results.get(keys[label], lambda frame=frame: frame)
    for label, key in keys.items():
        if label not in out:
            out[label] = _run_cached(*key)
    return {label: out[label] for label in jobs}


def run_uncached(name: str, **params) -> pl.DataFrame:
    """Same as run() without the result cache (exports, benchmarks)."""
    wanted = sql.param_names(name)
    return _execute(name, {k: v for k, v in params.items() if k in wanted})


class _Results:
    """Query results shared by every session, least recently used dropped beyond ``size``.

    Not st.cache_data: it pickles each frame in and out on every hit, and Streamlit's hashing of
    the arguments inspects the function's signature each call: 27 ms and 15 ms of a 330 ms
    overview run under load (py-spy). Here a hit is a dict lookup on the (already hashable) key
    and hands back the frame itself, which is safe because a polars DataFrame is immutable.
    Concurrent misses on one key run the query once; the others wait for its result.
    """

    def __init__(self, size: int):
        self.size = size
        self._frames: OrderedDict[tuple, pl.DataFrame] = OrderedDict()
        self._running: dict[tuple, threading.Event] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple, compute) -> pl.DataFrame:
        while True:
            with self._lock:
                if key in self._frames:
                    self._frames.move_to_end(key)
                    return self._frames[key]
                running = self._running.get(key)
                if running is None:
                    running = self._running[key] = threading.Event()
                    break
            running.wait()  # another session is running the same query; then read its result
            with self._lock:
                if key in self._frames:
                    return self._frames[key]
        try:
            frame = compute()
            with self._lock:
                self._frames[key] = frame
                while len(self._frames) > self.size:
                    self._frames.popitem(last=False)
            return frame
        finally:
            with self._lock:
                del self._running[key]
            running.set()

    def peek(self, key: tuple) -> pl.DataFrame | None:
        """The cached frame of ``key``, if any (no query run)."""
        with self._lock:
            if key in self._frames:
                self._frames.move_to_end(key)
                return self._frames[key]
        return None

    def clear(self) -> None:
        with self._lock:
            self._frames.clear()


_results = _Results(size=512)
_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="duckdb-query")


def _run_cached(version: str, name: str, bound: tuple) -> pl.DataFrame:
    return _results.get((version, name, bound), lambda: _execute(name, {k: _thaw(v) for k, v in bound}))


def clear_cache() -> None:
    """Forget every query result (benchmarks measure cold runs)."""
    _results.clear()


def _execute(name: str, params: dict) -> pl.DataFrame:
    """The named query's rows. A query of a few rows is executed once: planning is most of its
    time, and a relation (``cursor.sql(...).pl()``) plans it twice (to learn its columns, then
    to run it): 1.3-1.6x slower at the default size, 5-25 ms a query. A query whose header says
    ``-- rows: many`` goes through the relation, which hands its rows to polars without the copy
    that Arrow output of an executed statement makes (up to 1.5x slower on millions of rows)."""
    if sql.many_rows(name):
        with query_cursor(name, params) as (cursor, bound):
            return _undecimal(cursor.sql(sql.load(name), params=bound).pl())
    return _frame_of(_arrow_of(connection(), name, params, _hits_arrow(name, params)))


def _arrow_of(con: duckdb.DuckDBPyConnection, name: str, params: dict, hits):
    """The named query's rows as an Arrow table, executed once on a cursor of ``con`` (DuckDB
    and Arrow only: safe in a helper thread), with the search hits ``hits`` registered."""
    with _lock:  # DuckDB refuses a call on a connection busy with another thread's call
        cursor = con.cursor()
    try:
        if hits is not None:
            cursor.register(sql.SEARCH_HITS, hits)
        bound = {k: v for k, v in params.items() if k in sql.bound_names(name)}
        return cursor.execute(sql.load(name), bound).to_arrow_table()
    finally:
        cursor.close()


def _frame_of(table) -> pl.DataFrame:
    return _undecimal(pl.from_arrow(table))


def _hits_arrow(name: str, params: dict):
    """The search hits the named query reads, as Arrow (None if it reads none)."""
    return _search_hits(params).to_arrow() if sql.reads_search_hits(name) else None


@contextmanager
def query_cursor(name: str, params: dict):
    """A cursor ready to run the named query's text (or a text that includes it): the search hits
    it reads registered, and the params its text binds, as ``(cursor, bound params)``."""
    con = connection()
    with _lock:  # DuckDB refuses a call on a connection busy with another thread's call
        cursor = con.cursor()
    try:
        if sql.reads_search_hits(name):
            cursor.register(sql.SEARCH_HITS, _search_hits(params))
        yield cursor, {k: v for k, v in params.items() if k in sql.bound_names(name)}
    finally:
        cursor.close()


def _search_hits(params: dict) -> pl.DataFrame:
    """The réponses that match the search of ``params`` (queries/search_hits.sql), computed once a
    search and database version and shared by every query of every session that reads them."""
    wanted = {k: params[k] for k in sql.bound_names("search_hits")}
    key = (database_version(), "search_hits", tuple(sorted((k, _freeze(v)) for k, v in wanted.items())))
    return _results.get(key, lambda: _execute("search_hits", wanted))


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
