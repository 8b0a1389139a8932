"""Répondants: who answered (profile, sector, organisation), from where, and how many questionnaires each."""

import streamlit as st

from consultation import catalog, db, fr, geo, navigation, ui
from consultation import respondents as logic
from consultation.charts import respondents as charts

vocab = catalog.vocabulary()
filters = ui.current_filters()
ui.page_header(
    "Répondants",
    "Qui a répondu (profils, secteurs, organisations), depuis quelles régions, et à combien de questionnaires.",
    vocab,
)
params = filters.sql_params()
found = db.run_many(  # side by side: the page waits for its slowest query, not for the sum
    {
        "kpis": ("overview_kpis", params),
        "theme_counts": ("respondents_by_theme_count", params),
        "regions": ("respondents_by_region", params),
        **{name: (dim.query, params) for name, dim in logic.DIMENSIONS.items()},
        "themes": ("themes", {}),
        "combos": ("theme_combinations", {**params, "limit": logic.COMBINATION_LIMIT}),
        "pairs": ("theme_cooccurrence", params),
    }
)
kpis = found["kpis"].row(0, named=True)
sentence = ui.describe(filters, vocab, kpis["contribution_count"], kpis["respondent_count"])
ui.filter_sentence(filters, vocab, kpis["contribution_count"], kpis["respondent_count"])
if kpis["respondent_count"] == 0:
    st.warning("Aucun répondant ne correspond à ces filtres.", icon=":material/filter_alt_off:")
    st.stop()

answers_page = "pages/answers.py" if any(p.url_path == "reponses" for p in navigation.available_pages()) else None
clickable = answers_page is not None and ui.can_see_answers()


def drill(event, url_key: str) -> None:
    """A click on a bar or a region opens the answers behind it, with the current filters."""
    code = logic.selected_code(event)
    if code and clickable:
        st.switch_page(answers_page, query_params=logic.drill_params(ui.query_params_for(filters), url_key, code))


theme_counts = found["theme_counts"]
regions_raw = found["regions"]
regions = geo.with_rates(ui.protect(regions_raw, "respondent_count"))
rep_table, rep = geo.representativeness(regions_raw, logic.hidden_regions(regions), within=filters.regions)
abroad, unknown = logic.count_of(regions, "99"), logic.count_of(regions, "00")
multi = logic.multi_theme_share(theme_counts)
ui.kpi_row(
    [
        ("Répondants", ui.count_label(kpis["respondent_count"]), ui.glossary_help("répondant")),
        ("À plusieurs thèmes", fr.percent(multi), "Part des répondants qui ont rempli au moins deux questionnaires."),
        (
            "Depuis l'étranger",
            abroad,
            "Répondants ayant indiqué résider hors de France (exclus de l'indice de représentativité).",
        ),
        ("Représentativité régionale", fr.percent(rep.score_pct), geo.SCORE_EXPLANATION),
    ]
)
if clickable:
    st.caption(
        ":material/touch_app: Cliquez sur une barre de profil, de secteur ou d’organisation, ou sur une région, "
        "pour lire les réponses correspondantes."
    )

st.subheader("Profils, secteurs et organisations")
left, right = st.columns(2, gap="large")
for column, dims in ((left, ("profile", "organisation_type")), (right, ("sector",))):
    with column:
        for name in dims:
            dim = logic.DIMENSIONS[name]
            st.markdown(f"**{dim.title}**")
            df = ui.protect(found[name], "respondent_count")
            event = ui.chart(
                charts.dimension_bars(df, dim.code_col, by_count=name != "profile"),
                key=f"by_{name}",
                alt=f"Répondants par {dim.title.lower()} ({sentence}). {logic.dimension_sentence(df, dim.title)}",
                data=df,
                columns={"label": dim.title, "respondent_count": "Répondants", "share_pct": "Part (%)"},
                file_name=dim.file_name,
                selectable=clickable,
            )
            drill(event, dim.url_key)

st.subheader("Régions")
mode = logic.map_mode(st.query_params.get_all(logic.MAP_KEY))
chosen = st.radio(
    "Mesure de la carte",
    list(logic.MAP_MODES),
    index=list(logic.MAP_MODES).index(mode),
    format_func=logic.MAP_MODES.get,
    horizontal=True,
    key="map_mode",
)
if chosen == logic.DEFAULT_MAP_MODE:
    if logic.MAP_KEY in st.query_params:
        del st.query_params[logic.MAP_KEY]
