"""Baselines: the overview's aggregates done the way many dashboards do them, side by side with DuckDB.

Views (the overview page's four queries): headline KPIs (overview_kpis), contributions by theme,
by day, répondants by profile; each with the same filter sets as bench_queries (the search sets
give the "search count"). Every engine must return the same numbers as the named queries: the
results are compared and any difference is reported (``agrees``).

- **duckdb**: ``consultation.db.run_uncached`` on the named query (what a page does, cache cold).
- **pandas, load per rerun**: the common Streamlit pattern. Each rerun reads the tables into
  pandas (contributions joined to respondents: 1 row a contribution; answers: contribution_id,
  question_id, text_norm only, i.e. the already normalised search column and not the raw text),
  through the fastest loader available here (DuckDB -> Arrow -> pandas), then filters with
  boolean masks and aggregates with groupby. Cost of a rerun = load + the four views.
- **pandas, in memory**: the same computations on frames loaded once and kept (as with
  ``st.cache_data`` on the loader); only the filtering and aggregation is timed, a view at a time.
- **sqlite**: a copy of the database in SQLite (the engine behind Datasette), built from the
  DuckDB file (every column of contributions, respondents, answers), with indexes on every
  filtered or joined column (contributions: theme_id, submitted_at, respondent_id; respondents:
  profile, region_code; answers: contribution_id, question_id) and ANALYZE. Its SQL is
  written per filter set with only the filters in use (the best case for its planner); search
  is ``instr(text_norm, ?) > 0`` on the same normalised column. The build is timed separately.
  With ``--sqlite-fts`` a FTS5 trigram index on text_norm serves the search instead.

    .venv/bin/python -m bench.baselines --db bench/data/demo-100000.duckdb --sqlite /tmp/demo.sqlite --out b.json
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sqlite3
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench_queries import FILTER_SETS, filter_params, summarise  # noqa: E402

VIEWS = ("overview_kpis", "contributions_by_theme", "contributions_by_day", "respondents_by_profile")


# --------------------------------------------------------------------------- SQLite copy


def build_sqlite(duck_path: Path, sqlite_path: Path, fts: bool = False) -> dict:
    """Copy contributions, respondents, answers and themes into a new SQLite file, index, analyse."""
    import duckdb

    sqlite_path.unlink(missing_ok=True)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    src = duckdb.connect(str(duck_path), read_only=True)
    dst = sqlite3.connect(sqlite_path)
    dst.executescript(
        """
        PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;
        CREATE TABLE themes (theme_id TEXT PRIMARY KEY, label TEXT, position INTEGER);
        CREATE TABLE respondents (respondent_id TEXT PRIMARY KEY, profile TEXT, sector TEXT,
            organisation_type TEXT, region_code TEXT);
        CREATE TABLE contributions (contribution_id TEXT PRIMARY KEY, respondent_id TEXT, theme_id TEXT,
            submitted_at TEXT, is_complete INTEGER, source_id TEXT);
        CREATE TABLE answers (contribution_id TEXT, question_id TEXT, text TEXT, text_norm TEXT,
            choices TEXT, number REAL);
        """
    )
    copies = {
        "themes": "SELECT theme_id, label, position FROM themes",
        "respondents": "SELECT respondent_id, profile, sector, organisation_type, region_code FROM respondents",
        "contributions": "SELECT contribution_id, respondent_id, theme_id, strftime(submitted_at, '%Y-%m-%d %H:%M:%S'),"
        " is_complete::INTEGER, source_id FROM contributions",
        "answers": "SELECT contribution_id, question_id, text, text_norm, to_json(choices)::VARCHAR, number FROM answers",
    }
    for table, query in copies.items():
        cur = src.cursor()
        cur.execute(query)
        width = len(cur.description)
        marks = ",".join("?" * width)
        while batch := cur.fetchmany(100_000):
            dst.executemany(f"INSERT INTO {table} VALUES ({marks})", batch)  # table: fixed dict above
        cur.close()
    dst.commit()
    timings["copy_s"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    dst.executescript(
        """
        CREATE INDEX contributions_theme ON contributions(theme_id);
        CREATE INDEX contributions_submitted ON contributions(submitted_at);
        CREATE INDEX contributions_respondent ON contributions(respondent_id);
        CREATE INDEX respondents_profile ON respondents(profile);
        CREATE INDEX respondents_region ON respondents(region_code);
        CREATE INDEX answers_contribution ON answers(contribution_id);
        CREATE INDEX answers_question ON answers(question_id);
        ANALYZE;
        """
    )
    timings["index_s"] = time.perf_counter() - t1
    if fts:
        t2 = time.perf_counter()
        dst.executescript(
            """
            CREATE VIRTUAL TABLE answers_fts USING fts5(text_norm, content='answers', tokenize='trigram');
            INSERT INTO answers_fts(rowid, text_norm) SELECT rowid, text_norm FROM answers WHERE text_norm IS NOT NULL;
            """
        )
        dst.commit()
        timings["fts_s"] = time.perf_counter() - t2
    dst.close()
    src.close()
    timings["total_s"] = time.perf_counter() - t0
    return {**{k: round(v, 2) for k, v in timings.items()}, "file_bytes": sqlite_path.stat().st_size, "fts": fts}


def _sqlite_filtered(params: dict, fts: bool) -> tuple[str, list]:
    """The filtered-contributions SELECT for SQLite, with only the filters in use."""
    where, args = [], []
    for column, key in (
        ("c.theme_id", "themes"),
        ("r.profile", "profiles"),
        ("r.sector", "sectors"),
        ("r.organisation_type", "organisation_types"),
        ("r.region_code", "regions"),
    ):
        if params[key]:
            where.append(f"{column} IN ({','.join('?' * len(params[key]))})")
            args.extend(params[key])
    if params["date_from"]:
        where.append("c.submitted_at >= ?")
        args.append(params["date_from"].isoformat())
    if params["date_to"]:
        where.append("c.submitted_at < ?")
        args.append((params["date_to"] + timedelta(days=1)).isoformat())
    if params["search_terms"]:
        match, match_args = _sqlite_match("sa", params["search_terms"], fts)
        where.append(f"EXISTS (SELECT 1 FROM answers AS sa WHERE sa.contribution_id = c.contribution_id AND {match})")
        args.extend(match_args)
    text = (
        "SELECT c.contribution_id, c.respondent_id, c.theme_id, c.submitted_at, r.profile"
        " FROM contributions AS c JOIN respondents AS r ON r.respondent_id = c.respondent_id"
    )
    if where:
        text += " WHERE " + " AND ".join(where)
    return text, args


def _sqlite_match(alias: str, terms: list[str], fts: bool) -> tuple[str, list]:
    if fts:
        phrase = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
        return f"{alias}.rowid IN (SELECT rowid FROM answers_fts WHERE answers_fts MATCH ?)", [phrase]
    return " AND ".join(f"instr({alias}.text_norm, ?) > 0" for _ in terms), list(terms)


def sqlite_view(con: sqlite3.Connection, view: str, params: dict, fts: bool):
    fc, args = _sqlite_filtered(params, fts)
    if view == "overview_kpis":
        answer_where, answer_args = "1", []
        if params["search_terms"]:
            answer_where, answer_args = _sqlite_match("a", params["search_terms"], fts)
        row = con.execute(
            f"WITH fc AS ({fc}) SELECT count(DISTINCT respondent_id), count(*),"
            f" (SELECT count(*) FROM answers AS a JOIN fc AS f2 ON f2.contribution_id = a.contribution_id"
            f"  WHERE {answer_where}),"
            f" count(DISTINCT respondent_id || '|' || theme_id) FROM fc",
            args + answer_args,
        ).fetchone()
        return _kpis(row[0], row[1], row[2], row[3])
    if view == "contributions_by_theme":
        rows = con.execute(
            f"WITH fc AS ({fc}) SELECT t.theme_id, count(fc.contribution_id), count(DISTINCT fc.respondent_id)"
            " FROM themes AS t LEFT JOIN fc ON fc.theme_id = t.theme_id GROUP BY t.theme_id ORDER BY t.position",
            args,
        ).fetchall()
        return [tuple(r) for r in rows]
    if view == "contributions_by_day":
        rows = con.execute(
            f"WITH fc AS ({fc}) SELECT substr(submitted_at, 1, 10) AS day, count(*) FROM fc GROUP BY day", args
        ).fetchall()
        return {r[0]: r[1] for r in rows}
    if view == "respondents_by_profile":
        rows = con.execute(
            f"WITH fc AS ({fc}) SELECT profile, count(DISTINCT respondent_id) FROM fc GROUP BY profile", args
        ).fetchall()
        return {p: n for p, n in rows if n}
    raise KeyError(view)


# --------------------------------------------------------------------------- pandas


def pandas_load(duck_path: Path) -> dict:
    """Read what the views need into pandas (the per-rerun load of the common pattern)."""
    import duckdb

    con = duckdb.connect(str(duck_path), read_only=True)
    try:
        contributions = con.sql(
            "SELECT contribution_id, respondent_id, theme_id, submitted_at, is_complete FROM contributions"
        ).df()
        respondents = con.sql(
            "SELECT respondent_id, profile, sector, organisation_type, region_code FROM respondents"
        ).df()
        answers = con.sql("SELECT contribution_id, question_id, text_norm FROM answers").df()
        themes = con.sql("SELECT theme_id, position FROM themes ORDER BY position").df()
    finally:
        con.close()
    contributions = contributions.merge(respondents, on="respondent_id", how="left")
    return {"contributions": contributions, "answers": answers, "themes": themes}


def _pandas_filtered(frames: dict, params: dict):
    c = frames["contributions"]
    mask = None

    def both(m):
        return m if mask is None else mask & m

    for column, key in (
        ("theme_id", "themes"),
        ("profile", "profiles"),
        ("sector", "sectors"),
        ("organisation_type", "organisation_types"),
        ("region_code", "regions"),
    ):
        if params[key]:
            mask = both(c[column].isin(params[key]))
    if params["date_from"]:
        mask = both(c["submitted_at"] >= _ts(params["date_from"]))
    if params["date_to"]:
        mask = both(c["submitted_at"] < _ts(params["date_to"] + timedelta(days=1)))
    matching = None
    if params["search_terms"]:
        a = frames["answers"]
        text = a["text_norm"]
        hit = text.notna()
        for term in params["search_terms"]:
            hit &= text.str.contains(term, regex=False, na=False)
        matching = a[hit]
        mask = both(c["contribution_id"].isin(matching["contribution_id"]))
    return (c if mask is None else c[mask]), matching


def _ts(day: date):
    import pandas as pd

    return pd.Timestamp(day)


def pandas_view(frames: dict, view: str, params: dict):
    fc, matching = _pandas_filtered(frames, params)
    if view == "overview_kpis":
        answers = frames["answers"] if matching is None else matching
        answer_count = int(answers["contribution_id"].isin(fc["contribution_id"]).sum())
        pairs = len(fc[["respondent_id", "theme_id"]].drop_duplicates())
        return _kpis(fc["respondent_id"].nunique(), len(fc), answer_count, pairs)
    if view == "contributions_by_theme":
        grouped = fc.groupby("theme_id").agg(n=("contribution_id", "size"), r=("respondent_id", "nunique"))
        return [(t, int(grouped["n"].get(t, 0)), int(grouped["r"].get(t, 0))) for t in frames["themes"]["theme_id"]]
    if view == "contributions_by_day":
        counts = fc["submitted_at"].dt.floor("D").value_counts()
        return {d.date().isoformat(): int(n) for d, n in counts.items()}
    if view == "respondents_by_profile":
        counts = fc.drop_duplicates("respondent_id")["profile"].value_counts()
        return {p: int(n) for p, n in counts.items() if n}
    raise KeyError(view)


# --------------------------------------------------------------------------- DuckDB (the app)


def duckdb_view(view: str, params: dict):
    from consultation import db

    frame = db.run_uncached(view, **params)
    return frame, _normalise_duckdb(view, frame)


def _normalise_duckdb(view: str, frame):
    if view == "overview_kpis":
        k = frame.row(0, named=True)
        pairs = round((k["themes_per_respondent"] or 0) * k["respondent_count"])
        return _kpis(k["respondent_count"], k["contribution_count"], k["answer_count"], pairs)
    if view == "contributions_by_theme":
        return [tuple(r) for r in frame.select("theme_id", "contribution_count", "respondent_count").rows()]
    if view == "contributions_by_day":
        return {d.isoformat(): n for d, n in frame.select("day", "contribution_count").rows() if n}
    if view == "respondents_by_profile":
        return {p: n for p, n in frame.select("profile", "respondent_count").rows() if n}
    raise KeyError(view)


def _kpis(respondents, contributions, answers, pairs) -> dict:
    return {
        "respondent_count": int(respondents),
        "contribution_count": int(contributions),
        "answer_count": int(answers or 0),
        "respondent_theme_pairs": int(pairs),
    }


# --------------------------------------------------------------------------- the comparison


def _timed(call, runs: int, warmup: int = 1):
    result = None
    for _ in range(warmup):
        result = call()
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = call()
        samples.append((time.perf_counter() - t0) * 1000)
    return summarise(samples), result


def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def bench(duck_path: Path, sqlite_path: Path, runs: int, rerun_runs: int, fts: bool, rebuild: bool) -> dict:
    os.environ["CONSULTATION_DB"] = str(duck_path)
    out: dict = {"db": str(duck_path), "runs": runs, "rerun_runs": rerun_runs}

    print("sqlite: building the copy…", file=sys.stderr)
    if rebuild or not sqlite_path.exists():
        out["sqlite_build"] = build_sqlite(duck_path, sqlite_path, fts=fts)
    else:
        out["sqlite_build"] = {"reused": True, "file_bytes": sqlite_path.stat().st_size, "fts": fts}
    print(f"sqlite: {out['sqlite_build']}", file=sys.stderr)
    sq = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True, check_same_thread=False)
    sq.execute("PRAGMA cache_size = -262144")  # 256 MB page cache: let SQLite keep its pages warm

    print("pandas: loading…", file=sys.stderr)
    gc.collect()
    before = _rss_mb()
    load_stats, frames = _timed(lambda: pandas_load(duck_path), max(1, rerun_runs), warmup=0)
    gc.collect()
    out["pandas_load"] = {**load_stats, "rss_mb_after_load": round(_rss_mb() - before, 1)}
    print(f"pandas load: {out['pandas_load']}", file=sys.stderr)

    rows = []
    for fs in FILTER_SETS:
        params = filter_params(fs)
        per_engine_total = {"duckdb": 0.0, "pandas_in_memory": 0.0, "sqlite": 0.0}
        for view in VIEWS:
            d_stats, (_, d_res) = _timed(lambda v=view, p=params: duckdb_view(v, p), runs)
            p_stats, p_res = _timed(lambda v=view, p=params: pandas_view(frames, v, p), runs)
            s_stats, s_res = _timed(lambda v=view, p=params: sqlite_view(sq, v, p, fts), runs)
            row = {
                "view": view,
                "filters": fs,
                "duckdb_ms": d_stats["median_ms"],
                "duckdb_p95_ms": d_stats["p95_ms"],
                "pandas_in_memory_ms": p_stats["median_ms"],
                "sqlite_ms": s_stats["median_ms"],
                "sqlite_p95_ms": s_stats["p95_ms"],
                "pandas_agrees": p_res == d_res,
                "sqlite_agrees": s_res == d_res,
            }
            row["x_vs_pandas_in_memory"] = _ratio(row["pandas_in_memory_ms"], row["duckdb_ms"])
            row["x_vs_sqlite"] = _ratio(row["sqlite_ms"], row["duckdb_ms"])
            if not (row["pandas_agrees"] and row["sqlite_agrees"]):
                row["disagreement"] = {"duckdb": _short(d_res), "pandas": _short(p_res), "sqlite": _short(s_res)}
            per_engine_total["duckdb"] += d_stats["median_ms"]
            per_engine_total["pandas_in_memory"] += p_stats["median_ms"]
            per_engine_total["sqlite"] += s_stats["median_ms"]
            rows.append(row)
            print(
                f"{view:24} {fs:22} duckdb {row['duckdb_ms']:8.1f}  pandas(mem) {row['pandas_in_memory_ms']:8.1f}"
                f"  sqlite {row['sqlite_ms']:9.1f}  agree p={row['pandas_agrees']} s={row['sqlite_agrees']}",
                file=sys.stderr,
            )
        load_ms = out["pandas_load"]["median_ms"]
        rerun = {
            "view": "rerun (4 views)",
            "filters": fs,
            "duckdb_ms": round(per_engine_total["duckdb"], 1),
            "pandas_load_per_rerun_ms": round(load_ms + per_engine_total["pandas_in_memory"], 1),
            "pandas_in_memory_ms": round(per_engine_total["pandas_in_memory"], 1),
            "sqlite_ms": round(per_engine_total["sqlite"], 1),
        }
        rerun["x_vs_pandas_load_per_rerun"] = _ratio(rerun["pandas_load_per_rerun_ms"], rerun["duckdb_ms"])
        rerun["x_vs_pandas_in_memory"] = _ratio(rerun["pandas_in_memory_ms"], rerun["duckdb_ms"])
        rerun["x_vs_sqlite"] = _ratio(rerun["sqlite_ms"], rerun["duckdb_ms"])
        rows.append(rerun)
    out["rows"] = rows
    out["summary"] = _summary(rows)
    sq.close()
    return out


def _summary(rows: list[dict]) -> dict:
    reruns = [r for r in rows if r["view"].startswith("rerun")]
    views = [r for r in rows if not r["view"].startswith("rerun")]

    def geo(values):
        values = [v for v in values if v]
        return round(statistics.geometric_mean(values), 1) if values else None

    return {
        "rerun_x_vs_pandas_load_per_rerun_min": min(r["x_vs_pandas_load_per_rerun"] for r in reruns),
        "rerun_x_vs_pandas_in_memory_min": min(r["x_vs_pandas_in_memory"] for r in reruns),
        "rerun_x_vs_sqlite_min": min(r["x_vs_sqlite"] for r in reruns),
        "rerun_x_vs_pandas_in_memory_geomean": geo(r["x_vs_pandas_in_memory"] for r in reruns),
        "rerun_x_vs_sqlite_geomean": geo(r["x_vs_sqlite"] for r in reruns),
        "view_x_vs_pandas_in_memory_min": min(r["x_vs_pandas_in_memory"] for r in views),
        "view_x_vs_sqlite_min": min(r["x_vs_sqlite"] for r in views),
        "all_agree": all(r["pandas_agrees"] and r["sqlite_agrees"] for r in views),
    }


def _ratio(other: float, ours: float) -> float:
    return round(other / ours, 1) if ours else float("inf")


def _short(value) -> str:
    return str(value)[:400]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--sqlite", type=Path, help="SQLite copy (default: next to --db)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rerun-runs", type=int, default=3, help="timed pandas loads")
    parser.add_argument("--sqlite-fts", action="store_true", help="search through a FTS5 trigram index")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the SQLite copy even if present")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    sqlite_path = args.sqlite or args.db.with_suffix(".fts.sqlite" if args.sqlite_fts else ".sqlite")
    result = bench(args.db, sqlite_path, args.runs, args.rerun_runs, args.sqlite_fts, args.rebuild)
    text = json.dumps(result, indent=1, ensure_ascii=False, default=str)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
