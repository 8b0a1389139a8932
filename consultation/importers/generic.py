"""A generic wide CSV or Excel file: LimeSurvey, Framaforms, Google Forms, a hand-made sheet.

One row a contribution, one column a question. Which column is the id, the date, the theme,
the respondent and the profile comes from the mapping file (mapping.py) or, when it says
nothing, from the headers (« Horodateur », « Date de soumission », « submitdate »,
« Vous êtes », « Code postal »…). Every other column is a question whose kind is guessed
from its answers and shown in the preview to be confirmed.

Ids are prefixed with the theme ("metavers-12"): LimeSurvey numbers the answers of every
survey from 1, so two files would otherwise collide. Without an id column, the id is made
from the file's fingerprint and the line ("f3a9c01b2e-L14"): stable for that file.
"""

from __future__ import annotations

import polars as pl

from consultation import reference
from consultation.importers.assemble import RowSource
from consultation.importers.capcollectif import question_spec
from consultation.importers.coding import fold
from consultation.importers.common import ImportFileError, RawTable, clip, header_role, parse_bool, pii_reason
from consultation.importers.mapping import Mapping

FORMAT = "generic"
LABEL = "Tableau générique (CSV ou Excel)"
SEPARATORS = (", ", ";", "|", "\n")

AUTO = {
    "id": ("id", "identifiant", "id de la reponse", "id reponse", "response id", "numero de reponse", "reference"),
    "date": (
        "horodateur",
        "horodatage",
        "timestamp",
        "date de soumission",
        "date de reponse",
        "date de la reponse",
        "date d envoi",
        "submitdate",
        "submitted at",
        "date de creation",
        "created at",
        "date",
        "datestamp",
        "startdate",
    ),
    "theme": ("theme", "thematique", "questionnaire"),
    "respondent": (
        "repondant",
        "id repondant",
        "identifiant repondant",
        "respondent id",
        "author id",
        "user id",
        "adresse e mail",
        "adresse mail",
        "e mail",
        "email",
        "courriel",
    ),
}
# LimeSurvey and form tools: technical columns that are not questions.
TECHNICAL = {
    "lastpage",
    "startlanguage",
    "seed",
    "startdate",
    "datestamp",
    "submitdate",
    "refurl",
    "interviewtime",
    "token",
}


