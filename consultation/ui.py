"""Shared Streamlit widgets: the filter sidebar kept in the URL, page header, KPI row.

The filter state lives in the URL. At the start of a session (or when a link brings new
filters) the URL seeds the widgets; afterwards the widgets are the truth and the URL is
rewritten to match, so the address bar can be copied at any time. The router's own menu
carries the filters from page to page (Streamlit drops query params on a page switch).

Shared mechanisms every page gets through these helpers (the router sets them each run):
- presentation mode (``?presentation=1``): presentation_mode(), query_params_for() for links;
- privacy: protect() for counts, count_label() for KPIs, verbatim() / safe_text() /
  answers_table() for answer texts (personal data masked), show_ids();
- roles: can_see_answers(), can_export_answers(), can_import(), answers_page_available().
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path

import plotly.graph_objects as go
import polars as pl
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from consultation import auth, catalog, export, fr, navigation, presentation, privacy, runs
from consultation.filters import FIRST_DATE, LAST_DATE, MULTI_KEYS, Filters, Vocabulary, from_query_params

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
            st.date_input("Du", key="f_du", format="DD/MM/YYYY", min_value=FIRST_DATE, max_value=LAST_DATE)
        with right:
            st.date_input("Au", key="f_au", format="DD/MM/YYYY", min_value=FIRST_DATE, max_value=LAST_DATE)
        st.text_input(
            "Rechercher dans les réponses",
            key="f_q",
            max_chars=200,
            placeholder="mots ou « expression »",
            help="Sans tenir compte des accents ni des majuscules. Chaque mot est cherché en début de mot "
            "(« musée » trouve « musées », « IA » ne trouve pas « biais »). Tous les mots sont requis ; "
            'une expression entre guillemets, par exemple "droit d\'auteur", est cherchée mot après mot, '
            "dans cet ordre, quelle que soit la ponctuation entre les mots (« droit-d’auteur » aussi).",
        )

    current = Filters(
        **{attr: tuple(state[f"f_{key}"]) for key, (attr, *_rest) in MULTI_KEYS.items()},
        date_from=state["f_du"],
        date_to=state["f_au"],
        search=(state["f_q"] or "").strip(),
    )
    if current.date_from and current.date_to and current.date_from > current.date_to:
        current = current.replace(date_from=current.date_to, date_to=current.date_from)
    if current != from_url:
        state[_PROBLEMS] = []  # the user changed a filter: the URL's ignored values are history
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
    _ensure_routed()
    return st.session_state.get(_FILTERS, Filters())


def _ensure_routed() -> None:
    """Send a page that runs without the router back through it.

    Right after the server starts, Streamlit runs a deep link such as /themes or /answers as the
    legacy pages/ script, without app.py: no role check, no presentation mode, no privacy
    settings. Until app.py's st.navigation has run once in the process, every page asks this
    first; the router then opens the page that was asked for (see resume_deep_link)."""
    if not PagesManager.uses_pages_directory or _RUN in st.session_state:
        return
    ctx = get_script_run_ctx()
    if ctx is None:
        return
    manager = ctx.pages_manager
    info = manager.get_pages().get(manager.current_page_script_hash) or {}
    script = Path(str(info.get("script_path") or ""))
    if script.name and script.resolve() != Path(manager.main_script_path).resolve():
        st.session_state[_DEEP_LINK] = script.resolve().relative_to(navigation.ROOT).as_posix()
        st.switch_page(Path(manager.main_script_path).name, query_params=_all_query_params())


def _all_query_params() -> dict[str, list[str]]:
    """Every URL param with all its values (to_dict keeps only the last of a repeated key)."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def resume_deep_link(routes: Mapping[str, st.Page], current: st.Page) -> None:
    """After _ensure_routed sent a legacy deep link here, open the page it asked for (through
    its route: a page the role may not see answers with its French message)."""
    script = st.session_state.pop(_DEEP_LINK, None)
    spec = next((p for p in navigation.available_pages() if p.script == script), None)
    if spec is not None and spec.url_path in routes and routes[spec.url_path] is not current:
        st.switch_page(routes[spec.url_path], query_params=_all_query_params())


def menu(pages: dict, filters: Filters) -> None:
    """The sidebar menu: one link a page of ``pages``, each carrying the filters and presentation mode."""
    params = query_params_for(filters)
    for spec in navigation.available_pages():
        if spec.url_path in pages:
            st.page_link(pages[spec.url_path], label=spec.title, icon=spec.icon, query_params=params)
    st.divider()


