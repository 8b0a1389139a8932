"""Streamlit components of the Réponses page (pages/answers.py).

The page's own state lives in the URL like the global filters: question, complet,
choix_question, choix (filters), tri, taille, page, affichage (the list), contribution or
repondant (a drill-down). At the start of a session, when a link brings other values, or when
the widgets were not drawn on the last run (after a drill-down), the URL seeds the widgets;
afterwards the widgets are the truth and the URL is rewritten to match.

Answer texts are untrusted: they are shown with ui.verbatim (plain text), in st.dataframe cells
(plain text), or as fully escaped Markdown with highlighted matches (answers.highlight_markdown).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import datetime

import polars as pl
import streamlit as st

from consultation import answers, catalog, db, export, export_job, fr, ui
from consultation.answers import FILTER_KEYS, LIST_KEYS, ListState
from consultation.filters import Filters, Vocabulary, from_query_params
from consultation.search import parse_query

PAGE = "pages/answers.py"
EXPORT_MAX_ROWS = 1_000_000  # an XLSX sheet holds 1 048 576 rows; a bigger CSV would not open either

_SYNCED = "_answers_synced"
_SIGNATURE = "_answers_signature"
_URL_PAGE = "_answers_url_page"
_EXPORT = "_answers_export"
W_QUESTION, W_COMPLETE, W_CHOICE_QUESTION, W_CHOICE = "a_question", "a_complet", "a_choix_question", "a_choix"
W_SORT, W_SIZE, W_VIEW, W_PAGE = "a_tri", "a_taille", "a_affichage", "a_page"
_WIDGETS = (W_QUESTION, W_COMPLETE, W_CHOICE_QUESTION, W_CHOICE, W_SORT, W_SIZE, W_VIEW)
_COMPLETE = {"toutes": "Toutes", "oui": "Complètes", "non": "Incomplètes"}
_AUTO_VIEW = "auto"


def esc(text: object) -> str:
    """Any value shown inside Markdown (labels, identifiers, user input): escaped."""
    return answers.escape_markdown(str(text))


# --- URL state ---


def _url(keys) -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in keys if k in st.query_params}


def url_filters(base: Filters, vocab: Vocabulary) -> tuple[Filters, ListState, list[str]]:
    """The page's filters and list state read from the URL alone (drill-down views)."""
    raw = _url((*FILTER_KEYS, *LIST_KEYS))
    extra, problems = from_query_params({k: v for k, v in raw.items() if k in FILTER_KEYS}, vocab)
    state, list_problems = answers.parse_list_params(raw)
    return _combine(base, extra), state, problems + list_problems


def _combine(base: Filters, extra: Filters) -> Filters:
    return base.replace(
        question_id=extra.question_id,
        complete=extra.complete,
        answer_question_id=extra.answer_question_id,
        answer_choice=extra.answer_choice,
    )


def seed_from_url(vocab: Vocabulary) -> tuple[bool, list[str]]:
    """Seed the page's widgets from the URL when needed: (whether it did, what was ignored)."""
    state = st.session_state
    raw = _url((*FILTER_KEYS, *LIST_KEYS))
    if state.get(_SYNCED) == raw and all(k in state for k in _WIDGETS):
        return False, []
    extra, problems = from_query_params({k: v for k, v in raw.items() if k in FILTER_KEYS}, vocab)
    list_state, list_problems = answers.parse_list_params(raw)
    state[W_QUESTION] = extra.question_id or ""
    state[W_COMPLETE] = {None: "toutes", True: "oui", False: "non"}[extra.complete]
    state[W_CHOICE_QUESTION] = extra.answer_question_id or ""
    state[W_CHOICE] = extra.answer_choice or ""
    state[W_SORT] = list_state.sort
    state[W_SIZE] = list_state.page_size
    state[W_VIEW] = list_state.view or _AUTO_VIEW
    state[_URL_PAGE] = list_state.page
    return True, problems + list_problems


def write_url(filters: Filters, list_state: ListState) -> None:
    """Make the URL's page keys say ``filters`` (page part) and ``list_state``; drop drill-downs."""
    wanted = {k: v for k, v in filters.query_params().items() if k in FILTER_KEYS}
    wanted.update(list_state.query_params())
    normalised = {k: [v] if isinstance(v, str) else list(v) for k, v in wanted.items()}
    owned = (*FILTER_KEYS, *LIST_KEYS, answers.CONTRIBUTION_KEY, answers.RESPONDENT_KEY)
    kept = {key: st.query_params.get_all(key) for key in st.query_params if key not in owned}
    st.query_params.from_dict({**kept, **wanted})  # always sent: see sync_browser_url
    st.session_state[_SYNCED] = normalised


