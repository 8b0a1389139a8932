"""French text processing, distinctive terms, topics and campaigns (consultation/text*.py).

Pure functions are tested on literal cases; the precomputed tables on the hand-made fixture
database and on a small demo database (1 500 contributions, built once for the module).
"""

import math

import duckdb
import numpy as np
import polars as pl
import pytest

from consultation import db, demo, store, text, text_campaigns, text_topics
from consultation.filters import FIRST_DATE, Filters

# --- Tokens -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("L'intelligence artificielle", ["intelligence", "artificielle"]),
        ("l’intelligence, d’auteur", ["intelligence", "auteur"]),  # typographic apostrophe
        ("Qu'il vienne jusqu'à lorsqu'on part", ["il", "vienne", "à", "on", "part"]),
        ("aujourd'hui, quelqu'un", ["aujourd'hui", "quelqu'un"]),  # not elisions
        ("ÉCOLOGIE et Numérique", ["écologie", "et", "numérique"]),  # accents kept, lower case
        ("Les Œuvres et les oeuvres", ["les", "œuvres", "et", "les", "oeuvres"]),
        ("Île-de-France, éco-conception, peut-être", ["île-de-france", "éco-conception", "peut-être"]),
        ("Faut-il agir ? Pouvons-nous ? Y a-t-il", ["faut", "agir", "pouvons", "y", "a"]),  # clitics dropped
        ("En 2023, 30 % des musées en 3D", ["en", "2023", "30", "des", "musées", "en", "3d"]),
        ("voir https://www.culture.gouv.fr/a?b=1 et www.exemple.fr", ["voir", "et"]),
        ("écrivez à jean.dupont@exemple.fr merci", ["écrivez", "à", "merci"]),
        ("au 06 39 98 12 34, +33 1 99 00 12 34 ou 01.99.00.12.34", ["au", "ou"]),
        ("Je m'appelle Camille Valmont, voir Mme Lefèvre", ["je", "appelle", "voir", "mme"]),  # names out
        ("**gras** <script>", ["gras", "script"]),
        ("", []),
        (None, []),
    ],
)
def test_words_split_french_text(raw, expected):
    assert text.words(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Les musées et le musée", ["musée", "musée"]),
        ("numériques, numérique", ["numérique", "numérique"]),
        ("Les œuvres artificielles", ["œuvre", "artificiel"]),
        ("musées, musees", ["musée", "musée"]),  # the spelling without accents is folded
        ("Il faut que nous fassions des choses", []),  # stopwords, by form and by lemma
        ("L'État doit agir", ["état", "agir"]),  # « état » is a content word here
        ("Le métavers, l'IA et les NFT", ["métavers", "ia", "nft"]),  # unknown words stay whole
        ("En 2023, le 1er musée", ["musée"]),  # numbers and ordinals are not terms
    ],
)
def test_terms_are_lemmas_of_content_words(raw, expected):
    assert text.terms(raw) == expected


def test_a_kept_bigram_counts_once_as_itself():
    bigrams = {"intelligence artificiel", "droit auteur"}
    assert text.terms("L'intelligence artificielle et le droit d'auteur", bigrams) == [
        "intelligence artificiel",
        "droit auteur",
    ]


def test_a_bigram_never_spans_punctuation_or_a_stopword():
    bigrams = {"intelligence artificiel", "droit auteur"}
    assert text.terms("Intelligence. Artificielle ; le droit de l'auteur", bigrams) == [
        "intelligence",
        "artificiel",
        "droit",
        "auteur",
    ]


# --- Weighted log-odds with an informative Dirichlet prior ---------------------------------------------


