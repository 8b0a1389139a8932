"""Import real consultation exports into the dashboard's database.

Formats: Cap Collectif questionnaire exports (capcollectif.py), Grand Débat open data
(granddebat.py), any wide CSV or Excel file with an optional TOML mapping (generic.py).
Every format is read into the same normalised tables (assemble.py) and merged into the
database all or nothing (merge.py).

    parsed = importers.parse(data, "export.csv", importers.Options(theme="metavers"))
    parsed.report                      # what would be imported: the preview
    report = importers.commit(parsed, db_path)

Every problem is an ImportFileError whose message is French and says where (line, column).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from consultation import reference
from consultation.importers import assemble, capcollectif, generic, granddebat, merge
from consultation.importers.assemble import ParsedFile
from consultation.importers.coding import fold
from consultation.importers.common import (
    ImportFileError,
    RawTable,
    capitalised,
    check_size,
    clip,
    read_table,
    sheet_note,
)
from consultation.importers.mapping import Mapping
from consultation.importers.mapping import load as load_mapping

__all__ = [
    "FORMATS",
    "ImportFileError",
    "Mapping",
    "Options",
    "ParsedFile",
    "commit",
    "detect_format",
    "import_file",
    "load_mapping",
    "parse",
    "preview_problem",
]

log = logging.getLogger(__name__)

FORMATS = {
    capcollectif.FORMAT: capcollectif.LABEL,
    granddebat.FORMAT: granddebat.LABEL,
    generic.FORMAT: generic.LABEL,
}


@dataclass(frozen=True)
class Options:
    theme: str | None = None  # theme code (or label) of the file's rows; generic files may name a column instead
    format: str | None = None  # capcollectif | granddebat | generic; None: detected from the headers
    mapping: Mapping = field(default_factory=Mapping)
    include_drafts: bool = False  # Cap Collectif drafts become incomplete contributions instead of being skipped
    kinds: dict[str, str] = field(default_factory=dict)  # question column -> kind, the user's corrections
    limit: int | None = None  # size limit in bytes (default: common.max_bytes())


def detect_format(columns: list[str]) -> str:
    if capcollectif.matches(columns):
        return capcollectif.FORMAT
    if granddebat.matches(columns):
        return granddebat.FORMAT
    return generic.FORMAT


def resolve_theme(theme: str | None) -> str | None:
    """A theme code from a code or a French label (accents and case ignored)."""
    if theme is None or not str(theme).strip():
        return None
    wanted = fold(str(theme))
    for t in reference.THEMES:
        if wanted in (fold(t.theme_id), fold(t.label), fold(t.short_label)):
            return t.theme_id
    raise ImportFileError(f"thème inconnu « {clip(str(theme), 40)} » (thèmes : {', '.join(reference.THEME_IDS)}).")


def parse(data: bytes, file_name: str, options: Options | None = None, *, table: RawTable | None = None) -> ParsedFile:
    """Read and normalise a file, touching no database: what the preview shows.

    ``table`` reuses a file already read (the Données page re-parses when the user corrects a
    question kind). Raises ImportFileError only.
    """
    options = options or Options()
    try:
        return _parse(data, file_name, options, table)
    except ImportFileError:
        raise
    except Exception as e:  # a bug must not show a traceback to the person importing
        log.exception("unexpected error while reading %s", file_name)
        raise ImportFileError(
            f"erreur interne pendant la lecture du fichier ({type(e).__name__}) : rien n'a été importé. "
            "Signalez-la avec le fichier à l'équipe du tableau de bord."
        ) from e


def _parse(data: bytes, file_name: str, options: Options, table: RawTable | None) -> ParsedFile:
    table = table or read_table(data, file_name, limit=options.limit)
    try:
        return _parse_table(data, file_name, options, table)
    except ImportFileError as e:
        note = sheet_note(table.sheets)
        if not note:
            raise
        # The answers may be in another sheet: say that only the first one was read.
        raise ImportFileError(f"{e.message} {capitalised(note)}", line=e.line, column=e.column) from e


def _parse_table(data: bytes, file_name: str, options: Options, table: RawTable) -> ParsedFile:
    fmt = options.format or detect_format(table.columns)
    if fmt not in FORMATS:
        raise ImportFileError(f"format inconnu « {clip(fmt, 30)} » (formats : {', '.join(FORMATS)}).")
    detected = detect_format(table.columns)
    if options.format == generic.FORMAT and detected != generic.FORMAT:
        raise ImportFileError(
            f"ce fichier est un export {FORMATS[detected]} : importez-le dans ce format (ou en détection "
            "automatique), qui sait quelles colonnes sont des données personnelles.",
            line=1,
        )
    if options.format and fmt != generic.FORMAT and detected != fmt:
        expected = "export_contribution_id" if fmt == capcollectif.FORMAT else "authorId et authorZipCode"
        raise ImportFileError(
            f"ce fichier n'est pas au format {FORMATS[fmt]} : il n'a pas les colonnes {expected}.", line=1
        )
    theme = resolve_theme(options.mapping.theme or options.theme)
    include_drafts = options.include_drafts or bool(options.mapping.include_drafts)
    sha256 = hashlib.sha256(data).hexdigest()
    if fmt == capcollectif.FORMAT:
        options.mapping.check_against(table.columns)
        source = capcollectif.read(table, theme, options.mapping)
    elif fmt == granddebat.FORMAT:
        options.mapping.check_against(table.columns)
        source = granddebat.read(table, theme, options.mapping)
    else:
        source = generic.read(table, theme, options.mapping, sha256)
    return assemble.assemble(
        source,
        table,
        file_name=file_name,
        sha256=sha256,
        size=len(data),
        format_name=fmt,
        include_drafts=include_drafts,
        kinds=options.kinds,
    )


def preview_problem(parsed: ParsedFile, db_path: str | Path) -> str | None:
    """Why confirming this preview would be refused right now (already imported), or None."""
    db_path = Path(db_path)
    if not db_path.exists():
        return None
    try:
        current, _meta = merge.current_database(db_path)
    except ImportFileError as e:
        return e.describe()
    refusal = merge.already_imported(parsed.sha256, current["sources"] if current else None)
    return refusal[:1].upper() + refusal[1:] if refusal else None


def commit(parsed: ParsedFile, db_path: str | Path) -> dict:
    """Merge a parsed file into the database (all or nothing) and return the import report."""
    try:
        return merge.commit(parsed, db_path)
    except ImportFileError:
        raise
    except Exception as e:
        log.exception("unexpected error while importing %s", parsed.file_name)
        raise ImportFileError(
            f"erreur interne pendant l'écriture de la base ({type(e).__name__}) : la base n'a pas changé. "
            "Signalez-la à l'équipe du tableau de bord."
        ) from e


def import_file(path: str | Path, db_path: str | Path, options: Options | None = None) -> dict:
    """Read, normalise and merge one file from disk: the command line's import."""
    path = Path(path)
    options = options or Options()
    try:
        size = path.stat().st_size
    except OSError as e:
        raise ImportFileError(f"fichier introuvable ou illisible : {clip(str(path), 80)}.") from e
    check_size(size, options.limit)  # before reading a huge file into memory
    return commit(parse(path.read_bytes(), path.name, options), db_path)
