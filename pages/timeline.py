"""Chronologie: contributions per day or week by theme, cumulated, the consultation's events and
the uplift after each of them, and when each profile contributes (hour × day of the week)."""

from datetime import date, timedelta

import polars as pl
import streamlit as st

from consultation import catalog, db, fr, stats, ui
from consultation.charts import timeline as charts

PERIODS = {"jour": "Par jour", "semaine": "Par semaine"}
LAYOUTS = {"empiles": "Thèmes empilés", "panneaux": "Un graphique par thème"}

vocab = catalog.vocabulary()
filters = ui.current_filters()
ui.page_header(
    "Chronologie",
    "Quand les contributions sont arrivées, thème par thème, et ce que chaque webinaire a changé.",
    vocab,
)
params = filters.sql_params()
found = db.run_many(  # side by side: the page waits for its slowest query, not for the sum
    {
        "days": ("timeline_contributions", {**params, "period": "day"}),
        "events": ("events", {}),
        "hours": ("timeline_hour_weekday", params),
    }
)
days = found["days"]
total = days["contribution_count"].sum()
ui.filter_sentence(filters, vocab, total)
if total == 0:
    st.warning("Aucune contribution ne correspond à ces filtres.", icon=":material/filter_alt_off:")
    st.stop()
events = found["events"]
sentence = ui.describe(filters, vocab, total)

# --- Contributions per day or week -----------------------------------------------------------------
st.subheader("Contributions dans le temps")
left, right = st.columns(2)
with left:
    period_choice = ui.url_choice("Pas de temps", PERIODS, key="periode", default="jour", segmented=True)
with right:
    layout = ui.url_choice("Présentation", LAYOUTS, key="vue", default="empiles", segmented=True)
period = "week" if period_choice == "semaine" else "day"
raw_series = days if period == "day" else db.run("timeline_contributions", period="week", **params)
per_period = raw_series.group_by("period_start").agg(pl.col("contribution_count").sum()).sort("period_start")
peak = per_period.sort("contribution_count", descending=True, maintain_order=True).row(0, named=True)
series = ui.protect(raw_series, "contribution_count", group_by=["period_start"])
figure = (charts.stacked if layout == "empiles" else charts.small_multiples)(series, events, period)
event = ui.chart(
    figure,
    key=f"timeline_{period}_{layout}",
    alt=f"Contributions {PERIODS[period_choice].lower()} et par thème ({sentence}). Pic : "
    f"{charts.period_name(peak['period_start'], period)}, "
    f"{ui.count_label(peak['contribution_count'], respondents=peak['contribution_count'])} contributions. "
    "Les traits pointillés marquent l'ouverture, les webinaires et la clôture.",
    data=series,
    columns={
        "period_start": "Semaine du" if period == "week" else "Jour",
        "theme_short_label": "Thème",
        "contribution_count": "Contributions",
    },
    file_name=f"contributions-par-{period_choice}-et-theme",
    selectable=True,
    click_hint="Cliquer une barre ouvre ses réponses.",
)


def period_params(point: dict) -> dict:
    start = date.fromisoformat(point["customdata"][0])
    end = start + timedelta(days=6 if point["customdata"][2] == "week" else 0)
    return ui.query_params_for(filters.replace(themes=(point["customdata"][1],), date_from=start, date_to=end))


ui.drill_to_answers(event, period_params)

st.subheader("Contributions cumulées")
days_shown = ui.protect(days, "contribution_count", group_by=["period_start"])
ends = (
    days_shown.group_by("theme_short_label")
    .agg(pl.col("cumulative_count").last(), pl.col("cumulative_count").null_count().alias("hidden"))
    .filter(pl.col("hidden") == 0)
    .sort("cumulative_count")
)
ui.chart(
    charts.cumulative(days_shown, events),
    key="cumulative",
    alt=f"Contributions cumulées par thème ({sentence}). En fin de période : "
    + ", ".join(f"{r[0]} {fr.integer(r[1])}" for r in reversed(ends.rows()))
    + ".",
    data=days_shown,
    columns={"period_start": "Jour", "theme_short_label": "Thème", "cumulative_count": "Contributions cumulées"},
    file_name="contributions-cumulees",
)