def test_log_odds_matches_the_hand_computation_with_a_given_prior():
    """A = {a: 10, b: 0}, B = {a: 5, b: 5}, uniform prior, alpha0 = 2, so a_w = 1 for both words;
    n_A = n_B = 10.
    delta_a = ln((10+1)/(10+2-10-1)) - ln((5+1)/(10+2-5-1)) = ln(11/1) - ln(6/6) = ln 11 = 2.397895
    var_a = 1/(10+1) + 1/(5+1) = 17/66 = 0.257576, sqrt = 0.507519, z_a = 2.397895 / 0.507519 = 4.724738
    delta_b = ln((0+1)/(10+2-0-1)) - ln(6/6) = -ln 11, var_b = 1/1 + 1/6 = 7/6, sqrt = 1.080123,
    z_b = -2.397895 / 1.080123 = -2.220020
    """
    result = text.log_odds({"a": 10, "b": 0}, {"a": 5, "b": 5}, prior={"a": 1, "b": 1}, alpha0=2)
    assert [term for term, _d, _z in result] == ["a", "b"]
    (_, delta_a, z_a), (_, delta_b, z_b) = result
    assert delta_a == pytest.approx(2.397895, abs=1e-6)
    assert z_a == pytest.approx(4.724738, abs=1e-6)
    assert delta_b == pytest.approx(-2.397895, abs=1e-6)
    assert z_b == pytest.approx(-2.220020, abs=1e-6)


def test_log_odds_default_prior_is_the_two_groups_together():
    """A = {x: 3, y: 1}, B = {x: 1, y: 3}: background x = 4, y = 4, alpha0 = 8, a_x = a_y = 4.
    delta_x = ln(7/5) - ln(5/7) = 2 ln 1.4 = 0.672944; var_x = 1/7 + 1/5 = 12/35 = 0.342857,
    sqrt = 0.585540; z_x = 0.672944 / 0.585540 = 1.149271."""
    result = dict((t, (d, z)) for t, d, z in text.log_odds({"x": 3, "y": 1}, {"x": 1, "y": 3}))
    assert result["x"][0] == pytest.approx(2 * math.log(1.4))
    assert result["x"][1] == pytest.approx(1.149271, abs=1e-6)
    assert result["y"][1] == pytest.approx(-1.149271, abs=1e-6)


# --- Topics -----------------------------------------------------------------------------------------------

SUBJECTS = {
    "archives": ["archive", "numérisation", "conservation", "format", "stockage"],
    "ecologie": ["empreinte", "carbone", "sobriété", "serveur", "énergie"],
    "metavers": ["casque", "virtuel", "immersion", "avatar", "visite"],
}


def topic_rows() -> pl.DataFrame:
    """60 answers, 20 a subject, each using 3 of its subject's 5 terms."""
    rows = []
    for s, words in enumerate(SUBJECTS.values()):
        for i in range(20):
            for w in (words[i % 5], words[(i + 1) % 5], words[(i + 2) % 5]):
                rows.append((f"C{s * 20 + i:03d}", "q", ("citoyen", "professionnel")[i % 2], w, w, 1))
    return pl.DataFrame(rows, schema=["contribution_id", "question_id", "profile", "term", "label", "n"], orient="row")


def test_topics_are_the_same_for_the_same_seed():
    assert text_topics.fit(topic_rows(), 3, seed=7) == text_topics.fit(topic_rows(), 3, seed=7)


def test_topics_separate_three_clear_subjects():
    model = text_topics.fit(topic_rows(), 3)
    found = sorted(sorted(t.terms[:5]) for t in model.topics)
    assert found == sorted(sorted(words) for words in SUBJECTS.values())
    assert [t.answer_count for t in model.topics] == [20, 20, 20]
    assert all(t.profiles == {"citoyen": 10, "professionnel": 10} for t in model.topics)


def test_topics_need_enough_answers():
    assert text_topics.fit(topic_rows().head(12), 6) is None


# --- Near-duplicates ----------------------------------------------------------------------------------


def groups_of(texts: list[str], question: str = "q") -> np.ndarray:
    frame = pl.DataFrame({"text": texts})
    tokens = text.token_frame(frame)
    words = text_campaigns.folded_words(tokens)
    lengths = words.group_by("doc").len()
    docs = np.sort(lengths.filter(pl.col("len") >= text_campaigns.MIN_WORDS)["doc"].to_numpy())
    labels = np.full(len(texts), -1)
    labels[docs] = text_campaigns.group_labels(text_campaigns.signatures(words, docs), np.zeros(len(docs), dtype=int))
    return labels


