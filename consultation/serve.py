"""Serve the dashboard: ``python -m consultation serve [streamlit run options]``.

Streamlit runs the first request of a process through its legacy ``pages/`` discovery when a
``pages/`` folder sits beside app.py: a deep link such as /vue-d-ensemble right after start then
runs a bare page script (or shows "Page not found") before the router's st.navigation has ever
run. Our router owns navigation, so this launcher turns that legacy mode off before the server
starts. ``streamlit run app.py`` still works; ui._ensure_routed re-routes such a first run.
"""

from __future__ import annotations

import sys

from consultation.navigation import ROOT


def main(argv: list[str]) -> int:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *argv]
    return cli.main()
