"""Benchmark of the Réponses page's queries: search, count and one page of the list, drill-down.

    .venv/bin/python bench/bench_search.py /tmp/demo_1m.duckdb            # builds it first if missing
    .venv/bin/python bench/bench_search.py data/consultation.duckdb --repeat 15

Builds the database with the demo generator when the path does not exist (1,000,000
contributions take about four minutes on 2 cores), then runs every case ``--repeat`` times
without the result cache (db.run_uncached; the search hits, which db computes once a search,
are forgotten before each count) and prints the median and the 95th percentile.
A "search" is what the page runs for a new query: answer_counts (réponses, contributions,
répondants) then answer_page (the first page of 25). The target is a median under 0.5 s at
one million contributions.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from consultation import answers  # noqa: E402
from consultation.answers import ListState  # noqa: E402
from consultation.filters import Filters  # noqa: E402

CASES: list[tuple[str, Filters]] = [
    ("sans filtre", Filters()),
    ("recherche : un mot fréquent (bibliotheque)", Filters(search="bibliotheque")),
    ("recherche : accents ignorés (ecologie)", Filters(search="ecologie")),
    ("recherche : mot rare (metaverse)", Filters(search="metaverse")),
    ("recherche : deux mots (droits auteurs)", Filters(search="droits auteurs")),
    ('recherche : expression ("droit d\'auteur")', Filters(search='"droit d\'auteur"')),
    ('recherche : expression ("intelligence artificielle")', Filters(search='"intelligence artificielle"')),
    ("recherche : élision, mots courts (l'ia)", Filters(search="l'ia")),
    ("recherche : aucun résultat (zzzyx)", Filters(search="zzzyx")),
    (
        "recherche + thème + profil + dates",
        Filters(
            search="patrimoine",
            themes=("archivage",),
            profiles=("professionnel",),
            date_from=__import__("datetime").date(2023, 3, 1),
            date_to=__import__("datetime").date(2023, 4, 30),
        ),
    ),
    ("réponse Oui à une question fermée", Filters(answer_question_id="metavers_q02", answer_choice="Oui")),
    ("une question + incomplètes", Filters(question_id="ecologie_q04", complete=False)),
]


CPU: list[float] = []  # process CPU seconds of every timed call (all DuckDB threads)


def timed(fn, repeat: int, before=None) -> list[float]:
    """Wall-clock seconds of ``repeat`` calls after a warm-up (the first run reads the file);
    ``before`` is called, untimed, before each call.

    The CPU time of each call goes to CPU: on a machine shared with other work, CPU seconds
    divided by the cores say what the wall clock would be on an idle machine."""
    fn()
    out = []
    for _ in range(repeat):
        if before is not None:
            before()
        started, cpu = time.perf_counter(), time.process_time()
        fn()
        out.append(time.perf_counter() - started)
        CPU.append(time.process_time() - cpu)
    return out


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", default="/tmp/demo_1m.duckdb", help="database file (built if missing)")
    parser.add_argument("--contributions", type=int, default=1_000_000, help="size when the file has to be built")
    parser.add_argument("--repeat", type=int, default=9)
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
    from consultation import db

    size = db.run_uncached("answer_counts", **Filters().sql_params()).row(0, named=True)
    print(f"\n{path}: {size['contribution_count']:,} contributions, {size['answer_count']:,} réponses")
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    print(
        "| cas | réponses trouvées | comptes méd. (ms) | 1re page méd. (ms) | recherche méd. (ms) "
        "| recherche p95 (ms) | recherche CPU méd. (ms) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, filters in CASES:
        params = filters.sql_params()
        found = db.run_uncached("answer_counts", **params)["answer_count"].item()
        CPU.clear()
        # A new search: the search hits (cached by db once a search, shared by the page's
        # queries) are forgotten first, so the counts pay for them and the first page does not.
        counts = timed(lambda p=params: db.run_uncached("answer_counts", **p), args.repeat, before=db.clear_cache)
        cpu_counts = list(CPU)
        CPU.clear()
        page = timed(
            lambda p=params, n=found: db.run_uncached("answer_page", **ListState().page_params(n), **p), args.repeat
        )
        both = [c + q for c, q in zip(counts, page, strict=True)]
        cpu = [c + q for c, q in zip(cpu_counts, CPU, strict=True)]
        print(
            f"| {name} | {found:,} | {statistics.median(counts) * 1000:.0f} | {statistics.median(page) * 1000:.0f} "
            f"| {statistics.median(both) * 1000:.0f} | {p95(both) * 1000:.0f} | {statistics.median(cpu) * 1000:.0f} |",
            flush=True,
        )

    print("\nListe sans filtre, autres tris et pages lointaines :\n")
    print("| requête | méd. (ms) | p95 (ms) | CPU méd. (ms) |")
    print("|---|---:|---:|---:|")
    all_params = Filters().sql_params()
    search_params = Filters(search="bibliotheque").sql_params()
    total = size["answer_count"]
    last = answers.page_count(total, 25)

    def page(sort: str, number: int, page_size: int = 25) -> dict:
        """The params the Réponses page binds for this page (from the list's other end past its middle)."""
        return ListState(sort=sort, page_size=page_size, page=number).page_params(total)

    extra = [
        ("answer_page tri thème", lambda: db.run_uncached("answer_page", **page("theme", 1), **all_params)),
        ("answer_page tri longueur", lambda: db.run_uncached("answer_page", **page("longueur", 1), **all_params)),
        ("answer_page 100 lignes", lambda: db.run_uncached("answer_page", **page("date_desc", 1, 100), **all_params)),
        ("answer_page page 1 000", lambda: db.run_uncached("answer_page", **page("date_desc", 1000), **all_params)),
        ("answer_page dernière page", lambda: db.run_uncached("answer_page", **page("date_desc", last), **all_params)),
        (
            "answer_page dernière page, tri thème",
            lambda: db.run_uncached("answer_page", **page("theme", last), **all_params),
        ),
        ("contribution_detail", lambda: db.run_uncached("contribution_detail", contribution_id="C0000123")),
        ("contribution_answers", lambda: db.run_uncached("contribution_answers", contribution_id="C0000123")),
        (
            "contribution_neighbours sans filtre",
            lambda: db.run_uncached(
                "contribution_neighbours", contribution_id="C0000123", sort="date_desc", **all_params
            ),
        ),
        (
            "contribution_neighbours recherche",
            lambda: db.run_uncached(
                "contribution_neighbours", contribution_id="C0000123", sort="date_desc", **search_params
            ),
        ),
        (
            "respondent_contributions",
            lambda: db.run_uncached("respondent_contributions", respondent_id="R000123", **all_params),
        ),
    ]
    for name, fn in extra:
        CPU.clear()
        values = timed(fn, args.repeat)
        print(
            f"| {name} | {statistics.median(values) * 1000:.0f} | {p95(values) * 1000:.0f} "
            f"| {statistics.median(CPU) * 1000:.0f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
