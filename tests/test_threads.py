"""Rules for code that runs inside sessions' script runs (pages/, and consultation/ except the
build and import code): Streamlit runs every session's script in its own thread of one process."""

import re
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run once, single-threaded, by `python -m consultation demo|import|upgrade`, never by a page.
BUILD_ONLY = {"text.py", "text_build.py", "demo.py", "demo_text.py", "demo_questionnaires.py", "store.py"}


def session_code() -> list[Path]:
    files = sorted((ROOT / "pages").glob("*.py")) + sorted((ROOT / "consultation").rglob("*.py"))
    return [f for f in files if f.name not in BUILD_ONLY and "importers" not in f.parts]


def test_no_python_callbacks_inside_polars_in_session_code():
    """map_elements / map_batches / map_rows run Python on polars' thread pool, whose workers
    must then take the GIL from sessions' threads that wait on that pool: the pattern of the
    stall seen under the 20-session load test (py-spy: both polars workers in pyo3's GIL attach,
    14 script threads on rayon latches; see consultation/runs.py). Values are formatted in Python
    lists instead (see ui._table)."""
    pattern = re.compile(r"\.(map_elements|map_batches|map_rows)\(")
    offenders = [
        f"{f.relative_to(ROOT)}:{n}"
        for f in session_code()
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line) and not line.lstrip().startswith("#")
    ]
    assert offenders == []


def test_a_run_knows_when_others_wait_for_the_process():
    """db.run_many spreads a run's queries over threads only when no other run is queued."""
    from consultation import runs

    assert not runs.others_waiting()
    entered = threading.Event()
    with runs.exclusive():
        second = threading.Thread(target=_wait_for_slot, args=(entered,))
        second.start()
        entered.wait(5)
        for _ in range(100):
            if runs.others_waiting():
                break
            time.sleep(0.01)
        assert runs.others_waiting()
    second.join(5)
    assert not runs.others_waiting()


def _wait_for_slot(entered: threading.Event) -> None:
    from consultation import runs

    entered.set()
    with runs.exclusive():
        pass
