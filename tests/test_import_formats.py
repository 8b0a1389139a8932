"""Each export format, read from a hand-made fixture (tests/fixtures/import/), gives literal counts.

No database is touched here: importers.parse is what the preview shows.
"""

from datetime import datetime
from pathlib import Path

import polars as pl
import pytest

from consultation import importers

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"


def parse(name: str, **options) -> importers.ParsedFile:
    mapping = options.pop("mapping", None)
    if mapping:
        options["mapping"] = importers.load_mapping((FIXTURES / mapping).read_bytes())
    return importers.parse((FIXTURES / name).read_bytes(), name, importers.Options(**options))


def counts(parsed: importers.ParsedFile) -> dict:
    keys = ("rows_read", "contributions", "respondents", "answers", "questions", "drafts_skipped", "rows_rejected")
    return {k: parsed.report[k] for k in keys}


@pytest.fixture(scope="module")
def capcollectif():
    return parse("capcollectif_metavers.csv", theme="metavers")


def test_capcollectif_export_counts_contributions_without_drafts_or_rejected_rows(capcollectif):
    assert capcollectif.format == "capcollectif"
    assert counts(capcollectif) == {
        "rows_read": 8,
        "contributions": 5,
        "respondents": 5,
        "answers": 19,
        "questions": 4,
        "drafts_skipped": 1,
        "rows_rejected": 2,
    }


def test_capcollectif_rejections_say_line_column_and_why(capcollectif):
    assert capcollectif.report["rejections"] == [
        {"line": 7, "column": "export_contribution_id", "reason": "identifiant « C1 » déjà vu ligne 2"},
        {"line": 8, "column": "export_contribution_published_at", "reason": "date illisible « pas une date »"},
    ]


def test_capcollectif_question_kinds_are_guessed_from_the_answers(capcollectif):
    rows = capcollectif.questions.select("label", "kind", "choices").rows()
    assert rows == [
        ("Quelles opportunités le métavers ouvre-t-il pour la culture ?", "open", None),
        ("Avez-vous déjà visité une exposition virtuelle ?", "yes_no", ["Oui", "Non"]),
        ("Quels usages du métavers vous intéressent ?", "multiple", ["Visites virtuelles", "Concerts", "Formation"]),
        ("Quel est votre niveau de confiance dans le métavers culturel ?", "scale", ["1", "2", "3", "4", "5"]),
    ]


def test_capcollectif_section_headings_and_personal_columns_are_dropped(capcollectif):
    dropped = {d["column"]: d["reason"] for d in capcollectif.report["columns_dropped"]}
    assert dropped["Présentation"] == "toujours vide (titre de section ?)"
    for column in (
        "export_contribution_author",
        "export_contribution_author_email",
        "export_contribution_author_phone",
        "export_contribution_account",
        "export_contribution_no_account_email",
    ):
        assert column in dropped
    assert capcollectif.report["respondent_columns"] == {
        "profile": "Vous êtes :",
        "sector": "Votre secteur d'activité",
        "region": "Votre région",
    }


def test_capcollectif_multiple_choice_keeps_the_free_other_text(capcollectif):
    c4 = capcollectif.answers.filter(pl.col("contribution_id") == "C4", pl.col("choices").list.len() > 1)
    assert c4.select("choices", "text").rows() == [
        (["Visites virtuelles", "Formation"], "un espace pour les scolaires")
    ]


def test_capcollectif_html_is_stripped_and_entities_decoded(capcollectif):
    texts = capcollectif.answers.filter(pl.col("text").is_not_null())["text"].to_list()
    assert "Des visites & des expositions immersives." in texts
    assert "Première ligne\nDeuxième ligne" in texts


def test_capcollectif_dates_are_paris_time_and_offsets_are_converted(capcollectif):
    when = dict(capcollectif.contributions.select("contribution_id", "submitted_at").rows())
    assert when["C1"] == datetime(2023, 2, 16, 10, 0)
    assert when["C7"] == datetime(2023, 3, 20, 9, 0)  # "2023-03-20T09:00:00+0100"


