"""The demo generator: deterministic, shaped like a real consultation, with its planted realities."""

from __future__ import annotations

import re
from datetime import timedelta

import duckdb
import polars as pl
import pytest

from consultation import demo, reference, search

SIZE = 1500
SEED = 2023
KINDS = {"open", "single", "multiple", "scale", "yes_no"}
TABLES = {"questions", "respondents", "contributions", "answers", "sources"}
AI_QUESTION = "Utilisez-vous des outils d'intelligence artificielle dans votre activité ?"
THEMED_WEBINARS = [e for e in reference.EVENTS if e[2] == "webinar" and e[3]]
WORD = re.compile(r"\w+")


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    """A demo database built once through ``generate``."""
    return demo.generate(tmp_path_factory.mktemp("demo") / "demo.duckdb", contributions=SIZE, seed=SEED)


@pytest.fixture(scope="module")
def db(demo_path) -> dict[str, pl.DataFrame]:
    """The demo database, read back table by table."""
    con = duckdb.connect(str(demo_path), read_only=True)
    try:
        tables = ("questions", "respondents", "contributions", "answers", "sources", "meta")
        out = {t: con.sql(f"SELECT * FROM {t}").pl() for t in tables}
    finally:
        con.close()
    contributions = out["contributions"].with_columns(day=pl.col("submitted_at").dt.date())
    out["contributions"] = contributions
    out["open"] = (
        out["answers"]
        .join(out["questions"].select("question_id", "kind"), on="question_id")
        .filter(pl.col("kind") == "open")
        .join(contributions, on="contribution_id")
    )
    return out


def _campaign_like(text: str) -> bool:
    template = set(WORD.findall(demo.CAMPAIGN_TEMPLATE.lower()))
    words = set(WORD.findall(text.lower().replace("’", "'")))
    return len(words & template) / len(words | template) > 0.5


def test_same_seed_and_size_give_identical_tables():
    first, second = demo.frames(600, 7), demo.frames(600, 7)
    assert first.keys() == second.keys() == TABLES
    for name in first:
        assert first[name].equals(second[name]), name


def test_the_same_seed_builds_the_same_database_derived_tables_included(demo_path, tmp_path):
    """Text labels, topics and campaigns are computed from the database: ties must not make two
    builds of the same demo differ (a label once flipped between two forms of a word)."""
    again = demo.generate(tmp_path / "again.duckdb", contributions=SIZE, seed=SEED)
    first, second = duckdb.connect(str(demo_path), read_only=True), duckdb.connect(str(again), read_only=True)
    try:
        tables = [t for (t,) in first.sql("SELECT table_name FROM duckdb_tables() ORDER BY table_name").fetchall()]
        assert {"text_terms", "answer_terms", "duplicate_groups", "closed_picks", "search_words"} <= set(tables)
        for table in tables:
            query = f"SELECT * FROM {table} ORDER BY ALL"  # table: names listed by DuckDB itself
            assert first.sql(query).pl().equals(second.sql(query).pl()), table
    finally:
        first.close()
        second.close()


def test_another_seed_gives_other_tables():
    first, other = demo.frames(600, 7), demo.frames(600, 8)
    assert not first["contributions"].equals(other["contributions"])
    assert not first["answers"].equals(other["answers"])


def test_the_database_holds_exactly_the_requested_contributions_and_its_provenance(db):
    assert db["contributions"].height == SIZE
    assert db["contributions"]["source_id"].unique().to_list() == ["demo"]
    meta = dict(db["meta"].iter_rows())
    assert {k: meta[k] for k in ("source", "is_demo", "seed", "contributions")} == {
        "source": "demo",
        "is_demo": "true",
        "seed": str(SEED),
        "contributions": str(SIZE),
    }
    source = db["sources"].row(0, named=True)
    assert (source["source_id"], source["format"], source["file_name"]) == (
        "demo",
        "demo",
        "démo synthétique",
    )
    assert source["answer_count"] == db["answers"].height


def test_identifiers_are_stable_zero_padded_strings(db):
    assert db["contributions"]["contribution_id"][0] == "C0000001"
    assert db["respondents"]["respondent_id"][0] == "R000001"
    assert db["questions"]["question_id"].str.contains(r"^[a-z_]+_q\d\d$").all()
    assert db["contributions"]["respondent_id"].is_in(db["respondents"]["respondent_id"].implode()).all()


