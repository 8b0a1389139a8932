"""Shared Streamlit widgets: the filter sidebar kept in the URL, page header, KPI row.

The filter state lives in the URL. At the start of a session (or when a link brings new
filters) the URL seeds the widgets; afterwards the widgets are the truth and the URL is
rewritten to match, so the address bar can be copied at any time. The router's own menu
carries the filters from page to page (Streamlit drops query params on a page switch).
"""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from consultation import catalog, export, navigation, privacy
from consultation.filters import MULTI_KEYS, Filters, Vocabulary, from_query_params

GLOBAL_KEYS = (*MULTI_KEYS, "du", "au", "q")
_SYNCED = "_filters_synced"
_PROBLEMS = "_filter_problems"
_FILTERS = "_filters"


def _raw_params(keys) -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in keys if k in st.query_params}


def sidebar_filters(vocab: Vocabulary) -> Filters:
    """Draw the global filters in the sidebar, synchronised with the URL; return them."""
    state = st.session_state
    raw = _raw_params(GLOBAL_KEYS)
    from_url, problems = from_query_params(raw, vocab)
    last = state.get(_SYNCED)
    if last is None or (raw and from_url != last):
        # New session, or a link that brought its own filters: the URL wins.
        for key, (attr, *_rest) in MULTI_KEYS.items():
            state[f"f_{key}"] = list(getattr(from_url, attr))
        state["f_du"], state["f_au"], state["f_q"] = from_url.date_from, from_url.date_to, from_url.search
        state[_PROBLEMS] = problems
    elif not raw:
        state[_PROBLEMS] = []

    with st.sidebar:
        st.markdown("**Filtres**")
        for key, (_attr, dimension, _singular, plural) in MULTI_KEYS.items():
            options = list(vocab.labels.get(dimension, {}))
            st.multiselect(
                plural.capitalize(),
                options,
                key=f"f_{key}",
                format_func=lambda code, d=dimension: vocab.label(d, code),
                placeholder="Tous" if dimension != "region" else "Toutes",
            )
        left, right = st.columns(2)
        with left:
            st.date_input(
                "Du", key="f_du", format="DD/MM/YYYY", min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)
            )
        with right:
            st.date_input(
                "Au", key="f_au", format="DD/MM/YYYY", min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)
            )
        st.text_input(
            "Rechercher dans les réponses",
            key="f_q",
            max_chars=200,
            placeholder="mots ou « expression »",
            help="Sans tenir compte des accents ni des majuscules. Tous les mots sont requis ; "
            'une expression entre guillemets est cherchée telle quelle, par exemple "droit d\'auteur".',
        )

    current = Filters(
        **{attr: tuple(state[f"f_{key}"]) for key, (attr, *_rest) in MULTI_KEYS.items()},
        date_from=state["f_du"],
        date_to=state["f_au"],
        search=(state["f_q"] or "").strip(),
    )
    if current.date_from and current.date_to and current.date_from > current.date_to:
        current = current.replace(date_from=current.date_to, date_to=current.date_from)
    state[_SYNCED] = current
    state[_FILTERS] = current
    _write_url(current.query_params(), GLOBAL_KEYS)
    return current


def _write_url(wanted: dict[str, str | list[str]], owned_keys) -> None:
    """Make the URL's ``owned_keys`` equal ``wanted``, leaving other keys alone."""
    if _raw_params(owned_keys) == {k: ([v] if isinstance(v, str) else list(v)) for k, v in wanted.items()}:
        return
    for key in owned_keys:
        if key in st.query_params:
            del st.query_params[key]
    for key, value in wanted.items():
        st.query_params[key] = value


def current_filters() -> Filters:
    """The global filters drawn by the router for this run."""
    return st.session_state.get(_FILTERS, Filters())


def menu(pages: dict, filters: Filters) -> None:
    """The sidebar menu: one link a page, each carrying the current filters."""
    params = filters.query_params()
    for spec in navigation.available_pages():
        st.page_link(pages[spec.url_path], label=spec.title, icon=spec.icon, query_params=params)
    st.divider()


def page_header(title: str, question: str, vocab: Vocabulary) -> None:
    """Title, what the view answers, the demo-data warning, and any ignored URL value."""
    st.title(title)
    st.caption(question)
    if catalog.is_demo():
        st.info(
            "Données de démonstration **synthétiques** : aucune de ces contributions n'a été écrite par "
            "une vraie personne. Elles imitent une consultation réelle en attendant l'import des données.",
            icon=":material/science:",
        )
    for problem in st.session_state.get(_PROBLEMS, []):
        st.warning(problem, icon=":material/warning:")


def filter_sentence(filters: Filters, vocab: Vocabulary, contribution_count: int) -> None:
    """The French sentence saying what is filtered, above the results."""
    st.markdown(f":material/filter_alt: {escape_markdown(filters.describe(vocab, contribution_count))}")


def kpi_row(items: list[tuple[str, str, str]]) -> None:
    """A row of big numbers: (label, formatted value, help)."""
    for column, (label, value, help_text) in zip(st.columns(len(items)), items, strict=True):
        column.metric(label, value, help=help_text)


_MARKDOWN_SPECIALS = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()<>#+-.!|~$:"})


def escape_markdown(text: str) -> str:
    """Text that st.markdown shows literally: every Markdown and HTML character escaped."""
    return text.translate(_MARKDOWN_SPECIALS)


GLOSSARY = {
    "répondant": "une personne ou une organisation distincte qui a répondu à au moins un questionnaire",
    "contribution": "les réponses d'un répondant à un questionnaire thématique",
    "réponse": "une réponse non vide à une question, dans une contribution",
}


def glossary_help(word: str) -> str:
    return f"{word.capitalize()} : {GLOSSARY[word]}."


# --- Shared result components: every page shows charts, tables and answer texts through these,
# so presentation mode and privacy protection apply everywhere from one place.


def privacy_threshold() -> int | None:
    """The small-group threshold in force for this run, or None when protection is off."""
    return st.session_state.get("_privacy_threshold")


def protect(df: pl.DataFrame, column: str, group_by: list[str] | None = None) -> pl.DataFrame:
    """Hide counts of répondants below the threshold (see privacy.suppress_small_counts)."""
    return privacy.suppress_small_counts(df, column, privacy_threshold(), group_by)


def chart(
    fig: go.Figure,
    *,
    key: str,
    alt: str,
    data: pl.DataFrame,
    columns: dict[str, str],
    file_name: str,
    selectable: bool = False,
):
    """A figure, its text alternative, and "Voir les données": the table behind it and a CSV.

    ``alt`` is one or two French sentences saying what the chart shows (it is also the caption
    under the chart); ``columns`` maps the columns of ``data`` to show to their French headers.
    With ``selectable`` the chart reports clicks (the return value is Streamlit's selection).
    """
    event = st.plotly_chart(
        fig,
        key=key,
        on_select="rerun" if selectable else "ignore",
        selection_mode=("points",) if selectable else ("points", "box", "lasso"),
        config={"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]},
        alt=alt,
    )
    st.caption(alt)
    table = data.select([pl.col(c).alias(label) for c, label in columns.items()])
    with st.expander("Voir les données", icon=":material/table:"):
        st.dataframe(table, hide_index=True, width="stretch")
        st.download_button(
            "Télécharger ces données (CSV)",
            export.csv_bytes(table),
            file_name=f"{file_name}.csv",
            mime="text/csv",
            key=f"{key}_csv",
            icon=":material/download:",
        )
    return event


def verbatim(text: str | None) -> None:
    """Show an answer text as plain text (never Markdown or HTML: answers are untrusted)."""
    st.text(text or "")
