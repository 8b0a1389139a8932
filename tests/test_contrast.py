"""Colour contrast (RGAA 3.2 / WCAG 2.1 1.4.3 and 1.4.11) of the palette against its backgrounds.

Text needs 4.5:1; graphical objects that carry meaning (bars, lines, map areas) need 3:1.
Gridlines are decorative and exempt.
"""

import re
import tomllib
from pathlib import Path

import pytest

from consultation import reference
from consultation.charts import base

ROOT = Path(__file__).resolve().parent.parent
THEME = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
WHITE = "#FFFFFF"


def luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def blend(colour: str, background: str, opacity: float) -> str:
    """The colour seen when ``colour`` is drawn with ``opacity`` over ``background``."""
    fg = [int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    bg = [int(background.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(opacity * f + (1 - opacity) * b):02X}" for f, b in zip(fg, bg, strict=True))


def test_contrast_ratio_matches_the_wcag_examples():
    assert round(contrast("#000000", WHITE), 1) == 21.0
    assert round(contrast("#767676", WHITE), 2) == 4.54
    assert contrast(WHITE, WHITE) == 1.0


@pytest.mark.parametrize("theme", reference.THEMES, ids=lambda t: t.theme_id)
def test_every_theme_colour_is_readable_as_a_graphic_and_as_text_on_white(theme):
    assert contrast(theme.color, WHITE) >= 4.5, theme.color


@pytest.mark.parametrize("colour", [base.BLEU_FRANCE, base.GREY])
def test_the_chart_colours_stand_out_on_the_chart_background(colour):
    assert contrast(colour, WHITE) >= 3


def test_chart_text_is_readable():
    """The text of a chart, ticks and axis titles included: set on the axes, so that Streamlit's
    chart theme (ticks in #808495, 3.7:1) does not draw them."""
    import plotly.graph_objects as go

    from consultation.charts.base import base_layout

    fig = base_layout(go.Figure(go.Bar(x=[1, 2], y=[3, 4])))
    layout = fig.layout
    colours = [layout.font.color, layout.legend.font.color]
    for axis in (layout.xaxis, layout.yaxis):
        colours += [axis.tickfont.color, axis.title.font.color]
    assert None not in colours
    for colour in colours:
        assert contrast(colour, WHITE) >= 4.5, colour


@pytest.mark.parametrize("background", [THEME["backgroundColor"], THEME["secondaryBackgroundColor"]])
def test_the_app_text_and_links_are_readable_on_both_backgrounds(background):
    assert contrast(THEME["textColor"], background) >= 4.5
    assert contrast(THEME["primaryColor"], background) >= 4.5


def test_white_text_on_the_primary_colour_is_readable():
    """Selected filter chips and primary buttons: white on bleu France."""
    assert contrast(WHITE, THEME["primaryColor"]) >= 4.5


@pytest.mark.parametrize("background", [THEME["backgroundColor"], THEME["secondaryBackgroundColor"]])
def test_captions_faded_by_streamlit_stay_readable(background):
    """Streamlit draws captions in the text colour at 60 % opacity (measured in the browser)."""
    assert contrast(blend(THEME["textColor"], background, 0.6), background) >= 4.5


def test_presentation_mode_captions_are_readable():
    from consultation import presentation

    caption = re.search(r'stCaptionContainer"\] p \{[^}]*color: (#[0-9A-Fa-f]{6})', presentation.CSS).group(1)
    assert "opacity: 1" in presentation.CSS
    assert contrast(caption, WHITE) >= 4.5
