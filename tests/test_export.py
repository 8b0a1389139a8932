"""Exports of the Réponses page: exactly the filtered set, CSV that French Excel opens, XLSX that
reads back, spreadsheet formulas neutralised. Literal rows from tests/fixture_db.py."""

from __future__ import annotations

import io
import re
import threading
import time
import zipfile
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree

import polars as pl
import pytest
from fixture_db import HOSTILE

from consultation import db, export, export_job, runs, store
from consultation.filters import Filters

CITOYEN = "Citoyen intéressé par le numérique culturel"
Q_METAVERS_1 = "Quelles opportunités le métavers ouvre-t-il pour la culture ?"
Q_METAVERS_2 = "Avez-vous déjà visité une exposition virtuelle ?"
C1_TEXT = "L'écologie du métavers m'inquiète, mais les musées virtuels m'intéressent."


@pytest.fixture(autouse=True)
def _db(fixture_db_path):
    return fixture_db_path


def answers_export(**filters) -> pl.DataFrame:
    return export.answers_table(db.run_uncached("export_answers", **Filters(**filters).sql_params()))


def contributions_export(**filters) -> pl.DataFrame:
    params = Filters(**filters).sql_params()
    return export.contributions_table(
        db.run_uncached("export_contributions", **params),
        db.run_uncached("export_contribution_answers", **params),
        db.run("questions"),
    )


def csv_text(df: pl.DataFrame) -> str:
    data = export.csv_bytes(df)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark: Excel reads the accents
    return data[3:].decode("utf-8")


# --- CSV and neutralisation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+33 1 23 45 67 89", "'+33 1 23 45 67 89"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcache", "'\tcache"),
        ("\rretour", "'\rretour"),
        ("a = b", "a = b"),
        ("", ""),
        (HOSTILE, HOSTILE),
    ],
)
def test_a_cell_that_a_spreadsheet_would_run_gets_an_apostrophe(value, expected):
    assert export.neutralise(value) == expected
    assert export.neutralise_frame(pl.DataFrame({"x": [value]}))["x"].to_list() == [expected]


def test_csv_is_utf8_with_bom_semicolons_decimal_commas_and_readable_dates():
    df = pl.DataFrame(
        {"texte": ['é;"x"'], "part": [12.5], "nombre": [3], "quand": [datetime(2023, 2, 16, 10, 5)]},
    )
    assert csv_text(df) == '"texte";"part";"nombre";"quand"\n"é;""x""";12,5;3;"2023-02-16 10:05"\n'


def test_the_answer_export_has_one_row_a_reponse_with_labels():
    assert csv_text(answers_export(themes=("metavers",))) == (
        '"Contribution";"Répondant";"Date";"Thème";"Profil";"Secteur";"Type d\'organisation";"Région";'
        '"Contribution complète";"N° de question";"Question";"Réponse"\n'
        f'"C1";"R1";"2023-02-16 10:00";"Métavers";"{CITOYEN}";"Non renseigné";"À titre individuel";'
        f'"Île-de-France";"oui";1;"{Q_METAVERS_1}";"{C1_TEXT}"\n'
        f'"C1";"R1";"2023-02-16 10:00";"Métavers";"{CITOYEN}";"Non renseigné";"À titre individuel";'
        f'"Île-de-France";"oui";2;"{Q_METAVERS_2}";"Oui"\n'
        f'"C5";"R4";"2023-03-16 20:00";"Métavers";"{CITOYEN}";"Non renseigné";"À titre individuel";'
        f'"Étranger";"oui";1;"{Q_METAVERS_1}";"{HOSTILE}"\n'
    )


def test_the_answer_export_is_exactly_the_filtered_list():
    assert answers_export().height == 10
    assert answers_export(search="musées")["Contribution"].to_list() == ["C1"]
    assert answers_export(question_id="donnees_ia_q02")["Réponse"].to_list() == ["4", "2"]
    assert answers_export(answer_question_id="donnees_ia_q01", answer_choice="Non")["Réponse"].to_list() == ["Non", "2"]
    assert answers_export(themes=("langue",)).height == 0