def query_params_for(filters: Filters) -> dict[str, str | list[str]]:
    """The URL params of a link to another view: the filters, and presentation mode when on.

    Use it for every st.page_link / st.switch_page (click-through included), so a presenter
    never falls out of presentation mode."""
    params = filters.query_params()
    if presentation_mode():
        params[presentation.PARAM] = "1"
    return params


def url_filters(vocab: Vocabulary) -> Filters:
    """The global filters read from the URL only, without widgets (presentation mode: no sidebar)."""
    state = st.session_state
    from_url, problems = from_query_params(_raw_params(GLOBAL_KEYS), vocab)
    current = Filters(
        **{attr: getattr(from_url, attr) for _key, (attr, *_rest) in MULTI_KEYS.items()},
        date_from=from_url.date_from,
        date_to=from_url.date_to,
        search=from_url.search,
    )
    state[_SYNCED] = None  # the sidebar re-reads the URL when presentation mode ends
    state[_PROBLEMS] = problems
    state[_FILTERS] = current
    return current


def page_header(title: str, question: str, vocab: Vocabulary) -> None:
    """Title, what the view answers, the demo-data warning, and any ignored URL value."""
    _ensure_routed()
    st.title(title)
    st.caption(question)
    if catalog.is_demo() and presentation_mode():
        st.caption(
            ":material/science: Données de démonstration **synthétiques** : aucune n'a été écrite par une vraie personne."
        )
    elif catalog.is_demo():
        st.info(
            "Données de démonstration **synthétiques** : aucune de ces contributions n'a été écrite par "
            "une vraie personne. Elles imitent une consultation réelle en attendant l'import des données.",
            icon=":material/science:",
        )
    for problem in st.session_state.get(_PROBLEMS, []):
        st.warning(problem, icon=":material/warning:")


def filter_sentence(
    filters: Filters, vocab: Vocabulary, contribution_count: int, respondent_count: int | None = None
) -> None:
    """The French sentence saying what is filtered, above the results (small groups protected)."""
    sentence = describe(filters, vocab, contribution_count, respondent_count)
    st.markdown(f":material/filter_alt: {escape_markdown(sentence)}")


def describe(
    filters: Filters, vocab: Vocabulary, contribution_count: int | None = None, respondent_count: int | None = None
) -> str:
    """filters.describe, with the contribution count hidden when it would reveal a small group.

    Pass ``respondent_count`` (the répondants behind those contributions) when you have it."""
    if contribution_count is not None and _hides_count(contribution_count, respondent_count, filters):
        return f"{_hidden_phrase()} · {filters.describe(vocab)}"
    return filters.describe(vocab, contribution_count)


def _hidden_phrase() -> str:
    return f"moins de {privacy_threshold()} répondants (nombres masqués)"


def _hides_count(value: int | None, respondent_count: int | None, filters: Filters | None = None) -> bool:
    """Whether a count of contributions/réponses must be hidden (rule in consultation/privacy.py)."""
    threshold = privacy_threshold()
    if respondent_count is not None:
        return privacy.is_small(respondent_count, threshold)
    filters = current_filters() if filters is None else filters
    return privacy.narrows_respondents(filters) and privacy.is_small(value, threshold)


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
    return st.session_state.get(_THRESHOLD)


def presentation_mode() -> bool:
    """Whether this run is in presentation mode (set by the router from ``?presentation=1``)."""
    return bool(st.session_state.get(_PRESENTATION, False))


def role() -> auth.Role:
    """The role of this session (set by the router; analyste in local mode)."""
    _ensure_routed()
    return st.session_state.get(_ROLE, auth.ANALYSTE)


def masking_pii() -> bool:
    """Whether personal data in texts is masked in this run (protection on, or presentation mode)."""
    return bool(st.session_state.get(_MASK, False)) or presentation_mode()


def show_ids() -> bool:
    """Whether identifiers of respondents and contributions (R…, C…) may be shown."""
    return auth.can(role(), "ids") and not presentation_mode()


def can_see_answers() -> bool:
    """Whether individual answers (tables, verbatims, one contribution) may be shown."""
    return auth.can(role(), "answers") and not presentation_mode()


