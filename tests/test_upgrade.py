"""A database written by an older version: the app says so, and `upgrade` rebuilds it in place."""

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import fixture_db
from streamlit.testing.v1 import AppTest

from consultation import store

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


def make_old(path: Path) -> Path:
    """The fixture as the first schema wrote it: no derived tables, schema_version 1."""
    fixture_db.build(path)
    con = duckdb.connect(str(path))
    try:
        for table in (
            "duplicate_group_keys",
            "question_term_totals",
            "open_answer_facts",
            "term_lists",
            "term_index",
            "term_keys",
            "closed_picks",
            "search_postings",
            "search_words",
            "search_answers",
            "search_questions",
            "answer_index",
            "contribution_facts",
        ):
            con.execute(f"DROP TABLE {table}")  # fixed names
        con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    finally:
        con.close()
    return path


def test_the_app_asks_for_an_upgrade_instead_of_failing(tmp_path, monkeypatch):
    old = make_old(tmp_path / "old.duckdb")
    monkeypatch.setenv("CONSULTATION_DB", str(old))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert "version antérieure" in at.error[0].value
    assert "python -m consultation upgrade" in at.error[0].value
    assert not at.metric  # no page ran on the old file


def test_upgrade_rebuilds_an_old_file_with_the_same_data(tmp_path):
    old = make_old(tmp_path / "old.duckdb")
    current = fixture_db.build(tmp_path / "current.duckdb")
    done = subprocess.run(
        [sys.executable, "-m", "consultation", "upgrade", "--db", str(old)], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "Base mise à jour" in done.stdout
    assert store.schema_version(old) == store.SCHEMA_VERSION

    def counts(path):
        con = duckdb.connect(str(path), read_only=True)
        try:
            return con.execute(
                "SELECT (SELECT count(*) FROM contribution_facts), (SELECT sum(answer_count) FROM contribution_facts),"
                " (SELECT count(*) FROM search_answers), (SELECT count(*) FROM search_words),"
                " (SELECT count(*) FROM search_postings), (SELECT count(*) FROM closed_picks),"
                " (SELECT count(*) FROM term_index), (SELECT count(*) FROM open_answer_facts),"
                " (SELECT sum(len(term_keys)) FROM term_lists)"
            ).fetchone()
        finally:
            con.close()

    assert counts(old) == counts(current)
    assert counts(old)[0] == 6
    before = old.stat().st_mtime_ns
    assert store.upgrade(old) is False  # already current: the file is left alone
    assert old.stat().st_mtime_ns == before
    shutil.rmtree(tmp_path, ignore_errors=True)