# --- The events' uplift ----------------------------------------------------------------------------
st.subheader("Effet des événements")
st.caption(
    "Pour chaque événement : les contributions des deux jours qui le suivent (J+1 et J+2), comparées à celles "
    "attendues au rythme des sept jours précédents (moyenne de J-7 à J-1, multipliée par 2). Le jour même est "
    "laissé de côté : les webinaires ont lieu à 11 h 30, la journée mêle l'avant et l'après. « Ensemble » compte "
    "toutes les contributions retenues par les filtres, la ligne du thème celles de ce thème seulement."
)
first_day = max(days["period_start"].min(), filters.date_from or date.min)
last_day = min(days["period_start"].max(), filters.date_to or date.max)
uplift = stats.event_uplift(days, events, first_day, last_day)
UPLIFT_NUMBERS = ("baseline_count", "baseline_mean", "expected_count", "after_count", "ratio")
for count in ("after_count", "baseline_count"):  # a ratio reveals its counts: protected like them
    uplift = ui.protect(uplift, count, also=[c for c in UPLIFT_NUMBERS if c != count])
headline = stats.headline_uplifts(uplift)
for row in headline.iter_rows(named=True):
    st.markdown(f"- {ui.escape_markdown(stats.uplift_sentence(row))}")
if headline.height:
    event = ui.chart(
        charts.uplift(headline),
        key="uplift",
        alt="Rapport entre les contributions des deux jours suivant chaque webinaire et celles attendues au rythme "
        "des sept jours précédents (1 : pas de changement).",
        data=uplift,
        columns={
            "event_date": "Date",
            "label": "Événement",
            "scope_label": "Portée",
            "baseline_count": "Contributions de J-7 à J-1",
            "baseline_mean": "Moyenne par jour",
            "expected_count": "Attendues sur 2 jours",
            "after_count": "Contributions à J+1 et J+2",
            "ratio": "Rapport",
            "note": "Remarque",
        },
        file_name="effet-des-evenements",
        selectable=True,
        click_hint="Cliquer une barre ouvre les contributions de J+1 et J+2.",
    )

    def uplift_params(point: dict) -> dict:
        day, theme = date.fromisoformat(point["customdata"][0]), point["customdata"][1]
        chosen = filters.replace(date_from=day + timedelta(days=1), date_to=day + timedelta(days=2))
        return ui.query_params_for(chosen.replace(themes=(theme,)) if theme else chosen)

    ui.drill_to_answers(event, uplift_params)
st.dataframe(stats.uplift_table(uplift), hide_index=True, width="stretch")

# --- Hour of the day × day of the week -------------------------------------------------------------
st.subheader("Heures et jours de contribution, par profil")
hours = ui.protect(found["hours"], "contribution_count", group_by=["profile"])
busiest = hours.sort("contribution_count", descending=True, nulls_last=True, maintain_order=True).row(0, named=True)
ui.chart(
    charts.hour_weekday(hours),
    key="hour_weekday",
    alt=f"Part des contributions de chaque profil par jour de la semaine et heure (heure de Paris) ({sentence}). "
    f"Créneau le plus chargé : {fr.WEEKDAYS[busiest['weekday'] - 1]} de {busiest['hour']} h à {busiest['hour'] + 1} h "
    f"({busiest['profile_label']}).",
    data=hours,
    columns={
        "profile_label": "Profil",
        "weekday": "Jour (1 = lundi)",
        "hour": "Heure",
        "contribution_count": "Contributions",
        "share_pct": "Part du profil (%)",
    },
    file_name="heures-et-jours-par-profil",
)
