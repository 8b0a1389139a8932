"""Question kinds: guessed from the answers when the export does not say, then used to turn
each cell into a réponse (text, choices or number).

Kinds (DESIGN.md §3): open, single, multiple, scale, yes_no. The guess, in order:
- yes_no: every answer is Oui or Non;
- scale: every answer is a whole number between 0 and 10, spanning at least three values (the
  choices run from 0 or 1 to the highest answer);
- multiple: answers split on a separator (", " for Cap Collectif) into parts that recur
  (a part is used 1.5 times on average or more; the choices, parts used at least twice and
  by 0.5 % of the answers, cover 80 % of all parts); the rare parts are a free "other"
  text, kept as the réponse's text;
- single: at most 20 distinct answers of at most 150 characters, each used 1.5 times on average;
- open otherwise.
The guess is shown on the Données page and can be corrected (mapping file or the preview).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import polars as pl

KINDS = ("open", "single", "multiple", "scale", "yes_no")
KIND_LABELS = {
    "open": "ouverte",
    "single": "choix unique",
    "multiple": "choix multiples",
    "scale": "échelle",
    "yes_no": "oui / non",
}
KIND_COUNTS = {  # "3 ouvertes": the kind after a number
    "open": ("ouverte", "ouvertes"),
    "single": ("à choix unique", "à choix unique"),
    "multiple": ("à choix multiples", "à choix multiples"),
    "scale": ("échelle", "échelles"),
    "yes_no": ("oui / non", "oui / non"),
}
MAX_SINGLE_CHOICES = 20
MAX_MULTIPLE_CHOICES = 40
MAX_CHOICE_LENGTH = 150

ANSWER_SCHEMA = {
    "contribution_id": pl.String,
    "column": pl.String,
    "text": pl.String,
    "choices": pl.List(pl.String),
    "number": pl.Float64,
}


@dataclass(frozen=True)
class QuestionSpec:
    """One question column of a file and how its cells become réponses."""

    column: str  # header in the file
    label: str  # question text
    position: int  # order in the questionnaire (1-based)
    kind: str = "open"
    choices: tuple[str, ...] | None = None
    separator: str | None = None  # multiple choices
    inferred: bool = True  # kind guessed from the answers (False: given by the mapping or the user)
    source_id: str | None = None  # the export's own question id, when it has one
    declared: bool = False  # named in the mapping file's [questions]: its header is trusted

    def with_kind(self, kind: str, separator: str | None = None) -> QuestionSpec:
        return replace(self, kind=kind, inferred=False, separator=separator or self.separator)


def infer(values: pl.Series, separators: tuple[str, ...]) -> tuple[str, tuple[str, ...] | None, str | None]:
    """(kind, choices, separator) guessed from the non-empty answers of one column."""
    v = values.drop_nulls()
    n = v.len()
    if n == 0:
        return "open", None, None
    counts = ranked(v)
    distinct = counts.height
    if distinct <= 4 and set(v.unique().str.to_lowercase().to_list()) <= {"oui", "non"}:
        return "yes_no", ("Oui", "Non"), None
    scale = _scale(v, distinct)
    if scale is not None:
        return "scale", scale, None
    max_len = v.str.len_chars().max() or 0
    single_ok = distinct <= MAX_SINGLE_CHOICES and max_len <= MAX_CHOICE_LENGTH and n >= 1.5 * distinct
    multiple = None
    for sep in separators:
        found = _multiple(v, sep)
        if found is not None and (multiple is None or len(found) < len(multiple[1])):
            multiple = (sep, found)
    if multiple is not None and (not single_ok or distinct > len(multiple[1])):
        return "multiple", multiple[1], multiple[0]
    if single_ok:
        return "single", tuple(counts["value"].to_list()), None
    return "open", None, None


def ranked(values: pl.Series) -> pl.DataFrame:
    """Distinct values with their count "n", most frequent first, ties in order of appearance."""
    return (
        pl.DataFrame({"value": values})
        .with_row_index("i")
        .group_by("value")
        .agg(pl.len().alias("n"), pl.col("i").min())
        .sort(["n", "i"], descending=[True, False])
        .select("value", "n")
    )


def _scale(v: pl.Series, distinct: int) -> tuple[str, ...] | None:
    if distinct > 11 or not v.str.contains(r"^\d{1,2}(?:[.,]0)?$").all():
        return None
    numbers = v.str.replace(r"[.,]0$", "").cast(pl.Int64)
    low, high = numbers.min(), numbers.max()
    if low < 0 or high > 10 or high - low < 2:
        return None
    return tuple(str(i) for i in range(0 if low == 0 else 1, high + 1))  # scales start at 0 or 1


def _multiple(v: pl.Series, sep: str) -> tuple[str, ...] | None:
    if not v.str.contains(sep, literal=True).any():
        return None
    split = v.str.split(sep)
    if (split.list.len() >= 2).sum() == 0:
        return None
    parts = split.explode().str.strip_chars()
    parts = parts.filter(parts.is_not_null() & (parts != ""))
    if parts.len() == 0:
        return None
    counts = ranked(parts)
    reuse = parts.len() / counts.height
    threshold = max(2, math.ceil(0.005 * v.len()))
    frequent = counts.filter(pl.col("n") >= threshold)
    if not (2 <= frequent.height <= MAX_MULTIPLE_CHOICES) or reuse < 1.5:
        return None
    if frequent["n"].sum() / parts.len() < 0.8:
        return None
    labels = frequent["value"].to_list()
    if max(len(label) for label in labels) > MAX_CHOICE_LENGTH:
        return None
    return tuple(labels)


def answers(question: QuestionSpec, rows: pl.DataFrame) -> pl.DataFrame:
    """rows(contribution_id, value) -> réponses (contribution_id, column, text, choices, number).

    Empty cells give no réponse; so does a multiple-choice cell with neither a known choice
    nor other text.
    """
    rows = rows.filter(pl.col("value").is_not_null())
    value = pl.col("value")
    if question.kind == "open":
        out = rows.select("contribution_id", value.alias("text"))
    elif question.kind in ("single", "yes_no"):
        if question.kind == "yes_no":
            value = pl.when(value.str.to_lowercase() == "oui").then(pl.lit("Oui"))
            value = (
                value.when(pl.col("value").str.to_lowercase() == "non").then(pl.lit("Non")).otherwise(pl.col("value"))
            )
        known = list(question.choices or ())
        is_choice = value.is_in(known) if known else pl.lit(True)
        out = rows.select(
            "contribution_id",
            pl.when(is_choice).then(None).otherwise(value).alias("text"),
            pl.when(is_choice).then(pl.concat_list(value)).otherwise(None).alias("choices"),
        )
    elif question.kind == "scale":
        number = value.str.replace(",", ".", literal=True).cast(pl.Float64, strict=False)
        out = rows.select(
            "contribution_id",
            pl.when(number.is_null()).then(value).otherwise(None).alias("text"),
            number.alias("number"),
        )
    else:  # multiple
        out = _multiple_answers(question, rows)
    out = out.with_columns(pl.lit(question.column).alias("column"))
    out = out.select(
        [pl.col(c).cast(t) if c in out.columns else pl.lit(None, t).alias(c) for c, t in ANSWER_SCHEMA.items()]
    )
    return out.filter(pl.col("text").is_not_null() | pl.col("choices").is_not_null() | pl.col("number").is_not_null())


def _multiple_answers(question: QuestionSpec, rows: pl.DataFrame) -> pl.DataFrame:
    sep = question.separator or ", "
    known = list(question.choices or ())
    if any(sep in c for c in known):
        # Choice labels that contain the separator: match whole labels, longest first (Python).
        pairs = [_match_labels(v, known, sep) for v in rows["value"].to_list()]
        out = rows.select("contribution_id").with_columns(
            pl.Series("choices", [p[0] or None for p in pairs], dtype=pl.List(pl.String)),
            pl.Series("text", [p[1] for p in pairs], dtype=pl.String),
        )
        return out
    parts = (
        pl.col("value")
        .str.split(sep)
        .list.eval(pl.element().str.strip_chars())
        .list.eval(pl.element().filter(pl.element() != ""))
    )
    out = rows.select("contribution_id", parts.alias("parts")).with_columns(
        pl.col("parts").list.eval(pl.element().filter(pl.element().is_in(known))).alias("choices"),
        pl.col("parts").list.eval(pl.element().filter(~pl.element().is_in(known))).list.join(sep).alias("text"),
    )
    return out.select(
        "contribution_id",
        pl.when(pl.col("choices").list.len() > 0).then(pl.col("choices")).otherwise(None).alias("choices"),
        pl.when(pl.col("text") != "").then(pl.col("text")).otherwise(None).alias("text"),
    )


def _match_labels(value: str, labels: list[str], sep: str) -> tuple[list[str], str | None]:
    rest = value
    found: list[str] = []
    for label in sorted(labels, key=len, reverse=True):
        pieces = rest.split(sep)
        label_pieces = label.split(sep)
        k = len(label_pieces)
        for i in range(len(pieces) - k + 1):
            if [p.strip() for p in pieces[i : i + k]] == label_pieces:
                found.append(label)
                rest = sep.join(pieces[:i] + pieces[i + k :])
                break
    other = sep.join(p.strip() for p in rest.split(sep) if p.strip())
    ordered = [label for label in labels if label in found]
    return ordered, other or None
