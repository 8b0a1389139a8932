"""Vue d'ensemble: how many répondants, contributions and réponses; which themes; who; when."""

import streamlit as st

from consultation import answers, catalog, db, fr, ui
from consultation.charts import overview as overview_charts

vocab = catalog.vocabulary()
filters = ui.current_filters()
ui.page_header("Vue d'ensemble", "Combien de répondants et de contributions, sur quels thèmes, qui, et quand.", vocab)

params = filters.sql_params()
found = db.run_many(  # side by side: the page waits for its slowest query, not for the sum
    {
        "kpis": ("overview_kpis", params),
        "days": ("contributions_by_day", params),
        "events": ("events", {}),
        "by_theme": ("contributions_by_theme", params),
        "by_profile": ("respondents_by_profile", params),
    }
)
kpis = found["kpis"].row(0, named=True)
respondents = kpis["respondent_count"]  # small groups: every count below is hidden with it
sentence = ui.describe(filters, vocab, kpis["contribution_count"], respondents)
ui.filter_sentence(filters, vocab, kpis["contribution_count"], respondents)
ui.kpi_row(
    [
        ("Répondants", ui.count_label(respondents), ui.glossary_help("répondant")),
        (
            "Contributions",
            ui.count_label(kpis["contribution_count"], respondents=respondents),
            ui.glossary_help("contribution"),
        ),
        ("Réponses", ui.count_label(kpis["answer_count"], respondents=respondents), ui.glossary_help("réponse")),
        (
            "Thèmes par répondant",
            "masqué" if ui.is_small_group(respondents) else fr.decimal(kpis["themes_per_respondent"]),
            "Nombre moyen de questionnaires thématiques remplis par un répondant.",
        ),
    ]
)

if kpis["contribution_count"] == 0:
    st.warning("Aucune contribution ne correspond à ces filtres.", icon=":material/filter_alt_off:")
    st.stop()

st.header("Contributions par jour")
if ui.answers_page_available():
    st.caption(":material/touch_app: Cliquez sur une barre (un jour, un thème, un profil) pour lire les réponses.")
days = ui.protect(found["days"], "contribution_count")
peak = days.sort("contribution_count", descending=True, nulls_last=True).row(0, named=True)
event = ui.chart(
    overview_charts.contributions_over_time(days, found["events"]),
    key="timeline",
    alt=f"Contributions par jour ({sentence}). "
    + (
        f"Pic le {fr.day(peak['day'])} avec {fr.plural(peak['contribution_count'], 'contribution')}. "
        if peak["contribution_count"]
        else "Nombres de chaque jour masqués (petits groupes). "
    )
    + "Les traits pointillés marquent l'ouverture, les webinaires et la clôture.",
    data=days,
    columns={"day": "Jour", "contribution_count": "Contributions"},
    file_name="contributions-par-jour",
    selectable=True,
)
ui.drill_to_answers(event, lambda p: ui.query_params_for(answers.clicked_filters(filters, "day", p)))

left, right = st.columns(2)
with left:
    st.header("Contributions par thème")
    by_theme = ui.protect(found["by_theme"], "contribution_count")
    top = by_theme.sort("contribution_count", descending=True, nulls_last=True).row(0, named=True)
    event = ui.chart(
        overview_charts.contributions_by_theme(by_theme),
        key="by_theme",
        alt=f"Contributions par thème ({sentence}). "
        + (
            f"Thème le plus contributif : {top['label']} ({fr.percent(top['share_pct'])})."
            if top["share_pct"]
            else "Nombres masqués (petits groupes)."
        ),
        data=by_theme,
        columns={"label": "Thème", "contribution_count": "Contributions", "share_pct": "Part (%)"},
        file_name="contributions-par-theme",
        selectable=True,
    )
    ui.drill_to_answers(event, lambda p: ui.query_params_for(answers.clicked_filters(filters, "theme", p)))
with right:
    st.header("Répondants par profil")
    by_profile = ui.protect(found["by_profile"], "respondent_count")
    top = by_profile.sort("respondent_count", descending=True, nulls_last=True).row(0, named=True)
    event = ui.chart(
        overview_charts.respondents_by_profile(by_profile),
        key="by_profile",
        alt=f"Répondants par profil ({sentence}). "
        + (
            f"Profil le plus représenté : {top['label']} ({fr.percent(top['share_pct'])})."
            if top["share_pct"]
            else "Nombres masqués (petits groupes)."
        ),
        data=by_profile,
        columns={"label": "Profil", "respondent_count": "Répondants", "share_pct": "Part (%)"},
        file_name="repondants-par-profil",
        selectable=True,
    )
    ui.drill_to_answers(event, lambda p: ui.query_params_for(answers.clicked_filters(filters, "profile", p)))
