"""Imports into a database: all or nothing, demo data replaced, later files added, a file never
imported twice, respondents pseudonymised, no personal data stored, the app sees the new file."""

import hashlib
import hmac
import re
import shutil
import threading
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest

from consultation import db, importers, store
from consultation.__main__ import main as cli

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"
CAPCOLLECTIF = FIXTURES / "capcollectif_metavers.csv"
GRANDDEBAT = FIXTURES / "granddebat_fiscalite_latin1.csv"
SCALE = "Quel est votre niveau de confiance dans le métavers culturel ?"


def imported(path: Path, db_path: Path, **options) -> dict:
    return importers.import_file(path, db_path, importers.Options(**options))


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def table_counts(db_path: Path) -> dict:
    frames, _meta = store.read_frames(db_path)
    return {name: frame.height for name, frame in frames.items()}


def renamed_copy(tmp_path: Path, prefix: str = "D") -> Path:
    """The Cap Collectif fixture with other contribution ids (a second export of the same theme)."""
    text = CAPCOLLECTIF.read_text(encoding="utf-8")
    text = re.sub(r'"reply","C(\d)"', rf'"reply","{prefix}\1"', text)
    path = tmp_path / f"capcollectif_metavers_{prefix}.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def two_files(tmp_path_factory) -> tuple[Path, dict, dict]:
    """A database made by importing the Cap Collectif file, then the Grand Débat file."""
    db_path = tmp_path_factory.mktemp("two") / "consultation.duckdb"
    first = imported(CAPCOLLECTIF, db_path, theme="metavers")
    _frames, meta = store.read_frames(db_path)
    second = imported(GRANDDEBAT, db_path, theme="ecologie")
    return db_path, first, {"salt_after_first": meta["pseudonym_salt"], "report": second}


def test_the_first_import_creates_the_database(tmp_path):
    db_path = tmp_path / "new.duckdb"
    report = imported(CAPCOLLECTIF, db_path, theme="metavers")
    assert table_counts(db_path) == {"questions": 4, "respondents": 5, "contributions": 5, "answers": 19, "sources": 1}
    _frames, meta = store.read_frames(db_path)
    assert (meta["is_demo"], meta["source"]) == ("false", "import")
    assert report["source_id"] == f"src-{fingerprint(CAPCOLLECTIF)[:12]}"
    assert report["replaced_demo"] is False


def test_the_first_real_import_replaces_the_demo_data(tmp_path):
    db_path = tmp_path / "demo.duckdb"
    demo = {
        "respondents": pl.DataFrame([("RDEMO", "citoyen", "non_renseigne", "particulier", "11")], orient="row",
                                    schema=["respondent_id", "profile", "sector", "organisation_type", "region_code"]),
        "contributions": pl.DataFrame([("CDEMO", "RDEMO", "langue", datetime(2023, 3, 1), True, "demo")], orient="row",
                                      schema=["contribution_id", "respondent_id", "theme_id", "submitted_at", "is_complete", "source_id"]),
    }  # fmt: skip
    store.build_database(db_path, demo, {"source": "demo", "is_demo": "true"})
    report = imported(CAPCOLLECTIF, db_path, theme="metavers")
    frames, meta = store.read_frames(db_path)
    assert report["replaced_demo"] is True
    assert meta["is_demo"] == "false"
    assert "CDEMO" not in frames["contributions"]["contribution_id"].to_list()
    assert frames["contributions"].height == 5


def test_a_second_file_is_added_to_the_existing_data(two_files):
    db_path, _first, second = two_files
    assert table_counts(db_path) == {
        "questions": 8,
        "respondents": 11,
        "contributions": 12,
        "answers": 41,
        "sources": 2,
    }
    frames, _meta = store.read_frames(db_path)
    assert frames["questions"]["question_id"].to_list() == [
        *(f"metavers_q0{i}" for i in range(1, 5)),
        *(f"ecologie_q0{i}" for i in range(1, 5)),
    ]
    assert second["report"]["replaced_demo"] is False


def test_the_secret_salt_is_kept_from_one_import_to_the_next(two_files):
    db_path, _first, second = two_files
    _frames, meta = store.read_frames(db_path)
    assert re.fullmatch(r"[0-9a-f]{64}", meta["pseudonym_salt"])
    assert meta["pseudonym_salt"] == second["salt_after_first"]


def test_respondent_ids_are_an_hmac_of_the_author_with_the_salt(two_files):
    db_path, _first, _second = two_files
    frames, meta = store.read_frames(db_path)
    expected = "R" + hmac.new(meta["pseudonym_salt"].encode(), b"capcollectif:A1", hashlib.sha256).hexdigest()[:20]
    c1 = frames["contributions"].filter(pl.col("contribution_id") == "C1")
    assert c1["respondent_id"].to_list() == [expected]


