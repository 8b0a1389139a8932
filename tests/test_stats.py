"""Pure functions of consultation/stats.py and consultation/terms.py: tests, sentences, uplift."""

from datetime import date, timedelta

import numpy as np
import polars as pl
import pytest

from consultation import stats, terms, text


def crosstab(rows: list[tuple[str, str, int, int]], question: str = "q1") -> pl.DataFrame:
    """(group_code, choice, respondent_count, group_answered_count) rows of one question."""
    labels = {
        "citoyen": ("Citoyen intéressé par le numérique culturel", "citoyens"),
        "professionnel": ("Professionnel du secteur culturel", "professionnels de la culture"),
        "numerique": ("Acteur du numérique", "acteurs du numérique"),
    }
    return pl.DataFrame(
        [
            {
                "question_id": question,
                "group_code": g,
                "group_label": labels.get(g, (g, g))[0],
                "group_plural_label": labels.get(g, (g, g))[1],
                "choice": c,
                "respondent_count": n,
                "group_answered_count": total,
            }
            for g, c, n, total in rows
        ]
    )


YES_NO = [
    ("citoyen", "Oui", 30, 50),
    ("citoyen", "Non", 20, 50),
    ("professionnel", "Oui", 12, 50),
    ("professionnel", "Non", 38, 50),
    ("numerique", "Oui", 4, 7),
    ("numerique", "Non", 3, 7),
]


# --- chi-square ------------------------------------------------------------------------------------


def test_chi_square_of_a_2x2_table_has_yates_correction_like_scipy():
    """n(|ad − bc| − n/2)² / (r1·r2·c1·c2) = 100·850² / (50·50·42·58) = 11.8637."""
    test = stats.chi_square(np.array([[30, 20], [12, 38]]))
    assert test.statistic == pytest.approx(11.863711, rel=1e-6)
    assert test.dof == 1
    assert test.p_value == pytest.approx(0.00057238, rel=1e-4)
    assert test.n == 100
    assert test.significant


def test_chi_square_of_a_3x3_table_and_cramers_v():
    test = stats.chi_square(np.array([[20, 15, 15], [10, 25, 15], [5, 5, 40]]))
    assert test.statistic == pytest.approx(41.190476, rel=1e-6)
    assert test.dof == 4
    assert test.cramers_v == pytest.approx(0.370542, rel=1e-5)


def test_chi_square_drops_empty_rows_and_columns():
    test = stats.chi_square(np.array([[30, 20, 0], [12, 38, 0], [0, 0, 0]]))
    assert test.statistic == pytest.approx(11.863711, rel=1e-6)


def test_chi_square_needs_two_groups_and_two_choices():
    assert stats.chi_square(np.array([[30, 20]])) is None
    assert stats.chi_square(np.array([[30, 0], [12, 0]])) is None


def test_chi_square_flags_too_many_small_expected_counts():
    assert stats.chi_square(np.array([[3, 1], [1, 3]])).low_expected
    assert not stats.chi_square(np.array([[3, 1], [1, 3]])).significant


# --- crosstab cells, test of a question, clearest difference ---------------------------------------


def test_crosstab_cells_share_overall_share_and_lift():
    cells = stats.crosstab_cells(crosstab(YES_NO)).select(
        "group_code", "choice", "share_pct", "overall_pct", "is_small"
    )
    assert cells.rows()[:3] == [
        ("citoyen", "Oui", 60.0, pytest.approx(100 * 46 / 107), False),
        ("citoyen", "Non", 40.0, pytest.approx(100 * 61 / 107), False),
        ("professionnel", "Oui", 24.0, pytest.approx(100 * 46 / 107), False),
    ]
    lifts = stats.crosstab_cells(crosstab(YES_NO))["lift"].to_list()
    assert lifts[0] == pytest.approx(60 / (100 * 46 / 107))
    assert stats.crosstab_cells(crosstab(YES_NO))["is_small"].to_list()[-2:] == [True, True]


