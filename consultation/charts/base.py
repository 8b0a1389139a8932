"""Shared look of every figure: one palette, French formats, readable at 1280×720.

Plotly's own French locale is a separate script fetched from a CDN, so dates and numbers are
formatted in Python (tick texts, hover texts) and the layout uses French separators.
Figure builders are pure: DataFrame in, plotly Figure out, no Streamlit and no queries.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from datetime import date

import plotly.graph_objects as go
import polars as pl

BLEU_FRANCE = "#000091"
GREY = "#666666"
INK = "#161616"  # DSFR text colour
INK_SOFT = "#3A3A3A"  # secondary text: 11.6:1 on white
FONT = "Marianne, Arial, 'Liberation Sans', sans-serif"


# Set on the axes themselves: Streamlit's chart theme would otherwise draw ticks and axis titles
# in a light grey (#808495, 3.7:1 on white, under the AA contrast of 4.5:1).
_AXIS = {
    "gridcolor": "#E5E5E5",
    "zerolinecolor": "#CECECE",
    "tickfont": {"color": INK_SOFT, "size": 13},
    "title": {"font": {"color": INK, "size": 14}},
    "automargin": True,  # tick labels and axis titles are never cut off, whatever the font size
}


FIGURE_CACHE_SIZE = 512  # figures kept across sessions: ~80 KB each in memory (a map more), ~40 MB
MAX_CACHED_ROWS = 5_000  # larger inputs are drawn each time: hashing them would cost more
_figures: OrderedDict[tuple, go.Figure] = OrderedDict()
_figures_lock = threading.Lock()


class _Same:
    """Keys an argument by identity, keeping it alive so that its id is not reused (for the
    region shapes, read once per process)."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __hash__(self) -> int:
        return id(self.value)

    def __eq__(self, other) -> bool:
        return isinstance(other, _Same) and other.value is self.value


_UNKEYED = object()


def _content_key(value):
    """What identifies an argument of a figure builder; _UNKEYED when it cannot be keyed cheaply."""
    if isinstance(value, pl.DataFrame):
        if value.height > MAX_CACHED_ROWS:
            return _UNKEYED
        schema = tuple((name, str(dtype)) for name, dtype in value.schema.items())
        return ("frame", schema, value.height, tuple(value.hash_rows().to_list()) if value.width else ())
    if isinstance(value, list | tuple):
        parts = tuple(_content_key(v) for v in value)
        return _UNKEYED if any(p is _UNKEYED for p in parts) else (type(value).__name__, parts)
    if isinstance(value, dict):
        return _Same(value)
    try:
        hash(value)
    except TypeError:
        return _UNKEYED
    return value


def cached_figure(builder):
    """Keep the figures of a pure builder (DataFrame in, Figure out) by the content of their
    arguments, shared by every session: the same view opened again, or by another user, skips
    plotly's object building (about a quarter of a run's CPU under the load test). Callers must
    not change a returned figure in place (ui.chart copies it before changing it)."""

    @functools.wraps(builder)
    def build(*args, **kwargs):
        names = sorted(kwargs)
        try:
            parts = tuple(_content_key(v) for v in (*args, *(kwargs[k] for k in names)))
        except (pl.exceptions.PolarsError, TypeError):  # a column type polars cannot hash
            return builder(*args, **kwargs)
        if any(p is _UNKEYED for p in parts):
            return builder(*args, **kwargs)
        key = (builder.__module__, builder.__qualname__, tuple(names), parts)
        with _figures_lock:
            fig = _figures.get(key)
            if fig is not None:
                _figures.move_to_end(key)
                return fig
        fig = builder(*args, **kwargs)
        with _figures_lock:
            _figures[key] = fig
            while len(_figures) > FIGURE_CACHE_SIZE:
                _figures.popitem(last=False)
        return fig

    return build


def clear_figures() -> None:
    """Forget every kept figure (benchmarks measure cold runs)."""
    with _figures_lock:
        _figures.clear()


