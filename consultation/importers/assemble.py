"""From the rows a format module read to the normalised tables of one file (ParsedFile).

A format module (capcollectif, granddebat, generic) only says, for each row, where its id,
date, theme, respondent and profile are, and which columns are questions. Everything else is
the same for every format and happens here: drafts and trashed rows are skipped, rows without
an id, a readable date or a known theme are rejected (with their line), duplicate ids are
rejected after the first, question kinds are guessed, cells become réponses, respondents get
their reference codes, and the import report is written.

Nothing here touches a database: respondent keys are pseudonymised when the file is merged
(merge.py), with the database's secret salt.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

import polars as pl

from consultation import reference
from consultation.importers import coding
from consultation.importers.common import (
    ImportFileError,
    RawTable,
    clean_series,
    clip,
    parse_datetimes,
    pii_reason,
)
from consultation.importers.kinds import KINDS, QuestionSpec, answers, infer, ranked

MAX_REJECTIONS_LISTED = 100
MAX_UNRECOGNISED_LISTED = 20

ROW_SCHEMA = {
    "line": pl.Int64,
    "contribution_id": pl.String,
    "respondent_key": pl.String,
    "submitted_raw": pl.String,
    "status": pl.String,  # ok | draft | trashed
    "is_complete": pl.Boolean,
    "theme_id": pl.String,
    "theme_raw": pl.String,
    "profile_raw": pl.String,
    "sector_raw": pl.String,
    "organisation_raw": pl.String,
    "region_raw": pl.String,
    "zip_raw": pl.String,
}


@dataclass
class RowSource:
    """What a format module extracted: standard row columns, the question columns, what it dropped."""

    rows: pl.DataFrame  # ROW_SCHEMA columns (missing ones are null)
    questions: list[QuestionSpec]
    dropped: list[tuple[str, str]]  # (column, reason): personal data, technical, unused
    roles: dict[str, str] = field(default_factory=dict)  # role -> column it was read from
    id_column: str = "identifiant"
    date_column: str = "date"
    theme_column: str | None = None
    separators: tuple[str, ...] = (", ",)
    precoded: dict[str, dict[str, str]] = field(default_factory=dict)  # dimension -> raw value -> code
    warnings: list[str] = field(default_factory=list)


@dataclass
class ParsedFile:
    """One file read and normalised, ready to be merged into a database (or shown as a preview)."""

    file_name: str
    sha256: str
    size: int
    format: str
    table: RawTable
    questions: pl.DataFrame  # theme_id, column, label, position, kind, choices, inferred, answer_count
    specs: list[QuestionSpec]
    contributions: pl.DataFrame  # contribution_id, respondent_key, theme_id, submitted_at, is_complete
    respondents: pl.DataFrame  # respondent_key, profile, sector, organisation_type, region_code, *_known
    answers: pl.DataFrame  # contribution_id, theme_id, column, text, choices, number
    report: dict

    @property
    def theme_ids(self) -> list[str]:
        return sorted(set(self.contributions["theme_id"].to_list()), key=reference.THEME_IDS.index)


def standard_rows(frame: pl.DataFrame) -> pl.DataFrame:
    """Fill the missing ROW_SCHEMA columns with nulls, in order."""
    return frame.select(
        [pl.col(c).cast(t) if c in frame.columns else pl.lit(None, t).alias(c) for c, t in ROW_SCHEMA.items()]
    )


def assemble(
    source: RowSource,
    table: RawTable,
    *,
    file_name: str,
    sha256: str,
    size: int,
    format_name: str,
    include_drafts: bool = False,
    kinds: dict[str, str] | None = None,
) -> ParsedFile:
    rows = standard_rows(source.rows).with_columns(
        pl.col("contribution_id").str.strip_chars().replace("", None),
        pl.col("respondent_key").str.strip_chars().replace("", None),
    )
    rows_read = rows.height
    drafts = rows.filter(pl.col("status") == "draft").height
    trashed = rows.filter(pl.col("status") == "trashed").height
    if include_drafts:
        rows = rows.with_columns(
            pl.when(pl.col("status") == "draft").then(False).otherwise(pl.col("is_complete")).alias("is_complete"),
            pl.when(pl.col("status") == "draft").then(pl.lit("ok")).otherwise(pl.col("status")).alias("status"),
        )
    rows = rows.filter(pl.col("status") == "ok")

    rows = rows.with_columns(parse_datetimes(rows["submitted_raw"]).alias("submitted_at"))
    reason = (
        pl.when(pl.col("contribution_id").is_null())
        .then(pl.lit("identifiant de contribution vide"))
        .when(pl.col("submitted_raw").is_null())
        .then(pl.lit("date manquante"))
        .when(pl.col("submitted_at").is_null())
        .then(pl.lit("date illisible"))
        .when(pl.col("theme_id").is_null())
        .then(pl.lit("thème inconnu"))
        .otherwise(None)
    )
    rows = rows.with_columns(reason.alias("reason"))
    rows = rows.with_columns(
        pl.when(pl.col("reason").is_null())
        .then(pl.col("line").min().over(pl.col("contribution_id"), pl.col("reason").is_null()))
        .otherwise(None)
        .alias("first_line")
    ).with_columns(
        pl.when(pl.col("reason").is_null() & (pl.col("line") != pl.col("first_line")))
        .then(pl.lit("identifiant en double"))
        .otherwise(pl.col("reason"))
        .alias("reason")
    )
    rejected = rows.filter(pl.col("reason").is_not_null())
    kept = rows.filter(pl.col("reason").is_null()).with_columns(
        pl.col("is_complete").fill_null(True),
        pl.coalesce("respondent_key", pl.lit("contribution:") + pl.col("contribution_id")).alias("respondent_key"),
    )
    rejections = _rejections(rejected, source)
    if kept.height == 0:
        raise ImportFileError(_nothing_to_import(rows_read, drafts, trashed, rejected, include_drafts))

    keep_idx = kept["line"]
    line_to_row = dict(zip(table.lines, range(len(table.lines)), strict=True))
    row_idx = pl.Series([line_to_row[i] for i in keep_idx.to_list()], dtype=pl.UInt32)

    kinds = kinds or {}
    dropped = list(source.dropped)
    specs: list[QuestionSpec] = []
    answer_frames: list[pl.DataFrame] = []
    # One row a non-empty cell of a question column (long format: cleaned in one pass).
    names = [spec.column for spec in source.questions]
    index = "\x00contribution_id"  # no header can hold a NUL: never a clash with a question column
    cells = (
        table.frame.select(names)[row_idx]
        .with_columns(kept["contribution_id"].alias(index))
        .unpivot(index=index, on=names, variable_name="column", value_name="value")
        .rename({index: "contribution_id"})
        .filter(pl.col("value").is_not_null())
    )
    cells = cells.with_columns(clean_series(cells["value"])).filter(pl.col("value").is_not_null())
    by_column = cells.partition_by("column", as_dict=True, include_key=False)
    for spec in source.questions:
        cells_of_column = by_column.get((spec.column,))
        if cells_of_column is None:
            dropped.append((spec.column, "toujours vide (titre de section ?)"))
            continue
        values = cells_of_column["value"].alias(spec.column)
        pii = pii_reason(spec.column, values, trust_header=spec.declared)
        if pii:
            dropped.append((spec.column, pii))
            continue
        spec = _decide_kind(spec, values, source.separators, kinds.get(spec.column))
        specs.append(spec)
        answer_frames.append(answers(spec, cells_of_column))
    if not specs:
        raise ImportFileError("aucune colonne de question n'a de réponse : rien à importer.")

    contributions = kept.select("contribution_id", "respondent_key", "theme_id", "submitted_at", "is_complete")
    all_answers = pl.concat(answer_frames).join(
        contributions.select("contribution_id", "theme_id"), on="contribution_id", how="left"
    )
    questions = _questions(specs, all_answers)
    respondents, unrecognised, defaults = _respondents(kept, source)

    report = {
        "format": format_name,
        "file_name": file_name,
        "sha256": sha256,
        "size_bytes": size,
        "container": table.container,
        "encoding": table.encoding,
        "separator": table.separator,
        "themes": sorted(set(contributions["theme_id"].to_list()), key=reference.THEME_IDS.index),
        "rows_read": rows_read,
        "blank_lines_skipped": table.skipped_blank_lines,
        "contributions": contributions.height,
        "incomplete_contributions": contributions.filter(~pl.col("is_complete")).height,
        "respondents": respondents.height,
        "answers": all_answers.height,
        "questions": questions.height,
        "question_kinds": dict(Counter(questions["kind"].to_list())),
        "drafts_skipped": 0 if include_drafts else drafts,
        "drafts_included": drafts if include_drafts else 0,
        "trashed_skipped": trashed,
        "rows_rejected": rejected.height,
        "rejection_reasons": dict(Counter(rejected["reason"].to_list())),
        "rejections": rejections,
        "duplicate_ids": rejected.filter(pl.col("reason") == "identifiant en double").height,
        "columns_dropped": [{"column": c, "reason": r} for c, r in dropped],
        "respondent_columns": dict(source.roles),
        "unrecognised_values": unrecognised,
        "defaults": defaults,
        "first_submitted_at": _iso(contributions["submitted_at"].min()),
        "last_submitted_at": _iso(contributions["submitted_at"].max()),
        "warnings": [*table.warnings, *source.warnings],
    }
    return ParsedFile(
        file_name=file_name,
        sha256=sha256,
        size=size,
        format=format_name,
        table=table,
        questions=questions,
        specs=specs,
        contributions=contributions,
        respondents=respondents,
        answers=all_answers,
        report=report,
    )


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(sep=" ") if value is not None else None


def _decide_kind(
    spec: QuestionSpec, values: pl.Series, separators: tuple[str, ...], wanted: str | None
) -> QuestionSpec:
    """The kind the user asked for, else the one the mapping gave, else the guess."""
    if wanted and wanted in KINDS and wanted != spec.kind:
        sep = spec.separator or separators[0]
        return QuestionSpec(
            spec.column,
            spec.label,
            spec.position,
            wanted,
            _choices_for(wanted, values, sep),
            sep if wanted == "multiple" else None,
            inferred=False,
            source_id=spec.source_id,
            declared=spec.declared,
        )
    if not spec.inferred:
        if spec.choices is None and spec.kind != "open":
            return QuestionSpec(
                spec.column,
                spec.label,
                spec.position,
                spec.kind,
                _choices_for(spec.kind, values, spec.separator or separators[0]),
                spec.separator or (separators[0] if spec.kind == "multiple" else None),
                inferred=False,
                source_id=spec.source_id,
                declared=spec.declared,
            )
        return spec
    kind, choices, sep = infer(values, separators)
    return QuestionSpec(spec.column, spec.label, spec.position, kind, choices, sep, True, spec.source_id, spec.declared)


def _choices_for(kind: str, values: pl.Series, sep: str) -> tuple[str, ...] | None:
    """Choices of a question whose kind was imposed: its answers' distinct values (or parts)."""
    v = values.drop_nulls()
    if kind == "open":
        return None
    if kind == "yes_no":
        return ("Oui", "Non")
    if kind == "scale":
        numbers = v.str.replace(",", ".", literal=True).cast(pl.Float64, strict=False).drop_nulls()
        if numbers.len() == 0:
            return None
        low, high = int(numbers.min()), int(numbers.max())
        return tuple(str(i) for i in range(low, high + 1)) if high - low <= 100 else None
    if kind == "multiple":
        v = v.str.split(sep).explode().str.strip_chars()
        v = v.filter(v != "")
    return tuple(ranked(v)["value"].head(200).to_list())