def test_short_common_answers_are_never_a_campaign():
    shorts = ["Oui", "Non", "Je ne sais pas", "RAS", "Pas d'avis", "Rien à ajouter", "Sans opinion"] * 40
    assert (groups_of(shorts) == -1).all()


def test_copies_with_small_changes_form_one_group():
    template = demo.CAMPAIGN_TEMPLATE
    texts = [
        template,
        template.upper()[:60] + template[60:],
        template.replace("pleinement", "totalement").replace(" !", "."),
        template.replace("'", "’") + " Il y a urgence.",
        "Le musée virtuel ne remplacera jamais la visite, mais il peut donner envie de venir voir les œuvres "
        "en vrai, surtout pour les jeunes publics éloignés des grandes villes et des équipements culturels.",
    ]
    labels = groups_of(texts)
    assert labels.tolist() == [0, 0, 0, 0, -1]


# --- Precomputed tables on the fixture database -----------------------------------------------------


def test_answer_terms_of_the_fixture_are_the_lemmas_of_each_answer(fixture_db_path):
    con = duckdb.connect(str(fixture_db_path), read_only=True)
    rows = con.sql("SELECT contribution_id, term, n FROM answer_terms ORDER BY ALL").fetchall()
    con.close()
    assert rows == [
        ("C1", "inquiéter", 1),
        ("C1", "intéresser", 1),
        ("C1", "musée", 1),
        ("C1", "métavers", 1),
        ("C1", "virtuel", 1),
        ("C1", "écologie", 1),
        ("C2", "auteur", 1),
        ("C2", "droit", 1),
        ("C2", "essentiel", 1),
        ("C2", "numérique", 1),
        ("C2", "sobriété", 1),
        ("C2", "œuvre", 1),
        ("C5", "alert", 1),
        ("C5", "gras", 1),
        ("C5", "script", 2),
    ]


def test_term_counts_follow_the_filters(fixture_db_path):
    df = db.run(
        "text_term_counts",
        **Filters(themes=("ecologie",)).sql_params(),
        one_voice=False,
        hidden_terms=["numérique"],
        limit=3,
    )
    assert df.select("term", "label", "answer_count").rows() == [
        ("auteur", "auteur", 1),
        ("droit", "droit", 1),
        ("essentiel", "essentiel", 1),
    ]


def test_term_labels_and_searches_of_the_fixture(fixture_db_path):
    df = db.run("text_term_counts", **Filters().sql_params(), one_voice=False, hidden_terms=[], limit=100)
    labels = {r["term"]: (r["label"], r["search"]) for r in df.iter_rows(named=True)}
    assert labels["musée"] == ("musées", "musée")  # the plural written, the lemma searched
    assert labels["inquiéter"] == ("inquiéter", "inquiète")  # a verb: its lemma, its written form searched
    assert labels["œuvre"] == ("œuvres", "œuvre")


# --- The small demo database: campaigns and bigrams ----------------------------------------------


@pytest.fixture(scope="module")
def demo_con(tmp_path_factory):
    path = demo.generate(tmp_path_factory.mktemp("text") / "d.duckdb", contributions=1500)
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


def test_the_planted_campaign_is_found_whole(demo_con):
    """Every copy of the campaign (they all end « Protégeons celles et ceux qui créent ») is in
    one group, and the group holds nothing else."""
    rows = demo_con.sql(
        """
        SELECT a.contribution_id, g.group_id,
               contains(lower(a.text), 'protégeons celles et ceux qui créent') AS planted
        FROM answers AS a LEFT JOIN duplicate_groups AS g USING (contribution_id, question_id)
        WHERE a.question_id = $q AND a.text IS NOT NULL
        """,
        params={"q": demo.CAMPAIGN_QUESTION_ID},
    ).pl()
    planted = rows.filter("planted")
    assert planted.height >= 40
    assert planted["group_id"].n_unique() == 1 and planted["group_id"][0] is not None
    assert rows.filter(pl.col("group_id") == planted["group_id"][0]).height == planted.height


