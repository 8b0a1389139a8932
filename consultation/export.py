"""Files people download: CSV that French Excel opens and XLSX workbooks, formulas neutralised.

CSV: UTF-8 with a byte order mark, ';' between fields, decimal comma, dates as
'AAAA-MM-JJ HH:MM'. XLSX: one data sheet and an « À propos » sheet saying what was exported
(the filter sentence, the date, the number of rows, the definitions).

Every text cell that a spreadsheet could run as a formula (it starts with =, +, -, @, a tab or
a carriage return) gets a leading apostrophe, in both formats; the XLSX writer is also told
never to turn strings into formulas, numbers or links.

The Réponses page exports its filtered list two ways: one row a réponse (``answers_table``), or
one row a contribution with one column a question (``contributions_table``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date, datetime

import polars as pl
import xlsxwriter

from consultation.search import normalise

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATETIME_FORMAT = "%Y-%m-%d %H:%M"

# Fixed columns of the exports: query column -> French header.
CONTRIBUTION_COLUMNS: dict[str, str] = {
    "contribution_id": "Contribution",
    "respondent_id": "Répondant",
    "submitted_at": "Date",
    "theme_label": "Thème",
    "profile_label": "Profil",
    "sector_label": "Secteur",
    "organisation_label": "Type d'organisation",
    "region_label": "Région",
    "is_complete": "Contribution complète",
}
ANSWER_COLUMNS: dict[str, str] = {
    **CONTRIBUTION_COLUMNS,
    "question_position": "N° de question",
    "question_label": "Question",
    "answer_value": "Réponse",
}


def neutralise(value: str) -> str:
    """A cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def neutralise_frame(df: pl.DataFrame) -> pl.DataFrame:
    """Every text cell neutralised; lists joined with ' | ' first (spreadsheets have no lists)."""
    casts = []
    for name, dtype in df.schema.items():
        if isinstance(dtype, pl.List):
            casts.append(pl.col(name).list.join(" | ").alias(name))
    if casts:
        df = df.with_columns(casts)
    texts = [n for n, t in df.schema.items() if t == pl.String]
    pattern = r"^[=+\-@\t\r]"
    return df.with_columns(
        pl.when(pl.col(n).str.contains(pattern)).then(pl.lit("'") + pl.col(n)).otherwise(pl.col(n)).alias(n)
        for n in texts
    )


def csv_bytes(df: pl.DataFrame) -> bytes:
    """UTF-8 with BOM, ';' separator, decimal comma: what French Excel opens correctly."""
    buffer = io.BytesIO()
    neutralise_frame(df).write_csv(
        buffer,
        separator=";",
        quote_style="non_numeric",
        decimal_comma=True,
        datetime_format=DATETIME_FORMAT,
        date_format="%Y-%m-%d",
    )
    return "\ufeff".encode() + buffer.getvalue()


def xlsx_bytes(df: pl.DataFrame, sheet_name: str, about: Sequence[tuple[str, str]] = ()) -> bytes:
    """A workbook: ``df`` on the sheet ``sheet_name`` (header row frozen, filters on), then an
    « À propos » sheet of (label, value) rows when ``about`` is given."""
    df = neutralise_frame(df)
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "default_date_format": "dd/mm/yyyy",
        },
    )
    bold = workbook.add_format({"bold": True, "bg_color": "#F5F5FE", "bottom": 1, "text_wrap": True, "valign": "top"})
    stamp = workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    day = workbook.add_format({"num_format": "dd/mm/yyyy"})
    sheet = workbook.add_worksheet(_sheet_name(sheet_name))
    for col, (name, dtype) in enumerate(df.schema.items()):
        sheet.write_string(0, col, name, bold)
        values = df.get_column(name).to_list()
        if dtype == pl.Datetime or isinstance(dtype, pl.Datetime):
            _write_cells(sheet, col, values, sheet.write_datetime, stamp)
        elif dtype == pl.Date:
            _write_cells(sheet, col, values, sheet.write_datetime, day)
        elif dtype.is_numeric():
            _write_cells(sheet, col, values, sheet.write_number)
        elif dtype == pl.Boolean:
            _write_cells(
                sheet, col, [None if v is None else ("oui" if v else "non") for v in values], sheet.write_string
            )
        else:
            _write_cells(sheet, col, [None if v is None else str(v) for v in values], sheet.write_string)
        sheet.set_column(col, col, _column_width(name, dtype))
    sheet.freeze_panes(1, 0)
    if df.width:
        sheet.autofilter(0, 0, max(df.height, 1), df.width - 1)
    if about:
        info = workbook.add_worksheet("À propos")
        info.set_column(0, 0, 24)
        info.set_column(1, 1, 110)
        wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        label = workbook.add_format({"bold": True, "valign": "top"})
        for row, (key, value) in enumerate(about):
            info.write_string(row, 0, neutralise(key), label)
            info.write_string(row, 1, neutralise(value), wrap)
    workbook.close()
    return buffer.getvalue()


