"""Privacy protection, pure: small-group suppression and masking of personal data in texts."""

from datetime import date

import polars as pl
import pytest

from consultation import privacy
from consultation.filters import Filters
from consultation.privacy import mask_pii, strip_pii, suppress_small_counts


def shown(df: pl.DataFrame, column: str = "respondent_count") -> list[str]:
    return df[f"{column}_text"].to_list()


# --- Small groups -------------------------------------------------------------------------------

BY_PROFILE = pl.DataFrame(
    {
        "profile": ["professionnel", "numerique", "citoyen"],
        "respondent_count": [3, 40, 25],
        "share_pct": [4.4, 58.8, 36.8],
    }
)


def test_a_small_count_is_hidden_and_the_next_smallest_cell_with_it():
    """3 of 68 is hidden; 25 is hidden too, or 3 = 68 - 40 - 25 could be computed."""
    out = suppress_small_counts(BY_PROFILE, "respondent_count", 10)
    assert out["respondent_count"].to_list() == [None, 40, None]
    assert shown(out) == ["< 10", "40", "masqué"]
    assert out["respondent_count_small"].to_list() == [True, False, False]
    assert out["respondent_count_suppressed"].to_list() == [True, False, True]


def test_the_shares_of_a_hidden_row_are_hidden_with_it():
    out = suppress_small_counts(BY_PROFILE, "respondent_count", 10)
    assert out["share_pct"].to_list() == [None, 58.8, None]
    assert out["share_pct_suppressed"].to_list() == [True, False, True]


def test_without_a_threshold_nothing_is_hidden_but_the_columns_exist():
    out = suppress_small_counts(BY_PROFILE, "respondent_count", None)
    assert out["respondent_count"].to_list() == [3, 40, 25]
    assert shown(out) == ["3", "40", "25"]
    assert not out["respondent_count_suppressed"].any()


def test_zeros_are_shown_and_never_chosen_to_hide_another_cell():
    df = pl.DataFrame({"region": ["a", "b", "c", "d"], "respondent_count": [0, 4, 0, 120]})
    out = suppress_small_counts(df, "respondent_count", 10)
    assert shown(out) == ["0", "< 10", "0", "masqué"]


def test_two_small_cells_adding_up_to_less_than_the_threshold_take_a_third_with_them():
    """1 and 2 hidden alone would be known to add up to 3: the smallest other cell is hidden too."""
    df = pl.DataFrame({"sector": ["a", "b", "c", "d"], "respondent_count": [1, 2, 50, 60]})
    out = suppress_small_counts(df, "respondent_count", 10)
    assert shown(out) == ["< 10", "< 10", "masqué", "60"]


def test_two_small_cells_adding_up_to_the_threshold_protect_each_other():
    df = pl.DataFrame({"sector": ["a", "b", "c"], "respondent_count": [4, 6, 50]})
    out = suppress_small_counts(df, "respondent_count", 10)
    assert shown(out) == ["< 10", "< 10", "50"]


def test_suppression_happens_within_each_group():
    df = pl.DataFrame(
        {
            "theme_id": ["metavers", "metavers", "metavers", "langue", "langue"],
            "profile": ["professionnel", "numerique", "citoyen", "professionnel", "citoyen"],
            "respondent_count": [5, 30, 12, 40, 50],
        }
    )
    out = suppress_small_counts(df, "respondent_count", 10, ["theme_id"])
    assert shown(out) == ["< 10", "30", "masqué", "40", "50"]


def test_a_crosstab_with_row_and_column_totals_is_protected_both_ways():
    """Profiles (rows) × answers (columns), both totals shown: hiding spreads until no row or
    column has a single hidden cell."""
    df = pl.DataFrame(
        {
            "profile": ["pro", "pro", "pro", "cit", "cit", "cit"],
            "choice": ["Oui", "Non", "NSP", "Oui", "Non", "NSP"],
            "respondent_count": [3, 20, 30, 12, 25, 15],
        }
    )
    out = suppress_small_counts(df, "respondent_count", 10, ["profile"], margins=[["choice"]])
    assert shown(out) == ["< 10", "masqué", "30", "masqué", "masqué", "15"]
    hidden = out["respondent_count_suppressed"].to_list()
    for keys in (["profile"], ["choice"]):
        per_group = df.with_columns(hidden=pl.Series(hidden)).group_by(keys).agg(pl.col("hidden").sum())
        assert set(per_group["hidden"].to_list()) <= {0, 2, 3}, keys