def _questions(specs: list[QuestionSpec], all_answers: pl.DataFrame) -> pl.DataFrame:
    """One row a (theme, question column) that has at least one réponse in that theme."""
    spec_frame = pl.DataFrame(
        {
            "column": [s.column for s in specs],
            "label": [s.label for s in specs],
            "position": [s.position for s in specs],
            "kind": [s.kind for s in specs],
            "choices": [list(s.choices) if s.choices is not None else None for s in specs],
            "separator": [s.separator for s in specs],
            "inferred": [s.inferred for s in specs],
            "source_id": [s.source_id for s in specs],
        },
        schema={
            "column": pl.String,
            "label": pl.String,
            "position": pl.Int32,
            "kind": pl.String,
            "choices": pl.List(pl.String),
            "separator": pl.String,
            "inferred": pl.Boolean,
            "source_id": pl.String,
        },
    )
    counts = all_answers.group_by("theme_id", "column").agg(pl.len().alias("answer_count"))
    return (
        counts.join(spec_frame, on="column")
        .with_columns(pl.col("answer_count").cast(pl.Int64))
        .sort("theme_id", "position")
        .select(
            "theme_id",
            "column",
            "label",
            "position",
            "kind",
            "choices",
            "separator",
            "inferred",
            "source_id",
            "answer_count",
        )
    )


