"""Benchmark of the Réponses page's exports: about 100,000 rows to CSV and to XLSX.

    .venv/bin/python bench/bench_export.py /tmp/demo_100k.duckdb        # builds it first if missing

Two exports, each timed end to end as the « Préparer l'export » button runs them (query,
table, file bytes), ``--repeat`` times:
- one row a réponse: the first days of the consultation, as many as give ``--rows`` réponses;
- one row a contribution (wide, one column a question of all six questionnaires): the first
  ``--rows`` contributions in date order (the same date filter, widened).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from consultation.filters import Filters  # noqa: E402


def first_days(db, counted: str, rows: int, start: date, end: date) -> Filters:
    """The shortest date range from ``start`` whose ``counted`` count reaches ``rows``."""
    low, high = 0, (end - start).days
    while low < high:
        middle = (low + high) // 2
        filters = Filters(date_from=start, date_to=start + timedelta(days=middle))
        if db.run_uncached("answer_counts", **filters.sql_params())[counted].item() >= rows:
            high = middle
        else:
            low = middle + 1
    return Filters(date_from=start, date_to=start + timedelta(days=low))


def timed(fn, repeat: int):
    """(wall-clock seconds, process CPU seconds) of ``repeat`` calls, and the last result."""
    values, cpu, result = [], [], None
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = fn()
        values.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    return values, cpu, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", default="/tmp/demo_100k.duckdb", help="database file (built if missing)")
    parser.add_argument("--contributions", type=int, default=100_000, help="size when the file has to be built")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    path = Path(args.path)
    if not path.exists():
        print(f"Building {path} with {args.contributions:,} contributions…", flush=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "consultation",
                "demo",
                "--contributions",
                str(args.contributions),
                "--out",
                str(path),
            ],
            cwd=ROOT,
            check=True,
        )
    os.environ["CONSULTATION_DB"] = str(path)
    from consultation import catalog, db, export

    info = catalog.database_info()
    start, end = date.fromisoformat(info["first_day"]), date.fromisoformat(info["last_day"])
    questions = db.run_uncached("questions")

    def answers_file(filters: Filters, file_format: str) -> tuple[bytes, int]:
        table = export.answers_table(db.run_uncached("export_answers", **filters.sql_params()))
        data = export.csv_bytes(table) if file_format == "csv" else export.xlsx_bytes(table, "Réponses", [("a", "b")])
        return data, table.height

    def contributions_file(filters: Filters, file_format: str) -> tuple[bytes, int]:
        params = filters.sql_params()
        table = export.contributions_table(
            db.run_uncached("export_contributions", **params),
            db.run_uncached("export_contribution_answers", **params),
            questions,
        )
        data = (
            export.csv_bytes(table) if file_format == "csv" else export.xlsx_bytes(table, "Contributions", [("a", "b")])
        )
        return data, table.height

    print(f"\n{path} (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)\n")
    print("| export | lignes | colonnes | format | taille (Mo) | méd. (s) | max (s) | CPU méd. (s) |")
    print("|---|---:|---:|---|---:|---:|---:|---:|")
    cases = [
        ("une ligne par réponse", answers_file, first_days(db, "answer_count", args.rows, start, end), 12),
        (
            "une ligne par contribution",
            contributions_file,
            first_days(db, "contribution_count", args.rows, start, end),
            9 + questions.height,
        ),
    ]
    for name, build, filters, columns in cases:
        for file_format in ("csv", "xlsx"):
            values, cpu, (data, height) = timed(lambda b=build, f=filters, ff=file_format: b(f, ff), args.repeat)
            print(
                f"| {name} ({filters.describe(catalog.vocabulary())}) | {height:,} | {columns} | {file_format} "
                f"| {len(data) / 1e6:.1f} | {statistics.median(values):.2f} | {max(values):.2f} "
                f"| {statistics.median(cpu):.2f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