def test_the_contribution_export_of_one_theme_has_one_column_a_question_in_order():
    wide = contributions_export(themes=("metavers",))
    assert wide.columns == [
        *export.CONTRIBUTION_COLUMNS.values(),
        f"Q1. {Q_METAVERS_1}",
        f"Q2. {Q_METAVERS_2}",
    ]
    assert wide.select("Contribution", f"Q1. {Q_METAVERS_1}", f"Q2. {Q_METAVERS_2}").rows() == [
        ("C1", C1_TEXT, "Oui"),
        ("C5", HOSTILE, None),
    ]


def test_the_contribution_export_of_several_themes_prefixes_the_questions_with_the_theme():
    wide = contributions_export(profiles=("professionnel",))
    assert wide.columns[len(export.CONTRIBUTION_COLUMNS) :] == [
        "Écologie – Q1. Comment réduire l'empreinte du numérique culturel ?",
        "Écologie – Q2. Quel est l'impact écologique de votre activité ?",
        "Données & IA – Q1. Utilisez-vous des outils d'intelligence artificielle dans votre activité ?",
        "Données & IA – Q2. L'IA est-elle une chance pour la culture ?",
    ]
    assert wide.drop(list(export.CONTRIBUTION_COLUMNS.values())[1:]).rows() == [
        ("C3", None, "Moyen", None, None),
        ("C6", None, None, "Non", "2"),
    ]


def test_a_search_exports_the_matching_contributions_whole():
    wide = contributions_export(search="musées")
    assert wide["Contribution"].to_list() == ["C1"]
    assert wide.row(0)[len(export.CONTRIBUTION_COLUMNS) :] == (C1_TEXT, "Oui")


def test_xlsx_reads_back_with_the_same_rows_and_an_about_sheet(tmp_path):
    table = answers_export(themes=("metavers",))
    data = export.xlsx_bytes(table, "Réponses", [("Filtres", "thème : Métavers"), ("Note", "=cmd")])
    back = pl.read_excel(io.BytesIO(data), sheet_name="Réponses")
    assert back.columns == table.columns
    assert back["Réponse"].to_list() == [C1_TEXT, "Oui", HOSTILE]
    assert back["Date"].to_list() == [
        datetime(2023, 2, 16, 10, 0),
        datetime(2023, 2, 16, 10, 0),
        datetime(2023, 3, 16, 20, 0),
    ]
    assert back["N° de question"].to_list() == [1, 2, 1]
    about = pl.read_excel(io.BytesIO(data), sheet_name="À propos", has_header=False)
    assert about.rows() == [("Filtres", "thème : Métavers"), ("Note", "'=cmd")]


def test_an_xlsx_has_no_formula_and_the_right_sheet_names():
    df = pl.DataFrame({"Réponse": ["=1+1", "@SUM(A1)", "texte"]})
    data = export.xlsx_bytes(df, "Réponses", [("Filtres", "aucun filtre")])
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and all("<f>" not in book.read(n).decode() for n in sheets)
        assert "Réponses" in book.read("xl/workbook.xml").decode()
    assert pl.read_excel(io.BytesIO(data))["Réponse"].to_list() == ["'=1+1", "'@SUM(A1)", "texte"]


def test_the_file_name_says_what_when_and_which_filters():
    assert export.file_name("reponses", "thème : Métavers · profil : citoyens", date(2026, 11, 25), "csv") == (
        "reponses_2026-11-25_theme-metavers-profil-citoyens.csv"
    )
    assert export.file_name("contributions", "aucun filtre", datetime(2026, 1, 2, 9), "xlsx") == (
        "contributions_2026-01-02_tout.xlsx"
    )
    long = export.file_name("reponses", "recherche : « " + "x" * 500 + " »", date(2026, 1, 2), "csv")
    assert len(long) < 120 and long.endswith(".csv")
    assert "/" not in export.file_name("reponses", "../../etc/passwd", date(2026, 1, 2), "csv")


# --- Neutralisation from the database to the file ------------------------------------------------