def test_question_test_leaves_out_groups_under_ten_respondents():
    test = stats.question_test(stats.crosstab_cells(crosstab(YES_NO)), "yes_no")
    assert test.excluded_groups == ("numerique",)
    assert test.n == 100
    assert test.statistic == pytest.approx(11.863711, rel=1e-6)


def test_question_test_is_none_with_a_single_group_left():
    rows = [r for r in YES_NO if r[0] != "professionnel"]
    assert stats.question_test(stats.crosstab_cells(crosstab(rows)), "yes_no") is None


def test_multiple_choice_tests_each_option_with_bonferroni_correction():
    rows = [
        ("citoyen", "Visites", 40, 50),
        ("citoyen", "Concerts", 10, 50),
        ("professionnel", "Visites", 15, 50),
        ("professionnel", "Concerts", 12, 50),
    ]
    test = stats.question_test(stats.crosstab_cells(crosstab(rows)), "multiple")
    visites = stats.chi_square(np.array([[40, 10], [15, 35]]))
    assert test.options_tested == 2
    assert test.p_value == pytest.approx(visites.p_value * 2)
    assert test.significant_choices == ("Visites",)


def test_clearest_difference_sentence_between_profiles():
    cells = stats.crosstab_cells(crosstab(YES_NO))
    test = stats.question_test(cells, "yes_no")
    diff = stats.clearest_difference(cells, test, "yes_no")
    assert (diff.choice, diff.high_code, diff.low_code, diff.points) == ("Oui", "citoyen", "professionnel", 36)
    assert stats.difference_sentence(diff, "profile", "yes_no") == (
        "Les citoyens répondent « Oui » 36 points plus souvent que les professionnels de la culture "
        "(60\u00a0% contre 24\u00a0%)."
    )


def test_clearest_difference_ignores_small_cells():
    """The numerique group (7 répondants) answers Oui at 57 %: greyed, never in the sentence."""
    cells = stats.crosstab_cells(crosstab(YES_NO))
    diff = stats.clearest_difference(cells, stats.question_test(cells, "yes_no"), "yes_no")
    assert "numerique" not in (diff.high_code, diff.low_code)


def test_no_difference_sentence_when_the_test_is_not_significant():
    rows = [("citoyen", "Oui", 26, 50), ("citoyen", "Non", 24, 50)]
    rows += [("professionnel", "Oui", 24, 50), ("professionnel", "Non", 26, 50)]
    cells = stats.crosstab_cells(crosstab(rows))
    test = stats.question_test(cells, "yes_no")
    assert not test.significant
    assert stats.clearest_difference(cells, test, "yes_no") is None


def test_difference_sentences_for_sectors_scales_and_multiple_choice():
    diff = stats.Difference("4", "archives", "Archives", "Archives", 45, "musees", "Musées", "Musées", 27)
    assert stats.difference_sentence(diff, "sector", "scale") == (
        "Les répondants du secteur « Archives » choisissent la note « 4 » 18 points plus souvent que ceux du "
        "secteur « Musées » (45\u00a0% contre 27\u00a0%)."
    )
    diff = stats.Difference(
        "Visites", "association", "Association", "Association", 50, "entreprise", "Entreprise", "", 49
    )
    assert stats.difference_sentence(diff, "organisation_type", "multiple") == (
        "Les répondants de type « Association » choisissent « Visites » 1 point plus souvent que ceux de "
        "type « Entreprise » (50\u00a0% contre 49\u00a0%)."
    )


def test_test_sentence_says_what_was_found():
    test = stats.chi_square(np.array([[30, 20], [12, 38]]))
    assert stats.test_sentence(test, "profile") == (
        "Les réponses dépendent du profil (test du khi-deux significatif au seuil de 5\u00a0%) "
        "(khi-deux = 11,9, p < 0,001, V de Cramér = 0,34)."
    )
    assert stats.test_sentence(None, "sector").startswith("Pas assez de répondants pour tester un lien avec le secteur")


def test_hide_suppressed_nulls_shares_of_hidden_cells():
    df = pl.DataFrame(
        {"respondent_count": [None, 40], "respondent_count_suppressed": [True, False], "lift": [1.2, 0.9]}
    )
    assert stats.hide_suppressed(df, "respondent_count", ("lift",))["lift"].to_list() == [None, 0.9]


