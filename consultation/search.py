"""Search terms: the same normalisation for the stored text and for what the user types."""

from __future__ import annotations

import re
import unicodedata

MAX_QUERY_LENGTH = 200
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'"})
_TERM = re.compile(r'"([^"]*)"|(\S+)')
_PIECE = re.compile(r"[a-z0-9]+")
MIN_INDEXED_RUN = 3


def normalise(text: str) -> str:
    """Lower case, accents stripped, œ→oe, æ→ae, typographic apostrophes → '.

    Matches queries/build/normalise_answers.sql, which fills answers.text_norm.
    """
    lowered = text.lower()
    decomposed = unicodedata.normalize("NFD", lowered)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).replace("œ", "oe").replace("æ", "ae").translate(_APOSTROPHES)


def parse_query(query: str) -> list[str]:
    """Normalised search terms: each word, or each "quoted phrase", must appear at the start of
    a word (« musee » finds « musées », not « amusee »).

    >>> parse_query('Écologie "droit d’auteur"')
    ['ecologie', "droit d'auteur"]
    """
    terms: list[str] = []
    for phrase, word in _TERM.findall(query.replace("«", '"').replace("»", '"')):
        term = " ".join(normalise(phrase or word).split())
        if term and term not in terms:
            terms.append(term)
    return terms


def starts_word(text: str, start: int) -> bool:
    """Whether a match at ``start`` begins a word: a term found inside a word (« ia » in
    « biais », « art » in « partage ») is no match. A term that begins with punctuation (« !! »,
    « <script> ») may match anywhere. (queries/search_hits.sql applies the same rule through
    verify_forms.)"""
    return start == 0 or not text[start].isalnum() or not text[start - 1].isalnum()


# The characters a word may follow in a normalised text (besides its start): spaces and the
# punctuation people type. A term that must begin a word is looked for after each of them.
WORD_SEPARATORS = [*" \t\n\r\u00a0\u202f!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~«»“”„‹›–—…•"]


def verify_forms(terms: list[str]) -> tuple[list[str], list[str]]:
    """What queries/search_hits.sql checks in the candidates' texts, as two lists of terms:
    ``word_starts``, those that must begin a word (at the start of the text or after one of
    WORD_SEPARATORS), and ``anywhere``, those that begin with punctuation (« !! »,
    « <script> »), found anywhere. Plain string tests, no regular expression: a pattern bound as
    a parameter is compiled again for every text, which took minutes for a phrase at 1M.

    >>> verify_forms(["l'ia", "droit d'auteur", "!!"])
    (["l'ia", "droit d'auteur"], ['!!'])
    """
    return [t for t in terms if t[:1].isalnum()], [t for t in terms if not t[:1].isalnum()]


def index_pieces(terms: list[str]) -> tuple[list[str], bool]:
    """What queries/search_hits.sql looks up in the word index for ``terms``: the ASCII runs of
    letters and digits of every term, and whether the candidates' texts must still be checked
    (some term is not exactly one such run: a phrase, an elision, a non-ASCII letter).

    >>> index_pieces(["musee", "droit d'auteur"])
    (['musee', 'droit', 'auteur'], True)
    >>> index_pieces(["ia"])
    (['ia'], False)
    """
    pieces: list[str] = []
    for term in terms:
        for piece in _PIECE.findall(term):
            if piece not in pieces:
                pieces.append(piece)
    verify = not all(_PIECE.fullmatch(term) for term in terms)
    # A run of one or two letters (« d » of « d'auteur ») is in most words: looking it up costs
    # more than it filters. Leave it to the check of the texts when longer runs narrow the search.
    longer = [p for p in pieces if len(p) >= MIN_INDEXED_RUN]
    if longer and len(longer) < len(pieces):
        return longer, True
    return pieces, verify