FORMULAS = ['=HYPERLINK("http://exemple.invalid","clic")', "+33 1 23 45 67 89", "-1", "@SUM(A1:A9)", "\t=1"]


@pytest.fixture
def formula_db(tmp_path, monkeypatch):
    """One contribution whose open answers start like spreadsheet formulas."""
    questions = pl.DataFrame(
        {
            "question_id": [f"langue_q0{i}" for i in range(1, 6)],
            "theme_id": ["langue"] * 5,
            "position": list(range(1, 6)),
            "label": [f"Question {i}" for i in range(1, 6)],
            "kind": ["open"] * 5,
            "choices": [None] * 5,
        },
        schema_overrides={"choices": pl.List(pl.String), "position": pl.Int32},
    )
    frames = {
        "questions": questions,
        "respondents": pl.DataFrame(
            {
                "respondent_id": ["R1"],
                "profile": ["citoyen"],
                "sector": ["autre"],
                "organisation_type": ["particulier"],
                "region_code": ["11"],
            }
        ),
        "contributions": pl.DataFrame(
            {
                "contribution_id": ["C1"],
                "respondent_id": ["R1"],
                "theme_id": ["langue"],
                "submitted_at": [datetime(2023, 3, 1, 8, 0)],
                "is_complete": [True],
                "source_id": ["test"],
            }
        ),
        "answers": pl.DataFrame(
            {
                "contribution_id": ["C1"] * 5,
                "question_id": questions["question_id"].to_list(),
                "text": FORMULAS,
                "choices": [None] * 5,
                "number": [None] * 5,
            },
            schema_overrides={"choices": pl.List(pl.String), "number": pl.Float64},
        ),
    }
    path = store.build_database(tmp_path / "formulas.duckdb", frames, {"source": "test", "is_demo": "false"})
    monkeypatch.setenv("CONSULTATION_DB", str(path))
    return path


def test_answers_that_start_like_formulas_are_neutralised_in_both_formats(formula_db):
    expected = ["'" + f for f in FORMULAS]
    table = answers_export()
    rows = pl.read_csv(io.BytesIO(export.csv_bytes(table)), separator=";", encoding="utf8-lossy")
    assert rows["Réponse"].to_list() == expected
    back = pl.read_excel(io.BytesIO(export.xlsx_bytes(table, "Réponses")))
    assert back["Réponse"].to_list() == expected
    wide = contributions_export()
    assert list(wide.row(0)[len(export.CONTRIBUTION_COLUMNS) :]) == FORMULAS  # raw in the frame...
    back = pl.read_excel(io.BytesIO(export.xlsx_bytes(wide, "Contributions")))
    assert list(back.row(0)[len(export.CONTRIBUTION_COLUMNS) :]) == expected  # ...neutralised in the file


# --- A large XLSX, cell for cell ----------------------------------------------------------------

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
TRICKY = [
    "=1+1",
    "<r><t>a</t></r></si><si><r><t>b</t></r>",  # xlsxwriter's rich-text convention: must stay text
    "  espaces autour  ",
    "tabulation\tet\nretour",
    "contrôle \x01 caractère",
    "_x0041_ littéral",
    'é & <b> "guillemets"',
    "",
    None,
    "x" * 40_000,  # longer than a cell holds
]


