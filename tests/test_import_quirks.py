"""The quirks of real files (encodings, separators, line ends, HTML, dates, zip codes) and the
French error for each file that cannot be imported, with its line and column."""

import codecs
import io
import zipfile
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter

from consultation import importers
from consultation.importers import coding, common, kinds
from consultation.importers import report as reports

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"
CAPCOLLECTIF = (FIXTURES / "capcollectif_metavers.csv").read_bytes()


def parse(data: bytes, name: str = "fichier.csv", **options) -> importers.ParsedFile:
    return importers.parse(data, name, importers.Options(**options))


def refusal(data: bytes, name: str = "fichier.csv", **options) -> importers.ImportFileError:
    with pytest.raises(importers.ImportFileError) as caught:
        parse(data, name, **options)
    return caught.value


def summary(parsed: importers.ParsedFile) -> tuple:
    return (
        parsed.report["contributions"],
        parsed.report["answers"],
        sorted(parsed.answers.filter(pl.col("text").is_not_null())["text"].to_list()),
    )


# --- Encodings, separators, line ends: the same content gives the same result -----------------


@pytest.mark.parametrize(
    ("variant", "encoding"),
    [
        (lambda d: d, "UTF-8"),
        (lambda d: codecs.BOM_UTF8 + d, "UTF-8 (avec BOM)"),
        (lambda d: d.decode("utf-8").encode("cp1252"), "ISO-8859-1 (Latin-1)"),
        (lambda d: d.replace(b"\n", b"\r\n"), "UTF-8"),
        (lambda d: codecs.BOM_UTF16_LE + d.decode("utf-8").encode("utf-16-le"), "UTF-16"),
    ],
    ids=["utf8", "utf8-bom", "windows-1252", "crlf", "utf16"],
)
def test_the_capcollectif_export_reads_the_same_in_every_encoding(variant, encoding):
    parsed = parse(variant(CAPCOLLECTIF), theme="metavers")
    assert parsed.report["encoding"] == encoding
    assert summary(parsed) == summary(parse(CAPCOLLECTIF, theme="metavers"))


def test_windows_1252_only_characters_are_kept_not_replaced():
    data = "Horodateur;Votre avis\r\n16/02/2023 10:00;L’œuvre coûte 10 € – « chère »\r\n17/02/2023 10:00;x\r\n"
    parsed = parse(data.encode("cp1252"), theme="langue")
    assert parsed.report["encoding"] == "Windows-1252"
    assert parsed.report["separator"] == ";"
    assert "L’œuvre coûte 10 € – « chère »" in parsed.answers["text"].to_list()


def test_semicolon_separator_with_commas_inside_cells_is_detected():
    data = b'Horodateur;Votre avis\n16/02/2023 10:00;"Oui, mais, vraiment ; pas tout"\n17/02/2023 10:00;Non, merci\n'
    parsed = parse(data, theme="langue")
    assert parsed.report["separator"] == ";"
    assert sorted(parsed.answers["text"].to_list()) == ["Non, merci", "Oui, mais, vraiment ; pas tout"]


def test_utf16_tab_separated_text_from_excel():
    parsed = parse((FIXTURES / "generic_utf16_tab.txt").read_bytes(), "generic_utf16_tab.txt", theme="langue")
    assert (parsed.report["encoding"], parsed.report["separator"]) == ("UTF-16", "\t")
    assert parsed.report["contributions"] == 2
    assert sorted(parsed.answers["text"].to_list()) == ["Très utile", "À développer"]


def test_line_breaks_inside_quoted_cells_keep_the_line_numbers_right():
    data = b'Horodateur,Votre avis\n16/02/2023 10:00,"une\ndeux\ntrois"\n17/02/2023 10:00,"quatre"\n,sans date\n'
    parsed = parse(data, theme="langue")
    assert parsed.report["rejections"] == [{"line": 6, "column": "Horodateur", "reason": "date manquante"}]
    assert "une\ndeux\ntrois" in parsed.answers["text"].to_list()


