"""Precompute the text tables when a database is built: answer_terms, text_terms, duplicate_groups.

Called once by ``consultation.store.build_database`` (through ``text.precompute``), so every
view later counts terms with one SQL query over ``answer_terms`` joined with the filtered
answers, instead of tokenising thousands of texts on each click. Answers are read in a fixed
order and processed in batches (memory stays flat at a million contributions); the result is
the same for the same data.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import duckdb
import numpy as np
import polars as pl

from consultation import text, text_campaigns

BUILD_DIR = Path(__file__).resolve().parent.parent / "queries" / "build"
BATCH = 100_000
MIN_BIGRAM_ANSWERS = 5  # a bigram must be used by at least this many answers...
MIN_BIGRAM_SHARE = 0.0004  # ... and this share of all answers (so it grows with the corpus)
MIN_BIGRAM_NPMI = 0.25

_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


def _script(con: duckdb.DuckDBPyConnection, name: str, **params) -> None:
    """Run the statements of queries/build/<name>.sql in order, each with the params it uses."""
    body = "\n".join(
        line
        for line in (BUILD_DIR / f"{name}.sql").read_text(encoding="utf-8").splitlines()
        if not line.startswith("--")
    )
    for statement in (s.strip() for s in body.split(";")):
        if statement:
            used = {k: v for k, v in params.items() if k in set(_PARAM.findall(statement))}
            con.execute(statement, used)


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    if frame.height:
        con.register("text_incoming", frame)
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM text_incoming")  # table: fixed names below
        con.unregister("text_incoming")


def precompute(con: duckdb.DuckDBPyConnection, batch: int = BATCH) -> dict[str, float]:
    """Fill open_answers, answer_terms, text_terms and duplicate_groups of the open database
    ``con``. Returns timings (seconds) and sizes, for the benchmark."""
    started = time.perf_counter()
    answers = con.sql((BUILD_DIR / "text_answers.sql").read_text(encoding="utf-8")).pl()
    _script(con, "text_staging")
    eligible_docs, eligible_sigs, word_counts, copy_keys = [], [], [], []
    for offset in range(0, answers.height, batch):
        part = answers.slice(offset, batch)
        tokens = text.token_frame(part).with_columns(pl.col("doc") + offset)
        content = tokens.filter(pl.col("is_content"))
        _insert(con, "text_stage_words", content.group_by("doc", "word").agg(pl.len().cast(pl.Int32).alias("n")))
        _insert(con, "text_stage_surfaces", text.surface_counts(tokens).rename({"count": "n"}))
        pairs = text.adjacent_pairs(tokens)
        _insert(
            con, "text_stage_pairs", pairs.group_by("doc", "word1", "word2").agg(pl.len().cast(pl.Int32).alias("n"))
        )
        pair_forms = pairs.group_by("word1", "word2", "form2", "cased", "initial").agg(pl.len().alias("n"))
        _insert(con, "text_stage_pair_forms", pair_forms)
        words = text_campaigns.folded_words(tokens)
        lengths = words.group_by("doc").len()
        word_counts.append(lengths)
        docs = np.sort(lengths.filter(pl.col("len") >= text_campaigns.MIN_WORDS)["doc"].to_numpy())
        eligible_docs.append(docs)
        eligible_sigs.append(text_campaigns.signatures(words, docs))
        copy_keys.append(text_campaigns.copy_keys(words, lengths))
    tokenised = time.perf_counter()

    docs = np.concatenate(eligible_docs) if eligible_docs else np.zeros(0, dtype=np.int64)
    sigs = np.concatenate(eligible_sigs) if eligible_sigs else np.zeros((0, text_campaigns.N_PERM), dtype=np.uint32)
    keys = pl.concat(copy_keys) if copy_keys else pl.DataFrame(schema={"doc": pl.Int64, "key": pl.String})
    labels = _duplicate_labels(answers["question_id"], docs, sigs, keys)
    grouped = labels >= 0
    rows = pl.Series(np.flatnonzero(grouped), dtype=pl.Int64)
    groups = answers.select(pl.col("contribution_id", "question_id").gather(rows)).with_columns(
        pl.Series("group_id", [f"G{g + 1:05d}" for g in labels[grouped]], dtype=pl.String)
    )
    _insert(con, "duplicate_groups", groups.sort("group_id", "contribution_id"))
    grouped_time = time.perf_counter()

    surfaces = con.sql("SELECT word, surface, sum(n)::BIGINT AS count FROM text_stage_surfaces GROUP BY ALL").pl()
    cased = text.cased_words(surfaces)
    word_totals = con.sql((BUILD_DIR / "text_word_counts.sql").read_text(encoding="utf-8")).pl()
    vocab = text.vocabulary(word_totals, cased)
    lengths = pl.concat(word_counts) if word_counts else pl.DataFrame(schema={"doc": pl.Int64, "len": pl.UInt32})
    docs_frame = (
        answers.select(pl.int_range(pl.len(), dtype=pl.Int64).alias("doc"), "theme_id", "contribution_id", "question_id")
        .join(lengths, on="doc", how="left", maintain_order="left")
        .select(pl.col("doc").cast(pl.Int32), "theme_id", "contribution_id", "question_id",
                pl.col("len").fill_null(0).cast(pl.Int32).alias("word_count"))
    )  # fmt: skip
    cased_frame = pl.DataFrame(list(cased.items()), schema={"word": pl.String, "surface": pl.String}, orient="row")
    frames = {
        "text_vocab_frame": vocab,
        "text_docs_frame": docs_frame,
        "text_cased_frame": cased_frame,
        "text_search_frame": text.searches(word_totals, vocab),
    }
    for name, frame in frames.items():
        con.register(name, frame)
    min_answers = max(MIN_BIGRAM_ANSWERS, round(MIN_BIGRAM_SHARE * answers.height))
    _script(
        con,
        "text_terms",
        min_bigram_answers=min_answers,
        min_bigram_npmi=MIN_BIGRAM_NPMI,
        min_cased_occurrences=text.MIN_CASED_OCCURRENCES,
    )
    for name in frames:
        con.unregister(name)
    for table in ("text_stage_words", "text_stage_pairs", "text_stage_pair_forms", "text_stage_surfaces",
                  "text_unigrams", "text_pairs", "text_bigrams", "text_doc_terms", "text_vocab", "text_docs",
                  "text_dropped_docs", "text_cased", "text_searches"):  # fmt: skip
        con.execute(f"DROP TABLE IF EXISTS {table}")  # table: fixed names
    done = time.perf_counter()
    return {
        "answers": answers.height,
        "tokenise_s": tokenised - started,
        "duplicates_s": grouped_time - tokenised,
        "terms_s": done - grouped_time,
        "total_s": done - started,
        "eligible_for_duplicates": len(docs),
        "eligible_for_copies": keys.height,
        "grouped_answers": int(grouped.sum()),
    }


def _duplicate_labels(question_id: pl.Series, docs: np.ndarray, sigs: np.ndarray, keys: pl.DataFrame) -> np.ndarray:
    """A group number for every answer (−1: alone), numbered by text_campaigns.number_groups: long
    answers (``docs``, their MinHash signatures ``sigs``) grouped when near-identical, short ones
    (``keys``: doc, normalised text) when copied by enough contributions, both to one question."""
    codes = (question_id.rank("dense") - 1).cast(pl.Int64).to_numpy()  # an integer a question
    component = np.full(len(codes), -1, dtype=np.int64)
    long_labels = text_campaigns.group_labels(sigs, codes[docs])
    component[docs[long_labels >= 0]] = long_labels[long_labels >= 0]
    short_docs = keys["doc"].to_numpy()
    short_labels = text_campaigns.copy_labels(keys, codes[short_docs], np.bincount(codes, minlength=1))
    first_short = int(long_labels.max()) + 1 if len(long_labels) else 0
    component[short_docs[short_labels >= 0]] = short_labels[short_labels >= 0] + first_short
    return text_campaigns.number_groups(component)