def xlsx_cells(data: bytes) -> dict[str, list[list]]:
    """Every sheet of a workbook read from its XML: rows of values (None: no cell); a shared
    string decoded (_xHHHH_), a number with a date format as a datetime (to the second)."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        strings = [
            re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m.group(1), 16)), "".join(item.itertext()))
            for item in ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
        ]
        styles = ElementTree.fromstring(book.read("xl/styles.xml"))
        codes = {f.get("numFmtId"): f.get("formatCode") for f in styles.iter(f"{MAIN}numFmt")}
        formats = [codes.get(xf.get("numFmtId"), "") for xf in styles.find(f"{MAIN}cellXfs")]
        targets = {
            r.get("Id"): r.get("Target") for r in ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
        }
        sheets = {}
        for sheet in ElementTree.fromstring(book.read("xl/workbook.xml")).iter(f"{MAIN}sheet"):
            rows = []
            for row in ElementTree.fromstring(book.read("xl/" + targets[sheet.get(f"{RELATIONS}id")])).iter(
                f"{MAIN}row"
            ):
                assert int(row.get("r")) == len(rows) + 1
                values = []
                for cell in row:
                    column = ord(cell.get("r")[0]) - ord("A")  # the test sheets have at most 26 columns
                    values.extend([None] * (column - len(values)))
                    raw = cell.find(f"{MAIN}v").text
                    if cell.get("t") == "s":
                        values.append(strings[int(raw)])
                    elif "yy" in formats[int(cell.get("s", 0))]:
                        values.append(datetime(1899, 12, 30) + timedelta(seconds=round(float(raw) * 86400)))
                    else:
                        values.append(float(raw))
                rows.append(values)
            sheets[sheet.get("name")] = rows
        return sheets


def test_a_large_xlsx_reads_back_cell_for_cell():
    """2 000 réponses, texts that could break a spreadsheet among them: every cell reads back as
    written (texts neutralised, cut at Excel's 32 767 characters), dates as dates."""
    base = answers_export()
    table = pl.concat([base] * 200).with_columns(
        pl.Series("Réponse", [TRICKY[i] if i < len(TRICKY) else f"réponse {i % 700}" for i in range(2000)]),
        (pl.col("Date") + pl.duration(seconds=pl.int_range(pl.len()))).alias("Date"),
    )
    about = [("Filtres", "aucun filtre"), ("Note", "=cmd"), ("Piège", "<r><t>x</t></r>")]
    data = export.xlsx_bytes(table, "Réponses", about)

    expected = [
        [v[:32_767] if isinstance(v, str) else float(v) if isinstance(v, int) else v for v in row]
        for row in export.neutralise_frame(table).rows()
    ]
    sheets = xlsx_cells(data)
    assert list(sheets) == ["Réponses", "À propos"]
    assert sheets["Réponses"][0] == table.columns
    assert [row + [None] * (table.width - len(row)) for row in sheets["Réponses"][1:]] == expected
    assert sheets["Réponses"][1][-1] == "'=1+1"
    assert sheets["À propos"] == [["Filtres", "aucun filtre"], ["Note", "'=cmd"], ["Piège", "'<r><t>x</t></r>"]]
    # Another reader agrees.
    back = pl.read_excel(io.BytesIO(data), sheet_name="Réponses")
    assert back["Réponse"].to_list() == [row[-1] for row in expected]
    assert back["Date"].to_list() == table["Date"].to_list()
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert '<dimension ref="A1:L2001"/>' in sheet
    assert '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' in sheet
    assert '<autoFilter ref="A1:L2001"/>' in sheet


def test_an_answer_cannot_rewrite_other_cells_of_the_xlsx():
    """A réponse written like xlsxwriter's rich text used to go into the file as XML, turning the
    next cell's « x » into « b ». It is now a text like any other."""
    hostile = "<r><t>a</t></r></si><si><r><t>b</t></r>"
    data = export.xlsx_bytes(pl.DataFrame({"Réponse": [hostile, "x"]}), "Réponses")
    assert pl.read_excel(io.BytesIO(data))["Réponse"].to_list() == [hostile, "x"]


def test_xlsx_dates_booleans_and_numbers_are_cells_of_their_kind():
    df = pl.DataFrame({"jour": [date(2023, 3, 1), None], "complet": [True, False], "part": [0.125, None], "n": [3, 4]})
    assert xlsx_cells(export.xlsx_bytes(df, "Feuille")) == {
        "Feuille": [
            ["jour", "complet", "part", "n"],
            [datetime(2023, 3, 1), "oui", 0.125, 3.0],
            [None, "non", None, 4.0],
        ]
    }


# --- Long exports, built in a child process (consultation.export_job) ---------------------------


def export_job_for(granularity: str, file_format: str, *, mask_pii: bool = False, **filters) -> export_job.ExportJob:
    return export_job.ExportJob(
        path=str(db.database_path()),
        version=db.database_version(),
        params=Filters(**filters).sql_params(),
        granularity=granularity,
        file_format=file_format,
        mask_pii=mask_pii,
        about=(("Filtres", "thème : Métavers"), (export_job.ROWS_LINE, "")),
    )


def xlsx_parts(data: bytes) -> dict[str, bytes]:
    """The parts of a workbook but its creation time (docProps/core.xml)."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return {n: book.read(n) for n in book.namelist() if n != "docProps/core.xml"}


@pytest.mark.parametrize("granularity", ["reponse", "contribution"])
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_file_built_apart_is_the_file_built_in_the_run(granularity, file_format):
    job = export_job_for(granularity, file_format, themes=("metavers",))
    here, rows_here = export_job.build(job)
    apart, rows_apart = export_job.build_apart(job)
    expected = (
        answers_export(themes=("metavers",)) if granularity == "reponse" else contributions_export(themes=("metavers",))
    )
    assert rows_here == rows_apart == expected.height > 0
    if file_format == "csv":
        assert apart == here == export.csv_bytes(expected)
    else:
        assert xlsx_parts(apart) == xlsx_parts(here)
        about = xlsx_cells(apart)["À propos"]
        assert ["Lignes", str(expected.height)] in [[str(v) for v in row] for row in about]


def test_personal_data_is_masked_in_a_file_built_apart_when_protection_is_on(formula_db):
    phone = "+33 1 23 45 67 89"
    masked, _rows = export_job.build_apart(export_job_for("reponse", "csv", mask_pii=True))
    plain, _rows = export_job.build_apart(export_job_for("reponse", "csv"))
    assert phone not in masked.decode("utf-8") and "[téléphone masqué]" in masked.decode("utf-8")
    assert "'" + phone in plain.decode("utf-8")


def test_an_export_of_a_database_replaced_since_the_request_is_refused():
    """An import swapped the file between the run that asked and the build: no file of the
    other version (the page would not say what it holds)."""
    job = replace(export_job_for("reponse", "csv"), version=db.database_version() + "-older")
    with pytest.raises(export_job.DatabaseChanged):
        export_job.build(job)
    with pytest.raises(export_job.DatabaseChanged):
        export_job.build_apart(job)


def test_a_child_that_fails_is_reported_and_the_next_export_works(tmp_path):
    job = export_job_for("reponse", "csv")
    with pytest.raises(export_job.ExportFailed):
        export_job.build_apart(replace(job, path=str(tmp_path / "gone.duckdb")))
    assert export_job.build_apart(job)[1] > 0


def test_other_runs_go_on_while_an_export_is_built_apart():
    """The run that exports gives up the process's run slot while the child builds (before,
    an XLSX of 100 000 contributions held every other session of the process for 8.7 s)."""
    job = export_job_for("contribution", "xlsx")
    holding, times = threading.Event(), {}

    def exporting_run():
        with runs.exclusive():
            holding.set()
            export_job.build_apart(job)
            times["export_done"] = time.monotonic()

    exporter = threading.Thread(target=exporting_run)
    exporter.start()
    assert holding.wait(10)
    with runs.exclusive():  # another session's run
        times["other_run"] = time.monotonic()
    exporter.join(120)
    assert times["other_run"] < times["export_done"]


def test_a_database_named_by_a_relative_path_is_exported_apart(fixture_db_path, monkeypatch):
    """$CONSULTATION_DB relative to a server started elsewhere than the project's folder."""
    monkeypatch.chdir(fixture_db_path.parent.parent)
    relative = Path(fixture_db_path.parent.name) / fixture_db_path.name
    monkeypatch.setenv("CONSULTATION_DB", str(relative))
    job = replace(export_job_for("reponse", "csv"), path=str(db.database_path().resolve()))
    assert job.version.startswith(str(relative))
    data, rows = export_job.build_apart(job)
    assert rows == answers_export().height > 0
    assert data == export.csv_bytes(answers_export())