def test_the_fast_reader_and_the_careful_reader_agree_on_every_fixture():
    for name in ("capcollectif_metavers.csv", "generic_cp1252_semicolon.csv", "granddebat_fiscalite_latin1.csv"):
        text, _encoding, _warnings = common.decode((FIXTURES / name).read_bytes())
        sep = common.sniff_separator(text)
        fast, careful = common._read_csv_fast(text, sep), common.read_csv_careful(text, sep)
        assert fast is not None, name
        assert (fast.columns, fast.lines, fast.frame.rows()) == (careful.columns, careful.lines, careful.frame.rows())


def test_blank_lines_are_skipped_and_counted():
    data = b"\n\nHorodateur,Votre avis\n\n16/02/2023 10:00,oui\n , \n17/02/2023 10:00,non\n"
    parsed = parse(data, theme="langue")
    assert parsed.report["contributions"] == 2
    assert parsed.report["blank_lines_skipped"] == 2


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("<p>Bonjour&nbsp;:</p><p>deux</p>", "Bonjour\u00a0:\ndeux"),
        ("a &lt; b &amp;&amp; c", "a < b && c"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"),  # shown as plain text
        ("x < y et y > z", "x < y et y > z"),
        ("  trop   d'espaces \t ici  ", "trop d'espaces ici"),
        ("e\u0301le\u0300ve", "élève"),
        ("<br/>", None),
        ("   ", None),
    ],
)
def test_cell_cleaning(raw, clean):
    assert common.clean_text(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("réponse <Oui>", "réponse <Oui>"),
        ("if a<b and b>c", "if a<b and b>c"),
        ("<Nom de la commune> puis <code postal>", "<Nom de la commune> puis <code postal>"),
        ("<<Non>> et <3", "<<Non>> et <3"),
        ('<P CLASS="MsoNormal">Un</P><p>deux<BR/>trois<br class=x>quatre</p>', "Un\ndeux\ntrois\nquatre"),
        (
            '<a href="https://exemple.fr/?a=1&amp;b=2" target=_blank>lien</a> <SPAN style="color: red">rouge</SPAN>',
            "lien rouge",
        ),
        ("<h2>Titre</h2><ul><li>un</li><li><strong>deux</strong></li></ul>", "Titre\nun\ndeux"),
        ('<img src="photo.png" alt="une photo"><hr/>fin <font color=#ff0000>x</font><sup>2</sup>', "fin x2"),
    ],
)
def test_only_real_html_tags_are_stripped_and_other_angle_brackets_stay_as_typed(raw, clean):
    assert common.clean_text(raw) == clean


def test_an_answer_in_angle_brackets_reaches_the_preview_as_typed():
    data = "Horodateur;Votre avis\n16/02/2023 10:00;réponse <Oui>\n17/02/2023 10:00;if a<b and b>c\n".encode()
    assert sorted(parse(data, theme="langue").answers["text"].to_list()) == ["if a<b and b>c", "réponse <Oui>"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2023-03-01 14:05:00", "2023-03-01 14:05:00"),
        ("2023-03-01T14:05:00+0100", "2023-03-01 14:05:00"),
        ("2023-07-01T12:00:00+0000", "2023-07-01 14:00:00"),  # summer time in Paris
        ("2023-03-01T13:05:00Z", "2023-03-01 14:05:00"),
        ("2023-03-01 14:05:00.123456", "2023-03-01 14:05:00"),
        ("01/03/2023 14:05", "2023-03-01 14:05:00"),
        ("01/03/2023", "2023-03-01 00:00:00"),
        ("0000-00-00 00:00:00", None),
        ("demain", None),
    ],
)
def test_dates(raw, expected):
    parsed = common.parse_datetimes(pl.Series([raw]))[0]
    assert (parsed.isoformat(sep=" ") if parsed else None) == expected


@pytest.mark.parametrize(
    ("zip_code", "region"),
    [
        ("75011", "11"),
        ("06000", "93"),
        ("6000", "93"),  # a spreadsheet lost the leading zero
        ("20000", "94"),  # Corse-du-Sud
        ("20200", "94"),  # Haute-Corse
        ("97110", "01"),
        ("97200", "02"),
        ("97300", "03"),
        ("97400", "04"),
        ("97600", "06"),
        ("98000", "99"),  # Monaco
        ("97500", "00"),  # Saint-Pierre-et-Miquelon: no region
        ("99999", "00"),
        ("ABCDE", "00"),
        (None, "00"),
    ],
)
def test_zip_codes_give_regions(zip_code, region):
    assert coding.code_zip(zip_code).code == region