def test_no_name_email_phone_or_author_id_is_stored(two_files):
    db_path, _first, _second = two_files
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        everything = []
        for (table,) in con.sql("SELECT table_name FROM information_schema.tables").fetchall():
            everything.append(repr(con.sql(f"SELECT * FROM {table}").fetchall()))
    finally:
        con.close()
    dump = "\n".join(everything).lower()
    for secret in ("jeanne martin", "jeanne.martin@example.org", "0601020304", "marie@example.org", "lnoir", "'a1'"):
        assert secret not in dump, secret


def test_importing_the_same_file_twice_is_refused_and_changes_nothing(two_files):
    db_path, _first, _second = two_files
    before = fingerprint(db_path)
    with pytest.raises(importers.ImportFileError) as caught:
        imported(CAPCOLLECTIF, db_path, theme="metavers")
    assert caught.value.message.startswith("ce fichier a déjà été importé (le ")
    assert "sous le nom « capcollectif_metavers.csv »" in caught.value.message
    assert fingerprint(db_path) == before


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("empty.csv", {}),
        ("image.png.csv", {}),
        ("mixed_utf8_cp1252.csv", {}),
        ("mixed_latin1_utf8.csv", {"theme": "langue"}),
        ("unterminated_quote.csv", {}),
        ("ragged_row.csv", {}),
        ("capcollectif_unknown_column.csv", {"theme": "metavers"}),
        ("header_only.csv", {"theme": "langue"}),
        ("granddebat_fiscalite_latin1.csv", {"theme": "ecologie", "format": "capcollectif"}),
    ],
)
def test_a_failed_import_leaves_the_database_byte_for_byte_unchanged(two_files, name, options):
    db_path, _first, _second = two_files
    before = fingerprint(db_path)
    with pytest.raises(importers.ImportFileError):
        imported(FIXTURES / name, db_path, **options)
    assert fingerprint(db_path) == before


def test_a_failure_while_writing_leaves_the_database_unchanged(tmp_path, two_files, monkeypatch):
    db_path = tmp_path / "copy.duckdb"
    shutil.copy(two_files[0], db_path)
    before = fingerprint(db_path)

    def broken(_con):
        raise RuntimeError("disque plein")

    monkeypatch.setattr(store.text, "precompute", broken)
    with pytest.raises(importers.ImportFileError) as caught:
        imported(FIXTURES / "generic_google_forms.csv", db_path, theme="donnees_ia")
    assert "la base n'a pas changé" in caught.value.message
    assert fingerprint(db_path) == before
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp") and "import-lock" not in p.name]
    assert leftovers == []  # the half-written file was removed


def test_a_file_overlapping_an_earlier_import_is_refused(tmp_path, two_files):
    db_path = tmp_path / "copy.duckdb"
    shutil.copy(two_files[0], db_path)
    overlapping = tmp_path / "capcollectif_metavers_v2.csv"
    overlapping.write_bytes(CAPCOLLECTIF.read_bytes().replace(b"Rien \xc3\xa0 ajouter.", b"Rien."))
    before = fingerprint(db_path)
    with pytest.raises(importers.ImportFileError) as caught:
        imported(overlapping, db_path, theme="metavers")
    assert caught.value.message.startswith(
        "5 contribution(s) de ce fichier sont déjà dans la base (par exemple « C1 », importée depuis "
        "« capcollectif_metavers.csv »)"
    )
    assert fingerprint(db_path) == before


def test_a_second_export_of_the_same_theme_reuses_its_questions(tmp_path, two_files):
    db_path = tmp_path / "copy.duckdb"
    shutil.copy(two_files[0], db_path)
    imported(renamed_copy(tmp_path), db_path, theme="metavers")
    counts = table_counts(db_path)
    assert (counts["questions"], counts["contributions"], counts["respondents"]) == (8, 17, 11)


def test_a_question_read_with_another_kind_than_in_the_database_is_refused(tmp_path, two_files):
    db_path = tmp_path / "copy.duckdb"
    shutil.copy(two_files[0], db_path)
    before = fingerprint(db_path)
    with pytest.raises(importers.ImportFileError) as caught:
        imported(renamed_copy(tmp_path), db_path, theme="metavers", kinds={SCALE: "single"})
    assert caught.value.message == (
        f"la question « {SCALE} » est déjà dans la base comme question « échelle » ; ce fichier la lit comme "
        "« choix unique ». Corrigez son type dans l'aperçu."
    )
    assert fingerprint(db_path) == before


