"""Router of the consultation dashboard: page config, navigation, shared sidebar."""

import streamlit as st

from consultation import catalog, db, navigation, ui

st.set_page_config(
    page_title="Consultation numérique culturelle",
    page_icon=":material/insights:",
    layout="wide",
    initial_sidebar_state="expanded",
)

if not db.database_path().exists():
    st.error(
        f"Base de données introuvable : {db.database_path()}. Lancez `bash scripts/run.sh`, qui génère "
        "les données de démonstration, ou importez un export avec `python -m consultation import`.",
        icon=":material/error:",
    )
    st.stop()

pages = {
    spec.url_path: st.Page(spec.script, title=spec.title, icon=spec.icon, url_path=spec.url_path, default=i == 0)
    for i, spec in enumerate(navigation.available_pages())
}
current = st.navigation(list(pages.values()), position="hidden")

vocab = catalog.vocabulary()
with st.sidebar:
    st.markdown("### Consultation numérique culturelle")
    menu_slot = st.container()
filters = ui.sidebar_filters(vocab)
with menu_slot:
    ui.menu(pages, filters)

current.run()