def sync_browser_url() -> None:
    """Send this run's query params back to the browser.

    A link to the page being shown (st.page_link to pages/answers.py from pages/answers.py)
    reruns it with the link's params, but Streamlit's frontend only rewrites the address bar
    when the page changes: without this, the address would still say the list after opening a
    contribution, and could not be copied and shared. The browser adds a history entry only
    when the address differs, so the back button goes back to the list."""
    st.query_params.from_dict({key: st.query_params.get_all(key) for key in st.query_params})


def link_params(filters: Filters, list_state: ListState, **extra: str) -> dict[str, str | list[str]]:
    """Query params of a link that keeps every filter and the list state."""
    return {**ui.query_params_for(filters), **list_state.query_params(), **extra}


def show_problems(problems: list[str]) -> None:
    for problem in problems:
        st.warning(esc(problem), icon=":material/warning:")


# --- List view ---


def refine(base: Filters, vocab: Vocabulary) -> Filters:
    """The page's own filters (question, completeness, an answer to a closed question)."""
    state = st.session_state
    themes = set(base.themes)
    questions = {
        qid: info for qid, info in vocab.questions.items() if not themes or info[0] in themes
    }  # qid -> (theme_id, label, kind, choices)
    closed = {qid: info for qid, info in questions.items() if info[2] != "open" and info[3]}
    if state.get(W_QUESTION) not in ("", *questions):
        state[W_QUESTION] = ""
    if state.get(W_CHOICE_QUESTION) not in ("", *closed):
        state[W_CHOICE_QUESTION] = ""
    choice_question = state.get(W_CHOICE_QUESTION, "")
    choices = list(closed[choice_question][3]) if choice_question else []
    if choices and state.get(W_CHOICE) not in choices:
        state[W_CHOICE] = choices[0]

    def question_label(qid: str, empty: str) -> str:
        if not qid:
            return empty
        theme_id, label, _kind, _choices = vocab.questions[qid]
        position = _question_position(vocab, qid)
        return f"{vocab.label('theme', theme_id)} · Q{position}. {label}"

    active = any(state.get(k) not in ("", None, "toutes") for k in (W_QUESTION, W_COMPLETE, W_CHOICE_QUESTION))
    with st.expander(
        "Affiner : une question, les contributions complètes ou non, une réponse à une question fermée",
        icon=":material/tune:",
        expanded=active,
    ):
        top_left, top_right = st.columns([3, 2])
        top_left.selectbox(
            "Question",
            ["", *questions],
            key=W_QUESTION,
            format_func=lambda q: question_label(q, "Toutes les questions"),
            help="Ne garder que les réponses à cette question.",
        )
        top_right.segmented_control(
            "Contributions",
            list(_COMPLETE),
            key=W_COMPLETE,
            format_func=_COMPLETE.get,
            required=True,
            help="Une contribution incomplète n'a pas été menée jusqu'au bout du questionnaire.",
        )
        bottom_left, bottom_right = st.columns([3, 2])
        bottom_left.selectbox(
            "Contributions ayant répondu à une question fermée…",
            ["", *closed],
            key=W_CHOICE_QUESTION,
            format_func=lambda q: question_label(q, "Toutes"),
            help="Par exemple : les répondants qui ont répondu « Oui » à « Utilisez-vous des outils d'intelligence "
            "artificielle dans votre activité ? ».",
        )
        bottom_right.selectbox(
            "…par la réponse",
            choices or [""],
            key=W_CHOICE,
            disabled=not choices,
            format_func=lambda c: c or "choisir d'abord une question",
        )
    complete = {"toutes": None, "oui": True, "non": False}[state.get(W_COMPLETE) or "toutes"]
    choice = state.get(W_CHOICE) if choice_question else None
    return base.replace(
        question_id=state.get(W_QUESTION) or None,
        complete=complete,
        answer_question_id=choice_question or None,
        answer_choice=choice or None,
    )