@pytest.mark.parametrize(
    ("dimension", "value", "code"),
    [
        ("profile", "Citoyen intéressé par le numérique culturel", "citoyen"),
        ("profile", "Acteur du numérique", "numerique"),
        ("profile", "professionnels de la culture", "professionnel"),
        ("profile", "Technicien du spectacle", "professionnel"),
        ("profile", None, "citoyen"),
        ("sector", "Bibliothèque municipale", "bibliotheques"),
        ("sector", "Un domaine inconnu", "autre"),
        ("sector", "", "non_renseigne"),
        ("organisation_type", "Organisation à but non lucratif", "association"),
        ("organisation_type", "Organisation à but lucratif", "entreprise"),
        ("organisation_type", "Élu / élue et Institution", "collectivite"),
        ("region", "Provence-Alpes-Côte d'Azur", "93"),
        ("region", "Rhône-Alpes", "84"),
        ("region", "Finistère", "53"),
        ("region", "Paris (75)", "11"),
        ("region", "À l'étranger", "99"),
    ],
)
def test_free_values_get_reference_codes(dimension, value, code):
    assert coding.code_values(dimension, [value])[value].code == code


def test_kind_guess_tells_a_single_choice_with_commas_from_a_multiple_choice():
    single = pl.Series(["Oui, tout à fait", "Non, pas du tout", "Oui, plutôt", "Oui, tout à fait", "Non, pas du tout"])
    assert kinds.infer(single, (", ",))[0] == "single"
    multiple = pl.Series(["Musées, Archives", "Musées", "Archives, Livres", "Livres, Musées", "Musées, Archives"])
    assert kinds.infer(multiple, (", ",)) == ("multiple", ("Musées", "Archives", "Livres"), ", ")
    prose = pl.Series(["Je pense, en effet, que oui.", "Les musées, et les archives.", "Rien, merci."])
    assert kinds.infer(prose, (", ",))[0] == "open"


def test_personal_columns_are_recognised_by_header_and_by_content():
    assert common.pii_reason("Votre adresse e-mail") == "donnée personnelle (intitulé)"
    assert common.pii_reason("Quel est votre e-mail ?") == "donnée personnelle (intitulé)"
    assert common.pii_reason("Nom de votre structure") == "donnée personnelle (intitulé)"
    assert common.pii_reason("Utilisez-vous l'e-mail pour diffuser vos contenus ?") is None
    assert common.pii_reason("Contact", pl.Series(["a@b.fr", "c@d.org", "e@f.com"])) == "adresses e-mail"
    assert common.pii_reason("Quelles données personnelles partagez-vous ?") is None


# --- Files that cannot be imported: one clear French error each --------------------------------


