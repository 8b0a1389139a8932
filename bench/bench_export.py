"""Benchmark of the Réponses page's exports: about 100,000 rows to CSV and to XLSX.

    .venv/bin/python -m bench.bench_export /tmp/demo_100k.duckdb     # builds it first if missing
    .venv/bin/python -m bench.bench_export --only reponse --repeat 3   # the audit's case only

Two exports, each timed end to end (query, table, file bytes), ``--repeat`` times, with the
file's share timed apart, and once more as the « Préparer l'export » button runs it from 20 000
rows: in a child process (consultation.export_job.build_apart, « à part »):
- one row a réponse: the first days of the consultation, as many as give ``--rows`` réponses;
- one row a contribution (wide, one column a question of all six questionnaires): the first
  ``--rows`` contributions in date order (the same date filter, widened).

A file written by an older version of the dashboard is refused with the command that updates
it (``python -m consultation upgrade --db PATH``).
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

CASES = ("reponse", "contribution")
FORMATS = ("csv", "xlsx")


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
    """Per call: (wall-clock seconds, process CPU seconds, seconds of the file alone); and the
    last result. ``fn`` returns (data, rows, seconds spent on the file)."""
    wall, cpu, file_seconds, result = [], [], [], None
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = fn()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        file_seconds.append(result[2])
    return wall, cpu, file_seconds, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", default="/tmp/demo_100k.duckdb", help="database file (built if missing)")
    parser.add_argument("--db", dest="db", type=Path, help="the same, as the bench runner passes it")
    parser.add_argument("--contributions", type=int, default=100_000, help="size when the file has to be built")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=CASES, help="one export only (one row a réponse or a contribution)")
    parser.add_argument("--format", choices=FORMATS, help="one format only")
    args = parser.parse_args()

    path = args.db or Path(args.path)
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
    from consultation import catalog, db, export, export_job

    try:
        db.run_uncached("answer_counts", **Filters().sql_params())
    except Exception as error:  # an older schema: say how to update it rather than a traceback
        print(f"{path} cannot be read by this version ({error.__class__.__name__}: {str(error).splitlines()[0]})")
        print(f"Update it: {sys.executable} -m consultation upgrade --db {path}   (or pass a new path)")
        return 2
    info = catalog.database_info()
    start, end = date.fromisoformat(info["first_day"]), date.fromisoformat(info["last_day"])
    questions = db.run_uncached("questions")

    def file_bytes(table, file_format: str, sheet: str) -> tuple[bytes, float]:
        started = time.perf_counter()
        data = export.csv_bytes(table) if file_format == "csv" else export.xlsx_bytes(table, sheet, [("a", "b")])
        return data, time.perf_counter() - started

    def answers_file(filters: Filters, file_format: str) -> tuple[bytes, int, float]:
        table = export.answers_table(db.run_uncached("export_answers", **filters.sql_params()))
        data, seconds = file_bytes(table, file_format, "Réponses")
        return data, table.height, seconds

    def contributions_file(filters: Filters, file_format: str) -> tuple[bytes, int, float]:
        params = filters.sql_params()
        table = export.contributions_table(
            db.run_uncached("export_contributions", **params),
            db.run_uncached("export_contribution_answers", **params),
            questions,
        )
        data, seconds = file_bytes(table, file_format, "Contributions")
        return data, table.height, seconds

    load = os.getloadavg()
    print(f"\n{path} (load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores)\n")
    print(
        "| export | lignes | colonnes | format | taille (Mo) | méd. (s) | max (s) | CPU méd. (s) "
        "| dont fichier méd. (s) | à part méd. (s) |"
    )
    print("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    cases = {
        "reponse": ("une ligne par réponse", answers_file, "answer_count", 12),
        "contribution": (
            "une ligne par contribution",
            contributions_file,
            "contribution_count",
            9 + questions.height,
        ),
    }
    for case in [args.only] if args.only else CASES:
        name, build, counted, columns = cases[case]
        filters = first_days(db, counted, args.rows, start, end)
        for file_format in [args.format] if args.format else FORMATS:
            wall, cpu, file_seconds, (data, height, _seconds) = timed(
                lambda b=build, f=filters, ff=file_format: b(f, ff), args.repeat
            )
            job = export_job.ExportJob(
                path=str(path),
                version=db.database_version(),
                params=filters.sql_params(),
                granularity=case,
                file_format=file_format,
                mask_pii=False,
                sheet="Réponses",
                about=(("a", "b"),),
            )
            apart = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                export_job.build_apart(job)
                apart.append(time.perf_counter() - started)
            print(
                f"| {name} ({filters.describe(catalog.vocabulary())}) | {height:,} | {columns} | {file_format} "
                f"| {len(data) / 1e6:.1f} | {statistics.median(wall):.2f} | {max(wall):.2f} "
                f"| {statistics.median(cpu):.2f} | {statistics.median(file_seconds):.2f} "
                f"| {statistics.median(apart):.2f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