def _merge(under: dict, over: dict) -> dict:
    """``under`` updated with ``over``, nested dictionaries merged key by key."""
    out = dict(under)
    for key, value in over.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def base_layout(
    fig: go.Figure, height: int = 360, *, xaxis: dict | None = None, yaxis: dict | None = None, **layout_updates
) -> go.Figure:
    """A new figure with ``fig``'s traces and layout under the shared look (type, colours,
    French separators, axes), then the figure's own settings: ``xaxis``/``yaxis`` as
    ``update_xaxes``/``update_yaxes`` would apply them (to every x or y axis), the other keywords
    as ``update_layout`` would (nested dictionaries merged key by key).

    The figure is built once with all of it rather than updated: each of plotly's ``update_*``
    calls checks every nested key against the template (3.5 ms a call; 25 ms for the whole look),
    while a constructor takes the same layout in about 3 ms. The rebuilt figure is no longer a
    make_subplots grid: updates by ``row``/``col`` go before this call.
    """
    layout = fig.layout.to_plotly_json()
    layout.pop("template", None)  # plotly's default, which the new figure gets again
    look = {
        "height": height,
        "margin": {"l": 8, "r": 8, "t": 28, "b": 8},
        "font": {"family": FONT, "size": 14, "color": INK},
        "separators": ", ",  # decimal comma, space between thousands
        "plot_bgcolor": "#FFFFFF",
        "paper_bgcolor": "#FFFFFF",
        "hoverlabel": {"font": {"family": FONT, "size": 14}},
        "showlegend": False,
        "legend": {"font": {"color": INK, "size": 13}},
    }
    for axis in {"xaxis", "yaxis", *(k for k in layout if k.startswith(("xaxis", "yaxis")))}:
        own = xaxis if axis.startswith("x") else yaxis
        look[axis] = _merge(_AXIS, own) if own else _AXIS
    fig = go.Figure(data=fig.data, layout=_merge(_merge(layout, look), layout_updates))
    if fig.layout.yaxis.title.text and (fig.layout.margin.l or 0) < 64:
        fig.layout.margin.l = 64  # room for a vertical axis title beside its tick labels
    return fig


def wrap(label: str, width: int = 22) -> str:
    """Break a long label on spaces for a readable axis (plotly understands <br>)."""
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines)


def event_marks(events: pl.DataFrame) -> list[dict]:
    """One mark a (date, label) of queries/events.sql: a webinar about two themes is one mark
    named after both. Keys: date, short (the label drawn), label, kind, themes (short labels),
    theme_ids."""
    marks: dict[tuple, dict] = {}
    for row in events.iter_rows(named=True):
        key = (row["event_date"], row["label"])
        mark = marks.setdefault(
            key, {"date": row["event_date"], "label": row["label"], "themes": [], "theme_ids": [], "kind": row["kind"]}
        )
        if row["theme_short_label"]:
            mark["themes"].append(row["theme_short_label"])
            mark["theme_ids"].append(row["theme_id"])
    for mark in marks.values():
        if mark["themes"]:
            mark["short"] = "Webinaire " + " + ".join(mark["themes"])
        else:
            mark["short"] = {"opening": "Ouverture", "closing": "Clôture"}.get(mark["kind"], "Webinaire de lancement")
    return list(marks.values())


def add_event_marks(
    fig: go.Figure,
    marks: list[dict],
    first: date,
    last: date,
    *,
    row: int | None = None,
    col: int | None = None,
    labelled=lambda mark: True,
    plot_width: int = 880,
    row_step: float = 0.075,
) -> go.Figure:
    """Draw each mark between ``first`` and ``last`` as a dotted vertical line, labelled at the top
    when ``labelled(mark)``. Labels go on the highest row where they do not overlap another one
    (widths estimated for a plot ``plot_width`` pixels wide); marks near the right end are
    labelled on their left. With ``row``/``col``, on that subplot of a make_subplots figure."""
    yref, axes = "paper", {}
    if row is not None:
        subplot = fig.get_subplot(row, col or 1)
        yaxis = subplot.yaxis.plotly_name.replace("axis", "")
        yref = f"{yaxis} domain"
        axes = {"xref": subplot.xaxis.plotly_name.replace("axis", "")}
    span = max((last - first).days, 1)
    rows: list[list[tuple[float, float]]] = []
    shapes, annotations = [], []
    for mark in (m for m in marks if first <= m["date"] <= last):
        shapes.append(
            dict(
                type="line",
                x0=mark["date"],
                x1=mark["date"],
                y0=0,
                y1=1,
                yref=yref,
                line=dict(color=GREY, width=1, dash="dot"),
                **axes,
            )
        )
        if not labelled(mark):
            continue
        x = plot_width * (mark["date"] - first).days / span
        width = 7 * len(mark["short"]) + 10
        right = x > plot_width * 0.75
        interval = (x - width, x) if right else (x, x + width)
        level = next(
            (i for i, placed in enumerate(rows) if all(interval[1] < a or interval[0] > b for a, b in placed)),
            len(rows),
        )
        if level == len(rows):
            rows.append([])
        rows[level].append(interval)
        annotations.append(
            dict(
                x=mark["date"],
                y=1 - row_step * level,
                yref=yref,
                text=mark["short"],
                showarrow=False,
                xanchor="right" if right else "left",
                yanchor="top",
                xshift=-3 if right else 3,
                font=dict(size=12, color="#3A3A3A"),
                bgcolor="rgba(255,255,255,0.85)",
                **axes,
            )
        )
    # Assigned at once: add_shape / add_annotation validate the whole layout at each call (43 ms
    # for the 8 marks of the overview's chart, 28 % of its run under load; 6 ms this way).
    fig.layout.shapes = (*fig.layout.shapes, *shapes)
    fig.layout.annotations = (*fig.layout.annotations, *annotations)
    return fig