elif st.query_params.get(logic.MAP_KEY) != chosen:
    st.query_params[logic.MAP_KEY] = chosen
value_col, value_name = (
    ("rate_per_100k", "pour 100 000 hab.") if chosen == "taux" else ("respondent_count", "répondants")
)
event = ui.chart(
    charts.region_map(geo.region_shapes(), regions, value_col=value_col, value_name=value_name),
    key=f"map_{chosen}",
    alt=f"Carte des régions, {logic.MAP_MODES[chosen].lower()} ({sentence}). {logic.region_sentence(regions, chosen)} "
    "Les régions d'outre-mer sont en encadré, chacune à sa propre échelle.",
    data=regions,
    columns={
        "name": "Région",
        "respondent_count": "Répondants",
        "share_pct": "Part (%)",
        "population": "Population (Insee)",
        "rate_per_100k": "Pour 100 000 habitants",
    },
    file_name="repondants-par-region",
    selectable=clickable,
)
drill(event, "region")

st.markdown(f"#### Représentativité géographique : {fr.percent(rep.score_pct)}")
bars_col, text_col = st.columns([3, 2], gap="large")
with text_col:
    within = " Avec le filtre de région, la comparaison porte sur les régions choisies." if filters.regions else ""
    st.markdown(
        ui.escape_markdown(
            f"{geo.SCORE_EXPLANATION} L'indice d'une région rapporte sa part parmi les répondants à sa part dans "
            f"la population (100 = à proportion).{within}"
        )
    )
    st.caption(f"Hors indice : {abroad} à l'étranger, {unknown} sans région renseignée. {geo.NOT_A_POLL}")
with bars_col:
    event = ui.chart(
        charts.representation_bars(rep_table),
        key="representation",
        alt="Indice de représentation par région : part de la région parmi les répondants divisée par sa part "
        "dans la population, × 100. Au-dessus de 100, la région est surreprésentée parmi les répondants.",
        data=rep_table,
        columns={
            "name": "Région",
            "respondent_count_text": "Répondants",
            "respondent_share_pct": "Part des répondants (%)",
            "population_share_pct": "Part de la population (%)",
            "representation_index": "Indice (100 = à proportion)",
        },
        file_name="representativite-regionale",
        selectable=clickable,
    )
    drill(event, "region")

st.subheader("Participation à plusieurs questionnaires")
counts_col, combos_col = st.columns([2, 3], gap="large")
with counts_col:
    protected_counts = ui.protect(theme_counts, "respondent_count")
    ui.chart(
        charts.theme_count_bars(protected_counts),
        key="theme_counts",
        alt=f"Nombre de questionnaires remplis par répondant ({sentence}). {fr.percent(multi)} des répondants "
        "ont rempli au moins deux questionnaires.",
        data=protected_counts,
        columns={"theme_count": "Questionnaires remplis", "respondent_count": "Répondants", "share_pct": "Part (%)"},
        file_name="questionnaires-par-repondant",
    )
with combos_col:
    themes = found["themes"]
    combos = ui.protect(found["combos"], "respondent_count")
    combos = logic.with_combination_labels(combos, themes)
    ui.chart(
        charts.combinations_chart(combos, themes),
        key="combinations",
        alt=f"Les {combos.height} combinaisons de questionnaires les plus fréquentes ({sentence}) : chaque barre "
        "compte les répondants qui ont rempli exactement les questionnaires marqués d'un point de couleur en dessous.",
        data=combos,
        columns={
            "combination": "Questionnaires remplis",
            "theme_count": "Nombre",
            "respondent_count": "Répondants",
            "share_pct": "Part (%)",
        },
        file_name="combinaisons-de-questionnaires",
    )
pairs = ui.protect(found["pairs"], "respondent_count")
ui.chart(
    charts.cooccurrence_heatmap(pairs),
    key="cooccurrence",
    alt="Thèmes remplis ensemble : chaque case compte les répondants qui ont rempli le questionnaire de la ligne et "
    "celui de la colonne, et donne leur part parmi les répondants du thème en ligne ; la diagonale compte les "
    "répondants de chaque thème.",
    data=pairs,
    columns={
        "label_a": "Thème",
        "label_b": "Autre thème",
        "respondent_count": "Répondants des deux",
        "share_pct": "Part des répondants du thème (%)",
    },
    file_name="themes-remplis-ensemble",
)
