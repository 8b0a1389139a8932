"""Figures of the Répondants page: who answered, where, and how many questionnaires each.

Pure builders: DataFrame in, plotly Figure out. Counts of répondants arrive already protected
(ui.protect): a suppressed count is null and is drawn as "< threshold", never as a number.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from consultation import fr
from consultation.charts.base import BLEU_FRANCE, FONT, GREY, base_layout, cached_figure, wrap
from consultation.geo import OVERSEAS, RegionShape
from consultation.privacy import HIDDEN_LABEL

# Sequential blues from the DSFR palette (light to Bleu France); light enough at 0 to read labels.
MAP_SCALE = ("#EEF0FE", "#CACAFB", "#8585F6", "#4646D6", "#000091")
SUPPRESSED_FILL = "#E5E5E5"
ABOVE, BELOW = BLEU_FRANCE, "#B34000"  # over- and under-represented regions


def count_texts(df: pl.DataFrame, col: str = "respondent_count") -> list[str]:
    """Each row's count as shown: "1 234", or the text ui.protect gave a hidden one ("< 10", "masqué")."""
    counts = df[col].to_list()
    given = df[f"{col}_text"].to_list() if f"{col}_text" in df.columns else [None] * len(counts)
    return [
        (text or HIDDEN_LABEL) if count is None else fr.integer(count)
        for count, text in zip(counts, given, strict=True)
    ]


def _with_share(texts: list[str], counts: list, shares: list) -> list[str]:
    return [
        t if c is None or s is None else f"{t} ({fr.percent(s)})" for t, c, s in zip(texts, counts, shares, strict=True)
    ]


@cached_figure
def dimension_bars(df: pl.DataFrame, code_col: str, *, by_count: bool = True, height_per_bar: int = 34) -> go.Figure:
    """Horizontal bars of répondants by a dimension (largest on top), labelled 'count (share)'.

    ``df``: code_col, label, position, respondent_count (null when suppressed), share_pct.
    """
    # Plotly draws the first bar at the bottom: sort so that the first to read is on top.
    if by_count:
        df = df.with_columns(pl.col("respondent_count").fill_null(0).alias("_sort"))
        df = df.sort(["_sort", "position"], descending=[False, True]).drop("_sort")
    else:
        df = df.sort("position", descending=True)
    counts = df["respondent_count"].to_list()
    texts = _with_share(count_texts(df), counts, df["share_pct"].to_list())
    labels = df["label"].to_list()
    fig = go.Figure(
        go.Bar(
            x=[c or 0 for c in counts],
            y=[wrap(label, 30) for label in labels],
            orientation="h",
            marker_color=BLEU_FRANCE,
            text=texts,
            textposition="outside",
            constraintext="none",
            cliponaxis=False,
            customdata=df[code_col].to_list(),
            hovertext=[f"{label} : {t} des répondants" for label, t in zip(labels, texts, strict=True)],
            hoverinfo="text",
        )
    )
    top = max([c or 0 for c in counts] or [1]) or 1
    return base_layout(
        fig,
        height=60 + height_per_bar * df.height,
        xaxis=dict(title_text="répondants", showticklabels=False, showgrid=False, range=[0, top * 1.7]),
        yaxis=dict(tickfont=dict(size=13)),
        bargap=0.25,
        margin=dict(r=24),
    )


