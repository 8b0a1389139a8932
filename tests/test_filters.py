"""URL params -> Filters -> SQL params and the French sentence; hostile params never raise."""

from datetime import date

import pytest

from consultation.filters import Filters, Vocabulary, from_query_params
from consultation.search import WORD_SEPARATORS

VOCAB = Vocabulary(
    labels={
        "theme": {"metavers": ("Métavers", "Métavers"), "ecologie": ("Impact écologique", "Impact écologique")},
        "profile": {
            "citoyen": ("Citoyen intéressé par le numérique culturel", "citoyens"),
            "professionnel": ("Professionnel du secteur culturel", "professionnels de la culture"),
        },
        "sector": {"archives": ("Archives", "Archives")},
        "organisation_type": {"association": ("Association", "Association")},
        "region": {"11": ("Île-de-France", "Île-de-France"), "84": ("Auvergne-Rhône-Alpes", "Auvergne-Rhône-Alpes")},
    },
    questions={
        "donnees_ia_q01": ("donnees_ia", "Utilisez-vous des outils d'IA ?", "yes_no", ("Oui", "Non")),
        "metavers_q01": ("metavers", "Quelles opportunités ?", "open", ()),
    },
)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {}),
        ({"theme": ["metavers"]}, {"themes": ["metavers"]}),
        ({"theme": ["metavers,ecologie"]}, {"themes": ["metavers", "ecologie"]}),
        ({"theme": ["Métavers"]}, {"themes": ["metavers"]}),
        ({"theme": ["impact ecologique"]}, {"themes": ["ecologie"]}),
        ({"profil": ["citoyen"], "region": ["11", "84"]}, {"profiles": ["citoyen"], "regions": ["11", "84"]}),
        (
            {"secteur": ["archives"], "organisation": ["association"]},
            {"sectors": ["archives"], "organisation_types": ["association"]},
        ),
        ({"du": ["2023-03-01"], "au": ["2023-03-31"]}, {"date_from": date(2023, 3, 1), "date_to": date(2023, 3, 31)}),
        (
            {"q": ['Écologie "droit d’auteur"']},
            {
                "search_terms": ["ecologie", "droit d'auteur"],
                # the word index looks up the word and the phrase's longer runs (« d » begins most
                # words), then finds the phrase's words at consecutive positions: no text is read
                "search_pieces": ["ecologie", "droit", "auteur"],
                "search_phrase_terms": [1, 1, 1],
                "search_phrase_offsets": [0, 1, 2],
                "search_phrase_words": ["droit", "d", "auteur"],
                "search_phrase_last": [False, False, True],
                "search_verify": False,
                "search_word_starts": [],
                "search_anywhere": [],
                "search_separators": WORD_SEPARATORS,
            },
        ),
        ({"complet": ["non"]}, {"complete": False}),
        ({"question": ["metavers_q01"]}, {"question_id": "metavers_q01"}),
        (
            {"choix_question": ["donnees_ia_q01"], "choix": ["Oui"]},
            {"answer_question_id": "donnees_ia_q01", "answer_choice": "Oui"},
        ),
    ],
)
def test_url_params_become_sql_params(params, expected):
    filters, problems = from_query_params(params, VOCAB)
    assert problems == []
    assert filters.sql_params() == {**Filters().sql_params(), **expected}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"theme": ["inconnu"]}, "Valeur inconnue pour le filtre thème"),
        ({"theme": ["metavers' OR 1=1 --"]}, "Valeur inconnue pour le filtre thème"),
        ({"profil": ["<script>alert(1)</script>"]}, "Valeur inconnue pour le filtre profil"),
        ({"region": ["x" * 10_000]}, "trop long"),
        ({"du": ["2023-02-30"]}, "Date de début illisible"),
        ({"au": ["demain"]}, "Date de fin illisible"),
        ({"du": ["9999-12-31"]}, "Date de début hors des bornes"),
        ({"au": ["0001-01-01"]}, "Date de fin hors des bornes"),
        ({"du": ["2023-06-30"], "au": ["2023-02-16"]}, "inversées"),
        ({"q": ["a" * 500]}, "dépasse 200 caractères"),
        ({"complet": ["peut-être"]}, "complet"),
        ({"question": ["'; DROP TABLE answers; --"]}, "Question inconnue"),
        ({"choix_question": ["metavers_q01"], "choix": ["Oui"]}, "incomplet ou inconnu"),
        ({"choix_question": ["donnees_ia_q01"], "choix": ["Peut-être"]}, "n'est pas une réponse possible"),
    ],
)
def test_hostile_or_malformed_params_are_reported_in_french_and_ignored(params, message):
    filters, problems = from_query_params(params, VOCAB)
    assert any(message in p for p in problems), problems
    assert filters.themes == () and filters.profiles == () and filters.question_id is None


def test_reversed_dates_are_put_in_order():
    filters, _ = from_query_params({"du": ["2023-06-30"], "au": ["2023-02-16"]}, VOCAB)
    assert (filters.date_from, filters.date_to) == (date(2023, 2, 16), date(2023, 6, 30))


@pytest.mark.parametrize(
    ("filters", "sentence"),
    [
        (Filters(), "3 412 contributions · aucun filtre"),
        (
            Filters(themes=("metavers",), profiles=("citoyen",)),
            "3 412 contributions · thème : Métavers · profil : citoyens",
        ),
        (
            Filters(themes=("metavers", "ecologie"), regions=("11",)),
            "3 412 contributions · thèmes : Métavers, Impact écologique · région : Île-de-France",
        ),
        (
            Filters(date_from=date(2023, 3, 1), date_to=date(2023, 3, 31)),
            "3 412 contributions · du 1er mars 2023 au 31 mars 2023",
        ),
        (Filters(date_from=date(2023, 2, 16)), "3 412 contributions · à partir du 16 févr. 2023"),
        (Filters(search="ia"), "3 412 contributions · recherche : « ia »"),
        (
            Filters(answer_question_id="donnees_ia_q01", answer_choice="Oui"),
            "3 412 contributions · réponse « Oui » à « Utilisez-vous des outils d'IA ? »",
        ),
    ],
)
def test_filters_describe_themselves_in_one_french_sentence(filters, sentence):
    assert filters.describe(VOCAB, 3412).replace("\u00a0", " ") == sentence


def test_url_form_round_trips():
    filters = Filters(
        themes=("metavers",), regions=("11", "84"), date_from=date(2023, 3, 1), search="ia", complete=True
    )
    again, problems = from_query_params(filters.query_params(), VOCAB)
    assert problems == [] and again == filters