def test_no_group_holds_a_short_answer(demo_con):
    shortest = demo_con.sql(
        "SELECT min(o.word_count) FROM duplicate_groups JOIN open_answers AS o USING (contribution_id, question_id)"
    ).fetchall()[0][0]
    assert shortest >= text_campaigns.MIN_WORDS


def test_frequent_bigrams_are_kept_as_terms(demo_con):
    labels = dict(demo_con.sql("SELECT term, label FROM text_terms WHERE is_bigram").fetchall())
    assert labels["intelligence artificiel"] == "intelligence artificielle"
    assert labels["droit auteur"] == "droit d'auteur"
    assert "service public" in labels


def test_one_voice_totals_count_each_group_once(demo_con):
    counts = demo_con.sql(
        "SELECT answer_count, voice_answer_count FROM text_terms WHERE term = 'transparence'"
    ).fetchall()[0]
    in_campaign = demo_con.sql(
        "SELECT count(*) FROM duplicate_groups AS g JOIN answer_terms AS t USING (contribution_id, question_id) "
        "WHERE t.term = 'transparence' AND g.group_id = 'G00001'"
    ).fetchall()[0][0]
    assert in_campaign >= 40  # G00001, the largest group, is the campaign
    assert counts[1] <= counts[0] - in_campaign + 1


def test_precomputed_totals_equal_the_counts_of_every_reponse(demo_con, monkeypatch):
    """Without a filter text_term_counts reads the totals precomputed in text_terms; a filter that
    keeps every contribution makes it count the réponses themselves: the same rows."""
    path = demo_con.sql("SELECT path FROM duckdb_databases() WHERE NOT internal").fetchall()[0][0]
    monkeypatch.setenv("CONSULTATION_DB", path)
    everything = Filters(date_from=FIRST_DATE)
    for one_voice in (False, True):
        common = dict(one_voice=one_voice, hidden_terms=["numérique"], limit=10_000)
        precomputed = db.run_uncached("text_term_counts", **Filters().sql_params(), **common)
        assert precomputed.height > 1000
        assert precomputed.equals(db.run_uncached("text_term_counts", **everything.sql_params(), **common))


# --- Short campaigns: exact copies of a short text ---------------------------------------------------

SLOGAN = (
    "Nous exigeons une loi qui protège vraiment les artistes face aux plateformes et à l'intelligence "
    "artificielle, dès maintenant !"
)  # 18 words
OTHER_ANSWERS = [
    "Il faudrait former les agents des musées aux outils numériques.",
    "La sobriété numérique devrait guider chaque projet culturel public.",
    "Je souhaite davantage de visites virtuelles pour les personnes éloignées.",
    "Les archives doivent rester accessibles à tous, gratuitement et durablement.",
]


def precomputed(answers: list[tuple[str, str]]) -> duckdb.DuckDBPyConnection:
    """An in-memory database of ``answers`` (question_id, text), one contribution (and one
    répondant) each, whose text tables are precomputed as when a database is built."""
    con = duckdb.connect()
    con.execute(store.build_sql("schema"))
    for i, (question_id, answer) in enumerate(answers):
        theme = question_id.split("_q")[0]
        con.execute(
            "INSERT INTO contributions VALUES ($c, $r, $t, TIMESTAMP '2023-03-01 10:00', true, 'S1')",
            {"c": f"C{i:03d}", "r": f"R{i:03d}", "t": theme},
        )
        con.execute(
            "INSERT INTO answers (contribution_id, question_id, text) VALUES ($c, $q, $x)",
            {"c": f"C{i:03d}", "q": question_id, "x": answer},
        )
    text.precompute(con)
    return con


def group_sizes(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int]]:
    return con.sql("SELECT group_id, count(*) FROM duplicate_groups GROUP BY ALL ORDER BY group_id").fetchall()


