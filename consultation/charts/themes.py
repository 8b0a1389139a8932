"""Figures of the Thèmes page: a closed question's distribution and crosstab, the frequent terms of
an open question, the profile mix of the six themes. Pure builders: DataFrame in, Figure out.

Counts may be None where privacy protection hid them: such a bar or cell is not drawn and says
so. Clickable points carry their codes in ``customdata`` (see pages/themes.py).
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from consultation import fr
from consultation.charts.base import GREY, base_layout, cached_figure, wrap
from consultation.stats import MIN_CELL

# Three profiles, three blues and greys that read apart and are not theme colours.
PROFILE_COLORS = {"professionnel": "#000091", "numerique": "#6A6AF4", "citoyen": "#9C9C9C"}
SMALL_CELL_COLOR = "#EEEEEE"
HIDDEN = "masqué"


def _count_text(count: int | None, share: float | None) -> str:
    if count is None or share is None:
        return HIDDEN
    return f"{fr.percent(share)} ({fr.integer(count)})"


@cached_figure
def distribution(df: pl.DataFrame, color: str, kind: str) -> go.Figure:
    """Share of those who answered for each choice, labelled '42 % (123)'; one row a choice.

    ``df``: rows of consultation.stats.distribution for one question (respondent_count may be
    None where hidden). Scales are vertical columns 1..5, other kinds horizontal bars.
    """
    choices = df["choice"].to_list()
    shares = [s if c is not None else None for s, c in zip(df["share_pct"], df["respondent_count"], strict=True)]
    texts = [_count_text(c, s) for c, s in zip(df["respondent_count"], shares, strict=True)]
    hover = [f"« {ch} » : {t} des répondants à la question" for ch, t in zip(choices, texts, strict=True)]
    top = max([s for s in shares if s is not None] or [1])
    if kind == "scale":
        fig = go.Figure(
            go.Bar(
                x=choices,
                y=[s or 0 for s in shares],
                marker_color=color,
                text=texts,
                textposition="outside",
                cliponaxis=False,
                customdata=choices,
                hovertext=hover,
                hoverinfo="text",
            )
        )
        return base_layout(
            fig,
            height=300,
            xaxis=dict(type="category", title_text="note"),
            yaxis=dict(showticklabels=False, range=[0, top * 1.3], title_text="part des répondants"),
        )
    fig = go.Figure(
        go.Bar(
            x=[s or 0 for s in shares],
            y=[wrap(ch, 30) for ch in choices],
            orientation="h",
            marker_color=color,
            text=texts,
            textposition="outside",
            cliponaxis=False,
            customdata=choices,
            hovertext=hover,
            hoverinfo="text",
        )
    )
    return base_layout(
        fig,
        height=max(200, 70 + 46 * len(choices)),
        margin=dict(r=96),  # room for the label of the longest bar, « 45 % (1 012) »
        yaxis=dict(autorange="reversed"),
        xaxis=dict(showticklabels=False, range=[0, top * 1.7], title_text="part des répondants"),
    )


def group_name(label: str, plural: str, dimension: str) -> str:
    """How a group is named on an axis: profiles by their short plural (« Citoyens »)."""
    return plural[:1].upper() + plural[1:] if dimension == "profile" else label


MAX_GROUP_COLUMNS = 6


@cached_figure
def crosstab(cells: pl.DataFrame, color: str, dimension: str) -> go.Figure:
    """Heatmap of shares: one row a choice, one column a group; each cell '42 %' and its lift.

    ``cells``: rows of stats.crosstab_cells for one question. Cells of fewer than MIN_CELL
    répondants are grey, with their share in brackets (or « masqué » when privacy hid it), and
    carry no colour: they are not to be interpreted. A transparent marker on every cell makes
    it clickable (heatmaps themselves report no selection).
    """
    groups = cells.select("group_code", "group_label", "group_plural_label", "group_position").unique(
        maintain_order=True
    )
    group_codes = groups["group_code"].to_list()
    names = [
        group_name(lab, plu, dimension)
        for lab, plu in zip(groups["group_label"], groups["group_plural_label"], strict=True)
    ]
    choices = cells["choice"].unique(maintain_order=True).to_list()
    by_key = {(r["choice"], r["group_code"]): r for r in cells.iter_rows(named=True)}
    # Up to MAX_GROUP_COLUMNS groups are columns; more (sectors: 16) would squeeze their names
    # into each other, so the groups become rows and the choices columns.
    across = len(group_codes) <= MAX_GROUP_COLUMNS
    z, z_small, text = [], [], []
    at, custom, marker_hover = [], [], []
    for ci, choice in enumerate(choices):
        z_row, small_row, text_row = [], [], []
        for gi, (code, name) in enumerate(zip(group_codes, names, strict=True)):
            r = by_key.get((choice, code))
            share = r["share_pct"] if r else None
            small = r is None or r["is_small"] or share is None
            z_row.append(None if small else share)
            small_row.append(1 if small else None)
            if share is None:
                cell_text = HIDDEN
            elif small:
                cell_text = f"({fr.percent(share)})"
            else:
                cell_text = f"{fr.percent(share)}<br>×{fr.decimal(r['lift'] or 0, 1)}"
            text_row.append(cell_text)
            at.append((ci, gi))
            custom.append([choice, code])
            marker_hover.append(_cell_hover(r, choice, name))
        z.append(z_row)
        z_small.append(small_row)
        text.append(text_row)
    shares = [v for row in z for v in row if v is not None]
    if across:
        x, y = [wrap(n, 14) for n in names], [wrap(c, 26) for c in choices]
        xs, ys = [x[gi] for _ci, gi in at], [y[ci] for ci, _gi in at]
    else:
        x, y = [wrap(c, 14) for c in choices], [wrap(n, 34) for n in names]
        xs, ys = [x[ci] for ci, _gi in at], [y[gi] for _ci, gi in at]
        z, z_small, text = ([list(col) for col in zip(*grid, strict=True)] for grid in (z, z_small, text))
    fig = go.Figure()
    fig.add_trace(
        go.Heatmap(
            z=z_small,
            x=x,
            y=y,
            colorscale=[[0, SMALL_CELL_COLOR], [1, SMALL_CELL_COLOR]],
            showscale=False,
            hoverinfo="skip",
            xgap=2,
            ygap=2,
        )
    )
    fig.add_trace(
        go.Heatmap(
            z=z,
            x=x,
            y=y,
            text=text,
            texttemplate="%{text}",
            textfont=dict(size=13),
            colorscale=[[0, "#FFFFFF"], [1, color]],
            zmin=0,
            zmax=max(shares or [1]),
            showscale=False,
            hoverinfo="skip",
            xgap=2,
            ygap=2,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="markers",
            marker=dict(size=40, symbol="square", opacity=0),
            customdata=custom,
            hovertext=marker_hover,
            hoverinfo="text",
            showlegend=False,
        )
    )
    # Column names are wrapped, never rotated; every row of cells has room for its two lines.
    header_lines = max((label.count("<br>") + 1 for label in x), default=1)
    fig = base_layout(
        fig,
        height=max(220, 60 + 20 * header_lines + 52 * len(y)),
        yaxis=dict(autorange="reversed", showgrid=False, type="category"),
        xaxis=dict(side="top", showgrid=False, type="category", tickangle=0),
    )
    return fig


def _cell_hover(r: dict | None, choice: str, name: str) -> str:
    if r is None:
        return f"{name} · « {choice} » : aucun répondant"
    if r["share_pct"] is None or r["respondent_count"] is None:
        return f"{name} · « {choice} » : effectif masqué (moins de {MIN_CELL} répondants)"
    head = (
        f"{name} · « {choice} » : {fr.percent(r['share_pct'])} "
        f"({fr.integer(r['respondent_count'])} sur {fr.integer(r['group_answered_count'])} répondants)"
    )
    if r["is_small"]:
        return f"{head}<br>moins de {MIN_CELL} répondants : à ne pas interpréter"
    return (
        f"{head}<br>ensemble : {fr.percent(r['overall_pct'])} · "
        f"{fr.decimal(r['lift'] or 0, 1)} fois la part de l'ensemble"
    )


@cached_figure
def terms(df: pl.DataFrame, color: str) -> go.Figure:
    """The most frequent terms of one open question: share of its réponses that use each."""
    words, shares, counts = df["label"].to_list(), df["share_pct"].to_list(), df["answer_count"].to_list()
    fig = go.Figure(
        go.Bar(
            x=shares,
            y=words,
            orientation="h",
            marker_color=color,
            text=[f"{fr.percent(s)}" for s in shares],
            textposition="outside",
            cliponaxis=False,
            customdata=df["search"].to_list() if "search" in df.columns else words,
            hovertext=[
                f"« {w} » : dans {fr.plural(c, 'réponse')} ({fr.percent(s)})"
                for w, s, c in zip(words, shares, counts, strict=True)
            ],
            hoverinfo="text",
        )
    )
    fig = base_layout(
        fig,
        height=max(200, 50 + 26 * len(words)),
        yaxis=dict(autorange="reversed"),
        xaxis=dict(showticklabels=False, range=[0, max(shares or [1]) * 1.25], title_text="part des réponses"),
    )
    return fig


@cached_figure
def profile_mix(df: pl.DataFrame) -> go.Figure:
    """Répondants of each theme by profile, as 100 % stacked bars (one bar a theme).

    ``df``: queries/theme_profile_mix.sql, respondent_count possibly None where hidden; themes
    without répondants show an empty bar.
    """
    fig = go.Figure()
    themes = df.select("theme_id", "theme_short_label").unique(maintain_order=True)
    for (profile, label), rows in df.group_by(["profile", "profile_label"], maintain_order=True):
        shares = [
            s if c is not None else None for s, c in zip(rows["share_pct"], rows["respondent_count"], strict=True)
        ]
        fig.add_trace(
            go.Bar(
                x=[s or 0 for s in shares],
                y=rows["theme_short_label"].to_list(),
                orientation="h",
                name=label,
                marker_color=PROFILE_COLORS.get(profile, GREY),
                text=[fr.percent(s) if s and s >= 6 else "" for s in shares],
                textposition="inside",
                insidetextanchor="middle",
                customdata=[[t, profile] for t in rows["theme_id"]],
                hovertext=[
                    f"{t} · {label} : {_count_text(c, s)}"
                    for t, c, s in zip(rows["theme_short_label"], rows["respondent_count"], shares, strict=True)
                ],
                hoverinfo="text",
            )
        )
    return base_layout(
        fig,
        height=90 + 44 * themes.height,
        barmode="stack",
        showlegend=True,
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, title_text="", traceorder="normal"),
        margin=dict(t=60),
        yaxis=dict(autorange="reversed"),
        xaxis=dict(range=[0, 100], ticksuffix=" %", title_text="part des répondants du thème"),
    )