def can_export_answers() -> bool:
    """Whether exports of individual answers may be offered."""
    return auth.can(role(), "export_answers") and not presentation_mode()


def can_import() -> bool:
    """Whether the Données page may offer imports."""
    return auth.can(role(), "import") and not presentation_mode()


def safe_text(text: str | None) -> str:
    """An answer text as it may be shown now: personal data masked when protection is on."""
    return privacy.mask_pii(text) if masking_pii() else (text or "")


def safe_texts(df: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    """``df`` with personal data masked in the text ``columns`` when protection is on."""
    return privacy.mask_columns(df, columns) if masking_pii() else df


def small_label() -> str:
    """How a hidden small count reads: "< 10"."""
    return privacy.small_count_label(privacy_threshold() or privacy.DEFAULT_THRESHOLD)


def is_small_group(respondent_count: int | None) -> bool:
    """Whether a count of répondants is below the threshold in force (and must be hidden)."""
    return privacy.is_small(respondent_count, privacy_threshold())


def count_label(value: int | None, *, respondents: int | None = None) -> str:
    """A count as shown in a KPI: "1 234", or "< 10" / "masqué" when it would reveal a small group.

    Without ``respondents`` the value is a count of répondants; with it, the value is a count
    of contributions or réponses made by that many répondants."""
    if respondents is None:
        return small_label() if is_small_group(value) else fr.integer(value)
    return privacy.HIDDEN_LABEL if _hides_count(value, respondents) else fr.integer(value)


def protect(
    df: pl.DataFrame,
    column: str,
    group_by: list[str] | None = None,
    *,
    margins: list[list[str]] | None = None,
    also: list[str] | None = None,
) -> pl.DataFrame:
    """Hide counts that would reveal a group smaller than the threshold (see consultation/privacy.py).

    ``column`` is the count to protect. When ``df`` also has ``respondent_count``, cells are
    judged by their répondants; a count of contributions without répondants is protected only
    when a filter narrows the respondents. ``group_by``: the cells that add up to a shown
    total; ``margins``: further groupings with known totals (crosstabs). The other counts and
    shares of a hidden row are hidden with it (``also`` to choose them). Adds
    ``<column>_suppressed``, ``<column>_small`` and ``<column>_text`` (see privacy.py);
    ui.chart shows the texts ("< 10", "masqué") in its data table.
    """
    threshold = privacy_threshold()
    basis = column
    if "respondent_count" in df.columns and not column.startswith("respondent"):
        basis = "respondent_count"
    elif not basis.startswith("respondent") and not privacy.narrows_respondents(current_filters()):
        threshold = None
    out = privacy.suppress_small_counts(df, basis, threshold, group_by, margins=margins or (), also=also)
    if basis != column and f"{column}_suppressed" not in out.columns:  # ``also`` left it out
        out = out.with_columns(pl.col(f"{basis}_suppressed").alias(f"{column}_suppressed"))
    return out


def chart(
    fig: go.Figure,
    *,
    key: str,
    alt: str,
    data: pl.DataFrame,
    columns: dict[str, str],
    file_name: str,
    selectable: bool = False,
    click_hint: str | None = None,
):
    """A figure, its text alternative, and "Voir les données": the table behind it and a CSV,
    built when the user opens it (its expander's state is the widget ``<key>_data``).

    ``alt`` is one or two French sentences saying what the chart shows (it is also the caption
    under the chart); ``columns`` maps the columns of ``data`` to show to their French headers.
    With ``selectable`` the chart reports clicks (the return value is Streamlit's selection;
    None without ``selectable``). ``click_hint`` (« Cliquer une barre ouvre les réponses. ») ends
    the caption only where a click opens something (not in presentation mode nor for the lecture
    role).
    The caption always says which filters apply; counts hidden by ui.protect read "< 10" or
    "masqué" in the table; in presentation mode the type is larger and the chart toolbar hidden.
    """
    if click_hint and selectable and answers_page_available():
        alt = f"{alt.rstrip()} {click_hint}"
    alt = _with_filter_sentence(alt)
    presenting = presentation_mode()
    if presenting:
        fig = presentation.enlarge(go.Figure(fig))
    # Axis titles are never cut off, whatever the font size: charts.base_layout sets automargin.
    if fig.layout.yaxis.title.text and (fig.layout.margin.l or 0) < 64:  # (base_layout does it too)
        fig = go.Figure(fig)  # figures are shared between sessions (charts.cached_figure): change a copy
        fig.layout.margin.l = 64  # room for a vertical axis title beside its tick labels
    config = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
    if presenting:
        config["displayModeBar"] = False
    event = st.plotly_chart(
        fig,
        key=key,
        on_select="rerun" if selectable else "ignore",
        selection_mode=("points",) if selectable else ("points", "box", "lasso"),
        config=config,
        alt=alt,
    )
    st.caption(escape_markdown(alt))
    if any(f"{c}_suppressed" in data.columns and data[f"{c}_suppressed"].any() for c in (*columns, "respondent_count")):
        st.caption(
            f":material/shield: « {small_label()} » : moins de {privacy_threshold() or privacy.DEFAULT_THRESHOLD} "
            "répondants ; « masqué » : caché pour qu'un petit nombre ne puisse pas être retrouvé par soustraction."
        )
    # The table and its CSV are built and sent only once the expander is opened (a page has up
    # to ~20 charts: formatting and sending every table on every run cost more than the charts).
    # The CSV itself is written when the button is clicked.
    data_view = st.expander("Voir les données", icon=":material/table:", key=f"{key}_data", on_change="rerun")
    if data_view.open:
        with data_view:
            st.dataframe(_display_table(data, columns), hide_index=True, width="stretch")
            st.download_button(
                "Télécharger ces données (CSV)",
                runs.run_exclusive(lambda: export.csv_bytes(_csv_table(data, columns))),
                file_name=f"{file_name}.csv",
                mime="text/csv",
                key=f"{key}_csv",
                icon=":material/download:",
            )
    return event if selectable else None


def _with_filter_sentence(alt: str) -> str:
    """``alt``, ending with the filter sentence when it does not say which filters apply yet."""
    filters = current_filters()
    try:
        sentence = filters.describe(catalog.vocabulary())
    except Exception:  # no database: the alternative stays as written
        return alt
    if sentence in alt:
        return alt
    return f"{alt.rstrip()} Filtres : {sentence}."


def _display_table(data: pl.DataFrame, columns: dict[str, str]) -> pl.DataFrame:
    """The columns to show under their French headers, as French text (« 2 609 », « 31,9 »,
    « 16 févr. 2023 »); a hidden cell reads its protected text (« < 10 », « masqué »)."""
    return _table(data, columns, _format_cell)


def _csv_table(data: pl.DataFrame, columns: dict[str, str]) -> pl.DataFrame:
    """The same table for a spreadsheet: counts stay plain numbers a spreadsheet can add up
    (« 2609 », not the on-screen « 2 609 »), shares are rounded to one decimal, hidden cells
    read their protected text."""
    return _table(data, columns, None)


def _table(data: pl.DataFrame, columns: dict[str, str], formatter) -> pl.DataFrame:
    # Values are formatted in Python, never with polars' map_elements: it runs Python on polars'
    # pool threads, which must then take the GIL from sessions' threads that wait on that pool,
    # the pattern of the stall described in consultation/runs.py.
    exprs = []
    for c, label in columns.items():
        # A « count_text » column (ui.protect) is shown from its number, its text only where hidden.
        stem = c.removesuffix("_text")
        base = stem if c.endswith("_text") and stem in data.columns else c
        flag = f"{base}_suppressed"
        value = pl.col(base).round(1) if data.schema[base].is_float() else pl.col(base)
        if formatter is not None:
            values = data.select(value)[base].to_list()
            value = pl.lit(pl.Series(base, [None if v is None else formatter(v) for v in values], dtype=pl.String))
        if flag in data.columns and data[flag].any():
            text = f"{base}_text"
            hidden = pl.col(text) if text in data.columns else pl.lit(privacy.HIDDEN_LABEL)
            value = pl.when(pl.col(flag)).then(hidden).otherwise(value.cast(pl.String))
        exprs.append(value.alias(label))
    return data.select(exprs)


def _format_cell(value) -> str:
    if isinstance(value, datetime):
        return fr.day(value) if value.time() == datetime.min.time() else f"{fr.day(value)} {value:%H:%M}"
    if isinstance(value, date):
        return fr.day(value)
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int | float):
        return _format_number(value)
    return str(value)


