"""Search terms: the same normalisation for the stored text and for what the user types."""

from __future__ import annotations

import re
import unicodedata

MAX_QUERY_LENGTH = 200
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'"})
_TERM = re.compile(r'"([^"]*)"|(\S+)')
_PIECE = re.compile(r"[a-z0-9]+")
MIN_INDEXED_RUN = 3
MAX_PIECES = 64  # runs looked up in the word index, at most (queries/search_hits.sql)


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

    >>> verify_forms(["straße", "!!"])
    (['straße'], ['!!'])
    """
    return [t for t in terms if t[:1].isalnum()], [t for t in terms if not t[:1].isalnum()]


_NOT_ALNUM = re.compile(r"[\W_]+")  # what splits a text into words, as the word index does


def phrase_words(term: str) -> list[str] | None:
    """The words of a term the word index matches by their positions, or None: a term of several
    runs of ASCII letters and digits, between which only punctuation or spaces. Its words must
    follow one another in the text, whatever separates them there (« droit d'auteur » also finds
    « droit d’auteur » and « droit-d'auteur »); each begins a word, each but the last is a whole
    word, the last may begin a longer one (« musee de l'art » finds « musée de l'artiste »).

    >>> phrase_words("droit d'auteur")
    ['droit', 'd', 'auteur']
    >>> phrase_words("musee"), phrase_words("<script>"), phrase_words("straße d'or")
    (None, None, None)
    """
    words = _NOT_ALNUM.split(term)
    if len(words) < 2 or not all(_PIECE.fullmatch(w) for w in words):
        return None
    return words


def sql_params(terms: list[str]) -> dict:
    """The bound params of queries/search_hits.sql for the normalised ``terms``.

    Each term is found one of three ways:
    - one run of ASCII letters and digits (« musee », the usual case): the réponses that have a
      word beginning with it, from the word index alone;
    - a phrase (``phrase_words``): its words at consecutive positions, from the index alone;
    - anything else (« !! », « straße »): the texts of the candidates are checked
      (``search_verify``, ``verify_forms``).
    ``search_pieces`` narrows the candidates through the index: every one-run term, and the
    runs of the other terms but those of one or two letters (« d » of « d'auteur » begins most
    words: looking it up costs more than it filters), unless the term has no longer one.

    >>> p = sql_params(["musee", "droit d'auteur"])
    >>> p["search_pieces"], p["search_verify"], p["search_phrase_words"], p["search_phrase_offsets"]
    (['musee', 'droit', 'auteur'], False, ['droit', 'd', 'auteur'], [0, 1, 2])
    """
    single = [t for t in terms if _PIECE.fullmatch(t)]
    phrases = {t: words for t in terms if t not in single and (words := phrase_words(t))}
    checked = [t for t in terms if t not in single and t not in phrases]
    pieces = list(single)
    for term in terms:
        if term in single:
            continue
        runs = _PIECE.findall(term)
        longest = max((len(r) for r in runs), default=0)
        pieces += [r for r in runs if len(r) >= min(MIN_INDEXED_RUN, longest) and r not in pieces]
    if len(pieces) > MAX_PIECES:  # each piece is a bit of a UBIGINT in the query
        pieces = pieces[:MAX_PIECES]
        checked += [t for t in single if t not in pieces]  # found by checking the texts instead
    word_starts, anywhere = verify_forms(checked)
    phrase_terms, offsets, words, lasts = [], [], [], []
    for number, phrase in enumerate(phrases.values(), start=1):
        for offset, word in enumerate(phrase):
            phrase_terms.append(number)
            offsets.append(offset)
            words.append(word)
            lasts.append(offset == len(phrase) - 1)
    return {
        "search_terms": terms,
        "search_pieces": pieces,
        "search_verify": bool(checked),
        "search_word_starts": word_starts,
        "search_anywhere": anywhere,
        "search_separators": WORD_SEPARATORS,
        "search_phrase_terms": phrase_terms,
        "search_phrase_offsets": offsets,
        "search_phrase_words": words,
        "search_phrase_last": lasts,
    }