def _colour(value: float | None, top: float) -> str:
    if value is None:
        return SUPPRESSED_FILL
    t = 0.0 if top <= 0 else min(max(value / top, 0.0), 1.0)
    position = t * (len(MAP_SCALE) - 1)
    i = min(int(position), len(MAP_SCALE) - 2)
    a, b = _rgb(MAP_SCALE[i]), _rgb(MAP_SCALE[i + 1])
    frac = position - i
    return "#" + "".join(f"{round(x + (y - x) * frac):02X}" for x, y in zip(a, b, strict=True))


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def _is_dark(hex_colour: str) -> bool:
    r, g, b = (c / 255 for c in _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45


@cached_figure
def region_map(
    shapes: dict[str, RegionShape], values: pl.DataFrame, *, value_col: str, value_name: str, height: int = 560
) -> go.Figure:
    """Choropleth of the regions drawn as filled polygons (no base map: renders offline).

    ``values``: region_code, name, respondent_count (null when hidden by ui.protect, with its
    respondent_count_text) and ``value_col``, the coloured quantity (null when hidden). Every
    region has its value written on it; a click on it selects the region (customdata = code).
    """
    by_code = {row["region_code"]: row for row in values.iter_rows(named=True)}
    present = [c for c in shapes if c in by_code]
    count_text = dict(zip(values["region_code"].to_list(), count_texts(values), strict=True))
    top = max([by_code[c][value_col] or 0 for c in present] or [0])
    rate = value_col != "respondent_count"

    def shown(code: str) -> str:
        value = by_code[code][value_col]
        if value is None:
            return count_text[code]
        return fr.decimal(value, 1) if rate else fr.integer(value)

    fig = go.Figure()
    # Larger regions first, so an enclave (the Enclave des Papes) is painted over its surroundings.
    for code in sorted(present, key=lambda c: -shapes[c].area):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for rings in shapes[code].polygons:
            xs.extend([*rings[0][:, 0].tolist(), None])
            ys.extend([*rings[0][:, 1].tolist(), None])
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=_colour(by_code[code][value_col], top),
                line=dict(color="#FFFFFF", width=1),
                hoveron="fills",
                hoverinfo="name",
                name=f"{shapes[code].name} : {shown(code)} {value_name}",
                showlegend=False,
            )
        )
    for code in OVERSEAS:
        box = shapes[code].inset if code in present else None
        if box is None:
            continue
        fig.add_shape(
            type="rect", x0=box.x0, y0=box.y0, x1=box.x1, y1=box.y1, line=dict(color="#CECECE", width=1), layer="below"
        )
        fig.add_annotation(
            x=box.x0 + 0.05 * (box.x1 - box.x0),
            y=box.y1 - 0.03 * (box.y1 - box.y0),
            text=shapes[code].name,
            showarrow=False,
            xanchor="left",
            yanchor="top",
            font=dict(size=12, color="#3A3A3A"),
        )
    # One clickable label a region, with its value; it also carries the colour bar.
    fills = [_colour(by_code[c][value_col], top) for c in present]
    fig.add_trace(
        go.Scatter(
            x=[shapes[c].label_xy[0] for c in present],
            y=[shapes[c].label_xy[1] for c in present],
            mode="markers+text",
            text=[shown(c) for c in present],
            textposition="middle center",
            textfont=dict(family=FONT, size=13, color=["#FFFFFF" if _is_dark(f) else "#161616" for f in fills]),
            marker=dict(
                size=30,
                color=[by_code[c][value_col] or 0 for c in present],
                colorscale=[[i / (len(MAP_SCALE) - 1), c] for i, c in enumerate(MAP_SCALE)],
                cmin=0,
                cmax=top or 1,
                opacity=0.01,
                showscale=True,
                colorbar=dict(
                    title=dict(text=value_name, side="right", font=dict(size=13)),
                    thickness=14,
                    len=0.7,
                    tickformat=",.1f" if rate else ",d",
                    outlinewidth=0,
                ),
            ),
            customdata=present,
            hovertext=[
                f"<b>{shapes[c].name}</b><br>{shown(c)} {value_name}"
                + (f"<br>{count_text[c]} répondants" if rate else "")
                for c in present
            ],
            hoverinfo="text",
            showlegend=False,
        )
    )
    points = np.vstack([ring for c in present for rings in shapes[c].polygons for ring in rings[:1]])
    (x0, y0), (x1, y1) = points.min(axis=0), points.max(axis=0)
    pad = 0.02 * (x1 - x0)
    return base_layout(
        fig,
        height=height,
        xaxis=dict(visible=False, fixedrange=True, range=[x0 - pad, x1 + pad], constrain="domain"),
        yaxis=dict(
            visible=False,
            fixedrange=True,
            range=[y0 - pad, y1 + pad],
            scaleanchor="x",
            scaleratio=1,
            constrain="domain",
        ),
        margin=dict(l=4, r=4, t=4, b=4),
        dragmode=False,
        hovermode="closest",
    )


