"""Figures of the overview page: contributions by theme, répondants by profile, per day."""

from __future__ import annotations

from datetime import date, timedelta

import plotly.graph_objects as go
import polars as pl

from consultation import fr
from consultation.charts.base import BLEU_FRANCE, GREY, base_layout, wrap


def _count_labels(counts: list[int], shares: list[float]) -> list[str]:
    return [f"{fr.integer(c)} ({fr.percent(s)})" for c, s in zip(counts, shares, strict=True)]


def contributions_by_theme(df: pl.DataFrame) -> go.Figure:
    """Horizontal bars, one a theme in its colour, labelled with count and share."""
    df = df.sort("position", descending=True)  # first theme on top
    counts, shares = df["contribution_count"].to_list(), df["share_pct"].to_list()
    fig = go.Figure(
        go.Bar(
            x=counts,
            y=df["short_label"].to_list(),
            orientation="h",
            marker_color=df["color"].to_list(),
            text=_count_labels(counts, shares),
            textposition="outside",
            cliponaxis=False,
            customdata=df["theme_id"].to_list(),
            hovertext=[f"{label} : {t}" for label, t in zip(df["label"], _count_labels(counts, shares), strict=True)],
            hoverinfo="text",
        )
    )
    base_layout(fig, height=60 + 44 * df.height)
    fig.update_xaxes(title_text="contributions", showticklabels=False, range=[0, max(counts or [1]) * 1.35])
    return fig


def respondents_by_profile(df: pl.DataFrame) -> go.Figure:
    """Horizontal bars of répondants by profile, labelled with count and share."""
    df = df.sort("position", descending=True)
    counts, shares = df["respondent_count"].to_list(), df["share_pct"].to_list()
    fig = go.Figure(
        go.Bar(
            x=counts,
            y=[wrap(label) for label in df["label"].to_list()],
            orientation="h",
            marker_color=BLEU_FRANCE,
            text=_count_labels(counts, shares),
            textposition="outside",
            cliponaxis=False,
            customdata=df["profile"].to_list(),
            hovertext=[f"{label} : {t}" for label, t in zip(df["label"], _count_labels(counts, shares), strict=True)],
            hoverinfo="text",
        )
    )
    base_layout(fig, height=60 + 56 * df.height)
    fig.update_xaxes(title_text="répondants", showticklabels=False, range=[0, max(counts or [1]) * 1.35])
    return fig


def contributions_over_time(days: pl.DataFrame, events: pl.DataFrame, color: str = BLEU_FRANCE) -> go.Figure:
    """Contributions per day as bars, the consultation's events as labelled vertical lines."""
    day_list: list[date] = days["day"].to_list()
    counts = days["contribution_count"].to_list()
    fig = go.Figure(
        go.Bar(
            x=day_list,
            y=counts,
            marker_color=color,
            customdata=[d.isoformat() for d in day_list],
            hovertext=[
                f"{_weekday(d)} {fr.day(d)} : {fr.plural(c, 'contribution')}"
                for d, c in zip(day_list, counts, strict=True)
            ],
            hoverinfo="text",
            name="contributions",
        )
    )
    base_layout(fig, height=380)
    top = max(counts or [0]) or 1
    for i, event in enumerate(_event_marks(events)):
        if day_list and not (day_list[0] <= event["date"] <= day_list[-1]):
            continue
        fig.add_shape(
            type="line",
            x0=event["date"],
            x1=event["date"],
            y0=0,
            y1=1,
            yref="paper",
            line=dict(color=GREY, width=1, dash="dot"),
        )
        fig.add_annotation(
            x=event["date"],
            y=1 - 0.09 * (i % 4),
            yref="paper",
            text=event["short"],
            showarrow=False,
            xanchor="left",
            xshift=3,
            font=dict(size=12, color="#3A3A3A"),
            bgcolor="rgba(255,255,255,0.85)",
        )
    ticks = _week_ticks(day_list)
    fig.update_xaxes(tickvals=ticks, ticktext=[fr.day_short(d) for d in ticks], tickangle=0)
    fig.update_yaxes(title_text="contributions par jour", range=[0, top * 1.45])
    fig.update_layout(bargap=0.15)
    return fig


def _event_marks(events: pl.DataFrame) -> list[dict]:
    """One mark a (date, label): a webinar about two themes is one mark named after both."""
    marks: dict[tuple, dict] = {}
    for row in events.iter_rows(named=True):
        key = (row["event_date"], row["label"])
        mark = marks.setdefault(key, {"date": row["event_date"], "themes": [], "kind": row["kind"]})
        if row["theme_short_label"]:
            mark["themes"].append(row["theme_short_label"])
    for mark in marks.values():
        if mark["themes"]:
            mark["short"] = "Webinaire " + " + ".join(mark["themes"])
        else:
            mark["short"] = {"opening": "Ouverture", "closing": "Clôture"}.get(mark["kind"], "Webinaire de lancement")
    return list(marks.values())


def _week_ticks(days: list[date]) -> list[date]:
    if not days:
        return []
    step = 7 if len(days) <= 70 else 14
    return [days[0] + timedelta(days=i) for i in range(0, len(days), step)]


def _weekday(d: date) -> str:
    return fr.WEEKDAYS[d.weekday()]