def test_eight_copies_of_a_short_slogan_to_one_question_are_one_campaign():
    """The copies differ by case, accents, punctuation and spaces only: one group of 8, and with
    « one voice » the slogan's words count once."""
    copies = [
        SLOGAN,
        SLOGAN.upper(),
        SLOGAN.replace("protège", "protege").replace("à", "a"),
        SLOGAN.replace(", ", " ").replace(" !", "."),
        "  " + SLOGAN.replace(" ", "   ") + "  ",
        SLOGAN.replace("'", "’"),
        SLOGAN,
        SLOGAN,
    ]
    con = precomputed([("creation_q02", t) for t in copies + OTHER_ANSWERS])
    assert group_sizes(con) == [("G00001", 8)]
    assert con.sql("SELECT answer_count, voice_answer_count FROM text_terms WHERE term = 'exiger'").fetchall() == [
        (8, 1)
    ]


def test_common_short_answers_to_one_question_never_form_a_group():
    con = precomputed([("creation_q02", t) for t in ["Je ne sais pas", "Pas d'avis"] * 15])
    assert group_sizes(con) == []


@pytest.mark.parametrize("answer", ["Aucune idée pour le moment", "Je n'ai pas d'avis là-dessus."])
def test_copies_of_fewer_than_six_words_are_never_a_campaign(answer):
    con = precomputed([("creation_q02", answer)] * 40)
    assert group_sizes(con) == []


def test_a_short_sentence_repeated_over_several_questions_is_no_campaign():
    """12 répondants write the same ten words, 3 to each of 4 questions: no question has 5 copies."""
    sentence = "Il faut surtout plus de moyens pour les petites structures culturelles."
    questions = ["creation_q02", "creation_q03", "metavers_q04", "ecologie_q05"]
    con = precomputed([(q, sentence) for q in questions for _ in range(3)])
    assert group_sizes(con) == []


def test_short_and_long_campaigns_are_numbered_together_by_size():
    """8 copies of the slogan, 6 of the long planted campaign text: G00001 is the larger one."""
    answers = [("creation_q02", demo.CAMPAIGN_TEMPLATE)] * 6 + [("creation_q03", SLOGAN)] * 8
    con = precomputed(answers + [("creation_q02", t) for t in OTHER_ANSWERS])
    rows = con.sql(
        "SELECT group_id, question_id, count(*) FROM duplicate_groups GROUP BY ALL ORDER BY group_id"
    ).fetchall()
    assert rows == [("G00001", "creation_q03", 8), ("G00002", "creation_q02", 6)]


@pytest.mark.parametrize(
    ("copies", "answers_to_the_question", "grouped"),
    [
        (4, 10, False),  # fewer than MIN_COPIES
        (5, 10, True),
        (6, 700, False),  # under 1 % of 700 answers
        (7, 700, True),
    ],
)
def test_short_copies_must_be_five_and_one_percent_of_the_question(copies, answers_to_the_question, grouped):
    keys = pl.DataFrame({"doc": list(range(copies)), "key": ["un texte copie de six mots"] * copies})
    labels = text_campaigns.copy_labels(keys, np.zeros(copies, dtype=np.int64), np.array([answers_to_the_question]))
    assert (labels >= 0).all() == grouped


# --- Names and acronyms keep their case -----------------------------------------------------------

CASED_CORPUS = [
    "Je vis à Paris et la BnF de Paris numérise ses collections.",
    "À Paris, l'IA aide la BnF et l'ADEME.",
    "Les musées de Paris utilisent l'IA ; la BnF aussi.",
    "IA partout : l'ia ne remplace pas les artistes, mais l'IA les aide.",
    "Le CNC soutient les NFT, le CNC finance les Œuvres, le CNC aide les musées.",
]


