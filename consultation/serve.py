"""Serve the dashboard: ``python -m consultation serve [streamlit run options]``.

Streamlit runs the first request of a process through its legacy ``pages/`` discovery when a
``pages/`` folder sits beside app.py: a deep link such as /vue-d-ensemble right after start then
runs a bare page script (or shows "Page not found") before the router's st.navigation has ever
run. Our router owns navigation, so this launcher turns that legacy mode off before the server
starts. ``streamlit run app.py`` still works; ui._ensure_routed re-routes such a first run.

It also imports the modules the pages need before the first session. Sessions are threads: two
sessions importing a module for the first time at once can see it half-initialised (under the
20-session load test, polars' lazy import of pandas raised « partially initialized module
'pandas' has no attribute 'Series' »), and the first visitor no longer waits for scipy,
scikit-learn and plotly to load.
"""

from __future__ import annotations

import importlib
import sys

from consultation.navigation import ROOT

PRELOAD = (
    "pandas",
    "pyarrow",
    "plotly.graph_objects",
    "consultation.ui",
    "consultation.stats",
    "consultation.text_view",
    "consultation.text_topics",
    "consultation.text_campaigns",
    "consultation.charts.overview",
    "consultation.charts.respondents",
    "consultation.charts.texts",
    "consultation.charts.themes",
    "consultation.charts.timeline",
    "wordcloud",
)


def main(argv: list[str]) -> int:
    for name in PRELOAD:
        importlib.import_module(name)
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *argv]
    return cli.main()