@pytest.mark.parametrize(
    ("name", "options", "expected"),
    [
        ("empty.csv", {}, "Le fichier est vide (0 octet)."),
        (
            "header_only.csv",
            {"theme": "langue"},
            "Le fichier n'a qu'une ligne d'en-tête : aucune contribution à importer.",
        ),
        ("image.png.csv", {}, "Ce fichier n'est pas un export CSV ou Excel (contenu binaire : image PNG)."),
        (
            "mixed_utf8_cp1252.csv",
            {},
            "Ligne 4 : le fichier mélange deux encodages (UTF-8 et un autre, sans doute Windows-1252) : "
            "réenregistrez-le entièrement en UTF-8.",
        ),
        (
            "mixed_latin1_utf8.csv",
            {"theme": "langue"},
            "Ligne 4 : le fichier mélange deux encodages (UTF-8 et un autre, sans doute Windows-1252) : "
            "réenregistrez-le entièrement en UTF-8.",
        ),
        (
            "unterminated_quote.csv",
            {},
            "Ligne 3 : structure CSV invalide (caractère inattendu après un guillemet fermant) : "
            "un guillemet n'est sans doute pas fermé.",
        ),
        (
            "ragged_row.csv",
            {},
            "Ligne 3 : 4 champs au lieu de 3 (séparateur « virgule ») : une cellule contient sans doute un "
            "guillemet ou un séparateur mal échappé.",
        ),
        (
            "granddebat_fiscalite_latin1.csv",
            {"theme": "ecologie", "format": "capcollectif"},
            "Ligne 1 : ce fichier n'est pas au format Cap Collectif (questionnaire) : il n'a pas les colonnes "
            "export_contribution_id.",
        ),
        (
            "capcollectif_metavers.csv",
            {},
            "Un export Cap Collectif contient un seul questionnaire : choisissez son thème (--theme).",
        ),
        (
            "capcollectif_metavers.csv",
            {"theme": "musique"},
            "Thème inconnu « musique » (thèmes : metavers, creation, ecologie, langue, archivage, donnees_ia).",
        ),
        (
            "capcollectif_metavers.csv",
            {"theme": "metavers", "limit": 1000},
            "Le fichier fait 3,2 Ko, au-delà de la limite de 1 Ko (réglable avec la variable "
            "CONSULTATION_IMPORT_MAX_MB).",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 40 else None,
)
def test_a_file_that_cannot_be_imported_gets_one_french_sentence(name, options, expected):
    assert refusal((FIXTURES / name).read_bytes(), name, **options).describe() == expected


def test_a_capcollectif_export_cannot_be_read_as_a_generic_table():
    """As a generic table its author names would become answers: the importer refuses."""
    error = refusal(CAPCOLLECTIF, theme="metavers", format="generic")
    assert error.describe() == (
        "Ligne 1 : ce fichier est un export Cap Collectif (questionnaire) : importez-le dans ce format (ou en "
        "détection automatique), qui sait quelles colonnes sont des données personnelles."
    )


def test_an_unknown_capcollectif_column_is_refused_with_its_name():
    error = refusal((FIXTURES / "capcollectif_unknown_column.csv").read_bytes(), theme="metavers")
    assert (error.line, error.column) == (1, "export_contribution_author_zip_code")
    assert "peut contenir des données personnelles" in error.message


def test_an_unknown_column_named_by_the_mapping_is_refused():
    mapping = importers.load_mapping(b'[columns]\ndate = "Date de soumission"\n')
    error = refusal((FIXTURES / "generic_google_forms.csv").read_bytes(), theme="langue", mapping=mapping)
    assert error.message.startswith("le fichier de correspondance nomme la colonne « Date de soumission », absente")


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        (b"[columns\n", "Ligne 1 : fichier de correspondance illisible (syntaxe TOML)."),
        (b'[columns]\nauteur = "Nom"\n', "Fichier de correspondance : rôle de colonne inconnu « auteur »"),
        (b'[questions."Q1"]\nkind = "texte"\n', "Fichier de correspondance : type « texte » inconnu pour « Q1 »"),
        (b'[values.profile]\n"Pro" = "pro"\n', "Fichier de correspondance : « pro » n'est pas un code de profile"),
    ],
)
def test_a_wrong_mapping_file_is_explained(toml, expected):
    with pytest.raises(importers.ImportFileError) as caught:
        importers.load_mapping(toml)
    assert caught.value.describe().startswith(expected)


def test_a_binary_file_without_a_known_signature_is_refused():
    error = refusal(bytes(range(256)) * 4)
    assert error.describe() == "Ce fichier n'est pas un export CSV ou Excel (contenu binaire)."


def test_a_file_mostly_in_latin1_with_one_utf8_word_is_refused_not_turned_into_mojibake():
    """« café » in UTF-8 among Latin-1 lines would have become « cafÃ© »: the file is refused,
    with the line where the second encoding shows, whichever comes first."""
    latin_first = b"Horodateur;Votre avis\n16/02/2023 10:00;th\xe9\xe2tre\n17/02/2023 10:00;caf\xc3\xa9\n"
    utf8_first = b"Horodateur;Votre avis\n16/02/2023 10:00;caf\xc3\xa9\n17/02/2023 10:00;th\xe9\xe2tre\n"
    for data in (latin_first, utf8_first):
        error = refusal(data, theme="langue")
        assert (error.line, error.message) == (
            3,
            "le fichier mélange deux encodages (UTF-8 et un autre, sans doute Windows-1252) : "
            "réenregistrez-le entièrement en UTF-8.",
        )


