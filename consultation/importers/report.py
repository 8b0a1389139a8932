"""The import report in French: for the command line, the preview and the Données page.

A report is the JSON-ready dict written by assemble.py (and completed by merge.py); the
sources table keeps it, so the Données page can show any past import the same way.
"""

from __future__ import annotations

import json

import polars as pl

from consultation import fr, reference
from consultation.importers.common import SEPARATOR_NAMES
from consultation.importers.kinds import KIND_COUNTS, KIND_LABELS

FORMAT_LABELS = {
    "capcollectif": "Cap Collectif (questionnaire)",
    "granddebat": "Grand Débat (données ouvertes 2019)",
    "generic": "Tableau générique (CSV ou Excel)",
    "demo": "Démonstration synthétique",
}
FORMAT_SHORT_LABELS = {
    "capcollectif": "Cap Collectif",
    "granddebat": "Grand Débat",
    "generic": "Tableau",
    "demo": "Démonstration",
}
DIMENSION_LABELS = {
    "profile": "profil",
    "sector": "secteur",
    "organisation_type": "type d'organisation",
    "region": "région",
    "zip": "code postal",
    "zip_code": "code postal",
}
DEFAULT_LABELS = {
    "profile": "sans profil reconnu, comptés comme citoyens",
    "sector": "sans secteur reconnu (« Non renseigné » ou « Autre secteur »)",
    "organisation_type": "sans type d'organisation reconnu (« Non renseigné »)",
    "region": "sans région reconnue (« Non renseignée »)",
}
THEME_LABELS = {t.theme_id: t.label for t in reference.THEMES}
COUNT_HEADERS = ("Lignes lues", "Contributions", "Répondants", "Réponses", "Sans réponse")
MORE_DEFINITIONS = (
    "- **Brouillon** : un questionnaire commencé et jamais publié ; ce n'est pas une contribution.\n"
    "- **Contribution incomplète** : une contribution importée mais non publiée (par exemple un brouillon "
    "importé exprès).\n"
    "- **Source** : un fichier importé ; un même fichier n'est jamais importé deux fois.\n"
    "- Les **noms, e-mails et téléphones** ne sont jamais importés : chaque répondant reçoit un identifiant "
    "pseudonyme (R…), calculé avec une clé secrète propre à la base."
)


