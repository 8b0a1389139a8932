"""Figures of the Chronologie page: contributions per day or week by theme (stacked or small
multiples), cumulative curves, the events' uplift, hour × weekday heatmaps by profile.
Pure builders: DataFrame in, Figure out. Every time axis carries the consultation's events.

Clickable bars carry [period start (ISO), theme_id, period] in ``customdata``.
"""

from __future__ import annotations

from datetime import date, timedelta

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from consultation import fr
from consultation.charts.base import BLEU_FRANCE, GREY, add_event_marks, base_layout, cached_figure, event_marks

WEEK_MS = 7 * 24 * 3600 * 1000


def period_name(start: date, period: str) -> str:
    """'16 févr. 2023' for a day, 'semaine du 13 mars 2023' for a week."""
    return f"semaine du {fr.day(start)}" if period == "week" else f"{fr.WEEKDAYS[start.weekday()]} {fr.day(start)}"


def date_ticks(first: date, last: date) -> tuple[list[date], list[str]]:
    """One French tick every Monday (every other one past ten weeks), '13 mars'."""
    monday = first - timedelta(days=first.weekday())
    weeks = (last - monday).days // 7 + 1
    step = 7 if weeks <= 10 else 14
    ticks = [monday + timedelta(days=i) for i in range(0, (last - monday).days + 1, step)]
    return ticks, [fr.day_short(d) for d in ticks]


def _span(df: pl.DataFrame, period: str) -> tuple[date, date]:
    first, last = df["period_start"].min(), df["period_start"].max()
    return first, last + timedelta(days=6 if period == "week" else 0)


def _bar(rows: pl.DataFrame, period: str, color: str, name: str, showlegend: bool = True) -> go.Bar:
    starts = rows["period_start"].to_list()
    counts = rows["contribution_count"].to_list()
    extra = dict(xperiod=WEEK_MS, xperiodalignment="middle") if period == "week" else {}
    return go.Bar(
        x=starts,
        y=counts,
        name=name,
        marker_color=color,
        marker_line_width=0,
        customdata=[[d.isoformat(), t, period] for d, t in zip(starts, rows["theme_id"], strict=True)],
        hovertext=[
            f"{period_name(d, period)} · {name} : "
            + (fr.plural(c, "contribution") if c is not None else "nombre masqué (petit groupe)")
            for d, c in zip(starts, counts, strict=True)
        ],
        hoverinfo="text",
        showlegend=showlegend,
        **extra,
    )


def _time_axis(first: date, last: date) -> dict:
    """The x axis of a chart over the consultation's days (for base_layout)."""
    ticks, texts = date_ticks(first, last)
    pad = timedelta(days=1)
    return dict(tickvals=ticks, ticktext=texts, tickangle=0, range=[first - pad, last + pad], showgrid=False)


# A legend above the chart (for base_layout).
_LEGEND = dict(
    showlegend=True,
    legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, title_text="", traceorder="normal"),
    margin=dict(t=70),
)


@cached_figure
def stacked(df: pl.DataFrame, events: pl.DataFrame, period: str) -> go.Figure:
    """Contributions per period, one stacked bar segment a theme in its colour, events marked.

    ``df``: queries/timeline_contributions.sql (one row a period × theme).
    """
    first, last = _span(df, period)
    fig = go.Figure()
    for (_theme_id, label, color), rows in df.group_by(
        ["theme_id", "theme_short_label", "theme_color"], maintain_order=True
    ):
        fig.add_trace(_bar(rows, period, color, label))
    totals = df.group_by("period_start").agg(pl.col("contribution_count").sum())["contribution_count"]
    top = max(totals.max() or 0, 1)
    fig = base_layout(
        fig,
        height=440,
        barmode="stack",
        bargap=0.12 if period == "week" else 0.1,
        **_LEGEND,
        yaxis=dict(
            title_text=f"contributions par {'semaine' if period == 'week' else 'jour'}",
            range=[0, top * 1.45],
            tickformat=",d",
        ),
        xaxis=_time_axis(first, last),
    )
    add_event_marks(fig, event_marks(events), first, last)
    return fig