@cached_figure
def representation_bars(table: pl.DataFrame) -> go.Figure:
    """Index of representation by region (100 = as many répondants as its share of the population).

    ``table`` is geo.representativeness's: a hidden region has a null index and its
    respondent_count_text; it is drawn at the bottom, without a bar.
    """
    df = table.with_columns(pl.col("representation_index").fill_null(-1).alias("_sort")).sort("_sort")
    index = df["representation_index"].to_list()
    hidden = count_texts(df)
    colours = [GREY if v is None else (ABOVE if v >= 100 else BELOW) for v in index]
    fig = go.Figure(
        go.Bar(
            x=[v if v is not None else 0 for v in index],
            y=df["name"].to_list(),
            orientation="h",
            marker_color=colours,
            text=[h if v is None else fr.integer(v) for v, h in zip(index, hidden, strict=True)],
            textposition="outside",
            constraintext="none",
            cliponaxis=False,
            customdata=df["region_code"].to_list(),
            hovertext=[
                f"<b>{r['name']}</b><br>"
                + (
                    f"{h} répondants"
                    if r["representation_index"] is None
                    else f"indice {fr.integer(r['representation_index'])}<br>"
                    f"{fr.percent(r['respondent_share_pct'], 1)} des répondants"
                )
                + f"<br>{fr.percent(r['population_share_pct'], 1)} de la population"
                for r, h in zip(df.iter_rows(named=True), hidden, strict=True)
            ],
            hoverinfo="text",
        )
    )
    top = max([v or 0 for v in index] + [100])
    fig = base_layout(
        fig,
        height=70 + 26 * df.height,
        xaxis=dict(title_text="indice (100 = à proportion)", range=[0, top * 1.18]),
        yaxis=dict(tickfont=dict(size=12)),
        bargap=0.2,
    )
    fig.add_vline(x=100, line=dict(color="#3A3A3A", width=1, dash="dot"))
    return fig


@cached_figure
def theme_count_bars(df: pl.DataFrame) -> go.Figure:
    """Répondants by number of questionnaires answered (1 to 6), labelled with count and share."""
    counts = df["respondent_count"].to_list()
    n = df["theme_count"].to_list()
    shown = count_texts(df)
    shares = df["share_pct"].to_list()
    fig = go.Figure(
        go.Bar(
            x=[str(k) for k in n],
            y=[c or 0 for c in counts],
            marker_color=BLEU_FRANCE,
            text=[
                t if c is None or s is None else f"{t}<br>({fr.percent(s)})"
                for t, c, s in zip(shown, counts, shares, strict=True)
            ],
            textposition="outside",
            constraintext="none",
            cliponaxis=False,
            hovertext=[
                f"{t} répondants ont rempli {fr.plural(k, 'questionnaire')}" for k, t in zip(n, shown, strict=True)
            ],
            hoverinfo="text",
        )
    )
    top = max([c or 0 for c in counts] or [1]) or 1
    return base_layout(
        fig,
        height=360,
        yaxis=dict(title_text="répondants", range=[0, top * 1.3], tickformat=",d"),
        xaxis=dict(title_text="questionnaires remplis", type="category", tickangle=0),
    )


@cached_figure
def cooccurrence_heatmap(df: pl.DataFrame) -> go.Figure:
    """Theme × theme: répondants who answered both; colour = share of the row theme's répondants.

    ``df`` is theme_cooccurrence (protected): the diagonal holds each theme's own répondants and
    is shown as text on grey, not coloured.
    """
    df = df.sort(["position_a", "position_b"])
    labels = df.filter(pl.col("position_a") == pl.col("position_a").min())["label_b"].to_list()
    size = len(labels)
    counts = np.array([c if c is not None else -1 for c in df["respondent_count"].to_list()]).reshape(size, size)
    shares = np.array([s if s is not None else np.nan for s in df["share_pct"].to_list()]).reshape(size, size)
    shown_counts = np.array(count_texts(df), dtype=object).reshape(size, size)
    z: list[list[float | None]] = []
    text: list[list[str]] = []
    hover: list[list[str]] = []
    for i in range(size):
        z_row, t_row, h_row = [], [], []
        for j in range(size):
            count = counts[i, j]
            shown = shown_counts[i, j]
            if i == j:
                z_row.append(None)
                t_row.append(f"<b>{shown}</b>")
                h_row.append(f"{labels[i]} : {shown} répondants")
            else:
                z_row.append(None if count < 0 else float(shares[i, j]))
                t_row.append(shown if count < 0 else f"{shown}<br>{fr.percent(shares[i, j])}")
                h_row.append(
                    f"{shown} répondants ont répondu à {labels[i]} et à {labels[j]}"
                    + ("" if count < 0 else f"<br>soit {fr.percent(shares[i, j])} des répondants de {labels[i]}")
                )
        z.append(z_row)
        text.append(t_row)
        hover.append(h_row)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=labels,
            y=labels,
            text=text,
            texttemplate="%{text}",
            textfont=dict(size=12),
            hovertext=hover,
            hoverinfo="text",
            colorscale=[[0, MAP_SCALE[0]], [0.5, MAP_SCALE[2]], [1, MAP_SCALE[4]]],
            zmin=0,
            zmax=max([v for row in z for v in row if v is not None] + [10]),
            xgap=2,
            ygap=2,
            colorbar=dict(title=dict(text="% des répondants<br>du thème en ligne", font=dict(size=12)), thickness=12),
        )
    )
    # The diagonal on a neutral background.
    for i in range(size):
        fig.add_shape(
            type="rect",
            x0=i - 0.5,
            x1=i + 0.5,
            y0=i - 0.5,
            y1=i + 0.5,
            fillcolor="#F6F6F6",
            line_width=0,
            layer="below",
        )
    return base_layout(
        fig,
        height=420,
        yaxis=dict(autorange="reversed", showgrid=False, title_text="répondants de…"),
        xaxis=dict(side="top", showgrid=False, title_text="… qui ont aussi répondu à"),
        margin=dict(l=8, r=8, t=70, b=8),
    )


