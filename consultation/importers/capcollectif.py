"""Cap Collectif questionnaire export (the platform of the 2023 consultation).

One CSV a questionnaire (one theme): 17 ``export_contribution_*`` metadata columns, then one
column a question named by its full title. Booleans are Oui/Non, dates Paris wall-clock
time without a zone, multiple choices are joined with ", " in one cell (a free "other" text
may follow), section headings are question columns that are always empty (dropped), drafts
are present (skipped unless asked for).

Personal data never stored: the author's name, e-mail, phone, account and no-account e-mail
columns are dropped; the author id (or, without an account, the e-mail) only feeds the
pseudonymous respondent id.
"""

from __future__ import annotations

import polars as pl

from consultation.importers.assemble import RowSource
from consultation.importers.common import ImportFileError, RawTable, clip, header_role
from consultation.importers.kinds import QuestionSpec
from consultation.importers.mapping import Mapping

FORMAT = "capcollectif"
LABEL = "Cap Collectif (questionnaire)"
PREFIX = "export_contribution_"
METADATA = (
    "export_contribution_type",
    "export_contribution_id",
    "export_contribution_author_id",
    "export_contribution_published_at",
    "export_contribution_published",
    "export_contribution_author",
    "export_contribution_author_email",
    "export_contribution_author_phone",
    "export_contribution_created_at",
    "export_contribution_updated_at",
    "export_contribution_anonymous",
    "export_contribution_draft",
    "export_contribution_undraft_at",
    "export_contribution_account",
    "export_contribution_no_account_email",
    "export_contribution_no_account_email_confirmed",
    "export_contribution_internal_comm",
)
REQUIRED = ("export_contribution_id", "export_contribution_author_id")
PERSONAL = {
    "export_contribution_author": "nom de l'auteur",
    "export_contribution_author_email": "e-mail de l'auteur",
    "export_contribution_author_phone": "téléphone de l'auteur",
    "export_contribution_account": "compte de l'auteur",
    "export_contribution_no_account_email": "e-mail sans compte (sert seulement au pseudonyme)",
}
UNUSED = {
    "export_contribution_type": "type de contribution (toujours « reply »)",
    "export_contribution_updated_at": "date de modification",
    "export_contribution_anonymous": "choix d'affichage anonyme",
    "export_contribution_no_account_email_confirmed": "confirmation de l'e-mail",
    "export_contribution_internal_comm": "consentement aux communications",
    "export_contribution_author_id": "identifiant de l'auteur (sert seulement au pseudonyme)",
}
SEPARATORS = (", ",)


def matches(columns: list[str]) -> bool:
    return "export_contribution_id" in columns


def read(table: RawTable, theme: str | None, mapping: Mapping) -> RowSource:
    columns = table.columns
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise ImportFileError(
            f"ce n'est pas un export Cap Collectif complet : colonne(s) manquante(s) {', '.join(missing)}.", line=1
        )
    if not any(c in columns for c in ("export_contribution_published_at", "export_contribution_created_at")):
        raise ImportFileError(
            "export Cap Collectif sans date : il faut export_contribution_published_at ou export_contribution_created_at.",
            line=1,
        )
    handled = set(mapping.drop) | set(mapping.ignore)
    unknown = [c for c in columns if c.startswith(PREFIX) and c not in METADATA and c not in handled]
    if unknown:
        raise ImportFileError(
            f"colonne de métadonnées inconnue pour un export Cap Collectif : {clip(unknown[0], 60)}. "
            "Elle peut contenir des données personnelles : ajoutez-la à « drop » ou « ignore » dans un fichier "
            "de correspondance pour l'importer sans elle.",
            line=1,
            column=unknown[0],
        )
    if theme is None:
        raise ImportFileError(
            "un export Cap Collectif contient un seul questionnaire : choisissez son thème (--theme)."
        )
    f = table.frame

    def col(name: str) -> pl.Expr:
        return pl.col(name).str.strip_chars() if name in columns else pl.lit(None, pl.String)

    def yes(name: str) -> pl.Expr:
        return col(name).str.to_lowercase().is_in(["oui", "true", "1", "yes"])

    roles = _roles(columns, mapping)
    author = col("export_contribution_author_id")
    email = col("export_contribution_no_account_email").str.to_lowercase()
    rows = f.select(
        pl.Series("line", table.lines, dtype=pl.Int64),
        col("export_contribution_id").alias("contribution_id"),
        pl.when(author.is_not_null())
        .then(pl.lit("capcollectif:") + author)
        .when(email.is_not_null())
        .then(pl.lit("email:") + email)
        .otherwise(None)
        .alias("respondent_key"),
        pl.coalesce(
            col("export_contribution_published_at"),
            col("export_contribution_undraft_at"),
            col("export_contribution_created_at"),
        ).alias("submitted_raw"),
        pl.when(yes("export_contribution_draft")).then(pl.lit("draft")).otherwise(pl.lit("ok")).alias("status"),
        (col("export_contribution_published").is_null() | yes("export_contribution_published")).alias("is_complete"),
        pl.lit(theme).alias("theme_id"),
        *[
            col(roles[r]).alias(out) if r in roles else pl.lit(None, pl.String).alias(out)
            for r, out in _ROLE_OUT.items()
        ],
    )
    dropped = [(c, PERSONAL.get(c) or UNUSED[c]) for c in METADATA if c in columns and (c in PERSONAL or c in UNUSED)]
    dropped += [(c, "donnée personnelle (fichier de correspondance)") for c in mapping.drop if c in columns]
    dropped += [(c, "ignorée (fichier de correspondance)") for c in mapping.ignore if c in columns]
    questions = []
    role_columns = set(roles.values())
    position = 0
    for c in columns:
        if c.startswith(PREFIX) or c in handled or c in role_columns:
            continue
        position += 1
        questions.append(question_spec(c, position, mapping))
    return RowSource(
        rows=rows,
        questions=questions,
        dropped=dropped,
        roles=roles,
        id_column="export_contribution_id",
        date_column="export_contribution_published_at",
        separators=SEPARATORS,
        precoded=mapping.values,
    )


_ROLE_OUT = {
    "profile": "profile_raw",
    "sector": "sector_raw",
    "organisation_type": "organisation_raw",
    "region": "region_raw",
    "zip_code": "zip_raw",
}


def _roles(columns: list[str], mapping: Mapping) -> dict[str, str]:
    """Respondent dimensions: named by the mapping, else recognised by their header."""
    roles = {r: c for r, c in mapping.columns.items() if r in _ROLE_OUT}
    for c in columns:
        if c.startswith(PREFIX) or c in mapping.questions or c in roles.values():
            continue
        role = header_role(c)
        if role and role not in roles:
            roles[role] = c
    return roles


def question_spec(
    column: str, position: int, mapping: Mapping, source_id: str | None = None, label: str | None = None
) -> QuestionSpec:
    """A question column, with what the mapping says about it."""
    given = mapping.questions.get(column, {})
    return QuestionSpec(
        column=column,
        label=given.get("label") or label or column,
        position=position,
        kind=given.get("kind") or "open",
        choices=given.get("choices"),
        separator=given.get("separator"),
        inferred=given.get("kind") is None,
        source_id=source_id,
        declared=column in mapping.questions,
    )
