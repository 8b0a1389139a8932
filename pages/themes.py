"""Thèmes: the six themes compared, then each question of one theme (closed: distribution and
crosstab by profile, sector or organisation type; open: volume, length, frequent terms, verbatims)."""

import polars as pl
import streamlit as st

from consultation import catalog, db, fr, stats, terms, ui
from consultation.charts import themes as charts

VERBATIM_COUNT = 3
TERM_COUNT = 12

vocab = catalog.vocabulary()
filters = ui.current_filters()
ui.page_header(
    "Thèmes",
    "Les six thèmes comparés, puis les réponses à chaque question d'un thème : qui répond quoi, et avec quels mots.",
    vocab,
)
params = filters.sql_params()
threshold = ui.privacy_threshold()
first = db.run_many({"comparison": ("theme_comparison", params), "mix": ("theme_profile_mix", params)})
comparison = first["comparison"]
ui.filter_sentence(filters, vocab, comparison["contribution_count"].sum())
if comparison["contribution_count"].sum() == 0:
    st.warning("Aucune contribution ne correspond à ces filtres.", icon=":material/filter_alt_off:")
    st.stop()

# --- The six themes compared -----------------------------------------------------------------------
st.subheader("Les six thèmes comparés")
shown = ui.protect(comparison, "respondent_count")
st.dataframe(
    shown.select(
        pl.col("label").alias("Thème"),
        pl.col("contribution_count_text").alias("Contributions"),
        pl.col("respondent_count_text").alias("Répondants"),
        pl.Series("Complètes", [fr.percent(v) for v in shown["completion_pct"].to_list()], dtype=pl.String),
        pl.Series(
            "Questions ouvertes remplies", [fr.percent(v) for v in shown["open_fill_pct"].to_list()], dtype=pl.String
        ),
        pl.col("answer_count_text").alias("Réponses"),
    ),
    hide_index=True,
    width="stretch",
)
st.caption(
    "Complètes : part des contributions envoyées en entier. Questions ouvertes remplies : part des "
    "questions ouvertes auxquelles les contributions du thème ont répondu (la recherche n'y change rien). "
    + ui.glossary_help("réponse")
)
mix = ui.protect(first["mix"], "respondent_count", group_by=["theme_id"])
biggest = mix.filter(pl.col("share_pct").is_not_null()).sort("share_pct", descending=True).row(0, named=True)
event = ui.chart(
    charts.profile_mix(mix),
    key="profile_mix",
    alt=f"Répartition des répondants de chaque thème par profil. Part la plus forte : {biggest['profile_label']} "
    f"en {biggest['theme_short_label']} ({fr.percent(biggest['share_pct'])}).",
    data=mix,
    columns={
        "theme_short_label": "Thème",
        "profile_label": "Profil",
        "respondent_count_text": "Répondants",
        "share_pct": "Part du thème (%)",
    },
    file_name="profils-par-theme",
    selectable=True,
    click_hint="Cliquer une barre ouvre les réponses.",
)
ui.drill_to_answers(
    event,
    lambda p: ui.query_params_for(filters.replace(themes=(p["customdata"][0],), profiles=(p["customdata"][1],))),
)

# --- One theme, question by question ---------------------------------------------------------------
st.subheader("Détail d'un thème")
themes = {r["theme_id"]: r["label"] for r in comparison.iter_rows(named=True)}
choices = {t: themes[t] for t in (filters.themes or themes)}
left, right = st.columns([3, 2])
with left:
    theme_id = ui.url_choice("Thème", choices, key="theme_page", default=next(iter(choices)))
with right:
    cross = ui.url_choice(
        "Croiser par", stats.CROSS_BY_LABELS, key="croiser", default="profil", segmented=True,
        help="Les réponses aux questions fermées sont croisées avec ce trait des répondants.",
    )  # fmt: skip
dimension = stats.CROSS_BY[cross]
theme = comparison.filter(pl.col("theme_id") == theme_id).row(0, named=True)
color = theme["color"]
st.markdown(
    f"**{ui.escape_markdown(theme['label'])}** : "
    f"{ui.count_label(theme['contribution_count'], respondents=theme['respondent_count'])} "
    f"{'contribution' if theme['contribution_count'] < 2 else 'contributions'}, "
    f"{fr.percent(theme['completion_pct'])} complètes."
)
if theme["contribution_count"] == 0:
    st.info("Aucune contribution à ce thème pour ces filtres.", icon=":material/info:")
    st.stop()