def _format_number(value) -> str:
    return fr.integer(value) if isinstance(value, int) else fr.decimal(value)


def verbatim(text: str | None) -> None:
    """Show an answer text as plain text (never Markdown or HTML: answers are untrusted).

    Personal data is masked when protection is on. Nothing is shown to the lecture role or in
    presentation mode: a single notice a run says why."""
    if not can_see_answers():
        _notice_once(
            "Mode présentation : les réponses individuelles ne sont pas affichées."
            if presentation_mode()
            else "Accès lecture : les réponses individuelles sont réservées aux analystes."
        )
        return
    st.text(safe_text(text))


# --- Shared by the analysis pages: a choice kept in the URL, click-through to the answers --------

ANSWERS_SCRIPT = "pages/answers.py"


def answers_page_available() -> bool:
    """Whether links to the Réponses page may be offered (the page exists and this session may open it)."""
    return any(p.script == ANSWERS_SCRIPT for p in navigation.available_pages()) and can_see_answers()


def drill_to_answers(event, params_for: Callable[[dict], dict]) -> None:
    """After a click on a chart (ui.chart(..., selectable=True)), open the answers behind the
    clicked point: ``params_for(point)`` gives the URL params of the Réponses page."""
    try:
        points = event["selection"]["points"] if event else []
    except (KeyError, TypeError):
        points = []
    if not points or not answers_page_available():
        return
    params = dict(params_for(points[0]))
    if presentation_mode():
        params[presentation.PARAM] = "1"
    st.session_state[_SYNCED] = None  # switch_page's rerun drops the sidebar widgets' values: re-read the URL
    st.switch_page(ANSWERS_SCRIPT, query_params=params)