# --- uplift after events ---------------------------------------------------------------------------

ARCHIVAGE_DAY = date(2023, 3, 9)


def daily(counts: dict[tuple[date, str], int], first: date, last: date) -> pl.DataFrame:
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    return pl.DataFrame(
        [
            {"period_start": d, "theme_id": t, "contribution_count": counts.get((d, t), 0)}
            for d in days
            for t in ("archivage", "langue")
        ]
    )


def events(*rows) -> pl.DataFrame:
    return pl.DataFrame(
        [
            dict(zip(("event_date", "label", "kind", "theme_id", "theme_short_label", "theme_color"), r, strict=True))
            for r in rows
        ],
        schema={
            "event_date": pl.Date,
            "label": pl.String,
            "kind": pl.String,
            "theme_id": pl.String,
            "theme_short_label": pl.String,
            "theme_color": pl.String,
        },
    )


def archivage_series() -> pl.DataFrame:
    """Archivage: 2 a day from 2 to 8 March, 7 on the webinar day, 5 on 10 and 11 March, 3 on the 12th.
    Langue: 1 a day from 16 to 25 February and from 2 to 8 March, 1 on 10 March."""
    counts = {(date(2023, 2, 16) + timedelta(days=i), "langue"): 1 for i in range(10)}
    counts |= {(ARCHIVAGE_DAY - timedelta(days=i), "archivage"): 2 for i in range(1, 8)}
    counts |= {(ARCHIVAGE_DAY - timedelta(days=i), "langue"): 1 for i in range(1, 8)}
    counts |= {
        (ARCHIVAGE_DAY, "archivage"): 7,
        (date(2023, 3, 10), "archivage"): 5,
        (date(2023, 3, 11), "archivage"): 5,
    }
    counts |= {(date(2023, 3, 12), "archivage"): 3, (date(2023, 3, 10), "langue"): 1}
    return daily(counts, date(2023, 2, 16), date(2023, 6, 30))


WEBINAR = ("2023-03-09", "Webinaire Archivage numérique", "webinar", "archivage", "Archivage", "#845D48")


def test_uplift_compares_the_two_days_after_with_the_seven_days_before():
    """Theme: 14 in the 7 days before (2 a day, 4 expected in 2 days), 10 on D+1 and D+2: ×2.5.
    The event day (7) counts in neither window. Whole set: 21 before (6 expected), 11 after."""
    ev = events((ARCHIVAGE_DAY, *WEBINAR[1:]))
    out = stats.event_uplift(archivage_series(), ev, date(2023, 2, 16), date(2023, 6, 30))
    rows = out.select("theme_id", "baseline_count", "baseline_mean", "expected_count", "after_count", "ratio").rows()
    assert rows == [
        (None, 21, 3.0, 6.0, 11, pytest.approx(11 / 6)),
        ("archivage", 14, 2.0, 4.0, 10, 2.5),
    ]


def test_uplift_sentence_for_the_event_theme():
    ev = events((ARCHIVAGE_DAY, *WEBINAR[1:]))
    row = stats.event_uplift(archivage_series(), ev, date(2023, 2, 16), date(2023, 6, 30)).row(1, named=True)
    assert stats.uplift_sentence(row) == (
        "Après le webinaire Archivage numérique du 9 mars 2023, les contributions sur ce thème ont été "
        "multipliées par 2,5 par rapport aux sept jours précédents."
    )


def test_uplift_of_a_webinar_about_two_themes_names_each_theme():
    ev = events(
        (date(2023, 3, 13), "Webinaire Création artistique et Métavers", "webinar", "creation", "Création", "#B34000"),
        (date(2023, 3, 13), "Webinaire Création artistique et Métavers", "webinar", "metavers", "Métavers", "#A558A0"),
    )
    out = stats.event_uplift(archivage_series(), ev, date(2023, 2, 16), date(2023, 6, 30))
    assert out.select("theme_id", "event_theme_count").rows() == [(None, 2), ("creation", 2), ("metavers", 2)]
    row = {**out.row(1, named=True), "ratio": 0.5}
    assert stats.uplift_sentence(row) == (
        "Après le webinaire Création artistique et Métavers du 13 mars 2023, les contributions sur le thème "
        "Création ont baissé de 50\u00a0% par rapport aux sept jours précédents."
    )