def test_names_and_acronyms_keep_the_case_people_write_them_in():
    """Labels take the case written in most occurrences inside sentences (IA 3 times of 4, the
    « IA » that opens a sentence not counted); once is not enough (ADEME, Œuvres). Paris is a
    name, not the plural of « pari »."""
    con = precomputed([("creation_q02", t) for t in CASED_CORPUS])
    labels = dict(con.sql("SELECT term, label FROM text_terms WHERE NOT is_bigram").fetchall())
    assert {t: labels.get(t) for t in ("paris", "pari", "ia", "bnf", "cnc", "ademe", "œuvre", "musée")} == {
        "paris": "Paris",
        "pari": None,
        "ia": "IA",
        "bnf": "BnF",
        "cnc": "CNC",
        "ademe": "ademe",
        "œuvre": "œuvres",
        "musée": "musées",
    }


def test_cased_words_need_a_majority_inside_sentences():
    surfaces = pl.DataFrame(
        [("ia", "IA", 3), ("ia", "ia", 2), ("bnf", "BnF", 2), ("bnf", "BNF", 1), ("culture", "Culture", 2),
         ("culture", "culture", 2), ("ademe", "ADEME", 2)],
        schema=["word", "surface", "count"],
        orient="row",
    )  # fmt: skip
    assert text.cased_words(surfaces) == {"bnf": "BnF", "ia": "IA"}


def test_words_shouted_in_capitals_are_not_acronyms():
    """« SOUTIENS », « TEXTE », « RÉSERVE » are shouted (capitals next to capitals); « IA » stands
    among lower-case words: an acronym."""
    tokens = text.token_frame(pl.DataFrame({"text": ["Bref, JE SOUTIENS CE TEXTE SANS RÉSERVE avec l'IA."] * 5}))
    assert text.cased_words(text.surface_counts(tokens)) == {"ia": "IA"}


def test_personal_data_written_in_capitals_is_dropped_too():
    assert text.words("ÉCRIVEZ À JEAN.DUPONT@EXEMPLE.FR OU VOIR WWW.EXEMPLE.FR ET HTTPS://EXEMPLE.ORG/A") == [
        "écrivez",
        "à",
        "ou",
        "voir",
        "et",
    ]


def test_a_name_written_with_its_capital_is_not_lemmatised():
    assert text.terms("Paris inspire : je visite Paris, les musées de Paris et la Seine à Paris.") == [
        "paris",
        "inspirer",
        "visiter",
        "paris",
        "musée",
        "paris",
        "seine",
        "paris",
    ]


# --- The search a term opens finds the answers that use it ---------------------------------------


@pytest.mark.parametrize(
    ("term", "forms", "expected"),
    [
        ("musée", {"musées": 3, "musee": 1}, "musée"),  # every form begins with the term
        ("créer", {"créer": 255, "créent": 50, "creer": 17, "crée": 15, "créé": 9}, "crée"),
        ("demander", {"demandons": 176, "demanderait": 31, "demandent": 7}, "demand"),
        ("inquiéter", {"inquiète": 1}, "inquiète"),
        ("servir", {"servir": 3, "serve": 2}, "servir"),  # « serv » finds mostly « service »: too loose
    ],
)
def test_a_term_searches_the_beginning_all_its_forms_share(term, forms, expected):
    assert text.search_for(term, forms, found=lambda beginning: 100 if beginning == "serv" else 0) == expected


def test_the_search_of_a_top_term_finds_every_answer_that_uses_it(demo_con, monkeypatch):
    """The Réponses page opened from one of the 10 most used words of the cloud lists at least the
    réponses counted for it (« créer » searches « crée », which finds créent and créé too)."""
    path = demo_con.sql("SELECT path FROM duckdb_databases() WHERE NOT internal").fetchall()[0][0]
    monkeypatch.setenv("CONSULTATION_DB", path)
    top = demo_con.sql(
        "SELECT term, search, answer_count FROM text_terms WHERE NOT is_bigram ORDER BY answer_count DESC, term LIMIT 10"
    ).fetchall()
    found = {
        term: db.run("answer_counts", **Filters(search=search).sql_params())["answer_count"][0]
        for term, search, _n in top
    }
    assert {term: found[term] >= n for term, _search, n in top} == {term: True for term, _s, _n in top}
