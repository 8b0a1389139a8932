"""Router of the consultation dashboard: page config, access, navigation, shared sidebar.

Everything that must hold on every page is applied here, once: the role (pages a role may not
open answer at their address with a French message instead of their data), presentation mode
(``?presentation=1``: no chrome, large type, filters from the URL, parcours), and the privacy
settings read by ui.protect / ui.verbatim / ui.chart.
"""

import streamlit as st

from consultation import auth, catalog, db, navigation, presentation, runs, store, ui

presenting = presentation.is_requested(st.query_params)
st.set_page_config(
    page_title="Consultation numérique culturelle",
    layout="wide",
    initial_sidebar_state="collapsed" if presenting else "expanded",
)

access = auth.current_access()
if not access.allowed:
    auth.login_screen(access)  # stops the run
ui.start_run(access, presenting)
ui.page_chrome(presenting)

if not db.database_path().exists():
    st.error(
        f"Base de données introuvable : {db.database_path()}. Lancez `bash scripts/run.sh`, qui génère "
        "les données de démonstration, ou importez un export avec `python -m consultation import`.",
        icon=":material/error:",
    )
    st.stop()

# One run at a time in this process (consultation/runs.py: concurrent polars calls stalled the
# server). Every query of this run reads the same version of the database: an import that
# replaces the file mid-run is seen from the next run on, never half-way through the page.
with runs.exclusive(), db.pinned():
    if catalog.database_info().get("schema_version") != store.SCHEMA_VERSION:
        st.error(
            "Cette base a été écrite par une version antérieure du tableau de bord. Mettez-la à jour avec "
            "`python -m consultation upgrade` (ou relancez `bash scripts/run.sh`, qui le fait), puis rechargez la page.",
            icon=":material/error:",
        )
        st.stop()

    routes, menu_pages, targets = {}, {}, []
    for spec in navigation.available_pages():
        refusal = ui.refusal_message(access.role, spec.url_path, presenting)
        target = spec.script if refusal is None else ui.refused_page(spec, refusal)
        routes[spec.url_path] = st.Page(target, title=spec.title, icon=spec.icon, url_path=spec.url_path)
        targets.append(target)
        if refusal is None:
            menu_pages[spec.url_path] = routes[spec.url_path]
    # The first page also answers at / (Streamlit gives the default page no address of its own, so a
    # copied /vue-d-ensemble link would otherwise end on "Page not found").
    home_path = next(iter(routes))
    home = st.Page(
        targets[0], title=routes[home_path].title, icon=routes[home_path].icon, url_path="accueil", default=True
    )
    current = st.navigation([home, *routes.values()], position="hidden")
    if current is home:  # the menu marks the page at / as the current one
        routes[home_path] = home
        menu_pages[home_path] = home
    current_path = next(path for path, page in routes.items() if page is current)
    ui.resume_deep_link(routes, current)

    vocab = catalog.vocabulary()
    with st.sidebar:
        st.markdown("### Consultation numérique culturelle")
        menu_slot = st.container()
    if presenting:
        ui.follow_parcours(menu_pages, current_path)
        filters = ui.url_filters(vocab)
    else:
        filters = ui.sidebar_filters(vocab)
    ui.sidebar_settings(access, presenting)
    with st.sidebar:
        auth.sidebar_account(access)
    with menu_slot:
        ui.menu(menu_pages, filters)
    if presenting:
        ui.presentation_bar(menu_pages, current, filters)

    current.run()
