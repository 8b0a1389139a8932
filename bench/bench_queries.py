"""Latency of every named query (queries/*.sql) on one database, without the Streamlit cache.

For each query and each typical filter set (FILTER_SETS), the query runs once to warm DuckDB,
then ``--runs`` times through ``consultation.db.run_uncached`` (bound params, result read into
polars, exactly what a page gets on a cold cache). Median and p95 are reported in ms, with the
target the query must meet at 1M contributions (aggregate 200 ms, search 500 ms).

The two base queries (filtered_contributions, filtered_answers) are included in the other
queries and never read whole by a page: they are timed as ``SELECT count(*) FROM (<query>)``.

A query whose header says ``-- rows: many`` (the exports, and the base queries others include)
returns up to one row a réponse: it is timed and reported as a row set ("rows"), with no
target, since it is no aggregate. The search itself (search_hits) keeps the search target.

    .venv/bin/python -m bench.bench_queries --db bench/data/demo-100000.duckdb --out /tmp/q.json
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

AGGREGATE_TARGET_MS = 200.0
SEARCH_TARGET_MS = 500.0
BASE_QUERIES = ("filtered_contributions", "filtered_answers")

# Typical filters of the pages (the brief's list). Values exist in every demo database.
SEARCH_WORD = "musee"  # normalised form of "musée": frequent in the demo texts
THEME = "ecologie"
FILTER_SETS: dict[str, dict] = {
    "none": {},
    "theme": {"themes": (THEME,)},
    "citoyen+region": {"profiles": ("citoyen",), "regions": ("11",)},
    "date_range": {"date_from": date(2023, 3, 1), "date_to": date(2023, 3, 15)},
    "search": {"search": SEARCH_WORD},
    "theme+profile+search": {"themes": (THEME,), "profiles": ("citoyen",), "search": "numerique"},
}


def filter_params(name: str) -> dict:
    """SQL params of the named filter set (consultation.filters.Filters.sql_params())."""
    from consultation.filters import Filters

    return Filters(**FILTER_SETS[name]).sql_params()


def is_search(filter_set: str) -> bool:
    return "search" in filter_set


def target_ms(filter_set: str) -> float:
    return SEARCH_TARGET_MS if is_search(filter_set) else AGGREGATE_TARGET_MS


def kind_of(name: str, filter_set: str) -> str:
    """The kind of a timing: a row set (``-- rows: many``: exports, base queries), a search
    (a query timed with a text search) or an aggregate: "rows", "search" or "aggregate"."""
    from consultation import sql

    if sql.many_rows(name) and name != "search_hits":
        return "rows"
    return "search" if is_search(filter_set) and "search_terms" in sql.param_names(name) else "aggregate"


def example_params(name: str) -> dict:
    """Extra params a query declares in its header (`-- example params: {json}`), as tests do."""
    from consultation import sql

    for line in (sql.QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8").splitlines():
        if line.startswith("-- example params:"):
            return json.loads(line.removeprefix("-- example params:"))
    return {}


def summarise(samples_ms: list[float]) -> dict:
    """Median, p95 (linear interpolation), min and max of a list of timings in ms."""
    ordered = sorted(samples_ms)
    if not ordered:
        return {"runs": 0}
    rank = 0.95 * (len(ordered) - 1)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    p95 = ordered[low] + (ordered[high] - ordered[low]) * (rank - low)
    return {
        "runs": len(ordered),
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(p95, 2),
        "min_ms": round(ordered[0], 2),
        "max_ms": round(ordered[-1], 2),
    }


def time_calls(call, runs: int, budget_s: float, warmup: int = 1) -> tuple[dict, object]:
    """Call ``call()`` ``warmup`` times, then up to ``runs`` times while within ``budget_s``.

    At least 3 timed runs, or 1 when one call takes more than a quarter of the budget.
    """
    result = None
    slow = False
    for _ in range(warmup):
        t0 = time.perf_counter()
        result = call()
        slow = time.perf_counter() - t0 > budget_s / 4
    samples: list[float] = []
    cpu: list[float] = []
    started = time.perf_counter()
    for i in range(runs):
        c0, t0 = cpu_s(), time.perf_counter()
        result = call()
        samples.append((time.perf_counter() - t0) * 1000)
        cpu.append((cpu_s() - c0) * 1000)
        if (i >= 2 or slow) and time.perf_counter() - started > budget_s:
            break
    return {**summarise(samples), "cpu_median_ms": round(statistics.median(cpu), 1)}, result


def cpu_s() -> float:
    """CPU seconds of this process, every thread (DuckDB's workers included)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def bench(db_path: Path, runs: int, budget_s: float, only: list[str] | None = None) -> dict:
    os.environ["CONSULTATION_DB"] = str(db_path)
    from consultation import db, sql

    names = [n for n in sql.query_names() if not only or n in only]
    ids = real_ids(db)
    rows = []
    for name in names:
        extra = with_real_ids(example_params(name), ids)
        uses_filters = bool(sql.param_names(name) & {"themes", "search_terms"})
        for fs in FILTER_SETS if uses_filters else ["none"]:
            params = {**filter_params(fs), **within_filter_theme(extra, fs, ids)}
            call = _count_of(db, sql, name, params) if name in BASE_QUERIES else _named(db, name, params)
            try:
                stats, result = time_calls(call, runs, budget_s)
            except Exception as exc:  # a broken query is a finding, not a crash of the suite
                rows.append({"query": name, "filters": fs, "error": f"{type(exc).__name__}: {exc}"[:300]})
                print(f"{name:40} {fs:22} ERROR {exc}", file=sys.stderr)
                continue
            kind = kind_of(name, fs)
            row = {
                "query": name,
                "filters": fs,
                "kind": kind,
                "target_ms": None if kind == "rows" else target_ms(fs),
                "rows": _height(result),
                "base_query_counted": name in BASE_QUERIES,
                **stats,
            }
            if kind == "rows":  # timed, no target: None is neither met nor missed
                row["meets_target"] = row["p95_within_target"] = None
                flag = "  (row set)"
            else:
                row["meets_target"] = row["median_ms"] <= row["target_ms"]
                row["p95_within_target"] = row["p95_ms"] <= row["target_ms"]
                flag = "" if row["meets_target"] else "  <-- MISS"
                flag += "" if row["p95_within_target"] or flag else "  (p95 over target)"
            rows.append(row)
            print(
                f"{name:40} {fs:22} median {row['median_ms']:9.1f} ms  p95 {row['p95_ms']:9.1f} ms"
                f"  cpu {row['cpu_median_ms']:8.1f} ms  rows {row['rows']}{flag}",
                file=sys.stderr,
            )
    return {"db": str(db_path), "runs": runs, "filter_sets": _jsonable(FILTER_SETS), "queries": rows}


def real_ids(db) -> dict:
    """A contribution (the one with most réponses) and its respondent, to stand for the fixture's C1 / R1."""
    cur = db.connection().cursor()
    try:
        rows = cur.sql(
            "SELECT a.contribution_id, c.respondent_id, a.question_id FROM answers AS a"
            " JOIN contributions AS c USING (contribution_id) WHERE a.text IS NOT NULL"
            " ORDER BY a.contribution_id LIMIT 1"
        ).fetchall()
    finally:
        cur.close()
    if not rows:
        return {}
    contribution_id, respondent_id, question_id = rows[0]
    cur = db.connection().cursor()
    try:
        # The first question of each kind of the filter sets' theme, so that a query of one
        # theme's question is timed on the theme the "theme" filter keeps, not on an empty result.
        theme_questions = dict(
            cur.execute(
                "SELECT kind, min(question_id) FROM questions WHERE theme_id = $theme GROUP BY kind", {"theme": THEME}
            ).fetchall()
        )
        kinds = dict(cur.execute("SELECT question_id, kind FROM questions").fetchall())
    finally:
        cur.close()
    return {
        "contribution_id": contribution_id,
        "respondent_id": respondent_id,
        "question_id": question_id,
        "theme_questions": theme_questions,
        "question_kinds": kinds,
    }


def within_filter_theme(params: dict, filter_set: str, ids: dict) -> dict:
    """Example params moved to the theme of ``filter_set`` when it keeps one theme (a question
    of the same kind), so that the timing is of the rows a user of that filter would see."""
    themes = FILTER_SETS[filter_set].get("themes")
    if not themes or not ids:
        return params
    out = dict(params)
    if "theme_id" in out:
        out["theme_id"] = themes[0]
    kind = ids["question_kinds"].get(out.get("question_id"))
    if kind and kind in ids["theme_questions"]:
        out["question_id"] = ids["theme_questions"][kind]
    return out


def with_real_ids(params: dict, ids: dict) -> dict:
    """Example params with the fixture's ids (C1, R1...) replaced by ids of this database."""
    out = dict(params)
    if not ids:
        return out
    for key in ("contribution_id", "respondent_id"):
        if key in out:
            out[key] = ids[key]
    if "contribution_ids" in out:
        out["contribution_ids"] = [ids["contribution_id"]]
    if "answer_keys" in out:
        out["answer_keys"] = [f"{ids['contribution_id']}|{ids['question_id']}"]
    return out


def use_queries_dir(directory: Path | None) -> None:
    """Point the query loader at another folder of queries (A/B of a rewrite); None: the repo's."""
    from consultation import sql

    sql.QUERIES_DIR = Path(directory) if directory else ROOT / "queries"
    for cached in (sql.load, sql.param_names, sql.bound_names, sql.reads_search_hits):
        cached.cache_clear()


def ab(db_path: Path, candidate: Path, names: list[str], runs: int) -> dict:
    """Time each query as in queries/ (A) and as in ``candidate`` (B), interleaved run by run."""
    os.environ["CONSULTATION_DB"] = str(db_path)
    from consultation import db, sql

    rows = []
    for name in names:
        use_queries_dir(None)
        extra = example_params(name)
        uses_filters = bool(sql.param_names(name) & {"themes", "search_terms"})
        for fs in FILTER_SETS if uses_filters else ["none"]:
            params = {**filter_params(fs), **extra}
            samples: dict[str, list[float]] = {"a": [], "b": []}
            cpu: dict[str, list[float]] = {"a": [], "b": []}
            results = {}
            for i in range(runs + 1):
                for variant, directory in (("a", None), ("b", candidate)):
                    use_queries_dir(directory)
                    c0, t0 = cpu_s(), time.perf_counter()
                    frame = db.run_uncached(name, **params)
                    if i:  # the first round warms up
                        samples[variant].append((time.perf_counter() - t0) * 1000)
                        cpu[variant].append((cpu_s() - c0) * 1000)
                    results[variant] = frame
            a = {**summarise(samples["a"]), "cpu_median_ms": round(statistics.median(cpu["a"]), 1)}
            b = {**summarise(samples["b"]), "cpu_median_ms": round(statistics.median(cpu["b"]), 1)}
            same = results["a"].equals(results["b"])
            rows.append({"query": name, "filters": fs, "before": a, "after": b, "same_result": same})
            print(
                f"{name:32} {fs:22} before {a['median_ms']:8.1f} ms (cpu {a['cpu_median_ms']:7.1f})"
                f"  after {b['median_ms']:8.1f} ms (cpu {b['cpu_median_ms']:7.1f})"
                f"  x{a['median_ms'] / b['median_ms']:5.1f}  same result: {same}",
                file=sys.stderr,
            )
    use_queries_dir(None)
    return {"db": str(db_path), "candidate": str(candidate), "runs": runs, "rows": rows}


def _named(db, name, params):
    return lambda: db.run_uncached(name, **params)


def _count_of(db, sql, name, params):
    """A base query as pages use it: included and reduced, never read whole."""
    text = f"SELECT count(*) AS n FROM (\n{sql.load(name)}\n)"

    def call():
        with db.query_cursor(name, params) as (cur, bound):
            return cur.sql(text, params=bound).fetchall()

    return call


def _height(result) -> int | None:
    if hasattr(result, "height"):
        return result.height
    if isinstance(result, list) and result and isinstance(result[0], tuple):
        return int(result[0][0])
    return None


def _jsonable(value):
    return json.loads(json.dumps(value, default=str))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--budget", type=float, default=8.0, help="seconds a (query, filters) pair may take")
    parser.add_argument("--only", nargs="*", help="query names to run (default: all)")
    parser.add_argument("--ab", type=Path, help="folder of rewritten queries: time them against queries/")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    if args.ab:
        names = args.only or sorted(p.stem for p in args.ab.glob("*.sql"))
        result = ab(args.db, args.ab, names, args.runs)
    else:
        result = bench(args.db, args.runs, args.budget, args.only)
    text = json.dumps(result, indent=1, ensure_ascii=False)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
