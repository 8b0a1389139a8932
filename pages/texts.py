"""Textes: understand thousands of open answers without reading them all.

Word cloud of the most used terms, terms that distinguish two groups, recurring topics with
typical answers, and campaigns of near-identical answers. Every setting is in the URL.
"""

import polars as pl
import streamlit as st

from consultation import catalog, db, fr, text_controls, text_view, ui
from consultation.charts import texts as text_charts
from consultation.text_topics import MAX_TOPICS, MIN_TOPICS, profile_mix_frame

ANSWERS_PAGE = "pages/answers.py"
vocab = catalog.vocabulary()
filters = ui.current_filters()
ui.page_header(
    "Textes",
    "Ce que disent les réponses ouvertes sans les lire toutes : les mots les plus employés, ce qui distingue deux "
    "groupes, les sujets qui reviennent, et les campagnes de réponses identiques.",
    vocab,
)

events = db.run("events").filter(kind="webinar").unique("event_date", keep="first", maintain_order=True)
pivots = events["event_date"].to_list()
pivot_labels = dict(zip(pivots, events["label"].to_list(), strict=True))
for problem in text_controls.seed(vocab, filters.themes, pivots):
    st.warning(problem, icon=":material/warning:")
questions = text_controls.open_questions(vocab, filters.themes)
if st.session_state.get("t_question") not in ("", *questions):
    st.session_state["t_question"] = ""

st.selectbox(
    "Question ouverte",
    ["", *questions],
    key="t_question",
    format_func=lambda q: "Toutes les questions ouvertes" if not q else text_view.question_title(vocab, q),
)
left, right = st.columns([11, 9], vertical_alignment="bottom")
left.segmented_control(
    "Vue", list(text_controls.VIEWS), key="t_vue", format_func=text_controls.VIEWS.get, required=True
)
right.toggle(
    "Compter une campagne comme une seule voix",
    key="t_une_voix",
    help="Les réponses identiques ou presque à une même question (voir la vue « Campagnes ») comptent pour "
    "une seule réponse dans les mots, les termes distinctifs et les sujets.",
)
controls = text_controls.current(vocab)
scope = filters.replace(question_id=controls.question_id)
params = scope.sql_params()

jobs = {"summary": ("text_summary", {**params, "one_voice": controls.one_voice}), "counts": ("overview_kpis", params)}
if controls.view == "nuage":  # the cloud's terms too: at 1M the slowest of the three
    jobs["terms"] = text_view.cloud_query(scope, controls.one_voice)
found = db.run_many(jobs)  # side by side
summary = found["summary"].row(0, named=True)
counts = found["counts"].row(0, named=True)  # the same sentence as on every page
ui.filter_sentence(scope, vocab, counts["contribution_count"], counts["respondent_count"])
if summary["answer_count"] == 0:
    st.warning("Aucune réponse ouverte ne correspond à ces filtres.", icon=":material/filter_alt_off:")
    st.stop()
if ui.is_small_group(summary["respondent_count"]):
    st.info(
        f"Moins de {ui.privacy_threshold()} répondants : l'analyse des textes est masquée.", icon=":material/shield:"
    )
    st.stop()
ui.kpi_row(text_view.summary_kpis(summary, controls.one_voice))
link_params = ui.query_params_for(scope)

if controls.view == "nuage":
    terms = text_view.cloud_terms(found["terms"], ui.privacy_threshold())
    if terms.height == 0:
        st.info("Pas assez de mots pour dessiner un nuage avec ces filtres.", icon=":material/info:")
        st.stop()
    image, listing = st.columns([3, 2])
    alt = text_view.cloud_alt(terms, ui.describe(scope, vocab))
    image.image(text_view.cloud_png(terms, text_view.cloud_color(scope, vocab)), alt=alt, width="stretch")
    image.caption(ui.escape_markdown(text_view.CLOUD_NOTE))
    with listing:
        st.markdown("**Termes les plus employés** · nombre de réponses")
        if ui.answers_page_available():
            st.caption(
                "Cliquez sur un terme pour lire les réponses qui l'emploient, expressions comprises : "
                "la liste peut être plus longue que le nombre affiché."
            )
        for row in terms.head(text_view.LIST_TERMS).iter_rows(named=True):
            label = f"{ui.escape_markdown(row['label'])} · {fr.integer(row['answer_count'])}"
            if ui.answers_page_available():
                st.page_link(ANSWERS_PAGE, label=label, query_params={**link_params, "q": row["search"]})
            else:  # presentation mode or lecture role: the answers are not reachable
                st.markdown(label)
    text_view.data_expander(
        terms, {"label": "Terme", "answer_count": "Réponses", "occurrence_count": "Occurrences"}, "termes", "cloud"
    )