@cached_figure
def combinations_chart(combos: pl.DataFrame, themes: pl.DataFrame) -> go.Figure:
    """UpSet-style: the most frequent exact combinations of themes (bars), and which themes each holds (dots).

    ``combos``: theme_ids (list), respondent_count (protected), share_pct. ``themes``: theme_id,
    short_label, color, position.
    """
    themes = themes.sort("position")
    theme_ids = themes["theme_id"].to_list()
    short = dict(zip(theme_ids, themes["short_label"].to_list(), strict=True))
    colours = dict(zip(theme_ids, themes["color"].to_list(), strict=True))
    rows = combos.to_dicts()
    xs = list(range(len(rows)))
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.55, 0.45], vertical_spacing=0.03)
    counts = [r["respondent_count"] for r in rows]
    shown = count_texts(combos)
    fig.add_trace(
        go.Bar(
            x=xs,
            y=[c or 0 for c in counts],
            marker_color=BLEU_FRANCE,
            text=shown,
            textposition="outside",
            constraintext="none",
            cliponaxis=False,
            hovertext=[
                " + ".join(short[t] for t in r["theme_ids"]) + f" : {t} répondants"
                for r, t in zip(rows, shown, strict=True)
            ],
            hoverinfo="text",
        ),
        row=1,
        col=1,
    )
    y_of = {t: len(theme_ids) - 1 - i for i, t in enumerate(theme_ids)}
    # Grey dots for every theme, coloured ones for the themes in the combination, joined by a line.
    fig.add_trace(
        go.Scatter(
            x=[x for x in xs for _t in theme_ids],
            y=[y_of[t] for _x in xs for t in theme_ids],
            mode="markers",
            marker=dict(size=11, color="#E5E5E5"),
            hoverinfo="skip",
        ),
        row=2,
        col=1,
    )
    for x, r in zip(xs, rows, strict=True):
        ys = [y_of[t] for t in r["theme_ids"]]
        fig.add_trace(
            go.Scatter(
                x=[x] * len(ys),
                y=ys,
                mode="lines+markers",
                line=dict(color="#3A3A3A", width=2),
                marker=dict(size=13, color=[colours[t] for t in r["theme_ids"]], line=dict(color="#FFFFFF", width=1)),
                hoverinfo="skip",
            ),
            row=2,
            col=1,
        )
    top = max([c or 0 for c in counts] or [1]) or 1
    fig.update_yaxes(title_text="répondants", range=[0, top * 1.25], tickformat=",d", row=1, col=1)
    fig.update_yaxes(
        tickvals=[y_of[t] for t in theme_ids],
        ticktext=[short[t] for t in theme_ids],
        range=[-0.6, len(theme_ids) - 0.4],
        showgrid=False,
        zeroline=False,
        row=2,
        col=1,
    )
    # after the row/col updates: it rebuilds the figure
    return base_layout(fig, height=440, xaxis=dict(visible=False, range=[-0.6, len(xs) - 0.4]))