def test_uplift_sentence_for_the_whole_set_and_for_no_change():
    row = {"label": "Webinaire de lancement", "event_date": date(2023, 2, 23), "theme_id": None, "ratio": 1.24}
    assert stats.uplift_sentence(row) == (
        "Après le webinaire de lancement du 23 févr. 2023, l'ensemble des contributions a été multiplié par 1,2 "
        "par rapport aux sept jours précédents."
    )
    assert "est resté au même niveau" in stats.uplift_sentence({**row, "ratio": 1.01})
    assert stats.uplift_sentence({**row, "ratio": None}) is None


def test_uplift_is_not_computed_outside_the_period_studied():
    opening = events((date(2023, 2, 16), "Ouverture de la consultation", "opening", None, None, None))
    closing = events((date(2023, 6, 30), "Clôture de la consultation", "closing", None, None, None))
    series = archivage_series()
    before = stats.event_uplift(series, opening, date(2023, 2, 16), date(2023, 6, 30)).row(0, named=True)
    after = stats.event_uplift(series, closing, date(2023, 2, 16), date(2023, 6, 30)).row(0, named=True)
    assert before["ratio"] is None and before["note"].startswith("Pas de période de référence")
    assert after["ratio"] is None and after["note"] == "Les deux jours suivants sortent de la période étudiée."
    # A date filter ending on 10 March cuts the webinar's D+2.
    cut = stats.event_uplift(series, events((ARCHIVAGE_DAY, *WEBINAR[1:])), date(2023, 2, 16), date(2023, 3, 10))
    assert cut["ratio"].to_list() == [None, None]


def test_uplift_without_contributions_before_has_no_ratio():
    series = daily({(date(2023, 3, 10), "archivage"): 4}, date(2023, 2, 16), date(2023, 6, 30))
    row = stats.event_uplift(series, events((ARCHIVAGE_DAY, *WEBINAR[1:])), date(2023, 2, 16), date(2023, 6, 30))
    assert row.row(1, named=True)["after_count"] == 4
    assert row.row(1, named=True)["ratio"] is None
    assert row.row(1, named=True)["note"].startswith("Aucune contribution les sept jours précédents")


def test_headline_uplifts_keep_each_event_theme_and_the_launch():
    ev = events(
        (date(2023, 2, 23), "Webinaire de lancement", "webinar", None, None, None),
        (ARCHIVAGE_DAY, *WEBINAR[1:]),
    )
    out = stats.headline_uplifts(stats.event_uplift(archivage_series(), ev, date(2023, 2, 16), date(2023, 6, 30)))
    assert out.select("label", "theme_id").rows() == [
        ("Webinaire de lancement", None),
        ("Webinaire Archivage numérique", "archivage"),
    ]


def test_uplift_table_speaks_french_and_shows_a_dash_for_what_is_missing():
    ev = events(
        (ARCHIVAGE_DAY, *WEBINAR[1:]), (date(2023, 2, 16), "Ouverture de la consultation", "opening", None, None, None)
    )
    table = stats.uplift_table(stats.event_uplift(archivage_series(), ev, date(2023, 2, 16), date(2023, 6, 30)))
    assert table.columns[:3] == ["Date", "Événement", "Portée"]
    assert table.row(1) == ("9 mars 2023", "Webinaire Archivage numérique", "Archivage", "2,0", "4,0", "10", "×2,5", "")
    assert table.row(2)[3:7] == ("–", "–", "–", "–")


# --- frequent terms --------------------------------------------------------------------------------


def test_consultation_terms_are_lemmas_of_the_text_module():
    """question_terms.sql compares them with answer_terms, which holds lemmas."""
    assert all(text.lemma(w) == w for w in terms.CONSULTATION_TERMS)
    assert {text.lemma(w) for w in ("culturelles", "numériques", "cultures")} <= set(terms.CONSULTATION_TERMS)
