"""French text processing shared by every text view: tokens, stopwords, lemmas, terms.

One tokeniser, written as polars expressions, serves a single answer (``words``, ``terms``) and
millions of them (``consultation.text_build`` precomputes the ``answer_terms`` table with it):
- lower case (each word also keeps its surface form, as written: « IA », « Paris »), typographic
  apostrophes folded (’ → '), e-mails, phone numbers, URLs and domain names dropped (they are
  personal data or noise, never terms);
- elisions dropped (l'intelligence → intelligence, d'auteur → auteur), clitic pronouns after a
  hyphen dropped (faut-il → faut), other hyphenated words kept whole (peut-être, Île-de-France);
- numbers dropped, punctuation kept as a break, so no bigram spans two sentences.
Content words are the words that are neither in the French stopword list of the ``stop-words``
package (minus a few content words it lists, such as « état ») nor in a short list of words that
carry no subject in a consultation (falloir, chose, merci...). Terms are lemmas (simplemma, whose
French dictionary ships inside the package: nothing is downloaded), spelling variants folded
(musees → musée), and frequent bigrams kept as one term (intelligence artificielle).
A word that people write with capitals in the middle of a sentence (« Paris », « IA », « BnF »)
is a name or an acronym: it is not lemmatised (Paris is not the plural of « pari ») and its
label keeps that case (``cased_words``).
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from functools import cache

import polars as pl
import simplemma
from stop_words import get_stop_words

from consultation import privacy
from consultation.search import normalise

# --- Cleaning and tokens (Rust regex syntax, used by polars) -------------------------------------
URL = r"(?i:https?://|www\.)\S+"
EMAIL = r"[^\s@<>()\[\],;:]+@[^\s@<>()\[\],;:]+\.[a-zA-Z]{2,}"
PHONE = r"(?:\+\d{1,3}[ .-]?)?(?:\(0\)[ .-]?)?\d(?:[ .-]?\d){7,}"
DOMAIN = r"(?-u:\b)[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*\.(?i:fr|com|org|net|eu|info|io|gouv)(?-u:\b)"  # ASCII \b
TOKEN = r"[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*|[.!?;:,()«»\"…|\n]+"
ELISION = r"(?i)^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)'"
CLITIC = r"(?i)-(?:t-)?(?:ils?|elles?|on|je|tu|nous|vous|ce|ci|là)$"
SENTENCE_END = r"[.!?…\n]"  # a break with one of these ends a sentence: the next word may take a capital
# Texts that may hold a name: privacy.strip_pii recognises names after these (and @handles).
NAME_TRIGGER = (
    r"@|[Aa]ppelle|[Nn]om\s+est|[Nn]omme|[Mm]oi\s*,\s*[Cc]|[Ss]ign|[Nn]om\s*:|[Pp]r[ée]nom|"
    r"[Jj]e\s+suis\s+\p{Lu}\S*\s+\p{Lu}|M\.|Mme|Mlle|Mr|Me\s|Dr|Pr\s|Pr\.|Monsieur|Madame|Mademoiselle|Docteur|"
    r"Professeur|Maître"
)
ORDINAL_OR_NUMBER = r"^\d+(?:er|re|e|ème|eme|è|es|ers|ères|ièmes?)?$"
BREAK = "|"  # what masked spans become: a break between words
# A word is a name or an acronym (not lemmatised, its label keeps the case) when one form with
# capitals makes more than half of its occurrences inside sentences, and there are at least
# this many such occurrences: one « Œuvres » written with a capital proves nothing.
MIN_CASED_OCCURRENCES = 3
# The search of a term (text_terms.search, search_for): the lemma when the forms that begin with it
# make this share of the occurrences; else a beginning shared by all its forms, of at least this
# many letters, when this share of what it finds is the term (« demand » for demandons, demanderait).
SEARCH_COVERAGE = 0.8
MIN_SEARCH_PREFIX = 4
MIN_SEARCH_PRECISION = 0.5

# Content words that the stop-words package lists but that mean something here.
KEPT_CONTENT_WORDS = frozenset(
    {"état", "valeur", "parole", "personne", "personnes", "voie", "grande", "mot", "nom", "point", "pièce",
     "essai", "force", "haut", "sujet", "nouveau", "nouveaux", "début", "droite"}
)  # fmt: skip
# Words (or their lemmas) that carry no subject in a consultation's answers.
DOMAIN_STOPWORDS = frozenset(
    {"falloir", "pouvoir", "devoir", "faire", "aller", "vouloir", "savoir", "mettre", "dire", "voir", "avoir",
     "être", "penser", "trouver", "croire", "sembler", "rester", "venir", "chose", "choses", "etc", "ainsi",
     "notamment", "également", "vraiment", "beaucoup", "toujours", "déjà", "souvent", "surtout", "aujourd'hui",
     "cas", "fois", "façon", "manière", "oui", "non", "merci", "avis", "idem", "ras", "peut-être", "est-à-dire",
     "celui", "celle", "celles", "quelque", "quelques", "autre", "tel", "telle", "aucun", "aucune", "rien", "afin",
     "lorsque", "puisque", "mieux", "assez", "quelqu'un", "chacun", "certain", "certains", "certaines", "enfin",
     "cependant", "pourtant", "concrètement", "bref", "aussi", "vrai", "simplement", "plutôt", "sinon", "part",
     "exemple", "parler", "permettre", "reste", "attendre", "ajouter", "propos",
     # the content word of a locution: « en particulier », « par ailleurs », « d’autant »
     "particulier", "ailleurs", "autant", "exactement"}
)  # fmt: skip


@cache
def stopwords() -> frozenset[str]:
    """The stopword list: package list minus kept content words, plus the domain list, with and
    without accents (some answers are typed without them)."""
    base = (set(get_stop_words("fr")) - KEPT_CONTENT_WORDS) | DOMAIN_STOPWORDS
    return frozenset(base | {normalise(w) for w in base})


def clean_expr(column: str = "text", compose: bool = True) -> pl.Expr:
    """Apostrophes folded, personal data and URLs replaced by a break; the case is kept (token_frame
    lowers each distinct token once).

    ``compose``: first compose accents written as two characters (e + ◌́ → é)."""
    expr = pl.col(column).fill_null("")
    expr = expr.str.normalize("NFC") if compose else expr
    expr = expr.str.replace_all(r"[’‘ʼ´`]", "'")
    for pattern in (URL, EMAIL, PHONE, DOMAIN):
        expr = expr.str.replace_all(pattern, f" {BREAK} ")
    return expr


def _without_names(frame: pl.DataFrame, text: str) -> pl.DataFrame:
    """Texts that may name someone (an introduction, a civility, an @handle) go through
    privacy.strip_pii, so no name becomes a term; the cheap test keeps the others as they are."""
    flags = frame[text].str.contains(NAME_TRIGGER).fill_null(False)
    if not flags.any():
        return frame
    rows = flags.arg_true()
    stripped = [privacy.strip_pii(t) for t in frame[text].gather(rows).to_list()]
    return frame.with_columns(frame[text].scatter(rows, pl.Series(stripped, dtype=pl.String)))


def token_frame(frame: pl.DataFrame, text: str = "text") -> pl.DataFrame:
    """One row a token of ``frame[text]``, in text order: doc (row number), pos, form (as
    written, lower case, elision included: « d'auteur »), word (elision and clitic dropped),
    surface (the word with the case it is written in: « IA », « Paris »), key (word with accents
    and œ folded), is_word (not punctuation), is_content, initial (the first word of a sentence,
    whose capital says nothing about the word).

    Breaks (punctuation) keep their position, so adjacency of content words means adjacency
    in the sentence; stopwords are not content but keep theirs too.
    """
    frame = _without_names(frame, text)
    compose = bool(frame.select(pl.col(text).str.contains(r"\p{M}").any()).item())
    written = clean_expr(text, compose).str.extract_all(TOKEN)
    tokens = frame.select(pl.int_range(pl.len(), dtype=pl.Int64).alias("doc"), written.alias("written"))
    tokens = tokens.with_columns(pl.int_ranges(0, pl.col("written").list.len(), dtype=pl.Int32).alias("pos"))
    tokens = tokens.explode(["written", "pos"]).drop_nulls("written")
    tokens = tokens.join(
        _form_table(tokens.select(pl.col("written").unique())), on="written", how="left", maintain_order="left"
    )
    initial = (pl.col("pos") == 0) | pl.col("ends_sentence").shift(1).fill_null(True)
    return tokens.with_columns(initial.alias("initial")).drop("written", "ends_sentence")


def _form_table(written: pl.DataFrame) -> pl.DataFrame:
    """What each distinct token (as written) is: computed once a token as written, not once an occurrence."""
    surface = pl.col("written").str.replace(ELISION, "").str.replace(CLITIC, "")
    key = pl.col("word").str.normalize("NFKD").str.replace_all(r"\p{M}", "").str.replace_all("œ", "oe")
    is_word = pl.col("written").str.contains(r"^[\p{L}\p{N}]")
    content = (
        pl.col("is_word")
        & pl.col("word").str.contains(r"\p{L}")
        & (pl.col("word").str.len_chars() >= 2)
        & ~pl.col("word").str.contains(ORDINAL_OR_NUMBER)
        & ~pl.col("word").is_in(list(stopwords()))
    )
    return (
        written.with_columns(
            pl.col("written").str.to_lowercase().alias("form"), surface.alias("surface"), is_word.alias("is_word")
        )
        .with_columns(pl.col("surface").str.to_lowercase().alias("word"))
        .with_columns(
            key.str.replace_all("æ", "ae").alias("key"),
            content.alias("is_content"),
            (~pl.col("is_word") & pl.col("written").str.contains(SENTENCE_END)).alias("ends_sentence"),
        )
        .select("written", "form", "word", "surface", "key", "is_word", "is_content", "ends_sentence")
    )


def surface_counts(tokens: pl.DataFrame) -> pl.DataFrame:
    """word, surface, count: how often each content word of a token_frame is written in each
    case inside sentences. Left out: the first word of a sentence (its capital is the sentence's)
    and words in capitals next to another (« JE SOUTIENS CE TEXTE » shouts, it names nothing)."""
    words = tokens.filter(pl.col("is_word"))
    caps = ~pl.col("surface").str.contains(r"\p{Ll}") & (pl.col("surface").str.count_matches(r"\p{Lu}") >= 2)
    words = words.with_columns(caps.alias("caps"))
    same_doc_before, same_doc_after = pl.col("doc").shift(1) == pl.col("doc"), pl.col("doc").shift(-1) == pl.col("doc")
    shouted = pl.col("caps") & (
        (same_doc_before & pl.col("caps").shift(1)).fill_null(False)
        | (same_doc_after & pl.col("caps").shift(-1)).fill_null(False)
    )
    inside = words.filter(pl.col("is_content") & ~pl.col("initial") & ~shouted)
    return inside.group_by("word", "surface").agg(pl.len().cast(pl.Int64).alias("count"))


def cased_words(surfaces: pl.DataFrame) -> dict[str, str]:
    """{word: surface} for the names and acronyms of a corpus: the words (lower case) whose most
    written surface form inside sentences has capitals and makes more than half of those
    occurrences, when there are at least MIN_CASED_OCCURRENCES of them (ia → IA, bnf → BnF,
    paris → Paris). ``surfaces``: word, surface, count (surface_counts, rows may repeat).
    Ties between forms are broken by the form itself, so the result is reproducible."""
    if surfaces.height == 0:
        return {}
    per_form = surfaces.group_by("word", "surface").agg(pl.col("count").sum())
    per_word = per_form.group_by("word").agg(
        pl.col("surface").sort_by(["count", "surface"], descending=[True, False]).first(),
        pl.col("count").max().alias("top"),
        pl.col("count").sum().alias("total"),
    )
    cased = per_word.filter(
        (pl.col("surface") != pl.col("word"))
        & (2 * pl.col("top") > pl.col("total"))
        & (pl.col("total") >= MIN_CASED_OCCURRENCES)
    )
    return dict(cased.sort("word").select("word", "surface").iter_rows())


def adjacent_pairs(tokens: pl.DataFrame) -> pl.DataFrame:
    """Pairs of content words next to each other in a sentence: doc, pos, word1, word2, form2,
    cased (the pair as written, with its case: « Common Voice », « droit d'auteur »), initial
    (word1 begins a sentence).

    ``tokens`` is a token_frame (rows in text order)."""
    content = tokens.filter(pl.col("is_content"))
    form2, word2 = pl.col("form2"), pl.col("word2")
    written2 = (
        pl.when(form2.str.ends_with(word2))
        .then(form2.str.head(form2.str.len_chars() - word2.str.len_chars()) + pl.col("surface2"))
        .otherwise(form2)
    )  # the elision as written (« d' »), the word with its case
    return (
        content.with_columns(
            pl.col("doc").shift(-1).alias("next_doc"),
            pl.col("pos").shift(-1).alias("next_pos"),
            pl.col("word").shift(-1).alias("word2"),
            pl.col("form").shift(-1).alias("form2"),
            pl.col("surface").shift(-1).alias("surface2"),
        )
        .filter((pl.col("next_doc") == pl.col("doc")) & (pl.col("next_pos") == pl.col("pos") + 1))
        .select(
            "doc",
            "pos",
            pl.col("word").alias("word1"),
            "word2",
            "form2",
            (pl.col("surface") + " " + written2).alias("cased"),
            "initial",
        )
    )


# --- Lemmas and the vocabulary -------------------------------------------------------------------


@cache
def lemma(word: str) -> str:
    """The dictionary form of a lower-case word: musées → musée, numériques → numérique.

    A plural the dictionary does not know loses its final s/x when the dictionary knows the
    singular; other unknown words stay as they are (métavers, ia).
    """
    if _known(word):
        return simplemma.lemmatize(word, lang="fr")
    if len(word) > 4 and word[-1] in "sx" and "-" not in word and _known(word[:-1]):
        return simplemma.lemmatize(word[:-1], lang="fr")
    return simplemma.lemmatize(word, lang="fr")


@cache
def _known(word: str) -> bool:
    return simplemma.is_known(word, lang="fr")


def vocabulary(word_counts: pl.DataFrame, names: Collection[str] = ()) -> pl.DataFrame:
    """word → term for every word of a corpus (columns word, count): word, term, is_stop.

    Spellings that differ only by accents or œ (musees/musées, oeuvre/œuvre) take the spelling
    written most often before lemmatisation, and lemmas that differ only so are folded too.
    Words in ``names`` (names and acronyms: cased_words) are their own term: paris stays paris.
    """
    counts = word_counts.group_by("word").agg(pl.col("count").sum()).sort(["count", "word"], descending=[True, False])
    words, freq = counts["word"].to_list(), counts["count"].to_list()
    spelling: dict[str, str] = {}
    for w in words:  # most frequent first: the first spelling seen for a key is the most written
        spelling.setdefault(normalise(w), w)
    for w in words:  # ... unless the dictionary knows another one (musées, not musees)
        key = normalise(w)
        if w != spelling[key] and not _known(spelling[key]) and _known(w):
            spelling[key] = w
    lemma_count: Counter[str] = Counter()
    raw_terms = []
    for w, n in zip(words, freq, strict=True):
        written = spelling[normalise(w)]
        if w in names or written in names:
            raw_terms.append(written)
            lemma_count[written] += n
            continue
        singular = normalise(written[:-1]) if written[-1:] in ("s", "x") and len(written) > 4 else None
        if not _known(written) and singular in spelling:  # immersives → immersive, when the corpus has it
            written = spelling[singular]
        term = lemma(written)
        raw_terms.append(term)
        lemma_count[term] += n
    canonical: dict[str, str] = {}
    for term, _n in sorted(lemma_count.items(), key=lambda kv: (-kv[1], kv[0])):
        canonical.setdefault(normalise(term), term)
    stop = stopwords()
    terms = [canonical[normalise(t)] for t in raw_terms]
    is_stop = [w in stop or t in stop or normalise(t) in stop for w, t in zip(words, terms, strict=True)]
    return pl.DataFrame(
        {"word": words, "term": terms, "is_stop": is_stop},
        schema={"word": pl.String, "term": pl.String, "is_stop": pl.Boolean},
    )


def search_for(term: str, forms: Mapping[str, int], found: Callable[[str], int] | None = None) -> str:
    """What the Réponses page searches to find the answers that use ``term`` (a lemma), written in
    ``forms`` ({word as written, lower case: occurrences}). The search finds a word by its
    beginning, case and accents ignored, so it is:
    - the term, when the forms that begin with it make SEARCH_COVERAGE of the occurrences
      (« musée » finds musées; « public » misses the few « publique » but reads as the word);
    - else the beginning shared by every form, as in the form written most often, when it has
      at least MIN_SEARCH_PREFIX letters and, among the occurrences of the corpus's words that
      begin with it (``found``: beginning → occurrences), at least MIN_SEARCH_PRECISION are the
      term's (« demand » for demandons, demanderait; « crée » for créer, créent, créé; not
      « serv » for servir, serve: it finds « service »);
    - else the form written most often (then some answers are not found).
    """
    if not forms:
        return term
    folded = {w: normalise(w) for w in forms}
    start = normalise(term)
    total = sum(forms.values())
    if sum(n for w, n in forms.items() if folded[w].startswith(start)) >= SEARCH_COVERAGE * total:
        return term
    top = min(forms, key=lambda w: (-forms[w], w))
    first, last = min(folded.values()), max(folded.values())  # what all share, these two share
    length = next((i for i, (a, b) in enumerate(zip(first, last, strict=False)) if a != b), len(first))
    shared = first[:length].rstrip("'-")
    if len(shared) >= MIN_SEARCH_PREFIX and (found is None or total >= MIN_SEARCH_PRECISION * found(shared)):
        return next((top[:k] for k in range(1, len(top) + 1) if normalise(top[:k]) == shared), shared)
    return top


def searches(word_counts: pl.DataFrame, vocab: pl.DataFrame) -> pl.DataFrame:
    """term, search: what the Réponses page searches for each single-word term (search_for), from
    the content words of a corpus (word, count; rows may repeat) and their terms (vocabulary)."""
    counts = word_counts.group_by("word").agg(pl.col("count").sum())
    keyed = counts.select(pl.col("word").map_elements(normalise, return_dtype=pl.String).alias("key"), "count")
    keyed = keyed.sort("key")
    keys = keyed["key"].to_list()
    cumulative = [0, *itertools.accumulate(keyed["count"].to_list())]

    def found(beginning: str) -> int:
        return (
            cumulative[bisect.bisect_left(keys, beginning + "\U0010ffff")]
            - cumulative[bisect.bisect_left(keys, beginning)]
        )

    forms = counts.join(vocab.filter(~pl.col("is_stop")), on="word").group_by("term").agg("word", "count")
    rows = [
        (term, search_for(term, dict(zip(words, n, strict=True)), found))
        for term, words, n in forms.sort("term").iter_rows()
    ]
    return pl.DataFrame(rows, schema={"term": pl.String, "search": pl.String}, orient="row")


# --- One text at a time (tests, small corpora) ---------------------------------------------------


def _one(text: str | None) -> pl.DataFrame:
    return token_frame(pl.DataFrame({"text": [text or ""]}, schema={"text": pl.String}))


def words(text: str | None) -> list[str]:
    """Every word of ``text`` in order, stopwords included, elisions and numbers' punctuation out."""
    return _one(text).filter(pl.col("is_word"))["word"].to_list()


def content_words(text: str | None) -> list[str]:
    """The words that can be terms, as written (lower case)."""
    return _one(text).filter(pl.col("is_content"))["word"].to_list()


def terms(text: str | None, bigrams: Collection[str] = ()) -> list[str]:
    """The terms of ``text`` in order: lemmas of content words, a pair of adjacent lemmas that
    is one of ``bigrams`` (« intelligence artificiel ») counted once as that bigram."""
    tokens = _one(text)
    content = tokens.filter(pl.col("is_content"))
    if content.height == 0:
        return []
    vocab = vocabulary(content.group_by("word").len("count"), cased_words(surface_counts(tokens)))
    mapped = content.join(vocab, on="word", how="left").filter(~pl.col("is_stop")).sort("pos")
    positions, lemmas = mapped["pos"].to_list(), mapped["term"].to_list()
    out: list[str] = []
    i = 0
    while i < len(lemmas):
        pair = f"{lemmas[i]} {lemmas[i + 1]}" if i + 1 < len(lemmas) else None
        if pair in bigrams and positions[i + 1] == positions[i] + 1:
            out.append(pair)
            i += 2
        else:
            out.append(lemmas[i])
            i += 1
    return out


def precompute(con) -> dict[str, float]:
    """Fill the text tables (open_answers, answer_terms, text_terms, duplicate_groups) of a database being built."""
    from consultation import text_build  # text_build uses this module's tokeniser

    return text_build.precompute(con)


# --- Distinctive terms: weighted log-odds with an informative Dirichlet prior --------------------


def log_odds(
    counts_a: dict[str, int],
    counts_b: dict[str, int],
    prior: dict[str, float] | None = None,
    alpha0: float | None = None,
) -> list[tuple[str, float, float]]:
    """(term, delta, z) for every term, by decreasing z: delta > 0 leans to group A.

    Monroe, Colaresi & Quinn (2008), « Fightin' words », eq. 16 and 22: with a_w the prior
    pseudo-counts (alpha0 · background share of w; background = A + B when ``prior`` is None,
    alpha0 = the background's total count when None),
        delta_w = log((y_wA + a_w) / (n_A + a_0 - y_wA - a_w)) - log((y_wB + a_w) / (n_B + a_0 - y_wB - a_w))
        var_w ≈ 1 / (y_wA + a_w) + 1 / (y_wB + a_w),   z_w = delta_w / sqrt(var_w).
    """
    background = dict(prior) if prior is not None else dict(Counter(counts_a) + Counter(counts_b))
    total = sum(background.values())
    if total <= 0:
        return []
    a0 = float(alpha0) if alpha0 is not None else float(total)
    n_a, n_b = sum(counts_a.values()), sum(counts_b.values())
    out = []
    for term, weight in background.items():
        a_w = a0 * weight / total
        if a_w <= 0:
            continue
        y_a, y_b = counts_a.get(term, 0), counts_b.get(term, 0)
        delta = math.log((y_a + a_w) / (n_a + a0 - y_a - a_w)) - math.log((y_b + a_w) / (n_b + a0 - y_b - a_w))
        z = delta / math.sqrt(1 / (y_a + a_w) + 1 / (y_b + a_w))
        out.append((term, delta, z))
    return sorted(out, key=lambda r: (-r[2], r[0]))


def counts_of(rows: Iterable[tuple[str, int]]) -> dict[str, int]:
    """{term: count} from (term, count) rows."""
    out: dict[str, int] = {}
    for term, n in rows:
        out[term] = out.get(term, 0) + int(n)
    return out
