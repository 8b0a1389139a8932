"""Données: where the data comes from, how complete it is, what the words mean, and (for
analysts) the import of a real export, previewed before it is confirmed.

One tab is open at a time (only its content runs) and it is kept in the URL (?onglet=...).
The import tab is one separate section, shown only when ui.can_import() (analysts)."""

import polars as pl
import streamlit as st

from consultation import catalog, db, fr, reference, ui
from consultation.importers import FORMATS, upload
from consultation.importers import report as reports
from consultation.importers.kinds import KIND_LABELS, KINDS

TABS = ("Sources", "Qualité des données", "Définitions", "Importer un fichier")
COUNTS = {c: st.column_config.NumberColumn(format="localized") for c in reports.COUNT_HEADERS}

vocab = catalog.vocabulary()
filters = ui.current_filters()
ui.page_header("Données", "D'où viennent les données, sont-elles complètes, et que veulent dire les mots.", vocab)


def report_summary(report: dict) -> None:
    """File, counts and what to know about an import (texts from the file are escaped)."""
    st.markdown(ui.escape_markdown(reports.file_description(report)))
    ui.kpi_row(reports.counts(report))
    for line in reports.problems(report):
        st.markdown(f":material/info: {ui.escape_markdown(line)}")


def report_details(report: dict, key: str) -> None:
    """The rejected rows and the columns left out of an import."""
    rejected = reports.rejections_table(report)
    if rejected.height:
        st.markdown(f"**Lignes rejetées** ({fr.integer(report.get('rows_rejected', 0))})")
        st.dataframe(rejected, hide_index=True, width="stretch", key=f"{key}_rejected")
    dropped = reports.dropped_table(report)
    if dropped.height:
        st.markdown(f"**Colonnes non importées** ({fr.integer(dropped.height)}) : données personnelles, métadonnées")
        st.dataframe(dropped, hide_index=True, width="stretch", key=f"{key}_dropped")


def sources_section() -> None:
    sources = db.run("source_list")
    if catalog.is_demo():
        st.info(
            "La base contient la démonstration synthétique. Le premier import d'un export réel la remplace ; "
            "les imports suivants s'y ajoutent, un fichier (un thème) à la fois.",
            icon=":material/science:",
        )
    st.dataframe(
        reports.sources_table(sources),
        hide_index=True,
        width="stretch",
        column_config={
            "Fichier": st.column_config.TextColumn(width="medium"),
            "Importé le": st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm"),
            **COUNTS,
        },
    )
    for row in sources.filter(pl.col("format") != "demo").iter_rows(named=True):
        label = f"Rapport d'import : {ui.escape_markdown(row['file_name'])}"
        with st.expander(label, icon=":material/receipt_long:"):
            report = reports.load(row["report"])
            report_summary(report)
            report_details(report, key=f"source_{row['source_id']}")


def quality_section() -> None:
    params = filters.sql_params()
    summary = db.run("data_quality_summary", **params).row(0, named=True)
    ui.filter_sentence(filters, vocab, summary["contribution_count"])
    ui.kpi_row(
        [
            ("Contributions", fr.integer(summary["contribution_count"]), ui.glossary_help("contribution")),
            ("Incomplètes", fr.integer(summary["incomplete_count"]), "Non publiées, ou brouillons importés exprès."),
            ("Sans aucune réponse", fr.integer(summary["empty_contribution_count"]), "Contributions vides."),
            (
                "Contributions répétées",
                fr.integer(summary["repeat_contribution_count"]),
                "Contributions au-delà de la première d'un même répondant sur un même thème.",
            ),
        ]
    )
    if not summary["contribution_count"]:
        st.warning("Aucune contribution ne correspond à ces filtres.", icon=":material/filter_alt_off:")
        return
    st.markdown(reports.quality_sentence(summary))
    st.subheader("Réponses vides, question par question")
    st.caption(
        "Pour chaque question, les contributions filtrées de son thème qui n'y ont pas répondu. "
        "La recherche dans les textes ne s'applique pas à ce décompte."
    )
    st.dataframe(
        reports.quality_table(db.run("data_quality_questions", **params)),
        hide_index=True,
        width="stretch",
        column_config={
            "Thème": st.column_config.TextColumn(width="small"),
            "Question": st.column_config.TextColumn(width=320),
            "Part sans réponse": st.column_config.ProgressColumn(format="%.0f %%", min_value=0, max_value=100),
            **COUNTS,
        },
    )


def definitions_section() -> None:
    st.markdown("Chaque nombre du tableau de bord compte l'une de ces trois choses, partout de la même façon :")
    for word, definition in ui.GLOSSARY.items():
        st.markdown(f"- **{word.capitalize()}** : {definition}.")
    st.markdown(reports.MORE_DEFINITIONS)


