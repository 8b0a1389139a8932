"""Campaigns and near-duplicates: groups of identical or near-identical answers to one question.

Long answers: each answer of at least ``MIN_WORDS`` words becomes a set of 3-word shingles
(words lower case, accents folded, punctuation ignored), summarised by a MinHash signature of
``N_PERM`` 32-bit values (numpy, one multiply-shift hash a permutation). Locality-sensitive
hashing on ``BANDS`` bands of ``ROWS`` values proposes candidates that share a band for the same
question; a candidate joins the first answer of its bucket when their signatures agree on at
least ``SIMILARITY`` of the values (an estimate of the Jaccard similarity of their shingles).
Groups are the connected components.

Short answers, of ``MIN_COPY_WORDS`` to ``MIN_WORDS`` − 1 words (a slogan): a few word changes
make them different texts, so only exact copies group, compared once normalised (words lower
case, accents folded, punctuation and spacing ignored). A copied text is a campaign when at
least ``MIN_COPIES`` contributions send it to the same question, and at least ``MIN_COPY_SHARE``
of that question's answers: a sentence of a dozen words that people write on their own stays
rare (below 0.3 % of a question's answers in the 100 000-contribution demo, whose small
vocabulary repeats itself far more than real people do), a campaign comes as a block. Copies
spread over several questions do not add up.

Answers of fewer than ``MIN_COPY_WORDS`` words (« Oui », « Je ne sais pas », « RAS », « Pas
d'avis ») are never grouped: many people write them independently, which is not a campaign.

Everything is deterministic: fixed hash seeds, stable sorts, groups numbered by size then by
their first answer (number_groups), long and short together.
"""

from __future__ import annotations

import numpy as np
import polars as pl
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

SHINGLE = 3
MIN_WORDS = 25  # MinHash near-duplicates from this length
MIN_COPY_WORDS = 6  # exact copies from this length (up to MIN_WORDS - 1)
MIN_COPIES = 5  # a short text is a campaign when at least this many contributions send it...
MIN_COPY_SHARE = 0.01  # ... and at least this share of the answers to the question
SIMILARITY = 0.5
N_PERM = 64
BANDS, ROWS = 16, 4
_SEED = 20230216
assert BANDS * ROWS == N_PERM

_rng = np.random.default_rng(_SEED)
_A = (_rng.integers(1, 2**63 - 1, size=N_PERM, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)  # odd multipliers
_B = _rng.integers(0, 2**63 - 1, size=N_PERM, dtype=np.uint64)
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5], dtype=np.uint64)


def folded_words(tokens: pl.DataFrame) -> pl.DataFrame:
    """doc, key: every word of a token frame (text.token_frame), accents and œ folded, in order."""
    return tokens.filter(pl.col("is_word")).select("doc", "key")


def copy_keys(words: pl.DataFrame, lengths: pl.DataFrame) -> pl.DataFrame:
    """doc, key: the normalised text (folded words joined by a space) of each doc of ``words``
    (folded_words) that has MIN_COPY_WORDS to MIN_WORDS - 1 words (``lengths``: doc, len), the
    answers compared whole."""
    short = lengths.filter(pl.col("len").is_between(MIN_COPY_WORDS, MIN_WORDS - 1))["doc"]
    short_words = words.filter(pl.col("doc").is_in(short.implode()))
    return short_words.group_by("doc").agg(pl.col("key").str.join(" ")).sort("doc")


def copy_labels(keys: pl.DataFrame, question: np.ndarray, question_answers: np.ndarray) -> np.ndarray:
    """A group number for every row of ``keys`` (copy_keys; −1: alone): rows with the same key
    and the same ``question`` (an integer code a row) are one group when there are at least
    MIN_COPIES of them and at least MIN_COPY_SHARE of ``question_answers`` (answers a question,
    indexed by code). Numbers are arbitrary: number_groups ranks them."""
    labels = np.full(keys.height, -1, dtype=np.int64)
    if keys.height == 0:
        return labels
    frame = keys.select(pl.int_range(pl.len()).alias("row"), "key").with_columns(
        pl.Series("question", question, dtype=pl.Int64)
    )
    copies = frame.group_by("question", "key").agg(pl.col("row"), pl.len().alias("copies"))
    share = np.round(MIN_COPY_SHARE * question_answers.astype(np.float64), 6)  # 0.01 × 700 is 7, not 7.000…1
    needed = np.maximum(MIN_COPIES, np.ceil(share))
    copies = copies.with_columns(pl.Series("needed", needed[copies["question"].to_numpy()], dtype=pl.Float64))
    groups = copies.filter(pl.col("copies") >= pl.col("needed"))
    for number, rows in enumerate(groups["row"].to_list()):
        labels[rows] = number
    return labels