def load(value: str | dict | None) -> dict:
    """A report from the sources table (JSON text) or already a dict; {} when absent or broken."""
    if isinstance(value, dict):
        return value
    if not value:
        return {}
    try:
        loaded = json.loads(value)
    except (TypeError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def file_description(report: dict) -> str:
    """'Cap Collectif (questionnaire) · CSV UTF-8, séparateur virgule · thème Métavers'."""
    parts = [FORMAT_LABELS.get(report.get("format", ""), report.get("format", "?"))]
    if report.get("container") == "excel":
        parts.append("classeur Excel")
    else:
        sep = SEPARATOR_NAMES.get(report.get("separator") or "", report.get("separator") or "?")
        parts.append(f"CSV {report.get('encoding') or '?'}, séparateur {sep}")
    themes = [THEME_LABELS.get(t, t) for t in report.get("themes", [])]
    if themes:
        parts.append(("thème " if len(themes) == 1 else "thèmes ") + ", ".join(themes))
    return " · ".join(parts)


def counts(report: dict) -> list[tuple[str, str, str]]:
    """(label, value, help) for a row of big numbers."""
    return [
        ("Lignes lues", fr.integer(report.get("rows_read", 0)), "Lignes de données du fichier, hors en-tête."),
        ("Contributions", fr.integer(report.get("contributions", 0)), "Contributions importées."),
        ("Répondants", fr.integer(report.get("respondents", 0)), "Répondants distincts de ce fichier."),
        ("Réponses", fr.integer(report.get("answers", 0)), "Réponses non vides importées."),
    ]


def summary_lines(report: dict) -> list[str]:
    """The report as French sentences (command line, success message)."""
    lines = [
        file_description(report),
        f"{fr.plural(report.get('rows_read', 0), 'ligne lue', 'lignes lues')} : "
        f"{fr.plural(report.get('contributions', 0), 'contribution')}, "
        f"{fr.plural(report.get('respondents', 0), 'répondant')}, {fr.plural(report.get('answers', 0), 'réponse')}, "
        f"{fr.plural(report.get('questions', 0), 'question')}.",
    ]
    if report.get("first_submitted_at"):
        lines.append(f"Contributions du {_day(report['first_submitted_at'])} au {_day(report['last_submitted_at'])}.")
    kinds = report.get("question_kinds") or {}
    if kinds:
        lines.append(
            "Questions : " + ", ".join(_kind_count(k, n) for k, n in sorted(kinds.items(), key=lambda kv: -kv[1])) + "."
        )
    lines.extend(problems(report))
    dropped = report.get("columns_dropped") or []
    if dropped:
        lines.append(f"Colonnes non importées ({len(dropped)}) :")
        lines.extend(f"  - {d['column']} : {d['reason']}" for d in dropped)
    if report.get("replaced_demo"):
        lines.append("Les données de démonstration ont été remplacées.")
    if report.get("respondents_already_known"):
        lines.append(
            f"Répondants déjà connus par un import précédent : {fr.integer(report['respondents_already_known'])}."
        )
    return lines


def problems(report: dict) -> list[str]:
    """What the person importing should know: skipped and rejected rows, guesses, damaged text."""
    out = []
    if report.get("drafts_skipped"):
        out.append(
            f"Brouillons ignorés (ils ne comptent pas comme contributions) : {fr.integer(report['drafts_skipped'])}."
        )
    if report.get("drafts_included"):
        out.append(f"Brouillons importés comme contributions incomplètes : {fr.integer(report['drafts_included'])}.")
    if report.get("trashed_skipped"):
        out.append(f"Contributions mises à la corbeille, ignorées : {fr.integer(report['trashed_skipped'])}.")
    if report.get("rows_rejected"):
        reasons = ", ".join(f"{reason} : {n}" for reason, n in (report.get("rejection_reasons") or {}).items())
        out.append(f"Lignes rejetées : {fr.integer(report['rows_rejected'])} ({reasons}).")
    defaults = report.get("defaults") or {}
    if defaults.get("profile"):
        out.append(f"Répondants sans profil reconnu, comptés parmi les citoyens : {fr.integer(defaults['profile'])}.")
    if defaults.get("region"):
        out.append(f"Répondants sans région reconnue (« Non renseignée ») : {fr.integer(defaults['region'])}.")
    for dimension, values in (report.get("unrecognised_values") or {}).items():
        shown = ", ".join(f"« {v} » ({n})" for v, n in list(values.items())[:5])
        out.append(f"Valeurs de {DIMENSION_LABELS.get(dimension, dimension)} non reconnues : {shown}.")
    out.extend(_capitalised(w) for w in report.get("warnings") or [])
    return out


def rejections_table(report: dict) -> pl.DataFrame:
    rows = report.get("rejections") or []
    return pl.DataFrame(
        {
            "Ligne": [r.get("line") for r in rows],
            "Colonne": [r.get("column") or "" for r in rows],
            "Motif": [r.get("reason") or "" for r in rows],
        },
        schema={"Ligne": pl.Int64, "Colonne": pl.String, "Motif": pl.String},
    )


def dropped_table(report: dict) -> pl.DataFrame:
    rows = report.get("columns_dropped") or []
    return pl.DataFrame(
        {"Colonne": [r["column"] for r in rows], "Raison": [r["reason"] for r in rows]},
        schema={"Colonne": pl.String, "Raison": pl.String},
    )


def sources_table(sources: pl.DataFrame) -> pl.DataFrame:
    """The source_list query under French headers."""
    return sources.select(
        pl.col("file_name").alias("Fichier"),
        pl.col("format").replace_strict(FORMAT_SHORT_LABELS, default=pl.col("format")).alias("Format"),
        pl.col("imported_at").alias("Importé le"),
        pl.col("row_count").alias("Lignes lues"),
        pl.col("current_contribution_count").alias("Contributions"),
        pl.col("respondent_count").alias("Répondants"),
        pl.col("answer_count").alias("Réponses"),
    )


def quality_table(questions: pl.DataFrame) -> pl.DataFrame:
    """The data_quality_questions query under French headers."""
    return questions.select(
        pl.col("theme_short_label").alias("Thème"),
        pl.col("label").alias("Question"),
        pl.col("kind").replace_strict(KIND_LABELS, default=pl.col("kind")).alias("Type"),
        pl.col("answer_count").alias("Réponses"),
        pl.col("empty_count").alias("Sans réponse"),
        pl.col("empty_pct").alias("Part sans réponse"),
    )


def quality_sentence(summary: dict) -> str:
    """'Contributions du 16 févr. 2023 au 30 juin 2023 · 5 849 répondants, dont 151 sans région, …'."""
    return (
        f"Contributions du {fr.day(summary['first_submitted_at'])} au {fr.day(summary['last_submitted_at'])} · "
        f"{fr.plural(summary['respondent_count'], 'répondant')}, dont "
        f"{fr.integer(summary['unknown_region_count'])} sans région, "
        f"{fr.integer(summary['unknown_sector_count'])} sans secteur et "
        f"{fr.integer(summary['unknown_organisation_count'])} sans type d'organisation renseigné."
    )


def questions_table(questions: pl.DataFrame) -> pl.DataFrame:
    """The preview's questions: theme, text, guessed kind (code), choices, réponses."""
    return questions.select(
        pl.col("column").alias("Colonne"),
        pl.col("theme_id").replace_strict(THEME_LABELS, default=pl.col("theme_id")).alias("Thème"),
        pl.col("label").alias("Question"),
        pl.col("kind").alias("Type"),
        pl.when(pl.col("inferred")).then(pl.lit("deviné")).otherwise(pl.lit("indiqué")).alias("Origine"),
        pl.col("choices").list.join(" · ").fill_null("").alias("Choix"),
        pl.col("answer_count").alias("Réponses"),
    )


def _kind_count(kind: str, n: int) -> str:
    singular, plural = KIND_COUNTS.get(kind, (kind, kind))
    return f"{fr.integer(n)} {singular if n < 2 else plural}"


def _day(iso: str) -> str:
    from datetime import datetime

    try:
        return fr.day(datetime.fromisoformat(iso))
    except (TypeError, ValueError):
        return iso


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
