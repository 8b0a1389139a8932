"""What every importer shares: the French error, reading bytes into a table of strings, and
the normalisation of cell values (HTML, white space, dates, booleans).

Reading never guesses silently: the file must not be empty, binary or over the size limit;
its encoding is UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252 / ISO-8859-1
(decoded in Python, never by DuckDB, which rejects Windows-1252 bytes); a file that mixes
UTF-8 and another encoding is refused with the line where it happens, rather than turning
accents into "Ã©" or "�".
"""

from __future__ import annotations

import codecs
import csv
import html
import io
import os
import re
import unicodedata
from dataclasses import dataclass, field

import polars as pl

DEFAULT_MAX_MB = 200
MAX_MB_ENV = "CONSULTATION_IMPORT_MAX_MB"
SEPARATORS = (",", ";", "\t", "|")
SEPARATOR_NAMES = {",": "virgule", ";": "point-virgule", "\t": "tabulation", "|": "barre verticale"}

_BINARY_MAGIC = {
    b"\x7fELF": "exécutable",
    b"\xcf\xfa\xed\xfe": "exécutable",  # Mach-O (macOS), 64 and 32 bits, and universal binaries
    b"\xce\xfa\xed\xfe": "exécutable",
    b"\xca\xfe\xba\xbe": "exécutable",
    b"%PDF": "document PDF",
    b"\x89PNG": "image PNG",
    b"\xff\xd8\xff": "image JPEG",
    b"GIF8": "image GIF",
    b"\x1f\x8b": "archive gzip",
    b"7z\xbc\xaf": "archive 7z",
    b"Rar!": "archive RAR",
    b"SQLite format 3": "base SQLite",
}
_ZIP = b"PK\x03\x04"
# What a ZIP holds when it is a spreadsheet: .xlsx/.xlsm, .xlsb, OpenDocument (.ods).
_WORKBOOK_ENTRIES = ("xl/workbook.xml", "xl/workbook.bin", "content.xml")
csv.field_size_limit(256 * 1024 * 1024)  # long answers: the default limit is 128 KiB a cell
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls


class ImportFileError(Exception):
    """A file that cannot be imported, explained in French for the person who chose it.

    ``line`` is the line of the file (1 = header) or the spreadsheet row; ``column`` its header.
    """

    def __init__(self, message: str, *, line: int | None = None, column: str | None = None):
        self.message = message
        self.line = line
        self.column = column
        super().__init__(self.describe())

    def describe(self) -> str:
        """The message as a sentence, with where it happened first: "Ligne 3, colonne « Date » : …"."""
        where = []
        if self.line is not None:
            where.append(f"ligne {self.line}")
        if self.column is not None:
            where.append(f"colonne « {clip(self.column, 60)} »")
        if not where:
            return self.message[:1].upper() + self.message[1:]
        return f"{', '.join(where).capitalize()} : {self.message}"


def clip(text: str, limit: int = 80) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def max_bytes() -> int:
    """The size limit of an imported file: $CONSULTATION_IMPORT_MAX_MB megabytes (default 200)."""
    try:
        mb = float(os.environ.get(MAX_MB_ENV) or DEFAULT_MAX_MB)
    except ValueError:
        mb = DEFAULT_MAX_MB
    return int(mb * 1024 * 1024)


@dataclass
class RawTable:
    """A file read as text cells: one column a header, one row a record, nothing interpreted."""

    columns: list[str]  # headers, cleaned and made unique, in file order
    frame: pl.DataFrame  # one String column a header (empty cells are null)
    lines: list[int]  # the line (CSV) or row (Excel) where each record starts
    container: str  # "csv" | "excel"
    encoding: str | None = None  # e.g. "UTF-8", "UTF-8 (BOM)", "Windows-1252"
    separator: str | None = None
    warnings: list[str] = field(default_factory=list)
    skipped_blank_lines: int = 0
    sheets: list[str] = field(default_factory=list)  # a workbook's sheets, in order (only the first is read)

    @property
    def row_count(self) -> int:
        return self.frame.height