def read(table: RawTable, theme: str | None, mapping: Mapping, file_sha256: str) -> RowSource:
    columns = table.columns
    mapping.check_against(columns)
    roles = dict(mapping.columns)
    folded = {c: fold(c) for c in columns}
    taken = set(roles.values()) | set(mapping.drop) | set(mapping.ignore) | set(mapping.questions)
    for role, names in AUTO.items():
        if role in roles:
            continue
        for name in names:
            found = next((c for c in columns if folded[c] == name and c not in taken), None)
            if found:
                roles[role] = found
                taken.add(found)
                break
    for c in columns:
        if c in taken:
            continue
        role = header_role(c)
        if role and role not in roles:
            roles[role] = c
            taken.add(c)
    if "date" not in roles:
        raise ImportFileError(
            "aucune colonne de date reconnue (Horodateur, Date de soumission, submitdate…) : "
            "indiquez-la dans le fichier de correspondance, section [columns], clé date.",
            line=1,
        )
    theme = mapping.theme or theme
    if "theme" not in roles and theme is None:
        raise ImportFileError(
            "choisissez le thème de ce fichier (--theme), ou nommez sa colonne de thème dans le fichier de correspondance."
        )

    def col(role: str) -> pl.Expr:
        return pl.col(roles[role]).str.strip_chars() if role in roles else pl.lit(None, pl.String)

    frame = table.frame
    date = col("date")
    if folded.get(roles["date"]) == "submitdate":  # LimeSurvey: unfinished answers have no submitdate
        by_name = {folded[c]: c for c in columns}
        fallbacks = [pl.col(by_name[n]).str.strip_chars() for n in ("datestamp", "startdate") if n in by_name]
        date = pl.coalesce(date, *fallbacks)
    frame = frame.with_columns(pl.Series("\x00line", table.lines, dtype=pl.Int64))
    complete = pl.lit(True)
    if "complete" in roles:
        frame = frame.with_columns(parse_bool(frame[roles["complete"]].fill_null("")).alias("\x00flag"))
        complete = pl.coalesce(pl.col("\x00flag"), col("complete").is_not_null())
    elif folded.get(roles["date"]) == "submitdate":
        complete = col("date").is_not_null()
    if "theme" in roles:
        theme_codes = _theme_codes(frame[roles["theme"]], mapping)
        theme_expr = col("theme").replace_strict(theme_codes, default=None, return_dtype=pl.String)
    else:
        theme_expr = pl.lit(theme)
    respondent = col("respondent")
    respondent_key = (
        pl.when(respondent.str.contains(r"^[^@\s]+@[^@\s]+$"))
        .then(pl.lit("email:") + respondent.str.to_lowercase())
        .when(respondent.is_not_null())
        .then(pl.lit("generic:") + respondent)
        .otherwise(None)
    )
    given_id = col("id")
    contribution_id = (
        pl.when(given_id.is_not_null()).then(pl.coalesce(theme_expr, pl.lit("?")) + pl.lit("-") + given_id)
        if "id" in roles
        else pl.lit(f"{file_sha256[:10]}-L") + pl.col("\x00line").cast(pl.String)
    )
    rows = frame.select(
        pl.col("\x00line").alias("line"),
        contribution_id.alias("contribution_id"),
        respondent_key.alias("respondent_key"),
        date.alias("submitted_raw"),
        pl.lit("ok").alias("status"),
        complete.alias("is_complete"),
        theme_expr.alias("theme_id"),
        col("theme").alias("theme_raw"),
        col("profile").alias("profile_raw"),
        col("sector").alias("sector_raw"),
        col("organisation_type").alias("organisation_raw"),
        col("region").alias("region_raw"),
        col("zip_code").alias("zip_raw"),
    )
    dropped: list[tuple[str, str]] = [(c, "donnée personnelle (fichier de correspondance)") for c in mapping.drop]
    dropped += [(c, "ignorée (fichier de correspondance)") for c in mapping.ignore]
    if "respondent" in roles:
        dropped.append((roles["respondent"], "identifie le répondant (sert seulement au pseudonyme)"))
    questions = []
    position = 0
    for c in columns:
        if c in roles.values() or c in mapping.drop or c in mapping.ignore:
            continue
        if folded[c] in TECHNICAL:
            dropped.append((c, "colonne technique"))
            continue
        pii = pii_reason(c) if c not in mapping.questions else None
        if pii:
            dropped.append((c, pii))
            continue
        position += 1
        questions.append(question_spec(c, position, mapping))
    if not questions:
        raise ImportFileError("aucune colonne de question dans ce fichier (toutes sont des métadonnées).", line=1)
    return RowSource(
        rows=rows,
        questions=questions,
        dropped=dropped,
        roles={r: c for r, c in roles.items() if r not in ("respondent",)},
        id_column=roles.get("id", "identifiant"),
        date_column=roles["date"],
        theme_column=roles.get("theme"),
        separators=SEPARATORS,
        precoded=mapping.values,
    )


def _theme_codes(values: pl.Series, mapping: Mapping) -> dict[str, str]:
    """Each value of the theme column -> theme code (mapping, then code or label, accents ignored)."""
    known: dict[str, str] = {}
    for t in reference.THEMES:
        for name in (t.theme_id, t.label, t.short_label):
            known[fold(name)] = t.theme_id
    given = mapping.values.get("theme", {})
    out = {}
    for raw in values.drop_nulls().str.strip_chars().unique().to_list():
        code = given.get(raw) or known.get(fold(raw))
        if code:
            out[raw] = code
    return out


def describe_roles(roles: dict[str, str]) -> str:
    return ", ".join(f"{role} = « {clip(c, 40)} »" for role, c in roles.items())