@cached_figure
def small_multiples(df: pl.DataFrame, events: pl.DataFrame, period: str) -> go.Figure:
    """One panel a theme, same time axis, each with its own scale. Every panel carries every
    event line; a panel labels its own theme's webinar, the top panel the other events."""
    first, last = _span(df, period)
    themes = df.select("theme_id", "theme_short_label", "theme_color").unique(maintain_order=True)
    fig = make_subplots(
        rows=themes.height,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.035,
        subplot_titles=themes["theme_short_label"].to_list(),
    )
    marks = event_marks(events)
    for i, (theme_id, label, color) in enumerate(themes.iter_rows(), start=1):
        rows = df.filter(pl.col("theme_id") == theme_id)
        fig.add_trace(_bar(rows, period, color, label, showlegend=False), row=i, col=1)
        top = max(rows["contribution_count"].max() or 0, 1)
        fig.update_yaxes(range=[0, top * 1.5], tickformat=",d", nticks=3, row=i, col=1)
        add_event_marks(
            fig,
            marks,
            first,
            last,
            row=i,
            col=1,
            labelled=lambda m, t=theme_id, top_panel=i == 1: t in m["theme_ids"] or (top_panel and not m["theme_ids"]),
            row_step=0.25,
        )
    fig = base_layout(
        fig, height=110 + 130 * themes.height, bargap=0.12 if period == "week" else 0.1, xaxis=_time_axis(first, last)
    )
    for annotation in fig.layout.annotations[: themes.height]:  # the subplot titles
        annotation.update(x=0, xanchor="left", font=dict(size=14, color="#161616"))
    return fig


@cached_figure
def cumulative(df: pl.DataFrame, events: pl.DataFrame) -> go.Figure:
    """Running total of contributions by theme (daily rows), each curve named at its end."""
    first, last = _span(df, "day")
    fig = go.Figure()
    ends = []
    for (_theme_id, label, color), rows in df.group_by(
        ["theme_id", "theme_short_label", "theme_color"], maintain_order=True
    ):
        if rows["cumulative_count"].null_count():
            continue  # a running total with hidden days would reveal them by difference
        days, totals = rows["period_start"].to_list(), rows["cumulative_count"].to_list()
        fig.add_trace(
            go.Scatter(
                x=days,
                y=totals,
                mode="lines",
                name=label,
                line=dict(color=color, width=2.5),
                hovertext=[
                    f"{label} · au {fr.day(d)} : {fr.plural(c, 'contribution')}"
                    for d, c in zip(days, totals, strict=True)
                ],
                hoverinfo="text",
            )
        )
        ends.append((totals[-1] if totals else 0, label, color))
    top = max([e[0] for e in ends] or [1]) or 1
    fig = base_layout(
        fig,
        height=420,
        yaxis=dict(title_text="contributions cumulées", range=[0, top * 1.1], tickformat=",d"),
        xaxis={
            **_time_axis(first, last),
            "range": [first - timedelta(days=1), last + timedelta(days=(last - first).days * 0.2 + 2)],
        },
    )
    for y, total, label, color in _spread(ends, top):
        fig.add_annotation(
            x=last,
            y=y,
            text=f"{label} : {fr.integer(total)}",
            showarrow=False,
            xanchor="left",
            xshift=6,
            font=dict(size=13, color=color),
        )
    add_event_marks(fig, event_marks(events), first, last)
    return fig


def _spread(ends: list[tuple[int, str, str]], top: float) -> list[tuple[float, int, str, str]]:
    """(label y, total, label, colour) of each curve's end label, highest first, moved down so
    two labels are at least 6 % of the axis apart."""
    gap = top * 0.06
    placed: list[tuple[float, int, str, str]] = []
    for total, label, color in sorted(ends, key=lambda e: -e[0]):
        y = total if not placed else min(total, placed[-1][0] - gap)
        placed.append((y, total, label, color))
    return placed


