"""The small TOML file that says which column is what, for a generic CSV or Excel file
(it may also correct a Cap Collectif or Grand Débat import).

Example (every key is optional; headers are matched exactly, after white space is tidied):

    theme = "metavers"                 # the theme of every row (or --theme), unless [columns] theme
    include_drafts = false

    [columns]
    id = "ID de la réponse"            # contribution id (else one is made from the file and line)
    respondent = "Adresse e-mail"      # who answered: pseudonymised, never stored (else the id)
    date = "Horodateur"                # when it was submitted (Paris time unless it has a zone)
    theme = "Questionnaire"            # a column naming the theme of each row
    complete = "Complète"              # Oui/Non; a non-empty date also counts as complete
    profile = "Vous êtes"
    sector = "Secteur d'activité"
    organisation_type = "Type de structure"
    region = "Région"
    zip_code = "Code postal"
    drop = ["Nom", "Téléphone"]        # personal data: never read
    ignore = ["Dernière page"]         # technical columns: not questions

    [values.theme]                     # values of the theme column -> theme code
    "Métavers culturel" = "metavers"
    [values.profile]                   # also sector, organisation_type, region
    "Pro de la culture" = "professionnel"

    [questions."Quels outils utilisez-vous ?"]
    kind = "multiple"                  # open | single | multiple | scale | yes_no
    separator = ";"
    choices = ["Tableur", "IA générative"]
    label = "Outils utilisés"          # text shown instead of the header
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field

from consultation import reference
from consultation.importers.common import ImportFileError, clip, normalise_whitespace
from consultation.importers.kinds import KINDS

ROLES = (
    "id",
    "respondent",
    "date",
    "theme",
    "complete",
    "profile",
    "sector",
    "organisation_type",
    "region",
    "zip_code",
)
_CODES = {
    "theme": set(reference.THEME_IDS),
    "profile": {p[0] for p in reference.PROFILES},
    "sector": {s[0] for s in reference.SECTORS},
    "organisation_type": {o[0] for o in reference.ORGANISATION_TYPES},
    "region": {r["region_code"] for r in reference.regions()},
}


@dataclass(frozen=True)
class Mapping:
    columns: dict[str, str] = field(default_factory=dict)  # role -> header
    drop: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # dimension -> raw value -> code
    questions: dict[str, dict] = field(default_factory=dict)  # header -> {kind, separator, choices, label}
    theme: str | None = None
    include_drafts: bool | None = None

    def headers(self) -> set[str]:
        """Every header the mapping names."""
        return {*self.columns.values(), *self.drop, *self.ignore, *self.questions}

    def check_against(self, columns: list[str]) -> None:
        """Every header the mapping names must be in the file."""
        present = set(columns)
        for header in sorted(self.headers()):
            if header not in present:
                raise ImportFileError(
                    f"le fichier de correspondance nomme la colonne « {clip(header, 60)} », absente du fichier. "
                    f"Colonnes du fichier : {clip(', '.join(columns), 300)}."
                )


def load(text: str | bytes) -> Mapping:
    """Parse and check a mapping file; ImportFileError in French when it is wrong."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise ImportFileError("le fichier de correspondance doit être en UTF-8.") from e
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        where = re.search(r"line (\d+)", str(e))
        raise ImportFileError(
            "fichier de correspondance illisible (syntaxe TOML).", line=int(where.group(1)) if where else None
        ) from e
    known = {"columns", "values", "questions", "theme", "include_drafts", "format"}
    for key in raw:
        if key not in known:
            raise ImportFileError(
                f"fichier de correspondance : clé inconnue « {clip(key, 40)} » (attendues : {', '.join(sorted(known))})."
            )
    columns_section = _table(raw, "columns")
    columns: dict[str, str] = {}
    drop: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    for role, value in columns_section.items():
        if role in ("drop", "ignore"):
            headers = tuple(
                normalise_whitespace(_string(v, f"columns.{role}")) for v in _list(value, f"columns.{role}")
            )
            if role == "drop":
                drop = headers
            else:
                ignore = headers
        elif role in ROLES:
            columns[role] = normalise_whitespace(_string(value, f"columns.{role}"))
        else:
            raise ImportFileError(
                f"fichier de correspondance : rôle de colonne inconnu « {clip(role, 40)} » "
                f"(attendus : {', '.join(ROLES)}, drop, ignore)."
            )
    values: dict[str, dict[str, str]] = {}
    for dimension, table in _table(raw, "values").items():
        if dimension not in _CODES:
            raise ImportFileError(
                f"fichier de correspondance : [values.{clip(dimension, 30)}] inconnu (attendus : {', '.join(_CODES)})."
            )
        table = _table({dimension: table}, dimension)
        for code in table.values():
            code = _string(code, f"values.{dimension}")
            if code not in _CODES[dimension]:
                raise ImportFileError(
                    f"fichier de correspondance : « {clip(code, 40)} » n'est pas un code de {dimension} "
                    f"(codes : {', '.join(sorted(_CODES[dimension]))})."
                )
        values[dimension] = {normalise_whitespace(k): v for k, v in table.items()}
    questions: dict[str, dict] = {}
    for header, spec in _table(raw, "questions").items():
        if not isinstance(spec, dict):
            raise ImportFileError(
                f'fichier de correspondance : [questions."{clip(header, 40)}"] doit être une section.'
            )
        kind = spec.get("kind")
        if kind is not None and kind not in KINDS:
            raise ImportFileError(
                f"fichier de correspondance : type « {clip(str(kind), 30)} » inconnu pour « {clip(header, 40)} » "
                f"(types : {', '.join(KINDS)})."
            )
        choices = spec.get("choices")
        if choices is not None:
            choices = tuple(_string(c, f"questions.{header}.choices") for c in _list(choices, "choices"))
        separator = spec.get("separator")
        if separator is not None and (not isinstance(separator, str) or not separator):
            raise ImportFileError(f"fichier de correspondance : séparateur vide pour « {clip(header, 40)} ».")
        label = spec.get("label")
        questions[normalise_whitespace(header)] = {
            "kind": kind,
            "choices": choices,
            "separator": separator,
            "label": normalise_whitespace(_string(label, "label")) if label is not None else None,
        }
    theme = raw.get("theme")
    if theme is not None and theme not in _CODES["theme"]:
        raise ImportFileError(
            f"fichier de correspondance : thème « {clip(str(theme), 40)} » inconnu (thèmes : {', '.join(reference.THEME_IDS)})."
        )
    include_drafts = raw.get("include_drafts")
    if include_drafts is not None and not isinstance(include_drafts, bool):
        raise ImportFileError("fichier de correspondance : include_drafts vaut true ou false.")
    return Mapping(columns, drop, ignore, values, questions, theme, include_drafts)


def _table(raw: dict, key: str) -> dict:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        raise ImportFileError(
            f"fichier de correspondance : « {clip(key, 40)} » doit être une section [{clip(key, 40)}]."
        )
    return value


def _list(value, where: str) -> list:
    if not isinstance(value, list):
        raise ImportFileError(f'fichier de correspondance : « {where} » doit être une liste ["…", "…"].')
    return value


def _string(value, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ImportFileError(f"fichier de correspondance : « {where} » doit être un texte non vide.")
    return value