def _write_cells(sheet, col: int, values: list, write, cell_format=None) -> None:
    for row, value in enumerate(values, start=1):
        if value is None:
            continue
        if cell_format is None:
            write(row, col, value)
        else:
            write(row, col, value, cell_format)


def _column_width(name: str, dtype) -> float:
    if name in ("Réponse", "Question") or len(name) > 30:
        return 60
    if dtype == pl.Datetime or isinstance(dtype, pl.Datetime):
        return 17
    return min(40, max(12, len(name) + 2))


def _sheet_name(name: str) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", " ", name)[:31]


# --- The Réponses page's exports ---


def answers_table(rows: pl.DataFrame) -> pl.DataFrame:
    """One row a réponse (rows of queries/export_answers.sql), French headers."""
    return rows.with_columns(_yes_no("is_complete")).select(
        [pl.col(c).alias(header) for c, header in ANSWER_COLUMNS.items()]
    )


def contributions_table(contributions: pl.DataFrame, answers: pl.DataFrame, questions: pl.DataFrame) -> pl.DataFrame:
    """One row a contribution, then one column a question in questionnaire order.

    ``contributions``: rows of export_contributions.sql; ``answers``: rows of
    export_contribution_answers.sql; ``questions``: rows of questions.sql. When every
    contribution is of one theme, the columns are that questionnaire's questions
    ('Q1. label'); otherwise those of every theme present, prefixed by the theme
    ('Métavers – Q1. label').
    """
    themes = contributions.get_column("theme_id").unique().to_list()
    asked = questions.filter(pl.col("theme_id").is_in(themes))
    one_theme = len(themes) == 1
    headers = {
        row["question_id"]: (
            f"Q{row['position']}. {row['label']}"
            if one_theme
            else f"{row['theme_short_label']} – Q{row['position']}. {row['label']}"
        )
        for row in asked.iter_rows(named=True)
    }
    table = contributions.with_columns(_yes_no("is_complete")).select(
        [pl.col(c).alias(header) for c, header in CONTRIBUTION_COLUMNS.items()]
    )
    if not headers:
        return table
    wanted = list(headers)
    answers = answers.filter(pl.col("question_id").is_in(wanted))
    if answers.height:
        wide = answers.pivot(
            on="question_id",
            on_columns=wanted,
            index="contribution_id",
            values="answer_value",
            aggregate_function="first",
        )
    else:
        wide = pl.DataFrame(schema={"contribution_id": pl.String, **dict.fromkeys(wanted, pl.String)})
    wide = wide.rename({"contribution_id": CONTRIBUTION_COLUMNS["contribution_id"], **headers})
    table = table.join(wide, on=CONTRIBUTION_COLUMNS["contribution_id"], how="left", maintain_order="left")
    return table.select([*CONTRIBUTION_COLUMNS.values(), *headers.values()])


def _yes_no(column: str) -> pl.Expr:
    return pl.when(pl.col(column)).then(pl.lit("oui")).otherwise(pl.lit("non")).alias(column)


def file_name(kind: str, description: str, when: date | datetime, extension: str) -> str:
    """'reponses_2023-07-01_theme-metavers-profil-citoyens.csv': what, when, which filters.

    ``description`` is the filter sentence without the count (Filters.describe(vocab)).
    """
    slug = re.sub(r"[^a-z0-9]+", "-", normalise(description)).strip("-")
    slug = "tout" if slug in ("", "aucun-filtre") else slug[:80].rstrip("-")
    day = when.date() if isinstance(when, datetime) else when
    return f"{kind}_{day.isoformat()}_{slug}.{extension}"
