"""Property: whatever the bytes, reading a file ends in a ParsedFile or in the importer's own
French ImportFileError (never another exception, never an "erreur interne"), and importing it
either adds exactly the file's contributions or leaves the database byte for byte unchanged."""

import hashlib
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consultation import importers, store

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"
SEEDS = {
    name: (FIXTURES / name).read_bytes()
    for name in (
        "capcollectif_metavers.csv",
        "granddebat_fiscalite_latin1.csv",
        "generic_google_forms.csv",
        "generic_cp1252_semicolon.csv",
        "limesurvey_archivage.xlsx",
    )
}
NASTY = [
    b'"',
    b",",
    b";",
    b"\n",
    b"\r\n",
    b"\x00",
    b"\xff",
    b"\xe9",
    b"\xc3",
    b"<p>",
    b"&amp;",
    b"\t",
    b"|",
    b"\xef\xbb\xbf",
]


@st.composite
def mutated(draw) -> tuple[str, bytes]:
    """A fixture file with a few random cuts, insertions, duplications or re-encodings."""
    name = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[name])
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["cut", "insert", "nasty", "duplicate", "truncate", "flip"]))
        at = draw(st.integers(0, len(data)))
        if op == "cut":
            del data[at : at + draw(st.integers(1, 40))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=12))
        elif op == "nasty":
            data[at:at] = draw(st.sampled_from(NASTY))
        elif op == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 200))]
        elif op == "truncate":
            del data[at:]
        elif data:
            i = min(at, len(data) - 1)
            data[i] ^= draw(st.integers(1, 255))
    return name, bytes(data)


def options_for(name: str) -> importers.Options:
    if name.startswith("generic_cp1252"):
        return importers.Options(
            mapping=importers.load_mapping((FIXTURES / "generic_cp1252.toml").read_bytes()), theme="langue"
        )
    return importers.Options(theme="metavers")


def read(name: str, data: bytes) -> tuple[importers.ParsedFile | None, importers.ImportFileError | None]:
    """The file read, or the importer's own refusal (any other exception fails the test)."""
    try:
        return importers.parse(data, name, options_for(name)), None
    except importers.ImportFileError as e:
        return None, e


def refused_in_french(error: importers.ImportFileError) -> bool:
    """A message for the person importing: a French sentence, never an internal error."""
    text = error.describe()
    return "erreur interne" not in error.message and (text[0].isupper() or text[0] == "«")


def previewed_whole(parsed: importers.ParsedFile) -> bool:
    """The preview's counts are those of the rows the import will write, and there are some."""
    return (
        parsed.report["contributions"] == parsed.contributions.height > 0
        and parsed.report["answers"] == parsed.answers.height
    )


def read_or_refused_in_french(name: str, data: bytes) -> bool:
    parsed, error = read(name, data)
    return refused_in_french(error) if error else previewed_whole(parsed)


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_a_mutated_file_is_read_or_refused_in_french(case):
    assert read_or_refused_in_french(*case)


@settings(max_examples=60, deadline=None, database=None)
@given(st.binary(max_size=600))
def test_random_bytes_are_read_or_refused_in_french(data):
    assert read_or_refused_in_french("hasard.csv", data)


@settings(max_examples=60, deadline=None, database=None)
@given(st.text(alphabet=st.sampled_from(list('ab,;"\n\r\t é€<>&#x0123')), max_size=300))
def test_random_csv_like_text_is_read_or_refused_in_french(text):
    for encoding in ("utf-8", "cp1252"):
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue
        assert read_or_refused_in_french("texte.csv", data), encoding


@pytest.fixture(scope="module")
def base_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("base") / "base.duckdb"
    importers.import_file(FIXTURES / "generic_google_forms.csv", path, importers.Options(theme="donnees_ia"))
    return path


@settings(max_examples=12, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=mutated())
def test_an_import_adds_the_whole_file_or_changes_nothing(case, base_db, tmp_path_factory):
    name, data = case
    db_path = tmp_path_factory.mktemp("prop") / "consultation.duckdb"
    shutil.copy(base_db, db_path)
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    contributions_before = store.read_frames(db_path)[0]["contributions"].height
    parsed, error = read(name, data)
    if error:  # refused on reading: the command line's import refuses it too, and writes nothing
        assert refused_in_french(error), error.describe()
        upload = tmp_path_factory.mktemp("file") / name
        upload.write_bytes(data)
        with pytest.raises(importers.ImportFileError):
            importers.import_file(upload, db_path, options_for(name))
        assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
        return
    assert previewed_whole(parsed)
    try:
        report = importers.commit(parsed, db_path)
    except importers.ImportFileError as e:
        assert "erreur interne" not in e.message, e.__cause__
        assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
        return
    after = store.read_frames(db_path)[0]["contributions"].height
    assert after == contributions_before + report["contributions"]
