"""Vue d'ensemble: how many répondants, contributions and réponses; which themes; who; when."""

import streamlit as st

from consultation import catalog, db, fr, ui
from consultation.charts import overview as overview_charts

vocab = catalog.vocabulary()
filters = ui.current_filters()
ui.page_header("Vue d'ensemble", "Combien de répondants et de contributions, sur quels thèmes, qui, et quand.", vocab)

params = filters.sql_params()
kpis = db.run("overview_kpis", **params).row(0, named=True)
sentence = filters.describe(vocab, kpis["contribution_count"])
ui.filter_sentence(filters, vocab, kpis["contribution_count"])
ui.kpi_row(
    [
        ("Répondants", fr.integer(kpis["respondent_count"]), ui.glossary_help("répondant")),
        ("Contributions", fr.integer(kpis["contribution_count"]), ui.glossary_help("contribution")),
        ("Réponses", fr.integer(kpis["answer_count"]), ui.glossary_help("réponse")),
        (
            "Thèmes par répondant",
            fr.decimal(kpis["themes_per_respondent"]),
            "Nombre moyen de questionnaires thématiques remplis par un répondant.",
        ),
    ]
)

if kpis["contribution_count"] == 0:
    st.warning("Aucune contribution ne correspond à ces filtres.", icon=":material/filter_alt_off:")
    st.stop()

st.subheader("Contributions par jour")
days = db.run("contributions_by_day", **params)
peak = days.sort("contribution_count", descending=True).row(0, named=True)
ui.chart(
    overview_charts.contributions_over_time(days, db.run("events")),
    key="timeline",
    alt=f"Contributions par jour ({sentence}). Pic le {fr.day(peak['day'])} avec "
    f"{fr.plural(peak['contribution_count'], 'contribution')}. Les traits pointillés marquent "
    "l'ouverture et les webinaires.",
    data=days,
    columns={"day": "Jour", "contribution_count": "Contributions"},
    file_name="contributions-par-jour",
)

left, right = st.columns(2)
with left:
    st.subheader("Contributions par thème")
    by_theme = db.run("contributions_by_theme", **params)
    top = by_theme.sort("contribution_count", descending=True).row(0, named=True)
    ui.chart(
        overview_charts.contributions_by_theme(by_theme),
        key="by_theme",
        alt=f"Contributions par thème ({sentence}). Thème le plus contributif : {top['label']} "
        f"({fr.percent(top['share_pct'])}).",
        data=by_theme,
        columns={"label": "Thème", "contribution_count": "Contributions", "share_pct": "Part (%)"},
        file_name="contributions-par-theme",
    )
with right:
    st.subheader("Répondants par profil")
    by_profile = db.run("respondents_by_profile", **params)
    top = by_profile.sort("respondent_count", descending=True).row(0, named=True)
    ui.chart(
        overview_charts.respondents_by_profile(by_profile),
        key="by_profile",
        alt=f"Répondants par profil ({sentence}). Profil le plus représenté : {top['label']} "
        f"({fr.percent(top['share_pct'])}).",
        data=by_profile,
        columns={"label": "Profil", "respondent_count": "Répondants", "share_pct": "Part (%)"},
        file_name="repondants-par-profil",
    )
