"""Shared look of every figure: one palette, French formats, readable at 1280×720.

Plotly's own French locale is a separate script fetched from a CDN, so dates and numbers are
formatted in Python (tick texts, hover texts) and the layout uses French separators.
Figure builders are pure: DataFrame in, plotly Figure out, no Streamlit and no queries.
"""

from __future__ import annotations

import plotly.graph_objects as go

BLEU_FRANCE = "#000091"
GREY = "#666666"
FONT = "Marianne, Arial, 'Liberation Sans', sans-serif"


def base_layout(fig: go.Figure, height: int = 360) -> go.Figure:
    fig.update_layout(
        height=height,
        margin=dict(l=8, r=8, t=28, b=8),
        font=dict(family=FONT, size=14, color="#161616"),
        separators=", ",  # decimal comma, space between thousands
        plot_bgcolor="#FFFFFF",
        paper_bgcolor="#FFFFFF",
        hoverlabel=dict(font=dict(family=FONT, size=14)),
        showlegend=False,
    )
    fig.update_xaxes(gridcolor="#E5E5E5", zerolinecolor="#CECECE")
    fig.update_yaxes(gridcolor="#E5E5E5", zerolinecolor="#CECECE")
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
