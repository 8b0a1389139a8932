"""The Réponses page's export files, built in a child process when they are long.

Every script run of a server process holds its single run slot (consultation.runs). An export of
100 000 contributions to XLSX takes 8.7 s (bench/bench_export.py): built inside the run, it made
every other session of the process wait that long. ``build_apart`` builds the file in a child
process (``python -m consultation.export_job``) and gives up the slot while it waits, so the
other sessions go on; the session that asked sees its spinner as before.

The child gets an ``ExportJob`` (the bound filter params, the kind and format, the « À propos »
lines) on its stdin, opens the database read-only, checks that it is the version the asking run
is pinned to (an import may have replaced the file meanwhile: then ``DatabaseChanged``), and
writes back the file's bytes. One fresh process an export: its memory goes back to the system
when it ends, and a crash costs only that export (``ExportFailed``). It gets SIGTERM if the
server dies.

Small exports are built in the run (``build``): a child costs about half a second to start.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from consultation import db, export, fr, privacy, runs
from consultation.serve import die_with_parent

ROOT = Path(__file__).resolve().parent.parent
APART_FROM_ROWS = 20_000  # rows from which a file is built in a child process
ROWS_LINE = "Lignes"  # the « À propos » line that gets the file's row count


class DatabaseChanged(Exception):
    """The database was replaced by an import between the request and the build."""


class ExportFailed(Exception):
    """The child process ended without a file."""


@dataclass(frozen=True)
class ExportJob:
    path: str  # the database file, absolute (the child runs in the project's folder)
    version: str  # db.database_version() of the asking run: the file's path, inode and mtime
    params: dict  # Filters.sql_params()
    granularity: str  # "reponse": one row a réponse; "contribution": one row a contribution
    file_format: str  # "csv" or "xlsx"
    mask_pii: bool  # personal data masked in the texts (privacy.mask_pii)
    sheet: str = "Réponses"  # XLSX: the data sheet's name
    about: tuple[tuple[str, str], ...] = ()  # XLSX: the « À propos » sheet's lines


def build(job: ExportJob) -> tuple[bytes, int]:
    """(file bytes, data rows) of ``job``, built here, from the database version ``job`` names."""
    path = Path(job.path)
    with db.pinned(path):
        if _stamp(db.database_version(path)) != _stamp(job.version):
            raise DatabaseChanged(job.version)
        if job.granularity == "contribution":
            table = export.contributions_table(
                db.run_uncached("export_contributions", **job.params),
                db.run_uncached("export_contribution_answers", **job.params),
                db.run_uncached("questions"),
            )
        else:
            table = export.answers_table(db.run_uncached("export_answers", **job.params))
    if job.mask_pii:
        fixed = set(export.CONTRIBUTION_COLUMNS.values())
        texts = [c for c in table.columns if c not in fixed and table.schema[c] == pl.String]
        table = privacy.mask_columns(table, texts)
    if job.file_format == "csv":
        return export.csv_bytes(table), table.height
    about = [(k, fr.integer(table.height) if k == ROWS_LINE else v) for k, v in job.about]
    return export.xlsx_bytes(table, job.sheet, about), table.height


def _stamp(version: str) -> list[str]:
    """The file's inode and mtime in a db.database_version() string: the same file whether its
    path was written relative (the server's $CONSULTATION_DB) or absolute (the job's)."""
    return version.rsplit(":", 2)[-2:]


def build_apart(job: ExportJob) -> tuple[bytes, int]:
    """``build(job)`` in a child process, the run slot given up meanwhile (see the module)."""
    with runs.released():
        child = subprocess.Popen(
            [sys.executable, "-m", "consultation.export_job"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=ROOT,
        )
        try:
            out, _ = child.communicate(pickle.dumps(job))
        finally:
            if child.poll() is None:  # the waiting thread was interrupted: no orphan build
                child.kill()
                child.wait()
    if child.returncode != 0 or not out:
        raise ExportFailed(f"exit status {child.returncode}")
    result = pickle.loads(out)  # our own child's answer, on a private pipe
    if result[0] == "changed":
        raise DatabaseChanged(job.version)
    return result[1], result[2]


def main() -> int:
    """The child: an ExportJob on stdin, ("ok", bytes, rows) or ("changed",) on stdout."""
    die_with_parent()
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything a library prints goes to the log, not into the answer
    job = pickle.load(sys.stdin.buffer)  # sent by our server process
    try:
        data, rows = build(job)
        result = ("ok", data, rows)
    except DatabaseChanged:
        result = ("changed",)
    pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
    out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