def counts_line(counts: Mapping[str, int]) -> None:
    """How many réponses, contributions and répondants the filtered list holds, on one line."""
    respondents = counts["respondent_count"]
    st.markdown(
        f"Réponses : **{ui.count_label(counts['answer_count'], respondents=respondents)}** · "
        f"Contributions : **{ui.count_label(counts['contribution_count'], respondents=respondents)}** · "
        f"Répondants : **{ui.count_label(respondents)}**",
        help=" ".join(ui.glossary_help(word) for word in ("réponse", "contribution", "répondant")),
    )


def _question_position(vocab: Vocabulary, question_id: str) -> int:
    theme_id = vocab.questions[question_id][0]
    same_theme = [q for q, info in vocab.questions.items() if info[0] == theme_id]
    return same_theme.index(question_id) + 1


def list_controls() -> ListState:
    """Sort, page size and display mode, in one row."""
    sort_col, size_col, view_col = st.columns([3, 2, 2])
    with sort_col:
        st.selectbox("Trier par", list(answers.SORTS), key=W_SORT, format_func=answers.SORTS.get)
    with size_col:
        st.segmented_control("Réponses par page", list(answers.PAGE_SIZES), key=W_SIZE, required=True)
    with view_col:
        st.segmented_control(
            "Affichage",
            [_AUTO_VIEW, *answers.VIEWS],
            key=W_VIEW,
            required=True,
            format_func=lambda v: {_AUTO_VIEW: "Auto", **answers.VIEWS}[v],
            help="Tableau : une ligne par réponse. Lecture : les réponses les unes sous les autres, les mots "
            "cherchés surlignés. Auto : lecture pendant une recherche, tableau sinon.",
        )
    state = st.session_state
    view = state.get(W_VIEW)
    return ListState(
        sort=state.get(W_SORT) or answers.DEFAULT_SORT,
        page_size=state.get(W_SIZE) or answers.DEFAULT_PAGE_SIZE,
        view=view if view in answers.VIEWS else None,
    )


def current_page(seeded: bool, signature: tuple, total: int, page_size: int) -> tuple[int, str | None]:
    """The page to show: the URL's after a seed, the first after a change of filters or sort,
    otherwise the pager's; clamped to the pages that exist."""
    state = st.session_state
    if seeded:
        page = state.pop(_URL_PAGE, 1)
    elif state.get(_SIGNATURE) != signature:
        page = 1
    else:
        page = state.get(W_PAGE, 1)
    state[_SIGNATURE] = signature
    page, problem = answers.clamp_page(page, total, page_size)
    state[W_PAGE] = page
    return page, problem


def pager(total: int, list_state: ListState) -> None:
    left, right = st.columns([1, 1], vertical_alignment="center")
    left.caption(answers.row_range(list_state, total))
    with right, st.container(horizontal_alignment="right"):
        st.pagination(answers.page_count(total, list_state.page_size), key=W_PAGE, max_visible_pages=7)


def results(rows: pl.DataFrame, filters: Filters, list_state: ListState) -> None:
    """One page of réponses, as a table or as a reading list."""
    terms = parse_query(filters.search)
    if list_state.shown_view(bool(terms)) == "lecture":
        reading_list(rows, filters, list_state, terms)
    else:
        table(rows, filters, list_state, terms)


def _value(row: Mapping) -> str:
    """The réponse as text, personal data masked when protection is on."""
    if row["text"] is not None:
        return ui.safe_text(row["text"])
    return answers.answer_value(None, row["choices"], row["number"])


def table(rows: pl.DataFrame, filters: Filters, list_state: ListState, terms: list[str]) -> None:
    ids = rows["contribution_id"].to_list()
    data = pl.DataFrame(
        {
            "contribution": ids,
            "date": rows["submitted_at"],
            "theme": rows["theme_label"],
            "profile": rows["profile_label"],
            "region": rows["region_label"],
            "question": [
                f"Q{p}. {label}" for p, label in zip(rows["question_position"], rows["question_label"], strict=True)
            ],
            "answer": [answers.excerpt(_value(r), terms) for r in rows.iter_rows(named=True)],
        },
        schema_overrides={"date": pl.Datetime("us")},
    )
    st.dataframe(
        data,
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * max(data.height, 1), 38 + 35 * 25),
        column_order=["contribution", "date", "theme", "question", "answer", "profile", "region"],
        column_config={
            "contribution": st.column_config.ButtonColumn(
                "Contribution",
                type="tertiary",
                help="Ouvrir la contribution en entier",
                on_click=_open_clicked_row,
                args=(ids, link_params(filters, list_state)),
                key="a_open",
                width=100,
                pinned=True,
            ),
            "date": st.column_config.DatetimeColumn("Date", format="DD/MM/YYYY HH:mm", width=125),
            "theme": st.column_config.TextColumn("Thème", width=105),
            "question": st.column_config.TextColumn("Question", width=230),
            "answer": st.column_config.TextColumn("Réponse (extrait)", width=430),
            "profile": st.column_config.TextColumn("Profil", width=170),
            "region": st.column_config.TextColumn("Région", width=150),
        },
    )
    st.caption(
        "Cliquez sur l'identifiant d'une contribution pour la lire en entier. "
        + ("Le mode Lecture montre les mots cherchés surlignés." if terms else "")
    )


