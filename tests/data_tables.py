"""Open the « Voir les données » tables of an AppTest page: ui.chart builds a chart's table only
once its expander is opened (the expander is a widget keyed ``<chart key>_data``)."""

from streamlit.testing.v1 import AppTest


def open_data_tables(at: AppTest) -> AppTest:
    """Open every chart's « Voir les données » and rerun, as a user clicking each of them."""
    keys = [e.proto.id.split("-", 2)[-1] for e in at.expander if e.proto.id.endswith("_data")]
    assert keys, "no « Voir les données » on the page"
    for key in keys:
        at.session_state[key] = True
    return at.run()