def url_choice(
    label: str,
    choices: Mapping[str, str],
    *,
    key: str,
    default: str,
    segmented: bool = False,
    help: str | None = None,
) -> str:
    """A choice among ``choices`` (URL code -> French label), kept in the URL under ``key``.

    A link that brings a value sets the widget; a change of the widget rewrites the URL (the
    default value leaves the URL clean). Returns the chosen code."""
    state = st.session_state
    seen = f"_url_choice_{key}"
    raw = st.query_params.get(key)
    if raw in choices and state.get(seen) != raw:
        state[key] = raw
    elif state.get(key) not in choices:
        state[key] = default
    options = list(choices)
    if segmented:
        value = st.segmented_control(label, options, key=key, format_func=lambda c: choices[c], help=help)
    else:
        value = st.selectbox(label, options, key=key, format_func=lambda c: choices[c], help=help)
    if value not in choices:  # a segmented control can be emptied: back to the default
        value = default
    if value == default:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = value
    state[seen] = st.query_params.get(key)
    return value


def answers_table(
    df: pl.DataFrame,
    columns: dict[str, str],
    *,
    text_columns: tuple[str, ...] = (),
    id_columns: tuple[str, ...] = (),
    **dataframe_kwargs,
):
    """A table of individual answers: hidden from lecture and presentation (a notice instead),
    personal data masked in ``text_columns`` when protection is on, ``id_columns`` left out
    when identifiers must not be shown. Returns st.dataframe's value (None when hidden)."""
    if not can_see_answers():
        verbatim(None)
        return None
    shown = {c: label for c, label in columns.items() if show_ids() or c not in id_columns}
    table = safe_texts(df, [c for c in text_columns if c in shown]).select(
        [pl.col(c).alias(label) for c, label in shown.items()]
    )
    dataframe_kwargs.setdefault("hide_index", True)
    dataframe_kwargs.setdefault("width", "stretch")
    return st.dataframe(table, **dataframe_kwargs)


def _notice_once(message: str) -> None:
    state = st.session_state
    if state.get(_NOTICE) == (state.get(_RUN), message):
        return
    state[_NOTICE] = (state.get(_RUN), message)
    st.info(message, icon=":material/visibility_off:")


# --- Session settings, set by the router at every run -------------------------------------------

_THRESHOLD = "_privacy_threshold"
_MASK = "_mask_pii"
_PRESENTATION = "_presentation"
_ROLE = "_role"
_RUN = "_run"
_NOTICE = "_notice"
_DEEP_LINK = "_deep_link"
_PARCOURS_PROBLEMS = "_parcours_problems"
ENV_PRIVACY = "CONSULTATION_PRIVACY"
ENV_THRESHOLD = "CONSULTATION_PRIVACY_THRESHOLD"