def _open_clicked_row(ids: list[str], params: dict) -> None:
    click = st.session_state.get("a_open")
    if click is None:
        return
    row = click["row"]
    if isinstance(row, int) and 0 <= row < len(ids):
        st.query_params.from_dict({**params, answers.CONTRIBUTION_KEY: ids[row]})


def reading_list(rows: pl.DataFrame, filters: Filters, list_state: ListState, terms: list[str]) -> None:
    for row in rows.iter_rows(named=True):
        with st.container(border=True):
            st.caption(
                " · ".join(
                    esc(x)
                    for x in (
                        fr.timestamp(row["submitted_at"]),
                        row["theme_label"],
                        row["profile_label"],
                        row["region_label"],
                        f"contribution {row['contribution_id']}",
                    )
                )
            )
            st.markdown(f"**Q{row['question_position']}\\. {esc(row['question_label'])}**")
            value = _value(row)
            if terms and row["text"] is not None:
                st.markdown(answers.highlight_markdown(answers.excerpt(value, terms, 600), terms))
            else:
                ui.verbatim(answers.excerpt(value, (), 600))
            st.page_link(
                PAGE,
                label="Lire la contribution en entier",
                icon=":material/open_in_full:",
                query_params=link_params(filters, list_state, contribution=row["contribution_id"]),
            )


# --- Export ---