# --- Reading -------------------------------------------------------------------------------


def check_size(size: int, limit: int | None = None) -> None:
    """Refuse an empty file and a file over the size limit (bytes; default max_bytes())."""
    limit = max_bytes() if limit is None else limit
    if size == 0:
        raise ImportFileError("le fichier est vide (0 octet).")
    if size > limit:
        raise ImportFileError(
            f"le fichier fait {_size(size)}, au-delà de la limite de {_size(limit)} "
            f"(réglable avec la variable {MAX_MB_ENV})."
        )


def _size(size: int) -> str:
    """'181 Mo', '2,5 Mo', '12 Ko'."""
    mb = size / 1024 / 1024
    if mb >= 10:
        return f"{mb:.0f} Mo"
    if mb >= 1:
        return f"{mb:.1f} Mo".replace(".", ",")
    return f"{max(size / 1024, 0.1):.1f} Ko".replace(".", ",").replace(",0 Ko", " Ko")


def read_table(data: bytes, file_name: str = "", *, limit: int | None = None) -> RawTable:
    """Bytes of an uploaded CSV or Excel file -> RawTable, or ImportFileError in French."""
    check_size(len(data), limit)
    if data.startswith(_ZIP) and not _zip_is_workbook(data):
        raise binary_error("archive ZIP")
    if data.startswith((_ZIP, _OLE2)):
        return _read_excel(data, file_name)
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise binary_error(what)
    text, encoding, warnings = decode(data)
    table = _read_csv(text)
    table.encoding = encoding
    table.warnings[:0] = warnings
    return table


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """The text of a CSV file, the name of its encoding, and warnings about damaged text."""
    warnings: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        text, name = _strict_utf8(data[3:], offset=3), "UTF-8 (avec BOM)"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, name = data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as e:
            raise ImportFileError("le fichier annonce l'encodage UTF-16 mais ne le respecte pas.") from e
    else:
        _refuse_binary(data)
        try:
            text, name = data.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError as e:
            text, name = _decode_legacy(data, e)
    if "\x00" in text or _control_share(text) > 0.005:
        raise ImportFileError("le fichier contient des caractères de contrôle : c'est un fichier binaire, pas un CSV.")
    replaced = text.count("\ufffd")
    if replaced:
        line = text[: text.index("\ufffd")].count("\n") + 1
        warnings.append(
            f"{replaced} caractère(s) « \ufffd » étaient déjà dans le fichier (première fois ligne {line}) : "
            "des accents ont été perdus avant l'export."
        )
    mojibake = len(re.findall(r"Ã[©¨ª§ ¢®´¹»«€]", text))
    if mojibake:
        warnings.append(
            f"{mojibake} suite(s) comme « Ã© » : une partie du texte semble avoir été encodée deux fois avant l'export."
        )
    return text, name, warnings


def _strict_utf8(data: bytes, offset: int = 0) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ImportFileError(
            "le fichier commence par la marque UTF-8 (BOM) mais contient des octets qui ne sont pas de l'UTF-8.",
            line=data[: e.start].count(b"\n") + 1,
        ) from e


def binary_error(what: str | None = None) -> ImportFileError:
    """« Ce fichier n'est pas un export CSV ou Excel (contenu binaire : exécutable). »"""
    return ImportFileError(
        f"ce fichier n'est pas un export CSV ou Excel (contenu binaire{f' : {what}' if what else ''})."
    )


