from datetime import date, datetime

import pytest

from consultation import fr
from consultation.search import normalise, parse_query


@pytest.mark.parametrize(
    ("value", "text"), [(0, "0"), (999, "999"), (12345, "12 345"), (1234567, "1 234 567"), (None, "–")]
)
def test_integers_use_a_space_between_thousands(value, text):
    assert fr.integer(value).replace("\u00a0", " ") == text


def test_decimals_and_percents_use_a_comma():
    assert fr.decimal(1.456) == "1,5"
    assert fr.percent(12.34).replace("\u00a0", " ") == "12 %"


@pytest.mark.parametrize(
    ("value", "text"),
    [(date(2023, 2, 16), "16 févr. 2023"), (date(2023, 3, 1), "1er mars 2023"), (date(2023, 8, 5), "5 août 2023")],
)
def test_dates_are_french(value, text):
    assert fr.day(value) == text


def test_timestamps_are_french():
    assert fr.timestamp(datetime(2023, 2, 16, 9, 5)) == "16 févr. 2023 à 09:05"


def test_plural_follows_french_rules():
    assert fr.plural(0, "contribution") == "0 contribution"
    assert fr.plural(1, "contribution") == "1 contribution"
    assert fr.plural(2, "réponse") == "2 réponses"


@pytest.mark.parametrize(
    ("text", "norm"),
    [("Écologie", "ecologie"), ("ŒUVRE", "oeuvre"), ("cœur", "coeur"), ("ex æquo", "ex aequo"), ("l’IA", "l'ia")],
)
def test_normalise_folds_case_accents_and_ligatures(text, norm):
    assert normalise(text) == norm


def test_search_query_keeps_quoted_phrases_together():
    assert parse_query('  ia   "Droit  d’Auteur"  IA ') == ["ia", "droit d'auteur"]
    assert parse_query("«service public»") == ["service public"]
    assert parse_query("   ") == []
