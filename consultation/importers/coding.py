"""Free values of an export -> the reference codes of consultation.reference.

Every mapper works on the DISTINCT values of a column (an export has thousands of rows but
a handful of profile labels) and returns, for each value, its code and whether it was
recognised. Rules, in order: empty -> the dimension's "unknown" code; a reference code or
label (accents, case and punctuation ignored); the keyword rules below; otherwise the
"unknown" code, and the value is listed in the import report.

Unknown profile: "citoyen". The three profiles are fixed (reference.PROFILES) and the schema
wants one; a respondent who does not say is counted with the open public, and the report
says how many were. Unknown sector and organisation type: "non_renseigne" (a value given but
not recognised is "autre" for sectors, which has that code). Unknown region: "00".
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from consultation import reference

DEFAULT_PROFILE = "citoyen"
UNKNOWN = "non_renseigne"
OTHER_SECTOR = "autre"

# Zip codes of overseas collectivities outside any region (Saint-Pierre-et-Miquelon,
# Saint-Barthélemy, Saint-Martin, Wallis-et-Futuna, Polynésie, Nouvelle-Calédonie): "00".
COM_ZIP_PREFIXES = ("975", "977", "978", "986", "987", "988")
COM_ZIP_CODES = ("97133", "97150")  # Saint-Barthélemy, Saint-Martin use Guadeloupe's 971
MONACO_ZIP_PREFIX = "980"


def fold(value: str) -> str:
    """Lower case, no accents, œ -> oe, apostrophes and dashes as spaces, single spaces."""
    text = unicodedata.normalize("NFKD", value.lower().replace("œ", "oe").replace("æ", "ae"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[’'`´\-_/.,;:!?()«»\"]+", " ", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class Coded:
    code: str
    known: bool  # False: empty or not recognised (the code is the dimension's default)


def _rules(*pairs: tuple[str, tuple[str, ...]]) -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((code, re.compile(r"\b(?:" + "|".join(words) + r")")) for code, words in pairs)


PROFILE_RULES = _rules(
    (
        "citoyen",
        ("citoyen", "particulier", "titre individuel", "titre personnel", "grand public", "usager", "habitant"),
    ),
    (
        "numerique",
        ("acteur du numerique", "numerique", r"tech\b", "technologi", "informatique", "developpeu", "start ?up"),
    ),
    (
        "professionnel",
        (
            "professionnel",
            "secteur culturel",
            "culture",
            "artiste",
            "auteur",
            "elu",
            "institution",
            "organisation",
            "association",
            "entreprise",
            "agent",
            "salarie",
            "intermittent",
            "technicien",
            "spectacle",
            "musee",
            "bibliothe",
            "archiv",
            "patrimoine",
            "conservat",
            "mediat",
        ),
    ),
)

SECTOR_RULES = _rules(
    ("musees_patrimoine", ("musee", "patrimoine", "monument")),
    ("archives", ("archiv",)),
    ("bibliotheques", ("bibliothe", "mediathe", "lecture publique")),
    ("spectacle_vivant", ("spectacle", "theatre", "danse", "cirque", "opera", "arts de la rue")),
    ("arts_visuels", ("arts visuels", "arts plastiques", "photograph", "design", "art contemporain")),
    ("cinema_audiovisuel", ("cinema", "audiovisuel", "television", "film")),
    ("musique", ("musique", "musical")),
    ("livre_edition", ("livre", "edition", "librair")),
    ("presse_medias", ("presse", "media", "journalis")),
    ("architecture", ("architect",)),
    ("jeu_video", ("jeu video", "jeux video")),
    ("eac", ("education artistique", "eac", "mediation")),
    ("recherche", ("recherche", "enseignement superieur", "universit")),
    ("numerique_tech", ("numerique", "technolog", "informatique", r"tech\b")),
)

ORGANISATION_RULES = _rules(
    ("particulier", ("particulier", "titre individuel", "titre personnel", "citoyen")),
    ("etablissement_public", ("etablissement public", "operateur")),
    ("administration", ("administration", "ministere", "drac", "service de l etat", "service deconcentre")),
    (
        "collectivite",
        ("collectivite", "commune", "mairie", "departement", "conseil regional", "metropole", "elu", "institution"),
    ),
    ("association", ("association", "but non lucratif", "fondation", "ong")),
    ("start_up", ("start ?up", "jeune entreprise")),
    ("entreprise", ("entreprise", "societe", "but lucratif", "sarl", "sas", "pme", "tpe")),
    ("independant", ("independant", "artiste", "auteur", "freelance", "auto entrepreneur", "micro entrepr")),
    ("enseignement_recherche", ("ecole", "universit", "enseignement", "recherche", "lycee", "college")),
)

# Former regions (before 2016) and usual spellings -> INSEE code of today's region.
REGION_ALIASES = {
    "alsace": "44",
    "lorraine": "44",
    "champagne ardenne": "44",
    "aquitaine": "75",
    "limousin": "75",
    "poitou charentes": "75",
    "auvergne": "84",
    "rhone alpes": "84",
    "bourgogne": "27",
    "franche comte": "27",
    "languedoc roussillon": "76",
    "midi pyrenees": "76",
    "nord pas de calais": "32",
    "picardie": "32",
    "basse normandie": "28",
    "haute normandie": "28",
    "centre": "24",
    "paca": "93",
    "provence alpes cote d azur": "93",
    "idf": "11",
    "reunion": "04",
    "la reunion": "04",
    "etranger": reference.ABROAD_REGION,
    "a l etranger": reference.ABROAD_REGION,
    "hors de france": reference.ABROAD_REGION,
    "international": reference.ABROAD_REGION,
    "autre pays": reference.ABROAD_REGION,
}


def _exact(values: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """code and label, folded -> code."""
    out: dict[str, str] = {}
    for code, label, *_rest in values:
        out[fold(code)] = code
        out[fold(label)] = code
    return out


def code_values(dimension: str, values) -> dict[str, Coded]:
    """Each distinct raw value (None for empty) -> its code in ``dimension``."""
    coder = {
        "profile": code_profile,
        "sector": code_sector,
        "organisation_type": code_organisation_type,
        "region": code_region,
        "zip_code": code_zip,
    }[dimension]
    return {v: coder(v) for v in values}


def _by_rules(value: str | None, exact: dict[str, str], rules, unknown: str, other: str | None = None) -> Coded:
    if value is None or not value.strip():
        return Coded(unknown, False)
    folded = fold(value)
    if folded in exact:
        return Coded(exact[folded], True)
    for code, pattern in rules:
        if pattern.search(folded):
            return Coded(code, True)
    return Coded(other or unknown, False)


@cache
def _profile_exact() -> dict[str, str]:
    return {**_exact(reference.PROFILES), **{fold(plural): code for code, _label, plural in reference.PROFILES}}


def code_profile(value: str | None) -> Coded:
    return _by_rules(value, _profile_exact(), PROFILE_RULES, DEFAULT_PROFILE)


def code_sector(value: str | None) -> Coded:
    return _by_rules(value, _exact(reference.SECTORS), SECTOR_RULES, UNKNOWN, OTHER_SECTOR)


def code_organisation_type(value: str | None) -> Coded:
    return _by_rules(value, _exact(reference.ORGANISATION_TYPES), ORGANISATION_RULES, UNKNOWN)


@cache
def departments() -> dict[str, tuple[str, str]]:
    """department code -> (name, region code), from data/departements.csv."""
    with open(reference.DATA_DIR / "departements.csv", encoding="utf-8", newline="") as f:
        return {row["department_code"]: (row["name"], row["region_code"]) for row in csv.DictReader(f)}


@cache
def _region_exact() -> dict[str, str]:
    out = {fold(r["name"]): r["region_code"] for r in reference.regions()}
    out.update({r["region_code"]: r["region_code"] for r in reference.regions()})
    out.update(REGION_ALIASES)
    for dept, (name, region) in departments().items():
        out[fold(name)] = region
        out.setdefault(fold(dept), region)
    out.pop(fold("Non renseignée"), None)
    return out


def code_region(value: str | None) -> Coded:
    """A region name or code, a department name or number, or a zip code -> region code."""
    if value is None or not value.strip():
        return Coded(reference.UNKNOWN_REGION, False)
    folded = fold(value)
    exact = _region_exact()
    if folded in exact:
        return Coded(exact[folded], True)
    # "84 - Auvergne-Rhône-Alpes", "Paris (75)": try the words one by one, then a zip code.
    match = re.fullmatch(r"(\d{2,3}|2[ab])\s+(.+)", folded) or re.fullmatch(r"(.+?)\s+(\d{2,3}|2[ab])", folded)
    if match:
        for part in match.groups():
            if part in exact:
                return Coded(exact[part], True)
    if re.fullmatch(r"\d{4,5}", folded):
        return code_zip(folded)
    return Coded(reference.UNKNOWN_REGION, False)


def department_of_zip(value: str | None) -> str | None:
    """The department of a French zip code, None when it is not one (text in, leading zeros kept)."""
    if value is None:
        return None
    digits = re.sub(r"\s+", "", value)
    if re.fullmatch(r"\d{4}", digits):
        digits = "0" + digits  # a spreadsheet dropped the leading zero
    if not re.fullmatch(r"\d{5}", digits):
        return None
    if digits.startswith("20"):
        return "2A" if digits[2] in "01" else "2B"
    if digits.startswith("97"):
        return digits[:3]
    return digits[:2]


def code_zip(value: str | None) -> Coded:
    """Zip code -> region: 75011 -> 11, 20000 -> 94 (Corse), 97400 -> 04 (La Réunion), 98000 -> 99."""
    if value is None or not value.strip():
        return Coded(reference.UNKNOWN_REGION, False)
    digits = re.sub(r"\s+", "", value)
    if re.fullmatch(r"\d{4}", digits):
        digits = "0" + digits
    if digits.startswith(MONACO_ZIP_PREFIX) and re.fullmatch(r"\d{5}", digits):
        return Coded(reference.ABROAD_REGION, True)
    if digits in COM_ZIP_CODES or digits.startswith(COM_ZIP_PREFIXES):
        return Coded(reference.UNKNOWN_REGION, True)
    dept = department_of_zip(digits)
    known = departments().get(dept or "")
    if known is None:
        return Coded(reference.UNKNOWN_REGION, False)
    return Coded(known[1], True)
