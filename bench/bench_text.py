"""Text statistics at scale: the precompute at build time, and the Textes page's queries.

1. Precompute: a copy of a demo database (default bench/data/demo-1000000.duckdb, built by
   ``python -m consultation demo --contributions 1000000 --out ...``) gets its text tables
   rebuilt by ``consultation.text.precompute``: wall time, CPU time and peak memory.
2. Queries: each query of the Textes page for one theme (and for everything), through
   ``db.run_uncached`` (a cold Streamlit cache), median of ``--runs``; and the topic model.

    .venv/bin/python -m bench.bench_text --db bench/data/demo-1000000.duckdb --out bench/results/text-1m.json
    .venv/bin/python -m bench.bench_text --db /tmp/demo.duckdb --skip-precompute   # queries only

Wall times on a busy machine mislead: CPU times (all threads of the process) are reported too.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

THEME = "donnees_ia"


def precompute(source: Path, workdir: Path) -> tuple[Path, dict]:
    """Copy ``source``, rebuild its text tables, return the copy and the timings."""
    import duckdb

    from consultation import store, text

    copy = workdir / "bench-text.duckdb"
    shutil.copy(source, copy)
    con = duckdb.connect(str(copy))
    try:
        schema = store.build_sql("schema")
        section = schema[schema.index("-- Text statistics") :]
        for table in re.findall(r"CREATE TABLE ([a-z_]+)", section):  # every text table, made anew
            con.execute(f'DROP TABLE IF EXISTS "{table}"')  # table: a lowercase name from our schema file
        con.execute(section)
        wall, cpu = time.perf_counter(), time.process_time()
        figures = text.precompute(con)
        figures["wall_s"] = time.perf_counter() - wall
        figures["cpu_s"] = time.process_time() - cpu
        con.execute("CHECKPOINT")
        counts = con.sql(
            "SELECT (SELECT count(*) FROM contributions), (SELECT count(*) FROM answer_terms), "
            "(SELECT count(*) FROM text_terms), (SELECT count(DISTINCT group_id) FROM duplicate_groups)"
        ).fetchall()[0]
        figures.update(zip(("contributions", "answer_terms_rows", "terms", "duplicate_groups"), counts, strict=True))
    finally:
        con.close()
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return copy, figures


def queries(db_path: Path, runs: int) -> dict:
    os.environ["CONSULTATION_DB"] = str(db_path)
    from consultation import db, text_topics, text_view
    from consultation.filters import Filters

    out = {}
    for scope_name, filters in (("theme", Filters(themes=(THEME,))), ("all", Filters())):
        params = filters.sql_params()
        cases = {
            "text_summary": dict(one_voice=True),
            "text_term_counts": dict(one_voice=False, hidden_terms=list(text_view.CONSULTATION_TERMS), limit=80),
            "text_term_counts_one_voice": dict(one_voice=True, hidden_terms=[], limit=80),
            "text_group_term_counts": dict(
                split="profil", group_a=["citoyen"], group_b=["professionnel"], pivot_date=None, one_voice=False
            ),
            "text_duplicate_groups": dict(min_size=3, limit=50),
            "text_topic_terms": dict(one_voice=True, max_answers=text_view.TOPIC_MAX_ANSWERS),
        }
        for case, extra in cases.items():
            name = case.removesuffix("_one_voice")
            db.run_uncached(name, **params, **extra)  # warm DuckDB
            times, cpu = [], []
            for _ in range(runs):
                started, cpu_started = time.perf_counter(), time.process_time()
                db.run_uncached(name, **params, **extra)
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - cpu_started) * 1000)
            out[f"{scope_name}/{case}_ms"] = round(statistics.median(times), 1)
            out[f"{scope_name}/{case}_cpu_ms"] = round(statistics.median(cpu), 1)
        rows = db.run_uncached("text_topic_terms", **params, one_voice=True, max_answers=text_view.TOPIC_MAX_ANSWERS)
        started, cpu_started = time.perf_counter(), time.process_time()
        text_topics.fit(rows, text_topics.DEFAULT_TOPICS)
        out[f"{scope_name}/topic_fit_ms"] = round((time.perf_counter() - started) * 1000, 1)
        out[f"{scope_name}/topic_fit_cpu_ms"] = round((time.process_time() - cpu_started) * 1000, 1)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "data" / "demo-1000000.duckdb")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-precompute", action="store_true", help="time the queries on --db as it is")
    parser.add_argument("--out", type=Path, help="write the figures as JSON")
    parser.add_argument("--keep", type=Path, help="keep the database with its rebuilt text tables here")
    args = parser.parse_args(argv)
    figures: dict = {"db": str(args.db), "cores": os.cpu_count()}
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        target = args.db
        if not args.skip_precompute:
            target, pre = precompute(args.db, Path(tmp))
            figures["precompute"] = pre
            print("precompute:", json.dumps(pre, indent=1), flush=True)
            if args.keep:
                shutil.move(target, args.keep)
                target = args.keep
        figures["queries"] = queries(target, args.runs)
        print("queries:", json.dumps(figures["queries"], indent=1), flush=True)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