def export_panel(filters: Filters, vocab: Vocabulary, counts: Mapping[str, int]) -> None:
    """Build the file of exactly the filtered list when asked, then offer it for download."""
    if not ui.can_export_answers():
        return
    with st.expander(
        f"Exporter la liste : {fr.plural(counts['answer_count'], 'réponse')} (CSV ou Excel)", icon=":material/download:"
    ):
        left, right = st.columns(2)
        granularity = left.radio(
            "Une ligne par",
            ["reponse", "contribution"],
            format_func={
                "reponse": f"réponse ({fr.integer(counts['answer_count'])} lignes)",
                "contribution": f"contribution ({fr.integer(counts['contribution_count'])} lignes, "
                "une colonne par question)",
            }.get,
            key="a_export_rows",
        )
        file_format = right.radio(
            "Format",
            ["csv", "xlsx"],
            format_func={"csv": "CSV pour Excel (séparateur « ; »)", "xlsx": "Classeur Excel (.xlsx)"}.get,
            key="a_export_format",
        )
        rows = counts["answer_count"] if granularity == "reponse" else counts["contribution_count"]
        st.caption(
            "Le fichier contient exactement la liste filtrée. Une ligne par contribution : toutes ses réponses, "
            "une colonne par question dans l'ordre du questionnaire, préfixée par le thème quand plusieurs "
            "thèmes sont exportés. Les cellules qui commencent par =, +, - ou @ sont précédées d'une apostrophe."
        )
        wanted = (filters, granularity, file_format, ui.masking_pii(), db.database_version())
        if rows == 0:
            st.info("Rien à exporter pour ces filtres.", icon=":material/info:")
            return
        if rows > EXPORT_MAX_ROWS:
            st.warning(
                f"{fr.integer(rows)} lignes : c'est plus qu'un tableur ne peut en ouvrir "
                f"({fr.integer(EXPORT_MAX_ROWS)} au plus). Affinez les filtres pour exporter.",
                icon=":material/warning:",
            )
            return
        if st.button("Préparer l'export", icon=":material/build:", key="a_export_prepare"):
            with st.spinner(f"Préparation de {fr.plural(rows, 'ligne')}…", show_time=True):
                started = time.perf_counter()
                try:
                    data, name, height = build_export(filters, vocab, granularity, file_format, datetime.now(), rows)
                except export_job.DatabaseChanged:
                    st.warning(
                        "Les données ont été mises à jour pendant la préparation de l'export : cliquez de nouveau "
                        "sur « Préparer l'export » pour exporter les nouvelles.",
                        icon=":material/sync_problem:",
                    )
                    return
                except export_job.ExportFailed:
                    st.error(
                        "La préparation de l'export a échoué. Réessayez ; si l'échec se répète, affinez les filtres "
                        "pour exporter moins de lignes.",
                        icon=":material/error:",
                    )
                    return
                st.session_state[_EXPORT] = (wanted, data, name, height, time.perf_counter() - started)
        prepared = st.session_state.get(_EXPORT)
        if prepared and prepared[0] == wanted:
            _wanted, data, name, height, seconds = prepared
            st.download_button(
                f"Télécharger {name}",
                data,
                file_name=name,
                mime="text/csv" if file_format == "csv" else XLSX_MIME,
                icon=":material/download:",
                type="primary",
                on_click="ignore",
                key="a_export_download",
            )
            st.caption(
                f"{fr.plural(height, 'ligne')}, {fr.decimal(len(data) / 1e6)} Mo, préparé en {fr.decimal(seconds)} s."
            )


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def build_export(
    filters: Filters, vocab: Vocabulary, granularity: str, file_format: str, now: datetime, rows: int = 0
) -> tuple[bytes, str, int]:
    """(file bytes, file name, data rows) of the filtered list; built in a child process from
    ``rows`` rows (export_job.APART_FROM_ROWS), so a long export holds up no other session."""
    if granularity == "contribution":
        kind, sheet, what = (
            "contributions",
            "Contributions",
            "une contribution (toutes ses réponses, une colonne par question)",
        )
    else:
        kind, sheet, what = "reponses", "Réponses", "une réponse (réponse non vide à une question)"
    description = filters.describe(vocab)
    info = catalog.database_info()
    about = (
        ("Consultation", "Stratégie numérique culturelle du ministère de la Culture (2023)"),
        ("Filtres", description),
        ("Une ligne", what),
        (export_job.ROWS_LINE, ""),  # the file's row count, filled in by the build
        ("Exporté le", fr.timestamp(now)),
        ("Source", info.get("source", "")),
        ("Données", "synthétiques (démonstration)" if info.get("is_demo") == "true" else "importées"),
        *((word.capitalize(), definition) for word, definition in ui.GLOSSARY.items()),
    )
    job = export_job.ExportJob(
        path=str(db.database_path().resolve()),
        version=db.database_version(),
        params=filters.sql_params(),
        granularity=granularity,
        file_format=file_format,
        mask_pii=ui.masking_pii(),
        sheet=sheet,
        about=about,
    )
    build = export_job.build_apart if rows >= export_job.APART_FROM_ROWS else export_job.build
    data, height = build(job)
    return data, export.file_name(kind, description, now, file_format), height


# --- One contribution ---


def back_link(filters: Filters, list_state: ListState) -> None:
    st.page_link(
        PAGE, label="Retour à la liste", icon=":material/arrow_back:", query_params=link_params(filters, list_state)
    )


def contribution_view(contribution_id: str, filters: Filters, list_state: ListState, vocab: Vocabulary) -> None:
    detail = db.run("contribution_detail", contribution_id=contribution_id)
    if detail.height == 0:
        st.error(
            f"Aucune contribution n'a l'identifiant « {esc(answers.clip(contribution_id))} ».",
            icon=":material/search_off:",
        )
        return
    info = detail.row(0, named=True)
    st.markdown(
        f":material/topic: **{esc(info['theme_label'])}** · {esc(fr.timestamp(info['submitted_at']))} · "
        + ("contribution complète" if info["is_complete"] else ":orange[contribution incomplète]")
        + f" · {fr.plural(info['answer_count'], 'réponse')}"
    )
    neighbours(contribution_id, filters, list_state)
    respondent_card(info, filters, list_state)

    terms = parse_query(filters.search)
    st.subheader("Questions et réponses")
    for q in db.run("contribution_answers", contribution_id=contribution_id).iter_rows(named=True):
        st.markdown(f"**Q{q['position']}\\. {esc(q['label'])}**")
        if not q["is_answered"]:
            st.caption("*sans réponse*")
            continue
        value = _value(q)
        if terms and q["text"] is not None and answers.match_spans(value, terms):
            st.markdown(answers.highlight_markdown(value, terms))
        else:
            ui.verbatim(value)

    others = db.run("respondent_contributions", respondent_id=info["respondent_id"], **filters.sql_params())
    others = others.filter(pl.col("contribution_id") != contribution_id)
    st.subheader("Autres contributions de ce répondant")
    if others.height == 0:
        st.caption("Ce répondant n'a pas rempli d'autre questionnaire.")
    else:
        contribution_links(others, filters, list_state)


