"""The upload flow of the Données page, without Streamlit: preview a file, then confirm it.

The page keeps a Preview in its session state (``state``, any mutable mapping) so that a
rerun (a widget change, the confirm button) does not read a large file again; a new file,
theme, format, mapping or kind correction makes a new preview.
"""

from __future__ import annotations

import hashlib
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from consultation.importers import ImportFileError, Options, ParsedFile, commit, load_mapping, parse, preview_problem
from consultation.importers.common import RawTable, read_table
from consultation.importers.kinds import KINDS
from consultation.importers.mapping import Mapping

STATE_PREVIEW = "_import_preview"
STATE_TABLE = "_import_table"
STATE_KINDS = "_import_kinds"
STATE_DONE = "_import_done"


@dataclass
class Preview:
    """What the page shows before the user confirms: the parsed file, or why it cannot be imported."""

    key: tuple
    file_name: str
    parsed: ParsedFile | None = None
    error: str | None = None  # the file cannot be imported at all
    refusal: str | None = None  # it could be read, but confirming would be refused (already imported)
    kinds: dict[str, str] = field(default_factory=dict)

    @property
    def can_confirm(self) -> bool:
        return self.parsed is not None and self.error is None and self.refusal is None


def preview_upload(
    data: bytes,
    file_name: str,
    db_path: str | Path,
    *,
    theme: str | None = None,
    format_name: str | None = None,
    mapping_text: bytes | None = None,
    include_drafts: bool = False,
    kinds: dict[str, str] | None = None,
    table: RawTable | None = None,
) -> Preview:
    """Read ``data`` and say what importing it would do. Never raises for a bad file."""
    kinds = dict(kinds or {})
    key = preview_key(data, theme, format_name, mapping_text, include_drafts, kinds)
    try:
        mapping = load_mapping(mapping_text) if mapping_text else Mapping()
        options = Options(theme=theme, format=format_name, mapping=mapping, include_drafts=include_drafts, kinds=kinds)
        parsed = parse(data, file_name, options, table=table)
    except ImportFileError as e:
        return Preview(key, file_name, error=e.describe(), kinds=kinds)
    return Preview(key, file_name, parsed=parsed, refusal=preview_problem(parsed, db_path), kinds=kinds)


def confirm_upload(preview: Preview, db_path: str | Path) -> tuple[dict | None, str | None]:
    """Import a previewed file: (report, None) on success, (None, French error) otherwise."""
    if preview.parsed is None:
        return None, preview.error or "aucun fichier à importer."
    try:
        return commit(preview.parsed, db_path), None
    except ImportFileError as e:
        return None, e.describe()


def preview_key(data: bytes, *options) -> tuple:
    """Identifies a file and the options it was previewed with."""
    return (hashlib.sha256(data).hexdigest(), *(repr(o) for o in options))


def cached_preview(state: MutableMapping, data: bytes, file_name: str, db_path: str | Path, **options) -> Preview:
    """The preview for this file and these options, reusing the one in ``state`` when it matches
    (and the file already read, when only the options changed)."""
    kinds = state.get(STATE_KINDS, {}).get(hashlib.sha256(data).hexdigest(), {})
    options = {**options, "kinds": kinds}
    key = preview_key(
        data,
        options.get("theme"),
        options.get("format_name"),
        options.get("mapping_text"),
        options.get("include_drafts", False),
        kinds,
    )
    known = state.get(STATE_PREVIEW)
    if known is not None and known.key == key:
        return known
    table = None
    cached = state.get(STATE_TABLE)
    if cached is not None and cached[0] == key[0]:
        table = cached[1]
    else:
        try:
            table = read_table(data, file_name)
            state[STATE_TABLE] = (key[0], table)
        except ImportFileError:
            table = None  # preview_upload reports it
    preview = preview_upload(data, file_name, db_path, table=table, **options)
    state[STATE_PREVIEW] = preview
    return preview


def record_kinds(state: MutableMapping, preview: Preview, edited: pl.DataFrame | None) -> bool:
    """Keep the user's corrections of question kinds (the preview's editable "Type" column).

    ``edited`` has the columns "Colonne" and "Type" (kind codes). Returns True when something
    changed (the page then reruns to preview again with the corrections)."""
    if preview.parsed is None or edited is None or edited.height == 0:
        return False
    current = dict(preview.parsed.questions.select("column", "kind").unique("column").iter_rows())
    wanted = {
        column: kind
        for column, kind in edited.select("Colonne", "Type").iter_rows()
        if kind in KINDS and current.get(column) not in (None, kind)
    }
    if not wanted:
        return False
    all_kinds = state.setdefault(STATE_KINDS, {})
    all_kinds[preview.parsed.sha256] = {**all_kinds.get(preview.parsed.sha256, {}), **wanted}
    return True


def forget(state: MutableMapping) -> None:
    """Drop the preview and the file read (after an import, or when the upload is cleared)."""
    for key in (STATE_PREVIEW, STATE_TABLE):
        state.pop(key, None)
