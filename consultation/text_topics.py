"""Recurring subjects of open answers, found without a language model.

Non-negative matrix factorisation (scikit-learn's NMF) of the TF-IDF matrix of the answers'
terms (lemmas and bigrams of ``answer_terms``): each topic is a weighted set of terms, each
answer a mix of topics. An answer belongs to its strongest topic; a topic is labelled by its
top terms and shown with its size, its profile mix and the answers that load most on it.
The NNDSVD initialisation is deterministic and ``seed`` fixes the rest: the same answers, the
same number of topics and the same seed always give the same topics, in the same order
(largest first).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl
from scipy.sparse import csr_matrix
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfTransformer

DEFAULT_TOPICS = 6
MIN_TOPICS, MAX_TOPICS = 2, 12
DEFAULT_SEED = 2023
MIN_ANSWERS_PER_TERM = 3  # rarer terms say nothing about a recurring subject
MAX_SHARE_PER_TERM = 0.5  # a term in more than half the answers does not tell subjects apart
TOP_TERMS = 8


@dataclass(frozen=True)
class Topic:
    number: int  # 1, 2, ... by decreasing size
    terms: tuple[str, ...]  # labels of the top terms, strongest first
    weights: tuple[float, ...]
    answer_count: int  # answers whose strongest topic this is
    profiles: dict[str, int]  # profile code -> answers
    examples: tuple[tuple[str, str], ...]  # (contribution_id, question_id), most typical first

    @property
    def label(self) -> str:
        return " · ".join(self.terms[:4])


@dataclass(frozen=True)
class TopicModel:
    topics: tuple[Topic, ...]
    answer_count: int  # answers in the matrix
    unassigned_count: int  # answers with no term left after the frequency limits
    term_count: int


def fit(rows: pl.DataFrame, k: int = DEFAULT_TOPICS, seed: int = DEFAULT_SEED, examples: int = 5) -> TopicModel | None:
    """Topics of the answers in ``rows`` (contribution_id, question_id, profile, term, label, n:
    queries/text_topic_terms.sql). None when there are too few answers or terms for ``k`` topics."""
    k = max(MIN_TOPICS, min(MAX_TOPICS, int(k)))
    if rows.height == 0:
        return None
    docs = rows.select("contribution_id", "question_id", "profile").unique(maintain_order=True)
    n_docs = docs.height
    doc_terms = rows.group_by("term").agg(pl.len().alias("df"), pl.col("label").first())
    kept = doc_terms.filter(
        (pl.col("df") >= MIN_ANSWERS_PER_TERM)
        & (pl.col("df") <= max(MIN_ANSWERS_PER_TERM, MAX_SHARE_PER_TERM * n_docs))
    ).sort("term")
    if kept.height < k or n_docs < 2 * k:
        return None
    doc_index = docs.with_row_index("i").select("contribution_id", "question_id", "i")
    term_index = kept.with_row_index("j").select("term", "j", "label")
    cells = rows.join(doc_index, on=["contribution_id", "question_id"]).join(term_index, on="term")
    matrix = csr_matrix(
        (cells["n"].cast(pl.Float64).to_numpy(), (cells["i"].to_numpy(), cells["j"].to_numpy())),
        shape=(n_docs, kept.height),
    )
    tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(matrix)
    model = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=400, tol=1e-4)
    weights = model.fit_transform(tfidf)
    components = model.components_
    has_terms = np.asarray(matrix.sum(axis=1)).ravel() > 0
    strongest = np.where(has_terms & (weights.max(axis=1) > 0), weights.argmax(axis=1), -1)
    labels = term_index["label"].to_list()
    profiles = docs["profile"].to_list()
    keys = list(zip(docs["contribution_id"].to_list(), docs["question_id"].to_list(), strict=True))
    raw = []
    for t in range(k):
        top = np.argsort(-components[t], kind="stable")[:TOP_TERMS]
        members = np.flatnonzero(strongest == t)
        # Most typical: the answers this topic explains best (highest share of their weight).
        share = weights[members, t] / np.maximum(weights[members].sum(axis=1), 1e-12)
        order = members[np.lexsort((members, -weights[members, t], -share))]
        mix: dict[str, int] = {}
        for i in members:
            mix[profiles[i]] = mix.get(profiles[i], 0) + 1
        raw.append(
            (
                tuple(labels[j] for j in top if components[t, j] > 0),
                tuple(float(components[t, j]) for j in top if components[t, j] > 0),
                len(members),
                mix,
                tuple(keys[i] for i in order[:examples]),
            )
        )
    raw.sort(key=lambda r: (-r[2], r[0]))
    topics = tuple(Topic(n, *r) for n, r in enumerate(raw, 1) if r[2] > 0)
    return TopicModel(
        topics=topics,
        answer_count=n_docs,
        unassigned_count=int((strongest < 0).sum()),
        term_count=kept.height,
    )


def profile_mix_frame(model: TopicModel, profile_labels: dict[str, str]) -> pl.DataFrame:
    """One row a (topic, profile): answer_count and share_pct of the topic's answers."""
    rows = []
    for topic in model.topics:
        for code, label in profile_labels.items():
            count = topic.profiles.get(code, 0)
            rows.append(
                {
                    "topic": topic.number,
                    "topic_label": f"{topic.number}. {topic.label}",
                    "profile": code,
                    "profile_label": label,
                    "answer_count": count,
                    "share_pct": 100.0 * count / topic.answer_count if topic.answer_count else 0.0,
                }
            )
    return pl.DataFrame(
        rows,
        schema={
            "topic": pl.Int64,
            "topic_label": pl.String,
            "profile": pl.String,
            "profile_label": pl.String,
            "answer_count": pl.Int64,
            "share_pct": pl.Float64,
        },
    )