theme_params = {**params, "theme_id": theme_id}
questions = [(qid, q) for qid, q in vocab.questions.items() if q[0] == theme_id]
open_ids = [qid for qid, q in questions if q[2] == "open"]
jobs = {
    "crosstab": ("question_crosstab", {**theme_params, "dimension": dimension}),
    "open_stats": ("question_open_stats", theme_params),
    "terms": ("question_terms", {**theme_params, "excluded": list(terms.CONSULTATION_TERMS), "limit": TERM_COUNT}),
}
if open_ids and ui.can_see_answers():
    # Every open question's verbatims in one query ("Tirer d'autres verbatims" changes its seed).
    jobs["verbatims"] = (
        "question_verbatims",
        {
            **params,
            "question_id": None,
            "question_ids": open_ids,
            "seeds": [st.session_state.get(f"draws_{qid}", 0) for qid in open_ids],
            "limit": VERBATIM_COUNT,
        },
    )
found = db.run_many(jobs)  # side by side: the page waits for the slowest, not for the sum
open_stats, top_terms = found["open_stats"], found["terms"]
distribution = stats.distribution(found["crosstab"])  # the crosstab's groups added up
cells = stats.crosstab_cells(found["crosstab"])
verbatims = found.get("verbatims")
if verbatims is not None:  # the drawn réponses' texts, read by their keys (one small query)
    texts = catalog.verbatims(list(zip(verbatims["contribution_id"], verbatims["question_id"], strict=True)))


def closed_question(qid: str, label: str, kind: str) -> None:
    rows = distribution.filter(pl.col("question_id") == qid)
    answered = rows["answered_count"].max() or 0
    if answered == 0:
        st.caption("Personne n'a répondu à cette question avec ces filtres.")
        return
    n_text = ui.count_label(answered)
    note = f" Plusieurs choix possibles : le total dépasse {fr.percent(100)}." if kind == "multiple" else ""
    who = "répondant a" if answered < 2 and n_text == fr.integer(answered) else "répondants ont"
    st.caption(
        f"{n_text} {who} répondu ({fr.percent(100 * answered / theme['contribution_count'])} des "
        f"contributions). Parts des répondants à la question.{note}"
    )
    q_cells = cells.filter(pl.col("question_id") == qid)
    test = stats.question_test(q_cells, kind)
    shown_rows = ui.protect(rows, "respondent_count")
    # Each group's cells add up to its répondants, and each choice's cells to the distribution
    # shown beside: a hidden cell must not be found back by subtraction along either.
    shown_cells = stats.hide_suppressed(
        ui.protect(q_cells, "respondent_count", group_by=["group_code"], margins=[["choice"]]),
        "respondent_count",
        ("share_pct", "lift"),
    )
    difference = stats.clearest_difference(shown_cells, test, kind)  # never quotes a hidden cell
    top = shown_rows.sort("share_pct", descending=True, nulls_last=True).row(0, named=True)
    side_by_side = dimension == "profile"
    columns = st.columns([2, 3]) if side_by_side else (st.container(), st.container())
    with columns[0]:
        event = ui.chart(
            charts.distribution(shown_rows, color, kind),
            key=f"dist_{qid}",
            alt=f"Réponses à « {label} » : réponse la plus choisie « {top['choice']} » "
            f"({fr.percent(top['share_pct'])} des répondants).",
            data=shown_rows,
            columns={"choice": "Réponse", "respondent_count_text": "Répondants", "share_pct": "Part (%)"},
            file_name=f"reponses-{qid}",
            selectable=True,
        )
        ui.drill_to_answers(
            event,
            lambda p: ui.query_params_for(filters.replace(answer_question_id=qid, answer_choice=str(p["customdata"]))),
        )
    with columns[1]:
        event = ui.chart(
            charts.crosstab(shown_cells, color, dimension),
            key=f"cross_{qid}",
            alt=f"Réponses à « {label} » par {stats.DIMENSIONS[dimension][1]} : part de chaque groupe, et son "
            f"rapport à l'ensemble (×). Cases grises : moins de {stats.MIN_CELL} répondants, à ne pas interpréter.",
            data=shown_cells,
            columns={
                "group_label": stats.CROSS_BY_LABELS[cross],
                "choice": "Réponse",
                "respondent_count_text": "Répondants",
                "group_answered_count": "Répondants du groupe",
                "share_pct": "Part du groupe (%)",
                "overall_pct": "Part de l'ensemble (%)",
                "lift": "Rapport à l'ensemble",
            },
            file_name=f"croisement-{qid}-{cross}",
            selectable=True,
        )
        field = stats.DIMENSIONS[dimension][2]
        ui.drill_to_answers(
            event,
            lambda p: ui.query_params_for(
                filters.replace(
                    answer_question_id=qid, answer_choice=p["customdata"][0], **{field: (p["customdata"][1],)}
                )
            ),
        )
    if difference is not None:
        st.markdown(
            f":material/insights: **{ui.escape_markdown(stats.difference_sentence(difference, dimension, kind))}**"
        )
    st.caption(stats.test_sentence(test, dimension))