def test_capcollectif_unpublished_contribution_is_incomplete(capcollectif):
    incomplete = capcollectif.contributions.filter(~pl.col("is_complete"))["contribution_id"].to_list()
    assert incomplete == ["C6"]


def test_capcollectif_respondents_get_reference_codes_and_defaults(capcollectif):
    rows = capcollectif.respondents.select("respondent_key", "profile", "sector", "region_code").rows()
    assert rows == [
        ("capcollectif:A1", "professionnel", "musees_patrimoine", "11"),
        ("capcollectif:A2", "citoyen", "non_renseigne", "53"),
        ("email:marie@example.org", "numerique", "jeu_video", "84"),
        ("capcollectif:A6", "citoyen", "autre", "00"),
        ("capcollectif:A7", "professionnel", "archives", "01"),
    ]
    assert capcollectif.report["unrecognised_values"] == {"sector": {"Bidule": 1}}
    assert capcollectif.report["defaults"]["profile"] == 1


def test_capcollectif_drafts_can_be_imported_as_incomplete_contributions():
    parsed = parse("capcollectif_metavers.csv", theme="metavers", include_drafts=True)
    assert parsed.report["contributions"] == 6
    assert parsed.report["drafts_included"] == 1
    assert parsed.contributions.filter(pl.col("contribution_id") == "C3")["is_complete"].to_list() == [False]


@pytest.fixture(scope="module")
def granddebat():
    return parse("granddebat_fiscalite_latin1.csv", theme="ecologie")


def test_granddebat_latin1_file_counts(granddebat):
    assert granddebat.format == "granddebat"
    assert granddebat.report["encoding"] == "ISO-8859-1 (Latin-1)"
    assert counts(granddebat) == {
        "rows_read": 8,
        "contributions": 7,
        "respondents": 6,
        "answers": 22,
        "questions": 4,
        "drafts_skipped": 0,
        "rows_rejected": 0,
    }
    assert granddebat.report["trashed_skipped"] == 1


def test_granddebat_question_ids_are_decoded_plain_or_base64(granddebat):
    assert granddebat.questions.select("source_id", "kind").rows() == [
        (None, "open"),  # the contribution's title
        ("160", "open"),
        ("161", "multiple"),
        ("169", "yes_no"),
    ]
    assert granddebat.questions["label"][1].startswith("Quelles sont toutes les choses")


def test_granddebat_author_type_and_zip_code_give_profile_organisation_and_region(granddebat):
    rows = granddebat.respondents.select("respondent_key", "profile", "organisation_type", "region_code").rows()
    assert rows == [
        ("granddebat:U1", "citoyen", "particulier", "11"),  # 75011
        ("granddebat:U2", "professionnel", "collectivite", "94"),  # 20000: Corse
        ("granddebat:U3", "professionnel", "association", "04"),  # 97400: La Réunion
        ("granddebat:U4", "professionnel", "entreprise", "93"),  # 06000: leading zero kept
        ("granddebat:U5", "citoyen", "non_renseigne", "00"),  # ABCDE
        ("granddebat:U7", "citoyen", "particulier", "84"),  # 1000 -> 01000: Ain
    ]


def test_granddebat_multiple_choices_are_split_on_the_pipe(granddebat):
    g1 = granddebat.answers.filter(pl.col("contribution_id") == "G1", pl.col("choices").list.len() == 2)
    assert g1["choices"].to_list() == [["Les impôts", "Les taxes"]]


def test_google_forms_csv_with_bom_finds_its_columns_by_their_headers():
    parsed = parse("generic_google_forms.csv", theme="donnees_ia")
    assert parsed.report["encoding"] == "UTF-8 (avec BOM)"
    assert counts(parsed) == {
        "rows_read": 5,
        "contributions": 5,
        "respondents": 4,  # the same e-mail in two cases is one répondant
        "answers": 14,
        "questions": 3,
        "drafts_skipped": 0,
        "rows_rejected": 0,
    }
    assert parsed.questions.select("kind", "choices").rows() == [
        ("multiple", ["Tableur", "IA générative", "Logiciel de montage"]),
        ("open", None),
        ("scale", ["1", "2", "3", "4", "5"]),
    ]
    dropped = {d["column"]: d["reason"] for d in parsed.report["columns_dropped"]}
    assert dropped == {
        "Adresse e-mail": "identifie le répondant (sert seulement au pseudonyme)",
        "Téléphone": "donnée personnelle (intitulé)",
    }


