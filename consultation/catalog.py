"""What the app needs to know about the open database: vocabularies, provenance, and the réponses
quoted as verbatims (read by key)."""

from __future__ import annotations

from consultation import db
from consultation.filters import Vocabulary

_vocabularies: dict[str, Vocabulary] = {}  # by database version: every run of every page reads it


def vocabulary() -> Vocabulary:
    """Codes and French labels of themes, respondent dimensions and questions."""
    version = db.database_version()
    found = _vocabularies.get(version)
    if found is None:
        found = _read_vocabulary()
        if len(_vocabularies) >= 8:  # older versions of the file, swapped out by imports
            _vocabularies.clear()
        _vocabularies[version] = found
    return found


def _read_vocabulary() -> Vocabulary:
    labels: dict[str, dict[str, tuple[str, str]]] = {"theme": {}}
    for row in db.run("themes").iter_rows(named=True):
        labels["theme"][row["theme_id"]] = (row["label"], row["label"])
    for row in db.run("dimension_values").iter_rows(named=True):
        labels.setdefault(row["dimension"], {})[row["code"]] = (row["label"], row["plural_label"])
    questions = {
        row["question_id"]: (row["theme_id"], row["label"], row["kind"], tuple(row["choices"] or ()))
        for row in db.run("questions").iter_rows(named=True)
    }
    return Vocabulary(labels=labels, questions=questions)


def database_info() -> dict[str, str]:
    """The meta table as a dict (source, is_demo, schema_version, first_day, last_day...)."""
    return {row["key"]: row["value"] for row in db.run("database_info").iter_rows(named=True)}


def is_demo() -> bool:
    return database_info().get("is_demo") == "true"


def verbatims(keys: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    """(contribution_id, question_id) -> the réponse's row (text, profile_label, day): the
    verbatims the Thèmes and Textes pages quote, read by key (queries/text_verbatims.sql)."""
    if not keys:
        return {}
    df = db.run(
        "text_verbatims",
        contribution_ids=sorted({c for c, _q in keys}),
        answer_keys=sorted(f"{c}|{q}" for c, q in keys),
    )
    return {(r["contribution_id"], r["question_id"]): r for r in df.iter_rows(named=True)}
