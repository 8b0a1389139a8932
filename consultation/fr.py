"""French formats for numbers and dates, as the interface shows them."""

from __future__ import annotations

from datetime import date, datetime

NBSP = "\u00a0"
MONTHS_SHORT = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def integer(value: int | float | None) -> str:
    """12345 -> '12 345' (no-break space between thousands)."""
    if value is None:
        return "–"
    return f"{round(value):,}".replace(",", NBSP)


def decimal(value: float | None, digits: int = 1) -> str:
    """1.456 -> '1,5'."""
    if value is None:
        return "–"
    return f"{value:,.{digits}f}".replace(",", "\0").replace(".", ",").replace("\0", NBSP)


def percent(value: float | None, digits: int = 0) -> str:
    """12.34 -> '12 %' (value already in percent)."""
    if value is None:
        return "–"
    return f"{decimal(value, digits)}{NBSP}%"


def day(value: date | datetime | None) -> str:
    """date(2023, 2, 16) -> '16 févr. 2023'."""
    if value is None:
        return "–"
    return f"{day_short(value)} {value.year}"


def day_short(value: date | datetime) -> str:
    """date(2023, 2, 16) -> '16 févr.'; the first of the month is '1er'."""
    number = "1er" if value.day == 1 else str(value.day)
    return f"{number} {MONTHS_SHORT[value.month - 1]}"


def timestamp(value: datetime | None) -> str:
    """datetime(2023, 2, 16, 9, 5) -> '16 févr. 2023 à 09:05'."""
    if value is None:
        return "–"
    return f"{day(value)} à {value:%H:%M}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 contribution', '3 412 contributions'; 0 and 1 take the singular in French."""
    word = singular if abs(count) < 2 else (plural_form or singular + "s")
    return f"{integer(count)} {word}"
