"""Write a complete consultation database, then swap it in place in one step.

Readers (the app, other processes) never see half a build: the new file is written next to
the target under a temporary name, checkpointed, closed, and moved over the target with
``os.replace``, which is atomic on one filesystem.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import duckdb
import polars as pl

from consultation import reference, text

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"
# 2: contribution_facts, search_answers (facts.sql), search_words/postings (search_index.sql)
# 3: closed_picks, open_answer_count (facts.sql); term_index, open_answer_facts (text_keys.sql)
# 4: question_term_totals, duplicate_group_keys (text_keys.sql)
# 5: search_postings.positions (search_index.sql): a phrase is found without reading texts
# 6: term_lists (text_keys.sql): the terms of a réponse in one row, for the filtered word counts
# 7: text_totals, voice_draws, text_side_totals, text_side_term_totals, question_answer_totals
#    (text_totals.sql): the Textes and Données figures without filters, precomputed
SCHEMA_VERSION = "7"

# Order matters only for readability of the file; every table is inserted BY NAME.
TABLES = (
    "themes",
    "questions",
    "dimension_values",
    "regions",
    "respondents",
    "contributions",
    "answers",
    "events",
    "sources",
)


def build_sql(name: str) -> str:
    return (QUERIES_DIR / "build" / f"{name}.sql").read_text(encoding="utf-8")


def reference_frames() -> dict[str, pl.DataFrame]:
    """Tables every database carries whatever its source: themes, labels, regions, events."""
    themes = pl.DataFrame(
        {
            "theme_id": [t.theme_id for t in reference.THEMES],
            "label": [t.label for t in reference.THEMES],
            "short_label": [t.short_label for t in reference.THEMES],
            "position": list(range(1, len(reference.THEMES) + 1)),
            "color": [t.color for t in reference.THEMES],
        }
    )
    dims: list[dict] = []
    for pos, (code, label, plural) in enumerate(reference.PROFILES, 1):
        dims.append(dict(dimension="profile", code=code, label=label, plural_label=plural, position=pos))
    for dimension, values in (("sector", reference.SECTORS), ("organisation_type", reference.ORGANISATION_TYPES)):
        for pos, (code, label) in enumerate(values, 1):
            dims.append(dict(dimension=dimension, code=code, label=label, plural_label=label, position=pos))
    region_rows = reference.regions()
    for pos, r in enumerate(region_rows, 1):
        dims.append(
            dict(dimension="region", code=r["region_code"], label=r["name"], plural_label=r["name"], position=pos)
        )
    events = pl.DataFrame(
        {
            "event_date": [e[0] for e in reference.EVENTS],
            "label": [e[1] for e in reference.EVENTS],
            "kind": [e[2] for e in reference.EVENTS],
            "theme_id": [e[3] for e in reference.EVENTS],
        },
        schema={"event_date": pl.Date, "label": pl.String, "kind": pl.String, "theme_id": pl.String},
    )
    return {
        "themes": themes,
        "dimension_values": pl.DataFrame(dims),
        "regions": pl.DataFrame(
            region_rows, schema={"region_code": pl.String, "name": pl.String, "population": pl.Int64}
        ),
        "events": events,
    }


def build_database(path: str | os.PathLike, frames: Mapping[str, pl.DataFrame], meta: Mapping[str, str]) -> Path:
    """Create a new database at ``path`` from ``frames`` (table name -> DataFrame).

    Tables missing from ``frames`` are taken from the reference data. Answers get their
    normalised search text here. The file at ``path`` is replaced only once everything
    has been written; on any error it is left untouched.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    all_frames = {**reference_frames(), **frames}
    try:
        con = duckdb.connect(str(tmp))
        try:
            con.execute(build_sql("schema"))
            for table in TABLES:
                frame = all_frames.get(table)
                if frame is None or frame.height == 0:
                    continue
                con.register("incoming", frame)
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")  # table: fixed tuple
                con.unregister("incoming")
            con.execute(build_sql("normalise_answers"))
            con.execute(build_sql("facts"))
            con.execute(build_sql("search_index"))
            text.precompute(con)  # the text tables: open_answers, answer_terms... (consultation/text.py)
            con.execute(build_sql("text_keys"))
            con.execute(build_sql("text_totals"))
            rows = [("schema_version", SCHEMA_VERSION), *((k, str(v)) for k, v in meta.items())]
            con.executemany("INSERT INTO meta VALUES ($1, $2)", rows)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def schema_version(path: str | os.PathLike) -> str | None:
    """The schema_version written in the database at ``path`` (None when it has none)."""
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH '{str(path).replace(chr(39), chr(39) * 2)}' AS src (READ_ONLY)")
        row = con.execute("SELECT value FROM src.meta WHERE key = 'schema_version'").fetchone()
    finally:
        con.close()
    return row[0] if row else None


def upgrade(path: str | os.PathLike) -> bool:
    """Rebuild a database written by an older version of this code (derived tables, schema
    version) from its own imported tables, atomically; False when it is already current."""
    if schema_version(path) == SCHEMA_VERSION:
        return False
    frames, meta = read_frames(path)
    build_database(path, frames, {k: v for k, v in meta.items() if k != "schema_version"})
    return True


# Tables an import reads back to merge a new file into an existing database. Reference tables
# (themes, labels, regions, events) come from the reference data and derived ones (text
# statistics, text_norm) are recomputed by build_database.
IMPORTED_TABLES = ("questions", "respondents", "contributions", "answers", "sources")


def read_frames(path: str | os.PathLike, tables=IMPORTED_TABLES) -> tuple[dict[str, pl.DataFrame], dict[str, str]]:
    """The ``tables`` of an existing database as DataFrames (answers without text_norm), and its meta.

    The file is ATTACHed from a fresh in-memory connection: ``duckdb.connect(path)`` would hand
    back a cached instance of the file if this process still had the previous version open.
    """
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH '{str(path).replace(chr(39), chr(39) * 2)}' AS src (READ_ONLY)")
        frames = {}
        for table in tables:
            exclude = " EXCLUDE (text_norm)" if table == "answers" else ""
            frames[table] = con.sql(f"SELECT *{exclude} FROM src.{table}").pl()  # table: fixed names
        meta = dict(con.sql("SELECT key, value FROM src.meta").fetchall())
    finally:
        con.close()
    return frames, meta