def test_limesurvey_excel_export_uses_submitdate_and_skips_technical_columns():
    parsed = parse("limesurvey_archivage.xlsx", theme="archivage")
    assert parsed.report["container"] == "excel"
    assert counts(parsed) == {
        "rows_read": 4,
        "contributions": 4,
        "respondents": 4,
        "answers": 7,
        "questions": 2,
        "drafts_skipped": 0,
        "rows_rejected": 0,
    }
    assert parsed.report["blank_lines_skipped"] == 1
    rows = parsed.contributions.select("contribution_id", "submitted_at", "is_complete").rows()
    assert rows[1] == ("archivage-2", datetime(2023, 3, 10, 8, 5), False)  # no submitdate: datestamp, incomplete
    assert {d["column"] for d in parsed.report["columns_dropped"]} == {
        "lastpage",
        "startlanguage",
        "seed",
        "startdate",
        "datestamp",
        "ipaddr",
    }


@pytest.fixture(scope="module")
def hand_made():
    return parse("generic_cp1252_semicolon.csv", mapping="generic_cp1252.toml")


def test_hand_made_windows_1252_sheet_with_a_mapping(hand_made):
    assert (hand_made.report["encoding"], hand_made.report["separator"]) == ("Windows-1252", ";")
    assert counts(hand_made) == {
        "rows_read": 8,
        "contributions": 4,
        "respondents": 4,
        "answers": 8,
        "questions": 6,  # two question columns in each of three themes
        "drafts_skipped": 0,
        "rows_rejected": 4,
    }
    assert hand_made.theme_ids == ["metavers", "creation", "langue"]


def test_hand_made_sheet_rejections_have_their_lines(hand_made):
    assert hand_made.report["rejections"] == [
        {"line": 4, "column": "N°", "reason": "identifiant « langue-2 » déjà vu ligne 3"},
        {"line": 7, "column": "Thématique", "reason": "thème inconnu « Musique »"},
        {"line": 8, "column": "Date de réponse", "reason": "date manquante"},
        {"line": 9, "column": "N°", "reason": "identifiant de contribution vide"},
    ]


def test_hand_made_sheet_keeps_windows_1252_characters_and_decodes_entities(hand_made):
    texts = hand_made.answers.filter(pl.col("column") == "Vos propositions")["text"].to_list()
    assert texts[0] == "Développer les résidences d’artistes – œuvres numériques à 1 000 €"
    assert texts[1] == "Traduire l’interface\u00a0: c’est essentiel"


def test_hand_made_sheet_mapping_gives_kind_separator_and_choices(hand_made):
    priorities = hand_made.answers.filter(pl.col("column") == "Priorités").select("contribution_id", "choices", "text")
    assert priorities.rows() == [
        ("creation-1", ["Formation", "Financement"], None),
        ("langue-2", ["Mutualisation"], None),
        ("metavers-3", ["Financement"], "Autre chose"),
        ("creation-6", ["Formation", "Mutualisation"], None),
    ]


def test_a_users_kind_correction_is_applied():
    parsed = parse(
        "capcollectif_metavers.csv",
        theme="metavers",
        kinds={"Quel est votre niveau de confiance dans le métavers culturel ?": "single"},
    )
    scale = parsed.questions.filter(pl.col("label").str.starts_with("Quel est votre niveau"))
    assert scale.select("kind", "inferred").row(0) == ("single", False)
    assert scale["choices"][0].to_list() == ["4", "2", "5", "3", "1"]  # each once: in order of appearance
