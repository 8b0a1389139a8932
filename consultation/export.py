"""Files people download: CSV that French Excel opens and XLSX workbooks, formulas neutralised.

CSV: UTF-8 with a byte order mark, ';' between fields, decimal comma, dates as
'AAAA-MM-JJ HH:MM'. XLSX: one data sheet and an « À propos » sheet saying what was exported
(the filter sentence, the date, the number of rows, the definitions).

Every text cell that a spreadsheet could run as a formula (it starts with =, +, -, @, a tab or
a carriage return) gets a leading apostrophe, in both formats. In XLSX every text is a text
cell: never a formula, a number or a link, and never XML (xlsxwriter copies a string written
like '<r>…</r>' into the file as rich text: in a header or « À propos » it gets the apostrophe,
in the data it is escaped like any text).

XLSX of 100 000 rows in a couple of seconds: xlsxwriter writes the workbook around the data,
whose rows are turned into sheet XML by polars (see ``xlsx_bytes``).

The Réponses page exports its filtered list two ways: one row a réponse (``answers_table``), or
one row a contribution with one column a question (``contributions_table``).
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from xml.etree import ElementTree

import polars as pl
import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

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
    « À propos » sheet of (label, value) rows when ``about`` is given.

    xlsxwriter builds the workbook (formats, header row, column widths, filters, « À propos »),
    but through it a cell costs about 10 µs (100 000 réponses: 12 s): polars turns the data into
    sheet XML, all cells at once, put into xlsxwriter's files afterwards (``_with_data_rows``).
    The cells are those xlsxwriter would write: texts in the shared strings (cut at Excel's
    32 767 characters, control characters as _xHHHH_), numbers and dates as the same numbers,
    dates and times with the same formats.
    """
    df = neutralise_frame(df)
    columns = [_cells(df.get_column(name)) for name in df.columns]
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
    date_formats = {
        "datetime": workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"}),
        "date": workbook.add_format({"num_format": "dd/mm/yyyy"}),
    }
    sheet = workbook.add_worksheet(_sheet_name(sheet_name))
    # xlsxwriter numbers a format when a cell first uses it, and only numbered formats go into the
    # file: the header's, then those of the date columns, as if it wrote the rows itself.
    if df.width:
        bold._get_xf_index()
    styles = [
        date_formats[cells.kind]._get_xf_index() if cells.kind in date_formats and cells.count else None
        for cells in columns
    ]
    for col, (name, dtype) in enumerate(df.schema.items()):
        sheet.write_string(0, col, _as_text(name), bold)
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
            info.write_string(row, 0, _as_text(neutralise(key)), label)
            info.write_string(row, 1, _as_text(neutralise(value)), wrap)
    workbook.close()
    if not any(cells.count for cells in columns):
        return buffer.getvalue()
    return _with_data_rows(buffer.getvalue(), columns, styles)


# --- XLSX data rows, written without xlsxwriter ---

XLSX_ZIP_LEVEL = 4  # zlib level of the parts: 6 (xlsxwriter's) makes 100k rows 8-15 % smaller, 3x slower
DATA_SHEET = "xl/worksheets/sheet1.xml"  # the data sheet is the first one added
SHARED_STRINGS = "xl/sharedStrings.xml"
_EXCEL_EPOCH_US = (datetime(1899, 12, 31) - datetime(1970, 1, 1)) // timedelta(microseconds=1)
_DAY_US = 86_400_000_000
_EXCEL_TEXT_MAX = 32_767  # UTF-16 units in a cell
# Texts that need Python on their way to the file: too long, or with characters Excel writes
# as _xHHHH_ (and so a literal _xHHHH_ that must be escaped as _x005F_xHHHH_).
_SPECIAL_TEXT = r"[\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_"
_ESCAPE_LIKE = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")


@dataclass(frozen=True)
class _Cells:
    """One column of the data sheet: ``kind`` 'text' (``values`` the strings) or 'number',
    'datetime', 'date' (``values`` the number as xlsxwriter writes it, '%.16G'); null = no cell."""

    kind: str
    values: pl.Series

    @property
    def count(self) -> int:
        return len(self.values) - self.values.null_count()


