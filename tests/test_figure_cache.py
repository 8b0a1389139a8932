"""Figures are kept across sessions by the content of their data (charts.base.cached_figure):
the same view opened again skips plotly's building, and a figure of other data is never shown."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from consultation.charts import base, overview, respondents, texts, themes, timeline


@pytest.fixture(autouse=True)
def _empty_cache():
    base._figures.clear()
    yield
    base._figures.clear()


def by_theme(count_first: int) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "theme_id": ["metavers", "ecologie"],
            "label": ["Métavers", "Impact écologique"],
            "short_label": ["Métavers", "Écologie"],
            "color": ["#000091", "#18753C"],
            "position": [1, 2],
            "contribution_count": [count_first, 40],
            "share_pct": [50.0, 50.0],
        }
    )


def bar_values(fig) -> list:
    return list(fig.data[0].x)


def test_the_same_data_read_again_gets_the_same_figure_without_building_it():
    first = overview.contributions_by_theme(by_theme(40))
    again = overview.contributions_by_theme(by_theme(40))  # another frame, same content
    assert again is first


def test_one_changed_count_gives_a_new_figure_with_that_count():
    first = overview.contributions_by_theme(by_theme(40))
    other = overview.contributions_by_theme(by_theme(41))
    assert other is not first
    assert 41 in bar_values(other) and 41 not in bar_values(first)


def test_the_same_values_under_other_column_types_are_not_confused():
    """Same numbers, but one frame holds them as floats: the key includes the schema."""
    ints = by_theme(40)
    floats = ints.with_columns(pl.col("contribution_count").cast(pl.Float64))
    assert overview.contributions_by_theme(ints) is not overview.contributions_by_theme(floats)


def test_other_arguments_than_the_frame_are_part_of_the_key():
    days = pl.DataFrame({"day": [date(2023, 2, 16), date(2023, 2, 17)], "contribution_count": [3, 4]})
    events = pl.DataFrame(
        {
            "event_date": [date(2023, 2, 16)],
            "label": ["Ouverture"],
            "kind": ["opening"],
            "theme_id": [None],
            "theme_short_label": [None],
            "theme_color": [None],
        },
        schema_overrides={"theme_id": pl.String, "theme_short_label": pl.String, "theme_color": pl.String},
    )
    blue = overview.contributions_over_time(days, events)
    green = overview.contributions_over_time(days, events, color="#18753C")
    assert blue is not green
    assert green.data[0].marker.color == "#18753C"


def test_frames_with_list_columns_are_keyed_too():
    combos = pl.DataFrame(
        {
            "theme_ids": [["metavers", "ecologie"], ["metavers"]],
            "respondent_count": [12, 30],
            "respondent_count_suppressed": [False, False],
        }
    )
    key = base._content_key(combos)
    assert key is not base._UNKEYED
    assert key != base._content_key(combos.with_columns(pl.Series("theme_ids", [["metavers"], ["ecologie"]])))


def test_a_large_frame_is_drawn_each_time_rather_than_hashed():
    big = pl.DataFrame({"x": list(range(base.MAX_CACHED_ROWS + 1))})
    assert base._content_key(big) is base._UNKEYED


def test_the_cache_keeps_a_bounded_number_of_figures():
    for n in range(base.FIGURE_CACHE_SIZE + 10):
        overview.contributions_by_theme(by_theme(n + 1))
    assert len(base._figures) == base.FIGURE_CACHE_SIZE


def test_every_builder_the_pages_call_is_cached():
    for module in (overview, respondents, texts, themes, timeline):
        for name in dir(module):
            fn = getattr(module, name)
            if callable(fn) and getattr(fn, "__module__", "") == module.__name__ and not name.startswith("_"):
                returns = getattr(fn, "__annotations__", {}).get("return")
                if returns == "go.Figure":
                    assert hasattr(fn, "__wrapped__"), f"{module.__name__}.{name} is not @cached_figure"