def test_the_running_app_reads_the_new_file_after_an_import(tmp_path, monkeypatch):
    db_path = tmp_path / "live.duckdb"
    imported(CAPCOLLECTIF, db_path, theme="metavers")
    monkeypatch.setenv("CONSULTATION_DB", str(db_path))
    assert db.run_uncached("database_info").filter(pl.col("key") == "is_demo")["value"].to_list() == ["false"]
    version = db.database_version()
    assert db.run_uncached("source_list").height == 1
    imported(GRANDDEBAT, db_path, theme="ecologie")
    assert db.database_version() != version
    assert db.run_uncached("source_list")["file_name"].to_list() == [
        "granddebat_fiscalite_latin1.csv",
        "capcollectif_metavers.csv",
    ]


def test_a_script_run_reads_one_version_even_when_an_import_lands_mid_run(tmp_path, monkeypatch):
    """A run pinned before the import keeps reading the old file to its end (its numbers never mix
    two databases); a run that starts meanwhile waits for it, then reads the new file."""
    db_path = tmp_path / "live.duckdb"
    imported(CAPCOLLECTIF, db_path, theme="metavers")
    monkeypatch.setenv("CONSULTATION_DB", str(db_path))
    sources = lambda: db.run_uncached("source_list")["file_name"].to_list()  # noqa: E731
    seen: dict[str, list] = {}
    second_started = threading.Event()

    def second_run():
        second_started.set()
        with db.pinned():
            seen["second"] = sources()

    with db.pinned():
        seen["first, before"] = sources()
        imported(GRANDDEBAT, db_path, theme="ecologie")  # the import swaps the file mid-run
        later = threading.Thread(target=second_run)
        later.start()
        second_started.wait()
        later.join(timeout=0.5)
        assert later.is_alive()  # the new run waits while this one still reads the old file
        seen["first, after"] = sources()
    later.join(timeout=10)
    assert seen == {
        "first, before": ["capcollectif_metavers.csv"],
        "first, after": ["capcollectif_metavers.csv"],
        "second": ["granddebat_fiscalite_latin1.csv", "capcollectif_metavers.csv"],
    }
    assert len(sources()) == 2


def test_queries_run_side_by_side_read_the_version_their_run_is_pinned_to(tmp_path, monkeypatch):
    """db.run_many runs its queries in helper threads: they read the file the script run is
    pinned to, not the one an import has just put in its place."""
    db_path = tmp_path / "live.duckdb"
    imported(CAPCOLLECTIF, db_path, theme="metavers")
    monkeypatch.setenv("CONSULTATION_DB", str(db_path))
    db.clear_cache()
    jobs = {"sources": ("source_list", {}), "themes": ("themes", {}), "info": ("database_info", {})}
    with db.pinned():
        imported(GRANDDEBAT, db_path, theme="ecologie")  # swapped before the queries run
        old = db.run_many(jobs)
    new = db.run_many(jobs)
    assert old["sources"]["file_name"].to_list() == ["capcollectif_metavers.csv"]
    assert new["sources"]["file_name"].to_list() == ["granddebat_fiscalite_latin1.csv", "capcollectif_metavers.csv"]
    for label, (name, params) in jobs.items():  # the same frames run() gives, now from the cache
        assert new[label].equals(db.run(name, **params))


def test_the_command_line_imports_and_reports_in_french(tmp_path, capsys):
    db_path = tmp_path / "cli.duckdb"
    assert cli(["import", str(CAPCOLLECTIF), "--theme", "metavers", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert f"Import réussi dans {db_path}." in out
    assert "8 lignes lues : 5 contributions, 5 répondants, 19 réponses, 4 questions." in out
    assert "Brouillons ignorés (ils ne comptent pas comme contributions) : 1." in out


def test_the_command_line_refuses_a_bad_file_without_a_traceback(tmp_path, capsys):
    db_path = tmp_path / "cli.duckdb"
    assert cli(["import", str(FIXTURES / "ragged_row.csv"), "--theme", "langue", "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Import refusé (ragged_row.csv) : Ligne 3 : 4 champs au lieu de 3")
    assert "Traceback" not in err
    assert "La base n'a pas changé." in err
    assert not db_path.exists()


def test_the_command_line_dry_run_imports_nothing(tmp_path, capsys):
    db_path = tmp_path / "cli.duckdb"
    assert cli(["import", str(GRANDDEBAT), "--theme", "ecologie", "--db", str(db_path), "--dry-run"]) == 0
    assert "Vérification seule : rien n'a été importé." in capsys.readouterr().out
    assert not db_path.exists()


def test_the_command_line_still_generates_the_demo(tmp_path, capsys):
    out = tmp_path / "demo.duckdb"
    cli(["demo", "--contributions", "200", "--out", str(out)])
    _frames, meta = store.read_frames(out)
    assert meta["is_demo"] == "true"