def number_groups(component: np.ndarray) -> np.ndarray:
    """Renumber a grouping (a group id a row, −1: alone): groups of at least two rows become
    0, 1, ... by decreasing size, then by their first row; the others −1."""
    labels = np.full(len(component), -1, dtype=np.int64)
    member = np.flatnonzero(component >= 0)
    if len(member) == 0:
        return labels
    ids, compact = np.unique(component[member], return_inverse=True)
    sizes = np.bincount(compact, minlength=len(ids))
    firsts = np.full(len(ids), len(component), dtype=np.int64)
    np.minimum.at(firsts, compact, member)
    ranked = [c for c in np.lexsort((firsts, -sizes)) if sizes[c] >= 2]
    number = np.full(len(ids), -1, dtype=np.int64)
    number[ranked] = np.arange(len(ranked))
    labels[member] = number[compact]
    return labels


def signatures(words: pl.DataFrame, docs: np.ndarray) -> np.ndarray:
    """MinHash signatures (len(docs) × N_PERM, uint32) of the word shingles of each doc in ``docs``.

    ``words`` holds (doc, key) in text order (folded_words); ``docs`` is sorted.
    """
    out = np.full((len(docs), N_PERM), np.iinfo(np.uint32).max, dtype=np.uint32)
    if len(docs) == 0:
        return out
    words = words.filter(pl.col("doc").is_in(pl.Series(docs).implode()))
    same_doc = pl.col("doc").shift(-(SHINGLE - 1)) == pl.col("doc")
    shingle = pl.concat_str([pl.col("key").shift(-i) for i in range(SHINGLE)], separator=" ")
    shingles = words.select("doc", shingle.alias("shingle"), same_doc.fill_null(False).alias("keep"))
    shingles = shingles.filter("keep").select("doc", pl.col("shingle").hash(seed=_SEED).alias("h"))
    doc = shingles["doc"].to_numpy()
    hashes = shingles["h"].to_numpy().astype(np.uint64)
    if len(doc) == 0:
        return out
    starts = np.flatnonzero(np.r_[True, doc[1:] != doc[:-1]])
    rows = np.searchsorted(docs, doc[starts])
    for k in range(N_PERM):
        permuted = ((hashes * _A[k] + _B[k]) >> np.uint64(32)).astype(np.uint32)
        out[rows, k] = np.minimum.reduceat(permuted, starts)
    return out


def group_labels(sigs: np.ndarray, question: np.ndarray) -> np.ndarray:
    """A group number for every row (−1: alone), rows grouped when near-identical answers to the
    same question (``question``: an integer code a row). Groups are numbered 0, 1, ... by
    decreasing size, then by their first row."""
    n = len(sigs)
    labels = np.full(n, -1, dtype=np.int64)
    if n < 2:
        return labels
    src, dst = [], []
    q = question.astype(np.uint64)
    for band in range(BANDS):
        block = sigs[:, band * ROWS : (band + 1) * ROWS].astype(np.uint64)
        key = q * _MIX[0] + np.uint64(band)
        for j in range(ROWS):
            key = (key ^ block[:, j]) * _MIX[j % len(_MIX)]
        order = np.argsort(key, kind="stable")
        sorted_key = key[order]
        first = np.r_[True, sorted_key[1:] != sorted_key[:-1]]
        run_start = np.maximum.accumulate(np.where(first, np.arange(n), 0))
        members = order[~first]
        reps = order[run_start[~first]]
        if len(members) == 0:
            continue
        agree = (sigs[members] == sigs[reps]).mean(axis=1) >= SIMILARITY
        src.append(members[agree])
        dst.append(reps[agree])
    if not src:
        return labels
    a, b = np.concatenate(src), np.concatenate(dst)
    graph = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(n, n))
    _count, component = connected_components(graph, directed=False)
    return number_groups(component)