# dimension -> (raw row column, coder, respondents column, default code)
RESPONDENT_DIMENSIONS = {
    "profile": ("profile_raw", "profile", "profile", coding.DEFAULT_PROFILE),
    "sector": ("sector_raw", "sector", "sector", coding.UNKNOWN),
    "organisation_type": ("organisation_raw", "organisation_type", "organisation_type", coding.UNKNOWN),
    "region": ("region_raw", "region", "region_code", reference.UNKNOWN_REGION),
    "zip": ("zip_raw", "zip_code", None, None),  # feeds region when the region is not given
}


def _respondents(kept: pl.DataFrame, source: RowSource) -> tuple[pl.DataFrame, dict, dict]:
    """One row a respondent key: for each dimension, the code of their latest row that states it.

    Also returns the values that were not recognised (dimension -> value -> rows) and how many
    respondents got a dimension's default (dimension -> respondents)."""
    unrecognised: dict[str, dict[str, int]] = {}
    coded = kept.select("respondent_key", "submitted_at", "line")
    for dimension, (raw_col, coder, _out, _default) in RESPONDENT_DIMENSIONS.items():
        raw = clean_series(kept[raw_col])
        given = source.precoded.get(dimension, {})
        distinct = [v for v in raw.unique().to_list() if v is not None]
        codes = {v: coding.Coded(given[v], True) for v in distinct if v in given}
        codes.update(coding.code_values(coder, [v for v in distinct if v not in given]))
        coded = coded.with_columns(
            raw.replace_strict({v: c.code for v, c in codes.items()}, default=None, return_dtype=pl.String).alias(
                f"{dimension}_code"
            ),
            raw.replace_strict({v: c.known for v, c in codes.items()}, default=False, return_dtype=pl.Boolean)
            .fill_null(False)
            .alias(f"{dimension}_known"),
        )
        bad = Counter(v for v in raw.drop_nulls().to_list() if not codes[v].known)
        if bad:
            unrecognised[dimension] = {clip(k, 60): n for k, n in bad.most_common(MAX_UNRECOGNISED_LISTED)}
    coded = coded.with_columns(
        pl.when(pl.col("region_known")).then(pl.col("region_code")).otherwise(pl.col("zip_code")).alias("region_code"),
        (pl.col("region_known") | pl.col("zip_known")).alias("region_known"),
    )
    aggs, finals = [], []
    for dimension, (_raw, _coder, out, default) in RESPONDENT_DIMENSIONS.items():
        if out is None:
            continue
        code, known = pl.col(f"{dimension}_code"), pl.col(f"{dimension}_known")
        aggs += [
            code.filter(known).last().alias(f"__{dimension}_known_code"),
            code.drop_nulls().last().alias(f"__{dimension}_any_code"),
            known.any().alias(f"{out}_known"),
        ]
        finals.append(pl.coalesce(f"__{dimension}_known_code", f"__{dimension}_any_code", pl.lit(default)).alias(out))
    grouped = coded.sort("submitted_at", "line").group_by("respondent_key", maintain_order=True).agg(aggs)
    outs = [out for _r, _c, out, _d in RESPONDENT_DIMENSIONS.values() if out is not None]
    respondents = grouped.with_columns(finals).select("respondent_key", *outs, *(f"{o}_known" for o in outs))
    defaults = {
        dimension: missing
        for dimension, (_r, _c, out, _d) in RESPONDENT_DIMENSIONS.items()
        if out is not None and (missing := respondents.filter(~pl.col(f"{out}_known")).height)
    }
    return respondents, unrecognised, defaults