def test_every_theme_has_a_plausible_questionnaire(db):
    q = db["questions"]
    assert set(q["theme_id"]) == set(reference.THEME_IDS)
    per_theme = q.group_by("theme_id").agg(n=pl.len(), open=(pl.col("kind") == "open").sum())
    assert per_theme["n"].is_between(8, 12).all()
    assert (per_theme["open"] >= 3).all()
    assert set(q["kind"]) == KINDS
    closed = q.filter(pl.col("kind") != "open")
    assert closed["choices"].list.len().min() >= 2
    assert q.filter(pl.col("kind") == "scale")["choices"].to_list()[0] == ["1", "2", "3", "4", "5"]
    ai = q.filter(pl.col("label") == AI_QUESTION)
    assert ai.select("theme_id", "kind").rows() == [("donnees_ia", "yes_no")]


def test_every_profile_answers_and_ile_de_france_comes_first(db):
    r = db["respondents"]
    assert set(r["profile"]) == {code for code, _, _ in reference.PROFILES}
    shares = dict(r["profile"].value_counts(normalize=True).iter_rows())
    assert shares["professionnel"] > shares["citoyen"] > shares["numerique"]
    regions = r["region_code"].value_counts().sort("count", descending=True)
    assert regions["region_code"][0] == "11"
    assert set(r["region_code"]) <= {row["region_code"] for row in reference.regions()}
    citizens = r.filter(pl.col("profile") == "citoyen")
    assert (citizens["organisation_type"] == "particulier").mean() > 0.8


def test_some_respondents_answer_several_questionnaires(db):
    per_respondent = db["contributions"].group_by("respondent_id").len()["len"]
    assert 1.2 < per_respondent.mean() < 2.0
    assert per_respondent.max() <= len(reference.THEME_IDS)
    assert db["contributions"].select("respondent_id", "theme_id").is_duplicated().sum() == 0


def test_the_launch_week_is_busier_than_spring(db):
    c, opening = db["contributions"], reference.OPENING

    def daily_mean(first: int, last: int) -> float:
        days = c.filter(pl.col("day").is_between(opening + timedelta(first), opening + timedelta(last)))
        return days.height / (last - first + 1)

    assert daily_mean(0, 6) > 2 * daily_mean(60, 90)
    assert c["submitted_at"].min().date() >= reference.OPENING
    assert c["submitted_at"].max().date() <= reference.CLOSING


@pytest.mark.parametrize("event", THEMED_WEBINARS, ids=lambda e: e[3])
def test_each_webinar_lifts_its_theme_in_the_following_days(db, event):
    when, _, _, theme = event
    c = db["contributions"].filter(pl.col("theme_id") == theme)
    before = c.filter(pl.col("day").is_between(when - timedelta(3), when - timedelta(1))).height
    after = c.filter(pl.col("day").is_between(when + timedelta(1), when + timedelta(3))).height
    assert after > before


def test_the_campaign_is_concentrated_on_one_question_and_a_few_days(db):
    campaign = db["open"].filter(pl.col("text").map_elements(_campaign_like, return_dtype=pl.Boolean))
    assert campaign.height >= 0.8 * SIZE * 300 / 9000
    on_target = campaign.filter(
        (pl.col("question_id") == demo.CAMPAIGN_QUESTION_ID)
        & pl.col("day").is_between(demo.CAMPAIGN_START, demo.CAMPAIGN_END)
    )
    assert on_target.height >= 0.9 * campaign.height
    assert campaign["respondent_id"].n_unique() == campaign.height
    assert demo.CAMPAIGN_QUESTION_ID.startswith(demo.CAMPAIGN_THEME)