def import_section() -> None:
    """Upload, preview, confirm. Nothing is written before the confirmation."""
    state = st.session_state
    done = state.pop(upload.STATE_DONE, None)
    if done is not None:
        st.success("Import réussi : toutes les pages montrent maintenant ces données.", icon=":material/task_alt:")
        report_summary(done)
        report_details(done, key="done")
    with st.container(border=True):
        st.markdown(
            "Exports acceptés : **Cap Collectif** (un questionnaire par fichier), **Grand Débat** (données "
            "ouvertes 2019), ou tout **tableau CSV ou Excel** à une ligne par contribution (LimeSurvey, "
            "Framaforms, Google Forms…). Rien n'est importé avant votre confirmation."
        )
        uploaded = st.file_uploader(
            "Fichier à importer",
            type=["csv", "txt", "tsv", "xlsx", "xls"],
            key=f"import_file_{state.get('_import_round', 0)}",  # a new key empties it after an import
            max_upload_size=200,
        )
        left, right = st.columns(2)
        theme = left.selectbox(
            "Thème du questionnaire",
            list(reference.THEME_IDS),
            index=None,
            format_func=lambda t: vocab.label("theme", t),
            placeholder="Choisir le thème",
            key="import_theme",
            help="Un export Cap Collectif contient un seul questionnaire : dites lequel.",
        )
        format_name = right.selectbox(
            "Format",
            [None, *FORMATS],
            format_func=lambda f: "Détection automatique" if f is None else FORMATS[f],
            key="import_format",
        )
        with st.expander("Options avancées", icon=":material/tune:"):
            mapping_file = st.file_uploader(
                "Fichier de correspondance (TOML)",
                type=["toml"],
                key="import_mapping",
                help="Nomme les colonnes d'un tableau générique (id, date, thème, profil…), corrige des valeurs "
                "et des types de questions. Modèle : consultation/importers/mapping.py.",
            )
            include_drafts = st.checkbox(
                "Importer aussi les brouillons (comme contributions incomplètes)", key="import_drafts"
            )
    if uploaded is None:
        upload.forget(state)
        return
    with st.spinner("Lecture du fichier…"):
        preview = upload.cached_preview(
            state,
            uploaded.getvalue(),
            uploaded.name,
            db.database_path(),
            theme=theme,
            format_name=format_name,
            mapping_text=mapping_file.getvalue() if mapping_file else None,
            include_drafts=include_drafts,
        )
    st.subheader("Aperçu de l'import")
    if preview.error:
        st.error(f"Ce fichier ne peut pas être importé. {ui.escape_markdown(preview.error)}", icon=":material/error:")
        return
    report_summary(preview.parsed.report)
    st.markdown("**Questions** : vérifiez le type deviné de chaque question ; la colonne Type se modifie.")
    edited = st.data_editor(
        reports.questions_table(preview.parsed.questions),
        hide_index=True,
        width="stretch",
        disabled=["Colonne", "Thème", "Question", "Origine", "Choix", "Réponses"],
        column_config={
            "Colonne": None,
            "Thème": st.column_config.TextColumn(width="small"),
            "Question": st.column_config.TextColumn(width=320),
            "Type": st.column_config.SelectboxColumn(
                options=list(KINDS), format_func=lambda k: KIND_LABELS[k], required=True, width="small"
            ),
            "Origine": st.column_config.TextColumn(width="small"),
            **COUNTS,
        },
        key=f"import_kinds_{preview.parsed.sha256[:12]}",
    )
    if upload.record_kinds(state, preview, pl.DataFrame(edited)):
        st.rerun()
    report_details(preview.parsed.report, key="preview")
    if preview.refusal:
        st.error(ui.escape_markdown(preview.refusal), icon=":material/block:")
    confirmed = st.button(
        "Confirmer l'import",
        type="primary",
        icon=":material/upload:",
        disabled=not preview.can_confirm,
        key="import_confirm",
    )
    if confirmed:
        with st.spinner("Import en cours : construction de la nouvelle base…"):
            report, error = upload.confirm_upload(preview, db.database_path())
        if error:
            st.error(f"Import refusé : {ui.escape_markdown(error)} La base n'a pas changé.", icon=":material/error:")
            return
        upload.forget(state)
        state[upload.STATE_DONE] = report
        state["_import_round"] = state.get("_import_round", 0) + 1
        st.rerun()


sources_tab, quality_tab, words_tab, import_tab = st.tabs(list(TABS), key="onglet", bind="query-params")
with sources_tab:
    if sources_tab.open:
        sources_section()
with quality_tab:
    if quality_tab.open:
        quality_section()
with words_tab:
    if words_tab.open:
        definitions_section()
with import_tab:
    if import_tab.open:
        if ui.can_import():
            import_section()
        else:
            st.info("L'import de fichiers est réservé aux analystes.", icon=":material/lock:")