def _cells(column: pl.Series) -> _Cells:
    """A column as xlsxwriter's write_datetime / write_number / write_string would store it."""
    dtype = column.dtype
    if isinstance(dtype, pl.Datetime | pl.Date):
        if isinstance(dtype, pl.Datetime):
            if dtype.time_zone is not None:
                column = column.dt.replace_time_zone(None)  # the wall-clock time (Excel has no zones)
            micros = column.dt.epoch("us") - _EXCEL_EPOCH_US
            days = micros // _DAY_US
            rest = micros - days * _DAY_US
            # xlsxwriter: delta.days + (float(delta.seconds) + float(delta.microseconds) / 1e6) / 86400
            serial = (
                days.cast(pl.Float64)
                + ((rest // 1_000_000).cast(pl.Float64) + (rest % 1_000_000).cast(pl.Float64) / 1e6) / 86400.0
            )
            kind = "datetime"
        else:
            serial = (column.dt.epoch("d").cast(pl.Int64) - _EXCEL_EPOCH_US // _DAY_US).cast(pl.Float64)
            kind = "date"
        serial = serial + (serial > 59).cast(pl.Float64)  # Excel's 29 February 1900
        return _Cells(kind, _number_texts(serial))
    if dtype.is_numeric():
        return _Cells("number", _number_texts(column))
    if dtype == pl.String:
        return _Cells("text", column)
    if dtype == pl.Boolean:
        frame = column.to_frame("v")
        return _Cells(
            "text", frame.select(pl.when("v").then(pl.lit("oui")).when(~pl.col("v")).then(pl.lit("non")))[:, 0]
        )
    if isinstance(dtype, pl.Categorical | pl.Enum):
        return _Cells("text", column.cast(pl.String))
    return _Cells("text", pl.Series([None if v is None else str(v) for v in column.to_list()], dtype=pl.String))


def _number_texts(column: pl.Series) -> pl.Series:
    """Numbers as xlsxwriter writes them ('%.16G'); NaN and infinities (it refuses them): no cell.

    Python formats each distinct value once (a date is shared by all the réponses of a contribution)."""
    distinct = column.drop_nulls().unique()
    texts = [None if math.isnan(v) or math.isinf(v) else f"{v:.16G}" for v in distinct.to_list()]
    return column.replace_strict(distinct, pl.Series(texts, dtype=pl.String), default=None, return_dtype=pl.String)


def _as_text(value: str) -> str:
    """What xlsxwriter writes as text: it copies a string like '<r>…</r>' into the XML as is (its
    rich text), which could rewrite other cells. Such a string gets the apostrophe."""
    return "'" + value if value.startswith("<r>") and value.endswith("</r>") else value


def _with_data_rows(book: bytes, columns: list[_Cells], styles: list[int | None]) -> bytes:
    """The workbook xlsxwriter wrote (header row only on the data sheet) with the data rows added."""
    with zipfile.ZipFile(io.BytesIO(book)) as source:
        infos = source.infolist()
        parts = {info.filename: source.read(info) for info in infos}
    texts, numbers = _cell_tables(columns, styles)
    parts[SHARED_STRINGS], index = _with_shared_strings(parts[SHARED_STRINGS], texts.get_column("value"))
    texts = texts.join(index, on="value", how="left", maintain_order="left")
    cells = pl.concat([texts.with_columns(pl.col("i").cast(pl.String).alias("value")).drop("i"), numbers])
    cells = cells.sort(pl.col("row").cast(pl.UInt64) * len(columns) + pl.col("col"))

    head, tail = parts[DATA_SHEET].split(b"</sheetData>")  # xlsxwriter's: the header row only
    last = xl_rowcol_to_cell(cells.get_column("row").max() + 1, len(columns) - 1)
    head = re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="A1:{last}"/>'.encode(), head, count=1)
    parts[DATA_SHEET] = head + _rows(cells) + b"</sheetData>" + tail

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in infos:
            target.writestr(info, parts[info.filename], compresslevel=XLSX_ZIP_LEVEL)
    return out.getvalue()


def _with_shared_strings(sst: bytes, texts: pl.Series) -> tuple[bytes, pl.DataFrame]:
    """xlsxwriter's shared strings (headers, « À propos ») and each distinct text of ``texts``
    once; and the index of each text (``value`` -> ``i``)."""
    known = {}
    for index, item in enumerate(ElementTree.fromstring(sst)):
        text = "".join(item.itertext())
        if not _ESCAPE_LIKE.search(text):  # written as is: the same text in the data is this entry
            known.setdefault(text, index)
    before = int(re.search(rb'uniqueCount="(\d+)"', sst).group(1))
    new = texts.unique(maintain_order=True)
    new = new.filter(~new.is_in(list(known)))
    index = pl.concat(
        [
            pl.DataFrame(
                {"value": list(known), "i": list(known.values())}, schema={"value": pl.String, "i": pl.UInt32}
            ),
            pl.DataFrame({"value": new, "i": pl.int_range(before, before + len(new), eager=True, dtype=pl.UInt32)}),
        ]
    )
    count = int(re.search(rb' count="(\d+)"', sst).group(1)) + len(texts)
    counts = f' count="{count}" uniqueCount="{before + len(new)}"'.encode()
    head, tail = re.sub(rb' count="\d+" uniqueCount="\d+"', counts, sst, count=1).rsplit(b"</sst>", 1)
    return head + _shared_strings(new) + b"</sst>" + tail, index


def _cell_tables(columns: list[_Cells], styles: list[int | None]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The cells of the data, texts and numbers apart, one row a cell (nulls have none): data
    ``row`` (0-based), ``col``, ``start`` and ``end`` of the XML around the row number, ``value``."""
    texts, numbers = [], []
    for col, (cells, style) in enumerate(zip(columns, styles, strict=True)):
        present = cells.values.is_not_null()
        if cells.kind == "text":
            end, into = '" t="s"><v>', texts
        else:
            end, into = ('"><v>' if style is None else f'" s="{style}"><v>'), numbers
        rows = pl.int_range(0, len(present), eager=True, dtype=pl.UInt32).filter(present)
        into.append(
            pl.DataFrame({"row": rows, "value": cells.values.filter(present)}).select(
                "row",
                pl.lit(col, pl.UInt32).alias("col"),
                pl.lit(f'<c r="{xl_col_to_name(col)}').alias("start"),
                pl.lit(end).alias("end"),
                "value",
            )
        )
    schema = {"row": pl.UInt32, "col": pl.UInt32, "start": pl.String, "end": pl.String, "value": pl.String}
    return tuple(pl.concat(frames) if frames else pl.DataFrame(schema=schema) for frames in (texts, numbers))


def _rows(cells: pl.DataFrame) -> bytes:
    """The <row> elements of ``cells`` (in row and column order), rows 2 onwards."""
    row = pl.col("row")
    number = (row + 2).cast(pl.String)
    return _joined(
        cells.select(
            pl.concat_str(
                pl.when(row.ne_missing(row.shift(1))).then(pl.concat_str(pl.lit('<row r="'), number, pl.lit('">'))),
                "start",
                number,
                "end",
                "value",
                pl.lit("</v></c>"),
                pl.when(row.ne_missing(row.shift(-1))).then(pl.lit("</row>")),
                ignore_nulls=True,
            )
        )
    )


def _shared_strings(texts: pl.Series) -> bytes:
    """<si> elements of ``texts``, written as xlsxwriter writes shared strings."""
    special = texts.str.contains(_SPECIAL_TEXT) | (texts.str.len_chars() > _EXCEL_TEXT_MAX // 2)
    texts = _fixed(texts, special, _excel_text)
    texts = _fixed(texts, texts.str.contains("[&<>]"), _xml_escaped)
    preserve = texts.str.contains(r"^\s") | texts.str.contains(r"\s$")  # leading or trailing space
    return _joined(
        texts.to_frame("t").select(
            pl.when(preserve).then(pl.lit('<si><t xml:space="preserve">')).otherwise(pl.lit("<si><t>"))
            + pl.col("t")
            + pl.lit("</t></si>")
        )
    )


def _fixed(texts: pl.Series, which: pl.Series, fix) -> pl.Series:
    """``texts`` with ``fix`` applied where ``which``: in Python, for the few texts that need it."""
    if not which.any():
        return texts
    positions = which.arg_true()
    return texts.clone().scatter(positions, [fix(text) for text in texts.gather(positions).to_list()])


def _xml_escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _joined(frame: pl.DataFrame) -> bytes:
    """The strings of a one-column frame end to end, in UTF-8 (polars' CSV writer, unquoted,
    without line ends: several times faster than ``str.join`` on tens of megabytes)."""
    buffer = io.BytesIO()
    frame.write_csv(buffer, include_header=False, quote_style="never", line_terminator="")
    return buffer.getvalue()


def _excel_text(text: str) -> str:
    """A text cut at Excel's limit, a literal _xHHHH_ escaped, control characters as _xHHHH_."""
    if len(text) > _EXCEL_TEXT_MAX // 2:
        units = 0
        for position, char in enumerate(text):
            units += 2 if ord(char) > 0xFFFF else 1
            if units > _EXCEL_TEXT_MAX:
                text = text[:position]
                break
    text = _ESCAPE_LIKE.sub(r"_x005F\1", text)
    text = _CONTROL.sub(lambda match: f"_x{ord(match.group(1)):04X}_", text)
    return text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")


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
