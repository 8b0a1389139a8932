"""One script run at a time in the server process.

Streamlit runs each session's script in its own thread. Two threads inside polars at once can
stall the whole server for good: under the 20-session load test (bench/load_test.py, websocket
driver), after 16 to ~1 400 actions, py-spy showed both of polars' pool workers waiting for the
GIL (pyo3 attach) while the sessions' threads waited on that pool (rayon latches) and none ever
finished; every later connection timed out. It happens with polars 2.1.0 (the latest) on Python
3.11, without any Python callback of ours inside polars (tests/test_threads.py).

Serialising the runs costs little: a run is mostly Python, which the GIL serialises anyway, and
DuckDB already uses every core for one query. The router holds the gate for the whole run; the
few polars calls made outside a run (a CSV written when its download button is clicked) take it
too. A run that waits for the gate holds no other lock, so a database swap (db.pinned) cannot
wait on it.

The price: a long run makes every other session of its process wait for it (``serve`` starts
one process a core, so the sessions of the other processes go on). At the default size runs take
0.1-0.8 s. The longest runs, exports (an XLSX of 100 000 contributions: 8.7 s,
bench/bench_export.py), build their file in a child process and give up the slot while they wait
(``released``, consultation.export_job). Lift the gate once the polars operation that needs the
GIL on its pool is found (or polars fixes it).
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

_gate = threading.Lock()
_holder: int | None = None  # the thread that holds the slot
_waiting = 0  # runs waiting for the slot
_waiting_lock = threading.Lock()


def _acquire() -> None:
    global _waiting, _holder
    with _waiting_lock:
        _waiting += 1
    try:
        _gate.acquire()
    finally:
        with _waiting_lock:
            _waiting -= 1
    _holder = threading.get_ident()


def _release() -> None:
    global _holder
    _holder = None
    _gate.release()


@contextmanager
def exclusive():
    """Hold the process's single script-run slot for the block."""
    _acquire()
    try:
        yield
    finally:
        _release()


@contextmanager
def released():
    """Inside ``exclusive``: give the slot to the other runs for the block, then queue for it
    again. For a run that waits on another process (an export built apart) and calls no polars
    meanwhile. Outside ``exclusive`` (a script, a benchmark) the block just runs."""
    if _holder != threading.get_ident():
        yield
        return
    _release()
    try:
        yield
    finally:
        _acquire()


def others_waiting() -> bool:
    """Whether other runs are queued for the slot: the process is busy, so a run should not
    spread its own work over more threads (db.run_many)."""
    return _waiting > 0


def run_exclusive(fn):
    """``fn`` as a callable that runs it holding the slot (for work done outside a script run)."""

    def wrapped():
        with exclusive():
            return fn()

    return wrapped
