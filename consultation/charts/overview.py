"""Figures of the overview page: contributions by theme, répondants by profile, per day."""

from __future__ import annotations

from datetime import date, timedelta

import plotly.graph_objects as go
import polars as pl

from consultation import fr
from consultation.charts.base import BLEU_FRANCE, add_event_marks, base_layout, cached_figure, event_marks, wrap


def _count_labels(counts: list[int | None], shares: list[float | None], texts: list[str] | None = None) -> list[str]:
    """ "1 234 (45 %)"; a count hidden by ui.protect (None) reads its protected text ("< 10", "masqué")."""
    texts = texts or [fr.integer(c) for c in counts]
    return [
        t if c is None or s is None else f"{t} ({fr.percent(s)})" for c, s, t in zip(counts, shares, texts, strict=True)
    ]


def _texts(df: pl.DataFrame, column: str) -> list[str] | None:
    return df[f"{column}_text"].to_list() if f"{column}_text" in df.columns else None


def _top(counts: list[int | None]) -> int:
    return max((c for c in counts if c), default=0) or 1


@cached_figure
def contributions_by_theme(df: pl.DataFrame) -> go.Figure:
    """Horizontal bars, one a theme in its colour, labelled with count and share."""
    df = df.sort("position", descending=True)  # first theme on top
    counts, shares = df["contribution_count"].to_list(), df["share_pct"].to_list()
    labels = _count_labels(counts, shares, _texts(df, "contribution_count"))
    fig = go.Figure(
        go.Bar(
            x=[0 if c is None else c for c in counts],  # a hidden count: no bar, only its label
            y=df["short_label"].to_list(),
            orientation="h",
            marker_color=df["color"].to_list(),
            text=labels,
            textposition="outside",
            cliponaxis=False,
            customdata=df["theme_id"].to_list(),
            hovertext=[f"{label} : {t}" for label, t in zip(df["label"], labels, strict=True)],
            hoverinfo="text",
        )
    )
    xaxis = dict(title_text="contributions", showticklabels=False, range=[0, _top(counts) * 1.5])
    return base_layout(fig, height=60 + 44 * df.height, xaxis=xaxis)


@cached_figure
def respondents_by_profile(df: pl.DataFrame) -> go.Figure:
    """Horizontal bars of répondants by profile, labelled with count and share."""
    df = df.sort("position", descending=True)
    counts, shares = df["respondent_count"].to_list(), df["share_pct"].to_list()
    labels = _count_labels(counts, shares, _texts(df, "respondent_count"))
    fig = go.Figure(
        go.Bar(
            x=[0 if c is None else c for c in counts],  # a hidden count: no bar, only its label
            y=[wrap(label) for label in df["label"].to_list()],
            orientation="h",
            marker_color=BLEU_FRANCE,
            text=labels,
            textposition="outside",
            cliponaxis=False,
            customdata=df["profile"].to_list(),
            hovertext=[f"{label} : {t}" for label, t in zip(df["label"], labels, strict=True)],
            hoverinfo="text",
        )
    )
    xaxis = dict(title_text="répondants", showticklabels=False, range=[0, _top(counts) * 1.5])
    return base_layout(fig, height=60 + 56 * df.height, xaxis=xaxis)


@cached_figure
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
                f"{_weekday(d)} {fr.day(d)} : {fr.plural(c, 'contribution') if c is not None else 'nombre masqué'}"
                for d, c in zip(day_list, counts, strict=True)
            ],
            hoverinfo="text",
            name="contributions",
        )
    )
    top = _top(counts)
    ticks = _week_ticks(day_list)
    yaxis = dict(title_text="contributions par jour", range=[0, top * 1.45], tickformat=",d", rangemode="tozero")
    if top < 5:  # small or hidden counts: whole-number ticks only
        yaxis["dtick"] = 1
    fig = base_layout(
        fig,
        height=380,
        xaxis=dict(tickvals=ticks, ticktext=[fr.day_short(d) for d in ticks], tickangle=0),
        yaxis=yaxis,
        bargap=0.15,
    )
    if day_list:
        # Labels on rows that never overlap (charts/base.py), as on the Chronologie page.
        add_event_marks(fig, event_marks(events), day_list[0], day_list[-1])
    return fig


def _week_ticks(days: list[date]) -> list[date]:
    if not days:
        return []
    step = 7 if len(days) <= 70 else 14
    return [days[0] + timedelta(days=i) for i in range(0, len(days), step)]


def _weekday(d: date) -> str:
    return fr.WEEKDAYS[d.weekday()]