def test_latin1_capitals_next_to_punctuation_are_not_mistaken_for_utf8():
    """« CAFÉ… » in Windows-1252 is the bytes É (0xC9) + … (0x85), a valid UTF-8 pair of no use in French."""
    data = "Horodateur;Votre avis\n16/02/2023 10:00;CAFÉ… FERMÉ°\n17/02/2023 10:00;À bientôt\n".encode("cp1252")
    assert sorted(parse(data, theme="langue").answers["text"].to_list()) == ["CAFÉ… FERMÉ°", "À bientôt"]


def zip_of(name: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "what"),
    [
        (b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00>\x00\x01\x00\x00\x00" * 20, "export.csv", "exécutable"),
        (b"\x7fELF" + b"abc;def\n" * 20, "export.csv", "exécutable"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" * 8, "export.csv", "exécutable"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "export.csv", "document PDF"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", "export.csv.gz", "archive gzip"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "photo.csv", "image JPEG"),
        (zip_of("export.csv", b"Horodateur,Votre avis\n"), "export.csv", "archive ZIP"),
        (zip_of("word/document.xml", b"<w:document/>"), "reponses.xlsx", "archive ZIP"),
    ],
    ids=["elf", "elf-without-nul", "windows-exe", "pdf", "gzip", "jpeg", "zip", "docx-named-xlsx"],
)
def test_a_binary_file_is_refused_with_what_it_is_not_as_utf16(data, name, what):
    assert refusal(data, name, theme="langue").describe() == (
        f"Ce fichier n'est pas un export CSV ou Excel (contenu binaire : {what})."
    )


def test_utf16_text_without_bom_is_still_recognised():
    data = "Horodateur\tVotre avis\n16/02/2023 10:00\tOui\n".encode("utf-16-le")
    assert refusal(data, theme="langue").describe() == (
        "Le fichier semble encodé en UTF-16 sans marque d'encodage : réenregistrez-le en CSV UTF-8."
    )


def workbook(*sheets: tuple[str, list[list]]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    for sheet_name, rows in sheets:
        sheet = book.add_worksheet(sheet_name)
        for i, row in enumerate(rows):
            sheet.write_row(i, 0, row)
    book.close()
    return buffer.getvalue()


ANSWERS = [["Horodateur", "Votre avis"], ["16/02/2023 10:00", "Oui"], ["17/02/2023 10:00", "Non"]]


def test_a_workbook_with_several_sheets_says_only_the_first_is_read():
    data = workbook(("Réponses", ANSWERS), ("Synthèse", [["Total", 2]]), ("Notes", []))
    parsed = parse(data, "reponses.xlsx", theme="langue")
    assert parsed.report["contributions"] == 2
    assert "Le classeur a 3 feuilles : seule la première, « Réponses », est lue." in reports.problems(parsed.report)


def test_a_single_sheet_workbook_has_no_sheet_note():
    parsed = parse(workbook(("Réponses", ANSWERS)), "reponses.xlsx", theme="langue")
    assert parsed.report["warnings"] == []


@pytest.mark.parametrize(
    ("first_sheet", "expected"),
    [
        ([], "La première feuille du classeur est vide."),
        ([["Horodateur", "Votre avis"]], "Le fichier n'a qu'une ligne d'en-tête : aucune contribution à importer."),
    ],
    ids=["empty", "header-only"],
)
def test_a_refused_workbook_says_the_answers_may_be_in_another_sheet(first_sheet, expected):
    data = workbook(("Notes", first_sheet), ("Réponses", ANSWERS))
    assert refusal(data, "reponses.xlsx", theme="langue").describe() == (
        f"{expected} Le classeur a 2 feuilles : seule la première, « Notes », est lue."
    )


def test_a_damaged_excel_file_is_refused():
    data = (FIXTURES / "limesurvey_archivage.xlsx").read_bytes()[:2000]
    assert refusal(data, "abime.xlsx", theme="archivage").message == "classeur Excel illisible ou abîmé."


def test_rows_that_are_all_drafts_are_explained():
    lines = CAPCOLLECTIF.decode().splitlines()
    drafts = [lines[0], lines[3]]  # the header and C3, a draft
    error = refusal("\n".join(drafts).encode(), theme="metavers")
    assert error.message == "les 1 lignes sont des brouillons : aucune contribution publiée à importer."