def privacy_defaults() -> tuple[bool, int]:
    """(protection on by default for analysts, threshold), from the environment, else secrets.

    CONSULTATION_PRIVACY=1|0 and CONSULTATION_PRIVACY_THRESHOLD=10, or in secrets.toml
    ``[privacy] protection_par_defaut = true`` and ``seuil = 10``. Default: off, 10."""
    section = auth._secrets_section("privacy")
    on_raw = os.environ.get(ENV_PRIVACY)
    on = (
        on_raw.strip().lower() in presentation.ON_VALUES
        if on_raw
        else bool(section.get("protection_par_defaut", False))
    )
    try:
        threshold = int(os.environ.get(ENV_THRESHOLD) or section.get("seuil", privacy.DEFAULT_THRESHOLD))
    except (TypeError, ValueError):
        threshold = privacy.DEFAULT_THRESHOLD
    return on, min(max(threshold, privacy.MIN_THRESHOLD), privacy.MAX_THRESHOLD)


def start_run(access: auth.Access, presenting: bool) -> None:
    """Record this run's role and mode (before anything is drawn)."""
    state = st.session_state
    state[_RUN] = state.get(_RUN, 0) + 1
    state[_ROLE] = access.role or auth.LECTURE
    state[_PRESENTATION] = presenting


def sidebar_settings(access: auth.Access, presenting: bool) -> None:
    """Presentation switch and privacy settings (sidebar outside presentation mode); sets the
    threshold and masking of this run. Protection is forced in presentation mode and for the
    lecture role, with at least the configured threshold."""
    state = st.session_state
    default_on, default_threshold = privacy_defaults()
    state.setdefault("_privacy_on_choice", default_on)
    state.setdefault("_privacy_threshold_choice", default_threshold)
    forced = presenting or access.role != auth.ANALYSTE
    if not presenting:
        with st.sidebar:
            st.markdown("**Affichage**")
            st.toggle(
                "Mode présentation",
                key="presentation_switch",
                on_change=_enter_presentation,
                help="Grands caractères, sans barre latérale ni réponse individuelle, petits groupes et "
                "données personnelles masqués. Gardé dans l'adresse (presentation=1) : préparez vos liens.",
            )
            if forced:
                st.caption(
                    f":material/shield: Protection des petits groupes (moins de {state['_privacy_threshold_choice']} "
                    "répondants) et des données personnelles : toujours active en accès lecture."
                )
            else:
                if "privacy_on" not in state:  # first run, or back from presentation mode
                    state["privacy_on"] = state["_privacy_on_choice"]
                on = st.toggle(
                    "Protéger les petits groupes et les données personnelles",
                    key="privacy_on",
                    help="Masque les nombres de répondants inférieurs au seuil, et les courriels, téléphones, "
                    "adresses et noms dans les textes. Toujours actif en mode présentation.",
                )
                state["_privacy_on_choice"] = on
                if on:
                    if "privacy_threshold_input" not in state:
                        state["privacy_threshold_input"] = state["_privacy_threshold_choice"]
                    state["_privacy_threshold_choice"] = st.number_input(
                        "Seuil des petits groupes (répondants)",
                        min_value=privacy.MIN_THRESHOLD,
                        max_value=privacy.MAX_THRESHOLD,
                        step=1,
                        key="privacy_threshold_input",
                    )
    chosen = int(state["_privacy_threshold_choice"])
    if forced:
        state[_THRESHOLD] = max(chosen, default_threshold)
        state[_MASK] = True
    else:
        state[_THRESHOLD] = chosen if state["_privacy_on_choice"] else None
        state[_MASK] = bool(state["_privacy_on_choice"])


def _enter_presentation() -> None:
    st.query_params[presentation.PARAM] = "1"


def page_chrome(presenting: bool) -> None:
    """The fixed stylesheet of presentation mode and the French document language."""
    if presenting:
        st.html(presentation.CSS)
    with st.sidebar:
        st.html(presentation.LANG_SCRIPT, unsafe_allow_javascript=True)


def refused_page(spec: navigation.PageSpec, message: str) -> Callable[[], None]:
    """A page drawn at ``spec``'s address instead of the real one, saying in French why."""

    def page() -> None:
        st.title(spec.title)
        st.warning(message, icon=":material/lock:")

    page.__name__ = f"refused_{spec.url_path.replace('-', '_')}"
    return page