def _zip_is_workbook(data: bytes) -> bool:
    """A ZIP archive holding a workbook; True as well when the archive is too damaged to list
    (the Excel reader then says the workbook is damaged)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return True
    return any(entry in names for entry in _WORKBOOK_ENTRIES)


def _refuse_binary(data: bytes) -> None:
    """NUL bytes in a file without BOM: UTF-16 text that lost its BOM, or binary content."""
    head = data[:65536]
    if b"\x00" not in head:
        return
    if head.startswith(b"MZ"):
        raise binary_error("exécutable")
    # UTF-16 without BOM: every other byte is zero in Latin text, and the rest reads as text.
    for endian, zeros in (("le", head[1::2]), ("be", head[0::2])):
        if zeros.count(0) > 0.4 * len(zeros) and _reads_as_text(
            head[: len(head) // 2 * 2].decode(f"utf-16-{endian}", "replace")
        ):
            raise ImportFileError(
                "le fichier semble encodé en UTF-16 sans marque d'encodage : réenregistrez-le en CSV UTF-8."
            )
    raise binary_error()


def _reads_as_text(text: str) -> bool:
    """Decoded text with (almost) no control or replacement characters."""
    text = text[:-1] if text.endswith("\ufffd") else text  # a character cut by the 64 KiB sample
    odd = sum(1 for c in text if c == "\ufffd" or (ord(c) < 32 and c not in "\t\n\r") or 0x7F <= ord(c) < 0xA0)
    return bool(text) and odd <= 0.01 * len(text)


# A UTF-8 encoded character French text uses: Latin-1 letters and signs (é, à, «, °, nbsp),
# Latin Extended-A (œ), punctuation (’ “ ” – — …), € and emoji. Not followed by a continuation
# byte, so that it is a whole, valid sequence. In Windows-1252 / ISO-8859-1 text these byte
# pairs read « Ã© », « Å“ », « â€™ »: never typed on purpose.
_UTF8_CHARACTER = re.compile(
    rb"(?:\xc2[\xa0-\xbf]|[\xc3-\xc5][\x80-\xbf]|\xe2\x80[\x80-\xbf]|\xe2\x82\xac|\xf0\x9f[\x80-\xbf]{2})(?![\x80-\xbf])"
)


def _decode_legacy(data: bytes, error: UnicodeDecodeError) -> tuple[str, str]:
    """Not UTF-8: Windows-1252 / ISO-8859-1, unless the file mixes in UTF-8 sequences.

    One UTF-8 character next to bytes that are not UTF-8 is enough to refuse the file: decoded
    either way, part of its text would be wrong (« cafÃ© » or « th\ufffdtre »)."""
    latin_line = data[: error.start].count(b"\n") + 1
    utf8 = _UTF8_CHARACTER.search(data)
    if utf8 is not None:
        mixed_line = max(latin_line, data[: utf8.start()].count(b"\n") + 1)  # where both have been seen
        raise ImportFileError(
            "le fichier mélange deux encodages (UTF-8 et un autre, sans doute Windows-1252) : "
            "réenregistrez-le entièrement en UTF-8.",
            line=mixed_line,
        )
    from charset_normalizer import from_bytes

    guess = from_bytes(data[:200_000]).best()
    if guess is None:
        raise ImportFileError(
            "encodage illisible : le fichier n'est ni en UTF-8 ni en Windows-1252 / ISO-8859-1.", line=latin_line
        )
    # Windows-1252 is ISO-8859-1 plus printable characters in 0x80-0x9F (€ œ ’ …), which ISO-8859-1
    # uses for control codes nobody types: decoding as Windows-1252 is right for both.
    text = data.decode("cp1252", errors="latin1_fallback")
    high_controls = re.search(rb"[\x80-\x9f]", data)
    name = "Windows-1252" if high_controls else "ISO-8859-1 (Latin-1)"
    return text, name


def _latin1_fallback(error: UnicodeDecodeError):
    # The five bytes Windows-1252 leaves undefined decode as in ISO-8859-1 (C1 controls).
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("latin1_fallback", _latin1_fallback)


def _control_share(text: str) -> float:
    sample = text[:100_000]
    if not sample:
        return 0.0
    controls = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r") or 0x7F <= ord(c) < 0xA0)
    return controls / len(sample)


def sniff_separator(text: str) -> str:
    """The separator giving the most columns, consistently, over the first records."""
    sample = text[:200_000]
    best, best_score = ",", (-1.0, 0)
    for sep in SEPARATORS:
        try:
            rows = []
            reader = csv.reader(io.StringIO(sample, newline=""), delimiter=sep)
            for row in reader:
                if row:
                    rows.append(len(row))
                if len(rows) >= 30:
                    break
        except csv.Error:
            rows = rows[:-1] if rows else rows
        if not rows or rows[0] < 2:
            continue
        body = rows[1:-1] if len(rows) > 2 else rows[1:]  # the last sampled record may be cut
        consistency = sum(1 for n in body if n == rows[0]) / len(body) if body else 1.0
        score = (round(consistency, 1), rows[0])
        if score > best_score:
            best, best_score = sep, score
    return best


def _read_csv(text: str) -> RawTable:
    if not text.strip():
        raise ImportFileError("le fichier ne contient aucune ligne.")
    sep = sniff_separator(text)
    try:
        table = _read_csv_fast(text, sep)
    except Exception:  # polars refused the file: the careful reader below says where and why
        table = None
    return table if table is not None else read_csv_careful(text, sep)


def _read_csv_fast(text: str, sep: str) -> RawTable | None:
    """polars' multi-threaded reader; None when its reading cannot be trusted to the line."""
    raw = pl.read_csv(
        text.encode("utf-8"), has_header=False, infer_schema=False, separator=sep, quote_char='"', raise_if_empty=False
    )
    if raw.height == 0:
        return None
    header = list(raw.row(0))
    if all(v is None or not v.strip() for v in header):
        return None  # blank lines before the header: the careful reader skips them
    names = raw.columns
    spans = raw.select(
        (1 + pl.sum_horizontal(pl.col(c).str.count_matches("\n").fill_null(0) for c in names)).alias("n")
    )["n"]
    ends = spans.cum_sum()
    total_lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if ends[-1] != total_lines:
        return None  # lone CR line ends, or a reading that differs from the CSV rules: be careful
    starts = (ends - spans + 1).slice(1)
    body = raw.slice(1).with_columns(pl.all().replace("", None))
    blank = body.select(
        pl.all_horizontal(pl.col(c).is_null() | (pl.col(c).str.strip_chars() == "") for c in names).alias("b")
    )["b"]
    columns = unique_headers([v or "" for v in header])
    frame = body.filter(~blank).rename(dict(zip(names, columns, strict=True)))
    lines = starts.filter(~blank).to_list()
    return RawTable(columns, frame, lines, "csv", separator=sep, skipped_blank_lines=int(blank.sum()))


