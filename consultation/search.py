"""Search terms: the same normalisation for the stored text and for what the user types."""

from __future__ import annotations

import re
import unicodedata

MAX_QUERY_LENGTH = 200
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'"})
_TERM = re.compile(r'"([^"]*)"|(\S+)')


def normalise(text: str) -> str:
    """Lower case, accents stripped, œ→oe, æ→ae, typographic apostrophes → '.

    Matches queries/build/normalise_answers.sql, which fills answers.text_norm.
    """
    lowered = text.lower()
    decomposed = unicodedata.normalize("NFD", lowered)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).replace("œ", "oe").replace("æ", "ae").translate(_APOSTROPHES)


def parse_query(query: str) -> list[str]:
    """Normalised search terms: each word, or each "quoted phrase", must appear.

    >>> parse_query('Écologie "droit d’auteur"')
    ['ecologie', "droit d'auteur"]
    """
    terms: list[str] = []
    for phrase, word in _TERM.findall(query.replace("«", '"').replace("»", '"')):
        term = " ".join(normalise(phrase or word).split())
        if term and term not in terms:
            terms.append(term)
    return terms
