"""Fixed vocabularies shared by the demo generator, the importers and the pages.

Codes are the stable identifiers stored in the database and carried in URLs; labels are French.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Theme:
    theme_id: str
    label: str
    short_label: str
    color: str


# One colour a theme, used by every chart (DSFR illustrative colours, >= 3:1 contrast on white).
THEMES: tuple[Theme, ...] = (
    Theme("metavers", "Métavers", "Métavers", "#A558A0"),
    Theme("creation", "Création artistique en environnement numérique", "Création", "#B34000"),
    Theme("ecologie", "Impact écologique", "Écologie", "#18753C"),
    Theme("langue", "Langue française", "Langue", "#000091"),
    Theme("archivage", "Archivage numérique", "Archivage", "#845D48"),
    Theme("donnees_ia", "Données & intelligence artificielle", "Données & IA", "#006A6F"),
)
THEME_IDS = tuple(t.theme_id for t in THEMES)
THEME_COLORS = {t.theme_id: t.color for t in THEMES}

# (code, label, plural label used in sentences)
PROFILES: tuple[tuple[str, str, str], ...] = (
    ("professionnel", "Professionnel du secteur culturel", "professionnels de la culture"),
    ("numerique", "Acteur du numérique", "acteurs du numérique"),
    ("citoyen", "Citoyen intéressé par le numérique culturel", "citoyens"),
)

SECTORS: tuple[tuple[str, str], ...] = (
    ("musees_patrimoine", "Musées et patrimoine"),
    ("archives", "Archives"),
    ("bibliotheques", "Bibliothèques et lecture publique"),
    ("spectacle_vivant", "Spectacle vivant"),
    ("arts_visuels", "Arts visuels"),
    ("cinema_audiovisuel", "Cinéma et audiovisuel"),
    ("musique", "Musique"),
    ("livre_edition", "Livre et édition"),
    ("presse_medias", "Presse et médias"),
    ("architecture", "Architecture"),
    ("jeu_video", "Jeu vidéo"),
    ("recherche", "Enseignement supérieur et recherche"),
    ("eac", "Éducation artistique et culturelle"),
    ("numerique_tech", "Technologies numériques"),
    ("autre", "Autre secteur"),
    ("non_renseigne", "Non renseigné"),
)

ORGANISATION_TYPES: tuple[tuple[str, str], ...] = (
    ("etablissement_public", "Établissement public, opérateur de l'État"),
    ("administration", "Administration de l'État"),
    ("collectivite", "Collectivité territoriale"),
    ("association", "Association"),
    ("entreprise", "Entreprise"),
    ("start_up", "Jeune entreprise innovante"),
    ("independant", "Indépendant, artiste-auteur"),
    ("enseignement_recherche", "Établissement d'enseignement ou de recherche"),
    ("particulier", "À titre individuel"),
    ("non_renseigne", "Non renseigné"),
)

ABROAD_REGION = "99"
UNKNOWN_REGION = "00"

OPENING = date(2023, 2, 16)
CLOSING = date(2023, 6, 30)

# (date, label, kind, theme_id or None), from the announcement in shared/context/.
EVENTS: tuple[tuple[date, str, str, str | None], ...] = (
    (OPENING, "Ouverture de la consultation", "opening", None),
    (date(2023, 2, 23), "Webinaire de lancement", "webinar", None),
    (date(2023, 3, 9), "Webinaire Archivage numérique", "webinar", "archivage"),
    (date(2023, 3, 10), "Webinaire Impact écologique", "webinar", "ecologie"),
    (date(2023, 3, 13), "Webinaire Création artistique et Métavers", "webinar", "creation"),
    (date(2023, 3, 13), "Webinaire Création artistique et Métavers", "webinar", "metavers"),
    (date(2023, 3, 15), "Webinaire Données et IA", "webinar", "donnees_ia"),
    (date(2023, 3, 17), "Webinaire Langue française", "webinar", "langue"),
    (CLOSING, "Clôture de la consultation", "closing", None),
)


def regions() -> list[dict]:
    """INSEE regions with population, plus abroad and unknown (from data/regions.csv)."""
    with open(DATA_DIR / "regions.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        r["population"] = int(r["population"]) if r["population"] else None
    return rows