def draw_more(qid: str) -> None:
    st.session_state[f"draws_{qid}"] = st.session_state.get(f"draws_{qid}", 0) + 1


def open_question(qid: str, label: str) -> None:
    info = open_stats.filter(pl.col("question_id") == qid).row(0, named=True)
    if info["answer_count"] == 0:
        st.caption("Aucune réponse à cette question avec ces filtres.")
        return
    st.caption(
        f"{ui.count_label(info['answer_count'], respondents=info['answer_count'])} "
        f"{'réponse' if info['answer_count'] < 2 else 'réponses'} "
        f"({fr.percent(100 * info['answer_count'] / theme['contribution_count'])}"
        f" des contributions), {fr.integer(info['avg_words'])} mots en moyenne ({fr.integer(info['avg_chars'])} caractères)."
    )
    left, right = st.columns([2, 3])
    with left:
        # A term used by fewer réponses than the small-group threshold could point at someone.
        words = top_terms.filter((pl.col("question_id") == qid) & (pl.col("answer_count") >= (threshold or 0)))
        if words.height:
            event = ui.chart(
                charts.terms(words, color),
                key=f"terms_{qid}",
                alt=f"Mots les plus fréquents des réponses à « {label} » : "
                + ", ".join(words["label"].head(5).to_list())
                + ". "
                + terms.TERM_RULE,
                data=words,
                columns={
                    "label": "Mot",
                    "answer_count": "Réponses qui l'emploient",
                    "share_pct": "Part des réponses (%)",
                },
                file_name=f"mots-{qid}",
                selectable=True,
                click_hint="Cliquer un mot ouvre les réponses qui l'emploient.",
            )
            ui.drill_to_answers(
                event,
                lambda p: ui.query_params_for(filters.replace(question_id=qid, search=str(p["customdata"]))),
            )
    with right:
        if not ui.can_see_answers():
            ui.verbatim(None)  # says once why individual answers are not shown
            return
        picked = verbatims.filter(pl.col("question_id") == qid)
        st.markdown("**Verbatims tirés au hasard**")
        for row in picked.iter_rows(named=True):
            with st.container(border=True):
                ui.verbatim(texts[(row["contribution_id"], qid)]["text"])
                st.caption(f"{row['profile_label']} · {fr.day(row['day'])}")
        st.button(
            "Tirer d'autres verbatims", key=f"draw_{qid}", on_click=draw_more, args=(qid,), icon=":material/shuffle:"
        )
        if ui.answers_page_available():
            st.page_link(
                ui.ANSWERS_SCRIPT,
                label=f"Lire toutes les réponses à cette question ({fr.integer(info['answer_count'])})",
                icon=":material/list_alt:",
                query_params=ui.query_params_for(filters.replace(question_id=qid)),
            )


for number, (qid, (_theme, label, kind, _choices)) in enumerate(questions, start=1):
    st.markdown(f"#### {number}. {ui.escape_markdown(label)}")
    if kind == "open":
        open_question(qid, label)
    else:
        closed_question(qid, label, kind)
    st.divider()
