"""Grand Débat national open data (2019, the older Cap Collectif open-data format).

Columns: id, reference, title, createdAt, publishedAt, updatedAt, trashed, trashedStatus,
authorId, authorType, authorZipCode, then one column a question headed ``<id> - <text>``,
where the id is plain (``Q169``, ``169``) or base64 of ``Question:169`` (``UXVlc3Rpb246MTY5``).
Files were published in ISO-8859-1 (read.decode handles it). Multiple choices are joined
with "|". The author's type gives the profile and the kind of organisation; the zip code
(kept as text: leading zeros) gives the region. Trashed contributions are skipped.
"""

from __future__ import annotations

import base64
import binascii
import re

import polars as pl

from consultation.importers.assemble import RowSource
from consultation.importers.capcollectif import question_spec
from consultation.importers.coding import fold
from consultation.importers.common import ImportFileError, RawTable
from consultation.importers.mapping import Mapping

FORMAT = "granddebat"
LABEL = "Grand Débat (données ouvertes 2019)"
METADATA = (
    "id",
    "reference",
    "title",
    "createdAt",
    "publishedAt",
    "updatedAt",
    "trashed",
    "trashedStatus",
    "authorId",
    "authorType",
    "authorZipCode",
)
REQUIRED = ("id", "authorId")
PERSONAL = {
    "authorUsername": "pseudonyme de l'auteur",
    "authorEmail": "e-mail de l'auteur",
    "authorName": "nom de l'auteur",
}
UNUSED = {
    "reference": "numéro de référence",
    "updatedAt": "date de modification",
    "trashed": "mise à la corbeille (lignes ignorées)",
    "trashedStatus": "statut de corbeille",
    "authorId": "identifiant de l'auteur (sert seulement au pseudonyme)",
    "authorType": "type d'auteur (devient profil et type d'organisation)",
    "authorZipCode": "code postal (devient la région)",
}
# authorType -> profile code. Organisations and elected officials speak in a professional
# capacity; their kind of organisation is coded from the same value (coding.ORGANISATION_RULES).
AUTHOR_TYPE_PROFILE = {
    fold("Citoyen / Citoyenne"): "citoyen",
    fold("Élu / élue et Institution"): "professionnel",
    fold("Organisation à but lucratif"): "professionnel",
    fold("Organisation à but non lucratif"): "professionnel",
}
SEPARATORS = ("|",)
_QUESTION = re.compile(r"^(\S+) - (.+)$", re.S)
TITLE_LABEL = "Titre de la contribution"


def matches(columns: list[str]) -> bool:
    return "authorId" in columns and ("authorZipCode" in columns or "authorType" in columns)


def question_id(raw: str) -> str | None:
    """'Q169', '169' or base64 'UXVlc3Rpb246MTY5' (Question:169) -> '169'; None otherwise."""
    plain = re.fullmatch(r"Q?(\d+)", raw)
    if plain:
        return plain.group(1)
    try:
        decoded = base64.b64decode(raw + "=" * (-len(raw) % 4), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    found = re.fullmatch(r"Question:(\d+|[0-9a-f-]{36})", decoded)
    return found.group(1) if found else None


def read(table: RawTable, theme: str | None, mapping: Mapping) -> RowSource:
    columns = table.columns
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise ImportFileError(
            f"ce n'est pas un fichier du Grand Débat : colonne(s) manquante(s) {', '.join(missing)}.", line=1
        )
    if not any(c in columns for c in ("publishedAt", "createdAt")):
        raise ImportFileError("fichier du Grand Débat sans date : il faut publishedAt ou createdAt.", line=1)
    if theme is None:
        raise ImportFileError("choisissez le thème sous lequel ranger ce fichier du Grand Débat (--theme).")
    handled = set(mapping.drop) | set(mapping.ignore)
    questions = []
    position = 0
    if "title" in columns and "title" not in handled:
        position += 1
        questions.append(question_spec("title", position, mapping, label=TITLE_LABEL))
    for c in columns:
        if c in METADATA or c in PERSONAL or c in handled:
            continue
        found = _QUESTION.match(c)
        qid = question_id(found.group(1)) if found else None
        if qid is None:
            raise ImportFileError(
                "colonne inconnue pour un fichier du Grand Débat (ni métadonnée, ni question « <id> - <texte> »). "
                "Ajoutez-la à « drop » ou « ignore » dans un fichier de correspondance pour importer sans elle.",
                line=1,
                column=c,
            )
        position += 1
        questions.append(question_spec(c, position, mapping, source_id=qid, label=found.group(2).strip()))

    def col(name: str) -> pl.Expr:
        return pl.col(name).str.strip_chars() if name in columns else pl.lit(None, pl.String)

    author = col("authorId")
    rows = table.frame.select(
        pl.Series("line", table.lines, dtype=pl.Int64),
        col("id").alias("contribution_id"),
        pl.when(author.is_not_null()).then(pl.lit("granddebat:") + author).otherwise(None).alias("respondent_key"),
        pl.coalesce(col("publishedAt"), col("createdAt")).alias("submitted_raw"),
        pl.when(col("trashed").str.to_lowercase().is_in(["true", "1", "oui", "yes"]))
        .then(pl.lit("trashed"))
        .otherwise(pl.lit("ok"))
        .alias("status"),
        pl.lit(True).alias("is_complete"),
        pl.lit(theme).alias("theme_id"),
        col("authorType").alias("profile_raw"),
        col("authorType").alias("organisation_raw"),
        col("authorZipCode").alias("zip_raw"),
    )
    author_types = [v for v in rows["profile_raw"].unique().to_list() if v]
    precoded = {"profile": {v: AUTHOR_TYPE_PROFILE[fold(v)] for v in author_types if fold(v) in AUTHOR_TYPE_PROFILE}}
    for dimension, values in mapping.values.items():
        precoded.setdefault(dimension, {}).update(values)
    dropped = [(c, PERSONAL[c]) for c in columns if c in PERSONAL]
    dropped += [(c, UNUSED[c]) for c in columns if c in UNUSED]
    dropped += [(c, "donnée personnelle (fichier de correspondance)") for c in mapping.drop if c in columns]
    dropped += [(c, "ignorée (fichier de correspondance)") for c in mapping.ignore if c in columns]
    if not questions:
        raise ImportFileError("aucune colonne de question « <id> - <texte> » dans ce fichier du Grand Débat.", line=1)
    return RowSource(
        rows=rows,
        questions=questions,
        dropped=dropped,
        roles={"profile": "authorType", "organisation_type": "authorType", "zip_code": "authorZipCode"},
        id_column="id",
        date_column="publishedAt",
        separators=SEPARATORS,
        precoded=precoded,
    )