elif controls.view == "distinctifs":
    split_col, side_col = st.columns([2, 3])
    split_col.radio("Comparer", list(text_controls.SPLITS), key="t_comparer", format_func=text_controls.SPLITS.get)
    with side_col:
        text_controls.group_widgets(st.session_state.get("t_comparer", "profil"), vocab, pivots, pivot_labels)
    controls = text_controls.current(vocab)
    compared = text_view.comparison_filters(scope, controls.split)
    group_a, group_b, name_a, name_b = text_controls.sides(controls, vocab)
    split_params = dict(split=controls.split, group_a=list(group_a), group_b=list(group_b), pivot_date=controls.pivot)
    query = {**compared.sql_params(), **split_params, "one_voice": controls.one_voice}
    sizes = {r["side"]: r for r in db.run("text_group_sizes", **query).iter_rows(named=True)}
    problem = text_view.comparison_problem(sizes, name_a, name_b, ui.privacy_threshold())
    if problem:
        st.warning(problem, icon=":material/compare_arrows:")
        st.stop()
    table = text_view.distinctive(db.run("text_group_term_counts", **query), minimum=ui.privacy_threshold() or 0)
    st.markdown(f"**{ui.escape_markdown(text_view.comparison_title(sizes, name_a, name_b))}**")
    if table.height == 0:
        st.info("Aucun terme ne distingue nettement ces deux groupes.", icon=":material/balance:")
        st.stop()
    event = ui.chart(
        text_charts.distinctive_terms(table, name_a, name_b, text_view.side_color(controls, vocab)),
        key="distinctive",
        alt=text_view.distinctive_alt(table, name_a, name_b),
        data=table,
        columns={
            "label": "Terme",
            "z": "Score z",
            "delta": "Log-odds",
            "answer_count_a": f"Réponses : {name_a}",
            "answer_count_b": f"Réponses : {name_b}",
        },
        file_name="termes-distinctifs",
        selectable=True,
    )
    st.caption(ui.escape_markdown(text_view.LOG_ODDS_NOTE))
    clicked = text_view.clicked_term(event, table)
    if clicked is not None and ui.answers_page_available():
        side_params = text_view.side_link_params(ui.query_params_for(compared), controls, group_a, group_b, clicked)
        st.switch_page(ANSWERS_PAGE, query_params=side_params)

elif controls.view == "sujets":
    st.slider("Nombre de sujets", MIN_TOPICS, MAX_TOPICS, key="t_sujets")
    controls = text_controls.current(vocab)
    with st.spinner("Recherche des sujets…"):
        model = text_view.topic_model(scope, controls.one_voice, controls.topics)
    if model is None:
        st.info("Trop peu de réponses pour dégager des sujets avec ces filtres.", icon=":material/info:")
        st.stop()
    st.caption(ui.escape_markdown(text_view.topics_note(model, summary)))
    mix = ui.protect(profile_mix_frame(model, text_view.profile_labels(vocab)), "answer_count", group_by=["topic"])
    ui.chart(
        text_charts.topic_profiles(mix),
        key="topic_profiles",
        alt=text_view.topics_alt(model),
        data=mix,
        columns={
            "topic_label": "Sujet",
            "profile_label": "Profil",
            "answer_count": "Réponses",
            "share_pct": "Part (%)",
        },
        file_name="sujets-par-profil",
    )
    examples = catalog.verbatims([key for topic in model.topics for key in topic.examples])
    for topic in model.topics:
        with st.expander(text_view.topic_title(topic, model), expanded=topic.number == 1):
            st.caption(ui.escape_markdown("Termes : " + ", ".join(topic.terms)))
            for key in topic.examples:
                row = examples.get(key)
                if row:
                    st.caption(f"{ui.escape_markdown(row['profile_label'])} · {fr.day(row['day'])}")
                    ui.verbatim(row["text"])

else:
    groups = db.run("text_duplicate_groups", **params, min_size=text_view.MIN_GROUP_SIZE, limit=50)
    st.caption(ui.escape_markdown(text_view.CAMPAIGN_NOTE))
    if groups.height == 0:
        st.success("Aucun groupe de réponses identiques ou presque avec ces filtres.", icon=":material/check_circle:")
        st.stop()
    # A group written by fewer répondants than the privacy threshold could point at them: with
    # protection on, it is counted here but neither listed nor charted.
    small = pl.Series([ui.is_small_group(n) for n in groups["respondent_count"]], dtype=pl.Boolean)
    if small.any():
        n_small = int(small.sum())
        st.caption(
            f":material/shield: {fr.plural(n_small, 'groupe')} de moins de {ui.privacy_threshold()} répondants "
            f"{'n’est pas détaillé' if n_small == 1 else 'ne sont pas détaillés'}, pour qu'aucun petit groupe ne "
            "soit reconnaissable."
        )
        groups = groups.filter(~small)
        if groups.height == 0:
            st.stop()
    table = text_view.campaign_table(groups, vocab)
    st.dataframe(table, hide_index=True, width="stretch", column_config=text_view.CAMPAIGN_COLUMNS)
    days = db.run("text_duplicate_days", **params, group_ids=groups["group_id"].head(3).to_list())
    shown = groups.head(3)
    examples = catalog.verbatims(list(zip(shown["example_contribution_id"], shown["question_id"], strict=True)))
    for row in groups.head(3).iter_rows(named=True):
        with st.expander(text_view.campaign_title(row, vocab), expanded=row["group_id"] == groups["group_id"][0]):
            group_days = days.filter(group_id=row["group_id"])
            ui.chart(
                text_charts.campaign_days(group_days, text_view.theme_color(row["theme_id"])),
                key=f"campaign_{row['group_id']}",
                alt=text_view.campaign_alt(row, group_days),
                data=group_days,
                columns={"day": "Jour", "answer_count": "Réponses"},
                file_name=f"campagne-{row['group_id']}",
            )
            st.caption("Exemple (la première réponse du groupe) :")
            ui.verbatim(examples[(row["example_contribution_id"], row["question_id"])]["text"])
            if ui.show_ids():
                st.page_link(
                    ANSWERS_PAGE,
                    label="Voir cette contribution",
                    icon=":material/open_in_new:",
                    query_params={**link_params, "contribution": row["example_contribution_id"]},
                )
