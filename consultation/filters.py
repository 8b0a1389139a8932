"""The filter state of every page: from URL query params, to SQL params, to a French sentence.

URL keys (values are codes or their French labels; several values repeat the key):
theme, profil, secteur, organisation, region, du, au (YYYY-MM-DD), q (search), and on the
Réponses page question, complet (oui|non), choix_question + choix (an answer to a closed question).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date

from consultation import fr
from consultation.search import MAX_QUERY_LENGTH, normalise, parse_query
from consultation.search import sql_params as search_params

MAX_PARAM_LENGTH = 300
MAX_VALUES = 50
# Dates a filter may take: the sidebar's date pickers refuse any other, so a URL may not set one.
FIRST_DATE = date(2000, 1, 1)
LAST_DATE = date(2099, 12, 31)

# URL key -> (Filters field, dimension in the vocabulary, French name singular, plural)
MULTI_KEYS: dict[str, tuple[str, str, str, str]] = {
    "theme": ("themes", "theme", "thème", "thèmes"),
    "profil": ("profiles", "profile", "profil", "profils"),
    "secteur": ("sectors", "sector", "secteur", "secteurs"),
    "organisation": ("organisation_types", "organisation_type", "organisation", "organisations"),
    "region": ("regions", "region", "région", "régions"),
}


@dataclass(frozen=True)
class Vocabulary:
    """Valid codes and their labels, read from the database."""

    # dimension -> code -> (label, plural label); dimension "theme" holds the themes.
    labels: Mapping[str, Mapping[str, tuple[str, str]]]
    # question_id -> (theme_id, label, kind, choices)
    questions: Mapping[str, tuple[str, str, str, tuple[str, ...]]] = field(default_factory=dict)

    def label(self, dimension: str, code: str) -> str:
        return self.labels.get(dimension, {}).get(code, (code, code))[0]

    def resolve(self, dimension: str, value: str) -> str | None:
        """The code for a URL value given as a code or as a label (accents and case ignored)."""
        known = self.labels.get(dimension, {})
        if value in known:
            return value
        wanted = normalise(value).strip()
        for code, (label, plural) in known.items():
            if wanted in (normalise(label), normalise(plural), normalise(code)):
                return code
        return None


@dataclass(frozen=True)
class Filters:
    themes: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    organisation_types: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    search: str = ""
    question_id: str | None = None
    complete: bool | None = None
    answer_question_id: str | None = None
    answer_choice: str | None = None

    def is_empty(self) -> bool:
        return self == Filters()

    def replace(self, **changes) -> Filters:
        return replace(self, **changes)

    def sql_params(self) -> dict:
        """Bound parameters of queries/filtered_contributions.sql."""
        return {
            "themes": list(self.themes),
            "profiles": list(self.profiles),
            "sectors": list(self.sectors),
            "organisation_types": list(self.organisation_types),
            "regions": list(self.regions),
            "date_from": self.date_from,
            "date_to": self.date_to,
            "complete": self.complete,
            "question_id": self.question_id,
            **search_params(parse_query(self.search)),
            "answer_question_id": self.answer_question_id if self.answer_choice else None,
            "answer_choice": self.answer_choice if self.answer_question_id else None,
        }

    def query_params(self) -> dict[str, str | list[str]]:
        """The URL form (codes), for links that carry this filter state."""
        out: dict[str, str | list[str]] = {}
        for key, (attr, *_rest) in MULTI_KEYS.items():
            values = getattr(self, attr)
            if values:
                out[key] = list(values)
        if self.date_from:
            out["du"] = self.date_from.isoformat()
        if self.date_to:
            out["au"] = self.date_to.isoformat()
        if self.search:
            out["q"] = self.search
        if self.question_id:
            out["question"] = self.question_id
        if self.complete is not None:
            out["complet"] = "oui" if self.complete else "non"
        if self.answer_question_id and self.answer_choice:
            out["choix_question"] = self.answer_question_id
            out["choix"] = self.answer_choice
        return out

    def describe(self, vocab: Vocabulary, contribution_count: int | None = None) -> str:
        """One French sentence: '3 412 contributions · thème : Métavers · profil : citoyens'."""
        parts: list[str] = []
        if contribution_count is not None:
            parts.append(fr.plural(contribution_count, "contribution"))
        for _key, (attr, dimension, singular, plural) in MULTI_KEYS.items():
            codes = getattr(self, attr)
            if not codes:
                continue
            which = 1 if dimension == "profile" else 0  # profiles read better in the plural
            names = ", ".join(vocab.labels.get(dimension, {}).get(c, (c, c))[which] for c in codes)
            parts.append(f"{singular if len(codes) == 1 else plural} : {names}")
        if self.date_from and self.date_to:
            parts.append(f"du {fr.day(self.date_from)} au {fr.day(self.date_to)}")
        elif self.date_from:
            parts.append(f"à partir du {fr.day(self.date_from)}")
        elif self.date_to:
            parts.append(f"jusqu'au {fr.day(self.date_to)}")
        if self.complete is not None:
            parts.append("contributions complètes" if self.complete else "contributions incomplètes")
        if self.question_id:
            parts.append(f"question : « {_question_label(vocab, self.question_id)} »")
        if self.answer_question_id and self.answer_choice:
            parts.append(f"réponse « {self.answer_choice} » à « {_question_label(vocab, self.answer_question_id)} »")
        if self.search:
            parts.append(f"recherche : « {self.search} »")
        if len(parts) == (1 if contribution_count is not None else 0):
            parts.append("aucun filtre")
        return " · ".join(parts)


def _question_label(vocab: Vocabulary, question_id: str) -> str:
    return vocab.questions.get(question_id, ("", question_id))[1]


def from_query_params(params: Mapping[str, str | Iterable[str]], vocab: Vocabulary) -> tuple[Filters, list[str]]:
    """Filters from URL params, and a French message for every value that was ignored.

    Never raises: unknown codes, malformed dates, reversed dates, over-long or hostile values
    are dropped (or put in order) and reported.
    """
    problems: list[str] = []
    values: dict = {}

    def many(key: str) -> list[str]:
        raw = params.get(key)
        if raw is None:
            return []
        items = [raw] if isinstance(raw, str) else list(raw)
        kept = []
        for item in items:
            if not isinstance(item, str):
                continue
            if len(item) > MAX_PARAM_LENGTH:
                problems.append(f"Le paramètre « {key} » est trop long : il a été ignoré.")
                continue
            kept.extend(v.strip() for v in item.split(",") if v.strip())
        if len(kept) > MAX_VALUES:
            problems.append(f"Le paramètre « {key} » a trop de valeurs : seules les {MAX_VALUES} premières sont lues.")
        return kept[:MAX_VALUES]

    def one(key: str) -> str | None:
        items = many(key)
        return items[0] if items else None

    for key, (attr, dimension, singular, _plural) in MULTI_KEYS.items():
        codes: list[str] = []
        for raw in many(key):
            code = vocab.resolve(dimension, raw)
            if code is None:
                problems.append(f"Valeur inconnue pour le filtre {singular} : « {_clip(raw)} ». Elle a été ignorée.")
            elif code not in codes:
                codes.append(code)
        values[attr] = tuple(codes)

    for key, attr, name in (("du", "date_from", "de début"), ("au", "date_to", "de fin")):
        raw = one(key)
        if raw is None:
            continue
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            problems.append(
                f"Date {name} illisible : « {_clip(raw)} » (format attendu : AAAA-MM-JJ). Elle a été ignorée."
            )
            continue
        if not FIRST_DATE <= day <= LAST_DATE:
            problems.append(
                f"Date {name} hors des bornes ({FIRST_DATE.year}–{LAST_DATE.year}) : « {_clip(raw)} ». "
                "Elle a été ignorée."
            )
            continue
        values[attr] = day
    if values.get("date_from") and values.get("date_to") and values["date_from"] > values["date_to"]:
        values["date_from"], values["date_to"] = values["date_to"], values["date_from"]
        problems.append("La date de début était postérieure à la date de fin : les deux dates ont été inversées.")

    raw_q = params.get("q")
    if isinstance(raw_q, list | tuple):
        raw_q = raw_q[0] if raw_q else None
    if isinstance(raw_q, str) and raw_q.strip():
        if len(raw_q) > MAX_QUERY_LENGTH:
            problems.append(f"La recherche dépasse {MAX_QUERY_LENGTH} caractères : elle a été ignorée.")
        else:
            values["search"] = raw_q.strip()

    question = one("question")
    if question is not None:
        if question in vocab.questions:
            values["question_id"] = question
        else:
            problems.append(f"Question inconnue : « {_clip(question)} ». Le filtre a été ignoré.")

    complete = one("complet")
    if complete is not None:
        if complete.lower() in ("oui", "non"):
            values["complete"] = complete.lower() == "oui"
        else:
            problems.append(f"Valeur inconnue pour « complet » : « {_clip(complete)} » (oui ou non).")

    answer_q, answer_c = one("choix_question"), params.get("choix")
    if isinstance(answer_c, list | tuple):
        answer_c = answer_c[0] if answer_c else None
    if answer_q is not None or answer_c is not None:
        question_info = vocab.questions.get(answer_q or "")
        if question_info is None or question_info[2] == "open" or not isinstance(answer_c, str):
            problems.append(
                "Le filtre sur une réponse à une question fermée est incomplet ou inconnu : il a été ignoré."
            )
        elif answer_c not in question_info[3]:
            problems.append(f"« {_clip(answer_c)} » n'est pas une réponse possible à cette question : filtre ignoré.")
        else:
            values["answer_question_id"], values["answer_choice"] = answer_q, answer_c

    return Filters(**values), problems


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


FILTER_FIELDS = tuple(f.name for f in fields(Filters))