def test_a_contribution_count_is_hidden_with_the_respondents_behind_it():
    df = pl.DataFrame(
        {
            "theme_id": ["metavers", "langue", "ecologie"],
            "contribution_count": [12, 300, 250],
            "respondent_count": [3, 290, 240],
            "share_pct": [2.1, 53.1, 44.8],
        }
    )
    out = suppress_small_counts(df, "respondent_count", 10)
    assert out["contribution_count"].to_list() == [None, 300, None]
    assert out["contribution_count_text"].to_list() == ["masqué", "300", "masqué"]
    assert out["respondent_count_text"].to_list() == ["< 10", "290", "masqué"]


def test_the_threshold_is_strict():
    df = pl.DataFrame({"k": ["a", "b", "c"], "respondent_count": [9, 10, 11]})
    assert shown(suppress_small_counts(df, "respondent_count", 10)) == ["< 10", "masqué", "11"]


def test_an_empty_table_stays_empty_with_its_flag_columns():
    df = pl.DataFrame({"k": [], "respondent_count": []}, schema={"k": pl.String, "respondent_count": pl.Int64})
    out = suppress_small_counts(df, "respondent_count", 10)
    assert out.height == 0
    assert "respondent_count_suppressed" in out.columns


@pytest.mark.parametrize(
    ("filters", "narrows"),
    [
        (Filters(), False),
        (Filters(themes=("metavers",)), False),
        (Filters(date_from=date(2023, 3, 1), date_to=date(2023, 3, 31)), False),
        (Filters(profiles=("citoyen",)), True),
        (Filters(regions=("94",)), True),
        (Filters(search="droit d'auteur"), True),
    ],
)
def test_only_filters_on_who_the_respondents_are_or_what_they_wrote_narrow_them(filters, narrows):
    assert privacy.narrows_respondents(filters) is narrows


# --- Personal data in texts ---------------------------------------------------------------------

MASKED = [
    ("Écrivez-moi à jean.dupont@gmail.com.", "Écrivez-moi à [courriel masqué]."),
    ("contact : claire (at) exemple (point) fr", "contact : [courriel masqué]"),
    ("Appelez le 06 12 34 56 78 !", "Appelez le [téléphone masqué] !"),
    ("Tél. 06.12.34.56.78", "Tél. [téléphone masqué]"),
    ("Portable 0612345678.", "Portable [téléphone masqué]."),
    ("Mon numéro : +33 6 12 34 56 78", "Mon numéro : [téléphone masqué]"),
    ("Bureau : +33 (0)1 23 45 67 89", "Bureau : [téléphone masqué]"),
    ("À Londres : +44 20 7946 0958.", "À Londres : [téléphone masqué]."),
    ("Standard 01-23-45-67-89", "Standard [téléphone masqué]"),
    ("J'habite 12 rue des Lilas depuis dix ans.", "J'habite [adresse masquée] depuis dix ans."),
    ("Au 3 bis avenue Foch, un musée.", "Au [adresse masquée], un musée."),
    ("Siège : 10, boulevard Saint-Michel.", "Siège : [adresse masquée]."),
    ("Écrivez au 19 rue de la Gare, 44000 Nantes.", "Écrivez au [adresse masquée]."),
    ("Atelier au 8 bis chemin du Moulin.", "Atelier au [adresse masquée]."),
    ("Rendez-vous 3 place Bellecour à Lyon.", "Rendez-vous [adresse masquée] à Lyon."),
    ("Voir https://facebook.com/jean.dupont svp", "Voir [lien masqué] svp"),
    ("Mon profil : linkedin.com/in/claire-dubois.", "Mon profil : [lien masqué]."),
    ("Suivez @jeandupont sur Mastodon.", "Suivez [compte masqué] sur Mastodon."),
    ("Bonjour, je m'appelle Claire Dubois.", "Bonjour, je m'appelle [nom masqué]."),
    ("Je suis Camille Lefèvre, bénévole.", "Je suis [nom masqué], bénévole."),
    ("Signé : Karim Benaïssa", "Signé : [nom masqué]"),
    ("Comme l'a dit M. Martin hier.", "Comme l'a dit M. [nom masqué] hier."),
    ("Comme l'a dit M Martin hier.", "Comme l'a dit M [nom masqué] hier."),
    ("bonjour je m'appelle jean dupont et je suis musicien", "bonjour je m'appelle [nom masqué] et je suis musicien"),
    ("mon nom est durand, j'habite Lyon.", "mon nom est [nom masqué], j'habite Lyon."),
    ("Voir avec Mme Durand.", "Voir avec Mme [nom masqué]."),
    ("Madame Anne Leroy a répondu.", "Madame [nom masqué] a répondu."),
    ("NIR 1 85 05 78 006 084 36", "NIR [numéro masqué]"),
    ("IBAN FR76 3000 6000 0112 3456 7890 189", "IBAN [numéro masqué]"),
]