def test_planted_personal_data_is_found_and_nothing_else_looks_like_it(db):
    texts = db["open"]["text"]
    emails = texts.str.extract_all(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+").explode().drop_nulls()
    assert emails.len() > 0
    assert emails.is_in(pl.Series(demo.PLANTED_EMAILS).implode()).all()
    phones = texts.str.extract_all(r"(?:\+33 \d|0\d)(?:[ .]\d\d){4}").explode().drop_nulls()
    assert phones.len() > 0
    assert phones.is_in(pl.Series(demo.PLANTED_PHONES).implode()).all()


def test_hostile_strings_are_planted_in_open_answers(db):
    texts = db["open"]["text"]
    found = [h for h in demo.HOSTILE_STRINGS if texts.str.contains(h, literal=True).any()]
    assert len(found) >= 5
    assert found == list(demo.HOSTILE_STRINGS)
    formulas = [h for h in demo.HOSTILE_STRINGS if h[0] in "=+-@"]
    assert all(texts.str.starts_with(h).any() for h in formulas)


def test_some_contributions_stop_partway(db):
    c, a, q = db["contributions"], db["answers"], db["questions"]
    incomplete = 1 - c["is_complete"].mean()
    assert 0.05 <= incomplete <= 0.20
    last = a.join(q, on="question_id").group_by("contribution_id").agg(pl.col("position").max())
    sizes = q.group_by("theme_id").agg(n=pl.len())
    stopped = c.join(last, on="contribution_id").join(sizes, on="theme_id").filter(~pl.col("is_complete"))
    assert (stopped["position"] < stopped["n"]).all()


def test_every_answer_row_holds_an_answer_of_its_kind(db):
    a = db["answers"].join(
        db["questions"].select("question_id", "kind", pl.col("choices").alias("options")), on="question_id"
    )
    empty = a.filter(
        (pl.col("text").is_null() | (pl.col("text").str.strip_chars() == ""))
        & pl.col("choices").is_null()
        & pl.col("number").is_null()
    )
    assert empty.height == 0
    assert a.filter(pl.col("kind") == "open")["text"].is_not_null().all()
    assert a.filter(pl.col("kind") == "scale")["number"].is_between(1, 5).all()
    multiple = a.filter(pl.col("kind") == "multiple")["choices"].list.len()
    assert multiple.min() >= 1 and multiple.max() <= 4
    single = a.filter(pl.col("kind").is_in(["single", "yes_no"]))
    assert (single["choices"].list.len() == 1).all()
    assert single.select(pl.col("options").list.contains(pl.col("choices").list.first()).all()).item()
    assert a.select("contribution_id", "question_id").is_duplicated().sum() == 0


def test_open_answers_range_from_a_word_to_paragraphs(db):
    words = db["open"]["text"].str.split(" ").list.len()
    assert words.min() <= 3
    assert words.max() >= 100
    assert db["open"]["text"].str.contains("\n\n").any()
    shorts = db["open"]["text"].is_in(["Oui", "Non", "Je ne sais pas", "Pas d'avis", "RAS"]).sum()
    assert shorts > 0


def test_the_command_line_writes_a_database_and_reports_counts_in_french(tmp_path, capsys):
    out = tmp_path / "cli.duckdb"
    demo.main(["--contributions", "300", "--seed", "5", "--out", str(out)])
    printed = capsys.readouterr().out
    assert out.exists()
    assert "300 contributions" in printed and "répondants" in printed and "réponses" in printed


@pytest.mark.parametrize(
    "query",
    [
        "musee",
        "MUSÉES numérique",
        '"intelligence artificielle"',
        "l'art",
        "IA",  # not « biais », « social », « média »
        "IA numérique",
        "art",  # « artistes », not « partage »
        "e",
        '"droit d’auteur" patrimoine',
        "!!",
        "introuvablissime",
    ],
)
def test_the_word_index_finds_exactly_the_reponses_that_contain_the_terms(demo_path, query):
    """Search goes through the word index (queries/search_hits.sql); reading every text must agree."""
    from consultation import sql
    from consultation.filters import Filters

    params = Filters(search=query).sql_params()
    con = duckdb.connect(str(demo_path), read_only=True)
    try:
        # What consultation.db does: the hits of the word index, registered for the query that reads them.
        hits = con.sql(sql.load("search_hits"), params={k: params[k] for k in sql.bound_names("search_hits")}).pl()
        con.register(sql.SEARCH_HITS, hits)
        wanted = sql.bound_names("filtered_answers")
        found = con.execute(
            f"SELECT contribution_id, question_id FROM ({sql.load('filtered_answers')})",  # fixed query text
            {k: v for k, v in params.items() if k in wanted},
        ).fetchall()
        texts = con.sql("SELECT contribution_id, question_id, text_norm FROM answers WHERE text IS NOT NULL").fetchall()
    finally:
        con.close()
    terms = params["search_terms"]

    def begins_a_word(norm: str, term: str) -> bool:
        return any(search.starts_word(norm, m.start()) for m in re.finditer(re.escape(term), norm))

    expected = {(c, q) for c, q, norm in texts if all(begins_a_word(norm, t) for t in terms)}
    assert sorted(found) == sorted(expected)
    if query not in ("introuvablissime", "!!"):
        assert expected, "the query should find something in the demo"
