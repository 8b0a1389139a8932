import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fixture_db  # noqa: E402


@pytest.fixture(scope="session")
def fixture_db_path(tmp_path_factory) -> Path:
    """The hand-made fixture database, opened by the app through $CONSULTATION_DB."""
    path = fixture_db.build(tmp_path_factory.mktemp("db") / "fixture.duckdb")
    os.environ["CONSULTATION_DB"] = str(path)
    return path