def refusal_message(access_role: auth.Role | None, url_path: str, presenting: bool) -> str | None:
    """Why the page at ``url_path`` is not shown to this session, or None when it is."""
    if not auth.page_allowed(access_role, url_path):
        return (
            "Accès réservé aux analystes : cette page montre des réponses individuelles. "
            "Votre accès (lecture) permet de consulter les vues agrégées des autres pages."
        )
    if presenting and url_path in presentation.NOT_IN_PRESENTATION:
        return (
            "Cette page montre des réponses individuelles : elle n'est pas disponible en mode présentation. "
            "Quittez le mode présentation pour la consulter."
        )
    return None


def presentation_bar(pages: Mapping[str, st.Page], current_page: st.Page, filters: Filters) -> None:
    """In presentation mode, above the page: the parcours navigation (Précédent, position,
    Suivant, speaker note) when a parcours is followed, and the way out of presentation mode.

    Buttons, not links: Streamlit ignores a link to the page already shown, and two steps of a
    parcours are often on the same page with other filters."""
    parcours_by_id, _problems = presentation.load_parcours()
    wanted, number, problems = presentation.requested_step(st.query_params, _available(parcours_by_id, pages))
    problems = st.session_state.pop(_PARCOURS_PROBLEMS, None) or problems
    if wanted is None:
        _left, leave = st.columns([5, 2], vertical_alignment="center")
        exit_label = "Quitter le mode présentation"
    else:
        total = len(wanted.steps)
        step = wanted.steps[number - 1]
        back, where, forward, note, leave = st.columns([1.4, 5, 1.4, 1.2, 1.4], vertical_alignment="center")
        exit_label = "Quitter"
        with back:
            if st.button("Précédent", icon=":material/arrow_back:", key="parcours_previous", disabled=number == 1):
                _go_to_step(pages, wanted, number - 1)
        with where:
            st.markdown(f"**{number} / {total}** · {escape_markdown(step.title)}")
        with forward:
            if st.button("Suivant", icon=":material/arrow_forward:", key="parcours_next", disabled=number == total):
                _go_to_step(pages, wanted, number + 1)
        if step.note:
            with (
                note,
                st.popover(
                    "Note",
                    icon=":material/speaker_notes:",
                    help="Note pour l'intervenant : elle s'affiche sur l'écran partagé. La lire sur un second écran "
                    "(la même adresse ouverte dans un autre onglet), ou dans data/parcours.toml.",
                ),
            ):
                st.markdown(escape_markdown(step.note))
    with leave:
        if st.button(
            exit_label, icon=":material/close_fullscreen:", key="presentation_exit", help="Quitter le mode présentation"
        ):
            st.switch_page(current_page, query_params=filters.query_params())
    for problem in problems:
        st.warning(problem, icon=":material/warning:")


def _go_to_step(pages: Mapping[str, st.Page], parcours: presentation.Parcours, number: int) -> None:
    st.switch_page(
        pages[parcours.steps[number - 1].page], query_params=presentation.step_query_params(parcours, number)
    )


def _available(parcours_by_id: Mapping, pages: Mapping) -> dict:
    return {k: p.available(pages.keys()) for k, p in parcours_by_id.items()}


def follow_parcours(pages: Mapping[str, st.Page], current_url_path: str) -> None:
    """When the URL names a parcours step, make the page and the filters those of the step.

    A step is a saved view: opening ``?presentation=1&parcours=ID&etape=3`` anywhere shows the
    page and the filters of step 3 (switching page when needed)."""
    parcours_by_id, _problems = presentation.load_parcours()
    wanted, number, problems = presentation.requested_step(st.query_params, _available(parcours_by_id, pages))
    st.session_state[_PARCOURS_PROBLEMS] = problems  # said by presentation_bar, after the URL is corrected
    if wanted is None:
        return
    target = presentation.step_query_params(wanted, number)
    step = wanted.steps[number - 1]
    if step.page != current_url_path:
        st.switch_page(pages[step.page], query_params=target)
    step_filters = {k: ([v] if isinstance(v, str) else list(v)) for k, v in target.items() if k in GLOBAL_KEYS}
    if _raw_params(GLOBAL_KEYS) != step_filters or st.query_params.get(presentation.STEP_PARAM) != str(number):
        _write_url({k: v for k, v in target.items() if k in GLOBAL_KEYS}, GLOBAL_KEYS)
        st.query_params[presentation.STEP_PARAM] = str(number)
