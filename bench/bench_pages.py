"""Page reruns: time from a filter change to a finished script run, for every page that exists.

For each page of consultation.navigation.available_pages() (driven with Streamlit's AppTest,
i.e. the real router app.py and the real page script, in this process) and each filter change
of FILTER_CHANGES, one measurement is:

1. set the sidebar back to no filter and run (untimed);
2. empty the Streamlit data cache, then run again with no filter (untimed): the cache now holds
   what a user who has the page open already has (vocabularies, the unfiltered results), and
   nothing about the filter value about to be chosen;
3. change the sidebar widget(s) and time ``run()``: the cold rerun for that filter value;
4. run again without change and time it: the same rerun with a warm cache, for comparison.

The target at 1M contributions is 1 s for step 3.

    .venv/bin/python -m bench.bench_pages --db bench/data/demo-100000.duckdb --reps 3 --out p.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench_queries import summarise  # noqa: E402

APP = str(ROOT / "app.py")
TARGET_S = 1.0
THEMES = ("ecologie", "metavers", "creation", "langue", "archivage", "donnees_ia")
REGIONS = ("11", "84", "75", "76", "32", "44")
WORDS = ("musee", "sobriete", "patrimoine", "formation", "artistes", "donnees")

# name -> function(rep) -> {widget key: value}
FILTER_CHANGES = {
    "theme": lambda i: {"f_theme": [THEMES[i % 6]]},
    "citoyen+region": lambda i: {"f_profil": ["citoyen"], "f_region": [REGIONS[i % 6]]},
    "date_range": lambda i: {"f_du": date(2023, 3, 1 + i), "f_au": date(2023, 3, 15 + i)},
    "search": lambda i: {"f_q": WORDS[i % 6]},
    "theme+profile+search": lambda i: {"f_theme": [THEMES[i % 6]], "f_profil": ["citoyen"], "f_q": "numerique"},
}
EMPTY = {"f_theme": [], "f_profil": [], "f_region": [], "f_du": None, "f_au": None, "f_q": ""}


def _set(at, values: dict) -> None:
    """Change sidebar widgets the way a user does: through their session-state keys.

    (Setting the key is what AppTest's widget helpers do; it also works on a run where the page
    did not draw the widget, which the "filters applied" check below then reports.)
    """
    for key, value in values.items():
        at.session_state[key] = value


def _applied(at, values: dict) -> bool:
    """Whether the run used the filters just set (the router stores them in session state)."""
    try:
        current = at.session_state["_filters"]
    except KeyError:
        return False
    wanted = {
        "f_theme": current.themes,
        "f_profil": current.profiles,
        "f_region": current.regions,
        "f_du": current.date_from,
        "f_au": current.date_to,
        "f_q": current.search,
    }
    return all((tuple(v) if isinstance(v, list) else v) == wanted[k] for k, v in values.items())


def _clear_cache() -> None:
    import streamlit as st

    from consultation import db
    from consultation.charts import base

    st.cache_data.clear()
    db.clear_cache()  # db.run's query results
    base.clear_figures()  # figures drawn for other filters


def bench(db_path: Path, reps: int, pages: list[str] | None = None, timeout: float = 600) -> dict:
    os.environ["CONSULTATION_DB"] = str(db_path)
    import logging

    from streamlit.testing.v1 import AppTest

    for name in ("streamlit.runtime.caching.cache_data_api", "streamlit.runtime.scriptrunner_utils.script_run_context"):
        logging.getLogger(name).setLevel(logging.ERROR)

    from consultation import navigation

    specs = [s for s in navigation.available_pages() if not pages or s.url_path in pages]
    all_pages = navigation.PAGES
    rows = []
    for spec in specs:
        # The page under test is made the router's default page (served at "/"), so that AppTest
        # runs app.py with its sidebar and then the page, as a browser session does.
        # (AppTest.switch_page on this router runs the page without the sidebar.)
        navigation.PAGES = (spec, *(p for p in all_pages if p is not spec))
        _clear_cache()
        at = AppTest.from_file(APP, default_timeout=timeout)
        t0 = time.perf_counter()
        at.run()
        first = time.perf_counter() - t0
        print(f"{spec.title:20} first run (cold cache) {first:6.2f} s", file=sys.stderr)
        rows.append({"page": spec.url_path, "change": "open (cache empty)", "cold": summarise([first * 1000])})
        if at.exception:
            rows[-1]["error"] = str(at.exception[0].value)[:300]
            continue
        if "f_theme" not in at.session_state:
            rows[-1]["error"] = "the sidebar filters were not drawn"
            continue
        for change, values_for in FILTER_CHANGES.items():
            cold, warm, errors = [], [], []
            for rep in range(reps):
                _set(at, EMPTY)
                at.run()
                _clear_cache()
                at.run()
                _set(at, values_for(rep))
                t0 = time.perf_counter()
                at.run()
                cold.append((time.perf_counter() - t0) * 1000)
                if at.exception:
                    errors.append(str(at.exception[0].value)[:300])
                elif not _applied(at, values_for(rep)):
                    errors.append("the run did not apply the filter change (sidebar not drawn on rerun?)")
                t0 = time.perf_counter()
                at.run()
                warm.append((time.perf_counter() - t0) * 1000)
            row = {
                "page": spec.url_path,
                "change": change,
                "cold": summarise(cold),
                "warm": summarise(warm),
                "target_ms": TARGET_S * 1000,
                "meets_target": summarise(cold)["median_ms"] <= TARGET_S * 1000,
            }
            if errors:
                row["errors"] = errors
            rows.append(row)
            print(
                f"{spec.title:20} {change:22} cold median {row['cold']['median_ms']:8.0f} ms"
                f" (max {row['cold']['max_ms']:8.0f})  warm {row['warm']['median_ms']:6.0f} ms"
                f"{'' if row['meets_target'] else '  <-- MISS'}{'  ERRORS' if errors else ''}",
                file=sys.stderr,
            )
    navigation.PAGES = all_pages
    return {"db": str(db_path), "reps": reps, "pages": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--pages", nargs="*", help="url paths (default: every page present)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    result = bench(args.db, args.reps, args.pages)
    text = json.dumps(result, indent=1, ensure_ascii=False)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