def neighbours(contribution_id: str, filters: Filters, list_state: ListState) -> None:
    """Previous / next contribution within the current filtered list, and the position in it."""
    sort = answers.contribution_sort(list_state.sort)
    found = db.run("contribution_neighbours", contribution_id=contribution_id, sort=sort, **filters.sql_params())
    back, prev_col, position, next_col = st.columns([2, 2, 3, 2], vertical_alignment="center")
    with back:
        back_link(filters, list_state)
    if found.height == 0:
        with position:
            st.caption("Cette contribution ne fait pas partie de la liste filtrée.")
        return
    row = found.row(0, named=True)
    with position:
        st.caption(
            f"Contribution {fr.integer(row['position'])} sur {fr.integer(row['total'])} de la liste filtrée"
            f" ({answers.SORTS[sort].lower()})"
        )
    for column, target, label, icon in (
        (prev_col, row["previous_id"], "Contribution précédente", ":material/chevron_left:"),
        (next_col, row["next_id"], "Contribution suivante", ":material/chevron_right:"),
    ):
        with column:
            if target is None:
                st.caption(label + " : aucune")
            else:
                st.page_link(
                    PAGE, label=label, icon=icon, query_params=link_params(filters, list_state, contribution=target)
                )


def respondent_card(info: Mapping, filters: Filters, list_state: ListState) -> None:
    with st.container(border=True):
        cols = st.columns(4)
        for column, (label, value) in zip(
            cols,
            (
                ("Profil", info["profile_label"]),
                ("Secteur", info["sector_label"]),
                ("Organisation", info["organisation_label"]),
                ("Région", info["region_label"]),
            ),
            strict=True,
        ):
            column.caption(label)
            column.markdown(esc(value or "–"))
        st.page_link(
            PAGE,
            label=f"Répondant {esc(info['respondent_id'])} : toutes ses contributions",
            icon=":material/person:",
            query_params=link_params(filters, list_state, repondant=info["respondent_id"]),
        )


def contribution_links(rows: pl.DataFrame, filters: Filters, list_state: ListState) -> None:
    """One line a contribution: date, theme, completeness, réponses, whether it passes the filters."""
    for row in rows.iter_rows(named=True):
        with st.container(border=True):
            left, right = st.columns([4, 2], vertical_alignment="center")
            left.markdown(
                f"**{esc(row['theme_label'])}** · {esc(fr.timestamp(row['submitted_at']))} · "
                f"{fr.plural(row['answer_count'], 'réponse')}"
                + ("" if row["is_complete"] else " · :orange[incomplète]")
                + ("" if row["matches_filters"] else " · :grey[hors des filtres actuels]")
            )
            with right:
                st.page_link(
                    PAGE,
                    label=f"Ouvrir la contribution {esc(row['contribution_id'])}",
                    icon=":material/open_in_full:",
                    query_params=link_params(filters, list_state, contribution=row["contribution_id"]),
                )


# --- One respondent ---


def respondent_view(respondent_id: str, filters: Filters, list_state: ListState) -> None:
    back_link(filters, list_state)
    detail = db.run("respondent_detail", respondent_id=respondent_id)
    if detail.height == 0:
        st.error(
            f"Aucun répondant n'a l'identifiant « {esc(answers.clip(respondent_id))} ».", icon=":material/search_off:"
        )
        return
    info = detail.row(0, named=True)
    rows = db.run("respondent_contributions", respondent_id=respondent_id, **filters.sql_params())
    matching = int(rows["matches_filters"].sum())
    with st.container(border=True):
        cols = st.columns(4)
        for column, (label, value) in zip(
            cols,
            (
                ("Profil", info["profile_label"]),
                ("Secteur", info["sector_label"]),
                ("Organisation", info["organisation_label"]),
                ("Région", info["region_label"]),
            ),
            strict=True,
        ):
            column.caption(label)
            column.markdown(esc(value or "–"))
    st.subheader(f"{fr.plural(info['contribution_count'], 'contribution').capitalize()}")
    if not filters.is_empty():
        st.caption(f"dont {fr.integer(matching)} dans la liste filtrée.")
    contribution_links(rows, filters, list_state)
