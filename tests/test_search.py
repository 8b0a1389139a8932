"""The search finds, through the word index, exactly the réponses whose text the highlight marks:
one rule in SQL (queries/search_hits.sql, from consultation.search.sql_params) and in Python
(answers.match_spans), checked on generated texts, phrases included."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import polars as pl
import pytest

from consultation import answers, db, store
from consultation.filters import Filters
from consultation.search import parse_query

WORDS = [
    "droit", "Droit", "droits", "d", "auteur", "auteurs", "l", "IA", "ia", "biais", "musée", "Musées",
    "de", "la", "art", "artiste", "partage", "Œuvre", "oeuvres", "straße", "c", "2023", "x",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", " ", "'", "’", "-", ", ", ". ", " !! ", "_", "/", "\n", " « "]
TEXTS = {
    "C001": "Le droit d’auteur protège les artistes.",
    "C002": "Droit-d'auteur : une exception ?",
    "C003": "Les droits d'auteur des musées.",
    "C004": "Le droit du auteur, mal écrit.",
    "C005": "Un droit d'accès et d'auteur.",
    "C006": "Le droit d'auteurs collectifs.",
    "C007": "musée de l'artiste",
    "C008": " ".join(f"mot{i:02d}" for i in range(70)),  # more words than the index takes at once
}


def generated_texts(count: int, seed: int = 7) -> dict[str, str]:
    rng = random.Random(seed)
    texts = {}
    for i in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, 12))]
        text = words[0]
        for word in words[1:]:
            text += rng.choice(SEPARATORS) + word
        texts[f"G{i:03d}"] = text
    return texts


@pytest.fixture(scope="module")
def search_db(tmp_path_factory):
    texts = {**TEXTS, **generated_texts(400)}
    ids = list(texts)
    frames = {
        "questions": pl.DataFrame(
            {
                "question_id": ["langue_q01"],
                "theme_id": ["langue"],
                "position": [1],
                "label": ["Une question ouverte"],
                "kind": ["open"],
                "choices": [None],
            },
            schema_overrides={"choices": pl.List(pl.String), "position": pl.Int32},
        ),
        "respondents": pl.DataFrame(
            {
                "respondent_id": [f"R{c}" for c in ids],
                "profile": ["citoyen"] * len(ids),
                "sector": ["autre"] * len(ids),
                "organisation_type": ["particulier"] * len(ids),
                "region_code": ["11"] * len(ids),
            }
        ),
        "contributions": pl.DataFrame(
            {
                "contribution_id": ids,
                "respondent_id": [f"R{c}" for c in ids],
                "theme_id": ["langue"] * len(ids),
                "submitted_at": [datetime(2023, 3, 1) + timedelta(minutes=i) for i in range(len(ids))],
                "is_complete": [True] * len(ids),
                "source_id": ["test"] * len(ids),
            }
        ),
        "answers": pl.DataFrame(
            {
                "contribution_id": ids,
                "question_id": ["langue_q01"] * len(ids),
                "text": list(texts.values()),
                "choices": [None] * len(ids),
                "number": [None] * len(ids),
            },
            schema_overrides={"choices": pl.List(pl.String), "number": pl.Float64},
        ),
    }
    path = tmp_path_factory.mktemp("search") / "search.duckdb"
    store.build_database(path, frames, {"source": "test", "is_demo": "false"})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CONSULTATION_DB", str(path))
        yield texts


def found(query: str) -> set[str]:
    """The contributions whose réponse the search finds, through the word index."""
    hits = db.run_uncached("search_hits", **Filters(search=query).sql_params())
    ids = pl.from_arrow(
        db.connection().execute("SELECT contribution_key, contribution_id FROM contribution_facts").to_arrow_table()
    )
    return set(hits.join(ids, on="contribution_key")["contribution_id"].to_list())


def highlighted(texts: dict[str, str], query: str) -> set[str]:
    """The contributions whose text the highlight marks for every term of the query."""
    terms = parse_query(query)
    return {c for c, text in texts.items() if all(answers.match_spans(text, [t]) for t in terms)}


def test_a_phrase_is_its_words_in_order_whatever_separates_them(search_db):
    # the typographic apostrophe and the hyphen separate words like a space; « auteurs » begins
    # with the last word; « droits », « du » and a phrase split by other words are no match
    assert found('"droit d\'auteur"') & TEXTS.keys() == {"C001", "C002", "C006"}
    assert found('"musee de l\'art"') & TEXTS.keys() == {"C007"}  # the last word may begin one
    assert found('"roit d\'auteur"') & TEXTS.keys() == set()  # the first word begins a word


QUERIES = [
    "droit",
    "aut",
    "ia",
    "d",
    "2023",
    "oeuvre",
    "l'ia",
    "d'auteur",
    '"droit d\'auteur"',
    '"auteur droit"',
    '"de la"',
    '"la de art"',
    '"musee de l\'art"',
    '"droit d\'auteur" musee',
    '"c 2023"',
    "l'ia biais",
    "!!",
    "straße",
    '"straße d"',
    "_",
    "x/d",
]


@pytest.mark.parametrize("query", QUERIES)
def test_the_search_finds_what_the_highlight_marks(search_db, query):
    assert found(query) == highlighted(search_db, query)


def test_random_phrases_are_found_as_the_highlight_marks_them(search_db):
    rng = random.Random(11)
    texts = list(search_db.values())
    for _ in range(60):
        words = rng.choice(texts).split()
        start = rng.randrange(len(words))
        query = '"' + " ".join(words[start : start + rng.randint(1, 4)]) + '"'
        assert found(query) == highlighted(search_db, query), query


def test_a_query_of_more_words_than_the_index_takes_at_once_still_finds_them(search_db):
    # 70 one-word terms: 64 looked up in the index (search.MAX_PIECES), 6 checked in the texts
    query = " ".join(f"mot{i:02d}" for i in range(70))
    assert found(query) == highlighted(search_db, query) == {"C008"}
    assert found(query + " droit") == set()