def _rejections(rejected: pl.DataFrame, source: RowSource) -> list[dict]:
    column_of = {
        "identifiant de contribution vide": source.id_column,
        "identifiant en double": source.id_column,
        "date manquante": source.date_column,
        "date illisible": source.date_column,
        "thème inconnu": source.theme_column,
    }
    out = []
    for row in rejected.sort("line").head(MAX_REJECTIONS_LISTED).iter_rows(named=True):
        reason = row["reason"]
        detail = reason
        if reason == "date illisible":
            detail = f"date illisible « {clip(row['submitted_raw'], 40)} »"
        elif reason == "thème inconnu":
            detail = f"thème inconnu « {clip(row['theme_raw'] or '', 40)} »" if row["theme_raw"] else "thème absent"
        elif reason == "identifiant en double":
            detail = f"identifiant « {clip(row['contribution_id'], 40)} » déjà vu ligne {row['first_line']}"
        out.append({"line": row["line"], "column": column_of.get(reason), "reason": detail})
    return out


def _nothing_to_import(rows_read: int, drafts: int, trashed: int, rejected: pl.DataFrame, include_drafts: bool) -> str:
    if rows_read == 0:
        return "le fichier n'a qu'une ligne d'en-tête : aucune contribution à importer."
    if drafts and drafts + trashed == rows_read and not include_drafts:
        return f"les {rows_read} lignes sont des brouillons : aucune contribution publiée à importer."
    if rejected.height:
        first = rejected.sort("line").row(0, named=True)
        return (
            f"aucune contribution importable : les {rejected.height} lignes lues ont été rejetées "
            f"(par exemple ligne {first['line']} : {first['reason']})."
        )
    return "aucune contribution importable."