def read_csv_careful(text: str, sep: str) -> RawTable:
    """Python's csv module, record by record: slower, but it knows the line of every problem."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, quotechar='"', doublequote=True, strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    header: list[str] | None = None
    blank = 0
    start = 1
    try:
        for record in reader:
            if header is None:
                if not record or not any(cell.strip() for cell in record):
                    start = reader.line_num + 1
                    continue
                header = record
                width = len(header)
            elif not record or not any(cell.strip() for cell in record):
                blank += 1
            else:
                if len(record) != width:
                    if len(record) > width and not any(c.strip() for c in record[width:]):
                        record = record[:width]  # trailing separators
                    else:
                        raise ImportFileError(
                            f"{len(record)} champs au lieu de {width} (séparateur « {SEPARATOR_NAMES[sep]} ») : "
                            "une cellule contient sans doute un guillemet ou un séparateur mal échappé.",
                            line=start,
                        )
                rows.append(record)
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as e:
        raise ImportFileError(
            f"structure CSV invalide ({_csv_error_fr(e)}) : un guillemet n'est sans doute pas fermé.", line=start
        ) from e
    if header is None:
        raise ImportFileError("le fichier ne contient aucune ligne.")
    columns = unique_headers(header)
    frame = pl.DataFrame(
        {name: list(values) for name, values in zip(columns, zip(*rows, strict=True), strict=True)}
        if rows
        else {name: [] for name in columns},
        schema=dict.fromkeys(columns, pl.String),
    )
    frame = frame.with_columns(pl.all().replace("", None))
    return RawTable(columns, frame, lines, "csv", separator=sep, skipped_blank_lines=blank)


def _csv_error_fr(error: csv.Error) -> str:
    text = str(error)
    if "EOF" in text or "end of data" in text:
        return "fin de fichier à l'intérieur d'une cellule entre guillemets"
    if "expected after" in text:
        return "caractère inattendu après un guillemet fermant"
    if "NUL" in text or "null byte" in text:
        return "octet nul"
    return "cellule mal formée"


def _read_excel(data: bytes, file_name: str) -> RawTable:
    import fastexcel

    try:
        reader = fastexcel.read_excel(data)
        names = reader.sheet_names
        if not names:
            raise ImportFileError("le classeur Excel ne contient aucune feuille.")
        sheet = reader.load_sheet(0, dtypes="string")
        frame = sheet.to_polars()
    except ImportFileError:
        raise
    except Exception as e:  # calamine errors are many and English
        kind = "un classeur Excel" if data.startswith(_OLE2) or file_name.lower().endswith((".xlsx", ".xls")) else None
        if kind is None:
            raise binary_error("archive ZIP") from e
        raise ImportFileError("classeur Excel illisible ou abîmé.") from e
    note = sheet_note(names)
    warnings = [note] if note else []
    columns = unique_headers([str(c) for c in frame.columns])
    frame = frame.rename(dict(zip(frame.columns, columns, strict=True))).cast(pl.String)
    frame = frame.with_columns(pl.all().str.strip_chars().replace("", None))
    keep = frame.select(pl.any_horizontal(pl.all().is_not_null()).alias("k"))["k"]
    lines = [i + 2 for i, k in enumerate(keep.to_list()) if k]
    blank = frame.height - len(lines)
    frame = frame.filter(keep)
    if not columns:
        raise ImportFileError(" ".join(["la première feuille du classeur est vide.", *map(capitalised, warnings)]))
    return RawTable(columns, frame, lines, "excel", warnings=warnings, skipped_blank_lines=blank, sheets=list(names))


def sheet_note(sheets: list[str]) -> str | None:
    """« le classeur a 3 feuilles : seule la première, « Réponses », est lue. » (None for one sheet)."""
    if len(sheets) < 2:
        return None
    return f"le classeur a {len(sheets)} feuilles : seule la première, « {clip(sheets[0], 60)} », est lue."


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def unique_headers(header: list[str]) -> list[str]:
    """Clean header texts; an empty one becomes "Colonne N", a repeated one gets " (2)"."""
    out: list[str] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(header, 1):
        name = clean_text(raw.lstrip("\ufeff")) or f"Colonne {i}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        seen.setdefault(name, 1)
        out.append(name)
    return out


# --- Values --------------------------------------------------------------------------------

# Only the tags of rich-text answers are HTML: « réponse <Oui> » or « a<b and b>c » are typed
# text and stay. An attribute has a value (href="…", class=x), so « <b and b> » is not a tag.
_TAG_NAMES = (
    r"(?:p|br|b|i|u|s|em|strong|a|span|div|ul|ol|li|h[1-6]|blockquote|font|sup|sub|strike"
    r"|table|thead|tbody|tfoot|tr|td|th|img|hr)"
)
_ATTRIBUTE = r"""\s+[A-Za-z_:][-A-Za-z0-9_:.]*\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+)"""
_BLOCK_TAG = rf"(?i)<(?:br(?:{_ATTRIBUTE})*\s*/?|/(?:p|div|li|h[1-6]|tr)\s*)>"
_TAG = rf"(?i)<(?:{_TAG_NAMES}(?:{_ATTRIBUTE})*\s*/?|/{_TAG_NAMES}\s*|!--[\s\S]*?--)>"
_ENTITY = r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"


_DIRTY = r"[\r<\t\f\v&]|  | \n|\n |\n\n\n|^\s|\s$"  # cells that need more than NFC


def clean_text(value: str | None) -> str | None:
    """One cell: tags stripped, entities decoded, white space tidied, NFC. Empty -> None."""
    if value is None:
        return None
    return clean_series(pl.Series("v", [value], dtype=pl.String))[0]


def clean_series(s: pl.Series) -> pl.Series:
    """A column of cells cleaned like clean_text. Most cells are clean already: only those that
    need it go through the regular expressions (and Python, for HTML entities)."""
    s = s.cast(pl.String)
    dirty = s.str.contains(_DIRTY).fill_null(False)
    if dirty.any():
        idx = dirty.arg_true()
        s = s.scatter(idx, _clean_dirty(s.gather(idx)))
    marks = s.str.contains(r"\p{M}").fill_null(False)  # accents typed as two characters (e + ◌́)
    if marks.any():
        idx = marks.arg_true()
        s = s.scatter(idx, s.gather(idx).str.normalize("NFC"))
    return s.replace("", None)


def _clean_dirty(s: pl.Series) -> pl.Series:
    s = s.str.replace_all(r"\r\n?", "\n")
    tagged = s.str.contains(r"<[A-Za-z/!]").fill_null(False)
    if tagged.any():
        idx = tagged.arg_true()
        s = s.scatter(idx, s.gather(idx).str.replace_all(_BLOCK_TAG, "\n").str.replace_all(_TAG, ""))
    entities = s.str.contains(_ENTITY).fill_null(False)
    if entities.any():
        idx = entities.arg_true()
        s = s.scatter(idx, [html.unescape(v) for v in s.gather(idx).to_list()])
    return (
        s.str.replace_all(r"[ \t\f\v]+", " ")
        .str.replace_all(r" ?\n ?", "\n")
        .str.replace_all(r"\n{3,}", "\n\n")
        .str.strip_chars()
    )


_TRUE = {"oui", "true", "vrai", "1", "yes", "y", "o"}
_FALSE = {"non", "false", "faux", "0", "no", "n"}


def parse_bool(s: pl.Series) -> pl.Series:
    """Oui/Non, true/false, 1/0, yes/no -> Boolean; anything else -> null."""
    low = s.str.strip_chars().str.to_lowercase()
    return pl.select(
        pl.when(low.is_in(list(_TRUE))).then(True).when(low.is_in(list(_FALSE))).then(False).otherwise(None)
    ).to_series()


_AWARE_FORMATS = ("%Y-%m-%d %H:%M:%S%z", "%Y-%m-%d %H:%M%z")
_NAIVE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d",
)
TIMEZONE = "Europe/Paris"


def parse_datetimes(s: pl.Series) -> pl.Series:
    """Date texts -> Europe/Paris wall-clock Datetime (null where unreadable).

    Without a zone the text is taken as Paris time (Cap Collectif exports); with one
    (Z, +01:00 or +0100) it is converted to Paris time. Years outside 1990-2100 are refused.
    """
    t = (
        s.cast(pl.String)
        .str.strip_chars()
        .str.replace(r"^(\d{4}-\d{2}-\d{2})T", "$1 ")
        .str.replace(r"(\d{2}:\d{2}(?::\d{2})?)[.,]\d+", "$1")
        .str.replace(r"\s*(?:Z|UTC|GMT)$", "+00:00")
        .str.replace(r"\s+([+-]\d{2}:?\d{2})$", "$1")
    )
    parsed: list[pl.Series] = []
    for fmt in _AWARE_FORMATS:
        aware = t.str.to_datetime(fmt, strict=False, time_unit="us")
        parsed.append(aware.dt.convert_time_zone(TIMEZONE).dt.replace_time_zone(None))
    has_zone = t.str.contains(r"[+-]\d{2}:?\d{2}$").fill_null(False)
    for fmt in _NAIVE_FORMATS:
        naive = t.str.to_datetime(fmt, strict=False, time_unit="us")
        parsed.append(pl.select(pl.when(has_zone).then(None).otherwise(naive)).to_series())
    out = pl.select(pl.coalesce(parsed)).to_series()
    year = out.dt.year()
    return pl.select(pl.when((year >= 1990) & (year <= 2100)).then(out).otherwise(None)).to_series()


# --- Columns -------------------------------------------------------------------------------

_EMAIL = r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$"
_PHONE = r"^(?:\+|00)?[\d .\-()]{9,20}$"
_PII_HEADER = re.compile(
    r"^(?:votre |vos |ton |son )?(?:nom|prenom|prenoms|nom et prenom|nom prenom|nom de famille|e ?mail|adresse e ?mail|"
    r"adresse mail|adresse electronique|adresse postale|adresse|courriel|mail|telephone|tel|portable|mobile|"
    r"numero de telephone|ip|ipaddr|adresse ip|identite|signature|pseudo|pseudonyme|username|nom d utilisateur|"
    r"author ?username|author ?email|author ?name|nom de (?:votre |la )?(?:structure|organisation|organisme|entreprise|association))\b"
)

# A short header that ends by naming a contact: "Quel est votre e-mail ?", "author_email".
_PII_HEADER_END = re.compile(
    r"\b(?:e ?mail|courriel|adresse electronique|telephone|phone|username|user ?name|nom d utilisateur|ip ?addr|"
    r"adresse ip|ip address|votre nom|votre prenom|author(?: name)?)$"
)


def pii_reason(header: str, values: pl.Series | None = None, *, trust_header: bool = False) -> str | None:
    """Why a column holds personal data (and must not be stored), or None.

    ``trust_header``: the mapping file declares the column as a question, so only its values
    (e-mail addresses, phone numbers) can make it personal."""
    from consultation.importers.coding import fold

    folded = fold(header)
    if not trust_header and len(folded) <= 60 and (_PII_HEADER.match(folded) or _PII_HEADER_END.search(folded)):
        return "donnée personnelle (intitulé)"
    if values is not None:
        sample = values.drop_nulls().head(2000)
        if sample.len() >= 3:
            emails = sample.str.strip_chars().str.contains(_EMAIL).sum()
            phones = sample.str.strip_chars().str.contains(_PHONE).sum()
            if emails > 0.3 * sample.len():
                return "adresses e-mail"
            if phones > 0.3 * sample.len() and sample.str.len_chars().max() <= 20:
                return "numéros de téléphone"
    return None


ROLE_LABELS = {
    "profile": "profil",
    "sector": "secteur",
    "organisation_type": "type d'organisation",
    "region": "région",
    "zip_code": "code postal",
}
_ROLE_HEADERS = {
    "profile": re.compile(r"^(?:vous etes|etes vous|votre profil|profil|vous repondez|vous repondez en tant que)\b"),
    "sector": re.compile(r"^(?:votre |quel est votre |dans quel )?(?:secteur|domaine d activite)\b"),
    "organisation_type": re.compile(
        r"^(?:votre |quel est le |quel type de )?(?:type|nature|statut) (?:de |d )?(?:votre |la )?"
        r"(?:structure|organisation|organisme|etablissement)\b|^(?:votre |type de )?(?:structure|organisation)$"
    ),
    "region": re.compile(r"^(?:votre |quelle est votre |dans quelle |de quelle )?region\b"),
    "zip_code": re.compile(r"^(?:votre |quel est votre )?code postal\b|^zip ?code$|^cp$"),
}


def header_role(header: str) -> str | None:
    """The respondent dimension a column describes, judged by its header, or None."""
    from consultation.importers.coding import fold

    folded = fold(header)
    if len(folded) > 80:
        return None
    for role, pattern in _ROLE_HEADERS.items():
        if pattern.search(folded):
            return role
    return None


def normalise_whitespace(value: str) -> str:
    return unicodedata.normalize("NFC", " ".join(value.split()))