KEPT = [
    "La consultation a ouvert le 16/02/2023.",
    "Elle a ouvert le 16 février 2023, à 10:30.",
    "Le 06.03.2023 10 personnes sont venues.",
    "Un budget de 1 500 € par an, ou 12,5 M€ en tout.",
    "Soit 45 % des répondants en 2023, contre 0,5 % en 2010.",
    "L'article L. 122-5 du code de la propriété intellectuelle, art. 2 de la loi.",
    "150 000 visiteurs et 3 000 œuvres numérisées.",
    "Code postal 75011.",
    "Nous proposons 3 cours de danse et 2 places de cinéma, 2 rues plus loin.",
    "Madame la Ministre, Monsieur le Président, M. le maire.",
    "Je suis Directeur Général d'un musée.",
    "Le format M et le format L.",
    "Voir https://www.culture.gouv.fr/Thematiques/Innovation-numerique pour le détail.",
    "Le numéro vert 0 800 123 456 est gratuit.",
]


@pytest.mark.parametrize(("text", "expected"), MASKED)
def test_personal_data_is_masked(text, expected):
    assert mask_pii(text) == expected


@pytest.mark.parametrize("text", KEPT)
def test_dates_amounts_articles_and_ordinary_sentences_are_kept(text):
    assert mask_pii(text) == text


def test_strip_pii_leaves_no_placeholder_word_for_word_clouds():
    assert strip_pii("Écrivez à jean.dupont@gmail.com ou au 06 12 34 56 78.").split() == [
        "Écrivez",
        "à",
        "ou",
        "au",
        ".",
    ]


def test_empty_texts_stay_empty():
    assert mask_pii(None) == ""
    assert mask_pii("") == ""


def test_no_planted_personal_data_of_the_demo_survives_masking():
    """Every e-mail, phone, address and name the demo generator plants, in every sentence frame."""
    demo_text = pytest.importorskip("consultation.demo_text")
    values = {
        "email": demo_text.PLANTED_EMAILS,
        "phone": demo_text.PLANTED_PHONES,
        "address": demo_text.PLANTED_ADDRESSES,
        "name": demo_text.PLANTED_FULL_NAMES,
    }
    leaks = []
    for kind, frames in demo_text.PII_FRAMES.items():
        for frame in frames:
            for value in values[kind]:
                masked = mask_pii(frame.format(v=value))
                if (value.split()[-1] if kind == "name" else value) in masked:
                    leaks.append(masked)
    for frame in demo_text.TITLE_FRAMES:
        for value in demo_text.PLANTED_TITLES:
            if value.split()[-1] in mask_pii(frame.format(v=value)):
                leaks.append(frame.format(v=value))
    assert leaks == []


def test_a_dimension_named_like_a_count_is_not_hidden():
    df = pl.DataFrame({"theme_count": [1, 2, 6], "respondent_count": [300, 4, 60], "share_pct": [82.0, 1.1, 16.4]})
    out = suppress_small_counts(df, "respondent_count", 10)
    assert out["theme_count"].to_list() == [1, 2, 6]
    assert out["share_pct"].to_list() == [82.0, None, None]