@cached_figure
def uplift(df: pl.DataFrame) -> go.Figure:
    """Ratio of contributions after each event to the expected count (1 = no change), one bar an
    (event, scope) row of stats.event_uplift that has a ratio."""
    rows = df.filter(pl.col("ratio").is_not_null())
    names = [
        f"{fr.day_short(d)} · {label}" + (f" · {scope}" if theme else " · ensemble")
        for d, label, scope, theme in zip(
            rows["event_date"], rows["label"], rows["scope_label"], rows["theme_id"], strict=True
        )
    ]
    ratios = rows["ratio"].to_list()
    colors = [BLEU_FRANCE if t is None else c for t, c in zip(rows["theme_id"], rows["color"], strict=True)]
    fig = go.Figure(
        go.Bar(
            x=ratios,
            y=names,
            orientation="h",
            marker_color=colors,
            text=[f"×{fr.decimal(r, 1)}" for r in ratios],
            textposition="outside",
            cliponaxis=False,
            customdata=[[d.isoformat(), t or ""] for d, t in zip(rows["event_date"], rows["theme_id"], strict=True)],
            hovertext=[
                f"{n} : {fr.integer(a)} contributions à J+1 et J+2 pour {fr.decimal(e, 1)} attendues"
                for n, a, e in zip(names, rows["after_count"], rows["expected_count"], strict=True)
            ],
            hoverinfo="text",
        )
    )
    fig = base_layout(
        fig,
        height=max(220, 70 + 34 * rows.height),
        yaxis=dict(autorange="reversed"),
        xaxis=dict(
            title_text="contributions à J+1 et J+2 / attendues au rythme des sept jours précédents",
            range=[0, max(ratios or [1]) * 1.2],
        ),
    )
    fig.add_vline(x=1, line=dict(color=GREY, width=1, dash="dash"))
    return fig


@cached_figure
def hour_weekday(df: pl.DataFrame) -> go.Figure:
    """One heatmap a profile: share of its contributions by day of the week and hour of the day
    (Europe/Paris), on one shared colour scale."""
    profiles = df.select("profile", "profile_label").unique(maintain_order=True)
    fig = make_subplots(
        rows=profiles.height,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.08,
        subplot_titles=profiles["profile_label"].to_list(),
    )
    top = df["share_pct"].max() or 1
    hours = [f"{h} h" for h in range(24)]
    days = [d.capitalize() for d in fr.WEEKDAYS]
    for i, (profile, label) in enumerate(profiles.iter_rows(), start=1):
        rows = df.filter(pl.col("profile") == profile).sort("weekday", "hour")
        z = [[None] * 24 for _ in range(7)]
        counts: list[list[int | None]] = [[0] * 24 for _ in range(7)]
        for r in rows.iter_rows(named=True):
            z[r["weekday"] - 1][r["hour"]] = r["share_pct"]
            counts[r["weekday"] - 1][r["hour"]] = r["contribution_count"]
        hover = [
            [
                f"{label} · {days[d].lower()} {h} h–{h + 1} h : "
                + (
                    f"{fr.plural(counts[d][h], 'contribution')} ({fr.percent(z[d][h], 1)} du profil)"
                    if counts[d][h] is not None and z[d][h] is not None
                    else "nombre masqué (petit groupe)"
                )
                for h in range(24)
            ]
            for d in range(7)
        ]
        fig.add_trace(
            go.Heatmap(
                z=z,
                x=hours,
                y=days,
                zmin=0,
                zmax=top,
                colorscale=[[0, "#FFFFFF"], [1, BLEU_FRANCE]],
                showscale=i == 1,
                colorbar=dict(
                    title=dict(text="% du profil", side="right"), ticksuffix=" %", len=0.5, y=1, yanchor="top"
                ),
                hovertext=hover,
                hoverinfo="text",
                xgap=1,
                ygap=1,
            ),
            row=i,
            col=1,
        )
        fig.update_yaxes(autorange="reversed", row=i, col=1)
    fig = base_layout(
        fig,
        height=80 + 230 * profiles.height,
        xaxis=dict(tickvals=hours[::2], showgrid=False, showticklabels=True),
        yaxis=dict(showgrid=False),
    )
    for annotation in fig.layout.annotations[: profiles.height]:
        annotation.update(x=0, xanchor="left", font=dict(size=14, color="#161616"))
    return fig
