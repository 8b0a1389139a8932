"""A tiny hand-made consultation: every expected value in the tests can be counted by hand.

4 répondants, 6 contributions, 10 réponses.
- R1 citoyen, Île-de-France: C1 Métavers 16 févr. 10:00, C2 Écologie 16 févr. 21:30
- R2 professionnel (archives), Auvergne-Rhône-Alpes: C3 Écologie 17 févr. (incomplete), C6 Données & IA 16 mars
- R3 acteur du numérique, Île-de-France: C4 Données & IA 15 mars
- R4 citoyen, abroad: C5 Métavers 16 mars 20:00 (a hostile answer)
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import polars as pl

from consultation import store

HOSTILE = "**gras** <script>alert(1)</script> =1+1"

QUESTIONS = [
    ("metavers_q01", "metavers", 1, "Quelles opportunités le métavers ouvre-t-il pour la culture ?", "open", None),
    ("metavers_q02", "metavers", 2, "Avez-vous déjà visité une exposition virtuelle ?", "yes_no", ["Oui", "Non"]),
    ("ecologie_q01", "ecologie", 1, "Comment réduire l'empreinte du numérique culturel ?", "open", None),
    (
        "ecologie_q02",
        "ecologie",
        2,
        "Quel est l'impact écologique de votre activité ?",
        "single",
        ["Faible", "Moyen", "Fort"],
    ),
    (
        "donnees_ia_q01",
        "donnees_ia",
        1,
        "Utilisez-vous des outils d'intelligence artificielle dans votre activité ?",
        "yes_no",
        ["Oui", "Non"],
    ),
    (
        "donnees_ia_q02",
        "donnees_ia",
        2,
        "L'IA est-elle une chance pour la culture ?",
        "scale",
        ["1", "2", "3", "4", "5"],
    ),
]
RESPONDENTS = [
    ("R1", "citoyen", "non_renseigne", "particulier", "11"),
    ("R2", "professionnel", "archives", "collectivite", "84"),
    ("R3", "numerique", "numerique_tech", "start_up", "11"),
    ("R4", "citoyen", "non_renseigne", "particulier", "99"),
]
CONTRIBUTIONS = [
    ("C1", "R1", "metavers", datetime(2023, 2, 16, 10, 0), True),
    ("C2", "R1", "ecologie", datetime(2023, 2, 16, 21, 30), True),
    ("C3", "R2", "ecologie", datetime(2023, 2, 17, 9, 15), False),
    ("C4", "R3", "donnees_ia", datetime(2023, 3, 15, 14, 0), True),
    ("C5", "R4", "metavers", datetime(2023, 3, 16, 20, 0), True),
    ("C6", "R2", "donnees_ia", datetime(2023, 3, 16, 11, 0), True),
]
ANSWERS = [
    ("C1", "metavers_q01", "L'écologie du métavers m'inquiète, mais les musées virtuels m'intéressent.", None, None),
    ("C1", "metavers_q02", None, ["Oui"], None),
    ("C2", "ecologie_q01", "La sobriété numérique des Œuvres est essentielle ; le droit d'auteur aussi.", None, None),
    ("C2", "ecologie_q02", None, ["Fort"], None),
    ("C3", "ecologie_q02", None, ["Moyen"], None),
    ("C4", "donnees_ia_q01", None, ["Oui"], None),
    ("C4", "donnees_ia_q02", None, None, 4.0),
    ("C5", "metavers_q01", HOSTILE, None, None),
    ("C6", "donnees_ia_q01", None, ["Non"], None),
    ("C6", "donnees_ia_q02", None, None, 2.0),
]


def build(path: Path) -> Path:
    q_cols = ["question_id", "theme_id", "position", "label", "kind", "choices"]
    frames = {
        "questions": pl.DataFrame(
            [dict(zip(q_cols, q, strict=True)) for q in QUESTIONS],
            schema={
                "question_id": pl.String,
                "theme_id": pl.String,
                "position": pl.Int32,
                "label": pl.String,
                "kind": pl.String,
                "choices": pl.List(pl.String),
            },
        ),
        "respondents": pl.DataFrame(
            RESPONDENTS, schema=["respondent_id", "profile", "sector", "organisation_type", "region_code"], orient="row"
        ),
        "contributions": pl.DataFrame(
            [(*c, "fixture") for c in CONTRIBUTIONS],
            schema=["contribution_id", "respondent_id", "theme_id", "submitted_at", "is_complete", "source_id"],
            orient="row",
        ),
        "answers": pl.DataFrame(
            ANSWERS,
            schema={
                "contribution_id": pl.String,
                "question_id": pl.String,
                "text": pl.String,
                "choices": pl.List(pl.String),
                "number": pl.Float64,
            },
            orient="row",
        ),
        "sources": pl.DataFrame(
            [
                {
                    "source_id": "fixture",
                    "file_name": "fixture",
                    "format": "fixture",
                    "imported_at": datetime(2023, 7, 1),
                    "contribution_count": 6,
                }
            ]
        ),
    }
    return store.build_database(path, frames, {"source": "fixture", "is_demo": "false"})
