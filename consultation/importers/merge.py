"""Merge one parsed file into the consultation database: all or nothing.

Under an exclusive lock (two imports never interleave), the current database is read back
(unless it holds the demo data, which the first real import replaces), the file's rows are
added, and store.build_database writes a complete new file and swaps it in with os.replace.
Any failure before the swap leaves the database byte for byte as it was; readers only ever
see the old complete database or the new complete one.

Respondents are pseudonymised here: respondent_id = "R" + HMAC-SHA256(salt, key), where the
key is the platform's author id (or an e-mail, never stored) and the salt is a per-database
secret generated with ``secrets`` on the first import and kept in the meta table.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import hmac
import json
import re
import secrets
import threading
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import polars as pl

from consultation import fr, reference, store
from consultation.importers.assemble import ParsedFile
from consultation.importers.common import ImportFileError, clip
from consultation.importers.kinds import KIND_LABELS

SALT_KEY = "pseudonym_salt"
_thread_lock = threading.Lock()

SCHEMAS = {
    "questions": {
        "question_id": pl.String,
        "theme_id": pl.String,
        "position": pl.Int32,
        "label": pl.String,
        "kind": pl.String,
        "choices": pl.List(pl.String),
    },
    "respondents": {
        "respondent_id": pl.String,
        "profile": pl.String,
        "sector": pl.String,
        "organisation_type": pl.String,
        "region_code": pl.String,
    },
    "contributions": {
        "contribution_id": pl.String,
        "respondent_id": pl.String,
        "theme_id": pl.String,
        "submitted_at": pl.Datetime("us"),
        "is_complete": pl.Boolean,
        "source_id": pl.String,
    },
    "answers": {
        "contribution_id": pl.String,
        "question_id": pl.String,
        "text": pl.String,
        "choices": pl.List(pl.String),
        "number": pl.Float64,
    },
    "sources": {
        "source_id": pl.String,
        "file_name": pl.String,
        "file_sha256": pl.String,
        "format": pl.String,
        "imported_at": pl.Datetime("us"),
        "row_count": pl.Int64,
        "contribution_count": pl.Int64,
        "respondent_count": pl.Int64,
        "answer_count": pl.Int64,
        "report": pl.String,
    },
}


@contextlib.contextmanager
def import_lock(db_path: Path):
    """One import at a time on a database, across threads and processes."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = db_path.with_name(f".{db_path.name}.import-lock.tmp")
    with _thread_lock, open(lock_path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def current_database(db_path: Path) -> tuple[dict[str, pl.DataFrame] | None, dict[str, str]]:
    """The imported tables and meta of the database (None for no database or demo data)."""
    if not db_path.exists():
        return None, {}
    try:
        frames, meta = store.read_frames(db_path)
    except Exception as e:  # a damaged or foreign file: refuse rather than replace it
        raise ImportFileError(
            f"la base actuelle ({db_path.name}) est illisible : import annulé, rien n'a changé."
        ) from e
    if meta.get("is_demo") == "true":
        return None, meta
    return frames, meta


def already_imported(sha256: str, sources: pl.DataFrame | None) -> str | None:
    """The French refusal when a file with this fingerprint was imported before, else None."""
    if sources is None or sources.height == 0 or "file_sha256" not in sources.columns:
        return None
    same = sources.filter(pl.col("file_sha256") == sha256)
    if same.height == 0:
        return None
    row = same.row(0, named=True)
    when = fr.day(row["imported_at"]) if row["imported_at"] else "une date inconnue"
    return (
        f"ce fichier a déjà été importé (le {when}, sous le nom « {clip(row['file_name'], 60)} ») : "
        "un même fichier n'est jamais importé deux fois."
    )


def pseudonym(salt: str, key: str) -> str:
    return "R" + hmac.new(salt.encode(), key.encode(), hashlib.sha256).hexdigest()[:20]


def commit(parsed: ParsedFile, db_path: str | Path, *, now: datetime | None = None) -> dict:
    """Add ``parsed`` to the database at ``db_path`` (creating it, or replacing demo data).

    Returns the import report (also stored in the sources table). Raises ImportFileError,
    leaving the database unchanged, when the file was already imported or overlaps it.
    """
    db_path = Path(db_path)
    now = now or datetime.now(ZoneInfo("Europe/Paris")).replace(tzinfo=None, microsecond=0)
    with import_lock(db_path):
        current, meta = current_database(db_path)
        replaced_demo = meta.get("is_demo") == "true"
        refusal = already_imported(parsed.sha256, current["sources"] if current else None)
        if refusal:
            raise ImportFileError(refusal)
        salt = (meta.get(SALT_KEY) if current is not None else None) or secrets.token_hex(32)
        source_id = f"src-{parsed.sha256[:12]}"
        new, extra = _normalised(parsed, salt, source_id, current)
        report = {
            **parsed.report,
            "source_id": source_id,
            "imported_at": now.isoformat(sep=" "),
            "replaced_demo": replaced_demo,
            **extra,
        }
        new["sources"] = pl.DataFrame(
            [
                {
                    "source_id": source_id,
                    "file_name": parsed.file_name,
                    "file_sha256": parsed.sha256,
                    "format": parsed.format,
                    "imported_at": now,
                    "row_count": parsed.report["rows_read"],
                    "contribution_count": parsed.report["contributions"],
                    "respondent_count": parsed.report["respondents"],
                    "answer_count": parsed.report["answers"],
                    "report": json.dumps(report, ensure_ascii=False, default=str),
                }
            ],
            schema=SCHEMAS["sources"],
        )
        frames = _combined(current, new)
        kept_meta = {k: v for k, v in meta.items() if k not in ("schema_version",)} if current is not None else {}
        store.build_database(
            db_path,
            frames,
            {
                **kept_meta,
                "source": "import",
                "is_demo": "false",
                SALT_KEY: salt,
                "last_import_at": report["imported_at"],
            },
        )
    return report


def _normalised(
    parsed: ParsedFile, salt: str, source_id: str, current: dict[str, pl.DataFrame] | None
) -> tuple[dict[str, pl.DataFrame], dict]:
    """The file's rows in the database's shape: pseudonyms, question ids, source id."""
    keys = parsed.respondents["respondent_key"].to_list()
    ids = {k: pseudonym(salt, k) for k in keys}
    respondents = parsed.respondents.with_columns(
        pl.col("respondent_key").replace_strict(ids, return_dtype=pl.String).alias("respondent_id")
    )
    contributions = parsed.contributions.with_columns(
        pl.col("respondent_key").replace_strict(ids, return_dtype=pl.String).alias("respondent_id"),
        pl.lit(source_id).alias("source_id"),
    )
    extra: dict = {}
    if current is not None:
        _refuse_overlap(contributions, current)
        extra["respondents_already_known"] = respondents.join(
            current["respondents"].select("respondent_id"), on="respondent_id", how="semi"
        ).height
    questions, question_ids = _question_ids(parsed.questions, current["questions"] if current else None)
    answers = parsed.answers.with_columns(
        (pl.col("theme_id") + pl.lit("\x1f") + pl.col("column"))
        .replace_strict(question_ids, return_dtype=pl.String)
        .alias("question_id")
    )
    return (
        {
            "questions": questions,
            "respondents": respondents,
            "contributions": contributions,
            "answers": answers,
        },
        extra,
    )


def _refuse_overlap(contributions: pl.DataFrame, current: dict[str, pl.DataFrame]) -> None:
    old = current["contributions"].select("contribution_id", "source_id")
    overlap = contributions.select("contribution_id").join(old, on="contribution_id", how="inner")
    if overlap.height == 0:
        return
    first = overlap.row(0, named=True)
    names = dict(current["sources"].select("source_id", "file_name").iter_rows())
    raise ImportFileError(
        f"{overlap.height} contribution(s) de ce fichier sont déjà dans la base (par exemple « {clip(first['contribution_id'], 40)} », "
        f"importée depuis « {clip(names.get(first['source_id'], first['source_id']), 60)} ») : "
        "ce fichier recouvre un import précédent. Rien n'a été importé."
    )


def _question_ids(new: pl.DataFrame, old: pl.DataFrame | None) -> tuple[pl.DataFrame, dict[str, str]]:
    """Questions to add, and (theme, column) -> question_id. A question already in the database
    (same theme, same text) keeps its id; a new one gets the theme's next number."""
    ids: dict[str, str] = {}
    rows: list[dict] = []
    old = old if old is not None else pl.DataFrame(schema=SCHEMAS["questions"])
    for theme_id in sorted(set(new["theme_id"].to_list()), key=reference.THEME_IDS.index):
        existing = old.filter(pl.col("theme_id") == theme_id)
        by_label = {r["label"]: r for r in existing.iter_rows(named=True)}
        numbers = [int(m.group(1)) for q in existing["question_id"].to_list() if (m := re.search(r"_q(\d+)$", q))]
        next_number = max(numbers, default=0) + 1
        next_position = (existing["position"].max() or 0) + 1
        for q in new.filter(pl.col("theme_id") == theme_id).sort("position").iter_rows(named=True):
            known = by_label.get(q["label"])
            if known is not None:
                if known["kind"] != q["kind"]:
                    raise ImportFileError(
                        f"la question « {clip(q['label'], 80)} » est déjà dans la base comme question "
                        f"« {KIND_LABELS.get(known['kind'], known['kind'])} » ; ce fichier la lit comme "
                        f"« {KIND_LABELS.get(q['kind'], q['kind'])} ». Corrigez son type dans l'aperçu.",
                        column=q["column"],
                    )
                ids[f"{theme_id}\x1f{q['column']}"] = known["question_id"]
                added = [c for c in (q["choices"] or []) if c not in (known["choices"] or [])]
                if added:
                    rows.append({**known, "choices": [*(known["choices"] or []), *added], "__replace": True})
                continue
            question_id = f"{theme_id}_q{next_number:02d}"
            next_number += 1
            ids[f"{theme_id}\x1f{q['column']}"] = question_id
            rows.append(
                {
                    "question_id": question_id,
                    "theme_id": theme_id,
                    "position": next_position,
                    "label": q["label"],
                    "kind": q["kind"],
                    "choices": q["choices"],
                    "__replace": False,
                }
            )
            next_position += 1
    frame = pl.DataFrame(rows, schema={**SCHEMAS["questions"], "__replace": pl.Boolean}) if rows else None
    if frame is None:
        return pl.DataFrame(schema={**SCHEMAS["questions"], "__replace": pl.Boolean}), ids
    return frame, ids


def _combined(current: dict[str, pl.DataFrame] | None, new: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """Old tables + new rows, in the database's column types."""

    def shaped(name: str, frame: pl.DataFrame) -> pl.DataFrame:
        return frame.select([pl.col(c).cast(t) for c, t in SCHEMAS[name].items()])

    out: dict[str, pl.DataFrame] = {}
    replaced_questions = new["questions"].filter(pl.col("__replace"))["question_id"].to_list()
    for name in SCHEMAS:
        frame = shaped(name, new[name])
        if current is not None:
            old = current[name]
            if name == "questions" and replaced_questions:
                old = old.filter(~pl.col("question_id").is_in(replaced_questions))
            if name == "respondents":
                frame = _merged_respondents(shaped(name, old), new[name])
                out[name] = frame
                continue
            frame = pl.concat([shaped(name, old), frame], how="vertical")
        out[name] = frame
    return out


def _merged_respondents(old: pl.DataFrame, new: pl.DataFrame) -> pl.DataFrame:
    """A respondent already known keeps each dimension unless this file states it."""
    dims = ("profile", "sector", "organisation_type", "region_code")
    joined = old.join(new, on="respondent_id", how="full", coalesce=True, suffix="_new")
    exprs = []
    for dim in dims:
        known = f"{dim}_known"
        exprs.append(
            pl.when(pl.col(f"{dim}_new").is_not_null() & (pl.col(known).fill_null(False) | pl.col(dim).is_null()))
            .then(pl.col(f"{dim}_new"))
            .otherwise(pl.col(dim))
            .alias(dim)
        )
    return joined.select("respondent_id", *exprs).select([pl.col(c).cast(t) for c, t in SCHEMAS["respondents"].items()])
